//! Progress: the use cases behind the progress pages, the pupils falling behind, a pupil's
//! profile and the 360 report's school context. Each takes the viewer, asks the access
//! policy, reads through `store.progress()` in batches and returns domain values; the web
//! only words and renders them.

pub mod behind;
pub mod catalog;
pub mod classes;
pub mod national;
pub mod overview;
pub mod projection;
pub mod pupil;
pub mod reference;
pub mod report;

pub use behind::{BehindOverview, BehindPupil, FallingBehind, SubjectBehind};
pub use overview::{
    HEADLINE_SUBJECT_CODES, HeadlineMeasure, HeadlineYear, OverviewCache, OverviewFigures,
    SchoolOverview, SchoolOverviews, SubjectColumn,
};
pub use pupil::{PupilProfile, PupilResultFigures};
pub use report::{
    ContextualTerms, NoFigures, ProgressError, ProgressReport, ProgressReports, ReportCache,
    SchoolFigures, TrendYear,
};
