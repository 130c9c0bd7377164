//! Peer review between schools: a cluster's review cycles, each review of one school with
//! its team, the dated snapshot of the figures the school shared, lines of enquiry with
//! their evidence, findings, the improvement workshop, follow-up actions and reviewers'
//! training. Who may read or write what is `domain::review`'s and `app::review`'s; this
//! module stores and reads back.

use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::review::{FigureKind, SharedFigure, Stage, Suggestion};
use headway_domain::roles::Role;

use crate::planning::ActionId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CycleId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReviewId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EnquiryId(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FollowUpId(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Cycle {
    pub id: i64,
    pub cluster_id: i64,
    pub name: String,
    pub opened_on: String,
}

/// A review as the cluster's list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewLine {
    pub id: ReviewId,
    pub cycle: CycleId,
    pub school: SchoolId,
    pub school_name: String,
    pub stage: Stage,
    pub released: bool,
    pub team: Vec<PersonId>,
}

/// One review with its scalar parts and its team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub id: ReviewId,
    pub cycle: Cycle,
    pub school: SchoolId,
    pub school_name: String,
    pub stage: Stage,
    pub self_review: String,
    pub shared_on: Option<String>,
    pub visit_on: Option<String>,
    pub workshop_on: Option<String>,
    pub workshop_notes: String,
    pub released_on: Option<String>,
    /// (person, name), by name.
    pub team: Vec<(PersonId, String)>,
}

#[derive(sqlx::FromRow)]
struct ReviewRow {
    id: i64,
    cycle_id: i64,
    school_id: i64,
    school_name: String,
    stage: String,
    self_review: String,
    shared_on: Option<String>,
    visit_on: Option<String>,
    workshop_on: Option<String>,
    workshop_notes: String,
    released_on: Option<String>,
}

fn stage(text: &str) -> Result<Stage, StoreError> {
    Stage::parse(text).ok_or_else(|| StoreError::Corrupt(format!("review stage '{text}'")))
}

/// A line of enquiry with the evidence gathered under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enquiry {
    pub id: EnquiryId,
    pub text: String,
    /// Headway's suggestion the team accepted it from; `None` for the team's own.
    pub suggested_from: Option<Suggestion>,
    /// (note, writer's name), oldest first.
    pub evidence: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    Strength,
    Explore,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::Strength => "strength",
            FindingKind::Explore => "explore",
        }
    }

    pub fn parse(text: &str) -> Option<FindingKind> {
        [FindingKind::Strength, FindingKind::Explore]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub id: FollowUpId,
    pub text: String,
    /// The plan action it became, if the head added it to the plan.
    pub plan_action: Option<ActionId>,
}

/// A leader of a cluster school, for naming review teams and the training record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClusterLeader {
    pub person: PersonId,
    pub name: String,
    pub school: SchoolId,
    pub school_name: String,
    /// Their most senior role at the school: head, senior or middle leader.
    pub role: Role,
    pub trained_on: Option<String>,
    /// Reviews of this cluster's cycles the leader has been on.
    pub reviews: i64,
}

#[derive(Clone, Copy)]
pub struct Reviews<'a> {
    store: &'a Store,
}

impl Store {
    pub fn reviews(&self) -> Reviews<'_> {
        Reviews { store: self }
    }
}

const REVIEW_SELECT: &str = "SELECT r.id, r.cycle_id, r.school_id, o.name AS school_name, r.stage,
        r.self_review, r.shared_on, r.visit_on, r.workshop_on, r.workshop_notes, r.released_on
     FROM reviews r JOIN orgs o ON o.id = r.school_id";

