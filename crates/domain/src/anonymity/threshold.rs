//! k: the fewest people a shown figure may rest on.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The smallest number of distinct people a shown figure may describe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Threshold(u8);

#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "an anonymity threshold of {0} is too low: groups smaller than {min} let people be identified",
    min = Threshold::MINIMUM
)]
pub struct ThresholdTooLow(pub u8);

impl Threshold {
    /// Never below 3 (ANALYTICS.md §6; the floor used by 360 and HR survey tools,
    /// EVIDENCE.md §8).
    pub const MINIMUM: u8 = 3;
    /// 5 by default (Panorama, OurSCHOOL, PERTS: EVIDENCE.md §8).
    pub const DEFAULT: Threshold = Threshold(5);

    /// Refuses thresholds below [`Threshold::MINIMUM`].
    pub fn new(k: u8) -> Result<Threshold, ThresholdTooLow> {
        if k < Self::MINIMUM {
            Err(ThresholdTooLow(k))
        } else {
            Ok(Threshold(k))
        }
    }

    /// A threshold from a count setting (such as value added's "suppress groups below"),
    /// raised to [`Threshold::MINIMUM`] and capped at 255.
    pub fn at_least(k: usize) -> Threshold {
        Threshold(u8::try_from(k).unwrap_or(u8::MAX).max(Self::MINIMUM))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// Whether `people` are enough for a figure to be shown.
    pub fn allows(self, people: u32) -> bool {
        people >= u32::from(self.0)
    }
}

impl Default for Threshold {
    fn default() -> Self {
        Threshold::DEFAULT
    }
}

impl TryFrom<u8> for Threshold {
    type Error = ThresholdTooLow;
    fn try_from(k: u8) -> Result<Self, Self::Error> {
        Threshold::new(k)
    }
}

impl From<Threshold> for u8 {
    fn from(threshold: Threshold) -> u8 {
        threshold.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_threshold_below_three_is_refused() {
        assert_eq!(Threshold::new(2), Err(ThresholdTooLow(2)));
        assert_eq!(Threshold::new(0), Err(ThresholdTooLow(0)));
        assert_eq!(Threshold::new(3).unwrap().get(), 3);
        assert_eq!(Threshold::default().get(), 5);
    }

    #[test]
    fn a_threshold_below_three_is_refused_when_read_from_configuration() {
        let parsed: Result<Threshold, _> = toml::from_str::<toml::Table>("k = 2").unwrap()["k"]
            .clone()
            .try_into();
        assert!(parsed.is_err());
    }

    #[test]
    fn a_count_setting_becomes_a_threshold_of_at_least_three() {
        assert_eq!(Threshold::at_least(6).get(), 6);
        assert_eq!(Threshold::at_least(1).get(), 3);
        assert_eq!(Threshold::at_least(1000).get(), 255);
    }
}
