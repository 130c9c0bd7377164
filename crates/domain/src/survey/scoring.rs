//! Scale scores (ANALYTICS.md §7): a respondent's score on a scale is the mean of its
//! items, reverse-worded items turned round; a group's score is the mean of its
//! respondents' scores with a 95% t-interval; reliability is Cronbach's alpha with the
//! corrected item-total correlations, from `headway_stats`.

use headway_stats::reliability::{corrected_item_total_correlations, cronbach_alpha};
use headway_stats::scales::{Change, MeanInterval, change_between, mean_interval};

use super::answers::SurveyAnswers;
use super::instrument::{Scale, ScaleId, SurveyInstrument};
use crate::diagnostic::instrument::ItemId;

/// Reliability is shown from this many respondents with a score (as for the 360,
/// ANALYTICS.md §6): below it alpha swings too much from one respondent to be read.
pub const RELIABILITY_MIN_RESPONDENTS: usize = 10;

/// A respondent's score on a scale: the mean of its items, scored, when every item of
/// the scale is answered. A partial response counts for the scales it completes and for
/// no other, so every score on a scale rests on the same items.
pub fn scale_score(
    survey: &SurveyInstrument,
    scale: &Scale,
    answers: &SurveyAnswers,
) -> Option<f64> {
    let scored: Option<Vec<f64>> = scale
        .items
        .iter()
        .map(|item| {
            answers
                .rating(&item.id)
                .map(|value| survey.scored(item, value))
        })
        .collect();
    scored.map(|values| values.iter().sum::<f64>() / values.len() as f64)
}

/// Cronbach's alpha and each item's correlation with the rest of its scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Reliability {
    pub alpha: f64,
    pub item_total: Vec<(ItemId, Option<f64>)>,
}

/// A group's figures on one scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleFigures {
    pub scale: ScaleId,
    /// Respondents with a score on the scale.
    pub respondents: u32,
    /// The mean with its interval (at least two respondents with a score).
    pub mean: Option<MeanInterval>,
    /// From [`RELIABILITY_MIN_RESPONDENTS`] respondents, when alpha is defined.
    pub reliability: Option<Reliability>,
}

/// The people of `responses` with a score on `scale`.
pub fn respondents_with_score(
    survey: &SurveyInstrument,
    scale: &Scale,
    responses: &[&SurveyAnswers],
) -> u32 {
    responses
        .iter()
        .filter(|answers| scale_score(survey, scale, answers).is_some())
        .count() as u32
}

/// A group's figures on `scale`: mean and interval of the scores, and reliability over
/// the same respondents (those who completed the scale).
pub fn scale_figures(
    survey: &SurveyInstrument,
    scale: &Scale,
    responses: &[&SurveyAnswers],
) -> ScaleFigures {
    let complete: Vec<&SurveyAnswers> = responses
        .iter()
        .copied()
        .filter(|answers| scale_score(survey, scale, answers).is_some())
        .collect();
    let scores: Vec<f64> = complete
        .iter()
        .filter_map(|answers| scale_score(survey, scale, answers))
        .collect();
    let reliability = (complete.len() >= RELIABILITY_MIN_RESPONDENTS)
        .then(|| {
            let rows: Vec<Vec<Option<f64>>> = complete
                .iter()
                .map(|answers| {
                    scale
                        .items
                        .iter()
                        .map(|item| answers.rating(&item.id).map(|v| survey.scored(item, v)))
                        .collect()
                })
                .collect();
            let alpha = cronbach_alpha(&rows).ok()?.alpha;
            let correlations = corrected_item_total_correlations(&rows).ok()?;
            Some(Reliability {
                alpha,
                item_total: scale
                    .items
                    .iter()
                    .map(|item| item.id.clone())
                    .zip(correlations)
                    .collect(),
            })
        })
        .flatten();
    ScaleFigures {
        scale: scale.id.clone(),
        respondents: scores.len() as u32,
        mean: mean_interval(&scores),
        reliability,
    }
}

