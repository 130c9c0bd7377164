//! Learning triads and collaborative inquiry (PRODUCT.md capability 4; issue 16, item 5): a
//! group of three to six staff with an inquiry question on a strand of the observation
//! framework, lessons they plan to try it in, peer observations within the group, the
//! evidence they collect (their classes' interim results among it) and the findings they
//! write and, when they choose, share with the school.
//!
//! Who reads what is decided here once, by [`reading`], and the access policy asks the same
//! function: members read everything; the rest of the staff (leaders among them) the list,
//! each question and the findings once shared; governors only the findings shared, with no
//! one named and no class evidence.

use std::collections::BTreeSet;

use thiserror::Error;
use time::Date;

use crate::ids::{PersonId, SchoolId};
use crate::observation::framework::Framework;

/// The fewest and most people in an inquiry group: a triad is three; more than six is a
/// meeting, not a group that observes each other's lessons.
pub const FEWEST_MEMBERS: usize = 3;
pub const MOST_MEMBERS: usize = 6;

/// The longest question accepted.
pub const LONGEST_QUESTION: usize = 500;
/// The longest note, lesson plan or findings accepted (a form is not a file).
pub const LONGEST_TEXT: usize = crate::observation::record::LONGEST_TEXT;

/// What decides who reads an inquiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InquiryFacts {
    pub school: SchoolId,
    pub members: Vec<PersonId>,
    pub findings_shared: bool,
}

/// How much of an inquiry a reader sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reading {
    /// Only the findings, once shared: no member named, no lesson, no class evidence
    /// (governors).
    SharedFindings,
    /// The question, strand, priority and members, and the findings once shared (the
    /// school's staff, its leaders among them).
    Staff,
    /// Everything: lessons, peer observations, the classes' results, working notes,
    /// findings before they are shared (the group's members).
    Member,
}

/// Who the reader is to the school, as far as inquiries care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// A member of staff who may join an inquiry (head, senior or middle leader, teacher).
    Teaching,
    /// Another member of staff (support staff).
    OtherStaff,
    Governor,
    /// No role that reads inquiries (a data manager, anyone from elsewhere).
    Outside,
}

/// What `person`, standing so to the school, reads of an inquiry; `None` for nothing.
pub fn reading(facts: &InquiryFacts, person: PersonId, standing: Standing) -> Option<Reading> {
    match standing {
        Standing::Teaching if facts.members.contains(&person) => Some(Reading::Member),
        Standing::Teaching | Standing::OtherStaff => Some(Reading::Staff),
        Standing::Governor if facts.findings_shared => Some(Reading::SharedFindings),
        Standing::Governor | Standing::Outside => None,
    }
}

/// An inquiry as its group starts it, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub question: String,
    pub strand: String,
    /// Everyone in the group, the person starting it among them.
    pub members: Vec<PersonId>,
    pub started_by: PersonId,
}

/// Why an inquiry, a lesson or a note was refused, worded for the person writing it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DraftProblem {
    #[error("write the question the group is asking")]
    NoQuestion,
    #[error("the question is longer than {LONGEST_QUESTION} characters")]
    QuestionTooLong,
    #[error("the focus must be a strand of the framework")]
    UnknownStrand,
    #[error("an inquiry group has {FEWEST_MEMBERS} to {MOST_MEMBERS} people; this one has {0}")]
    GroupSize(usize),
    #[error("the person starting an inquiry is one of its group")]
    StarterNotMember,
    #[error("write what the lesson will try")]
    NoPlan,
    #[error("a note is longer than {LONGEST_TEXT} characters")]
    TooLong,
}

impl Draft {
    /// Checks a draft: a question, a strand of the framework, and three to six distinct
    /// people including the one starting it. Members come back sorted, each once.
    pub fn check(self, framework: &Framework) -> Result<Draft, DraftProblem> {
        let question = self.question.trim().to_owned();
        if question.is_empty() {
            return Err(DraftProblem::NoQuestion);
        }
        if question.chars().count() > LONGEST_QUESTION {
            return Err(DraftProblem::QuestionTooLong);
        }
        if framework.strand(&self.strand).is_none() {
            return Err(DraftProblem::UnknownStrand);
        }
        let members: BTreeSet<PersonId> = self.members.iter().copied().collect();
        if !(FEWEST_MEMBERS..=MOST_MEMBERS).contains(&members.len()) {
            return Err(DraftProblem::GroupSize(members.len()));
        }
        if !members.contains(&self.started_by) {
            return Err(DraftProblem::StarterNotMember);
        }
        Ok(Draft {
            question,
            members: members.into_iter().collect(),
            ..self
        })
    }
}

/// A lesson the group plans: when, and what is tried (the class comes from the roster and
/// is checked by the use case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonDraft {
    pub taught_on: Date,
    pub tried: String,
}

impl LessonDraft {
    pub fn check(self) -> Result<LessonDraft, DraftProblem> {
        let tried = self.tried.trim().to_owned();
        if tried.is_empty() {
            return Err(DraftProblem::NoPlan);
        }
        if tried.chars().count() > LONGEST_TEXT {
            return Err(DraftProblem::TooLong);
        }
        Ok(LessonDraft { tried, ..self })
    }
}

