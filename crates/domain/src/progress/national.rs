//! The national refit (ANALYTICS.md §3, "how to make it fast"): the reference expectations
//! of a year and subject made from what the database sums, not from every pupil read into
//! the application.
//!
//! The database returns two small tables:
//!
//! - the **prior × outcome histogram**: how many reference pupils have each pair of
//!   starting point and outcome (scores are on discrete scales — scaled scores, grades,
//!   points — so this is a few thousand rows for millions of pupils). The simple model, σ,
//!   the prior thirds and the centre of prior attainment are exactly what they would be
//!   from the pupils themselves, because they depend on the pupils only through these
//!   pairs;
//! - **each school's raw moments** of the contextual design `z = [x, y]` (`n_j`, `Σz`,
//!   `Σzz'`, summed with `GROUP BY school`), with prior attainment already centred on the
//!   histogram's mean, and one dummy per *stored* ethnicity value. Merging the stored
//!   values into the model's levels and dropping the reference level is a linear map of the
//!   columns, applied to the statistics ([`SufficientStatistics::transformed`]).
//!
//! Only the small REML step runs here; its cost depends on the number of schools, not
//! pupils.

use super::PupilOutcome;
use super::reference::{
    CONTEXTUAL_TERMS, ContextualUnavailable, MIN_REFERENCE_PUPILS, Reference, ReferenceError,
    SigmaSource, contextual_from_statistics, ethnicity_level_of, quantile,
};
use crate::pupil::{Gender, Sen};
use headway_stats::sufficient::SufficientStatistics;
pub use headway_stats::sufficient::{RawMoments, upper_index};
use headway_stats::value_added::simple::{MeasureSettings, PriorGrouping, ReferenceModel};
use std::collections::{BTreeMap, HashMap};

/// A column of the contextual design as the database computes it for the national refit.
/// The first nine are [`CONTEXTUAL_TERMS`] in order; then one dummy per ethnicity value as
/// stored (`None`: no value stored), merged into the model's levels afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Covariate {
    Intercept,
    /// Prior attainment minus the centre.
    Prior,
    /// (Prior attainment minus the centre)².
    PriorSquared,
    Disadvantaged,
    SenSupport,
    SenPlan,
    Eal,
    Female,
    /// Months between the first of the birth month and the first of the month the year
    /// starts in.
    AgeMonths,
    /// 1 when the pupil's stored ethnicity group is exactly this value.
    Ethnicity(Option<String>),
}

/// The most distinct stored ethnicity values the national refit takes: each is a column of
/// the aggregation, so their number is bounded rather than left to the data.
pub const MAX_ETHNICITY_VALUES: usize = 60;

/// The columns the database sums for the refit: [`CONTEXTUAL_TERMS`], then one dummy per
/// stored ethnicity value. Refused when there are more than [`MAX_ETHNICITY_VALUES`].
pub fn national_columns(
    stored_ethnicities: &[Option<String>],
) -> Result<Vec<Covariate>, ReferenceError> {
    if stored_ethnicities.len() > MAX_ETHNICITY_VALUES {
        return Err(ReferenceError::Stats(format!(
            "the pupils hold {} different ethnicity groups; the national refit takes at most {MAX_ETHNICITY_VALUES}",
            stored_ethnicities.len()
        )));
    }
    let mut columns = vec![
        Covariate::Intercept,
        Covariate::Prior,
        Covariate::PriorSquared,
        Covariate::Disadvantaged,
        Covariate::SenSupport,
        Covariate::SenPlan,
        Covariate::Eal,
        Covariate::Female,
        Covariate::AgeMonths,
    ];
    debug_assert_eq!(columns.len(), CONTEXTUAL_TERMS.len());
    columns.extend(stored_ethnicities.iter().cloned().map(Covariate::Ethnicity));
    Ok(columns)
}

/// How many reference pupils have this starting point and this outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PriorOutcomeCount {
    pub prior: f64,
    pub outcome: f64,
    pub pupils: u64,
}

