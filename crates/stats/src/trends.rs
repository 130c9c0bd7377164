//! Trends, improvement groups and context bands (ANALYTICS.md §4).

use crate::error::StatsError;
use crate::value_added::contextual::Z_95;

/// A figure with its standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub se: f64,
}

impl Estimate {
    /// The 95% interval `value ± 1.96 · se`.
    pub fn interval(&self) -> (f64, f64) {
        (self.value - Z_95 * self.se, self.value + Z_95 * self.se)
    }

    /// `later − earlier` for independent cohorts: `se = sqrt(se_a² + se_b²)`.
    pub fn change(earlier: Estimate, later: Estimate) -> Estimate {
        Estimate {
            value: later.value - earlier.value,
            se: earlier.se.hypot(later.se),
        }
    }

    fn significantly_positive(&self) -> bool {
        self.interval().0 > 0.0
    }

    fn significantly_negative(&self) -> bool {
        self.interval().1 < 0.0
    }
}

/// One school's figures for one year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearFigures {
    pub year: i32,
    /// Mean outcome or share reaching a threshold, with its standard error.
    pub attainment: Estimate,
    /// Value added (simple or contextual) with its standard error, if computed.
    pub value_added: Option<Estimate>,
}

/// Three consecutive years of one school, oldest first, with the change in attainment
/// and in value added.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThreeYearView {
    pub years: [YearFigures; 3],
    /// Attainment in the last year minus the first.
    pub attainment_change: Estimate,
    /// Value added in the last year minus the first, when both years have it.
    pub value_added_change: Option<Estimate>,
}

impl ThreeYearView {
    /// The view of three consecutive years (in any order).
    pub fn new(mut years: [YearFigures; 3]) -> Result<ThreeYearView, StatsError> {
        years.sort_by_key(|figures| figures.year);
        if years[1].year != years[0].year + 1 || years[2].year != years[1].year + 1 {
            return Err(StatsError::InvalidSetting {
                what: "the three-year view".into(),
                requirement: "three consecutive years".into(),
                value: format!("{}, {}, {}", years[0].year, years[1].year, years[2].year),
            });
        }
        Ok(ThreeYearView {
            years,
            attainment_change: Estimate::change(years[0].attainment, years[2].attainment),
            value_added_change: years[0]
                .value_added
                .zip(years[2].value_added)
                .map(|(first, last)| Estimate::change(first, last)),
        })
    }
}

/// Which third of the reference distribution of school attainment a figure falls in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Third {
    Bottom,
    Middle,
    Top,
}

/// The cut points between the thirds of the reference distribution (configuration).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttainmentThirds {
    pub lower_cut: f64,
    pub upper_cut: f64,
}

impl AttainmentThirds {
    /// The 1/3 and 2/3 quantiles of reference schools' attainment (R's default type 7:
    /// linear interpolation between order statistics).
    pub fn from_reference(attainment: &[f64]) -> Result<AttainmentThirds, StatsError> {
        let mut sorted: Vec<f64> = attainment.iter().copied().filter(|v| !v.is_nan()).collect();
        if sorted.is_empty() {
            return Err(StatsError::EmptyReferencePopulation);
        }
        sorted.sort_by(f64::total_cmp);
        Ok(AttainmentThirds {
            lower_cut: quantile_type7(&sorted, 1.0 / 3.0),
            upper_cut: quantile_type7(&sorted, 2.0 / 3.0),
        })
    }

    /// The third of `value`: bottom below the lower cut, top above the upper cut.
    pub fn third(&self, value: f64) -> Third {
        if value < self.lower_cut {
            Third::Bottom
        } else if value > self.upper_cut {
            Third::Top
        } else {
            Third::Middle
        }
    }
}

fn quantile_type7(sorted: &[f64], probability: f64) -> f64 {
    let position = probability * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    sorted[below] + (position - below as f64) * (sorted[above] - sorted[below])
}

/// The improvement groups of the school leadership impact study (Day et al. 2009: schools
/// that improved, or stayed highly effective, "relative to schools serving similar pupil
/// intakes", from attainment and value-added data), plus the two a whole system also needs.
/// The study's numeric thresholds could not be read (EVIDENCE.md §3): the thirds and the
/// 95% test are Headway's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImprovementGroup {
    /// Started in the bottom third, ended outside it, and improved significantly.
    LowToModerateOrHigh,
    /// Started in the middle third, ended in the top third, and improved significantly.
    ModerateToHigh,
    /// In the top third all three years, with value added known and never significantly
    /// below average.
    StableHigh,
    /// Attainment fell significantly.
    Declining,
    /// None of the above.
    Stable,
}

