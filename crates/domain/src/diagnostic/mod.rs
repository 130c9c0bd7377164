//! The leadership diagnostic (360): instrument, scoring rules, anonymity, focus suggestions.
//!
//! - [`instrument`]: the instrument as data (`instruments/<id>/v<n>.toml`), parsed and checked;
//!   [`instrument::built_in`] is Headway's own.
//! - [`answers`]: one respondent's answers, checked against the instrument.
//! - [`anonymity`]: which respondent groups may be shown, decided from counts alone, before
//!   any answer is read.

pub mod anonymity;
pub mod answers;
pub mod context;
pub mod framework;
pub mod instrument;
pub mod text;

pub use framework::{Dimension, PracticeCategory, Tag, TagFamily};
pub use text::Text;
