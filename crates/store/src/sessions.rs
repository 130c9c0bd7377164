//! Server-side sessions: a row per session so any app server can serve any request.
//!
//! A session is stored under the SHA-256 of its id, never the id itself: a copy of the
//! database (a backup, a leak) holds no id that a browser could present. The person signed
//! in is kept beside the data so their other sessions can be ended.
//!
//! `store.sessions()` is the view. Sessions expire by the store's clock. Ending a person's
//! other sessions takes the transaction of the password change that calls for it.

use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::ids::PersonId;
use sha2::{Digest, Sha256};

/// The key a session id is stored under: its SHA-256, in hex.
fn stored_key(id: &str) -> String {
    Sha256::digest(id.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The sessions' view of the store.
#[derive(Clone, Copy)]
pub struct Sessions<'a> {
    store: &'a Store,
}

impl Store {
    pub fn sessions(&self) -> Sessions<'_> {
        Sessions { store: self }
    }
}

impl Sessions<'_> {
    /// The stored data and expiry of a live session; `None` if unknown or expired.
    pub async fn load(&self, id: &str) -> Result<Option<(String, i64)>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as(
            "SELECT data, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2")
            .bind(stored_key(id))
            .bind(self.store.now())
            .fetch_optional(pool)
            .await)?)
    }

    /// Creates a session row; returns false if the id is already taken.
    pub async fn create(
        &self,
        id: &str,
        person: Option<PersonId>,
        data: &str,
        expires_at: i64,
    ) -> Result<bool, StoreError> {
        let done = on_pool!(self.store, pool => sqlx::query(
            "INSERT INTO sessions (id_hash, person_id, data, expires_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id_hash) DO NOTHING")
            .bind(stored_key(id))
            .bind(person.map(|p| p.0))
            .bind(data)
            .bind(expires_at)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(done == 1)
    }

    /// Updates a session that is still stored. A session deleted meanwhile (signed out
    /// elsewhere, ended by a password change, swept) stays deleted: a request that was
    /// already running cannot bring it back.
    pub async fn save(
        &self,
        id: &str,
        person: Option<PersonId>,
        data: &str,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        on_pool!(self.store, pool => sqlx::query(
            "UPDATE sessions SET person_id = $2, data = $3, expires_at = $4 WHERE id_hash = $1")
            .bind(stored_key(id))
            .bind(person.map(|p| p.0))
            .bind(data)
            .bind(expires_at)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn delete(&self, id: &str) -> Result<(), StoreError> {
        on_pool!(self.store, pool => sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(stored_key(id))
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Ends every session of a person but the one with id `keep` (after a password
    /// change, the other devices must sign in with the new password); returns how many.
    pub async fn end_others(
        &self,
        tx: &mut Tx,
        person: PersonId,
        keep: &str,
    ) -> Result<u64, StoreError> {
        Ok(on_tx!(tx, conn => sqlx::query(
            "DELETE FROM sessions WHERE person_id = $1 AND id_hash <> $2")
            .bind(person.0)
            .bind(stored_key(keep))
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?)
    }

    pub async fn delete_expired(&self) -> Result<u64, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(self.store.now())
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?,
        )
    }

    /// How many sessions are stored, live or not.
    pub async fn count(&self) -> Result<i64, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
            .fetch_one(pool)
            .await)?,
        )
    }

    /// The keys sessions are stored under, as a copy of the database would show them.
    pub async fn stored_keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_scalar("SELECT id_hash FROM sessions ORDER BY id_hash")
            .fetch_all(pool)
            .await)?,
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_session_is_stored_under_the_sha256_of_its_id() {
        // echo -n abc | sha256sum
        assert_eq!(
            super::stored_key("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
