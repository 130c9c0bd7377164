//! Applying an import: counts of what is added, changed and left alone; a preview writes
//! nothing; re-importing the same batch changes nothing; a failing batch writes nothing.

use crate::harness::stores;
use headway_store::Store;
use headway_store::imports::*;
use time::macros::date;

pub(crate) fn batch() -> ImportBatch {
    ImportBatch {
        school: None,
        orgs: vec![ImportOrg {
            source_id: "sch1".into(),
            kind: "school".into(),
            name: "Ysgol Aber".into(),
            parent: None,
            school: Some(ImportSchool {
                code: "6612345".into(),
                phase: "secondary".into(),
            }),
        }],
        years: vec![ImportYear {
            source_id: "y2025".into(),
            name: "2025-26 (import)".into(),
            starts_on: date!(2025 - 09 - 01),
            ends_on: date!(2026 - 08 - 31),
        }],
        subjects: vec![ImportSubject {
            code: "MA-import".into(),
            name: "Mathematics".into(),
        }],
        people: vec![ImportPerson {
            source_id: "t1".into(),
            display_name: "Siân Jones".into(),
            email: Some("sian@import.test".into()),
            school: Some("sch1".into()),
        }],
        pupils: ["u1", "u2"]
            .iter()
            .map(|id| ImportPupil {
                source_id: (*id).into(),
                school: "sch1".into(),
                display_name: Some(format!("Pupil {id}")),
                context: Some(PupilContext {
                    disadvantaged: Some(*id == "u1"),
                    ..Default::default()
                }),
            })
            .collect(),
        classes: vec![ImportClass {
            source_id: "k1".into(),
            school: "sch1".into(),
            year: "y2025".into(),
            subject_code: Some("MA-import".into()),
            name: "7M1".into(),
            year_group: Some(7),
        }],
        teaching: vec![ImportTeaching {
            class: "k1".into(),
            person: "t1".into(),
        }],
        enrolments: ["u1", "u2"]
            .iter()
            .map(|id| ImportEnrolment {
                source_id: format!("e{id}"),
                class: "k1".into(),
                pupil: (*id).into(),
            })
            .collect(),
        assessment_points: vec![ImportAssessmentPoint {
            source_id: "cb".into(),
            year: "y2025".into(),
            school: Some("sch1".into()),
            kind: "baseline".into(),
            name: "Baseline".into(),
            taken_on: date!(2025 - 09 - 10),
            scale_min: Some(80.0),
            scale_max: Some(120.0),
        }],
        results: [("r1", "u1", 101.0), ("r2", "u2", 95.5)]
            .iter()
            .map(|(id, pupil, score)| ImportResult {
                source_id: (*id).into(),
                pupil: (*pupil).into(),
                point: "cb".into(),
                subject_code: "MA-import".into(),
                score: *score,
            })
            .collect(),
        removed_enrolments: vec![],
        removed_results: vec![],
    }
}

async fn count(store: &Store, table: &str) -> i64 {
    store.count_rows(table).await.unwrap()
}

fn added(counts: &ImportCounts, table: &str) -> u64 {
    counts.table(table).unwrap().added
}

#[tokio::test]
async fn applying_adds_everything_and_reimporting_changes_nothing() {
    for store in stores().await {
        let first = store.import(&batch(), Mode::Apply).await.unwrap();
        assert_eq!(added(&first, "schools"), 1);
        assert_eq!(added(&first, "pupils"), 2);
        assert_eq!(added(&first, "results"), 2);
        assert_eq!(added(&first, "class_teachers"), 1);
        assert_eq!(count(&store, "results").await, 2);

        let again = store.import(&batch(), Mode::Apply).await.unwrap();
        assert!(again.changes_nothing(), "{again:#?}");
        assert_eq!(again.table("results").unwrap().unchanged, 2);
        assert_eq!(count(&store, "results").await, 2);
        assert_eq!(count(&store, "pupils").await, 2);

        let mut changed = batch();
        changed.results[1].score = 99.0;
        let counts = store.import(&changed, Mode::Apply).await.unwrap();
        let results = counts.table("results").unwrap();
        assert_eq!(
            (results.added, results.changed, results.unchanged),
            (0, 1, 1)
        );
    }
}

#[tokio::test]
async fn a_preview_counts_exactly_and_writes_nothing() {
    for store in stores().await {
        let preview = store.import(&batch(), Mode::Preview).await.unwrap();
        assert_eq!(added(&preview, "results"), 2);
        assert_eq!(count(&store, "results").await, 0);
        assert_eq!(count(&store, "orgs").await, 0);
        let applied = store.import(&batch(), Mode::Apply).await.unwrap();
        assert_eq!(preview, applied);
    }
}

