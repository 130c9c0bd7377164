//! OneRoster bundles as schools send them: the good bundle in `tests/data/good` (a BOM and
//! CRLF in orgs.csv, quoted commas and line breaks and a `metadata.*` column in users.csv,
//! names in several scripts), and one problem of each kind, found at its exact file, line
//! and column.

mod fuzzing;
mod hostile;
mod hostile_files;
mod real_bundles;

use headway_ingest::limits::Limits;
use headway_ingest::oneroster::{Bundle, BundleError, Options, Problem, Validated, validate};
use hostile_files::zip_of;
use std::path::Path;

/// Limits small enough that tests can cross them cheaply.
fn small_limits() -> Limits {
    Limits {
        max_unpacked_bytes: 1 << 20,
        max_entry_bytes: 1 << 20,
        ..Limits::default()
    }
}

fn good() -> Bundle {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good");
    Bundle::open(&dir, &small_limits()).unwrap()
}

fn check(bundle: &Bundle) -> Validated {
    validate(bundle, &Options::default(), &mut |_, _| {})
}

/// The good bundle with one file's text replaced by `edit`.
fn with(file: &str, edit: impl Fn(&str) -> String) -> Validated {
    let mut bundle = good();
    let text = String::from_utf8(bundle.files[file].clone()).unwrap();
    bundle.files.insert(file.into(), edit(&text).into_bytes());
    check(&bundle)
}

fn only_problem(validated: &Validated) -> &Problem {
    assert_eq!(validated.problems.len(), 1, "{:#?}", validated.problems);
    &validated.problems[0]
}

fn at(p: &Problem, file: &str, line: u64, column: &str) {
    assert_eq!(
        (p.file.as_str(), p.line, p.column.as_str()),
        (file, line, column),
        "{p}"
    );
}

#[test]
fn the_good_bundle_has_no_problems_and_maps_onto_headway() {
    let v = check(&good());
    assert!(v.problems.is_empty(), "{:#?}", v.problems);
    let b = &v.batch;
    assert_eq!(b.orgs.len(), 2);
    let school = b.orgs.iter().find(|o| o.school.is_some()).unwrap();
    assert_eq!(school.name, "Ysgol Gyfun \"Glan\", Aber");
    assert_eq!(school.parent.as_deref(), Some("la1"));
    assert_eq!(school.school.as_ref().unwrap().phase, "secondary");
    assert_eq!(b.years.len(), 1);
    assert_eq!(b.people.len(), 1);
    assert_eq!(b.people[0].display_name, "Siân Jones");
    assert_eq!(b.pupils.len(), 3);
    assert_eq!(b.pupils[1].display_name.as_deref(), Some("محمد علي"));
    let context = b.pupils[1].context.as_ref().unwrap();
    assert_eq!(context.sen.as_deref(), Some("support"));
    assert_eq!(context.eal, Some(true));
    assert!(b.pupils[2].context.is_none(), "u3 has no demographics row");
    assert_eq!(b.classes[0].year, "y2025", "the term's school year");
    assert_eq!(b.subjects[0].code, "MA");
    assert_eq!(b.enrolments.len(), 3);
    assert_eq!(b.teaching.len(), 1);
    let kinds: Vec<_> = b
        .assessment_points
        .iter()
        .map(|p| (p.source_id.as_str(), p.kind.as_str()))
        .collect();
    assert_eq!(kinds, [("cb", "baseline"), ("ci", "interim")]);
    // r3 is exempt, r6 is homework (a category that is not an assessment).
    let results: Vec<_> = b.results.iter().map(|r| r.source_id.as_str()).collect();
    assert_eq!(results, ["r1", "r2", "r4", "r5"]);
    assert!(
        v.notes.iter().any(|n| n.english().contains("1 lineItems")),
        "{:?}",
        v.notes
    );
}

#[test]
fn lf_without_a_bom_reads_the_same_as_crlf_with_one() {
    let v = with("orgs.csv", |t| {
        t.trim_start_matches('\u{feff}').replace("\r\n", "\n")
    });
    assert!(v.problems.is_empty());
    assert_eq!(v.batch, check(&good()).batch);
}

