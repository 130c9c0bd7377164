//! Migrations, embedded in the binary: one folder per engine, the same in number and
//! meaning (a test compares the two schemas).

use crate::{Pool, StoreError};
use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

/// (version, description, SQLite, PostgreSQL)
const MIGRATIONS: &[(i64, &str, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("../migrations/sqlite/0001_foundation.sql"),
        include_str!("../migrations/postgres/0001_foundation.sql"),
    ),
    (
        2,
        "diagnostic",
        include_str!("../migrations/sqlite/0002_diagnostic.sql"),
        include_str!("../migrations/postgres/0002_diagnostic.sql"),
    ),
    (
        3,
        "imports",
        include_str!("../migrations/sqlite/0003_imports.sql"),
        include_str!("../migrations/postgres/0003_imports.sql"),
    ),
    (
        4,
        "pending sheets",
        include_str!("../migrations/sqlite/0004_pending_sheets.sql"),
        include_str!("../migrations/postgres/0004_pending_sheets.sql"),
    ),
    (
        5,
        "pending tables",
        include_str!("../migrations/sqlite/0005_pending_tables.sql"),
        include_str!("../migrations/postgres/0005_pending_tables.sql"),
    ),
    (
        6,
        "results by key",
        include_str!("../migrations/sqlite/0006_results_by_key.sql"),
        include_str!("../migrations/postgres/0006_results_by_key.sql"),
    ),
    (
        7,
        "pending bundles",
        include_str!("../migrations/sqlite/0007_pending_bundles.sql"),
        include_str!("../migrations/postgres/0007_pending_bundles.sql"),
    ),
    (
        8,
        "source keys",
        include_str!("../migrations/sqlite/0008_source_keys.sql"),
        include_str!("../migrations/postgres/0008_source_keys.sql"),
    ),
    (
        9,
        "sign in",
        include_str!("../migrations/sqlite/0009_sign_in.sql"),
        include_str!("../migrations/postgres/0009_sign_in.sql"),
    ),
    (
        10,
        "data version",
        include_str!("../migrations/sqlite/0010_data_version.sql"),
        include_str!("../migrations/postgres/0010_data_version.sql"),
    ),
    (
        12,
        "invitations",
        include_str!("../migrations/sqlite/0012_invitations.sql"),
        include_str!("../migrations/postgres/0012_invitations.sql"),
    ),
    (
        13,
        "pending accounting",
        include_str!("../migrations/sqlite/0013_pending_accounting.sql"),
        include_str!("../migrations/postgres/0013_pending_accounting.sql"),
    ),
    (
        15,
        "published sigmas",
        include_str!("../migrations/sqlite/0015_published_sigmas.sql"),
        include_str!("../migrations/postgres/0015_published_sigmas.sql"),
    ),
    (
        16,
        "attendance",
        include_str!("../migrations/sqlite/0016_attendance.sql"),
        include_str!("../migrations/postgres/0016_attendance.sql"),
    ),
    (
        17,
        "planning",
        include_str!("../migrations/sqlite/0017_planning.sql"),
        include_str!("../migrations/postgres/0017_planning.sql"),
    ),
    (
        18,
        "reference spreads",
        include_str!("../migrations/sqlite/0018_reference_spreads.sql"),
        include_str!("../migrations/postgres/0018_reference_spreads.sql"),
    ),
    (
        19,
        "observation",
        include_str!("../migrations/sqlite/0019_observation.sql"),
        include_str!("../migrations/postgres/0019_observation.sql"),
    ),
    (
        20,
        "surveys",
        include_str!("../migrations/sqlite/0020_surveys.sql"),
        include_str!("../migrations/postgres/0020_surveys.sql"),
    ),
    (
        21,
        "advice network",
        include_str!("../migrations/sqlite/0021_advice_network.sql"),
        include_str!("../migrations/postgres/0021_advice_network.sql"),
    ),
    (
        22,
        "coaching cycles",
        include_str!("../migrations/sqlite/0022_coaching.sql"),
        include_str!("../migrations/postgres/0022_coaching.sql"),
    ),
    (
        23,
        "cpd",
        include_str!("../migrations/sqlite/0023_cpd.sql"),
        include_str!("../migrations/postgres/0023_cpd.sql"),
    ),
    (
        24,
        "inquiry",
        include_str!("../migrations/sqlite/0024_inquiry.sql"),
        include_str!("../migrations/postgres/0024_inquiry.sql"),
    ),
    (
        25,
        "advice network names",
        include_str!("../migrations/sqlite/0025_advice_network_names.sql"),
        include_str!("../migrations/postgres/0025_advice_network_names.sql"),
    ),
    (
        26,
        "api tokens",
        include_str!("../migrations/sqlite/0026_api_tokens.sql"),
        include_str!("../migrations/postgres/0026_api_tokens.sql"),
    ),
    (
        27,
        "peer review",
        include_str!("../migrations/sqlite/0027_review.sql"),
        include_str!("../migrations/postgres/0027_review.sql"),
    ),
    (
        28,
        "heads learning",
        include_str!("../migrations/sqlite/0028_heads_learning.sql"),
        include_str!("../migrations/postgres/0028_heads_learning.sql"),
    ),
    (
        29,
        "survey slips",
        include_str!("../migrations/sqlite/0029_survey_slips.sql"),
        include_str!("../migrations/postgres/0029_survey_slips.sql"),
    ),
];

fn migrator(postgres: bool) -> Migrator {
    Migrator::with_migrations(
        MIGRATIONS
            .iter()
            .map(|(version, description, sqlite, pg)| {
                let sql = if postgres { *pg } else { *sqlite };
                Migration::new(
                    *version,
                    (*description).into(),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

pub(crate) async fn run(pool: &Pool) -> Result<(), StoreError> {
    let result = match pool {
        Pool::Sqlite(pool) => migrator(false).run(pool).await,
        Pool::Postgres(pool) => migrator(true).run(pool).await,
    };
    result.map_err(|e| StoreError::Migrate(e.to_string()))
}
