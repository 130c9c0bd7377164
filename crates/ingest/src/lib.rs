//! placeholder

pub mod csv_rows;
pub mod oneroster;
pub mod table;
