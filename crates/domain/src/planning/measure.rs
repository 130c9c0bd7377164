//! What a plan measures: a query over the school's own data, never a typed number.
//!
//! A [`MeasureSpec`] is stored with its priority (as JSON) and evaluated whenever the data
//! changes; the result always carries its interval ([`MeasureValue`]).

use serde::{Deserialize, Serialize};

/// A pupil group a measure is restricted to, by the progress breakdown's keys
/// (`by`: `disadvantaged`, `sen`, `eal`, `gender`, `prior-band`; `row`: the row's key,
/// e.g. `group-disadvantaged`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PupilGroup {
    pub by: String,
    pub row: String,
}

/// The query behind a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MeasureSpec {
    /// Value added in a subject (by its code, e.g. `MAT`, or the headline `CAP9`), for all
    /// pupils or one group; simple or contextual.
    ValueAdded {
        subject: String,
        group: Option<PupilGroup>,
        contextual: bool,
    },
    /// The gap in value added between disadvantaged pupils and the others, in a subject.
    DisadvantagedGap { subject: String },
    /// The share of a group's pupils falling behind in a subject (all subjects when `None`).
    FallingBehind {
        subject: Option<String>,
        group: Option<PupilGroup>,
    },
    /// A 360 dimension's mean as rated by "all others" (the dimension's storage key,
    /// e.g. `teacher_learning`).
    Leadership360 { dimension: String },
    /// Attendance (percent of possible sessions attended), for all pupils or one group.
    Attendance { group: Option<PupilGroup> },
    /// A survey scale's whole-school mean (the survey by its instrument id, e.g.
    /// `staff-climate`, the scale by its id, e.g. `orderly_environment`): the latest wave
    /// released in the year, as its results page shows it.
    SurveyScale { instrument: String, scale: String },
    /// A measure recorded by hand with its evidence attached (e.g. "lessons observed with
    /// retrieval practice"); `unit` is what the number counts.
    Manual { unit: String },
}

/// A measure's value at one moment: the estimate, its 95% interval and what it rests on.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MeasureValue {
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
    /// Pupils (or raters, or observations) the value rests on.
    pub n: u32,
}

/// Why a measure has no value now. A figure the progress, attendance or 360 pages would
/// not show is never shown here either.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "why", rename_all = "snake_case")]
pub enum Unavailable {
    /// The school has no results (attendance, closed 360 round …) for this year and subject.
    NoData,
    /// The year and subject have no reference expectations to judge pupils against.
    NoReference,
    /// Too few pupils or respondents, or a figure that would give away a smaller group:
    /// the anonymity rules hide it.
    Suppressed,
    /// A figure without an interval (e.g. a single respondent): not shown as a measure.
    NoInterval,
    /// The contextual model gives a school's effect, not a pupil group's.
    NotForGroups,
    /// The subject code, pupil group or 360 dimension is not one the data knows.
    Unknown { what: String },
    /// The viewer may not see where the figure comes from (a 360 is seen only by the
    /// leader it describes).
    NotPermitted,
}

impl Unavailable {
    /// The translation key of the reason.
    pub fn key(&self) -> &'static str {
        match self {
            Unavailable::NoData => "measure-unavailable-no-data",
            Unavailable::NoReference => "measure-unavailable-no-reference",
            Unavailable::Suppressed => "measure-unavailable-suppressed",
            Unavailable::NoInterval => "measure-unavailable-no-interval",
            Unavailable::NotForGroups => "measure-unavailable-not-for-groups",
            Unavailable::Unknown { .. } => "measure-unavailable-unknown",
            Unavailable::NotPermitted => "measure-unavailable-not-permitted",
        }
    }
}

/// A measure evaluated on the school's data: its value with its interval, or why there is
/// none.
pub type Reading = Result<MeasureValue, Unavailable>;

/// The change from a baseline to a current value, with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// `current − baseline`.
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
}

