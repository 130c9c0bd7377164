//! The reference population's expectations for one outcome and year: the simple model
//! (prior-attainment groups, §2) and the contextual model (REML, §3).

use crate::pupil::{Gender, Sen};
use headway_stats::sufficient::SufficientStatistics;
use headway_stats::value_added::ContextualFit;
use headway_stats::value_added::contextual;
use headway_stats::value_added::simple::{
    MeasureSettings, PriorGrouping, PriorRange, ReferenceModel,
};
use std::collections::{BTreeMap, HashMap};

/// One pupil's starting point, outcome and context, for one outcome and year.
#[derive(Debug, Clone, PartialEq)]
pub struct PupilOutcome {
    pub pupil: i64,
    pub school: i64,
    pub prior: Option<f64>,
    pub outcome: Option<f64>,
    pub disadvantaged: Option<bool>,
    pub sen: Option<Sen>,
    pub eal: Option<bool>,
    pub gender: Option<Gender>,
    /// Age in months at the start of the academic year (month of birth effect).
    pub age_months: Option<f64>,
    /// The ethnicity group recorded in the roster, if any (see [`ethnicity_level`]).
    pub ethnicity: Option<String>,
}

/// The fewest reference pupils from which Headway fits its own expectations.
pub const MIN_REFERENCE_PUPILS: usize = 300;

/// The covariates of the contextual model (ANALYTICS.md §3 defaults) before the ethnicity
/// dummies, whose number depends on the data (see [`ContextualModel::ethnicity_levels`]).
/// Prior attainment is centred on the reference mean so its square is well conditioned.
pub const CONTEXTUAL_TERMS: [&str; 9] = [
    "(Intercept)",
    "prior",
    "I(prior^2)",
    "disadvantaged",
    "sen_support",
    "sen_plan",
    "eal",
    "female",
    "age_months",
];

#[derive(Debug, Clone, thiserror::Error, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ReferenceError {
    #[error(
        "the reference population has {found} pupils with a starting point and an outcome; at least {needed} are needed to set expectations (import a published expectations table instead)"
    )]
    TooFewPupils { found: usize, needed: usize },
    #[error(
        "{found} pupils of the reference population have an outcome and a starting point inside the published table's groups; at least 2 are needed to measure the spread of value added"
    )]
    TooFewInPublishedGroups { found: usize },
    #[error("expectations could not be set: {0}")]
    Stats(String),
}

/// Where the σ of the simple model's intervals comes from (ANALYTICS.md §2 step 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SigmaSource {
    /// The spread of the reference pupils' value added against expectations fitted from
    /// them.
    Fitted,
    /// The spread of the reference pupils' value added against a published table that gave
    /// no σ of its own.
    MeasuredAgainstTable,
    /// The σ published with the table (e.g. DfE's national SD).
    Published,
}

/// What the reference population says for one outcome and year. Serialisable, so a fit
/// can be stored and read back by another process instead of being fitted again.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Reference {
    pub simple: ReferenceModel,
    pub sigma_source: SigmaSource,
    pub settings: MeasureSettings,
    /// Prior-attainment thirds of the reference population: (lower, upper) cut points.
    pub prior_thirds: (f64, f64),
    /// The contextual fit and each school's index in it, or why it could not be fitted.
    pub contextual: Result<ContextualModel, ContextualUnavailable>,
    pub reference_pupils: usize,
    /// Each reference school's mean outcome, by school id (for attainment thirds and
    /// improvement groups).
    pub school_means: BTreeMap<i64, f64>,
}

/// The ethnicity level of pupils with no ethnicity group recorded. They are a level of
/// their own rather than left out (lme4 would drop the row): a school that records no
/// ethnicity keeps its contextual value added, compared with pupils of the reference
/// level like every other group.
pub const ETHNICITY_NOT_RECORDED: &str = "(not recorded)";

/// A pupil's ethnicity level in the contextual model: the recorded group, or
/// [`ETHNICITY_NOT_RECORDED`] when none (or only blanks) was recorded.
pub fn ethnicity_level(p: &PupilOutcome) -> &str {
    ethnicity_level_of(p.ethnicity.as_deref())
}

