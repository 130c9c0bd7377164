//! Teacher learning: observation on a framework held as data, developmental and private by
//! default (PRODUCT.md capability 4; issue 16).
//!
//! - [`framework`]: the observation framework (`instruments/observation/v<n>.toml`),
//!   strands and look-fors in English and Welsh; no grades.
//! - [`record`]: the kinds of observation, the one agreed action step, the school's
//!   policy on leaders reading records, and [`record::readers`], who can read a record
//!   (the access policy asks it).
//! - [`summary`]: counts by strand for leaders, through [`crate::anonymity`].

pub mod framework;
pub mod record;
pub mod summary;

pub use record::{Kind, Reader, RecordFacts, RecordPolicy, readers};