#[tokio::test]
async fn a_batch_that_fails_part_way_writes_nothing() {
    for store in stores().await {
        let mut bad = batch();
        bad.results[1].pupil = "nobody".into();
        assert!(store.import(&bad, Mode::Apply).await.is_err());
        for table in ["orgs", "pupils", "classes", "results", "people"] {
            assert_eq!(count(&store, table).await, 0, "{table}");
        }
    }
}

#[tokio::test]
async fn a_bundle_school_is_linked_to_the_school_it_is_imported_for() {
    for store in stores().await {
        store
            .insert_world(&crate::harness::small_world())
            .await
            .unwrap();
        let mut for_school = batch();
        for_school.school = Some(3);
        let counts = store.import(&for_school, Mode::Apply).await.unwrap();
        assert_eq!(
            counts.table("schools").unwrap().changed,
            1,
            "linked, not added"
        );
        assert_eq!(
            store
                .school_source_id(headway_domain::ids::SchoolId(3))
                .await
                .unwrap()
                .as_deref(),
            Some("sch1")
        );
        let again = store.import(&for_school, Mode::Apply).await.unwrap();
        assert!(again.changes_nothing(), "{again:#?}");
    }
}

#[tokio::test]
async fn pending_uploads_and_column_mappings_are_kept_per_school() {
    for store in stores().await {
        store
            .insert_world(&crate::harness::small_world())
            .await
            .unwrap();
        let school = headway_domain::ids::SchoolId(3);
        let id = store
            .save_pending_import(school, 7, "bundle.zip", &batch())
            .await
            .unwrap();
        let pending = store.pending_import(school, &id).await.unwrap().unwrap();
        assert_eq!(pending.batch, batch());
        assert!(
            store
                .pending_import(headway_domain::ids::SchoolId(4), &id)
                .await
                .unwrap()
                .is_none()
        );
        store.delete_pending_import(&id).await.unwrap();
        assert!(store.pending_import(school, &id).await.unwrap().is_none());
        assert!(store.column_mapping(school).await.unwrap().is_none());
        store
            .remember_column_mapping(school, "{\"pupil\":\"UPN\"}")
            .await
            .unwrap();
        store
            .remember_column_mapping(school, "{\"pupil\":\"ID\"}")
            .await
            .unwrap();
        assert_eq!(
            store.column_mapping(school).await.unwrap().as_deref(),
            Some("{\"pupil\":\"ID\"}")
        );
    }
}

/// A batch with `n` pupils and one baseline result each: more results than one insert
/// statement holds.
fn large_batch(n: usize) -> ImportBatch {
    let mut large = batch();
    let one = large.pupils[0].clone();
    large.pupils = (0..n)
        .map(|i| ImportPupil {
            source_id: format!("u{i}"),
            ..one.clone()
        })
        .collect();
    large.enrolments.clear();
    large.results = (0..n)
        .map(|i| ImportResult {
            source_id: format!("r{i}"),
            pupil: format!("u{i}"),
            point: "cb".into(),
            subject_code: "MA-import".into(),
            score: 80.0 + (i % 40) as f64,
        })
        .collect();
    large
}

#[tokio::test]
async fn a_first_large_import_leaves_the_results_indexes_as_they_were_whatever_the_outcome() {
    for store in stores().await {
        let indexes = store.index_names("results").await.unwrap();
        assert!(
            indexes.iter().any(|i| i == "results_point_subject"),
            "{indexes:?}"
        );

        // Refused by the database in the third insert statement, after the rebuilt index
        // was taken down.
        let mut failing = large_batch(6_001);
        failing.results[6_000].source_id = "r0".into();
        assert!(store.import(&failing, Mode::Apply).await.is_err());
        assert_eq!(count(&store, "results").await, 0);
        assert_eq!(store.index_names("results").await.unwrap(), indexes);

        let preview = store
            .import(&large_batch(6_001), Mode::Preview)
            .await
            .unwrap();
        assert_eq!(added(&preview, "results"), 6_001);
        assert_eq!(count(&store, "results").await, 0);
        assert_eq!(store.index_names("results").await.unwrap(), indexes);

        let applied = store
            .import(&large_batch(6_001), Mode::Apply)
            .await
            .unwrap();
        assert_eq!(preview, applied);
        assert_eq!(count(&store, "results").await, 6_001);
        assert_eq!(store.index_names("results").await.unwrap(), indexes);

        // Into a table that holds results: matched, not added again; a new score or a new
        // sourcedId is a change.
        let mut more = large_batch(6_002);
        more.results[0].score = 119.0;
        more.results[1].source_id = "r1-renamed".into();
        let counts = store.import(&more, Mode::Apply).await.unwrap();
        let results = counts.table("results").unwrap();
        assert_eq!(
            (results.added, results.changed, results.unchanged),
            (1, 2, 5_999)
        );
        assert_eq!(count(&store, "results").await, 6_002);
        assert_eq!(store.index_names("results").await.unwrap(), indexes);
    }
}

