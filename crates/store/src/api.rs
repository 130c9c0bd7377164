//! The JSON API's storage: personal API tokens and the fixed windows its requests are
//! counted in.
//!
//! A token is kept under the SHA-256 of its secret, never the secret (as sessions are), with
//! the secret's first characters in the clear so its person can tell tokens apart. Request
//! counts live in the database, one row per token or client address, so every app server
//! counts against the same row and none keeps state of its own.
//!
//! `store.api()` is the view; the writes a use case records with an audit line take its
//! transaction.

use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::api::{Scopes, TokenSecret};
use headway_domain::ids::PersonId;
use sha2::{Digest, Sha256};

/// The key a token is stored under: the SHA-256 of its secret, in hex.
fn stored_key(secret: &TokenSecret) -> String {
    Sha256::digest(secret.expose().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A token as its person's account page lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenListed {
    pub id: i64,
    pub name: String,
    pub scopes: Scopes,
    /// The secret's first characters (`hw_1a2b3c`).
    pub prefix: String,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    name: String,
    scopes: String,
    prefix: String,
    created_at: i64,
    last_used_at: Option<i64>,
    revoked_at: Option<i64>,
}

/// A live token found by its secret.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveToken {
    pub id: i64,
    pub person: PersonId,
    pub scopes: Scopes,
}

fn scopes_of(id: i64, stored: &str) -> Result<Scopes, StoreError> {
    Scopes::parse([stored])
        .map_err(|e| StoreError::Corrupt(format!("the scopes of API token {id}: {e}")))
}

/// One request counted in a fixed window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// Requests in the window so far, this one included.
    pub requests: i64,
    /// When the window ends (seconds since the epoch, by the store's clock).
    pub window_ends: i64,
}

/// The API's view of the store.
#[derive(Clone, Copy)]
pub struct Api<'a> {
    store: &'a Store,
}

impl Store {
    pub fn api(&self) -> Api<'_> {
        Api { store: self }
    }
}

