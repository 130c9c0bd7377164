//! Published expectations tables (ANALYTICS.md §2, steps 1 and 2) as an import plans them
//! and as the reference reads them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One prior-attainment group of a published table, with its expected outcome. `year` is
/// the academic year's name (`2025/26`), `measure` a subject code (`MAT`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExpectationRow {
    pub measure: String,
    pub year: String,
    pub group: String,
    pub low: f64,
    pub high: f64,
    pub expected: f64,
    /// The published standard deviation of pupil value added for the measure and year,
    /// where the table gives one (the same on every row of a measure and year).
    #[serde(default)]
    pub sd: Option<f64>,
}

/// A group of the published table for one year and subject: prior scores
/// `low ≤ p ≤ high` are expected to reach `expected`.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedGroup {
    pub group: String,
    pub low: f64,
    pub high: f64,
    pub expected: f64,
}

/// The subject codes and academic-year names the database holds: what a table may name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownNames {
    pub subject_codes: BTreeSet<String>,
    pub year_names: BTreeSet<String>,
}
