//! Transactions a use case holds across capabilities, so that writing several aggregates
//! (an import, the removal of its pending upload, its audit line and the data version)
//! commits once or not at all.
//!
//! A capability's view takes `&mut Tx` in the methods that write; the use case opens it
//! with [`Store::begin`] and ends it with [`Tx::commit`] (dropping it rolls back). Inside
//! the store, [`on_tx!`] runs one block against the transaction's engine, as [`on_pool!`]
//! does against the pool, binding a connection to use as `&mut *conn`.
//!
//! [`on_pool!`]: crate::on_pool

use crate::{Pool, Store, StoreError};

/// An open transaction on whichever engine the store holds.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Tx::Sqlite(_) => "Tx(SQLite)",
            Tx::Postgres(_) => "Tx(PostgreSQL)",
        })
    }
}

/// Runs the same block against the transaction's engine, binding `$conn` to its connection
/// (`&mut SqliteConnection` or `&mut PgConnection`). Compiled once per engine.
#[macro_export]
#[doc(hidden)]
macro_rules! on_tx {
    ($tx:expr, $conn:ident => $body:expr) => {
        match $tx {
            $crate::tx::Tx::Sqlite(transaction) => {
                let $conn: &mut sqlx::SqliteConnection = &mut *transaction;
                $body
            }
            $crate::tx::Tx::Postgres(transaction) => {
                let $conn: &mut sqlx::PgConnection = &mut *transaction;
                $body
            }
        }
    };
}

impl Store {
    /// Opens a transaction for a use case that writes. On SQLite it takes the write lock at
    /// once (`BEGIN IMMEDIATE`): a deferred transaction that reads and then writes cannot
    /// wait for another writer (SQLite answers "database is locked" at once rather than
    /// let it write over a snapshot that may be stale), whereas one that asks for the lock
    /// first waits its turn under the busy timeout.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match &self.pool {
            Pool::Sqlite(pool) => Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Pool::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }
}

impl Tx {
    /// Makes every write in the transaction visible at once.
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(transaction) => transaction.commit().await?,
            Tx::Postgres(transaction) => transaction.commit().await?,
        }
        Ok(())
    }

    /// Undoes every write in the transaction (dropping it does the same).
    pub async fn rollback(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(transaction) => transaction.rollback().await?,
            Tx::Postgres(transaction) => transaction.rollback().await?,
        }
        Ok(())
    }
}
