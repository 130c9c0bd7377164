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

/// Three consecutive years of one school, oldest first, with the change in attainment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThreeYearView {
    pub years: [YearFigures; 3],
    /// Attainment in the last year minus the first.
    pub attainment_change: Estimate,
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

/// The improvement groups of the school leadership impact study, plus the two a whole
/// system also needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImprovementGroup {
    /// Started in the bottom third and rose significantly.
    LowToModerateOrHigh,
    /// Started in the middle third and rose significantly into the top third.
    ModerateToHigh,
    /// In the top third all three years, value added never significantly negative.
    StableHigh,
    /// Fell significantly.
    Declining,
    /// None of the above.
    Stable,
}

/// The improvement group of a three-year view; "significantly" means the change's 95%
/// interval excludes zero. The rules are tried in the order of ANALYTICS.md §4.
pub fn improvement_group(view: &ThreeYearView, thirds: &AttainmentThirds) -> ImprovementGroup {
    let first = thirds.third(view.years[0].attainment.value);
    let last = thirds.third(view.years[2].attainment.value);
    let change = view.attainment_change;
    let rose = change.significantly_positive();
    if first == Third::Bottom && rose {
        return ImprovementGroup::LowToModerateOrHigh;
    }
    if first == Third::Middle && rose && last == Third::Top {
        return ImprovementGroup::ModerateToHigh;
    }
    let always_top = view
        .years
        .iter()
        .all(|figures| thirds.third(figures.attainment.value) == Third::Top);
    let value_added_never_negative = view.years.iter().all(|figures| {
        figures
            .value_added
            .is_none_or(|value_added| !value_added.significantly_negative())
    });
    if always_top && value_added_never_negative {
        return ImprovementGroup::StableHigh;
    }
    if change.significantly_negative() {
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

    #[test]
    fn improvement_groups_follow_the_significance_of_the_change() {
        let rising_from_low = ThreeYearView::new([
            year(2022, 35.0, 1.0, None),
            year(2023, 40.0, 1.0, None),
            year(2024, 45.0, 1.0, None),
        ])
        .unwrap();
        assert_eq!(
            improvement_group(&rising_from_low, &THIRDS),
            ImprovementGroup::LowToModerateOrHigh
        );
        let noisy_rise = ThreeYearView::new([
            year(2022, 35.0, 3.0, None),
            year(2023, 36.0, 3.0, None),
            year(2024, 38.0, 3.0, None),
        ])
        .unwrap();
        assert_eq!(
            improvement_group(&noisy_rise, &THIRDS),
            ImprovementGroup::Stable
        );
        let middle_to_top = ThreeYearView::new([
            year(2024, 52.0, 0.5, None),
            year(2022, 45.0, 0.5, None),
            year(2023, 48.0, 0.5, None),
        ])
        .unwrap();
        assert_eq!(
            improvement_group(&middle_to_top, &THIRDS),
            ImprovementGroup::ModerateToHigh
        );
        let stable_high = ThreeYearView::new([
            year(2022, 55.0, 0.5, Some(0.0)),
            year(2023, 56.0, 0.5, Some(0.1)),
            year(2024, 55.0, 0.5, Some(-0.1)),
        ])
        .unwrap();
        assert_eq!(
            improvement_group(&stable_high, &THIRDS),
            ImprovementGroup::StableHigh
        );
        let declining = ThreeYearView::new([
            year(2022, 48.0, 0.5, None),
            year(2023, 45.0, 0.5, None),
            year(2024, 42.0, 0.5, None),
        ])
        .unwrap();
        assert_eq!(
            improvement_group(&declining, &THIRDS),
            ImprovementGroup::Declining
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
