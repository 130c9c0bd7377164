//! Reading a data file (CSV or Parquet) into a table of columns, for analysis.
//!
//! Only the columns asked for are read. A column asked for as a number must hold numbers
//! (or be missing: empty, `NA`, `N/A`, `null`); any other column is numbers if every value
//! parses as one and text otherwise. Errors name the file, the line (CSV) or row (Parquet)
//! and the column.

mod csv_file;
mod parquet_file;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use thiserror::Error;

pub use parquet_file::write_parquet;

/// A table of named columns of equal length.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub names: Vec<String>,
    pub columns: Vec<ColumnValues>,
    pub rows: usize,
}

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnValues {
    /// Numbers; `NaN` marks a missing value.
    Numbers(Vec<f64>),
    /// Text: each row's index into `levels` (in order of first appearance), `None` if missing.
    Text {
        levels: Vec<String>,
        codes: Vec<Option<u32>>,
    },
}

/// What a column must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// Numbers only: anything else is an error naming the line.
    Number,
    /// Numbers if every value is one, text otherwise.
    Any,
}

/// A column to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRequest {
    pub name: String,
    pub kind: ColumnKind,
}

/// How far reading has got: `done` of `total` bytes (CSV) or rows (Parquet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: u64,
}

/// Why a data file could not be read.
#[derive(Debug, Error)]
pub enum TableError {
    #[error("{file}: cannot be read: {source}")]
    Io {
        file: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{file}: the file type is not known from its name; use a .csv or .parquet file")]
    UnknownFormat { file: PathBuf },

    #[error("{file}: there is no column `{column}` (columns: {available})")]
    MissingColumn {
        file: PathBuf,
        column: String,
        available: String,
    },

    #[error("{file}, line {line}, column `{column}`: `{value}` is not a number")]
    NotANumber {
        file: PathBuf,
        line: u64,
        column: String,
        value: String,
    },

    #[error("{file}, line {line}: {reason}")]
    MalformedCsv {
        file: PathBuf,
        line: u64,
        reason: String,
    },

    #[error("{file}, column `{column}`: {reason}")]
    UnsupportedColumn {
        file: PathBuf,
        column: String,
        reason: String,
    },

    #[error("{file}: not a readable Parquet file: {reason}")]
    Parquet { file: PathBuf, reason: String },
}

/// Reads `requests` (all columns, as [`ColumnKind::Any`], when empty) from a `.csv` or
/// `.parquet` file, reporting progress as it goes.
pub fn read_table(
    path: &Path,
    requests: &[ColumnRequest],
    progress: &mut dyn FnMut(Progress),
) -> Result<Table, TableError> {
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv" | "txt") => csv_file::read(path, requests, progress),
        Some("parquet" | "parq" | "pq") => parquet_file::read(path, requests, progress),
        _ => Err(TableError::UnknownFormat {
            file: path.to_path_buf(),
        }),
    }
}

/// Whether a text value means "missing" (R's `NA` and the usual spreadsheet spellings).
pub(crate) fn is_missing(value: &str) -> bool {
    matches!(value, "" | "NA" | "N/A" | "n/a" | "null" | "NULL" | "NaN")
}

/// Builds a text column with levels in order of first appearance.
#[derive(Default)]
pub(crate) struct TextColumnBuilder {
    levels: Vec<String>,
    index: HashMap<String, u32>,
    codes: Vec<Option<u32>>,
}

impl TextColumnBuilder {
    pub(crate) fn push(&mut self, value: Option<&str>) {
        let code = value.map(|value| match self.index.get(value) {
            Some(&code) => code,
            None => {
                let code = self.levels.len() as u32;
                self.levels.push(value.to_string());
                self.index.insert(value.to_string(), code);
                code
            }
        });
        self.codes.push(code);
    }

    pub(crate) fn finish(self) -> ColumnValues {
        ColumnValues::Text {
            levels: self.levels,
            codes: self.codes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temporary(name: &str, contents: &str) -> PathBuf {
        let directory = std::env::temp_dir().join(format!("headway-table-{}", std::process::id()));
        std::fs::create_dir_all(&directory).unwrap();
        let path = directory.join(name);
        std::fs::write(&path, contents).unwrap();
        path
    }

    fn any(name: &str) -> ColumnRequest {
        ColumnRequest {
            name: name.into(),
            kind: ColumnKind::Any,
        }
    }

    #[test]
    fn reads_numbers_text_and_missing_values_from_csv() {
        let path = temporary(
            "mixed.csv",
            "\u{feff}school,score,gender\n\"1\",4,F\n2,NA,M\n10,6,\n",
        );
        let table = read_table(
            &path,
            &[any("school"), any("score"), any("gender")],
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(table.rows, 3);
        assert_eq!(
            table.columns[0],
            ColumnValues::Numbers(vec![1.0, 2.0, 10.0])
        );
        let ColumnValues::Numbers(score) = &table.columns[1] else {
            panic!()
        };
        assert!(score[1].is_nan());
        assert_eq!(
            table.columns[2],
            ColumnValues::Text {
                levels: vec!["F".into(), "M".into()],
                codes: vec![Some(0), Some(1), None]
            }
        );
    }

    #[test]
    fn a_column_that_turns_out_to_be_text_keeps_its_exact_values() {
        let path = temporary("codes.csv", "code\n0123\n7\nABC\n");
        let table = read_table(&path, &[any("code")], &mut |_| {}).unwrap();
        let ColumnValues::Text { levels, .. } = &table.columns[0] else {
            panic!()
        };
        assert_eq!(levels, &["0123", "7", "ABC"]);
    }

    #[test]
    fn errors_name_the_file_line_and_column() {
        let path = temporary("bad.csv", "score,school\n4,1\nseven,2\n");
        let request = ColumnRequest {
            name: "score".into(),
            kind: ColumnKind::Number,
        };
        let error = read_table(&path, &[request], &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("bad.csv, line 3, column `score`: `seven`"),
            "{error}"
        );
        let missing = read_table(&path, &[any("prior")], &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(
            missing.contains("no column `prior` (columns: score, school)"),
            "{missing}"
        );
        let ragged = temporary("ragged.csv", "a,b\n1,2\n3\n");
        let error = read_table(&ragged, &[any("a")], &mut |_| {})
            .unwrap_err()
            .to_string();
        assert!(error.contains("ragged.csv, line 3"), "{error}");
    }

    #[test]
    fn parquet_round_trips_a_table() {
        let path = temporary("round.csv", "school,score,gender\n1,4.5,F\n2,NA,M\n2,6,\n");
        let table = read_table(&path, &[], &mut |_| {}).unwrap();
        let parquet = path.with_extension("parquet");
        write_parquet(&parquet, &table).unwrap();
        let back = read_table(&parquet, &[], &mut |_| {}).unwrap();
        assert_eq!(back.names, table.names);
        assert_eq!(back.rows, 3);
        assert_eq!(back.columns[2], table.columns[2]);
        let (ColumnValues::Numbers(a), ColumnValues::Numbers(b)) =
            (&back.columns[1], &table.columns[1])
        else {
            panic!()
        };
        assert_eq!(a[0], b[0]);
        assert!(a[1].is_nan() && b[1].is_nan());
    }
}
