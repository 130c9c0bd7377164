//! A leader's own part in teacher learning over a period (issue 16, item 7): what
//! happened, to set beside what staff said in the leader's 360 about dimension 4,
//! "promoting and participating in teacher learning and development".
//!
//! Every figure is about the leader, from records that name them: observations they
//! wrote or that were of their lessons, CPD others logged as led by them, their own CPD
//! log. No colleague is named or counted on their own.

/// Counts over a period, each from a record of something that happened.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Participation {
    /// Observations the leader wrote of colleagues' lessons (learning walks, developmental
    /// and peer observations).
    pub observing: u32,
    /// Observations of the leader's own lessons written by colleagues.
    pub observed: u32,
    /// Distinct CPD sessions (a date and a title) that staff logged as led by the leader.
    pub cpd_sessions_led: u32,
    /// The leader's own logged CPD: activities and hours.
    pub own_cpd_activities: u32,
    pub own_cpd_minutes: u32,
    /// Learning triads or inquiry groups the leader worked in during the period (a lesson
    /// of the group's taught in it). `None` where it was not looked up; pages then say
    /// "not recorded yet" rather than zero.
    pub triads: Option<u32>,
}

impl Participation {
    /// Whether nothing at all was recorded (a page says so instead of a row of zeros).
    pub fn is_empty(&self) -> bool {
        self.observing == 0
            && self.observed == 0
            && self.cpd_sessions_led == 0
            && self.own_cpd_activities == 0
            && self.triads.unwrap_or(0) == 0
    }

    /// The leader's own CPD in hours.
    pub fn own_cpd_hours(&self) -> f64 {
        f64::from(self.own_cpd_minutes) / 60.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_records_is_empty_and_unrecorded_triads_are_not_zero() {
        let nothing = Participation::default();
        assert!(nothing.is_empty());
        assert_eq!(nothing.triads, None);
        let led = Participation {
            cpd_sessions_led: 2,
            own_cpd_minutes: 90,
            ..Default::default()
        };
        assert!(!led.is_empty());
        assert_eq!(led.own_cpd_hours(), 1.5);
    }
}
