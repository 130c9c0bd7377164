//! A spreadsheet as headings and rows of text, read from a CSV or XLSX file. Every cell is
//! text as the school sees it on screen: a whole number stored by Excel as `1234.0` is
//! `1234`, a date is `YYYY-MM-DD`.

use crate::csv_rows::read_rows;
use crate::oneroster::Problem;
use crate::reason::Reason;
use calamine::{Data, Reader, SheetType, Xlsx};
use serde::{Deserialize, Serialize};
use std::io::Cursor;

/// The headings and data rows of a spreadsheet's first worksheet (or of a CSV file).
/// Serialisable, so an upload can wait in the database while its columns are mapped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    /// The headings, trimmed, in column order.
    pub headings: Vec<String>,
    /// The line (row number) of the headings: 1 unless an XLSX sheet starts lower down.
    pub headings_line: u64,
    /// The data rows; blank rows are left out.
    pub rows: Vec<SheetRow>,
}

/// One data row and where it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetRow {
    /// The CSV line the row starts on, or the XLSX row number, as the school sees it.
    pub line: u64,
    /// The cells in column order, trimmed; `None` when empty.
    pub cells: Vec<Option<String>>,
}

impl SheetRow {
    /// The cell in column `position`, if it holds anything.
    pub fn cell(&self, position: usize) -> Option<&str> {
        self.cells.get(position)?.as_deref()
    }
}

impl Sheet {
    /// Reads `bytes` as CSV or XLSX, chosen by the extension of `file_name`. The first row
    /// holds the headings. A file that cannot be read at all gives one problem saying why.
    pub fn read(file_name: &str, bytes: &[u8]) -> Result<Sheet, Problem> {
        let extension = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase());
        let sheet = match extension.as_deref() {
            Some("csv") => read_csv(file_name, bytes)?,
            Some("xlsx") => read_xlsx(file_name, bytes)?,
            _ => {
                return Err(whole_file(file_name, crate::reason!("sheet-wrong-type")));
            }
        };
        if sheet.headings.iter().all(String::is_empty) {
            return Err(whole_file(file_name, crate::reason!("sheet-no-headings")));
        }
        Ok(sheet)
    }
}

fn whole_file(file_name: &str, message: Reason) -> Problem {
    Problem::new(file_name, 0, "", message)
}

fn read_csv(file_name: &str, bytes: &[u8]) -> Result<Sheet, Problem> {
    let mut rows = Vec::new();
    let headings = read_rows(bytes, |_, row| {
        // Not valid UTF-8 (a file saved as "CSV" by older Excel is Windows-1252): the odd
        // character is shown as � rather than the whole cell being lost.
        let cells = row
            .record
            .iter()
            .map(|field| present(String::from_utf8_lossy(field).trim()))
            .collect();
        rows.push(SheetRow {
            line: row.line,
            cells,
        });
    })
    .map_err(|fault| Problem::new(file_name, fault.line, "", fault.message))?;
    Ok(Sheet {
        headings: headings.names,
        headings_line: 1,
        rows,
    })
}

