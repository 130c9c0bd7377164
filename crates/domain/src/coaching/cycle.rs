//! One coaching cycle: its goal, who reads it, and what may be written in it.
//!
//! A cycle is read by its coach and its coachee and by no one else — not the head, not a
//! governor: coaching is developmental, and a cycle that could be read by whoever
//! appraises the coachee would stop being honest (EVIDENCE.md §10). Leaders see only
//! counts ([`super::summary`]).

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::Date;

use crate::ids::{PersonId, SchoolId};

/// What a cycle's goal is drawn from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalKind {
    /// A strand of the observation framework (`instruments/observation/`).
    Strand,
    /// A priority of the school's improvement plan, where there is one.
    Priority,
    /// A practice of the leadership 360 (`instruments/leadership-360/`): for a leader only.
    Practice,
}

impl GoalKind {
    pub const ALL: [GoalKind; 3] = [GoalKind::Strand, GoalKind::Priority, GoalKind::Practice];

    pub fn as_str(self) -> &'static str {
        match self {
            GoalKind::Strand => "strand",
            GoalKind::Priority => "priority",
            GoalKind::Practice => "practice",
        }
    }

    pub fn parse(text: &str) -> Option<GoalKind> {
        GoalKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A cycle's goal: its kind and the id of the strand or practice (for a priority, its
/// title as it stood when the cycle opened, so the cycle outlives a change to the plan).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Goal {
    pub kind: GoalKind,
    pub key: String,
}

/// The two people of a cycle, as one of them sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Coach,
    Coachee,
}

impl Part {
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Coach => "coach",
            Part::Coachee => "coachee",
        }
    }

    pub fn parse(text: &str) -> Option<Part> {
        [Part::Coach, Part::Coachee]
            .into_iter()
            .find(|p| p.as_str() == text)
    }
}

/// What decides who may read a cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CycleFacts {
    pub school: SchoolId,
    pub coach: PersonId,
    pub coachee: PersonId,
}

impl CycleFacts {
    /// The part `person` plays in the cycle, if any.
    pub fn part_of(&self, person: PersonId) -> Option<Part> {
        if person == self.coachee {
            Some(Part::Coachee)
        } else if person == self.coach {
            Some(Part::Coach)
        } else {
            None
        }
    }
}

/// Someone who can read a cycle, as the coachee's page lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    TheCoachee,
    TheCoach(PersonId),
}

/// Everyone who can read a cycle: its coachee and its coach, and nobody else whatever
/// their role. The access policy asks this same list.
pub fn readers(facts: &CycleFacts) -> Vec<Reader> {
    vec![Reader::TheCoachee, Reader::TheCoach(facts.coach)]
}

/// The longest step, reflection, note or evaluation accepted (a form is not a file).
pub const LONGEST_TEXT: usize = 4000;

/// Why something written in a cycle was refused, worded for its writer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CycleProblem {
    #[error("a coaching cycle has a coach and a coachee who are two different people")]
    CoachingSelf,
    #[error(
        "the goal must be a strand of the framework, a priority of the plan or, for a leader, a practice of the 360"
    )]
    UnknownGoal,
    #[error("a practice of the leadership 360 is a goal for a leader only")]
    PracticeNotForLeader,
    #[error("the text is empty")]
    Empty,
    #[error("a text is longer than {LONGEST_TEXT} characters")]
    TooLong,
    #[error("an action step has a date to revisit it, after the day it is agreed")]
    RevisitNotAfter,
    #[error("only an action step has a revisit date")]
    RevisitOnNonStep,
    #[error("a reflection is the coachee's, a note the coach's")]
    WrongAuthor,
    #[error("nothing is dated before the cycle opened")]
    BeforeOpening,
    #[error("the cycle is closed")]
    Closed,
}

/// What is written in an open cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// An action step agreed by both, with a date to revisit it. One at a time: a new step
    /// takes the place of the one before.
    Step,
    /// The coachee's reflection.
    Reflection,
    /// The coach's note.
    Note,
}