impl Change {
    /// The difference of two independent estimates, `d = c − b`, with its interval from
    /// the two intervals' half-widths combined in quadrature, each on its own side (the
    /// MOVER method, Newcombe 1998; Zou & Donner 2008):
    ///
    /// `lower = d − √((c − c_lower)² + (b_upper − b)²)`,
    /// `upper = d + √((c_upper − c)² + (b − b_lower)²)`.
    ///
    /// For symmetric intervals (value added, means) this is `d ± 1.96·√(se_c² + se_b²)`;
    /// for a proportion's Wilson interval it is Newcombe's interval of a difference. The
    /// two values are treated as independent: a year's pupils are a new cohort, and a
    /// 360's respondents answer afresh (many are the same people, so it is a little wide).
    pub fn between(baseline: &MeasureValue, current: &MeasureValue) -> Change {
        let estimate = current.estimate - baseline.estimate;
        let below = (current.estimate - current.lower).hypot(baseline.upper - baseline.estimate);
        let above = (current.upper - current.estimate).hypot(baseline.estimate - baseline.lower);
        Change {
            estimate,
            lower: estimate - below,
            upper: estimate + above,
        }
    }

    /// Whether the interval leaves out zero, i.e. there was a change we can be sure of.
    pub fn excludes_no_change(&self) -> bool {
        self.lower > 0.0 || self.upper < 0.0
    }
}

/// A measure's status in words that respect the interval: never "improved" or "declined"
/// unless the change's interval excludes no change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Status {
    /// Better than the baseline: the change's interval excludes no change.
    Improved { change: Change },
    /// Worse than the baseline: the change's interval excludes no change.
    Declined { change: Change },
    /// The change's interval includes no change: no change we can be sure of yet.
    NoClearChange { change: Change },
    /// There is a value now, but no baseline to compare it with.
    NoBaseline,
    /// There is no value now, and why.
    Unavailable(Unavailable),
}

impl Status {
    /// The status of a measure from its baseline (`None` until one is captured) and its
    /// current reading; `higher_is_better` says which way is an improvement (value added
    /// up, the gap or the share falling behind down).
    pub fn of(baseline: Option<&Reading>, current: &Reading, higher_is_better: bool) -> Status {
        let now = match current {
            Ok(now) => now,
            Err(why) => return Status::Unavailable(why.clone()),
        };
        let Some(Ok(before)) = baseline else {
            return Status::NoBaseline;
        };
        let change = Change::between(before, now);
        if !change.excludes_no_change() {
            return Status::NoClearChange { change };
        }
        if (change.estimate > 0.0) == higher_is_better {
            Status::Improved { change }
        } else {
            Status::Declined { change }
        }
    }

    /// The translation key of the status.
    pub fn key(&self) -> &'static str {
        match self {
            Status::Improved { .. } => "measure-status-improved",
            Status::Declined { .. } => "measure-status-declined",
            Status::NoClearChange { .. } => "measure-status-no-clear-change",
            Status::NoBaseline => "measure-status-no-baseline",
            Status::Unavailable(_) => "measure-status-unavailable",
        }
    }

    /// The change behind the status, when there is one.
    pub fn change(&self) -> Option<&Change> {
        match self {
            Status::Improved { change }
            | Status::Declined { change }
            | Status::NoClearChange { change } => Some(change),
            Status::NoBaseline | Status::Unavailable(_) => None,
        }
    }
}

/// The range a plan aims a measure at (a target is a range, never a single number).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TargetRange {
    lower: f64,
    upper: f64,
}

/// Why a target range was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BadTarget {
    #[error("a target's ends must be numbers")]
    NotANumber,
    #[error("a target's lower end ({lower}) is above its upper end ({upper})")]
    Reversed { lower: f64, upper: f64 },
}

impl TargetRange {
    /// A target from its two ends (equal ends make a target of one value).
    pub fn new(lower: f64, upper: f64) -> Result<TargetRange, BadTarget> {
        if !lower.is_finite() || !upper.is_finite() {
            return Err(BadTarget::NotANumber);
        }
        if lower > upper {
            return Err(BadTarget::Reversed { lower, upper });
        }
        Ok(TargetRange { lower, upper })
    }

    pub fn lower(&self) -> f64 {
        self.lower
    }

    pub fn upper(&self) -> f64 {
        self.upper
    }

    /// Where the current value's interval lies against the target.
    pub fn progress(&self, current: &MeasureValue, higher_is_better: bool) -> TargetProgress {
        if current.lower >= self.lower && current.upper <= self.upper {
            return TargetProgress::Met;
        }
        let below = current.upper < self.lower;
        let above = current.lower > self.upper;
        if !below && !above {
            return TargetProgress::OnTheWay;
        }
        if below != higher_is_better {
            TargetProgress::Beyond
        } else {
            TargetProgress::NotYet
        }
    }
}

