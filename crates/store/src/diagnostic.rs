//! The leadership diagnostic (a 360): rounds, invitations (each naming its invitee and the
//! channel that reaches them), anonymous responses, self-ratings and self-audits.
//!
//! Anonymity is enforced here, where answers are read: [`Diagnostic::round_report`] counts the
//! responses per group, asks [`groups_to_show`] which groups may be read, and reads only
//! the answers of those groups; what leaves this module is counts and the built report,
//! never a respondent's answers. A response row holds its round and group only (see the
//! migration), and no method takes an invitation or a link and returns answers. When a
//! round closes its responses are rewritten in a random order ([`Diagnostic::close_round`]),
//! so the order rows are stored in does not follow the order people answered in.

use std::collections::BTreeMap;

use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::anonymity::{Threshold, groups_to_show};
use headway_domain::diagnostic::answers::{Answer, AnswerSheet};
use headway_domain::diagnostic::instrument::{Instrument, InstrumentKey, ItemId};
use headway_domain::diagnostic::report::{RoundReport, build_round_report};
use headway_domain::diagnostic::round::{Channel, RespondentGroup, RoundStatus};
use headway_domain::diagnostic::scoring::{RespondentScores, respondent_scores};
use headway_domain::ids::{PersonId, SchoolId};
use rand::RngExt;
use rand::seq::SliceRandom;
use sha2::{Digest, Sha256};

/// A round of the diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RoundId(pub i64);

/// An invitation to answer a round: in-app for a person, or a single-use link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvitationId(pub i64);

#[derive(Debug, Clone)]
pub struct NewRound {
    pub school: SchoolId,
    pub leader: PersonId,
    pub instrument: InstrumentKey,
    pub threshold: Threshold,
    pub groups: Vec<RespondentGroup>,
}

#[derive(Debug, Clone)]
pub struct RoundSummary {
    pub id: RoundId,
    pub school: SchoolId,
    pub school_name: String,
    pub leader: PersonId,
    pub leader_name: String,
    pub instrument: InstrumentKey,
    pub threshold: Threshold,
    pub status: RoundStatus,
    pub opened_at: i64,
    pub closed_at: Option<i64>,
    pub groups: Vec<RespondentGroup>,
    pub has_self_rating: bool,
}

/// What a respondent (in-app or by link) is shown about the round they were asked to
/// answer: who it is about, never anything anyone answered.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub id: InvitationId,
    pub round: RoundId,
    pub group: RespondentGroup,
    pub leader_name: String,
    pub school_name: String,
    pub instrument: InstrumentKey,
    /// Set for an in-app invitation.
    pub invitee: Option<PersonId>,
}

/// Why an invitation or link cannot be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("this survey link is not known")]
    Unknown,
    #[error("this survey has already been answered with this invitation")]
    AlreadyUsed,
    #[error("this survey link has expired")]
    Expired,
    #[error("this round of the survey has closed")]
    RoundClosed,
}

/// A member of staff who can be invited, with the group they answer in.
#[derive(Debug, Clone)]
pub struct StaffMember {
    pub person: PersonId,
    pub name: String,
    pub group: RespondentGroup,
    /// The channel they were invited by, if they were.
    pub invited: Option<Channel>,
    /// Where an email invitation would go.
    pub email: Option<String>,
    /// Whether they can sign in, and so answer in-app.
    pub has_account: bool,
}

/// An invitation whose link is handed out by the outbox (or was to go by email).
#[derive(Debug, Clone)]
pub struct OutboxEntry {
    pub invitation: InvitationId,
    pub round: RoundId,
    pub school: SchoolId,
    pub leader: PersonId,
    pub leader_name: String,
    pub invitee: PersonId,
    pub invitee_name: String,
    pub invitee_email: Option<String>,
    pub group: RespondentGroup,
    pub channel: Channel,
    /// When the link now valid was issued; `None` while none has been.
    pub issued_at: Option<i64>,
}

/// A round's invitations and how many were answered through each channel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChannelCounts {
    pub invited: u32,
    pub answered: BTreeMap<Channel, u32>,
}

impl ChannelCounts {
    pub fn answered_by(&self, via: Channel) -> u32 {
        self.answered.get(&via).copied().unwrap_or(0)
    }
}

/// A self-audit: the leader's own ratings with no respondents.
#[derive(Debug, Clone)]
pub struct SelfAudit {
    pub rated_at: i64,
    pub instrument: InstrumentKey,
    pub scores: RespondentScores,
}

