//! A school's year at a glance, for the head, senior leaders and governors: the headline
//! across subjects with its interval, band and three-year direction; what stands out; and
//! every subject broken down by pupil group (the grid), with attendance beside them.
//! Pupil groups only — no class, teacher or pupil — so every viewer of the school's
//! figures gets the same overview.
//!
//! Reads are batched: one query for the years' subjects, one for their codes and one for
//! the school's outcomes in all of them. The across-subjects headline needs the spread of
//! the reference population's pupil means, measured once per year and data version and
//! stored with it.

use crate::attendance::year_attendance;
use crate::cache::DerivedCache;
use crate::progress::reference::{References, pupil_outcome};
use crate::progress::report::ProgressError;
use headway_domain::access::{Action, Principal};
use headway_domain::anonymity::Threshold;
use headway_domain::attendance::{PersistentAbsence, SchoolAttendance};
use headway_domain::ids::SchoolId;
use headway_domain::progress::headline::{across_subjects_reference, pupil_means, spread};
use headway_domain::progress::{
    Direction, GroupBy, PupilOutcome, Reference, SchoolProgress, SubjectFigures, SubjectPupils,
    SubjectStandout, direction, school_progress, what_stands_out,
};
use headway_store::progress::Choice;
use headway_store::versions::DataVersion;
use headway_store::{Store, StoreError};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The codes of subjects that are a measure set's headline outcome, in order of preference:
/// Capped 9 points (Wales), then Attainment 8 (England), each imported as a subject. One
/// place, to be replaced by the measure set's own headline rule.
pub const HEADLINE_SUBJECT_CODES: [&str; 2] = ["CAP9", "ATT8"];

/// The year's headline outcome: the subject whose code comes first in
/// [`HEADLINE_SUBJECT_CODES`], if the year holds one (`subjects` as `(id, code)`).
pub fn headline_subject(subjects: &[(i64, &str)]) -> Option<i64> {
    HEADLINE_SUBJECT_CODES.iter().find_map(|wanted| {
        subjects
            .iter()
            .find(|(_, code)| code.eq_ignore_ascii_case(wanted))
            .map(|(id, _)| *id)
    })
}

/// What the headline measures.
#[derive(Debug, Clone)]
pub enum HeadlineMeasure {
    /// An aggregate outcome imported as a subject (Capped 9, Attainment 8).
    Subject(Choice),
    /// Each pupil's value added averaged over the subjects they sat, then over pupils.
    AcrossSubjects { subjects: usize },
}

/// One subject of the year with its pupil-group breakdowns.
#[derive(Debug)]
pub struct SubjectColumn {
    pub subject: Choice,
    pub progress: SchoolProgress,
}

/// One year's headline, for the three-year view.
#[derive(Debug)]
pub struct HeadlineYear {
    pub year: Choice,
    pub measure: HeadlineMeasure,
    /// With the pupil-group breakdowns and the disadvantaged gap.
    pub progress: SchoolProgress,
}

/// The overview's figures for one school and year.
#[derive(Debug)]
pub struct OverviewFigures {
    /// The chosen year.
    pub year: Choice,
    /// Up to three years' headlines, oldest first (the chosen year last, when it has one).
    pub history: Vec<HeadlineYear>,
    /// From the oldest year shown to the chosen one, when both have a headline figure.
    pub direction: Option<Direction>,
    /// The chosen year's subjects (the headline subject apart), by name.
    pub subjects: Vec<SubjectColumn>,
    /// Largest first.
    pub standouts: Vec<SubjectStandout>,
    /// Attendance and persistent absence in the chosen year, by the same pupil groups
    /// (broad success beside attainment); `None` when none is recorded for the year.
    pub attendance: Option<SchoolAttendance>,
}

impl OverviewFigures {
    /// The chosen year's headline; `None` when no subject of the year has expectations.
    pub fn headline(&self) -> Option<&HeadlineYear> {
        self.history.last().filter(|h| h.year.id == self.year.id)
    }
}