/// One school's sums for the refit.
#[derive(Debug, Clone, PartialEq)]
pub struct SchoolAggregate {
    pub school: i64,
    /// Pupils with an outcome (with or without a starting point or context).
    pub outcomes: u64,
    /// The sum of their outcomes.
    pub outcome_sum: f64,
    /// The raw moments of `z = [x, y]` over the pupils with a starting point and every
    /// covariate, the columns of [`national_columns`] then the outcome.
    pub moments: RawMoments,
}

/// The pupils of one school who share a context — whether every covariate is recorded, and
/// the stored values the indicator columns are made of — with the sums of the powers of
/// their centred starting point `x`, age in months `a` and outcome `y` that the products of
/// the design's columns need. Every column of [`national_columns`] is an indicator of the
/// context, `x`, `x²` or `a`, and the outcome is `y`, so each product of two columns over
/// the pupils is a context's indicator product times one of these sums: the database sums
/// 14 numbers per row instead of every product, and [`school_aggregates_from_contexts`]
/// multiplies them out per context.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContextSums {
    pub school: i64,
    /// Whether these pupils have a starting point and every covariate; the others count
    /// only towards the school's outcomes and their sum.
    pub complete: bool,
    pub disadvantaged: Option<bool>,
    /// As stored (`none`, `support`, `plan`).
    pub sen: Option<String>,
    pub eal: Option<bool>,
    /// As stored (`female`, `male`, `other`).
    pub gender: Option<String>,
    pub ethnicity: Option<String>,
    pub pupils: u64,
    /// `Σy`, `Σy²`.
    pub y: f64,
    pub yy: f64,
    /// `Σx`, `Σx²`, `Σx³`, `Σx⁴` (complete pupils only).
    pub x: [f64; 4],
    /// `Σa`, `Σa²`, `Σxa`, `Σx²a`.
    pub a: f64,
    pub aa: f64,
    pub xa: f64,
    pub xxa: f64,
    /// `Σxy`, `Σx²y`, `Σay`.
    pub xy: f64,
    pub xxy: f64,
    pub ay: f64,
}

/// A column of the design as a power of `x`, `a` or `y` (times the context's indicator).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Power {
    One,
    X,
    Xx,
    A,
    Y,
}

impl ContextSums {
    /// `Σ` over these pupils of the product of two columns' powers.
    fn product(&self, a: Power, b: Power) -> f64 {
        use Power::*;
        match (a, b) {
            (One, One) => self.pupils as f64,
            (One, X) | (X, One) => self.x[0],
            (One, Xx) | (Xx, One) | (X, X) => self.x[1],
            (X, Xx) | (Xx, X) => self.x[2],
            (Xx, Xx) => self.x[3],
            (One, A) | (A, One) => self.a,
            (A, A) => self.aa,
            (X, A) | (A, X) => self.xa,
            (Xx, A) | (A, Xx) => self.xxa,
            (One, Y) | (Y, One) => self.y,
            (Y, Y) => self.yy,
            (X, Y) | (Y, X) => self.xy,
            (Xx, Y) | (Y, Xx) => self.xxy,
            (A, Y) | (Y, A) => self.ay,
        }
    }

    /// A column's indicator for this context and its power.
    fn column(&self, covariate: &Covariate) -> (f64, Power) {
        let flag = |b: bool| f64::from(u8::from(b));
        match covariate {
            Covariate::Intercept => (1.0, Power::One),
            Covariate::Prior => (1.0, Power::X),
            Covariate::PriorSquared => (1.0, Power::Xx),
            Covariate::AgeMonths => (1.0, Power::A),
            Covariate::Disadvantaged => (flag(self.disadvantaged == Some(true)), Power::One),
            Covariate::SenSupport => (flag(self.sen.as_deref() == Some("support")), Power::One),
            Covariate::SenPlan => (flag(self.sen.as_deref() == Some("plan")), Power::One),
            Covariate::Eal => (flag(self.eal == Some(true)), Power::One),
            Covariate::Female => (flag(self.gender.as_deref() == Some("female")), Power::One),
            Covariate::Ethnicity(stored) => (flag(*stored == self.ethnicity), Power::One),
        }
    }
}

