//! Reliability of scales (Cronbach's alpha), ANALYTICS.md §6–§7.

use thiserror::Error;

/// Cronbach's alpha of a scale and what it was computed from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CronbachAlpha {
    /// The coefficient. It can be negative when items correlate negatively; it is not clamped.
    pub alpha: f64,
    /// Items in the scale (k).
    pub items: usize,
    /// Respondents with an answer on every item: the only ones alpha is computed over.
    pub complete_respondents: usize,
}

/// Why alpha cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReliabilityError {
    #[error("alpha needs at least 2 items in the scale; it has {items}")]
    TooFewItems { items: usize },
    #[error(
        "alpha needs at least 2 respondents who answered every item; there are {complete_respondents}"
    )]
    TooFewRespondents { complete_respondents: usize },
    #[error("respondent {respondent} has {found} answers where the scale has {expected} items")]
    RaggedAnswers {
        respondent: usize,
        expected: usize,
        found: usize,
    },
    #[error("every respondent has the same total score, so alpha is undefined")]
    NoVariationInTotals,
}

/// Cronbach's alpha over respondents with complete answers.
///
/// `alpha = k/(k−1) · (1 − Σ_i var(item_i) / var(total))`, where `k` is the number of
/// items, `total` is each respondent's sum over the items, and both variances are sample
/// variances (divisor n−1; the divisor cancels in the ratio). Each row is one respondent's
/// answers in item order; `None` is a missing answer ("don't know"), and a row with any
/// `None` is left out (listwise deletion).
pub fn cronbach_alpha<Row: AsRef<[Option<f64>]>>(
    rows: &[Row],
) -> Result<CronbachAlpha, ReliabilityError> {
    let items = rows.first().map_or(0, |row| row.as_ref().len());
    if items < 2 {
        return Err(ReliabilityError::TooFewItems { items });
    }
    let mut complete: Vec<Vec<f64>> = Vec::with_capacity(rows.len());
    for (respondent, row) in rows.iter().enumerate() {
        let row = row.as_ref();
        if row.len() != items {
            return Err(ReliabilityError::RaggedAnswers {
                respondent,
                expected: items,
                found: row.len(),
            });
        }
        if let Some(answers) = row.iter().copied().collect::<Option<Vec<f64>>>() {
            complete.push(answers);
        }
    }
    let n = complete.len();
    if n < 2 {
        return Err(ReliabilityError::TooFewRespondents {
            complete_respondents: n,
        });
    }

    let sum_of_item_variances: f64 = (0..items)
        .map(|item| sample_variance(complete.iter().map(|answers| answers[item])))
        .sum();
    let total_variance = sample_variance(complete.iter().map(|answers| answers.iter().sum()));
    if total_variance <= f64::EPSILON * sum_of_item_variances.max(1.0) {
        return Err(ReliabilityError::NoVariationInTotals);
    }

    let k = items as f64;
    Ok(CronbachAlpha {
        alpha: k / (k - 1.0) * (1.0 - sum_of_item_variances / total_variance),
        items,
        complete_respondents: n,
    })
}

/// Corrected item-total correlations: for each item, Pearson's r between the item and the
/// sum of the **other** items of the scale, over respondents with an answer on every item
/// (the same respondents as [`cronbach_alpha`]). An item that correlates weakly or
/// negatively with the rest measures something else, or is reverse-worded and not
/// reverse-scored. `None` for an item (or rest) with no spread.
pub fn corrected_item_total_correlations<Row: AsRef<[Option<f64>]>>(
    rows: &[Row],
) -> Result<Vec<Option<f64>>, ReliabilityError> {
    let items = rows.first().map_or(0, |row| row.as_ref().len());
    if items < 2 {
        return Err(ReliabilityError::TooFewItems { items });
    }
    let mut complete: Vec<Vec<f64>> = Vec::with_capacity(rows.len());
    for (respondent, row) in rows.iter().enumerate() {
        let row = row.as_ref();
        if row.len() != items {
            return Err(ReliabilityError::RaggedAnswers {
                respondent,
                expected: items,
                found: row.len(),
            });
        }
        if let Some(answers) = row.iter().copied().collect::<Option<Vec<f64>>>() {
            complete.push(answers);
        }
    }
    if complete.len() < 2 {
        return Err(ReliabilityError::TooFewRespondents {
            complete_respondents: complete.len(),
        });
    }
    Ok((0..items)
        .map(|item| {
            let pairs: Vec<(f64, f64)> = complete
                .iter()
                .map(|answers| (answers[item], answers.iter().sum::<f64>() - answers[item]))
                .collect();
            pearson(&pairs)
        })
        .collect())
}

