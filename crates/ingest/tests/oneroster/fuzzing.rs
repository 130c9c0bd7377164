//! The readers over arbitrary input, a modest number of cases each so the suite stays fast
//! (the long runs are cargo-fuzz's, see docs/fuzzing.md): no input makes a reader panic, a
//! refusal is a reason, and a plan never holds the same teaching pair or enrolment twice.

use crate::hostile_files::{xlsx_with, zip_of};
use headway_domain::progress::published::KnownNames;
use headway_ingest::expectations::{CsvFile, validate_combined, validate_separate};
use headway_ingest::limits::Limits;
use headway_ingest::oneroster::{Bundle, Options, Validated, validate};
use headway_ingest::spreadsheet::Sheet;
use proptest::prelude::*;
use std::collections::HashSet;

fn limits() -> Limits {
    Limits {
        max_field_bytes: 512,
        max_line_bytes: 4096,
        max_rows: 200,
        max_zip_entries: 16,
        max_entry_bytes: 64 << 10,
        max_unpacked_bytes: 256 << 10,
        max_sheet_columns: 32,
        max_sheet_cells: 2_000,
    }
}

/// What every validation must give: problems that name a file, and a plan without a
/// repeated teaching pair or enrolment.
fn check_plan(v: &Validated) {
    for p in &v.problems {
        assert!(!p.file.is_empty(), "{p}");
        assert!(!p.reason().is_empty());
    }
    let teaching = v.batch.teaching.iter().map(|t| (&t.class, &t.person));
    assert!(all_distinct(teaching), "a teaching pair twice");
    let enrolled = v.batch.enrolments.iter().map(|e| (&e.class, &e.pupil));
    assert!(all_distinct(enrolled), "an enrolment twice");
}

fn all_distinct<T: std::hash::Hash + Eq>(items: impl Iterator<Item = T>) -> bool {
    let mut seen = HashSet::new();
    items.into_iter().all(|item| seen.insert(item))
}