/// Where a measure's current interval lies against its target range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetProgress {
    /// The whole interval is inside the target: target met.
    Met,
    /// The interval overlaps the target but is not inside it: on the way, not yet sure.
    OnTheWay,
    /// The whole interval is on the worse side of the target: not there yet.
    NotYet,
    /// The whole interval is on the better side of the target: beyond it.
    Beyond,
}

impl TargetProgress {
    /// The translation key of the words.
    pub fn key(self) -> &'static str {
        match self {
            TargetProgress::Met => "measure-target-met",
            TargetProgress::OnTheWay => "measure-target-on-the-way",
            TargetProgress::NotYet => "measure-target-not-yet",
            TargetProgress::Beyond => "measure-target-beyond",
        }
    }
}

impl MeasureSpec {
    /// Which way is an improvement: up for value added, attendance, a 360 dimension and a
    /// survey scale (each survey scores reverse-worded items so that higher is better);
    /// up for the disadvantaged gap too, as it is disadvantaged minus other pupils' value
    /// added (a gap of −0.4 closing to −0.1 is an improvement); down for the share falling
    /// behind. A manual measure says nothing by itself (`None`): its plan says which way.
    pub fn higher_is_better(&self) -> Option<bool> {
        match self {
            MeasureSpec::ValueAdded { .. }
            | MeasureSpec::DisadvantagedGap { .. }
            | MeasureSpec::Leadership360 { .. }
            | MeasureSpec::SurveyScale { .. }
            | MeasureSpec::Attendance { .. } => Some(true),
            MeasureSpec::FallingBehind { .. } => Some(false),
            MeasureSpec::Manual { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spec_round_trips_through_its_stored_json() {
        let spec = MeasureSpec::ValueAdded {
            subject: "MAT".into(),
            group: Some(PupilGroup {
                by: "disadvantaged".into(),
                row: "group-disadvantaged".into(),
            }),
            contextual: false,
        };
        let json = serde_json::to_string(&spec).unwrap();
        assert!(json.contains(r#""kind":"value_added""#), "{json}");
        assert_eq!(serde_json::from_str::<MeasureSpec>(&json).unwrap(), spec);
    }

    fn value(estimate: f64, half: f64) -> MeasureValue {
        MeasureValue {
            estimate,
            lower: estimate - half,
            upper: estimate + half,
            n: 30,
        }
    }

    #[test]
    fn the_change_interval_combines_half_widths_in_quadrature() {
        // ±0.3 and ±0.4: the difference's half-width is 0.5.
        let change = Change::between(&value(0.1, 0.3), &value(0.6, 0.4));
        assert!((change.estimate - 0.5).abs() < 1e-12);
        assert!((change.lower - 0.0).abs() < 1e-12, "{change:?}");
        assert!((change.upper - 1.0).abs() < 1e-12, "{change:?}");
        // Touching zero is not excluding it.
        assert!(!change.excludes_no_change());
    }

    #[test]
    fn an_asymmetric_interval_keeps_each_side_its_own_width() {
        // Newcombe's difference of two Wilson intervals: the lower side takes the
        // current's lower width and the baseline's upper width.
        let baseline = MeasureValue {
            estimate: 20.0,
            lower: 12.0,
            upper: 31.0,
            n: 50,
        };
        let current = MeasureValue {
            estimate: 10.0,
            lower: 5.0,
            upper: 19.0,
            n: 50,
        };
        let change = Change::between(&baseline, &current);
        assert!((change.estimate + 10.0).abs() < 1e-12);
        assert!((change.lower - (-10.0 - 5f64.hypot(11.0))).abs() < 1e-12);
        assert!((change.upper - (-10.0 + 9f64.hypot(8.0))).abs() < 1e-12);
    }

    #[test]
    fn improved_only_when_the_interval_excludes_no_change() {
        let baseline: Reading = Ok(value(-0.3, 0.2));
        let clearly_up: Reading = Ok(value(0.3, 0.2));
        let a_little_up: Reading = Ok(value(-0.1, 0.2));
        assert!(matches!(
            Status::of(Some(&baseline), &clearly_up, true),
            Status::Improved { .. }
        ));
        let unsure = Status::of(Some(&baseline), &a_little_up, true);
        assert!(matches!(unsure, Status::NoClearChange { .. }), "{unsure:?}");
        assert_eq!(unsure.key(), "measure-status-no-clear-change");
        assert!((unsure.change().unwrap().estimate - 0.2).abs() < 1e-12);
        // Going down a lot is a decline when higher is better …
        assert!(matches!(
            Status::of(Some(&clearly_up), &baseline, true),
            Status::Declined { .. }
        ));
        // … and an improvement when lower is better (the share falling behind).
        assert!(matches!(
            Status::of(Some(&clearly_up), &baseline, false),
            Status::Improved { .. }
        ));
        assert!(matches!(
            Status::of(Some(&baseline), &clearly_up, false),
            Status::Declined { .. }
        ));
    }

    #[test]
    fn no_baseline_and_an_unavailable_value_are_said_as_such() {
        let now: Reading = Ok(value(0.3, 0.2));
        assert_eq!(Status::of(None, &now, true), Status::NoBaseline);
        let baseline_missing: Reading = Err(Unavailable::NoData);
        assert_eq!(
            Status::of(Some(&baseline_missing), &now, true),
            Status::NoBaseline
        );
        let hidden: Reading = Err(Unavailable::Suppressed);
        let status = Status::of(Some(&now), &hidden, true);
        assert_eq!(status, Status::Unavailable(Unavailable::Suppressed));
        assert_eq!(status.change(), None);
        assert_eq!(status.key(), "measure-status-unavailable");
    }

    #[test]
    fn a_target_is_met_only_when_the_whole_interval_is_inside_it() {
        let target = TargetRange::new(0.0, 0.5).unwrap();
        assert_eq!(
            target.progress(&value(0.25, 0.2), true),
            TargetProgress::Met
        );
        assert_eq!(
            target.progress(&value(0.1, 0.2), true),
            TargetProgress::OnTheWay
        );
        assert_eq!(
            target.progress(&value(-0.5, 0.2), true),
            TargetProgress::NotYet
        );
        assert_eq!(
            target.progress(&value(1.0, 0.2), true),
            TargetProgress::Beyond
        );
        // Lower is better: below the range is beyond it, above is not yet.
        assert_eq!(
            target.progress(&value(-0.5, 0.2), false),
            TargetProgress::Beyond
        );
        assert_eq!(
            target.progress(&value(1.0, 0.2), false),
            TargetProgress::NotYet
        );
        assert_eq!(TargetProgress::OnTheWay.key(), "measure-target-on-the-way");
    }

    #[test]
    fn a_target_range_refuses_reversed_or_missing_ends() {
        assert_eq!(
            TargetRange::new(2.0, 1.0),
            Err(BadTarget::Reversed {
                lower: 2.0,
                upper: 1.0
            })
        );
        assert_eq!(TargetRange::new(f64::NAN, 1.0), Err(BadTarget::NotANumber));
        let one_value = TargetRange::new(1.0, 1.0).unwrap();
        assert_eq!((one_value.lower(), one_value.upper()), (1.0, 1.0));
    }

    #[test]
    fn the_gap_and_attainment_measures_go_up_and_falling_behind_down() {
        let gap = MeasureSpec::DisadvantagedGap {
            subject: "MAT".into(),
        };
        assert_eq!(gap.higher_is_better(), Some(true));
        let behind = MeasureSpec::FallingBehind {
            subject: None,
            group: None,
        };
        assert_eq!(behind.higher_is_better(), Some(false));
        let manual = MeasureSpec::Manual {
            unit: "lessons".into(),
        };
        assert_eq!(manual.higher_is_better(), None);
    }

    #[test]
    fn a_status_and_a_reading_round_trip_through_json() {
        let status = Status::of(Some(&Ok(value(0.0, 0.1))), &Ok(value(0.5, 0.1)), true);
        let json = serde_json::to_string(&status).unwrap();
        assert!(json.contains(r#""status":"improved""#), "{json}");
        assert_eq!(serde_json::from_str::<Status>(&json).unwrap(), status);
        let why = Unavailable::Unknown {
            what: "subject XYZ".into(),
        };
        let json = serde_json::to_string(&why).unwrap();
        assert_eq!(serde_json::from_str::<Unavailable>(&json).unwrap(), why);
    }
}
