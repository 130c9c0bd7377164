//! A published expectations table from arbitrary bytes: one combined file, and the same
//! bytes cut at the first NUL into a groups file and an expectations file.
#![no_main]

mod limits;

use headway_domain::progress::published::KnownNames;
use headway_ingest::expectations::{CsvFile, validate_combined, validate_separate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = limits::fuzz_limits();
    let known = KnownNames {
        subject_codes: ["MAT".to_owned()].into(),
        year_names: ["2025/26".to_owned()].into(),
    };
    let file = |bytes| CsvFile { name: "t.csv", bytes };
    let combined = validate_combined(file(data), &known, &limits);
    let (groups, expected) = match data.iter().position(|b| *b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &data[..0]),
    };
    let separate = validate_separate(file(groups), file(expected), &known, &limits);
    for problem in combined.problems.iter().chain(&separate.problems) {
        let _ = problem.to_string();
    }
});
