//! Surveys of staff, pupils and parents as use cases: opening a wave, handing out its
//! ways in (single-use staff links, by email or to copy; a printable sheet per class; a
//! code for parents), reminding those who have not answered without anyone learning who
//! has, answering, closing the window, the head's review and release, and the results
//! for a viewer. Each asks the access policy first, writes in one transaction with its
//! audit line, and returns domain values; the web words them. The anonymity rules are
//! applied where answers are read (`store.surveys()` asks `domain::anonymity`), and the
//! response counts shown while a survey is open are decided here by the same module.

use headway_domain::access::{Action, Denied, Principal, SurveyReading};
use headway_domain::anonymity::{CellVisibility, Threshold, partition_to_show};
use headway_domain::diagnostic::round::RespondentGroup;
use headway_domain::ids::SchoolId;
use headway_domain::survey::answers::SurveyAnswers;
use headway_domain::survey::instrument::{Audience, ScaleId, SurveyInstrument, built_in, find};
use headway_domain::survey::report::SurveyResults;
use headway_domain::survey::scoring::change;
use headway_domain::survey::window::SurveyStatus;
use headway_stats::scales::Change;
use headway_store::survey::{
    ClassCode, Entry, IssuedLink, LinkRefused, NewSurvey, Slip, SurveyId, SurveySummary,
};
use headway_store::{Store, StoreError};

use crate::mail::{Mailer, Message};

pub mod scale;

/// Why a survey use case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum SurveyError {
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    /// No such survey, or one of a school the viewer has no part in: the two look the
    /// same.
    #[error("not found")]
    NotFound,
    /// The window has closed: nothing more can be handed out or answered.
    #[error("this survey has closed")]
    Closed,
    /// Results are not open yet, and when they will be.
    #[error("the results have not been released")]
    NotReleased(NotYet),
    /// A way in that does not suit the survey's audience (class sheets for a staff survey).
    #[error("this survey is not for that audience")]
    WrongAudience,
    /// Nothing was answered: nothing is stored and the link still works.
    #[error("nothing was answered")]
    NothingAnswered,
    /// A link or code that answers nothing.
    #[error("this link cannot be used")]
    Refused(LinkRefused),
    #[error("survey {0} is not available in this release")]
    InstrumentUnavailable(String),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

pub type Result<T, E = SurveyError> = std::result::Result<T, E>;

/// Why a survey's results are not open yet, so the page can say when they will be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotYet {
    /// The window is open: results open after it closes (on the planned day, if one is
    /// set: ISO 8601), never while people are still answering.
    Open { closes_on: Option<String> },
    /// The window closed (unix seconds) and the head reviews the results before release.
    InReview { closed_at: Option<i64> },
}

impl NotYet {
    fn of(survey: &SurveySummary) -> NotYet {
        if survey.status.is_open() {
            NotYet::Open {
                closes_on: survey.closes_on.clone(),
            }
        } else {
            NotYet::InReview {
                closed_at: survey.closed_at,
            }
        }
    }
}

/// The survey a wave was answered on.
pub fn instrument_of(survey: &SurveySummary) -> Result<&'static SurveyInstrument> {
    find(&survey.instrument)
        .ok_or_else(|| SurveyError::InstrumentUnavailable(survey.instrument.to_string()))
}

/// The breakdown groups of an audience, in the order results list them: staff by their
/// group in the school (as the 360 groups them), pupils by year group, parents not
/// broken down.
pub fn breakdown_order(audience: Audience) -> Vec<String> {
    match audience {
        Audience::Staff => RespondentGroup::ALL
            .into_iter()
            .filter(|g| *g != RespondentGroup::Governors)
            .map(|g| g.as_str().to_owned())
            .collect(),
        Audience::Pupils => (1..=14).map(|y| format!("year-{y}")).collect(),
        Audience::Parents => vec![headway_store::survey::WHOLE_GROUP.to_owned()],
    }
}

/// The survey, once the policy allows `action` in its school. A survey of a school the
/// viewer has no part in answers as one that does not exist.
async fn survey_for(
    store: &Store,
    viewer: &Principal,
    survey: SurveyId,
    action: fn(SchoolId) -> Action,
) -> Result<SurveySummary> {
    let summary = store
        .surveys()
        .survey(survey)
        .await?
        .ok_or(SurveyError::NotFound)?;
    match viewer.may(&action(summary.school)) {
        Ok(()) => Ok(summary),
        Err(Denied::NotInSchool) => Err(SurveyError::NotFound),
        Err(denied) => Err(denied.into()),
    }
}

/// A school's surveys, for those who run them or read their results.
#[derive(Debug)]
pub struct Hub {
    pub school: SchoolId,
    pub surveys: Vec<SurveySummary>,
    pub may_run: bool,
    pub may_release: bool,
}

