//! Headway's statistics engine: pure numerics, no I/O, no async, no database.
//!
//! Every public function implements one formula of `ANALYTICS.md`; the formula is in its
//! doc comment and its tests check it against reference numbers.

pub mod reliability;
pub mod scales;

pub mod design;
pub mod error;
pub mod formula;
pub mod network;
pub mod projection;
pub mod proportion;
pub mod sufficient;
pub mod synthetic;
pub mod trends;
pub mod value_added;

pub use error::StatsError;
