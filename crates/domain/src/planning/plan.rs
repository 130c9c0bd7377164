//! The plan's rules: its states, how many priorities it may hold, what an action's
//! distribution pattern and a review's progress must say.
//!
//! A plan is agreed, then frozen: an agreed version stays readable as it was, and an edit
//! opens a new draft version (the store copies the agreed one). A closed plan takes no
//! edits at all.

use serde::{Deserialize, Serialize};

/// Where a version of a plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    /// Being written; edits change it in place.
    Draft,
    /// Agreed by the head: frozen, readable as it was agreed.
    Agreed,
    /// The year is over: nothing more changes.
    Closed,
}

impl PlanState {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanState::Draft => "draft",
            PlanState::Agreed => "agreed",
            PlanState::Closed => "closed",
        }
    }
}

impl std::str::FromStr for PlanState {
    type Err = PlanRule;
    fn from_str(s: &str) -> Result<Self, PlanRule> {
        match s {
            "draft" => Ok(PlanState::Draft),
            "agreed" => Ok(PlanState::Agreed),
            "closed" => Ok(PlanState::Closed),
            other => Err(PlanRule::UnknownValue(other.to_owned())),
        }
    }
}

/// What an edit to the plan's latest version does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditTarget {
    /// The draft is changed in place.
    InPlace,
    /// The agreed version is kept as it was; the edit goes to a new draft version.
    NewVersion,
}

/// Why a change to a plan was refused, worded for the person refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanRule {
    #[error("a closed plan cannot be changed")]
    Closed,
    #[error("only a draft can be agreed")]
    NotDraft,
    #[error("only an agreed plan can be closed")]
    NotAgreed,
    #[error("this version has been replaced by a newer one; edit the newest version")]
    NotLatest,
    #[error(
        "a plan holds at most {limit} priorities: a priority beyond that needs a written reason"
    )]
    OverLimitNeedsReason { limit: usize },
    #[error("a priority needs a title")]
    NoTitle,
    #[error("a decisional action names the teacher leader and the area they decide over")]
    DecisionalNeedsLeader,
    #[error("a dropped action needs the reason it was dropped")]
    DroppedNeedsReason,
    #[error("an action ends after it starts")]
    EndsBeforeStart,
    #[error("a target range runs from the lower to the upper value")]
    TargetBackwards,
    #[error("{0} is not a value this field takes")]
    UnknownValue(String),
}

/// What editing a plan in `state` does: change it, open a new version, or nothing.
pub fn edit_target(state: PlanState) -> Result<EditTarget, PlanRule> {
    match state {
        PlanState::Draft => Ok(EditTarget::InPlace),
        PlanState::Agreed => Ok(EditTarget::NewVersion),
        PlanState::Closed => Err(PlanRule::Closed),
    }
}

/// draft → agreed.
pub fn agree(state: PlanState) -> Result<PlanState, PlanRule> {
    match state {
        PlanState::Draft => Ok(PlanState::Agreed),
        PlanState::Closed => Err(PlanRule::Closed),
        PlanState::Agreed => Err(PlanRule::NotDraft),
    }
}

/// agreed → closed.
pub fn close(state: PlanState) -> Result<PlanState, PlanRule> {
    match state {
        PlanState::Agreed => Ok(PlanState::Closed),
        PlanState::Closed => Err(PlanRule::Closed),
        PlanState::Draft => Err(PlanRule::NotAgreed),
    }
}

/// How many priorities a plan holds before a further one needs a written reason. A few
/// coherent goals, with attention and resources aligned to them, is the point (PRODUCT.md,
/// "Coherence"); three is Headway's default, not a figure from a study, so it is
/// configurable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityLimit(pub usize);

impl Default for PriorityLimit {
    fn default() -> Self {
        PriorityLimit(3)
    }
}

impl PriorityLimit {
    /// May a priority be added to a plan already holding `held`? Beyond the limit only
    /// with a reason that says something.
    pub fn admit(self, held: usize, reason: Option<&str>) -> Result<(), PlanRule> {
        if held < self.0 || reason.is_some_and(|r| !r.trim().is_empty()) {
            Ok(())
        } else {
            Err(PlanRule::OverLimitNeedsReason { limit: self.0 })
        }
    }
}

/// How leadership of an action is distributed (Leithwood and colleagues' two patterns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "pattern", rename_all = "snake_case")]
pub enum Distribution {
    /// Staff advise; a leader decides.
    Consultative,
    /// A named teacher leader has authority over a defined area.
    Decisional {
        leader: crate::ids::PersonId,
        area: String,
    },
}

impl Distribution {
    pub fn key(&self) -> &'static str {
        match self {
            Distribution::Consultative => "consultative",
            Distribution::Decisional { .. } => "decisional",
        }
    }

    /// From a form's pattern, leader and area: a decisional action names both.
    pub fn parse(
        pattern: &str,
        leader: Option<crate::ids::PersonId>,
        area: Option<&str>,
    ) -> Result<Distribution, PlanRule> {
        match pattern {
            "consultative" => Ok(Distribution::Consultative),
            "decisional" => match (leader, area.map(str::trim).filter(|a| !a.is_empty())) {
                (Some(leader), Some(area)) => Ok(Distribution::Decisional {
                    leader,
                    area: area.to_owned(),
                }),
                _ => Err(PlanRule::DecisionalNeedsLeader),
            },
            other => Err(PlanRule::UnknownValue(other.to_owned())),
        }
    }
}