impl EntryKind {
    pub const ALL: [EntryKind; 3] = [EntryKind::Step, EntryKind::Reflection, EntryKind::Note];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Step => "step",
            EntryKind::Reflection => "reflection",
            EntryKind::Note => "note",
        }
    }

    pub fn parse(text: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// Whether `part` writes this kind: a step either of the two, a reflection the
    /// coachee, a note the coach.
    pub fn written_by(self, part: Part) -> bool {
        match self {
            EntryKind::Step => true,
            EntryKind::Reflection => part == Part::Coachee,
            EntryKind::Note => part == Part::Coach,
        }
    }
}

fn text(body: &str) -> Result<String, CycleProblem> {
    let body = body.trim();
    if body.is_empty() {
        Err(CycleProblem::Empty)
    } else if body.chars().count() > LONGEST_TEXT {
        Err(CycleProblem::TooLong)
    } else {
        Ok(body.to_owned())
    }
}

/// An entry as written, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryDraft {
    pub kind: EntryKind,
    pub author: Part,
    pub written_on: Date,
    pub body: String,
    pub revisit_on: Option<Date>,
}

impl EntryDraft {
    /// Checks an entry against its cycle: open, dated no earlier than the cycle opened,
    /// written by the part whose kind it is, a step with a later revisit date.
    pub fn check(self, opened_on: Date, closed: bool) -> Result<EntryDraft, CycleProblem> {
        if closed {
            return Err(CycleProblem::Closed);
        }
        if !self.kind.written_by(self.author) {
            return Err(CycleProblem::WrongAuthor);
        }
        if self.written_on < opened_on {
            return Err(CycleProblem::BeforeOpening);
        }
        let body = text(&self.body)?;
        match (self.kind, self.revisit_on) {
            (EntryKind::Step, None) => return Err(CycleProblem::RevisitNotAfter),
            (EntryKind::Step, Some(revisit)) if revisit <= self.written_on => {
                return Err(CycleProblem::RevisitNotAfter);
            }
            (EntryKind::Step, Some(_)) => {}
            (_, Some(_)) => return Err(CycleProblem::RevisitOnNonStep),
            (_, None) => {}
        }
        Ok(EntryDraft { body, ..self })
    }
}

/// The evaluation that closes a cycle: what changed, the evidence for it, what next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub closed_on: Date,
    pub what_changed: String,
    pub evidence: String,
    pub next: String,
}

impl Evaluation {
    /// Every part written, dated no earlier than the cycle opened, the cycle still open.
    pub fn check(self, opened_on: Date, closed: bool) -> Result<Evaluation, CycleProblem> {
        if closed {
            return Err(CycleProblem::Closed);
        }
        if self.closed_on < opened_on {
            return Err(CycleProblem::BeforeOpening);
        }
        Ok(Evaluation {
            closed_on: self.closed_on,
            what_changed: text(&self.what_changed)?,
            evidence: text(&self.evidence)?,
            next: text(&self.next)?,
        })
    }
}

