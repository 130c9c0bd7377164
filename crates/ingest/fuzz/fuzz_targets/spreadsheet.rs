//! A results spreadsheet from arbitrary bytes, as CSV (first byte even) or XLSX (odd),
//! then validated through the guessed column mapping.
#![no_main]

mod limits;

use headway_ingest::spreadsheet::{ColumnMapping, Known, Sheet, validate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let name = if mode % 2 == 0 { "r.csv" } else { "r.xlsx" };
    let Ok(sheet) = Sheet::read(name, rest, &limits::fuzz_limits()) else {
        return;
    };
    let mapping = ColumnMapping::guess(&sheet.headings);
    let mut known = Known::default();
    known.pupils.insert("P1".into(), 1);
    known.subjects.insert("MA".into());
    known.points.insert("A".into(), Default::default());
    let validated = validate(name, &sheet, &mapping, &known, 1);
    for problem in &validated.problems {
        let _ = problem.to_string();
    }
});
