//! The plain results spreadsheet: a CSV or XLSX file a school sends with its own headings
//! (`UPN, Surname, Subject, Assessment, Mark`), one result a row. Read → map columns to
//! fields → validate against what Headway already holds → a batch of results for the
//! store, with every problem named by file, line, column heading and reason.
//!
//! The sheet only gives results: its pupils, subjects and assessment points must already
//! be in Headway (from a OneRoster import). Validation never stops at the first problem; a
//! row with a problem is left out of the batch, and a batch with problems must not be
//! applied.

mod attendance;
mod mapping;
mod sheet;

pub use attendance::{AttendanceKnown, validate_attendance};
pub use mapping::{ColumnMapping, Field, SheetKind};
pub use sheet::{Sheet, SheetRow};

pub use crate::oneroster::{Problem, Validated};
use crate::reason::Reason;
use headway_domain::roster::plan::ImportResult;
use std::collections::{HashMap, HashSet};

/// The lowest and highest score an assessment point allows; either may be open.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scale {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// What the database already holds that a results sheet may name, supplied by the caller.
#[derive(Debug, Clone, Default)]
pub struct Known {
    /// Pupils by source id (their id in the school's MIS), with the id of their school.
    pub pupils: HashMap<String, i64>,
    /// Subject codes.
    pub subjects: HashSet<String>,
    /// The assessment points the school may record results against, by source id.
    pub points: HashMap<String, Scale>,
}

/// The source id of the result of `pupil` at `point` in `subject`: the same for the same
/// result whichever sheet or row it comes from, so importing a sheet again changes nothing.
/// `|` and `\` inside ids are escaped so two different results never share an id (the
/// store requires result source ids to be unique).
pub fn result_source_id(pupil: &str, point: &str, subject: &str) -> String {
    let escape = |s: &str| s.replace('\\', "\\\\").replace('|', "\\|");
    format!(
        "sheet:{}|{}|{}",
        escape(pupil),
        escape(point),
        escape(subject)
    )
}

/// Checks every row of `sheet`, read through `mapping`, against `known`, for `school`.
/// Returns the results of the rows without problems and every problem found.
pub fn validate(
    file_name: &str,
    sheet: &Sheet,
    mapping: &ColumnMapping,
    known: &Known,
    school: i64,
) -> Validated {
    let mut out = Validated::default();
    out.batch.school = Some(school);
    let problems = &mut out.problems;
    let mut problem = |line: u64, column: &str, message: Reason| {
        problems.push(Problem::new(file_name, line, column, message));
    };

    let columns = mapped_columns(sheet, mapping, &Field::ALL, &mut problem);

    let mut first_line: HashMap<(&str, &str, &str), u64> = HashMap::new();
    for row in &sheet.rows {
        let mut fine = true;
        // Each field's text and column heading, when the field is mapped and present.
        let mut values: [Option<(&str, &str)>; 4] = [None; 4];
        for (value, field) in values.iter_mut().zip(Field::ALL) {
            let Some(&(position, heading)) = columns.get(&field) else {
                continue;
            };
            *value = row.cell(position).map(|text| (text, heading));
            if value.is_none() {
                problem(
                    row.line,
                    heading,
                    crate::reason!("sheet-field-missing", field = field.name()),
                );
                fine = false;
            }
        }
        let [pupil, subject, point, score] = values;

        if let Some((id, heading)) = pupil {
            match known.pupils.get(id) {
                None => {
                    problem(row.line, heading, crate::reason!("sheet-no-pupil", id = id));
                    fine = false;
                }
                Some(&their_school) if their_school != school => {
                    problem(
                        row.line,
                        heading,
                        crate::reason!("sheet-other-school", id = id),
                    );
                    fine = false;
                }
                Some(_) => {}
            }
        }
        if let Some((code, heading)) = subject
            && !known.subjects.contains(code)
        {
            problem(row.line, heading, unknown_subject(code, &known.subjects));
            fine = false;
        }
        let scale = match point {
            Some((id, heading)) => match known.points.get(id) {
                Some(scale) => Some(scale),
                None => {
                    problem(row.line, heading, crate::reason!("sheet-no-point", id = id));
                    fine = false;
                    None
                }
            },
            None => None,
        };
        let mut number = None;
        if let Some((text, heading)) = score {
            match text.parse::<f64>().ok().filter(|n| n.is_finite()) {
                None => {
                    problem(
                        row.line,
                        heading,
                        crate::reason!("not-a-number", text = text),
                    );
                    fine = false;
                }
                Some(n) => match scale.and_then(|s| outside(n, s)) {
                    Some(reason) => {
                        problem(row.line, heading, reason(text));
                        fine = false;
                    }
                    None => number = Some(n),
                },
            }
        }
        if let (Some((pupil_id, heading)), Some((point_id, _)), Some((code, _))) =
            (pupil, point, subject)
        {
            if let Some(first) = first_line.get(&(pupil_id, point_id, code)) {
                problem(
                    row.line,
                    heading,
                    crate::reason!("sheet-result-twice", pupil = pupil_id, first = first),
                );
                fine = false;
            } else {
                first_line.insert((pupil_id, point_id, code), row.line);
            }
        }

        if let (true, Some((pupil, _)), Some((point, _)), Some((code, _)), Some(score)) = (
            fine && columns.len() == Field::ALL.len(),
            pupil,
            point,
            subject,
            number,
        ) {
            out.batch.results.push(ImportResult {
                source_id: result_source_id(pupil, point, code),
                pupil: pupil.to_owned(),
                point: point.to_owned(),
                subject_code: code.to_owned(),
                score,
            });
        }
    }
    out
}

