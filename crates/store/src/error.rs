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
    /// What was asked cannot be done without breaking what is held (a rule of the data, not
    /// a failure): the message says which.
    #[error("{0}")]
    Conflict(String),
    /// An import holds changes that need the importer's explicit confirmation (renaming the
    /// school, leaving many pupils with no class); nothing was written.
    #[error("the import needs explicit confirmation of: {0:?}")]
    NeedsConfirmation(Vec<headway_domain::roster::plan::Confirmation>),
    #[error("{0} was not found")]
    NotFound(String),
    /// An upload that would need more room than a school (or person) may keep waiting for
    /// confirmation, even with every older upload swept.
    #[error("an upload waiting for confirmation would take {bytes} bytes; the limit is {limit}")]
    PendingTooLarge { bytes: u64, limit: u64 },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}
