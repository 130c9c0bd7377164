//! Accounts: people, their roles, sign-in credentials and sign-in attempts.
//!
//! `store.accounts()` is the view. The writes a use case combines with others (adding a
//! person and their role, a new password with the end of other sessions and its audit
//! line) take the transaction they run in; a sign-in attempt is counted in a transaction
//! of its own, as one step that must not wait for anything else.

use crate::error::Record;
use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::access::{Grant, Principal};
use headway_domain::account::{Email, SignInThrottle, ThrottledBy};
use headway_domain::ids::{ClassId, OrgId, PersonId, SchoolId, SubjectId};
use headway_domain::roles::Role;

/// What sign-in needs to check a password.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Credentials {
    pub id: i64,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub locale: Option<String>,
}

/// One of a person's grants, with what the page needs to resolve it to schools without
/// walking the tree: whether its organisation is a school, and whether anything hangs under
/// it.
#[derive(Debug, sqlx::FromRow)]
struct GrantRow {
    display_name: String,
    /// `None` (and so the rest) for a person with no grant.
    role: Option<String>,
    org_id: Option<i64>,
    subject_id: Option<i64>,
    is_school: Option<bool>,
    has_children: Option<bool>,
}

/// Every school under an organisation (itself excluded), through the tree.
const SCHOOLS_UNDER_ORG: &str = "
    WITH RECURSIVE tree(id) AS (
        SELECT id FROM orgs WHERE parent_id = $1
        UNION ALL
        SELECT orgs.id FROM orgs JOIN tree ON orgs.parent_id = tree.id
    )
    SELECT schools.org_id FROM schools JOIN tree ON schools.org_id = tree.id
    ORDER BY schools.org_id";

/// The same for PostgreSQL, whose prepared statement's generic plan made each step a hash
/// join over every organisation and the last one over every school (about a millisecond
/// on a tenth of the nation, growing with it): here each step looks up the children found
/// so far by index (`OFFSET 0` keeps the planner from flattening the lateral subqueries
/// back into that join). SQLite has no `LATERAL` and walks the index anyway.
const SCHOOLS_UNDER_ORG_POSTGRES: &str = "
    WITH RECURSIVE tree(id) AS (
        SELECT child.id FROM (SELECT orgs.id FROM orgs WHERE orgs.parent_id = $1 OFFSET 0) child
        UNION ALL
        SELECT child.id FROM tree
        CROSS JOIN LATERAL (SELECT orgs.id FROM orgs WHERE orgs.parent_id = tree.id OFFSET 0) child
    )
    SELECT s.org_id FROM tree
    CROSS JOIN LATERAL (SELECT schools.org_id FROM schools WHERE schools.org_id = tree.id OFFSET 0) s
    ORDER BY s.org_id";

/// The accounts' view of the store.
#[derive(Clone, Copy)]
pub struct Accounts<'a> {
    store: &'a Store,
}

impl Store {
    pub fn accounts(&self) -> Accounts<'_> {
        Accounts { store: self }
    }
}

