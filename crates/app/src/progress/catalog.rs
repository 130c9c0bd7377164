//! What every progress page looks up before its figures — the years a school has final
//! results in, and the subjects with final results in given years — read once per data
//! version. Both change only with the results, which only an import (or a seed, or a change
//! of expectations) writes, and each of those bumps the data version in its own transaction
//! (`headway_store::versions`). So a warm page asks the database for neither: on a national
//! database they were the page's costliest questions (an index probe per year for the
//! school, a loose index scan per final point for the subjects).

use crate::cache::DerivedCache;
use headway_domain::ids::SchoolId;
use headway_store::progress::{Choice, YearSubject};
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
