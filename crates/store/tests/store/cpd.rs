//! CPD logs are stored per person and read back whole by their owner; the summaries read
//! only what they count (person, minutes, priority lineage, strands) for one period; a
//! priority keeps its activities across a plan's versions through its lineage; and a
//! leader's participation counts what the records show.

use crate::harness::stores;
use headway_domain::cpd::Kind;
use headway_domain::ids::{ClassId, PersonId, SchoolId};
use headway_domain::observation::Kind as ObservationKind;
use headway_store::cpd::NewActivity;
use headway_store::observation::NewObservation;
use headway_store::planning::{NewPriority, PriorityId};
use headway_store::seed::example_world;

const SCHOOL: SchoolId = SchoolId(3);

fn activity(person: i64, date: &str, minutes: u32, priority: Option<PriorityId>) -> NewActivity {
    NewActivity {
        school: SCHOOL,
        person: PersonId(person),
        kind: Kind::InSchoolTraining,
        title: "Retrieval practice".into(),
        occurred_on: date.into(),
        minutes,
        priority,
        led_by: Some(PersonId(1)),
        reflection: "Quizzes at the start".into(),
        framework: "observation".into(),
        framework_version: 1,
        strands: vec!["dialogue".into(), "checking_learning".into()],
    }
}

fn priority(title: &str) -> NewPriority {
    NewPriority {
        title: title.into(),
        rationale: String::new(),
        dimensions: vec![],
        over_limit_reason: None,
        evidence: None,
    }
}

