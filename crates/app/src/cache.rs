//! One cache of figures derived from the database, keyed by the data version.
//!
//! Every import bumps the data version inside its own transaction
//! (`headway_store::versions`), so a request that reads the version and finds it moved
//! knows the data changed — whether the import ran in this server, in another server over
//! the same database or on the command line. Entries of older versions are dropped the
//! moment a newer one is seen; nothing else ever expires them, and nothing needs clearing
//! by hand. Concurrent requests for the same key wait for one computation (single flight)
//! instead of each computing it. Derived data only: a server that restarts simply computes
//! again, so app servers keep no state of their own beyond this cache.

use headway_store::versions::DataVersion;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use tokio::sync::OnceCell;

/// Entries past this many are not kept: the finished ones are dropped first.
pub const MAX_ENTRIES: usize = 10_000;

/// A key's value once computed; while it is being computed, the place where others wait.
type Slot<V> = Arc<OnceCell<Arc<V>>>;

struct Entries<K, V> {
    /// The newest data version seen; every slot belongs to it.
    version: Option<DataVersion>,
    slots: HashMap<K, Slot<V>>,
}

/// Values of type `V` by key `K`, each computed once per data version.
pub struct DerivedCache<K, V> {
    entries: Arc<Mutex<Entries<K, V>>>,
}

impl<K, V> Clone for DerivedCache<K, V> {
    fn clone(&self) -> Self {
        DerivedCache {
            entries: self.entries.clone(),
        }
    }
}

impl<K, V> Default for DerivedCache<K, V> {
    fn default() -> Self {
        DerivedCache {
            entries: Arc::new(Mutex::new(Entries {
                version: None,
                slots: HashMap::new(),
            })),
        }
    }
}

impl<K, V> std::fmt::Debug for DerivedCache<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DerivedCache").finish_non_exhaustive()
    }
}

impl<K: Hash + Eq, V> DerivedCache<K, V> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Entries<K, V>> {
        self.entries
            .lock()
            .expect("the cache lock is never poisoned")
    }

    /// The slot for `key` at `version`, or `None` when `version` is older than one already
    /// seen (the request read the version just before an import: its figures are computed
    /// but not kept).
    fn slot(&self, version: DataVersion, key: K) -> Option<Slot<V>> {
        let mut entries = self.lock();
        match entries.version {
            Some(newest) if version < newest => return None,
            Some(newest) if version == newest => {}
            _ => {
                entries.slots.clear();
                entries.version = Some(version);
            }
        }
        if !entries.slots.contains_key(&key) && entries.slots.len() >= MAX_ENTRIES {
            // Keep only computations still in flight (others are waiting on them).
            entries.slots.retain(|_, slot| !slot.initialized());
            if entries.slots.len() >= MAX_ENTRIES {
                entries.slots.clear();
            }
        }
        Some(entries.slots.entry(key).or_default().clone())
    }

    /// The value for `key` at data version `version`: kept from before, awaited from a
    /// computation already running, or computed now by `compute` and kept. An error is not
    /// kept: the next request computes again.
    pub async fn get_or_compute<E, F, Fut>(
        &self,
        version: DataVersion,
        key: K,
        compute: F,
    ) -> Result<Arc<V>, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        match self.slot(version, key) {
            Some(slot) => slot
                .get_or_try_init(|| async { compute().await.map(Arc::new) })
                .await
                .cloned(),
            None => compute().await.map(Arc::new),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    async fn value(
        cache: &DerivedCache<u32, String>,
        version: i64,
        key: u32,
        computed: &AtomicUsize,
    ) -> String {
        let got = cache
            .get_or_compute(DataVersion(version), key, || async {
                computed.fetch_add(1, Ordering::SeqCst);
                Ok::<_, ()>(format!("{key} at {version}"))
            })
            .await
            .unwrap();
        (*got).clone()
    }

    #[tokio::test]
    async fn a_value_is_computed_once_per_data_version() {
        let cache = DerivedCache::default();
        let computed = AtomicUsize::new(0);
        assert_eq!(value(&cache, 1, 7, &computed).await, "7 at 1");
        assert_eq!(value(&cache, 1, 7, &computed).await, "7 at 1");
        assert_eq!(
            computed.load(Ordering::SeqCst),
            1,
            "kept at the same version"
        );
        assert_eq!(value(&cache, 2, 7, &computed).await, "7 at 2");
        assert_eq!(
            computed.load(Ordering::SeqCst),
            2,
            "computed again after an import"
        );
        assert_eq!(
            cache.lock().slots.len(),
            1,
            "the old version's entry is gone"
        );
        // A request that read the version before the import is answered, never kept.
        assert_eq!(value(&cache, 1, 7, &computed).await, "7 at 1");
        assert_eq!(value(&cache, 2, 7, &computed).await, "7 at 2");
        assert_eq!(computed.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_requests_for_one_key_wait_for_one_computation() {
        let cache: DerivedCache<u32, u32> = DerivedCache::default();
        let computed = Arc::new(AtomicUsize::new(0));
        let started = Arc::new(tokio::sync::Barrier::new(16));
        let mut requests = Vec::new();
        for _ in 0..16 {
            let (cache, computed, started) = (cache.clone(), computed.clone(), started.clone());
            requests.push(tokio::spawn(async move {
                started.wait().await;
                cache
                    .get_or_compute(DataVersion(1), 5, || async {
                        computed.fetch_add(1, Ordering::SeqCst);
                        // Long enough that every other request arrives while it runs.
                        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                        Ok::<_, ()>(25)
                    })
                    .await
                    .unwrap()
            }));
        }
        for request in requests {
            assert_eq!(*request.await.unwrap(), 25);
        }
        assert_eq!(computed.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn a_failed_computation_is_not_kept() {
        let cache: DerivedCache<u32, u32> = DerivedCache::default();
        let failed = cache
            .get_or_compute(DataVersion(1), 1, || async { Err::<u32, _>("no data") })
            .await;
        assert_eq!(failed.unwrap_err(), "no data");
        let computed = cache
            .get_or_compute(DataVersion(1), 1, || async { Ok::<_, &str>(3) })
            .await;
        assert_eq!(*computed.unwrap(), 3);
    }

    #[tokio::test]
    async fn the_cache_never_grows_past_its_bound() {
        let cache: DerivedCache<usize, usize> = DerivedCache::default();
        for i in 0..MAX_ENTRIES + 5 {
            let got = cache
                .get_or_compute(DataVersion(1), i, || async { Ok::<_, ()>(i) })
                .await;
            assert_eq!(*got.unwrap(), i);
        }
        let kept = cache.lock().slots.len();
        assert!((1..=MAX_ENTRIES).contains(&kept), "{kept}");
    }
}
