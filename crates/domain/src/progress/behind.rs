//! Pupils falling behind (ANALYTICS.md §5): a pupil's latest interim result against the
//! outcome expected from their starting point, and the groups a list can be narrowed to.

use crate::pupil::{Gender, Sen};
use headway_stats::value_added::simple::ReferenceModel;

/// How far below the expected outcome an interim result must be to count as falling behind
/// (one grade on the outcome's scale).
pub const FALLING_BEHIND_BY: f64 = 1.0;

/// The normal quantile that bounds the middle half of a distribution (the 75th percentile).
const MIDDLE_HALF_Z: f64 = 0.674_489_750_196_081_7;

/// One assessment of a pupil in a subject in a year: a prediction at an interim point or
/// the final result.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub point: i64,
    pub is_final: bool,
    pub taken_on: time::Date,
    pub score: f64,
}

/// A pupil's latest assessment in a subject and the one before it, from all of theirs in
/// that subject and year: a final result supersedes every prediction; otherwise the latest
/// interim by date (ties broken by the point, so the choice never depends on the order the
/// rows arrived in). Each pupil is judged on their own latest assessment, not on the
/// school's latest assessment point, which one class may have sat alone.
pub fn latest_and_previous(
    assessments: &[Assessment],
) -> Option<(&Assessment, Option<&Assessment>)> {
    let mut ordered: Vec<&Assessment> = assessments.iter().collect();
    ordered.sort_by_key(|a| (a.is_final, a.taken_on, a.point));
    let latest = ordered.pop()?;
    Some((latest, ordered.pop()))
}

/// The outcomes the middle half of reference pupils with this starting point reach
/// (expectation ± 0.674·σ on the outcome's scale, σ being the spread of pupil value added
/// over the reference population): an expectation is a range, not a point. `None` when
/// the starting point falls in no prior group.
pub fn expected_range(reference: &ReferenceModel, prior: f64) -> Option<(f64, f64)> {
    let expected = reference.expected(prior)?;
    let half = MIDDLE_HALF_Z * reference.sigma * reference.scale_divisor;
    Some((expected - half, expected + half))
}

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

    fn assessment(point: i64, is_final: bool, day: u8, score: f64) -> Assessment {
        Assessment {
            point,
            is_final,
            taken_on: time::Date::from_calendar_date(2026, time::Month::March, day).unwrap(),
            score,
        }
    }

    #[test]
    fn each_pupil_is_judged_on_their_own_latest_assessment() {
        // Autumn (1st) then spring (20th), given out of order.
        let spring = assessment(2, false, 20, 4.0);
        let autumn = assessment(1, false, 1, 5.0);
        let both = [spring.clone(), autumn.clone()];
        let (latest, previous) = latest_and_previous(&both).unwrap();
        assert_eq!(latest, &spring);
        assert_eq!(previous, Some(&autumn));
        // A pupil who sat only the autumn point is judged on it.
        let only = [autumn.clone()];
        assert_eq!(latest_and_previous(&only), Some((&autumn, None)));
        assert_eq!(latest_and_previous(&[]), None);
    }

    #[test]
    fn a_final_result_supersedes_every_prediction_whatever_its_date() {
        // A final dated before a late prediction still wins; the prediction is "previous".
        let late_prediction = assessment(3, false, 28, 2.0);
        let final_result = assessment(4, true, 10, 6.0);
        let all = [late_prediction.clone(), final_result.clone()];
        let (latest, previous) = latest_and_previous(&all).unwrap();
        assert_eq!(latest, &final_result);
        assert_eq!(previous, Some(&late_prediction));
    }

    #[test]
    fn the_expected_range_is_the_middle_half_around_the_expectation() {
        let mut r = reference();
        r.sigma = 2.0;
        let (low, high) = expected_range(&r, 15.0).unwrap();
        assert!((low - (8.0 - 1.348_979_500_392_163)).abs() < 1e-12, "{low}");
        assert!(
            (high - (8.0 + 1.348_979_500_392_163)).abs() < 1e-12,
            "{high}"
        );
        r.scale_divisor = 10.0;
        let (low, _) = expected_range(&r, 15.0).unwrap();
        assert!((low - (8.0 - 13.489_795_003_921_63)).abs() < 1e-9, "{low}");
        assert_eq!(expected_range(&r, 50.0), None);
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