/// Each mapped field's column (position and heading) in `sheet`; a problem for each field
/// that is unmapped (unless optional), not in the sheet, chosen twice or headed twice.
fn mapped_columns<'a>(
    sheet: &'a Sheet,
    mapping: &'a ColumnMapping,
    fields: &[Field],
    problem: &mut impl FnMut(u64, &str, Reason),
) -> HashMap<Field, (usize, &'a str)> {
    let mut columns: HashMap<Field, (usize, &'a str)> = HashMap::new();
    for &field in fields {
        let Some(heading) = mapping.column(field) else {
            if field.optional() {
                continue;
            }
            problem(
                0,
                field.name(),
                crate::reason!("sheet-no-column", field = field.name()),
            );
            continue;
        };
        let Some(position) = mapping.position(field, &sheet.headings) else {
            problem(
                0,
                field.name(),
                crate::reason!(
                    "sheet-column-not-in-file",
                    heading = heading,
                    field = field.name()
                ),
            );
            continue;
        };
        if let Some(other) = fields
            .iter()
            .take_while(|f| **f != field)
            .find(|f| mapping.column(**f) == Some(heading))
        {
            problem(
                0,
                field.name(),
                crate::reason!(
                    "sheet-column-chosen-twice",
                    heading = heading,
                    other = other.name(),
                    field = field.name()
                ),
            );
            continue;
        }
        if sheet.headings.iter().filter(|h| *h == heading).count() > 1 {
            problem(
                sheet.headings_line,
                heading,
                crate::reason!(
                    "sheet-heading-twice",
                    heading = heading,
                    field = field.name()
                ),
            );
            continue;
        }
        columns.insert(field, (position, heading));
    }
    columns
}

/// Why `score` does not fit `scale`, if it does not: a reason for the score as written.
fn outside(score: f64, scale: &Scale) -> Option<impl Fn(&str) -> Reason> {
    let (min, max) = (scale.min, scale.max);
    let why = match (min, max) {
        (Some(min), Some(max)) if score < min || score > max => "sheet-score-outside",
        (Some(min), None) if score < min => "sheet-score-below",
        (None, Some(max)) if score > max => "sheet-score-above",
        _ => return None,
    };
    let show = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    Some(move |text: &str| {
        Reason::new(
            why,
            vec![
                ("text", text.to_owned()),
                ("min", show(min)),
                ("max", show(max)),
            ],
        )
    })
}

/// The reason for an unknown subject code, listing the known codes when there are few.
fn unknown_subject(code: &str, known: &HashSet<String>) -> Reason {
    if known.is_empty() || known.len() > 30 {
        return crate::reason!("sheet-no-subject", code = code);
    }
    let mut codes: Vec<&str> = known.iter().map(String::as_str).collect();
    codes.sort_unstable();
    crate::reason!(
        "sheet-no-subject-known",
        code = code,
        codes = codes.join(", ")
    )
}

#[cfg(test)]
mod tests;