/// The ethnicity level of a recorded ethnicity group as stored (see [`ethnicity_level`]).
pub fn ethnicity_level_of(recorded: Option<&str>) -> &str {
    match recorded.map(str::trim) {
        Some(group) if !group.is_empty() => group,
        _ => ETHNICITY_NOT_RECORDED,
    }
}

/// The name of an ethnicity dummy in the fit, as R names a factor's level (`ethnicityAsian`).
pub fn ethnicity_term(level: &str) -> String {
    format!("ethnicity{level}")
}

/// Why there is no contextual value added (simple value added still stands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ContextualUnavailable {
    /// No reference pupil has every covariate recorded (a deployment that keeps no
    /// context).
    NoPupilWithContext,
    /// The reference pupils with every covariate are all in one school: there is no
    /// between-school variance to estimate.
    OneSchool,
    /// The model could not be fitted (e.g. a covariate the same for every pupil).
    NotFitted,
    /// For one school: none of its pupils has every covariate recorded.
    SchoolNotInModel,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ContextualModel {
    pub fit: ContextualFit,
    pub school_index: HashMap<i64, usize>,
    pub prior_centre: f64,
    /// The ethnicity groups of the reference population with a dummy of their own, in the
    /// order of their columns after [`CONTEXTUAL_TERMS`].
    pub ethnicity_levels: Vec<String>,
    /// The largest ethnicity group of the reference population: the level the dummies are
    /// compared with (no column of its own).
    pub ethnicity_reference: String,
}

impl ContextualModel {
    /// The school's conditional mode with its interval, if the school was in the fit.
    pub fn school_effect(&self, school: i64) -> Option<&headway_stats::value_added::SchoolEffect> {
        self.school_index.get(&school).map(|&i| &self.fit.groups[i])
    }

    /// The pupil's row of this model's design, or `None` if a covariate is missing or the
    /// pupil's ethnicity group was not in the reference population.
    pub fn row(&self, p: &PupilOutcome) -> Option<Vec<f64>> {
        contextual_row(
            p,
            self.prior_centre,
            &self.ethnicity_levels,
            &self.ethnicity_reference,
        )
    }

    /// `x_ij'β̂`: what the model expects of a pupil with this context in an average school.
    pub fn expected(&self, p: &PupilOutcome) -> Option<f64> {
        let row = self.row(p)?;
        Some(
            row.iter()
                .zip(&self.fit.fixef)
                .map(|(x, beta)| x * beta.estimate)
                .sum(),
        )
    }

    /// `y_ij − x_ij'β̂`: the pupil's outcome against the expectation for their context.
    /// Minus the school's `û_j` it is the pupil-level residual of ANALYTICS.md §3.
    pub fn residual(&self, p: &PupilOutcome) -> Option<f64> {
        Some(p.outcome? - self.expected(p)?)
    }
}

pub(crate) fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = position.ceil() as usize;
    sorted[below] + (position - below as f64) * (sorted[above] - sorted[below])
}

impl Reference {
    /// Fits the expectations from the reference population's pupils.
    pub fn fit(
        pupils: &[PupilOutcome],
        settings: MeasureSettings,
    ) -> Result<Reference, ReferenceError> {
        Reference::fit_with(pupils, settings, None, None)
    }

