//! Forward projections for a school's pupils (ANALYTICS.md §5a, `docs/projections.md`): the
//! chance that each pupil reaches each threshold of the final outcome in each subject they
//! take, and the calibration that shows whether those chances can be trusted.
//!
//! **The reference population** is every pupil of the deployment in the *previous* academic
//! year with a starting point and a final result in the subject: their outcomes are known,
//! this year's are not. Two models are fitted per subject with
//! [`headway_stats::projection::ProjectionModel`] (an ordinal model for a graded outcome):
//!
//! - **with the interim result**: outcome ~ starting point + the pupil's latest interim
//!   result in the subject that year, fitted on the reference pupils who had one; used for a
//!   pupil with an interim result this year;
//! - **from the starting point only**: outcome ~ starting point, fitted on every reference
//!   pupil; used for a pupil with no interim result yet.
//!
//! A pupil's latest interim result this year stands in for last year's pupils' latest: the
//! chance is right when the two come from the same point of the year (a spring prediction
//! read through a model of spring predictions). Nothing here is a target: the figure says
//! what pupils with these results reached across the reference population.
//!
//! The fits are made once per data version and training year ([`ProjectionCache`]).

use super::report::{ProgressError, chosen};
use crate::cache::DerivedCache;
use headway_domain::access::{Action, Principal, PupilScope};
use headway_domain::anonymity::Threshold as Anonymity;
use headway_domain::ids::{PupilId, SchoolId};
use headway_stats::projection::{CalibrationBin, ProjectionModel, calibration_table};
use headway_store::progress::{Choice, ProjectionRow};
use headway_store::versions::DataVersion;
use headway_store::{Store, StoreError};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// A threshold of the final outcome: "at least `value`", named by a message id of the
/// pages' strings.
#[derive(Debug, Clone, PartialEq)]
pub struct Threshold {
    pub value: f64,
    pub label: String,
}

/// The thresholds projected when the deployment names none: grade 4 ("a standard pass")
/// and grade 7 on the GCSE 9–1 scale. The one place they are listed.
pub fn default_thresholds() -> Vec<Threshold> {
    [(4.0, "threshold-grade-4"), (7.0, "threshold-grade-7")]
        .into_iter()
        .map(|(value, label)| Threshold {
            value,
            label: label.into(),
        })
        .collect()
}

/// Fewer reference pupils than this and a model is not fitted.
pub const MIN_REFERENCE_PUPILS: usize = 30;
/// Bins of the calibration table: deciles of prediction.
pub const CALIBRATION_BINS: usize = 10;

/// Which model a pupil's chances come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The starting point and the pupil's latest interim result.
    WithInterim,
    /// The starting point only (no interim result yet).
    PriorOnly,
}

/// One model: its fit, the centres its covariates were taken from, and its pupils.
#[derive(Debug)]
pub struct FittedModel {
    pub model: ProjectionModel,
    /// The reference pupils' mean starting point and mean interim result (the covariates
    /// are centred on them).
    centres: Vec<f64>,
    pub reference_pupils: usize,
}

impl FittedModel {
    fn probability(&self, covariates: &[f64], threshold: f64) -> Option<f64> {
        self.model.check_threshold(threshold).ok()?;
        let mut row = vec![1.0];
        row.extend(covariates.iter().zip(&self.centres).map(|(x, c)| x - c));
        Some(self.model.probability_at_least(&row, threshold, None))
    }
}

/// A subject's two models, fitted on the training year.
#[derive(Debug, Default)]
pub struct SubjectModels {
    pub with_interim: Option<FittedModel>,
    pub prior_only: Option<FittedModel>,
}

impl SubjectModels {
    /// The chances of a pupil with a starting point (and perhaps an interim result) at each
    /// threshold (`None` for a threshold outside the reference outcomes), and the model used.
    pub fn chances(
        &self,
        prior: f64,
        interim: Option<f64>,
        thresholds: &[Threshold],
    ) -> Option<(Basis, Vec<Option<f64>>)> {
        let (basis, model, covariates) = match (interim, &self.with_interim) {
            (Some(interim), Some(model)) => (Basis::WithInterim, model, vec![prior, interim]),
            _ => (Basis::PriorOnly, self.prior_only.as_ref()?, vec![prior]),
        };
        let chances = thresholds
            .iter()
            .map(|t| model.probability(&covariates, t.value))
            .collect();
        Some((basis, chances))
    }
}

