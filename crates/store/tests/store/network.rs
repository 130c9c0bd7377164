//! The advice network's storage: a person's answer replaces their earlier one, naming
//! nobody still counts as answering, a person cannot name themselves, and rounds are
//! kept per school.

use crate::harness::stores;
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::network::Topic;
use headway_store::network::AdviceRoundId;
use headway_store::seed::example_world;

#[tokio::test]
async fn an_answer_replaces_the_earlier_one_and_naming_nobody_still_counts() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let view = store.advice_network();
        let mut tx = store.begin().await.unwrap();
        let round = view
            .open_round(&mut tx, SchoolId(3), PersonId(1), false)
            .await
            .unwrap();
        view.save_answer(
            &mut tx,
            round,
            PersonId(2),
            &[
                (Topic::Behaviour, PersonId(4)),
                (Topic::Behaviour, PersonId(4)),
                (Topic::UsingData, PersonId(7)),
            ],
        )
        .await
        .unwrap();
        view.save_answer(
            &mut tx,
            round,
            PersonId(2),
            &[(Topic::WellBeing, PersonId(6))],
        )
        .await
        .unwrap();
        view.save_answer(&mut tx, round, PersonId(4), &[])
            .await
            .unwrap();
        tx.commit().await.unwrap();

        let nominations = view.nominations(round).await.unwrap();
        assert_eq!(nominations.len(), 1);
        assert_eq!(nominations[0].topic, Topic::WellBeing);
        assert_eq!(nominations[0].target, PersonId(6));
        assert_eq!(
            view.respondents(round).await.unwrap(),
            vec![PersonId(2), PersonId(4)]
        );
        assert!(
            view.nominations_by(round, PersonId(4))
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_person_cannot_name_themselves_even_behind_the_app() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let view = store.advice_network();
        let mut tx = store.begin().await.unwrap();
        let round = view
            .open_round(&mut tx, SchoolId(3), PersonId(1), false)
            .await
            .unwrap();
        let refused = view
            .save_answer(
                &mut tx,
                round,
                PersonId(2),
                &[(Topic::Behaviour, PersonId(2))],
            )
            .await;
        assert!(refused.is_err());
    }
}

#[tokio::test]
async fn rounds_are_kept_per_school_newest_first_and_close_once() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let view = store.advice_network();
        let mut tx = store.begin().await.unwrap();
        let first = view
            .open_round(&mut tx, SchoolId(3), PersonId(1), false)
            .await
            .unwrap();
        view.set_round_dates(&mut tx, first, 1_000, Some(2_000))
            .await
            .unwrap();
        let second = view
            .open_round(&mut tx, SchoolId(3), PersonId(1), false)
            .await
            .unwrap();
        assert!(view.close_round(&mut tx, second).await.unwrap());
        assert!(!view.close_round(&mut tx, second).await.unwrap());
        tx.commit().await.unwrap();
        let rounds = view.rounds(SchoolId(3)).await.unwrap();
        let ids: Vec<AdviceRoundId> = rounds.iter().map(|r| AdviceRoundId(r.id)).collect();
        assert_eq!(ids, vec![second, first]);
        assert!(rounds.iter().all(|r| !r.is_open()));
        assert!(view.rounds(SchoolId(4)).await.unwrap().is_empty());
        let staff = view.roles_in(SchoolId(3)).await.unwrap();
        let maths_lead = staff.iter().find(|r| r.person_id == 6).unwrap();
        assert_eq!(maths_lead.department.as_deref(), Some("Mathematics"));
    }
}

#[tokio::test]
async fn names_to_the_head_are_off_until_set_and_a_round_keeps_what_it_opened_with() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let view = store.advice_network();
        assert!(!view.names_to_head(SchoolId(3)).await.unwrap());
        let mut tx = store.begin().await.unwrap();
        let before = view
            .open_round(&mut tx, SchoolId(3), PersonId(1), false)
            .await
            .unwrap();
        view.set_names_to_head(&mut tx, SchoolId(3), true, PersonId(1))
            .await
            .unwrap();
        view.set_names_to_head(&mut tx, SchoolId(3), true, PersonId(1))
            .await
            .unwrap();
        let after = view
            .open_round(&mut tx, SchoolId(3), PersonId(1), true)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(view.names_to_head(SchoolId(3)).await.unwrap());
        assert!(!view.names_to_head(SchoolId(4)).await.unwrap());
        assert!(!view.round(before).await.unwrap().unwrap().names_to_head);
        assert!(view.round(after).await.unwrap().unwrap().names_to_head);
        let mut tx = store.begin().await.unwrap();
        view.set_names_to_head(&mut tx, SchoolId(3), false, PersonId(1))
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(!view.names_to_head(SchoolId(3)).await.unwrap());
    }
}
