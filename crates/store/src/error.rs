#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "HEADWAY_DATABASE_URL '{0}' is not a database URL: use sqlite://path/to/file.db or postgres://user@host/database"
    )]
    BadUrl(String),
    #[error("could not connect to the database at {0}: {1}")]
    Connect(String, String),
    #[error("the database schema could not be brought up to date: {0}")]
    Migrate(String),
    #[error("{0} already exists")]
    Duplicate(String),
    #[error("{0} was not found")]
    NotFound(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}
