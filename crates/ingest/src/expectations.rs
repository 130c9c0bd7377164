//! Published expectations tables (ANALYTICS.md §2, steps 1 and 2): a nation's
//! prior-attainment groups and the expected outcome of each (e.g. DfE's Attainment 8
//! estimates by KS2 group), read from CSV → validated → rows for
//! the store's `import_expectations`. See `docs/import.md`.
//!
//! Two files — groups (`measure, year, group, low, high`) and expectations (`measure, year,
//! group, expected`) — or one combined file with all six headings. `measure` is a subject
//! code, `year` an academic year's name (`2025/26`). Headings are matched ignoring case.
//! The expectations file (or the combined one) may carry an optional `sd` column: the
//! published standard deviation of pupil value added for the measure and year (DfE's
//! national SD, e.g. 1.41628 for Progress 8 in 2024), which the confidence intervals then
//! use instead of the deployment's own spread (ANALYTICS.md §2 step 5). It may be given on
//! one row of a measure and year or on several; where given more than once it must agree.
//! Validation reads everything and never stops at the first problem; rows with a problem
//! are left out of the plan, and a plan with problems must not be applied.

use crate::csv_rows::{Headings, Row, read_rows};
use crate::limits::Limits;
use crate::oneroster::Problem;
use crate::reason::Reason;
use headway_domain::progress::published::{ExpectationRow, KnownNames};
use std::collections::{BTreeMap, HashMap};

/// A CSV file as it was sent: its name (for problems) and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct CsvFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The outcome of validating a table: the rows to import and every problem.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Validated {
    pub rows: Vec<ExpectationRow>,
    pub problems: Vec<Problem>,
}

/// The headings of a groups file.
pub const GROUP_HEADINGS: [&str; 5] = ["measure", "year", "group", "low", "high"];
/// The headings of an expectations file.
pub const EXPECTATION_HEADINGS: [&str; 4] = ["measure", "year", "group", "expected"];
/// The headings of a combined file.
pub const COMBINED_HEADINGS: [&str; 6] = ["measure", "year", "group", "low", "high", "expected"];
/// The optional heading of the published standard deviation, in an expectations or a
/// combined file.
pub const SD_HEADING: &str = "sd";

/// Validates a groups file and an expectations file: each group must be in both. Each
/// file must keep to `limits`.
pub fn validate_separate(
    groups: CsvFile<'_>,
    expectations: CsvFile<'_>,
    known: &KnownNames,
    limits: &Limits,
) -> Validated {
    let mut problems = Vec::new();
    let mut ranges = read_file(groups, &GROUP_HEADINGS, known, limits, &mut problems);
    let estimates = read_file(
        expectations,
        &EXPECTATION_HEADINGS,
        known,
        limits,
        &mut problems,
    );
    check_overlaps(groups.name, &mut ranges.rows, &mut problems);

    let mut rows = Vec::new();
    // A file that could not be read says nothing about which groups the other one lacks.
    if ranges.usable && estimates.usable {
        for (key, line) in &ranges.lines {
            if !estimates.lines.contains_key(key) {
                problems.push(Problem::new(
                    groups.name,
                    *line,
                    "group",
                    group_reason("table-group-not-expected", key, expectations.name, None),
                ));
            }
        }
        for (key, line) in &estimates.lines {
            if !ranges.lines.contains_key(key) {
                problems.push(Problem::new(
                    expectations.name,
                    *line,
                    "group",
                    group_reason("table-group-not-in-groups", key, groups.name, None),
                ));
            }
        }
        let expected: HashMap<&Key, f64> = estimates
            .rows
            .iter()
            .filter(|r| r.ok)
            .filter_map(|r| Some((&r.key, r.expected?)))
            .collect();
        let sds = published_sds(expectations.name, &estimates.rows, &mut problems);
        for r in ranges.rows.iter().filter(|r| r.ok) {
            if let (Some((low, high)), Some(&expected)) = (r.range, expected.get(&r.key)) {
                rows.push(plan_row(&r.key, low, high, expected, &sds));
            }
        }
    }
    sort_problems(&mut problems, &[groups.name, expectations.name]);
    Validated { rows, problems }
}