#[tokio::test]
async fn a_log_is_read_back_whole_by_its_owner_and_changed_and_removed() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let cpd = store.cpd();
        let mut tx = store.begin().await.unwrap();
        let mine = cpd
            .add(&mut tx, &activity(2, "2026-01-12", 90, None))
            .await
            .unwrap();
        cpd.add(&mut tx, &activity(4, "2026-01-13", 60, None))
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let log = cpd.log_of(SCHOOL, PersonId(2)).await.unwrap();
        assert_eq!(log.len(), 1, "only the teacher's own");
        assert_eq!(log[0].id, mine);
        assert_eq!(log[0].minutes, 90);
        assert_eq!(
            log[0].strands,
            vec!["checking_learning".to_owned(), "dialogue".to_owned()]
        );
        assert_eq!(log[0].led_by.as_ref().map(|(p, _)| *p), Some(PersonId(1)));

        let mut changed = activity(2, "2026-01-14", 30, None);
        changed.title = "Changed".into();
        changed.strands = vec!["clear_goals".into()];
        let mut tx = store.begin().await.unwrap();
        cpd.update(&mut tx, mine, &changed).await.unwrap();
        tx.commit().await.unwrap();
        let read = cpd.get(mine).await.unwrap().unwrap();
        assert_eq!(
            (read.title.as_str(), read.minutes, read.strands.clone()),
            ("Changed", 30, vec!["clear_goals".to_owned()])
        );

        let mut tx = store.begin().await.unwrap();
        cpd.remove(&mut tx, mine).await.unwrap();
        tx.commit().await.unwrap();
        assert!(cpd.get(mine).await.unwrap().is_none());
        assert!(cpd.log_of(SCHOOL, PersonId(2)).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn the_summaries_count_one_period_and_follow_a_priority_across_versions() {
    for store in stores().await {
        let world = example_world();
        store.insert_world(&world).await.unwrap();
        let planning = store.planning();
        let mut tx = store.begin().await.unwrap();
        let v1 = planning
            .create_plan(&mut tx, SCHOOL, world.years[0].id, PersonId(1))
            .await
            .unwrap();
        let maths = planning
            .add_priority(&mut tx, v1, &priority("Mathematics"))
            .await
            .unwrap();
        let v2 = planning
            .copy_version(&mut tx, v1, PersonId(1))
            .await
            .unwrap();
        let cpd = store.cpd();
        cpd.add(&mut tx, &activity(2, "2026-01-12", 90, Some(maths)))
            .await
            .unwrap();
        cpd.add(&mut tx, &activity(4, "2025-08-31", 60, None))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let lineage = planning
            .version_of_priority(maths)
            .await
            .unwrap()
            .unwrap()
            .1;
        let copied = planning.content(v2).await.unwrap().unwrap().priorities[0].clone();
        assert_ne!(copied.id, maths, "a new version has its own rows");
        assert_eq!(copied.lineage, lineage, "of the same lineage");

        let counted = cpd
            .counted(SCHOOL, "2025-09-01", "2026-08-31")
            .await
            .unwrap();
        assert_eq!(
            counted.len(),
            1,
            "the activity before the year is not counted"
        );
        assert_eq!(counted[0].person, PersonId(2));
        assert_eq!(counted[0].minutes, 90);
        assert_eq!(counted[0].priority, Some(lineage));
        assert_eq!(counted[0].strands.len(), 2);
        assert!(
            cpd.counted(SchoolId(4), "2025-09-01", "2026-08-31")
                .await
                .unwrap()
                .is_empty(),
            "nothing of another school"
        );
    }
}

#[tokio::test]
async fn participation_counts_what_the_records_show_of_one_person() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let walk = |teacher: i64, observer: i64, kind: ObservationKind| NewObservation {
            school: SCHOOL,
            kind,
            observed_on: "2026-01-12".into(),
            class: ClassId(if teacher == 2 { 1 } else { 2 }),
            teacher: PersonId(teacher),
            observer: PersonId(observer),
            framework: "observation".into(),
            framework_version: 1,
            strand: "dialogue".into(),
            priority: None,
            evidence: "Pairs talk".into(),
            strengths: String::new(),
            action_step: (kind != ObservationKind::LearningWalk).then(|| "Wait".into()),
            revisit_on: (kind != ObservationKind::LearningWalk).then(|| "2026-02-09".into()),
        };
        let observations = store.observations();
        // The head (1) walks two classes; teacher 2 observes teacher 4 and reflects alone.
        for record in [
            walk(2, 1, ObservationKind::LearningWalk),
            walk(4, 1, ObservationKind::LearningWalk),
            walk(4, 2, ObservationKind::Peer),
            walk(2, 2, ObservationKind::SelfReflection),
        ] {
            observations.add(&mut tx, &record).await.unwrap();
        }
        let cpd = store.cpd();
        // Two teachers log the same session the head led: one session. The head logs
        // their own reading.
        for person in [2, 4] {
            cpd.add(&mut tx, &activity(person, "2026-01-05", 180, None))
                .await
                .unwrap();
        }
        let mut reading = activity(1, "2026-02-01", 120, None);
        reading.led_by = None;
        cpd.add(&mut tx, &reading).await.unwrap();
        // Teacher 2 works in an inquiry group whose lesson falls in 2025/26; the head is
        // not in it.
        let group = store
            .inquiries()
            .create(
                &mut tx,
                &headway_store::inquiry::NewInquiry {
                    school: SCHOOL,
                    question: "Does a hinge question cut errors?".into(),
                    framework: "observation".into(),
                    strand: "checking_learning".into(),
                    priority: None,
                    members: vec![PersonId(2), PersonId(4), PersonId(6)],
                    started_by: PersonId(2),
                },
            )
            .await
            .unwrap();
        store
            .inquiries()
            .add_lesson(
                &mut tx,
                group,
                &headway_store::inquiry::NewLesson {
                    taught_on: "2026-01-12".into(),
                    class: ClassId(2),
                    teacher: PersonId(4),
                    tried: "Hinge question".into(),
                },
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let head = cpd
            .participation(SCHOOL, PersonId(1), "2025-09-01", "2026-08-31")
            .await
            .unwrap();
        assert_eq!(head.observing, 2);
        assert_eq!(head.observed, 0);
        assert_eq!(head.cpd_sessions_led, 1);
        assert_eq!((head.own_cpd_activities, head.own_cpd_minutes), (1, 120));
        assert_eq!(head.triads, Some(0));
        let teacher = cpd
            .participation(SCHOOL, PersonId(2), "2025-09-01", "2026-08-31")
            .await
            .unwrap();
        // A self-reflection is neither observing a colleague nor being observed.
        assert_eq!((teacher.observing, teacher.observed), (1, 1));
        assert_eq!(teacher.triads, Some(1));
        let outside = cpd
            .participation(SCHOOL, PersonId(1), "2026-09-01", "2027-08-31")
            .await
            .unwrap();
        assert!(outside.is_empty());
        // The group's lesson is in 2025/26: in 2026/27 the teacher worked in no group.
        let later = cpd
            .participation(SCHOOL, PersonId(2), "2026-09-01", "2027-08-31")
            .await
            .unwrap();
        assert_eq!(later.triads, Some(0));
    }
}
