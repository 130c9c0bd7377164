//! Many schools at once (PRODUCT.md capability 6; ANALYTICS.md §4): the rules a cluster,
//! trust, district or system leader's view applies to schools' figures that the progress
//! engine has already computed — which schools are significantly below and not improving,
//! and how a school compares with similar schools (the same FSM band).
//!
//! Pure: no figure here is new arithmetic on pupils, only on the schools' shown estimates,
//! so a suppressed school's figure can never be worked back out of what is shown.

use crate::progress::Direction;
use headway_stats::trends::{Estimate, ImprovementGroup};
use headway_stats::value_added::simple::GroupFigures;

/// Why a school significantly below average counts as not improving.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotImproving {
    /// Its improvement group is "declining".
    Declining,
    /// Its improvement group is "stable (not improving)".
    Stable,
    /// Fewer than three years for an improvement group; its headline value added fell
    /// significantly over the years shown.
    HeadlineFalling,
    /// Fewer than three years for an improvement group; its headline value added shows no
    /// clear change over the years shown.
    HeadlineNoClearChange,
}

/// Whether a school is where support is most needed: its headline value added is
/// significantly below average (the whole 95% interval below zero) **and** it is not
/// improving — by its improvement group over three years, or, while it has fewer than
/// three years, by its headline's direction. A school whose figure is suppressed, or whose
/// trend is not known at all, is never listed: no claim is made without the evidence.
pub fn needs_support(
    value_added: Option<&GroupFigures>,
    improvement: Option<ImprovementGroup>,
    direction: Option<Direction>,
) -> Option<NotImproving> {
    let below = value_added.is_some_and(|f| f.ci_upper < 0.0);
    if !below {
        return None;
    }
    match (improvement, direction) {
        (Some(ImprovementGroup::Declining), _) => Some(NotImproving::Declining),
        (Some(ImprovementGroup::Stable), _) => Some(NotImproving::Stable),
        (Some(_), _) => None,
        (None, Some(Direction::Falling { .. })) => Some(NotImproving::HeadlineFalling),
        (None, Some(Direction::NoClearChange { .. })) => Some(NotImproving::HeadlineNoClearChange),
        (None, Some(Direction::Rising { .. }) | None) => None,
    }
}

/// One school's shown headline value added, as the similar-schools comparison reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShownFigure {
    /// Pupils the figure rests on.
    pub pupils: usize,
    pub value_added: f64,
    pub se: f64,
}

impl ShownFigure {
    pub fn of(pupils: usize, figures: &GroupFigures) -> ShownFigure {
        ShownFigure {
            pupils,
            value_added: figures.value_added,
            se: figures.se,
        }
    }
}

/// A school beside the similar schools in view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimilarComparison {
    /// How many other schools the comparison rests on.
    pub schools: usize,
    /// Their pupils.
    pub pupils: usize,
    /// Their value added together: each school's estimate weighted by its pupils (the mean
    /// over all their pupils), with the standard error of that weighted mean.
    pub similar: Estimate,
    /// This school's value added minus theirs, with `se = √(se_school² + se_similar²)`
    /// (independent cohorts); significant when its 95% interval excludes zero.
    pub difference: Estimate,
}

/// How `school` compares with `similar` schools (the others in the same FSM band, on the
/// same headline measure and year). Only shown figures go in: a suppressed school is left
/// out of the others, or subtracting would reveal it. `None` without another school.
pub fn compare_with_similar(
    school: ShownFigure,
    similar: &[ShownFigure],
) -> Option<SimilarComparison> {
    let pupils: usize = similar.iter().map(|s| s.pupils).sum();
    if similar.is_empty() || pupils == 0 {
        return None;
    }
    let total = pupils as f64;
    let value = similar
        .iter()
        .map(|s| s.pupils as f64 * s.value_added)
        .sum::<f64>()
        / total;
    let variance = similar
        .iter()
        .map(|s| (s.pupils as f64 * s.se).powi(2))
        .sum::<f64>()
        / (total * total);
    let together = Estimate {
        value,
        se: variance.sqrt(),
    };
    let own = Estimate {
        value: school.value_added,
        se: school.se,
    };
    Some(SimilarComparison {
        schools: similar.len(),
        pupils,
        similar: together,
        difference: Estimate::change(together, own),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use headway_stats::value_added::simple::Band;

    fn figures(value_added: f64, se: f64) -> GroupFigures {
        GroupFigures {
            value_added,
            se,
            ci_lower: value_added - 1.96 * se,
            ci_upper: value_added + 1.96 * se,
            band: Band::Average,
        }
    }

    const FLAT: Direction = Direction::NoClearChange {
        change: 0.0,
        ci: (-0.2, 0.2),
    };
    const RISING: Direction = Direction::Rising {
        change: 0.5,
        ci: (0.2, 0.8),
    };

    #[test]
    fn support_is_needed_only_when_significantly_below_and_not_improving() {
        let below = figures(-0.6, 0.1);
        assert_eq!(
            needs_support(Some(&below), Some(ImprovementGroup::Declining), None),
            Some(NotImproving::Declining)
        );
        assert_eq!(
            needs_support(Some(&below), Some(ImprovementGroup::Stable), Some(RISING)),
            Some(NotImproving::Stable),
            "the three-year group decides when it is known"
        );
        assert_eq!(
            needs_support(
                Some(&below),
                Some(ImprovementGroup::LowToModerateOrHigh),
                None
            ),
            None,
            "an improving school is not listed"
        );
        assert_eq!(
            needs_support(Some(&below), None, Some(FLAT)),
            Some(NotImproving::HeadlineNoClearChange)
        );
        assert_eq!(needs_support(Some(&below), None, Some(RISING)), None);
        assert_eq!(
            needs_support(Some(&below), None, None),
            None,
            "no trend known, no claim"
        );
    }

    #[test]
    fn an_interval_touching_zero_or_a_suppressed_figure_is_not_significantly_below() {
        let touching = figures(-0.3, 0.3 / 1.96);
        assert!(touching.ci_upper >= -1e-12);
        assert_eq!(
            needs_support(Some(&touching), Some(ImprovementGroup::Declining), None),
            None
        );
        assert_eq!(
            needs_support(None, Some(ImprovementGroup::Declining), None),
            None
        );
    }

    #[test]
    fn similar_schools_are_weighted_by_their_pupils() {
        let me = ShownFigure {
            pupils: 100,
            value_added: 0.5,
            se: 0.1,
        };
        let others = [
            ShownFigure {
                pupils: 100,
                value_added: -0.2,
                se: 0.1,
            },
            ShownFigure {
                pupils: 300,
                value_added: 0.2,
                se: 0.05,
            },
        ];
        let c = compare_with_similar(me, &others).unwrap();
        assert_eq!((c.schools, c.pupils), (2, 400));
        assert!((c.similar.value - 0.1).abs() < 1e-12, "(−20 + 60) / 400");
        let se = ((100.0f64 * 0.1).powi(2) + (300.0f64 * 0.05).powi(2)).sqrt() / 400.0;
        assert!((c.similar.se - se).abs() < 1e-12);
        assert!((c.difference.value - 0.4).abs() < 1e-12);
        assert!((c.difference.se - 0.1f64.hypot(se)).abs() < 1e-12);
        assert!(c.difference.interval().0 > 0.0, "significantly above");
    }

    #[test]
    fn no_comparison_without_another_school() {
        let me = ShownFigure {
            pupils: 100,
            value_added: 0.5,
            se: 0.1,
        };
        assert_eq!(compare_with_similar(me, &[]), None);
    }
}
