//! Headway's use cases, between the web and the command line above and the store below
//! (STYLE.md, "The shape"). Web and CLI call this crate; it asks the store and the
//! statistics engine and returns domain values.
//!
//! It holds the use cases so far:
//!
//! - [`accounts`]: adding a person with their role, granting a role, changing a password,
//!   each in one transaction with its audit line;
//! - [`diagnostic`]: the 360 — opening and closing a round, inviting staff, handing out an
//!   outbox link, answering, the self-rating and self-audit, and the report for its leader
//!   (groups decided by the anonymity rules, the school's context, focus suggestions, the
//!   change since the previous round) — each asking the access policy and writing in one
//!   transaction with its audit line;
//! - [`imports`]: bringing data in (a OneRoster bundle, a results spreadsheet, a published
//!   expectations table): check and preview at upload, apply on confirmation in one
//!   transaction with the removal of the upload and the audit line; the web's pages and
//!   `headway import` both call it;
//! - [`progress::ProgressReports`]: the progress report for a school, year, subject and
//!   viewer; the school's improvement group; pupils falling behind; a pupil's profile —
//!   each asks the access policy, reads `store.progress()` in batches and returns domain
//!   values for the web and the CLI to word;
//! - [`progress::SchoolOverviews`]: a school's year at a glance for its leaders and
//!   governors — the headline across subjects with its interval, band and three-year
//!   direction, what stands out, and every subject by pupil group (no class, teacher or
//!   pupil), with the governors' summary asking its own permission.
//!
//! - [`planning::measure::evaluate`]: a plan's measure computed on the school's own data
//!   by the use cases above, so its value and interval are the figure the progress,
//!   attendance or 360 page shows, hidden wherever that page hides it.
//!
//! - [`survey`]: staff, pupil and parent surveys — opening a wave, handing out its ways
//!   in (staff links, class sheets, the parents' code), reminders that tell nobody who
//!   has answered, answering (an empty response is not one), closing, the head's review
//!   and release, and the results with the change since the previous wave;
//! - [`network`]: the staff advice network — opening and closing a round of "who do you go
//!   to for advice about …?", each member of staff's answer against the roster, and each
//!   topic's network for the head and senior leaders (ANALYTICS.md §7);
//!
//! - [`measures::SubjectNames`]: the deployment's measure set as pages use it — subjects
//!   named in the reader's language, grades by their labels, pupil groups by the set's names.
//!
//! - [`system::SystemView`]: the schools of a cluster, trust, district or system side by
//!   side for its leader — each school's headline value added with its interval, gap,
//!   improvement group, attendance and plan priorities, compared with similar schools
//!   (same FSM band), and where support is most needed.
//! - [`review`]: peer review between schools in a cluster — cycles, a review's stages from
//!   self-review to follow-up, the figures a school shares as a dated snapshot, Headway's
//!   suggested lines of enquiry, findings the school releases, follow-ups added to its plan
//!   through [`planning`], and reviewers' training.
//!
//! And what keeps figures fresh on every server:
//!
//! - [`cache::DerivedCache`]: one cache of derived figures, keyed by the data version every
//!   import bumps inside its own transaction, computing each key once (single flight);
//! - [`progress::reference::References`]: reference expectations, fitted once per year,
//!   subject and data version and stored in the database for every process to read.

pub mod accounts;
pub mod api;
pub mod attendance;
pub mod cache;
pub mod coaching;
pub mod cpd;
mod dates;
pub mod diagnostic;
pub mod heads;
pub mod imports;
pub mod mail;
pub mod measures;
pub mod network;
pub mod observation;
pub mod planning;
pub mod progress;
pub mod review;
pub mod survey;
pub mod system;
// Learning triads and collaborative inquiry (issue 16, item 5).
pub mod inquiry;
