//! Reading what schools send (OneRoster bundles, spreadsheets, Parquet): parse, validate, plan.

pub mod csv_rows;
pub mod expectations;
pub mod limits;
pub mod network;
pub mod oneroster;
pub mod reason;
pub mod spreadsheet;
pub mod table;