/// The improvement group of a three-year view. Each year is placed in the thirds of that
/// year's reference schools (`thirds[i]` for `view.years[i]`), so a change in the whole
/// population's results does not read as the school's. "Improved significantly" means the
/// attainment change's 95% interval lies above zero and, where value added is known in the
/// first and last years, so does the value-added change: a school whose results rose only
/// because its intake did has not improved relative to similar schools. "Significantly
/// below average" is a value-added interval wholly below zero. The rules are tried in the
/// order of ANALYTICS.md §4.
pub fn improvement_group(view: &ThreeYearView, thirds: &[AttainmentThirds; 3]) -> ImprovementGroup {
    let third_of = |i: usize| thirds[i].third(view.years[i].attainment.value);
    let (first, last) = (third_of(0), third_of(2));
    let improved = view.attainment_change.significantly_positive()
        && view
            .value_added_change
            .is_none_or(|change| change.significantly_positive());
    if first == Third::Bottom && last != Third::Bottom && improved {
        return ImprovementGroup::LowToModerateOrHigh;
    }
    if first == Third::Middle && last == Third::Top && improved {
        return ImprovementGroup::ModerateToHigh;
    }
    let always_top = (0..3).all(|i| third_of(i) == Third::Top);
    let value_added_present_and_not_below = view.years.iter().all(|figures| {
        figures
            .value_added
            .is_some_and(|value_added| !value_added.significantly_negative())
    });
    if always_top && value_added_present_and_not_below {
        return ImprovementGroup::StableHigh;
    }
    if view.attainment_change.significantly_negative() {
        return ImprovementGroup::Declining;
    }
    ImprovementGroup::Stable
}

/// Free-school-meals band cut points (shares, configuration). The defaults are the
/// conventional English bands: 1 ≤ 8%, 2 > 8–20%, 3 > 20–35%, 4 > 35%.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FsmBands {
    pub upper_limits: [f64; 3],
}

impl Default for FsmBands {
    fn default() -> FsmBands {
        FsmBands {
            upper_limits: [0.08, 0.20, 0.35],
        }
    }
}