/// Validates one file holding both the groups and their expected outcomes, within `limits`.
pub fn validate_combined(file: CsvFile<'_>, known: &KnownNames, limits: &Limits) -> Validated {
    let mut problems = Vec::new();
    let mut table = read_file(file, &COMBINED_HEADINGS, known, limits, &mut problems);
    check_overlaps(file.name, &mut table.rows, &mut problems);
    let sds = published_sds(file.name, &table.rows, &mut problems);
    let rows = table
        .rows
        .iter()
        .filter(|r| r.ok)
        .filter_map(|r| {
            let (low, high) = r.range?;
            Some(plan_row(&r.key, low, high, r.expected?, &sds))
        })
        .collect();
    sort_problems(&mut problems, &[file.name]);
    Validated { rows, problems }
}

/// (measure, year, group)
type Key = (String, String, String);

/// A reason about one group of a measure and year: `file` is the other file it concerns,
/// `first` the line it was first given on.
fn group_reason(id: &str, key: &Key, file: &str, first: Option<u64>) -> Reason {
    let mut args = vec![
        ("group", key.2.clone()),
        ("measure", key.0.clone()),
        ("year", key.1.clone()),
        ("file", file.to_owned()),
    ];
    if let Some(first) = first {
        args.push(("first", first.to_string()));
    }
    Reason::new(id, args)
}

fn plan_row(
    key: &Key,
    low: f64,
    high: f64,
    expected: f64,
    sds: &BTreeMap<(String, String), f64>,
) -> ExpectationRow {
    ExpectationRow {
        measure: key.0.clone(),
        year: key.1.clone(),
        group: key.2.clone(),
        low,
        high,
        expected,
        sd: sds.get(&(key.0.clone(), key.1.clone())).copied(),
    }
}

/// The published SD of each measure and year that gives one. A measure and year whose
/// rows give different SDs is a problem on each row that differs from the first.
fn published_sds(
    file: &str,
    rows: &[Parsed],
    problems: &mut Vec<Problem>,
) -> BTreeMap<(String, String), f64> {
    let mut first: BTreeMap<(String, String), (f64, u64)> = BTreeMap::new();
    for r in rows {
        let Some(sd) = r.sd else { continue };
        let table = (r.key.0.clone(), r.key.1.clone());
        match first.get(&table) {
            Some(&(given, line)) if given != sd => problems.push(Problem::new(
                file,
                r.line,
                SD_HEADING,
                crate::reason!(
                    "table-sd-differs",
                    sd = sd,
                    measure = table.0,
                    year = table.1,
                    first = given,
                    first_line = line
                ),
            )),
            Some(_) => {}
            None => {
                first.insert(table, (sd, r.line));
            }
        }
    }
    first.into_iter().map(|(k, (sd, _))| (k, sd)).collect()
}

/// One row with its measure, year and group.
struct Parsed {
    line: u64,
    key: Key,
    /// `[low, high]`, when both are numbers and `low ≤ high`.
    range: Option<(f64, f64)>,
    expected: Option<f64>,
    /// The published SD, where the file has an `sd` column and the row a value in it.
    sd: Option<f64>,
    /// Whether the row has no problem.
    ok: bool,
}

/// What a file holds: its rows that name a group, and the line of every group it names.
struct Sheet {
    rows: Vec<Parsed>,
    lines: BTreeMap<Key, u64>,
    /// Whether the file could be read and has its headings.
    usable: bool,
}

