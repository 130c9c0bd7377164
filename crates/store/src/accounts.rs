//! People, their roles, sign-in credentials and sign-in attempts.

use crate::{Store, StoreError, now_unix, on_pool};
use headway_domain::access::{Grant, Principal};
use headway_domain::account::Email;
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

#[derive(Debug, sqlx::FromRow)]
struct GrantRow {
    role: String,
    org_id: i64,
    subject_id: Option<i64>,
}

/// Every school at or under an organisation, through the tree.
const SCHOOLS_UNDER_ORG: &str = "
    WITH RECURSIVE tree(id) AS (
        SELECT id FROM orgs WHERE id = $1
        UNION ALL
        SELECT orgs.id FROM orgs JOIN tree ON orgs.parent_id = tree.id
    )
    SELECT schools.org_id FROM schools JOIN tree ON schools.org_id = tree.id
    ORDER BY schools.org_id";

impl Store {
    /// Adds a person who can sign in. Refuses an email already in use.
    pub async fn add_person(
        &self,
        email: &Email,
        display_name: &str,
        password_hash: &str,
    ) -> Result<PersonId, StoreError> {
        let result = on_pool!(self, pool => sqlx::query_scalar(
            "INSERT INTO people (email, display_name, password_hash, created_at)
             VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(email.as_str())
            .bind(display_name)
            .bind(password_hash)
            .bind(now_unix())
            .fetch_one(pool)
            .await);
        match result {
            Ok(id) => Ok(PersonId(id)),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(StoreError::Duplicate(
                format!("a person with email {email}"),
            )),
            Err(e) => Err(e.into()),
        }
    }

    /// Gives a person a role at an organisation (a school, or a cluster/trust/system).
    pub async fn grant_role(
        &self,
        person: PersonId,
        role: Role,
        org: OrgId,
        subject: Option<SubjectId>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO role_assignments (person_id, role, org_id, subject_id) VALUES ($1, $2, $3, $4)")
            .bind(person.0)
            .bind(role.as_str())
            .bind(org.0)
            .bind(subject.map(|s| s.0))
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn credentials_for(&self, email: &Email) -> Result<Option<Credentials>, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_as::<_, Credentials>(
            "SELECT id, display_name, password_hash, locale FROM people WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(pool)
            .await)?)
    }

    pub async fn password_hash_of(&self, person: PersonId) -> Result<Option<String>, StoreError> {
        let hash: Option<Option<String>> = on_pool!(self, pool => sqlx::query_scalar(
            "SELECT password_hash FROM people WHERE id = $1")
            .bind(person.0)
            .fetch_optional(pool)
            .await)?;
        Ok(hash.flatten())
    }

    pub async fn set_password_hash(&self, person: PersonId, hash: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("UPDATE people SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(person.0)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn set_locale(&self, person: PersonId, locale: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("UPDATE people SET locale = $1 WHERE id = $2")
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
        let name: Option<String> = on_pool!(self, pool => sqlx::query_scalar(
            "SELECT display_name FROM people WHERE id = $1")
            .bind(person.0)
            .fetch_optional(pool)
            .await)?;
        let name = name.ok_or_else(|| StoreError::NotFound(format!("person {person}")))?;
        let rows: Vec<GrantRow> = on_pool!(self, pool => sqlx::query_as(
            "SELECT role, org_id, subject_id FROM role_assignments WHERE person_id = $1 ORDER BY id")
            .bind(person.0)
            .fetch_all(pool)
            .await)?;
        let mut grants = Vec::with_capacity(rows.len());
        for row in rows {
            let role: Role =
                row.role
                    .parse()
                    .map_err(|e: headway_domain::roles::UnknownRole| {
                        StoreError::NotFound(e.to_string())
                    })?;
            let schools: Vec<i64> = on_pool!(self, pool => sqlx::query_scalar(SCHOOLS_UNDER_ORG)
                .bind(row.org_id)
                .fetch_all(pool)
                .await)?;
            grants.push(Grant {
                role,
                org: OrgId(row.org_id),
                subject: row.subject_id.map(SubjectId),
                schools: schools.into_iter().map(SchoolId).collect(),
            });
        }
        let classes: Vec<(i64, i64)> = on_pool!(self, pool => sqlx::query_as(
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

    pub async fn record_sign_in_attempt(
        &self,
        email: &Email,
        succeeded: bool,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO sign_in_attempts (email, at, succeeded) VALUES ($1, $2, $3)")
            .bind(email.as_str())
            .bind(now_unix())
            .bind(succeeded)
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Times of failed sign-ins for an email since its last success, within `window` seconds.
    pub async fn recent_sign_in_failures(
        &self,
        email: &Email,
        window: i64,
    ) -> Result<Vec<i64>, StoreError> {
        let since = now_unix() - window;
        Ok(on_pool!(self, pool => sqlx::query_scalar(
            "SELECT at FROM sign_in_attempts
             WHERE email = $1 AND at >= $2 AND NOT succeeded
               AND at > COALESCE((SELECT MAX(at) FROM sign_in_attempts
                                  WHERE email = $1 AND succeeded), -1)
             ORDER BY at")
            .bind(email.as_str())
            .bind(since)
            .fetch_all(pool)
            .await)?)
    }
}