impl Reviews<'_> {
    // ---- reading ---------------------------------------------------------------------

    /// A cluster's cycles, newest first.
    pub async fn cycles(&self, cluster: OrgId) -> Result<Vec<Cycle>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Cycle>(
            "SELECT id, cluster_id, name, opened_on FROM review_cycles WHERE cluster_id = $1
             ORDER BY opened_on DESC, id DESC")
            .bind(cluster.0).fetch_all(pool).await)?)
    }

    pub async fn cycle(&self, id: CycleId) -> Result<Option<Cycle>, StoreError> {
        Ok(on_pool!(self.store, pool => sqlx::query_as::<_, Cycle>(
            "SELECT id, cluster_id, name, opened_on FROM review_cycles WHERE id = $1")
            .bind(id.0).fetch_optional(pool).await)?)
    }

    async fn team_of(&self, review: ReviewId) -> Result<Vec<(PersonId, String)>, StoreError> {
        let rows: Vec<(i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT p.id, p.display_name FROM review_team t JOIN people p ON p.id = t.person_id
             WHERE t.review_id = $1 ORDER BY p.display_name, p.id")
            .bind(review.0).fetch_all(pool).await)?;
        Ok(rows.into_iter().map(|(id, n)| (PersonId(id), n)).collect())
    }

    /// The reviews of a cluster's cycles, by cycle (newest first) and school name.
    pub async fn in_cluster(&self, cluster: OrgId) -> Result<Vec<ReviewLine>, StoreError> {
        let rows: Vec<(i64, i64, i64, String, String, Option<String>)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT r.id, r.cycle_id, r.school_id, o.name, r.stage, r.released_on
             FROM reviews r JOIN review_cycles c ON c.id = r.cycle_id
             JOIN orgs o ON o.id = r.school_id
             WHERE c.cluster_id = $1
             ORDER BY c.opened_on DESC, c.id DESC, o.name")
            .bind(cluster.0).fetch_all(pool).await)?;
        let members: Vec<(i64, i64)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT t.review_id, t.person_id FROM review_team t
             JOIN reviews r ON r.id = t.review_id
             JOIN review_cycles c ON c.id = r.cycle_id
             WHERE c.cluster_id = $1")
            .bind(cluster.0).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|(id, cycle, school, name, text, released)| {
                Ok(ReviewLine {
                    id: ReviewId(id),
                    cycle: CycleId(cycle),
                    school: SchoolId(school),
                    school_name: name,
                    stage: stage(&text)?,
                    released: released.is_some(),
                    team: members
                        .iter()
                        .filter(|(r, _)| *r == id)
                        .map(|(_, p)| PersonId(*p))
                        .collect(),
                })
            })
            .collect()
    }

    pub async fn get(&self, id: ReviewId) -> Result<Option<Review>, StoreError> {
        let sql = format!("{REVIEW_SELECT} WHERE r.id = $1");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, ReviewRow>(sqlx::AssertSqlSafe(sql))
            .bind(id.0).fetch_optional(pool).await)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let cycle = self
            .cycle(CycleId(row.cycle_id))
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("review {} without its cycle", row.id)))?;
        Ok(Some(Review {
            id: ReviewId(row.id),
            cycle,
            school: SchoolId(row.school_id),
            school_name: row.school_name,
            stage: stage(&row.stage)?,
            self_review: row.self_review,
            shared_on: row.shared_on,
            visit_on: row.visit_on,
            workshop_on: row.workshop_on,
            workshop_notes: row.workshop_notes,
            released_on: row.released_on,
            team: self.team_of(id).await?,
        }))
    }

    /// What the school shared, in the order of [`FigureKind::ALL`].
    pub async fn shared_figures(&self, id: ReviewId) -> Result<Vec<SharedFigure>, StoreError> {
        type Row = (String, String, String, f64, f64, f64, Option<i64>);
        let rows: Vec<Row> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT kind, measure, year_name, value, ci_lower, ci_upper, pupils
             FROM review_shared_figures WHERE review_id = $1")
            .bind(id.0).fetch_all(pool).await)?;
        let mut figures = rows
            .into_iter()
            .map(|(kind, measure, year, value, ci_lower, ci_upper, pupils)| {
                Ok(SharedFigure {
                    kind: FigureKind::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("shared figure '{kind}'")))?,
                    measure,
                    year,
                    value,
                    ci_lower,
                    ci_upper,
                    pupils,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        figures.sort_by_key(|f| f.kind);
        Ok(figures)
    }

    pub async fn enquiries(&self, id: ReviewId) -> Result<Vec<Enquiry>, StoreError> {
        let rows: Vec<(i64, String, Option<String>)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT id, text, suggested_from FROM review_enquiries WHERE review_id = $1 ORDER BY id")
            .bind(id.0).fetch_all(pool).await)?;
        let notes: Vec<(i64, String, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT e.enquiry_id, e.note, p.display_name FROM review_evidence e
             JOIN review_enquiries q ON q.id = e.enquiry_id
             JOIN people p ON p.id = e.written_by
             WHERE q.review_id = $1 ORDER BY e.id")
            .bind(id.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(enquiry, text, suggested)| Enquiry {
                id: EnquiryId(enquiry),
                text,
                suggested_from: suggested.as_deref().and_then(Suggestion::parse),
                evidence: notes
                    .iter()
                    .filter(|(e, _, _)| *e == enquiry)
                    .map(|(_, note, by)| (note.clone(), by.clone()))
                    .collect(),
            })
            .collect())
    }

    /// The review an enquiry belongs to.
    pub async fn review_of_enquiry(&self, id: EnquiryId) -> Result<Option<ReviewId>, StoreError> {
        let found: Option<i64> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT review_id FROM review_enquiries WHERE id = $1")
            .bind(id.0).fetch_optional(pool).await)?;
        Ok(found.map(ReviewId))
    }

    pub async fn findings(&self, id: ReviewId) -> Result<Vec<Finding>, StoreError> {
        let rows: Vec<(String, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT kind, text FROM review_findings WHERE review_id = $1 ORDER BY id")
            .bind(id.0).fetch_all(pool).await)?;
        rows.into_iter()
            .map(|(kind, text)| {
                Ok(Finding {
                    kind: FindingKind::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("finding kind '{kind}'")))?,
                    text,
                })
            })
            .collect()
    }

    pub async fn follow_ups(&self, id: ReviewId) -> Result<Vec<FollowUp>, StoreError> {
        let rows: Vec<(i64, String, Option<i64>)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT id, text, plan_action_id FROM review_follow_ups WHERE review_id = $1 ORDER BY id")
            .bind(id.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(|(id, text, action)| FollowUp {
                id: FollowUpId(id),
                text,
                plan_action: action.map(ActionId),
            })
            .collect())
    }

    /// The review a follow-up belongs to, with the follow-up.
    pub async fn follow_up(
        &self,
        id: FollowUpId,
    ) -> Result<Option<(ReviewId, FollowUp)>, StoreError> {
        let row: Option<(i64, i64, String, Option<i64>)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT review_id, id, text, plan_action_id FROM review_follow_ups WHERE id = $1")
            .bind(id.0).fetch_optional(pool).await)?;
        Ok(row.map(|(review, id, text, action)| {
            (
                ReviewId(review),
                FollowUp {
                    id: FollowUpId(id),
                    text,
                    plan_action: action.map(ActionId),
                },
            )
        }))
    }

    /// The head, senior and middle leaders of the schools under a cluster, with their
    /// reviewer training and the reviews of the cluster they have been on; by school, then
    /// name.
    pub async fn cluster_leaders(&self, cluster: OrgId) -> Result<Vec<ClusterLeader>, StoreError> {
        type Row = (i64, String, i64, String, i64, Option<String>, i64);
        let rows: Vec<Row> = on_pool!(self.store, pool => sqlx::query_as(
            "WITH RECURSIVE tree(id) AS (
                 SELECT id FROM orgs WHERE id = $1
                 UNION ALL
                 SELECT orgs.id FROM orgs JOIN tree ON orgs.parent_id = tree.id)
             SELECT p.id, p.display_name, s.org_id, o.name,
                    CAST(MIN(CASE ra.role WHEN 'head' THEN 1 WHEN 'senior_leader' THEN 2 ELSE 3 END) AS BIGINT),
                    (SELECT t.completed_on FROM reviewer_training t
                     WHERE t.person_id = p.id AND t.cluster_id = $1),
                    (SELECT COUNT(*) FROM review_team rt
                     JOIN reviews r ON r.id = rt.review_id
                     JOIN review_cycles c ON c.id = r.cycle_id
                     WHERE rt.person_id = p.id AND c.cluster_id = $1)
             FROM role_assignments ra
             JOIN people p ON p.id = ra.person_id
             JOIN schools s ON s.org_id = ra.org_id
             JOIN orgs o ON o.id = s.org_id
             JOIN tree ON tree.id = s.org_id
             WHERE ra.role IN ('head', 'senior_leader', 'middle_leader')
             GROUP BY p.id, p.display_name, s.org_id, o.name
             ORDER BY o.name, 5, p.display_name, p.id")
            .bind(cluster.0).fetch_all(pool).await)?;
        Ok(rows
            .into_iter()
            .map(
                |(person, name, school, school_name, rank, trained_on, reviews)| ClusterLeader {
                    person: PersonId(person),
                    name,
                    school: SchoolId(school),
                    school_name,
                    role: match rank {
                        1 => Role::Head,
                        2 => Role::SeniorLeader,
                        _ => Role::MiddleLeader,
                    },
                    trained_on,
                    reviews,
                },
            )
            .collect())
    }

    // ---- writing ---------------------------------------------------------------------

    pub async fn open_cycle(
        &self,
        tx: &mut Tx,
        cluster: OrgId,
        name: &str,
        opened_on: &str,
        by: PersonId,
    ) -> Result<CycleId, StoreError> {
        let at = self.store.now();
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO review_cycles (cluster_id, name, opened_on, opened_by, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(cluster.0).bind(name).bind(opened_on).bind(by.0).bind(at)
            .fetch_one(&mut *conn).await)?;
        Ok(CycleId(id))
    }

    /// Opens a review of `school` in a cycle with its team, at the self-review stage.
    pub async fn open_review(
        &self,
        tx: &mut Tx,
        cycle: CycleId,
        school: SchoolId,
        team: &[PersonId],
    ) -> Result<ReviewId, StoreError> {
        let at = self.store.now();
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO reviews (cycle_id, school_id, stage, created_at)
             VALUES ($1, $2, 'self_review', $3) RETURNING id")
            .bind(cycle.0).bind(school.0).bind(at)
            .fetch_one(&mut *conn).await)?;
        for person in team {
            on_tx!(tx, conn => sqlx::query(
                "INSERT INTO review_team (review_id, person_id) VALUES ($1, $2)")
                .bind(id).bind(person.0)
                .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        }
        Ok(ReviewId(id))
    }

    pub async fn set_stage(&self, tx: &mut Tx, id: ReviewId, to: Stage) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query("UPDATE reviews SET stage = $1 WHERE id = $2")
            .bind(to.as_str()).bind(id.0)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn set_self_review(
        &self,
        tx: &mut Tx,
        id: ReviewId,
        text: &str,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query("UPDATE reviews SET self_review = $1 WHERE id = $2")
            .bind(text).bind(id.0)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Replaces what the school shares with these figures, dated `on`.
    pub async fn share(
        &self,
        tx: &mut Tx,
        id: ReviewId,
        on: &str,
        figures: &[SharedFigure],
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query("DELETE FROM review_shared_figures WHERE review_id = $1")
            .bind(id.0).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        for f in figures {
            on_tx!(tx, conn => sqlx::query(
                "INSERT INTO review_shared_figures
                    (review_id, kind, measure, year_name, value, ci_lower, ci_upper, pupils)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
                .bind(id.0).bind(f.kind.as_str()).bind(&f.measure).bind(&f.year)
                .bind(f.value).bind(f.ci_lower).bind(f.ci_upper).bind(f.pupils)
                .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        }
        on_tx!(tx, conn => sqlx::query("UPDATE reviews SET shared_on = $1 WHERE id = $2")
            .bind(on).bind(id.0).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn set_visit(&self, tx: &mut Tx, id: ReviewId, on: &str) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query("UPDATE reviews SET visit_on = $1 WHERE id = $2")
            .bind(on).bind(id.0).execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn add_enquiry(
        &self,
        tx: &mut Tx,
        id: ReviewId,
        text: &str,
        suggested_from: Option<Suggestion>,
        by: PersonId,
    ) -> Result<EnquiryId, StoreError> {
        let at = self.store.now();
        let enquiry: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO review_enquiries (review_id, text, suggested_from, added_by, created_at)
             VALUES ($1, $2, $3, $4, $5) RETURNING id")
            .bind(id.0).bind(text).bind(suggested_from.map(Suggestion::as_str)).bind(by.0).bind(at)
            .fetch_one(&mut *conn).await)?;
        Ok(EnquiryId(enquiry))
    }

    pub async fn add_evidence(
        &self,
        tx: &mut Tx,
        enquiry: EnquiryId,
        note: &str,
        by: PersonId,
    ) -> Result<(), StoreError> {
        let at = self.store.now();
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO review_evidence (enquiry_id, note, written_by, created_at)
             VALUES ($1, $2, $3, $4)")
            .bind(enquiry.0).bind(note).bind(by.0).bind(at)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn add_finding(
        &self,
        tx: &mut Tx,
        id: ReviewId,
        kind: FindingKind,
        text: &str,
        by: PersonId,
    ) -> Result<(), StoreError> {
        let at = self.store.now();
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO review_findings (review_id, kind, text, written_by, created_at)
             VALUES ($1, $2, $3, $4, $5)")
            .bind(id.0).bind(kind.as_str()).bind(text).bind(by.0).bind(at)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn set_workshop(
        &self,
        tx: &mut Tx,
        id: ReviewId,
        on: &str,
        notes: &str,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE reviews SET workshop_on = $1, workshop_notes = $2 WHERE id = $3")
            .bind(on).bind(notes).bind(id.0)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn add_follow_up(
        &self,
        tx: &mut Tx,
        id: ReviewId,
        text: &str,
        by: PersonId,
    ) -> Result<FollowUpId, StoreError> {
        let at = self.store.now();
        let follow_up: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO review_follow_ups (review_id, text, added_by, created_at)
             VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(id.0).bind(text).bind(by.0).bind(at)
            .fetch_one(&mut *conn).await)?;
        Ok(FollowUpId(follow_up))
    }

    pub async fn set_follow_up_action(
        &self,
        tx: &mut Tx,
        id: FollowUpId,
        action: ActionId,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE review_follow_ups SET plan_action_id = $1 WHERE id = $2")
            .bind(action.0).bind(id.0)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn release(
        &self,
        tx: &mut Tx,
        id: ReviewId,
        on: &str,
        by: PersonId,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE reviews SET released_on = $1, released_by = $2 WHERE id = $3")
            .bind(on).bind(by.0).bind(id.0)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Records (or corrects) when a leader completed reviewer training for a cluster.
    pub async fn record_training(
        &self,
        tx: &mut Tx,
        person: PersonId,
        cluster: OrgId,
        on: &str,
        by: PersonId,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO reviewer_training (person_id, cluster_id, completed_on, recorded_by)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (person_id, cluster_id) DO UPDATE
             SET completed_on = excluded.completed_on, recorded_by = excluded.recorded_by")
            .bind(person.0).bind(cluster.0).bind(on).bind(by.0)
            .execute(&mut *conn).await.map(|r| r.rows_affected()))?;
        Ok(())
    }
}
