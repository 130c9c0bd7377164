//! Forward projections (ANALYTICS.md §5a): the probability that a pupil's outcome reaches a
//! threshold, from a model fitted on a reference population, and the calibration table
//! that shows whether such probabilities can be trusted.
//!
//! Two predictive distributions, chosen by the outcome:
//!
//! - **a continuous outcome** (a standardised score): the contextual model's normal
//!   predictive distribution, `y ~ N(x'β̂ + û_j, σ̂_e² + sd_j²)` for a school in the
//!   reference data and `N(x'β̂, σ̂_e² + σ̂_u²)` for one that is not;
//! - **a graded outcome** (grades or points on a few steps, such as GCSE 9–1 or A-level
//!   points 0, 2, …, 10): an **ordinal (cumulative probit) model**,
//!   `P(y ≥ grade k) = Φ(x'b − c_k)`, with one cut point per step between grades. The
//!   normal distribution of the contextual model does not fit a bounded, graded outcome:
//!   pupils near the top grade vary less than the model's one residual variance says, and
//!   on the Chem97 anchor the normal tail underestimates the share reaching the top grades
//!   by up to 0.17 in a decile of prediction (`docs/projections.md`). The cut points take
//!   the floor and ceiling as they are.
//!
//! The ordinal model is fitted to the pupils pooled, so it gives the **population-averaged**
//! probability: with a normal school effect on the probit's latent scale the marginal
//! model is again a probit (every parameter divided by `sqrt(1 + σ_u²)`), which is the
//! right prediction for a school outside the reference data. It is used for a school
//! inside the reference data too. Putting the school's effect back from the contextual
//! fit (its conditional mode `û_j/σ̂_e` on the latent scale, the parameters rescaled by
//! `sqrt(1 + θ̂²)`) was tried and failed the calibration test: on Chem97, half of each
//! school's pupils predicted from the other half, it overstated the chances by up to 0.04
//! in a decile, while the population-averaged probability stayed within 0.02
//! (`docs/projections.md`). A graded projection therefore says what pupils with these
//! starting points reach across the reference population, not in this school.

use nalgebra::{DMatrix, DVector};

use crate::error::StatsError;
use crate::value_added::contextual::{ContextualFit, SchoolEffect};

/// Outcomes with at most this many distinct values in the reference data are graded.
pub const MAX_GRADES: usize = 20;

/// The standard normal distribution function `Φ(x) = erfc(−x/√2)/2` (accurate in both tails).
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

/// The standard normal density.
pub fn normal_pdf(x: f64) -> f64 {
    (-0.5 * x * x).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// `Φ⁻¹(p)`, by bisection on [`normal_cdf`] (only starting values need it).
pub fn normal_quantile(p: f64) -> f64 {
    let (mut low, mut high) = (-40.0f64, 40.0f64);
    for _ in 0..200 {
        let middle = 0.5 * (low + high);
        if normal_cdf(middle) < p {
            low = middle;
        } else {
            high = middle;
        }
    }
    0.5 * (low + high)
}

/// A cumulative probit model for a graded outcome: `P(y ≥ grades[k]) = Φ(x'b − c_k)` for
/// k = 1 … K−1 (`c` increasing), with X's intercept column left out (the cut points take
/// its place).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct OrdinalProbit {
    /// The outcome's grades in the reference data, ascending.
    pub grades: Vec<f64>,
    /// The coefficients of X's columns after the intercept.
    pub coefficients: Vec<f64>,
    /// `c_1 … c_{K−1}`: `c_k` is the cut between `grades[k−1]` and `grades[k]`.
    pub cut_points: Vec<f64>,
    /// The maximised log-likelihood.
    pub log_likelihood: f64,
}

