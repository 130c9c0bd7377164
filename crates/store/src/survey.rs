//! Surveys of staff, pupils and parents: the wave and its window, the ways in (a
//! single-use link per member of staff, a code per class with a single-use slip per
//! pupil, a code for parents), anonymous responses, and the results of a wave.
//!
//! Anonymity is enforced here, where answers are read, as for the 360:
//! [`Surveys::results`] counts the responses per breakdown group, asks
//! [`groups_to_show`] which groups may be read, and reads only the answers of those
//! groups; what leaves this module is counts and the built results, never a response.
//! A response row holds its survey and group only (see the migration), and no method
//! takes a link or a code and returns answers. When a survey closes its responses are
//! rewritten in a random order under new ids ([`Surveys::close`]), as the 360's are, so
//! where the rows lie does not follow the order people answered in (a teacher who saw
//! which pupil sent first learns nothing from it).

use std::collections::BTreeMap;

use crate::tx::Tx;
use crate::{Store, StoreError, on_pool, on_tx};
use headway_domain::anonymity::{Threshold, groups_to_show};
use headway_domain::diagnostic::instrument::{InstrumentKey, ItemId};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::survey::answers::SurveyAnswers;
use headway_domain::survey::instrument::{Audience, SurveyInstrument};
use headway_domain::survey::report::{SurveyResults, build_results};
use headway_domain::survey::window::SurveyStatus;
use rand::RngExt;
use sha2::{Digest, Sha256};

/// A wave of a survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SurveyId(pub i64);

/// The breakdown group of every parent's response: parents are not broken down.
pub const WHOLE_GROUP: &str = "all";

#[derive(Debug, Clone)]
pub struct NewSurvey {
    pub school: SchoolId,
    pub audience: Audience,
    pub instrument: InstrumentKey,
    pub title: String,
    pub threshold: Threshold,
    pub review_by_head: bool,
    /// The day the window is planned to close (ISO 8601), shown to respondents.
    pub closes_on: Option<String>,
}

#[derive(Debug, Clone)]
pub struct SurveySummary {
    pub id: SurveyId,
    pub school: SchoolId,
    pub school_name: String,
    pub audience: Audience,
    pub instrument: InstrumentKey,
    pub title: String,
    pub threshold: Threshold,
    pub review_by_head: bool,
    pub status: SurveyStatus,
    pub opened_at: i64,
    pub closes_on: Option<String>,
    pub closed_at: Option<i64>,
}

/// Why a link or code answers nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefused {
    /// No such link or code (or one withdrawn when a new one was issued).
    Unknown,
    /// A staff link or a pupil's slip that has been used.
    AlreadyUsed,
    /// A class code on its own: a pupil answers with the class code and the personal
    /// code on their own slip, so that each pupil answers once.
    SlipNeeded,
    /// The survey's window has closed.
    Closed,
}

/// What a link or code opens: the survey, and the group its answers count in.
#[derive(Debug, Clone)]
pub struct Entry {
    pub link: i64,
    /// The pupil's slip, when a class code was given with one: it is what gets used up.
    pub slip: Option<i64>,
    pub survey: SurveySummary,
    pub group: String,
}

/// A staff link just issued: its token is shown (or mailed) now and never again.
#[derive(Debug, Clone)]
pub struct IssuedLink {
    pub invitee: PersonId,
    pub name: String,
    pub email: Option<String>,
    pub token: String,
}

/// A class's code, for its printed sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassCode {
    pub class_id: i64,
    pub class_name: String,
    pub year_group: Option<i64>,
    pub code: String,
    /// The slips on the class's sheet: one per pupil whose first class of the survey
    /// this is.
    pub slips: u32,
}

/// A pupil's slip on a class sheet: the name it is handed to, and its personal code.
/// Whether it has been used is never read out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slip {
    pub pupil: String,
    pub code: String,
}

/// Someone a reminder goes to: a staff link not yet used. The list leaves the store only
/// to be mailed, never to be shown.
#[derive(Debug, Clone)]
pub struct Reminder {
    pub invitee: PersonId,
    pub email: String,
}

#[derive(sqlx::FromRow)]
struct SurveyRow {
    id: i64,
    school_id: i64,
    school_name: String,
    audience: String,
    instrument_id: String,
    instrument_version: i64,
    title: String,
    threshold: i64,
    review_by_head: bool,
    status: String,
    opened_at: i64,
    closes_on: Option<String>,
    closed_at: Option<i64>,
}

/// A way in as looked up: a link or code.
#[derive(sqlx::FromRow)]
struct LinkRow {
    link: i64,
    survey_id: i64,
    group_key: Option<String>,
    used_on: Option<i64>,
    kind: String,
}

