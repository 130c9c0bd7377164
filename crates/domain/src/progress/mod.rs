//! Progress (PRODUCT.md capability 1; ANALYTICS.md §2–§5): from pupils' starting points and
//! outcomes to the figures a head reads — value added with intervals for the school and
//! its groups, the disadvantaged gap, three-year trends, and pupils falling behind.
//!
//! Pure: the store supplies rows, `headway_stats` does the arithmetic, the web shows it.

pub mod behind;
pub mod breakdown;
pub mod headline;
pub mod national;
pub mod published;
pub mod reference;
pub mod standout;
pub mod trend;

pub use behind::{
    Assessment, Behind, FALLING_BEHIND_BY, InterimResult, PupilFilter, expected_range,
    falling_behind, latest_and_previous,
};
pub use breakdown::{
    Breakdown, BreakdownRow, Gap, GroupBy, Membership, RowLabel, SchoolProgress, mean_estimate,
    pupil_group_label, school_progress,
};
pub use headline::{Direction, SubjectPupils, direction};
pub use reference::{ContextualUnavailable, PupilOutcome, Reference, ReferenceError, SigmaSource};
pub use standout::{GroupKey, Side, Standout, SubjectFigures, SubjectStandout, what_stands_out};
pub use trend::{SubjectYear, improvement_group_over};