pub async fn hub(store: &Store, viewer: &Principal, school: SchoolId) -> Result<Hub> {
    let may_run = viewer.may(&Action::RunSurveys(school)).is_ok();
    if !may_run {
        viewer.may(&Action::ViewSurveyResults(school))?;
    }
    Ok(Hub {
        school,
        surveys: store.surveys().surveys_of(school).await?,
        may_run,
        may_release: viewer.may(&Action::ReleaseSurveyResults(school)).is_ok(),
    })
}

/// The first school where the viewer runs or reads surveys.
pub fn survey_school(viewer: &Principal) -> Result<SchoolId> {
    let schools = viewer.schools();
    schools
        .iter()
        .copied()
        .find(|s| viewer.may(&Action::RunSurveys(*s)).is_ok())
        .or_else(|| {
            schools
                .iter()
                .copied()
                .find(|s| viewer.may(&Action::ViewSurveyResults(*s)).is_ok())
        })
        .ok_or(SurveyError::Denied(Denied::NeedsRole(
            "head, senior leader or governor",
        )))
}

/// What a new wave needs.
#[derive(Debug, Clone)]
pub struct OpenSurvey {
    pub school: SchoolId,
    pub audience: Audience,
    pub title: String,
    pub threshold: Threshold,
    pub review_by_head: bool,
    pub closes_on: Option<String>,
}

pub async fn open_survey(store: &Store, viewer: &Principal, new: OpenSurvey) -> Result<SurveyId> {
    viewer.may(&Action::RunSurveys(new.school))?;
    let mut tx = store.begin().await?;
    let id = store
        .surveys()
        .open_survey(
            &mut tx,
            &NewSurvey {
                school: new.school,
                audience: new.audience,
                instrument: built_in(new.audience).key.clone(),
                title: new.title,
                threshold: new.threshold,
                review_by_head: new.review_by_head,
                closes_on: new.closes_on,
            },
        )
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "survey.open",
            &format!("survey {} ({})", id.0, new.audience),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// How many have answered, while a survey is open: per group only where at least k
/// answered and no smaller group could be worked out from the total (the cell rules of
/// `domain::anonymity`), and how many staff links were handed out per group.
#[derive(Debug)]
pub struct Progress {
    pub survey: SurveySummary,
    /// Everyone who answered, when at least k.
    pub answered: Option<u32>,
    /// `(group, answered when shown, staff links handed out)`.
    pub groups: Vec<(String, Option<u32>, u32)>,
}

pub async fn progress(store: &Store, viewer: &Principal, survey: SurveyId) -> Result<Progress> {
    let survey = survey_for(store, viewer, survey, Action::RunSurveys).await?;
    let counts = store.surveys().response_counts(survey.id).await?;
    let invited = store.surveys().invited_counts(survey.id).await?;
    let order = breakdown_order(survey.audience);
    let parts: Vec<u32> = order
        .iter()
        .map(|g| counts.iter().find(|(c, _)| c == g).map_or(0, |(_, n)| *n))
        .collect();
    let total: u32 = counts.iter().map(|(_, n)| n).sum();
    let shown = partition_to_show(total, &parts, survey.threshold);
    let groups = order
        .iter()
        .zip(parts.iter().zip(&shown.parts))
        .filter(|(g, (n, _))| **n > 0 || invited.contains_key(*g))
        .map(|(g, (n, visibility))| {
            (
                g.clone(),
                visibility.is_shown().then_some(*n),
                invited.get(g).copied().unwrap_or(0),
            )
        })
        .collect();
    Ok(Progress {
        answered: (shown.total == CellVisibility::Shown).then_some(total),
        survey,
        groups,
    })
}

async fn open_survey_of_audience(
    store: &Store,
    viewer: &Principal,
    survey: SurveyId,
    audience: Audience,
) -> Result<SurveySummary> {
    let survey = survey_for(store, viewer, survey, Action::RunSurveys).await?;
    if survey.audience != audience {
        return Err(SurveyError::WrongAudience);
    }
    if !survey.status.is_open() {
        return Err(SurveyError::Closed);
    }
    Ok(survey)
}

/// Issues a single-use link to every member of staff on the school's roster (a link not
/// yet used is replaced; a used one is not, and nothing says which). Returns the links,
/// to be mailed or copied now: their tokens are not kept.
pub async fn issue_staff_links(
    store: &Store,
    viewer: &Principal,
    survey: SurveyId,
) -> Result<(SurveySummary, Vec<IssuedLink>)> {
    let survey = open_survey_of_audience(store, viewer, survey, Audience::Staff).await?;
    let staff: Vec<_> = store
        .surveys()
        .staff_roster(survey.school)
        .await?
        .into_iter()
        .filter_map(|(person, name, email, role)| {
            RespondentGroup::of_role(role)
                .map(|group| (person, name, email, group.as_str().to_owned()))
        })
        .collect();
    let mut tx = store.begin().await?;
    let links = store
        .surveys()
        .issue_staff_links(&mut tx, survey.id, &staff)
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "survey.issue_links",
            &format!("survey {}: {} links", survey.id.0, links.len()),
        )
        .await?;
    tx.commit().await?;
    Ok((survey, links))
}

