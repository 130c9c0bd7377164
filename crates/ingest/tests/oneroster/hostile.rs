//! Hostile files are refused with their reason, before the work: each is built here as an
//! attacker would build it. (Peak memory is measured by `examples/hostile.rs`, not here.)

use crate::hostile_files::{bundle_with_a_huge_field, xlsx_claiming_every_cell, xlsx_with, zip_of};
use headway_ingest::expectations::{CsvFile, validate_combined};
use headway_ingest::limits::Limits;
use headway_ingest::oneroster::{Bundle, BundleError, Options, validate};
use headway_ingest::spreadsheet::Sheet;

const MANIFEST: (&str, &[u8]) = ("manifest.csv", b"propertyName,value\nfile.users,bulk\n");

#[test]
fn an_xlsx_declaring_17_billion_cells_is_refused_before_a_cell_is_read() {
    let bytes = xlsx_claiming_every_cell();
    assert!(bytes.len() < 2_500, "a small file: {} bytes", bytes.len());
    let problem = Sheet::read("results.xlsx", &bytes, &Limits::default()).unwrap_err();
    assert_eq!(problem.message.id, "sheet-too-large");
    assert_eq!(problem.message.arg("rows"), Some("1048576"));
    assert_eq!(problem.message.arg("columns"), Some("16384"));
    assert_eq!((problem.file.as_str(), problem.line), ("results.xlsx", 0));
}

#[test]
fn an_xlsx_whose_cells_lie_beyond_a_small_declared_dimension_is_refused_as_it_streams() {
    // The dimension says one cell; the cells say otherwise.
    for dimension in [Some("A1"), None] {
        let bytes = xlsx_with(dimension, &[("A1", 1.0), ("XFD1048576", 2.0)]);
        let problem = Sheet::read("r.xlsx", &bytes, &Limits::default()).unwrap_err();
        assert_eq!(problem.message.id, "sheet-too-large", "{dimension:?}");
    }
    // Within the limits, the same kind of file reads.
    let bytes = xlsx_with(Some("A1:B3"), &[("A1", 1.0), ("B3", 2.0)]);
    let sheet = Sheet::read("r.xlsx", &bytes, &Limits::default()).unwrap();
    assert_eq!(sheet.headings, ["1", ""]);
    assert_eq!(sheet.rows.len(), 1);
    assert_eq!((sheet.rows[0].line, sheet.rows[0].cell(1)), (3, Some("2")));
}

#[test]
fn an_xlsx_with_more_rows_or_columns_than_the_limits_is_refused() {
    let limits = Limits {
        max_rows: 3,
        max_sheet_columns: 3,
        ..Limits::default()
    };
    let tall = xlsx_with(
        None,
        &[
            ("A1", 1.0),
            ("A2", 1.0),
            ("A3", 1.0),
            ("A4", 1.0),
            ("A6", 1.0),
        ],
    );
    let problem = Sheet::read("r.xlsx", &tall, &limits).unwrap_err();
    assert_eq!(problem.message.id, "sheet-too-large");
    let wide = xlsx_with(None, &[("A1", 1.0), ("D1", 1.0)]);
    let problem = Sheet::read("r.xlsx", &wide, &limits).unwrap_err();
    assert_eq!(problem.message.arg("columns"), Some("4"));
}

#[test]
fn an_xlsx_with_a_reversed_dimension_is_a_problem_not_a_crash() {
    // calamine 0.38 subtracts the corners without checking and panics in a debug build.
    let bytes = xlsx_with(Some("B2:A1"), &[("A1", 1.0)]);
    let problem = Sheet::read("r.xlsx", &bytes, &Limits::default()).unwrap_err();
    assert_eq!((problem.file.as_str(), problem.line), ("r.xlsx", 0));
    assert_eq!(problem.message.id, "sheet-not-xlsx");
}

#[test]
fn a_workbook_part_unpacking_beyond_the_limit_is_refused() {
    let mut bytes = xlsx_with(None, &[("A1", 1.0)]);
    // Rebuild it with a large extra part: it compresses to almost nothing.
    let zeros = vec![b'0'; 300_000];
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone())).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut part, &mut content).unwrap();
        parts.push((part.name().unwrap().into_owned(), content));
    }
    parts.push(("xl/sharedStrings.xml".into(), zeros));
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    bytes = zip_of(&refs);
    let limits = Limits {
        max_entry_bytes: 100_000,
        ..Limits::default()
    };
    let problem = Sheet::read("r.xlsx", &bytes, &limits).unwrap_err();
    assert_eq!(problem.message.id, "bundle-entry-too-large");
    assert_eq!(problem.message.arg("name"), Some("xl/sharedStrings.xml"));
}

