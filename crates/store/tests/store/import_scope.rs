//! Imports are confined to their school: what a head or data manager of school B can send
//! in B's own bundle — another school's sourcedIds, its staff's emails, `tobedeleted` rows
//! naming its results — changes nothing outside B, and no count tells what exists there.

use crate::harness::{import, stores};
use crate::imports::batch;
use headway_domain::account::Email;
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_store::Store;
use headway_store::imports::*;

const A: i64 = 3;
const B: i64 = 4;

/// A world of schools A and B, where A has imported `batch()` (sourcedId `sch1`; pupils u1
/// and u2 with results r1 and r2; Siân Jones teaching class k1).
async fn world_with_a_imported() -> Vec<Store> {
    let mut out = Vec::new();
    for store in stores().await {
        store
            .insert_world(&crate::harness::small_world())
            .await
            .unwrap();
        let mut a = batch();
        a.school = Some(A);
        a.confirmed = vec![Confirmation::RenameSchool];
        import(&store, &a, Mode::Apply).await.unwrap();
        out.push(store);
    }
    out
}

/// B's own bundle: its school (sourcedId `sch-b`, its own name) and nothing else yet.
async fn b_bundle(store: &Store) -> ImportBatch {
    let name = store
        .roster()
        .school(SchoolId(B))
        .await
        .unwrap()
        .unwrap()
        .name;
    let mut b = batch();
    b.school = Some(B);
    b.orgs[0].source_id = "sch-b".into();
    b.orgs[0].name = name;
    for p in &mut b.pupils {
        p.school = "sch-b".into();
    }
    for c in &mut b.classes {
        c.school = "sch-b".into();
    }
    for p in &mut b.people {
        p.school = Some("sch-b".into());
        p.email = Some("teacher-b@import.test".into());
    }
    for p in &mut b.assessment_points {
        p.school = Some("sch-b".into());
    }
    b
}

async fn a_pupils(store: &Store) -> Vec<(String, i64)> {
    store
        .imports()
        .sheet_references(SchoolId(A), &["u1", "u2"])
        .await
        .unwrap()
        .pupils
}

#[tokio::test]
async fn a_bundle_cannot_reparent_or_rename_another_school() {
    for store in world_with_a_imported().await {
        let before = store.roster().org(OrgId(A)).await.unwrap().unwrap();
        let mut attack = b_bundle(&store).await;
        attack.orgs.push(ImportOrg {
            source_id: "sch1".into(),
            kind: "district".into(),
            name: "Owned by B".into(),
            parent: Some("sch-b".into()),
            school: None,
        });
        let counts = import(&store, &attack, Mode::Apply).await.unwrap();
        let after = store.roster().org(OrgId(A)).await.unwrap().unwrap();
        assert_eq!(
            (after.name.as_str(), after.parent_id),
            (before.name.as_str(), before.parent_id)
        );
        assert!(
            counts.notes.contains(&ImportNote::OrgAboveSchoolIgnored {
                name: "Owned by B".into()
            }),
            "{:?}",
            counts.notes
        );
        let b = store.roster().org(OrgId(B)).await.unwrap().unwrap();
        assert_ne!(b.parent_id, Some(A));
    }
}

#[tokio::test]
async fn a_bundle_naming_another_schools_pupil_makes_a_pupil_of_its_own() {
    for store in world_with_a_imported().await {
        let results_before = store.count_rows("results").await.unwrap();
        let attack = b_bundle(&store).await; // u1 and u2: A's sourcedIds
        let counts = import(&store, &attack, Mode::Apply).await.unwrap();
        assert_eq!(counts.table("pupils").unwrap().added, 2);
        assert_eq!(
            a_pupils(&store).await,
            vec![("u1".to_owned(), A), ("u2".to_owned(), A)]
        );
        let b_pupils = store
            .imports()
            .sheet_references(SchoolId(B), &["u1", "u2"])
            .await
            .unwrap()
            .pupils;
        assert_eq!(b_pupils, vec![("u1".to_owned(), B), ("u2".to_owned(), B)]);
        // A's two results are still there, and B's are its own.
        assert_eq!(
            store.count_rows("results").await.unwrap(),
            results_before + 2
        );
    }
}

