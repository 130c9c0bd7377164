//! Coaching cycles (PRODUCT.md capability 4; issue 16, item 4): a coach and a coachee on
//! the school's staff, one goal — a strand of the observation framework, a priority of the
//! school's plan, or for a leader a practice of the leadership 360 — action steps one at
//! a time, observations the coachee shares, reflections and notes, and an evaluation that
//! closes it.
//!
//! - [`cycle`]: the goal, who reads a cycle ([`cycle::readers`], which the access policy
//!   asks), and the checks on what is written in one.
//! - [`journey`]: a cycle's events in date order, with the current step marked, for the
//!   coachee's page and its timeline.
//! - [`summary`]: what leaders see: cycles open and closed by goal, through
//!   [`crate::anonymity`], no one named.

pub mod cycle;
pub mod journey;
pub mod summary;

pub use cycle::{CycleFacts, Goal, GoalKind, Part, Reader, readers};