/// The FSM band (1–4) of a school whose share of eligible pupils is `share` (0–1): the
/// first band whose upper limit the share does not exceed.
pub fn fsm_band(share: f64, bands: &FsmBands) -> u8 {
    bands
        .upper_limits
        .iter()
        .position(|&limit| share <= limit)
        .map_or(4, |index| index as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(year: i32, attainment: f64, se: f64, value_added: Option<f64>) -> YearFigures {
        YearFigures {
            year,
            attainment: Estimate {
                value: attainment,
                se,
            },
            value_added: value_added.map(|value| Estimate { value, se: 0.1 }),
        }
    }

    const THIRDS: AttainmentThirds = AttainmentThirds {
        lower_cut: 40.0,
        upper_cut: 50.0,
    };

    #[test]
    fn fsm_bands_use_the_default_english_cuts() {
        let bands = FsmBands::default();
        assert_eq!(fsm_band(0.08, &bands), 1);
        assert_eq!(fsm_band(0.0801, &bands), 2);
        assert_eq!(fsm_band(0.20, &bands), 2);
        assert_eq!(fsm_band(0.35, &bands), 3);
        assert_eq!(fsm_band(0.36, &bands), 4);
    }

    const SAME: [AttainmentThirds; 3] = [THIRDS; 3];

    #[test]
    fn improvement_groups_follow_the_significance_of_the_change() {
        let rising_from_low = ThreeYearView::new([
            year(2022, 35.0, 1.0, None),
            year(2023, 40.0, 1.0, None),
            year(2024, 45.0, 1.0, None),
        ])
        .unwrap();
        assert_eq!(
            improvement_group(&rising_from_low, &SAME),
            ImprovementGroup::LowToModerateOrHigh
        );
        let noisy_rise = ThreeYearView::new([
            year(2022, 35.0, 3.0, None),
            year(2023, 36.0, 3.0, None),
            year(2024, 38.0, 3.0, None),
        ])
        .unwrap();
        assert_eq!(
            improvement_group(&noisy_rise, &SAME),
            ImprovementGroup::Stable
        );
        let middle_to_top = ThreeYearView::new([
            year(2024, 52.0, 0.5, None),
            year(2022, 45.0, 0.5, None),
            year(2023, 48.0, 0.5, None),
        ])
        .unwrap();
        assert_eq!(
            improvement_group(&middle_to_top, &SAME),
            ImprovementGroup::ModerateToHigh
        );
        let stable_high = ThreeYearView::new([
            year(2022, 55.0, 0.5, Some(0.0)),
            year(2023, 56.0, 0.5, Some(0.1)),
            year(2024, 55.0, 0.5, Some(-0.1)),
        ])
        .unwrap();
        assert_eq!(
            improvement_group(&stable_high, &SAME),
            ImprovementGroup::StableHigh
        );
        let declining = ThreeYearView::new([
            year(2022, 48.0, 0.5, None),
            year(2023, 45.0, 0.5, None),
            year(2024, 42.0, 0.5, None),
        ])
        .unwrap();
        assert_eq!(
            improvement_group(&declining, &SAME),
            ImprovementGroup::Declining
        );
    }

    #[test]
    fn low_to_moderate_needs_the_final_year_outside_the_bottom_third() {
        // A significant rise of 4 that still ends in the bottom third (below 40).
        let still_low = ThreeYearView::new([
            year(2022, 33.0, 0.5, None),
            year(2023, 35.0, 0.5, None),
            year(2024, 37.0, 0.5, None),
        ])
        .unwrap();
        assert_eq!(
            improvement_group(&still_low, &SAME),
            ImprovementGroup::Stable
        );
    }

    #[test]
    fn stable_high_needs_value_added_present_and_not_below_average() {
        let top = |va: [Option<f64>; 3]| {
            ThreeYearView::new([
                year(2022, 55.0, 0.5, va[0]),
                year(2023, 56.0, 0.5, va[1]),
                year(2024, 55.0, 0.5, va[2]),
            ])
            .unwrap()
        };
        assert_eq!(
            improvement_group(&top([None, None, None]), &SAME),
            ImprovementGroup::Stable,
            "high attainment alone is not high effectiveness"
        );
        assert_eq!(
            improvement_group(&top([Some(0.1), None, Some(0.1)]), &SAME),
            ImprovementGroup::Stable
        );
        // −0.3 with se 0.1: the interval lies below zero.
        assert_eq!(
            improvement_group(&top([Some(0.1), Some(-0.3), Some(0.1)]), &SAME),
            ImprovementGroup::Stable
        );
        assert_eq!(
            improvement_group(&top([Some(0.1), Some(-0.1), Some(0.1)]), &SAME),
            ImprovementGroup::StableHigh
        );
    }

    #[test]
    fn a_rise_in_attainment_without_a_rise_in_value_added_is_not_improvement() {
        let rise = |va_last: f64| {
            ThreeYearView::new([
                year(2022, 35.0, 1.0, Some(0.0)),
                year(2023, 40.0, 1.0, Some(0.0)),
                year(2024, 45.0, 1.0, Some(va_last)),
            ])
            .unwrap()
        };
        // Value added flat (se 0.1 each year): the intake rose, not the school.
        assert_eq!(
            improvement_group(&rise(0.0), &SAME),
            ImprovementGroup::Stable
        );
        assert_eq!(
            improvement_group(&rise(0.5), &SAME),
            ImprovementGroup::LowToModerateOrHigh
        );
    }

    #[test]
    fn each_year_is_placed_in_its_own_years_thirds() {
        // Every school rose by 10: the school's 35 → 45 keeps it in the bottom third of
        // its final year (cuts 50 and 60), so it has not moved up relative to others.
        let view = ThreeYearView::new([
            year(2022, 35.0, 1.0, None),
            year(2023, 40.0, 1.0, None),
            year(2024, 45.0, 1.0, None),
        ])
        .unwrap();
        let risen = AttainmentThirds {
            lower_cut: 50.0,
            upper_cut: 60.0,
        };
        assert_eq!(
            improvement_group(&view, &[THIRDS, THIRDS, risen]),
            ImprovementGroup::Stable
        );
        // Top in its own years, though the first year's cuts were lower than later ones.
        let high = ThreeYearView::new([
            year(2022, 52.0, 0.5, Some(0.0)),
            year(2023, 52.0, 0.5, Some(0.0)),
            year(2024, 52.0, 0.5, Some(0.0)),
        ])
        .unwrap();
        let lower = AttainmentThirds {
            lower_cut: 30.0,
            upper_cut: 55.0,
        };
        assert_eq!(
            improvement_group(&high, &[THIRDS, THIRDS, lower]),
            ImprovementGroup::Stable
        );
        assert_eq!(
            improvement_group(&high, &SAME),
            ImprovementGroup::StableHigh
        );
    }

    #[test]
    fn thirds_come_from_reference_quantiles() {
        let thirds = AttainmentThirds::from_reference(&[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert!((thirds.lower_cut - 2.0).abs() < 1e-12);
        assert!((thirds.upper_cut - 3.0).abs() < 1e-12);
        assert!(
            ThreeYearView::new([
                year(2020, 1.0, 1.0, None),
                year(2021, 1.0, 1.0, None),
                year(2023, 1.0, 1.0, None)
            ])
            .is_err()
        );
    }
}
