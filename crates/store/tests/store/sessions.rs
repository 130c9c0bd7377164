use crate::harness::{small_world, stores};
use headway_domain::clock::FixedClock;
use headway_domain::ids::PersonId;
use headway_store::Store;
use std::sync::Arc;

const NOW: i64 = 1_800_000_000;

/// Each store reading the time from a clock the test moves.
async fn stores_at(now: i64) -> Vec<(Store, Arc<FixedClock>)> {
    let mut at = Vec::new();
    for store in stores().await {
        let clock = FixedClock::at(now);
        at.push((store.with_clock(clock.clone()), clock));
    }
    at
}

#[tokio::test]
async fn sessions_are_created_once_saved_loaded_and_deleted() {
    for store in stores().await {
        let later = store.now() + 3600;
        assert!(
            store
                .sessions()
                .create("abc", None, "{\"a\":1}", later)
                .await
                .unwrap()
        );
        assert!(
            !store
                .sessions()
                .create("abc", None, "{}", later)
                .await
                .unwrap(),
            "a taken id is refused"
        );
        assert_eq!(
            store.sessions().load("abc").await.unwrap(),
            Some(("{\"a\":1}".to_owned(), later))
        );
        store
            .sessions()
            .save("abc", None, "{\"a\":2}", later)
            .await
            .unwrap();
        assert_eq!(
            store.sessions().load("abc").await.unwrap().unwrap().0,
            "{\"a\":2}"
        );
        store.sessions().delete("abc").await.unwrap();
        assert_eq!(store.sessions().load("abc").await.unwrap(), None);
    }
}

#[tokio::test]
async fn sessions_expire_by_the_stores_clock_and_are_swept() {
    for (store, clock) in stores_at(NOW).await {
        let sessions = store.sessions();
        sessions
            .create("short", None, "{}", NOW + 60)
            .await
            .unwrap();
        sessions
            .create("long", None, "{}", NOW + 600)
            .await
            .unwrap();
        assert!(sessions.load("short").await.unwrap().is_some());
        assert_eq!(sessions.delete_expired().await.unwrap(), 0);
        // At the second it expires, a session is gone (expiry is exclusive).
        clock.set(NOW + 60);
        assert_eq!(sessions.load("short").await.unwrap(), None);
        assert!(sessions.load("long").await.unwrap().is_some());
        assert_eq!(
            sessions.count().await.unwrap(),
            2,
            "loading deletes nothing"
        );
        assert_eq!(sessions.delete_expired().await.unwrap(), 1);
        assert_eq!(sessions.count().await.unwrap(), 1);
        clock.advance(600);
        assert_eq!(sessions.load("long").await.unwrap(), None);
        assert_eq!(sessions.delete_expired().await.unwrap(), 1);
        assert_eq!(sessions.count().await.unwrap(), 0);
    }
}

#[tokio::test]
async fn sessions_are_kept_under_a_hash_of_their_id() {
    for store in stores().await {
        let id = "ZmFrZS1zZXNzaW9uLWlk";
        store
            .sessions()
            .create(id, None, "{}", store.now() + 600)
            .await
            .unwrap();
        let keys = store.sessions().stored_keys().await.unwrap();
        assert_eq!(keys.len(), 1);
        assert_ne!(keys[0], id);
        assert_eq!(keys[0].len(), 64, "a SHA-256 in hex");
        // What a copy of the table holds does not open the session.
        assert_eq!(store.sessions().load(&keys[0]).await.unwrap(), None);
        assert!(store.sessions().load(id).await.unwrap().is_some());
    }
}

#[tokio::test]
async fn a_persons_other_sessions_end_and_a_late_save_does_not_bring_one_back() {
    for store in stores().await {
        store.insert_world(&small_world()).await.unwrap();
        let later = store.now() + 600;
        let (head, teacher) = (Some(PersonId(1)), Some(PersonId(2)));
        for (id, person) in [("laptop", head), ("phone", head), ("other", teacher)] {
            store
                .sessions()
                .create(id, person, "{}", later)
                .await
                .unwrap();
        }
        // Ended in a transaction: nothing changes until it commits, nothing if it rolls back.
        let mut tx = store.begin().await.unwrap();
        assert_eq!(
            store
                .sessions()
                .end_others(&mut tx, PersonId(1), "laptop")
                .await
                .unwrap(),
            1
        );
        tx.rollback().await.unwrap();
        assert!(store.sessions().load("phone").await.unwrap().is_some());
        let mut tx = store.begin().await.unwrap();
        store
            .sessions()
            .end_others(&mut tx, PersonId(1), "laptop")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert!(store.sessions().load("laptop").await.unwrap().is_some());
        assert!(store.sessions().load("phone").await.unwrap().is_none());
        assert!(store.sessions().load("other").await.unwrap().is_some());
        // A request on the phone that began before the change finishes after it.
        store
            .sessions()
            .save("phone", head, "{\"csrf\":\"x\"}", later)
            .await
            .unwrap();
        assert!(store.sessions().load("phone").await.unwrap().is_none());
        assert_eq!(store.sessions().count().await.unwrap(), 2);
    }
}