/// Text that looks enough like CSV to get past the headings: ids, commas, quotes, line
/// breaks, dates and odd bytes.
fn csvish() -> impl Strategy<Value = Vec<u8>> {
    const TOKENS: &[&[u8]] = &[
        b",",
        b"\n",
        b"\r\n",
        b"\"",
        b"sourcedId",
        b"k1",
        b"u1",
        b"sch1",
        b"student",
        b"teacher",
        b"2025-09-01",
        b"2026",
        b"\xEF\xBB\xBF",
    ];
    let token = prop_oneof![
        proptest::sample::select(TOKENS).prop_map(<[u8]>::to_vec),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(token, 0..60).prop_map(|t| t.concat())
}

fn good_files() -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good");
    let bundle = Bundle::open(&dir, &Limits::default()).unwrap();
    bundle.files.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn arbitrary_bytes_as_a_zip_bundle_are_read_or_refused_without_panicking(
        bytes in proptest::collection::vec(any::<u8>(), 0..2048)
    ) {
        match Bundle::from_zip(&bytes, &limits()) {
            Ok(bundle) => check_plan(&validate(&bundle, &Options::default(), &mut |_, _| {})),
            Err(why) => prop_assert!(!why.message().english().is_empty()),
        }
    }

    #[test]
    fn arbitrary_zips_keep_to_the_limits_and_refuse_repeated_names(
        entries in proptest::collection::vec(
            (
                prop_oneof![
                    Just("manifest.csv".to_owned()),
                    Just("users.csv".to_owned()),
                    Just("z/USERS.csv".to_owned()),
                    Just("/abs.csv".to_owned()),
                    Just("../up.csv".to_owned()),
                    Just("notes.txt".to_owned()),
                    "[a-z/]{1,12}\\.csv",
                ],
                csvish(),
            ),
            0..8,
        )
    ) {
        // A zip writer refuses a name given twice exactly; folders and case it lets through.
        let mut written = HashSet::new();
        let refs: Vec<(&str, &[u8])> = entries
            .iter()
            .filter(|(n, _)| written.insert(n.as_str()))
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        let bytes = zip_of(&refs);
        if let Ok(bundle) = Bundle::from_zip(&bytes, &limits()) {
            let total: usize = bundle.files.values().map(Vec::len).sum();
            prop_assert!(total as u64 <= limits().max_unpacked_bytes);
            let lower: HashSet<String> = bundle.files.keys().map(|k| k.to_lowercase()).collect();
            prop_assert_eq!(lower.len(), bundle.files.len());
            let names: HashSet<&str> = entries.iter().map(|(n, _)| n.as_str()).collect();
            prop_assert!(!names.contains("/abs.csv") && !names.contains("../up.csv"));
            check_plan(&validate(&bundle, &Options::default(), &mut |_, _| {}));
        }
    }

    #[test]
    fn the_good_bundle_with_one_file_garbled_is_validated_without_panicking(
        file in 0usize..12,
        garbage in csvish(),
        keep in 0usize..400,
    ) {
        let mut files = good_files();
        let (_, bytes) = &mut files[file % 12];
        bytes.truncate(keep.min(bytes.len()));
        bytes.extend(garbage);
        let bundle = Bundle { files: files.into_iter().collect(), limits: limits() };
        check_plan(&validate(&bundle, &Options::default(), &mut |_, _| {}));
    }

    #[test]
    fn enrolments_repeated_in_any_way_never_reach_the_plan_twice(
        rows in proptest::collection::vec((0u8..3, 0u8..4, 0u8..3, any::<bool>()), 0..30)
    ) {
        let mut files: std::collections::BTreeMap<String, Vec<u8>> = good_files().into_iter().collect();
        let mut users = String::from_utf8(files["users.csv"].clone()).unwrap();
        users.push_str("t2,active,2025-09-01,true,sch1,teacher,t2,Tom,Two,,\n");
        let mut classes = String::from_utf8(files["classes.csv"].clone()).unwrap();
        classes.push_str("k2,active,2025-09-01,7M2,07,c1,7M2,scheduled,,sch1,t1,,,\n");
        let mut enrollments = String::from_utf8(files["enrollments.csv"].clone()).unwrap();
        let people = ["u1", "u2", "t1", "t2"];
        for (i, (id, class, person, _)) in rows.iter().enumerate() {
            let person = people[*person as usize];
            let role = if person.starts_with('t') { "teacher" } else { "student" };
            // Ids repeat (the same row, or a different one under the same id) or not.
            let id = if *id == 0 { format!("x{i}") } else { format!("dup{id}") };
            enrollments.push_str(&format!("{id},active,2025-09-01,k{},sch1,{person},{role},false,,\n", class % 2 + 1));
        }
        files.insert("users.csv".into(), users.into_bytes());
        files.insert("classes.csv".into(), classes.into_bytes());
        files.insert("enrollments.csv".into(), enrollments.into_bytes());
        let bundle = Bundle { files, ..Bundle::default() };
        let v = validate(&bundle, &Options::default(), &mut |_, _| {});
        check_plan(&v);
        prop_assert!(v.problems.iter().all(|p| p.file == "enrollments.csv" && p.column == "sourcedId"), "{:#?}", v.problems);
    }

    #[test]
    fn arbitrary_bytes_as_a_spreadsheet_are_read_or_refused_without_panicking(
        bytes in prop_oneof![csvish(), proptest::collection::vec(any::<u8>(), 0..1024)],
        xlsx in any::<bool>(),
    ) {
        let name = if xlsx { "r.xlsx" } else { "r.csv" };
        if let Ok(sheet) = Sheet::read(name, &bytes, &limits()) {
            prop_assert!(sheet.rows.len() as u64 <= limits().max_rows);
        }
    }

    #[test]
    fn arbitrary_worksheets_are_read_within_the_limits_or_refused(
        dimension in proptest::option::of("[A-Z]{1,3}[0-9]{1,7}(:[A-Z]{1,3}[0-9]{1,7})?"),
        cells in proptest::collection::vec(("[A-Z]{1,3}", 1u32..2_000_000, -1e6f64..1e6), 0..12),
    ) {
        let refs: Vec<(String, f64)> = cells.iter().map(|(c, r, v)| (format!("{c}{r}"), *v)).collect();
        let refs: Vec<(&str, f64)> = refs.iter().map(|(c, v)| (c.as_str(), *v)).collect();
        let bytes = xlsx_with(dimension.as_deref(), &refs);
        match Sheet::read("r.xlsx", &bytes, &limits()) {
            Ok(sheet) => {
                let cells: usize = sheet.rows.iter().map(|r| r.cells.len()).sum();
                prop_assert!(cells as u64 <= limits().max_sheet_cells);
                prop_assert!(sheet.headings.len() as u64 <= limits().max_sheet_columns);
            }
            Err(problem) => prop_assert_eq!(problem.file, "r.xlsx"),
        }
    }

    #[test]
    fn arbitrary_bytes_as_an_expectations_table_are_validated_without_panicking(
        groups in csvish(),
        expected in csvish(),
    ) {
        let known = KnownNames {
            subject_codes: ["MAT".to_owned()].into(),
            year_names: ["2025/26".to_owned()].into(),
        };
        let file = |bytes| CsvFile { name: "t.csv", bytes };
        let combined = validate_combined(file(&groups), &known, &limits());
        let separate = validate_separate(file(&groups), file(&expected), &known, &limits());
        for v in [combined, separate] {
            prop_assert!(v.rows.iter().all(|r| r.low <= r.high));
        }
    }
}