#[derive(sqlx::FromRow)]
struct RoundRow {
    id: i64,
    school_id: i64,
    school_name: String,
    leader_id: i64,
    leader_name: String,
    instrument_id: String,
    instrument_version: i64,
    threshold: i64,
    status: String,
    opened_at: i64,
    closed_at: Option<i64>,
    has_self_rating: i64,
}

#[derive(sqlx::FromRow)]
struct StaffRow {
    id: i64,
    display_name: String,
    role: String,
    email: Option<String>,
    has_account: i64,
    channel: Option<String>,
}

#[derive(sqlx::FromRow)]
struct OutboxRow {
    id: i64,
    round_id: i64,
    school_id: i64,
    leader_id: i64,
    leader_name: String,
    invitee_id: i64,
    invitee_name: String,
    invitee_email: Option<String>,
    respondent_group: String,
    channel: String,
    issued_at: Option<i64>,
}

const OUTBOX_SELECT: &str = "SELECT i.id, i.round_id, r.school_id, r.leader_id,
        p.display_name AS leader_name, i.invitee_id, q.display_name AS invitee_name,
        q.email AS invitee_email, i.respondent_group, i.channel, i.issued_at
    FROM diagnostic_invitations i
    JOIN diagnostic_rounds r ON r.id = i.round_id AND r.status = 'open'
    JOIN people p ON p.id = r.leader_id
    JOIN people q ON q.id = i.invitee_id
    AND i.used_on IS NULL AND i.channel IN ('outbox', 'email')";

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: i64,
    round_id: i64,
    respondent_group: String,
    person_id: Option<i64>,
    expires_at: Option<i64>,
    used_on: Option<i64>,
    status: String,
    leader_name: String,
    school_name: String,
    instrument_id: String,
    instrument_version: i64,
}

const ROUND_SELECT: &str = "SELECT r.id, r.school_id, o.name AS school_name, r.leader_id,
        p.display_name AS leader_name, r.instrument_id, r.instrument_version, r.threshold,
        r.status, r.opened_at, r.closed_at,
        (SELECT COUNT(*) FROM diagnostic_self_ratings s WHERE s.round_id = r.id) AS has_self_rating
    FROM diagnostic_rounds r
    JOIN orgs o ON o.id = r.school_id
    JOIN people p ON p.id = r.leader_id";

const INVITATION_SELECT: &str = "SELECT i.id, i.round_id, i.respondent_group, i.person_id,
        i.expires_at, i.used_on, r.status, p.display_name AS leader_name, o.name AS school_name,
        r.instrument_id, r.instrument_version
    FROM diagnostic_invitations i
    JOIN diagnostic_rounds r ON r.id = i.round_id
    JOIN orgs o ON o.id = r.school_id
    JOIN people p ON p.id = r.leader_id";

const SECONDS_PER_DAY: i64 = 86_400;

/// The SHA-256 of a link's token, as stored: the token itself is shown once and never kept,
/// so a copy of the database cannot be used to answer.
fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A response's id: random, so ids do not follow the order of submission.
fn new_response_id() -> i64 {
    rand::rng().random_range(1..i64::MAX)
}

/// Responses `(id, group)` in a random order, each with a new random id beside its old one
/// (the 360's and the surveys' responses are rewritten so when their window closes).
pub(crate) fn shuffled_with_new_ids(mut responses: Vec<(i64, String)>) -> Vec<(i64, String, i64)> {
    responses.shuffle(&mut rand::rng());
    responses
        .into_iter()
        .map(|(id, group)| (id, group, new_response_id()))
        .collect()
}

fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn group(text: &str) -> Result<RespondentGroup, StoreError> {
    text.parse().map_err(corrupt)
}

fn threshold(k: i64) -> Result<Threshold, StoreError> {
    let k = u8::try_from(k).map_err(corrupt)?;
    Threshold::new(k).map_err(corrupt)
}

fn rating(answer: Answer) -> Option<i64> {
    match answer {
        Answer::Rating(value) => Some(i64::from(value)),
        Answer::DontKnow => None,
    }
}

fn answer(rating: Option<i64>) -> Result<Answer, StoreError> {
    match rating {
        None => Ok(Answer::DontKnow),
        Some(value) => Ok(Answer::Rating(u8::try_from(value).map_err(corrupt)?)),
    }
}