    /// Sets the expectations from `published`, a table of prior-attainment ranges and the
    /// expected outcome of each (e.g. DfE's Attainment 8 estimates), when given; else fits
    /// them from the pupils, as [`Reference::fit`]. With a table, σ is `published_sigma`
    /// when the table gave one (the population the table describes, not this deployment's
    /// pupils), else the spread of the reference pupils' value added against the table; a
    /// small reference population (one school) is enough. The prior thirds, the contextual
    /// model and the school means come from the pupils either way.
    pub fn fit_with(
        pupils: &[PupilOutcome],
        settings: MeasureSettings,
        published: Option<&[(PriorRange, f64)]>,
        published_sigma: Option<f64>,
    ) -> Result<Reference, ReferenceError> {
        let complete: Vec<&PupilOutcome> = pupils
            .iter()
            .filter(|p| p.prior.is_some() && p.outcome.is_some())
            .collect();
        if published.is_none() && complete.len() < MIN_REFERENCE_PUPILS {
            return Err(ReferenceError::TooFewPupils {
                found: complete.len(),
                needed: MIN_REFERENCE_PUPILS,
            });
        }
        let prior: Vec<f64> = complete
            .iter()
            .map(|p| p.prior.unwrap_or(f64::NAN))
            .collect();
        let outcome: Vec<f64> = complete
            .iter()
            .map(|p| p.outcome.unwrap_or(f64::NAN))
            .collect();
        let stats = |e: headway_stats::StatsError| ReferenceError::Stats(e.to_string());
        let (simple, sigma_source) = match (published, published_sigma) {
            (Some(table), Some(sigma)) => (
                ReferenceModel::from_published(table, sigma, settings.scale_divisor)
                    .map_err(stats)?,
                SigmaSource::Published,
            ),
            (Some(table), None) => (
                published_model(table, &prior, &outcome, &settings)?,
                SigmaSource::MeasuredAgainstTable,
            ),
            (None, _) => (
                ReferenceModel::fit(&prior, &outcome, &PriorGrouping::default(), &settings)
                    .map_err(stats)?,
                SigmaSource::Fitted,
            ),
        };
        let mut sorted = prior.clone();
        sorted.sort_by(f64::total_cmp);
        let prior_thirds = (quantile(&sorted, 1.0 / 3.0), quantile(&sorted, 2.0 / 3.0));
        let prior_centre = prior.iter().sum::<f64>() / prior.len() as f64;
        let contextual = fit_contextual(&complete, prior_centre);
        let mut sums: HashMap<i64, (f64, usize)> = HashMap::new();
        for p in pupils {
            if let Some(y) = p.outcome {
                let entry = sums.entry(p.school).or_insert((0.0, 0));
                entry.0 += y;
                entry.1 += 1;
            }
        }
        let school_means = sums
            .iter()
            .map(|(school, (sum, n))| (*school, sum / *n as f64))
            .collect();
        Ok(Reference {
            simple,
            sigma_source,
            settings,
            prior_thirds,
            contextual,
            reference_pupils: complete.len(),
            school_means,
        })
    }

    /// Prior-attainment band of a prior score: 0 low, 1 middle, 2 high third.
    pub fn prior_band(&self, prior: f64) -> usize {
        if prior < self.prior_thirds.0 {
            0
        } else if prior < self.prior_thirds.1 {
            1
        } else {
            2
        }
    }
}

/// The simple model of a published table. σ is the sample standard deviation of the
/// reference pupils' `v = (y − E(g))/s` against the table's expectations; pupils whose
/// prior falls in no group of the table are left out.
fn published_model(
    table: &[(PriorRange, f64)],
    prior: &[f64],
    outcome: &[f64],
    settings: &MeasureSettings,
) -> Result<ReferenceModel, ReferenceError> {
    let stats = |e: headway_stats::StatsError| ReferenceError::Stats(e.to_string());
    // σ is what is being measured: any positive value serves to place pupils in groups.
    let placing =
        ReferenceModel::from_published(table, 1.0, settings.scale_divisor).map_err(stats)?;
    let v: Vec<f64> = prior
        .iter()
        .zip(outcome)
        .filter_map(|(&p, &y)| placing.pupil_value_added(p, y))
        .collect();
    if v.len() < 2 {
        return Err(ReferenceError::TooFewInPublishedGroups { found: v.len() });
    }
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    let sigma = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt();
    ReferenceModel::from_published(table, sigma, settings.scale_divisor).map_err(stats)
}

