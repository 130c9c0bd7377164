//! The audit log: sign-ins and privileged changes, who did them and when.

use crate::{Store, StoreError, now_unix, on_pool};
use headway_domain::ids::PersonId;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditEntry {
    pub at: i64,
    pub actor_id: Option<i64>,
    pub action: String,
    pub detail: String,
}

impl Store {
    pub async fn audit(
        &self,
        actor: Option<PersonId>,
        action: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO audit_log (at, actor_id, action, detail) VALUES ($1, $2, $3, $4)")
            .bind(now_unix())
            .bind(actor.map(|a| a.0))
            .bind(action)
            .bind(detail)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The most recent entries, newest first.
    pub async fn recent_audit(&self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as::<_, AuditEntry>(
            "SELECT at, actor_id, action, detail FROM audit_log ORDER BY id DESC LIMIT $1")
            .bind(limit)
            .fetch_all(pool)
            .await)?)
    }
}
