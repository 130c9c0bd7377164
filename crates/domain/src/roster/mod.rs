//! The roster: schools, staff, pupils, classes and their results as an import brings them.
//!
//! [`plan`] holds the plan of changes that reading a bundle or a sheet produces (rows naming
//! each other by their source ids); the store applies it, the ingest crate builds it.

pub mod plan;
