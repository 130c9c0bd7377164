//! The leadership diagnostic (360): instrument, scoring rules, anonymity, focus suggestions.
//!
//! - [`instrument`]: the instrument as data (`instruments/<id>/v<n>.toml`), parsed and checked;
//!   [`instrument::built_in`] is Headway's own.
//! - [`answers`]: one respondent's answers, checked against the instrument.

pub mod answers;
pub mod context;
pub mod framework;
pub mod instrument;
pub mod text;

pub use framework::{Dimension, PracticeCategory, Tag, TagFamily};
pub use text::Text;
