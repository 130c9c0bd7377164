//! The results of one wave of a survey, holding aggregates only.
//!
//! What may be shown is decided by [`crate::anonymity`], the module the 360 uses, in its
//! two steps: which breakdown groups get a row ([`groups_to_show`], from response counts,
//! before any answer is read: the store reads only [`Disclosure::groups_to_read`]), then,
//! scale by scale, which figures may be shown ([`partition_to_show`]: the whole survey is
//! the total, the rows its parts, each counted in the people with a score on that scale,
//! since a partial response counts only for the scales it completes). Comments are
//! shown for the whole survey only, when it has at least k respondents, with roster
//! names masked and in alphabetical order, so their order says nothing about who wrote
//! them.
//!
//! [`groups_to_show`]: crate::anonymity::groups_to_show

use crate::anonymity::{CellVisibility, Disclosure, Threshold, partition_to_show};

use super::answers::SurveyAnswers;
use super::free_text::mask_names;
use super::instrument::{ScaleId, SurveyInstrument};
use super::scoring::{ScaleFigures, respondents_with_score, scale_figures};

/// One scale's figures in one place of the results, or why they are not shown.
#[derive(Debug, Clone, PartialEq)]
pub struct ScaleCell {
    pub scale: ScaleId,
    pub visibility: CellVisibility,
    /// Present exactly when shown.
    pub figures: Option<ScaleFigures>,
}

/// A breakdown row: one group, or several merged because each alone was below k.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow<G> {
    pub groups: Vec<G>,
    pub respondents: u32,
    pub scales: Vec<ScaleCell>,
}

/// The results of a wave.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyResults<G> {
    pub threshold: Threshold,
    /// Respondents to the whole wave, when at least k (otherwise nothing is shown).
    pub respondents: Option<u32>,
    /// The whole survey, scale by scale.
    pub whole: Vec<ScaleCell>,
    /// The breakdown, smallest row first.
    pub rows: Vec<ResultRow<G>>,
    /// Groups that answered but have no row of their own (counted in the whole only).
    pub unshown_groups: Vec<G>,
    /// Masked comments, when the whole has at least k respondents.
    pub comments: Vec<String>,
}

impl<G: Clone> SurveyResults<G> {
    /// What a governor reads: the whole-school scales, no breakdown, no comments.
    pub fn whole_school_only(&self) -> SurveyResults<G> {
        SurveyResults {
            threshold: self.threshold,
            respondents: self.respondents,
            whole: self.whole.clone(),
            rows: Vec::new(),
            unshown_groups: Vec::new(),
            comments: Vec::new(),
        }
    }

    pub fn whole_scale(&self, scale: &ScaleId) -> Option<&ScaleFigures> {
        self.whole
            .iter()
            .find(|cell| &cell.scale == scale)
            .and_then(|cell| cell.figures.as_ref())
    }
}

