//! One CPD activity as its author logs it, and the rules it must meet before it is kept.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::Date;

use crate::ids::PersonId;
use crate::observation::framework::Framework;

/// The kinds of professional learning a person logs (issue 16, item 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A course outside school.
    Course,
    /// Training in school: an INSET session, a twilight, a department session.
    InSchoolTraining,
    /// Being coached (or coaching).
    Coaching,
    /// Professional reading.
    Reading,
    /// Work in a learning triad or inquiry group.
    Triad,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Course,
        Kind::InSchoolTraining,
        Kind::Coaching,
        Kind::Reading,
        Kind::Triad,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Course => "course",
            Kind::InSchoolTraining => "in_school_training",
            Kind::Coaching => "coaching",
            Kind::Reading => "reading",
            Kind::Triad => "triad",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// The longest title accepted.
pub const LONGEST_TITLE: usize = 200;
/// The longest reflection accepted (a form is not a file).
pub const LONGEST_REFLECTION: usize = 4000;
/// The most hours one activity may claim: a long course, not a year.
pub const MOST_MINUTES: u32 = 200 * 60;

/// An activity as written, before it is checked. Time is kept in whole minutes, so hours
/// add up exactly on both database engines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: Kind,
    pub title: String,
    pub occurred_on: Date,
    pub minutes: u32,
    /// Framework strand ids, each at most once.
    pub strands: Vec<String>,
    /// Who led it, if someone on the school's staff did (the author may have led it).
    pub led_by: Option<PersonId>,
    pub reflection: String,
}

/// Why an activity was refused, worded for its author.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DraftProblem {
    #[error("give the activity a title")]
    NoTitle,
    #[error("a title is at most {LONGEST_TITLE} characters")]
    TitleTooLong,
    #[error("a reflection is at most {LONGEST_REFLECTION} characters")]
    ReflectionTooLong,
    #[error("the hours must be more than nothing and at most 200")]
    Hours,
    #[error("a strand must be one of the framework's")]
    UnknownStrand,
    #[error("an activity is logged once it has happened: the date is after today")]
    InTheFuture,
}

/// Reads hours as a person writes them ("1.5", "1,5", "2") into whole minutes.
pub fn minutes_from_hours(text: &str) -> Option<u32> {
    let hours: f64 = text.trim().replace(',', ".").parse().ok()?;
    if !hours.is_finite() || hours <= 0.0 {
        return None;
    }
    let minutes = (hours * 60.0).round();
    (1.0..=f64::from(MOST_MINUTES))
        .contains(&minutes)
        .then_some(minutes as u32)
}

impl Draft {
    /// Checks a draft: a title, hours in range, strands of the framework (duplicates
    /// dropped), no date after `today`, texts within their lengths. Texts come back
    /// trimmed.
    pub fn check(self, framework: &Framework, today: Date) -> Result<Draft, DraftProblem> {
        let title = self.title.trim().to_owned();
        if title.is_empty() {
            return Err(DraftProblem::NoTitle);
        }
        if title.chars().count() > LONGEST_TITLE {
            return Err(DraftProblem::TitleTooLong);
        }
        let reflection = self.reflection.trim().to_owned();
        if reflection.chars().count() > LONGEST_REFLECTION {
            return Err(DraftProblem::ReflectionTooLong);
        }
        if self.minutes == 0 || self.minutes > MOST_MINUTES {
            return Err(DraftProblem::Hours);
        }
        let mut strands: Vec<String> = Vec::new();
        for strand in &self.strands {
            if framework.strand(strand).is_none() {
                return Err(DraftProblem::UnknownStrand);
            }
            if !strands.contains(strand) {
                strands.push(strand.clone());
            }
        }
        if self.occurred_on > today {
            return Err(DraftProblem::InTheFuture);
        }
        Ok(Draft {
            title,
            reflection,
            strands,
            ..self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::framework::built_in;
    use time::macros::date;

    fn draft() -> Draft {
        Draft {
            kind: Kind::InSchoolTraining,
            title: "  Retrieval practice in maths  ".into(),
            occurred_on: date!(2026 - 01 - 12),
            minutes: 90,
            strands: vec!["checking_learning".into(), "checking_learning".into()],
            led_by: Some(PersonId(1)),
            reflection: "Try low-stakes quizzes at the start.".into(),
        }
    }

    const TODAY: Date = date!(2026 - 02 - 01);

    #[test]
    fn a_good_draft_is_trimmed_and_its_strands_kept_once() {
        let checked = draft().check(built_in(), TODAY).unwrap();
        assert_eq!(checked.title, "Retrieval practice in maths");
        assert_eq!(checked.strands, vec!["checking_learning".to_owned()]);
    }

    #[test]
    fn a_draft_is_refused_with_the_reason() {
        let framework = built_in();
        let mut no_title = draft();
        no_title.title = "   ".into();
        assert_eq!(no_title.check(framework, TODAY), Err(DraftProblem::NoTitle));
        let mut long = draft();
        long.title = "x".repeat(LONGEST_TITLE + 1);
        assert_eq!(
            long.check(framework, TODAY),
            Err(DraftProblem::TitleTooLong)
        );
        let mut long = draft();
        long.reflection = "x".repeat(LONGEST_REFLECTION + 1);
        assert_eq!(
            long.check(framework, TODAY),
            Err(DraftProblem::ReflectionTooLong)
        );
        let mut nothing = draft();
        nothing.minutes = 0;
        assert_eq!(nothing.check(framework, TODAY), Err(DraftProblem::Hours));
        let mut year = draft();
        year.minutes = MOST_MINUTES + 1;
        assert_eq!(year.check(framework, TODAY), Err(DraftProblem::Hours));
        let mut graded = draft();
        graded.strands = vec!["lesson_grade".into()];
        assert_eq!(
            graded.check(framework, TODAY),
            Err(DraftProblem::UnknownStrand)
        );
        let mut later = draft();
        later.occurred_on = date!(2026 - 02 - 02);
        assert_eq!(
            later.check(framework, TODAY),
            Err(DraftProblem::InTheFuture)
        );
    }

    #[test]
    fn hours_are_read_as_people_write_them() {
        assert_eq!(minutes_from_hours("1.5"), Some(90));
        assert_eq!(minutes_from_hours(" 1,5 "), Some(90));
        assert_eq!(minutes_from_hours("2"), Some(120));
        assert_eq!(minutes_from_hours("0.25"), Some(15));
        for bad in ["", "0", "-1", "abc", "NaN", "inf", "201", "0.001"] {
            assert_eq!(minutes_from_hours(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn kinds_read_back_from_their_names() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("webinar"), None);
    }
}
