//! A plan's measures evaluated on the school's own data: each [`MeasureSpec`] computed by
//! the use cases behind the progress, attendance and 360 pages, so a measure's value is the
//! very figure those pages show, with its interval, and hidden wherever they hide it.
//!
//! A measure is a school figure: it asks the policy's `ViewSchoolFigures` (leaders and
//! governors), lists no pupil and stays suppressed below the anonymity threshold. A 360
//! dimension is read only by the leader the round rates (a 360 is personal, even to the
//! head); anyone else gets [`Unavailable::NotPermitted`].

use crate::attendance::attendance_report;
use crate::diagnostic::{self, DiagnosticError, instrument_of};
use crate::progress::behind::{behind_pupil, by_pupil};
use crate::progress::{NoFigures, ProgressError, ProgressReports, SchoolFigures};
use crate::survey::scale as survey_scale;
use headway_domain::access::{Action, Denied, Principal, PupilScope};
use headway_domain::anonymity::{Threshold, overlapping_cells_to_show};
use headway_domain::attendance::PersistentAbsence;
use headway_domain::diagnostic::framework::Dimension;
use headway_domain::diagnostic::round::RoundStatus;
use headway_domain::ids::SchoolId;
use headway_domain::planning::measure::{
    MeasureSpec, MeasureValue, PupilGroup, Reading, Unavailable,
};
use headway_domain::progress::{GroupBy, PupilOutcome, RowLabel, pupil_group_label};
use headway_domain::pupil::{Gender, Sen};
use headway_domain::survey::instrument::{Audience, built_in};
use headway_stats::proportion::wilson;
use headway_stats::value_added::contextual::Z_95;
use headway_stats::value_added::simple::GroupValueAdded;
use headway_store::StoreError;
use headway_store::progress::AssessmentRow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Why measures could not be evaluated at all (a measure that merely has no value is a
/// [`Reading`] with its reason).
#[derive(Debug, thiserror::Error)]
pub enum MeasureError {
    /// The viewer may not see the school's figures.
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

impl From<ProgressError> for MeasureError {
    fn from(error: ProgressError) -> MeasureError {
        match error {
            ProgressError::Denied(denied) => MeasureError::Denied(denied),
            // The progress use cases answer "not found" only for a pupil; a school figure
            // the viewer may not reach is refused like one outside their schools.
            ProgressError::NotFound => MeasureError::Denied(Denied::NotInSchool),
            ProgressError::Store(store) => MeasureError::Store(store),
        }
    }
}

/// Every measure of a plan, in order: `None` for a manual measure (its readings are
/// recorded with the plan, not computed).
pub async fn evaluate_all(
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
    specs: &[MeasureSpec],
) -> Result<Vec<Option<Reading>>, MeasureError> {
    let mut readings = Vec::with_capacity(specs.len());
    for spec in specs {
        readings.push(evaluate(progress, viewer, school, year, spec).await?);
    }
    Ok(readings)
}

/// One measure's value for `school` in academic year `year` (its id), as `viewer` may see
/// it; `None` for a manual measure.
///
/// - value added and the disadvantaged gap: the progress report's figures for the year and
///   subject (the same cached computation the progress page shows);
/// - falling behind: the falling-behind page's judgement of every pupil of the school (or
///   group) assessed in the subject, as a percentage with its Wilson interval; "all
///   subjects" counts a pupil once, behind when behind in any subject with expectations;
/// - attendance: the attendance page's mean rate, as a percentage;
/// - a survey scale: the whole school's mean with its interval in the latest wave of the
///   survey released and closed within the academic year, as the survey's results show
///   it to leaders and governors; suppressed where they suppress it;
/// - a 360 dimension: "all others" in the viewer's latest closed round at the school, the
///   mean ± 1.96·sd/√n (the interval the 360's comparison between rounds uses). Rounds
///   are not tied to academic years, so every year reads the latest round.
pub async fn evaluate(
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
    spec: &MeasureSpec,
) -> Result<Option<Reading>, MeasureError> {
    viewer.may(&Action::ViewSchoolFigures(school))?;
    let reading = match spec {
        MeasureSpec::ValueAdded {
            subject,
            group,
            contextual,
        } => {
            let figures = match subject_figures(progress, viewer, school, year, subject).await? {
                Ok(figures) => figures,
                Err(why) => return Ok(Some(Err(why))),
            };
            value_added(&figures, group.as_ref(), *contextual)
        }
        MeasureSpec::DisadvantagedGap { subject } => {
            match subject_figures(progress, viewer, school, year, subject).await? {
                Ok(figures) => gap(&figures),
                Err(why) => Err(why),
            }
        }
        MeasureSpec::FallingBehind { subject, group } => {
            falling_behind(progress, school, year, subject.as_deref(), group.as_ref()).await?
        }
        MeasureSpec::Attendance { group } => {
            attendance(progress, viewer, school, year, group.as_ref()).await?
        }
        MeasureSpec::Leadership360 { dimension } => {
            leadership(progress, viewer, school, dimension).await?
        }
        MeasureSpec::SurveyScale { instrument, scale } => {
            survey_scale(progress, school, year, instrument, scale).await?
        }
        MeasureSpec::Manual { .. } => return Ok(None),
    };
    Ok(Some(reading))
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn unknown(what: String) -> Unavailable {
    Unavailable::Unknown { what }
}

/// The stored subject with this code (`MAT`, `CAP9` …).
async fn subject_id(progress: &ProgressReports<'_>, code: &str) -> Result<Option<i64>, StoreError> {
    Ok(progress
        .store
        .progress()
        .stored_subjects()
        .await?
        .into_iter()
        .find(|s| s.code == code)
        .map(|s| s.id))
}

/// The progress report's figures for exactly this year and subject (the report falls back
/// to another year or subject when asked for one it does not offer: not here).
async fn subject_figures(
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
    code: &str,
) -> Result<Result<Arc<SchoolFigures>, Unavailable>, MeasureError> {
    let Some(subject) = subject_id(progress, code).await? else {
        return Ok(Err(unknown(format!("subject {code}"))));
    };
    let report = progress
        .school_report(viewer, school, Some(year), Some(subject))
        .await?;
    let asked = report.year.as_ref().is_some_and(|y| y.id == year)
        && report.subject.as_ref().is_some_and(|s| s.id == subject);
    if !asked {
        return Ok(Err(Unavailable::NoData));
    }
    Ok(match report.figures {
        Ok(figures) => Ok(figures),
        Err(NoFigures::NoResults) => Err(Unavailable::NoData),
        Err(NoFigures::NoReference(_)) => Err(Unavailable::NoReference),
    })
}

/// A pupil-group breakdown's key and row, refusing classes and teachers (never a measure:
/// a plan is read by governors) and keys the breakdowns do not have.
fn pupil_group(group: &PupilGroup) -> Result<(GroupBy, &str), Unavailable> {
    match GroupBy::from_key(&group.by) {
        Some(by) if GroupBy::PUPIL_GROUPS.contains(&by) => Ok((by, group.row.as_str())),
        _ => Err(unknown(format!("pupil group {}", group.by))),
    }
}

fn shown_value_added(value_added: &GroupValueAdded) -> Reading {
    match &value_added.figures {
        Some(f) => Ok(MeasureValue {
            estimate: f.value_added,
            lower: f.ci_lower,
            upper: f.ci_upper,
            n: count(value_added.n),
        }),
        None if value_added.n == 0 => Err(Unavailable::NoData),
        None => Err(Unavailable::Suppressed),
    }
}

fn value_added(figures: &SchoolFigures, group: Option<&PupilGroup>, contextual: bool) -> Reading {
    let report = &figures.report;
    match (group, contextual) {
        (None, false) => shown_value_added(&report.value_added),
        (None, true) => match &report.contextual {
            Some(effect) => Ok(MeasureValue {
                estimate: effect.blup,
                lower: effect.ci_lower,
                upper: effect.ci_upper,
                n: u32::try_from(effect.n).unwrap_or(u32::MAX),
            }),
            None if report.pupils == 0 => Err(Unavailable::NoData),
            // No contextual model for the year and subject, or the school is not in it.
            None => Err(Unavailable::NoReference),
        },
        (Some(_), true) => Err(Unavailable::NotForGroups),
        (Some(group), false) => {
            let (by, row) = pupil_group(group)?;
            let row = row_key(row)?;
            let Some(breakdown) = report.breakdowns.iter().find(|b| b.by == by) else {
                return Err(Unavailable::NoData);
            };
            match breakdown
                .rows
                .iter()
                .find(|r| r.label == RowLabel::Key(row))
            {
                Some(found) if found.visibility.is_shown() => shown_value_added(&found.value_added),
                Some(_) => Err(Unavailable::Suppressed),
                None => Err(Unavailable::NoData),
            }
        }
    }
}

/// A breakdown row's key as the breakdowns hold it (their labels are static keys), or
/// why it is not one of theirs.
fn row_key(row: &str) -> Result<&'static str, Unavailable> {
    const ROWS: [&str; 13] = [
        "group-disadvantaged",
        "group-not-disadvantaged",
        "group-sen-none",
        "group-sen-support",
        "group-sen-plan",
        "group-eal",
        "group-not-eal",
        "group-female",
        "group-male",
        "group-gender-other",
        "group-prior-low",
        "group-prior-middle",
        "group-prior-high",
    ];
    ROWS.into_iter()
        .find(|known| *known == row)
        .ok_or_else(|| unknown(format!("pupil group {row}")))
}

fn gap(figures: &SchoolFigures) -> Reading {
    let report = &figures.report;
    match report.gap {
        Some(gap) => Ok(MeasureValue {
            estimate: gap.value,
            lower: gap.ci_lower,
            upper: gap.ci_upper,
            n: count(report.disadvantaged.n + report.others.n),
        }),
        None if report.disadvantaged.n == 0 || report.others.n == 0 => Err(Unavailable::NoData),
        None => Err(Unavailable::Suppressed),
    }
}

/// An assessment row's pupil as the breakdowns place them in groups.
fn as_outcome(row: &AssessmentRow, school: SchoolId) -> PupilOutcome {
    PupilOutcome {
        pupil: row.pupil,
        school: school.0,
        prior: row.prior,
        outcome: None,
        disadvantaged: row.disadvantaged,
        sen: row.sen.as_deref().and_then(|s| s.parse::<Sen>().ok()),
        eal: row.eal,
        gender: row.gender.as_deref().and_then(|g| g.parse::<Gender>().ok()),
        age_months: None,
        ethnicity: None,
    }
}

async fn falling_behind(
    progress: &ProgressReports<'_>,
    school: SchoolId,
    year: i64,
    subject: Option<&str>,
    group: Option<&PupilGroup>,
) -> Result<Reading, MeasureError> {
    let group = match group.map(pupil_group).transpose() {
        Ok(group) => group,
        Err(why) => return Ok(Err(why)),
    };
    let group = match group {
        Some((by, row)) => match row_key(row) {
            Ok(row) => Some((by, row)),
            Err(why) => return Ok(Err(why)),
        },
        None => None,
    };
    let store = progress.store;
    let view = store.progress();
    let mut subjects = view.assessed_subjects(school, year).await?;
    if let Some(code) = subject {
        let Some(id) = subject_id(progress, code).await? else {
            return Ok(Err(unknown(format!("subject {code}"))));
        };
        subjects.retain(|s| s.id == id);
    }
    if subjects.is_empty() {
        return Ok(Err(Unavailable::NoData));
    }
    let version = store.data_version().await?;
    let (mut assessed, mut behind) = (BTreeSet::new(), BTreeSet::new());
    // With a group: every pupil of the school assessed in these subjects, by their row of
    // the group's breakdown, so the group's share is shown only where the breakdown would
    // show it (see `group_disclosed`).
    let mut everyone = BTreeSet::new();
    let mut by_row: BTreeMap<RowLabel, BTreeSet<i64>> = BTreeMap::new();
    let mut threshold: Option<Threshold> = None;
    for choice in &subjects {
        // A subject without expectations cannot be judged: left out of "all subjects". A
        // year under way is judged, as the falling-behind page judges it, against the
        // latest year with final results.
        let Ok(reference) = progress.judging_reference(version, year, choice.id).await? else {
            continue;
        };
        let k = Threshold::at_least(reference.settings.suppression_threshold);
        threshold = Some(threshold.map_or(k, |t| if k.get() > t.get() { k } else { t }));
        // A school figure: every pupil of the school, whoever reads it, never listed.
        let rows = view
            .subject_assessments(school, year, choice.id, &PupilScope::All)
            .await?
            .into_iter()
            .filter(|r| {
                let Some((by, row)) = group else {
                    return true;
                };
                everyone.insert(r.pupil);
                let label = pupil_group_label(by, &as_outcome(r, school), &reference);
                let in_group = label == Some(RowLabel::Key(row));
                if let Some(label) = label {
                    by_row.entry(label).or_default().insert(r.pupil);
                }
                in_group
            })
            .collect();
        for (pupil, rows) in by_pupil(rows) {
            assessed.insert(pupil);
            if behind_pupil(&reference.simple, &rows).is_some() {
                behind.insert(pupil);
            }
        }
    }
    let Some(threshold) = threshold else {
        return Ok(Err(Unavailable::NoReference));
    };
    if assessed.is_empty() {
        return Ok(Err(Unavailable::NoData));
    }
    if !threshold.allows(count(assessed.len())) {
        return Ok(Err(Unavailable::Suppressed));
    }
    if let Some((_, row)) = group
        && !group_disclosed(&everyone, &by_row, &RowLabel::Key(row), threshold)
    {
        return Ok(Err(Unavailable::Suppressed));
    }
    let Some(share) = wilson(behind.len() as u64, assessed.len() as u64) else {
        return Ok(Err(Unavailable::NoData));
    };
    Ok(Ok(MeasureValue {
        estimate: 100.0 * share.value,
        lower: 100.0 * share.ci_lower,
        upper: 100.0 * share.ci_upper,
        n: count(assessed.len()),
    }))
}

/// Whether a group's share falling behind may be shown beside the school's and the other
/// groups' shares (other measures of the plan, another plan, the same measure for another
/// group): the group's breakdown is a table whose cells are its rows, and the rule is the
/// breakdown's — each row needs k pupils, and so do the pupils left once the shown rows
/// are taken from everyone, else "all pupils" minus the other groups would give the
/// group's share away. A pupil may sit in different rows in different subjects (their
/// prior-attainment band is per subject), so rows may overlap: the rule counts people.
fn group_disclosed(
    everyone: &BTreeSet<i64>,
    by_row: &BTreeMap<RowLabel, BTreeSet<i64>>,
    row: &RowLabel,
    threshold: Threshold,
) -> bool {
    let rows: Vec<(&RowLabel, &BTreeSet<i64>)> = by_row.iter().collect();
    let people: Vec<u32> = rows.iter().map(|(_, pupils)| count(pupils.len())).collect();
    let shown = overlapping_cells_to_show(&people, threshold, |hidden| {
        // The pupils whose figures the shown rows and the whole school give away together.
        let mut left = everyone.clone();
        for (i, (_, pupils)) in rows.iter().enumerate() {
            if !hidden.contains(&i) {
                left.retain(|p| !pupils.contains(p));
            }
        }
        count(left.len())
    });
    rows.iter()
        .zip(shown)
        .any(|((label, _), shown)| *label == row && shown.is_shown())
}

async fn attendance(
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    school: SchoolId,
    year: i64,
    group: Option<&PupilGroup>,
) -> Result<Reading, MeasureError> {
    // The rate does not depend on the persistent-absence threshold.
    let report = attendance_report(
        progress.store,
        viewer,
        school,
        Some(year),
        (
            PersistentAbsence::DEFAULT,
            Threshold::at_least(progress.references.settings().suppression_threshold),
        ),
    )
    .await?;
    let (Some(figures), true) = (
        report.figures,
        report.year.as_ref().is_some_and(|y| y.id == year),
    ) else {
        return Ok(Err(Unavailable::NoData));
    };
    let row = match group {
        None => &figures.whole,
        Some(group) => {
            let Some(breakdown) = figures.breakdowns.iter().find(|b| b.by.key() == group.by) else {
                return Ok(Err(unknown(format!("pupil group {}", group.by))));
            };
            match breakdown.rows.iter().find(|r| r.label == group.row) {
                Some(row) => row,
                None => return Ok(Err(Unavailable::NoData)),
            }
        }
    };
    if !row.visibility.is_shown() {
        return Ok(Err(Unavailable::Suppressed));
    }
    Ok(match row.figures.rate {
        Some(rate) => Ok(MeasureValue {
            estimate: 100.0 * rate.value,
            lower: 100.0 * rate.ci_lower,
            upper: 100.0 * rate.ci_upper,
            n: count(row.pupils),
        }),
        None if row.pupils == 0 => Err(Unavailable::NoData),
        None => Err(Unavailable::NoInterval),
    })
}

async fn leadership(
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    school: SchoolId,
    dimension: &str,
) -> Result<Reading, MeasureError> {
    let Some(dimension) = Dimension::ALL.into_iter().find(|d| d.as_str() == dimension) else {
        return Ok(Err(unknown(format!("360 dimension {dimension}"))));
    };
    if viewer.may(&Action::LeadDiagnostic(school)).is_err() {
        return Ok(Err(Unavailable::NotPermitted));
    }
    let store = progress.store;
    let latest = store
        .diagnostic()
        .rounds_led_by(viewer.person)
        .await?
        .into_iter()
        .filter(|r| r.school == school && r.status == RoundStatus::Closed)
        .max_by_key(|r| (r.closed_at, r.id.0));
    let Some(latest) = latest else {
        return Ok(Err(Unavailable::NoData));
    };
    // The report's own path: the policy on the round, then the store's anonymity rules
    // (without the school context the full report adds for its focus suggestions).
    let round = match diagnostic::managed_round(store, viewer, latest.id).await {
        Ok(round) => round,
        Err(DiagnosticError::Store(e)) => return Err(e.into()),
        Err(_) => return Ok(Err(Unavailable::NotPermitted)),
    };
    let instrument = match instrument_of(&round.instrument) {
        Ok(instrument) => instrument,
        Err(_) => {
            return Ok(Err(unknown(format!(
                "instrument {} v{}",
                round.instrument.id, round.instrument.version
            ))));
        }
    };
    let Some(report) = store.diagnostic().round_report(&round, instrument).await? else {
        return Ok(Err(Unavailable::NoData));
    };
    let Some(others) = report.all_others else {
        return Ok(Err(Unavailable::Suppressed));
    };
    if others.hidden.dimensions.contains_key(&dimension) {
        return Ok(Err(Unavailable::Suppressed));
    }
    let Some(summary) = others.scores.dimensions.get(&dimension) else {
        return Ok(Err(Unavailable::NoData));
    };
    let Some(sd) = summary.standard_deviation else {
        return Ok(Err(Unavailable::NoInterval));
    };
    let half = Z_95 * sd / f64::from(summary.respondents).sqrt();
    Ok(Ok(MeasureValue {
        estimate: summary.mean,
        lower: summary.mean - half,
        upper: summary.mean + half,
        n: summary.respondents,
    }))
}

async fn survey_scale(
    progress: &ProgressReports<'_>,
    school: SchoolId,
    year: i64,
    instrument: &str,
    scale: &str,
) -> Result<Reading, MeasureError> {
    let known = Audience::ALL
        .into_iter()
        .map(built_in)
        .any(|i| i.key.id == instrument && i.scales.iter().any(|s| s.id.0 == scale));
    if !known {
        return Ok(Err(unknown(format!("survey scale {instrument} {scale}"))));
    }
    let store = progress.store;
    let Some(window) = survey_scale::year_window(store, year)
        .await
        .map_err(survey_error)?
    else {
        return Ok(Err(Unavailable::NoData));
    };
    let reading = survey_scale::released_scale(store, school, instrument, scale, Some(window))
        .await
        .map_err(survey_error)?;
    Ok(match reading {
        None => Err(Unavailable::NoData),
        Some(reading) => match reading.mean {
            Some((mean, lower, upper)) => Ok(MeasureValue {
                estimate: mean,
                lower,
                upper,
                n: reading.respondents,
            }),
            None if reading.threshold.allows(reading.respondents) => Err(Unavailable::NoInterval),
            None => Err(Unavailable::Suppressed),
        },
    })
}

/// A survey read failing is the store failing (the instrument was checked first).
fn survey_error(error: crate::survey::SurveyError) -> MeasureError {
    match error {
        crate::survey::SurveyError::Store(e) => MeasureError::Store(e),
        other => MeasureError::Store(StoreError::Corrupt(other.to_string())),
    }
}
