//! CSV into a [`Table`]: one pass, numbers parsed as they are read; a column asked for as
//! [`ColumnKind::Any`] that meets a non-number is read again as text, so text keeps its
//! exact spelling (`0123` stays `0123`).

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::{
    ColumnKind, ColumnRequest, ColumnValues, Progress, Table, TableError, TextColumnBuilder,
    is_missing,
};

/// How a column is being read in this pass.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    Numbers,
    Text,
}

enum Builder {
    Numbers(Vec<f64>),
    Text(TextColumnBuilder),
}

pub(super) fn read(
    path: &Path,
    requests: &[ColumnRequest],
    progress: &mut dyn FnMut(Progress),
) -> Result<Table, TableError> {
    let (names, positions, kinds) = resolve_columns(path, requests)?;
    let mut readings: Vec<Reading> = vec![Reading::Numbers; names.len()];
    loop {
        match read_pass(path, &positions, &kinds, &readings, progress)? {
            PassOutcome::Done(columns, rows) => {
                return Ok(Table {
                    names,
                    columns,
                    rows,
                });
            }
            PassOutcome::TurnsOutText(column) => readings[column] = Reading::Text,
        }
    }
}

fn open(path: &Path) -> Result<csv::Reader<BufReader<File>>, TableError> {
    let file = File::open(path).map_err(|source| TableError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    Ok(csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(BufReader::with_capacity(1 << 20, file)))
}

/// Names, positions in the file and kinds of the columns to read.
type ResolvedColumns = (Vec<String>, Vec<usize>, Vec<ColumnKind>);

/// The requested columns' names, positions in the file and kinds (every column when none
/// are requested).
fn resolve_columns(path: &Path, requests: &[ColumnRequest]) -> Result<ResolvedColumns, TableError> {
    let mut reader = open(path)?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|error| csv_error(path, error))?
        .iter()
        .enumerate()
        .map(|(index, header)| {
            let header = if index == 0 {
                header.trim_start_matches('\u{feff}')
            } else {
                header
            };
            header.trim().to_string()
        })
        .collect();
    if requests.is_empty() {
        let positions = (0..headers.len()).collect();
        let kinds = vec![ColumnKind::Any; headers.len()];
        return Ok((headers, positions, kinds));
    }
    let mut positions = Vec::new();
    for request in requests {
        let position = headers
            .iter()
            .position(|header| header == &request.name)
            .ok_or_else(|| TableError::MissingColumn {
                file: path.to_path_buf(),
                column: request.name.clone(),
                available: headers.join(", "),
            })?;
        positions.push(position);
    }
    Ok((
        requests
            .iter()
            .map(|request| request.name.clone())
            .collect(),
        positions,
        requests.iter().map(|request| request.kind).collect(),
    ))
}

enum PassOutcome {
    Done(Vec<ColumnValues>, usize),
    /// Column `usize` (asked for as `Any`) holds a non-number: read it again as text.
    TurnsOutText(usize),
}

fn read_pass(
    path: &Path,
    positions: &[usize],
    kinds: &[ColumnKind],
    readings: &[Reading],
    progress: &mut dyn FnMut(Progress),
) -> Result<PassOutcome, TableError> {
    let total = std::fs::metadata(path).map_or(0, |metadata| metadata.len());
    let mut reader = open(path)?;
    let mut builders: Vec<Builder> = readings
        .iter()
        .map(|reading| match reading {
            Reading::Numbers => Builder::Numbers(Vec::new()),
            Reading::Text => Builder::Text(TextColumnBuilder::default()),
        })
        .collect();
    let headers = reader
        .byte_headers()
        .map_err(|error| csv_error(path, error))?
        .clone();
    let mut record = csv::ByteRecord::new();
    let mut rows = 0usize;
    while reader
        .read_byte_record(&mut record)
        .map_err(|error| csv_error(path, error))?
    {
        rows += 1;
        let line = record
            .position()
            .map_or(rows as u64 + 1, |position| position.line());
        for (column, (&position, builder)) in positions.iter().zip(&mut builders).enumerate() {
            let bytes = record.get(position).unwrap_or_default();
            let text = std::str::from_utf8(bytes).map_err(|_| TableError::MalformedCsv {
                file: path.to_path_buf(),
                line,
                reason: format!(
                    "column `{}` is not valid UTF-8 text",
                    String::from_utf8_lossy(&headers[position])
                ),
            })?;
            let text = text.trim();
            let value = (!is_missing(text)).then_some(text);
            match builder {
                Builder::Text(text_builder) => text_builder.push(value),
                Builder::Numbers(numbers) => match value {
                    None => numbers.push(f64::NAN),
                    Some(value) => match value.parse::<f64>() {
                        Ok(number) => numbers.push(number),
                        Err(_) if kinds[column] == ColumnKind::Any => {
                            return Ok(PassOutcome::TurnsOutText(column));
                        }
                        Err(_) => {
                            return Err(TableError::NotANumber {
                                file: path.to_path_buf(),
                                line,
                                column: String::from_utf8_lossy(&headers[position]).into_owned(),
                                value: value.to_string(),
                            });
                        }
                    },
                },
            }
        }
        if rows.is_multiple_of(65_536) {
            let done = record.position().map_or(0, |position| position.byte());
            progress(Progress { done, total });
        }
    }
    progress(Progress { done: total, total });
    let columns = builders
        .into_iter()
        .map(|builder| match builder {
            Builder::Numbers(numbers) => ColumnValues::Numbers(numbers),
            Builder::Text(text) => text.finish(),
        })
        .collect();
    Ok(PassOutcome::Done(columns, rows))
}

fn csv_error(path: &Path, error: csv::Error) -> TableError {
    let line = error.position().map_or(0, |position| position.line());
    let reason = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("this row has {len} fields but the header has {expected_len}"),
        csv::ErrorKind::Io(io) => io.to_string(),
        _ => error.to_string(),
    };
    TableError::MalformedCsv {
        file: path.to_path_buf(),
        line,
        reason,
    }
}
