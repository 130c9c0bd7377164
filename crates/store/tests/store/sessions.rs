use crate::harness::{small_world, stores};
use headway_domain::ids::PersonId;
use headway_store::now_unix;

#[tokio::test]
async fn sessions_are_created_once_saved_loaded_and_deleted() {
    for store in stores().await {
        let later = now_unix() + 3600;
        assert!(
            store
                .create_session("abc", None, "{\"a\":1}", later)
                .await
                .unwrap()
        );
        assert!(
            !store
                .create_session("abc", None, "{}", later)
                .await
                .unwrap(),
            "a taken id is refused"
        );
        assert_eq!(
            store.load_session("abc").await.unwrap(),
            Some(("{\"a\":1}".to_owned(), later))
        );
        store
            .save_session("abc", None, "{\"a\":2}", later)
            .await
            .unwrap();
        assert_eq!(
            store.load_session("abc").await.unwrap().unwrap().0,
            "{\"a\":2}"
        );
        store.delete_session("abc").await.unwrap();
        assert_eq!(store.load_session("abc").await.unwrap(), None);
    }
}

#[tokio::test]
async fn expired_sessions_are_not_loaded_and_are_swept() {
    for store in stores().await {
        store
            .create_session("old", None, "{}", now_unix() - 1)
            .await
            .unwrap();
        store
            .create_session("live", None, "{}", now_unix() + 600)
            .await
            .unwrap();
        assert_eq!(store.load_session("old").await.unwrap(), None);
        assert_eq!(store.delete_expired_sessions().await.unwrap(), 1);
        assert!(store.load_session("live").await.unwrap().is_some());
    }
}

#[tokio::test]
async fn sessions_are_kept_under_a_hash_of_their_id() {
    for store in stores().await {
        let id = "ZmFrZS1zZXNzaW9uLWlk";
        store
            .create_session(id, None, "{}", now_unix() + 600)
            .await
            .unwrap();
        let keys = store.session_keys().await.unwrap();
        assert_eq!(keys.len(), 1);
        assert_ne!(keys[0], id);
        assert_eq!(keys[0].len(), 64, "a SHA-256 in hex");
        // What a copy of the table holds does not open the session.
        assert_eq!(store.load_session(&keys[0]).await.unwrap(), None);
        assert!(store.load_session(id).await.unwrap().is_some());
    }
}

#[tokio::test]
async fn a_persons_other_sessions_end_and_a_late_save_does_not_bring_one_back() {
    for store in stores().await {
        store.insert_world(&small_world()).await.unwrap();
        let later = now_unix() + 600;
        let (head, teacher) = (Some(PersonId(1)), Some(PersonId(2)));
        for (id, person) in [("laptop", head), ("phone", head), ("other", teacher)] {
            store.create_session(id, person, "{}", later).await.unwrap();
        }
        assert_eq!(
            store
                .end_other_sessions(PersonId(1), "laptop")
                .await
                .unwrap(),
            1
        );
        assert!(store.load_session("laptop").await.unwrap().is_some());
        assert!(store.load_session("phone").await.unwrap().is_none());
        assert!(store.load_session("other").await.unwrap().is_some());
        // A request on the phone that began before the change finishes after it.
        store
            .save_session("phone", head, "{\"csrf\":\"x\"}", later)
            .await
            .unwrap();
        assert!(store.load_session("phone").await.unwrap().is_none());
        assert_eq!(store.session_count().await.unwrap(), 2);
    }
}