impl Api<'_> {
    /// Keeps a new token for `person`, in `tx`; returns its id.
    pub async fn create_token(
        &self,
        tx: &mut Tx,
        person: PersonId,
        name: &str,
        scopes: &Scopes,
        secret: &TokenSecret,
    ) -> Result<i64, StoreError> {
        let now = self.store.now();
        Ok(on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO api_tokens (person_id, name, scopes, token_hash, prefix, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(person.0)
            .bind(name)
            .bind(scopes.to_string())
            .bind(stored_key(secret))
            .bind(secret.prefix())
            .bind(now)
            .fetch_one(&mut *conn)
            .await)?)
    }

    /// How many unrevoked tokens `person` holds, read in `tx` (before adding one).
    pub async fn live_tokens(&self, tx: &mut Tx, person: PersonId) -> Result<i64, StoreError> {
        Ok(on_tx!(tx, conn => sqlx::query_scalar(
            "SELECT COUNT(*) FROM api_tokens WHERE person_id = $1 AND revoked_at IS NULL")
            .bind(person.0)
            .fetch_one(&mut *conn)
            .await)?)
    }

    /// A person's tokens, live ones first, newest first.
    pub async fn tokens_of(&self, person: PersonId) -> Result<Vec<TokenListed>, StoreError> {
        let rows: Vec<TokenRow> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT id, name, scopes, prefix, created_at, last_used_at, revoked_at
             FROM api_tokens WHERE person_id = $1
             ORDER BY CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END, created_at DESC, id DESC")
            .bind(person.0)
            .fetch_all(pool)
            .await)?;
        rows.into_iter()
            .map(|r| {
                Ok(TokenListed {
                    scopes: scopes_of(r.id, &r.scopes)?,
                    id: r.id,
                    name: r.name,
                    prefix: r.prefix,
                    created_at: r.created_at,
                    last_used_at: r.last_used_at,
                    revoked_at: r.revoked_at,
                })
            })
            .collect()
    }

    /// Revokes one of `person`'s live tokens, in `tx`; returns its name, or `None` when
    /// `person` holds no such live token (someone else's, unknown, or revoked already).
    pub async fn revoke(
        &self,
        tx: &mut Tx,
        person: PersonId,
        token: i64,
    ) -> Result<Option<String>, StoreError> {
        let now = self.store.now();
        Ok(on_tx!(tx, conn => sqlx::query_scalar(
            "UPDATE api_tokens SET revoked_at = $3
             WHERE id = $1 AND person_id = $2 AND revoked_at IS NULL RETURNING name")
            .bind(token)
            .bind(person.0)
            .bind(now)
            .fetch_optional(&mut *conn)
            .await)?)
    }

    /// The live token with this secret, if there is one.
    pub async fn live_token(&self, secret: &TokenSecret) -> Result<Option<LiveToken>, StoreError> {
        let row: Option<(i64, i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT id, person_id, scopes FROM api_tokens
             WHERE token_hash = $1 AND revoked_at IS NULL")
            .bind(stored_key(secret))
            .fetch_optional(pool)
            .await)?;
        row.map(|(id, person, scopes)| {
            Ok(LiveToken {
                id,
                person: PersonId(person),
                scopes: scopes_of(id, &scopes)?,
            })
        })
        .transpose()
    }

    /// Notes that a token was used now. Written at most once a minute per token, so a
    /// busy token does not write on every request.
    pub async fn mark_used(&self, token: i64) -> Result<(), StoreError> {
        let now = self.store.now();
        on_pool!(self.store, pool => sqlx::query(
            "UPDATE api_tokens SET last_used_at = $2
             WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)")
            .bind(token)
            .bind(now)
            .bind(now - 60)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Counts one request against `subject` (a token or a client address) in the fixed
    /// window of `window_seconds` that holds now, in one statement: requests at once from
    /// any number of servers are each counted. The count starts again at one in a new
    /// window.
    pub async fn count_request(
        &self,
        subject: &str,
        window_seconds: i64,
    ) -> Result<Counted, StoreError> {
        let now = self.store.now();
        let window_seconds = window_seconds.max(1);
        let window_start = now - now.rem_euclid(window_seconds);
        let requests: i64 = on_pool!(self.store, pool => sqlx::query_scalar(
            "INSERT INTO api_rate_windows (subject, window_start, requests) VALUES ($1, $2, 1)
             ON CONFLICT (subject) DO UPDATE SET
                 requests = CASE WHEN api_rate_windows.window_start = $2
                                 THEN api_rate_windows.requests + 1 ELSE 1 END,
                 window_start = $2
             RETURNING requests")
            .bind(subject)
            .bind(window_start)
            .fetch_one(pool)
            .await)?;
        Ok(Counted {
            requests,
            window_ends: window_start + window_seconds,
        })
    }

    /// Forgets windows that began `idle_seconds` or more ago; returns how many.
    pub async fn forget_request_counts(&self, idle_seconds: i64) -> Result<u64, StoreError> {
        let before = self.store.now() - idle_seconds;
        Ok(on_pool!(self.store, pool => sqlx::query(
            "DELETE FROM api_rate_windows WHERE window_start < $1")
            .bind(before)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?)
    }

    /// The keys tokens are stored under, as a copy of the database would show them.
    pub async fn stored_keys(&self) -> Result<Vec<String>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT token_hash FROM api_tokens ORDER BY id")
            .fetch_all(pool)
            .await)?)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_token_is_stored_under_the_sha256_of_its_secret() {
        let secret =
            headway_domain::api::TokenSecret::parse(&format!("hw_{}", "0".repeat(64))).unwrap();
        // printf 'hw_%064d' 0 | sha256sum
        assert_eq!(
            super::stored_key(&secret),
            "c032709c5abce926e595ce1e2fdb726bc07123207f5cf1edb70d654236a96ad0"
        );
    }
}
