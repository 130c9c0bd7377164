//! Every table as CSV and XLSX: one table shape, two writers.

use crate::error::{AppError, AppResult};
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// A cell of an exported table: text, or a number (empty when absent, e.g. suppressed).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(Option<f64>),
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell::Text(text)
    }
}

impl From<f64> for Cell {
    fn from(value: f64) -> Cell {
        Cell::Number(Some(value))
    }
}

impl From<Option<f64>> for Cell {
    fn from(value: Option<f64>) -> Cell {
        Cell::Number(value)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExportTable {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

pub fn to_csv(table: &ExportTable) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&table.headers)?;
    for row in &table.rows {
        writer.write_record(row.iter().map(|cell| match cell {
            Cell::Text(text) => text.clone(),
            Cell::Number(Some(value)) => value.to_string(),
            Cell::Number(None) => String::new(),
        }))?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}

pub fn to_xlsx(table: &ExportTable) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    // Sheet names are at most 31 characters.
    sheet.set_name(table.name.chars().take(31).collect::<String>())?;
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for (col, header) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, header, &bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            let (r, col) = (r as u32 + 1, col as u16);
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(r, col, text)?;
                }
                Cell::Number(Some(value)) => {
                    sheet.write_number(r, col, *value)?;
                }
                Cell::Number(None) => {}
            }
        }
    }
    workbook.save_to_buffer()
}

/// The table as a download in `format` (`csv` or `xlsx`).
pub fn export(format: &str, table: &ExportTable, file_stem: &str) -> AppResult<Response> {
    let safe: String = file_stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let (bytes, content_type, extension) = match format {
        "csv" => (
            to_csv(table).map_err(|e| AppError::Internal(e.to_string()))?,
            "text/csv; charset=utf-8",
            "csv",
        ),
        "xlsx" => (
            to_xlsx(table).map_err(|e| AppError::Internal(e.to_string()))?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        other => {
            return Err(AppError::BadRequest(format!(
                "unknown export format '{other}' (csv or xlsx)"
            )));
        }
    };
    let disposition = format!("attachment; filename=\"{safe}.{extension}\"");
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> ExportTable {
        ExportTable {
            name: "subjects".into(),
            headers: vec!["Group".into(), "Value added".into()],
            rows: vec![
                vec!["Mathematics, set 1".to_owned().into(), Some(-0.5).into()],
                vec!["Ysgrifennu \"Cymraeg\"".to_owned().into(), None.into()],
            ],
        }
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_leaves_suppressed_cells_empty() {
        let csv = String::from_utf8(to_csv(&table()).unwrap()).unwrap();
        assert_eq!(
            csv,
            "Group,Value added\n\"Mathematics, set 1\",-0.5\n\"Ysgrifennu \"\"Cymraeg\"\"\",\n"
        );
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = to_xlsx(&table()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        assert!(bytes.len() > 1000);
    }
}
