//! One observation: its kind, what it records, and who may read it.
//!
//! Who reads a record is decided here once, by [`readers`], and the access policy
//! (`Action::ReadObservation`) asks the same function, so the list a teacher is shown
//! ("who can see this") is the rule that is enforced.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::Date;

use crate::ids::{PersonId, SchoolId};

use super::framework::Framework;

/// The kinds of observation (issue 16, item 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One of many short visits by a leader: only ever shown aggregated, no teacher named
    /// to anyone but the teacher visited. Nothing is agreed in a visit, so it has no
    /// action step.
    LearningWalk,
    /// A fuller observation agreed with the teacher, with feedback.
    Developmental,
    /// A teacher observing a colleague, at the colleague's invitation.
    Peer,
    /// A teacher's reflection on their own lesson.
    SelfReflection,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::LearningWalk,
        Kind::Developmental,
        Kind::Peer,
        Kind::SelfReflection,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::LearningWalk => "learning_walk",
            Kind::Developmental => "developmental",
            Kind::Peer => "peer",
            Kind::SelfReflection => "self_reflection",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Whether an agreed action step (and its revisit date) belongs to this kind.
    pub fn has_action_step(self) -> bool {
        self != Kind::LearningWalk
    }
}

/// A school's policy on leaders reading individual records (issue 16, item 3): private by
/// default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordPolicy {
    /// Only the teacher, the observer, and a coach the teacher shares with.
    #[default]
    Private,
    /// The head and senior leaders also read developmental and peer observations (never a
    /// learning walk or a self-reflection).
    LeadersReadObservations,
}

impl RecordPolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordPolicy::Private => "private",
            RecordPolicy::LeadersReadObservations => "leaders_read_observations",
        }
    }

    pub fn parse(text: &str) -> Option<RecordPolicy> {
        [RecordPolicy::Private, RecordPolicy::LeadersReadObservations]
            .into_iter()
            .find(|p| p.as_str() == text)
    }

    /// Whether this policy opens records of `kind` to the head and senior leaders.
    pub fn opens_to_leaders(self, kind: Kind) -> bool {
        self == RecordPolicy::LeadersReadObservations
            && matches!(kind, Kind::Developmental | Kind::Peer)
    }
}

/// What decides who may read a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordFacts {
    pub school: SchoolId,
    pub kind: Kind,
    /// The teacher observed (for a self-reflection, the author).
    pub teacher: PersonId,
    pub observer: PersonId,
    /// The one colleague the teacher has shared it with, if any.
    pub coach: Option<PersonId>,
    pub policy: RecordPolicy,
}

/// Someone who can read a record, as the teacher's page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    TheTeacher,
    TheObserver(PersonId),
    TheCoach(PersonId),
    /// The head and senior leaders of the school, because its policy says so.
    HeadAndSeniorLeaders,
}

/// Everyone who can read a record. The access policy asks this same list.
pub fn readers(facts: &RecordFacts) -> Vec<Reader> {
    let mut readers = vec![Reader::TheTeacher];
    if facts.observer != facts.teacher {
        readers.push(Reader::TheObserver(facts.observer));
    }
    if let Some(coach) = facts.coach
        && coach != facts.teacher
        && coach != facts.observer
        && facts.kind != Kind::LearningWalk
    {
        readers.push(Reader::TheCoach(coach));
    }
    if facts.policy.opens_to_leaders(facts.kind) {
        readers.push(Reader::HeadAndSeniorLeaders);
    }
    readers
}

/// The longest evidence note, strength or action step accepted (a form is not a file).
pub const LONGEST_TEXT: usize = 4000;

/// An observation as written, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: Kind,
    pub observed_on: Date,
    pub teacher: PersonId,
    pub observer: PersonId,
    pub strand: String,
    pub evidence: String,
    pub strengths: String,
    pub action_step: Option<String>,
    pub revisit_on: Option<Date>,
}

/// Why an observation was refused, worded for the person writing it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DraftProblem {
    #[error("the focus must be a strand of the framework")]
    UnknownStrand,
    #[error("write down what was seen: the evidence notes are empty")]
    NoEvidence,
    #[error("agree exactly one action step, with a date to revisit it")]
    NoActionStep,
    #[error("a learning walk agrees no action step")]
    ActionStepOnWalk,
    #[error("the revisit date must come after the observation")]
    RevisitNotAfter,
    #[error("a self-reflection is about your own lesson")]
    SelfReflectionOfOther,
    #[error("an observation is of a colleague's lesson; for your own, write a self-reflection")]
    ObservingSelf,
    #[error("a note is longer than {LONGEST_TEXT} characters")]
    TooLong,
}