/// Every subject's models fitted on one year's reference population.
#[derive(Debug, Default)]
pub struct YearModels {
    pub subjects: BTreeMap<i64, SubjectModels>,
}

/// The calibration of a threshold: deciles of prediction, each shown only when it rests on
/// enough pupils.
#[derive(Debug, Clone)]
pub struct ThresholdCalibration {
    pub threshold: Threshold,
    pub pupils: usize,
    pub bins: Vec<CalibrationBin>,
}

impl ThresholdCalibration {
    /// Whether every decile is within its tolerance (0.03, or 2.5 standard errors in a
    /// decile of fewer than 500 pupils).
    pub fn is_calibrated(&self) -> bool {
        self.bins.iter().all(CalibrationBin::is_calibrated)
    }
}

/// Last year's models applied to this year's pupils whose finals are known, pooled over
/// subjects.
#[derive(Debug, Clone)]
pub struct Calibration {
    pub year: Choice,
    pub trained_on: Choice,
    /// Pupil-subject pairs predicted with an interim result and from the starting point only.
    pub with_interim: usize,
    pub prior_only: usize,
    /// One per threshold the reference outcomes reach.
    pub thresholds: Vec<ThresholdCalibration>,
}

/// Why there are no projections or no calibration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoProjection {
    /// The school has no year with assessments.
    NoYear,
    /// The year is the first in the deployment: there is no previous year to learn from.
    NoPreviousYear,
    /// No pupil of the year has both a projection and a final result (calibration).
    NoFinals,
}

/// One pupil's chances in one subject.
#[derive(Debug, Clone)]
pub struct PupilChances {
    pub pupil: i64,
    pub name: String,
    pub basis: Basis,
    pub interim: Option<f64>,
    /// One per threshold, in the thresholds' order.
    pub chances: Vec<Option<f64>>,
}

/// A subject's projections for the pupils in scope.
#[derive(Debug, Clone)]
pub struct SubjectProjections {
    pub subject: Choice,
    /// `false` when last year has no model for the subject (too few reference pupils).
    pub has_model: bool,
    pub pupils: Vec<PupilChances>,
}

/// A school's projections in a year, as a viewer may see them.
#[derive(Debug, Clone, Default)]
pub struct SchoolProjections {
    /// Years in which the school's pupils have assessments, latest first.
    pub years: Vec<Choice>,
    pub year: Option<Choice>,
    /// The year the models were fitted on.
    pub trained_on: Option<Choice>,
    pub thresholds: Vec<Threshold>,
    pub subjects: Vec<SubjectProjections>,
    pub problem: Option<NoProjection>,
}

/// A pupil's chances in the subjects of their latest year.
#[derive(Debug, Clone)]
pub struct PupilProjections {
    pub year_id: i64,
    pub trained_on: Choice,
    pub thresholds: Vec<Threshold>,
    /// (subject id, model used, chance per threshold)
    pub subjects: Vec<(i64, Basis, Vec<Option<f64>>)>,
}

/// Fitted models by training year and calibrations by (year, thresholds), per data version.
#[derive(Debug, Default, Clone)]
pub struct ProjectionCache {
    models: DerivedCache<i64, YearModels>,
    calibrations: DerivedCache<(i64, Vec<u64>), Option<Calibration>>,
}

/// The projection use cases over a store and its cache.
#[derive(Clone, Copy)]
pub struct Projections<'a> {
    store: &'a Store,
    cache: &'a ProjectionCache,
}