#[test]
fn an_unknown_reference_is_named_with_its_line_and_column() {
    let v = with("results.csv", |t| {
        t.replace("r5,active,2025-11-20,l2,u2", "r5,active,2025-11-20,l2,u9")
    });
    let p = only_problem(&v);
    at(p, "results.csv", 6, "studentSourcedId");
    assert!(p.reason().contains("`u9`"), "{p}");
}

#[test]
fn a_line_after_a_quoted_line_break_is_counted_right() {
    let v = with("users.csv", |t| {
        t.replace(
            "u3,active,2025-09-01,true,sch1",
            "u3,active,2025-09-01,true,sch9",
        )
    });
    let p = &v.problems[0];
    at(p, "users.csv", 6, "orgSourcedIds");
}

#[test]
fn a_bad_date_is_named() {
    let v = with("academicSessions.csv", |t| {
        t.replace("2025-12-19", "2025-12-32")
    });
    let p = only_problem(&v);
    at(p, "academicSessions.csv", 3, "endDate");
    assert!(p.reason().contains("2025-12-32"));
}

#[test]
fn a_score_outside_the_scale_is_named() {
    // l1 uses the score scale 80–120; l2 has resultValueMax 50.
    let v = with("results.csv", |t| {
        t.replace("l1,u2,fully graded,95.5", "l1,u2,fully graded,130")
            .replace("l2,u1,fully graded,31", "l2,u1,fully graded,51")
    });
    assert_eq!(v.problems.len(), 2, "{:#?}", v.problems);
    at(&v.problems[0], "results.csv", 3, "score");
    assert!(
        v.problems[0].reason().contains("80 to 120"),
        "{}",
        v.problems[0]
    );
    at(&v.problems[1], "results.csv", 5, "score");
    assert!(
        v.problems[1].reason().contains("0 to 50"),
        "{}",
        v.problems[1]
    );
}

#[test]
fn a_duplicate_sourced_id_names_the_first_line() {
    let v = with("results.csv", |t| t.replace("r2,active", "r1,active"));
    let p = only_problem(&v);
    at(p, "results.csv", 3, "sourcedId");
    assert!(p.reason().contains("line 2"), "{p}");
}

#[test]
fn a_missing_required_field_is_named() {
    let v = with("users.csv", |t| t.replace("u1,Zoë,Ng", "u1,,Ng"));
    let p = &v.problems.iter().find(|p| p.file == "users.csv").unwrap();
    at(p, "users.csv", 3, "givenName");
}

#[test]
fn a_missing_required_column_is_named_on_the_heading_line() {
    let v = with("classes.csv", |t| t.replace("courseSourcedId", "course"));
    let p = &v.problems[0];
    at(p, "classes.csv", 1, "courseSourcedId");
}

#[test]
fn a_bad_processing_mode_in_the_manifest_is_named() {
    let v = with("manifest.csv", |t| {
        t.replace("file.results,bulk", "file.results,full")
    });
    let p = &v.problems[0];
    at(p, "manifest.csv", 13, "value");
}

#[test]
fn delta_tobedeleted_results_are_removals() {
    let mut bundle = good();
    let manifest = String::from_utf8(bundle.files["manifest.csv"].clone()).unwrap();
    bundle.files.insert(
        "manifest.csv".into(),
        manifest
            .replace("file.results,bulk", "file.results,delta")
            .into_bytes(),
    );
    let results = String::from_utf8(bundle.files["results.csv"].clone()).unwrap();
    bundle.files.insert(
        "results.csv".into(),
        results.replace("r5,active", "r5,tobedeleted").into_bytes(),
    );
    let v = check(&bundle);
    assert!(v.problems.is_empty(), "{:#?}", v.problems);
    assert_eq!(v.batch.removed_results, ["r5"]);
}

#[test]
fn a_zip_bundle_reads_like_the_folder() {
    let folder = good();
    let entries: Vec<(String, Vec<u8>)> = folder
        .files
        .iter()
        .map(|(n, b)| (format!("bundle/{n}"), b.clone()))
        .collect();
    let refs: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let zipped = Bundle::from_zip(&zip_of(&refs), &small_limits()).unwrap();
    assert_eq!(check(&zipped).batch, check(&folder).batch);
}

