//! The leadership diagnostic (360): instrument, scoring rules, anonymity, focus suggestions.
//!
//! - [`instrument`]: the instrument as data (`instruments/<id>/v<n>.toml`), parsed and checked;
//!   [`instrument::built_in`] is Headway's own.
//! - [`answers`]: one respondent's answers, checked against the instrument.
//! - anonymity lives in [`crate::anonymity`]: which respondent groups get a row, decided
//!   from counts before any answer is read, and which figures of the report may be shown.
//! - [`scoring`]: respondent and group scores, spread, Cronbach's alpha (shown at n ≥ 10),
//!   gaps between self and others, strengths and blind spots (ANALYTICS.md §6).
//! - [`report`]: a round's report, built where the answers are read, holding aggregates only.
//! - [`focus`]: focus suggestions weighted by the evidence and the school's [`context`].
//! - [`comparison`]: change per dimension since a previous round.

pub mod answers;
pub mod comparison;
pub mod context;
pub mod focus;
pub mod framework;
pub mod instrument;
pub mod report;
pub mod round;
pub mod scoring;
pub mod text;

pub use framework::{Dimension, PracticeCategory, Tag, TagFamily};
pub use text::Text;
