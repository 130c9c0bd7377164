//! Every table as CSV and XLSX: one table shape, two writers.
//!
//! What is exported is what the page shows: figures rounded as on the page, hidden cells
//! empty (the caller has applied the anonymity rules). The files are safe to open: a CSV
//! text cell that a spreadsheet would run as a formula is prefixed with `'`, numbers stay
//! numbers, and the CSV starts with a UTF-8 byte-order mark so Excel reads Welsh letters.

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

impl Cell {
    /// A number rounded to `decimals` places, as the page shows it: more precision than
    /// the page would let a reader work out hidden figures by subtraction.
    pub fn rounded(value: Option<f64>, decimals: i32) -> Cell {
        let scale = 10f64.powi(decimals);
        Cell::Number(value.map(|v| (v * scale).round() / scale + 0.0))
    }

    /// A count (a number of pupils), when it may be shown.
    pub fn count(value: Option<usize>) -> Cell {
        Cell::Number(value.map(|n| n as f64))
    }
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV injection").
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as written to CSV: prefixed with `'` when it would start a formula.
fn neutralised(text: &str) -> String {
    if text.starts_with(FORMULA_STARTS) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

/// The UTF-8 byte-order mark: Excel reads a CSV without it in the system's code page.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A sheet name Excel accepts: at most 31 characters, none of `[ ] : * ? / \`.
fn sheet_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    cleaned.trim_matches('\'').to_owned()
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExportTable {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

pub fn to_csv(table: &ExportTable) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(UTF8_BOM.to_vec());
    writer.write_record(table.headers.iter().map(|h| neutralised(h)))?;
    for row in &table.rows {
        writer.write_record(row.iter().map(|cell| match cell {
            Cell::Text(text) => neutralised(text),
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
    sheet.set_name(sheet_name(&table.name))?;
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

/// `Content-Disposition` for a file name in the reader's language: an ASCII fallback, and
/// the name itself in UTF-8 (RFC 6266, RFC 8187) for Welsh letters.
fn disposition(file_stem: &str, extension: &str) -> String {
    // Characters file systems refuse ("2025/26" is a year) become a hyphen.
    let file_stem: String = file_stem
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '-' } else { c })
        .collect();
    let ascii: String = file_stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = format!("{file_stem}.{extension}")
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}.{extension}\"; filename*=UTF-8''{encoded}")
}

/// The table as a download in `format` (`csv` or `xlsx`), named `file_stem` (in the
/// reader's language: school, subject, year and table).
pub fn export(format: &str, table: &ExportTable, file_stem: &str) -> AppResult<Response> {
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
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                disposition(file_stem, extension),
            ),
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
            "\u{feff}Group,Value added\n\"Mathematics, set 1\",-0.5\n\"Ysgrifennu \"\"Cymraeg\"\"\",\n"
        );
    }

    #[test]
    fn csv_text_that_would_run_as_a_formula_is_neutralised_but_negative_numbers_stay_numbers() {
        let table = ExportTable {
            name: "attack".into(),
            headers: vec!["Class".into(), "Value added".into()],
            rows: [
                "=HYPERLINK(\"http://x\")",
                "+1",
                "-2+3",
                "@SUM(A1)",
                "\tx",
                "\rx",
                "11Ma1",
            ]
            .iter()
            .map(|text| vec![text.to_string().into(), Cell::rounded(Some(-0.123), 2)])
            .collect(),
        };
        let csv = String::from_utf8(to_csv(&table).unwrap()).unwrap();
        let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let rows: Vec<(String, String)> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[0].to_owned(), r[1].to_owned())
            })
            .collect();
        assert_eq!(rows[0].0, "'=HYPERLINK(\"http://x\")");
        assert_eq!(rows[1].0, "'+1");
        assert_eq!(rows[2].0, "'-2+3");
        assert_eq!(rows[3].0, "'@SUM(A1)");
        assert_eq!(rows[4].0, "'\tx");
        assert_eq!(rows[5].0, "'\rx");
        assert_eq!(rows[6].0, "11Ma1");
        assert!(rows.iter().all(|(_, number)| number == "-0.12"), "{rows:?}");
    }

    #[test]
    fn numbers_are_rounded_as_on_the_page() {
        assert_eq!(
            Cell::rounded(Some(0.30000000000000004), 2),
            Cell::Number(Some(0.3))
        );
        assert_eq!(Cell::rounded(Some(-0.004), 2), Cell::Number(Some(0.0)));
        assert_eq!(Cell::rounded(Some(-1.23456), 2), Cell::Number(Some(-1.23)));
        assert_eq!(Cell::rounded(None, 2), Cell::Number(None));
        let Cell::Number(Some(zero)) = Cell::rounded(Some(-0.004), 2) else {
            panic!()
        };
        assert!(zero.is_sign_positive(), "no \"-0\" in a file");
    }

    #[test]
    fn sheet_and_file_names_keep_welsh_letters_and_lose_what_excel_refuses() {
        assert_eq!(sheet_name("Pynciau yn 2025/26"), "Pynciau yn 2025-26");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
        let header = disposition("S10 Ysgol – Mathemateg – 2025/26 – Rhywedd ŵ", "csv");
        assert!(
            header.starts_with(
                "attachment; filename=\"S10 Ysgol _ Mathemateg _ 2025-26 _ Rhywedd _.csv\""
            ),
            "{header}"
        );
        assert!(header.ends_with("filename*=UTF-8''S10%20Ysgol%20%E2%80%93%20Mathemateg%20%E2%80%93%202025-26%20%E2%80%93%20Rhywedd%20%C5%B5.csv"), "{header}");
    }

    #[test]
    fn xlsx_is_a_zip_workbook() {
        let bytes = to_xlsx(&table()).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        assert!(bytes.len() > 1000);
    }

    #[test]
    fn xlsx_writes_numbers_as_numbers() {
        let mut archive =
            zip::ZipArchive::new(std::io::Cursor::new(to_xlsx(&table()).unwrap())).unwrap();
        let mut sheet = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut sheet,
        )
        .unwrap();
        assert!(sheet.contains("<c r=\"B2\"><v>-0.5</v></c>"), "{sheet}");
    }
}