/// A pupil's slip as looked up, with its class's link.
#[derive(sqlx::FromRow)]
struct SlipRow {
    link: i64,
    survey_id: i64,
    group_key: Option<String>,
    slip: i64,
    used_on: Option<i64>,
}

/// A member of staff on the roster: who, their name, their address, their role.
pub type RosterEntry = (
    PersonId,
    String,
    Option<String>,
    headway_domain::roles::Role,
);

/// A member of staff to give a link: who, their name, their address, the group their
/// answers count in.
pub type StaffToLink = (PersonId, String, Option<String>, String);

/// One response as read back: its ratings, and its comment.
type ResponseRows = (Vec<(ItemId, u8)>, Option<String>);

const SURVEY_SELECT: &str = "SELECT s.id, s.school_id, o.name AS school_name, s.audience,
        s.instrument_id, s.instrument_version, s.title, s.threshold, s.review_by_head,
        s.status, s.opened_at, s.closes_on, s.closed_at
    FROM surveys s JOIN orgs o ON o.id = s.school_id";

const SECONDS_PER_DAY: i64 = 86_400;

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(what.to_string())
}

fn summary(row: SurveyRow) -> Result<SurveySummary, StoreError> {
    Ok(SurveySummary {
        id: SurveyId(row.id),
        school: SchoolId(row.school_id),
        school_name: row.school_name,
        audience: row.audience.parse().map_err(corrupt)?,
        instrument: InstrumentKey {
            id: row.instrument_id,
            version: u32::try_from(row.instrument_version).map_err(corrupt)?,
        },
        title: row.title,
        threshold: Threshold::new(u8::try_from(row.threshold).map_err(corrupt)?)
            .map_err(corrupt)?,
        review_by_head: row.review_by_head,
        status: row.status.parse().map_err(corrupt)?,
        opened_at: row.opened_at,
        closes_on: row.closes_on,
        closed_at: row.closed_at,
    })
}

/// The SHA-256 of a staff link's token, as stored: the token itself is never kept.
fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A code a pupil can type on a phone: eight letters and digits without the ones that
/// are easily confused (0/O, 1/I/L), in two groups of four. 31⁸ ≈ 8.5 × 10¹¹ codes.
fn new_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    let mut code = String::with_capacity(9);
    for i in 0..8 {
        if i == 4 {
            code.push('-');
        }
        code.push(char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]));
    }
    code
}

/// A code as typed: upper case, spaces dropped, the dash optional.
pub fn normalise_code(typed: &str) -> String {
    let plain: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if plain.len() == 8 {
        format!("{}-{}", &plain[..4], &plain[4..])
    } else {
        plain
    }
}

fn new_response_id() -> i64 {
    rand::rng().random_range(1..i64::MAX)
}

/// The surveys' view of the store.
#[derive(Clone, Copy)]
pub struct Surveys<'a> {
    store: &'a Store,
}

impl Store {
    pub fn surveys(&self) -> Surveys<'_> {
        Surveys { store: self }
    }
}

