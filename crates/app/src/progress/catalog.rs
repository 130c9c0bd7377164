//! What every progress page looks up before its figures — the school's summary, the
//! deployment's subjects, the years a school has final results in, and the subjects with
//! final results in given years — read once per data version. All of it changes only with
//! what an import (or a seed, or a change of expectations) writes, and each of those bumps
//! the data version in its own transaction (`headway_store::versions`). So a warm page asks
//! the database for none of it: on a national database the years and subjects were the
//! page's costliest questions (an index probe per year for the school, a loose index scan
//! per final point for the subjects), and every question asked costs the page a round trip.

use crate::cache::DerivedCache;
use headway_domain::ids::SchoolId;
use headway_store::progress::{Choice, StoredSubject, YearSubject};
use headway_store::roster::SchoolSummary;
use headway_store::versions::DataVersion;
use headway_store::{Store, StoreError};
use std::sync::Arc;

/// The years and subjects with final results, by data version.
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    /// School → its years with final results, newest first.
    school_years: DerivedCache<i64, Vec<Choice>>,
    /// Years (as asked, in order) → their subjects with final results.
    year_subjects: DerivedCache<Vec<i64>, Vec<YearSubject>>,
    /// School → its name, code, phase, roll and share of free school meals.
    schools: DerivedCache<i64, Option<SchoolSummary>>,
    /// Every subject with its code and stored name.
    stored_subjects: DerivedCache<(), Vec<StoredSubject>>,
}

impl Catalog {
    /// The years with final results at `school`, newest first, as of `version`
    /// (`headway_store::progress::Progress::years`).
    pub async fn school_years(
        &self,
        store: &Store,
        version: DataVersion,
        school: SchoolId,
    ) -> Result<Arc<Vec<Choice>>, StoreError> {
        self.school_years
            .get_or_compute(version, school.0, || async move {
                store.progress().years(school).await
            })
            .await
    }

    /// The subjects with final results in each of `years`, ordered by year as given, then
    /// by name, as of `version` (`headway_store::progress::Progress::subjects_of_years`).
    pub async fn subjects_of_years(
        &self,
        store: &Store,
        version: DataVersion,
        years: &[i64],
    ) -> Result<Arc<Vec<YearSubject>>, StoreError> {
        self.year_subjects
            .get_or_compute(version, years.to_vec(), || async move {
                store.progress().subjects_of_years(years).await
            })
            .await
    }

    /// The school's summary as of `version`, `None` when there is no such school
    /// (`headway_store::roster::Roster::school`).
    pub async fn school(
        &self,
        store: &Store,
        version: DataVersion,
        school: SchoolId,
    ) -> Result<Arc<Option<SchoolSummary>>, StoreError> {
        self.schools
            .get_or_compute(version, school.0, || async move {
                store.roster().school(school).await
            })
            .await
    }

    /// Every subject with its code, as of `version`
    /// (`headway_store::progress::Progress::stored_subjects`).
    pub async fn stored_subjects(
        &self,
        store: &Store,
        version: DataVersion,
    ) -> Result<Arc<Vec<StoredSubject>>, StoreError> {
        self.stored_subjects
            .get_or_compute(version, (), || async move {
                store.progress().stored_subjects().await
            })
            .await
    }

    /// The subjects with final results in `year`, by name.
    pub async fn subjects(
        &self,
        store: &Store,
        version: DataVersion,
        year: i64,
    ) -> Result<Vec<Choice>, StoreError> {
        Ok(self
            .subjects_of_years(store, version, &[year])
            .await?
            .iter()
            .map(|s| Choice {
                id: s.id,
                name: s.name.clone(),
            })
            .collect())
    }
}
