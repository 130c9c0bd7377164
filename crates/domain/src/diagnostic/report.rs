//! A round's report: the self-rating beside every row the anonymity rules allow, with gaps.
//!
//! The store calls [`build_round_report`] where the answers are read, with the
//! [`Disclosure`] it computed from response counts first and the answer sheets of
//! [`Disclosure::groups_to_read`] only. The report holds aggregates only.

use std::fmt::Debug;

use serde::Serialize;
use thiserror::Error;

use super::anonymity::{Disclosure, GroupVisibility, Threshold};
use super::answers::AnswerSheet;
use super::framework::Dimension;
use super::instrument::{Instrument, InstrumentKey, PracticeId};
use super::scoring::{
    Gap, GroupScores, RespondentScores, StrengthsAndBlindSpots, gaps, group_scores,
    respondent_scores, strengths_and_blind_spots,
};

/// How many strengths and blind spots the report lists.
pub const STRENGTHS_AND_BLIND_SPOTS_LISTED: usize = 3;

/// One row of the report: a group, merged groups, or all others.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportRow<G> {
    /// The groups in the row; for all others, every group that responded.
    pub groups: Vec<G>,
    pub scores: GroupScores,
    /// Others − self per dimension (empty without a self-rating).
    pub dimension_gaps: Vec<Gap<Dimension>>,
    /// Others − self per practice (empty without a self-rating).
    pub practice_gaps: Vec<Gap<PracticeId>>,
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

    let self_rating = self_sheet.map(|sheet| respondent_scores(instrument, sheet));
    let row = |groups: Vec<G>| -> ReportRow<G> {
        let sheets: Vec<&AnswerSheet> = responses
            .iter()
            .filter(|(g, _)| groups.contains(g))
            .map(|(_, sheet)| sheet)
            .collect();
        let scores = without_thin_figures(group_scores(instrument, &sheets), disclosure.threshold);
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
            dimension_gaps,
            practice_gaps,
        }
    };

    let rows: Vec<ReportRow<G>> = disclosure
        .rows()
        .iter()
        .map(|r| row(r.groups.clone()))
        .collect();
    let all_others = disclosure.all_others().map(|_| row(to_read.clone()));
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

/// Within a shown row, a figure that rests on fewer than k people's ratings is dropped
/// too: when most of a row answer "don't know" to a practice, its mean would describe the
/// few who did. Dimensions, practices and categories need k respondents with a score;
/// items need k ratings.
pub fn without_thin_figures(mut scores: GroupScores, threshold: Threshold) -> GroupScores {
    let k = u32::from(threshold.get());
    scores
        .dimensions
        .retain(|_, summary| summary.respondents >= k);
    scores
        .practices
        .retain(|_, summary| summary.respondents >= k);
    scores
        .categories
        .retain(|_, summary| summary.respondents >= k);
    scores
        .items
        .retain(|_, item| item.answers.ratings.iter().sum::<u32>() >= k);
    scores
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
    use crate::diagnostic::anonymity::groups_to_show;
    use crate::diagnostic::answers::Answer::{self, Rating};
    use crate::diagnostic::instrument::{ItemId, built_in};

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Group {
        Teachers,
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
