//! The attendance spreadsheet: one pupil's year a row — the academic year, the sessions
//! possible and attended, and (optionally) exclusions and behaviour incidents — for pupils
//! Headway already holds. Validated like a results sheet: every problem named by line,
//! column heading and reason, a row with a problem left out, and a batch with problems
//! never applied.

use super::{ColumnMapping, Field, Problem, Sheet, Validated, mapped_columns};
use crate::reason::Reason;
use headway_domain::roster::plan::ImportAttendance;
use std::collections::{HashMap, HashSet};

/// What the database holds that an attendance sheet may name, supplied by the caller.
#[derive(Debug, Clone, Default)]
pub struct AttendanceKnown {
    /// Pupils by source id, with the id of their school.
    pub pupils: HashMap<String, i64>,
    /// Academic years by name (`2024/25`).
    pub years: HashSet<String>,
}

/// A whole number of zero or more, as a sheet writes one (`190`, or `190.0` from a
/// workbook); `None` for anything else.
fn count(text: &str) -> Option<u32> {
    let text = text.trim();
    if let Ok(n) = text.parse::<u32>() {
        return Some(n);
    }
    let n = text.parse::<f64>().ok()?;
    (n.is_finite() && n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX)).then_some(n as u32)
}

/// Checks every row of an attendance `sheet`, read through `mapping`, against `known`, for
/// `school`. Returns the rows without problems (as the batch's attendance) and every problem.
pub fn validate_attendance(
    file_name: &str,
    sheet: &Sheet,
    mapping: &ColumnMapping,
    known: &AttendanceKnown,
    school: i64,
) -> Validated {
    let mut out = Validated::default();
    out.batch.school = Some(school);
    let problems = &mut out.problems;
    let mut problem = |line: u64, column: &str, message: Reason| {
        problems.push(Problem::new(file_name, line, column, message));
    };
    let columns = mapped_columns(sheet, mapping, &Field::ATTENDANCE, &mut problem);
    let required = Field::ATTENDANCE.iter().filter(|f| !f.optional()).count();
    let all_mapped = Field::ATTENDANCE
        .iter()
        .filter(|f| !f.optional())
        .all(|f| columns.contains_key(f))
        && columns.len() >= required
        && Field::ATTENDANCE
            .iter()
            .filter(|f| f.optional() && mapping.column(**f).is_some())
            .all(|f| columns.contains_key(f));

    let mut first_line: HashMap<(&str, &str), u64> = HashMap::new();
    for row in &sheet.rows {
        let mut fine = true;
        let text = |field: Field, problem: &mut dyn FnMut(u64, &str, Reason)| {
            let &(position, heading) = columns.get(&field)?;
            match row.cell(position) {
                Some(value) => Some((value, heading)),
                None if field.optional() => None,
                None => {
                    problem(
                        row.line,
                        heading,
                        crate::reason!("sheet-field-missing", field = field.name()),
                    );
                    None
                }
            }
        };
        let pupil = text(Field::Pupil, &mut problem);
        let year = text(Field::Year, &mut problem);
        let possible = text(Field::Possible, &mut problem);
        let attended = text(Field::Attended, &mut problem);
        let exclusions = text(Field::Exclusions, &mut problem);
        let incidents = text(Field::Incidents, &mut problem);
        if pupil.is_none() || year.is_none() || possible.is_none() || attended.is_none() {
            fine = false;
        }

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
        if let Some((name, heading)) = year
            && !known.years.contains(name)
        {
            problem(
                row.line,
                heading,
                crate::reason!("sheet-no-year", year = name),
            );
            fine = false;
        }
        let mut number = |cell: Option<(&str, &str)>, fine: &mut bool| -> u32 {
            let Some((value, heading)) = cell else {
                return 0;
            };
            count(value).unwrap_or_else(|| {
                problem(
                    row.line,
                    heading,
                    crate::reason!("sheet-not-a-count", text = value),
                );
                *fine = false;
                0
            })
        };
        let sessions_possible = number(possible, &mut fine);
        let sessions_attended = number(attended, &mut fine);
        let exclusions = number(exclusions, &mut fine);
        let incidents = number(incidents, &mut fine);
        if let Some((_, heading)) = attended
            && fine
            && sessions_attended > sessions_possible
        {
            problem(
                row.line,
                heading,
                crate::reason!(
                    "sheet-attended-above-possible",
                    attended = sessions_attended,
                    possible = sessions_possible
                ),
            );
            fine = false;
        }
        if let (Some((pupil_id, heading)), Some((year_name, _))) = (pupil, year) {
            if let Some(first) = first_line.get(&(pupil_id, year_name)) {
                problem(
                    row.line,
                    heading,
                    crate::reason!("sheet-attendance-twice", pupil = pupil_id, first = first),
                );
                fine = false;
            } else {
                first_line.insert((pupil_id, year_name), row.line);
            }
        }

        if let (true, true, Some((pupil, _)), Some((year, _))) = (fine, all_mapped, pupil, year) {
            out.batch.attendance.push(ImportAttendance {
                pupil: pupil.to_owned(),
                year: year.to_owned(),
                sessions_possible,
                sessions_attended,
                exclusions,
                incidents,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Limits;

    fn sheet(csv: &str) -> Sheet {
        Sheet::read("attendance.csv", csv.as_bytes(), &Limits::default()).unwrap()
    }

    fn known() -> AttendanceKnown {
        AttendanceKnown {
            pupils: [
                ("u1".to_owned(), 1),
                ("u2".to_owned(), 1),
                ("x9".to_owned(), 2),
            ]
            .into_iter()
            .collect(),
            years: ["2024/25".to_owned()].into_iter().collect(),
        }
    }

    fn check(csv: &str) -> Validated {
        let sheet = sheet(csv);
        let mapping =
            ColumnMapping::guess_for(super::super::SheetKind::Attendance, &sheet.headings);
        validate_attendance("attendance.csv", &sheet, &mapping, &known(), 1)
    }

    fn problems(validated: &Validated) -> Vec<(u64, String, String)> {
        validated
            .problems
            .iter()
            .map(|p| (p.line, p.column.clone(), p.message.id.clone()))
            .collect()
    }

    #[test]
    fn a_clean_sheet_gives_a_row_per_pupil_and_year_with_blank_counts_as_none() {
        let validated = check(
            "UPN,Academic year,Sessions possible,Sessions attended,Exclusions,Incidents\n\
             u1,2024/25,300,285,0,2\n\
             u2,2024/25,300.0,240,1,\n",
        );
        assert!(validated.problems.is_empty(), "{:?}", validated.problems);
        let rows = &validated.batch.attendance;
        assert_eq!(rows.len(), 2);
        assert_eq!(
            rows[1],
            ImportAttendance {
                pupil: "u2".into(),
                year: "2024/25".into(),
                sessions_possible: 300,
                sessions_attended: 240,
                exclusions: 1,
                incidents: 0,
            }
        );
        assert_eq!(validated.batch.school, Some(1));
    }

    #[test]
    fn exclusions_and_incidents_may_be_left_out_of_the_sheet() {
        let validated = check("Pupil ID,Year,Possible,Attended\nu1,2024/25,300,290\n");
        assert!(validated.problems.is_empty(), "{:?}", validated.problems);
        assert_eq!(validated.batch.attendance[0].exclusions, 0);
    }

    #[test]
    fn every_bad_row_is_named_by_line_and_column_and_nothing_is_kept_from_it() {
        let validated = check(
            "UPN,Year,Possible,Attended,Exclusions,Incidents\n\
             u1,2024/25,300,310,0,0\n\
             zz,2024/25,300,280,0,0\n\
             x9,2024/25,300,280,0,0\n\
             u2,2019/20,300,280,0,0\n\
             u2,2024/25,-3,280,0,0\n\
             u1,2024/25,300,abc,0,0\n\
             u2,2024/25,300,,0,0\n",
        );
        assert_eq!(
            problems(&validated),
            [
                (2, "Attended".into(), "sheet-attended-above-possible".into()),
                (3, "UPN".into(), "sheet-no-pupil".into()),
                (4, "UPN".into(), "sheet-other-school".into()),
                (5, "Year".into(), "sheet-no-year".into()),
                (6, "Possible".into(), "sheet-not-a-count".into()),
                (7, "Attended".into(), "sheet-not-a-count".into()),
                (7, "UPN".into(), "sheet-attendance-twice".into()),
                (8, "Attended".into(), "sheet-field-missing".into()),
                (8, "UPN".into(), "sheet-attendance-twice".into()),
            ]
        );
        assert!(validated.batch.attendance.is_empty());
    }

    #[test]
    fn a_sheet_without_a_required_column_keeps_no_row() {
        let validated = check("UPN,Year,Possible\nu1,2024/25,300\n");
        assert_eq!(
            problems(&validated),
            [(0, "attended".into(), "sheet-no-column".into())]
        );
        assert!(validated.batch.attendance.is_empty());
    }

    #[test]
    fn counts_accept_whole_numbers_only() {
        assert_eq!(count("190"), Some(190));
        assert_eq!(count(" 190.0 "), Some(190));
        assert_eq!(count("190.5"), None);
        assert_eq!(count("-1"), None);
        assert_eq!(count("NaN"), None);
        assert_eq!(count("1e12"), None);
    }
}
