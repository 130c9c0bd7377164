//! What may be shown, decided from counts alone (ANALYTICS.md §6, EVIDENCE.md §8;
//! docs/anonymity.md): one module for the 360 now and surveys and observations later,
//! and for progress tables and their exports.
//!
//! Two steps, both on counts of **people**, never on the figures themselves:
//! - [`groups`]: which respondent groups of a survey get a row of their own (merging
//!   small groups, hiding rows that "all others" would give away). Decided before any
//!   answer is read, so the store reads only what may be shown.
//! - [`cells`]: then, **cell by cell**, which figures of a table may be shown: each needs
//!   k people behind it, and so does everything that can be derived from it with the
//!   other shown figures (a total minus the shown cells): complementary suppression.
//!   "Don't know" answers and pupils with no recorded group make the people behind a
//!   figure differ from cell to cell, which is why the rule is per cell.
//! - [`joint`]: where two tables of the same people are shown together (CPD hours by
//!   priority and by strand), a figure hidden in one must not follow from the shown
//!   figures of both: the attacker of the tests ([`attack`]) runs in the rule itself.

pub mod cells;
pub mod groups;
pub mod joint;
mod threshold;

pub(crate) mod attack;

pub use cells::{
    CellVisibility, PartitionDisclosure, overlapping_cells_to_show, partition_to_show,
    partition_to_show_beside,
};
pub use groups::{DisclosedRow, Disclosure, GroupVisibility, groups_to_show};
pub use threshold::{Threshold, ThresholdTooLow};
