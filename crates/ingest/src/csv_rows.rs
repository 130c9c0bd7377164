//! Reading CSV as schools send it, row by row, keeping each row's line for error messages:
//! UTF-8 with or without a byte-order mark, CRLF or LF, quoted fields holding commas and
//! line breaks. Headings are trimmed; an empty field is a missing value.
//!
//! Before any row is read, the whole file is checked against the [`Limits`] (field, row
//! and row-count caps) by a pass that copies nothing: a 1 GB field is refused at the cost
//! of reading it, not of holding it.

use crate::limits::Limits;
use std::collections::HashMap;

/// The headings of a CSV file, and where each one is.
#[derive(Debug, Clone)]
pub struct Headings {
    pub names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Headings {
    fn new(names: Vec<String>) -> Headings {
        let mut index = HashMap::new();
        for (i, name) in names.iter().enumerate() {
            index.entry(name.clone()).or_insert(i);
        }
        Headings { names, index }
    }

    pub fn position(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// One data row: its line in the file (the line where the row starts, the headings being
/// line 1) and its fields.
pub struct Row<'a> {
    pub line: u64,
    pub record: &'a csv::ByteRecord,
    /// All the fields as one text when they are valid UTF-8 (nearly every row), so that
    /// each field need not be checked again on its own.
    text: Option<&'a str>,
}

impl<'a> Row<'a> {
    fn new(line: u64, record: &'a csv::ByteRecord) -> Row<'a> {
        let text = std::str::from_utf8(record.as_slice()).ok();
        Row { line, record, text }
    }

    /// The field at `position`: `None` when absent, `Some(None)` when not UTF-8.
    fn text_of(&self, position: usize) -> Option<Option<&'a str>> {
        let range = self.record.range(position)?;
        Some(match self.text {
            // A field of valid text is valid exactly when it starts and ends between
            // characters (a character cut in two by a comma is two garbled fields).
            Some(all) => all.get(range),
            None => std::str::from_utf8(&self.record.as_slice()[range]).ok(),
        })
    }

    /// The field at `position`, trimmed; `None` when absent or empty.
    pub fn get(&self, position: Option<usize>) -> Option<&str> {
        let text = self.text_of(position?)??.trim();
        (!text.is_empty()).then_some(text)
    }

    /// Whether the field at `position` is not valid UTF-8.
    pub fn is_garbled(&self, position: Option<usize>) -> bool {
        position
            .and_then(|p| self.text_of(p))
            .is_some_and(|text| text.is_none())
    }
}

/// Why a CSV file could not be read at all; `line` is where reading stopped.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvFault {
    pub line: u64,
    pub message: crate::reason::Reason,
}

/// Reads `bytes` as CSV with headings, calling `each` for every data row. Returns the
/// headings, or where and why reading failed (a file beyond `limits` fails before its
/// first row is read).
pub fn read_rows(
    bytes: &[u8],
    limits: &Limits,
    mut each: impl FnMut(&Headings, Row<'_>),
) -> Result<Headings, CsvFault> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    check_limits(bytes, limits)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(bytes);
    let headings: Vec<String> = reader
        .byte_headers()
        .map_err(|e| fault(&e, 1))?
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_owned())
        .collect();
    let headings = Headings::new(headings);
    let mut record = csv::ByteRecord::new();
    // Lines are counted here, not taken from the reader: after a CRLF it reports a
    // record's start one line early.
    let (mut counted_to, mut lines_before) = (0usize, 0u64);
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
                while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                    start += 1;
                }
                let start = start.max(counted_to);
                lines_before += bytes[counted_to..start]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u64;
                counted_to = start;
                let line = lines_before + 1;
                if record.len() == 1 && record.get(0).is_some_and(|f| f.is_empty()) {
                    continue; // a blank line
                }
                each(&headings, Row::new(line, &record));
            }
            Err(e) => return Err(fault(&e, line)),
        }
    }
    Ok(headings)
}

/// Walks `bytes` as CSV without keeping any of it, checking each field, each row and the
/// number of rows against `limits`. The fault names the line the offending row starts on.
/// [`read_rows`] calls it first; it is public so its cost can be measured on its own.
pub fn check_limits(bytes: &[u8], limits: &Limits) -> Result<(), CsvFault> {
    let mut reader = csv_core::Reader::new();
    // What the parser writes is thrown away; only its length counts.
    let mut scratch = [0u8; 8192];
    let mut input = bytes;
    let (mut field, mut row, mut records) = (0u64, 0u64, 0u64);
    let mut row_start = 0usize;
    let at = |row_start: usize, message| {
        // Line breaks ending the previous row belong to it, as in `read_rows`.
        let mut start = row_start;
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let line = 1 + bytes[..start].iter().filter(|b| **b == b'\n').count() as u64;
        Err(CsvFault { line, message })
    };
    loop {
        let (result, read, written) = reader.read_field(input, &mut scratch);
        input = &input[read..];
        field += written as u64;
        row += read as u64;
        if field > limits.max_field_bytes {
            let reason = crate::reason!("csv-field-too-long", max = limits.max_field_bytes);
            return at(row_start, reason);
        }
        if row > limits.max_line_bytes {
            let reason = crate::reason!("csv-line-too-long", max = limits.max_line_bytes);
            return at(row_start, reason);
        }
        match result {
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                field = 0;
                if record_end {
                    // The first record is the headings.
                    if records > limits.max_rows {
                        let reason = crate::reason!("csv-too-many-rows", max = limits.max_rows);
                        return at(row_start, reason);
                    }
                    records += 1;
                    row = 0;
                    row_start = bytes.len() - input.len();
                }
            }
            csv_core::ReadFieldResult::End => return Ok(()),
        }
    }
}

