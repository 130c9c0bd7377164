//! A round's report: the self-rating beside every row the anonymity rules allow, with gaps.
//!
//! The store calls [`build_round_report`] where the answers are read, with the
//! [`Disclosure`] it computed from response counts first and the answer sheets of
//! [`Disclosure::groups_to_read`] only. Then the cell rule of [`crate::anonymity::cells`]
//! runs on every figure: per dimension, practice, category and item, "all others" is the
//! total and the rows are its parts, counted in the people with a score there ("don't
//! know" answers make them differ from cell to cell). The report holds aggregates only,
//! and only those that may be shown.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Debug;

use serde::Serialize;
use thiserror::Error;

use super::answers::AnswerSheet;
use super::framework::{Dimension, PracticeCategory};
use super::instrument::{Instrument, InstrumentKey, ItemId, PracticeId};
use super::scoring::{
    AnswerDistribution, Gap, GroupScores, ItemSummary, Measure, MeasureSummary, RespondentScores,
    StrengthsAndBlindSpots, gaps, group_scores, items_of, respondent_scores,
    strengths_and_blind_spots,
};
use crate::anonymity::{
    CellVisibility, Disclosure, GroupVisibility, Threshold, overlapping_cells_to_show,
    partition_to_show,
};

/// How many strengths and blind spots the report lists.
pub const STRENGTHS_AND_BLIND_SPOTS_LISTED: usize = 3;

/// One row of the report: a group, merged groups, or all others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow<G> {
    /// The groups in the row; for all others, every group that responded.
    pub groups: Vec<G>,
    /// The figures that may be shown. A row's answer distributions are never shown (only
    /// all others'), as they would form a table of rows by answers.
    pub scores: GroupScores,
    /// The figures the anonymity rules hide, and why: the report says so where they
    /// would be.
    pub hidden: HiddenCells,
    /// Others − self per dimension (empty without a self-rating).
    pub dimension_gaps: Vec<Gap<Dimension>>,
    /// Others − self per practice (empty without a self-rating).
    pub practice_gaps: Vec<Gap<PracticeId>>,
}

/// The cells of a row hidden by the cell rule. A measure nobody in the row rated is not
/// here: it has no figure to hide.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct HiddenCells {
    pub dimensions: BTreeMap<Dimension, CellVisibility>,
    pub practices: BTreeMap<PracticeId, CellVisibility>,
    pub categories: BTreeMap<PracticeCategory, CellVisibility>,
    pub items: BTreeMap<ItemId, CellVisibility>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundReport<G> {
    pub instrument: InstrumentKey,
    pub threshold: Threshold,
    /// Not anonymous: the leader's own answers.
    pub self_rating: Option<RespondentScores>,
    /// The rows the anonymity rules allow, smallest first.
    pub rows: Vec<ReportRow<G>>,
    /// All others combined, when the anonymity rules allow it.
    pub all_others: Option<ReportRow<G>>,
    /// What happened to each group, so the report can say why a group is not shown.
    pub groups: Vec<(G, GroupVisibility)>,
    /// From all others' practice gaps: the largest positive (strengths) and negative
    /// (blind spots) gaps.
    pub strengths_and_blind_spots: Option<StrengthsAndBlindSpots<PracticeId>>,
}

/// The answer sheets given do not match the disclosure: a bug in the caller that would
/// break anonymity or the figures, so nothing is computed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReportError {
    #[error("answers of group {group} were read, but the anonymity rules do not allow it")]
    GroupNotToBeRead { group: String },
    #[error(
        "group {group} has {received} answer sheets; the anonymity rules were decided on {disclosed}"
    )]
    CountMismatch {
        group: String,
        disclosed: u32,
        received: u32,
    },
}

