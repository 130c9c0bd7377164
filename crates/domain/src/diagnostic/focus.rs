//! Focus suggestions (ANALYTICS.md §6): where the evidence says the leader's effort is
//! likely to matter most, given how others see their practice and the school's context.
//!
//! 1. [`base_priority`]: `(scale max − others' mean) × effect size` per dimension: room to
//!    improve, weighted by how strongly the dimension is linked to pupil outcomes.
//! 2. Context rules ([`context_rules`]), one function each: the head's time in post, the
//!    FSM band, the improvement group and the school's phase add a note to some dimensions
//!    and may give them more weight ([`CONTEXT_EMPHASIS`]). A rule either rests on the
//!    school leadership impact study (Day et al. 2009, the section named by
//!    [`ContextRule::basis`]) or is Headway's judgement, and the page says which.
//! 3. Suggestions are ordered by the adjusted priority, highest first.

use std::collections::BTreeMap;

use serde::Serialize;

use super::context::{
    ContextRule, ImprovementGroup, RuleBasis, SchoolContext, TenurePhase, is_higher_disadvantage,
};
use super::framework::Dimension;
use super::instrument::Instrument;
use super::text::Text;
use crate::school::Phase;

/// How much a context rule raises a dimension's priority when the evidence points to it.
/// This factor is Headway's judgement, not a figure from the studies: enough to reorder
/// dimensions whose priorities are close, never enough to overturn a large difference in
/// room to improve or in effect size. It is shown beside every adjusted priority.
pub const CONTEXT_EMPHASIS: f64 = 1.25;

/// What one context rule does to one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ContextAdjustment {
    pub rule: ContextRule,
    pub dimension: Dimension,
    /// Multiplies the priority: [`CONTEXT_EMPHASIS`], or 1 where the rule only adds a note.
    pub factor: f64,
}

/// One suggestion: a dimension to focus on, why, and what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FocusSuggestion {
    pub dimension: Dimension,
    /// 1 for the first suggestion.
    pub rank: usize,
    /// The rating the priority was computed from (others' mean, or the self-rating in a
    /// self-audit).
    pub rating: f64,
    pub effect_size: f64,
    /// `(scale max − rating) × effect size`.
    pub base_priority: f64,
    /// The base priority times every context factor: the order of the suggestions.
    pub priority: f64,
    /// What to do, from the instrument.
    pub headline: Text,
    /// The evidence sentence(s), citing the source.
    pub evidence: Text,
    /// What the effect size rests on, shown beside it.
    pub caveat: Text,
    /// The context rules that apply to this dimension, with their notes.
    pub context: Vec<ContextNote>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContextNote {
    pub rule: ContextRule,
    pub factor: f64,
    pub basis: RuleBasis,
    pub text: Text,
}

/// `priority = (scale max − rating) × effect size of the dimension` (ANALYTICS.md §6).
pub fn base_priority(scale_max: u8, rating: f64, effect_size: f64) -> f64 {
    (f64::from(scale_max) - rating) * effect_size
}

