//! One respondent's answers to a survey, checked against it.
//!
//! A response with nothing in it — no item rated, no comment — is not a response: it is
//! not stored, not counted, and does not use up its link (the page asks the respondent
//! first). A partial response is a response: it counts for each scale it completes.

use std::collections::BTreeMap;

use thiserror::Error;

use super::instrument::SurveyInstrument;
use crate::diagnostic::instrument::ItemId;

/// The longest comment kept, in characters; longer ones are cut, not refused, so an
/// answer is never lost for its length.
pub const COMMENT_MAX_CHARS: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SurveyAnswerError {
    #[error("item `{0}` is not in this survey")]
    UnknownItem(String),
    #[error("item `{item}` was answered {value}; the scale runs from {min} to {max}")]
    OffScale {
        item: String,
        value: u8,
        min: u8,
        max: u8,
    },
    #[error("item `{0}` was answered twice")]
    AnsweredTwice(String),
}

/// One respondent's answers: ratings by item, and the comment if they wrote one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SurveyAnswers {
    ratings: BTreeMap<ItemId, u8>,
    comment: Option<String>,
}

impl SurveyAnswers {
    /// Checks each rating against the survey; keeps a comment only if the survey asks for
    /// one and it is not blank.
    pub fn new(
        survey: &SurveyInstrument,
        ratings: impl IntoIterator<Item = (ItemId, u8)>,
        comment: Option<&str>,
    ) -> Result<SurveyAnswers, SurveyAnswerError> {
        let mut kept = BTreeMap::new();
        for (item, value) in ratings {
            if survey.item(&item.0).is_none() {
                return Err(SurveyAnswerError::UnknownItem(item.0));
            }
            if !survey.scale.contains(value) {
                return Err(SurveyAnswerError::OffScale {
                    item: item.0,
                    value,
                    min: survey.scale.min,
                    max: survey.scale.max,
                });
            }
            if kept.insert(item.clone(), value).is_some() {
                return Err(SurveyAnswerError::AnsweredTwice(item.0));
            }
        }
        let comment = comment
            .filter(|_| survey.free_text.is_some())
            .map(str::trim)
            .filter(|text| !text.is_empty())
            .map(|text| text.chars().take(COMMENT_MAX_CHARS).collect());
        Ok(SurveyAnswers {
            ratings: kept,
            comment,
        })
    }

    pub fn rating(&self, item: &ItemId) -> Option<u8> {
        self.ratings.get(item).copied()
    }

    pub fn ratings(&self) -> impl Iterator<Item = (&ItemId, u8)> {
        self.ratings.iter().map(|(item, value)| (item, *value))
    }

    pub fn comment(&self) -> Option<&str> {
        self.comment.as_deref()
    }

    /// Nothing rated and nothing written: not a response.
    pub fn is_empty(&self) -> bool {
        self.ratings.is_empty() && self.comment.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::Audience;
    use crate::survey::instrument::built_in;

    fn id(s: &str) -> ItemId {
        ItemId(s.into())
    }

    #[test]
    fn nothing_answered_and_a_blank_comment_is_empty() {
        let survey = built_in(Audience::Pupils);
        assert!(
            SurveyAnswers::new(survey, [], Some("   \n"))
                .unwrap()
                .is_empty()
        );
        assert!(
            !SurveyAnswers::new(survey, [], Some("more clubs"))
                .unwrap()
                .is_empty()
        );
        assert!(
            !SurveyAnswers::new(survey, [(id("pupil-well-01"), 4)], None)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn off_scale_unknown_and_repeated_answers_are_refused() {
        let survey = built_in(Audience::Staff);
        assert_eq!(
            SurveyAnswers::new(survey, [(id("staff-env-01"), 6)], None),
            Err(SurveyAnswerError::OffScale {
                item: "staff-env-01".into(),
                value: 6,
                min: 1,
                max: 5
            })
        );
        assert_eq!(
            SurveyAnswers::new(survey, [(id("goals-01"), 3)], None),
            Err(SurveyAnswerError::UnknownItem("goals-01".into()))
        );
        assert_eq!(
            SurveyAnswers::new(
                survey,
                [(id("staff-env-01"), 3), (id("staff-env-01"), 4)],
                None
            ),
            Err(SurveyAnswerError::AnsweredTwice("staff-env-01".into()))
        );
    }

    #[test]
    fn a_long_comment_is_cut_not_refused() {
        let survey = built_in(Audience::Parents);
        let long = "a".repeat(COMMENT_MAX_CHARS + 50);
        let answers = SurveyAnswers::new(survey, [], Some(&long)).unwrap();
        assert_eq!(
            answers.comment().unwrap().chars().count(),
            COMMENT_MAX_CHARS
        );
    }
}
