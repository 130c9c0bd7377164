//! Simple value added, progress from starting points (ANALYTICS.md §2): the shape of
//! England's Progress 8 and KS2 progress measures (DfE's published method).
//!
//! A [`ReferenceModel`] holds what the reference population (the national or system-wide
//! cohort) says: the prior-attainment groups, the expected outcome in each, the cap of
//! extreme negative scores and σ, the spread of pupil scores used for every interval. It
//! is fitted from reference pupils ([`ReferenceModel::fit`]) or built from published
//! tables ([`ReferenceModel::from_published`]), so one school can be scored against
//! national expectations without holding national data.

use crate::error::StatsError;
use crate::value_added::contextual::Z_95;

/// A prior-attainment group: prior scores `low ≤ p ≤ high`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PriorRange {
    pub low: f64,
    pub high: f64,
}

impl PriorRange {
    fn contains(&self, prior: f64) -> bool {
        self.low <= prior && prior <= self.high
    }
}

/// How the reference population's prior scores are split into groups.
#[derive(Debug, Clone, PartialEq)]
pub enum PriorGrouping {
    /// Equal-width bins over the reference range, adjacent bins merged until each holds at
    /// least `min_pupils` (30 by default); the outermost groups are open-ended.
    EqualWidth { bins: usize, min_pupils: usize },
    /// A table of fixed score ranges supplied by the deployment (e.g. Progress 8's 34
    /// groups of KS2 average scaled score).
    Ranges(Vec<PriorRange>),
}

impl Default for PriorGrouping {
    fn default() -> PriorGrouping {
        PriorGrouping::EqualWidth {
            bins: 20,
            min_pupils: 30,
        }
    }
}

/// The choices that define a simple value-added measure.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MeasureSettings {
    /// `s` in `v = (y − E(g))/s` (Progress 8: 10; default 1).
    pub scale_divisor: f64,
    /// `z*` of the cap of extreme negative scores, or `None` for no cap (DfE 2022:
    /// −2.8948556948, about 1% of pupils below).
    pub cap_z: Option<f64>,
    /// The cut `c` between "above" and "well above" (Progress 8: 0.5).
    pub band_cut: f64,
    /// Groups with fewer pupils show no figure (default 6).
    pub suppression_threshold: usize,
}

impl Default for MeasureSettings {
    fn default() -> MeasureSettings {
        MeasureSettings {
            scale_divisor: 1.0,
            cap_z: None,
            band_cut: 0.5,
            suppression_threshold: 6,
        }
    }
}

/// DfE's cap for Progress 8 since 2022: about 1% of the reference population lies below.
pub const DFE_CAP_Z: f64 = -2.894_855_694_8;

/// One prior-attainment group of a reference model.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PriorGroup {
    pub range: PriorRange,
    /// Reference pupils in the group (0 when built from published estimates).
    pub reference_pupils: usize,
    /// `E(g)`: the mean outcome of reference pupils in the group.
    pub expected: f64,
    /// The lowest pupil score after the cap, `mean_g + sd_g · z*` in units of v, if capped.
    pub cap_floor: Option<f64>,
}

/// The reference population's expectations and spread.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReferenceModel {
    pub groups: Vec<PriorGroup>,
    pub scale_divisor: f64,
    /// σ: the standard deviation of pupil v (after the cap) over the whole reference
    /// population (DfE's Progress 8 2024: 1.41628).
    pub sigma: f64,
}

