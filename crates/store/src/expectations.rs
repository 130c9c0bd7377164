//! Published expectations (ANALYTICS.md §2, steps 1 and 2): a nation's table of
//! prior-attainment groups and the expected outcome of each (e.g. DfE's Attainment 8
//! estimates by KS2 group), kept per measure (a subject code) and academic year.
//!
//! An import replaces, for each measure and year it holds, that measure and year's whole
//! table: groups the file no longer lists are removed. Rows are compared with what is held
//! first, so re-importing the same table counts everything unchanged and writes nothing; a
//! preview is the same work rolled back.

use crate::imports::{
    ImportCounts, Imports, Keeper, Mode, PendingLimits, TableCounts, json_within, now_micros,
    pending_id, taken_once,
};
use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
pub use headway_domain::progress::published::{ExpectationRow, KnownNames, PublishedGroup};
use std::collections::{BTreeMap, HashMap};

/// How a table's rows for one measure and year compare with what is held, by group.
fn compare<T: PartialEq>(
    held: &HashMap<String, T>,
    new: &[(&str, T)],
    counts: &mut TableCounts,
) -> bool {
    let before = (counts.added, counts.changed);
    for (group, value) in new {
        match held.get(*group) {
            Some(old) if old == value => counts.unchanged += 1,
            Some(_) => counts.changed += 1,
            None => counts.added += 1,
        }
    }
    let removed = held
        .keys()
        .filter(|g| !new.iter().any(|(n, _)| n == g))
        .count() as u64;
    counts.removed += removed;
    (counts.added, counts.changed) != before || removed > 0
}

impl Imports<'_> {
    /// Imports published tables in `tx` (or previews them: the same work, undone before
    /// this returns), bumping the data version when it applies. For each measure and year in `rows`, that measure and year's groups and
    /// expected outcomes become exactly those of `rows`; a table that differs from what is
    /// held is deleted and inserted again, one that does not is left untouched. Counts are
    /// per table (`prior_attainment_groups`, `expected_outcomes`), by group. An unknown
    /// year name writes nothing and is an error.
    pub async fn import_expectations(
        &self,
        tx: &mut Tx,
        rows: &[ExpectationRow],
        mode: Mode,
    ) -> Result<ImportCounts, StoreError> {
        let mut groups = TableCounts {
            table: "prior_attainment_groups".into(),
            ..TableCounts::default()
        };
        let mut outcomes = TableCounts {
            table: "expected_outcomes".into(),
            ..TableCounts::default()
        };
        let mut sigmas = TableCounts {
            table: "published_sigmas".into(),
            ..TableCounts::default()
        };
        let mut tables: BTreeMap<(&str, &str), Vec<&ExpectationRow>> = BTreeMap::new();
        for row in rows {
            tables
                .entry((row.measure.as_str(), row.year.as_str()))
                .or_default()
                .push(row);
        }
        on_tx!(tx, conn => {
            // A savepoint in the caller's transaction, undone on an error or in a preview.
            let mut tx = sqlx::Connection::begin(&mut *conn).await?;
            let year_ids: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>(
                "SELECT name, id FROM academic_years")
                .fetch_all(&mut *tx).await?.into_iter().collect();
            for ((measure, year), table) in &tables {
                let year_id = *year_ids
                    .get(*year)
                    .ok_or_else(|| StoreError::unknown_reference(crate::error::Record::AcademicYear, year))?;

                let held: HashMap<String, (f64, f64)> = sqlx::query_as::<_, (String, f64, f64)>(
                    "SELECT grp, low, high FROM prior_attainment_groups WHERE measure = $1 AND year_id = $2")
                    .bind(measure).bind(year_id).fetch_all(&mut *tx).await?
                    .into_iter().map(|(g, low, high)| (g, (low, high))).collect();
                let new: Vec<(&str, (f64, f64))> =
                    table.iter().map(|r| (r.group.as_str(), (r.low, r.high))).collect();
                if compare(&held, &new, &mut groups) {
                    sqlx::query("DELETE FROM prior_attainment_groups WHERE measure = $1 AND year_id = $2")
                        .bind(measure).bind(year_id).execute(&mut *tx).await?;
                    for r in table {
                        sqlx::query("INSERT INTO prior_attainment_groups (measure, year_id, grp, low, high) VALUES ($1, $2, $3, $4, $5)")
                            .bind(measure).bind(year_id).bind(&r.group).bind(r.low).bind(r.high)
                            .execute(&mut *tx).await?;
                    }
                }

                let held: HashMap<String, f64> = sqlx::query_as::<_, (String, f64)>(
                    "SELECT grp, expected FROM expected_outcomes WHERE measure = $1 AND year_id = $2")
                    .bind(measure).bind(year_id).fetch_all(&mut *tx).await?
                    .into_iter().collect();
                let new: Vec<(&str, f64)> =
                    table.iter().map(|r| (r.group.as_str(), r.expected)).collect();
                if compare(&held, &new, &mut outcomes) {
                    sqlx::query("DELETE FROM expected_outcomes WHERE measure = $1 AND year_id = $2")
                        .bind(measure).bind(year_id).execute(&mut *tx).await?;
                    for r in table {
                        sqlx::query("INSERT INTO expected_outcomes (measure, year_id, grp, expected) VALUES ($1, $2, $3, $4)")
                            .bind(measure).bind(year_id).bind(&r.group).bind(r.expected)
                            .execute(&mut *tx).await?;
                    }
                }

                // The table's published SD (the same on each of its rows), or none: a
                // table imported without one takes back any SD held before.
                let held: HashMap<String, f64> = sqlx::query_as::<_, (String, f64)>(
                    "SELECT measure, sigma FROM published_sigmas WHERE measure = $1 AND year_id = $2")
                    .bind(measure).bind(year_id).fetch_all(&mut *tx).await?
                    .into_iter().collect();
                let sigma = table.iter().find_map(|r| r.sd);
                let new: Vec<(&str, f64)> = sigma.map(|s| (*measure, s)).into_iter().collect();
                if compare(&held, &new, &mut sigmas) {
                    sqlx::query("DELETE FROM published_sigmas WHERE measure = $1 AND year_id = $2")
                        .bind(measure).bind(year_id).execute(&mut *tx).await?;
                    if let Some(sigma) = sigma {
                        sqlx::query("INSERT INTO published_sigmas (measure, year_id, sigma) VALUES ($1, $2, $3)")
                            .bind(measure).bind(year_id).bind(sigma)
                            .execute(&mut *tx).await?;
                    }
                }
            }
            crate::versions::bump_data_version!(tx);
            match mode {
                Mode::Apply => tx.commit().await?,
                Mode::Preview => tx.rollback().await?,
            }
        });
        Ok(ImportCounts {
            tables: vec![groups, outcomes, sigmas],
            ..ImportCounts::default()
        })
    }
}