#[test]
fn a_zip_entry_outside_the_bundle_is_refused() {
    let bytes = zip_of(&[
        ("manifest.csv", b"propertyName,value\n"),
        ("../evil.csv", b"x\n"),
    ]);
    let err = Bundle::from_zip(&bytes, &small_limits()).unwrap_err();
    assert!(
        matches!(err, BundleError::UnsafeName(ref n) if n == "../evil.csv"),
        "{err}"
    );
}

#[test]
fn a_zip_larger_than_the_cap_uncompressed_is_refused() {
    let zeros = vec![b'0'; 100_000];
    let bytes = zip_of(&[
        ("manifest.csv", b"propertyName,value\n"),
        ("results.csv", &zeros),
    ]);
    assert!(bytes.len() < 10_000, "it compresses well");
    let limits = Limits {
        max_unpacked_bytes: 50_000,
        ..Limits::default()
    };
    let err = Bundle::from_zip(&bytes, &limits).unwrap_err();
    assert!(
        matches!(err, BundleError::TooLarge { cap: 50_000 }),
        "{err}"
    );
}

#[test]
fn an_import_for_one_school_refuses_a_bundle_of_another() {
    let options = Options {
        school: Some(3),
        school_source_id: Some("other".into()),
    };
    let v = validate(&good(), &options, &mut |_, _| {});
    let p = only_problem(&v);
    at(p, "orgs.csv", 3, "sourcedId");
}

/// Records what validation hands a sink.
#[derive(Default)]
struct Recording {
    pupils_before_results: Option<usize>,
    results_before_results: Option<usize>,
    chunks: Vec<Vec<headway_domain::roster::plan::ImportResult>>,
}

impl headway_ingest::oneroster::ResultSink for Recording {
    fn before_results(&mut self, batch: &headway_domain::roster::plan::ImportBatch) {
        assert!(self.pupils_before_results.is_none(), "called once");
        self.pupils_before_results = Some(batch.pupils.len());
        self.results_before_results = Some(batch.results.len());
    }

    fn results(&mut self, accepted: &mut Vec<headway_domain::roster::plan::ImportResult>) {
        self.chunks.push(std::mem::take(accepted));
    }
}

#[test]
fn results_reach_a_sink_in_chunks_as_they_are_accepted_and_match_a_plain_validation() {
    use headway_ingest::oneroster::{RESULTS_PER_CALL, validate_into};
    let extra = RESULTS_PER_CALL + 2_345;
    let mut bundle = good();
    let mut users = String::from_utf8(bundle.files["users.csv"].clone()).unwrap();
    let mut results = String::from_utf8(bundle.files["results.csv"].clone()).unwrap();
    for i in 0..extra {
        users.push_str(&format!(
            "x{i},active,2025-09-01,true,sch1,student,x{i},Pupil,{i},,\n"
        ));
        results.push_str(&format!(
            "rx{i},active,2025-11-20,l2,x{i},fully graded,{},2025-11-20,\n",
            i % 50
        ));
    }
    bundle.files.insert("users.csv".into(), users.into_bytes());
    bundle
        .files
        .insert("results.csv".into(), results.into_bytes());

    let plain = check(&bundle);
    assert!(plain.problems.is_empty(), "{:#?}", plain.problems);
    let mut sink = Recording::default();
    let streamed = validate_into(&bundle, &Options::default(), &mut |_, _| {}, &mut sink);
    assert!(streamed.problems.is_empty());

    assert_eq!(sink.pupils_before_results, Some(plain.batch.pupils.len()));
    assert_eq!(sink.results_before_results, Some(0));
    let sizes: Vec<usize> = sink.chunks.iter().map(Vec::len).collect();
    assert_eq!(
        sizes,
        [
            RESULTS_PER_CALL,
            plain.batch.results.len() - RESULTS_PER_CALL
        ]
    );
    assert!(streamed.batch.results.is_empty(), "handed over, not kept");
    assert_eq!(sink.chunks.concat(), plain.batch.results);
    assert_eq!(streamed.batch.pupils, plain.batch.pupils);
}