impl ReferenceModel {
    /// Fits the expectations, cap and σ from reference pupils' `prior` and `outcome`
    /// (pairs with a missing value, `NaN`, are skipped).
    pub fn fit(
        prior: &[f64],
        outcome: &[f64],
        grouping: &PriorGrouping,
        settings: &MeasureSettings,
    ) -> Result<ReferenceModel, StatsError> {
        check_divisor(settings.scale_divisor)?;
        let pupils: Vec<(f64, f64)> = prior
            .iter()
            .zip(outcome)
            .filter(|(p, y)| !p.is_nan() && !y.is_nan())
            .map(|(&p, &y)| (p, y))
            .collect();
        if pupils.is_empty() {
            return Err(StatsError::EmptyReferencePopulation);
        }
        let ranges = match grouping {
            PriorGrouping::EqualWidth { bins, min_pupils } => {
                equal_width_ranges(&pupils, *bins, *min_pupils)?
            }
            PriorGrouping::Ranges(ranges) => sorted_without_overlap(ranges)?,
        };
        let ngroups = ranges.len();
        let mut model = ReferenceModel {
            groups: ranges
                .iter()
                .map(|&range| PriorGroup {
                    range,
                    reference_pupils: 0,
                    expected: f64::NAN,
                    cap_floor: None,
                })
                .collect(),
            scale_divisor: settings.scale_divisor,
            sigma: f64::NAN,
        };

        // E(g) = mean outcome of the reference pupils in g.
        let membership: Vec<Option<u32>> = pupils
            .iter()
            .map(|&(p, _)| model.group_of(p).map(|g| g as u32))
            .collect();
        let mut sums = vec![0.0; ngroups];
        for (&(_, y), group) in pupils.iter().zip(&membership) {
            if let Some(g) = *group {
                sums[g as usize] += y;
                model.groups[g as usize].reference_pupils += 1;
            }
        }
        for (group, sum) in model.groups.iter_mut().zip(&sums) {
            group.expected = sum / group.reference_pupils as f64;
        }

        // v before the cap; then each group's cap floor from its mean and sd of v.
        let uncapped: Vec<(u32, f64)> = pupils
            .iter()
            .zip(&membership)
            .filter_map(|(&(_, y), group)| {
                group.map(|g| {
                    (
                        g,
                        (y - model.groups[g as usize].expected) / model.scale_divisor,
                    )
                })
            })
            .collect();
        if let Some(z_star) = settings.cap_z {
            let per_group = group_mean_and_sd(&uncapped, ngroups);
            for (group, (mean, sd)) in model.groups.iter_mut().zip(per_group) {
                group.cap_floor = sd.is_finite().then_some(mean + sd * z_star);
            }
        }
        let capped: Vec<f64> = uncapped
            .iter()
            .map(|&(g, v)| model.apply_cap(g as usize, v))
            .collect();
        model.sigma = sample_sd(&capped);
        Ok(model)
    }

    /// A model from published tables: group ranges with their expected outcome (e.g. DfE's
    /// Attainment 8 estimates), the published σ, and optionally each group's cap floor.
    pub fn from_published(
        estimates: &[(PriorRange, f64)],
        sigma: f64,
        scale_divisor: f64,
    ) -> Result<ReferenceModel, StatsError> {
        check_divisor(scale_divisor)?;
        if sigma.is_nan() || sigma <= 0.0 {
            return Err(StatsError::InvalidSetting {
                what: "σ, the spread of pupil value added".into(),
                requirement: "a positive number".into(),
                value: sigma.to_string(),
            });
        }
        let mut estimates = estimates.to_vec();
        estimates.sort_by(|a, b| a.0.low.total_cmp(&b.0.low));
        sorted_without_overlap(&estimates.iter().map(|e| e.0).collect::<Vec<_>>())?;
        Ok(ReferenceModel {
            groups: estimates
                .iter()
                .map(|&(range, expected)| PriorGroup {
                    range,
                    reference_pupils: 0,
                    expected,
                    cap_floor: None,
                })
                .collect(),
            scale_divisor,
            sigma,
        })
    }

    /// The prior-attainment group of a prior score, if the table covers it.
    pub fn group_of(&self, prior: f64) -> Option<usize> {
        // Groups are sorted by their lower limit and do not overlap.
        let after = self
            .groups
            .partition_point(|group| group.range.low <= prior);
        let candidate = after.checked_sub(1)?;
        self.groups[candidate]
            .range
            .contains(prior)
            .then_some(candidate)
    }

