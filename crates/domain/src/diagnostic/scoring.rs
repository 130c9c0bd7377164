//! Scoring rules of the diagnostic (ANALYTICS.md §6): respondent and group scores, spread,
//! reliability, gaps between self and others, strengths and blind spots.
//!
//! These functions see individual answer sheets, so they run where the answers are read
//! (the store), after [`crate::anonymity::groups_to_show`] has said which groups may be
//! read; what leaves them is aggregates only.

use std::collections::BTreeMap;

use headway_stats::reliability::{CronbachAlpha, ReliabilityError, cronbach_alpha};
use serde::Serialize;

use super::answers::{Answer, AnswerSheet};
use super::framework::{Dimension, PracticeCategory};
use super::instrument::{Instrument, Item, ItemId, PracticeId};

/// What a score is computed over: the items of a dimension, a practice or a category, or
/// one item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Measure {
    Dimension(Dimension),
    Practice(PracticeId),
    Category(PracticeCategory),
    Item(ItemId),
}

impl Measure {
    fn includes(&self, item: &Item) -> bool {
        match self {
            Measure::Dimension(dimension) => item.dimension == *dimension,
            Measure::Practice(practice) => item.practice == *practice,
            Measure::Category(category) => item.category == *category,
            Measure::Item(id) => item.id == *id,
        }
    }
}

pub(crate) fn items_of<'a>(
    instrument: &'a Instrument,
    measure: &'a Measure,
) -> impl Iterator<Item = &'a Item> {
    instrument
        .items()
        .iter()
        .filter(move |item| measure.includes(item))
}

/// A respondent's score on a measure: the mean of their ratings of its items, leaving out
/// "don't know" and unanswered items; `None` when they rated none of them. For a
/// dimension or a category this is the mean over all its items (not the mean of practice
/// means), the same rule as for a practice.
pub fn respondent_score(
    instrument: &Instrument,
    sheet: &AnswerSheet,
    measure: &Measure,
) -> Option<f64> {
    mean(items_of(instrument, measure).filter_map(|item| sheet.rating(&item.id).map(f64::from)))
}

/// One respondent's scores on every dimension, practice and category they rated: the
/// self-rating's figures, and the whole of a self-audit.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RespondentScores {
    pub dimensions: BTreeMap<Dimension, f64>,
    pub practices: BTreeMap<PracticeId, f64>,
    pub categories: BTreeMap<PracticeCategory, f64>,
}

pub fn respondent_scores(instrument: &Instrument, sheet: &AnswerSheet) -> RespondentScores {
    let mut scores = RespondentScores::default();
    for dimension in Dimension::ALL {
        if let Some(score) = respondent_score(instrument, sheet, &Measure::Dimension(dimension)) {
            scores.dimensions.insert(dimension, score);
        }
    }
    for practice in instrument.practices() {
        let measure = Measure::Practice(practice.id.clone());
        if let Some(score) = respondent_score(instrument, sheet, &measure) {
            scores.practices.insert(practice.id.clone(), score);
        }
    }
    for category in PracticeCategory::ALL {
        if let Some(score) = respondent_score(instrument, sheet, &Measure::Category(category)) {
            scores.categories.insert(category, score);
        }
    }
    scores
}

/// How the answers were spread over the scale: counts per point, lowest first, and the
/// count of "don't know". A count is `None` where the anonymity rules hide it
/// ([`super::report`]); as computed here every count is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AnswerDistribution {
    /// `ratings[i]` counts answers of `scale.min + i`.
    pub ratings: Vec<Option<u32>>,
    pub dont_know: Option<u32>,
}

impl AnswerDistribution {
    fn empty(instrument: &Instrument) -> AnswerDistribution {
        AnswerDistribution {
            ratings: vec![Some(0); instrument.scale.len()],
            dont_know: Some(0),
        }
    }

    /// The index of an answer's count: scale points first, then "don't know".
    pub fn bin(instrument: &Instrument, answer: Answer) -> usize {
        match answer {
            Answer::Rating(value) => usize::from(value - instrument.scale.min),
            Answer::DontKnow => instrument.scale.len(),
        }
    }

