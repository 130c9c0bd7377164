//! The data version moves with every import, inside the import's own transaction (so a
//! preview or a failed import moves nothing), and reference fits are stored against it: a
//! fit is read back only at the version it was stored for, and an older fit never replaces
//! a newer one.

use crate::harness::{import, import_expectations, small_world, stores};
use crate::imports::batch;
use headway_store::expectations::ExpectationRow;
use headway_store::imports::Mode;
use headway_store::versions::{DataVersion, StoredFit};

fn stored(format: i64, bytes: &[u8]) -> StoredFit {
    StoredFit {
        format,
        fit: bytes.to_vec(),
    }
}

#[tokio::test]
async fn an_applied_import_moves_the_version_a_preview_or_a_failure_does_not() {
    for store in stores().await {
        let start = store.data_version().await.unwrap();
        import(&store, &batch(), Mode::Preview).await.unwrap();
        assert_eq!(store.data_version().await.unwrap(), start, "a preview");
        let mut bad = batch();
        bad.results[1].pupil = "nobody".into();
        assert!(import(&store, &bad, Mode::Apply).await.is_err());
        assert_eq!(
            store.data_version().await.unwrap(),
            start,
            "a failed import"
        );
        import(&store, &batch(), Mode::Apply).await.unwrap();
        let after = store.data_version().await.unwrap();
        assert_eq!(after, DataVersion(start.0 + 1), "an applied import");
        // Even an import that changes nothing moves it: cheap, and never wrong.
        import(&store, &batch(), Mode::Apply).await.unwrap();
        assert_eq!(
            store.data_version().await.unwrap(),
            DataVersion(after.0 + 1)
        );
    }
}

#[tokio::test]
async fn a_published_table_and_a_seeded_world_move_the_version() {
    for store in stores().await {
        let start = store.data_version().await.unwrap();
        store.insert_world(&small_world()).await.unwrap();
        let seeded = store.data_version().await.unwrap();
        assert_eq!(seeded, DataVersion(start.0 + 1));
        let rows = vec![ExpectationRow {
            measure: "MAT".into(),
            year: "2025/26".into(),
            group: "1".into(),
            low: 0.0,
            high: 100.0,
            expected: 4.0,
            sd: None,
        }];
        import_expectations(&store, &rows, Mode::Preview)
            .await
            .unwrap();
        assert_eq!(store.data_version().await.unwrap(), seeded, "a preview");
        import_expectations(&store, &rows, Mode::Apply)
            .await
            .unwrap();
        assert_eq!(
            store.data_version().await.unwrap(),
            DataVersion(seeded.0 + 1)
        );
    }
}

#[tokio::test]
async fn a_stored_fit_is_read_at_its_own_version_only_and_never_replaced_by_an_older_one() {
    for store in stores().await {
        store.insert_world(&small_world()).await.unwrap();
        let (year, subject) = (1, 1);
        assert_eq!(
            store
                .stored_reference_fit(year, subject, DataVersion(5))
                .await
                .unwrap(),
            None
        );
        // Bytes of every value, zero included, come back as they went in.
        let bytes: Vec<u8> = (0..=255).collect();
        store
            .store_reference_fit(year, subject, DataVersion(5), &stored(1, &bytes))
            .await
            .unwrap();
        let read = |v| store.stored_reference_fit(year, subject, DataVersion(v));
        assert_eq!(read(5).await.unwrap(), Some(stored(1, &bytes)));
        assert_eq!(
            read(6).await.unwrap(),
            None,
            "a newer version has no fit yet"
        );
        assert_eq!(read(4).await.unwrap(), None);

        // A slow process storing a fit of an older version changes nothing.
        store
            .store_reference_fit(year, subject, DataVersion(4), &stored(1, b"old"))
            .await
            .unwrap();
        assert_eq!(read(5).await.unwrap(), Some(stored(1, &bytes)));
        assert_eq!(read(4).await.unwrap(), None);

        // A newer fit replaces it (one row per year and subject), and so does a fit of the
        // same version in another format (a newer build's).
        store
            .store_reference_fit(year, subject, DataVersion(6), &stored(1, b"new"))
            .await
            .unwrap();
        assert_eq!(read(6).await.unwrap(), Some(stored(1, b"new")));
        assert_eq!(read(5).await.unwrap(), None);
        store
            .store_reference_fit(year, subject, DataVersion(6), &stored(2, b"newer"))
            .await
            .unwrap();
        assert_eq!(read(6).await.unwrap(), Some(stored(2, b"newer")));
    }
}

#[tokio::test]
async fn a_stored_spread_is_read_at_its_own_version_and_remembers_that_none_could_be_measured() {
    for store in stores().await {
        store.insert_world(&small_world()).await.unwrap();
        let read = |v| store.stored_reference_spread(1, DataVersion(v));
        assert_eq!(read(5).await.unwrap(), None, "nothing stored yet");
        store
            .store_reference_spread(1, DataVersion(5), Some(0.8125))
            .await
            .unwrap();
        assert_eq!(read(5).await.unwrap(), Some(Some(0.8125)));
        assert_eq!(read(6).await.unwrap(), None, "stale at a newer version");

        // An older version's spread, finishing late, changes nothing; a newer one replaces it.
        store
            .store_reference_spread(1, DataVersion(4), Some(9.0))
            .await
            .unwrap();
        assert_eq!(read(5).await.unwrap(), Some(Some(0.8125)));
        store
            .store_reference_spread(1, DataVersion(6), None)
            .await
            .unwrap();
        assert_eq!(
            read(6).await.unwrap(),
            Some(None),
            "not measurable, remembered"
        );
        assert_eq!(read(5).await.unwrap(), None);
    }
}
