//! The data version, and the reference fits and spreads stored against it.
//!
//! Every import bumps the data version inside its own transaction (`bump_data_version!`),
//! so the moment its rows are visible to other connections the version has moved too.
//! Anything derived from the data — figures in a server's cache, a stored reference fit —
//! is kept under the version it was computed at and is stale once the version moves, on
//! every app server and after a command-line import alike.

use crate::{Store, StoreError, on_pool};

/// The number every import bumps. Derived figures are kept under the version they were
/// computed at; a newer version means the data may have changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DataVersion(pub i64);

/// A stored reference fit: the bytes the application serialised, with the format number it
/// wrote them in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFit {
    pub format: i64,
    pub fit: Vec<u8>,
}

/// Moves the data version on by one: `bump_data_version!(tx)` inside the transaction that
/// changes the data, right before its commit, so the new version and the new rows become
/// visible together (and a rolled-back preview moves nothing). A macro, not a function, so
/// each engine's arm of `on_pool!` runs it on its own concrete transaction.
macro_rules! bump_data_version {
    ($tx:expr) => {
        sqlx::query("UPDATE data_version SET version = version + 1 WHERE id = 1")
            .execute(&mut *$tx)
            .await?
    };
}
pub(crate) use bump_data_version;

impl Store {
    /// The current data version: one primary-key read.
    pub async fn data_version(&self) -> Result<DataVersion, StoreError> {
        let version: i64 = on_pool!(self, pool => sqlx::query_scalar(
            "SELECT version FROM data_version WHERE id = 1")
            .fetch_one(pool).await)?;
        Ok(DataVersion(version))
    }

    /// The reference fit stored for a year and subject at exactly `version`, if any.
    pub async fn stored_reference_fit(
        &self,
        year: i64,
        subject: i64,
        version: DataVersion,
    ) -> Result<Option<StoredFit>, StoreError> {
        let row: Option<(i64, Vec<u8>)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT format, fit FROM reference_fits WHERE year_id = $1 AND subject_id = $2 AND data_version = $3")
            .bind(year).bind(subject).bind(version.0)
            .fetch_optional(pool).await)?;
        Ok(row.map(|(format, fit)| StoredFit { format, fit }))
    }

    /// Keeps `fit` as the reference for a year and subject at `version`, replacing a fit of
    /// an older version (one row per year and subject). A fit for an older version than the
    /// one held — a slow process finishing after an import — changes nothing.
    pub async fn store_reference_fit(
        &self,
        year: i64,
        subject: i64,
        version: DataVersion,
        fit: &StoredFit,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO reference_fits (year_id, subject_id, data_version, format, fit) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (year_id, subject_id) DO UPDATE SET data_version = excluded.data_version, format = excluded.format, fit = excluded.fit \
             WHERE reference_fits.data_version < excluded.data_version \
                OR (reference_fits.data_version = excluded.data_version AND reference_fits.format <> excluded.format)")
            .bind(year).bind(subject).bind(version.0).bind(fit.format).bind(&fit.fit)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The across-subjects spread stored for a year at exactly `version`: `None` when none
    /// is stored, `Some(None)` when it was found not measurable.
    pub async fn stored_reference_spread(
        &self,
        year: i64,
        version: DataVersion,
    ) -> Result<Option<Option<f64>>, StoreError> {
        let row: Option<(Option<f64>,)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT spread FROM reference_spreads WHERE year_id = $1 AND data_version = $2")
            .bind(year).bind(version.0)
            .fetch_optional(pool).await)?;
        Ok(row.map(|(spread,)| spread))
    }

    /// Keeps the across-subjects spread of a year at `version`, replacing one of the same or
    /// an older version; one computed at an older version than the one held changes nothing.
    pub async fn store_reference_spread(
        &self,
        year: i64,
        version: DataVersion,
        spread: Option<f64>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO reference_spreads (year_id, data_version, spread) VALUES ($1, $2, $3) \
             ON CONFLICT (year_id) DO UPDATE SET data_version = excluded.data_version, spread = excluded.spread \
             WHERE reference_spreads.data_version <= excluded.data_version")
            .bind(year).bind(version.0).bind(spread)
            .execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }
}