/// An action's progress as recorded at a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    Done,
    InProgress,
    Stalled,
    Dropped,
}

impl Progress {
    pub const ALL: [Progress; 4] = [
        Progress::Done,
        Progress::InProgress,
        Progress::Stalled,
        Progress::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Progress::Done => "done",
            Progress::InProgress => "in_progress",
            Progress::Stalled => "stalled",
            Progress::Dropped => "dropped",
        }
    }

    /// The progress with its reason: a dropped action says why; others keep no reason.
    pub fn with_reason(self, reason: Option<&str>) -> Result<(Progress, Option<String>), PlanRule> {
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        match (self, reason) {
            (Progress::Dropped, None) => Err(PlanRule::DroppedNeedsReason),
            (Progress::Dropped, Some(r)) => Ok((self, Some(r.to_owned()))),
            (_, _) => Ok((self, None)),
        }
    }
}

impl std::str::FromStr for Progress {
    type Err = PlanRule;
    fn from_str(s: &str) -> Result<Self, PlanRule> {
        Progress::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| PlanRule::UnknownValue(s.to_owned()))
    }
}

/// A target range, lower to upper, for a measure.
pub fn check_target(lower: Option<f64>, upper: Option<f64>) -> Result<(), PlanRule> {
    match (lower, upper) {
        (Some(l), Some(u)) if l > u => Err(PlanRule::TargetBackwards),
        _ => Ok(()),
    }
}

/// The Robinson dimensions a priority works through, from their storage keys.
pub fn parse_dimensions(
    keys: &[&str],
) -> Result<Vec<crate::diagnostic::framework::Dimension>, PlanRule> {
    use crate::diagnostic::framework::Dimension;
    keys.iter()
        .filter(|k| !k.is_empty())
        .map(|k| {
            Dimension::ALL
                .into_iter()
                .find(|d| d.as_str() == *k)
                .ok_or_else(|| PlanRule::UnknownValue((*k).to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::PersonId;

    #[test]
    fn a_draft_is_agreed_then_closed_and_nothing_goes_back() {
        assert_eq!(agree(PlanState::Draft), Ok(PlanState::Agreed));
        assert_eq!(close(PlanState::Agreed), Ok(PlanState::Closed));
        assert_eq!(agree(PlanState::Agreed), Err(PlanRule::NotDraft));
        assert_eq!(agree(PlanState::Closed), Err(PlanRule::Closed));
        assert_eq!(close(PlanState::Draft), Err(PlanRule::NotAgreed));
        assert_eq!(close(PlanState::Closed), Err(PlanRule::Closed));
    }

    #[test]
    fn editing_an_agreed_plan_opens_a_new_version_and_a_closed_one_refuses() {
        assert_eq!(edit_target(PlanState::Draft), Ok(EditTarget::InPlace));
        assert_eq!(edit_target(PlanState::Agreed), Ok(EditTarget::NewVersion));
        assert_eq!(edit_target(PlanState::Closed), Err(PlanRule::Closed));
    }

    #[test]
    fn a_fourth_priority_needs_a_written_reason() {
        let limit = PriorityLimit::default();
        assert_eq!(limit.admit(2, None), Ok(()));
        assert_eq!(
            limit.admit(3, None),
            Err(PlanRule::OverLimitNeedsReason { limit: 3 })
        );
        assert!(
            limit.admit(3, Some("   ")).is_err(),
            "a blank reason is none"
        );
        assert_eq!(limit.admit(3, Some("Estyn asked for it")), Ok(()));
        assert_eq!(
            PriorityLimit(5).admit(4, None),
            Ok(()),
            "the limit is configurable"
        );
    }

    #[test]
    fn a_decisional_action_names_its_teacher_leader_and_area() {
        assert_eq!(
            Distribution::parse("consultative", None, None),
            Ok(Distribution::Consultative)
        );
        assert_eq!(
            Distribution::parse("decisional", Some(PersonId(4)), Some(" ")),
            Err(PlanRule::DecisionalNeedsLeader)
        );
        assert_eq!(
            Distribution::parse("decisional", None, Some("Year 7 numeracy")),
            Err(PlanRule::DecisionalNeedsLeader)
        );
        assert_eq!(
            Distribution::parse("decisional", Some(PersonId(4)), Some("Year 7 numeracy")),
            Ok(Distribution::Decisional {
                leader: PersonId(4),
                area: "Year 7 numeracy".into()
            })
        );
        assert!(Distribution::parse("autocratic", None, None).is_err());
    }

    #[test]
    fn a_dropped_action_says_why_and_others_keep_no_reason() {
        assert_eq!(
            Progress::Dropped.with_reason(Some("")),
            Err(PlanRule::DroppedNeedsReason)
        );
        assert_eq!(
            Progress::Dropped.with_reason(Some("no cover")),
            Ok((Progress::Dropped, Some("no cover".into())))
        );
        assert_eq!(
            Progress::Stalled.with_reason(Some("ignored")),
            Ok((Progress::Stalled, None))
        );
        assert_eq!("in_progress".parse::<Progress>(), Ok(Progress::InProgress));
    }

    #[test]
    fn targets_run_upwards_and_dimensions_are_robinsons() {
        assert_eq!(
            check_target(Some(1.0), Some(0.5)),
            Err(PlanRule::TargetBackwards)
        );
        assert_eq!(check_target(Some(0.1), None), Ok(()));
        assert_eq!(parse_dimensions(&["teacher_learning"]).unwrap().len(), 1);
        assert!(parse_dimensions(&["charisma"]).is_err());
    }
}
