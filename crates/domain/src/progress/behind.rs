//! Pupils falling behind (ANALYTICS.md §5): a pupil's latest interim result against the
//! outcome expected from their starting point, and the groups a list can be narrowed to.

use crate::pupil::{Gender, Sen};
use headway_stats::value_added::simple::ReferenceModel;

/// How far below the expected outcome an interim result must be to count as falling behind
/// (one grade on the outcome's scale).
pub const FALLING_BEHIND_BY: f64 = 1.0;

/// A pupil at an interim point: their starting point, latest and previous interim results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct InterimResult {
    pub prior: Option<f64>,
    pub latest: f64,
    pub previous: Option<f64>,
}

/// A pupil who is falling behind, with the figures that show it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Behind {
    pub expected: f64,
    pub latest: f64,
    /// `latest − expected`: at most `−FALLING_BEHIND_BY`.
    pub difference: f64,
    /// `latest − previous`, when there was a previous interim result.
    pub change: Option<f64>,
}

/// The falling-behind rule: `Some` when the latest result is at least
/// [`FALLING_BEHIND_BY`] below the expectation from the starting point. A pupil without a
/// starting point, or whose starting point falls in no prior group, has no expectation and
/// so is never listed.
pub fn falling_behind(reference: &ReferenceModel, pupil: InterimResult) -> Option<Behind> {
    let expected = reference.expected(pupil.prior?)?;
    let difference = pupil.latest - expected;
    (difference <= -FALLING_BEHIND_BY).then_some(Behind {
        expected,
        latest: pupil.latest,
        difference,
        change: pupil.previous.map(|p| pupil.latest - p),
    })
}

/// The pupils a falling-behind list is narrowed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PupilFilter {
    #[default]
    All,
    Disadvantaged,
    /// SEN support or an EHC plan.
    Sen,
    Eal,
    Female,
    Male,
}

impl PupilFilter {
    /// The filter named in a query (`disadvantaged`, `sen`, `eal`, `female`, `male`);
    /// anything else is every pupil.
    pub fn from_query(name: &str) -> PupilFilter {
        match name {
            "disadvantaged" => PupilFilter::Disadvantaged,
            "sen" => PupilFilter::Sen,
            "eal" => PupilFilter::Eal,
            "female" => PupilFilter::Female,
            "male" => PupilFilter::Male,
            _ => PupilFilter::All,
        }
    }

    /// Whether a pupil with these characteristics is in the group; unknown is not in.
    pub fn includes(
        self,
        disadvantaged: Option<bool>,
        sen: Option<Sen>,
        eal: Option<bool>,
        gender: Option<Gender>,
    ) -> bool {
        match self {
            PupilFilter::All => true,
            PupilFilter::Disadvantaged => disadvantaged == Some(true),
            PupilFilter::Sen => matches!(sen, Some(Sen::Support | Sen::Plan)),
            PupilFilter::Eal => eal == Some(true),
            PupilFilter::Female => gender == Some(Gender::Female),
            PupilFilter::Male => gender == Some(Gender::Male),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use headway_stats::value_added::simple::PriorRange;

    /// Priors 0–9.5 expect 5, priors 10–20 expect 8.
    fn reference() -> ReferenceModel {
        ReferenceModel::from_published(
            &[
                (
                    PriorRange {
                        low: 0.0,
                        high: 9.5,
                    },
                    5.0,
                ),
                (
                    PriorRange {
                        low: 10.0,
                        high: 20.0,
                    },
                    8.0,
                ),
            ],
            1.0,
            1.0,
        )
        .unwrap()
    }

    fn pupil(prior: Option<f64>, latest: f64, previous: Option<f64>) -> InterimResult {
        InterimResult {
            prior,
            latest,
            previous,
        }
    }

    #[test]
    fn exactly_one_grade_below_is_behind_and_less_is_not() {
        let r = reference();
        let behind = falling_behind(&r, pupil(Some(15.0), 7.0, Some(7.5))).unwrap();
        assert_eq!(behind.expected, 8.0);
        assert_eq!(behind.difference, -1.0);
        assert_eq!(behind.change, Some(-0.5));
        assert_eq!(falling_behind(&r, pupil(Some(15.0), 7.01, None)), None);
        assert_eq!(falling_behind(&r, pupil(Some(15.0), 9.0, None)), None);
    }

    #[test]
    fn the_expectation_follows_the_starting_point() {
        // 6 is one below 8 (prior 12) but above 5 (prior 2).
        let r = reference();
        assert!(falling_behind(&r, pupil(Some(12.0), 6.0, None)).is_some());
        assert!(falling_behind(&r, pupil(Some(2.0), 6.0, None)).is_none());
    }

    #[test]
    fn no_starting_point_or_one_outside_every_group_is_never_listed() {
        let r = reference();
        assert_eq!(falling_behind(&r, pupil(None, -100.0, None)), None);
        assert_eq!(falling_behind(&r, pupil(Some(50.0), -100.0, None)), None);
    }

    #[test]
    fn no_previous_result_means_no_change() {
        let behind = falling_behind(&reference(), pupil(Some(1.0), 2.0, None)).unwrap();
        assert_eq!(behind.change, None);
        assert_eq!(behind.difference, -3.0);
    }

    #[test]
    fn filters_include_only_pupils_known_to_be_in_the_group() {
        let all = PupilFilter::from_query("everyone");
        assert_eq!(all, PupilFilter::All);
        assert!(all.includes(None, None, None, None));
        let sen = PupilFilter::from_query("sen");
        assert!(sen.includes(None, Some(Sen::Support), None, None));
        assert!(sen.includes(None, Some(Sen::Plan), None, None));
        assert!(!sen.includes(None, Some(Sen::None), None, None));
        assert!(!sen.includes(None, None, None, None));
        let disadvantaged = PupilFilter::from_query("disadvantaged");
        assert!(disadvantaged.includes(Some(true), None, None, None));
        assert!(!disadvantaged.includes(Some(false), None, None, None));
        assert!(!disadvantaged.includes(None, None, None, None));
        assert!(PupilFilter::from_query("eal").includes(None, None, Some(true), None));
        assert!(!PupilFilter::from_query("eal").includes(None, None, Some(false), None));
        let female = PupilFilter::from_query("female");
        assert!(female.includes(None, None, None, Some(Gender::Female)));
        assert!(!female.includes(None, None, None, Some(Gender::Male)));
        assert!(!female.includes(None, None, None, Some(Gender::Other)));
        assert!(PupilFilter::from_query("male").includes(None, None, None, Some(Gender::Male)));
    }
}
