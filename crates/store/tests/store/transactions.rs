//! A use case's writes across capabilities commit together or not at all, at the time the
//! store's clock gives.

use crate::harness::stores;
use headway_domain::clock::FixedClock;

#[tokio::test]
async fn writes_in_one_transaction_commit_together_or_not_at_all() {
    for store in stores().await {
        let clock = FixedClock::at(1_800_000_000);
        let store = store.with_clock(clock.clone());

        let mut tx = store.begin().await.unwrap();
        let log = store.audit_log();
        log.record(&mut tx, None, "first", "one").await.unwrap();
        log.record(&mut tx, None, "second", "two").await.unwrap();
        drop(tx); // a use case that fails half way: nothing it wrote stays
        assert!(store.recent_audit(10).await.unwrap().is_empty());

        let mut tx = store.begin().await.unwrap();
        log.record(&mut tx, None, "first", "one").await.unwrap();
        clock.advance(30);
        log.record(&mut tx, None, "second", "two").await.unwrap();
        // Not visible to others until the commit.
        assert!(store.recent_audit(10).await.unwrap().is_empty());
        tx.commit().await.unwrap();
        let entries = store.recent_audit(10).await.unwrap();
        let seen: Vec<(&str, i64)> = entries.iter().map(|e| (e.action.as_str(), e.at)).collect();
        assert_eq!(seen, [("second", 1_800_000_030), ("first", 1_800_000_000)]);
    }
}