impl OrdinalProbit {
    /// Fits the model by maximum likelihood (Newton–Raphson with step halving) to X
    /// (row-major, p columns, the first the intercept) and the outcome `y`, whose distinct
    /// values are the grades.
    pub fn fit(x: &[f64], p: usize, y: &[f64]) -> Result<OrdinalProbit, StatsError> {
        let nobs = y.len();
        // −0.0 and 0.0 are one grade: adding 0.0 turns the first into the second, so the
        // order (total_cmp tells them apart) and the equality (dedup) agree.
        let y: Vec<f64> = y.iter().map(|value| value + 0.0).collect();
        let mut grades: Vec<f64> = y.clone();
        grades.sort_by(f64::total_cmp);
        grades.dedup();
        if grades.len() < 2 {
            return Err(StatsError::InvalidSetting {
                what: "a graded outcome".into(),
                requirement: "at least two different grades in the reference data".into(),
                value: format!("{} grade(s)", grades.len()),
            });
        }
        let categories: Vec<usize> = y
            .iter()
            .map(|value| {
                grades
                    .binary_search_by(|grade| grade.total_cmp(value))
                    .expect("every value is a grade")
            })
            .collect();
        let slopes = p - 1;
        let cuts = grades.len() - 1;
        let q = slopes + cuts;
        if nobs <= q {
            return Err(StatsError::TooFewRows {
                nobs,
                parameters: q,
            });
        }
        // Start from no covariate effect: c_k = −Φ⁻¹(share reaching grade k).
        let mut parameters = DVector::zeros(q);
        for k in 1..=cuts {
            let reaching = categories.iter().filter(|&&c| c >= k).count() as f64 / nobs as f64;
            parameters[slopes + k - 1] = -normal_quantile(reaching);
        }
        let row = |i: usize| &x[i * p + 1..(i + 1) * p];
        let mut current = log_likelihood(&parameters, slopes, &categories, row, false);
        for _ in 0..100 {
            let (gradient, hessian) = current
                .derivatives
                .clone()
                .expect("derivatives were asked for");
            let Some(step) = (-hessian).cholesky().map(|factor| factor.solve(&gradient)) else {
                return Err(collinear(slopes));
            };
            let mut scale = 1.0;
            let mut accepted = None;
            for _ in 0..60 {
                let candidate = &parameters + &step * scale;
                let ordered = (1..cuts).all(|k| candidate[slopes + k] > candidate[slopes + k - 1]);
                if ordered {
                    let next = log_likelihood(&candidate, slopes, &categories, row, true);
                    if next.value >= current.value - 1e-10 * current.value.abs() {
                        accepted = Some((candidate, next));
                        break;
                    }
                }
                scale *= 0.5;
            }
            let Some((candidate, _)) = accepted else {
                break;
            };
            let change = (&candidate - &parameters).amax();
            parameters = candidate;
            current = log_likelihood(&parameters, slopes, &categories, row, false);
            if change < 1e-10 {
                break;
            }
        }
        Ok(OrdinalProbit {
            grades,
            coefficients: parameters.rows(0, slopes).iter().copied().collect(),
            cut_points: parameters.rows(slopes, cuts).iter().copied().collect(),
            log_likelihood: current.value,
        })
    }

    /// `x'b` for a full design row (its intercept is skipped).
    pub fn linear_predictor(&self, row: &[f64]) -> f64 {
        row[1..]
            .iter()
            .zip(&self.coefficients)
            .map(|(x, b)| x * b)
            .sum()
    }

    /// The cut point for "at least `threshold`": `c_k` for the lowest grade k ≥ threshold;
    /// `None` when every grade reaches it (`P = 1`).
    fn cut_for(&self, threshold: f64) -> Option<f64> {
        let k = self.grades.iter().position(|&grade| grade >= threshold)?;
        (k > 0).then(|| self.cut_points[k - 1])
    }
}

fn collinear(slopes: usize) -> StatsError {
    StatsError::InvalidSetting {
        what: "the ordinal model's covariates".into(),
        requirement: "linearly independent of each other and of the grade cut points".into(),
        value: format!("{slopes} covariate column(s) that are not"),
    }
}

struct LogLikelihood {
    value: f64,
    /// Gradient and Hessian, when asked for.
    derivatives: Option<(DVector<f64>, DMatrix<f64>)>,
}