fn read_xlsx(file_name: &str, bytes: &[u8]) -> Result<Sheet, Problem> {
    let unreadable = |e: &dyn std::fmt::Display| {
        whole_file(file_name, crate::reason!("sheet-not-xlsx", error = e))
    };
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let Some(first) = workbook
        .sheets_metadata()
        .iter()
        .find(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
    else {
        return Err(whole_file(file_name, crate::reason!("sheet-no-worksheet")));
    };
    let range = workbook
        .worksheet_range(&first)
        .map_err(|e| unreadable(&e))?;
    // The range starts at the first cell holding anything; lines count from the top of
    // the worksheet so they match the row numbers Excel shows.
    let top = range.start().map_or(0, |(row, _)| u64::from(row));
    let mut rows = range.rows();
    let headings = rows
        .next()
        .map(|row| row.iter().map(|c| text(c).unwrap_or_default()).collect())
        .unwrap_or_default();
    let rows = rows
        .enumerate()
        .map(|(i, row)| SheetRow {
            line: top + i as u64 + 2,
            cells: row.iter().map(text).collect(),
        })
        .filter(|row| row.cells.iter().any(Option::is_some))
        .collect();
    Ok(Sheet {
        headings,
        headings_line: top + 1,
        rows,
    })
}

fn present(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// A cell as the text a person sees in it.
fn text(cell: &Data) -> Option<String> {
    match cell {
        Data::Empty => None,
        Data::Float(n) => Some(number(*n)),
        Data::DateTime(d) if d.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = d.to_ymd_hms_milli();
            Some(if (hour, minute, second) == (0, 0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
            })
        }
        Data::DateTime(d) => Some(number(d.as_f64())),
        other => present(other.to_string().trim()),
    }
}

/// A number as Excel shows it: whole numbers without a decimal point (an id typed as 1234
/// is stored as 1234.0), others to Excel's 15 significant digits, so binary noise such as
/// 0.30000000000000004 does not appear.
fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    format!("{n:.14e}")
        .parse::<f64>()
        .map_or_else(|_| n.to_string(), |rounded| rounded.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::Workbook;

    fn cells(row: &SheetRow) -> Vec<Option<&str>> {
        row.cells.iter().map(Option::as_deref).collect()
    }

    #[test]
    fn csv_with_a_byte_order_mark_crlf_and_a_quoted_comma_is_read_cell_by_cell() {
        let bytes =
            b"\xEF\xBB\xBFUPN , Surname,Mark\r\nP1,\"Smith, Jo\",56\r\nP2,,\r\n\r\nP3,\"Lee\",70\r\n";
        let sheet = Sheet::read("results.CSV", bytes).unwrap();
        assert_eq!(sheet.headings, ["UPN", "Surname", "Mark"]);
        assert_eq!(sheet.headings_line, 1);
        let lines: Vec<u64> = sheet.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 5]);
        assert_eq!(
            cells(&sheet.rows[0]),
            [Some("P1"), Some("Smith, Jo"), Some("56")]
        );
        assert_eq!(cells(&sheet.rows[1]), [Some("P2"), None, None]);
    }

    #[test]
    fn csv_that_is_not_utf8_keeps_its_cells() {
        let sheet = Sheet::read("r.csv", b"UPN,Surname\nP1,Zo\xEB\n").unwrap();
        assert_eq!(sheet.rows[0].cell(0), Some("P1"));
        assert_eq!(sheet.rows[0].cell(1), Some("Zo\u{FFFD}"));
    }

    fn workbook_bytes(fill: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) -> Vec<u8> {
        let mut workbook = Workbook::new();
        fill(workbook.add_worksheet());
        workbook.save_to_buffer().unwrap()
    }

    #[test]
    fn xlsx_first_worksheet_is_read_with_whole_numbers_as_text_and_excel_row_numbers() {
        let bytes = workbook_bytes(|ws| {
            for (col, heading) in ["UPN", "Subject", "Assessment", "Mark"].iter().enumerate() {
                ws.write_string(0, col as u16, *heading).unwrap();
            }
            ws.write_number(1, 0, 1234.0).unwrap();
            ws.write_string(1, 1, " MA ").unwrap();
            ws.write_string(1, 2, "Y7-A").unwrap();
            ws.write_number(1, 3, 56.5).unwrap();
            // Row 3 is blank; row 4 has an empty assessment cell.
            ws.write_string(3, 0, "P-9").unwrap();
            ws.write_number(3, 3, 0.1 + 0.2).unwrap();
            // Trailing rows holding only spaces are not rows.
            ws.write_string(7, 1, "  ").unwrap();
        });
        let sheet = Sheet::read("Results.xlsx", &bytes).unwrap();
        assert_eq!(sheet.headings, ["UPN", "Subject", "Assessment", "Mark"]);
        assert_eq!(sheet.headings_line, 1);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[0].line, 2);
        assert_eq!(
            cells(&sheet.rows[0]),
            [Some("1234"), Some("MA"), Some("Y7-A"), Some("56.5")]
        );
        assert_eq!(sheet.rows[1].line, 4);
        assert_eq!(
            cells(&sheet.rows[1]),
            [Some("P-9"), None, None, Some("0.3")]
        );
    }

    #[test]
    fn xlsx_lines_follow_excel_row_numbers_when_the_sheet_starts_lower_down() {
        let bytes = workbook_bytes(|ws| {
            ws.write_string(2, 1, "UPN").unwrap();
            ws.write_string(3, 1, "P1").unwrap();
        });
        let sheet = Sheet::read("r.xlsx", &bytes).unwrap();
        assert_eq!(sheet.headings_line, 3);
        assert_eq!(sheet.rows[0].line, 4);
        assert_eq!(sheet.rows[0].cell(0), Some("P1"));
    }

    #[test]
    fn a_date_in_an_xlsx_cell_reads_as_a_date_not_a_serial_number() {
        let bytes = workbook_bytes(|ws| {
            ws.write_string(0, 0, "Mark").unwrap();
            let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 3, 7).unwrap();
            let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
            ws.write_datetime_with_format(1, 0, &date, &format).unwrap();
        });
        let sheet = Sheet::read("r.xlsx", &bytes).unwrap();
        assert_eq!(sheet.rows[0].cell(0), Some("2024-03-07"));
    }

    #[test]
    fn other_formats_and_unreadable_files_are_one_problem_saying_why() {
        let xls = Sheet::read("results.xls", b"whatever").unwrap_err();
        assert_eq!((xls.file.as_str(), xls.line), ("results.xls", 0));
        assert!(xls.reason().contains(".csv") && xls.reason().contains(".xlsx"));
        let broken = Sheet::read("results.xlsx", b"not a zip").unwrap_err();
        assert!(
            broken
                .reason()
                .contains("cannot be read as an Excel workbook")
        );
        let empty = Sheet::read("results.csv", b"").unwrap_err();
        assert!(empty.reason().contains("no headings"), "{}", empty.reason());
    }

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number(1234.0), "1234");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(56.5), "56.5");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(1e20), "100000000000000000000");
    }
}
