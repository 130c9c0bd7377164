//! Coaching cycles are stored and read back on both engines: a person's list holds only
//! the cycles they coach or are coached in; entries come back in the order written; an
//! observation linked twice is linked once; a cycle closes once; the schema refuses a
//! cycle of someone with themselves, a step without a revisit date and a note with one.

use crate::harness::stores;
use headway_domain::coaching::cycle::EntryKind;
use headway_domain::coaching::{Goal, GoalKind};
use headway_domain::ids::{ClassId, PersonId, SchoolId};
use headway_domain::observation::Kind;
use headway_store::coaching::{Closing, NewCycle, NewEntry};
use headway_store::observation::NewObservation;
use headway_store::seed::example_world;

const SCHOOL: SchoolId = SchoolId(3);

fn cycle(coach: i64, coachee: i64, kind: GoalKind, key: &str) -> NewCycle {
    NewCycle {
        school: SCHOOL,
        coach: PersonId(coach),
        coachee: PersonId(coachee),
        goal: Goal {
            kind,
            key: key.into(),
        },
        goal_source: "observation v1".into(),
        priority: None,
        opened_on: "2025-09-15".into(),
        opened_by: PersonId(coachee),
    }
}

fn entry(cycle: headway_store::coaching::CycleId, kind: EntryKind, on: &str) -> NewEntry {
    NewEntry {
        cycle,
        kind,
        author: PersonId(2),
        written_on: on.into(),
        body: format!("{} on {on}", kind.as_str()),
        revisit_on: (kind == EntryKind::Step).then(|| "2025-12-01".into()),
    }
}

#[tokio::test]
async fn cycles_are_listed_only_for_their_coach_and_coachee_with_entries_in_order() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let coaching = store.coaching();
        let mut tx = store.begin().await.unwrap();
        let anwens = coaching
            .open(&mut tx, &cycle(6, 2, GoalKind::Strand, "checking_learning"))
            .await
            .unwrap();
        let leaders = coaching
            .open(
                &mut tx,
                &cycle(1, 6, GoalKind::Practice, "professional_growth"),
            )
            .await
            .unwrap();
        coaching
            .add_entry(&mut tx, &entry(anwens, EntryKind::Reflection, "2025-10-02"))
            .await
            .unwrap();
        coaching
            .add_entry(&mut tx, &entry(anwens, EntryKind::Step, "2025-09-20"))
            .await
            .unwrap();
        let observation = store
            .observations()
            .add(
                &mut tx,
                &NewObservation {
                    school: SCHOOL,
                    kind: Kind::Developmental,
                    observed_on: "2025-10-01".into(),
                    class: ClassId(1),
                    teacher: PersonId(2),
                    observer: PersonId(6),
                    framework: "observation".into(),
                    framework_version: 1,
                    strand: "checking_learning".into(),
                    priority: None,
                    evidence: "Mini whiteboards".into(),
                    strengths: "Worked examples".into(),
                    action_step: Some("Re-teach".into()),
                    revisit_on: Some("2025-11-01".into()),
                },
            )
            .await
            .unwrap();
        coaching.link(&mut tx, anwens, observation).await.unwrap();
        coaching.link(&mut tx, anwens, observation).await.unwrap();
        tx.commit().await.unwrap();

        let ids = |list: Vec<headway_store::coaching::Cycle>| {
            list.into_iter().map(|c| c.id).collect::<Vec<_>>()
        };
        assert_eq!(
            ids(coaching.of_person(SCHOOL, PersonId(2)).await.unwrap()),
            vec![anwens]
        );
        let of_lead = ids(coaching.of_person(SCHOOL, PersonId(6)).await.unwrap());
        assert_eq!(of_lead.len(), 2, "coach of one, coached in the other");
        assert_eq!(
            ids(coaching.of_person(SCHOOL, PersonId(4)).await.unwrap()),
            vec![],
            "a colleague in neither lists neither"
        );
        assert_eq!(
            ids(coaching.of_person(SchoolId(4), PersonId(6)).await.unwrap()),
            vec![],
            "nothing at another school"
        );

        let stored = coaching.get(anwens).await.unwrap().unwrap();
        assert_eq!(stored.coach_name, "Maths Lead");
        assert_eq!(stored.coachee_name, "Teacher A");
        assert_eq!(stored.goal.key, "checking_learning");
        assert!(stored.is_open());
        let entries = coaching.entries(anwens).await.unwrap();
        let kinds: Vec<EntryKind> = entries.iter().map(|e| e.kind).collect();
        assert_eq!(kinds, vec![EntryKind::Step, EntryKind::Reflection]);
        assert_eq!(entries[0].revisit_on.as_deref(), Some("2025-12-01"));
        assert_eq!(
            coaching.observations(anwens).await.unwrap(),
            vec![observation]
        );
        assert!(coaching.entries(leaders).await.unwrap().is_empty());

        let closing = Closing {
            closed_on: "2025-12-12".into(),
            what_changed: "Checks lead the lesson".into(),
            evidence: "Hinge questions".into(),
            next: "Share it".into(),
        };
        let mut tx = store.begin().await.unwrap();
        assert!(coaching.close(&mut tx, leaders, &closing).await.unwrap());
        assert!(
            !coaching.close(&mut tx, leaders, &closing).await.unwrap(),
            "a cycle closes once"
        );
        tx.commit().await.unwrap();
        let closed = coaching.get(leaders).await.unwrap().unwrap();
        assert_eq!(closed.closing, Some(closing));

        let mut counted = coaching.counted(SCHOOL).await.unwrap();
        counted.sort_by_key(|c| c.coachee);
        assert_eq!(counted.len(), 2);
        assert!(counted[0].open && counted[0].goal == GoalKind::Strand);
        assert!(!counted[1].open && counted[1].goal == GoalKind::Practice);
    }
}

#[tokio::test]
async fn the_schema_refuses_self_coaching_an_undated_step_and_a_dated_note() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let coaching = store.coaching();
        let mut tx = store.begin().await.unwrap();
        assert!(
            coaching
                .open(&mut tx, &cycle(2, 2, GoalKind::Strand, "dialogue"))
                .await
                .is_err()
        );
        tx.rollback().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        let id = coaching
            .open(&mut tx, &cycle(6, 2, GoalKind::Strand, "dialogue"))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut undated = entry(id, EntryKind::Step, "2025-09-20");
        undated.revisit_on = None;
        let mut tx = store.begin().await.unwrap();
        assert!(coaching.add_entry(&mut tx, &undated).await.is_err());
        tx.rollback().await.unwrap();
        let mut dated_note = entry(id, EntryKind::Note, "2025-09-20");
        dated_note.revisit_on = Some("2025-10-01".into());
        let mut tx = store.begin().await.unwrap();
        assert!(coaching.add_entry(&mut tx, &dated_note).await.is_err());
        tx.rollback().await.unwrap();
        assert!(coaching.get(id).await.unwrap().unwrap().is_open());
    }
}
