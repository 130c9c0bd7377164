//! The audit log: sign-ins and privileged changes, who did them and when.
//!
//! The model for a capability's view (see `tx`): `store.audit_log()` is a small view whose
//! writing methods take the transaction they run in, so a use case records its audit line
//! in the same commit as the change it describes.

use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::ids::PersonId;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: i64,
    pub actor_id: Option<i64>,
    pub action: String,
    pub detail: String,
}

/// The audit log's view of the store.
#[derive(Clone, Copy)]
pub struct AuditLog<'a> {
    store: &'a Store,
}

impl Store {
    pub fn audit_log(&self) -> AuditLog<'_> {
        AuditLog { store: self }
    }

    /// Records one line in a transaction of its own (for a change that is itself one
    /// statement, such as a sign-in; a use case that writes more uses
    /// [`AuditLog::record`] in its own transaction).
    pub async fn audit(
        &self,
        actor: Option<PersonId>,
        action: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        self.audit_log()
            .record(&mut tx, actor, action, detail)
            .await?;
        tx.commit().await
    }

    /// The most recent entries, newest first.
    pub async fn recent_audit(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_log().recent(limit).await
    }
}

impl AuditLog<'_> {
    /// Adds a line, at the store's clock's time, in `tx`.
    pub async fn record(
        &self,
        tx: &mut Tx,
        actor: Option<PersonId>,
        action: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        let at = self.store.now();
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO audit_log (at, actor_id, action, detail) VALUES ($1, $2, $3, $4)")
            .bind(at)
            .bind(actor.map(|a| a.0))
            .bind(action)
            .bind(detail)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The most recent entries, newest first.
    pub async fn recent(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, AuditEntry>(
            "SELECT at, actor_id, action, detail FROM audit_log ORDER BY id DESC LIMIT $1")
            .bind(limit)
            .fetch_all(pool)
            .await)?,
        )
    }
}