/// The cumulative probit log-likelihood `Σ_i log(Φ(η_i − c_{y_i}) − Φ(η_i − c_{y_i+1}))`
/// (`c_0 = −∞`, `c_K = +∞`), with its gradient and Hessian unless `value_only`.
fn log_likelihood<'r>(
    parameters: &DVector<f64>,
    slopes: usize,
    categories: &[usize],
    row: impl Fn(usize) -> &'r [f64],
    value_only: bool,
) -> LogLikelihood {
    let q = parameters.len();
    let cuts = q - slopes;
    let mut value = 0.0;
    let mut gradient = DVector::zeros(q);
    let mut hessian = DMatrix::zeros(q, q);
    let mut j_upper = DVector::zeros(q);
    let mut j_lower = DVector::zeros(q);
    for (i, &category) in categories.iter().enumerate() {
        let x = row(i);
        let eta: f64 = x
            .iter()
            .zip(parameters.rows(0, slopes).iter())
            .map(|(x, b)| x * b)
            .sum();
        // P = Φ(a) − Φ(b): a from the grade's own cut, b from the next one up.
        let a = (category > 0).then(|| eta - parameters[slopes + category - 1]);
        let b = (category < cuts).then(|| eta - parameters[slopes + category]);
        let probability = match (a, b) {
            (Some(a), Some(b)) if a > 0.0 && b > 0.0 => normal_cdf(-b) - normal_cdf(-a),
            (Some(a), Some(b)) => normal_cdf(a) - normal_cdf(b),
            (Some(a), None) => normal_cdf(a),
            (None, Some(b)) => normal_cdf(-b),
            (None, None) => 1.0,
        }
        .max(1e-300);
        value += probability.ln();
        if value_only {
            continue;
        }
        let density_a = a.map_or(0.0, normal_pdf);
        let density_b = b.map_or(0.0, normal_pdf);
        let d_a = density_a / probability;
        let d_b = -density_b / probability;
        let h_aa = -a.unwrap_or(0.0) * density_a / probability - d_a * d_a;
        let h_bb = b.unwrap_or(0.0) * density_b / probability - d_b * d_b;
        let h_ab = -d_a * d_b;
        j_upper.fill(0.0);
        j_lower.fill(0.0);
        for (column, &value) in x.iter().enumerate() {
            j_upper[column] = value;
            j_lower[column] = value;
        }
        if category > 0 {
            j_upper[slopes + category - 1] = -1.0;
        } else {
            j_upper.fill(0.0);
        }
        if category < cuts {
            j_lower[slopes + category] = -1.0;
        } else {
            j_lower.fill(0.0);
        }
        gradient.axpy(d_a, &j_upper, 1.0);
        gradient.axpy(d_b, &j_lower, 1.0);
        hessian.ger(h_aa, &j_upper, &j_upper, 1.0);
        hessian.ger(h_bb, &j_lower, &j_lower, 1.0);
        hessian.ger(h_ab, &j_upper, &j_lower, 1.0);
        hessian.ger(h_ab, &j_lower, &j_upper, 1.0);
    }
    LogLikelihood {
        value,
        derivatives: (!value_only).then_some((gradient, hessian)),
    }
}

/// A fitted projection model: the predictive distribution of the outcome for a new pupil.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ProjectionModel {
    /// The contextual (REML) fit: the normal model's parameters, and the school effects.
    pub contextual: ContextualFit,
    /// The ordinal model, for a graded outcome; `None` for a continuous one.
    pub ordinal: Option<OrdinalProbit>,
    /// The smallest and largest outcome in the reference data.
    pub outcome_range: (f64, f64),
    /// The grades of a graded outcome (at most [`MAX_GRADES`] distinct values), ascending.
    pub grades: Option<Vec<f64>>,
}

/// Which predictive distribution a model uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The contextual model's normal predictive distribution.
    Normal,
    /// The cumulative probit model of a graded outcome.
    Ordinal,
}