/// Builds a wave's results from the disclosure (decided from counts) and the responses
/// of the groups it allowed to be read. `roster_names` are the school's people and
/// pupils, masked in comments.
pub fn build_results<'n, G: Copy + Eq>(
    survey: &SurveyInstrument,
    disclosure: &Disclosure<G>,
    responses: &[(G, SurveyAnswers)],
    roster_names: impl IntoIterator<Item = &'n str> + Clone,
) -> SurveyResults<G> {
    let threshold = disclosure.threshold;
    let readable = disclosure.groups_to_read();
    // Only answers the disclosure allows: a caller that read more cannot show more.
    let responses: Vec<&(G, SurveyAnswers)> = responses
        .iter()
        .filter(|(group, _)| readable.contains(group))
        .collect();
    let all: Vec<&SurveyAnswers> = responses.iter().map(|(_, answers)| answers).collect();
    let in_row = |row: usize| -> Vec<&SurveyAnswers> {
        let groups = &disclosure.rows()[row].groups;
        responses
            .iter()
            .filter(|(group, _)| groups.contains(group))
            .map(|(_, answers)| answers)
            .collect()
    };
    let rows_answers: Vec<Vec<&SurveyAnswers>> = (0..disclosure.rows().len()).map(in_row).collect();

    let mut whole = Vec::new();
    let mut row_cells: Vec<Vec<ScaleCell>> = vec![Vec::new(); rows_answers.len()];
    for scale in &survey.scales {
        let total = match disclosure.all_others() {
            Some(_) => respondents_with_score(survey, scale, &all),
            None => 0,
        };
        let parts: Vec<u32> = rows_answers
            .iter()
            .map(|answers| respondents_with_score(survey, scale, answers))
            .collect();
        let shown = partition_to_show(total, &parts, threshold);
        let cell = |visibility: CellVisibility, answers: &[&SurveyAnswers]| ScaleCell {
            scale: scale.id.clone(),
            visibility,
            figures: visibility
                .is_shown()
                .then(|| scale_figures(survey, scale, answers)),
        };
        whole.push(cell(shown.total, &all));
        for (row, visibility) in shown.parts.iter().enumerate() {
            row_cells[row].push(cell(*visibility, &rows_answers[row]));
        }
    }
    let rows = disclosure
        .rows()
        .iter()
        .zip(row_cells)
        .map(|(row, scales)| ResultRow {
            groups: row.groups.clone(),
            respondents: row.respondents,
            scales,
        })
        .collect();
    let unshown_groups = disclosure
        .groups()
        .filter(|(_, visibility)| {
            matches!(
                visibility,
                crate::anonymity::GroupVisibility::OnlyInAllOthers
                    | crate::anonymity::GroupVisibility::Hidden
            )
        })
        .map(|(group, _)| group)
        .collect();
    let mut comments: Vec<String> = match disclosure.all_others() {
        Some(_) => all
            .iter()
            .filter_map(|answers| answers.comment())
            .map(|comment| mask_names(comment, roster_names.clone()))
            .collect(),
        None => Vec::new(),
    };
    comments.sort();
    SurveyResults {
        threshold,
        respondents: disclosure.all_others(),
        whole,
        rows,
        unshown_groups,
        comments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymity::groups_to_show;
    use crate::diagnostic::instrument::ItemId;
    use crate::survey::Audience;
    use crate::survey::instrument::built_in;

    fn pupil(value: u8, comment: Option<&str>) -> SurveyAnswers {
        let survey = built_in(Audience::Pupils);
        SurveyAnswers::new(
            survey,
            survey.items().map(|(_, item)| (item.id.clone(), value)),
            comment,
        )
        .unwrap()
    }

    fn wave(sizes: &[(u8, u32)]) -> Vec<(u8, SurveyAnswers)> {
        sizes
            .iter()
            .flat_map(|&(year, n)| (0..n).map(move |i| (year, pupil(1 + (i % 5) as u8, None))))
            .collect()
    }

    fn results(sizes: &[(u8, u32)], k: u8) -> SurveyResults<u8> {
        let counts: Vec<(u8, u32)> = sizes.to_vec();
        let disclosure = groups_to_show(&counts, Threshold::new(k).unwrap());
        build_results(
            built_in(Audience::Pupils),
            &disclosure,
            &wave(sizes),
            ["Nobody Here"],
        )
    }

    #[test]
    fn a_group_below_k_gets_no_row_and_cannot_be_recovered_by_subtraction() {
        // Years 7 and 8 have 12 each, year 9 has 2: year 9 alone is too small, and whole
        // minus years 7 and 8 would give it away, so it is merged into a row with the
        // next-smallest group and never shown alone.
        let r = results(&[(7, 12), (8, 12), (9, 2)], 5);
        assert_eq!(r.respondents, Some(26));
        assert!(r.rows.iter().all(|row| row.groups != vec![9]));
        let shown: u32 = r.rows.iter().map(|row| row.respondents).sum();
        let remainder = 26 - shown;
        assert!(
            remainder == 0 || remainder >= 5,
            "{remainder} would be recoverable"
        );
        for row in &r.rows {
            assert!(row.respondents >= 5);
        }
    }

    #[test]
    fn a_scale_too_few_people_completed_is_hidden_with_its_complement() {
        // Year 7: 6 complete; year 8: 6 respondents but only 2 completed well-being.
        let survey = built_in(Audience::Pupils);
        let mut responses = wave(&[(7, 6)]);
        for i in 0..6 {
            let answers: Vec<(ItemId, u8)> = survey
                .items()
                .filter(|(scale, _)| i < 2 || scale.id.0 != "well_being")
                .map(|(_, item)| (item.id.clone(), 3))
                .collect();
            responses.push((8, SurveyAnswers::new(survey, answers, None).unwrap()));
        }
        let disclosure = groups_to_show(&[(7u8, 6), (8, 6)], Threshold::new(5).unwrap());
        let r = build_results(survey, &disclosure, &responses, []);
        let well_being = |cells: &[ScaleCell]| cells[0].clone();
        assert_eq!(well_being(&r.whole).figures.unwrap().respondents, 8);
        for row in &r.rows {
            // Year 8's 2 are too few; year 7's 6 would give them away (8 − 6): both hidden.
            assert!(!well_being(&row.scales).visibility.is_shown());
        }
        let engagement = &r.rows[0].scales[1];
        assert!(engagement.visibility.is_shown());
    }

    #[test]
    fn nothing_is_shown_below_k_respondents_not_even_comments() {
        let survey = built_in(Audience::Pupils);
        let responses = vec![(7u8, pupil(4, Some("more clubs"))), (7, pupil(3, None))];
        let disclosure = groups_to_show(&[(7u8, 2)], Threshold::new(3).unwrap());
        let r = build_results(survey, &disclosure, &responses, []);
        assert_eq!(r.respondents, None);
        assert!(r.whole.iter().all(|cell| cell.figures.is_none()));
        assert!(r.comments.is_empty());
    }

    #[test]
    fn comments_are_masked_sorted_and_kept_from_governors() {
        let survey = built_in(Audience::Pupils);
        let responses: Vec<(u8, SurveyAnswers)> = [
            "Zed: Mr Parry is kind",
            "a <script>alert(1)</script> note",
            "x",
        ]
        .iter()
        .map(|text| (7u8, pupil(3, Some(text))))
        .collect();
        let disclosure = groups_to_show(&[(7u8, 3)], Threshold::new(3).unwrap());
        let r = build_results(survey, &disclosure, &responses, ["Dafydd Parry"]);
        assert_eq!(
            r.comments,
            [
                "Zed: Mr […] is kind",
                "a <script>alert(1)</script> note",
                "x"
            ]
        );
        let governors = r.whole_school_only();
        assert!(governors.comments.is_empty() && governors.rows.is_empty());
        assert_eq!(governors.whole, r.whole);
    }
}