impl<'a> Projections<'a> {
    pub fn new(store: &'a Store, cache: &'a ProjectionCache) -> Projections<'a> {
        Projections { store, cache }
    }

    /// The chances of the school's pupils in `viewer`'s scope in a year (asked for, else the
    /// latest with assessments), per subject and threshold, from models of the previous year.
    /// Leaders and data managers see every pupil, a teacher the pupils of their classes; a
    /// governor and anyone of another school are refused.
    pub async fn school(
        &self,
        viewer: &Principal,
        school: SchoolId,
        year: Option<i64>,
        thresholds: &[Threshold],
    ) -> Result<SchoolProjections, ProgressError> {
        viewer.may(&Action::ViewPupils(school))?;
        let version = self.store.data_version().await?;
        let progress = self.store.progress();
        let mut found = SchoolProjections {
            years: progress.assessed_years(school).await?,
            thresholds: thresholds.to_vec(),
            ..SchoolProjections::default()
        };
        let Some(year) = chosen(&found.years, year) else {
            found.problem = Some(NoProjection::NoYear);
            return Ok(found);
        };
        found.year = Some(year.clone());
        let Some(trained_on) = self.previous_year(year.id).await? else {
            found.problem = Some(NoProjection::NoPreviousYear);
            return Ok(found);
        };
        let models = self.models(version, trained_on.id).await?;
        found.trained_on = Some(trained_on);
        let scope = viewer.pupil_scope(school);
        let rows = progress
            .projection_rows(year.id, Some(school), &scope)
            .await?;
        let names: HashMap<i64, String> = rows
            .iter()
            .map(|r| (r.subject, r.subject_name.clone()))
            .collect();
        let mut by_subject: BTreeMap<i64, Vec<PupilChances>> = BTreeMap::new();
        for row in &rows {
            let list = by_subject.entry(row.subject).or_default();
            let Some(prior) = row.prior else { continue };
            let Some(subject) = models.subjects.get(&row.subject) else {
                continue;
            };
            if let Some((basis, chances)) = subject.chances(prior, row.interim, thresholds) {
                list.push(PupilChances {
                    pupil: row.pupil,
                    name: row.display_name.clone().unwrap_or(row.pseudonym.clone()),
                    basis,
                    interim: row.interim,
                    chances,
                });
            }
        }
        found.subjects = by_subject
            .into_iter()
            .map(|(id, pupils)| SubjectProjections {
                subject: Choice {
                    id,
                    name: names.get(&id).cloned().unwrap_or_default(),
                },
                has_model: models.subjects.contains_key(&id),
                pupils,
            })
            .collect();
        found
            .subjects
            .sort_by(|a, b| a.subject.name.cmp(&b.subject.name));
        Ok(found)
    }

    /// A pupil's chances in each subject of their latest year with assessments, if the
    /// pupil is within `viewer`'s scope (`NotFound` otherwise, as for the profile); `None`
    /// when that year has no previous year to learn from.
    pub async fn pupil(
        &self,
        viewer: &Principal,
        pupil: PupilId,
        thresholds: &[Threshold],
    ) -> Result<Option<PupilProjections>, ProgressError> {
        let progress = self.store.progress();
        let record = progress
            .pupil(pupil, |school| viewer.pupil_scope(school))
            .await?
            .ok_or(ProgressError::NotFound)?;
        let Some(year) = progress
            .pupil_results(pupil)
            .await?
            .iter()
            .filter(|r| r.kind != "baseline")
            .max_by_key(|r| r.taken_on)
            .map(|r| r.year_id)
        else {
            return Ok(None);
        };
        let Some(trained_on) = self.previous_year(year).await? else {
            return Ok(None);
        };
        let version = self.store.data_version().await?;
        let models = self.models(version, trained_on.id).await?;
        // The pupil is in the viewer's scope: read the school's rows as far as the scope goes.
        let scope = viewer.pupil_scope(SchoolId(record.school_id));
        let subjects = progress
            .projection_rows(year, Some(SchoolId(record.school_id)), &scope)
            .await?
            .into_iter()
            .filter(|r| r.pupil == pupil.0)
            .filter_map(|r| {
                let (basis, chances) = models
                    .subjects
                    .get(&r.subject)?
                    .chances(r.prior?, r.interim, thresholds)?;
                Some((r.subject, basis, chances))
            })
            .collect();
        Ok(Some(PupilProjections {
            year_id: year,
            trained_on,
            thresholds: thresholds.to_vec(),
            subjects,
        }))
    }

    /// The calibration of the projections: the models of the year before `year` (asked for,
    /// else the latest year with final results that has a previous year) applied to every
    /// pupil of the deployment in `year` whose final result is known, pooled over subjects,
    /// with the decile table per threshold. Deciles resting on fewer pupils than the
    /// anonymity threshold are left out. Anyone who may see the school's pupils may see it
    /// (it names no pupil and no school).
    pub async fn calibration(
        &self,
        viewer: &Principal,
        school: SchoolId,
        year: Option<i64>,
        thresholds: &[Threshold],
    ) -> Result<Result<Calibration, NoProjection>, ProgressError> {
        viewer.may(&Action::ViewPupils(school))?;
        let version = self.store.data_version().await?;
        let years = self.store.progress().academic_years().await?;
        let mut with_finals = Vec::new();
        for y in years.iter().skip(1).rev() {
            if !self.store.progress().subjects(y.id).await?.is_empty() {
                with_finals.push(y.clone());
            }
        }
        let Some(year) = (match year {
            Some(wanted) => years.iter().find(|y| y.id == wanted).cloned(),
            None => with_finals.first().cloned(),
        }) else {
            return Ok(Err(NoProjection::NoFinals));
        };
        let key = (
            year.id,
            thresholds.iter().map(|t| t.value.to_bits()).collect(),
        );
        let calibration = self
            .cache
            .calibrations
            .get_or_compute(version, key, || self.calibrate(version, year, thresholds))
            .await?;
        Ok((*calibration).clone().ok_or(NoProjection::NoFinals))
    }

    async fn calibrate(
        &self,
        version: DataVersion,
        year: Choice,
        thresholds: &[Threshold],
    ) -> Result<Option<Calibration>, StoreError> {
        let Some(trained_on) = self.previous_year(year.id).await? else {
            return Ok(None);
        };
        let models = self.models(version, trained_on.id).await?;
        let rows = self
            .store
            .progress()
            .projection_rows(year.id, None, &PupilScope::All)
            .await?;
        Ok(
            calibrate_rows(&models, &rows, thresholds).map(|calibrated| Calibration {
                year,
                trained_on,
                with_interim: calibrated.with_interim,
                prior_only: calibrated.prior_only,
                thresholds: calibrated.thresholds,
            }),
        )
    }

    /// The academic year just before `year` (by start date), if any.
    async fn previous_year(&self, year: i64) -> Result<Option<Choice>, StoreError> {
        let years = self.store.progress().academic_years().await?;
        Ok(years
            .iter()
            .position(|y| y.id == year)
            .and_then(|k| k.checked_sub(1))
            .map(|k| years[k].clone()))
    }

    /// Every subject's models fitted on a year's reference population, once per version.
    pub async fn models(
        &self,
        version: DataVersion,
        trained_on: i64,
    ) -> Result<Arc<YearModels>, StoreError> {
        self.cache
            .models
            .get_or_compute(version, trained_on, || async {
                let rows = self
                    .store
                    .progress()
                    .projection_rows(trained_on, None, &PupilScope::All)
                    .await?;
                tokio::task::spawn_blocking(move || fit_year(&rows))
                    .await
                    .map_err(|e| StoreError::Internal(format!("the projection fit stopped: {e}")))
            })
            .await
    }
}

