//! A spreadsheet as headings and rows of text, read from a CSV or XLSX file. Every cell is
//! text as the school sees it on screen: a whole number stored by Excel as `1234.0` is
//! `1234`, a date is `YYYY-MM-DD`.

use crate::csv_rows::read_rows;
use crate::limits::Limits;
use crate::oneroster::Problem;
use crate::reason::Reason;
use calamine::{Data, DataRef, Reader, SheetType, Xlsx};
use serde::{Deserialize, Serialize};
use std::io::{Cursor, Read};

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
    /// Reads `bytes` as CSV or XLSX, chosen by the extension of `file_name`, within
    /// `limits`. The first row holds the headings. A file that cannot be read at all, or
    /// is larger than the limits, gives one problem saying why.
    pub fn read(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<Sheet, Problem> {
        let extension = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase());
        let sheet = match extension.as_deref() {
            Some("csv") => read_csv(file_name, bytes, limits)?,
            Some("xlsx") => read_xlsx(file_name, bytes, limits)?,
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

fn read_csv(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<Sheet, Problem> {
    let mut rows = Vec::new();
    let headings = read_rows(bytes, limits, |_, row| {
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

fn read_xlsx(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<Sheet, Problem> {
    check_parts(bytes, limits).map_err(|why| whole_file(file_name, why))?;
    // calamine does arithmetic on the positions a file claims, which can overflow (a
    // dimension `B2:A1`): whatever it does on a hostile file, the answer is a problem.
    let read = std::panic::catch_unwind(|| read_cells(bytes, limits));
    match read {
        Ok(Ok(sheet)) => Ok(sheet),
        Ok(Err(why)) => Err(whole_file(file_name, why)),
        Err(_) => Err(whole_file(
            file_name,
            crate::reason!("sheet-not-xlsx", error = "the workbook is malformed"),
        )),
    }
}

/// Unpacks every part of the workbook (it is a zip) into nothing, counting as it goes:
/// calamine keeps some parts (the shared strings) whole in memory, so no part may unpack
/// beyond the limits, whatever sizes the zip declares.
fn check_parts(bytes: &[u8], limits: &Limits) -> Result<(), Reason> {
    let not_xlsx = |e: &dyn std::fmt::Display| crate::reason!("sheet-not-xlsx", error = e);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| not_xlsx(&e))?;
    if zip.len() as u64 > limits.max_zip_entries {
        return Err(crate::reason!(
            "bundle-too-many-entries",
            max = limits.max_zip_entries
        ));
    }
    let mut total = 0u64;
    for index in 0..zip.len() {
        let part = zip.by_index(index).map_err(|e| not_xlsx(&e))?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let mut counted = part.take(limits.max_entry_bytes.saturating_add(1));
        let size = std::io::copy(&mut counted, &mut std::io::sink()).map_err(|e| not_xlsx(&e))?;
        if size > limits.max_entry_bytes {
            let cap = limits.max_entry_bytes;
            return Err(crate::reason!(
                "bundle-entry-too-large",
                name = name,
                cap = cap
            ));
        }
        total += size;
        if total > limits.max_unpacked_bytes {
            let cap = limits.max_unpacked_bytes;
            return Err(crate::reason!("bundle-too-large", cap = cap));
        }
    }
    Ok(())
}

/// The area a worksheet's cells cover, checked against the limits as it grows.
struct Area {
    top: u32,
    left: u32,
    bottom: u32,
    right: u32,
}

impl Area {
    /// Why an area of `rows` × `columns` is too large to read, if it is.
    fn too_large(rows: u64, columns: u64, limits: &Limits) -> Option<Reason> {
        let cells = rows.saturating_mul(columns);
        (rows > limits.max_rows.saturating_add(1)
            || columns > limits.max_sheet_columns
            || cells > limits.max_sheet_cells)
            .then(|| {
                crate::reason!(
                    "sheet-too-large",
                    rows = rows,
                    columns = columns,
                    max_rows = limits.max_rows,
                    max_columns = limits.max_sheet_columns,
                    max_cells = limits.max_sheet_cells
                )
            })
    }

    fn rows(&self) -> u64 {
        u64::from(self.bottom) - u64::from(self.top) + 1
    }

    fn columns(&self) -> u64 {
        u64::from(self.right) - u64::from(self.left) + 1
    }
}

/// Reads the first worksheet cell by cell, as its XML gives them: the dimension the sheet
/// declares is checked before the first cell, and the area the cells really cover after
/// each, so a sheet naming A1 and XFD1048576 is refused without building its 17 billion
/// cells.
fn read_cells(bytes: &[u8], limits: &Limits) -> Result<Sheet, Reason> {
    let not_xlsx = |e: &dyn std::fmt::Display| crate::reason!("sheet-not-xlsx", error = e);
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|e| not_xlsx(&e))?;
    let Some(first) = workbook
        .sheets_metadata()
        .iter()
        .find(|s| s.typ == SheetType::WorkSheet)
        .map(|s| s.name.clone())
    else {
        return Err(crate::reason!("sheet-no-worksheet"));
    };
    let mut reader = workbook
        .worksheet_cells_reader(&first)
        .map_err(|e| not_xlsx(&e))?;
    let declared = reader.dimensions();
    let declared = Area {
        top: declared.start.0,
        left: declared.start.1,
        bottom: declared.end.0.max(declared.start.0),
        right: declared.end.1.max(declared.start.1),
    };
    if let Some(why) = Area::too_large(declared.rows(), declared.columns(), limits) {
        return Err(why);
    }
    let mut cells: Vec<((u32, u32), Option<String>)> = Vec::new();
    let mut area: Option<Area> = None;
    while let Some(cell) = reader.next_cell().map_err(|e| not_xlsx(&e))? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        let area = area.get_or_insert(Area {
            top: row,
            left: column,
            bottom: row,
            right: column,
        });
        area.top = area.top.min(row);
        area.left = area.left.min(column);
        area.bottom = area.bottom.max(row);
        area.right = area.right.max(column);
        if let Some(why) = Area::too_large(area.rows(), area.columns(), limits) {
            return Err(why);
        }
        cells.push(((row, column), text(&Data::from(cell.get_value().clone()))));
    }
    let Some(area) = area else {
        return Ok(Sheet {
            headings: Vec::new(),
            headings_line: 1,
            rows: Vec::new(),
        });
    };
    // Rows from the top of the cells' area, each as wide as the area; lines count from the
    // top of the worksheet so they match the row numbers Excel shows.
    let width = area.columns() as usize;
    cells.sort_unstable_by_key(|(position, _)| *position);
    let mut rows: Vec<SheetRow> = Vec::new();
    let mut headings = vec![String::new(); width];
    for ((row, column), value) in cells {
        let at = (column - area.left) as usize;
        if row == area.top {
            headings[at] = value.unwrap_or_default();
            continue;
        }
        let line = u64::from(row) + 1;
        if rows.last().is_none_or(|r| r.line != line) {
            rows.push(SheetRow {
                line,
                cells: vec![None; width],
            });
        }
        if let Some(last) = rows.last_mut() {
            last.cells[at] = value;
        }
    }
    rows.retain(|row| row.cells.iter().any(Option::is_some));
    Ok(Sheet {
        headings,
        headings_line: u64::from(area.top) + 1,
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
        let sheet = Sheet::read("results.CSV", bytes, &Limits::default()).unwrap();
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
        let sheet = Sheet::read("r.csv", b"UPN,Surname\nP1,Zo\xEB\n", &Limits::default()).unwrap();
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
        let sheet = Sheet::read("Results.xlsx", &bytes, &Limits::default()).unwrap();
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
        let sheet = Sheet::read("r.xlsx", &bytes, &Limits::default()).unwrap();
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
        let sheet = Sheet::read("r.xlsx", &bytes, &Limits::default()).unwrap();
        assert_eq!(sheet.rows[0].cell(0), Some("2024-03-07"));
    }

    #[test]
    fn other_formats_and_unreadable_files_are_one_problem_saying_why() {
        let xls = Sheet::read("results.xls", b"whatever", &Limits::default()).unwrap_err();
        assert_eq!((xls.file.as_str(), xls.line), ("results.xls", 0));
        assert!(xls.reason().contains(".csv") && xls.reason().contains(".xlsx"));
        let broken = Sheet::read("results.xlsx", b"not a zip", &Limits::default()).unwrap_err();
        assert!(
            broken
                .reason()
                .contains("cannot be read as an Excel workbook")
        );
        let empty = Sheet::read("results.csv", b"", &Limits::default()).unwrap_err();
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
