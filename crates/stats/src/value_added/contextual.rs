//! Contextual value added (ANALYTICS.md §3): the random-intercept linear mixed model
//!
//! ```text
//! y_ij = x_ij'β + u_j + e_ij,   u_j ~ N(0, σ_u²),   e_ij ~ N(0, σ_e²)
//! ```
//!
//! fitted by REML exactly as `lme4::lmer(y ~ x + (1 | school), REML = TRUE)`, but from the
//! per-school [`SufficientStatistics`]: each evaluation of the profiled criterion costs
//! O(distinct school sizes · k²) whatever the number of pupils.
//!
//! With θ = σ_u/σ_e, n_j pupils in school j and `w_j = 1/(1 + n_j θ²)`, the cross-product
//! matrix of `z = [x, y]` weighted by V⁻¹ (σ_e² = 1) is
//!
//! ```text
//! M(θ) = Σ_j Z_j' V_j⁻¹ Z_j = W + Σ_j w_j n_j z̄_j z̄_j'
//! ```
//!
//! (Sherman–Morrison: `V_j⁻¹ = I − θ²/(1 + n_j θ²) 11'`, and `Z_j'Z_j = W_j + n_j z̄_j z̄_j'`).
//! Its Cholesky factor `L` gives everything else: the leading p×p block `L_x` factors
//! `X'V⁻¹X`, the last row `[l', r]` gives `β̂ = L_x'⁻¹ l` and the residual `r² = y'V⁻¹y − β̂'X'V⁻¹y`.
//! Schools of equal size share `w_j`, so the sum over schools is kept per distinct size.

use nalgebra::{DMatrix, DVector};

use crate::error::StatsError;
use crate::sufficient::{SufficientStatistics, add_outer_product};

/// `z` for the normal 95% interval.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// A fixed effect: R's term name, estimate and standard error.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FixedEffect {
    pub term: String,
    pub estimate: f64,
    pub se: f64,
}

/// One school's contextual value added: its conditional mode (BLUP) and conditional SD.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SchoolEffect {
    /// Pupils in the school.
    pub n: u64,
    /// `û_j = λ_j · mean_i(y_ij − x_ij'β̂)`, `λ_j = n_j θ²/(1 + n_j θ²)`.
    pub blup: f64,
    /// `sqrt(σ̂_e² θ²/(1 + n_j θ²))`, as `lme4::ranef(condVar = TRUE)`.
    pub condsd: f64,
    /// `û_j − 1.96 · sd_j`.
    pub ci_lower: f64,
    /// `û_j + 1.96 · sd_j`.
    pub ci_upper: f64,
}

/// The REML fit of the random-intercept model.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ContextualFit {
    pub nobs: usize,
    pub ngroups: usize,
    pub fixef: Vec<FixedEffect>,
    /// σ̂_u², the between-school variance.
    pub var_school: f64,
    /// σ̂_e², the residual (pupil) variance.
    pub var_residual: f64,
    /// θ̂ = σ̂_u/σ̂_e (0 when the optimum is on the boundary).
    pub theta: f64,
    /// −2 × the REML log-likelihood at the optimum.
    pub reml_criterion: f64,
    /// Each school's effect, in the order of the statistics' school index.
    pub groups: Vec<SchoolEffect>,
}

/// The least-squares fit (a model without a random intercept).
#[derive(Debug, Clone, PartialEq)]
pub struct LeastSquaresFit {
    pub nobs: usize,
    pub fixef: Vec<FixedEffect>,
    /// σ̂² = RSS/(N − p).
    pub var_residual: f64,
}

/// Fits the random-intercept model by REML from sufficient statistics.
///
/// `design_columns` names X's columns (p of them; the statistics have k = p + 1 columns,
/// the last the outcome); `response` and `group` name the outcome and the school column
/// for messages.
pub fn fit(
    statistics: &SufficientStatistics,
    design_columns: &[String],
    response: &str,
    group: &str,
) -> Result<ContextualFit, StatsError> {
    let profile = ProfiledReml::new(statistics, design_columns, response)?;
    let occupied = statistics.counts.iter().filter(|&&n| n > 0).count();
    if occupied < 2 {
        return Err(StatsError::SingleGroup {
            group: group.to_string(),
        });
    }
    if profile.nobs <= occupied {
        return Err(StatsError::OneRowPerGroup {
            group: group.to_string(),
        });
    }
    let theta = profile.optimal_theta();
    let at_optimum = profile
        .evaluate(theta)
        .expect("the optimum was evaluated before");
    Ok(profile.fit_at(&at_optimum, design_columns))
}