/// Reads one file, checking each row on its own: required values, numbers, ranges, known
/// measures and years, a group given twice.
fn read_file(
    file: CsvFile<'_>,
    headings: &[&str],
    known: &KnownNames,
    limits: &Limits,
    problems: &mut Vec<Problem>,
) -> Sheet {
    let mut sheet = Sheet {
        rows: Vec::new(),
        lines: BTreeMap::new(),
        usable: true,
    };
    let mut positions: Option<Vec<Option<usize>>> = None;
    let mut sd_position: Option<Option<usize>> = None;
    let mut any_rows = false;
    let takes_sd = headings.contains(&"expected");
    let result = read_rows(file.bytes, limits, |names, row| {
        any_rows = true;
        let sd_position = *sd_position.get_or_insert_with(|| {
            names
                .names
                .iter()
                .position(|n| takes_sd && n.eq_ignore_ascii_case(SD_HEADING))
        });
        let positions =
            positions.get_or_insert_with(|| find_headings(file.name, names, headings, problems));
        if positions.iter().any(Option::is_none) {
            return;
        }
        let problem = |problems: &mut Vec<Problem>, column: &str, message: Reason| {
            problems.push(Problem::new(file.name, row.line, column, message));
        };
        let before = problems.len();
        let fields: Vec<Option<&str>> = positions
            .iter()
            .zip(headings)
            .map(|(&position, heading)| field(&row, position, heading, file.name, problems))
            .collect();
        let value = |heading: &str| {
            headings
                .iter()
                .position(|h| *h == heading)
                .and_then(|i| fields[i])
        };
        let number = |problems: &mut Vec<Problem>, heading: &str| {
            let text = value(heading)?;
            let parsed = text.parse::<f64>().ok().filter(|n| n.is_finite());
            if parsed.is_none() {
                problem(
                    problems,
                    heading,
                    crate::reason!("not-a-number", text = text),
                );
            }
            parsed
        };
        if let Some(measure) = value("measure")
            && !known.subject_codes.contains(measure)
        {
            problem(
                problems,
                "measure",
                crate::reason!("table-unknown-measure", measure = measure),
            );
        }
        if let Some(year) = value("year")
            && !known.year_names.contains(year)
        {
            let names: Vec<&str> = known.year_names.iter().map(String::as_str).collect();
            problem(
                problems,
                "year",
                if names.is_empty() {
                    crate::reason!("table-unknown-year-none", year = year)
                } else {
                    crate::reason!("table-unknown-year", year = year, known = names.join(", "))
                },
            );
        }
        let low = headings.contains(&"low").then(|| number(problems, "low"));
        let high = headings.contains(&"high").then(|| number(problems, "high"));
        let expected = headings
            .contains(&"expected")
            .then(|| number(problems, "expected"))
            .flatten();
        let sd = match sd_position {
            Some(position) if row.is_garbled(Some(position)) => {
                problem(problems, SD_HEADING, crate::reason!("not-utf8"));
                None
            }
            Some(position) => row.get(Some(position)).and_then(|text| {
                match text.parse::<f64>().ok().filter(|n| n.is_finite()) {
                    Some(sd) if sd > 0.0 => Some(sd),
                    Some(_) => {
                        problem(
                            problems,
                            SD_HEADING,
                            crate::reason!("table-sd-not-positive", sd = text),
                        );
                        None
                    }
                    None => {
                        problem(
                            problems,
                            SD_HEADING,
                            crate::reason!("not-a-number", text = text),
                        );
                        None
                    }
                }
            }),
            None => None,
        };
        let range = match (low.flatten(), high.flatten()) {
            (Some(low), Some(high)) if high < low => {
                problem(
                    problems,
                    "high",
                    crate::reason!("table-empty-range", high = high, low = low),
                );
                None
            }
            (Some(low), Some(high)) => Some((low, high)),
            _ => None,
        };
        let (Some(measure), Some(year), Some(group)) =
            (value("measure"), value("year"), value("group"))
        else {
            return;
        };
        let key: Key = (measure.to_owned(), year.to_owned(), group.to_owned());
        if let Some(first) = sheet.lines.get(&key) {
            problem(
                problems,
                "group",
                group_reason("table-group-twice", &key, "", Some(*first)),
            );
            return;
        }
        sheet.lines.insert(key.clone(), row.line);
        sheet.rows.push(Parsed {
            line: row.line,
            key,
            range,
            expected,
            sd,
            ok: problems.len() == before,
        });
    });
    match result {
        Ok(names) => {
            if positions.is_none() {
                find_headings(file.name, &names, headings, problems);
            }
            if !any_rows {
                problems.push(Problem::new(
                    file.name,
                    0,
                    "",
                    crate::reason!("table-no-rows"),
                ));
                sheet.usable = false;
            }
        }
        Err(fault) => {
            problems.push(Problem::new(
                file.name,
                fault.line,
                String::new(),
                fault.message,
            ));
            sheet.usable = false;
        }
    }
    if positions.is_none_or(|p| p.iter().any(Option::is_none)) {
        sheet.usable = false;
    }
    sheet
}