/// Checks who a cycle is between and whether its goal suits the coachee: two people, and
/// a 360 practice only for a coachee who leads.
pub fn check_opening(
    coach: PersonId,
    coachee: PersonId,
    goal: GoalKind,
    coachee_leads: bool,
) -> Result<(), CycleProblem> {
    if coach == coachee {
        return Err(CycleProblem::CoachingSelf);
    }
    if goal == GoalKind::Practice && !coachee_leads {
        return Err(CycleProblem::PracticeNotForLeader);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const OPENED: Date = date!(2025 - 09 - 15);

    fn entry(kind: EntryKind, author: Part) -> EntryDraft {
        EntryDraft {
            kind,
            author,
            written_on: date!(2025 - 10 - 01),
            body: "  Re-teach when fewer than four in five are right.  ".into(),
            revisit_on: (kind == EntryKind::Step).then_some(date!(2025 - 10 - 22)),
        }
    }

    #[test]
    fn a_cycle_is_read_by_its_coach_and_coachee_and_nobody_else() {
        let facts = CycleFacts {
            school: SchoolId(1),
            coach: PersonId(2),
            coachee: PersonId(3),
        };
        assert_eq!(
            readers(&facts),
            vec![Reader::TheCoachee, Reader::TheCoach(PersonId(2))]
        );
        assert_eq!(facts.part_of(PersonId(3)), Some(Part::Coachee));
        assert_eq!(facts.part_of(PersonId(2)), Some(Part::Coach));
        assert_eq!(facts.part_of(PersonId(1)), None);
    }

    #[test]
    fn reflections_are_the_coachees_notes_the_coachs_and_steps_either() {
        for part in [Part::Coach, Part::Coachee] {
            assert!(entry(EntryKind::Step, part).check(OPENED, false).is_ok());
        }
        let reflection = entry(EntryKind::Reflection, Part::Coachee)
            .check(OPENED, false)
            .unwrap();
        assert_eq!(
            reflection.body,
            "Re-teach when fewer than four in five are right."
        );
        assert_eq!(
            entry(EntryKind::Reflection, Part::Coach).check(OPENED, false),
            Err(CycleProblem::WrongAuthor)
        );
        assert_eq!(
            entry(EntryKind::Note, Part::Coachee).check(OPENED, false),
            Err(CycleProblem::WrongAuthor)
        );
    }

    #[test]
    fn a_step_has_a_later_revisit_date_and_nothing_else_has_one() {
        let mut same_day = entry(EntryKind::Step, Part::Coach);
        same_day.revisit_on = Some(same_day.written_on);
        assert_eq!(
            same_day.check(OPENED, false),
            Err(CycleProblem::RevisitNotAfter)
        );
        let mut none = entry(EntryKind::Step, Part::Coach);
        none.revisit_on = None;
        assert_eq!(
            none.check(OPENED, false),
            Err(CycleProblem::RevisitNotAfter)
        );
        let mut dated = entry(EntryKind::Note, Part::Coach);
        dated.revisit_on = Some(date!(2025 - 11 - 01));
        assert_eq!(
            dated.check(OPENED, false),
            Err(CycleProblem::RevisitOnNonStep)
        );
    }

    #[test]
    fn nothing_is_written_empty_too_long_before_opening_or_after_closing() {
        let mut empty = entry(EntryKind::Note, Part::Coach);
        empty.body = "   ".into();
        assert_eq!(empty.check(OPENED, false), Err(CycleProblem::Empty));
        let mut long = entry(EntryKind::Note, Part::Coach);
        long.body = "x".repeat(LONGEST_TEXT + 1);
        assert_eq!(long.check(OPENED, false), Err(CycleProblem::TooLong));
        let mut early = entry(EntryKind::Note, Part::Coach);
        early.written_on = date!(2025 - 09 - 14);
        assert_eq!(early.check(OPENED, false), Err(CycleProblem::BeforeOpening));
        assert_eq!(
            entry(EntryKind::Note, Part::Coach).check(OPENED, true),
            Err(CycleProblem::Closed)
        );
    }

    #[test]
    fn an_evaluation_writes_what_changed_its_evidence_and_what_next() {
        let evaluation = Evaluation {
            closed_on: date!(2025 - 12 - 12),
            what_changed: "Checks now lead the lesson.".into(),
            evidence: "Hinge questions answered by 24 of 27.".into(),
            next: "Share the routine with the department.".into(),
        };
        assert!(evaluation.clone().check(OPENED, false).is_ok());
        assert_eq!(
            evaluation.clone().check(OPENED, true),
            Err(CycleProblem::Closed)
        );
        let missing = Evaluation {
            next: " ".into(),
            ..evaluation.clone()
        };
        assert_eq!(missing.check(OPENED, false), Err(CycleProblem::Empty));
        let early = Evaluation {
            closed_on: date!(2025 - 09 - 01),
            ..evaluation
        };
        assert_eq!(early.check(OPENED, false), Err(CycleProblem::BeforeOpening));
    }

    #[test]
    fn nobody_coaches_themselves_and_a_360_practice_is_a_leaders_goal() {
        let (a, b) = (PersonId(1), PersonId(2));
        assert_eq!(
            check_opening(a, a, GoalKind::Strand, false),
            Err(CycleProblem::CoachingSelf)
        );
        assert_eq!(
            check_opening(a, b, GoalKind::Practice, false),
            Err(CycleProblem::PracticeNotForLeader)
        );
        assert_eq!(check_opening(a, b, GoalKind::Practice, true), Ok(()));
        assert_eq!(check_opening(a, b, GoalKind::Priority, false), Ok(()));
        for kind in GoalKind::ALL {
            assert_eq!(GoalKind::parse(kind.as_str()), Some(kind));
        }
        for kind in EntryKind::ALL {
            assert_eq!(EntryKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(GoalKind::parse("grade"), None);
    }
}