/// One pupil's row of the contextual design: [`CONTEXTUAL_TERMS`], then one dummy per
/// level of `ethnicity_levels`; `None` if a covariate is missing or the pupil's ethnicity
/// level is neither one of `ethnicity_levels` nor `ethnicity_reference`.
pub fn contextual_row(
    p: &PupilOutcome,
    prior_centre: f64,
    ethnicity_levels: &[String],
    ethnicity_reference: &str,
) -> Option<Vec<f64>> {
    let mut row = base_row(p, prior_centre)?.to_vec();
    let level = ethnicity_level(p);
    if level != ethnicity_reference && !ethnicity_levels.iter().any(|l| l == level) {
        return None;
    }
    row.extend(
        ethnicity_levels
            .iter()
            .map(|l| f64::from(u8::from(l == level))),
    );
    Some(row)
}

/// The covariates of [`CONTEXTUAL_TERMS`], or `None` if one is missing.
fn base_row(p: &PupilOutcome, prior_centre: f64) -> Option<[f64; 9]> {
    let prior = p.prior? - prior_centre;
    let sen = p.sen?;
    Some([
        1.0,
        prior,
        prior * prior,
        f64::from(u8::from(p.disadvantaged?)),
        f64::from(u8::from(sen == Sen::Support)),
        f64::from(u8::from(sen == Sen::Plan)),
        f64::from(u8::from(p.eal?)),
        f64::from(u8::from(p.gender? == Gender::Female)),
        p.age_months?,
    ])
}

/// The ethnicity levels of the pupils with every other covariate: the largest (the
/// reference level; ties to the first by name) and the others in name order, each to have
/// a dummy. `None` when no pupil has every other covariate.
fn ethnicity_levels(pupils: &[&PupilOutcome], prior_centre: f64) -> Option<(String, Vec<String>)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for p in pupils {
        if base_row(p, prior_centre).is_some() && p.outcome.is_some() {
            *counts.entry(ethnicity_level(p)).or_default() += 1;
        }
    }
    let largest = counts
        .iter()
        .max_by_key(|(level, n)| (**n, std::cmp::Reverse(**level)))
        .map(|(level, _)| level.to_string())?;
    let others = counts
        .keys()
        .filter(|l| **l != largest)
        .map(|l| l.to_string())
        .collect();
    Some((largest, others))
}

/// The REML fit over every school of the reference population, or why it cannot be fitted
/// (no context, a single school, a constant covariate): simple value added still stands. The
/// design has one ethnicity dummy per group present except the largest, so its width
/// depends on the data.
fn fit_contextual(
    pupils: &[&PupilOutcome],
    prior_centre: f64,
) -> Result<ContextualModel, ContextualUnavailable> {
    // No pupil has every covariate (a school that keeps no context): the statistics would
    // have no rows to fit.
    let (ethnicity_reference, ethnicity_levels) =
        ethnicity_levels(pupils, prior_centre).ok_or(ContextualUnavailable::NoPupilWithContext)?;
    let width = CONTEXTUAL_TERMS.len() + ethnicity_levels.len();
    let mut school_index: HashMap<i64, usize> = HashMap::new();
    let mut x = Vec::with_capacity(pupils.len() * width);
    let mut y = Vec::with_capacity(pupils.len());
    let mut group = Vec::with_capacity(pupils.len());
    for p in pupils {
        let row = contextual_row(p, prior_centre, &ethnicity_levels, &ethnicity_reference);
        let (Some(row), Some(outcome)) = (row, p.outcome) else {
            continue;
        };
        let next = school_index.len();
        let index = *school_index.entry(p.school).or_insert(next);
        x.extend_from_slice(&row);
        y.push(outcome);
        group.push(index as u32);
    }
    let statistics = SufficientStatistics::collect(&x, &y, &group, school_index.len());
    contextual_from_statistics(
        &statistics,
        school_index,
        prior_centre,
        ethnicity_levels,
        ethnicity_reference,
    )
}