#[tokio::test]
async fn a_bundle_cannot_rename_another_schools_staff_or_give_them_a_role() {
    for store in world_with_a_imported().await {
        let sian = Email::parse("sian@import.test").unwrap();
        let held = store
            .accounts()
            .credentials_for(&sian)
            .await
            .unwrap()
            .unwrap();
        let mut attack = b_bundle(&store).await;
        attack.people[0].email = Some(sian.to_string());
        attack.people[0].display_name = "Renamed by B".into();
        let counts = import(&store, &attack, Mode::Apply).await.unwrap();
        let after = store
            .accounts()
            .credentials_for(&sian)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(after.display_name, held.display_name);
        let principal = store.accounts().principal(PersonId(held.id)).await.unwrap();
        assert!(
            principal.grants.iter().all(|g| g.org != OrgId(B)),
            "{principal:?}"
        );
        // B has a member of staff by that name, as its files say; nothing says the email
        // belongs to someone else.
        assert_eq!(counts.table("people").unwrap().added, 1);
        assert!(counts.notes.is_empty(), "{:?}", counts.notes);
    }
}

#[tokio::test]
async fn deleted_rows_in_a_delta_bundle_reach_only_the_importing_school() {
    for store in world_with_a_imported().await {
        let results = store.count_rows("results").await.unwrap();
        let enrolments = store.count_rows("enrolments").await.unwrap();
        let mut attack = b_bundle(&store).await;
        attack.removed_results = vec!["r1".into(), "r2".into()];
        attack.removed_enrolments = vec!["eu1".into(), "eu2".into()];
        // B's own rows carry the same sourcedIds: they are added, then removed.
        let counts = import(&store, &attack, Mode::Apply).await.unwrap();
        assert_eq!(counts.table("results").unwrap().removed, 2);
        assert_eq!(store.count_rows("results").await.unwrap(), results);
        assert_eq!(store.count_rows("enrolments").await.unwrap(), enrolments);
        assert_eq!(a_pupils(&store).await.len(), 2);
    }
}

#[tokio::test]
async fn a_school_without_a_sourced_id_naming_anothers_writes_only_into_itself() {
    for store in world_with_a_imported().await {
        let a_before = store.roster().org(OrgId(A)).await.unwrap().unwrap();
        let mut attack = b_bundle(&store).await;
        attack.orgs[0].source_id = "sch1".into(); // A's own sourcedId
        for p in &mut attack.pupils {
            p.school = "sch1".into();
        }
        for c in &mut attack.classes {
            c.school = "sch1".into();
        }
        for p in &mut attack.people {
            p.school = Some("sch1".into());
        }
        for p in &mut attack.assessment_points {
            p.school = Some("sch1".into());
        }
        import(&store, &attack, Mode::Apply).await.unwrap();
        assert_eq!(
            store.roster().org(OrgId(A)).await.unwrap().unwrap(),
            a_before
        );
        assert_eq!(
            store
                .imports()
                .school_source_id(SchoolId(B))
                .await
                .unwrap()
                .as_deref(),
            Some("sch1")
        );
        assert_eq!(a_pupils(&store).await.len(), 2);
        assert_eq!(
            store
                .imports()
                .sheet_references(SchoolId(B), &["u1"])
                .await
                .unwrap()
                .pupils,
            vec![("u1".to_owned(), B)]
        );
    }
}

#[tokio::test]
async fn a_preview_counts_the_same_whether_a_sourced_id_exists_elsewhere_or_not() {
    for store in world_with_a_imported().await {
        let named_elsewhere = b_bundle(&store).await;
        let mut unknown = named_elsewhere.clone();
        for (p, id) in unknown.pupils.iter_mut().zip(["zz1", "zz2"]) {
            p.source_id = id.into();
        }
        for (e, id) in unknown.enrolments.iter_mut().zip(["zz1", "zz2"]) {
            e.pupil = id.into();
        }
        for (r, id) in unknown.results.iter_mut().zip(["zz1", "zz2"]) {
            r.pupil = id.into();
        }
        let seen = import(&store, &named_elsewhere, Mode::Preview)
            .await
            .unwrap();
        let fresh = import(&store, &unknown, Mode::Preview).await.unwrap();
        assert_eq!(seen.tables, fresh.tables);
        assert_eq!(seen.notes, fresh.notes);
    }
}

