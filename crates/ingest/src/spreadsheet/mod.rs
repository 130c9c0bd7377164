//! The plain results spreadsheet: a CSV or XLSX file a school sends with its own headings
//! (`UPN, Surname, Subject, Assessment, Mark`), one result a row. Read → map columns to
//! fields → validate against what Headway already holds → a batch of results for the
//! store, with every problem named by file, line, column heading and reason.
//!
//! The sheet only gives results: its pupils, subjects and assessment points must already
//! be in Headway (from a OneRoster import). Validation never stops at the first problem; a
//! row with a problem is left out of the batch, and a batch with problems must not be
//! applied.

mod mapping;
mod sheet;

pub use mapping::{ColumnMapping, Field};
pub use sheet::{ACCEPTED, Sheet, SheetRow};

pub use crate::oneroster::{Problem, Validated};
use headway_store::imports::ImportResult;
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
    let mut problem = |line: u64, column: &str, reason: String| {
        problems.push(Problem {
            file: file_name.to_owned(),
            line,
            column: column.to_owned(),
            reason,
        });
    };

    // The mapping: each field's column, or a problem with the field.
    let mut columns: HashMap<Field, (usize, &str)> = HashMap::new();
    for field in Field::ALL {
        let Some(heading) = mapping.column(field) else {
            problem(
                0,
                field.name(),
                format!(
                    "no column is chosen for {}: choose the column that holds it",
                    field.describe()
                ),
            );
            continue;
        };
        let Some(position) = mapping.position(field, &sheet.headings) else {
            problem(
                0,
                field.name(),
                format!(
                    "the column `{heading}` chosen for {} is not in this file: choose the column that holds it",
                    field.describe()
                ),
            );
            continue;
        };
        if let Some(other) = Field::ALL
            .iter()
            .take_while(|f| **f != field)
            .find(|f| mapping.column(**f) == Some(heading))
        {
            problem(
                0,
                field.name(),
                format!(
                    "the column `{heading}` is chosen for both {} and {}: each needs its own column",
                    other.describe(),
                    field.describe()
                ),
            );
            continue;
        }
        if sheet.headings.iter().filter(|h| *h == heading).count() > 1 {
            problem(
                sheet.headings_line,
                heading,
                format!(
                    "more than one column is headed `{heading}`: rename the others so it is clear which holds {}",
                    field.describe()
                ),
            );
            continue;
        }
        columns.insert(field, (position, heading));
    }

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
                    format!("{} is missing", field.describe()),
                );
                fine = false;
            }
        }
        let [pupil, subject, point, score] = values;

        if let Some((id, heading)) = pupil {
            match known.pupils.get(id) {
                None => {
                    problem(
                        row.line,
                        heading,
                        format!(
                            "Headway has no pupil with the id `{id}`: check the id, or import the school's pupils first"
                        ),
                    );
                    fine = false;
                }
                Some(&their_school) if their_school != school => {
                    problem(
                        row.line,
                        heading,
                        format!(
                            "the pupil `{id}` is at another school: only this school's pupils can be given results here"
                        ),
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
                    problem(
                        row.line,
                        heading,
                        format!("Headway has no assessment point with the id `{id}`"),
                    );
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
                    problem(row.line, heading, format!("`{text}` is not a number"));
                    fine = false;
                }
                Some(n) => match scale.and_then(|s| outside(n, s)) {
                    Some(reason) => {
                        problem(row.line, heading, format!("the score {text} is {reason}"));
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
                    format!(
                        "the pupil `{pupil_id}` already has a result for this assessment point and subject on line {first}"
                    ),
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

/// Why `score` does not fit `scale`, if it does not.
fn outside(score: f64, scale: &Scale) -> Option<String> {
    match (scale.min, scale.max) {
        (Some(min), Some(max)) if score < min || score > max => Some(format!(
            "outside the assessment point's scale, {min} to {max}"
        )),
        (Some(min), None) if score < min => {
            Some(format!("below the assessment point's lowest score, {min}"))
        }
        (None, Some(max)) if score > max => {
            Some(format!("above the assessment point's highest score, {max}"))
        }
        _ => None,
    }
}

/// The reason for an unknown subject code, listing the known codes when there are few.
fn unknown_subject(code: &str, known: &HashSet<String>) -> String {
    let mut reason = format!("Headway has no subject with the code `{code}`");
    if !known.is_empty() && known.len() <= 30 {
        let mut codes: Vec<&str> = known.iter().map(String::as_str).collect();
        codes.sort_unstable();
        reason.push_str(&format!(" (the codes it knows are {})", codes.join(", ")));
    }
    reason
}

#[cfg(test)]
mod tests;
