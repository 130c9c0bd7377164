//! The staff advice network: a school's rounds of the question "who do you go to for
//! advice about …?", who answered, and their nominations by topic.
//!
//! `store.advice_network()` is the capability's view; its writing methods take the use
//! case's transaction. It stores what was said and who may be named (the school's staff);
//! it decides nothing about who may read it.

use crate::{Store, StoreError, Tx, on_pool, on_tx};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::network::Topic;

/// A round's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct AdviceRoundId(pub i64);

/// A round of the question in a school.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AdviceRound {
    pub id: i64,
    pub school_id: i64,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
    /// Whether the school's setting gave the head names when the round opened (what the
    /// round's notice told staff before they answered).
    pub names_to_head: bool,
}

impl AdviceRound {
    pub fn is_open(&self) -> bool {
        self.closed_at.is_none()
    }
}

/// One role a person holds in the school, with the name of its subject (their department)
/// if it has one.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StaffRole {
    pub person_id: i64,
    pub display_name: String,
    pub role: String,
    pub department: Option<String>,
}

#[derive(sqlx::FromRow)]
struct NominationRow {
    topic: String,
    source_id: i64,
    target_id: i64,
}

/// A nomination as stored: on a topic, one person names another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Nomination {
    pub topic: Topic,
    pub source: PersonId,
    pub target: PersonId,
}

#[derive(Clone, Copy)]
pub struct AdviceNetwork<'a> {
    store: &'a Store,
}

impl Store {
    pub fn advice_network(&self) -> AdviceNetwork<'_> {
        AdviceNetwork { store: self }
    }
}

const ROUND: &str = "SELECT id, school_id, opened_at, closed_at, names_to_head FROM advice_rounds";