/// Mails each link with an address; returns the links that could not be mailed (no
/// address, or the send failed), to be handed out from the page instead.
pub async fn mail_links(
    mailer: &dyn Mailer,
    links: Vec<IssuedLink>,
    word: impl Fn(&IssuedLink, &str) -> Message,
) -> Vec<IssuedLink> {
    let mut not_sent = Vec::new();
    for link in links {
        let Some(to) = link.email.clone() else {
            not_sent.push(link);
            continue;
        };
        if mailer.send(word(&link, &to)).await.is_err() {
            not_sent.push(link);
        }
    }
    not_sent
}

/// Reminds everyone whose link is unused, by email, without anyone learning who: the
/// store hands the addresses only to the mailer, and the page says how many reminders
/// went out only when at least k did. Each reminder carries a new link (the old one then
/// answers nothing). Returns the number sent.
pub async fn remind(
    store: &Store,
    viewer: &Principal,
    survey: SurveyId,
    mailer: &dyn Mailer,
    word: impl Fn(&str, &str) -> Message,
) -> Result<u32> {
    let survey = open_survey_of_audience(store, viewer, survey, Audience::Staff).await?;
    let mut tx = store.begin().await?;
    let reminders = store.surveys().take_reminders(&mut tx, survey.id).await?;
    let roster = store.surveys().staff_roster(survey.school).await?;
    let again: Vec<_> = roster
        .into_iter()
        .filter(|(person, ..)| reminders.iter().any(|r| r.invitee == *person))
        .filter_map(|(person, name, email, role)| {
            RespondentGroup::of_role(role).map(|g| (person, name, email, g.as_str().to_owned()))
        })
        .collect();
    let links = store
        .surveys()
        .issue_staff_links(&mut tx, survey.id, &again)
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "survey.remind",
            &format!("survey {}", survey.id.0),
        )
        .await?;
    tx.commit().await?;
    let mut sent = 0;
    for link in links {
        if let Some(to) = &link.email
            && mailer.send(word(to, &link.token)).await.is_ok()
        {
            sent += 1;
        }
    }
    Ok(sent)
}

/// The codes of a pupil survey, one per class, for the printed sheets; every pupil on
/// the classes' rosters gets a slip on one of them.
pub async fn class_sheets(
    store: &Store,
    viewer: &Principal,
    survey: SurveyId,
) -> Result<(SurveySummary, Vec<ClassCode>)> {
    let survey = open_survey_of_audience(store, viewer, survey, Audience::Pupils).await?;
    let mut tx = store.begin().await?;
    let codes = store.surveys().class_codes(&mut tx, &survey).await?;
    tx.commit().await?;
    Ok((survey, codes))
}

/// One class's sheet of a pupil survey: its code and a slip for each of its pupils (a
/// pupil's personal single-use code, with their name so that the teacher can hand it
/// out). Nothing on it says whether a slip has been used. A class that is not one of
/// the survey's answers as one that does not exist.
pub async fn class_slips(
    store: &Store,
    viewer: &Principal,
    survey: SurveyId,
    class: i64,
) -> Result<(SurveySummary, ClassCode, Vec<Slip>)> {
    let (survey, codes) = class_sheets(store, viewer, survey).await?;
    let code = codes
        .into_iter()
        .find(|c| c.class_id == class)
        .ok_or(SurveyError::NotFound)?;
    let slips = store.surveys().slips(survey.id, class).await?;
    Ok((survey, code, slips))
}

/// The parents' code of a parent survey.
pub async fn parents_code(
    store: &Store,
    viewer: &Principal,
    survey: SurveyId,
) -> Result<(SurveySummary, String)> {
    let survey = open_survey_of_audience(store, viewer, survey, Audience::Parents).await?;
    let mut tx = store.begin().await?;
    let code = store.surveys().school_code(&mut tx, survey.id).await?;
    tx.commit().await?;
    Ok((survey, code))
}

fn refused(why: LinkRefused) -> SurveyError {
    SurveyError::Refused(why)
}

/// What a staff link opens.
pub async fn by_token(store: &Store, token: &str) -> Result<Entry> {
    store.surveys().by_token(token).await?.map_err(refused)
}

/// What a parents' code opens (a class code alone is refused: it needs a slip).
pub async fn by_code(store: &Store, code: &str) -> Result<Entry> {
    store.surveys().by_code(code).await?.map_err(refused)
}

