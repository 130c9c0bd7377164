use headway_store::Store;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    )
}

/// A fresh, migrated store on each engine available: SQLite always, PostgreSQL when
/// `HEADWAY_TEST_POSTGRES_URL` is set.
pub async fn stores() -> Vec<Store> {
    let mut stores = vec![sqlite().await];
    if let Ok(url) = std::env::var("HEADWAY_TEST_POSTGRES_URL") {
        stores.push(postgres(&url).await);
    }
    stores
}

pub async fn sqlite() -> Store {
    sqlite_with_url().await.0
}

async fn sqlite_with_url() -> (Store, String) {
    let dir = std::env::temp_dir().join(unique("headway_store_test"));
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("test.db").display());
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    (store, url)
}

/// A connection of a test's own to a store's database, to look at how rows are stored.
pub enum RawPool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// As [`stores`], each with a [`RawPool`] on the same database.
pub async fn stores_with_raw_pools() -> Vec<(Store, RawPool)> {
    let (store, url) = sqlite_with_url().await;
    let raw = sqlx::SqlitePool::connect(&url).await.unwrap();
    let mut stores = vec![(store, RawPool::Sqlite(raw))];
    if let Ok(url) = std::env::var("HEADWAY_TEST_POSTGRES_URL") {
        let (store, pool) = postgres_with_pool(&url).await;
        stores.push((store, RawPool::Postgres(pool)));
    }
    stores
}

/// A store in a schema of its own, so tests never see each other's rows.
pub async fn postgres(url: &str) -> Store {
    postgres_with_pool(url).await.0
}

async fn postgres_with_pool(url: &str) -> (Store, sqlx::PgPool) {
    let schema = unique("t");
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .expect("HEADWAY_TEST_POSTGRES_URL connects");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let options = PgConnectOptions::from_str(url)
        .unwrap()
        .options([("search_path", schema.as_str())]);
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .unwrap();
    let store = Store::from_pg_pool(pool.clone());
    store.migrate().await.unwrap();
    (store, pool)
}

pub use headway_store::seed::example_world as small_world;

/// Imports `batch` in a transaction of its own, committed when it succeeds (what a use case
/// does around the imports view).
pub async fn import(
    store: &Store,
    batch: &headway_store::imports::ImportBatch,
    mode: headway_store::imports::Mode,
) -> Result<headway_store::imports::ImportCounts, headway_store::StoreError> {
    let mut tx = store.begin().await?;
    let counts = store.imports().import(&mut tx, batch, mode).await?;
    tx.commit().await?;
    Ok(counts)
}

/// [`import`] with the results streamed.
pub async fn import_streamed(
    store: &Store,
    batch: &headway_store::imports::ImportBatch,
    results: tokio::sync::mpsc::Receiver<headway_store::imports::Streamed>,
    mode: headway_store::imports::Mode,
) -> Result<Option<headway_store::imports::ImportCounts>, headway_store::StoreError> {
    let mut tx = store.begin().await?;
    let counts = store
        .imports()
        .import_streamed(&mut tx, batch, results, mode)
        .await?;
    tx.commit().await?;
    Ok(counts)
}

/// Imports a published table in a transaction of its own, committed when it succeeds.
pub async fn import_expectations(
    store: &Store,
    rows: &[headway_store::expectations::ExpectationRow],
    mode: headway_store::imports::Mode,
) -> Result<headway_store::imports::ImportCounts, headway_store::StoreError> {
    let mut tx = store.begin().await?;
    let counts = store
        .imports()
        .import_expectations(&mut tx, rows, mode)
        .await?;
    tx.commit().await?;
    Ok(counts)
}