/// The calibration of one year's models on another year's rows: how many predictions came
/// from each model, and the decile table per threshold.
#[derive(Debug, Clone)]
pub struct CalibratedRows {
    pub with_interim: usize,
    pub prior_only: usize,
    pub thresholds: Vec<ThresholdCalibration>,
}

/// `models` applied to every row with a starting point and a final result, pooled over
/// subjects: the decile table per threshold the reference outcomes reach, leaving out
/// deciles resting on fewer pupils than the anonymity threshold. `None` when no row could be
/// predicted. The pure part of [`Projections::calibration`], for checks outside a database.
pub fn calibrate_rows(
    models: &YearModels,
    rows: &[ProjectionRow],
    thresholds: &[Threshold],
) -> Option<CalibratedRows> {
    let (mut with_interim, mut prior_only) = (0, 0);
    let mut predicted: Vec<Vec<f64>> = vec![Vec::new(); thresholds.len()];
    let mut reached: Vec<Vec<bool>> = vec![Vec::new(); thresholds.len()];
    for row in rows {
        let (Some(prior), Some(outcome)) = (row.prior, row.outcome) else {
            continue;
        };
        let Some((basis, chances)) = models
            .subjects
            .get(&row.subject)
            .and_then(|m| m.chances(prior, row.interim, thresholds))
        else {
            continue;
        };
        match basis {
            Basis::WithInterim => with_interim += 1,
            Basis::PriorOnly => prior_only += 1,
        }
        for (k, chance) in chances.iter().enumerate() {
            if let Some(chance) = chance {
                predicted[k].push(*chance);
                reached[k].push(outcome >= thresholds[k].value);
            }
        }
    }
    if with_interim + prior_only == 0 {
        return None;
    }
    let anonymity = Anonymity::default();
    let thresholds = thresholds
        .iter()
        .zip(predicted.iter().zip(&reached))
        .filter(|(_, (p, _))| !p.is_empty())
        .map(|(threshold, (p, r))| ThresholdCalibration {
            threshold: threshold.clone(),
            pupils: p.len(),
            bins: calibration_table(p, r, CALIBRATION_BINS)
                .into_iter()
                .filter(|bin| anonymity.allows(u32::try_from(bin.n).unwrap_or(u32::MAX)))
                .collect(),
        })
        .collect();
    Some(CalibratedRows {
        with_interim,
        prior_only,
        thresholds,
    })
}