/// The estimates at a given θ rather than the optimum: for profiles, and to check the
/// closed form against another engine at the same θ.
pub fn fit_at_theta(
    statistics: &SufficientStatistics,
    design_columns: &[String],
    response: &str,
    theta: f64,
) -> Result<ContextualFit, StatsError> {
    let profile = ProfiledReml::new(statistics, design_columns, response)?;
    let evaluation = profile.evaluate(theta).expect("X has full rank");
    Ok(profile.fit_at(&evaluation, design_columns))
}

/// Fits `y = Xβ + e` by least squares from sufficient statistics (any grouping: the
/// cross-products are `M(0) = Z'Z`).
pub fn fit_least_squares(
    statistics: &SufficientStatistics,
    design_columns: &[String],
    response: &str,
) -> Result<LeastSquaresFit, StatsError> {
    let profile = ProfiledReml::new(statistics, design_columns, response)?;
    let evaluation = profile.evaluate(0.0).expect("X has full rank");
    let fit = profile.fit_at(&evaluation, design_columns);
    Ok(LeastSquaresFit {
        nobs: fit.nobs,
        fixef: fit.fixef,
        var_residual: fit.var_residual,
    })
}

/// The profiled REML criterion as a function of θ, with the statistics regrouped by
/// school size.
struct ProfiledReml<'a> {
    statistics: &'a SufficientStatistics,
    /// Fixed effects.
    p: usize,
    /// Pupils.
    nobs: usize,
    /// Pooled within-school cross-products `W` (k × k).
    within: DMatrix<f64>,
    /// Per distinct school size n: (n, number of schools, `Σ_{j: n_j = n} n z̄_j z̄_j'`).
    by_size: Vec<(f64, f64, DMatrix<f64>)>,
}

/// The criterion and the Cholesky factor of `M(θ)` at one θ.
struct Evaluation {
    theta: f64,
    criterion: f64,
    /// Lower Cholesky factor of `M(θ)`.
    factor: DMatrix<f64>,
}

impl<'a> ProfiledReml<'a> {
    fn new(
        statistics: &'a SufficientStatistics,
        design_columns: &[String],
        response: &str,
    ) -> Result<ProfiledReml<'a>, StatsError> {
        let k = statistics.k;
        let p = k - 1;
        assert_eq!(design_columns.len(), p, "one name per design column");
        let nobs = statistics.nobs() as usize;
        if nobs <= p {
            return Err(StatsError::TooFewRows {
                nobs,
                parameters: p,
            });
        }
        let within = DMatrix::from_row_slice(k, k, &statistics.within);

