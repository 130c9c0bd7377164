//! Heads coaching heads and heads' learning communities: a cluster's pairs with their
//! goals and sessions, its communities with members, meetings and a shared inquiry. Who
//! reads what is `domain::heads`'s and `app::heads`'s; this module stores. Counting a
//! pair's sessions is its own query, so the cluster lead's list never loads a note.

use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::ids::{OrgId, PersonId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PairId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CommunityId(pub i64);

/// A stored pair with its two heads' names and its sessions counted.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Pair {
    pub id: i64,
    pub cluster_id: i64,
    pub coach_id: i64,
    pub coach_name: String,
    pub coachee_id: i64,
    pub coachee_name: String,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub sessions: i64,
}

impl Pair {
    pub fn pair_id(&self) -> PairId {
        PairId(self.id)
    }
}

const PAIR_SELECT: &str = "SELECT p.id, p.cluster_id, p.coach_id, c.display_name AS coach_name,
        p.coachee_id, e.display_name AS coachee_name, p.started_on, p.ended_on,
        (SELECT COUNT(*) FROM head_pair_sessions s WHERE s.pair_id = p.id) AS sessions
     FROM head_pairs p
     JOIN people c ON c.id = p.coach_id
     JOIN people e ON e.id = p.coachee_id";

/// A pair's goal: the heads' own words, or a focus the coachee brought from their 360
/// (`practice` holds its dimension's key).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Goal {
    pub id: i64,
    pub text: String,
    pub practice: Option<String>,
    pub set_on: String,
    pub set_by: i64,
}

/// One session: its date, the notes (private to the pair), the outcomes agreed, and how
/// the outcomes agreed last time went.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Session {
    pub id: i64,
    pub held_on: String,
    pub notes: String,
    pub outcomes: String,
    pub last_reviewed: String,
    pub written_by: i64,
    pub writer_name: String,
}

/// A session as written (checked by `app::heads`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub held_on: String,
    pub notes: String,
    pub outcomes: String,
    pub last_reviewed: String,
}

/// A stored community.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Community {
    pub id: i64,
    pub cluster_id: i64,
    pub name: String,
    pub question: String,
    pub tried: String,
    pub findings: String,
    pub started_on: String,
}

impl Community {
    pub fn community_id(&self) -> CommunityId {
        CommunityId(self.id)
    }
}

/// A community as started (checked by `app::heads`).
#[derive(Debug, Clone, Copy)]
pub struct NewCommunity<'a> {
    pub cluster: OrgId,
    pub name: &'a str,
    pub question: &'a str,
    pub members: &'a [PersonId],
    pub started_on: &'a str,
    pub by: PersonId,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Meeting {
    pub id: i64,
    pub held_on: String,
    pub notes: String,
    pub writer_name: String,
}

#[derive(Clone, Copy)]
pub struct Heads<'a> {
    store: &'a Store,
}

impl Store {
    pub fn heads(&self) -> Heads<'_> {
        Heads { store: self }
    }
}

