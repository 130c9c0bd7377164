//! A OneRoster bundle from arbitrary bytes: read as a zip (first byte even), or cut at NUL
//! bytes into the CSV files of a bundle (first byte odd), then validated.
#![no_main]

mod limits;

use headway_ingest::oneroster::{Bundle, Options, validate};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "manifest.csv",
    "orgs.csv",
    "academicSessions.csv",
    "users.csv",
    "roles.csv",
    "demographics.csv",
    "courses.csv",
    "classes.csv",
    "enrollments.csv",
    "categories.csv",
    "lineItems.csv",
    "scoreScales.csv",
    "results.csv",
];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let limits = limits::fuzz_limits();
    let bundle = if mode % 2 == 0 {
        match Bundle::from_zip(rest, &limits) {
            Ok(bundle) => bundle,
            Err(why) => {
                let _ = why.message().english();
                return;
            }
        }
    } else {
        let mut bundle = Bundle {
            limits,
            ..Bundle::default()
        };
        for (name, bytes) in NAMES.iter().zip(rest.split(|b| *b == 0)) {
            bundle.files.insert((*name).to_owned(), bytes.to_vec());
        }
        bundle
    };
    let school = (mode & 2 != 0).then_some(1);
    let options = Options {
        school,
        school_source_id: school.map(|_| "sch1".to_owned()),
    };
    let validated = validate(&bundle, &options, &mut |_, _| {});
    for problem in &validated.problems {
        let _ = problem.to_string();
    }
    // A plan never holds a (class, person) teaching pair or (class, pupil) enrolment twice.
    let mut pairs = std::collections::HashSet::new();
    for t in &validated.batch.teaching {
        assert!(pairs.insert(("t", &t.class, &t.person)), "teaching twice");
    }
    for e in &validated.batch.enrolments {
        assert!(pairs.insert(("e", &e.class, &e.pupil)), "enrolment twice");
    }
});