/// Builds the report of a round from the disclosure and the answer sheets of
/// [`Disclosure::groups_to_read`]. Refuses sheets of any other group, and sheet counts
/// that differ from the counts the disclosure was decided on.
pub fn build_round_report<G: Copy + Eq + Debug>(
    instrument: &Instrument,
    disclosure: &Disclosure<G>,
    self_sheet: Option<&AnswerSheet>,
    responses: &[(G, AnswerSheet)],
) -> Result<RoundReport<G>, ReportError> {
    let to_read = disclosure.groups_to_read();
    for (group, _) in responses {
        if !to_read.contains(group) {
            return Err(ReportError::GroupNotToBeRead {
                group: format!("{group:?}"),
            });
        }
    }
    for &group in &to_read {
        let received = responses.iter().filter(|(g, _)| *g == group).count() as u32;
        let disclosed = disclosure.respondents(group).unwrap_or(0);
        if received != disclosed {
            return Err(ReportError::CountMismatch {
                group: format!("{group:?}"),
                disclosed,
                received,
            });
        }
    }

    let sheets_of = |groups: &[G]| -> Vec<&AnswerSheet> {
        responses
            .iter()
            .filter(|(g, _)| groups.contains(g))
            .map(|(_, sheet)| sheet)
            .collect()
    };
    let mut rows: Vec<(Vec<G>, GroupScores, HiddenCells)> = disclosure
        .rows()
        .iter()
        .map(|r| {
            let scores = group_scores(instrument, &sheets_of(&r.groups));
            (r.groups.clone(), scores, HiddenCells::default())
        })
        .collect();
    let everyone = sheets_of(&to_read);
    let mut all_others = disclosure.all_others().map(|_| {
        let scores = group_scores(instrument, &everyone);
        (to_read.clone(), scores, HiddenCells::default())
    });
    // Figures first (an item's raters are read from its answer counts), then the counts.
    if let Some((_, total, total_hidden)) = all_others.as_mut() {
        hide_cells_beside_all_others(total, total_hidden, &mut rows, disclosure.threshold);
        hide_answer_counts(instrument, &everyone, total, disclosure.threshold);
    }
    for (_, scores, _) in rows.iter_mut() {
        hide_all_answer_counts(scores);
    }

    let self_rating = self_sheet.map(|sheet| respondent_scores(instrument, sheet));
    let with_gaps = |(groups, scores, hidden): (Vec<G>, GroupScores, HiddenCells)| {
        let (dimension_gaps, practice_gaps) = match &self_rating {
            Some(own) => (
                gaps(&own.dimensions, &scores.dimensions),
                gaps(&own.practices, &scores.practices),
            ),
            None => (Vec::new(), Vec::new()),
        };
        ReportRow {
            groups,
            scores,
            hidden,
            dimension_gaps,
            practice_gaps,
        }
    };
    let rows: Vec<ReportRow<G>> = rows.into_iter().map(with_gaps).collect();
    let all_others = all_others.map(with_gaps);
    let strengths_and_blind_spots =
        all_others
            .as_ref()
            .filter(|_| self_rating.is_some())
            .map(|others| {
                strengths_and_blind_spots(&others.practice_gaps, STRENGTHS_AND_BLIND_SPOTS_LISTED)
            });
    Ok(RoundReport {
        instrument: instrument.key.clone(),
        threshold: disclosure.threshold,
        self_rating,
        rows,
        all_others,
        groups: disclosure.groups().collect(),
        strengths_and_blind_spots,
    })
}

/// The cell rule on every measure: all others' figure is the total, the rows' figures
/// its parts (respondents of groups with no row are the part never shown). Hidden
/// figures are removed and recorded with the reason.
fn hide_cells_beside_all_others<G>(
    all_others: &mut GroupScores,
    all_others_hidden: &mut HiddenCells,
    rows: &mut [(Vec<G>, GroupScores, HiddenCells)],
    threshold: Threshold,
) {
    macro_rules! each_measure {
        ($field:ident, $people:expr) => {{
            let mut rows_cells: Vec<(&mut _, &mut _)> = rows
                .iter_mut()
                .map(|(_, scores, hidden)| (&mut scores.$field, &mut hidden.$field))
                .collect();
            hide_cells(
                (&mut all_others.$field, &mut all_others_hidden.$field),
                &mut rows_cells,
                $people,
                threshold,
            );
        }};
    }
    let raters = |s: &MeasureSummary| s.respondents;
    each_measure!(dimensions, raters);
    each_measure!(practices, raters);
    each_measure!(categories, raters);
    each_measure!(items, |s: &ItemSummary| s
        .answers
        .ratings
        .iter()
        .flatten()
        .sum());
}

/// One kind of figure of one row (its dimensions, say) and the row's record of hidden ones.
type Cells<'a, K, S> = (&'a mut BTreeMap<K, S>, &'a mut BTreeMap<K, CellVisibility>);