    /// `E(g)` for a prior score.
    pub fn expected(&self, prior: f64) -> Option<f64> {
        self.group_of(prior).map(|g| self.groups[g].expected)
    }

    /// Pupil value added `v = (y − E(g))/s`, raised to the group's cap floor if below it;
    /// `None` when a value is missing or the prior falls in no group.
    pub fn pupil_value_added(&self, prior: f64, outcome: f64) -> Option<f64> {
        if prior.is_nan() || outcome.is_nan() {
            return None;
        }
        let g = self.group_of(prior)?;
        let v = (outcome - self.groups[g].expected) / self.scale_divisor;
        Some(self.apply_cap(g, v))
    }

    fn apply_cap(&self, group: usize, v: f64) -> f64 {
        match self.groups[group].cap_floor {
            Some(floor) if v < floor => floor,
            _ => v,
        }
    }

    /// Value added for groups of pupils (schools, subjects, classes, teachers,
    /// disadvantaged vs other, …): `group[i]` is pupil i's group index, `ngroups` the
    /// number of groups.
    ///
    /// `V_g = mean(v_i)`, `half-width = 1.96 σ/√n_g`, band by the Progress 8 rules; a group
    /// below the suppression threshold shows no figure. Pupils without both values, or
    /// whose prior falls in no group, are left out and counted.
    pub fn group_value_added(
        &self,
        prior: &[f64],
        outcome: &[f64],
        group: &[u32],
        ngroups: usize,
        settings: &MeasureSettings,
    ) -> GroupTable {
        let mut sums = vec![0.0; ngroups];
        let mut counts = vec![0usize; ngroups];
        let mut excluded = 0;
        for ((&p, &y), &g) in prior.iter().zip(outcome).zip(group) {
            match self.pupil_value_added(p, y) {
                Some(v) => {
                    sums[g as usize] += v;
                    counts[g as usize] += 1;
                }
                None => excluded += 1,
            }
        }
        let groups = sums
            .iter()
            .zip(&counts)
            .map(|(&sum, &n)| GroupValueAdded {
                n,
                figures: (n >= settings.suppression_threshold && n > 0).then(|| {
                    let value_added = sum / n as f64;
                    let se = standard_error(self.sigma, n);
                    let ci_lower = value_added - Z_95 * se;
                    let ci_upper = value_added + Z_95 * se;
                    GroupFigures {
                        value_added,
                        se,
                        ci_lower,
                        ci_upper,
                        band: Band::of(value_added, ci_lower, ci_upper, settings.band_cut),
                    }
                }),
            })
            .collect();
        GroupTable {
            groups,
            excluded_pupils: excluded,
        }
    }
}

/// Group value added for every group, and the pupils left out.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTable {
    pub groups: Vec<GroupValueAdded>,
    pub excluded_pupils: usize,
}

/// One group's value added; `figures` is `None` when the group is suppressed.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupValueAdded {
    pub n: usize,
    pub figures: Option<GroupFigures>,
}

/// A shown group's value added with its 95% interval and band.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupFigures {
    pub value_added: f64,
    /// The standard error `σ/√n` the interval was built from, carried so later figures
    /// (trends, combined subjects) start from it rather than from the interval.
    pub se: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    pub band: Band,
}

/// The Progress 8 significance bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    WellAboveAverage,
    AboveAverage,
    Average,
    BelowAverage,
    WellBelowAverage,
}

impl Band {
    /// *well above* if `V > c` and the CI > 0; *above* if `0 < V ≤ c` and the CI > 0;
    /// *average* if the CI contains 0; *below* if `−c ≤ V < 0` and the CI < 0; *well below*
    /// if `V < −c` and the CI < 0.
    pub fn of(value_added: f64, ci_lower: f64, ci_upper: f64, cut: f64) -> Band {
        if ci_lower > 0.0 {
            if value_added > cut {
                Band::WellAboveAverage
            } else {
                Band::AboveAverage
            }
        } else if ci_upper < 0.0 {
            if value_added < -cut {
                Band::WellBelowAverage
            } else {
                Band::BelowAverage
            }
        } else {
            Band::Average
        }
    }

