//! Teacher learning: CPD records aligned to the plan (PRODUCT.md capability 4; issue 16,
//! items 6 and 7).
//!
//! - [`activity`]: what a member of staff logs for themselves — a course, in-school
//!   training, coaching, reading or a triad, its hours, the framework strands and plan
//!   priority it serves, who led it, and a reflection. Only its author reads or edits it.
//! - [`summary`]: what leaders see instead — CPD hours by plan priority (coherence) and by
//!   framework strand, each figure resting on at least k people through
//!   [`crate::anonymity`], never one person's figures.
//! - [`participation`]: a leader's own part in teacher learning (observing, being
//!   observed, leading CPD, joining triads), shown beside their 360 for dimension 4.

pub mod activity;
pub mod participation;
pub mod summary;

pub use activity::{Draft, DraftProblem, Kind};
pub use participation::Participation;