/// Pearson's r; `None` when either variable has no spread.
fn pearson(pairs: &[(f64, f64)]) -> Option<f64> {
    let n = pairs.len() as f64;
    let (mx, my) = pairs
        .iter()
        .fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x / n, sy + y / n));
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// Sample variance, divisor n−1 (two-pass, for accuracy); the caller guarantees n ≥ 2.
fn sample_variance(values: impl Iterator<Item = f64> + Clone) -> f64 {
    let (count, sum) = values.clone().fold((0usize, 0.0), |(count, sum), value| {
        (count + 1, sum + value)
    });
    let mean = sum / count as f64;
    values.map(|value| (value - mean).powi(2)).sum::<f64>() / (count as f64 - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(data: &[&[f64]]) -> Vec<Vec<Option<f64>>> {
        data.iter()
            .map(|row| row.iter().map(|&value| Some(value)).collect())
            .collect()
    }

    #[test]
    fn alpha_matches_a_hand_computed_example() {
        // Items: variances 5/3, 4.75/3, 2.75/3 (sum 12.5/3); totals 6, 8, 10, 14 have
        // variance 35/3. alpha = 3/2 · (1 − 12.5/35) = 27/28.
        let data = rows(&[&[1., 2., 3.], &[2., 3., 3.], &[3., 3., 4.], &[4., 5., 5.]]);
        let result = cronbach_alpha(&data).unwrap();
        assert!((result.alpha - 27.0 / 28.0).abs() < 1e-12, "{result:?}");
        assert_eq!(result.items, 3);
        assert_eq!(result.complete_respondents, 4);
    }

    #[test]
    fn identical_items_give_alpha_of_one() {
        let data = rows(&[&[1., 1.], &[3., 3.], &[5., 5.]]);
        assert!((cronbach_alpha(&data).unwrap().alpha - 1.0).abs() < 1e-12);
    }

    #[test]
    fn items_that_disagree_give_a_negative_alpha_which_is_not_clamped() {
        // Item 2 is the mirror of item 1: totals are constant except for item 3.
        // Item variances 1, 1, 1/3 (sum 7/3); totals 6, 7, 6 have variance 1/3.
        // alpha = 3/2 · (1 − 7) = −9.
        let data = rows(&[&[1., 3., 2.], &[2., 2., 3.], &[3., 1., 2.]]);
        let alpha = cronbach_alpha(&data).unwrap().alpha;
        assert!((alpha + 9.0).abs() < 1e-12, "{alpha}");
    }

    #[test]
    fn respondents_with_a_missing_answer_are_left_out() {
        let mut data = rows(&[&[1., 2., 3.], &[2., 3., 3.], &[3., 3., 4.], &[4., 5., 5.]]);
        data.push(vec![Some(5.0), None, Some(1.0)]);
        let result = cronbach_alpha(&data).unwrap();
        assert_eq!(result.complete_respondents, 4);
        assert!((result.alpha - 27.0 / 28.0).abs() < 1e-12);
    }

    #[test]
    fn fewer_than_two_items_is_an_error() {
        let data = rows(&[&[1.], &[2.], &[3.]]);
        assert_eq!(
            cronbach_alpha(&data),
            Err(ReliabilityError::TooFewItems { items: 1 })
        );
        let empty: Vec<Vec<Option<f64>>> = Vec::new();
        assert_eq!(
            cronbach_alpha(&empty),
            Err(ReliabilityError::TooFewItems { items: 0 })
        );
    }

    #[test]
    fn fewer_than_two_complete_respondents_is_an_error() {
        let data = vec![vec![Some(1.0), Some(2.0)], vec![None, Some(2.0)]];
        assert_eq!(
            cronbach_alpha(&data),
            Err(ReliabilityError::TooFewRespondents {
                complete_respondents: 1
            })
        );
    }

    #[test]
    fn identical_totals_are_an_error_not_a_division_by_zero() {
        let data = rows(&[&[3., 3.], &[3., 3.], &[3., 3.]]);
        assert_eq!(
            cronbach_alpha(&data),
            Err(ReliabilityError::NoVariationInTotals)
        );
    }

    #[test]
    fn rows_of_different_lengths_are_an_error() {
        let data = vec![vec![Some(1.0), Some(2.0)], vec![Some(2.0)]];
        assert_eq!(
            cronbach_alpha(&data),
            Err(ReliabilityError::RaggedAnswers {
                respondent: 1,
                expected: 2,
                found: 1
            })
        );
    }

    #[test]
    fn corrected_item_total_correlations_leave_the_item_out_of_the_total() {
        // Rows (1,2,3) (2,3,3) (3,3,4) (4,5,5). Item 1 against items 2+3 = 5, 6, 7, 10:
        // r = 0.9561829 (R: cor(c(1,2,3,4), c(5,6,7,10))).
        let data = rows(&[&[1., 2., 3.], &[2., 3., 3.], &[3., 3., 4.], &[4., 5., 5.]]);
        let r = corrected_item_total_correlations(&data).unwrap();
        assert!((r[0].unwrap() - 0.956_182_9).abs() < 1e-6, "{r:?}");
        assert_eq!(r.len(), 3);
    }

    #[test]
    fn a_reverse_worded_item_left_unreversed_correlates_negatively() {
        let data = rows(&[&[1., 1., 5.], &[2., 2., 4.], &[4., 5., 2.], &[5., 4., 1.]]);
        let r = corrected_item_total_correlations(&data).unwrap();
        assert!(r[2].unwrap() < 0.0, "{r:?}");
        let flat = rows(&[&[3., 1.], &[3., 2.], &[3., 4.]]);
        assert_eq!(corrected_item_total_correlations(&flat).unwrap()[0], None);
    }
}
