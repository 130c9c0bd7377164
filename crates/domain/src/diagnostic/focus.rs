//! Focus suggestions (ANALYTICS.md §6): where the evidence says the leader's effort is
//! likely to matter most, given how others see their practice and the school's context.
//!
//! 1. [`base_priority`]: `(scale max − others' mean) × effect size` per dimension: room to
//!    improve, weighted by how strongly the dimension is linked to pupil outcomes.
//! 2. Context rules ([`context_rules`]), one function each: the head's time in post, the
//!    FSM band and the improvement group add a note from the evidence to some dimensions
//!    and may give them more weight ([`CONTEXT_EMPHASIS`]).
//! 3. Suggestions are ordered by the adjusted priority, highest first.

use std::collections::BTreeMap;

use serde::Serialize;

use super::context::{
    ContextRule, ImprovementGroup, SchoolContext, TenurePhase, is_higher_disadvantage,
};
use super::framework::Dimension;
use super::instrument::Instrument;
use super::text::Text;

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
    /// What the effect size rests on, where the instrument says (the 0.84).
    pub caveat: Option<Text>,
    /// The context rules that apply to this dimension, with their notes.
    pub context: Vec<ContextNote>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContextNote {
    pub rule: ContextRule,
    pub factor: f64,
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

/// Head in post 0–3 years: goals and an orderly, supportive environment weigh more. Heads
/// early in post initiated most change and began with direction and the basic conditions
/// for teaching (Day et al. 2009; Day, Gu & Sammons 2016, "layered" strategies).
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

/// Head in post more than 3 years: a note on teaching and teacher learning (wider
/// distribution, deeper use of data and teachers' learning later in tenure); the order is
/// left to the evidence weights, which already favour these dimensions.
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

/// FSM band 3 or 4: an orderly, supportive environment and high expectations for every
/// pupil weigh more (Day et al. 2009 sampled improving schools in every FSM band).
pub fn higher_disadvantage(context: &SchoolContext) -> Vec<ContextAdjustment> {
    match context.fsm_band {
        Some(band) if is_higher_disadvantage(band) => adjust(
            ContextRule::HigherDisadvantage,
            CONTEXT_EMPHASIS,
            &[
                Dimension::OrderlyAndSupportiveEnvironment,
                Dimension::GoalsAndExpectations,
            ],
        ),
        _ => Vec::new(),
    }
}

/// Results declining or not improving: planning, coordinating and evaluating teaching
/// weighs more, because diagnosis (knowing classrooms and pupils' progress) comes first.
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

/// Improved from low: a note on goals and environment, to keep the foundations secure
/// while new strategies are layered on top; the order is unchanged.
pub fn improving_from_low(context: &SchoolContext) -> Vec<ContextAdjustment> {
    match context.improvement_group {
        Some(ImprovementGroup::LowToModerateOrHigh) => adjust(
            ContextRule::ImprovingFromLow,
            1.0,
            &[
                Dimension::GoalsAndExpectations,
                Dimension::OrderlyAndSupportiveEnvironment,
            ],
        ),
        _ => Vec::new(),
    }
}

/// Moderate to high, or stable high: a note on teacher learning and teaching (sustain by
/// distributing leadership and deepening teachers' learning, not new initiatives); the
/// order is unchanged.
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
    use crate::school::FsmBandCuts;

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
    fn the_084_suggestion_carries_its_caveat_and_every_suggestion_its_evidence() {
        let suggestions = focus_suggestions(built_in(), &fixture(), &SchoolContext::default());
        for suggestion in &suggestions {
            assert!(suggestion.evidence.en().contains("Robinson"));
            assert_eq!(
                suggestion.caveat.is_some(),
                suggestion.dimension == Dimension::TeacherLearning,
                "{:?}",
                suggestion.dimension
            );
        }
    }

    #[test]
    fn a_new_head_in_a_disadvantaged_school_puts_the_environment_first() {
        let context = SchoolContext {
            years_in_post: Some(YearsInPost(1)),
            fsm_band: Some(FsmBandCuts::default().band(0.40)),
            improvement_group: None,
        };
        let suggestions = focus_suggestions(built_in(), &fixture(), &context);
        // Environment 0.594 × 1.25 × 1.25 = 0.928125; goals 0.63 × 1.25 × 1.25 = 0.984375.
        assert_eq!(
            order(&suggestions),
            vec![
                Dimension::GoalsAndExpectations,
                Dimension::OrderlyAndSupportiveEnvironment,
                Dimension::StrategicResourcing,
                Dimension::TeachingAndCurriculum,
                Dimension::TeacherLearning,
            ]
        );
        assert!(close(suggestions[1].priority, 0.928125));
        let rules: Vec<ContextRule> = suggestions[1].context.iter().map(|n| n.rule).collect();
        assert_eq!(
            rules,
            vec![ContextRule::EarlyInPost, ContextRule::HigherDisadvantage]
        );
        assert!(
            suggestions[1].context[0]
                .text
                .cy()
                .contains("blynyddoedd cyntaf")
        );
    }

    #[test]
    fn a_declining_school_puts_teaching_and_curriculum_first() {
        let context = SchoolContext {
            years_in_post: Some(YearsInPost(6)),
            fsm_band: Some(FsmBandCuts::default().band(0.05)),
            improvement_group: Some(ImprovementGroup::Declining),
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
