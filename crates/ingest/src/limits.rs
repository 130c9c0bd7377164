//! How much a file sent to Headway may hold before it is read. A hostile file is small and
//! claims much: a 2 KB workbook naming cell XFD1048576, a 1 MB zip unpacking to a 1 GB
//! field. Every reader checks these limits before the work, so a refusal costs little
//! memory and names the file (and, in a CSV file, the line).

use serde::Deserialize;

/// The limits every reader of school files keeps to. The defaults take the largest real
/// imports Headway is built for (a million results in one bundle) with room to spare, and
/// refuse anything far beyond. The binary's configuration may set any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// The most bytes one CSV field may hold (a name, an id, a comment): 16 MiB. Far above
    /// any real field, far below the gigabyte a hostile one claims.
    pub max_field_bytes: u64,
    /// The most bytes one CSV row may hold, all its fields and separators together (a
    /// row that runs over several lines through quoted line breaks counts whole): 32 MiB.
    pub max_line_bytes: u64,
    /// The most data rows one CSV file or worksheet may hold: 10 million.
    pub max_rows: u64,
    /// The most entries a zip (a bundle, or the parts of an XLSX workbook) may hold: 1,000.
    pub max_zip_entries: u64,
    /// The most bytes one zip entry may unpack to, counted while unpacking: 512 MiB.
    pub max_entry_bytes: u64,
    /// The most bytes all the entries of one zip together may unpack to: 1 GiB.
    pub max_unpacked_bytes: u64,
    /// The most columns a worksheet may span, declared or used: 1,000.
    pub max_sheet_columns: u64,
    /// The most cells a worksheet may span (rows × columns of the area its cells cover,
    /// declared or used): 2 million.
    pub max_sheet_cells: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_field_bytes: 16 << 20,
            max_line_bytes: 32 << 20,
            max_rows: 10_000_000,
            max_zip_entries: 1_000,
            max_entry_bytes: 512 << 20,
            max_unpacked_bytes: 1 << 30,
            max_sheet_columns: 1_000,
            max_sheet_cells: 2_000_000,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_configuration_may_set_some_limits_and_keep_the_defaults_for_the_rest() {
        let limits: Limits = serde_json::from_str(r#"{"max_rows": 500}"#).unwrap();
        assert_eq!(limits.max_rows, 500);
        assert_eq!(limits.max_field_bytes, Limits::default().max_field_bytes);
        let misspelt = serde_json::from_str::<Limits>(r#"{"max_row": 500}"#);
        assert!(
            misspelt.is_err(),
            "a misspelt limit is an error, not ignored"
        );
    }
}