impl Heads<'_> {
    // ---- pairs -----------------------------------------------------------------------

    pub async fn pair(&self, id: PairId) -> Result<Option<Pair>, StoreError> {
        let sql = format!("{PAIR_SELECT} WHERE p.id = $1");
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, Pair>(sqlx::AssertSqlSafe(sql))
            .bind(id.0).fetch_optional(pool).await)?,
        )
    }

    /// A cluster's pairs, current ones first, newest first.
    pub async fn pairs(&self, cluster: OrgId) -> Result<Vec<Pair>, StoreError> {
        let sql = format!(
            "{PAIR_SELECT} WHERE p.cluster_id = $1
             ORDER BY CASE WHEN p.ended_on IS NULL THEN 0 ELSE 1 END, p.started_on DESC, p.id DESC"
        );
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, Pair>(sqlx::AssertSqlSafe(sql))
            .bind(cluster.0).fetch_all(pool).await)?,
        )
    }

    pub async fn start_pair(
        &self,
        tx: &mut Tx,
        cluster: OrgId,
        coach: PersonId,
        coachee: PersonId,
        started_on: &str,
        by: PersonId,
    ) -> Result<PairId, StoreError> {
        let at = self.store.now();
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO head_pairs (cluster_id, coach_id, coachee_id, started_on, created_by,
                created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(cluster.0).bind(coach.0).bind(coachee.0).bind(started_on).bind(by.0).bind(at)
            .fetch_one(&mut *conn).await)?;
        Ok(PairId(id))
    }

    /// Ends a current pair: `false` if it had already ended.
    pub async fn end_pair(&self, tx: &mut Tx, pair: PairId, on: &str) -> Result<bool, StoreError> {
        let changed = on_tx!(tx, conn => sqlx::query(
            "UPDATE head_pairs SET ended_on = $1 WHERE id = $2 AND ended_on IS NULL")
            .bind(on).bind(pair.0).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(changed == 1)
    }

    pub async fn goals(&self, pair: PairId) -> Result<Vec<Goal>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Goal>(
            "SELECT id, text, practice, set_on, set_by FROM head_pair_goals
             WHERE pair_id = $1 ORDER BY set_on, id")
            .bind(pair.0).fetch_all(pool).await)?)
    }

    pub async fn add_goal(
        &self,
        tx: &mut Tx,
        pair: PairId,
        text: &str,
        practice: Option<&str>,
        set_on: &str,
        by: PersonId,
    ) -> Result<i64, StoreError> {
        let at = self.store.now();
        Ok(on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO head_pair_goals (pair_id, text, practice, set_on, set_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(pair.0).bind(text).bind(practice).bind(set_on).bind(by.0).bind(at)
            .fetch_one(&mut *conn).await)?)
    }

    /// A pair's sessions, oldest first.
    pub async fn sessions(&self, pair: PairId) -> Result<Vec<Session>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Session>(
            "SELECT s.id, s.held_on, s.notes, s.outcomes, s.last_reviewed, s.written_by,
                    p.display_name AS writer_name
             FROM head_pair_sessions s JOIN people p ON p.id = s.written_by
             WHERE s.pair_id = $1 ORDER BY s.held_on, s.id")
            .bind(pair.0).fetch_all(pool).await)?)
    }

    pub async fn add_session(
        &self,
        tx: &mut Tx,
        pair: PairId,
        session: &NewSession,
        by: PersonId,
    ) -> Result<i64, StoreError> {
        let at = self.store.now();
        Ok(on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO head_pair_sessions (pair_id, held_on, notes, outcomes, last_reviewed,
                written_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
            .bind(pair.0).bind(&session.held_on).bind(&session.notes).bind(&session.outcomes)
            .bind(&session.last_reviewed).bind(by.0).bind(at)
            .fetch_one(&mut *conn).await)?)
    }

    // ---- communities -----------------------------------------------------------------

    pub async fn community(&self, id: CommunityId) -> Result<Option<Community>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Community>(
            "SELECT id, cluster_id, name, question, tried, findings, started_on
             FROM heads_communities WHERE id = $1")
            .bind(id.0).fetch_optional(pool).await)?)
    }

    pub async fn communities(&self, cluster: OrgId) -> Result<Vec<Community>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Community>(
            "SELECT id, cluster_id, name, question, tried, findings, started_on
             FROM heads_communities WHERE cluster_id = $1 ORDER BY started_on DESC, id DESC")
            .bind(cluster.0).fetch_all(pool).await)?)
    }

    /// A community's members with their names, by name.
    pub async fn members(&self, id: CommunityId) -> Result<Vec<(PersonId, String)>, StoreError> {
        let rows: Vec<(i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT m.person_id, p.display_name FROM heads_community_members m
             JOIN people p ON p.id = m.person_id
             WHERE m.community_id = $1 ORDER BY p.display_name, p.id")
            .bind(id.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, name)| (PersonId(id), name))
            .collect())
    }

    pub async fn start_community(
        &self,
        tx: &mut Tx,
        new: &NewCommunity<'_>,
    ) -> Result<CommunityId, StoreError> {
        let NewCommunity {
            cluster,
            name,
            question,
            members,
            started_on,
            by,
        } = *new;
        let at = self.store.now();
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO heads_communities (cluster_id, name, question, started_on, started_by,
                created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id")
            .bind(cluster.0).bind(name).bind(question).bind(started_on).bind(by.0).bind(at)
            .fetch_one(&mut *conn).await)?;
        for person in members {
            on_tx!(tx, conn => sqlx::query(
                "INSERT INTO heads_community_members (community_id, person_id) VALUES ($1, $2)
                 ON CONFLICT (community_id, person_id) DO NOTHING")
                .bind(id).bind(person.0).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        }
        Ok(CommunityId(id))
    }

    /// Writes the inquiry: its question, what the members tried, and their findings.
    pub async fn write_inquiry(
        &self,
        tx: &mut Tx,
        id: CommunityId,
        question: &str,
        tried: &str,
        findings: &str,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE heads_communities SET question = $1, tried = $2, findings = $3 WHERE id = $4")
            .bind(question).bind(tried).bind(findings).bind(id.0)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// A community's meetings, oldest first.
    pub async fn meetings(&self, id: CommunityId) -> Result<Vec<Meeting>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Meeting>(
            "SELECT m.id, m.held_on, m.notes, p.display_name AS writer_name
             FROM heads_community_meetings m JOIN people p ON p.id = m.written_by
             WHERE m.community_id = $1 ORDER BY m.held_on, m.id")
            .bind(id.0).fetch_all(pool).await)?)
    }

    pub async fn add_meeting(
        &self,
        tx: &mut Tx,
        id: CommunityId,
        held_on: &str,
        notes: &str,
        by: PersonId,
    ) -> Result<i64, StoreError> {
        let at = self.store.now();
        Ok(on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO heads_community_meetings (community_id, held_on, notes, written_by,
                created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(id.0).bind(held_on).bind(notes).bind(by.0).bind(at)
            .fetch_one(&mut *conn).await)?)
    }

    /// The heads of a cluster's schools: (person, name, school id, school name).
    pub async fn cluster_heads(
        &self,
        cluster: OrgId,
    ) -> Result<Vec<(PersonId, String, i64, String)>, StoreError> {
        let rows: Vec<(i64, String, i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "WITH RECURSIVE tree(id) AS (
                 SELECT id FROM orgs WHERE id = $1
                 UNION ALL
                 SELECT orgs.id FROM orgs JOIN tree ON orgs.parent_id = tree.id)
             SELECT p.id, p.display_name, o.id, o.name
             FROM role_assignments r
             JOIN people p ON p.id = r.person_id
             JOIN orgs o ON o.id = r.org_id
             JOIN schools s ON s.org_id = o.id
             JOIN tree ON tree.id = o.id
             WHERE r.role = 'head'
             ORDER BY o.name, p.display_name, p.id")
            .bind(cluster.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(p, name, s, school)| (PersonId(p), name, s, school))
            .collect())
    }
}