/// Every context rule that applies to the school, and what it does to which dimension.
pub fn context_rules(context: &SchoolContext) -> Vec<ContextAdjustment> {
    [
        early_in_post(context),
        established_in_post(context),
        higher_disadvantage(context),
        declining_or_stalled(context),
        improving_from_low(context),
        sustaining_high(context),
        secondary_phase(context),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn adjust(rule: ContextRule, factor: f64, dimensions: &[Dimension]) -> Vec<ContextAdjustment> {
    dimensions
        .iter()
        .map(|&dimension| ContextAdjustment {
            rule,
            dimension,
            factor,
        })
        .collect()
}

/// Head in post 0–3 years: goals and an orderly, supportive environment weigh more.
/// Headway's judgement (direction and the basic conditions for teaching first); no study
/// we hold says it.
pub fn early_in_post(context: &SchoolContext) -> Vec<ContextAdjustment> {
    match context.years_in_post.map(|years| years.phase()) {
        Some(TenurePhase::Early) => adjust(
            ContextRule::EarlyInPost,
            CONTEXT_EMPHASIS,
            &[
                Dimension::GoalsAndExpectations,
                Dimension::OrderlyAndSupportiveEnvironment,
            ],
        ),
        _ => Vec::new(),
    }
}

/// Head in post more than 3 years: a note on teaching and teacher learning; the order is
/// left to the evidence weights. Headway's judgement.
pub fn established_in_post(context: &SchoolContext) -> Vec<ContextAdjustment> {
    match context.years_in_post.map(|years| years.phase()) {
        Some(TenurePhase::Established) => adjust(
            ContextRule::EstablishedInPost,
            1.0,
            &[Dimension::TeachingAndCurriculum, Dimension::TeacherLearning],
        ),
        _ => Vec::new(),
    }
}

/// FSM band 3 or 4: planning, coordinating and evaluating teaching and the curriculum
/// weighs more (the impact study, Day et al. 2009 §10.3).
pub fn higher_disadvantage(context: &SchoolContext) -> Vec<ContextAdjustment> {
    match context.fsm_band {
        Some(band) if is_higher_disadvantage(band) => adjust(
            ContextRule::HigherDisadvantage,
            CONTEXT_EMPHASIS,
            &[Dimension::TeachingAndCurriculum],
        ),
        _ => Vec::new(),
    }
}

/// Results declining or not improving: planning, coordinating and evaluating teaching
/// weighs more (know classrooms and pupils' progress first). Headway's judgement.
pub fn declining_or_stalled(context: &SchoolContext) -> Vec<ContextAdjustment> {
    match context.improvement_group {
        Some(ImprovementGroup::Declining | ImprovementGroup::StableNotImproving) => adjust(
            ContextRule::DecliningOrStalled,
            CONTEXT_EMPHASIS,
            &[Dimension::TeachingAndCurriculum],
        ),
        _ => Vec::new(),
    }
}

/// Improved from low: the school's culture, teaching and the use of data weigh more (the
/// impact study, Day et al. 2009 §7.3). Which dimensions those are is Headway's reading:
/// culture → an orderly and supportive environment; teaching and the use of pupil data →
/// planning, coordinating and evaluating teaching (which includes monitoring progress).
pub fn improving_from_low(context: &SchoolContext) -> Vec<ContextAdjustment> {
    match context.improvement_group {
        Some(ImprovementGroup::LowToModerateOrHigh) => adjust(
            ContextRule::ImprovingFromLow,
            CONTEXT_EMPHASIS,
            &[
                Dimension::TeachingAndCurriculum,
                Dimension::OrderlyAndSupportiveEnvironment,
            ],
        ),
        _ => Vec::new(),
    }
}

/// Moderate to high, or stable high: a note on teacher learning and teaching; the order
/// is unchanged. Headway's judgement.
pub fn sustaining_high(context: &SchoolContext) -> Vec<ContextAdjustment> {
    match context.improvement_group {
        Some(ImprovementGroup::ModerateToHigh | ImprovementGroup::StableHigh) => adjust(
            ContextRule::SustainingHigh,
            1.0,
            &[Dimension::TeacherLearning, Dimension::TeachingAndCurriculum],
        ),
        _ => Vec::new(),
    }
}

/// A secondary school: a note on teaching and teacher learning, which secondary heads
/// lead more indirectly, through middle leaders (the impact study, Day et al. 2009 §9.3);
/// the order is unchanged, because the study speaks to how, not to what matters more.
pub fn secondary_phase(context: &SchoolContext) -> Vec<ContextAdjustment> {
    match context.phase {
        Some(Phase::Secondary) => adjust(
            ContextRule::SecondaryPhase,
            1.0,
            &[Dimension::TeachingAndCurriculum, Dimension::TeacherLearning],
        ),
        _ => Vec::new(),
    }
}

/// The focus suggestions, highest priority first. `ratings` are the dimension means the
/// priority is computed from: all others combined in a 360 (only when anonymity lets all
/// others be shown), the leader's own in a self-audit. Dimensions without a rating are
/// left out. Equal priorities keep Robinson's order of the dimensions.
pub fn focus_suggestions(
    instrument: &Instrument,
    ratings: &BTreeMap<Dimension, f64>,
    context: &SchoolContext,
) -> Vec<FocusSuggestion> {
    let adjustments = context_rules(context);
    let mut suggestions: Vec<FocusSuggestion> = Dimension::ALL
        .iter()
        .filter_map(|dimension| ratings.get(dimension).map(|rating| (*dimension, *rating)))
        .map(|(dimension, rating)| {
            let evidence = instrument.dimension(dimension);
            let base = base_priority(instrument.scale.max, rating, evidence.effect_size);
            let applying: Vec<&ContextAdjustment> = adjustments
                .iter()
                .filter(|a| a.dimension == dimension)
                .collect();
            let priority = applying
                .iter()
                .fold(base, |priority, a| priority * a.factor);
            FocusSuggestion {
                dimension,
                rank: 0,
                rating,
                effect_size: evidence.effect_size,
                base_priority: base,
                priority,
                headline: evidence.focus.clone(),
                evidence: evidence.evidence.clone(),
                caveat: evidence.caveat.clone(),
                context: applying
                    .iter()
                    .map(|a| ContextNote {
                        rule: a.rule,
                        factor: a.factor,
                        basis: a.rule.basis(),
                        text: instrument.context_note(a.rule).clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    // Stable: ties keep Robinson's order.
    suggestions.sort_by(|a, b| b.priority.total_cmp(&a.priority));
    for (index, suggestion) in suggestions.iter_mut().enumerate() {
        suggestion.rank = index + 1;
    }
    suggestions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::context::YearsInPost;
    use crate::diagnostic::instrument::built_in;
    use crate::school::{FsmBandCuts, Phase};

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    /// Others' means: teacher learning is rated high, the environment low.
    fn fixture() -> BTreeMap<Dimension, f64> {
        BTreeMap::from([
            (Dimension::GoalsAndExpectations, 3.5), // (5−3.5)×0.42 = 0.630
            (Dimension::StrategicResourcing, 3.0),  // (5−3.0)×0.31 = 0.620
            (Dimension::TeachingAndCurriculum, 3.6), // (5−3.6)×0.42 = 0.588
            (Dimension::TeacherLearning, 4.4),      // (5−4.4)×0.84 = 0.504
            (Dimension::OrderlyAndSupportiveEnvironment, 2.8), // (5−2.8)×0.27 = 0.594
        ])
    }

    fn order(suggestions: &[FocusSuggestion]) -> Vec<Dimension> {
        suggestions.iter().map(|s| s.dimension).collect()
    }

    #[test]
    fn priority_is_room_to_improve_times_effect_size() {
        assert!(close(base_priority(5, 3.5, 0.42), 0.63));
        assert!(close(base_priority(5, 5.0, 0.84), 0.0));
    }

    #[test]
    fn without_context_suggestions_follow_the_base_priority() {
        let suggestions = focus_suggestions(built_in(), &fixture(), &SchoolContext::default());
        assert_eq!(
            order(&suggestions),
            vec![
                Dimension::GoalsAndExpectations,
                Dimension::StrategicResourcing,
                Dimension::OrderlyAndSupportiveEnvironment,
                Dimension::TeachingAndCurriculum,
                Dimension::TeacherLearning,
            ]
        );
        assert_eq!(suggestions[0].rank, 1);
        assert!(close(suggestions[0].priority, 0.63));
        assert!(suggestions.iter().all(|s| s.context.is_empty()));
    }

    #[test]
    fn every_suggestion_carries_its_evidence_and_its_effect_sizes_caveat() {
        let suggestions = focus_suggestions(built_in(), &fixture(), &SchoolContext::default());
        for suggestion in &suggestions {
            assert!(suggestion.evidence.en().contains("Robinson"));
            assert!(
                suggestion.caveat.en().contains("associations"),
                "{:?}",
                suggestion.dimension
            );
            assert_eq!(
                suggestion.caveat.en().contains("6 of the 12"),
                suggestion.dimension == Dimension::TeacherLearning,
                "{:?}",
                suggestion.dimension
            );
        }
    }

    #[test]
    fn a_disadvantaged_school_weights_teaching_and_the_curriculum_as_the_impact_study_found() {
        let context = SchoolContext {
            fsm_band: Some(FsmBandCuts::default().band(0.40)),
            ..SchoolContext::default()
        };
        let suggestions = focus_suggestions(built_in(), &fixture(), &context);
        // Teaching 0.588 × 1.25 = 0.735 overtakes goals (0.63); the environment is unchanged.
        assert_eq!(suggestions[0].dimension, Dimension::TeachingAndCurriculum);
        assert!(close(suggestions[0].priority, 0.735));
        assert_eq!(suggestions[0].context.len(), 1);
        let note = &suggestions[0].context[0];
        assert_eq!(note.rule, ContextRule::HigherDisadvantage);
        assert_eq!(note.basis, RuleBasis::ImpactStudy { section: "10.3" });
        assert!(note.text.en().contains("§10.3"), "{}", note.text.en());
        let environment = suggestions
            .iter()
            .find(|s| s.dimension == Dimension::OrderlyAndSupportiveEnvironment)
            .unwrap();
        assert!(close(environment.priority, environment.base_priority));
        assert!(environment.context.is_empty());
    }

    #[test]
    fn a_new_head_in_a_disadvantaged_school_weighs_goals_environment_and_teaching() {
        let context = SchoolContext {
            years_in_post: Some(YearsInPost(1)),
            fsm_band: Some(FsmBandCuts::default().band(0.40)),
            ..SchoolContext::default()
        };
        let suggestions = focus_suggestions(built_in(), &fixture(), &context);
        // Goals 0.63 × 1.25 = 0.7875; environment 0.594 × 1.25 = 0.7425 (early in post,
        // Headway's judgement); teaching 0.588 × 1.25 = 0.735 (FSM band 4, §10.3).
        assert_eq!(
            order(&suggestions),
            vec![
                Dimension::GoalsAndExpectations,
                Dimension::OrderlyAndSupportiveEnvironment,
                Dimension::TeachingAndCurriculum,
                Dimension::StrategicResourcing,
                Dimension::TeacherLearning,
            ]
        );
        assert!(close(suggestions[1].priority, 0.7425));
        let rules: Vec<ContextRule> = suggestions[1].context.iter().map(|n| n.rule).collect();
        assert_eq!(rules, vec![ContextRule::EarlyInPost]);
        assert_eq!(suggestions[1].context[0].basis, RuleBasis::HeadwayJudgement);
        assert!(
            suggestions[1].context[0]
                .text
                .cy()
                .contains("blynyddoedd cyntaf")
        );
    }

    #[test]
    fn a_school_improving_from_low_weights_culture_teaching_and_data() {
        let context = SchoolContext {
            improvement_group: Some(ImprovementGroup::LowToModerateOrHigh),
            ..SchoolContext::default()
        };
        let suggestions = focus_suggestions(built_in(), &fixture(), &context);
        // Environment 0.594 × 1.25 = 0.7425; teaching 0.588 × 1.25 = 0.735; goals 0.63.
        assert_eq!(
            order(&suggestions)[..3],
            [
                Dimension::OrderlyAndSupportiveEnvironment,
                Dimension::TeachingAndCurriculum,
                Dimension::GoalsAndExpectations,
            ]
        );
        for suggestion in &suggestions[..2] {
            assert_eq!(suggestion.context[0].rule, ContextRule::ImprovingFromLow);
            assert_eq!(
                suggestion.context[0].basis,
                RuleBasis::ImpactStudy { section: "7.3" }
            );
        }
    }

    #[test]
    fn a_secondary_school_gets_a_note_on_leading_teaching_indirectly_without_reordering() {
        let context = SchoolContext {
            phase: Some(Phase::Secondary),
            ..SchoolContext::default()
        };
        let with = focus_suggestions(built_in(), &fixture(), &context);
        let without = focus_suggestions(built_in(), &fixture(), &SchoolContext::default());
        assert_eq!(order(&with), order(&without));
        let noted: Vec<Dimension> = with
            .iter()
            .filter(|s| !s.context.is_empty())
            .map(|s| s.dimension)
            .collect();
        assert_eq!(
            noted,
            vec![Dimension::TeachingAndCurriculum, Dimension::TeacherLearning]
        );
        let note = &with[3].context[0];
        assert_eq!(note.rule, ContextRule::SecondaryPhase);
        assert_eq!(note.basis, RuleBasis::ImpactStudy { section: "9.3" });
        assert!(close(note.factor, 1.0));
        let primary = SchoolContext {
            phase: Some(Phase::Primary),
            ..SchoolContext::default()
        };
        let primary = focus_suggestions(built_in(), &fixture(), &primary);
        assert!(primary.iter().all(|s| s.context.is_empty()));
    }

    #[test]
    fn context_notes_cite_only_the_impact_study_and_judgements_cite_nothing() {
        let instrument = built_in();
        for rule in ContextRule::ALL {
            let note = instrument.context_note(rule);
            for text in [note.en(), note.cy()] {
                assert!(!text.contains("2016"), "{}: {text}", rule.as_str());
                assert!(!text.contains("Gu "), "{}: {text}", rule.as_str());
                match rule.basis() {
                    RuleBasis::ImpactStudy { section } => {
                        assert!(text.contains("Day"), "{}: {text}", rule.as_str());
                        assert!(text.contains("2009"), "{}: {text}", rule.as_str());
                        assert!(
                            text.contains(&format!("§{section}")),
                            "{}: {text}",
                            rule.as_str()
                        );
                    }
                    RuleBasis::HeadwayJudgement => {
                        assert!(!text.contains("Day"), "{}: {text}", rule.as_str());
                        assert!(!text.contains("(20"), "{}: {text}", rule.as_str());
                    }
                }
            }
        }
    }

    #[test]
    fn a_declining_school_puts_teaching_and_curriculum_first() {
        let context = SchoolContext {
            years_in_post: Some(YearsInPost(6)),
            fsm_band: Some(FsmBandCuts::default().band(0.05)),
            improvement_group: Some(ImprovementGroup::Declining),
            phase: None,
        };
        let suggestions = focus_suggestions(built_in(), &fixture(), &context);
        // Teaching 0.588 × 1.25 = 0.735: first. Established adds notes only.
        assert_eq!(suggestions[0].dimension, Dimension::TeachingAndCurriculum);
        assert!(close(suggestions[0].priority, 0.735));
        let rules: Vec<ContextRule> = suggestions[0].context.iter().map(|n| n.rule).collect();
        assert_eq!(
            rules,
            vec![
                ContextRule::EstablishedInPost,
                ContextRule::DecliningOrStalled
            ]
        );
        let teacher_learning = suggestions
            .iter()
            .find(|s| s.dimension == Dimension::TeacherLearning)
            .unwrap();
        assert!(close(
            teacher_learning.priority,
            teacher_learning.base_priority
        ));
        assert_eq!(teacher_learning.context.len(), 1);
    }

    #[test]
    fn wording_only_rules_add_notes_without_changing_the_order() {
        let context = SchoolContext {
            improvement_group: Some(ImprovementGroup::StableHigh),
            ..SchoolContext::default()
        };
        let with = focus_suggestions(built_in(), &fixture(), &context);
        let without = focus_suggestions(built_in(), &fixture(), &SchoolContext::default());
        assert_eq!(order(&with), order(&without));
        let teacher_learning = with
            .iter()
            .find(|s| s.dimension == Dimension::TeacherLearning)
            .unwrap();
        assert_eq!(
            teacher_learning.context[0].rule,
            ContextRule::SustainingHigh
        );
    }

    #[test]
    fn equal_priorities_keep_robinsons_order() {
        let ratings = BTreeMap::from([
            (Dimension::TeachingAndCurriculum, 3.0),
            (Dimension::GoalsAndExpectations, 3.0),
        ]);
        let suggestions = focus_suggestions(built_in(), &ratings, &SchoolContext::default());
        assert_eq!(
            order(&suggestions),
            vec![
                Dimension::GoalsAndExpectations,
                Dimension::TeachingAndCurriculum
            ]
        );
    }

    #[test]
    fn dimensions_without_a_rating_are_left_out() {
        let ratings = BTreeMap::from([(Dimension::TeacherLearning, 2.0)]);
        let suggestions = focus_suggestions(built_in(), &ratings, &SchoolContext::default());
        assert_eq!(order(&suggestions), vec![Dimension::TeacherLearning]);
        assert!(close(suggestions[0].priority, 3.0 * 0.84));
    }
}
