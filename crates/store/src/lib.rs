//! Persistence for Headway: the only crate that writes SQL.
//!
//! One [`Store`] over two engines: SQLite (the embedded default: a file in the data
//! directory, WAL mode, foreign keys on) and PostgreSQL (for deployments of many schools).
//! The SQL is written once, in plain view, and runs on both: [`on_pool!`] compiles each
//! query against each engine's driver, so the engines cannot drift apart in code. Each
//! capability has its own module and view (`store.accounts()`, `store.roster()`,
//! `store.sessions()`, `store.audit_log()` …) whose writing methods take the [`Tx`] a use
//! case holds, so one commit can change several capabilities.

mod error;
mod migrations;

pub mod accounts;
pub mod api;
pub mod attendance;
pub mod audit;
pub mod cpd;
pub mod diagnostic;
pub mod expectations;
pub mod heads;
pub mod imports;
pub mod nation;
pub mod network;
pub mod observation;
pub mod planning;
pub mod progress;
pub mod review;
pub mod roster;
pub mod seed;
pub mod sessions;
pub mod survey;
pub mod tx;

pub use tx::Tx;
pub mod coaching;
pub mod versions;
// Learning triads and collaborative inquiry (issue 16, item 5).
pub mod inquiry;

pub use error::{Conflict, Record, StoreError};

use headway_domain::clock::{Clock, SystemClock};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// The database behind a [`Store`].
#[derive(Clone, Debug)]
pub enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same block against whichever engine the store holds, binding the pool to
/// `$pool`. The block is compiled once per engine, so every query must work on both.
#[macro_export]
#[doc(hidden)]
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match &$store.pool {
            $crate::Pool::Sqlite($pool) => $body,
            $crate::Pool::Postgres($pool) => $body,
        }
    };
}

#[derive(Clone, Debug)]
pub struct Store {
    pub(crate) pool: Pool,
    /// Where every time the store writes or compares comes from (tests set it).
    clock: Arc<dyn Clock>,
}

/// Which engine a database URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    pub fn of_url(url: &str) -> Result<Engine, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Engine::Postgres)
        } else {
            Err(StoreError::BadUrl(url.to_owned()))
        }
    }
}

impl Store {
    /// Connects to `url` (`sqlite://path/to/file.db` or `postgres://…`), creating a SQLite
    /// file if it does not exist. Does not migrate; call [`Store::migrate`].
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let pool = match Engine::of_url(url)? {
            Engine::Sqlite => {
                let options = SqliteConnectOptions::from_str(url)
                    .map_err(|_| StoreError::BadUrl(url.to_owned()))?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10));
                let pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .connect_with(options)
                    .await
                    .map_err(|e| StoreError::Connect(url.to_owned(), e.to_string()))?;
                Pool::Sqlite(pool)
            }
            Engine::Postgres => {
                let options = PgConnectOptions::from_str(url)
                    .map_err(|_| StoreError::BadUrl(url.to_owned()))?;
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .connect_with(options)
                    .await
                    .map_err(|e| StoreError::Connect(redact(url), e.to_string()))?;
                Pool::Postgres(pool)
            }
        };
        Ok(Store::over(pool))
    }

    fn over(pool: Pool) -> Store {
        Store {
            pool,
            clock: Arc::new(SystemClock),
        }
    }

    /// The same store reading the time from `clock` (tests move time on instead of waiting).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Store {
        self.clock = clock;
        self
    }

    /// Seconds since the Unix epoch, by the store's clock.
    pub fn now(&self) -> i64 {
        self.clock.now()
    }

    /// Wraps an existing PostgreSQL pool (tests use this to place each test in its own schema).
    pub fn from_pg_pool(pool: PgPool) -> Store {
        Store::over(Pool::Postgres(pool))
    }

    pub fn engine(&self) -> Engine {
        match self.pool {
            Pool::Sqlite(_) => Engine::Sqlite,
            Pool::Postgres(_) => Engine::Postgres,
        }
    }

    /// Brings the schema up to date; safe to run on every start.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        migrations::run(&self.pool).await
    }

    /// A cheap round trip, for the health endpoint.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }
}

/// A URL with any password replaced, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => {
                    format!("{}://{}:***@{}", &url[..scheme_end], user, &url[at + 1..])
                }
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_name_their_engine_and_others_are_refused() {
        assert_eq!(
            Engine::of_url("sqlite://data/headway.db").unwrap(),
            Engine::Sqlite
        );
        assert_eq!(
            Engine::of_url("postgres://u@localhost/test").unwrap(),
            Engine::Postgres
        );
        let err = Engine::of_url("mysql://localhost/db").unwrap_err();
        assert!(err.to_string().contains("mysql://localhost/db"));
    }

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
        assert_eq!(redact("sqlite://x.db"), "sqlite://x.db");
    }
}