fn fault(error: &csv::Error, line: u64) -> CsvFault {
    CsvFault {
        line: error.position().map_or(line, |p| p.line()),
        message: crate::reason!("csv-unreadable", error = error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8]) -> Vec<(u64, Vec<String>)> {
        let mut out = Vec::new();
        read_rows(bytes, &Limits::default(), |_, row| {
            out.push((
                row.line,
                row.record
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect(),
            ))
        })
        .unwrap();
        out
    }

    #[test]
    fn a_byte_order_mark_and_crlf_are_read_as_if_absent() {
        let plain = rows(b"a,b\nx,y\n");
        assert_eq!(rows(b"\xEF\xBB\xBFa,b\r\nx,y\r\n"), plain);
        let mut headings = Vec::new();
        read_rows(
            b"\xEF\xBB\xBFsourcedId,b\r\n",
            &Limits::default(),
            |_, _| {},
        )
        .map(|h| headings = h.names)
        .unwrap();
        assert_eq!(headings, ["sourcedId", "b"]);
    }

    #[test]
    fn rows_know_the_line_they_start_on_across_quoted_line_breaks() {
        let got = rows(b"a,b\n\"one\ntwo, three\",y\nz,w\n");
        assert_eq!(got[0], (2, vec!["one\ntwo, three".into(), "y".into()]));
        assert_eq!(got[1].0, 4);
    }

    #[test]
    fn only_the_fields_that_are_not_utf8_are_garbled() {
        let mut seen = Vec::new();
        read_rows(
            b"a,b,c\n\xC3,\xA9,caf\xC3\xA9\nx,\xFF,z\n",
            &Limits::default(),
            |_, row| {
                seen.push(
                    (0..3)
                        .map(|i| (row.is_garbled(Some(i)), row.get(Some(i)).map(str::to_owned)))
                        .collect::<Vec<_>>(),
                );
            },
        )
        .unwrap();
        // A character cut in two by the comma is no character in either field.
        assert_eq!(
            seen[0],
            [(true, None), (true, None), (false, Some("café".to_owned()))]
        );
        assert_eq!(
            seen[1],
            [
                (false, Some("x".to_owned())),
                (true, None),
                (false, Some("z".to_owned()))
            ]
        );
    }

    #[test]
    fn crlf_lines_are_counted_like_lf_lines() {
        let lf: Vec<u64> = rows(b"a,b\nx,y\nz,w\nv,u\n").iter().map(|r| r.0).collect();
        let crlf: Vec<u64> = rows(b"a,b\r\nx,y\r\nz,w\r\nv,u\r\n")
            .iter()
            .map(|r| r.0)
            .collect();
        assert_eq!(lf, [2, 3, 4]);
        assert_eq!(crlf, lf);
    }

    fn refused(bytes: &[u8], limits: Limits) -> CsvFault {
        let mut rows = 0;
        let fault = read_rows(bytes, &limits, |_, _| rows += 1).unwrap_err();
        assert_eq!(rows, 0, "refused before any row is read");
        fault
    }

    #[test]
    fn a_field_longer_than_the_limit_is_refused_at_the_line_of_its_row() {
        let limits = Limits {
            max_field_bytes: 10,
            ..Limits::default()
        };
        let mut text = b"a,b\r\nx,y\r\nz,\"".to_vec();
        text.extend(std::iter::repeat_n(b'w', 5_000));
        text.extend(b"\nmore\",u\n");
        let fault = refused(&text, limits);
        assert_eq!(fault.line, 3);
        assert_eq!(fault.message.id, "csv-field-too-long");
        assert_eq!(fault.message.arg("max"), Some("10"));
        // A field of exactly the limit is fine.
        assert!(read_rows(b"a\n0123456789\n", &limits, |_, _| {}).is_ok());
    }

    #[test]
    fn a_row_longer_than_the_limit_is_refused_even_when_each_field_is_short() {
        let limits = Limits {
            max_line_bytes: 100,
            ..Limits::default()
        };
        let mut text = b"a\nx\n".to_vec();
        text.extend(b",".repeat(500));
        text.push(b'\n');
        let fault = refused(&text, limits);
        assert_eq!(
            (fault.line, fault.message.id.as_str()),
            (3, "csv-line-too-long")
        );
    }

    #[test]
    fn more_rows_than_the_limit_are_refused_at_the_first_row_too_many() {
        let limits = Limits {
            max_rows: 2,
            ..Limits::default()
        };
        assert!(read_rows(b"a\n1\n2\n", &limits, |_, _| {}).is_ok());
        let fault = refused(b"a\n1\n2\n3\n4\n", limits);
        assert_eq!(
            (fault.line, fault.message.id.as_str()),
            (4, "csv-too-many-rows")
        );
    }
}