/// Where each heading is (ignoring case), reporting the missing ones on line 1.
fn find_headings(
    file: &str,
    names: &Headings,
    headings: &[&str],
    problems: &mut Vec<Problem>,
) -> Vec<Option<usize>> {
    headings
        .iter()
        .map(|heading| {
            let position = names
                .names
                .iter()
                .position(|n| n.eq_ignore_ascii_case(heading));
            if position.is_none() {
                problems.push(Problem::new(
                    file,
                    1,
                    *heading,
                    crate::reason!("required-column-missing"),
                ));
            }
            position
        })
        .collect()
}

/// A required field's text, or a problem saying why there is none.
fn field<'r>(
    row: &'r Row<'_>,
    position: Option<usize>,
    heading: &str,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'r str> {
    let reason = if row.is_garbled(position) {
        crate::reason!("not-utf8")
    } else if let Some(text) = row.get(position) {
        return Some(text);
    } else {
        crate::reason!("required-field-empty")
    };
    problems.push(Problem::new(file, row.line, heading, reason));
    None
}

/// Within each measure and year, no prior score may fall in two groups (ranges are closed:
/// `[59, 82]` and `[82, 86]` overlap at 82). Each overlapping group is reported with the
/// group it overlaps.
fn check_overlaps(file: &str, rows: &mut [Parsed], problems: &mut Vec<Problem>) {
    let mut tables: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        if r.range.is_some() {
            tables
                .entry((r.key.0.as_str(), r.key.1.as_str()))
                .or_default()
                .push(i);
        }
    }
    let mut overlapping = Vec::new();
    for mut table in tables.into_values() {
        let range = |i: usize| rows[i].range.unwrap_or_default();
        table.sort_by(|&a, &b| range(a).0.total_cmp(&range(b).0));
        // The group reaching highest so far: any later group starting at or below its top
        // overlaps it.
        let mut widest = table[0];
        for &i in &table[1..] {
            let (low, high) = range(i);
            let (other_low, other_high) = range(widest);
            if low <= other_high {
                problems.push(Problem::new(
                    file,
                    rows[i].line,
                    "low",
                    crate::reason!(
                        "table-ranges-overlap",
                        low = low,
                        high = high,
                        group = rows[i].key.2,
                        other_low = other_low,
                        other_high = other_high,
                        other_group = rows[widest].key.2,
                        other_line = rows[widest].line
                    ),
                ));
                overlapping.extend([i, widest]);
            }
            if high > other_high {
                widest = i;
            }
        }
    }
    for i in overlapping {
        rows[i].ok = false;
    }
}