impl ProjectionModel {
    /// Fits the projection model to a reference population: X (row-major, p columns, the
    /// first the intercept), the outcome and the school of each pupil (`ngroups` schools).
    /// `method` `None` chooses by the outcome: one with at most [`MAX_GRADES`] distinct
    /// values is graded and gets the ordinal model.
    #[allow(clippy::too_many_arguments)]
    pub fn fit(
        x: &[f64],
        column_names: &[String],
        y: &[f64],
        group: &[u32],
        ngroups: usize,
        response: &str,
        group_name: &str,
        method: Option<Method>,
    ) -> Result<ProjectionModel, StatsError> {
        let p = column_names.len();
        if column_names.first().map(String::as_str) != Some("(Intercept)") {
            return Err(StatsError::InvalidSetting {
                what: "a projection model".into(),
                requirement: "a model with an intercept".into(),
                value: "a formula without one".into(),
            });
        }
        let statistics = crate::sufficient::SufficientStatistics::collect(x, y, group, ngroups);
        let contextual =
            crate::value_added::contextual::fit(&statistics, column_names, response, group_name)?;
        let mut distinct: Vec<f64> = y.to_vec();
        distinct.sort_by(f64::total_cmp);
        distinct.dedup();
        let outcome_range = (distinct[0], distinct[distinct.len() - 1]);
        let graded = distinct.len() <= MAX_GRADES;
        let ordinal = match method {
            Some(Method::Normal) => None,
            Some(Method::Ordinal) if !graded => {
                return Err(StatsError::InvalidSetting {
                    what: format!("the ordinal model of `{response}`"),
                    requirement: format!(
                        "a graded outcome (at most {MAX_GRADES} different values)"
                    ),
                    value: format!("{} different values", distinct.len()),
                });
            }
            Some(Method::Ordinal) => Some(OrdinalProbit::fit(x, p, y)?),
            None if graded => Some(OrdinalProbit::fit(x, p, y)?),
            None => None,
        };
        Ok(ProjectionModel {
            contextual,
            ordinal,
            outcome_range,
            grades: graded.then_some(distinct),
        })
    }

    /// The predictive distribution used.
    pub fn method(&self) -> Method {
        if self.ordinal.is_some() {
            Method::Ordinal
        } else {
            Method::Normal
        }
    }

    /// Refuses a threshold outside the reference outcomes' range (a probability of 0 or 1
    /// by construction says nothing).
    pub fn check_threshold(&self, threshold: f64) -> Result<(), StatsError> {
        let (low, high) = self.outcome_range;
        if threshold.is_finite() && threshold > low && threshold <= high {
            Ok(())
        } else {
            Err(StatsError::InvalidSetting {
                what: "a threshold".into(),
                requirement: format!(
                    "above the lowest outcome in the reference data ({low}) and at most the highest ({high})"
                ),
                value: threshold.to_string(),
            })
        }
    }

    /// Where the normal distribution is cut for "at least `threshold`": the threshold
    /// itself for a continuous outcome; for a graded one, halfway between the lowest grade
    /// that reaches it and the grade below (continuity).
    fn normal_cut(&self, threshold: f64) -> f64 {
        let Some(grades) = &self.grades else {
            return threshold;
        };
        match grades.iter().position(|&grade| grade >= threshold) {
            Some(0) => f64::NEG_INFINITY,
            Some(k) => 0.5 * (grades[k - 1] + grades[k]),
            None => f64::INFINITY,
        }
    }

