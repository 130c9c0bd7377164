//! Expectations from the reference population, fitted once per academic year and subject
//! and kept for a few minutes: the fit reads every pupil of the deployment, the pages need
//! it on every request. Derived data only — a server that restarts or runs beside others
//! simply fits again — so app servers still keep no state of their own. Where a published
//! expectations table was imported for the year and subject, its expected outcomes are
//! used instead of fitting them (ANALYTICS.md §2, step 2).

use headway_domain::progress::{PupilOutcome, Reference, ReferenceError};
use headway_domain::pupil::{Gender, Sen};
use headway_stats::value_added::simple::{MeasureSettings, PriorRange};
use headway_store::progress::OutcomeRow;
use headway_store::{Store, StoreError};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a fitted reference is reused before it is fitted again from the database.
pub const FRESH_FOR: Duration = Duration::from_secs(300);

type Fitted = Result<Arc<Reference>, ReferenceError>;

/// (academic year, subject) → when it was fitted, and the fit.
type Entries = HashMap<(i64, i64), (Instant, Fitted)>;

#[derive(Debug, Default, Clone)]
pub struct ReferenceCache {
    entries: Arc<Mutex<Entries>>,
    /// One fit at a time, so a burst of requests after expiry fits once, not once each.
    fitting: Arc<tokio::sync::Mutex<()>>,
}

/// A database row as the domain's pupil outcome.
pub fn pupil_outcome(row: &OutcomeRow) -> PupilOutcome {
    let age_months = row.birth_date.map(|born| {
        let start = row.year_starts_on;
        f64::from(
            (start.year() - born.year()) * 12
                + (i32::from(u8::from(start.month())) - i32::from(u8::from(born.month()))),
        )
    });
    PupilOutcome {
        pupil: row.pupil,
        school: row.school,
        prior: row.prior,
        outcome: Some(row.outcome),
        disadvantaged: row.disadvantaged,
        sen: row.sen.as_deref().and_then(|s| s.parse::<Sen>().ok()),
        eal: row.eal,
        gender: row.gender.as_deref().and_then(|g| g.parse::<Gender>().ok()),
        age_months,
    }
}

impl ReferenceCache {
    fn cached(&self, key: (i64, i64)) -> Option<Fitted> {
        let entries = self
            .entries
            .lock()
            .expect("the cache lock is never poisoned");
        entries
            .get(&key)
            .filter(|(at, _)| at.elapsed() < FRESH_FOR)
            .map(|(_, fitted)| fitted.clone())
    }

    /// The reference for a year and subject: cached, or fitted now from the database.
    pub async fn get(&self, store: &Store, year: i64, subject: i64) -> Result<Fitted, StoreError> {
        if let Some(fitted) = self.cached((year, subject)) {
            return Ok(fitted);
        }
        let _one_at_a_time = self.fitting.lock().await;
        if let Some(fitted) = self.cached((year, subject)) {
            return Ok(fitted);
        }
        let rows = store.outcome_rows(year, subject, None).await?;
        let table: Vec<(PriorRange, f64)> = store
            .published_expectations(year, subject)
            .await?
            .iter()
            .map(|g| {
                (
                    PriorRange {
                        low: g.low,
                        high: g.high,
                    },
                    g.expected,
                )
            })
            .collect();
        let fitted = tokio::task::spawn_blocking(move || {
            let pupils: Vec<PupilOutcome> = rows.iter().map(pupil_outcome).collect();
            let published = (!table.is_empty()).then_some(table.as_slice());
            Reference::fit_with(&pupils, MeasureSettings::default(), published).map(Arc::new)
        })
        .await
        .map_err(|e| StoreError::NotFound(format!("the reference fit stopped: {e}")))?;
        self.entries
            .lock()
            .expect("the cache lock is never poisoned")
            .insert((year, subject), (Instant::now(), fitted.clone()));
        Ok(fitted)
    }

    /// Forgets every fit (after an import changed the data).
    pub fn clear(&self) {
        self.entries
            .lock()
            .expect("the cache lock is never poisoned")
            .clear();
    }
}
