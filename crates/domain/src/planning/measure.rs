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
}
