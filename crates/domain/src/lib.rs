//! The school world as types, and the rules that need no database: who may see what,
//! anonymity, bands, and what a deployment's results mean (measure sets).

pub mod access;
pub mod account;
pub mod anonymity;
pub mod api;
pub mod attendance;
pub mod clock;
pub mod coaching;
pub mod cpd;
pub mod diagnostic;
pub mod heads;
pub mod ids;
pub mod measures;
pub mod network;
pub mod observation;
pub mod planning;
pub mod progress;
pub mod pupil;
pub mod review;
pub mod roles;
pub mod roster;
pub mod school;
pub mod survey;
pub mod system;
// Learning triads and collaborative inquiry (issue 16, item 5).
pub mod inquiry;