/// Problems in the order of the files, then by line.
fn sort_problems(problems: &mut [Problem], files: &[&str]) {
    problems.sort_by_key(|p| (files.iter().position(|f| *f == p.file), p.line));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> KnownNames {
        KnownNames {
            subject_codes: ["MAT", "ENG"].map(String::from).into(),
            year_names: ["2024/25", "2025/26"].map(String::from).into(),
        }
    }

    fn csv<'a>(name: &'a str, text: &'a str) -> CsvFile<'a> {
        CsvFile {
            name,
            bytes: text.as_bytes(),
        }
    }

    fn separate(groups: &str, expectations: &str) -> Validated {
        validate_separate(
            csv("groups.csv", groups),
            csv("expectations.csv", expectations),
            &known(),
            &Limits::default(),
        )
    }

    /// Each problem as `file:line:column: reason`.
    fn listed(validated: &Validated) -> Vec<String> {
        validated
            .problems
            .iter()
            .map(|p| format!("{}:{}:{}: {}", p.file, p.line, p.column, p.reason()))
            .collect()
    }

    const GROUPS: &str = "measure,year,group,low,high\n\
                          MAT,2025/26,1,59,82\n\
                          MAT,2025/26,2,82.5,86\n\
                          ENG,2025/26,1,59,86\n";
    const EXPECTATIONS: &str = "measure,year,group,expected\n\
                                MAT,2025/26,1,2.1\n\
                                MAT,2025/26,2,2.9\n\
                                ENG,2025/26,1,3.5\n";

    #[test]
    fn expectations_in_two_files_join_into_one_row_per_group() {
        let validated = separate(GROUPS, EXPECTATIONS);
        assert!(validated.problems.is_empty(), "{:?}", listed(&validated));
        assert_eq!(validated.rows.len(), 3);
        assert!(validated.rows.contains(&ExpectationRow {
            measure: "MAT".into(),
            year: "2025/26".into(),
            group: "2".into(),
            low: 82.5,
            high: 86.0,
            expected: 2.9,
            sd: None,
        }));
    }

    #[test]
    fn expectations_in_one_combined_file_with_a_bom_crlf_and_capitalised_headings() {
        let text = "\u{feff}Measure,Year,Group,Low,High,Expected\r\n\
                    MAT,2025/26,1,59,82,2.1\r\n\
                    MAT,2025/26,2,82.5,86,2.9\r\n";
        let validated = validate_combined(csv("table.csv", text), &known(), &Limits::default());
        assert!(validated.problems.is_empty(), "{:?}", listed(&validated));
        assert_eq!(validated.rows.len(), 2);
        assert_eq!(validated.rows[0].expected, 2.1);
    }

    #[test]
    fn expectations_missing_headings_and_values_are_named_with_their_line() {
        let validated = separate(
            "measure,year,group,low\nMAT,2025/26,1,59\n",
            "measure,year,group,expected\nMAT,,1,2.1\n",
        );
        assert_eq!(
            listed(&validated),
            [
                "groups.csv:1:high: the required column is missing",
                "expectations.csv:2:year: a required field is empty",
            ]
        );
        assert!(validated.rows.is_empty());
    }

    #[test]
    fn a_published_sd_is_carried_to_every_row_of_its_measure_and_year() {
        let validated = separate(
            GROUPS,
            "measure,year,group,expected,SD\n\
             MAT,2025/26,1,2.1,1.41628\n\
             MAT,2025/26,2,2.9,\n\
             ENG,2025/26,1,3.5,\n",
        );
        assert!(validated.problems.is_empty(), "{:?}", listed(&validated));
        let sd = |measure: &str| -> Vec<Option<f64>> {
            validated
                .rows
                .iter()
                .filter(|r| r.measure == measure)
                .map(|r| r.sd)
                .collect()
        };
        assert_eq!(sd("MAT"), [Some(1.41628), Some(1.41628)]);
        assert_eq!(sd("ENG"), [None]);
    }

    #[test]
    fn a_published_sd_that_differs_within_a_table_or_is_not_positive_is_a_problem() {
        let validated = validate_combined(
            csv(
                "table.csv",
                "measure,year,group,low,high,expected,sd\n\
                 MAT,2025/26,1,59,82,2.1,1.4\n\
                 MAT,2025/26,2,82.5,86,2.9,1.5\n\
                 ENG,2025/26,1,59,86,3.5,0\n\
                 ENG,2025/26,2,86.5,90,3.9,wide\n",
            ),
            &known(),
            &Limits::default(),
        );
        assert_eq!(
            listed(&validated),
            [
                "table.csv:3:sd: the standard deviation 1.5 of MAT 2025/26 differs from 1.4, given on line 2: a measure and year has one",
                "table.csv:4:sd: the standard deviation must be a number above 0, not `0`",
                "table.csv:5:sd: `wide` is not a number",
            ]
        );
    }

    #[test]
    fn expectations_that_are_not_numbers_or_empty_ranges_are_problems() {
        let validated = validate_combined(
            csv(
                "table.csv",
                "measure,year,group,low,high,expected\n\
                 MAT,2025/26,1,fifty,82,2.1\n\
                 MAT,2025/26,2,90,86,x\n",
            ),
            &known(),
            &Limits::default(),
        );
        assert_eq!(
            listed(&validated),
            [
                "table.csv:2:low: `fifty` is not a number",
                "table.csv:3:expected: `x` is not a number",
                "table.csv:3:high: the range is empty: high 86 is below low 90",
            ]
        );
        assert!(validated.rows.is_empty());
    }

    #[test]
    fn expectations_with_overlapping_ranges_name_both_groups() {
        let validated = separate(
            "measure,year,group,low,high\n\
             MAT,2025/26,1,59,82\n\
             MAT,2025/26,2,82,86\n\
             MAT,2024/25,2,82,86\n\
             ENG,2025/26,1,80,90\n",
            "measure,year,group,expected\n\
             MAT,2025/26,1,2.1\n\
             MAT,2025/26,2,2.9\n\
             MAT,2024/25,2,2.9\n\
             ENG,2025/26,1,3.5\n",
        );
        // Another year and another measure may cover the same scores.
        assert_eq!(
            listed(&validated),
            [
                "groups.csv:3:low: the range 82 to 86 of group `2` overlaps the range 59 to 82 of group `1` (line 2)"
            ]
        );
        assert_eq!(validated.rows.len(), 2);
    }

    #[test]
    fn expectations_and_groups_must_name_the_same_groups() {
        let validated = separate(
            GROUPS,
            "measure,year,group,expected\n\
             MAT,2025/26,1,2.1\n\
             MAT,2025/26,3,3.4\n\
             ENG,2025/26,1,3.5\n",
        );
        assert_eq!(
            listed(&validated),
            [
                "groups.csv:3:group: group `2` of MAT 2025/26 has no expected outcome in expectations.csv",
                "expectations.csv:3:group: group `3` of MAT 2025/26 is not in groups.csv",
            ]
        );
        assert_eq!(validated.rows.len(), 2);
    }

    #[test]
    fn expectations_giving_a_group_twice_name_the_first_line() {
        let validated = separate(
            GROUPS,
            "measure,year,group,expected\n\
             MAT,2025/26,1,2.1\n\
             MAT,2025/26,2,2.9\n\
             MAT,2025/26,1,2.2\n\
             ENG,2025/26,1,3.5\n",
        );
        assert_eq!(
            listed(&validated),
            ["expectations.csv:4:group: group `1` of MAT 2025/26 is given twice (first on line 2)"]
        );
    }

    #[test]
    fn expectations_for_unknown_measures_and_years_are_problems_on_every_row() {
        let validated = validate_combined(
            csv(
                "table.csv",
                "measure,year,group,low,high,expected\n\
                 SCI,2025/26,1,59,82,2.1\n\
                 MAT,2025-26,1,59,82,2.1\n\
                 MAT,2025/26,1,59,82,2.1\n",
            ),
            &known(),
            &Limits::default(),
        );
        assert_eq!(
            listed(&validated),
            [
                "table.csv:2:measure: `SCI` is not the code of a subject Headway knows",
                "table.csv:3:year: `2025-26` is not an academic year Headway knows (it knows 2024/25, 2025/26)",
            ]
        );
        assert_eq!(validated.rows.len(), 1);
    }

    #[test]
    fn expectations_problems_are_all_listed_in_one_pass() {
        let validated = separate(
            "measure,year,group,low,high\n\
             XXX,2025/26,1,59,82\n\
             MAT,2025/26,2,,86\n\
             MAT,2025/26,3,90,88\n",
            "measure,year,group,expected\n\
             XXX,2025/26,1,abc\n",
        );
        let reasons = listed(&validated);
        assert_eq!(reasons.len(), 7, "{reasons:#?}");
        assert!(reasons[0].starts_with("groups.csv:2:measure"));
        assert!(reasons[1].starts_with("groups.csv:3:low: a required field is empty"));
        assert!(reasons.iter().any(|r| r.starts_with("groups.csv:4:high")));
        assert!(
            reasons
                .iter()
                .any(|r| r.starts_with("expectations.csv:2:expected"))
        );
    }

    #[test]
    fn expectations_files_without_rows_are_problems_of_the_whole_file() {
        let validated = separate("measure,year,group,low,high\n", "hello\n");
        let reasons = listed(&validated);
        assert!(
            reasons.contains(&"groups.csv:0:: the file has no rows".to_owned()),
            "{reasons:#?}"
        );
        // A file that cannot be used is not compared with the other.
        assert!(
            reasons.iter().all(|r| !r.contains("is not in")),
            "{reasons:#?}"
        );
    }
}