/// Sends `batch`'s results on a channel in chunks of `size`, then `end` (if any).
fn feed(
    batch: &ImportBatch,
    size: usize,
    end: Option<bool>,
) -> tokio::sync::mpsc::Receiver<Streamed> {
    let (sender, receiver) = tokio::sync::mpsc::channel(batch.results.len() / size + 2);
    for chunk in batch.results.chunks(size) {
        sender.try_send(Streamed::Results(chunk.to_vec())).unwrap();
    }
    if let Some(passed) = end {
        sender
            .try_send(Streamed::End {
                removed_results: batch.removed_results.clone(),
                passed,
            })
            .unwrap();
    }
    receiver
}

/// The batch without its results, as validation hands it over before reading them.
fn without_results(batch: &ImportBatch) -> ImportBatch {
    ImportBatch {
        results: vec![],
        ..batch.clone()
    }
}

#[tokio::test]
async fn streamed_results_are_written_only_when_validation_passes() {
    for store in stores().await {
        let indexes = store.index_names("results").await.unwrap();
        let batch = large_batch(7_003);
        let prefix = without_results(&batch);

        // Validation found a problem after half the results were in: nothing is written.
        let refused = store
            .import_streamed(&prefix, feed(&batch, 1_000, Some(false)), Mode::Apply)
            .await
            .unwrap();
        assert_eq!(refused, None);
        for table in ["orgs", "pupils", "results"] {
            assert_eq!(count(&store, table).await, 0, "{table}");
        }

        // Validation stopped without saying (the sender went away): nothing is written.
        let stopped = store
            .import_streamed(&prefix, feed(&batch, 1_000, None), Mode::Apply)
            .await
            .unwrap();
        assert_eq!(stopped, None);
        assert_eq!(count(&store, "results").await, 0);

        // Passed: the same counts as the whole batch at once, and the rows are there.
        let preview = store.import(&batch, Mode::Preview).await.unwrap();
        let streamed = store
            .import_streamed(&prefix, feed(&batch, 1_000, Some(true)), Mode::Apply)
            .await
            .unwrap();
        assert_eq!(streamed.as_ref(), Some(&preview));
        assert_eq!(count(&store, "results").await, 7_003);
        assert_eq!(store.index_names("results").await.unwrap(), indexes);

        // Streamed again: matched against what is held, so nothing changes.
        let again = store
            .import_streamed(&prefix, feed(&batch, 3_000, Some(true)), Mode::Apply)
            .await
            .unwrap()
            .unwrap();
        assert!(again.changes_nothing(), "{again:#?}");
        assert_eq!(again.table("results").unwrap().unchanged, 7_003);
    }
}

#[tokio::test]
async fn a_sheet_reads_only_the_pupils_it_names() {
    for store in stores().await {
        store
            .import(&large_batch(2_500), Mode::Apply)
            .await
            .unwrap();
        let school = headway_domain::ids::SchoolId(1);
        let some = store
            .sheet_references(school, &["u5", "u2400", "u5", "nobody"])
            .await
            .unwrap();
        let mut named: Vec<&str> = some.pupils.iter().map(|(id, _)| id.as_str()).collect();
        named.sort_unstable();
        assert_eq!(named, ["u2400", "u5"]);

        // More ids than one query takes.
        let ids: Vec<String> = (0..2_100).map(|i| format!("u{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let many = store.sheet_references(school, &ids).await.unwrap();
        assert_eq!(many.pupils.len(), 2_100);
        assert!(
            store
                .sheet_references(school, &[])
                .await
                .unwrap()
                .pupils
                .is_empty()
        );
    }
}

#[tokio::test]
async fn an_uploaded_bundle_waits_for_its_own_school_byte_for_byte() {
    for store in stores().await {
        store
            .insert_world(&crate::harness::small_world())
            .await
            .unwrap();
        let school = headway_domain::ids::SchoolId(3);
        let zip: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let id = store
            .save_pending_bundle(school, 7, "bundle.zip", &zip)
            .await
            .unwrap();
        assert_eq!(
            store.pending_bundle(school, &id).await.unwrap(),
            Some(("bundle.zip".to_owned(), zip))
        );
        let other = headway_domain::ids::SchoolId(4);
        assert!(store.pending_bundle(other, &id).await.unwrap().is_none());
        store.delete_pending_bundle(&id).await.unwrap();
        assert!(store.pending_bundle(school, &id).await.unwrap().is_none());
    }
}