impl Surveys<'_> {
    pub async fn open_survey(&self, tx: &mut Tx, new: &NewSurvey) -> Result<SurveyId, StoreError> {
        let id: i64 = on_tx!(tx, conn => sqlx::query_scalar(
            "INSERT INTO surveys (school_id, audience, instrument_id, instrument_version, title,
                 threshold, review_by_head, status, opened_at, closes_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9) RETURNING id")
            .bind(new.school.0)
            .bind(new.audience.as_str())
            .bind(&new.instrument.id)
            .bind(i64::from(new.instrument.version))
            .bind(&new.title)
            .bind(i64::from(new.threshold.get()))
            .bind(new.review_by_head)
            .bind(self.store.now())
            .bind(&new.closes_on)
            .fetch_one(&mut *conn)
            .await)?;
        Ok(SurveyId(id))
    }

    pub async fn survey(&self, id: SurveyId) -> Result<Option<SurveySummary>, StoreError> {
        let sql = format!("{SURVEY_SELECT} WHERE s.id = $1");
        let row = on_pool!(self.store, pool => sqlx::query_as::<_, SurveyRow>(sqlx::AssertSqlSafe(sql))
            .bind(id.0)
            .fetch_optional(pool)
            .await)?;
        row.map(summary).transpose()
    }

    /// A school's surveys, newest first.
    pub async fn surveys_of(&self, school: SchoolId) -> Result<Vec<SurveySummary>, StoreError> {
        let sql =
            format!("{SURVEY_SELECT} WHERE s.school_id = $1 ORDER BY s.opened_at DESC, s.id DESC");
        let rows = on_pool!(self.store, pool => sqlx::query_as::<_, SurveyRow>(sqlx::AssertSqlSafe(sql))
            .bind(school.0)
            .fetch_all(pool)
            .await)?;
        rows.into_iter().map(summary).collect()
    }

    /// Closes the window: the survey becomes `status` (awaiting review, or released).
    /// Closing a survey that is not open changes nothing.
    ///
    /// In the same transaction its responses are written again in a random order under
    /// new random ids, so neither the ids nor where the rows lie in the database
    /// (SQLite's rowid, PostgreSQL's ctid: the order they were inserted in) follow the
    /// order people answered in.
    pub async fn close(
        &self,
        tx: &mut Tx,
        survey: SurveyId,
        status: SurveyStatus,
    ) -> Result<bool, StoreError> {
        let now = self.store.now();
        let changed = on_tx!(tx, conn => sqlx::query(
            "UPDATE surveys SET status = $2, closed_at = $3,
                 released_at = CASE WHEN $2 = 'released' THEN $3 ELSE NULL END
             WHERE id = $1 AND status = 'open'")
            .bind(survey.0)
            .bind(status.as_str())
            .bind(now)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        if changed == 1 {
            self.shuffle_responses(tx, survey).await?;
        }
        Ok(changed == 1)
    }

    async fn shuffle_responses(&self, tx: &mut Tx, survey: SurveyId) -> Result<(), StoreError> {
        on_tx!(tx, conn => {
            let responses: Vec<(i64, String)> = sqlx::query_as(
                "SELECT id, group_key FROM survey_responses WHERE survey_id = $1")
                .bind(survey.0)
                .fetch_all(&mut *conn)
                .await?;
            let answers: Vec<(i64, String, i64)> = sqlx::query_as(
                "SELECT a.response_id, a.item_id, a.rating
                 FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
                 WHERE r.survey_id = $1")
                .bind(survey.0)
                .fetch_all(&mut *conn)
                .await?;
            let comments: Vec<(i64, String)> = sqlx::query_as(
                "SELECT c.response_id, c.body
                 FROM survey_comments c JOIN survey_responses r ON r.id = c.response_id
                 WHERE r.survey_id = $1")
                .bind(survey.0)
                .fetch_all(&mut *conn)
                .await?;
            // Answers and comments go with their response (ON DELETE CASCADE), and are
            // deleted explicitly too, for engines where cascades are off.
            for table in ["survey_answers", "survey_comments"] {
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DELETE FROM {table} WHERE response_id IN
                         (SELECT id FROM survey_responses WHERE survey_id = $1)")))
                    .bind(survey.0)
                    .execute(&mut *conn)
                    .await?;
            }
            sqlx::query("DELETE FROM survey_responses WHERE survey_id = $1")
                .bind(survey.0)
                .execute(&mut *conn)
                .await?;
            let mut by_response: BTreeMap<i64, Vec<(&str, i64)>> = BTreeMap::new();
            for (response, item, rating) in &answers {
                by_response.entry(*response).or_default().push((item, *rating));
            }
            for (old_id, group, new_id) in crate::diagnostic::shuffled_with_new_ids(responses) {
                sqlx::query("INSERT INTO survey_responses (id, survey_id, group_key) VALUES ($1, $2, $3)")
                    .bind(new_id)
                    .bind(survey.0)
                    .bind(&group)
                    .execute(&mut *conn)
                    .await?;
                for (item, rating) in by_response.get(&old_id).into_iter().flatten() {
                    sqlx::query("INSERT INTO survey_answers (response_id, item_id, rating) VALUES ($1, $2, $3)")
                        .bind(new_id)
                        .bind(*item)
                        .bind(*rating)
                        .execute(&mut *conn)
                        .await?;
                }
                if let Some((_, body)) = comments.iter().find(|(id, _)| *id == old_id) {
                    sqlx::query("INSERT INTO survey_comments (response_id, body) VALUES ($1, $2)")
                        .bind(new_id)
                        .bind(body)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            Ok::<(), sqlx::Error>(())
        })?;
        Ok(())
    }

    /// Releases a reviewed survey's results to leaders.
    pub async fn release(&self, tx: &mut Tx, survey: SurveyId) -> Result<bool, StoreError> {
        let changed = on_tx!(tx, conn => sqlx::query(
            "UPDATE surveys SET status = 'released', released_at = $2
             WHERE id = $1 AND status = 'awaiting_review'")
            .bind(survey.0)
            .bind(self.store.now())
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(changed == 1)
    }

    /// Dates a closed survey as held earlier (the demo's earlier wave; a school bringing
    /// in a survey it ran before).
    pub async fn set_dates(
        &self,
        tx: &mut Tx,
        survey: SurveyId,
        opened_at: i64,
        closed_at: i64,
    ) -> Result<(), StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "UPDATE surveys SET opened_at = $2, closed_at = $3,
                 released_at = CASE WHEN released_at IS NULL THEN NULL ELSE $3 END
             WHERE id = $1 AND status <> 'open'")
            .bind(survey.0)
            .bind(opened_at)
            .bind(closed_at)
            .execute(&mut *conn)
            .await
            .map(|_| ()))?;
        Ok(())
    }

    /// Staff of a school on the roster, each once, with their role and email: who a
    /// staff survey asks. Governors and people outside the school are not staff.
    pub async fn staff_roster(&self, school: SchoolId) -> Result<Vec<RosterEntry>, StoreError> {
        let rows: Vec<(i64, String, Option<String>, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT p.id, p.display_name, p.email, ra.role
             FROM role_assignments ra JOIN people p ON p.id = ra.person_id
             WHERE ra.org_id = $1 AND ra.role IN ('head', 'senior_leader', 'middle_leader',
                 'teacher', 'support_staff', 'data_manager')
             ORDER BY p.display_name, p.id, ra.role")
            .bind(school.0)
            .fetch_all(pool)
            .await)?;
        let mut staff: Vec<RosterEntry> = Vec::new();
        for (id, name, email, role) in rows {
            if staff.iter().any(|(p, ..)| p.0 == id) {
                continue;
            }
            staff.push((PersonId(id), name, email, role.parse().map_err(corrupt)?));
        }
        Ok(staff)
    }

    /// Issues a single-use link to each member of staff given (with the group their
    /// answers count in). A link not yet used is replaced (the old one then answers
    /// nothing); a used one is left alone and no new token is made for it, so nobody can
    /// answer twice. Returns the tokens made: the only time they can be read.
    pub async fn issue_staff_links(
        &self,
        tx: &mut Tx,
        survey: SurveyId,
        staff: &[StaffToLink],
    ) -> Result<Vec<IssuedLink>, StoreError> {
        let mut issued = Vec::new();
        for (person, name, email, group) in staff {
            let token = new_token();
            let hash = token_hash(&token);
            let changed = on_tx!(tx, conn => {
                let updated = sqlx::query(
                    "UPDATE survey_links SET token_hash = $3
                     WHERE survey_id = $1 AND invitee_id = $2 AND used_on IS NULL")
                    .bind(survey.0)
                    .bind(person.0)
                    .bind(&hash)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected();
                if updated == 1 {
                    Ok::<u64, sqlx::Error>(1)
                } else {
                    sqlx::query(
                        "INSERT INTO survey_links (survey_id, kind, token_hash, invitee_id, group_key)
                         SELECT $1, 'staff', $3, $2, $4 WHERE NOT EXISTS
                             (SELECT 1 FROM survey_links WHERE survey_id = $1 AND invitee_id = $2)")
                        .bind(survey.0)
                        .bind(person.0)
                        .bind(&hash)
                        .bind(group)
                        .execute(&mut *conn)
                        .await
                        .map(|r| r.rows_affected())
                }
            })?;
            if changed == 1 {
                issued.push(IssuedLink {
                    invitee: *person,
                    name: name.clone(),
                    email: email.clone(),
                    token,
                });
            }
        }
        Ok(issued)
    }

    /// The staff links of a survey not yet used, with an address to remind, marked as
    /// reminded now. Only for mailing: which links are used is never shown to anyone.
    pub async fn take_reminders(
        &self,
        tx: &mut Tx,
        survey: SurveyId,
    ) -> Result<Vec<Reminder>, StoreError> {
        let rows: Vec<(i64, String)> = on_tx!(tx, conn => sqlx::query_as(
            "SELECT p.id, p.email FROM survey_links l JOIN people p ON p.id = l.invitee_id
             WHERE l.survey_id = $1 AND l.kind = 'staff' AND l.used_on IS NULL
               AND p.email IS NOT NULL
             ORDER BY p.id")
            .bind(survey.0)
            .fetch_all(&mut *conn)
            .await)?;
        on_tx!(tx, conn => sqlx::query(
            "UPDATE survey_links SET reminded_at = $2
             WHERE survey_id = $1 AND kind = 'staff' AND used_on IS NULL")
            .bind(survey.0)
            .bind(self.store.now())
            .execute(&mut *conn)
            .await
            .map(|_| ()))?;
        Ok(rows
            .into_iter()
            .map(|(id, email)| Reminder {
                invitee: PersonId(id),
                email,
            })
            .collect())
    }

    /// Gives each registration class of the school's latest year (a class with no
    /// subject; every class of that year when the school has none) a code, keeping codes
    /// already made. Returns every class's code, by year group and name.
    pub async fn class_codes(
        &self,
        tx: &mut Tx,
        survey: &SurveySummary,
    ) -> Result<Vec<ClassCode>, StoreError> {
        let classes: Vec<(i64, Option<i64>, bool)> = on_tx!(tx, conn => sqlx::query_as(
            "SELECT c.id, c.year_group, c.subject_id IS NULL FROM classes c
             WHERE c.school_id = $1 AND c.year_id = (SELECT MAX(year_id) FROM classes WHERE school_id = $1)
             ORDER BY c.id")
            .bind(survey.school.0)
            .fetch_all(&mut *conn)
            .await)?;
        let registration = classes.iter().any(|(_, _, plain)| *plain);
        for (class, year_group, plain) in &classes {
            if registration && !plain {
                continue;
            }
            let group = year_group.map_or_else(|| WHOLE_GROUP.to_owned(), |y| format!("year-{y}"));
            on_tx!(tx, conn => sqlx::query(
                "INSERT INTO survey_links (survey_id, kind, code, class_id, group_key)
                 SELECT $1, 'class', $2, $3, $4 WHERE NOT EXISTS
                     (SELECT 1 FROM survey_links WHERE survey_id = $1 AND class_id = $3)")
                .bind(survey.id.0)
                .bind(new_code())
                .bind(*class)
                .bind(group)
                .execute(&mut *conn)
                .await
            .map(|_| ()))?;
        }
        self.issue_slips(tx, survey.id).await?;
        let rows: Vec<(i64, String, Option<i64>, String, i64)> = on_tx!(tx, conn => sqlx::query_as(
            "SELECT c.id, c.name, c.year_group, l.code,
                 (SELECT COUNT(*) FROM survey_slips s WHERE s.link_id = l.id)
             FROM survey_links l JOIN classes c ON c.id = l.class_id
             WHERE l.survey_id = $1 AND l.kind = 'class'
             ORDER BY COALESCE(c.year_group, 0), c.name, c.id")
            .bind(survey.id.0)
            .fetch_all(&mut *conn)
            .await)?;
        rows.into_iter()
            .map(|(class_id, class_name, year_group, code, slips)| {
                Ok(ClassCode {
                    class_id,
                    class_name,
                    year_group,
                    code,
                    slips: u32::try_from(slips).map_err(corrupt)?,
                })
            })
            .collect()
    }

    /// Gives every pupil enrolled in the survey's classes who has no slip yet one slip,
    /// on the sheet of the first of those classes they are in (by year group, name), so
    /// that a pupil in several classes still has one. Slips already made are kept.
    async fn issue_slips(&self, tx: &mut Tx, survey: SurveyId) -> Result<(), StoreError> {
        let rows: Vec<(i64, i64)> = on_tx!(tx, conn => sqlx::query_as(
            "SELECT e.pupil_id, l.id
             FROM enrolments e
             JOIN survey_links l ON l.class_id = e.class_id AND l.survey_id = $1 AND l.kind = 'class'
             JOIN classes c ON c.id = e.class_id
             WHERE NOT EXISTS
                 (SELECT 1 FROM survey_slips s WHERE s.survey_id = $1 AND s.pupil_id = e.pupil_id)
             ORDER BY e.pupil_id, COALESCE(c.year_group, 0), c.name, c.id")
            .bind(survey.0)
            .fetch_all(&mut *conn)
            .await)?;
        let mut last = None;
        for (pupil, link) in rows {
            if last == Some(pupil) {
                continue;
            }
            last = Some(pupil);
            on_tx!(tx, conn => sqlx::query(
                "INSERT INTO survey_slips (survey_id, link_id, pupil_id, code) VALUES ($1, $2, $3, $4)")
                .bind(survey.0)
                .bind(link)
                .bind(pupil)
                .bind(new_code())
                .execute(&mut *conn)
                .await
                .map(|_| ()))?;
        }
        Ok(())
    }

    /// The slips on one class's sheet, by the pupils' names: to print and hand out. A
    /// class that is not one of the survey's has none.
    pub async fn slips(&self, survey: SurveyId, class: i64) -> Result<Vec<Slip>, StoreError> {
        let rows: Vec<(String, String)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT COALESCE(p.display_name, p.pseudonym), s.code
             FROM survey_slips s
             JOIN survey_links l ON l.id = s.link_id
             JOIN pupils p ON p.id = s.pupil_id
             WHERE s.survey_id = $1 AND l.class_id = $2
             ORDER BY COALESCE(p.display_name, p.pseudonym), s.id")
            .bind(survey.0)
            .bind(class)
            .fetch_all(pool)
            .await)?;
        Ok(rows
            .into_iter()
            .map(|(pupil, code)| Slip { pupil, code })
            .collect())
    }

    /// The parents' code of a survey, made the first time it is asked for.
    pub async fn school_code(&self, tx: &mut Tx, survey: SurveyId) -> Result<String, StoreError> {
        on_tx!(tx, conn => sqlx::query(
            "INSERT INTO survey_links (survey_id, kind, code, group_key)
             SELECT $1, 'school', $2, $3 WHERE NOT EXISTS
                 (SELECT 1 FROM survey_links WHERE survey_id = $1 AND kind = 'school')")
            .bind(survey.0)
            .bind(new_code())
            .bind(WHOLE_GROUP)
            .execute(&mut *conn)
            .await
            .map(|_| ()))?;
        let code: String = on_tx!(tx, conn => sqlx::query_scalar(
            "SELECT code FROM survey_links WHERE survey_id = $1 AND kind = 'school'")
            .bind(survey.0)
            .fetch_one(&mut *conn)
            .await)?;
        Ok(code)
    }

    /// What a staff link opens, if it can still be answered.
    pub async fn by_token(&self, token: &str) -> Result<Result<Entry, LinkRefused>, StoreError> {
        self.entry("l.token_hash = $1", &token_hash(token)).await
    }

    /// What a parents' code opens, if its survey is open. A class code on its own opens
    /// nothing ([`LinkRefused::SlipNeeded`]): see [`Surveys::by_slip`].
    pub async fn by_code(&self, code: &str) -> Result<Result<Entry, LinkRefused>, StoreError> {
        self.entry("l.code = $1", &normalise_code(code)).await
    }

    /// What a class code with a pupil's slip opens, if the slip is one of that class's
    /// sheet, unused, and its survey open. A slip of another class or survey opens
    /// nothing.
    pub async fn by_slip(
        &self,
        class_code: &str,
        slip_code: &str,
    ) -> Result<Result<Entry, LinkRefused>, StoreError> {
        let row: Option<SlipRow> = on_pool!(self.store, pool =>
            sqlx::query_as(
                "SELECT l.id AS link, l.survey_id, l.group_key, s.id AS slip, s.used_on
                 FROM survey_slips s JOIN survey_links l ON l.id = s.link_id
                 WHERE l.kind = 'class' AND l.code = $1 AND s.code = $2 AND s.survey_id = l.survey_id")
            .bind(normalise_code(class_code))
            .bind(normalise_code(slip_code))
            .fetch_optional(pool)
            .await)?;
        let Some(SlipRow {
            link,
            survey_id: survey,
            group_key: group,
            slip,
            used_on,
        }) = row
        else {
            return Ok(Err(LinkRefused::Unknown));
        };
        let Some(survey) = self.survey(SurveyId(survey)).await? else {
            return Ok(Err(LinkRefused::Unknown));
        };
        if used_on.is_some() {
            return Ok(Err(LinkRefused::AlreadyUsed));
        }
        if !survey.status.is_open() {
            return Ok(Err(LinkRefused::Closed));
        }
        Ok(Ok(Entry {
            link,
            slip: Some(slip),
            survey,
            group: group.unwrap_or_else(|| WHOLE_GROUP.to_owned()),
        }))
    }

    async fn entry(
        &self,
        condition: &str,
        key: &str,
    ) -> Result<Result<Entry, LinkRefused>, StoreError> {
        let sql = format!(
            "SELECT l.id AS link, l.survey_id, l.group_key, l.used_on, l.kind FROM survey_links l WHERE {condition}"
        );
        let row: Option<LinkRow> = on_pool!(self.store, pool =>
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(key).fetch_optional(pool).await)?;
        let Some(LinkRow {
            link,
            survey_id: survey,
            group_key: group,
            used_on,
            kind,
        }) = row
        else {
            return Ok(Err(LinkRefused::Unknown));
        };
        let Some(survey) = self.survey(SurveyId(survey)).await? else {
            return Ok(Err(LinkRefused::Unknown));
        };
        if used_on.is_some() {
            return Ok(Err(LinkRefused::AlreadyUsed));
        }
        if !survey.status.is_open() {
            return Ok(Err(LinkRefused::Closed));
        }
        if kind == "class" {
            return Ok(Err(LinkRefused::SlipNeeded));
        }
        Ok(Ok(Entry {
            link,
            slip: None,
            survey,
            group: group.unwrap_or_else(|| WHOLE_GROUP.to_owned()),
        }))
    }

    /// Records a response through a link, in one transaction: a staff link or a pupil's
    /// slip is marked used (to the day) only if it is unused and its survey open; the
    /// parents' code only needs its survey open, and a class code answers only with a
    /// slip. The response is written with a random id, its group, and no link to the
    /// link, the slip or a person. An empty response is refused by the caller, never
    /// stored.
    pub async fn submit(
        &self,
        tx: &mut Tx,
        entry: &Entry,
        answers: &SurveyAnswers,
    ) -> Result<Result<(), LinkRefused>, StoreError> {
        let now = self.store.now();
        let today = now - now.rem_euclid(SECONDS_PER_DAY);
        let response = new_response_id();
        let outcome = on_tx!(tx, conn => {
            let claimed = match entry.slip {
                Some(slip) => sqlx::query(
                    "UPDATE survey_slips SET used_on = $2
                     WHERE id = $1 AND link_id = $3 AND used_on IS NULL
                       AND survey_id IN (SELECT id FROM surveys WHERE status = 'open')")
                    .bind(slip)
                    .bind(today)
                    .bind(entry.link)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected(),
                None => sqlx::query(
                    "UPDATE survey_links SET used_on = CASE WHEN kind = 'staff' THEN $2 ELSE used_on END
                     WHERE id = $1 AND used_on IS NULL AND kind <> 'class'
                       AND survey_id IN (SELECT id FROM surveys WHERE status = 'open')")
                    .bind(entry.link)
                    .bind(today)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected(),
            };
            if claimed != 1 {
                let state: Option<(Option<i64>, String)> = match entry.slip {
                    Some(slip) => sqlx::query_as(
                        "SELECT used_on, 'slip' FROM survey_slips WHERE id = $1 AND link_id = $2")
                        .bind(slip)
                        .bind(entry.link)
                        .fetch_optional(&mut *conn)
                        .await?,
                    None => sqlx::query_as("SELECT used_on, kind FROM survey_links WHERE id = $1")
                        .bind(entry.link)
                        .fetch_optional(&mut *conn)
                        .await?,
                };
                Ok::<_, sqlx::Error>(Err(match state {
                    None => LinkRefused::Unknown,
                    Some((Some(_), _)) => LinkRefused::AlreadyUsed,
                    Some((None, kind)) if kind == "class" => LinkRefused::SlipNeeded,
                    Some((None, _)) => LinkRefused::Closed,
                }))
            } else {
                sqlx::query(
                    "INSERT INTO survey_responses (id, survey_id, group_key)
                     SELECT $1, survey_id, COALESCE(group_key, $3) FROM survey_links WHERE id = $2")
                    .bind(response)
                    .bind(entry.link)
                    .bind(WHOLE_GROUP)
                    .execute(&mut *conn)
                    .await?;
                for (item, value) in answers.ratings() {
                    sqlx::query("INSERT INTO survey_answers (response_id, item_id, rating) VALUES ($1, $2, $3)")
                        .bind(response)
                        .bind(&item.0)
                        .bind(i64::from(value))
                        .execute(&mut *conn)
                        .await?;
                }
                if let Some(comment) = answers.comment() {
                    sqlx::query("INSERT INTO survey_comments (response_id, body) VALUES ($1, $2)")
                        .bind(response)
                        .bind(comment)
                        .execute(&mut *conn)
                        .await?;
                }
                Ok(Ok(()))
            }
        })?;
        Ok(outcome)
    }

    /// Responses per breakdown group. What may be shown of them, the caller decides with
    /// `domain::anonymity`.
    pub async fn response_counts(
        &self,
        survey: SurveyId,
    ) -> Result<Vec<(String, u32)>, StoreError> {
        let rows: Vec<(String, i64)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT group_key, COUNT(*) FROM survey_responses WHERE survey_id = $1
             GROUP BY group_key ORDER BY group_key")
            .bind(survey.0)
            .fetch_all(pool)
            .await)?;
        rows.into_iter()
            .map(|(group, n)| Ok((group, u32::try_from(n).map_err(corrupt)?)))
            .collect()
    }

    /// Staff links issued per group: how many were asked (not who answered).
    pub async fn invited_counts(
        &self,
        survey: SurveyId,
    ) -> Result<BTreeMap<String, u32>, StoreError> {
        let rows: Vec<(Option<String>, i64)> = on_pool!(self.store, pool => sqlx::query_as(
            "SELECT group_key, COUNT(*) FROM survey_links WHERE survey_id = $1 AND kind = 'staff'
             GROUP BY group_key")
            .bind(survey.0)
            .fetch_all(pool)
            .await)?;
        rows.into_iter()
            .map(|(group, n)| {
                Ok((
                    group.unwrap_or_else(|| WHOLE_GROUP.to_owned()),
                    u32::try_from(n).map_err(corrupt)?,
                ))
            })
            .collect()
    }

    /// An academic year's first and last days (ISO 8601), to find the survey waves that
    /// closed within it (a plan's survey measure is read year by year).
    pub async fn year_span(&self, year: i64) -> Result<Option<(String, String)>, StoreError> {
        Ok(
            on_pool!(self.store, pool => sqlx::query_as::<_, (String, String)>(
            "SELECT CAST(starts_on AS TEXT), CAST(ends_on AS TEXT) FROM academic_years WHERE id = $1")
            .bind(year)
            .fetch_optional(pool)
            .await)?,
        )
    }

    /// The names on a school's roster (staff, governors, pupils), masked in comments.
    pub async fn roster_names(&self, school: SchoolId) -> Result<Vec<String>, StoreError> {
        let names: Vec<String> = on_pool!(self.store, pool => sqlx::query_scalar(
            "SELECT p.display_name FROM people p
             WHERE p.id IN (SELECT person_id FROM role_assignments WHERE org_id = $1)
             UNION
             SELECT display_name FROM pupils WHERE school_id = $1 AND display_name IS NOT NULL")
            .bind(school.0)
            .fetch_all(pool)
            .await)?;
        Ok(names)
    }

    /// The results of a survey whose window has closed (`None` while it is open: then
    /// only counts are shown). Groups are given in `order` (the caller's breakdown order;
    /// any group not in it follows). The anonymity rules are applied here: the
    /// disclosure is decided from the counts, and only the answers of the groups it
    /// allows are read.
    pub async fn results(
        &self,
        survey: &SurveySummary,
        instrument: &SurveyInstrument,
        order: &[String],
        roster_names: &[String],
    ) -> Result<Option<SurveyResults<usize>>, StoreError> {
        if survey.status.is_open() {
            return Ok(None);
        }
        if instrument.key != survey.instrument {
            return Err(corrupt(format!(
                "survey {} was answered on {}, not {}",
                survey.id.0, survey.instrument, instrument.key
            )));
        }
        let counted = self.response_counts(survey.id).await?;
        let mut groups: Vec<String> = order.to_vec();
        for (group, _) in &counted {
            if !groups.contains(group) {
                groups.push(group.clone());
            }
        }
        let counts: Vec<(usize, u32)> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                (
                    i,
                    counted.iter().find(|(c, _)| c == g).map_or(0, |(_, n)| *n),
                )
            })
            .collect();
        let disclosure = groups_to_show(&counts, survey.threshold);
        let mut responses: Vec<(usize, SurveyAnswers)> = Vec::new();
        for readable in disclosure.groups_to_read() {
            let rows: Vec<(i64, String, i64)> = on_pool!(self.store, pool => sqlx::query_as(
                "SELECT a.response_id, a.item_id, a.rating
                 FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id
                 WHERE r.survey_id = $1 AND r.group_key = $2")
                .bind(survey.id.0)
                .bind(&groups[readable])
                .fetch_all(pool)
                .await)?;
            let comments: Vec<(i64, String)> = on_pool!(self.store, pool => sqlx::query_as(
                "SELECT c.response_id, c.body
                 FROM survey_comments c JOIN survey_responses r ON r.id = c.response_id
                 WHERE r.survey_id = $1 AND r.group_key = $2")
                .bind(survey.id.0)
                .bind(&groups[readable])
                .fetch_all(pool)
                .await)?;
            let mut by_response: BTreeMap<i64, ResponseRows> = BTreeMap::new();
            for (response, item, value) in rows {
                by_response
                    .entry(response)
                    .or_default()
                    .0
                    .push((ItemId(item), u8::try_from(value).map_err(corrupt)?));
            }
            for (response, body) in comments {
                by_response.entry(response).or_default().1 = Some(body);
            }
            for (_, (ratings, comment)) in by_response {
                let answers =
                    SurveyAnswers::new(instrument, ratings, comment.as_deref()).map_err(corrupt)?;
                responses.push((readable, answers));
            }
        }
        Ok(Some(build_results(
            instrument,
            &disclosure,
            &responses,
            roster_names.iter().map(String::as_str),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_easy_to_type_and_typed_codes_are_normalised() {
        let code = new_code();
        assert_eq!(code.len(), 9);
        assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        assert_eq!(normalise_code(" k7qm 4rtx "), "K7QM-4RTX");
        assert_eq!(normalise_code("k7qm-4rtx"), "K7QM-4RTX");
    }
}
