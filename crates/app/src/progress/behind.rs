//! Pupils falling behind (ANALYTICS.md §5): each pupil's own latest assessment in a subject
//! — their final result once there is one, else their latest prediction — against the
//! outcome expected from their starting point; and the counts a head or head of department
//! sees on their home page.

use super::report::{NoFigures, ProgressError, ProgressReports, chosen};
use headway_domain::access::{Action, Principal};
use headway_domain::ids::SchoolId;
use headway_domain::progress::{
    Assessment, Behind, InterimResult, PupilFilter, expected_range, falling_behind,
    latest_and_previous,
};
use headway_domain::pupil::{Gender, Sen};
use headway_store::progress::{AssessmentRow, Choice};
use std::collections::BTreeMap;

/// A pupil falling behind, as listed.
#[derive(Debug, Clone)]
pub struct BehindPupil {
    pub pupil: i64,
    pub name: String,
    pub class_id: Option<i64>,
    pub class_name: Option<String>,
    /// The assessment the pupil is judged on (their own latest).
    pub point: String,
    /// Whether that is the final result, which supersedes every prediction.
    pub is_final: bool,
    pub figures: Behind,
    /// The outcomes the middle half of reference pupils with the same starting point reach.
    pub expected_range: Option<(f64, f64)>,
}

/// The pupils falling behind in a school, year and subject.
#[derive(Debug, Default)]
pub struct FallingBehind {
    /// Years with interim or final results, latest first, and the one shown.
    pub years: Vec<Choice>,
    pub year: Option<Choice>,
    pub subjects: Vec<Choice>,
    pub subject: Option<i64>,
    /// The classes of the pupils with results, to narrow the list to one.
    pub classes: Vec<(i64, String)>,
    /// How many pupils in scope have an assessment in the subject this year.
    pub assessed: usize,
    /// Furthest behind first.
    pub pupils: Vec<BehindPupil>,
    /// Why there is no list: `NoResults` when the school has no interim or final results.
    pub problem: Option<NoFigures>,
    /// The year whose expectations the pupils are judged against, when it is not the year
    /// shown: a year under way has no final results yet, so the latest year that has them.
    pub expected_from: Option<Choice>,
}

/// One subject's pupils falling behind, counted by class, for a home page.
#[derive(Debug, Clone)]
pub struct SubjectBehind {
    pub subject: Choice,
    pub assessed: usize,
    /// Furthest behind first.
    pub pupils: Vec<BehindPupil>,
    /// (class id, class name, pupils behind), classes in name order; pupils without a class
    /// in the subject are counted in the subject only.
    pub by_class: Vec<(i64, String, usize)>,
}

/// Falling behind across every subject of a year, for a home page.
#[derive(Debug, Default)]
pub struct BehindOverview {
    pub year: Option<Choice>,
    pub subjects: Vec<SubjectBehind>,
}