impl Store {
    /// The standard deviation published with the table for a year and subject (its code is
    /// the measure), if one was imported.
    pub async fn published_sigma(
        &self,
        year: i64,
        subject: i64,
    ) -> Result<Option<f64>, StoreError> {
        let sigma: Option<(f64,)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT p.sigma FROM published_sigmas p
             JOIN subjects s ON s.code = p.measure
             WHERE p.year_id = $1 AND s.id = $2")
            .bind(year).bind(subject).fetch_optional(pool).await)?;
        Ok(sigma.map(|(sigma,)| sigma))
    }

    /// The published table for a year and subject (its code is the measure), by lower
    /// limit; empty when none was imported. Only groups with both a range and an expected
    /// outcome are returned.
    pub async fn published_expectations(
        &self,
        year: i64,
        subject: i64,
    ) -> Result<Vec<PublishedGroup>, StoreError> {
        let rows: Vec<(String, f64, f64, f64)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT g.grp, g.low, g.high, e.expected
             FROM prior_attainment_groups g
             JOIN expected_outcomes e ON e.measure = g.measure AND e.year_id = g.year_id AND e.grp = g.grp
             JOIN subjects s ON s.code = g.measure
             WHERE g.year_id = $1 AND s.id = $2
             ORDER BY g.low, g.grp")
            .bind(year).bind(subject).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(group, low, high, expected)| PublishedGroup {
                group,
                low,
                high,
                expected,
            })
            .collect())
    }
}

impl Imports<'_> {
    /// The subject codes and academic-year names a published table may name.
    pub async fn known_names(&self) -> Result<KnownNames, StoreError> {
        let (codes, years): (Vec<String>, Vec<String>) = on_pool!(self.store, pool => {
            let codes = sqlx::query_scalar("SELECT code FROM subjects").fetch_all(pool).await?;
            let years = sqlx::query_scalar("SELECT name FROM academic_years").fetch_all(pool).await?;
            (codes, years)
        });
        Ok(KnownNames {
            subject_codes: codes.into_iter().collect(),
            year_names: years.into_iter().collect(),
        })
    }
}

/// A checked table waiting to be confirmed by the person who uploaded it.
#[derive(Debug, Clone)]
pub struct PendingTable {
    pub id: String,
    pub file_name: String,
    pub rows: Vec<ExpectationRow>,
}

impl Imports<'_> {
    /// Keeps a checked table until `person` confirms it, within `limits` for that person
    /// (see [`Store::make_room`]); returns its random id.
    pub async fn save_pending_table(
        &self,
        person: i64,
        file_name: &str,
        rows: &[ExpectationRow],
        limits: PendingLimits,
    ) -> Result<String, StoreError> {
        let id = pending_id();
        let json = json_within(&rows, limits.bytes)?;
        let mut tx = self.store.begin().await?;
        self.store
            .make_room(&mut tx, Keeper::Person(person), json.len() as u64, limits)
            .await?;
        on_tx!(&mut tx, conn => {
            sqlx::query("INSERT INTO pending_tables (id, person_id, file_name, rows_json, created_at, size_bytes, saved_at_us) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(&id).bind(person).bind(file_name).bind(&json).bind(self.store.now())
                .bind(json.len() as i64).bind(now_micros())
                .execute(&mut *conn).await?;
        });
        tx.commit().await?;
        Ok(id)
    }

    /// The pending table `id`, if `person` uploaded it and it is still kept.
    pub async fn pending_table(
        &self,
        person: i64,
        id: &str,
    ) -> Result<Option<PendingTable>, StoreError> {
        let oldest = self.store.now() - crate::imports::PENDING_LIFETIME_SECONDS;
        let row: Option<(String, String, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT id, file_name, rows_json FROM pending_tables WHERE id = $1 AND person_id = $2 AND created_at >= $3")
            .bind(id).bind(person).bind(oldest)
            .fetch_optional(pool).await)?;
        Ok(row.and_then(|(id, file_name, json)| {
            serde_json::from_str(&json).ok().map(|rows| PendingTable {
                id,
                file_name,
                rows,
            })
        }))
    }

    /// Takes the pending table `id` of `person` away in `tx`, as it is applied
    /// ([`StoreError::NotFound`] when it is no longer kept: another confirmation took it).
    pub async fn take_pending_table(
        &self,
        tx: &mut Tx,
        person: i64,
        id: &str,
    ) -> Result<(), StoreError> {
        let taken = on_tx!(tx, conn => sqlx::query("DELETE FROM pending_tables WHERE id = $1 AND person_id = $2")
            .bind(id).bind(person).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        taken_once(taken, "table")
    }
}