/// Each school's sums from its contexts' sums (ordered by school, as the database returns
/// them): the same numbers [`school_aggregates_of`] collects pupil by pupil, to rounding.
pub fn school_aggregates_from_contexts(
    contexts: &[ContextSums],
    columns: &[Covariate],
) -> Vec<SchoolAggregate> {
    let k = columns.len() + 1;
    let mut schools: Vec<SchoolAggregate> = Vec::new();
    for context in contexts {
        if schools.last().is_none_or(|s| s.school != context.school) {
            schools.push(SchoolAggregate {
                school: context.school,
                outcomes: 0,
                outcome_sum: 0.0,
                moments: RawMoments {
                    n: 0,
                    sums: vec![0.0; k],
                    products: vec![0.0; k * (k + 1) / 2],
                },
            });
        }
        let school = schools.last_mut().expect("pushed above");
        school.outcomes += context.pupils;
        school.outcome_sum += context.y;
        if !context.complete {
            continue;
        }
        let design: Vec<(f64, Power)> = columns
            .iter()
            .map(|c| context.column(c))
            .chain(std::iter::once((1.0, Power::Y)))
            .collect();
        let m = &mut school.moments;
        m.n += context.pupils;
        for (a, (indicator_a, power_a)) in design.iter().enumerate() {
            if *indicator_a == 0.0 {
                continue;
            }
            m.sums[a] += context.product(Power::One, *power_a);
            for (b, (indicator_b, power_b)) in design.iter().enumerate().skip(a) {
                if *indicator_b != 0.0 {
                    m.products[upper_index(k, a, b)] += context.product(*power_a, *power_b);
                }
            }
        }
    }
    schools
}

/// The mean starting point of the pupils of the histogram: the centre of prior attainment
/// in the contextual design. `None` when there are none.
pub fn prior_centre(histogram: &[PriorOutcomeCount]) -> Option<f64> {
    let pupils: u64 = histogram.iter().map(|h| h.pupils).sum();
    (pupils > 0).then(|| {
        histogram
            .iter()
            .map(|h| h.prior * h.pupils as f64)
            .sum::<f64>()
            / pupils as f64
    })
}

/// A pupil's row of the national columns (without the outcome), or `None` when the pupil
/// lacks a starting point or a covariate: what the database computes per result, computed
/// here.
pub fn national_row(p: &PupilOutcome, columns: &[Covariate], centre: f64) -> Option<Vec<f64>> {
    let prior = p.prior? - centre;
    let sen = p.sen?;
    let (disadvantaged, eal, gender, age) = (p.disadvantaged?, p.eal?, p.gender?, p.age_months?);
    let flag = |b: bool| f64::from(u8::from(b));
    Some(
        columns
            .iter()
            .map(|c| match c {
                Covariate::Intercept => 1.0,
                Covariate::Prior => prior,
                Covariate::PriorSquared => prior * prior,
                Covariate::Disadvantaged => flag(disadvantaged),
                Covariate::SenSupport => flag(sen == Sen::Support),
                Covariate::SenPlan => flag(sen == Sen::Plan),
                Covariate::Eal => flag(eal),
                Covariate::Female => flag(gender == Gender::Female),
                Covariate::AgeMonths => age,
                Covariate::Ethnicity(stored) => flag(stored.as_deref() == p.ethnicity.as_deref()),
            })
            .collect(),
    )
}

/// The (prior, outcome) histogram of pupils, collected here: what the database's
/// `GROUP BY prior, outcome` returns, ordered the same way.
pub fn histogram_of(pupils: &[PupilOutcome]) -> Vec<PriorOutcomeCount> {
    let mut pairs: Vec<(f64, f64)> = pupils
        .iter()
        .filter_map(|p| Some((p.prior?, p.outcome?)))
        .collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut histogram: Vec<PriorOutcomeCount> = Vec::new();
    for (prior, outcome) in pairs {
        match histogram.last_mut() {
            Some(last) if last.prior == prior && last.outcome == outcome => last.pupils += 1,
            _ => histogram.push(PriorOutcomeCount {
                prior,
                outcome,
                pupils: 1,
            }),
        }
    }
    histogram
}

