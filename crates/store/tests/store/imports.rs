//! Applying an import: counts of what is added, changed and left alone; a preview writes
//! nothing; re-importing the same batch changes nothing; a failing batch writes nothing.

use crate::harness::{import, import_streamed, stores};
use headway_store::imports::*;
use headway_store::{Store, StoreError};
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
        attendance: vec![],
        confirmed: vec![],
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
        let first = import(&store, &batch(), Mode::Apply).await.unwrap();
        assert_eq!(added(&first, "schools"), 1);
        assert_eq!(added(&first, "pupils"), 2);
        assert_eq!(added(&first, "results"), 2);
        assert_eq!(added(&first, "class_teachers"), 1);
        assert_eq!(count(&store, "results").await, 2);

        let again = import(&store, &batch(), Mode::Apply).await.unwrap();
        assert!(again.changes_nothing(), "{again:#?}");
        assert_eq!(again.table("results").unwrap().unchanged, 2);
        assert_eq!(count(&store, "results").await, 2);
        assert_eq!(count(&store, "pupils").await, 2);

        let mut changed = batch();
        changed.results[1].score = 99.0;
        let counts = import(&store, &changed, Mode::Apply).await.unwrap();
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
        let preview = import(&store, &batch(), Mode::Preview).await.unwrap();
        assert_eq!(added(&preview, "results"), 2);
        assert_eq!(count(&store, "results").await, 0);
        assert_eq!(count(&store, "orgs").await, 0);
        let applied = import(&store, &batch(), Mode::Apply).await.unwrap();
        assert_eq!(preview.tables, applied.tables);
        // A school the preview would create has no id yet; the import gives it one.
        assert_eq!(preview.schools[0].id, None);
        assert!(applied.schools[0].id.is_some());
    }
}