    /// Every count, "don't know" last, in the order of [`AnswerDistribution::bin`].
    pub fn counts(&self) -> Vec<Option<u32>> {
        let mut counts = self.ratings.clone();
        counts.push(self.dont_know);
        counts
    }

    /// Hides the counts whose bin is not shown.
    pub fn hide(&mut self, shown: impl Fn(usize) -> bool) {
        let points = self.ratings.len();
        for (bin, count) in self.ratings.iter_mut().enumerate() {
            if !shown(bin) {
                *count = None;
            }
        }
        if !shown(points) {
            self.dont_know = None;
        }
    }

    fn add(&mut self, instrument: &Instrument, answer: Answer) {
        let count = match answer {
            Answer::Rating(value) => &mut self.ratings[usize::from(value - instrument.scale.min)],
            Answer::DontKnow => &mut self.dont_know,
        };
        *count = Some(count.unwrap_or(0) + 1);
    }

    /// The distribution of every answer given to the measure's items.
    pub fn of(
        instrument: &Instrument,
        sheets: &[&AnswerSheet],
        measure: &Measure,
    ) -> AnswerDistribution {
        let mut distribution = AnswerDistribution::empty(instrument);
        for item in items_of(instrument, measure) {
            for sheet in sheets {
                if let Some(answer) = sheet.answer(&item.id) {
                    distribution.add(instrument, answer);
                }
            }
        }
        distribution
    }
}

/// A group's figures on one measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeasureSummary {
    /// Mean of all the group's ratings of the measure's items (see [`group_score`]).
    pub mean: f64,
    /// Sample standard deviation of the respondents' scores (n−1); `None` for one respondent.
    pub standard_deviation: Option<f64>,
    /// Respondents who rated at least one of the measure's items.
    pub respondents: u32,
    pub answers: AnswerDistribution,
}

/// A group's score on a measure: the mean of all its ratings of the measure's items,
/// leaving out "don't know". When every respondent rated every item this is the mean over
/// respondents of their scores (ANALYTICS.md §6). When someone rated only part of the
/// measure it is not, on purpose: the mean of respondent means, shown beside the items'
/// figures (each item's mean and answer counts), lets one such respondent's own ratings be
/// recovered by subtraction — in a simulation of 3–5 items and 6–12 raters with figures
/// rounded to two places, exactly in 82% of cases. The pooled mean is a function of the
/// items' figures, so it gives nothing away that they do not. The spread stays the
/// standard deviation of respondents' scores.
pub fn group_score(
    instrument: &Instrument,
    sheets: &[&AnswerSheet],
    measure: &Measure,
) -> Option<MeasureSummary> {
    let scores: Vec<f64> = sheets
        .iter()
        .filter_map(|sheet| respondent_score(instrument, sheet, measure))
        .collect();
    let ratings = sheets.iter().flat_map(|sheet| {
        items_of(instrument, measure).filter_map(|item| sheet.rating(&item.id).map(f64::from))
    });
    Some(MeasureSummary {
        mean: mean(ratings)?,
        standard_deviation: sample_standard_deviation(&scores),
        respondents: scores.len() as u32,
        answers: AnswerDistribution::of(instrument, sheets, measure),
    })
}

/// A group's figures on one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemSummary {
    /// Mean rating, leaving out "don't know"; `None` if nobody rated it.
    pub mean: Option<f64>,
    pub answers: AnswerDistribution,
}

/// The least number of respondents with complete answers for which alpha is shown
/// (ANALYTICS.md §6: "shown at n ≥ 10"); below it alpha is too unstable to read.
pub const MIN_RESPONDENTS_FOR_ALPHA: usize = 10;

/// Cronbach's alpha as the report may show it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum ReportedReliability {
    Alpha {
        alpha: f64,
        respondents: usize,
    },
    /// Fewer than [`MIN_RESPONDENTS_FOR_ALPHA`] respondents answered every item.
    TooFewRespondents {
        respondents: usize,
    },
    /// Alpha is undefined here (a single item, or identical totals).
    Undefined,
}