/// The overview as a viewer asked for it.
#[derive(Debug)]
pub struct SchoolOverview {
    /// Years with final results at the school, newest first.
    pub years: Vec<Choice>,
    pub year: Option<Choice>,
    /// `None` when the school has no final results.
    pub figures: Option<Arc<OverviewFigures>>,
}

/// Overviews by (school, year), and the reference population's spread of pupil means by
/// year, each per data version.
#[derive(Debug, Default, Clone)]
pub struct OverviewCache {
    overviews: DerivedCache<(i64, i64), OverviewFigures>,
    spreads: DerivedCache<i64, Option<f64>>,
}

/// The overview use case over a store, its reference expectations and its cache.
#[derive(Clone, Copy)]
pub struct SchoolOverviews<'a> {
    store: &'a Store,
    references: &'a References,
    cache: &'a OverviewCache,
    /// The deployment's persistent-absence cut and suppression threshold, for attendance.
    attendance_cuts: (PersistentAbsence, Threshold),
    /// The data version every figure is read at, when the caller pinned one
    /// ([`SchoolOverviews::at`]); else each call reads the current one.
    pinned: Option<DataVersion>,
}

/// How many years the direction and persistence look over, the chosen one included.
const YEARS_SHOWN: usize = 3;

impl<'a> SchoolOverviews<'a> {
    /// `attendance_cuts`: the deployment's persistent-absence cut and suppression
    /// threshold for the attendance figures.
    pub fn new(
        store: &'a Store,
        references: &'a References,
        cache: &'a OverviewCache,
        attendance_cuts: (PersistentAbsence, Threshold),
    ) -> SchoolOverviews<'a> {
        SchoolOverviews {
            store,
            references,
            cache,
            attendance_cuts,
            pinned: None,
        }
    }

    /// The same use cases, reading everything at `version` (see
    /// [`super::ProgressReports::at`]).
    pub fn at(self, version: DataVersion) -> SchoolOverviews<'a> {
        SchoolOverviews {
            pinned: Some(version),
            ..self
        }
    }

    /// The school's overview in the year asked for (or its latest), for anyone who may see
    /// the school's figures.
    pub async fn overview(
        &self,
        viewer: &Principal,
        school: SchoolId,
        year: Option<i64>,
    ) -> Result<SchoolOverview, ProgressError> {
        viewer.may(&Action::ViewSchoolFigures(school))?;
        let version = match self.pinned {
            Some(version) => version,
            None => self.store.data_version().await?,
        };
        let years = (*self
            .references
            .catalog()
            .school_years(self.store, version, school)
            .await?)
            .clone();
        let position = year
            .and_then(|wanted| years.iter().position(|y| y.id == wanted))
            .unwrap_or(0);
        let Some(chosen) = years.get(position).cloned() else {
            return Ok(SchoolOverview {
                years,
                year: None,
                figures: None,
            });
        };
        let shown: Vec<Choice> = years
            .iter()
            .skip(position)
            .take(YEARS_SHOWN)
            .cloned()
            .collect();
        let figures = self
            .cache
            .overviews
            .get_or_compute(version, (school.0, chosen.id), || {
                self.figures(version, school, &shown)
            })
            .await?;
        Ok(SchoolOverview {
            years,
            year: Some(chosen),
            figures: Some(figures),
        })
    }

    /// The overview for the governors' summary: only for the school's governors, head and
    /// senior leaders. It holds pupil groups only, never a class, teacher or pupil.
    pub async fn governors_summary(
        &self,
        viewer: &Principal,
        school: SchoolId,
        year: Option<i64>,
    ) -> Result<SchoolOverview, ProgressError> {
        viewer.may(&Action::ViewGovernorsSummary(school))?;
        self.overview(viewer, school, year).await
    }

    /// The figures of `years` (newest first; the first is the chosen one).
    async fn figures(
        &self,
        version: DataVersion,
        school: SchoolId,
        years: &[Choice],
    ) -> Result<OverviewFigures, StoreError> {
        let progress = self.store.progress();
        let year_ids: Vec<i64> = years.iter().map(|y| y.id).collect();
        let subjects = self
            .references
            .catalog()
            .subjects_of_years(self.store, version, &year_ids)
            .await?;
        let mut ids: Vec<i64> = subjects.iter().map(|s| s.id).collect();
        ids.sort_unstable();
        ids.dedup();
        let codes = progress.subject_codes(&ids).await?;
        let mut rows: BTreeMap<(i64, i64), Vec<PupilOutcome>> = BTreeMap::new();
        for row in progress.school_outcomes(school, &year_ids, &ids).await? {
            rows.entry((row.year, row.subject))
                .or_default()
                .push(pupil_outcome(&row));
        }

        // Newest first, as `years`.
        let mut by_year: Vec<(Option<HeadlineYear>, Vec<SubjectColumn>)> = Vec::new();
        for year in years {
            let of_year: Vec<(i64, &str)> = subjects
                .iter()
                .filter(|s| s.year == year.id)
                .filter_map(|s| {
                    codes
                        .iter()
                        .find(|c| c.id == s.id)
                        .map(|c| (s.id, c.code.as_str()))
                })
                .collect();
            let headline_id = headline_subject(&of_year);
            let mut columns = Vec::new();
            let mut headline = None;
            let mut fitted: Vec<(Arc<Reference>, i64)> = Vec::new();
            for subject in subjects.iter().filter(|s| s.year == year.id) {
                let Ok(reference) = self
                    .references
                    .get(self.store, version, year.id, subject.id)
                    .await?
                else {
                    continue;
                };
                let pupils = rows
                    .get(&(year.id, subject.id))
                    .cloned()
                    .unwrap_or_default();
                let figures =
                    school_progress(&reference, school.0, &pupils, &[], &GroupBy::PUPIL_GROUPS);
                let choice = Choice {
                    id: subject.id,
                    name: subject.name.clone(),
                };
                if Some(subject.id) == headline_id {
                    headline = Some(HeadlineYear {
                        year: year.clone(),
                        measure: HeadlineMeasure::Subject(choice),
                        progress: figures,
                    });
                } else {
                    fitted.push((reference, subject.id));
                    columns.push(SubjectColumn {
                        subject: choice,
                        progress: figures,
                    });
                }
            }
            if headline.is_none() && !fitted.is_empty() {
                headline = self
                    .across_subjects(version, school, year, &fitted, &rows)
                    .await?;
            }
            by_year.push((headline, columns));
        }

        let mut history: Vec<HeadlineYear> = Vec::new();
        let mut this_year = Vec::new();
        let mut earlier_columns: Vec<Vec<SubjectColumn>> = Vec::new();
        for (index, (headline, columns)) in by_year.into_iter().enumerate() {
            if index == 0 {
                this_year = columns;
            } else {
                earlier_columns.push(columns);
            }
            history.extend(headline);
        }
        history.reverse();
        let estimates: Vec<_> = history
            .iter()
            .filter_map(|h| {
                h.progress
                    .value_added
                    .figures
                    .as_ref()
                    .map(|f| f.estimate())
            })
            .collect();
        let chosen_has_figures = history
            .last()
            .is_some_and(|h| h.year.id == years[0].id && h.progress.value_added.figures.is_some());
        let direction = if chosen_has_figures {
            direction(&estimates)
        } else {
            None
        };

        let now = view(&this_year);
        let earlier: Vec<Vec<SubjectFigures<'_>>> =
            earlier_columns.iter().map(|c| view(c)).collect();
        let earlier: Vec<&[SubjectFigures<'_>]> = earlier.iter().map(Vec::as_slice).collect();
        let standouts = what_stands_out(&now, &earlier);
        let mut subjects = this_year;
        subjects.sort_by(|a, b| a.subject.name.cmp(&b.subject.name));
        let attendance =
            year_attendance(self.store, school, years[0].id, self.attendance_cuts).await?;
        Ok(OverviewFigures {
            year: years[0].clone(),
            history,
            direction,
            subjects,
            standouts,
            attendance: (attendance.whole.pupils > 0).then_some(attendance),
        })
    }

    /// The across-subjects headline of a school's year; `None` when the reference
    /// population's spread cannot be measured (fewer than two pupils).
    async fn across_subjects(
        &self,
        version: DataVersion,
        school: SchoolId,
        year: &Choice,
        fitted: &[(Arc<Reference>, i64)],
        rows: &BTreeMap<(i64, i64), Vec<PupilOutcome>>,
    ) -> Result<Option<HeadlineYear>, StoreError> {
        let sigma = self
            .cache
            .spreads
            .get_or_compute(version, year.id, || {
                self.stored_or_measured_spread(version, year.id, fitted)
            })
            .await?;
        let Some(sigma) = *sigma else {
            return Ok(None);
        };
        let empty = Vec::new();
        let subjects: Vec<SubjectPupils<'_>> = fitted
            .iter()
            .map(|(reference, subject)| SubjectPupils {
                reference,
                pupils: rows.get(&(year.id, *subject)).unwrap_or(&empty),
            })
            .collect();
        let means = pupil_means(&subjects);
        let settings = fitted[0].0.settings.clone();
        let reference = across_subjects_reference(sigma, &fitted[0].0, settings);
        Ok(Some(HeadlineYear {
            year: year.clone(),
            measure: HeadlineMeasure::AcrossSubjects {
                subjects: fitted.len(),
            },
            progress: school_progress(&reference, school.0, &means, &[], &GroupBy::PUPIL_GROUPS),
        }))
    }

    /// The spread stored for the year at `version`, else measured and stored, so a restarted
    /// server (or another one) does not read every pupil of the year again.
    async fn stored_or_measured_spread(
        &self,
        version: DataVersion,
        year: i64,
        fitted: &[(Arc<Reference>, i64)],
    ) -> Result<Option<f64>, StoreError> {
        if let Some(stored) = self.store.stored_reference_spread(year, version).await? {
            return Ok(stored);
        }
        let spread = self.reference_spread(year, fitted).await?;
        self.store
            .store_reference_spread(year, version, spread)
            .await?;
        Ok(spread)
    }

    /// σ of the reference population's pupil means over `fitted` subjects of a year: every
    /// pupil of the deployment, in one query.
    async fn reference_spread(
        &self,
        year: i64,
        fitted: &[(Arc<Reference>, i64)],
    ) -> Result<Option<f64>, StoreError> {
        let rows = self.store.progress().year_outcomes(year).await?;
        let fitted = fitted.to_vec();
        tokio::task::spawn_blocking(move || {
            let mut by_subject: BTreeMap<i64, Vec<PupilOutcome>> = BTreeMap::new();
            for row in rows {
                by_subject
                    .entry(row.subject)
                    .or_default()
                    .push(PupilOutcome {
                        pupil: row.pupil,
                        school: 0,
                        prior: row.prior,
                        outcome: Some(row.outcome),
                        disadvantaged: None,
                        sen: None,
                        eal: None,
                        gender: None,
                        age_months: None,
                        ethnicity: None,
                    });
            }
            let empty = Vec::new();
            let subjects: Vec<SubjectPupils<'_>> = fitted
                .iter()
                .map(|(reference, subject)| SubjectPupils {
                    reference,
                    pupils: by_subject.get(subject).unwrap_or(&empty),
                })
                .collect();
            spread(&pupil_means(&subjects))
        })
        .await
        .map_err(|e| StoreError::Internal(format!("the spread of pupil means stopped: {e}")))
    }
}

/// A year's subjects as the stand-out rule reads them.
fn view(columns: &[SubjectColumn]) -> Vec<SubjectFigures<'_>> {
    columns
        .iter()
        .map(|c| SubjectFigures {
            subject: c.subject.id,
            progress: &c.progress,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_nine_comes_before_attainment_eight_and_codes_ignore_case() {
        assert_eq!(
            headline_subject(&[(1, "MAT"), (7, "att8"), (9, "CAP9")]),
            Some(9)
        );
        assert_eq!(headline_subject(&[(1, "MAT"), (7, "ATT8")]), Some(7));
        assert_eq!(headline_subject(&[(1, "MAT"), (2, "ENG")]), None);
    }
}