/// Fits each subject's two models on a year's rows.
pub fn fit_year(rows: &[ProjectionRow]) -> YearModels {
    let mut by_subject: BTreeMap<i64, Vec<&ProjectionRow>> = BTreeMap::new();
    for row in rows {
        if row.prior.is_some() && row.outcome.is_some() {
            by_subject.entry(row.subject).or_default().push(row);
        }
    }
    let mut models = YearModels::default();
    for (subject, rows) in by_subject {
        let prior_only = fit_one(&rows, false);
        let with_interim = fit_one(&rows, true);
        if prior_only.is_some() || with_interim.is_some() {
            models.subjects.insert(
                subject,
                SubjectModels {
                    with_interim,
                    prior_only,
                },
            );
        }
    }
    models
}

/// One model on the rows with every covariate it needs: the starting point, and the
/// interim result when `with_interim`. `None` with too few pupils or when the fit fails.
fn fit_one(rows: &[&ProjectionRow], with_interim: bool) -> Option<FittedModel> {
    let used: Vec<(Vec<f64>, f64, i64)> = rows
        .iter()
        .filter_map(|r| {
            let mut covariates = vec![r.prior?];
            if with_interim {
                covariates.push(r.interim?);
            }
            Some((covariates, r.outcome?, r.school))
        })
        .collect();
    if used.len() < MIN_REFERENCE_PUPILS {
        return None;
    }
    let k = if with_interim { 2 } else { 1 };
    let centres: Vec<f64> = (0..k)
        .map(|j| used.iter().map(|(c, _, _)| c[j]).sum::<f64>() / used.len() as f64)
        .collect();
    let mut schools: HashMap<i64, u32> = HashMap::new();
    let mut x = Vec::with_capacity(used.len() * (k + 1));
    let (mut y, mut group) = (Vec::new(), Vec::new());
    for (covariates, outcome, school) in &used {
        x.push(1.0);
        x.extend(covariates.iter().zip(&centres).map(|(v, c)| v - c));
        y.push(*outcome);
        let next = u32::try_from(schools.len()).ok()?;
        group.push(*schools.entry(*school).or_insert(next));
    }
    let mut names = vec!["(Intercept)".to_string(), "prior".to_string()];
    if with_interim {
        names.push("interim".into());
    }
    let model = ProjectionModel::fit(
        &x,
        &names,
        &y,
        &group,
        schools.len(),
        "outcome",
        "school",
        None,
    )
    .map_err(|e| tracing::info!(error = %e, with_interim, "a projection model was not fitted"))
    .ok()?;
    Some(FittedModel {
        model,
        centres,
        reference_pupils: used.len(),
    })
}
