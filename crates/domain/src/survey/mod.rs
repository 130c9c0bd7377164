//! Surveys of staff, pupils and parents: instruments as data, answers, scale scores with
//! intervals and reliability, and what a survey's results may show (ANALYTICS.md §7).
//!
//! - [`instrument`]: a survey as a TOML file (`instruments/<id>/v<n>.toml`), scales of
//!   items with reverse-coded items marked, every text in English and Welsh;
//!   [`instrument::built_in`] gives Headway's own for each [`Audience`].
//! - [`answers`]: one respondent's answers, checked; an empty response is not a response.
//! - [`window`]: a survey's window and its staged release to leaders.
//! - [`scoring`]: a respondent's scale score (only for scales they completed), a group's
//!   mean with its interval, Cronbach's alpha and item-total correlations, the change
//!   between waves.
//! - [`report`]: the results of a wave, built from counts first through
//!   [`crate::anonymity`] (the same rules as the 360), then from the answers that may be
//!   read.
//! - [`free_text`]: masking roster names in comments.

pub mod answers;
pub mod free_text;
pub mod instrument;
pub mod report;
pub mod scoring;
pub mod window;

pub use instrument::{Audience, SurveyInstrument};
