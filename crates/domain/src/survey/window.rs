//! A survey's window and its staged release.
//!
//! While a survey is open, leaders see how many have answered, per group of at least k,
//! and nothing of what they said: results while answers still arrive would let anyone
//! who knows who answered last narrow a group down. When the window closes the results
//! are released to leaders, or, when the head asked to review them first, held until
//! the head releases them.

use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyStatus {
    /// Answers are taken.
    Open,
    /// The window has closed; the head reviews the results before leaders see them.
    AwaitingReview,
    /// Results are open to leaders (and the whole-school scales to governors).
    Released,
}

impl SurveyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SurveyStatus::Open => "open",
            SurveyStatus::AwaitingReview => "awaiting_review",
            SurveyStatus::Released => "released",
        }
    }

    /// The status a survey takes when its window closes.
    pub fn on_close(review_by_head: bool) -> SurveyStatus {
        if review_by_head {
            SurveyStatus::AwaitingReview
        } else {
            SurveyStatus::Released
        }
    }

    pub fn is_open(self) -> bool {
        self == SurveyStatus::Open
    }

    /// Whether leaders and governors may read results (the head may also read them while
    /// reviewing: see [`SurveyStatus::open_to_reviewer`]).
    pub fn is_released(self) -> bool {
        self == SurveyStatus::Released
    }

    /// Whether the head, reviewing, may read the results.
    pub fn open_to_reviewer(self) -> bool {
        self != SurveyStatus::Open
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown survey status '{0}'")]
pub struct UnknownStatus(pub String);

impl FromStr for SurveyStatus {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [
            SurveyStatus::Open,
            SurveyStatus::AwaitingReview,
            SurveyStatus::Released,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
        .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_open_only_after_the_window_closes_and_any_review() {
        assert!(!SurveyStatus::Open.is_released());
        assert!(!SurveyStatus::Open.open_to_reviewer());
        assert_eq!(SurveyStatus::on_close(true), SurveyStatus::AwaitingReview);
        assert!(!SurveyStatus::AwaitingReview.is_released());
        assert!(SurveyStatus::AwaitingReview.open_to_reviewer());
        assert_eq!(SurveyStatus::on_close(false), SurveyStatus::Released);
        for status in ["open", "awaiting_review", "released"] {
            assert_eq!(status.parse::<SurveyStatus>().unwrap().as_str(), status);
        }
    }
}