impl Draft {
    /// Checks a draft against the framework and the rules of its kind: exactly one action
    /// step with a later revisit date (none on a learning walk), a strand of the framework.
    pub fn check(self, framework: &Framework) -> Result<Draft, DraftProblem> {
        if framework.strand(&self.strand).is_none() {
            return Err(DraftProblem::UnknownStrand);
        }
        if self.evidence.trim().is_empty() {
            return Err(DraftProblem::NoEvidence);
        }
        let texts = [
            Some(&self.evidence),
            Some(&self.strengths),
            self.action_step.as_ref(),
        ];
        if texts
            .into_iter()
            .flatten()
            .any(|t| t.chars().count() > LONGEST_TEXT)
        {
            return Err(DraftProblem::TooLong);
        }
        match (self.kind, self.teacher == self.observer) {
            (Kind::SelfReflection, false) => return Err(DraftProblem::SelfReflectionOfOther),
            (Kind::SelfReflection, true) => {}
            (_, true) => return Err(DraftProblem::ObservingSelf),
            (_, false) => {}
        }
        let step = self
            .action_step
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if self.kind.has_action_step() {
            let (Some(_), Some(revisit)) = (step, self.revisit_on) else {
                return Err(DraftProblem::NoActionStep);
            };
            if revisit <= self.observed_on {
                return Err(DraftProblem::RevisitNotAfter);
            }
        } else if step.is_some() || self.revisit_on.is_some() {
            return Err(DraftProblem::ActionStepOnWalk);
        }
        Ok(Draft {
            action_step: step.map(str::to_owned),
            ..self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::framework::built_in;
    use time::macros::date;

    const SCHOOL: SchoolId = SchoolId(1);
    const TEACHER: PersonId = PersonId(10);
    const OBSERVER: PersonId = PersonId(11);
    const COACH: PersonId = PersonId(12);

    fn facts(kind: Kind, coach: Option<PersonId>, policy: RecordPolicy) -> RecordFacts {
        RecordFacts {
            school: SCHOOL,
            kind,
            teacher: TEACHER,
            observer: if kind == Kind::SelfReflection {
                TEACHER
            } else {
                OBSERVER
            },
            coach,
            policy,
        }
    }

    #[test]
    fn by_default_a_record_is_read_by_the_teacher_and_its_observer_only() {
        assert_eq!(
            readers(&facts(Kind::Developmental, None, RecordPolicy::Private)),
            vec![Reader::TheTeacher, Reader::TheObserver(OBSERVER)]
        );
        assert_eq!(
            readers(&facts(Kind::SelfReflection, None, RecordPolicy::Private)),
            vec![Reader::TheTeacher]
        );
    }

    #[test]
    fn a_coach_reads_what_the_teacher_shares_and_leaders_what_the_policy_opens() {
        let open = RecordPolicy::LeadersReadObservations;
        assert_eq!(
            readers(&facts(Kind::Peer, Some(COACH), open)),
            vec![
                Reader::TheTeacher,
                Reader::TheObserver(OBSERVER),
                Reader::TheCoach(COACH),
                Reader::HeadAndSeniorLeaders
            ]
        );
        // The policy never opens a self-reflection or a learning walk.
        assert!(
            !readers(&facts(Kind::SelfReflection, Some(COACH), open))
                .contains(&Reader::HeadAndSeniorLeaders)
        );
        let walk = readers(&facts(Kind::LearningWalk, Some(COACH), open));
        assert_eq!(
            walk,
            vec![Reader::TheTeacher, Reader::TheObserver(OBSERVER)]
        );
    }

    fn draft(kind: Kind) -> Draft {
        Draft {
            kind,
            observed_on: date!(2026 - 01 - 12),
            teacher: TEACHER,
            observer: if kind == Kind::SelfReflection {
                TEACHER
            } else {
                OBSERVER
            },
            strand: "checking_learning".into(),
            evidence: "Mini whiteboards after each example.".into(),
            strengths: "Every pupil answered.".into(),
            action_step: (kind != Kind::LearningWalk)
                .then(|| "Pause to re-teach when fewer than four in five are right.".into()),
            revisit_on: (kind != Kind::LearningWalk).then_some(date!(2026 - 02 - 09)),
        }
    }

    #[test]
    fn every_observation_but_a_walk_agrees_exactly_one_action_step_with_a_later_revisit() {
        let framework = built_in();
        for kind in Kind::ALL {
            assert!(draft(kind).check(framework).is_ok(), "{kind:?}");
        }
        let mut no_step = draft(Kind::Developmental);
        no_step.action_step = Some("  ".into());
        assert_eq!(no_step.check(framework), Err(DraftProblem::NoActionStep));
        let mut no_date = draft(Kind::Peer);
        no_date.revisit_on = None;
        assert_eq!(no_date.check(framework), Err(DraftProblem::NoActionStep));
        let mut same_day = draft(Kind::Peer);
        same_day.revisit_on = Some(same_day.observed_on);
        assert_eq!(
            same_day.check(framework),
            Err(DraftProblem::RevisitNotAfter)
        );
        let mut walk = draft(Kind::LearningWalk);
        walk.action_step = Some("Do this".into());
        assert_eq!(walk.check(framework), Err(DraftProblem::ActionStepOnWalk));
    }

    #[test]
    fn a_draft_names_a_strand_of_the_framework_and_the_right_people() {
        let framework = built_in();
        let mut unknown = draft(Kind::Developmental);
        unknown.strand = "lesson_grade".into();
        assert_eq!(unknown.check(framework), Err(DraftProblem::UnknownStrand));
        let mut own = draft(Kind::Peer);
        own.observer = TEACHER;
        assert_eq!(own.check(framework), Err(DraftProblem::ObservingSelf));
        let mut other = draft(Kind::SelfReflection);
        other.observer = OBSERVER;
        assert_eq!(
            other.check(framework),
            Err(DraftProblem::SelfReflectionOfOther)
        );
        let mut long = draft(Kind::Developmental);
        long.evidence = "x".repeat(LONGEST_TEXT + 1);
        assert_eq!(long.check(framework), Err(DraftProblem::TooLong));
    }

    #[test]
    fn kinds_and_policies_read_back_from_their_names() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("graded"), None);
        assert_eq!(RecordPolicy::default(), RecordPolicy::Private);
        assert_eq!(
            RecordPolicy::parse("leaders_read_observations"),
            Some(RecordPolicy::LeadersReadObservations)
        );
    }
}