/// Alpha is shown only when at least [`MIN_RESPONDENTS_FOR_ALPHA`] respondents answered
/// every item of the scale.
pub fn reliability_for_report(
    result: Result<CronbachAlpha, ReliabilityError>,
) -> ReportedReliability {
    match result {
        Ok(alpha) if alpha.complete_respondents >= MIN_RESPONDENTS_FOR_ALPHA => {
            ReportedReliability::Alpha {
                alpha: alpha.alpha,
                respondents: alpha.complete_respondents,
            }
        }
        Ok(alpha) => ReportedReliability::TooFewRespondents {
            respondents: alpha.complete_respondents,
        },
        Err(ReliabilityError::TooFewRespondents {
            complete_respondents,
        }) => ReportedReliability::TooFewRespondents {
            respondents: complete_respondents,
        },
        Err(_) => ReportedReliability::Undefined,
    }
}

/// Cronbach's alpha of a dimension's items across the group's respondents (those who
/// rated every item; "don't know" makes a respondent incomplete), as the report shows it.
pub fn dimension_reliability(
    instrument: &Instrument,
    sheets: &[&AnswerSheet],
    dimension: Dimension,
) -> ReportedReliability {
    let measure = Measure::Dimension(dimension);
    let items: Vec<&Item> = items_of(instrument, &measure).collect();
    let rows: Vec<Vec<Option<f64>>> = sheets
        .iter()
        .map(|sheet| {
            items
                .iter()
                .map(|item| sheet.rating(&item.id).map(f64::from))
                .collect()
        })
        .collect();
    reliability_for_report(cronbach_alpha(&rows))
}

/// Everything the report shows of one group (or merged row, or all others).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupScores {
    pub respondents: u32,
    pub dimensions: BTreeMap<Dimension, MeasureSummary>,
    pub practices: BTreeMap<PracticeId, MeasureSummary>,
    pub categories: BTreeMap<PracticeCategory, MeasureSummary>,
    pub items: BTreeMap<ItemId, ItemSummary>,
    pub reliability: BTreeMap<Dimension, ReportedReliability>,
}

/// A group's figures on every dimension, practice, category and item.
pub fn group_scores(instrument: &Instrument, sheets: &[&AnswerSheet]) -> GroupScores {
    let mut scores = GroupScores {
        respondents: sheets.len() as u32,
        dimensions: BTreeMap::new(),
        practices: BTreeMap::new(),
        categories: BTreeMap::new(),
        items: BTreeMap::new(),
        reliability: BTreeMap::new(),
    };
    for dimension in Dimension::ALL {
        if let Some(summary) = group_score(instrument, sheets, &Measure::Dimension(dimension)) {
            scores.dimensions.insert(dimension, summary);
        }
        scores.reliability.insert(
            dimension,
            dimension_reliability(instrument, sheets, dimension),
        );
    }
    for practice in instrument.practices() {
        if let Some(summary) =
            group_score(instrument, sheets, &Measure::Practice(practice.id.clone()))
        {
            scores.practices.insert(practice.id.clone(), summary);
        }
    }
    for category in PracticeCategory::ALL {
        if let Some(summary) = group_score(instrument, sheets, &Measure::Category(category)) {
            scores.categories.insert(category, summary);
        }
    }
    for item in instrument.items() {
        let mut answers = AnswerDistribution::empty(instrument);
        for sheet in sheets {
            if let Some(answer) = sheet.answer(&item.id) {
                answers.add(instrument, answer);
            }
        }
        let item_mean = mean(
            sheets
                .iter()
                .filter_map(|sheet| sheet.rating(&item.id).map(f64::from)),
        );
        scores.items.insert(
            item.id.clone(),
            ItemSummary {
                mean: item_mean,
                answers,
            },
        );
    }
    scores
}

/// The difference between how others and the leader see one measure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap<K> {
    pub measure: K,
    pub self_score: f64,
    pub others: f64,
    /// `others − self`: positive where others rate the leader higher than they do.
    pub gap: f64,
}