/// Each school's sums collected here in one pass over the pupils, ordered by school: what
/// the database's `GROUP BY school` returns.
pub fn school_aggregates_of(
    pupils: &[PupilOutcome],
    columns: &[Covariate],
    centre: f64,
) -> Vec<SchoolAggregate> {
    let k = columns.len() + 1;
    let mut schools: BTreeMap<i64, SchoolAggregate> = BTreeMap::new();
    for p in pupils {
        let Some(y) = p.outcome else { continue };
        let school = schools.entry(p.school).or_insert_with(|| SchoolAggregate {
            school: p.school,
            outcomes: 0,
            outcome_sum: 0.0,
            moments: RawMoments {
                n: 0,
                sums: vec![0.0; k],
                products: vec![0.0; k * (k + 1) / 2],
            },
        });
        school.outcomes += 1;
        school.outcome_sum += y;
        let Some(mut z) = national_row(p, columns, centre) else {
            continue;
        };
        z.push(y);
        let m = &mut school.moments;
        m.n += 1;
        for a in 0..k {
            m.sums[a] += z[a];
            for b in a..k {
                m.products[upper_index(k, a, b)] += z[a] * z[b];
            }
        }
    }
    schools.into_values().collect()
}

impl Reference {
    /// The reference of a year and subject from what the database summed: the histogram of
    /// (prior, outcome) pairs, and each school's moments of the design in `columns` (from
    /// [`national_columns`]) centred on `centre` (from [`prior_centre`]). Gives the same
    /// expectations as [`Reference::fit`] on the same pupils, to rounding.
    pub fn from_aggregates(
        histogram: &[PriorOutcomeCount],
        columns: &[Covariate],
        centre: f64,
        schools: &[SchoolAggregate],
        settings: MeasureSettings,
    ) -> Result<Reference, ReferenceError> {
        let complete: u64 = histogram.iter().map(|h| h.pupils).sum();
        if complete < MIN_REFERENCE_PUPILS as u64 {
            return Err(ReferenceError::TooFewPupils {
                found: complete as usize,
                needed: MIN_REFERENCE_PUPILS,
            });
        }
        // The simple model depends on the pupils only through their (prior, outcome)
        // pairs: the pairs, each repeated as often as it occurs, fit it exactly.
        let mut prior = Vec::with_capacity(complete as usize);
        let mut outcome = Vec::with_capacity(complete as usize);
        for h in histogram {
            prior.extend(std::iter::repeat_n(h.prior, h.pupils as usize));
            outcome.extend(std::iter::repeat_n(h.outcome, h.pupils as usize));
        }
        let simple = ReferenceModel::fit(&prior, &outcome, &PriorGrouping::default(), &settings)
            .map_err(|e| ReferenceError::Stats(e.to_string()))?;
        prior.sort_by(f64::total_cmp);
        let prior_thirds = (quantile(&prior, 1.0 / 3.0), quantile(&prior, 2.0 / 3.0));
        let school_means = schools
            .iter()
            .filter(|s| s.outcomes > 0)
            .map(|s| (s.school, s.outcome_sum / s.outcomes as f64))
            .collect();
        Ok(Reference {
            simple,
            sigma_source: SigmaSource::Fitted,
            settings,
            prior_thirds,
            contextual: contextual_from_aggregates(columns, centre, schools),
            reference_pupils: complete as usize,
            school_means,
        })
    }
}