#[tokio::test]
async fn renaming_the_school_or_emptying_its_classes_needs_confirmation() {
    for store in world_with_a_imported().await {
        let mut renamed = batch();
        renamed.school = Some(A);
        renamed.orgs[0].name = "Gotham High School".into();
        let preview = import(&store, &renamed, Mode::Preview).await.unwrap();
        assert_eq!(preview.needs_confirmation, vec![Confirmation::RenameSchool]);
        assert_eq!(
            (
                preview.changes[0].before.as_str(),
                preview.changes[0].after.as_str()
            ),
            ("Ysgol Aber", "Gotham High School")
        );
        assert!(import(&store, &renamed, Mode::Apply).await.is_err());
        assert_eq!(
            store.roster().org(OrgId(A)).await.unwrap().unwrap().name,
            "Ysgol Aber"
        );

        let mut emptied = batch();
        emptied.school = Some(A);
        emptied.removed_enrolments = vec!["eu1".into(), "eu2".into()];
        emptied.enrolments.clear();
        let refused = import(&store, &emptied, Mode::Apply).await.unwrap_err();
        assert!(
            matches!(refused, headway_store::StoreError::NeedsConfirmation(ref n) if n == &[Confirmation::RemovePupils]),
            "{refused:?}"
        );
        emptied.confirmed = vec![Confirmation::RemovePupils];
        let counts = import(&store, &emptied, Mode::Apply).await.unwrap();
        assert_eq!(counts.table("enrolments").unwrap().removed, 2);
    }
}

#[tokio::test]
async fn years_are_matched_by_their_dates_not_their_names() {
    for store in world_with_a_imported().await {
        let years = store.count_rows("academic_years").await.unwrap();
        let mut renamed_year = batch();
        renamed_year.school = Some(A);
        renamed_year.years[0].name = "2025/26".into();
        renamed_year.years[0].source_id = "SY2026".into();
        renamed_year.years[0].starts_on = time::macros::date!(2025 - 08 - 20);
        for c in &mut renamed_year.classes {
            c.year = "SY2026".into();
        }
        for p in &mut renamed_year.assessment_points {
            p.year = "SY2026".into();
        }
        let counts = import(&store, &renamed_year, Mode::Apply).await.unwrap();
        assert_eq!(counts.table("academic_years").unwrap().added, 0);
        assert_eq!(store.count_rows("academic_years").await.unwrap(), years);
        assert!(counts.table("classes").unwrap().changed == 0, "{counts:?}");
    }
}

#[tokio::test]
async fn a_pupil_changes_school_only_by_an_audited_transfer() {
    for store in world_with_a_imported().await {
        let pupil = store
            .pupil_by_source_id(SchoolId(A), "u1")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store.pupil_by_source_id(SchoolId(B), "u1").await.unwrap(),
            None
        );
        let before = store.data_version().await.unwrap();
        store
            .transfer_pupil(pupil, SchoolId(B), Some("b-7"), PersonId(1))
            .await
            .unwrap();
        assert!(
            store.data_version().await.unwrap() > before,
            "both schools' figures change, so cached ones must go"
        );
        assert_eq!(
            store.pupil_by_source_id(SchoolId(A), "u1").await.unwrap(),
            None
        );
        assert_eq!(
            store.pupil_by_source_id(SchoolId(B), "b-7").await.unwrap(),
            Some(pupil)
        );
        let audit = store.recent_audit(1).await.unwrap();
        assert_eq!(audit[0].action, "transfer-pupil");
        // A's next bundle still names u1: it makes a new pupil of A's, and the moved pupil
        // stays at B.
        let mut again = batch();
        again.school = Some(A);
        let counts = import(&store, &again, Mode::Apply).await.unwrap();
        assert_eq!(counts.table("pupils").unwrap().added, 1);
        assert_eq!(
            store.pupil_by_source_id(SchoolId(B), "b-7").await.unwrap(),
            Some(pupil)
        );
    }
}