impl AdviceNetwork<'_> {
    /// Opens a round in `school`, keeping whether the school's setting gives the head names.
    pub async fn open_round(
        &self,
        tx: &mut Tx,
        school: SchoolId,
        opened_by: PersonId,
        names_to_head: bool,
    ) -> Result<AdviceRoundId, StoreError> {
        let now = self.store.now();
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO advice_rounds (school_id, opened_by, opened_at, names_to_head) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(school.0)
            .bind(opened_by.0)
            .bind(now)
            .bind(names_to_head)
            .fetch_one(&mut *conn)
            .await)?;
        Ok(AdviceRoundId(id))
    }

    /// The school's setting: whether the head reads names in rounds opened from now on
    /// (off unless the head has turned it on).
    pub async fn names_to_head(&self, school: SchoolId) -> Result<bool, StoreError> {
        let stored: Option<bool> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT names_to_head FROM advice_network_settings WHERE school_id = $1")
            .bind(school.0)
            .fetch_optional(pool)
            .await)?;
        Ok(stored.unwrap_or(false))
    }

    /// Changes the school's setting (the round already open keeps what it was opened with).
    pub async fn set_names_to_head(
        &self,
        tx: &mut Tx,
        school: SchoolId,
        names_to_head: bool,
        by: PersonId,
    ) -> Result<(), StoreError> {
        let at = self.store.now();
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO advice_network_settings (school_id, names_to_head, changed_at, changed_by)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (school_id) DO UPDATE
             SET names_to_head = excluded.names_to_head, changed_at = excluded.changed_at,
                 changed_by = excluded.changed_by")
            .bind(school.0)
            .bind(names_to_head)
            .bind(at)
            .bind(by.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Closes a round; `false` if it was closed already.
    pub async fn close_round(&self, tx: &mut Tx, round: AdviceRoundId) -> Result<bool, StoreError> {
        let now = self.store.now();
        let changed = on_tx!(tx, conn => sqlx::query(
            "UPDATE advice_rounds SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL")
            .bind(now)
            .bind(round.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(changed > 0)
    }

    /// Moves a round's dates (the demo sets its round in the past).
    pub async fn set_round_dates(
        &self,
        tx: &mut Tx,
        round: AdviceRoundId,
        opened_at: i64,
        closed_at: Option<i64>,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE advice_rounds SET opened_at = $1, closed_at = $2 WHERE id = $3")
            .bind(opened_at)
            .bind(closed_at)
            .bind(round.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn round(&self, round: AdviceRoundId) -> Result<Option<AdviceRound>, StoreError> {
        let sql = format!("{ROUND} WHERE id = $1");
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, AdviceRound>(sqlx::AssertSqlSafe(sql))
            .bind(round.0)
            .fetch_optional(pool)
            .await)?,
        )
    }

    /// The school's rounds, newest first.
    pub async fn rounds(&self, school: SchoolId) -> Result<Vec<AdviceRound>, StoreError> {
        let sql = format!("{ROUND} WHERE school_id = $1 ORDER BY opened_at DESC, id DESC");
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, AdviceRound>(sqlx::AssertSqlSafe(sql))
            .bind(school.0)
            .fetch_all(pool)
            .await)?,
        )
    }

    /// Every role held in the school, with its department, in name order: the roster the
    /// question is answered against (the use case keeps the staff roles).
    pub async fn roles_in(&self, school: SchoolId) -> Result<Vec<StaffRole>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, StaffRole>(
            "SELECT p.id AS person_id, p.display_name, ra.role, s.name AS department
             FROM role_assignments ra
             JOIN people p ON p.id = ra.person_id
             LEFT JOIN subjects s ON s.id = ra.subject_id
             WHERE ra.org_id = $1
             ORDER BY p.display_name, p.id, ra.role")
            .bind(school.0)
            .fetch_all(pool)
            .await)?)
    }

    /// Replaces `person`'s answer in `round`: they count as having answered, with these
    /// nominations (none is an answer too: "nobody").
    pub async fn save_answer(
        &self,
        tx: &mut Tx,
        round: AdviceRoundId,
        person: PersonId,
        nominations: &[(Topic, PersonId)],
    ) -> Result<(), StoreError> {
        let now = self.store.now();
        let mut nominations = nominations.to_vec();
        nominations.sort_unstable_by_key(|(topic, target)| (*topic, target.0));
        nominations.dedup();
        on_tx!(tx, conn => {
            sqlx::query("DELETE FROM advice_nominations WHERE round_id = $1 AND source_id = $2")
                .bind(round.0).bind(person.0).execute(&mut *conn).await?;
            sqlx::query("DELETE FROM advice_respondents WHERE round_id = $1 AND person_id = $2")
                .bind(round.0).bind(person.0).execute(&mut *conn).await?;
            sqlx::query("INSERT INTO advice_respondents (round_id, person_id, answered_at) VALUES ($1, $2, $3)")
                .bind(round.0).bind(person.0).bind(now).execute(&mut *conn).await?;
            for (topic, target) in &nominations {
                sqlx::query("INSERT INTO advice_nominations (round_id, topic, source_id, target_id) VALUES ($1, $2, $3, $4)")
                    .bind(round.0).bind(topic.as_str()).bind(person.0).bind(target.0)
                    .execute(&mut *conn).await?;
            }
        });
        Ok(())
    }

    /// Who has answered the round.
    pub async fn respondents(&self, round: AdviceRoundId) -> Result<Vec<PersonId>, StoreError> {
        let ids: Vec<i64> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT person_id FROM advice_respondents WHERE round_id = $1 ORDER BY person_id")
            .bind(round.0)
            .fetch_all(pool)
            .await)?;
        Ok(ids.into_iter().map(PersonId).collect())
    }

    /// Every nomination of the round.
    pub async fn nominations(&self, round: AdviceRoundId) -> Result<Vec<Nomination>, StoreError> {
        let rows: Vec<NominationRow> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT topic, source_id, target_id FROM advice_nominations WHERE round_id = $1
             ORDER BY topic, source_id, target_id")
            .bind(round.0)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(nomination).collect()
    }

    /// One person's nominations in the round (what they see when they come back).
    pub async fn nominations_by(
        &self,
        round: AdviceRoundId,
        person: PersonId,
    ) -> Result<Vec<Nomination>, StoreError> {
        let rows: Vec<NominationRow> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT topic, source_id, target_id FROM advice_nominations
             WHERE round_id = $1 AND source_id = $2 ORDER BY topic, target_id")
            .bind(round.0)
            .bind(person.0)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(nomination).collect()
    }
}

fn nomination(row: NominationRow) -> Result<Nomination, StoreError> {
    Ok(Nomination {
        topic: row
            .topic
            .parse()
            .map_err(|e: headway_domain::network::UnknownTopic| {
                StoreError::Corrupt(e.to_string())
            })?,
        source: PersonId(row.source_id),
        target: PersonId(row.target_id),
    })
}