        let mut sizes: Vec<u64> = statistics
            .counts
            .iter()
            .copied()
            .filter(|&n| n > 0)
            .collect();
        sizes.sort_unstable();
        sizes.dedup();
        let mut by_size: Vec<(f64, f64, Vec<f64>)> = sizes
            .iter()
            .map(|&n| (n as f64, 0.0, vec![0.0; k * k]))
            .collect();
        for (school, &n) in statistics.counts.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let slot = &mut by_size[sizes.binary_search(&n).expect("size listed")];
            slot.1 += 1.0;
            add_outer_product(&mut slot.2, statistics.mean(school), n as f64);
        }
        let by_size = by_size
            .into_iter()
            .map(|(n, count, sum)| (n, count, DMatrix::from_row_slice(k, k, &sum)))
            .collect();

        let profile = ProfiledReml {
            statistics,
            p,
            nobs,
            within,
            by_size,
        };
        profile.check_full_rank(design_columns, response)?;
        Ok(profile)
    }

    /// `M(θ) = W + Σ_sizes w(n) Σ_{j: n_j = n} n z̄_j z̄_j'`, `w(n) = 1/(1 + n θ²)`.
    fn weighted_cross_products(&self, theta: f64) -> DMatrix<f64> {
        let mut matrix = self.within.clone();
        for (n, _, sum) in &self.by_size {
            let weight = 1.0 / (1.0 + n * theta * theta);
            for (cell, value) in matrix.as_mut_slice().iter_mut().zip(sum.as_slice()) {
                *cell += weight * value;
            }
        }
        matrix
    }

    /// The profiled REML criterion (−2 REML log-likelihood):
    ///
    /// ```text
    /// Σ_j log(1 + n_j θ²) + log det(X'V⁻¹X) + (N − p)(1 + log(2π r²/(N − p)))
    /// ```
    ///
    /// `None` when `M(θ)` is not positive definite (cannot happen after the rank check).
    fn evaluate(&self, theta: f64) -> Option<Evaluation> {
        let factor = self.weighted_cross_products(theta).cholesky()?.unpack();
        let p = self.p;
        let log_det_school: f64 = self
            .by_size
            .iter()
            .map(|(n, count, _)| count * (n * theta * theta).ln_1p())
            .sum();
        let log_det_fixed: f64 = (0..p).map(|i| 2.0 * factor[(i, i)].ln()).sum();
        let r_squared = factor[(p, p)].powi(2);
        let residual_df = (self.nobs - p) as f64;
        let criterion = log_det_school
            + log_det_fixed
            + residual_df * (1.0 + (2.0 * std::f64::consts::PI * r_squared / residual_df).ln());
        Some(Evaluation {
            theta,
            criterion,
            factor,
        })
    }

    fn criterion(&self, theta: f64) -> f64 {
        self.evaluate(theta)
            .map_or(f64::INFINITY, |evaluation| evaluation.criterion)
    }

    /// θ̂: the best point of a coarse grid on log θ, refined by Brent's method, then
    /// compared with the boundary θ = 0 (as lme4, which allows a singular fit).
    fn optimal_theta(&self) -> f64 {
        const GRID_LOW: f64 = -12.0;
        const GRID_HIGH: f64 = 6.0;
        const GRID_POINTS: usize = 37;
        let step = (GRID_HIGH - GRID_LOW) / (GRID_POINTS - 1) as f64;
        let on_log_scale = |log_theta: f64| self.criterion(log_theta.exp());
        let grid: Vec<f64> = (0..GRID_POINTS)
            .map(|i| on_log_scale(GRID_LOW + step * i as f64))
            .collect();
        let best = (0..GRID_POINTS)
            .min_by(|&a, &b| grid[a].total_cmp(&grid[b]))
            .expect("grid is not empty");
        let low = GRID_LOW + step * best.saturating_sub(1) as f64;
        let high = GRID_LOW + step * (best + 1).min(GRID_POINTS - 1) as f64;
        let (log_theta, criterion) = brent_minimum(on_log_scale, low, high, 1e-12);
        let interior = self.polish(log_theta).exp();
        if self.criterion(0.0) <= criterion {
            0.0
        } else {
            interior
        }
    }

    /// The derivative of the profiled criterion with respect to s = θ²:
    ///
    /// ```text
    /// dC/ds = Σ_j n_j w_j − Σ_j n_j² w_j² (x̄_j'(X'V⁻¹X)⁻¹x̄_j + (N − p)/r² (ȳ_j − x̄_j'β̂)²)
    /// ```
    ///
    /// (`dw_j/ds = −n_j w_j²`; the r² term by the envelope theorem, β̂ being optimal).
    /// Summed per school size with `B_n = Σ_{j: n_j = n} n z̄_j z̄_j'`, so it costs as much as
    /// the criterion.
    fn criterion_slope(&self, theta: f64) -> Option<f64> {
        let evaluation = self.evaluate(theta)?;
        let p = self.p;
        let s = theta * theta;
        let factor_x = evaluation.factor.view((0, 0), (p, p)).into_owned();
        let factor_x_inverse = factor_x.solve_lower_triangular(&DMatrix::identity(p, p))?;
        let fixed_precision_inverse = factor_x_inverse.transpose() * &factor_x_inverse;
        let last_row =
            DVector::from_iterator(p, evaluation.factor.view((p, 0), (1, p)).iter().copied());
        let beta = factor_x.tr_solve_lower_triangular(&last_row)?;
        let r_squared = evaluation.factor[(p, p)].powi(2);
        let residual_df = (self.nobs - p) as f64;
        // v = [−β̂; 1], so v'B v is the weighted squared mean residual of the schools.
        let mut contrast = DVector::from_element(p + 1, 1.0);
        contrast.rows_mut(0, p).copy_from(&(-beta));
        let mut slope = 0.0;
        for (n, count, sum) in &self.by_size {
            let w = 1.0 / (1.0 + n * s);
            // tr((X'V⁻¹X)⁻¹ B_xx) = Σ_ab A_ab B_ab for symmetric A and B.
            let trace: f64 = (0..p)
                .map(|column| {
                    fixed_precision_inverse
                        .column(column)
                        .dot(&sum.view((0, column), (p, 1)))
                })
                .sum();
            let residual = contrast.dot(&(sum * &contrast));
            slope += count * n * w - n * w * w * (trace + residual_df / r_squared * residual);
        }
        Some(slope)
    }

    /// Refines Brent's minimum to the root of the criterion's slope (regula falsi with the
    /// Illinois modification, on log θ). The root is limited by rounding in the slope rather
    /// than by the flatness of the criterion near its minimum, which is what stops Brent's
    /// method (and lme4's optimisers) about 1e-7 short. Keeps `log_theta` when no sign change
    /// is found nearby.
    fn polish(&self, log_theta: f64) -> f64 {
        let slope = |t: f64| self.criterion_slope(t.exp());
        for width in [1e-6, 1e-4, 1e-2] {
            let (mut low, mut high) = (log_theta - width, log_theta + width);
            let (Some(mut slope_low), Some(mut slope_high)) = (slope(low), slope(high)) else {
                return log_theta;
            };
            if !(slope_low < 0.0 && slope_high > 0.0) {
                continue;
            }
            let mut last_side = 0i8;
            let mut previous = f64::NAN;
            for _ in 0..100 {
                if high - low <= 4.0 * f64::EPSILON * (1.0 + low.abs()) {
                    break;
                }
                let mut middle = (low * slope_high - high * slope_low) / (slope_high - slope_low);
                if !(middle > low && middle < high) {
                    middle = 0.5 * (low + high);
                }
                // Far below what any estimate needs (θ to 1e-12 relative): stop.
                if (middle - previous).abs() <= 1e-12 * (1.0 + middle.abs()) {
                    return middle;
                }
                previous = middle;
                let Some(value) = slope(middle) else {
                    return log_theta;
                };
                if value == 0.0 {
                    return middle;
                }
                if value < 0.0 {
                    low = middle;
                    slope_low = value;
                    if last_side == -1 {
                        slope_high *= 0.5;
                    }
                    last_side = -1;
                } else {
                    high = middle;
                    slope_high = value;
                    if last_side == 1 {
                        slope_low *= 0.5;
                    }
                    last_side = 1;
                }
            }
            return 0.5 * (low + high);
        }
        log_theta
    }

    /// Estimates at θ:
    ///
    /// - `β̂ = L_x'⁻¹ l`, `Var(β̂) = σ̂_e² (L_x L_x')⁻¹`,
    /// - `σ̂_e² = r²/(N − p)`, `σ̂_u² = θ² σ̂_e²`,
    /// - `û_j = λ_j (ȳ_j − x̄_j'β̂)`, `λ_j = n_j θ²/(1 + n_j θ²)`,
    /// - `sd_j = sqrt(σ̂_e² θ²/(1 + n_j θ²))`.
    fn fit_at(&self, evaluation: &Evaluation, design_columns: &[String]) -> ContextualFit {
        let p = self.p;
        let theta = evaluation.theta;
        let factor_x = evaluation.factor.view((0, 0), (p, p)).into_owned();
        let last_row =
            DVector::from_iterator(p, evaluation.factor.view((p, 0), (1, p)).iter().copied());
        let beta = factor_x
            .tr_solve_lower_triangular(&last_row)
            .expect("L_x has a positive diagonal");
        let r_squared = evaluation.factor[(p, p)].powi(2);
        let var_residual = r_squared / (self.nobs - p) as f64;
        let factor_x_inverse = factor_x
            .solve_lower_triangular(&DMatrix::identity(p, p))
            .expect("L_x has a positive diagonal");
        let fixef = (0..p)
            .map(|i| FixedEffect {
                term: design_columns[i].clone(),
                estimate: beta[i],
                se: (var_residual * factor_x_inverse.column(i).norm_squared()).sqrt(),
            })
            .collect();

        let statistics = self.statistics;
        let groups = (0..statistics.ngroups())
            .map(|school| {
                let n = statistics.counts[school];
                let mean = statistics.mean(school);
                let mean_residual = mean[p]
                    - mean[..p]
                        .iter()
                        .zip(beta.iter())
                        .map(|(x, b)| x * b)
                        .sum::<f64>();
                let shrunk_share = n as f64 * theta * theta / (1.0 + n as f64 * theta * theta);
                let blup = if n == 0 {
                    0.0
                } else {
                    shrunk_share * mean_residual
                };
                let condsd =
                    (var_residual * theta * theta / (1.0 + n as f64 * theta * theta)).sqrt();
                SchoolEffect {
                    n,
                    blup,
                    condsd,
                    ci_lower: blup - Z_95 * condsd,
                    ci_upper: blup + Z_95 * condsd,
                }
            })
            .collect();

        ContextualFit {
            nobs: self.nobs,
            ngroups: statistics.counts.iter().filter(|&&n| n > 0).count(),
            fixef,
            var_school: theta * theta * var_residual,
            var_residual,
            theta,
            reml_criterion: evaluation.criterion,
            groups,
        }
    }

    /// Refuses a design whose columns are not linearly independent, naming the column that
    /// repeats earlier ones, as R's `lm` would mark it `NA`: columns are taken in order and
    /// each is kept only if it is not (to 1e-10 in squared correlation terms) a combination of
    /// those kept before it — a Cholesky factorisation of the scaled `X'X` with R's limited
    /// pivoting (`dqrdc2` moves such columns to the end).
    fn check_full_rank(&self, design_columns: &[String], response: &str) -> Result<(), StatsError> {
        const ALIASED: f64 = 1e-10;
        let p = self.p;
        let cross_products = self.weighted_cross_products(0.0);
        let scale: Vec<f64> = (0..=p)
            .map(|i| {
                let diagonal = cross_products[(i, i)];
                if diagonal > 0.0 {
                    diagonal.sqrt().recip()
                } else {
                    0.0
                }
            })
            .collect();
        let scaled = |i: usize, j: usize| cross_products[(i, j)] * scale[i] * scale[j];

        let mut kept: Vec<usize> = Vec::new();
        let mut factor = DMatrix::<f64>::zeros(p + 1, p + 1);
        for column in 0..=p {
            // Solve L l = g for the new column's row of the factor.
            let mut row = vec![0.0; kept.len()];
            for (a, &kept_a) in kept.iter().enumerate() {
                let dot: f64 = (0..a).map(|b| factor[(a, b)] * row[b]).sum();
                row[a] = (scaled(kept_a, column) - dot) / factor[(a, a)];
            }
            let remaining = scaled(column, column) - row.iter().map(|v| v * v).sum::<f64>();
            if remaining > ALIASED {
                let a = kept.len();
                for (b, value) in row.iter().enumerate() {
                    factor[(a, b)] = *value;
                }
                factor[(a, a)] = remaining.sqrt();
                kept.push(column);
                continue;
            }
            if column == p {
                return Err(StatsError::ConstantOutcome {
                    column: response.to_string(),
                });
            }
            // Coefficients of the aliased column on the kept ones: L' c = l.
            let mut coefficients = vec![0.0; kept.len()];
            for a in (0..kept.len()).rev() {
                let dot: f64 = (a + 1..kept.len())
                    .map(|b| factor[(b, a)] * coefficients[b])
                    .sum();
                coefficients[a] = (row[a] - dot) / factor[(a, a)];
            }
            let others: Vec<&str> = kept
                .iter()
                .zip(&coefficients)
                .filter(|(_, coefficient)| coefficient.abs() > 1e-6)
                .map(|(&index, _)| design_columns[index].as_str())
                .collect();
            let name = design_columns[column].clone();
            return Err(match others.as_slice() {
                [] | ["(Intercept)"] => StatsError::ConstantCovariate { column: name },
                _ => StatsError::CollinearCovariates {
                    column: name,
                    others: others
                        .iter()
                        .map(|other| format!("`{other}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                },
            });
        }
        Ok(())
    }
}

/// Brent's method for the minimum of `f` on `[low, high]` (Brent 1973, as R's `optimize`):
/// golden-section steps with parabolic interpolation, stopping when the bracket is within
/// `2 (√ε |x| + tol/3)`. Returns `(x, f(x))`.
pub fn brent_minimum(f: impl Fn(f64) -> f64, low: f64, high: f64, tol: f64) -> (f64, f64) {
    let golden = (3.0 - 5f64.sqrt()) * 0.5;
    let epsilon = f64::EPSILON.sqrt();
    let (mut a, mut b) = (low, high);
    let mut v = a + golden * (b - a);
    let (mut w, mut x) = (v, v);
    let mut d: f64 = 0.0;
    let mut e: f64 = 0.0;
    let mut fx = f(x);
    let (mut fv, mut fw) = (fx, fx);
    let tol3 = tol / 3.0;
    loop {
        let xm = (a + b) * 0.5;
        let tol1 = epsilon * x.abs() + tol3;
        let t2 = tol1 * 2.0;
        if (x - xm).abs() <= t2 - (b - a) * 0.5 {
            return (x, fx);
        }
        let mut p = 0.0;
        let mut q = 0.0;
        let mut r = 0.0;
        if e.abs() > tol1 {
            r = (x - w) * (fx - fv);
            q = (x - v) * (fx - fw);
            p = (x - v) * q - (x - w) * r;
            q = (q - r) * 2.0;
            if q > 0.0 {
                p = -p;
            } else {
                q = -q;
            }
            r = e;
            e = d;
        }
        if p.abs() >= (q * 0.5 * r).abs() || p <= q * (a - x) || p >= q * (b - x) {
            // Golden-section step.
            e = if x < xm { b - x } else { a - x };
            d = golden * e;
        } else {
            // Parabolic step.
            d = p / q;
            let u = x + d;
            if u - a < t2 || b - u < t2 {
                d = if x < xm { tol1 } else { -tol1 };
            }
        }
        let u = if d.abs() >= tol1 {
            x + d
        } else if d > 0.0 {
            x + tol1
        } else {
            x - tol1
        };
        let fu = f(u);
        if fu <= fx {
            if u < x {
                b = x;
            } else {
                a = x;
            }
            v = w;
            fv = fw;
            w = x;
            fw = fx;
            x = u;
            fx = fu;
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                v = w;
                fv = fw;
                w = u;
                fw = fu;
            } else if fu <= fv || v == x || v == w {
                v = u;
                fv = fu;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slope_is_the_derivative_of_the_criterion() {
        use crate::design::{Design, DesignOptions};
        use crate::formula::Formula;
        let table = crate::synthetic::cohort(3000, 60, 11);
        let formula = Formula::parse(crate::synthetic::COHORT_FORMULA).unwrap();
        let design = Design::build(&table, &formula, &DesignOptions::default()).unwrap();
        let statistics = crate::value_added::collect_statistics(&design);
        let profile = ProfiledReml::new(&statistics, &design.column_names, "outcome").unwrap();
        for theta in [0.1f64, 0.4, 1.3] {
            let h = 1e-5 * theta * theta;
            let s = theta * theta;
            let numeric =
                (profile.criterion((s + h).sqrt()) - profile.criterion((s - h).sqrt())) / (2.0 * h);
            let analytic = profile.criterion_slope(theta).unwrap();
            assert!(
                (numeric - analytic).abs() < 1e-4 * (1.0 + analytic.abs()),
                "θ = {theta}: {numeric} vs {analytic}"
            );
        }
    }

    #[test]
    fn brent_finds_the_minimum_of_a_parabola() {
        let (x, fx) = brent_minimum(|x| (x - 1.25).powi(2) + 3.0, -5.0, 5.0, 1e-12);
        assert!((x - 1.25).abs() < 1e-7, "{x}");
        assert!((fx - 3.0).abs() < 1e-12);
    }
}
