//! Attendance and behaviour beside attainment (broad success): a school's attendance rate
//! and persistent absence for a year, for the whole school and the value-added pupil
//! groups. School figures: the policy's `ViewSchoolFigures` (leaders and governors; a
//! teacher sees their own classes, not the school's figures), and no pupil is ever listed.

use crate::progress::ProgressError;
use crate::progress::report::chosen;
use headway_domain::access::{Action, Principal};
use headway_domain::anonymity::Threshold;
use headway_domain::attendance::{
    PersistentAbsence, PupilAttendance, SchoolAttendance, school_attendance,
};
use headway_domain::ids::SchoolId;
use headway_domain::pupil::{Gender, Sen};
use headway_store::attendance::AttendanceRow;
use headway_store::progress::Choice;
use headway_store::{Store, StoreError};

/// The attendance page's figures.
#[derive(Debug, Clone)]
pub struct AttendanceReport {
    pub years: Vec<Choice>,
    pub year: Option<Choice>,
    /// `None` when the school has no attendance for any year.
    pub figures: Option<SchoolAttendance>,
}

/// The cut points of the lower and upper thirds of `values` (the prior-attainment bands).
pub fn thirds(values: &[f64]) -> Option<(f64, f64)> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if sorted.len() < 3 {
        return None;
    }
    sorted.sort_by(f64::total_cmp);
    let at = |q: f64| sorted[((sorted.len() as f64 * q).floor() as usize).min(sorted.len() - 1)];
    Some((at(1.0 / 3.0), at(2.0 / 3.0)))
}

fn pupil_attendance(row: &AttendanceRow, bands: Option<(f64, f64)>) -> PupilAttendance {
    let count = |n: i64| u32::try_from(n).unwrap_or(0);
    PupilAttendance {
        pupil: row.pupil,
        sessions_possible: count(row.sessions_possible),
        sessions_attended: count(row.sessions_attended),
        exclusions: count(row.exclusions),
        incidents: count(row.incidents),
        disadvantaged: row.disadvantaged,
        sen: row.sen.as_deref().and_then(|s| s.parse::<Sen>().ok()),
        eal: row.eal,
        gender: row.gender.as_deref().and_then(|s| s.parse::<Gender>().ok()),
        prior_band: match (row.prior, bands) {
            (Some(prior), Some((low, high))) => Some(if prior < low {
                0
            } else if prior < high {
                1
            } else {
                2
            }),
            _ => None,
        },
    }
}

/// The attendance of `school` in `year` (or its latest year with attendance), as `viewer`
/// may see it, with persistent absence from `threshold`'s share of sessions missed and
/// groups of fewer than `suppress_below` pupils hidden (the deployment's setting
/// `suppress_groups_below`, as for value added).
pub async fn attendance_report(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
    year: Option<i64>,
    cuts: (PersistentAbsence, Threshold),
) -> Result<AttendanceReport, ProgressError> {
    viewer.may(&Action::ViewSchoolFigures(school))?;
    let view = store.attendance();
    let years = view.years(school).await?;
    let year = chosen(&years, year);
    let figures = match &year {
        Some(year) => Some(year_attendance(store, school, year.id, cuts).await?),
        None => None,
    };
    Ok(AttendanceReport {
        years,
        year,
        figures,
    })
}

/// The attendance of `school` in `year` with persistent absence from `threshold`, groups
/// of fewer than `suppress_below` pupils suppressed by the cell rule; the caller has asked
/// the policy. Empty figures when nobody has
/// sessions recorded that year.
pub(crate) async fn year_attendance(
    store: &Store,
    school: SchoolId,
    year: i64,
    (threshold, suppress_below): (PersistentAbsence, Threshold),
) -> Result<SchoolAttendance, StoreError> {
    let view = store.attendance();
    let rows = view.pupils(school, year).await?;
    // The bands' thirds read every pupil's starting point of the year across the
    // deployment (the whole nation's on a national database): only when there is
    // attendance to band.
    let bands = if rows.is_empty() {
        None
    } else {
        thirds(&view.priors(year).await?)
    };
    let pupils: Vec<PupilAttendance> = rows
        .iter()
        .map(|row| pupil_attendance(row, bands))
        .collect();
    Ok(school_attendance(&pupils, suppress_below, threshold))
}

#[cfg(test)]
mod tests {
    use super::thirds;

    #[test]
    fn thirds_cut_a_population_into_three_equal_bands() {
        let values: Vec<f64> = (0..9).map(f64::from).collect();
        assert_eq!(thirds(&values), Some((3.0, 6.0)));
        assert_eq!(thirds(&[1.0, 2.0]), None);
    }
}