    /// The band as shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Band::WellAboveAverage => "well above average",
            Band::AboveAverage => "above average",
            Band::Average => "average",
            Band::BelowAverage => "below average",
            Band::WellBelowAverage => "well below average",
        }
    }
}

/// `σ / √n`: the standard error of a group's value added, with σ from the whole reference
/// population (not the group's own spread).
pub fn standard_error(sigma: f64, n: usize) -> f64 {
    sigma / (n as f64).sqrt()
}

/// `1.96 · σ / √n`: half the width of a group's 95% confidence interval.
pub fn confidence_half_width(sigma: f64, n: usize) -> f64 {
    Z_95 * standard_error(sigma, n)
}

impl GroupFigures {
    /// The value added as an estimate with its standard error (for trends).
    pub fn estimate(&self) -> crate::trends::Estimate {
        crate::trends::Estimate {
            value: self.value_added,
            se: self.se,
        }
    }
}

fn check_divisor(scale_divisor: f64) -> Result<(), StatsError> {
    if scale_divisor > 0.0 && scale_divisor.is_finite() {
        Ok(())
    } else {
        Err(StatsError::InvalidSetting {
            what: "the scale divisor".into(),
            requirement: "a positive number".into(),
            value: scale_divisor.to_string(),
        })
    }
}

/// Equal-width bins over `[min p, max p]`, merged left to right until each holds at least
/// `min_pupils`; a short last group joins the one before it. Outer groups are open-ended.
fn equal_width_ranges(
    pupils: &[(f64, f64)],
    bins: usize,
    min_pupils: usize,
) -> Result<Vec<PriorRange>, StatsError> {
    if bins == 0 {
        return Err(StatsError::InvalidSetting {
            what: "the number of prior-attainment bins".into(),
            requirement: "at least 1".into(),
            value: "0".into(),
        });
    }
    let low = pupils.iter().map(|p| p.0).fold(f64::INFINITY, f64::min);
    let high = pupils.iter().map(|p| p.0).fold(f64::NEG_INFINITY, f64::max);
    let width = (high - low) / bins as f64;
    let mut counts = vec![0usize; bins];
    for &(p, _) in pupils {
        let bin = if width > 0.0 {
            (((p - low) / width) as usize).min(bins - 1)
        } else {
            0
        };
        counts[bin] += 1;
    }
    let edge = |bin: usize| low + width * bin as f64;
    // Each merged group is a run of bins [first, last].
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    let mut in_run = 0;
    for (bin, &count) in counts.iter().enumerate() {
        in_run += count;
        if in_run >= min_pupils {
            runs.push((start, bin));
            start = bin + 1;
            in_run = 0;
        }
    }
    if start < bins {
        match runs.last_mut() {
            Some(last) => last.1 = bins - 1,
            None => runs.push((0, bins - 1)),
        }
    }
    let last_run = runs.len() - 1;
    Ok(runs
        .iter()
        .enumerate()
        .map(|(index, &(first, last))| PriorRange {
            low: if index == 0 {
                f64::NEG_INFINITY
            } else {
                edge(first)
            },
            // The upper edge belongs to the next bin, as in the bin assignment above.
            high: if index == last_run {
                f64::INFINITY
            } else {
                next_below(edge(last + 1))
            },
        })
        .collect())
}

/// The largest float below `x`, so `[a, next_below(b)]` and `[b, …]` do not overlap.
fn next_below(x: f64) -> f64 {
    if x > 0.0 {
        f64::from_bits(x.to_bits() - 1)
    } else if x < 0.0 {
        f64::from_bits(x.to_bits() + 1)
    } else {
        -f64::from_bits(1)
    }
}

