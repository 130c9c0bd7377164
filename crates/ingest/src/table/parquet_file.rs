//! Parquet into a [`Table`] and back, with the `parquet` crate's column readers (no Arrow:
//! it adds minutes of build on two cores). Numeric physical types become numbers; UTF-8
//! byte arrays become text; nulls become missing values.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use parquet::basic::{ConvertedType, Repetition, Type as PhysicalType};
use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::{ByteArray, ByteArrayType, DataType, DoubleType};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use super::{
    ColumnKind, ColumnRequest, ColumnValues, Progress, Table, TableError, TextColumnBuilder,
    is_missing,
};

const BATCH: usize = 16_384;
const ROWS_PER_GROUP: usize = 131_072;

pub(super) fn read(
    path: &Path,
    requests: &[ColumnRequest],
    progress: &mut dyn FnMut(Progress),
) -> Result<Table, TableError> {
    let fail = |error: parquet::errors::ParquetError| TableError::Parquet {
        file: path.to_path_buf(),
        reason: error.to_string(),
    };
    let file = File::open(path).map_err(|source| TableError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    let reader = SerializedFileReader::new(file).map_err(fail)?;
    let metadata = reader.metadata();
    let schema = metadata.file_metadata().schema_descr();
    let available: Vec<String> = (0..schema.num_columns())
        .map(|index| schema.column(index).path().string())
        .collect();

    let requests: Vec<ColumnRequest> = if requests.is_empty() {
        available
            .iter()
            .map(|name| ColumnRequest {
                name: name.clone(),
                kind: ColumnKind::Any,
            })
            .collect()
    } else {
        requests.to_vec()
    };
    let mut indices = Vec::new();
    for request in &requests {
        let index = available
            .iter()
            .position(|name| name == &request.name)
            .ok_or_else(|| TableError::MissingColumn {
                file: path.to_path_buf(),
                column: request.name.clone(),
                available: available.join(", "),
            })?;
        indices.push(index);
    }

    let total = metadata.file_metadata().num_rows().max(0) as u64;
    let mut columns: Vec<ColumnBuilder> = indices
        .iter()
        .map(|&index| match schema.column(index).physical_type() {
            PhysicalType::BYTE_ARRAY => ColumnBuilder::Text(TextColumnBuilder::default()),
            _ => ColumnBuilder::Numbers(Vec::with_capacity(total as usize)),
        })
        .collect();
    let mut done = 0u64;
    for group in 0..reader.num_row_groups() {
        let row_group = reader.get_row_group(group).map_err(fail)?;
        for (builder, &index) in columns.iter_mut().zip(&indices) {
            let descriptor = schema.column(index);
            let max_definition = descriptor.max_def_level();
            let name = &available[index];
            let unsupported = |reason: &str| TableError::UnsupportedColumn {
                file: path.to_path_buf(),
                column: name.clone(),
                reason: reason.to_string(),
            };
            let column_reader = row_group.get_column_reader(index).map_err(fail)?;
            match (column_reader, builder) {
                (ColumnReader::DoubleColumnReader(mut r), ColumnBuilder::Numbers(out)) => {
                    read_column(&mut r, max_definition, |v| {
                        out.push(v.copied().unwrap_or(f64::NAN))
                    })
                }
                (ColumnReader::FloatColumnReader(mut r), ColumnBuilder::Numbers(out)) => {
                    read_column(&mut r, max_definition, |v| {
                        out.push(v.map_or(f64::NAN, |v| *v as f64))
                    })
                }
                (ColumnReader::Int32ColumnReader(mut r), ColumnBuilder::Numbers(out)) => {
                    read_column(&mut r, max_definition, |v| {
                        out.push(v.map_or(f64::NAN, |v| *v as f64))
                    })
                }
                (ColumnReader::Int64ColumnReader(mut r), ColumnBuilder::Numbers(out)) => {
                    read_column(&mut r, max_definition, |v| {
                        out.push(v.map_or(f64::NAN, |v| *v as f64))
                    })
                }
                (ColumnReader::BoolColumnReader(mut r), ColumnBuilder::Numbers(out)) => {
                    read_column(&mut r, max_definition, |v| {
                        out.push(v.map_or(f64::NAN, |v| if *v { 1.0 } else { 0.0 }))
                    })
                }
                (ColumnReader::ByteArrayColumnReader(mut r), ColumnBuilder::Text(out)) => {
                    let mut invalid = false;
                    let result = read_column(&mut r, max_definition, |v| match v {
                        None => out.push(None),
                        Some(bytes) => match bytes.as_utf8() {
                            Ok(text) => out.push((!is_missing(text.trim())).then(|| text.trim())),
                            Err(_) => invalid = true,
                        },
                    });
                    if invalid {
                        return Err(unsupported("holds bytes that are not UTF-8 text"));
                    }
                    result
                }
                _ => {
                    return Err(unsupported(
                        "has a Parquet type Headway cannot read (use numbers or UTF-8 text)",
                    ));
                }
            }
            .map_err(fail)?;
        }
        done += row_group.metadata().num_rows().max(0) as u64;
        progress(Progress { done, total });
    }

    let mut values = Vec::new();
    for ((builder, request), &index) in columns.into_iter().zip(&requests).zip(&indices) {
        values.push(match builder {
            ColumnBuilder::Numbers(numbers) => ColumnValues::Numbers(numbers),
            ColumnBuilder::Text(text) => {
                let column = text.finish();
                match request.kind {
                    ColumnKind::Any => numbers_if_all_parse(column),
                    ColumnKind::Number => require_numbers(path, &available[index], column)?,
                }
            }
        });
    }
    Ok(Table {
        names: requests.into_iter().map(|request| request.name).collect(),
        columns: values,
        rows: total as usize,
    })
}

enum ColumnBuilder {
    Numbers(Vec<f64>),
    Text(TextColumnBuilder),
}

/// Feeds every value of a column chunk to `sink`, `None` for a null.
fn read_column<T: DataType>(
    reader: &mut ColumnReaderImpl<T>,
    max_definition: i16,
    mut sink: impl FnMut(Option<&T::T>),
) -> parquet::errors::Result<()> {
    let mut values: Vec<T::T> = Vec::with_capacity(BATCH);
    let mut definitions: Vec<i16> = Vec::with_capacity(BATCH);
    loop {
        values.clear();
        definitions.clear();
        let levels = (max_definition > 0).then_some(&mut definitions);
        let (records, _, _) = reader.read_records(BATCH, levels, None, &mut values)?;
        if records == 0 {
            return Ok(());
        }
        if max_definition > 0 {
            let mut next = values.iter();
            for &definition in &definitions {
                sink(if definition == max_definition {
                    next.next()
                } else {
                    None
                });
            }
        } else {
            values.iter().for_each(|value| sink(Some(value)));
        }
    }
}

/// A text column whose every value is a number, as numbers (as the CSV reader decides).
fn numbers_if_all_parse(column: ColumnValues) -> ColumnValues {
    let ColumnValues::Text { levels, codes } = &column else {
        return column;
    };
    let parsed: Option<Vec<f64>> = levels.iter().map(|level| level.parse().ok()).collect();
    match parsed {
        Some(numbers) => ColumnValues::Numbers(
            codes
                .iter()
                .map(|code| code.map_or(f64::NAN, |code| numbers[code as usize]))
                .collect(),
        ),
        None => column,
    }
}

fn require_numbers(
    path: &Path,
    name: &str,
    column: ColumnValues,
) -> Result<ColumnValues, TableError> {
    match numbers_if_all_parse(column) {
        ColumnValues::Text { levels, codes } => {
            let (row, value) = codes
                .iter()
                .enumerate()
                .find_map(|(row, code)| {
                    code.and_then(|code| {
                        let level = &levels[code as usize];
                        level.parse::<f64>().is_err().then(|| (row, level.clone()))
                    })
                })
                .expect("some level is not a number");
            // Rows count from 1 after a header line, as in the CSV messages.
            Err(TableError::NotANumber {
                file: path.to_path_buf(),
                line: row as u64 + 2,
                column: name.to_string(),
                value,
            })
        }
        numbers => Ok(numbers),
    }
}

/// Writes a table as Parquet (Snappy, optional DOUBLE and UTF-8 columns, row groups of
/// 131,072 rows), e.g. to turn a CSV extract into a file that loads in a fraction of the time.
pub fn write_parquet(path: &Path, table: &Table) -> Result<(), TableError> {
    let fail = |error: parquet::errors::ParquetError| TableError::Parquet {
        file: path.to_path_buf(),
        reason: error.to_string(),
    };
    let fields = table
        .names
        .iter()
        .zip(&table.columns)
        .map(|(name, column)| {
            let builder = match column {
                ColumnValues::Numbers(_) => {
                    Type::primitive_type_builder(name, PhysicalType::DOUBLE)
                }
                ColumnValues::Text { .. } => {
                    Type::primitive_type_builder(name, PhysicalType::BYTE_ARRAY)
                        .with_converted_type(ConvertedType::UTF8)
                }
            };
            builder
                .with_repetition(Repetition::OPTIONAL)
                .build()
                .map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(fail)?;
    let schema = Arc::new(
        Type::group_type_builder("headway")
            .with_fields(fields)
            .build()
            .map_err(fail)?,
    );
    let properties = Arc::new(
        WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .build(),
    );
    let file = File::create(path).map_err(|source| TableError::Io {
        file: path.to_path_buf(),
        source,
    })?;
    let mut writer = SerializedFileWriter::new(file, schema, properties).map_err(fail)?;
    for start in (0..table.rows.max(1)).step_by(ROWS_PER_GROUP) {
        let end = (start + ROWS_PER_GROUP).min(table.rows);
        let mut row_group = writer.next_row_group().map_err(fail)?;
        for column in &table.columns {
            let mut column_writer = row_group
                .next_column()
                .map_err(fail)?
                .expect("one writer per schema column");
            match column {
                ColumnValues::Numbers(numbers) => {
                    let slice = &numbers[start..end];
                    let definitions: Vec<i16> =
                        slice.iter().map(|v| i16::from(!v.is_nan())).collect();
                    let present: Vec<f64> = slice.iter().copied().filter(|v| !v.is_nan()).collect();
                    column_writer
                        .typed::<DoubleType>()
                        .write_batch(&present, Some(&definitions), None)
                        .map_err(fail)?;
                }
                ColumnValues::Text { levels, codes } => {
                    let slice = &codes[start..end];
                    let definitions: Vec<i16> =
                        slice.iter().map(|code| i16::from(code.is_some())).collect();
                    let present: Vec<ByteArray> = slice
                        .iter()
                        .flatten()
                        .map(|&code| ByteArray::from(levels[code as usize].as_str()))
                        .collect();
                    column_writer
                        .typed::<ByteArrayType>()
                        .write_batch(&present, Some(&definitions), None)
                        .map_err(fail)?;
                }
            }
            column_writer.close().map_err(fail)?;
        }
        row_group.close().map_err(fail)?;
    }
    writer.close().map_err(fail)?;
    Ok(())
}