/// The gap on every measure both the self-rating and the others have a score on:
/// `gap = others' mean − self score`.
pub fn gaps<K: Ord + Clone>(
    self_scores: &BTreeMap<K, f64>,
    others: &BTreeMap<K, MeasureSummary>,
) -> Vec<Gap<K>> {
    self_scores
        .iter()
        .filter_map(|(measure, &self_score)| {
            others.get(measure).map(|summary| Gap {
                measure: measure.clone(),
                self_score,
                others: summary.mean,
                gap: summary.mean - self_score,
            })
        })
        .collect()
}

/// The largest gaps each way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StrengthsAndBlindSpots<K> {
    /// Others rate higher than the leader does (positive gaps), largest first.
    pub strengths: Vec<Gap<K>>,
    /// The leader rates higher than others do (negative gaps), most negative first.
    pub blind_spots: Vec<Gap<K>>,
}

/// Strengths are the `how_many` largest positive gaps, blind spots the `how_many` largest
/// negative ones; a gap of zero is neither. Ties keep the measures' order.
pub fn strengths_and_blind_spots<K: Clone>(
    gaps: &[Gap<K>],
    how_many: usize,
) -> StrengthsAndBlindSpots<K> {
    let mut strengths: Vec<Gap<K>> = gaps.iter().filter(|g| g.gap > 0.0).cloned().collect();
    strengths.sort_by(|a, b| b.gap.total_cmp(&a.gap));
    strengths.truncate(how_many);
    let mut blind_spots: Vec<Gap<K>> = gaps.iter().filter(|g| g.gap < 0.0).cloned().collect();
    blind_spots.sort_by(|a, b| a.gap.total_cmp(&b.gap));
    blind_spots.truncate(how_many);
    StrengthsAndBlindSpots {
        strengths,
        blind_spots,
    }
}

pub(crate) fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (count, sum) = values.fold((0usize, 0.0), |(count, sum), value| {
        (count + 1, sum + value)
    });
    (count > 0).then(|| sum / count as f64)
}