    /// `P(y ≥ threshold)` for a pupil with design row `row`, in `school` (an index into the
    /// fit's schools) if the school is in the reference data.
    ///
    /// - normal: `1 − Φ((t − x'β̂ − û_j) / sqrt(σ̂_e² + sd_j²))` (`t` the threshold, or for a
    ///   graded outcome the point halfway to the grade below), or with `û = 0` and
    ///   `σ̂_u²` in place of `sd_j²` for a school not in the reference data;
    /// - ordinal: `Φ(x'b − c_k)`, whatever the school (see the module's documentation).
    pub fn probability_at_least(&self, row: &[f64], threshold: f64, school: Option<usize>) -> f64 {
        let fit = &self.contextual;
        let known = school
            .and_then(|index| fit.groups.get(index))
            .filter(|effect| effect.n > 0);
        match &self.ordinal {
            None => {
                let mean: f64 = row
                    .iter()
                    .zip(&fit.fixef)
                    .map(|(x, effect)| x * effect.estimate)
                    .sum();
                let (shift, school_variance) = match known {
                    Some(SchoolEffect { blup, condsd, .. }) => (*blup, condsd * condsd),
                    None => (0.0, fit.var_school),
                };
                let sd = (fit.var_residual + school_variance).sqrt();
                normal_cdf((mean + shift - self.normal_cut(threshold)) / sd)
            }
            Some(ordinal) => match ordinal.cut_for(threshold) {
                Some(cut) => normal_cdf(ordinal.linear_predictor(row) - cut),
                None => 1.0,
            },
        }
    }
}

/// One bin of a calibration table: pupils whose predicted probabilities fall together.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CalibrationBin {
    /// Pupils in the bin.
    pub n: usize,
    /// The smallest and largest prediction in the bin.
    pub lowest_predicted: f64,
    pub highest_predicted: f64,
    /// The mean predicted probability.
    pub mean_predicted: f64,
    /// The share that reached the threshold.
    pub observed_share: f64,
    /// `sqrt(p̄ (1 − p̄) / n)`: the binomial standard error of the observed share if the
    /// predictions are right.
    pub standard_error: f64,
    /// The largest gap allowed (ANALYTICS.md §5a): 0.03 in a bin of at least 500 pupils,
    /// else 2.5 standard errors.
    pub tolerance: f64,
}

impl CalibrationBin {
    /// `observed − predicted`.
    pub fn gap(&self) -> f64 {
        self.observed_share - self.mean_predicted
    }

    /// Whether the gap is within the tolerance.
    pub fn is_calibrated(&self) -> bool {
        self.gap().abs() <= self.tolerance
    }
}

/// Bins of at least this many pupils are held to [`CALIBRATION_GAP`].
pub const CALIBRATION_LARGE_BIN: usize = 500;
/// The largest gap between observed share and mean prediction in a large bin.
pub const CALIBRATION_GAP: f64 = 0.03;
/// Smaller bins are held to this many standard errors.
pub const CALIBRATION_STANDARD_ERRORS: f64 = 2.5;

