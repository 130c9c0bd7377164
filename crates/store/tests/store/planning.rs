//! Plans are kept in versions: a copy of an agreed version is a new draft with every
//! priority, measure, action (with its people), milestone and stopped item, each keeping
//! its lineage, while the agreed version stays exactly as it was; reviews and readings
//! belong to the plan and follow the lineage into every version.

use crate::harness::stores;
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::planning::measure::MeasureValue;
use headway_domain::planning::plan::{PlanState, Progress};
use headway_store::planning::{Evidence, NewAction, NewMeasure, NewPriority};
use headway_store::seed::example_world;

fn priority(title: &str) -> NewPriority {
    NewPriority {
        title: title.into(),
        rationale: "Value added in mathematics is below the expected".into(),
        dimensions: vec!["teaching_and_curriculum".into(), "teacher_learning".into()],
        over_limit_reason: None,
        evidence: Some(Evidence {
            kind: "progress".into(),
            url: "/schools/3/progress?subject=1".into(),
            note: "Mathematics value added −0.4".into(),
        }),
    }
}

fn action(owner: i64, people: &[i64]) -> NewAction {
    NewAction {
        title: "Retrieval practice in Year 10".into(),
        owner: PersonId(owner),
        people: people.iter().map(|p| PersonId(*p)).collect(),
        starts_on: "2025-09-08".into(),
        ends_on: "2026-03-27".into(),
        budget: 1200.0,
        hours_per_week: 1.5,
        cpd_days: 2.0,
        pattern: "decisional".into(),
        teacher_leader: Some(PersonId(2)),
        leader_area: Some("Year 10 mathematics".into()),
    }
}

#[tokio::test]
async fn a_copy_of_an_agreed_version_is_a_new_draft_and_the_agreed_one_is_unchanged() {
    for store in stores().await {
        let world = example_world();
        store.insert_world(&world).await.unwrap();
        let school = SchoolId(3);
        let year = world.years[0].id;
        let head = PersonId(1);
        let planning = store.planning();

        let mut tx = store.begin().await.unwrap();
        let v1 = planning
            .create_plan(&mut tx, school, year, head)
            .await
            .unwrap();
        let p = planning
            .add_priority(&mut tx, v1, &priority("Mathematics"))
            .await
            .unwrap();
        let m = planning
            .add_measure(
                &mut tx,
                p,
                &NewMeasure {
                    name: "Value added in mathematics".into(),
                    spec:
                        r#"{"kind":"value_added","subject":"MAT","group":null,"contextual":false}"#
                            .into(),
                    higher_is_better: true,
                    target_lower: Some(0.0),
                    target_upper: Some(0.3),
                },
            )
            .await
            .unwrap();
        let a = planning
            .add_action(&mut tx, p, &action(6, &[2, 4, 4]))
            .await
            .unwrap();
        planning
            .add_milestone(&mut tx, p, "review", "2025-12-12", "Autumn review")
            .await
            .unwrap();
        planning
            .add_stopped(
                &mut tx,
                v1,
                "Weekly marking scrutiny",
                "Makes room for coaching",
            )
            .await
            .unwrap();
        let baseline = MeasureValue {
            estimate: -0.4,
            lower: -0.7,
            upper: -0.1,
            n: 120,
        };
        planning.set_baseline(&mut tx, m, &baseline).await.unwrap();
        planning
            .set_state(&mut tx, v1, PlanState::Agreed, head)
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let agreed = planning.content(v1).await.unwrap().unwrap();
        assert_eq!(agreed.version.state, PlanState::Agreed);
        assert_eq!(agreed.version.agreed_by.as_deref(), Some("Head A"));
        assert_eq!(
            agreed.actions[0].people.len(),
            2,
            "a person named twice is involved once"
        );
        assert!(
            agreed.actions[0].involves(PersonId(2)),
            "the teacher leader is involved"
        );

        let mut tx = store.begin().await.unwrap();
        let v2 = planning.copy_version(&mut tx, v1, head).await.unwrap();
        let p2 = planning
            .priority_in(&mut tx, v2, agreed.priorities[0].lineage)
            .await
            .unwrap()
            .unwrap();
        let a2 = planning
            .action_in(&mut tx, v2, agreed.actions[0].lineage)
            .await
            .unwrap()
            .unwrap();
        assert_ne!(p2, p);
        assert_ne!(a2, a);
        let mut edited = action(6, &[4]);
        edited.title = "Retrieval practice in Years 10 and 11".into();
        planning.update_action(&mut tx, a2, &edited).await.unwrap();
        planning
            .add_priority(&mut tx, v2, &priority("Attendance"))
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let draft = planning.content(v2).await.unwrap().unwrap();
        assert_eq!(draft.version.state, PlanState::Draft);
        assert_eq!(draft.version.version, 2);
        assert!(draft.version.is_latest());
        assert_eq!(draft.priorities.len(), 2);
        assert_eq!(draft.priorities[0].lineage, agreed.priorities[0].lineage);
        assert_eq!(draft.priorities[0].evidence, agreed.priorities[0].evidence);
        assert_eq!(draft.measures.len(), 1);
        assert_eq!(draft.measures[0].baseline, Some(baseline));
        assert_eq!(draft.measures[0].lineage, agreed.measures[0].lineage);
        assert_eq!(
            draft.actions[0].title,
            "Retrieval practice in Years 10 and 11"
        );
        assert_eq!(draft.actions[0].lineage, agreed.actions[0].lineage);
        assert_eq!(draft.milestones.len(), 1);
        assert_eq!(draft.stopped.len(), 1);

        // The agreed version reads as it was agreed.
        let again = planning.content(v1).await.unwrap().unwrap();
        assert_eq!(again.priorities, agreed.priorities);
        assert_eq!(again.actions, agreed.actions);
        assert!(!again.version.is_latest());
        assert_eq!(planning.versions(school, year).await.unwrap().len(), 2);
    }
}

