//! tower-sessions' storage on Headway's own `sessions` table, so app servers keep no state
//! of their own and several can share one database. The store keeps sessions under a hash
//! of their id, with the person signed in beside them (so a password change can end the
//! person's other sessions). tower-sessions writes only a session that a request changed;
//! a visitor who has changed nothing has no row.

use crate::context::PERSON_KEY;
use headway_domain::ids::PersonId;
use headway_store::Store;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    store: Store,
}

impl DbSessionStore {
    pub fn new(store: Store) -> Self {
        DbSessionStore { store }
    }
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

/// The record's data as stored, and the person it is signed in as.
fn encode(record: &Record) -> session_store::Result<(String, Option<PersonId>)> {
    let data = serde_json::to_string(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    let person = record
        .data
        .get(PERSON_KEY)
        .and_then(|v| v.as_i64())
        .map(PersonId);
    Ok((data, person))
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let (data, person) = encode(record)?;
        // A fresh random id on the rare collision.
        while !self
            .store
            .sessions()
            .create(
                &record.id.to_string(),
                person,
                &data,
                record.expiry_date.unix_timestamp(),
            )
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let (data, person) = encode(record)?;
        self.store
            .sessions()
            .save(
                &record.id.to_string(),
                person,
                &data,
                record.expiry_date.unix_timestamp(),
            )
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some((data, expires_at)) = self
            .store
            .sessions()
            .load(&id.to_string())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(expires_at).map_err(backend)?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.store
            .sessions()
            .delete(&id.to_string())
            .await
            .map_err(backend)
    }
}