fn sample_standard_deviation(values: &[f64]) -> Option<f64> {
    if values.len() < 2 {
        return None;
    }
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    let squares: f64 = values.iter().map(|value| (value - mean).powi(2)).sum();
    Some((squares / (values.len() - 1) as f64).sqrt())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostic::instrument::built_in;

    pub(crate) fn sheet(answers: &[(&str, Answer)]) -> AnswerSheet {
        AnswerSheet::new(
            built_in(),
            answers.iter().map(|(id, a)| (ItemId((*id).into()), *a)),
        )
        .unwrap()
    }

    use Answer::{DontKnow, Rating};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn a_respondents_practice_score_is_the_mean_of_their_items_ignoring_dont_know() {
        // shared_purpose = goals-01..03.
        let s = sheet(&[
            ("goals-01", Rating(4)),
            ("goals-02", Rating(5)),
            ("goals-03", DontKnow),
        ]);
        let score = respondent_score(
            built_in(),
            &s,
            &Measure::Practice(PracticeId("shared_purpose".into())),
        );
        assert_eq!(score, Some(4.5));
    }

    /// The subtraction attack on a dimension: one respondent answers "don't know" to one
    /// item. Two groups whose items' figures are the same (each item's ratings, as a
    /// multiset) but whose partial respondent rated the other items differently must show
    /// the same dimension mean, or the mean gives that respondent's ratings away.
    #[test]
    fn a_measure_mean_reveals_nothing_the_items_figures_do_not() {
        let group = |partial: [u8; 2], full: [[u8; 3]; 2]| {
            let mut sheets = vec![sheet(&[
                ("goals-01", Rating(partial[0])),
                ("goals-02", Rating(partial[1])),
                ("goals-03", DontKnow),
            ])];
            for ratings in full {
                sheets.push(sheet(&[
                    ("goals-01", Rating(ratings[0])),
                    ("goals-02", Rating(ratings[1])),
                    ("goals-03", Rating(ratings[2])),
                ]));
            }
            sheets
        };
        // Item 1 is rated {5, 1, 3} and item 2 {5, 2, 4} in both; item 3 {3, 3}.
        let a = group([5, 5], [[1, 2, 3], [3, 4, 3]]);
        let b = group([1, 2], [[5, 5, 3], [3, 4, 3]]);
        let measure = Measure::Practice(PracticeId("shared_purpose".into()));
        let score = |sheets: &[AnswerSheet]| {
            let refs: Vec<&AnswerSheet> = sheets.iter().collect();
            group_score(built_in(), &refs, &measure).unwrap()
        };
        let (a, b) = (score(&a), score(&b));
        assert!(close(a.mean, b.mean), "{} vs {}", a.mean, b.mean);
        assert!(close(a.mean, 26.0 / 8.0), "the mean of all eight ratings");
        assert_eq!(a.respondents, 3);
    }

    #[test]
    fn a_respondent_with_only_dont_know_has_no_score() {
        let s = sheet(&[("goals-01", DontKnow)]);
        assert_eq!(
            respondent_score(
                built_in(),
                &s,
                &Measure::Practice(PracticeId("shared_purpose".into()))
            ),
            None
        );
    }

    #[test]
    fn a_respondents_dimension_score_is_the_mean_over_the_dimensions_items() {
        // Goals: shared_purpose (goals-01..03), specific_goals (04..06). Ratings 5, 5, 5
        // and 2: mean of items 17/4 = 4.25 (the mean of practice means would be 3.5).
        let s = sheet(&[
            ("goals-01", Rating(5)),
            ("goals-02", Rating(5)),
            ("goals-03", Rating(5)),
            ("goals-04", Rating(2)),
        ]);
        let scores = respondent_scores(built_in(), &s);
        assert_eq!(scores.dimensions[&Dimension::GoalsAndExpectations], 4.25);
        assert_eq!(scores.practices[&PracticeId("specific_goals".into())], 2.0);
        assert!(!scores.dimensions.contains_key(&Dimension::TeacherLearning));
        assert_eq!(
            scores.categories[&PracticeCategory::SettingDirections],
            4.25
        );
    }

    #[test]
    fn a_groups_dimension_score_pools_its_ratings_when_someone_rated_part_of_it() {
        // Respondent A rates 2 goals items (5, 3): mean 4. Respondent B rates 4 items
        // (2, 2, 2, 2): mean 2. Group mean = the six ratings pooled, 16/6, not the mean of
        // respondent means (3), which the items' figures would let a reader difference.
        let a = sheet(&[("goals-01", Rating(5)), ("goals-02", Rating(3))]);
        let b = sheet(&[
            ("goals-01", Rating(2)),
            ("goals-02", Rating(2)),
            ("goals-03", Rating(2)),
            ("goals-04", Rating(2)),
        ]);
        let summary = group_score(
            built_in(),
            &[&a, &b],
            &Measure::Dimension(Dimension::GoalsAndExpectations),
        )
        .unwrap();
        assert!(close(summary.mean, 16.0 / 6.0), "{}", summary.mean);
        assert_eq!(summary.respondents, 2);
        // The spread is between respondents: SD of (4, 2) with n−1, sqrt(2).
        assert!(close(summary.standard_deviation.unwrap(), 2f64.sqrt()));
        // Answers: 2 ×4 and 3, 5 once each, on a 1–5 scale.
        assert_eq!(
            summary.answers.ratings,
            vec![Some(0), Some(4), Some(1), Some(0), Some(1)]
        );
        assert_eq!(summary.answers.dont_know, Some(0));
    }

    #[test]
    fn group_figures_count_dont_know_in_the_distribution_but_not_the_mean() {
        let a = sheet(&[("learning-01", Rating(4)), ("learning-02", DontKnow)]);
        let b = sheet(&[("learning-01", DontKnow)]);
        let scores = group_scores(built_in(), &[&a, &b]);
        let item = &scores.items[&ItemId("learning-01".into())];
        assert_eq!(item.mean, Some(4.0));
        assert_eq!(
            item.answers.ratings,
            vec![Some(0), Some(0), Some(0), Some(1), Some(0)]
        );
        assert_eq!(item.answers.dont_know, Some(1));
        let teacher_learning = &scores.dimensions[&Dimension::TeacherLearning];
        assert_eq!(teacher_learning.respondents, 1);
        assert_eq!(teacher_learning.standard_deviation, None);
        assert_eq!(teacher_learning.answers.dont_know, Some(2));
        assert_eq!(scores.respondents, 2);
    }

    #[test]
    fn gap_is_others_minus_self() {
        let self_scores = BTreeMap::from([
            (Dimension::TeacherLearning, 4.5),
            (Dimension::StrategicResourcing, 2.0),
        ]);
        let a = sheet(&[("learning-01", Rating(3)), ("resourcing-01", Rating(4))]);
        let others = group_scores(built_in(), &[&a]);
        let gaps = gaps(&self_scores, &others.dimensions);
        assert_eq!(gaps.len(), 2);
        let teacher_learning = gaps
            .iter()
            .find(|g| g.measure == Dimension::TeacherLearning)
            .unwrap();
        assert_eq!(
            (
                teacher_learning.self_score,
                teacher_learning.others,
                teacher_learning.gap
            ),
            (4.5, 3.0, -1.5)
        );
        let resourcing = gaps
            .iter()
            .find(|g| g.measure == Dimension::StrategicResourcing)
            .unwrap();
        assert_eq!(resourcing.gap, 2.0);
    }

    #[test]
    fn strengths_are_the_largest_positive_gaps_and_blind_spots_the_largest_negative() {
        let gap = |measure: &'static str, gap: f64| Gap {
            measure,
            self_score: 3.0,
            others: 3.0 + gap,
            gap,
        };
        let all = [
            gap("a", 0.5),
            gap("b", -1.0),
            gap("c", 1.5),
            gap("d", 0.0),
            gap("e", -0.25),
            gap("f", 1.0),
        ];
        let result = strengths_and_blind_spots(&all, 2);
        let names = |gaps: &[Gap<&'static str>]| gaps.iter().map(|g| g.measure).collect::<Vec<_>>();
        assert_eq!(names(&result.strengths), vec!["c", "f"]);
        assert_eq!(names(&result.blind_spots), vec!["b", "e"]);
    }

    #[test]
    fn alpha_is_reported_only_from_ten_complete_respondents() {
        let alpha = |n| CronbachAlpha {
            alpha: 0.8,
            items: 4,
            complete_respondents: n,
        };
        assert_eq!(
            reliability_for_report(Ok(alpha(9))),
            ReportedReliability::TooFewRespondents { respondents: 9 }
        );
        assert_eq!(
            reliability_for_report(Ok(alpha(10))),
            ReportedReliability::Alpha {
                alpha: 0.8,
                respondents: 10
            }
        );
        assert_eq!(
            reliability_for_report(Err(ReliabilityError::NoVariationInTotals)),
            ReportedReliability::Undefined
        );
    }

    #[test]
    fn dimension_reliability_uses_only_respondents_who_rated_every_item() {
        // Strategic resourcing has 9 items. Ten respondents answer every item with a
        // pattern; an eleventh says "don't know" once and is left out.
        let items: Vec<String> = (1..=9).map(|i| format!("resourcing-0{i}")).collect();
        let mut sheets: Vec<AnswerSheet> = (0..10u8)
            .map(|r| {
                AnswerSheet::new(
                    built_in(),
                    items.iter().enumerate().map(|(i, id)| {
                        let value = 1 + (r / 2 + (i as u8 % 2) * (r % 2)) % 5;
                        (ItemId(id.clone()), Rating(value))
                    }),
                )
                .unwrap()
            })
            .collect();
        sheets.push(sheet(&[("resourcing-01", DontKnow)]));
        let refs: Vec<&AnswerSheet> = sheets.iter().collect();
        match dimension_reliability(built_in(), &refs, Dimension::StrategicResourcing) {
            ReportedReliability::Alpha { respondents, alpha } => {
                assert_eq!(respondents, 10);
                assert!(alpha > 0.0 && alpha <= 1.0, "{alpha}");
            }
            other => panic!("expected alpha, got {other:?}"),
        }
        let nine: Vec<&AnswerSheet> = sheets.iter().take(9).collect();
        assert_eq!(
            dimension_reliability(built_in(), &nine, Dimension::StrategicResourcing),
            ReportedReliability::TooFewRespondents { respondents: 9 }
        );
    }
}
