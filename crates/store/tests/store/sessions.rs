use crate::harness::stores;
use headway_store::now_unix;

#[tokio::test]
async fn sessions_are_created_once_saved_loaded_and_deleted() {
    for store in stores().await {
        let later = now_unix() + 3600;
        assert!(
            store
                .create_session("abc", "{\"a\":1}", later)
                .await
                .unwrap()
        );
        assert!(
            !store.create_session("abc", "{}", later).await.unwrap(),
            "a taken id is refused"
        );
        assert_eq!(
            store.load_session("abc").await.unwrap(),
            Some(("{\"a\":1}".to_owned(), later))
        );
        store.save_session("abc", "{\"a\":2}", later).await.unwrap();
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
            .save_session("old", "{}", now_unix() - 1)
            .await
            .unwrap();
        store
            .save_session("live", "{}", now_unix() + 600)
            .await
            .unwrap();
        assert_eq!(store.load_session("old").await.unwrap(), None);
        assert_eq!(store.delete_expired_sessions().await.unwrap(), 1);
        assert!(store.load_session("live").await.unwrap().is_some());
    }
}