/// The change on a scale from an earlier wave to a later one, with its interval, when
/// both have a mean.
pub fn change(earlier: &ScaleFigures, later: &ScaleFigures) -> Option<Change> {
    Some(change_between(earlier.mean.as_ref()?, later.mean.as_ref()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::Audience;
    use crate::survey::instrument::built_in;

    fn answers(pairs: &[(&str, u8)]) -> SurveyAnswers {
        SurveyAnswers::new(
            built_in(Audience::Staff),
            pairs.iter().map(|(id, v)| (ItemId((*id).into()), *v)),
            None,
        )
        .unwrap()
    }

    #[test]
    fn a_score_is_the_mean_of_the_scales_items_with_reversed_items_turned_round() {
        let survey = built_in(Audience::Staff);
        let scale = survey.scale_by_id("orderly_environment").unwrap();
        // env-04 is reverse-worded: 2 scores 4. (5 + 4 + 3 + 4) / 4 = 4.
        let a = answers(&[
            ("staff-env-01", 5),
            ("staff-env-02", 4),
            ("staff-env-03", 3),
            ("staff-env-04", 2),
        ]);
        assert_eq!(scale_score(survey, scale, &a), Some(4.0));
    }

    #[test]
    fn a_partial_response_counts_for_the_scales_it_completes_only() {
        let survey = built_in(Audience::Staff);
        let partial = answers(&[
            ("staff-coll-01", 4),
            ("staff-coll-02", 4),
            ("staff-coll-03", 5),
            ("staff-env-01", 2),
        ]);
        let coll = survey.scale_by_id("collective_responsibility").unwrap();
        let env = survey.scale_by_id("orderly_environment").unwrap();
        assert!(scale_score(survey, coll, &partial).is_some());
        assert_eq!(scale_score(survey, env, &partial), None);
        assert_eq!(respondents_with_score(survey, env, &[&partial]), 0);
        assert_eq!(respondents_with_score(survey, coll, &[&partial]), 1);
    }

    #[test]
    fn reliability_needs_ten_respondents_and_uses_the_same_people_as_the_mean() {
        let survey = built_in(Audience::Staff);
        let scale = survey.scale_by_id("collective_responsibility").unwrap();
        let mut all: Vec<SurveyAnswers> = (0..12u8)
            .map(|i| {
                let v = 1 + i % 5;
                answers(&[
                    ("staff-coll-01", v),
                    ("staff-coll-02", v),
                    ("staff-coll-03", 1 + (i + 1) % 5),
                ])
            })
            .collect();
        all.push(answers(&[("staff-coll-01", 1)]));
        let refs: Vec<&SurveyAnswers> = all.iter().collect();
        let figures = scale_figures(survey, scale, &refs);
        assert_eq!(figures.respondents, 12);
        let reliability = figures.reliability.expect("12 complete respondents");
        assert_eq!(reliability.item_total.len(), 3);
        // Items 1 and 2 agree perfectly with each other; item 3 much less.
        let r: Vec<f64> = reliability
            .item_total
            .iter()
            .map(|(_, r)| r.unwrap())
            .collect();
        assert!(r[0] > r[2] && r[1] > r[2], "{r:?}");

        let few: Vec<&SurveyAnswers> = refs[..9].to_vec();
        assert_eq!(scale_figures(survey, scale, &few).reliability, None);
    }

    #[test]
    fn the_change_between_waves_has_an_interval() {
        let survey = built_in(Audience::Staff);
        let scale = survey.scale_by_id("collective_responsibility").unwrap();
        let wave = |values: &[u8]| -> Vec<SurveyAnswers> {
            values
                .iter()
                .map(|&v| {
                    answers(&[
                        ("staff-coll-01", v),
                        ("staff-coll-02", v),
                        ("staff-coll-03", v),
                    ])
                })
                .collect()
        };
        let before = wave(&[2, 3, 4, 5, 6 - 1]);
        let after = wave(&[4, 5, 5, 5, 4]);
        let figures =
            |w: &Vec<SurveyAnswers>| scale_figures(survey, scale, &w.iter().collect::<Vec<_>>());
        let change = change(&figures(&before), &figures(&after)).unwrap();
        assert!((change.difference - (23.0 - 19.0) / 5.0).abs() < 1e-12);
        assert!(change.low < change.difference && change.difference < change.high);
    }
}
