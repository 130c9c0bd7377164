//! Applying an upload that waits for confirmation: the import, the removal of the upload
//! and the audit line commit together or not at all, on both engines.

use crate::harness::stores;
use headway_app::imports::pending::{Applied, apply_pending};
use headway_app::imports::{ImportError, Importer, Refusal};
use headway_domain::access::{Denied, Grant, Principal};
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use headway_store::Store;
use headway_store::imports::*;
use time::macros::date;

const SCHOOL: SchoolId = SchoolId(3);
const OTHER_SCHOOL: SchoolId = SchoolId(4);
const DATA_MANAGER: PersonId = PersonId(7);

fn principal(person: PersonId, role: Role, school: SchoolId) -> Principal {
    Principal {
        person,
        name: format!("Person {}", person.0),
        grants: vec![Grant {
            role,
            org: OrgId(school.0),
            subject: None,
            schools: vec![school],
        }],
        taught_classes: vec![],
    }
}

fn importer() -> Importer {
    Importer::for_school(&principal(DATA_MANAGER, Role::DataManager, SCHOOL), SCHOOL).unwrap()
}

/// A clean batch for the example world's school 3 (which it renames): two pupils with one
/// result each.
fn batch() -> ImportBatch {
    ImportBatch {
        school: Some(SCHOOL.0),
        orgs: vec![ImportOrg {
            source_id: "sch1".into(),
            kind: "school".into(),
            // Not the name the school holds: applying it needs the rename confirmed.
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
        people: vec![],
        pupils: ["u1", "u2"]
            .iter()
            .map(|id| ImportPupil {
                source_id: (*id).into(),
                school: "sch1".into(),
                display_name: Some(format!("Pupil {id}")),
                context: None,
            })
            .collect(),
        classes: vec![],
        teaching: vec![],
        enrolments: vec![],
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

async fn waiting_upload(store: &Store, batch: &ImportBatch) -> String {
    store
        .imports()
        .save_pending_import(
            SCHOOL,
            DATA_MANAGER.0,
            "results.csv",
            batch,
            PendingLimits::default(),
        )
        .await
        .unwrap()
}

async fn still_waits(store: &Store, id: &str) -> bool {
    store
        .imports()
        .pending_import(SCHOOL, id)
        .await
        .unwrap()
        .is_some()
}

/// Results and pupils the world holds.
async fn held(store: &Store) -> (i64, i64) {
    (
        store.count_rows("results").await.unwrap(),
        store.count_rows("pupils").await.unwrap(),
    )
}

async fn import_lines(store: &Store) -> usize {
    let entries = store.audit_log().recent(50).await.unwrap();
    entries.iter().filter(|e| e.action == "import").count()
}

#[tokio::test]
async fn a_confirmed_upload_is_written_taken_away_and_audited_in_one_commit() {
    for store in stores().await {
        store
            .insert_world(&headway_store::seed::example_world())
            .await
            .unwrap();
        let (results, pupils) = held(&store).await;
        let id = waiting_upload(&store, &batch()).await;
        let before = store.data_version().await.unwrap();
        let applied = apply_pending(&store, &importer(), &id, vec![Confirmation::RenameSchool])
            .await
            .unwrap();
        let Applied::Done { file_name, counts } = applied else {
            panic!("not applied: {applied:?}");
        };
        assert_eq!(file_name, "results.csv");
        assert_eq!(counts.table("results").unwrap().added, 2);
        assert_eq!(held(&store).await, (results + 2, pupils + 2));
        assert!(!still_waits(&store, &id).await);
        let lines = store.audit_log().recent(5).await.unwrap();
        assert_eq!(lines[0].action, "import");
        assert_eq!(lines[0].actor_id, Some(DATA_MANAGER.0));
        assert!(
            lines[0].detail.contains("results.csv"),
            "{}",
            lines[0].detail
        );
        assert!(store.data_version().await.unwrap() > before);

        // Confirming again (a second click, a replayed form) finds nothing to write.
        let again = apply_pending(&store, &importer(), &id, vec![]).await;
        assert!(matches!(again, Err(ImportError::NotFound)), "{again:?}");
        assert_eq!(import_lines(&store).await, 1);
    }
}

#[tokio::test]
async fn two_confirmations_at_once_write_the_upload_once() {
    for store in stores().await {
        store
            .insert_world(&headway_store::seed::example_world())
            .await
            .unwrap();
        let (results, pupils) = held(&store).await;
        let id = waiting_upload(&store, &batch()).await;
        let confirmed = vec![Confirmation::RenameSchool];
        let importer = importer();
        let (first, second) = tokio::join!(
            apply_pending(&store, &importer, &id, confirmed.clone()),
            apply_pending(&store, &importer, &id, confirmed.clone()),
        );
        let outcomes = [first, second];
        let done = outcomes
            .iter()
            .filter(|o| matches!(o, Ok(Applied::Done { .. })))
            .count();
        assert_eq!(done, 1, "{outcomes:?}");
        // The other wrote nothing and says why: the upload was taken (or already gone).
        assert!(
            outcomes
                .iter()
                .any(|o| matches!(o, Ok(Applied::AlreadyTaken) | Err(ImportError::NotFound))),
            "{outcomes:?}"
        );
        assert_eq!(import_lines(&store).await, 1);
        assert_eq!(held(&store).await, (results + 2, pupils + 2));
        assert!(!still_waits(&store, &id).await);
    }
}

#[tokio::test]
async fn an_import_that_fails_leaves_its_upload_waiting_and_no_audit_line() {
    for store in stores().await {
        store
            .insert_world(&headway_store::seed::example_world())
            .await
            .unwrap();
        let (results, pupils) = held(&store).await;
        let mut bad = batch();
        bad.results[1].pupil = "nobody".into();
        let id = waiting_upload(&store, &bad).await;
        let before = store.data_version().await.unwrap();
        let applied = apply_pending(&store, &importer(), &id, vec![Confirmation::RenameSchool])
            .await
            .unwrap();
        assert!(
            matches!(&applied, Applied::Refused { checked, .. }
                if matches!(checked.outcome, Err(Refusal::UnknownReference { .. }))),
            "{applied:?}"
        );
        assert!(
            still_waits(&store, &id).await,
            "the upload can be tried again"
        );
        assert_eq!(import_lines(&store).await, 0);
        assert_eq!(held(&store).await, (results, pupils));
        assert_eq!(store.data_version().await.unwrap(), before);

        // A change not confirmed is refused the same way, and confirming it then works.
        let id = waiting_upload(&store, &batch()).await;
        let applied = apply_pending(&store, &importer(), &id, vec![])
            .await
            .unwrap();
        assert!(
            matches!(&applied, Applied::Refused { checked, .. }
                if checked.outcome == Err(Refusal::NeedsConfirmation(vec![Confirmation::RenameSchool]))),
            "{applied:?}"
        );
        assert!(still_waits(&store, &id).await);
        assert_eq!(import_lines(&store).await, 0);
        let applied = apply_pending(&store, &importer(), &id, vec![Confirmation::RenameSchool])
            .await
            .unwrap();
        assert!(matches!(applied, Applied::Done { .. }), "{applied:?}");
    }
}

#[tokio::test]
async fn another_schools_head_cannot_confirm_this_schools_upload() {
    for store in stores().await {
        store
            .insert_world(&headway_store::seed::example_world())
            .await
            .unwrap();
        let (results, pupils) = held(&store).await;
        let id = waiting_upload(&store, &batch()).await;
        // The head of another school, naming their own school and this upload's id.
        let head = principal(PersonId(8), Role::Head, OTHER_SCHOOL);
        let theirs = Importer::for_school(&head, OTHER_SCHOOL).unwrap();
        let refused = apply_pending(&store, &theirs, &id, vec![Confirmation::RenameSchool]).await;
        assert!(matches!(refused, Err(ImportError::NotFound)), "{refused:?}");
        // Naming this school instead: the policy refuses before anything is read.
        assert_eq!(
            Importer::for_school(&head, SCHOOL),
            Err(Denied::NeedsRole("head or data manager"))
        );
        // A governor of this school may not import either.
        let governor = principal(PersonId(9), Role::Governor, SCHOOL);
        assert!(Importer::for_school(&governor, SCHOOL).is_err());
        assert!(still_waits(&store, &id).await);
        assert_eq!(held(&store).await, (results, pupils));
        assert_eq!(import_lines(&store).await, 0);
    }
}

#[tokio::test]
async fn a_published_table_confirmed_twice_at_once_is_written_and_audited_once() {
    use headway_app::imports::Publisher;
    use headway_app::imports::tables::{TableApplied, apply_table};
    use headway_store::expectations::ExpectationRow;
    for store in stores().await {
        store
            .insert_world(&headway_store::seed::example_world())
            .await
            .unwrap();
        let rows =
            [("1", 0.0, 103.5), ("2", 104.0, 200.0)].map(|(group, low, high)| ExpectationRow {
                measure: "MAT".into(),
                year: "2025/26".into(),
                group: group.into(),
                low,
                high,
                expected: 1.0,
                sd: None,
            });
        // Person 1 of the example world, as an administrator.
        let admin = principal(PersonId(1), Role::Administrator, SchoolId(1));
        let publisher = Publisher::new(&admin).unwrap();
        let id = store
            .imports()
            .save_pending_table(1, "table.csv", &rows, PendingLimits::default())
            .await
            .unwrap();
        // A head may not publish, and another person cannot see this one's table.
        assert!(Publisher::new(&principal(PersonId(2), Role::Head, SchoolId(1))).is_err());
        let (first, second) = tokio::join!(
            apply_table(&store, &publisher, &id),
            apply_table(&store, &publisher, &id),
        );
        let outcomes = [first, second];
        let done = outcomes
            .iter()
            .filter(|o| matches!(o, Ok(TableApplied::Done { .. })))
            .count();
        assert_eq!(done, 1, "{outcomes:?}");
        assert!(
            outcomes.iter().any(|o| matches!(
                o,
                Ok(TableApplied::AlreadyTaken) | Err(ImportError::NotFound)
            )),
            "{outcomes:?}"
        );
        let lines = store.audit_log().recent(10).await.unwrap();
        let tables = lines
            .iter()
            .filter(|e| e.action == "import expectations" && e.actor_id == Some(1))
            .count();
        assert_eq!(tables, 1, "{lines:?}");
        assert_eq!(store.published_expectations(1, 1).await.unwrap().len(), 2);
    }
}