/// What a class code with a pupil's slip opens: one answer, then the slip is used.
pub async fn by_slip(store: &Store, class_code: &str, slip_code: &str) -> Result<Entry> {
    store
        .surveys()
        .by_slip(class_code, slip_code)
        .await?
        .map_err(refused)
}

/// Records an answer through a link or code. An empty one is not stored, not counted,
/// and leaves a staff link unused.
pub async fn answer(store: &Store, entry: &Entry, answers: &SurveyAnswers) -> Result<()> {
    if answers.is_empty() {
        return Err(SurveyError::NothingAnswered);
    }
    let mut tx = store.begin().await?;
    match store.surveys().submit(&mut tx, entry, answers).await? {
        Ok(()) => {
            tx.commit().await?;
            Ok(())
        }
        Err(why) => Err(refused(why)),
    }
}

/// Closes the window. When the head asked to review the results first they wait for the
/// head's release; otherwise they are released now.
pub async fn close(store: &Store, viewer: &Principal, survey: SurveyId) -> Result<SurveyStatus> {
    let survey = survey_for(store, viewer, survey, Action::RunSurveys).await?;
    let status = SurveyStatus::on_close(survey.review_by_head);
    let mut tx = store.begin().await?;
    if store.surveys().close(&mut tx, survey.id, status).await? {
        store
            .audit_log()
            .record(
                &mut tx,
                Some(viewer.person),
                "survey.close",
                &format!("survey {}", survey.id.0),
            )
            .await?;
    }
    tx.commit().await?;
    Ok(status)
}

/// The head releases reviewed results to leaders and governors.
pub async fn release(store: &Store, viewer: &Principal, survey: SurveyId) -> Result<()> {
    let survey = survey_for(store, viewer, survey, Action::ReleaseSurveyResults).await?;
    let mut tx = store.begin().await?;
    if store.surveys().release(&mut tx, survey.id).await? {
        store
            .audit_log()
            .record(
                &mut tx,
                Some(viewer.person),
                "survey.release",
                &format!("survey {}", survey.id.0),
            )
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A wave's results for a viewer, with the change on each scale since the previous
/// released wave of the same survey in the school.
#[derive(Debug)]
pub struct Results {
    pub survey: SurveySummary,
    pub instrument: &'static SurveyInstrument,
    pub reading: SurveyReading,
    /// Group keys; the results' rows name groups by index into this.
    pub groups: Vec<String>,
    pub results: SurveyResults<usize>,
    pub previous: Option<SurveySummary>,
    pub changes: Vec<(ScaleId, Option<Change>)>,
    /// The head reading before releasing.
    pub in_review: bool,
}

pub async fn results(store: &Store, viewer: &Principal, survey: SurveyId) -> Result<Results> {
    let survey = survey_for(store, viewer, survey, Action::ViewSurveyResults).await?;
    let reading = viewer
        .survey_reading(survey.school)
        .ok_or(SurveyError::NotFound)?;
    let in_review = survey.status == SurveyStatus::AwaitingReview
        && viewer
            .may(&Action::ReleaseSurveyResults(survey.school))
            .is_ok();
    if !survey.status.is_released() && !in_review {
        return Err(SurveyError::NotReleased(NotYet::of(&survey)));
    }
    let instrument = instrument_of(&survey)?;
    let groups = breakdown_order(survey.audience);
    let names = store.surveys().roster_names(survey.school).await?;
    let full = store
        .surveys()
        .results(&survey, instrument, &groups, &names)
        .await?
        .ok_or_else(|| SurveyError::NotReleased(NotYet::of(&survey)))?;
    let mut groups = groups;
    for (group, _) in store.surveys().response_counts(survey.id).await? {
        if !groups.contains(&group) {
            groups.push(group);
        }
    }
    let results = match reading {
        SurveyReading::Whole => full,
        SurveyReading::WholeSchool => full.whole_school_only(),
    };
    let previous = store
        .surveys()
        .surveys_of(survey.school)
        .await?
        .into_iter()
        .find(|s| {
            s.instrument == survey.instrument
                && s.status.is_released()
                && (s.opened_at, s.id) < (survey.opened_at, survey.id)
        });
    let mut changes = Vec::new();
    if let Some(previous) = &previous {
        let earlier = store
            .surveys()
            .results(
                previous,
                instrument,
                &breakdown_order(previous.audience),
                &[],
            )
            .await?;
        for scale in &instrument.scales {
            let before = earlier.as_ref().and_then(|r| r.whole_scale(&scale.id));
            let now = results.whole_scale(&scale.id);
            changes.push((
                scale.id.clone(),
                before.zip(now).and_then(|(b, n)| change(b, n)),
            ));
        }
    }
    Ok(Results {
        survey,
        instrument,
        reading,
        groups,
        results,
        previous,
        changes,
        in_review,
    })
}
