//! Improvement planning (PRODUCT.md capability 3): a few priorities per school and year,
//! each bound to measures computed from the school's own data, with actions, owners and
//! reviews.
//!
//! This module holds the rules that need no database; the store keeps plans in
//! `store::planning`, and `app::planning` runs the use cases.

pub mod load;
pub mod measure;
pub mod plan;
