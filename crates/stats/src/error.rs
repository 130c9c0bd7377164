//! The one error type of the statistics crate: every variant says, in words a school data
//! analyst understands, what was wrong with the input and what to change.

use thiserror::Error;

/// What can go wrong when a model is specified or fitted.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StatsError {
    #[error("the model formula `{formula}` could not be read: {reason}")]
    Formula { formula: String, reason: String },

    #[error("the model uses column `{column}`, which is not in the data (columns: {available})")]
    MissingColumn { column: String, available: String },

    #[error("column `{column}` holds text, but `{usage}` needs numbers")]
    NotNumeric { column: String, usage: String },

    #[error(
        "reference level `{level}` for `{column}` does not occur in the data (levels: {levels})"
    )]
    UnknownReferenceLevel {
        column: String,
        level: String,
        levels: String,
    },

    #[error(
        "no rows are left to fit: all {excluded} rows have a missing value in a column the model uses"
    )]
    NoCompleteRows { excluded: usize },

    #[error(
        "covariate `{column}` is constant in the rows used, so its effect cannot be separated from the intercept; remove it from the model"
    )]
    ConstantCovariate { column: String },

    #[error(
        "covariate `{column}` is a linear combination of {others}, so their effects cannot be separated; remove one of them"
    )]
    CollinearCovariates { column: String, others: String },

    #[error("the outcome `{column}` is constant in the rows used; there is nothing to model")]
    ConstantOutcome { column: String },

    #[error(
        "too few rows: {nobs} rows cannot estimate {parameters} fixed effects and a residual variance"
    )]
    TooFewRows { nobs: usize, parameters: usize },

    #[error(
        "only one {group} in the data: a {group} variance needs at least two {group}s (fit without `(1 | {group})` for ordinary least squares)"
    )]
    SingleGroup { group: String },

    #[error(
        "every {group} has a single pupil, so the {group} variance cannot be told apart from the residual variance"
    )]
    OneRowPerGroup { group: String },

    #[error("{what} must be {requirement}, got {value}")]
    InvalidSetting {
        what: String,
        requirement: String,
        value: String,
    },

    #[error("no reference pupils with both an outcome and a prior score")]
    EmptyReferencePopulation,

    #[error("prior score {prior} falls in no prior-attainment group of the table")]
    PriorOutsideTable { prior: f64 },
}
