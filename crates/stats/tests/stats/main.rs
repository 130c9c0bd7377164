//! Integration tests of the statistics crate: validation against lme4, properties, and
//! the input that must get a clear answer.

mod anchors;
mod edge_cases;
mod network;
mod projection;
mod properties;
mod support;
