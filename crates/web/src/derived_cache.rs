//! A small cache of figures derived from the database, kept for a few minutes and dropped
//! whenever an import changes the data. Derived data only — a server that restarts, or runs
//! beside others, simply computes again — so app servers still keep no state of their own.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Entries past this many are not kept (the expired ones are swept first).
const MAX_ENTRIES: usize = 10_000;

/// Each key's value and when it was computed.
type Entries<K, V> = HashMap<K, (Instant, Arc<V>)>;

pub struct DerivedCache<K, V> {
    entries: Arc<Mutex<Entries<K, V>>>,
    fresh_for: Duration,
}

impl<K, V> Clone for DerivedCache<K, V> {
    fn clone(&self) -> Self {
        DerivedCache {
            entries: self.entries.clone(),
            fresh_for: self.fresh_for,
        }
    }
}

impl<K, V> std::fmt::Debug for DerivedCache<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DerivedCache")
            .field("fresh_for", &self.fresh_for)
            .finish_non_exhaustive()
    }
}

impl<K: Hash + Eq, V> DerivedCache<K, V> {
    pub fn new(fresh_for: Duration) -> Self {
        DerivedCache {
            entries: Arc::new(Mutex::new(HashMap::new())),
            fresh_for,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries<K, V>> {
        self.entries
            .lock()
            .expect("the cache lock is never poisoned")
    }

    /// The value for `key`, if it was computed less than `fresh_for` ago.
    pub fn get(&self, key: &K) -> Option<Arc<V>> {
        self.lock()
            .get(key)
            .filter(|(at, _)| at.elapsed() < self.fresh_for)
            .map(|(_, value)| value.clone())
    }

    /// Keeps `value` for `key` and returns it.
    pub fn insert(&self, key: K, value: V) -> Arc<V> {
        let value = Arc::new(value);
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            let fresh_for = self.fresh_for;
            entries.retain(|_, (at, _)| at.elapsed() < fresh_for);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (Instant::now(), value.clone()));
        value
    }

    /// Forgets everything (after an import changed the data).
    pub fn clear(&self) {
        self.lock().clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_kept_until_it_is_stale_or_cleared() {
        let cache: DerivedCache<u8, &str> = DerivedCache::new(Duration::from_secs(60));
        assert!(cache.get(&1).is_none());
        cache.insert(1, "one");
        assert_eq!(cache.get(&1).as_deref(), Some(&"one"));
        cache.clear();
        assert!(cache.get(&1).is_none());

        let stale: DerivedCache<u8, &str> = DerivedCache::new(Duration::ZERO);
        stale.insert(1, "one");
        assert!(stale.get(&1).is_none(), "older than fresh_for");
    }

    #[test]
    fn the_cache_never_grows_past_its_bound() {
        let cache: DerivedCache<usize, usize> = DerivedCache::new(Duration::from_secs(60));
        for i in 0..MAX_ENTRIES + 5 {
            cache.insert(i, i);
        }
        assert!(cache.lock().len() <= MAX_ENTRIES);
        assert_eq!(
            cache.get(&(MAX_ENTRIES + 4)).as_deref(),
            Some(&(MAX_ENTRIES + 4))
        );
    }
}
