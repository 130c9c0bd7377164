use crate::harness::{small_world, stores};
use headway_domain::account::Email;
use headway_store::seed::ResultRow;

#[tokio::test]
async fn a_world_is_written_whole() {
    for store in stores().await {
        assert!(store.is_empty().await.unwrap());
        store.insert_world(&small_world()).await.unwrap();
        assert!(!store.is_empty().await.unwrap());
        // Ids continue after the explicit ones (PostgreSQL's identity sequences moved on).
        let mut tx = store.begin().await.unwrap();
        let id = store
            .accounts()
            .add_person(
                &mut tx,
                &Email::parse("later@x.test").unwrap(),
                "Later",
                "$h",
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(id.0, 8);
    }
}

#[tokio::test]
async fn a_world_with_one_bad_row_writes_nothing() {
    for store in stores().await {
        let mut world = small_world();
        // A result for a pupil who does not exist, after thousands of good rows.
        world.results.push(ResultRow {
            pupil_id: 999,
            assessment_point_id: 1,
            subject_id: 1,
            score: 1.0,
        });
        assert!(store.insert_world(&world).await.is_err());
        assert!(
            store.is_empty().await.unwrap(),
            "nothing of the failed world is left behind"
        );
    }
}