#[tokio::test]
async fn reviews_belong_to_the_plan_and_a_signed_off_review_stays_signed() {
    for store in stores().await {
        let world = example_world();
        store.insert_world(&world).await.unwrap();
        let (school, year, head) = (SchoolId(3), world.years[0].id, PersonId(1));
        let planning = store.planning();
        let mut tx = store.begin().await.unwrap();
        let v1 = planning
            .create_plan(&mut tx, school, year, head)
            .await
            .unwrap();
        let p = planning
            .add_priority(&mut tx, v1, &priority("Mathematics"))
            .await
            .unwrap();
        planning
            .add_action(&mut tx, p, &action(6, &[4]))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let content = planning.content(v1).await.unwrap().unwrap();
        let lineage = content.actions[0].lineage;

        let mut tx = store.begin().await.unwrap();
        let review = planning
            .add_review(
                &mut tx,
                content.version.plan,
                "2025-12-12",
                "Started well",
                head,
            )
            .await
            .unwrap();
        planning
            .record_progress(
                &mut tx,
                review,
                lineage,
                Progress::Stalled,
                None,
                PersonId(6),
            )
            .await
            .unwrap();
        planning
            .record_progress(
                &mut tx,
                review,
                lineage,
                Progress::Dropped,
                Some("no cover"),
                PersonId(6),
            )
            .await
            .unwrap();
        let value = MeasureValue {
            estimate: -0.2,
            lower: -0.5,
            upper: 0.1,
            n: 118,
        };
        planning
            .record_review_measure(&mut tx, review, 99, &value)
            .await
            .unwrap();
        assert!(planning.sign_off(&mut tx, review, head).await.unwrap());
        assert!(
            !planning
                .sign_off(&mut tx, review, PersonId(6))
                .await
                .unwrap(),
            "signed once"
        );
        assert!(planning.is_signed_off(&mut tx, review).await.unwrap());
        let v2 = planning.copy_version(&mut tx, v1, head).await.unwrap();
        tx.commit().await.unwrap();

        let later = planning.content(v2).await.unwrap().unwrap();
        assert_eq!(
            later.reviews.len(),
            1,
            "the new version reads the plan's reviews"
        );
        let r = &later.reviews[0];
        assert_eq!(
            r.progress,
            vec![(lineage, Progress::Dropped, Some("no cover".to_owned()))]
        );
        assert_eq!(r.measures, vec![(99, value)]);
        assert_eq!(r.signed_off_by.as_deref(), Some("Head A"));
        assert_eq!(later.actions[0].lineage, lineage);

        let summaries = planning.summaries(&[school, SchoolId(4)]).await.unwrap();
        assert_eq!(summaries.len(), 1);
        assert_eq!(summaries[0].priorities, vec!["Mathematics".to_owned()]);
        assert_eq!(summaries[0].version.version, 2);
        assert_eq!(summaries[0].reviews, 1);
    }
}

#[tokio::test]
async fn a_school_has_one_plan_a_year() {
    for store in stores().await {
        let world = example_world();
        store.insert_world(&world).await.unwrap();
        let planning = store.planning();
        let mut tx = store.begin().await.unwrap();
        planning
            .create_plan(&mut tx, SchoolId(3), world.years[0].id, PersonId(1))
            .await
            .unwrap();
        assert!(
            planning
                .create_plan(&mut tx, SchoolId(3), world.years[0].id, PersonId(1))
                .await
                .is_err()
        );
    }
}
