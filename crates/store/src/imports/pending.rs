//! Uploads waiting for confirmation (bundles, sheets, checked batches, published tables):
//! how much each school may keep, and making room for one more. Before an upload is kept,
//! the expired ones are swept, then the keeper's oldest until the new one fits; one that
//! could never fit is refused. Two uploads at the same instant may each find room, so the
//! bound can be passed by one upload, but it never grows.

use super::PENDING_LIFETIME_SECONDS;
use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::ids::SchoolId;
use serde::Serialize;

/// What one keeper may have waiting at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingLimits {
    /// Uploads kept at once; the oldest is swept to make room for a new one.
    pub count: usize,
    /// Bytes kept at once, as stored (a zip, or a sheet's, batch's or table's JSON).
    pub bytes: u64,
}

impl Default for PendingLimits {
    /// Enough for a data manager trying a few files in a row, not for a database that
    /// grows by a gigabyte in an afternoon.
    fn default() -> Self {
        PendingLimits {
            count: 8,
            bytes: 256 * 1024 * 1024,
        }
    }
}

/// What a keeper has waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PendingUsage {
    pub count: i64,
    pub bytes: i64,
}

/// Who keeps an upload waiting: a school (its bundles, sheets and checked batches) or, for
/// a published table, which holds for the whole deployment, the person who uploaded it.
#[derive(Debug, Clone, Copy)]
pub enum Keeper {
    School(SchoolId),
    Person(i64),
}

impl Keeper {
    /// The tables holding this keeper's uploads, the column naming the keeper, its id.
    fn tables(self) -> (&'static [&'static str], &'static str, i64) {
        match self {
            Keeper::School(school) => (
                &["pending_bundles", "pending_sheets", "pending_imports"],
                "school_id",
                school.0,
            ),
            Keeper::Person(person) => (&["pending_tables"], "person_id", person),
        }
    }

    /// Every upload of the keeper (`$1`): the table it is in, its id, size and order.
    fn kept_sql(self) -> String {
        let (tables, column, _) = self.tables();
        tables
            .iter()
            .map(|table| {
                format!(
                    "SELECT '{table}' AS kept_in, id, size_bytes, saved_at_us FROM {table} WHERE {column} = $1"
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ")
    }
}

/// Microseconds since the Unix epoch: the order uploads were kept in (`created_at`, in
/// seconds, cannot tell apart two uploads of the same second).
pub(crate) fn now_micros() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
}

/// `value` as JSON, refused as soon as it grows past `limit` bytes (a checked batch can be
/// many times the size of the file it came from; it is never written out whole to be
/// refused afterwards).
pub(crate) fn json_within(value: &impl Serialize, limit: u64) -> Result<String, StoreError> {
    struct Capped {
        bytes: Vec<u8>,
        limit: u64,
    }
    impl std::io::Write for Capped {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if (self.bytes.len() + buf.len()) as u64 > self.limit {
                return Err(std::io::Error::other("over the limit"));
            }
            self.bytes.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut out = Capped {
        bytes: Vec::new(),
        limit,
    };
    match serde_json::to_writer(&mut out, value) {
        Ok(()) => String::from_utf8(out.bytes).map_err(|e| {
            StoreError::Internal(format!("an upload encoded as text that is not UTF-8 ({e})"))
        }),
        Err(e) if e.is_io() => Err(StoreError::PendingTooLarge {
            bytes: limit + 1,
            limit,
        }),
        Err(e) => Err(StoreError::Internal(format!(
            "an upload that cannot be encoded ({e})"
        ))),
    }
}

impl super::Imports<'_> {
    /// How many uploads, and how many bytes, `keeper` has waiting for confirmation.
    pub async fn pending_usage(&self, keeper: Keeper) -> Result<PendingUsage, StoreError> {
        let (_, _, id) = keeper.tables();
        let sql = format!(
            "SELECT COUNT(*), CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT) FROM ({}) kept",
            keeper.kept_sql()
        );
        let (count, bytes): (i64, i64) = on_pool!(self.store, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id).fetch_one(pool).await)?;
        Ok(PendingUsage { count, bytes })
    }
}

impl Store {
    /// Makes room for one more upload of `bytes` for `keeper`, in `tx` (the transaction
    /// that then inserts it): sweeps every expired upload, then the keeper's oldest until the
    /// new one fits `limits`. One larger than the limit on its own is refused, and then
    /// nothing is swept. Uploads of one keeper make room one at a time (SQLite's write lock,
    /// taken by `Store::begin`; a PostgreSQL advisory lock per keeper), so uploads sent at
    /// once cannot each see room for themselves and together pass the limit.
    pub(crate) async fn make_room(
        &self,
        tx: &mut Tx,
        keeper: Keeper,
        bytes: u64,
        limits: PendingLimits,
    ) -> Result<(), StoreError> {
        if bytes > limits.bytes {
            return Err(StoreError::PendingTooLarge {
                bytes,
                limit: limits.bytes,
            });
        }
        let (tables, _, id) = keeper.tables();
        if let Tx::Postgres(transaction) = tx {
            // Schools on even keys, people on odd ones.
            let key = match keeper {
                Keeper::School(_) => id.wrapping_mul(2),
                Keeper::Person(_) => id.wrapping_mul(2).wrapping_add(1),
            };
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(key)
                .execute(&mut **transaction)
                .await?;
        }
        let oldest = self.now() - PENDING_LIFETIME_SECONDS;
        for table in tables {
            let sql = format!("DELETE FROM {table} WHERE created_at < $1");
            on_tx!(&mut *tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .bind(oldest).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        }
        let sql = format!(
            "SELECT kept_in, id, size_bytes FROM ({}) kept ORDER BY saved_at_us DESC",
            keeper.kept_sql()
        );
        let kept: Vec<(String, String, i64)> = on_tx!(&mut *tx, conn => sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(id).fetch_all(&mut *conn).await)?;
        let (mut count, mut total, mut sweeping) = (1, bytes, false);
        for (table, id, size) in kept {
            count += 1;
            total += size.max(0) as u64;
            sweeping |= count > limits.count || total > limits.bytes;
            if sweeping {
                let sql = format!("DELETE FROM {table} WHERE id = $1");
                on_tx!(&mut *tx, conn => sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(&id).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_past_its_limit_is_refused_while_it_is_written() {
        let rows = vec!["a row of a checked batch"; 1000];
        let whole = serde_json::to_string(&rows).unwrap();
        assert_eq!(json_within(&rows, whole.len() as u64).unwrap(), whole);
        assert!(matches!(
            json_within(&rows, 1024),
            Err(StoreError::PendingTooLarge { limit: 1024, .. })
        ));
    }
}