#[tokio::test]
async fn a_batch_that_fails_part_way_writes_nothing() {
    for store in stores().await {
        let mut bad = batch();
        bad.results[1].pupil = "nobody".into();
        assert!(import(&store, &bad, Mode::Apply).await.is_err());
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
        // The bundle names the school otherwise: renaming it needs confirming.
        let refused = import(&store, &for_school, Mode::Apply).await.unwrap_err();
        assert!(
            matches!(refused, StoreError::NeedsConfirmation(ref n) if n == &[Confirmation::RenameSchool]),
            "{refused:?}"
        );
        assert_eq!(
            store
                .imports()
                .school_source_id(headway_domain::ids::SchoolId(3))
                .await
                .unwrap(),
            None
        );
        for_school.confirmed = vec![Confirmation::RenameSchool];
        let counts = import(&store, &for_school, Mode::Apply).await.unwrap();
        assert_eq!(
            counts.table("schools").unwrap().changed,
            1,
            "linked and renamed, not added"
        );
        assert_eq!(counts.changes.len(), 1, "{:?}", counts.changes);
        assert_eq!(counts.changes[0].after, "Ysgol Aber");
        assert_eq!(
            store
                .imports()
                .school_source_id(headway_domain::ids::SchoolId(3))
                .await
                .unwrap()
                .as_deref(),
            Some("sch1")
        );
        let again = import(&store, &for_school, Mode::Apply).await.unwrap();
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
            .imports()
            .save_pending_import(school, 7, "bundle.zip", &batch(), PendingLimits::default())
            .await
            .unwrap();
        let pending = store
            .imports()
            .pending_import(school, &id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(pending.batch, batch());
        assert!(
            store
                .imports()
                .pending_import(headway_domain::ids::SchoolId(4), &id)
                .await
                .unwrap()
                .is_none()
        );
        // Another school cannot take it; its own school takes it once.
        let mut tx = store.begin().await.unwrap();
        let imports = store.imports();
        let other = headway_domain::ids::SchoolId(4);
        assert!(
            imports
                .take_pending_import(&mut tx, other, &id)
                .await
                .is_err()
        );
        imports
            .take_pending_import(&mut tx, school, &id)
            .await
            .unwrap();
        assert!(matches!(
            imports.take_pending_import(&mut tx, school, &id).await,
            Err(headway_store::StoreError::NotFound { .. })
        ));
        tx.commit().await.unwrap();
        assert!(
            store
                .imports()
                .pending_import(school, &id)
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            store
                .imports()
                .column_mapping(school)
                .await
                .unwrap()
                .is_none()
        );
        store
            .imports()
            .remember_column_mapping(school, "{\"pupil\":\"UPN\"}")
            .await
            .unwrap();
        store
            .imports()
            .remember_column_mapping(school, "{\"pupil\":\"ID\"}")
            .await
            .unwrap();
        assert_eq!(
            store
                .imports()
                .column_mapping(school)
                .await
                .unwrap()
                .as_deref(),
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

        // Refused part way, after the index a first import rebuilds was taken down.
        let mut failing = large_batch(6_001);
        failing.results[6_000].pupil = "nobody".into();
        assert!(import(&store, &failing, Mode::Apply).await.is_err());
        assert_eq!(count(&store, "results").await, 0);
        assert_eq!(store.index_names("results").await.unwrap(), indexes);

        let preview = import(&store, &large_batch(6_001), Mode::Preview)
            .await
            .unwrap();
        assert_eq!(added(&preview, "results"), 6_001);
        assert_eq!(count(&store, "results").await, 0);
        assert_eq!(store.index_names("results").await.unwrap(), indexes);

        let applied = import(&store, &large_batch(6_001), Mode::Apply)
            .await
            .unwrap();
        assert_eq!(preview.tables, applied.tables);
        assert_eq!(count(&store, "results").await, 6_001);
        assert_eq!(store.index_names("results").await.unwrap(), indexes);

        // Into a table that holds results: matched, not added again; a new score or a new
        // sourcedId is a change.
        let mut more = large_batch(6_002);
        more.results[0].score = 119.0;
        more.results[1].source_id = "r1-renamed".into();
        let counts = import(&store, &more, Mode::Apply).await.unwrap();
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
        let refused = import_streamed(
            &store,
            &prefix,
            feed(&batch, 1_000, Some(false)),
            Mode::Apply,
        )
        .await
        .unwrap();
        assert_eq!(refused, None);
        for table in ["orgs", "pupils", "results"] {
            assert_eq!(count(&store, table).await, 0, "{table}");
        }

        // Validation stopped without saying (the sender went away): nothing is written.
        let stopped = import_streamed(&store, &prefix, feed(&batch, 1_000, None), Mode::Apply)
            .await
            .unwrap();
        assert_eq!(stopped, None);
        assert_eq!(count(&store, "results").await, 0);

        // Passed: the same counts as the whole batch at once, and the rows are there.
        let preview = import(&store, &batch, Mode::Preview).await.unwrap();
        let streamed = import_streamed(
            &store,
            &prefix,
            feed(&batch, 1_000, Some(true)),
            Mode::Apply,
        )
        .await
        .unwrap();
        assert_eq!(streamed.as_ref().map(|s| &s.tables), Some(&preview.tables));
        assert_eq!(count(&store, "results").await, 7_003);
        assert_eq!(store.index_names("results").await.unwrap(), indexes);

        // Streamed again: matched against what is held, so nothing changes.
        let again = import_streamed(
            &store,
            &prefix,
            feed(&batch, 3_000, Some(true)),
            Mode::Apply,
        )
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
        import(&store, &large_batch(2_500), Mode::Apply)
            .await
            .unwrap();
        let school = headway_domain::ids::SchoolId(1);
        let some = store
            .imports()
            .sheet_references(school, &["u5", "u2400", "u5", "nobody"])
            .await
            .unwrap();
        let mut named: Vec<&str> = some.pupils.iter().map(|(id, _)| id.as_str()).collect();
        named.sort_unstable();
        assert_eq!(named, ["u2400", "u5"]);

        // More ids than one query takes.
        let ids: Vec<String> = (0..2_100).map(|i| format!("u{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let many = store
            .imports()
            .sheet_references(school, &ids)
            .await
            .unwrap();
        assert_eq!(many.pupils.len(), 2_100);
        assert!(
            store
                .imports()
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
            .imports()
            .save_pending_bundle(school, 7, "bundle.zip", &zip, PendingLimits::default())
            .await
            .unwrap();
        assert_eq!(
            store.imports().pending_bundle(school, &id).await.unwrap(),
            Some(("bundle.zip".to_owned(), zip))
        );
        let other = headway_domain::ids::SchoolId(4);
        assert!(
            store
                .imports()
                .pending_bundle(other, &id)
                .await
                .unwrap()
                .is_none()
        );
        let mut tx = store.begin().await.unwrap();
        assert!(
            store
                .imports()
                .take_pending_bundle(&mut tx, other, &id)
                .await
                .is_err()
        );
        store
            .imports()
            .take_pending_bundle(&mut tx, school, &id)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(
            store
                .imports()
                .pending_bundle(school, &id)
                .await
                .unwrap()
                .is_none()
        );
    }
}

/// Whether upload `id` (a bundle or a sheet) still waits for `school`.
async fn waits(store: &Store, school: headway_domain::ids::SchoolId, id: &str) -> bool {
    store
        .imports()
        .pending_bundle(school, id)
        .await
        .unwrap()
        .is_some()
        || store
            .imports()
            .pending_sheet(school, id)
            .await
            .unwrap()
            .is_some()
}

#[tokio::test]
async fn a_schools_waiting_uploads_are_bounded_and_the_oldest_swept_to_make_room() {
    for store in stores().await {
        store
            .insert_world(&crate::harness::small_world())
            .await
            .unwrap();
        let (school, other) = (
            headway_domain::ids::SchoolId(3),
            headway_domain::ids::SchoolId(4),
        );
        let limits = PendingLimits {
            count: 2,
            bytes: 1_000,
        };
        let zip = |n: usize| vec![7u8; n];
        let imports = store.imports();
        let usage = || imports.pending_usage(Keeper::School(school));
        let elsewhere = store
            .imports()
            .save_pending_bundle(other, 7, "other.zip", &zip(900), limits)
            .await
            .unwrap();
        let first = store
            .imports()
            .save_pending_bundle(school, 7, "first.zip", &zip(100), limits)
            .await
            .unwrap();
        let sheet = "[\"a sheet\"]";
        let second = store
            .imports()
            .save_pending_sheet(school, 7, "second.csv", sheet, limits)
            .await
            .unwrap();
        // A third upload: the school may keep two, so the oldest makes room.
        let third = store
            .imports()
            .save_pending_bundle(school, 7, "third.zip", &zip(300), limits)
            .await
            .unwrap();
        assert!(!waits(&store, school, &first).await);
        assert!(waits(&store, school, &second).await);
        let bytes = 300 + sheet.len() as i64;
        assert_eq!(usage().await.unwrap(), PendingUsage { count: 2, bytes });
        // 800 bytes do not fit beside the newest 300: the bytes limit sweeps it, and
        // everything older.
        let fourth = store
            .imports()
            .save_pending_bundle(school, 7, "fourth.zip", &zip(800), limits)
            .await
            .unwrap();
        assert!(!waits(&store, school, &third).await);
        assert!(!waits(&store, school, &second).await);
        assert!(waits(&store, school, &fourth).await);
        // One larger than the whole allowance is refused, and sweeps nothing.
        let refused = store
            .imports()
            .save_pending_bundle(school, 7, "huge.zip", &zip(1_001), limits)
            .await;
        assert!(
            matches!(
                refused,
                Err(headway_store::StoreError::PendingTooLarge {
                    bytes: 1_001,
                    limit: 1_000
                })
            ),
            "{refused:?}"
        );
        let bytes = 800;
        assert_eq!(usage().await.unwrap(), PendingUsage { count: 1, bytes });
        // Another school's uploads are its own.
        assert!(waits(&store, other, &elsewhere).await);
    }
}

#[tokio::test]
async fn a_checked_batch_too_large_to_keep_is_refused_and_nothing_is_kept() {
    for store in stores().await {
        store
            .insert_world(&crate::harness::small_world())
            .await
            .unwrap();
        let school = headway_domain::ids::SchoolId(3);
        let limits = PendingLimits {
            count: 8,
            bytes: 64,
        };
        let refused = store
            .imports()
            .save_pending_import(school, 7, "results.csv", &batch(), limits)
            .await;
        assert!(
            matches!(
                refused,
                Err(headway_store::StoreError::PendingTooLarge { limit: 64, .. })
            ),
            "{refused:?}"
        );
        assert_eq!(
            store
                .imports()
                .pending_usage(Keeper::School(school))
                .await
                .unwrap(),
            PendingUsage::default()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn uploads_sent_at_once_keep_to_the_schools_limit() {
    for store in stores().await {
        store
            .insert_world(&crate::harness::small_world())
            .await
            .unwrap();
        let school = headway_domain::ids::SchoolId(3);
        let limits = PendingLimits {
            count: 3,
            bytes: 1_000_000,
        };
        // Twelve uploads at once: each must see the others' rows when it makes room.
        let mut uploads = tokio::task::JoinSet::new();
        for n in 0..12 {
            let store = store.clone();
            uploads.spawn(async move {
                let name = format!("{n}.csv");
                store
                    .imports()
                    .save_pending_sheet(school, 7, &name, "[\"a sheet\"]", limits)
                    .await
            });
        }
        while let Some(upload) = uploads.join_next().await {
            upload.unwrap().unwrap();
        }
        let usage = store
            .imports()
            .pending_usage(Keeper::School(school))
            .await
            .unwrap();
        assert_eq!(usage.count, 3, "{usage:?}");
    }
}