/// Each group's mean and sample standard deviation of v (two passes, for accuracy).
fn group_mean_and_sd(values: &[(u32, f64)], ngroups: usize) -> Vec<(f64, f64)> {
    let mut counts = vec![0usize; ngroups];
    let mut means = vec![0.0; ngroups];
    for &(g, v) in values {
        counts[g as usize] += 1;
        means[g as usize] += v;
    }
    for (mean, &count) in means.iter_mut().zip(&counts) {
        *mean /= count as f64;
    }
    let mut squares = vec![0.0; ngroups];
    for &(g, v) in values {
        squares[g as usize] += (v - means[g as usize]).powi(2);
    }
    (0..ngroups)
        .map(|g| {
            let sd = if counts[g] < 2 {
                f64::NAN
            } else {
                (squares[g] / (counts[g] - 1) as f64).sqrt()
            };
            (means[g], sd)
        })
        .collect()
}

/// The ranges sorted by lower limit, refused if two overlap.
fn sorted_without_overlap(ranges: &[PriorRange]) -> Result<Vec<PriorRange>, StatsError> {
    let mut sorted = ranges.to_vec();
    sorted.sort_by(|a, b| a.low.total_cmp(&b.low));
    for pair in sorted.windows(2) {
        if pair[1].low <= pair[0].high {
            return Err(StatsError::InvalidSetting {
                what: "the prior-attainment groups".into(),
                requirement: "ranges that do not overlap".into(),
                value: format!(
                    "{}–{} and {}–{}",
                    pair[0].low, pair[0].high, pair[1].low, pair[1].high
                ),
            });
        }
    }
    Ok(sorted)
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

/// Sample standard deviation (divisor n − 1); NaN for fewer than two values.
fn sample_sd(values: &[f64]) -> f64 {
    if values.len() < 2 {
        return f64::NAN;
    }
    let m = mean(values);
    (values.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (values.len() - 1) as f64).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_follow_the_progress_8_rules() {
        assert_eq!(Band::of(0.6, 0.1, 1.1, 0.5), Band::WellAboveAverage);
        assert_eq!(Band::of(0.6, -0.1, 1.3, 0.5), Band::Average);
        assert_eq!(Band::of(0.3, 0.1, 0.5, 0.5), Band::AboveAverage);
        assert_eq!(Band::of(-0.3, -0.5, -0.1, 0.5), Band::BelowAverage);
        assert_eq!(Band::of(-0.7, -1.0, -0.4, 0.5), Band::WellBelowAverage);
    }

    #[test]
    fn sparse_bins_are_merged_until_each_has_thirty_pupils() {
        // 100 pupils at prior 0..10, plus 5 stragglers far above: the top bins merge down.
        let mut pupils: Vec<(f64, f64)> = (0..100).map(|i| ((i % 10) as f64, i as f64)).collect();
        pupils.extend((0..5).map(|i| (100.0 + i as f64, 0.0)));
        let ranges = equal_width_ranges(&pupils, 10, 30).unwrap();
        let counts: Vec<usize> = ranges
            .iter()
            .map(|r| pupils.iter().filter(|p| r.contains(p.0)).count())
            .collect();
        assert!(counts.iter().all(|&n| n >= 30), "{counts:?}");
        assert_eq!(counts.iter().sum::<usize>(), 105);
    }

    #[test]
    fn expectations_are_group_means_and_value_added_is_scaled() {
        let prior = [1.0, 1.0, 2.0, 2.0];
        let outcome = [10.0, 20.0, 30.0, 50.0];
        let grouping = PriorGrouping::Ranges(vec![
            PriorRange {
                low: 0.0,
                high: 1.4,
            },
            PriorRange {
                low: 1.5,
                high: 3.0,
            },
        ]);
        let settings = MeasureSettings {
            scale_divisor: 10.0,
            ..MeasureSettings::default()
        };
        let model = ReferenceModel::fit(&prior, &outcome, &grouping, &settings).unwrap();
        assert_eq!(model.groups[0].expected, 15.0);
        assert_eq!(model.groups[1].expected, 40.0);
        assert_eq!(model.pupil_value_added(2.0, 50.0), Some(1.0));
        assert_eq!(model.pupil_value_added(9.0, 50.0), None);
        // v = -0.5, 0.5, -1, 1: sd = sqrt((0.25+0.25+1+1)/3)
        assert!((model.sigma - (2.5f64 / 3.0).sqrt()).abs() < 1e-15);
    }

    #[test]
    fn the_cap_lifts_only_extreme_negative_scores() {
        let mut prior = vec![1.0; 200];
        let mut outcome: Vec<f64> = (0..200).map(|i| (i % 20) as f64).collect();
        prior.push(1.0);
        outcome.push(-100.0);
        let settings = MeasureSettings {
            cap_z: Some(DFE_CAP_Z),
            ..MeasureSettings::default()
        };
        let grouping = PriorGrouping::EqualWidth {
            bins: 1,
            min_pupils: 30,
        };
        let model = ReferenceModel::fit(&prior, &outcome, &grouping, &settings).unwrap();
        let floor = model.groups[0].cap_floor.unwrap();
        let expected = model.groups[0].expected;
        assert_eq!(model.pupil_value_added(1.0, -100.0), Some(floor));
        assert_eq!(
            model.pupil_value_added(1.0, 1000.0),
            Some(1000.0 - expected)
        );
        assert_eq!(model.pupil_value_added(1.0, 0.0), Some(0.0 - expected));
    }

    #[test]
    fn groups_below_the_threshold_are_suppressed_and_others_get_intervals() {
        let model = ReferenceModel::from_published(
            &[(
                PriorRange {
                    low: 0.0,
                    high: 10.0,
                },
                5.0,
            )],
            0.5,
            1.0,
        )
        .unwrap();
        let prior = [1.0; 10];
        let outcome = [6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 9.0, f64::NAN];
        let group = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
        let table =
            model.group_value_added(&prior, &outcome, &group, 2, &MeasureSettings::default());
        assert_eq!(table.excluded_pupils, 1);
        let shown = table.groups[0].figures.as_ref().unwrap();
        assert_eq!(table.groups[0].n, 7);
        assert!((shown.value_added - 1.0).abs() < 1e-15);
        assert!((shown.ci_upper - shown.value_added - Z_95 * 0.5 / 7f64.sqrt()).abs() < 1e-15);
        assert_eq!(shown.band, Band::WellAboveAverage);
        assert_eq!(table.groups[1].n, 2);
        assert!(table.groups[1].figures.is_none());
    }

    #[test]
    fn a_group_carries_the_standard_error_its_interval_was_built_from() {
        // σ = 0.5 and 7 pupils: se = 0.5/√7, and the interval is value ± 1.96 se exactly.
        let model = ReferenceModel::from_published(
            &[(
                PriorRange {
                    low: 0.0,
                    high: 10.0,
                },
                5.0,
            )],
            0.5,
            1.0,
        )
        .unwrap();
        let table = model.group_value_added(
            &[1.0; 7],
            &[6.0, 5.0, 7.0, 6.0, 4.0, 6.0, 8.0],
            &[0; 7],
            1,
            &MeasureSettings::default(),
        );
        let shown = table.groups[0].figures.as_ref().unwrap();
        assert_eq!(shown.se, standard_error(0.5, 7));
        assert!((shown.se - 0.5 / 7f64.sqrt()).abs() < 1e-15);
        let estimate = shown.estimate();
        assert_eq!(estimate.value, shown.value_added);
        assert_eq!(estimate.se, shown.se);
        assert_eq!(estimate.interval(), (shown.ci_lower, shown.ci_upper));
        assert_eq!(confidence_half_width(0.5, 7), Z_95 * shown.se);
    }
}