/// The calibration table: the pupils sorted by predicted probability and cut into `bins`
/// bins of equal count (deciles for 10; the first `N mod bins` … as `floor(d·N/bins)`),
/// each with its mean prediction and the share that reached the threshold.
pub fn calibration_table(predicted: &[f64], reached: &[bool], bins: usize) -> Vec<CalibrationBin> {
    assert_eq!(predicted.len(), reached.len(), "one outcome per prediction");
    let n = predicted.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| predicted[a].total_cmp(&predicted[b]));
    (0..bins)
        .filter_map(|bin| {
            let members = &order[bin * n / bins..(bin + 1) * n / bins];
            if members.is_empty() {
                return None;
            }
            let count = members.len();
            let mean_predicted = members.iter().map(|&i| predicted[i]).sum::<f64>() / count as f64;
            let observed_share =
                members.iter().filter(|&&i| reached[i]).count() as f64 / count as f64;
            let standard_error = (mean_predicted * (1.0 - mean_predicted) / count as f64).sqrt();
            Some(CalibrationBin {
                n: count,
                lowest_predicted: predicted[members[0]],
                highest_predicted: predicted[members[count - 1]],
                mean_predicted,
                observed_share,
                standard_error,
                tolerance: if count >= CALIBRATION_LARGE_BIN {
                    CALIBRATION_GAP
                } else {
                    CALIBRATION_STANDARD_ERRORS * standard_error
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_normal_distribution_function_matches_tables() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-15);
        assert!((normal_cdf(1.959_963_984_540_054) - 0.975).abs() < 1e-12);
        assert!((normal_cdf(-1.0) - 0.158_655_253_931_457_05).abs() < 1e-14);
        // The far tail keeps its digits (1 − Φ(8) would round to 0 as 1 − 0.99999…).
        assert!((normal_cdf(-8.0) / 6.220_960_574_271_784e-16 - 1.0).abs() < 1e-10);
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-9);
    }

    /// A two-grade outcome with one binary covariate: the probit's ML fit reproduces each
    /// cell's share, so `Φ(−c) = 3/4` where x = 0 and `Φ(b − c) = 1/4`... worked by hand:
    /// c = −Φ⁻¹(0.75) = −0.6744898, b − c = Φ⁻¹(0.25) ⇒ b = −1.3489795.
    #[test]
    fn a_saturated_probit_reproduces_the_cell_shares() {
        // x = 0: 3 of 4 reach grade 1; x = 1: 1 of 4.
        let x = [
            1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
        ];
        let y = [1.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 0.0];
        let fit = OrdinalProbit::fit(&x, 2, &y).unwrap();
        assert_eq!(fit.grades, [0.0, 1.0]);
        assert!(
            (fit.cut_points[0] + 0.674_489_750_196_081_7).abs() < 1e-8,
            "{fit:?}"
        );
        assert!((fit.coefficients[0] + 1.348_979_500_392_163_4).abs() < 1e-8);
        assert!(
            (normal_cdf(fit.linear_predictor(&[1.0, 1.0]) - fit.cut_points[0]) - 0.25).abs() < 1e-9
        );
    }

    /// A grade stored as −0.0 (a database or a generator can give one) is grade 0, not a
    /// grade of its own, and does not stop the fit.
    #[test]
    fn negative_zero_is_the_same_grade_as_zero() {
        let x = [
            1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0,
        ];
        let y = [1.0, 1.0, 1.0, -0.0, 1.0, 0.0, -0.0, 0.0];
        let fit = OrdinalProbit::fit(&x, 2, &y).unwrap();
        assert_eq!(fit.grades.len(), 2);
        assert!(
            (fit.cut_points[0] + 0.674_489_750_196_081_7).abs() < 1e-8,
            "the same fit as with +0.0: {fit:?}"
        );
    }

    /// Three grades, no covariate (only the intercept column): the cut points are the
    /// normal quantiles of the cumulative shares. 2 of 10 at grade 4, 5 at 6, 3 at 8:
    /// P(y ≥ 6) = 0.8 ⇒ c_1 = −Φ⁻¹(0.8) = −0.8416212; P(y ≥ 8) = 0.3 ⇒ c_2 = 0.5244005.
    #[test]
    fn without_covariates_the_cut_points_are_the_shares_quantiles() {
        let y = [4.0, 4.0, 6.0, 6.0, 6.0, 6.0, 6.0, 8.0, 8.0, 8.0];
        let x = [1.0; 10];
        let fit = OrdinalProbit::fit(&x, 1, &y).unwrap();
        assert!(
            (fit.cut_points[0] + 0.841_621_233_572_914_3).abs() < 1e-8,
            "{fit:?}"
        );
        assert!((fit.cut_points[1] - 0.524_400_512_708_041).abs() < 1e-8);
        assert_eq!(fit.cut_for(5.0), Some(fit.cut_points[0]));
        assert_eq!(fit.cut_for(8.0), Some(fit.cut_points[1]));
        assert_eq!(fit.cut_for(4.0), None);
    }

    fn fit_with(var_school: f64, var_residual: f64, blup: f64, condsd: f64) -> ContextualFit {
        use crate::value_added::contextual::FixedEffect;
        ContextualFit {
            nobs: 100,
            ngroups: 2,
            fixef: vec![
                FixedEffect {
                    term: "(Intercept)".into(),
                    estimate: 1.0,
                    se: 0.1,
                },
                FixedEffect {
                    term: "prior".into(),
                    estimate: 0.5,
                    se: 0.1,
                },
            ],
            var_school,
            var_residual,
            theta: (var_school / var_residual).sqrt(),
            reml_criterion: 0.0,
            groups: vec![SchoolEffect {
                n: 50,
                blup,
                condsd,
                ci_lower: 0.0,
                ci_upper: 0.0,
            }],
        }
    }

    /// Mean 1 + 0.5·2 = 2; unseen school: sd = sqrt(0.75 + 0.25) = 1, P(y ≥ 3) = 1 − Φ(1)
    /// = 0.1586553; the school with û = 0.5, sd_j = 0.5: sd = 1, P = 1 − Φ(0.5) = 0.3085375.
    #[test]
    fn the_normal_projection_uses_the_school_when_it_is_known() {
        let model = ProjectionModel {
            contextual: fit_with(0.25, 0.75, 0.5, 0.5),
            ordinal: None,
            outcome_range: (-5.0, 5.0),
            grades: None,
        };
        let row = [1.0, 2.0];
        let unseen = model.probability_at_least(&row, 3.0, None);
        assert!((unseen - 0.158_655_253_931_457).abs() < 1e-12, "{unseen}");
        let known = model.probability_at_least(&row, 3.0, Some(0));
        assert!((known - 0.308_537_538_725_986_9).abs() < 1e-12, "{known}");
        assert!(model.check_threshold(5.0).is_ok());
        assert!(model.check_threshold(5.5).is_err());
        assert!(model.check_threshold(-5.0).is_err());
        // Graded 0, 2, 4: "at least 3" is "at least 4", cut at 3 (halfway from 2).
        let graded = ProjectionModel {
            grades: Some(vec![0.0, 2.0, 4.0]),
            ..model
        };
        assert_eq!(graded.normal_cut(3.0), 3.0);
        assert_eq!(graded.normal_cut(2.0), 1.0);
        assert!((graded.probability_at_least(&row, 3.0, None) - unseen).abs() < 1e-12);
    }

    /// Ordinal, b = 0.5, cut 1.0, x = 4: z = 1.0, P = Φ(1) = 0.8413447, the same whether
    /// or not the school is in the reference data (population-averaged).
    #[test]
    fn the_ordinal_projection_is_population_averaged() {
        let model = ProjectionModel {
            contextual: fit_with(0.25, 0.75, 0.5, 0.5),
            ordinal: Some(OrdinalProbit {
                grades: vec![0.0, 1.0],
                coefficients: vec![0.5],
                cut_points: vec![1.0],
                log_likelihood: 0.0,
            }),
            outcome_range: (0.0, 1.0),
            grades: Some(vec![0.0, 1.0]),
        };
        let row = [1.0, 4.0];
        let unseen = model.probability_at_least(&row, 1.0, None);
        assert!((unseen - 0.841_344_746_068_542_9).abs() < 1e-12, "{unseen}");
        assert_eq!(model.probability_at_least(&row, 1.0, Some(0)), unseen);
    }

    #[test]
    fn the_calibration_table_bins_by_prediction_and_counts_who_reached() {
        // Ten pupils, two bins: the five lowest predictions (0.1 … 0.5) and the rest.
        let predicted = [0.9, 0.1, 0.8, 0.2, 0.7, 0.3, 0.6, 0.4, 1.0, 0.5];
        let reached = [
            true, false, true, false, false, true, true, false, true, false,
        ];
        let table = calibration_table(&predicted, &reached, 2);
        assert_eq!(table.len(), 2);
        assert_eq!(table[0].n, 5);
        assert!((table[0].mean_predicted - 0.3).abs() < 1e-12);
        assert!((table[0].observed_share - 0.2).abs() < 1e-12);
        assert!((table[1].mean_predicted - 0.8).abs() < 1e-12);
        assert!((table[1].observed_share - 0.8).abs() < 1e-12);
        assert_eq!(
            (table[1].lowest_predicted, table[1].highest_predicted),
            (0.6, 1.0)
        );
        // Small bins: 2.5 · sqrt(0.3 · 0.7 / 5) = 0.5123475.
        assert!((table[0].tolerance - 0.512_347_538_297_980_1).abs() < 1e-12);
        assert!(table[0].is_calibrated());
    }
}