/// The REML fit from the statistics of the design [`contextual_row`] makes (however they
/// were collected: in one pass over the pupils here, or summed by the database for the
/// national refit).
pub(crate) fn contextual_from_statistics(
    statistics: &SufficientStatistics,
    school_index: HashMap<i64, usize>,
    prior_centre: f64,
    ethnicity_levels: Vec<String>,
    ethnicity_reference: String,
) -> Result<ContextualModel, ContextualUnavailable> {
    let names: Vec<String> = CONTEXTUAL_TERMS
        .iter()
        .map(|s| s.to_string())
        .chain(ethnicity_levels.iter().map(|l| ethnicity_term(l)))
        .collect();
    match contextual::fit(statistics, &names, "outcome", "school") {
        Ok(fit) => Ok(ContextualModel {
            fit,
            school_index,
            prior_centre,
            ethnicity_levels,
            ethnicity_reference,
        }),
        Err(headway_stats::StatsError::SingleGroup { .. }) => Err(ContextualUnavailable::OneSchool),
        // Simple value added still stands; the page says contextual is unavailable.
        Err(_) => Err(ContextualUnavailable::NotFitted),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A synthetic reference population: outcome = prior/10 − 0.5·disadvantaged + school
    /// effect + noise (deterministic).
    pub fn population(schools: i64, per_school: i64) -> Vec<PupilOutcome> {
        let mut pupils = Vec::new();
        let mut state: u64 = 42;
        let mut noise = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as f64 / (1u64 << 31) as f64) - 0.5
        };
        for school in 0..schools {
            let school_effect = (school % 5) as f64 * 0.2 - 0.4;
            for i in 0..per_school {
                let prior = 90.0 + ((i * 7 + school * 3) % 30) as f64;
                let disadvantaged = i % 4 == 0;
                let outcome = prior / 10.0 - 5.0 - if disadvantaged { 0.5 } else { 0.0 }
                    + school_effect
                    + noise();
                pupils.push(PupilOutcome {
                    pupil: school * 1000 + i,
                    school,
                    prior: Some(prior),
                    outcome: Some(outcome),
                    disadvantaged: Some(disadvantaged),
                    sen: Some(if i % 10 == 0 {
                        Sen::Support
                    } else if i % 37 == 0 {
                        Sen::Plan
                    } else {
                        Sen::None
                    }),
                    eal: Some(i % 6 == 0),
                    gender: Some(if i % 2 == 0 {
                        Gender::Female
                    } else {
                        Gender::Male
                    }),
                    age_months: Some((i % 12) as f64),
                    ethnicity: None,
                });
            }
        }
        pupils
    }

    #[test]
    fn too_few_reference_pupils_are_refused_with_a_reason() {
        let err = Reference::fit(&population(2, 10), MeasureSettings::default()).unwrap_err();
        assert_eq!(
            err,
            ReferenceError::TooFewPupils {
                found: 20,
                needed: MIN_REFERENCE_PUPILS
            }
        );
        assert!(err.to_string().contains("published expectations"));
    }

    #[test]
    fn the_contextual_model_finds_the_planted_school_effects() {
        let reference = Reference::fit(&population(20, 60), MeasureSettings::default()).unwrap();
        let contextual = reference.contextual.as_ref().expect("the model fits");
        // Schools 0 and 4 were planted −0.4 and +0.4 from the middle.
        let low = contextual.school_effect(0).unwrap().blup;
        let high = contextual.school_effect(4).unwrap().blup;
        assert!(high - low > 0.6, "{low} {high}");
        let disadvantaged = contextual
            .fit
            .fixef
            .iter()
            .find(|f| f.term == "disadvantaged")
            .unwrap();
        assert!(
            (disadvantaged.estimate + 0.5).abs() < 0.1,
            "{disadvantaged:?}"
        );
        assert_eq!(reference.reference_pupils, 1200);
    }

    #[test]
    fn each_ethnicity_group_but_the_largest_has_a_dummy_and_no_pupil_is_dropped() {
        let mut pupils = population(20, 60);
        for p in &mut pupils {
            let (group, effect) = match p.pupil % 10 {
                0 | 1 => (Some("Asian"), 0.4),
                2 => (None, 0.0),
                3 => (Some("  "), 0.0),
                _ => (Some("White"), 0.0),
            };
            p.ethnicity = group.map(str::to_owned);
            p.outcome = p.outcome.map(|y| y + effect);
        }
        let reference = Reference::fit(&pupils, MeasureSettings::default()).unwrap();
        let model = reference.contextual.as_ref().expect("the model fits");
        assert_eq!(model.ethnicity_reference, "White");
        assert_eq!(model.ethnicity_levels, [ETHNICITY_NOT_RECORDED, "Asian"]);
        assert_eq!(
            model.fit.nobs, 1200,
            "pupils with no ethnicity recorded are kept"
        );
        let terms: Vec<&str> = model.fit.fixef.iter().map(|f| f.term.as_str()).collect();
        assert_eq!(terms.len(), CONTEXTUAL_TERMS.len() + 2);
        assert_eq!(terms[9..], ["ethnicity(not recorded)", "ethnicityAsian"]);
        let estimate = |term: &str| {
            model
                .fit
                .fixef
                .iter()
                .find(|f| f.term == term)
                .unwrap()
                .estimate
        };
        assert!((estimate("ethnicityAsian") - 0.4).abs() < 0.1);
        assert!(estimate("ethnicity(not recorded)").abs() < 0.1);
        // A pupil's row follows the model's levels; a group the reference never saw has none.
        let mut pupil = pupils[4].clone();
        assert_eq!(model.row(&pupil).unwrap()[9..], [0.0, 0.0]);
        pupil.ethnicity = Some("Asian".into());
        assert_eq!(model.row(&pupil).unwrap()[9..], [0.0, 1.0]);
        pupil.ethnicity = None;
        assert_eq!(model.row(&pupil).unwrap()[9..], [1.0, 0.0]);
        pupil.ethnicity = Some("Any other ethnic group".into());
        assert!(model.row(&pupil).is_none());
    }

    #[test]
    fn a_reference_with_one_ethnicity_level_has_no_dummy() {
        let reference = Reference::fit(&population(20, 60), MeasureSettings::default()).unwrap();
        let model = reference.contextual.as_ref().unwrap();
        assert_eq!(model.ethnicity_reference, ETHNICITY_NOT_RECORDED);
        assert!(model.ethnicity_levels.is_empty());
        assert_eq!(model.fit.fixef.len(), CONTEXTUAL_TERMS.len());
        // The expectation is the row times β̂; the residual the outcome minus it.
        let pupil = &population(20, 60)[7];
        let expected: f64 = model
            .row(pupil)
            .unwrap()
            .iter()
            .zip(&model.fit.fixef)
            .map(|(x, b)| x * b.estimate)
            .sum();
        assert_eq!(model.expected(pupil), Some(expected));
        assert_eq!(
            model.residual(pupil),
            Some(pupil.outcome.unwrap() - expected)
        );
    }

    #[test]
    fn the_contextual_model_says_why_it_is_unavailable() {
        let one_school = Reference::fit(&population(1, 400), MeasureSettings::default()).unwrap();
        assert_eq!(one_school.contextual, Err(ContextualUnavailable::OneSchool));
        let mut no_context = population(20, 60);
        for p in &mut no_context {
            p.sen = None;
        }
        let reference = Reference::fit(&no_context, MeasureSettings::default()).unwrap();
        assert_eq!(
            reference.contextual,
            Err(ContextualUnavailable::NoPupilWithContext)
        );
        assert!(
            reference.simple.expected(100.0).is_some(),
            "simple still stands"
        );
    }

    fn range(low: f64, high: f64) -> PriorRange {
        PriorRange { low, high }
    }

    fn pupil(pupil: i64, prior: Option<f64>, outcome: f64) -> PupilOutcome {
        PupilOutcome {
            pupil,
            school: 1,
            prior,
            outcome: Some(outcome),
            disadvantaged: None,
            sen: None,
            eal: None,
            gender: None,
            age_months: None,
            ethnicity: None,
        }
    }

    #[test]
    fn a_published_table_sets_the_expected_outcome_not_the_fit() {
        let pupils = population(20, 60);
        let table = [(range(0.0, 104.5), 50.0), (range(105.0, 200.0), 60.0)];
        let fitted = Reference::fit(&pupils, MeasureSettings::default()).unwrap();
        let published =
            Reference::fit_with(&pupils, MeasureSettings::default(), Some(&table), None).unwrap();
        assert_eq!(published.simple.expected(95.0), Some(50.0));
        assert_eq!(published.simple.expected(110.0), Some(60.0));
        assert!(fitted.simple.expected(95.0).unwrap() < 10.0);
        assert_eq!(published.simple.pupil_value_added(110.0, 61.0), Some(1.0));
        // Everything but the simple model still comes from the pupils.
        assert_eq!(published.prior_thirds, fitted.prior_thirds);
        assert_eq!(published.school_means, fitted.school_means);
        assert_eq!(published.reference_pupils, fitted.reference_pupils);
        assert!(published.contextual.is_ok());
    }

    #[test]
    fn with_a_published_table_sigma_is_the_spread_of_value_added_against_it() {
        let table = [(range(0.0, 10.0), 5.0), (range(11.0, 20.0), 10.0)];
        let pupils = [
            pupil(1, Some(1.0), 4.0),    // v = −1
            pupil(2, Some(2.0), 6.0),    // v = +1
            pupil(3, Some(15.0), 13.0),  // v = +3
            pupil(4, Some(12.0), 9.0),   // v = −1
            pupil(5, Some(50.0), 100.0), // in no group: left out of σ
            pupil(6, Some(10.5), 100.0), // between groups: left out of σ
            pupil(7, None, 7.0),         // no starting point
        ];
        // mean v = 0.5; squared deviations 2.25 + 0.25 + 6.25 + 2.25 = 11, over n − 1 = 3.
        let reference =
            Reference::fit_with(&pupils, MeasureSettings::default(), Some(&table), None).unwrap();
        assert!((reference.simple.sigma - (11.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert_eq!(reference.simple.expected(12.0), Some(10.0));
        // σ is in units of v, so it is divided by the scale divisor too.
        let settings = MeasureSettings {
            scale_divisor: 2.0,
            ..MeasureSettings::default()
        };
        let scaled = Reference::fit_with(&pupils, settings, Some(&table), None).unwrap();
        assert!((scaled.simple.sigma - (11.0f64 / 3.0).sqrt() / 2.0).abs() < 1e-12);
    }

    #[test]
    fn a_sigma_published_with_the_table_is_used_not_the_deployments_spread() {
        let table = [(range(0.0, 10.0), 5.0), (range(11.0, 20.0), 10.0)];
        let pupils = [
            pupil(1, Some(1.0), 4.0),
            pupil(2, Some(2.0), 6.0),
            pupil(3, Some(15.0), 13.0),
            pupil(4, Some(12.0), 9.0),
        ];
        let measured =
            Reference::fit_with(&pupils, MeasureSettings::default(), Some(&table), None).unwrap();
        assert_eq!(measured.sigma_source, SigmaSource::MeasuredAgainstTable);
        let published = Reference::fit_with(
            &pupils,
            MeasureSettings::default(),
            Some(&table),
            Some(1.41628),
        )
        .unwrap();
        assert_eq!(published.simple.sigma, 1.41628);
        assert_eq!(published.sigma_source, SigmaSource::Published);
        assert_eq!(published.simple.expected(12.0), Some(10.0));
        let fitted = Reference::fit(&population(20, 60), MeasureSettings::default()).unwrap();
        assert_eq!(fitted.sigma_source, SigmaSource::Fitted);
    }

    #[test]
    fn a_published_table_needs_two_reference_pupils_inside_its_groups() {
        let table = [(range(0.0, 10.0), 5.0)];
        let pupils = [pupil(1, Some(1.0), 4.0), pupil(2, Some(50.0), 6.0)];
        let err = Reference::fit_with(&pupils, MeasureSettings::default(), Some(&table), None)
            .unwrap_err();
        assert_eq!(err, ReferenceError::TooFewInPublishedGroups { found: 1 });
    }

    #[test]
    fn prior_bands_split_the_reference_into_thirds() {
        let reference = Reference::fit(&population(10, 60), MeasureSettings::default()).unwrap();
        let pupils = population(10, 60);
        let mut counts = [0usize; 3];
        for p in &pupils {
            counts[reference.prior_band(p.prior.unwrap())] += 1;
        }
        for count in counts {
            assert!((150..=250).contains(&count), "{counts:?}");
        }
    }
}
