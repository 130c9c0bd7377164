//! Peer reviews are stored and read back on both engines: a cycle of a cluster, a review
//! with its team, the shared figures kept as one dated snapshot (sharing again replaces
//! it), lines of enquiry with their evidence, findings, follow-ups, release and stage, and
//! each leader's training and reviews taken part in.

use crate::harness::stores;
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::review::{FigureKind, SharedFigure, Stage, Suggestion};
use headway_domain::roles::Role;
use headway_store::review::FindingKind;
use headway_store::seed::example_world;

fn figure(kind: FigureKind, value: f64) -> SharedFigure {
    SharedFigure {
        kind,
        measure: "Capped 9".into(),
        year: "2025/26".into(),
        value,
        ci_lower: value - 1.0,
        ci_upper: value + 1.0,
        pupils: Some(118),
    }
}

#[tokio::test]
async fn a_review_and_its_parts_are_stored_and_read_back() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let reviews = store.reviews();
        let mut tx = store.begin().await.unwrap();
        let cycle = reviews
            .open_cycle(&mut tx, OrgId(2), "Autumn 2026", "2026-09-01", PersonId(3))
            .await
            .unwrap();
        let id = reviews
            .open_review(&mut tx, cycle, SchoolId(4), &[PersonId(1)])
            .await
            .unwrap();
        reviews
            .share(
                &mut tx,
                id,
                "2026-09-20",
                &[figure(FigureKind::HeadlineValueAdded, -3.0)],
            )
            .await
            .unwrap();
        // Sharing again replaces what was shared.
        reviews
            .share(
                &mut tx,
                id,
                "2026-09-21",
                &[
                    figure(FigureKind::DisadvantagedGap, -2.5),
                    figure(FigureKind::HeadlineValueAdded, -2.0),
                ],
            )
            .await
            .unwrap();
        let line = reviews
            .add_enquiry(
                &mut tx,
                id,
                "Where is progress weakest?",
                Some(Suggestion::ValueAddedBelow),
                PersonId(1),
            )
            .await
            .unwrap();
        reviews
            .add_enquiry(&mut tx, id, "How is homework set?", None, PersonId(1))
            .await
            .unwrap();
        reviews
            .add_evidence(&mut tx, line, "Year 10 pupils spoke of gaps", PersonId(1))
            .await
            .unwrap();
        reviews
            .add_finding(
                &mut tx,
                id,
                FindingKind::Explore,
                "Feedback in mathematics",
                PersonId(1),
            )
            .await
            .unwrap();
        reviews
            .add_follow_up(&mut tx, id, "Agree a homework routine", PersonId(1))
            .await
            .unwrap();
        reviews
            .set_stage(&mut tx, id, Stage::Findings)
            .await
            .unwrap();
        reviews.set_visit(&mut tx, id, "2026-10-01").await.unwrap();
        reviews
            .release(&mut tx, id, "2026-10-20", PersonId(1))
            .await
            .unwrap();
        reviews
            .record_training(&mut tx, PersonId(1), OrgId(2), "2026-06-01", PersonId(3))
            .await
            .unwrap();
        reviews
            .record_training(&mut tx, PersonId(1), OrgId(2), "2026-06-02", PersonId(3))
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let review = reviews.get(id).await.unwrap().unwrap();
        assert_eq!(review.school, SchoolId(4));
        assert_eq!(review.stage, Stage::Findings);
        assert_eq!(review.cycle.cluster_id, 2);
        assert_eq!(review.shared_on.as_deref(), Some("2026-09-21"));
        assert_eq!(review.visit_on.as_deref(), Some("2026-10-01"));
        assert_eq!(review.released_on.as_deref(), Some("2026-10-20"));
        assert_eq!(
            review.team.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
            vec![PersonId(1)]
        );
        let shared = reviews.shared_figures(id).await.unwrap();
        assert_eq!(
            shared.iter().map(|f| f.kind).collect::<Vec<_>>(),
            vec![FigureKind::HeadlineValueAdded, FigureKind::DisadvantagedGap]
        );
        assert_eq!(shared[0], figure(FigureKind::HeadlineValueAdded, -2.0));
        let enquiries = reviews.enquiries(id).await.unwrap();
        assert_eq!(enquiries.len(), 2);
        assert_eq!(
            enquiries[0].suggested_from,
            Some(Suggestion::ValueAddedBelow)
        );
        assert_eq!(enquiries[0].evidence.len(), 1);
        assert!(enquiries[1].evidence.is_empty());
        assert_eq!(reviews.review_of_enquiry(line).await.unwrap(), Some(id));
        assert_eq!(
            reviews.findings(id).await.unwrap()[0].kind,
            FindingKind::Explore
        );
        let follow_ups = reviews.follow_ups(id).await.unwrap();
        assert_eq!(follow_ups.len(), 1);
        assert_eq!(follow_ups[0].plan_action, None);

        let listed = reviews.in_cluster(OrgId(2)).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert!(listed[0].released);
        assert_eq!(listed[0].team, vec![PersonId(1)]);
        assert!(reviews.in_cluster(OrgId(1)).await.unwrap().is_empty());

        let leaders = reviews.cluster_leaders(OrgId(2)).await.unwrap();
        let head = leaders.iter().find(|l| l.person == PersonId(1)).unwrap();
        assert_eq!(head.role, Role::Head);
        assert_eq!(head.trained_on.as_deref(), Some("2026-06-02"));
        assert_eq!(head.reviews, 1);
        assert!(
            leaders.iter().all(|l| l.person != PersonId(2)),
            "a teacher is no reviewer"
        );
    }
}

#[tokio::test]
async fn a_school_has_one_review_per_cycle() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let reviews = store.reviews();
        let mut tx = store.begin().await.unwrap();
        let cycle = reviews
            .open_cycle(&mut tx, OrgId(2), "Autumn 2026", "2026-09-01", PersonId(3))
            .await
            .unwrap();
        reviews
            .open_review(&mut tx, cycle, SchoolId(4), &[])
            .await
            .unwrap();
        assert!(
            reviews
                .open_review(&mut tx, cycle, SchoolId(4), &[])
                .await
                .is_err()
        );
    }
}