/// One kind of measure: for each measure all others rated, decide its cells.
fn hide_cells<K: Ord + Clone, S>(
    (total, total_hidden): Cells<'_, K, S>,
    rows: &mut [Cells<'_, K, S>],
    people: impl Fn(&S) -> u32,
    threshold: Threshold,
) {
    let keys: Vec<K> = total.keys().cloned().collect();
    for key in keys {
        let total_people = people(&total[&key]);
        if total_people == 0 {
            continue;
        }
        let parts: Vec<u32> = rows
            .iter()
            .map(|(cells, _)| cells.get(&key).map(&people).unwrap_or(0))
            .collect();
        let decided = partition_to_show(total_people, &parts, threshold);
        if !decided.total.is_shown() {
            total.remove(&key);
            total_hidden.insert(key.clone(), decided.total);
        }
        for ((cells, hidden), visibility) in rows.iter_mut().zip(decided.parts) {
            if !visibility.is_shown() && cells.remove(&key).is_some() {
                hidden.insert(key.clone(), visibility);
            }
        }
    }
}

/// A row's answer counts are not shown (see [`ReportRow::scores`]).
fn hide_all_answer_counts(scores: &mut GroupScores) {
    let summaries = scores
        .dimensions
        .values_mut()
        .chain(scores.practices.values_mut())
        .chain(scores.categories.values_mut());
    for summary in summaries {
        summary.answers.hide(|_| false);
    }
    for item in scores.items.values_mut() {
        item.answers.hide(|_| false);
    }
}

/// All others' answer counts, per measure: a count is shown when at least k distinct
/// people gave those answers, and the hidden counts together (which the number of
/// answers minus the shown ones gives) come from 0 or at least k people. A hidden count
/// is marked in the distribution itself.
fn hide_answer_counts(
    instrument: &Instrument,
    sheets: &[&AnswerSheet],
    scores: &mut GroupScores,
    threshold: Threshold,
) {
    let hide = |measure: Measure, answers: &mut AnswerDistribution| {
        let people = people_per_answer(instrument, sheets, &measure);
        let counts: Vec<u32> = people.iter().map(|p| p.len() as u32).collect();
        let shown = overlapping_cells_to_show(&counts, threshold, |bins| {
            bins.iter()
                .flat_map(|&bin| people[bin].iter())
                .collect::<BTreeSet<_>>()
                .len() as u32
        });
        answers.hide(|bin| shown[bin].is_shown());
    };
    for (dimension, summary) in scores.dimensions.iter_mut() {
        hide(Measure::Dimension(*dimension), &mut summary.answers);
    }
    for (practice, summary) in scores.practices.iter_mut() {
        hide(Measure::Practice(practice.clone()), &mut summary.answers);
    }
    for (category, summary) in scores.categories.iter_mut() {
        hide(Measure::Category(*category), &mut summary.answers);
    }
    for (item, summary) in scores.items.iter_mut() {
        hide(Measure::Item(item.clone()), &mut summary.answers);
    }
}

/// For each answer (scale points, then "don't know"), the respondents who gave it to at
/// least one of the measure's items.
fn people_per_answer(
    instrument: &Instrument,
    sheets: &[&AnswerSheet],
    measure: &Measure,
) -> Vec<BTreeSet<usize>> {
    let mut people = vec![BTreeSet::new(); instrument.scale.len() + 1];
    for item in items_of(instrument, measure) {
        for (respondent, sheet) in sheets.iter().enumerate() {
            if let Some(answer) = sheet.answer(&item.id) {
                people[AnswerDistribution::bin(instrument, answer)].insert(respondent);
            }
        }
    }
    people
}

impl<G> RoundReport<G> {
    /// All others' mean per dimension: what the focus suggestions are computed from.
    pub fn others_dimension_means(&self) -> std::collections::BTreeMap<Dimension, f64> {
        self.all_others
            .iter()
            .flat_map(|row| row.scores.dimensions.iter().map(|(d, s)| (*d, s.mean)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymity::attack::derivable;
    use crate::anonymity::groups_to_show;
    use crate::diagnostic::answers::Answer::{self, Rating};
    use crate::diagnostic::instrument::{ItemId, built_in};
    use proptest::prelude::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Group {
        Teachers,
        Support,
        Governors,
    }
    use Group::*;

    fn uniform(value: u8) -> AnswerSheet {
        AnswerSheet::new(
            built_in(),
            built_in()
                .items()
                .iter()
                .map(|item| (item.id.clone(), Rating(value))),
        )
        .unwrap()
    }

    fn with(answers: &[(&str, Answer)]) -> AnswerSheet {
        AnswerSheet::new(
            built_in(),
            answers.iter().map(|(id, a)| (ItemId((*id).into()), *a)),
        )
        .unwrap()
    }

    #[test]
    fn five_teachers_are_shown_beside_the_self_rating_with_gaps() {
        let counts = [(Teachers, 5), (Governors, 0)];
        let disclosure = groups_to_show(&counts, Threshold::DEFAULT);
        // Teachers rate 2, 3, 3, 4, 4 on everything: mean 3.2. The head rates 4.
        let responses: Vec<(Group, AnswerSheet)> = [2, 3, 3, 4, 4]
            .iter()
            .map(|&v| (Teachers, uniform(v)))
            .collect();
        let own = uniform(4);
        let report = build_round_report(built_in(), &disclosure, Some(&own), &responses).unwrap();
        assert_eq!(report.rows.len(), 1);
        let teachers = &report.rows[0];
        assert_eq!(teachers.groups, vec![Teachers]);
        let goals = &teachers.scores.dimensions[&Dimension::GoalsAndExpectations];
        assert!((goals.mean - 3.2).abs() < 1e-12);
        assert_eq!(goals.respondents, 5);
        let gap = teachers
            .dimension_gaps
            .iter()
            .find(|g| g.measure == Dimension::TeacherLearning)
            .unwrap();
        assert!((gap.gap - (3.2 - 4.0)).abs() < 1e-12);
        assert_eq!(report.all_others.as_ref().unwrap().scores.respondents, 5);
        let focus_ratings = report.others_dimension_means();
        assert_eq!(focus_ratings.len(), 5);
    }

    /// A rater's answers in the attack below: `learning` on every teacher-learning item
    /// (`None`: "don't know"), 3 on everything else.
    fn rates_learning(learning: Option<u8>) -> AnswerSheet {
        AnswerSheet::new(
            built_in(),
            built_in().items().iter().map(|item| {
                let answer = match (item.dimension, learning) {
                    (Dimension::TeacherLearning, Some(value)) => Rating(value),
                    (Dimension::TeacherLearning, None) => Answer::DontKnow,
                    _ => Rating(3),
                };
                (item.id.clone(), answer)
            }),
        )
        .unwrap()
    }

    /// What an attacker derives by subtraction: "all others" minus every shown row, as
    /// (people, their mean). `None` when all others is not shown for the dimension.
    fn all_others_minus_shown_rows(
        report: &RoundReport<Group>,
        dimension: Dimension,
    ) -> Option<(u32, f64)> {
        let all = report
            .all_others
            .as_ref()?
            .scores
            .dimensions
            .get(&dimension)?;
        let (mut people, mut sum) = (all.respondents, all.mean * f64::from(all.respondents));
        for row in &report.rows {
            if let Some(cell) = row.scores.dimensions.get(&dimension) {
                people -= cell.respondents;
                sum -= cell.mean * f64::from(cell.respondents);
            }
        }
        (people > 0).then(|| (people, sum / f64::from(people)))
    }

    #[test]
    fn a_lone_rater_hidden_by_dont_know_cannot_be_recovered_by_subtraction() {
        // The testers' attack on the demo: k = 5, five teachers rate everything; of five
        // support staff one rates teacher learning 1 and four answer "don't know" there.
        let counts = [(Teachers, 5), (Support, 5)];
        let disclosure = groups_to_show(&counts, Threshold::DEFAULT);
        let mut responses: Vec<(Group, AnswerSheet)> = [2, 3, 3, 4, 4]
            .iter()
            .map(|&v| (Teachers, rates_learning(Some(v))))
            .collect();
        responses.push((Support, rates_learning(Some(1))));
        responses.extend((0..4).map(|_| (Support, rates_learning(None))));
        let report = build_round_report(built_in(), &disclosure, None, &responses).unwrap();

        let k = u32::from(report.threshold.get());
        for dimension in Dimension::ALL {
            if let Some((people, mean)) = all_others_minus_shown_rows(&report, dimension) {
                assert!(
                    people >= k,
                    "{dimension:?}: all others minus the shown rows gives {people} rater(s) \
                     with mean {mean:.2}"
                );
            }
        }
        // The other dimensions, where all ten rated, are still shown for both groups.
        let goals = Dimension::GoalsAndExpectations;
        assert!(
            report
                .rows
                .iter()
                .all(|r| r.scores.dimensions.contains_key(&goals))
        );
        // Teacher learning: all others (six raters) stays; both rows are hidden, with why.
        let learning = Dimension::TeacherLearning;
        let others = report.all_others.as_ref().unwrap();
        assert_eq!(others.scores.dimensions[&learning].respondents, 6);
        let hidden: Vec<CellVisibility> = report
            .rows
            .iter()
            .map(|r| r.hidden.dimensions[&learning])
            .collect();
        assert_eq!(
            hidden,
            vec![
                CellVisibility::WouldRevealSmallerGroup,
                CellVisibility::TooFew
            ]
        );
        // The answer counts: the single answer of 1 per item is not shown, nor any other
        // count that would give it away.
        let answers = &others.scores.dimensions[&learning].answers;
        assert_eq!(answers.ratings[0], None, "{answers:?}");
        assert!(report.rows.iter().all(|r| {
            r.scores.dimensions[&goals]
                .answers
                .ratings
                .iter()
                .all(Option::is_none)
        }));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Random rounds where each respondent rates teacher learning or answers "don't
        /// know" to all of it. Unknowns: each rater's teacher-learning score. Every shown
        /// figure (a row's, all others') is an equation: its mean times its raters is the
        /// sum of their scores. No rater alone, and no group's raters when fewer than k,
        /// can be solved for.
        #[test]
        fn no_rater_or_small_group_can_be_solved_for_from_the_shown_figures(
            teachers in prop::collection::vec(prop::option::of(1u8..=5), 0..9),
            support in prop::collection::vec(prop::option::of(1u8..=5), 0..9),
            governors in prop::collection::vec(prop::option::of(1u8..=5), 0..9),
            threshold in 3u8..=6,
        ) {
            let threshold = Threshold::new(threshold).unwrap();
            let k = u32::from(threshold.get());
            let people: Vec<(Group, Option<u8>)> = [(Teachers, &teachers), (Support, &support), (Governors, &governors)]
                .iter()
                .flat_map(|(g, answers)| answers.iter().map(move |a| (*g, *a)))
                .collect();
            let counts: Vec<(Group, u32)> = [(Teachers, &teachers), (Support, &support), (Governors, &governors)]
                .iter()
                .map(|(g, answers)| (*g, answers.len() as u32))
                .collect();
            let disclosure = groups_to_show(&counts, threshold);
            let readable = disclosure.groups_to_read();
            let responses: Vec<(Group, AnswerSheet)> = people
                .iter()
                .filter(|(g, _)| readable.contains(g))
                .map(|(g, a)| (*g, rates_learning(*a)))
                .collect();
            let report = build_round_report(built_in(), &disclosure, None, &responses).unwrap();

            let learning = Dimension::TeacherLearning;
            let raters_in = |groups: &[Group]| -> Vec<f64> {
                people
                    .iter()
                    .map(|(g, a)| if groups.contains(g) && a.is_some() && readable.contains(g) { 1.0 } else { 0.0 })
                    .collect()
            };
            let mut equations: Vec<Vec<f64>> = Vec::new();
            for row in report.rows.iter().chain(report.all_others.iter()) {
                if let Some(cell) = row.scores.dimensions.get(&learning) {
                    prop_assert!(cell.respondents >= k);
                    let equation = raters_in(&row.groups);
                    prop_assert_eq!(equation.iter().sum::<f64>() as u32, cell.respondents);
                    equations.push(equation);
                }
            }
            for (person, (_, answer)) in people.iter().enumerate() {
                if answer.is_some() {
                    let mut alone = vec![0.0; people.len()];
                    alone[person] = 1.0;
                    prop_assert!(!derivable(&equations, &alone), "rater {person} of {people:?}");
                }
            }
            for group in [Teachers, Support, Governors] {
                let raters = raters_in(&[group]);
                let n = raters.iter().sum::<f64>() as u32;
                if n > 0 && n < k {
                    prop_assert!(!derivable(&equations, &raters), "{group:?} ({n}) of {people:?}");
                }
            }
        }
    }

    #[test]
    fn four_teachers_are_not_shown_at_all() {
        let disclosure = groups_to_show(&[(Teachers, 4)], Threshold::DEFAULT);
        let report = build_round_report(built_in(), &disclosure, Some(&uniform(4)), &[]).unwrap();
        assert!(report.rows.is_empty());
        assert!(report.all_others.is_none());
        assert!(report.strengths_and_blind_spots.is_none());
        assert!(report.others_dimension_means().is_empty());
        assert_eq!(report.groups, vec![(Teachers, GroupVisibility::Hidden)]);
        // The self-rating is not anonymous and is still shown.
        assert!(report.self_rating.is_some());
    }

    #[test]
    fn a_practice_rated_by_fewer_than_k_people_in_a_shown_row_is_dropped() {
        let disclosure = groups_to_show(&[(Teachers, 5)], Threshold::DEFAULT);
        // Four teachers say "don't know" to every monitoring_progress item; one rates them.
        let mut responses: Vec<(Group, AnswerSheet)> = (0..4)
            .map(|_| {
                let mut answers: Vec<(ItemId, Answer)> = built_in()
                    .items()
                    .iter()
                    .map(|item| (item.id.clone(), Rating(3)))
                    .collect();
                for (id, answer) in answers.iter_mut() {
                    if ["teaching-07", "teaching-08", "teaching-09", "teaching-10"]
                        .contains(&id.0.as_str())
                    {
                        *answer = Answer::DontKnow;
                    }
                }
                (Teachers, AnswerSheet::new(built_in(), answers).unwrap())
            })
            .collect();
        responses.push((Teachers, uniform(1)));
        let report = build_round_report(built_in(), &disclosure, None, &responses).unwrap();
        let teachers = &report.rows[0].scores;
        assert!(
            !teachers
                .practices
                .contains_key(&PracticeId("monitoring_progress".into()))
        );
        assert!(!teachers.items.contains_key(&ItemId("teaching-07".into())));
        assert!(
            teachers
                .practices
                .contains_key(&PracticeId("staffing".into()))
        );
        assert_eq!(
            teachers.dimensions[&Dimension::TeachingAndCurriculum].respondents,
            5
        );
    }

    #[test]
    fn answers_of_a_hidden_group_are_refused() {
        let disclosure = groups_to_show(&[(Teachers, 4)], Threshold::DEFAULT);
        let responses: Vec<(Group, AnswerSheet)> = (0..4).map(|_| (Teachers, uniform(3))).collect();
        assert_eq!(
            build_round_report(built_in(), &disclosure, None, &responses),
            Err(ReportError::GroupNotToBeRead {
                group: "Teachers".into()
            })
        );
    }

    #[test]
    fn answer_sheets_that_do_not_match_the_counts_are_refused() {
        let disclosure = groups_to_show(&[(Teachers, 5)], Threshold::DEFAULT);
        let responses: Vec<(Group, AnswerSheet)> = (0..6).map(|_| (Teachers, uniform(3))).collect();
        assert_eq!(
            build_round_report(built_in(), &disclosure, None, &responses),
            Err(ReportError::CountMismatch {
                group: "Teachers".into(),
                disclosed: 5,
                received: 6
            })
        );
    }

    #[test]
    fn strengths_and_blind_spots_come_from_all_others_practice_gaps() {
        let disclosure = groups_to_show(&[(Teachers, 5), (Governors, 2)], Threshold::DEFAULT);
        // Everyone rates monitoring_progress (teaching-07..10) 5 and staffing
        // (resourcing-04..06) 1; the head rates every item 3.
        let sheet = || {
            let mut answers: Vec<(&str, Answer)> =
                ["teaching-07", "teaching-08", "teaching-09", "teaching-10"]
                    .iter()
                    .map(|id| (*id, Rating(5)))
                    .collect();
            answers.extend(
                ["resourcing-04", "resourcing-05", "resourcing-06"]
                    .iter()
                    .map(|id| (*id, Rating(1))),
            );
            with(&answers)
        };
        let mut responses: Vec<(Group, AnswerSheet)> =
            (0..5).map(|_| (Teachers, sheet())).collect();
        responses.extend((0..2).map(|_| (Governors, sheet())));
        let report =
            build_round_report(built_in(), &disclosure, Some(&uniform(3)), &responses).unwrap();
        // Teachers and governors merge into one row equal to all others: not repeated.
        assert!(report.rows.is_empty());
        let found = report.strengths_and_blind_spots.unwrap();
        assert_eq!(found.strengths.len(), 1);
        assert_eq!(
            found.strengths[0].measure,
            PracticeId("monitoring_progress".into())
        );
        assert_eq!(found.strengths[0].gap, 2.0);
        assert_eq!(found.blind_spots[0].measure, PracticeId("staffing".into()));
        assert_eq!(found.blind_spots[0].gap, -2.0);
    }
}