/// The contextual model from the schools' moments: the stored ethnicity values merged into
/// levels, the largest level (ties to the first by name) the reference with no column, as
/// [`Reference::fit`] does.
fn contextual_from_aggregates(
    columns: &[Covariate],
    centre: f64,
    schools: &[SchoolAggregate],
) -> Result<super::reference::ContextualModel, ContextualUnavailable> {
    let k_raw = columns.len() + 1;
    let base = CONTEXTUAL_TERMS.len();
    let occupied: Vec<&SchoolAggregate> = schools.iter().filter(|s| s.moments.n > 0).collect();
    if occupied.is_empty() {
        return Err(ContextualUnavailable::NoPupilWithContext);
    }
    let school_index: HashMap<i64, usize> = occupied
        .iter()
        .enumerate()
        .map(|(index, s)| (s.school, index))
        .collect();
    let moments: Vec<RawMoments> = occupied.iter().map(|s| s.moments.clone()).collect();
    let raw = SufficientStatistics::from_raw_moments(k_raw, &moments);
    // Pupils of each level: the sums of its stored values' dummies.
    let mut counts: BTreeMap<&str, f64> = BTreeMap::new();
    for (column, covariate) in columns.iter().enumerate() {
        if let Covariate::Ethnicity(stored) = covariate {
            let pupils: f64 = moments.iter().map(|m| m.sums[column]).sum();
            if pupils > 0.0 {
                *counts
                    .entry(ethnicity_level_of(stored.as_deref()))
                    .or_default() += pupils;
            }
        }
    }
    let reference = counts
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(level, _)| level.to_string())
        .ok_or(ContextualUnavailable::NoPupilWithContext)?;
    let levels: Vec<String> = counts
        .keys()
        .filter(|l| **l != reference)
        .map(|l| l.to_string())
        .collect();
    // z' = A z: the nine base columns as they are, one column per level summing its stored
    // values' dummies, the outcome last.
    let k = base + levels.len() + 1;
    let mut a = vec![0.0; k * k_raw];
    for c in 0..base {
        a[c * k_raw + c] = 1.0;
    }
    for (column, covariate) in columns.iter().enumerate() {
        if let Covariate::Ethnicity(stored) = covariate {
            let level = ethnicity_level_of(stored.as_deref());
            if let Some(position) = levels.iter().position(|l| l == level) {
                a[(base + position) * k_raw + column] = 1.0;
            }
        }
    }
    a[(k - 1) * k_raw + (k_raw - 1)] = 1.0;
    let statistics = raw.transformed(&a, k);
    contextual_from_statistics(&statistics, school_index, centre, levels, reference)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::reference::ETHNICITY_NOT_RECORDED;

    /// What the database computes, computed here from pupils.
    fn aggregate(
        pupils: &[(PupilOutcome, Option<String>)],
    ) -> (
        Vec<PriorOutcomeCount>,
        Vec<Covariate>,
        f64,
        Vec<SchoolAggregate>,
    ) {
        let outcomes: Vec<PupilOutcome> = pupils.iter().map(|(p, _)| p.clone()).collect();
        let histogram = histogram_of(&outcomes);
        let centre = prior_centre(&histogram).unwrap();
        let mut stored: Vec<Option<String>> = pupils.iter().map(|(_, e)| e.clone()).collect();
        stored.sort();
        stored.dedup();
        let columns = national_columns(&stored).unwrap();
        let schools = school_aggregates_of(&outcomes, &columns, centre);
        (histogram, columns, centre, schools)
    }

    fn population() -> Vec<(PupilOutcome, Option<String>)> {
        let mut pupils = Vec::new();
        let mut state: u64 = 11;
        for school in 0..25i64 {
            for i in 0..40i64 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let noise = ((state >> 33) % 3) as f64 - 1.0;
                let prior = 90.0 + ((i * 7 + school * 3) % 30) as f64;
                let disadvantaged = i % 4 == 0;
                // Stored values that are one level once trimmed, a blank, and none.
                let ethnicity = match i % 9 {
                    0 => Some("Asian".to_string()),
                    1 => Some(" Asian ".to_string()),
                    2 => Some("  ".to_string()),
                    3 => None,
                    4 => Some("Black".to_string()),
                    _ => Some("White".to_string()),
                };
                let outcome = (prior / 10.0 - 5.0).round()
                    + if disadvantaged { -1.0 } else { 0.0 }
                    + (school % 5 - 2) as f64
                    + noise
                    + if ethnicity.as_deref() == Some("Black") {
                        1.0
                    } else {
                        0.0
                    };
                pupils.push((
                    PupilOutcome {
                        pupil: school * 1000 + i,
                        school,
                        // One pupil in each school has no starting point; one no SEN status.
                        prior: (i != 5).then_some(prior),
                        outcome: Some(outcome),
                        disadvantaged: Some(disadvantaged),
                        sen: (i != 6).then_some(if i % 10 == 0 {
                            Sen::Support
                        } else if i % 13 == 0 {
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
                        ethnicity: ethnicity.clone(),
                    },
                    ethnicity,
                ));
            }
        }
        pupils
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * (1.0 + b.abs())
    }

    #[test]
    fn the_reference_from_aggregates_is_the_reference_from_pupils() {
        let pupils = population();
        let outcomes: Vec<PupilOutcome> = pupils.iter().map(|(p, _)| p.clone()).collect();
        let fresh = Reference::fit(&outcomes, MeasureSettings::default()).unwrap();
        let (histogram, columns, centre, schools) = aggregate(&pupils);
        let national = Reference::from_aggregates(
            &histogram,
            &columns,
            centre,
            &schools,
            MeasureSettings::default(),
        )
        .unwrap();
        assert_eq!(national.reference_pupils, fresh.reference_pupils);
        assert_eq!(national.prior_thirds, fresh.prior_thirds);
        assert_eq!(national.simple.groups.len(), fresh.simple.groups.len());
        for (a, b) in national.simple.groups.iter().zip(&fresh.simple.groups) {
            assert_eq!(a.range, b.range);
            assert_eq!(a.reference_pupils, b.reference_pupils);
            assert!(close(a.expected, b.expected), "{a:?} {b:?}");
        }
        assert!(close(national.simple.sigma, fresh.simple.sigma));
        assert_eq!(national.school_means.len(), fresh.school_means.len());
        for (school, mean) in &fresh.school_means {
            assert!(close(national.school_means[school], *mean));
        }
        let (n, f) = (
            national.contextual.as_ref().unwrap(),
            fresh.contextual.as_ref().unwrap(),
        );
        assert_eq!(n.ethnicity_reference, f.ethnicity_reference);
        assert_eq!(n.ethnicity_levels, f.ethnicity_levels);
        assert_eq!(
            n.ethnicity_levels,
            [ETHNICITY_NOT_RECORDED, "Asian", "Black"]
        );
        assert!(close(n.prior_centre, f.prior_centre));
        assert_eq!(n.fit.nobs, f.fit.nobs);
        for (a, b) in n.fit.fixef.iter().zip(&f.fit.fixef) {
            assert_eq!(a.term, b.term);
            assert!(close(a.estimate, b.estimate), "{a:?} {b:?}");
            assert!(close(a.se, b.se), "{a:?} {b:?}");
        }
        assert!(close(n.fit.theta, f.fit.theta));
        assert!(close(n.fit.reml_criterion, f.fit.reml_criterion));
        for school in 0..25 {
            let (a, b) = (
                n.school_effect(school).unwrap(),
                f.school_effect(school).unwrap(),
            );
            assert_eq!(a.n, b.n);
            assert!(
                close(a.blup, b.blup) && close(a.condsd, b.condsd),
                "{a:?} {b:?}"
            );
        }
    }

    /// The pupils summed by school and context, as the database's two grouping steps sum
    /// them (one pupil at a time here: the same sums in another order).
    fn contexts_of(pupils: &[PupilOutcome], centre: f64) -> Vec<ContextSums> {
        let mut contexts: BTreeMap<String, ContextSums> = BTreeMap::new();
        for p in pupils {
            let y = p.outcome.unwrap();
            let complete = national_row(p, &[], centre).is_some();
            let sen = p.sen.map(|s| match s {
                Sen::None => "none",
                Sen::Support => "support",
                Sen::Plan => "plan",
            });
            let gender = p.gender.map(|g| match g {
                Gender::Female => "female",
                Gender::Male => "male",
                Gender::Other => "other",
            });
            let key = format!(
                "{:08} {complete} {:?} {sen:?} {:?} {gender:?} {:?}",
                p.school, p.disadvantaged, p.eal, p.ethnicity
            );
            let c = contexts.entry(key).or_insert_with(|| ContextSums {
                school: p.school,
                complete,
                disadvantaged: p.disadvantaged,
                sen: sen.map(String::from),
                eal: p.eal,
                gender: gender.map(String::from),
                ethnicity: p.ethnicity.clone(),
                ..ContextSums::default()
            });
            c.pupils += 1;
            c.y += y;
            c.yy += y * y;
            if complete {
                let (x, a) = (p.prior.unwrap() - centre, p.age_months.unwrap());
                for (power, sum) in c.x.iter_mut().enumerate() {
                    *sum += x.powi(power as i32 + 1);
                }
                c.a += a;
                c.aa += a * a;
                c.xa += x * a;
                c.xxa += x * x * a;
                c.xy += x * y;
                c.xxy += x * x * y;
                c.ay += a * y;
            }
        }
        contexts.into_values().collect()
    }

    #[test]
    fn the_sums_by_context_multiply_out_to_the_sums_by_pupil() {
        let pupils = population();
        let (_, columns, centre, by_pupil) = aggregate(&pupils);
        let outcomes: Vec<PupilOutcome> = pupils.iter().map(|(p, _)| p.clone()).collect();
        let contexts = contexts_of(&outcomes, centre);
        assert!(contexts.len() < outcomes.len(), "pupils share contexts");
        let by_context = school_aggregates_from_contexts(&contexts, &columns);
        assert_eq!(by_context.len(), by_pupil.len());
        for (c, p) in by_context.iter().zip(&by_pupil) {
            assert_eq!(
                (c.school, c.outcomes, c.moments.n),
                (p.school, p.outcomes, p.moments.n)
            );
            assert!(close(c.outcome_sum, p.outcome_sum));
            for (a, b) in c.moments.sums.iter().zip(&p.moments.sums) {
                assert!(close(*a, *b), "{a} vs {b}");
            }
            for (a, b) in c.moments.products.iter().zip(&p.moments.products) {
                assert!(close(*a, *b), "{a} vs {b}");
            }
        }
    }

    #[test]
    fn too_few_pupils_are_refused_and_too_many_ethnicity_values_too() {
        let pupils: Vec<_> = population().into_iter().take(100).collect();
        let (histogram, columns, centre, schools) = aggregate(&pupils);
        let err = Reference::from_aggregates(
            &histogram,
            &columns,
            centre,
            &schools,
            MeasureSettings::default(),
        )
        .unwrap_err();
        assert!(
            matches!(err, ReferenceError::TooFewPupils { found: 97, .. }),
            "{err:?}"
        );
        let many: Vec<Option<String>> = (0..=MAX_ETHNICITY_VALUES)
            .map(|i| Some(i.to_string()))
            .collect();
        assert!(national_columns(&many).is_err());
        assert_eq!(
            national_columns(&many[1..]).unwrap().len(),
            9 + MAX_ETHNICITY_VALUES
        );
    }

    #[test]
    fn without_context_the_simple_model_still_stands() {
        let mut pupils = population();
        for (p, _) in &mut pupils {
            p.sen = None;
        }
        let (histogram, columns, centre, schools) = aggregate(&pupils);
        let national = Reference::from_aggregates(
            &histogram,
            &columns,
            centre,
            &schools,
            MeasureSettings::default(),
        )
        .unwrap();
        assert_eq!(
            national.contextual,
            Err(ContextualUnavailable::NoPupilWithContext)
        );
        assert!(national.simple.expected(100.0).is_some());
    }
}
