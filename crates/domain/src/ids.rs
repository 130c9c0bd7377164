//! Identifiers of the things Headway keeps. Each is its own type so a pupil id can never be
//! passed where a school id is expected.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// A node of the organisation tree: a system, a cluster/trust/district, or a school.
    OrgId,
    /// A school; the same number as its [`OrgId`].
    SchoolId,
    /// A member of staff, governor or system leader.
    PersonId,
    /// A pupil, known by a pseudonymous identifier.
    PupilId,
    /// A teaching group.
    ClassId,
    SubjectId,
    AcademicYearId,
    AssessmentPointId,
);

impl From<SchoolId> for OrgId {
    fn from(school: SchoolId) -> Self {
        OrgId(school.0)
    }
}
