//! The national refit: every year and subject's reference expectations made from sums the
//! database computes (`GROUP BY school` inside PostgreSQL, or SQLite — the same SQL), with
//! only the REML step here, and stored where the progress pages read reference fits
//! ([`super::reference`]), at the current data version.
//!
//! A year and subject with a published expectations table is fitted the ordinary way
//! ([`super::reference::fit_with_settings`]): its σ is measured against the table from the
//! pupils themselves.

use super::reference::{Fitted, encode, fit_with_settings, settings_for};
use headway_domain::progress::Reference;
use headway_domain::progress::national::{self, Covariate};
use headway_stats::value_added::simple::MeasureSettings;
use headway_store::versions::DataVersion;
use headway_store::{Store, StoreError};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One year and subject's refit: what it took and what it made.
#[derive(Debug, Clone)]
pub struct SubjectRefit {
    pub year: i64,
    pub subject: i64,
    /// Distinct (prior, outcome) pairs the histogram held.
    pub histogram_rows: usize,
    /// Schools summed.
    pub schools: usize,
    /// The two aggregation queries inside the database.
    pub aggregate: Duration,
    /// The REML step (and the simple model) in Rust.
    pub fit: Duration,
    /// Whether a published table set this one (fitted from pupils instead).
    pub published: bool,
    pub fitted: Fitted,
}

/// Every year and subject refitted.
#[derive(Debug, Clone)]
pub struct NationalRefit {
    pub version: DataVersion,
    pub subjects: Vec<SubjectRefit>,
    pub took: Duration,
}

/// The reference of one year and subject from the database's sums (nothing stored).
pub async fn refit(
    store: &Store,
    year: i64,
    subject: i64,
    columns: &[Covariate],
    base: &MeasureSettings,
) -> Result<SubjectRefit, StoreError> {
    let code = store
        .progress()
        .subject_codes(&[subject])
        .await?
        .into_iter()
        .next()
        .map(|c| c.code);
    let settings = settings_for(code.as_deref(), base);
    let started = Instant::now();
    if !store
        .published_expectations(year, subject)
        .await?
        .is_empty()
    {
        let fitted = fit_with_settings(store, year, subject, settings).await?;
        return Ok(SubjectRefit {
            year,
            subject,
            histogram_rows: 0,
            schools: 0,
            aggregate: started.elapsed(),
            fit: Duration::ZERO,
            published: true,
            fitted,
        });
    }
    let nation = store.nation();
    let histogram = nation.prior_outcome_histogram(year, subject).await?;
    let centre = national::prior_centre(&histogram).unwrap_or(0.0);
    let schools = nation
        .school_moments(year, subject, columns, centre)
        .await?;
    let aggregate = started.elapsed();
    let started = Instant::now();
    let columns = columns.to_vec();
    let (histogram_rows, school_count) = (histogram.len(), schools.len());
    let fitted = tokio::task::spawn_blocking(move || {
        Reference::from_aggregates(&histogram, &columns, centre, &schools, settings).map(Arc::new)
    })
    .await
    .map_err(|e| StoreError::Internal(format!("the national refit stopped: {e}")))?;
    Ok(SubjectRefit {
        year,
        subject,
        histogram_rows,
        schools: school_count,
        aggregate,
        fit: started.elapsed(),
        published: false,
        fitted,
    })
}

/// The reference of one year and subject from the database's sums, as the pages need it
/// after an import ([`super::reference::References`]): the same figures as
/// [`super::reference::fit_with_settings`] from the pupils, to rounding, with only one row
/// per school read into the application. `base` is the deployment's measure settings. With
/// more stored ethnicity values than the aggregation takes, the pupils are read instead.
pub async fn fit_from_sums(
    store: &Store,
    year: i64,
    subject: i64,
    base: &MeasureSettings,
) -> Result<Fitted, StoreError> {
    match national::national_columns(&store.nation().ethnicity_values().await?) {
        Ok(columns) => Ok(refit(store, year, subject, &columns, base).await?.fitted),
        Err(_) => {
            let code = store
                .progress()
                .subject_codes(&[subject])
                .await?
                .into_iter()
                .next()
                .map(|c| c.code);
            fit_with_settings(store, year, subject, settings_for(code.as_deref(), base)).await
        }
    }
}

/// Refits every year and subject with final results and stores each fit at the current
/// data version, where the progress pages read them. `base` is the deployment's measure
/// settings (its suppression threshold), as [`super::reference::References`] holds them.
pub async fn refit_all(store: &Store, base: &MeasureSettings) -> Result<NationalRefit, StoreError> {
    let started = Instant::now();
    let version = store.data_version().await?;
    let years: Vec<i64> = store
        .progress()
        .academic_years()
        .await?
        .iter()
        .map(|y| y.id)
        .collect();
    let columns = national::national_columns(&store.nation().ethnicity_values().await?)
        .map_err(|e| StoreError::Internal(e.to_string()))?;
    let mut subjects = Vec::new();
    for year_subject in store.progress().subjects_of_years(&years).await? {
        let refitted = refit(store, year_subject.year, year_subject.id, &columns, base).await?;
        store
            .store_reference_fit(
                refitted.year,
                refitted.subject,
                version,
                &encode(&refitted.fitted),
            )
            .await?;
        subjects.push(refitted);
    }
    Ok(NationalRefit {
        version,
        subjects,
        took: started.elapsed(),
    })
}
