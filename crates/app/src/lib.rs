//! Headway's use cases, between the web and the command line above and the store below
//! (STYLE.md, "The shape"). Web and CLI call this crate; it asks the store and the
//! statistics engine and returns domain values.
//!
//! So far it holds:
//!
//! - [`accounts`]: adding a person with their role, granting a role, changing a password,
//!   each in one transaction with its audit line;
//! - [`cache::DerivedCache`]: one cache of derived figures, keyed by the data version every
//!   import bumps inside its own transaction, computing each key once (single flight);
//! - [`progress::reference::References`]: reference expectations, fitted once per year,
//!   subject and data version and stored in the database for every process to read.

pub mod accounts;
pub mod cache;
pub mod progress;