impl Accounts<'_> {
    /// Adds a person who can sign in, in `tx`. Refuses an email already in use.
    pub async fn add_person(
        &self,
        tx: &mut Tx,
        email: &Email,
        display_name: &str,
        password_hash: &str,
    ) -> Result<PersonId, StoreError> {
        let now = self.store.now();
        let result = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO people (email, display_name, password_hash, created_at)
             VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(email.as_str())
            .bind(display_name)
            .bind(password_hash)
            .bind(now)
            .fetch_one(&mut *conn)
            .await);
        match result {
            Ok(id) => Ok(PersonId(id)),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(StoreError::Duplicate {
                    what: Record::Person,
                    key: email.to_string(),
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Gives a person a role at an organisation (a school, or a cluster/trust/system), in
    /// `tx`. Refuses a person, organisation or subject that does not exist, and a role the
    /// person holds there already.
    pub async fn grant_role(
        &self,
        tx: &mut Tx,
        person: PersonId,
        role: Role,
        org: OrgId,
        subject: Option<SubjectId>,
    ) -> Result<(), StoreError> {
        // Which of the two is missing, asked first: after a failed statement PostgreSQL
        // accepts nothing more in the transaction.
        let (person_held, org_held): (bool, bool) = on_tx!(tx, conn => sqlx::query_as(
            "SELECT EXISTS (SELECT 1 FROM people WHERE id = $1), EXISTS (SELECT 1 FROM orgs WHERE id = $2)")
            .bind(person.0)
            .bind(org.0)
            .fetch_one(&mut *conn)
            .await)?;
        if !person_held {
            return Err(StoreError::not_found(Record::Person, person.0));
        }
        if !org_held {
            return Err(StoreError::not_found(Record::Organisation, org.0));
        }
        if let Some(subject) = subject {
            let subject_held: bool = on_tx!(tx, conn => sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM subjects WHERE id = $1)")
                .bind(subject.0)
                .fetch_one(&mut *conn)
                .await)?;
            if !subject_held {
                return Err(StoreError::not_found(Record::Subject, subject.0));
            }
        }
        // The table's unique key treats every missing subject as different: ask instead.
        let held: bool = on_tx!(tx, conn => sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM role_assignments WHERE person_id = $1 AND role = $2
                 AND org_id = $3 AND subject_id IS NOT DISTINCT FROM $4)")
            .bind(person.0)
            .bind(role.as_str())
            .bind(org.0)
            .bind(subject.map(|s| s.0))
            .fetch_one(&mut *conn)
            .await)?;
        if held {
            return Err(StoreError::Duplicate {
                what: Record::Role,
                key: format!("{role} at {org}"),
            });
        }
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO role_assignments (person_id, role, org_id, subject_id) VALUES ($1, $2, $3, $4)")
            .bind(person.0)
            .bind(role.as_str())
            .bind(org.0)
            .bind(subject.map(|s| s.0))
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn credentials_for(&self, email: &Email) -> Result<Option<Credentials>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, Credentials>(
            "SELECT id, display_name, password_hash, locale FROM people WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(pool)
            .await)?,
        )
    }

    /// A person's password hash and email address, for changing their password; `None`
    /// for a person without a usable email (who cannot sign in).
    pub async fn sign_in_details_of(
        &self,
        person: PersonId,
    ) -> Result<Option<(Option<String>, Email)>, StoreError> {
        let row: Option<(Option<String>, Option<String>)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT password_hash, email FROM people WHERE id = $1")
            .bind(person.0)
            .fetch_optional(pool)
            .await)?;
        Ok(row.and_then(|(hash, email)| {
            let email = Email::parse(email.as_deref()?).ok()?;
            Some((hash, email))
        }))
    }

    /// Replaces a person's password hash in `tx` (a use case ends their other sessions and
    /// records the change in the same commit).
    pub async fn set_password_hash(
        &self,
        tx: &mut Tx,
        person: PersonId,
        hash: &str,
    ) -> Result<(), StoreError> {
        let changed = on_tx!(tx, conn => sqlx::query("UPDATE people SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(person.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::not_found(Record::Person, person.0));
        }
        Ok(())
    }

    pub async fn set_locale(&self, person: PersonId, locale: &str) -> Result<(), StoreError> {
        on_pool!(self.store, pool => sqlx::query("UPDATE people SET locale = $1 WHERE id = $2")
            .bind(locale)
            .bind(person.0)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Loads who a person is for the access policy: their grants, each resolved to the
    /// schools it covers, and the classes they teach.
    pub async fn principal(&self, person: PersonId) -> Result<Principal, StoreError> {
        // The person's name with every grant, in one query (a page asks on every request).
        // A grant at a school with nothing under it (the usual case: every head, teacher and
        // governor) covers that school, known from this query; only a grant over a cluster,
        // trust or system walks the tree.
        let rows: Vec<GrantRow> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT p.display_name, ra.role, ra.org_id, ra.subject_id,
                    EXISTS (SELECT 1 FROM schools WHERE schools.org_id = ra.org_id) AS is_school,
                    EXISTS (SELECT 1 FROM orgs WHERE orgs.parent_id = ra.org_id) AS has_children
             FROM people p LEFT JOIN role_assignments ra ON ra.person_id = p.id
             WHERE p.id = $1 ORDER BY ra.id")
            .bind(person.0)
            .fetch_all(pool)
            .await)?;
        let name = rows
            .first()
            .map(|row| row.display_name.clone())
            .ok_or_else(|| StoreError::not_found(Record::Person, person.0))?;
        let mut grants = Vec::with_capacity(rows.len());
        for row in rows {
            let (Some(role), Some(org_id)) = (row.role, row.org_id) else {
                continue;
            };
            let role: Role = role
                .parse()
                .map_err(|e: headway_domain::roles::UnknownRole| {
                    StoreError::Corrupt(format!("a role of person {person}: {e}"))
                })?;
            let mut schools: Vec<SchoolId> = Vec::new();
            if row.is_school == Some(true) {
                schools.push(SchoolId(org_id));
            }
            if row.has_children == Some(true) {
                let under: Vec<i64> = match &self.store.pool {
                    crate::Pool::Sqlite(pool) => {
                        sqlx::query_scalar(SCHOOLS_UNDER_ORG)
                            .bind(org_id)
                            .fetch_all(pool)
                            .await?
                    }
                    crate::Pool::Postgres(pool) => {
                        sqlx::query_scalar(SCHOOLS_UNDER_ORG_POSTGRES)
                            .bind(org_id)
                            .fetch_all(pool)
                            .await?
                    }
                };
                schools.extend(under.into_iter().map(SchoolId));
                schools.sort_unstable();
            }
            grants.push(Grant {
                role,
                org: OrgId(org_id),
                subject: row.subject_id.map(SubjectId),
                schools,
            });
        }
        let classes: Vec<(i64, i64)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT classes.school_id, classes.id FROM class_teachers
             JOIN classes ON classes.id = class_teachers.class_id
             WHERE class_teachers.person_id = $1 ORDER BY classes.id")
            .bind(person.0)
            .fetch_all(pool)
            .await)?;
        Ok(Principal {
            person,
            name,
            grants,
            taught_classes: classes
                .into_iter()
                .map(|(s, c)| (SchoolId(s), ClassId(c)))
                .collect(),
        })
    }

    /// Counts a sign-in attempt against the account (the email tried) and the client
    /// address before its password is checked, and says whether the password may be
    /// checked now or how many seconds the attempt must wait. Both counts move in one
    /// transaction and only if neither must wait, so attempts sent at once are counted one
    /// after another: no more than the free ones reach the password check.
    pub async fn count_sign_in_attempt(
        &self,
        email: &Email,
        address: &str,
        throttle: &SignInThrottle,
    ) -> Result<SignInAttempt, StoreError> {
        let now = self.store.now();
        let subjects = [
            (ThrottledBy::Account, email.as_str()),
            (ThrottledBy::Address, address),
        ];
        let forgotten_before = now - throttle.forget_after_seconds;
        Ok(on_pool!(self.store, pool => {
            let mut tx = pool.begin().await?;
            let mut outcome = SignInAttempt::Check;
            for (by, subject) in subjects {
                // Counted only when no wait is running; a row idle past the forget time
                // starts again at one.
                let attempts: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO sign_in_throttle (counted_by, subject, attempts, last_at, next_at)
                     VALUES ($1, $2, 1, $3, $3)
                     ON CONFLICT (counted_by, subject) DO UPDATE SET
                         attempts = CASE WHEN sign_in_throttle.last_at < $4 THEN 1
                                         ELSE sign_in_throttle.attempts + 1 END,
                         last_at = $3
                     WHERE sign_in_throttle.next_at <= $3
                     RETURNING attempts")
                    .bind(by.as_str())
                    .bind(subject)
                    .bind(now)
                    .bind(forgotten_before)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(attempts) = attempts else {
                    let next_at: i64 = sqlx::query_scalar(
                        "SELECT next_at FROM sign_in_throttle WHERE counted_by = $1 AND subject = $2")
                        .bind(by.as_str())
                        .bind(subject)
                        .fetch_one(&mut *tx)
                        .await?;
                    outcome = SignInAttempt::Wait { seconds: (next_at - now).max(1), by };
                    break;
                };
                let attempts = u32::try_from(attempts).unwrap_or(u32::MAX);
                sqlx::query(
                    "UPDATE sign_in_throttle SET next_at = $3 WHERE counted_by = $1 AND subject = $2")
                    .bind(by.as_str())
                    .bind(subject)
                    .bind(now + throttle.wait_after(by, attempts))
                    .execute(&mut *tx)
                    .await?;
            }
            if matches!(outcome, SignInAttempt::Check) {
                tx.commit().await?;
            } else {
                tx.rollback().await?;
            }
            outcome
        }))
    }

    /// A correct password: the account's count starts again, and the address gets back the
    /// attempt counted for it (so a school's staff signing in from one address never use up
    /// its free attempts).
    pub async fn sign_in_succeeded(&self, email: &Email, address: &str) -> Result<(), StoreError> {
        on_pool!(self.store, pool => {
            let mut tx = pool.begin().await?;
            sqlx::query("DELETE FROM sign_in_throttle WHERE counted_by = 'account' AND subject = $1")
                .bind(email.as_str())
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE sign_in_throttle SET attempts = attempts - 1
                 WHERE counted_by = 'address' AND subject = $1 AND attempts > 0")
                .bind(address)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        });
        Ok(())
    }

    /// How many attempts are counted against an account or address now (0 when none).
    pub async fn sign_in_attempts_counted(
        &self,
        by: ThrottledBy,
        subject: &str,
    ) -> Result<u32, StoreError> {
        let attempts: Option<i64> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT attempts FROM sign_in_throttle WHERE counted_by = $1 AND subject = $2")
            .bind(by.as_str())
            .bind(subject)
            .fetch_optional(pool)
            .await)?;
        Ok(attempts.map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)))
    }

    /// Forgets counts idle for `idle_seconds` or more by the store's clock; returns how many.
    pub async fn forget_sign_in_attempts(&self, idle_seconds: i64) -> Result<u64, StoreError> {
        let before = self.store.now() - idle_seconds;
        Ok(
            on_pool!(self.store, pool => sqlx::query("DELETE FROM sign_in_throttle WHERE last_at < $1")
            .bind(before)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?,
        )
    }
}

/// Whether a sign-in attempt's password may be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInAttempt {
    Check,
    /// Too many attempts in a row at the account or from the address.
    Wait {
        seconds: i64,
        by: ThrottledBy,
    },
}