impl ProgressReports<'_> {
    /// The pupils in `viewer`'s scope falling behind in a year (asked for, else the latest
    /// with interim or final results) and subject (asked for, else the first), narrowed to
    /// a class and a group.
    pub async fn falling_behind(
        &self,
        viewer: &Principal,
        school: SchoolId,
        year: Option<i64>,
        subject: Option<i64>,
        class: Option<i64>,
        filter: PupilFilter,
    ) -> Result<FallingBehind, ProgressError> {
        viewer.may(&Action::ViewPupils(school))?;
        let progress = self.store.progress();
        let mut found = FallingBehind {
            years: progress.assessed_years(school).await?,
            ..FallingBehind::default()
        };
        let Some(year) = chosen(&found.years, year) else {
            found.problem = Some(NoFigures::NoResults);
            return Ok(found);
        };
        found.subjects = progress.assessed_subjects(school, year.id).await?;
        found.year = Some(year.clone());
        let Some(subject) = chosen(&found.subjects, subject) else {
            found.problem = Some(NoFigures::NoResults);
            return Ok(found);
        };
        found.subject = Some(subject.id);
        found.expected_from = self
            .expectation_year(year.id, subject.id)
            .await?
            .filter(|from| from.id != year.id);
        match self
            .behind_in(viewer, school, year.id, subject.id, filter)
            .await?
        {
            Err(problem) => found.problem = Some(problem),
            Ok((assessed, classes, pupils)) => {
                found.assessed = assessed;
                found.classes = classes;
                found.pupils = pupils
                    .into_iter()
                    .filter(|p| class.is_none_or(|c| p.class_id == Some(c)))
                    .collect();
            }
        }
        Ok(found)
    }

    /// Every subject's pupils falling behind in the latest year with interim or final
    /// results, within `viewer`'s scope: counts by class for a head or head of department,
    /// the list itself for a teacher's own pupils. Subjects with no pupil in scope are left
    /// out.
    pub async fn behind_overview(
        &self,
        viewer: &Principal,
        school: SchoolId,
    ) -> Result<BehindOverview, ProgressError> {
        viewer.may(&Action::ViewPupils(school))?;
        let progress = self.store.progress();
        let years = progress.assessed_years(school).await?;
        let mut overview = BehindOverview::default();
        let Some(year) = years.into_iter().next() else {
            return Ok(overview);
        };
        for subject in progress.assessed_subjects(school, year.id).await? {
            let Ok((assessed, classes, pupils)) = self
                .behind_in(viewer, school, year.id, subject.id, PupilFilter::All)
                .await?
            else {
                continue;
            };
            if assessed == 0 {
                continue;
            }
            let by_class = classes
                .into_iter()
                .map(|(id, name)| {
                    let n = pupils.iter().filter(|p| p.class_id == Some(id)).count();
                    (id, name, n)
                })
                .collect();
            overview.subjects.push(SubjectBehind {
                subject,
                assessed,
                pupils,
                by_class,
            });
        }
        overview.year = Some(year);
        Ok(overview)
    }

    /// The pupils in scope and in the group with an assessment in the subject and year: how
    /// many, their classes, and those falling behind (furthest first). `Err` when there is
    /// no reference expectation to judge them against.
    #[allow(clippy::type_complexity)]
    async fn behind_in(
        &self,
        viewer: &Principal,
        school: SchoolId,
        year: i64,
        subject: i64,
        filter: PupilFilter,
    ) -> Result<Result<(usize, Vec<(i64, String)>, Vec<BehindPupil>), NoFigures>, ProgressError>
    {
        let scope = viewer.pupil_scope(school);
        let rows = self
            .store
            .progress()
            .subject_assessments(school, year, subject, &scope)
            .await?
            .into_iter()
            .filter(|r| {
                filter.includes(
                    r.disadvantaged,
                    r.sen.as_deref().and_then(|s| s.parse::<Sen>().ok()),
                    r.eal,
                    r.gender.as_deref().and_then(|g| g.parse::<Gender>().ok()),
                )
            })
            .collect::<Vec<_>>();
        if rows.is_empty() {
            return Ok(Ok((0, Vec::new(), Vec::new())));
        }
        let version = self.store.data_version().await?;
        let reference = match self.judging_reference(version, year, subject).await? {
            Ok(reference) => reference,
            Err(why) => return Ok(Err(NoFigures::NoReference(why))),
        };
        let mut classes: Vec<(i64, String)> = rows
            .iter()
            .filter_map(|r| Some((r.class_id?, r.class_name.clone()?)))
            .collect();
        classes.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        classes.dedup();
        let by_pupil = by_pupil(rows);
        let assessed = by_pupil.len();
        let mut pupils: Vec<BehindPupil> = by_pupil
            .into_values()
            .filter_map(|rows| behind_pupil(&reference.simple, &rows))
            .collect();
        pupils.sort_by(|a, b| {
            a.figures
                .difference
                .total_cmp(&b.figures.difference)
                .then_with(|| a.name.cmp(&b.name))
        });
        Ok(Ok((assessed, classes, pupils)))
    }
}

/// Rows grouped by pupil, in pupil order.
pub(crate) fn by_pupil(rows: Vec<AssessmentRow>) -> BTreeMap<i64, Vec<AssessmentRow>> {
    let mut grouped: BTreeMap<i64, Vec<AssessmentRow>> = BTreeMap::new();
    for row in rows {
        grouped.entry(row.pupil).or_default().push(row);
    }
    grouped
}

/// A pupil as listed if they are falling behind on their own latest assessment.
pub(crate) fn behind_pupil(
    reference: &headway_stats::value_added::simple::ReferenceModel,
    rows: &[AssessmentRow],
) -> Option<BehindPupil> {
    let assessments: Vec<Assessment> = rows
        .iter()
        .map(|r| Assessment {
            point: r.point_id,
            is_final: r.kind == "final",
            taken_on: r.taken_on,
            score: r.score,
        })
        .collect();
    let (latest, previous) = latest_and_previous(&assessments)?;
    let first = rows.first()?;
    let figures = falling_behind(
        reference,
        InterimResult {
            prior: first.prior,
            latest: latest.score,
            previous: previous.map(|p| p.score),
        },
    )?;
    let row = rows.iter().find(|r| r.point_id == latest.point)?;
    Some(BehindPupil {
        pupil: first.pupil,
        name: first
            .display_name
            .clone()
            .unwrap_or_else(|| first.pseudonym.clone()),
        class_id: first.class_id,
        class_name: first.class_name.clone(),
        point: row.point_name.clone(),
        is_final: latest.is_final,
        figures,
        expected_range: first.prior.and_then(|p| expected_range(reference, p)),
    })
}
