//! Reading the test data: CSV into a column table (numbers where every value parses,
//! categories otherwise; `NA` and empty are missing), and the anchor JSON.

use std::path::{Path, PathBuf};

use headway_stats::design::{Column, ColumnTable};

pub fn data_path(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(file)
}

pub fn read_csv(file: &str) -> ColumnTable {
    let mut reader = csv::Reader::from_path(data_path(file)).expect("test data present");
    let names: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut cells: Vec<Vec<String>> = vec![Vec::new(); names.len()];
    for record in reader.records() {
        for (column, value) in cells.iter_mut().zip(record.unwrap().iter()) {
            column.push(value.to_string());
        }
    }
    let mut table = ColumnTable::new();
    for (name, values) in names.into_iter().zip(cells) {
        let missing = |value: &str| value.is_empty() || value == "NA";
        let numbers: Option<Vec<f64>> = values
            .iter()
            .map(|value| {
                if missing(value) {
                    Some(f64::NAN)
                } else {
                    value.parse().ok()
                }
            })
            .collect();
        let column = match numbers {
            Some(numbers) => Column::Numeric(numbers),
            None => {
                let mut levels: Vec<String> = Vec::new();
                let codes = values
                    .iter()
                    .map(|value| {
                        if missing(value) {
                            return None;
                        }
                        let code = levels
                            .iter()
                            .position(|level| level == value)
                            .unwrap_or_else(|| {
                                levels.push(value.clone());
                                levels.len() - 1
                            });
                        Some(code as u32)
                    })
                    .collect();
                Column::Categorical { levels, codes }
            }
        };
        table.push(name, column).unwrap();
    }
    table
}

pub fn read_json(file: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(data_path(file)).expect("test data present");
    serde_json::from_str(&text).expect("valid JSON")
}

/// `|a − b| / |b|`.
pub fn relative_difference(actual: f64, expected: f64) -> f64 {
    (actual - expected).abs() / expected.abs()
}