fn sheet(
    instrument: &Instrument,
    rows: Vec<(String, Option<i64>)>,
) -> Result<AnswerSheet, StoreError> {
    let answers = rows
        .into_iter()
        .map(|(item, value)| Ok((ItemId(item), answer(value)?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
    AnswerSheet::new(instrument, answers).map_err(corrupt)
}

fn channel(text: &str) -> Result<Channel, StoreError> {
    text.parse().map_err(corrupt)
}

fn outbox_entry(row: OutboxRow) -> Result<OutboxEntry, StoreError> {
    Ok(OutboxEntry {
        invitation: InvitationId(row.id),
        round: RoundId(row.round_id),
        school: SchoolId(row.school_id),
        leader: PersonId(row.leader_id),
        leader_name: row.leader_name,
        invitee: PersonId(row.invitee_id),
        invitee_name: row.invitee_name,
        invitee_email: row.invitee_email,
        group: group(&row.respondent_group)?,
        channel: channel(&row.channel)?,
        issued_at: row.issued_at,
    })
}

fn invitation(row: InvitationRow) -> Result<Invitation, StoreError> {
    Ok(Invitation {
        id: InvitationId(row.id),
        round: RoundId(row.round_id),
        group: group(&row.respondent_group)?,
        leader_name: row.leader_name,
        school_name: row.school_name,
        instrument: InstrumentKey {
            id: row.instrument_id,
            version: u32::try_from(row.instrument_version).map_err(corrupt)?,
        },
        invitee: row.person_id.map(PersonId),
    })
}

/// Whether an invitation can still be answered at `now`.
fn check_usable(row: &InvitationRow, now: i64) -> Result<(), Refused> {
    if row.used_on.is_some() {
        Err(Refused::AlreadyUsed)
    } else if row.expires_at.is_some_and(|at| at <= now) {
        Err(Refused::Expired)
    } else if row.status != RoundStatus::Open.as_str() {
        Err(Refused::RoundClosed)
    } else {
        Ok(())
    }
}

/// The diagnostic's view of the store: its writing methods take the transaction they run
/// in, so a use case commits a round, its responses or its links with the audit line
/// saying so.
#[derive(Clone, Copy)]
pub struct Diagnostic<'a> {
    store: &'a Store,
}

impl Store {
    pub fn diagnostic(&self) -> Diagnostic<'_> {
        Diagnostic { store: self }
    }
}

impl Diagnostic<'_> {
    /// Opens a round for a leader, with the groups to be asked.
    pub async fn open_round(&self, tx: &mut Tx, round: &NewRound) -> Result<RoundId, StoreError> {
        let now = self.store.now();
        let id: i64 = on_tx!(tx, conn => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO diagnostic_rounds (school_id, leader_id, instrument_id,
                     instrument_version, threshold, status, opened_at)
                 VALUES ($1, $2, $3, $4, $5, 'open', $6) RETURNING id")
                .bind(round.school.0)
                .bind(round.leader.0)
                .bind(&round.instrument.id)
                .bind(i64::from(round.instrument.version))
                .bind(i64::from(round.threshold.get()))
                .bind(now)
                .fetch_one(&mut *conn)
                .await?;
            let mut groups = round.groups.clone();
            groups.sort_unstable();
            groups.dedup();
            for group in groups {
                sqlx::query("INSERT INTO diagnostic_round_groups (round_id, respondent_group) VALUES ($1, $2)")
                    .bind(id)
                    .bind(group.as_str())
                    .execute(&mut *conn)
                    .await?;
            }
            id
        });
        Ok(RoundId(id))
    }

    pub async fn round(&self, round: RoundId) -> Result<Option<RoundSummary>, StoreError> {
        let sql = format!("{ROUND_SELECT} WHERE r.id = $1");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, RoundRow>(sqlx::AssertSqlSafe(sql))
            .bind(round.0)
            .fetch_optional(pool)
            .await)?;
        match row {
            Some(row) => Ok(Some(self.round_summary(row).await?)),
            None => Ok(None),
        }
    }

    /// A leader's rounds, newest first.
    pub async fn rounds_led_by(&self, leader: PersonId) -> Result<Vec<RoundSummary>, StoreError> {
        let sql =
            format!("{ROUND_SELECT} WHERE r.leader_id = $1 ORDER BY r.opened_at DESC, r.id DESC");
        let rows = on_pool!(self.store, pool => sqlx::query_as::<_, RoundRow>(sqlx::AssertSqlSafe(sql))
            .bind(leader.0)
            .fetch_all(pool)
            .await)?;
        let mut rounds = Vec::with_capacity(rows.len());
        for row in rows {
            rounds.push(self.round_summary(row).await?);
        }
        Ok(rounds)
    }

    /// The leader's closed round before this one, for the comparison.
    pub async fn previous_round(
        &self,
        round: &RoundSummary,
    ) -> Result<Option<RoundId>, StoreError> {
        let id: Option<i64> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT id FROM diagnostic_rounds
             WHERE leader_id = $1 AND school_id = $2 AND status = 'closed' AND id <> $3
               AND (opened_at < $4 OR (opened_at = $4 AND id < $3))
             ORDER BY opened_at DESC, id DESC LIMIT 1")
            .bind(round.leader.0)
            .bind(round.school.0)
            .bind(round.id.0)
            .bind(round.opened_at)
            .fetch_optional(pool)
            .await)?;
        Ok(id.map(RoundId))
    }

    async fn round_summary(&self, row: RoundRow) -> Result<RoundSummary, StoreError> {
        let groups: Vec<String> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT respondent_group FROM diagnostic_round_groups WHERE round_id = $1")
            .bind(row.id)
            .fetch_all(pool)
            .await)?;
        let mut groups = groups
            .iter()
            .map(|g| group(g))
            .collect::<Result<Vec<_>, _>>()?;
        groups.sort_unstable();
        Ok(RoundSummary {
            id: RoundId(row.id),
            school: SchoolId(row.school_id),
            school_name: row.school_name,
            leader: PersonId(row.leader_id),
            leader_name: row.leader_name,
            instrument: InstrumentKey {
                id: row.instrument_id,
                version: u32::try_from(row.instrument_version).map_err(corrupt)?,
            },
            threshold: threshold(row.threshold)?,
            status: row.status.parse().map_err(corrupt)?,
            opened_at: row.opened_at,
            closed_at: row.closed_at,
            groups,
            has_self_rating: row.has_self_rating > 0,
        })
    }

    /// Closes a round: no more answers are taken, and the report can be read.
    ///
    /// In the same transaction the round's responses are written again in a random order
    /// under new random ids, so neither the ids nor where the rows lie in the database
    /// (SQLite's rowid, PostgreSQL's ctid: the order they were inserted in) follow the
    /// order people answered in.
    /// Returns whether the round was open (closing a closed round changes nothing).
    pub async fn close_round(&self, tx: &mut Tx, round: RoundId) -> Result<bool, StoreError> {
        let now = self.store.now();
        let closed = on_tx!(tx, conn => {
            let closed = sqlx::query(
                "UPDATE diagnostic_rounds SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'open'")
                .bind(round.0)
                .bind(now)
                .execute(&mut *conn)
                .await?
                .rows_affected();
            if closed == 1 {
                let responses: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT id, respondent_group FROM diagnostic_responses WHERE round_id = $1")
                    .bind(round.0)
                    .fetch_all(&mut *conn)
                    .await?;
                let answers: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
                    "SELECT a.response_id, a.item_id, a.rating
                     FROM diagnostic_answers a JOIN diagnostic_responses r ON r.id = a.response_id
                     WHERE r.round_id = $1")
                    .bind(round.0)
                    .fetch_all(&mut *conn)
                    .await?;
                sqlx::query(
                    "DELETE FROM diagnostic_answers WHERE response_id IN
                         (SELECT id FROM diagnostic_responses WHERE round_id = $1)")
                    .bind(round.0)
                    .execute(&mut *conn)
                    .await?;
                sqlx::query("DELETE FROM diagnostic_responses WHERE round_id = $1")
                    .bind(round.0)
                    .execute(&mut *conn)
                    .await?;
                for (old_id, group, new_id) in shuffled_with_new_ids(responses) {
                    sqlx::query(
                        "INSERT INTO diagnostic_responses (id, round_id, respondent_group) VALUES ($1, $2, $3)")
                        .bind(new_id)
                        .bind(round.0)
                        .bind(&group)
                        .execute(&mut *conn)
                        .await?;
                    for (_, item, rating) in answers.iter().filter(|(id, _, _)| *id == old_id) {
                        sqlx::query(
                            "INSERT INTO diagnostic_answers (response_id, item_id, rating) VALUES ($1, $2, $3)")
                            .bind(new_id)
                            .bind(item)
                            .bind(*rating)
                            .execute(&mut *conn)
                            .await?;
                    }
                }
            }
            closed == 1
        });
        Ok(closed)
    }

    /// Sets when a closed round was run (Unix seconds), for rounds held before the
    /// school used Headway and for the demo's earlier round. An open round is left as it is.
    pub async fn set_round_dates(
        &self,
        tx: &mut Tx,
        round: RoundId,
        opened_at: i64,
        closed_at: i64,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE diagnostic_rounds SET opened_at = $2, closed_at = $3 WHERE id = $1 AND status = 'closed'")
            .bind(round.0)
            .bind(opened_at)
            .bind(closed_at)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Saves the leader's self-rating of a round (replacing an earlier one while the round is
    /// open), or a self-audit when `round` is `None`.
    pub async fn save_self_rating(
        &self,
        tx: &mut Tx,
        person: PersonId,
        round: Option<RoundId>,
        instrument: &Instrument,
        sheet: &AnswerSheet,
    ) -> Result<(), StoreError> {
        let answers: Vec<(String, Option<i64>)> = instrument
            .items()
            .iter()
            .filter_map(|item| {
                sheet
                    .answer(&item.id)
                    .map(|a| (item.id.0.clone(), rating(a)))
            })
            .collect();
        let now = self.store.now();
        on_tx!(tx, conn => {
            if let Some(round) = round {
                sqlx::query("DELETE FROM diagnostic_self_ratings WHERE round_id = $1")
                    .bind(round.0)
                    .execute(&mut *conn)
                    .await?;
            }
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO diagnostic_self_ratings (person_id, round_id, instrument_id, instrument_version, rated_at)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id")
                .bind(person.0)
                .bind(round.map(|r| r.0))
                .bind(&instrument.key.id)
                .bind(i64::from(instrument.key.version))
                .bind(now)
                .fetch_one(&mut *conn)
                .await?;
            for (item, value) in &answers {
                sqlx::query("INSERT INTO diagnostic_self_answers (self_rating_id, item_id, rating) VALUES ($1, $2, $3)")
                    .bind(id)
                    .bind(item)
                    .bind(*value)
                    .execute(&mut *conn)
                    .await?;
            }
        });
        Ok(())
    }

    async fn self_sheet(
        &self,
        self_rating_id: i64,
        instrument: &Instrument,
    ) -> Result<AnswerSheet, StoreError> {
        let rows: Vec<(String, Option<i64>)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT item_id, rating FROM diagnostic_self_answers WHERE self_rating_id = $1")
            .bind(self_rating_id)
            .fetch_all(pool)
            .await)?;
        sheet(instrument, rows)
    }

    /// A person's latest self-audit on this instrument, scored.
    pub async fn latest_self_audit(
        &self,
        person: PersonId,
        instrument: &Instrument,
    ) -> Result<Option<SelfAudit>, StoreError> {
        let row: Option<(i64, i64)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT id, rated_at FROM diagnostic_self_ratings
             WHERE person_id = $1 AND round_id IS NULL AND instrument_id = $2 AND instrument_version = $3
             ORDER BY rated_at DESC, id DESC LIMIT 1")
            .bind(person.0)
            .bind(&instrument.key.id)
            .bind(i64::from(instrument.key.version))
            .fetch_optional(pool)
            .await)?;
        let Some((id, rated_at)) = row else {
            return Ok(None);
        };
        let answers = self.self_sheet(id, instrument).await?;
        Ok(Some(SelfAudit {
            rated_at,
            instrument: instrument.key.clone(),
            scores: respondent_scores(instrument, &answers),
        }))
    }

    /// Staff of the round's school who can be invited (not the leader), with whether they
    /// already are. Their group comes from their role.
    pub async fn invitable_staff(
        &self,
        round: &RoundSummary,
    ) -> Result<Vec<StaffMember>, StoreError> {
        let rows: Vec<StaffRow> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT p.id, p.display_name, ra.role, p.email,
                    (SELECT COUNT(*) FROM people a WHERE a.id = p.id AND a.password_hash IS NOT NULL) AS has_account,
                    (SELECT i.channel FROM diagnostic_invitations i
                     WHERE i.round_id = $2 AND i.invitee_id = p.id) AS channel
             FROM role_assignments ra JOIN people p ON p.id = ra.person_id
             WHERE ra.org_id = $1 AND p.id <> $3
             ORDER BY p.display_name, p.id")
            .bind(round.school.0)
            .bind(round.id.0)
            .bind(round.leader.0)
            .fetch_all(pool)
            .await)?;
        let mut staff: Vec<StaffMember> = Vec::new();
        for row in rows {
            let Ok(role) = row.role.parse::<headway_domain::roles::Role>() else {
                continue;
            };
            let Some(group) = RespondentGroup::of_role(role) else {
                continue;
            };
            if !round.groups.contains(&group) || staff.iter().any(|s| s.person.0 == row.id) {
                continue;
            }
            staff.push(StaffMember {
                person: PersonId(row.id),
                name: row.display_name,
                group,
                invited: row.channel.as_deref().map(channel).transpose()?,
                email: row.email,
                has_account: row.has_account != 0,
            });
        }
        Ok(staff)
    }

    /// Invites people, each in the group and by the channel given; people already invited
    /// to the round (by any channel) are skipped. Returns the invitations made.
    ///
    /// An in-app invitation is answered from the invitee's own surveys. An outbox or email
    /// invitation gets its link later, from [`Diagnostic::issue_link`]: until then its
    /// `token_hash` is the hash of a random token nobody was shown, so it answers nothing.
    pub async fn invite(
        &self,
        tx: &mut Tx,
        round: RoundId,
        people: &[(PersonId, RespondentGroup, Channel)],
    ) -> Result<Vec<(InvitationId, PersonId, Channel)>, StoreError> {
        let mut made = Vec::new();
        for (person, group, via) in people {
            let in_app = *via == Channel::InApp;
            let id: Option<i64> = on_tx!(tx, conn => sqlx::query_scalar(
                "INSERT INTO diagnostic_invitations
                     (round_id, respondent_group, person_id, invitee_id, channel, token_hash)
                 SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS
                     (SELECT 1 FROM diagnostic_invitations WHERE round_id = $1 AND invitee_id = $4)
                 RETURNING id")
                .bind(round.0)
                .bind(group.as_str())
                .bind(in_app.then_some(person.0))
                .bind(person.0)
                .bind(via.as_str())
                .bind((!in_app).then(|| token_hash(&new_token())))
                .fetch_optional(&mut *conn)
                .await)?;
            if let Some(id) = id {
                made.push((InvitationId(id), *person, *via));
            }
        }
        Ok(made)
    }

    /// The links waiting to be handed out in a school: each open round's outbox and email
    /// invitations not yet answered, with who they are for. Whose round each is, the caller
    /// checks with the access policy (never the rated leader's own).
    pub async fn outbox(&self, school: SchoolId) -> Result<Vec<OutboxEntry>, StoreError> {
        let sql =
            format!("{OUTBOX_SELECT} WHERE r.school_id = $1 ORDER BY r.id, q.display_name, i.id");
        let rows = on_pool!(self.store, pool => sqlx::query_as::<_, OutboxRow>(sqlx::AssertSqlSafe(sql))
            .bind(school.0)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(outbox_entry).collect()
    }

    /// One entry of an outbox, if the invitation is an unanswered link of an open round.
    pub async fn outbox_entry(
        &self,
        invitation: InvitationId,
    ) -> Result<Option<OutboxEntry>, StoreError> {
        let sql = format!("{OUTBOX_SELECT} WHERE i.id = $1");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, OutboxRow>(sqlx::AssertSqlSafe(sql))
            .bind(invitation.0)
            .fetch_optional(pool)
            .await)?;
        row.map(outbox_entry).transpose()
    }

    /// Issues a new single-use link for an unanswered outbox or email invitation of an open
    /// round, replacing any link issued before (which then answers nothing). Returns the
    /// token: only its hash is kept, so this is the only time it can be read.
    /// `via` is how this link will reach its invitee (the outbox, or email), so the report
    /// can count the answers by channel.
    pub async fn issue_link(
        &self,
        tx: &mut Tx,
        invitation: InvitationId,
        via: Channel,
    ) -> Result<Option<String>, StoreError> {
        if via == Channel::InApp {
            return Ok(None);
        }
        let token = new_token();
        let issued = on_tx!(tx, conn => sqlx::query(
            "UPDATE diagnostic_invitations SET token_hash = $2, issued_at = $3, channel = $4
             WHERE id = $1 AND used_on IS NULL AND channel IN ('outbox', 'email')
               AND round_id IN (SELECT id FROM diagnostic_rounds WHERE status = 'open')")
            .bind(invitation.0)
            .bind(token_hash(&token))
            .bind(self.store.now())
            .bind(via.as_str())
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok((issued == 1).then_some(token))
    }

    /// An email that could not be sent: the invitation moves to the outbox, its link is
    /// withdrawn (it may be sitting in a mail queue), and a new one is issued from there.
    /// Only an invitation of `round` moves (the caller has checked whose round it is).
    pub async fn move_to_outbox(
        &self,
        tx: &mut Tx,
        round: RoundId,
        invitation: InvitationId,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE diagnostic_invitations SET channel = 'outbox', token_hash = $2, issued_at = NULL
             WHERE id = $1 AND round_id = $3 AND used_on IS NULL AND channel = 'email'")
            .bind(invitation.0)
            .bind(token_hash(&new_token()))
            .bind(round.0)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// How many of a round's invitations there are, and how many were answered, by channel.
    /// Answers are not linked to invitations: these counts come from the invitations alone.
    pub async fn channel_counts(&self, round: RoundId) -> Result<ChannelCounts, StoreError> {
        let rows: Vec<(String, i64, i64)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT channel, COUNT(*), COUNT(used_on) FROM diagnostic_invitations
             WHERE round_id = $1 GROUP BY channel")
            .bind(round.0)
            .fetch_all(pool)
            .await)?;
        let mut counts = ChannelCounts::default();
        for (name, invited, answered) in rows {
            let invited = u32::try_from(invited).map_err(corrupt)?;
            let answered = u32::try_from(answered).map_err(corrupt)?;
            counts.invited += invited;
            // The anonymous links of before migration 0012 belong to no channel.
            if let Ok(via) = name.parse::<Channel>() {
                counts.answered.insert(via, answered);
            }
        }
        Ok(counts)
    }

    /// The invitation behind a link, if it can still be answered.
    pub async fn link_invitation(
        &self,
        token: &str,
    ) -> Result<Result<Invitation, Refused>, StoreError> {
        let sql = format!("{INVITATION_SELECT} WHERE i.token_hash = $1");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, InvitationRow>(sqlx::AssertSqlSafe(sql))
            .bind(token_hash(token))
            .fetch_optional(pool)
            .await)?;
        let Some(row) = row else {
            return Ok(Err(Refused::Unknown));
        };
        if let Err(refused) = check_usable(&row, self.store.now()) {
            return Ok(Err(refused));
        }
        Ok(Ok(invitation(row)?))
    }

    /// An in-app invitation, if it can still be answered (whose it is, the caller checks
    /// with the access policy).
    pub async fn in_app_invitation(
        &self,
        id: InvitationId,
    ) -> Result<Result<Invitation, Refused>, StoreError> {
        let sql = format!("{INVITATION_SELECT} WHERE i.id = $1 AND i.person_id IS NOT NULL");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, InvitationRow>(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(pool)
            .await)?;
        let Some(row) = row else {
            return Ok(Err(Refused::Unknown));
        };
        if let Err(refused) = check_usable(&row, self.store.now()) {
            return Ok(Err(refused));
        }
        Ok(Ok(invitation(row)?))
    }

    /// A person's in-app invitations they can still answer ("your surveys").
    pub async fn pending_invitations(
        &self,
        person: PersonId,
    ) -> Result<Vec<Invitation>, StoreError> {
        let sql = format!(
            "{INVITATION_SELECT} WHERE i.person_id = $1 AND i.used_on IS NULL AND r.status = 'open'
             ORDER BY r.opened_at DESC"
        );
        let rows = on_pool!(self.store, pool => sqlx::query_as::<_, InvitationRow>(sqlx::AssertSqlSafe(sql))
            .bind(person.0)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(invitation).collect()
    }

    /// Records a response for an invitation, once. In one transaction: the invitation is
    /// marked used (to the day) only if it is unused, unexpired and its round open; the
    /// response is written with a random id and no link to the invitation or the person.
    pub async fn submit_response(
        &self,
        tx: &mut Tx,
        invitation: InvitationId,
        sheet: &AnswerSheet,
        instrument: &Instrument,
    ) -> Result<Result<(), Refused>, StoreError> {
        let now = self.store.now();
        let today = now - now.rem_euclid(SECONDS_PER_DAY);
        let answers: Vec<(String, Option<i64>)> = instrument
            .items()
            .iter()
            .filter_map(|item| {
                sheet
                    .answer(&item.id)
                    .map(|a| (item.id.0.clone(), rating(a)))
            })
            .collect();
        let response_id = new_response_id();
        let sql = format!("{INVITATION_SELECT} WHERE i.id = $1");
        let outcome = on_tx!(tx, conn => {
            let claimed = sqlx::query(
                "UPDATE diagnostic_invitations SET used_on = $2
                 WHERE id = $1 AND used_on IS NULL AND (expires_at IS NULL OR expires_at > $3)
                   AND round_id IN (SELECT id FROM diagnostic_rounds WHERE status = 'open')")
                .bind(invitation.0)
                .bind(today)
                .bind(now)
                .execute(&mut *conn)
                .await?
                .rows_affected();
            if claimed != 1 {
                let row = sqlx::query_as::<_, InvitationRow>(sqlx::AssertSqlSafe(sql))
                    .bind(invitation.0)
                    .fetch_optional(&mut *conn)
                    .await?;
                Err(match row {
                    None => Refused::Unknown,
                    Some(row) => check_usable(&row, now).err().unwrap_or(Refused::AlreadyUsed),
                })
            } else {
                sqlx::query(
                    "INSERT INTO diagnostic_responses (id, round_id, respondent_group)
                     SELECT $1, round_id, respondent_group FROM diagnostic_invitations WHERE id = $2")
                    .bind(response_id)
                    .bind(invitation.0)
                    .execute(&mut *conn)
                    .await?;
                for (item, value) in &answers {
                    sqlx::query("INSERT INTO diagnostic_answers (response_id, item_id, rating) VALUES ($1, $2, $3)")
                        .bind(response_id)
                        .bind(item)
                        .bind(*value)
                        .execute(&mut *conn)
                        .await?;
                }
                    Ok(())
            }
        });
        Ok(outcome)
    }

    /// Responses per group asked (zero for a group nobody answered in): all the leader sees
    /// while a round is open.
    pub async fn response_counts(
        &self,
        round: &RoundSummary,
    ) -> Result<Vec<(RespondentGroup, u32)>, StoreError> {
        let rows: Vec<(String, i64)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT respondent_group, COUNT(*) FROM diagnostic_responses WHERE round_id = $1
             GROUP BY respondent_group")
            .bind(round.id.0)
            .fetch_all(pool)
            .await)?;
        let mut counts: BTreeMap<RespondentGroup, u32> =
            round.groups.iter().map(|g| (*g, 0)).collect();
        for (name, count) in rows {
            counts.insert(group(&name)?, u32::try_from(count).map_err(corrupt)?);
        }
        Ok(counts.into_iter().collect())
    }

    /// The report of a closed round (`None` while it is open: then only counts are shown).
    ///
    /// The anonymity rules are applied here: the disclosure is decided from the counts,
    /// and only the answers of [`Disclosure::groups_to_read`] are read from the database.
    ///
    /// [`Disclosure::groups_to_read`]: headway_domain::anonymity::Disclosure::groups_to_read
    pub async fn round_report(
        &self,
        round: &RoundSummary,
        instrument: &Instrument,
    ) -> Result<Option<RoundReport<RespondentGroup>>, StoreError> {
        if round.status == RoundStatus::Open {
            return Ok(None);
        }
        if instrument.key != round.instrument {
            return Err(corrupt(format!(
                "round {} was answered on instrument {} v{}, not {} v{}",
                round.id.0,
                round.instrument.id,
                round.instrument.version,
                instrument.key.id,
                instrument.key.version
            )));
        }
        let counts = self.response_counts(round).await?;
        let disclosure = groups_to_show(&counts, round.threshold);
        let mut responses: Vec<(RespondentGroup, AnswerSheet)> = Vec::new();
        for readable in disclosure.groups_to_read() {
            let rows: Vec<(i64, String, Option<i64>)> = on_pool!(self.store, pool => sqlx::query_as(
                "SELECT a.response_id, a.item_id, a.rating
                 FROM diagnostic_answers a JOIN diagnostic_responses r ON r.id = a.response_id
                 WHERE r.round_id = $1 AND r.respondent_group = $2
                 ORDER BY a.response_id")
                .bind(round.id.0)
                .bind(readable.as_str())
                .fetch_all(pool)
                .await)?;
            let mut by_response: BTreeMap<i64, Vec<(String, Option<i64>)>> = BTreeMap::new();
            for (response, item, value) in rows {
                by_response.entry(response).or_default().push((item, value));
            }
            // A response with no answered item still counts as a respondent.
            let answered = by_response.len();
            let expected = disclosure.respondents(readable).unwrap_or(0) as usize;
            for (_, rows) in by_response {
                responses.push((readable, sheet(instrument, rows)?));
            }
            for _ in answered..expected {
                responses.push((readable, AnswerSheet::default()));
            }
        }
        let self_id: Option<i64> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT id FROM diagnostic_self_ratings WHERE round_id = $1")
            .bind(round.id.0)
            .fetch_optional(pool)
            .await)?;
        let self_sheet = match self_id {
            Some(id) => Some(self.self_sheet(id, instrument).await?),
            None => None,
        };
        build_round_report(instrument, &disclosure, self_sheet.as_ref(), &responses)
            .map(Some)
            .map_err(corrupt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_only_as_a_hash() {
        let (a, b) = (new_token(), new_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
