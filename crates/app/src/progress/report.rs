//! The progress report for a school, year, subject and viewer; the school's improvement
//! group; pupils falling behind; a pupil's results against their expectations.
//!
//! Reads are batched: every subject of a year in one query, every year of a subject in one
//! query. A school's report is computed once per data version and key ([`ReportCache`]);
//! the reference expectations come from [`References`], fitted once and stored.

use crate::cache::DerivedCache;
use crate::progress::reference::{References, pupil_outcome};
use headway_domain::access::{Action, Denied, Principal, PupilScope};
use headway_domain::ids::{SchoolId, SubjectId};
use headway_domain::progress::{
    GroupBy, Membership, PupilOutcome, Reference, ReferenceError, SchoolProgress, SigmaSource,
    SubjectYear, improvement_group_over, school_progress,
};
use headway_stats::trends::{Estimate, ImprovementGroup};
use headway_stats::value_added::contextual::FixedEffect;
use headway_store::progress::{Choice, OutcomeRow};
use headway_store::versions::DataVersion;
use headway_store::{Store, StoreError};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Why a progress use case gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    /// The viewer may not see this.
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    /// No such thing, or not within the viewer's scope (the two look the same).
    #[error("not found")]
    NotFound,
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// What the progress page shows for a school, year and subject, before it is worded.
#[derive(Debug)]
pub struct SchoolFigures {
    /// The chosen subject, with its breakdowns.
    pub report: SchoolProgress,
    /// Every subject of the year that has expectations.
    pub subjects: Vec<(Choice, SchoolProgress)>,
    /// Up to three years of the chosen subject, oldest first.
    pub trend: Vec<TrendYear>,
    /// The chosen subject's improvement group over those three years.
    pub improvement: Option<ImprovementGroup>,
    /// The σ of the chosen subject's simple value-added intervals, and where it came from.
    pub sigma: (f64, SigmaSource),
    /// The chosen subject's contextual model, when it was fitted: its terms for the page
    /// that lists them.
    pub contextual_model: Option<ContextualTerms>,
}

/// The terms of a contextual model (ANALYTICS.md §3) and the ethnic groups they name.
#[derive(Debug, Clone)]
pub struct ContextualTerms {
    /// Each term with its estimate and standard error, in the design's order.
    pub terms: Vec<FixedEffect>,
    /// The ethnic groups with a term of their own.
    pub ethnicity_levels: Vec<String>,
    /// The largest ethnic group, which the others are compared with.
    pub ethnicity_reference: String,
}

/// One year of a subject's trend.
#[derive(Debug)]
pub struct TrendYear {
    pub year: String,
    pub progress: SchoolProgress,
    pub attainment: Estimate,
}

/// (school, academic year, subject, whether classes and teachers are included), by data
/// version.
pub type ReportCache = DerivedCache<(i64, i64, i64, bool), SchoolFigures>;

/// Why a report has no figures.
#[derive(Debug, Clone, PartialEq)]
pub enum NoFigures {
    /// The school has no final results (or none in a subject).
    NoResults,
    /// The year and subject have no reference expectations, and why.
    NoReference(ReferenceError),
}

/// The progress report for a school, year, subject and viewer.
#[derive(Debug)]
pub struct ProgressReport {
    /// Years with final results at the school, newest first.
    pub years: Vec<Choice>,
    /// Subjects with final results in the chosen year.
    pub subjects: Vec<Choice>,
    pub year: Option<Choice>,
    pub subject: Option<Choice>,
    /// Whether the viewer may list any of the school's pupils.
    pub can_list_pupils: bool,
    pub figures: Result<Arc<SchoolFigures>, NoFigures>,
}

/// Trends number the three years from here; only their order and adjacency matter.
const TREND_BASE_YEAR: i32 = 2000;

/// The progress use cases over a store, its reference expectations and its report cache.
#[derive(Clone, Copy)]
pub struct ProgressReports<'a> {
    pub(crate) store: &'a Store,
    pub(crate) references: &'a References,
    pub(super) reports: &'a ReportCache,
    /// The data version every figure is read at, when the caller pinned one
    /// ([`ProgressReports::at`]); else each use case reads the current one.
    pinned: Option<DataVersion>,
}