#[test]
fn a_zip_with_a_50_mb_field_is_refused_naming_the_file_and_line() {
    let bytes = bundle_with_a_huge_field(50 << 20);
    assert!(bytes.len() < 200_000, "compressed: {} bytes", bytes.len());
    // Under the default limits the file unpacks, and its field is refused before any row
    // of it is read.
    let bundle = Bundle::from_zip(&bytes, &Limits::default()).unwrap();
    let validated = validate(&bundle, &Options::default(), &mut |_, _| {});
    let problem = validated
        .problems
        .iter()
        .find(|p| p.file == "users.csv")
        .expect("users.csv is refused");
    assert_eq!(problem.line, 2);
    assert_eq!(problem.message.id, "csv-field-too-long");
    assert!(validated.batch.pupils.is_empty());
    // Under a smaller cap on an entry it is refused while unpacking.
    let limits = Limits {
        max_entry_bytes: 1 << 20,
        ..Limits::default()
    };
    let err = Bundle::from_zip(&bytes, &limits).unwrap_err();
    assert!(
        matches!(err, BundleError::EntryTooLarge { ref name, cap } if name == "users.csv" && cap == 1 << 20),
        "{err}"
    );
    assert_eq!(err.message().id, "bundle-entry-too-large");
}

#[test]
fn a_second_file_of_the_same_name_in_another_folder_or_case_is_refused() {
    for (first, second) in [("users.csv", "z/users.csv"), ("a/users.csv", "b/Users.CSV")] {
        let bytes = zip_of(&[
            MANIFEST,
            (first, b"sourcedId\nu1\n"),
            (second, b"sourcedId\nu2\n"),
        ]);
        let err = Bundle::from_zip(&bytes, &Limits::default()).unwrap_err();
        assert!(
            matches!(err, BundleError::DuplicateName { first: ref f, second: ref s } if f == first && s == second),
            "{first} {second}: {err}"
        );
        let reason = err.message();
        assert_eq!(reason.id, "bundle-duplicate-name");
        assert!(reason.text("cy").contains(second), "{}", reason.text("cy"));
    }
}

#[test]
fn an_absolute_entry_name_is_refused() {
    for name in [
        "/users.csv",
        "/etc/users.csv",
        "C:/users.csv",
        "\\users.csv",
    ] {
        let bytes = zip_of(&[MANIFEST, (name, b"sourcedId\nu1\n")]);
        let err = Bundle::from_zip(&bytes, &Limits::default()).unwrap_err();
        assert!(
            matches!(err, BundleError::AbsoluteName(ref n) if n == name),
            "{name}: {err}"
        );
        assert_eq!(err.message().id, "bundle-absolute-name");
    }
}

#[test]
fn a_zip_with_more_entries_than_the_limit_is_refused_before_any_is_unpacked() {
    let names: Vec<String> = (0..20).map(|i| format!("extra{i}.txt")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![MANIFEST];
    entries.extend(names.iter().map(|n| (n.as_str(), &b"x"[..])));
    let limits = Limits {
        max_zip_entries: 10,
        ..Limits::default()
    };
    let err = Bundle::from_zip(&zip_of(&entries), &limits).unwrap_err();
    assert!(
        matches!(err, BundleError::TooManyEntries { max: 10 }),
        "{err}"
    );
}

#[test]
fn csv_sheets_and_expectations_tables_keep_to_the_limits_too() {
    let limits = Limits {
        max_field_bytes: 100,
        ..Limits::default()
    };
    let mut sheet = b"UPN,Mark\nP1,".to_vec();
    sheet.extend(vec![b'9'; 1_000]);
    let problem = Sheet::read("r.csv", &sheet, &limits).unwrap_err();
    assert_eq!(
        (problem.line, problem.message.id.as_str()),
        (2, "csv-field-too-long")
    );

    let mut table = b"measure,year,group,low,high,expected\nMAT,2025/26,".to_vec();
    table.extend(vec![b'g'; 1_000]);
    table.extend(b",1,2,3\n");
    let known = Default::default();
    let file = CsvFile {
        name: "table.csv",
        bytes: &table,
    };
    let validated = validate_combined(file, &known, &limits);
    assert_eq!(validated.problems.len(), 1, "{:?}", validated.problems);
    assert_eq!(validated.problems[0].line, 2);
    assert_eq!(validated.problems[0].message.id, "csv-field-too-long");
}