/// The group's working notes (evidence collected, what they notice) or its findings,
/// trimmed, within [`LONGEST_TEXT`].
pub fn check_text(text: &str) -> Result<String, DraftProblem> {
    let text = text.trim();
    if text.chars().count() > LONGEST_TEXT {
        return Err(DraftProblem::TooLong);
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::framework::built_in;
    use time::macros::date;

    const SCHOOL: SchoolId = SchoolId(1);

    fn draft(members: &[i64], by: i64) -> Draft {
        Draft {
            question: "  Does a hinge question before practice cut the errors pupils carry?  "
                .into(),
            strand: "checking_learning".into(),
            members: members.iter().map(|&p| PersonId(p)).collect(),
            started_by: PersonId(by),
        }
    }

    #[test]
    fn a_group_has_three_to_six_distinct_people_including_its_starter() {
        let framework = built_in();
        assert_eq!(
            draft(&[1, 2], 1).check(framework),
            Err(DraftProblem::GroupSize(2))
        );
        // The same person twice is one person.
        assert_eq!(
            draft(&[1, 2, 2], 1).check(framework),
            Err(DraftProblem::GroupSize(2))
        );
        assert_eq!(
            draft(&[1, 2, 3, 4, 5, 6, 7], 1).check(framework),
            Err(DraftProblem::GroupSize(7))
        );
        assert_eq!(
            draft(&[2, 3, 4], 1).check(framework),
            Err(DraftProblem::StarterNotMember)
        );
        let three = draft(&[3, 1, 2], 1).check(framework).unwrap();
        assert_eq!(three.members, vec![PersonId(1), PersonId(2), PersonId(3)]);
        assert_eq!(
            three.question,
            "Does a hinge question before practice cut the errors pupils carry?"
        );
        assert!(draft(&[1, 2, 3, 4, 5, 6], 1).check(framework).is_ok());
        let message = DraftProblem::GroupSize(2).to_string();
        assert!(
            message.contains("3 to 6") && message.contains("has 2"),
            "{message}"
        );
    }

    #[test]
    fn a_draft_asks_a_question_on_a_strand_of_the_framework() {
        let framework = built_in();
        let mut empty = draft(&[1, 2, 3], 1);
        empty.question = "   ".into();
        assert_eq!(empty.check(framework), Err(DraftProblem::NoQuestion));
        let mut long = draft(&[1, 2, 3], 1);
        long.question = "x".repeat(LONGEST_QUESTION + 1);
        assert_eq!(long.check(framework), Err(DraftProblem::QuestionTooLong));
        let mut graded = draft(&[1, 2, 3], 1);
        graded.strand = "lesson_grade".into();
        assert_eq!(graded.check(framework), Err(DraftProblem::UnknownStrand));
    }

    #[test]
    fn a_lesson_says_what_it_tries_and_notes_have_a_limit() {
        let lesson = LessonDraft {
            taught_on: date!(2026 - 10 - 05),
            tried: " Hinge question after the second example ".into(),
        };
        assert_eq!(
            lesson.clone().check().unwrap().tried,
            "Hinge question after the second example"
        );
        let empty = LessonDraft {
            tried: " ".into(),
            ..lesson.clone()
        };
        assert_eq!(empty.check(), Err(DraftProblem::NoPlan));
        let long = LessonDraft {
            tried: "x".repeat(LONGEST_TEXT + 1),
            ..lesson
        };
        assert_eq!(long.check(), Err(DraftProblem::TooLong));
        assert_eq!(check_text("  noted  ").unwrap(), "noted");
        assert_eq!(
            check_text(&"x".repeat(LONGEST_TEXT + 1)),
            Err(DraftProblem::TooLong)
        );
    }

    #[test]
    fn members_read_everything_staff_the_question_and_governors_only_shared_findings() {
        let mut facts = InquiryFacts {
            school: SCHOOL,
            members: vec![PersonId(1), PersonId(2), PersonId(3)],
            findings_shared: false,
        };
        let member = PersonId(2);
        let other = PersonId(9);
        assert_eq!(
            reading(&facts, member, Standing::Teaching),
            Some(Reading::Member)
        );
        assert_eq!(
            reading(&facts, other, Standing::Teaching),
            Some(Reading::Staff)
        );
        assert_eq!(
            reading(&facts, other, Standing::OtherStaff),
            Some(Reading::Staff)
        );
        // A member who no longer teaches at the school reads as staff, if at all.
        assert_eq!(
            reading(&facts, member, Standing::OtherStaff),
            Some(Reading::Staff)
        );
        assert_eq!(reading(&facts, other, Standing::Governor), None);
        assert_eq!(reading(&facts, member, Standing::Outside), None);
        facts.findings_shared = true;
        assert_eq!(
            reading(&facts, other, Standing::Governor),
            Some(Reading::SharedFindings)
        );
        assert_eq!(reading(&facts, other, Standing::Outside), None);
        assert!(Reading::SharedFindings < Reading::Staff && Reading::Staff < Reading::Member);
    }
}
