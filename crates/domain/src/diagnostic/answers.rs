//! One respondent's answers, checked against the instrument.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::instrument::{Instrument, ItemId};

/// One answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// A point on the instrument's scale.
    Rating(u8),
    /// "Don't know": recorded, counted in the distribution of answers, left out of means.
    DontKnow,
}

/// Why an answer sheet was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AnswerError {
    #[error("item `{0}` is not in this instrument")]
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

/// One respondent's answers. Items left unanswered are simply absent; like "don't know",
/// they are left out of every mean.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct AnswerSheet {
    answers: BTreeMap<ItemId, Answer>,
}

impl AnswerSheet {
    /// Checks each answer against the instrument: the item exists, a rating is on the
    /// scale, no item is answered twice.
    pub fn new(
        instrument: &Instrument,
        answers: impl IntoIterator<Item = (ItemId, Answer)>,
    ) -> Result<AnswerSheet, AnswerError> {
        let mut sheet = BTreeMap::new();
        for (item, answer) in answers {
            if instrument.item(&item.0).is_none() {
                return Err(AnswerError::UnknownItem(item.0));
            }
            if let Answer::Rating(value) = answer
                && !instrument.scale.contains(value)
            {
                return Err(AnswerError::OffScale {
                    item: item.0,
                    value,
                    min: instrument.scale.min,
                    max: instrument.scale.max,
                });
            }
            if sheet.insert(item.clone(), answer).is_some() {
                return Err(AnswerError::AnsweredTwice(item.0));
            }
        }
        Ok(AnswerSheet { answers: sheet })
    }

    pub fn answer(&self, item: &ItemId) -> Option<Answer> {
        self.answers.get(item).copied()
    }

    /// The rating given to `item`; `None` for "don't know" or no answer.
    pub fn rating(&self, item: &ItemId) -> Option<u8> {
        match self.answers.get(item) {
            Some(Answer::Rating(value)) => Some(*value),
            _ => None,
        }
    }

    pub fn len(&self) -> usize {
        self.answers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::instrument::built_in;

    fn id(s: &str) -> ItemId {
        ItemId(s.into())
    }

    #[test]
    fn answers_on_the_scale_and_dont_know_are_accepted() {
        let sheet = AnswerSheet::new(
            built_in(),
            [
                (id("goals-01"), Answer::Rating(5)),
                (id("goals-02"), Answer::DontKnow),
            ],
        )
        .unwrap();
        assert_eq!(sheet.rating(&id("goals-01")), Some(5));
        assert_eq!(sheet.rating(&id("goals-02")), None);
        assert_eq!(sheet.answer(&id("goals-02")), Some(Answer::DontKnow));
    }

    #[test]
    fn off_scale_unknown_and_repeated_answers_are_refused() {
        let instrument = built_in();
        assert_eq!(
            AnswerSheet::new(instrument, [(id("goals-01"), Answer::Rating(6))]),
            Err(AnswerError::OffScale {
                item: "goals-01".into(),
                value: 6,
                min: 1,
                max: 5
            })
        );
        assert_eq!(
            AnswerSheet::new(instrument, [(id("nope"), Answer::Rating(3))]),
            Err(AnswerError::UnknownItem("nope".into()))
        );
        assert_eq!(
            AnswerSheet::new(
                instrument,
                [
                    (id("goals-01"), Answer::Rating(3)),
                    (id("goals-01"), Answer::Rating(4))
                ]
            ),
            Err(AnswerError::AnsweredTwice("goals-01".into()))
        );
    }
}
