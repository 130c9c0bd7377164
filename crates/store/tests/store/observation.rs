//! Observations are stored and read back by the reader's relation to them: the lists of
//! records about a teacher, written by an observer, shared with a coach hold nothing else;
//! a school's policy is private until the head sets it; the schema refuses a learning walk
//! with an action step and any other record without one.

use crate::harness::stores;
use headway_domain::ids::{ClassId, PersonId, SchoolId};
use headway_domain::observation::{Kind, RecordPolicy};
use headway_store::observation::{NewObservation, Relation};
use headway_store::seed::example_world;

const SCHOOL: SchoolId = SchoolId(3);

fn observation(kind: Kind, class: i64, teacher: i64, observer: i64) -> NewObservation {
    let step = kind != Kind::LearningWalk;
    NewObservation {
        school: SCHOOL,
        kind,
        observed_on: "2026-01-12".into(),
        class: ClassId(class),
        teacher: PersonId(teacher),
        observer: PersonId(observer),
        framework: "observation".into(),
        framework_version: 1,
        strand: "dialogue".into(),
        priority: None,
        evidence: "Pupils explained their method".into(),
        strengths: "Listening".into(),
        action_step: step.then(|| "Wait ten seconds".into()),
        revisit_on: step.then(|| "2026-02-09".into()),
    }
}

#[tokio::test]
async fn records_are_listed_by_the_readers_relation_to_them() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let observations = store.observations();
        let peer = observations
            .add(&mut tx, &observation(Kind::Peer, 1, 2, 4))
            .await
            .unwrap();
        let walk = observations
            .add(&mut tx, &observation(Kind::LearningWalk, 2, 4, 1))
            .await
            .unwrap();
        let reflection = observations
            .add(&mut tx, &observation(Kind::SelfReflection, 1, 2, 2))
            .await
            .unwrap();
        observations
            .set_coach(&mut tx, peer, Some(PersonId(6)))
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let ids = |list: Vec<headway_store::observation::Observation>| {
            list.into_iter().map(|o| o.id).collect::<Vec<_>>()
        };
        let about_a = ids(observations
            .list(SCHOOL, Relation::About(PersonId(2)))
            .await
            .unwrap());
        assert_eq!(about_a.len(), 2);
        assert!(about_a.contains(&peer) && about_a.contains(&reflection));
        // A self-reflection is not among what its author "wrote about a colleague".
        assert_eq!(
            ids(observations
                .list(SCHOOL, Relation::WrittenBy(PersonId(2)))
                .await
                .unwrap()),
            vec![]
        );
        assert_eq!(
            ids(observations
                .list(SCHOOL, Relation::WrittenBy(PersonId(1)))
                .await
                .unwrap()),
            vec![walk]
        );
        assert_eq!(
            ids(observations
                .list(SCHOOL, Relation::SharedWith(PersonId(6)))
                .await
                .unwrap()),
            vec![peer]
        );
        assert_eq!(
            ids(observations
                .list(SCHOOL, Relation::OpenToLeaders)
                .await
                .unwrap()),
            vec![peer]
        );
        // Nothing of school 3 is listed for school 4.
        assert!(
            observations
                .list(SchoolId(4), Relation::About(PersonId(2)))
                .await
                .unwrap()
                .is_empty()
        );

        let read = observations.get(peer).await.unwrap().unwrap();
        assert_eq!(read.class_name, "11M1");
        assert_eq!(read.teacher_name, "Teacher A");
        assert_eq!(read.observer_name, "Teacher B");
        assert_eq!(read.coach, Some((PersonId(6), "Maths Lead".into())));
        assert_eq!(read.action_step.as_deref(), Some("Wait ten seconds"));
        let counted = observations.counted(SCHOOL).await.unwrap();
        assert_eq!(counted.len(), 3);
        let teaching = observations.teaching(SCHOOL).await.unwrap();
        assert_eq!(
            teaching
                .iter()
                .map(|t| (t.class_id, t.teacher_id))
                .collect::<Vec<_>>(),
            vec![(1, 2), (2, 4)]
        );
    }
}

#[tokio::test]
async fn a_schools_policy_is_private_until_the_head_sets_it() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let observations = store.observations();
        assert_eq!(
            observations.policy(SCHOOL).await.unwrap(),
            RecordPolicy::Private
        );
        for policy in [RecordPolicy::LeadersReadObservations, RecordPolicy::Private] {
            let mut tx = store.begin().await.unwrap();
            observations
                .set_policy(&mut tx, SCHOOL, policy, PersonId(1))
                .await
                .unwrap();
            tx.commit().await.unwrap();
            assert_eq!(observations.policy(SCHOOL).await.unwrap(), policy);
        }
        assert_eq!(
            observations.policy(SchoolId(4)).await.unwrap(),
            RecordPolicy::Private
        );
    }
}

#[tokio::test]
async fn the_schema_keeps_one_action_step_to_every_record_but_a_walk() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let mut walk_with_step = observation(Kind::LearningWalk, 2, 4, 1);
        walk_with_step.action_step = Some("Do this".into());
        walk_with_step.revisit_on = Some("2026-02-09".into());
        let mut peer_without = observation(Kind::Peer, 1, 2, 4);
        peer_without.action_step = None;
        peer_without.revisit_on = None;
        let mut step_without_date = observation(Kind::Developmental, 1, 2, 1);
        step_without_date.revisit_on = None;
        for bad in [walk_with_step, peer_without, step_without_date] {
            let mut tx = store.begin().await.unwrap();
            assert!(
                store.observations().add(&mut tx, &bad).await.is_err(),
                "{:?} stored",
                bad.kind
            );
        }
    }
}