impl<'a> ProgressReports<'a> {
    pub fn new(
        store: &'a Store,
        references: &'a References,
        reports: &'a ReportCache,
    ) -> ProgressReports<'a> {
        ProgressReports {
            store,
            references,
            reports,
            pinned: None,
        }
    }

    /// The same use cases, reading everything at `version`: a page that shows several use
    /// cases' figures reads the data version once, so they are all of one version of the
    /// data (and the database is asked once).
    pub fn at(self, version: DataVersion) -> ProgressReports<'a> {
        ProgressReports {
            pinned: Some(version),
            ..self
        }
    }

    /// The pinned data version, or the current one.
    async fn version(&self) -> Result<DataVersion, StoreError> {
        match self.pinned {
            Some(version) => Ok(version),
            None => self.store.data_version().await,
        }
    }

    /// The reference for a year and subject, or why there is none.
    pub(crate) async fn reference(
        &self,
        version: DataVersion,
        year: i64,
        subject: i64,
    ) -> Result<Result<Arc<Reference>, ReferenceError>, StoreError> {
        self.references
            .get(self.store, version, year, subject)
            .await
    }

    /// The year whose reference expectations judge pupils of `year` in `subject`: `year`
    /// itself once the deployment has final results in the subject that year, else the
    /// latest earlier year that has them. A year still under way has predictions only, so
    /// its pupils are judged against the last completed year's reference population, as
    /// that year's pupils were. `None` when no year up to `year` has final results.
    pub(crate) async fn expectation_year(
        &self,
        year: i64,
        subject: i64,
    ) -> Result<Option<Choice>, StoreError> {
        let progress = self.store.progress();
        let years = progress.academic_years().await?;
        let Some(upto) = years.iter().position(|y| y.id == year) else {
            return Ok(None);
        };
        let ids: Vec<i64> = years[..=upto].iter().map(|y| y.id).collect();
        let with_finals = progress.subjects_of_years(&ids).await?;
        Ok(years[..=upto]
            .iter()
            .rev()
            .find(|y| {
                with_finals
                    .iter()
                    .any(|s| s.year == y.id && s.id == subject)
            })
            .cloned())
    }

    /// The reference that judges pupils of `year` in `subject` (see
    /// [`ProgressReports::expectation_year`]), or why there is none.
    pub(crate) async fn judging_reference(
        &self,
        version: DataVersion,
        year: i64,
        subject: i64,
    ) -> Result<Result<Arc<Reference>, ReferenceError>, StoreError> {
        let from = self
            .expectation_year(year, subject)
            .await?
            .map_or(year, |y| y.id);
        self.reference(version, from, subject).await
    }

    /// The progress report for a school, in the year and subject asked for (or the latest
    /// year and first subject), as `viewer` may see it: classes and teachers only for a
    /// viewer whose scope includes the subject.
    pub async fn school_report(
        &self,
        viewer: &Principal,
        school: SchoolId,
        year: Option<i64>,
        subject: Option<i64>,
    ) -> Result<ProgressReport, ProgressError> {
        viewer.may(&Action::ViewSchoolFigures(school))?;
        // Read once: every figure below is of this version of the data.
        let version = self.version().await?;
        let catalog = self.references.catalog();
        let years = (*catalog.school_years(self.store, version, school).await?).clone();
        let year = chosen(&years, year);
        let subjects = match &year {
            Some(year) => catalog.subjects(self.store, version, year.id).await?,
            None => Vec::new(),
        };
        let subject = chosen(&subjects, subject);
        let scope = viewer.pupil_scope(school);
        let mut report = ProgressReport {
            years,
            subjects,
            year: year.clone(),
            subject: subject.clone(),
            can_list_pupils: !scope.is_none(),
            figures: Err(NoFigures::NoResults),
        };
        let (Some(year), Some(subject)) = (year, subject) else {
            return Ok(report);
        };
        let reference_now = match self.reference(version, year.id, subject.id).await? {
            Ok(reference) => reference,
            Err(why) => {
                report.figures = Err(NoFigures::NoReference(why));
                return Ok(report);
            }
        };
        let show_classes = sees_classes_of(&scope, subject.id);
        let key = (school.0, year.id, subject.id, show_classes);
        let figures = self
            .reports
            .get_or_compute(version, key, || {
                self.school_figures(
                    version,
                    school,
                    (year.id, subject.id),
                    show_classes,
                    &reference_now,
                    (&report.years, &report.subjects),
                )
            })
            .await?;
        report.figures = Ok(figures);
        Ok(report)
    }

    /// The chosen subject's figures with breakdowns, every subject of the year, and three
    /// years of the chosen subject: two queries for the outcomes (one for the year's
    /// subjects, one for the subject's years) and one for classes when shown.
    async fn school_figures(
        &self,
        version: DataVersion,
        school: SchoolId,
        (year, subject): (i64, i64),
        show_classes: bool,
        reference_now: &Reference,
        (years, subjects): (&[Choice], &[Choice]),
    ) -> Result<SchoolFigures, StoreError> {
        let progress = self.store.progress();
        let subject_ids: Vec<i64> = subjects.iter().map(|s| s.id).collect();
        let mut of_year = by_year_and_subject(
            progress
                .school_outcomes(school, &[year], &subject_ids)
                .await?,
        );
        // Classes and teachers are read only for a viewer whose scope includes them.
        let memberships: Vec<Membership> = if show_classes {
            progress
                .memberships(year, subject, school)
                .await?
                .into_iter()
                .map(|m| Membership {
                    pupil: m.pupil,
                    class_id: m.class_id,
                    class_name: m.class_name,
                    teacher_id: m.teacher_id,
                    teacher_name: m.teacher_name,
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut groups: Vec<GroupBy> = GroupBy::PUPIL_GROUPS.to_vec();
        if show_classes {
            groups.extend([GroupBy::Class, GroupBy::Teacher]);
        }
        let chosen_pupils = of_year.get(&(year, subject)).cloned().unwrap_or_default();
        let report = school_progress(
            reference_now,
            school.0,
            &chosen_pupils,
            &memberships,
            &groups,
        );

        let mut subject_figures = Vec::new();
        for choice in subjects {
            let Ok(reference) = self.reference(version, year, choice.id).await? else {
                continue;
            };
            let rows = of_year.remove(&(year, choice.id)).unwrap_or_default();
            let progress = school_progress(&reference, school.0, &rows, &[], &[]);
            subject_figures.push((choice.clone(), progress));
        }

        let mut trend_years: Vec<&Choice> = years.iter().take(3).collect();
        trend_years.reverse();
        let trend_ids: Vec<i64> = trend_years.iter().map(|y| y.id).collect();
        let mut of_subject = by_year_and_subject(
            progress
                .school_outcomes(school, &trend_ids, &[subject])
                .await?,
        );
        let mut trend = Vec::new();
        let mut for_group: Vec<(i32, SubjectYear)> = Vec::new();
        for (index, choice) in trend_years.iter().enumerate() {
            let Ok(reference) = self.reference(version, choice.id, subject).await? else {
                continue;
            };
            let rows = of_subject.remove(&(choice.id, subject)).unwrap_or_default();
            let Some((progress, figures)) = subject_year(&reference, school, subject, &rows) else {
                continue;
            };
            trend.push(TrendYear {
                year: choice.name.clone(),
                progress,
                attainment: figures.attainment,
            });
            for_group.push((TREND_BASE_YEAR + index as i32, figures));
        }
        let improvement = match for_group.as_slice() {
            [a, b, c] => improvement_group_over([
                (a.0, std::slice::from_ref(&a.1)),
                (b.0, std::slice::from_ref(&b.1)),
                (c.0, std::slice::from_ref(&c.1)),
            ]),
            _ => None,
        };
        let contextual_model =
            reference_now
                .contextual
                .as_ref()
                .ok()
                .map(|model| ContextualTerms {
                    terms: model.fit.fixef.clone(),
                    ethnicity_levels: model.ethnicity_levels.clone(),
                    ethnicity_reference: model.ethnicity_reference.clone(),
                });
        Ok(SchoolFigures {
            contextual_model,
            sigma: (reference_now.simple.sigma, reference_now.sigma_source),
            report,
            subjects: subject_figures,
            trend,
            improvement,
        })
    }

    /// The school's improvement group over its latest three years, across all subjects
    /// (`headway_domain::progress::trend` says how subjects are combined). `None` with fewer
    /// than three years of results. Two queries: the years' subjects, then their outcomes.
    pub async fn school_improvement_group(
        &self,
        version: DataVersion,
        school: SchoolId,
    ) -> Result<Option<ImprovementGroup>, StoreError> {
        let progress = self.store.progress();
        let catalog = self.references.catalog();
        let years = catalog.school_years(self.store, version, school).await?;
        let mut latest: Vec<i64> = years.iter().take(3).map(|y| y.id).collect();
        if latest.len() < 3 {
            return Ok(None);
        }
        latest.reverse();
        let subjects = catalog
            .subjects_of_years(self.store, version, &latest)
            .await?;
        let subject_ids: Vec<i64> = subjects.iter().map(|s| s.id).collect();
        let mut rows = by_year_and_subject(
            progress
                .school_outcomes(school, &latest, &subject_ids)
                .await?,
        );
        let mut per_year: Vec<Vec<SubjectYear>> = Vec::new();
        for year in &latest {
            let mut figures = Vec::new();
            for subject in subjects.iter().filter(|s| s.year == *year) {
                let Ok(reference) = self.reference(version, *year, subject.id).await? else {
                    continue;
                };
                let pupils = rows.remove(&(*year, subject.id)).unwrap_or_default();
                if let Some((_, one)) = subject_year(&reference, school, subject.id, &pupils) {
                    figures.push(one);
                }
            }
            per_year.push(figures);
        }
        Ok(improvement_group_over([
            (TREND_BASE_YEAR, &per_year[0]),
            (TREND_BASE_YEAR + 1, &per_year[1]),
            (TREND_BASE_YEAR + 2, &per_year[2]),
        ]))
    }
}

/// The choice asked for if it is offered, else the first offered.
pub(crate) fn chosen(offered: &[Choice], wanted: Option<i64>) -> Option<Choice> {
    wanted
        .and_then(|w| offered.iter().find(|c| c.id == w))
        .or(offered.first())
        .cloned()
}

/// Whether the viewer may see classes and teachers of a subject at a school.
fn sees_classes_of(scope: &PupilScope, subject: i64) -> bool {
    match scope {
        PupilScope::All => true,
        PupilScope::Subjects { subjects, .. } => subjects.contains(&SubjectId(subject)),
        PupilScope::Classes(_) | PupilScope::None => false,
    }
}

/// A batch of outcome rows as the domain's pupils, by (year, subject).
fn by_year_and_subject(rows: Vec<OutcomeRow>) -> BTreeMap<(i64, i64), Vec<PupilOutcome>> {
    let mut grouped: BTreeMap<(i64, i64), Vec<PupilOutcome>> = BTreeMap::new();
    for row in &rows {
        grouped
            .entry((row.year, row.subject))
            .or_default()
            .push(pupil_outcome(row));
    }
    grouped
}

/// One subject's progress at a school in a year, and its figures for a trend: the value
/// added's standard error as computed with it, never worked back from its interval. `None`
/// when the school has no attainment shown.
fn subject_year(
    reference: &Reference,
    school: SchoolId,
    subject: i64,
    pupils: &[PupilOutcome],
) -> Option<(SchoolProgress, SubjectYear)> {
    let progress = school_progress(reference, school.0, pupils, &[], &[]);
    let attainment = progress.attainment?;
    let figures = SubjectYear {
        subject,
        attainment,
        value_added: progress.value_added.figures.as_ref().map(|f| f.estimate()),
        reference_means: reference.school_means.clone(),
    };
    Some((progress, figures))
}
