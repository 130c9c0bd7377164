//! Comparison with a previous round, dimension by dimension.

use std::collections::BTreeMap;

use serde::Serialize;

use super::framework::Dimension;
use super::scoring::MeasureSummary;

/// How one dimension moved between two rounds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DimensionChange {
    pub dimension: Dimension,
    pub previous: f64,
    pub current: f64,
    /// `current − previous`.
    pub change: f64,
    /// An approximate 95% interval for the change, when both rounds have a spread:
    /// `change ± 1.96 · sqrt(sd₁²/n₁ + sd₂²/n₂)` (the two rounds are treated as
    /// independent samples, which they are not quite: many respondents answer both).
    pub interval_95: Option<(f64, f64)>,
}

/// The change on every dimension both rounds have a figure for: `change = current −
/// previous`. Pass the same row of both reports (e.g. all others), each already cleared
/// by the anonymity rules of its own round. Dimensions are the same in every version of
/// an instrument, so rounds on different versions can be compared at this level.
pub fn compare_rounds(
    previous: &BTreeMap<Dimension, MeasureSummary>,
    current: &BTreeMap<Dimension, MeasureSummary>,
) -> Vec<DimensionChange> {
    Dimension::ALL
        .iter()
        .filter_map(|dimension| {
            let (before, now) = (previous.get(dimension)?, current.get(dimension)?);
            let change = now.mean - before.mean;
            let interval_95 = match (before.standard_deviation, now.standard_deviation) {
                (Some(sd_before), Some(sd_now)) => {
                    let standard_error = (sd_before.powi(2) / f64::from(before.respondents)
                        + sd_now.powi(2) / f64::from(now.respondents))
                    .sqrt();
                    Some((
                        change - 1.96 * standard_error,
                        change + 1.96 * standard_error,
                    ))
                }
                _ => None,
            };
            Some(DimensionChange {
                dimension: *dimension,
                previous: before.mean,
                current: now.mean,
                change,
                interval_95,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::scoring::AnswerDistribution;

    fn summary(mean: f64, sd: Option<f64>, respondents: u32) -> MeasureSummary {
        MeasureSummary {
            mean,
            standard_deviation: sd,
            respondents,
            answers: AnswerDistribution {
                ratings: vec![Some(0); 5],
                dont_know: Some(0),
            },
        }
    }

    #[test]
    fn change_is_current_minus_previous_with_an_interval() {
        let previous = BTreeMap::from([
            (Dimension::TeacherLearning, summary(3.0, Some(0.6), 9)),
            (Dimension::StrategicResourcing, summary(4.0, None, 1)),
        ]);
        let current = BTreeMap::from([
            (Dimension::TeacherLearning, summary(3.5, Some(0.8), 16)),
            (Dimension::StrategicResourcing, summary(3.5, None, 1)),
            (Dimension::GoalsAndExpectations, summary(4.0, Some(0.5), 16)),
        ]);
        let changes = compare_rounds(&previous, &current);
        assert_eq!(changes.len(), 2);
        let resourcing = &changes[0];
        assert_eq!(
            (
                resourcing.dimension,
                resourcing.change,
                resourcing.interval_95
            ),
            (Dimension::StrategicResourcing, -0.5, None)
        );
        let teacher_learning = &changes[1];
        assert_eq!(teacher_learning.change, 0.5);
        // SE = sqrt(0.36/9 + 0.64/16) = sqrt(0.08); 1.96 × 0.28284… = 0.55437…
        let (low, high) = teacher_learning.interval_95.unwrap();
        assert!((low - (0.5 - 1.96 * 0.08f64.sqrt())).abs() < 1e-12);
        assert!((high - (0.5 + 1.96 * 0.08f64.sqrt())).abs() < 1e-12);
    }
}
