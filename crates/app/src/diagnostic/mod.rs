//! The leadership diagnostic (a 360) as use cases: opening and closing a round, the
//! self-rating and self-audit, inviting staff (in-app, by the outbox, or by email), handing
//! out an outbox link, answering, and the report for a viewer. Each asks the access policy
//! first, writes in one transaction with its audit line, and returns domain values; the web
//! words them. The anonymity rules are applied where answers are read (`store.diagnostic()`
//! asks `domain::anonymity`), and the channel counts shown are decided here by the same
//! module.

use crate::survey::SurveyError;
use crate::survey::scale::{ScaleReading, released_scale};
use std::collections::BTreeMap;

use headway_domain::access::{Action, Denied, Principal};
use headway_domain::anonymity::{CellVisibility, Threshold, partition_to_show};
use headway_domain::diagnostic::answers::AnswerSheet;
use headway_domain::diagnostic::comparison::{DimensionChange, compare_rounds};
use headway_domain::diagnostic::context::{SchoolContext, YearsInPost};
use headway_domain::diagnostic::focus::{FocusSuggestion, focus_suggestions};
use headway_domain::diagnostic::instrument::{Instrument, InstrumentKey, built_in};
use headway_domain::diagnostic::report::RoundReport;
use headway_domain::diagnostic::round::{Channel, RespondentGroup, RoundStatus};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::school::{FsmBand, FsmBandCuts};
use headway_stats::trends::ImprovementGroup;
use headway_store::diagnostic::{
    Invitation, InvitationId, NewRound, OutboxEntry, Refused, RoundId, RoundSummary, SelfAudit,
    StaffMember,
};
use headway_store::{Store, StoreError};

use crate::mail::{Mailer, Message};
use crate::progress::ProgressReports;

/// Why a diagnostic use case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum DiagnosticError {
    /// The viewer may not do this (said as such: opening a round in a school they do not
    /// lead).
    #[error("forbidden: {0}")]
    Denied(#[from] Denied),
    /// No such round, invitation or outbox, or one the viewer may not see: the two look
    /// the same, so another leader's round cannot be told from one that does not exist.
    #[error("not found")]
    NotFound,
    /// The round is closed: nothing more can be added to it.
    #[error("this round has been closed")]
    Closed,
    /// A form that asks for what cannot be done (no group chosen, a channel that does not
    /// reach the person).
    #[error("{0}")]
    Invalid(Invalid),
    /// An invitation or link that cannot be answered.
    #[error("{0}")]
    Refused(Refused),
    /// The round was answered on an instrument this release does not serve.
    #[error("instrument {} v{} is not available", .0.id, .0.version)]
    InstrumentUnavailable(InstrumentKey),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// What was wrong with a request, for the web to word.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("choose at least one group of respondents")]
    NoGroups,
    #[error("{name} cannot be invited that way")]
    ChannelDoesNotReach { person: PersonId, name: String },
    /// Nothing was answered: nothing is stored, and the invitation can still be used.
    #[error("nothing was answered")]
    NothingAnswered,
}

pub type Result<T, E = DiagnosticError> = std::result::Result<T, E>;

/// The instrument a round was answered on (the built-in one is the only one served yet).
pub fn instrument_of(key: &InstrumentKey) -> Result<&'static Instrument> {
    let instrument = built_in();
    if instrument.key == *key {
        Ok(instrument)
    } else {
        Err(DiagnosticError::InstrumentUnavailable(key.clone()))
    }
}

/// The round, once the policy says this viewer may manage it (only its leader may).
/// Another leader's round answers as one that does not exist.
pub async fn managed_round(
    store: &Store,
    viewer: &Principal,
    round: RoundId,
) -> Result<RoundSummary> {
    let round = store
        .diagnostic()
        .round(round)
        .await?
        .ok_or(DiagnosticError::NotFound)?;
    viewer
        .may(&Action::ManageDiagnosticRound {
            school: round.school,
            leader: round.leader,
        })
        .map_err(|_| DiagnosticError::NotFound)?;
    Ok(round)
}

fn require_open(round: &RoundSummary) -> Result<()> {
    if round.status == RoundStatus::Open {
        Ok(())
    } else {
        Err(DiagnosticError::Closed)
    }
}

/// The first school this viewer may lead the diagnostic in (for the self-audit).
pub fn leading_school(viewer: &Principal) -> Result<SchoolId> {
    let schools = viewer.schools();
    match schools
        .iter()
        .find(|s| viewer.may(&Action::LeadDiagnostic(**s)).is_ok())
    {
        Some(school) => Ok(*school),
        None => {
            let school = schools.first().copied().unwrap_or(SchoolId(0));
            viewer.may(&Action::LeadDiagnostic(school))?;
            Ok(school)
        }
    }
}

/// The viewer's hub: surveys they can answer, rounds they lead, and the schools where they
/// may open a round or read the outbox.
#[derive(Debug, Default)]
pub struct Hub {
    pub surveys: Vec<Invitation>,
    pub rounds: Vec<RoundSummary>,
    pub lead_in: Vec<SchoolId>,
    pub outboxes: Vec<SchoolId>,
}

pub async fn hub(store: &Store, viewer: &Principal) -> Result<Hub> {
    let diagnostic = store.diagnostic();
    let surveys = diagnostic
        .pending_invitations(viewer.person)
        .await?
        .into_iter()
        .filter(|i| {
            i.invitee.is_some_and(|invitee| {
                viewer
                    .may(&Action::AnswerDiagnosticInvitation { invitee })
                    .is_ok()
            })
        })
        .collect();
    let schools = viewer.schools();
    let lead_in: Vec<SchoolId> = schools
        .iter()
        .copied()
        .filter(|s| viewer.may(&Action::LeadDiagnostic(*s)).is_ok())
        .collect();
    let outboxes = schools
        .iter()
        .copied()
        .filter(|s| viewer.may(&Action::ReadDiagnosticOutbox(*s)).is_ok())
        .collect();
    let rounds = if lead_in.is_empty() {
        Vec::new()
    } else {
        diagnostic
            .rounds_led_by(viewer.person)
            .await?
            .into_iter()
            .filter(|r| {
                viewer
                    .may(&Action::ManageDiagnosticRound {
                        school: r.school,
                        leader: r.leader,
                    })
                    .is_ok()
            })
            .collect()
    };
    Ok(Hub {
        surveys,
        rounds,
        lead_in,
        outboxes,
    })
}

/// A round to open for the viewer, who is the leader it rates.
#[derive(Debug, Clone)]
pub struct OpenRound {
    pub school: SchoolId,
    pub groups: Vec<RespondentGroup>,
    pub threshold: Threshold,
}

/// Opens a round rating the viewer, on the built-in instrument, with its audit line, in
/// one commit.
pub async fn open_round(store: &Store, viewer: &Principal, round: OpenRound) -> Result<RoundId> {
    viewer.may(&Action::LeadDiagnostic(round.school))?;
    if round.groups.is_empty() {
        return Err(DiagnosticError::Invalid(Invalid::NoGroups));
    }
    let mut tx = store.begin().await?;
    let id = store
        .diagnostic()
        .open_round(
            &mut tx,
            &NewRound {
                school: round.school,
                leader: viewer.person,
                instrument: built_in().key.clone(),
                threshold: round.threshold,
                groups: round.groups,
            },
        )
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "diagnostic.open_round",
            &format!("round {}", id.0),
        )
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Closes the viewer's round (its answers are shuffled as it closes) with its audit line,
/// in one commit. Closing a closed round changes nothing and writes no line.
pub async fn close_round(store: &Store, viewer: &Principal, round: RoundId) -> Result<RoundId> {
    let round = managed_round(store, viewer, round).await?;
    let mut tx = store.begin().await?;
    if store.diagnostic().close_round(&mut tx, round.id).await? {
        store
            .audit_log()
            .record(
                &mut tx,
                Some(viewer.person),
                "diagnostic.close_round",
                &format!("round {}", round.id.0),
            )
            .await?;
    }
    tx.commit().await?;
    Ok(round.id)
}

/// The viewer's round to rate themselves on: theirs, and still open.
pub async fn round_to_self_rate(
    store: &Store,
    viewer: &Principal,
    round: RoundId,
) -> Result<RoundSummary> {
    let round = managed_round(store, viewer, round).await?;
    require_open(&round)?;
    Ok(round)
}

/// Saves the viewer's self-rating of their open round.
pub async fn save_self_rating(
    store: &Store,
    viewer: &Principal,
    round: RoundId,
    sheet: &AnswerSheet,
) -> Result<()> {
    let round = round_to_self_rate(store, viewer, round).await?;
    let instrument = instrument_of(&round.instrument)?;
    let mut tx = store.begin().await?;
    store
        .diagnostic()
        .save_self_rating(&mut tx, viewer.person, Some(round.id), instrument, sheet)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Saves a self-audit (the viewer's own ratings, no respondents).
pub async fn save_self_audit(store: &Store, viewer: &Principal, sheet: &AnswerSheet) -> Result<()> {
    leading_school(viewer)?;
    let mut tx = store.begin().await?;
    store
        .diagnostic()
        .save_self_rating(&mut tx, viewer.person, None, built_in(), sheet)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// An open round as its leader sees it: counts only, and the staff who can be invited.
#[derive(Debug)]
pub struct RoundStatusView {
    pub round: RoundSummary,
    pub counts: Vec<(RespondentGroup, u32)>,
    pub invited: u32,
    pub staff: Vec<(StaffMember, Vec<Channel>)>,
}

pub async fn round_status(
    store: &Store,
    viewer: &Principal,
    round: RoundId,
    email_configured: bool,
) -> Result<RoundStatusView> {
    let round = managed_round(store, viewer, round).await?;
    let diagnostic = store.diagnostic();
    let counts = diagnostic.response_counts(&round).await?;
    let invited = diagnostic.channel_counts(round.id).await?.invited;
    let staff = diagnostic
        .invitable_staff(&round)
        .await?
        .into_iter()
        .map(|s| {
            let channels = Channel::reaching(s.has_account, s.email.is_some(), email_configured);
            (s, channels)
        })
        .collect();
    Ok(RoundStatusView {
        round,
        counts,
        invited,
        staff,
    })
}

/// An email invitation whose link was issued and is to be sent.
#[derive(Debug, Clone)]
pub struct EmailToSend {
    pub invitation: InvitationId,
    pub to: String,
    pub token: String,
}

/// What inviting did: the invitations made, and the email links to send.
#[derive(Debug)]
pub struct Invited {
    pub round: RoundSummary,
    pub made: Vec<(InvitationId, PersonId, Channel)>,
    pub emails: Vec<EmailToSend>,
}

/// Invites staff of the round's school, each by the channel chosen for them (people not
/// invitable, or already invited, are passed over; a channel that does not reach a person
/// refuses the lot). The invitations, the links of the email ones and the audit line are
/// written in one commit; the caller sends the emails and reports the ones that failed
/// with [`email_not_sent`].
pub async fn invite(
    store: &Store,
    viewer: &Principal,
    round: RoundId,
    choices: &[(PersonId, Channel)],
    email_configured: bool,
) -> Result<Invited> {
    let round = managed_round(store, viewer, round).await?;
    require_open(&round)?;
    let diagnostic = store.diagnostic();
    let staff = diagnostic.invitable_staff(&round).await?;
    let mut chosen: Vec<(PersonId, RespondentGroup, Channel)> = Vec::new();
    for (person, via) in choices {
        let Some(member) = staff
            .iter()
            .find(|s| s.person == *person && s.invited.is_none())
        else {
            continue;
        };
        if !Channel::reaching(member.has_account, member.email.is_some(), email_configured)
            .contains(via)
        {
            return Err(DiagnosticError::Invalid(Invalid::ChannelDoesNotReach {
                person: *person,
                name: member.name.clone(),
            }));
        }
        chosen.push((member.person, member.group, *via));
    }
    let mut tx = store.begin().await?;
    let made = diagnostic.invite(&mut tx, round.id, &chosen).await?;
    let mut emails = Vec::new();
    for (invitation, person, _) in made.iter().filter(|(_, _, via)| *via == Channel::Email) {
        let Some(to) = staff
            .iter()
            .find(|s| s.person == *person)
            .and_then(|s| s.email.clone())
        else {
            continue;
        };
        if let Some(token) = diagnostic
            .issue_link(&mut tx, *invitation, Channel::Email)
            .await?
        {
            emails.push(EmailToSend {
                invitation: *invitation,
                to,
                token,
            });
        }
    }
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "diagnostic.invite",
            &format!("round {}: {} invited", round.id.0, made.len()),
        )
        .await?;
    tx.commit().await?;
    Ok(Invited {
        round,
        made,
        emails,
    })
}

/// Sends the email invitations [`invite`] issued, each worded by `word` (the caller's
/// language and public address), outside any transaction. One that cannot be sent has its
/// link withdrawn and waits in the outbox ([`email_not_sent`]). Returns how many were not
/// sent.
pub async fn send_email_invitations(
    store: &Store,
    viewer: &Principal,
    invited: &Invited,
    mailer: &dyn Mailer,
    word: impl Fn(&EmailToSend) -> Message,
) -> Result<u32> {
    let mut not_sent = 0;
    for email in &invited.emails {
        if let Err(e) = mailer.send(word(email)).await {
            tracing::warn!(invitation = email.invitation.0, error = %e, "a 360 invitation email was not sent");
            email_not_sent(store, viewer, invited.round.id, email.invitation).await?;
            not_sent += 1;
        }
    }
    Ok(not_sent)
}

/// An email invitation that could not be sent: its link is withdrawn and it waits in the
/// outbox. Only for the round's own leader, who just sent it, and only an invitation of
/// that round.
pub async fn email_not_sent(
    store: &Store,
    viewer: &Principal,
    round: RoundId,
    invitation: InvitationId,
) -> Result<()> {
    let round = managed_round(store, viewer, round).await?;
    let mut tx = store.begin().await?;
    store
        .diagnostic()
        .move_to_outbox(&mut tx, round.id, invitation)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The links of a school's rounds the viewer may hand out: never those of a round that
/// rates them. A school whose outbox they may not read answers as unknown.
pub async fn outbox(
    store: &Store,
    viewer: &Principal,
    school: SchoolId,
) -> Result<Vec<OutboxEntry>> {
    viewer
        .may(&Action::ReadDiagnosticOutbox(school))
        .map_err(|_| DiagnosticError::NotFound)?;
    Ok(store
        .diagnostic()
        .outbox(school)
        .await?
        .into_iter()
        .filter(|e| may_hand_out(viewer, e))
        .collect())
}

fn may_hand_out(viewer: &Principal, entry: &OutboxEntry) -> bool {
    viewer
        .may(&Action::HandOutDiagnosticLinks {
            school: entry.school,
            leader: entry.leader,
        })
        .is_ok()
}

/// Issues a new link for one outbox invitation (the old one then answers nothing), with
/// its audit line, in one commit. Returns the entry and the token, shown this once.
/// Another school's, the rated leader's own, an answered one: all answer as unknown.
pub async fn issue_outbox_link(
    store: &Store,
    viewer: &Principal,
    invitation: InvitationId,
) -> Result<(OutboxEntry, String)> {
    let diagnostic = store.diagnostic();
    let entry = diagnostic
        .outbox_entry(invitation)
        .await?
        .ok_or(DiagnosticError::NotFound)?;
    if !may_hand_out(viewer, &entry) {
        return Err(DiagnosticError::NotFound);
    }
    let mut tx = store.begin().await?;
    let token = diagnostic
        .issue_link(&mut tx, entry.invitation, Channel::Outbox)
        .await?
        .ok_or(DiagnosticError::NotFound)?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "diagnostic.issue_link",
            &format!("invitation {}", entry.invitation.0),
        )
        .await?;
    tx.commit().await?;
    Ok((entry, token))
}

fn refusal(why: Refused) -> DiagnosticError {
    match why {
        Refused::Unknown => DiagnosticError::NotFound,
        why => DiagnosticError::Refused(why),
    }
}

/// An in-app invitation the viewer may answer. Someone else's answers as unknown.
pub async fn in_app_invitation(
    store: &Store,
    viewer: &Principal,
    invitation: InvitationId,
) -> Result<Invitation> {
    let invitation = store
        .diagnostic()
        .in_app_invitation(invitation)
        .await?
        .map_err(refusal)?;
    let invitee = invitation.invitee.ok_or(DiagnosticError::NotFound)?;
    viewer
        .may(&Action::AnswerDiagnosticInvitation { invitee })
        .map_err(|_| DiagnosticError::NotFound)?;
    Ok(invitation)
}

/// The invitation behind a link, if it can still be answered.
pub async fn link_invitation(store: &Store, token: &str) -> Result<Invitation> {
    store
        .diagnostic()
        .link_invitation(token)
        .await?
        .map_err(refusal)
}

/// Records a response, once. A sheet with nothing answered is not a response: it is not
/// stored or counted, and the invitation stays unused.
async fn submit(store: &Store, invitation: &Invitation, sheet: &AnswerSheet) -> Result<()> {
    if sheet.is_empty() {
        return Err(DiagnosticError::Invalid(Invalid::NothingAnswered));
    }
    let instrument = instrument_of(&invitation.instrument)?;
    let mut tx = store.begin().await?;
    let outcome = store
        .diagnostic()
        .submit_response(&mut tx, invitation.id, sheet, instrument)
        .await?;
    match outcome {
        Ok(()) => {
            tx.commit().await?;
            Ok(())
        }
        Err(why) => Err(refusal(why)),
    }
}

/// Answers the viewer's own in-app invitation, once: the invitation is marked used and the
/// response written, unlinked to either, in one commit.
pub async fn answer_in_app(
    store: &Store,
    viewer: &Principal,
    invitation: InvitationId,
    sheet: &AnswerSheet,
) -> Result<()> {
    let invitation = in_app_invitation(store, viewer, invitation).await?;
    submit(store, &invitation, sheet).await
}

/// Answers by a link, once.
pub async fn answer_link(store: &Store, token: &str, sheet: &AnswerSheet) -> Result<()> {
    let invitation = link_invitation(store, token).await?;
    submit(store, &invitation, sheet).await
}

/// The school facts the focus rules read, with the figures behind them.
#[derive(Debug, Clone)]
pub struct SchoolFacts {
    pub context: SchoolContext,
    pub years_in_post: Option<YearsInPost>,
    pub fsm_band: FsmBand,
    pub fsm_share: f64,
    /// How the school's results have moved, as the progress figures say.
    pub improvement: Option<ImprovementGroup>,
}

/// The school's context for the focus rules: the head's years in post (to the store's
/// clock), the school's FSM band (by the deployment's cut points) and its improvement
/// group (from the progress figures).
pub async fn school_facts(
    store: &Store,
    progress: &ProgressReports<'_>,
    school: SchoolId,
    cuts: FsmBandCuts,
) -> Result<SchoolFacts> {
    let summary = store
        .roster()
        .school(school)
        .await?
        .ok_or(DiagnosticError::NotFound)?;
    let today = time::OffsetDateTime::from_unix_timestamp(store.now())
        .map_err(|e| StoreError::Internal(e.to_string()))?
        .date();
    let years = summary
        .head_started_on
        .map(|started| YearsInPost::between(started, today));
    let band = cuts.band(summary.fsm_share);
    let version = store.data_version().await?;
    let group = progress.school_improvement_group(version, school).await?;
    Ok(SchoolFacts {
        context: SchoolContext {
            years_in_post: years,
            fsm_band: Some(band),
            improvement_group: group.map(Into::into),
            phase: summary.phase.parse().ok(),
        },
        years_in_post: years,
        fsm_band: band,
        fsm_share: summary.fsm_share,
        improvement: group,
    })
}

/// The report of a closed round for its leader.
#[derive(Debug)]
pub struct DiagnosticReport {
    pub round: RoundSummary,
    pub instrument: &'static Instrument,
    pub report: RoundReport<RespondentGroup>,
    /// Responses per group asked.
    pub counts: BTreeMap<RespondentGroup, u32>,
    /// Responses by channel, each shown or hidden as a part of the whole.
    pub channels: Vec<(Channel, u32, CellVisibility)>,
    pub facts: SchoolFacts,
    pub focus: Vec<FocusSuggestion>,
    /// The leader's closed round before this one, and how all others' ratings moved.
    pub previous: Option<(RoundSummary, Vec<DimensionChange>)>,
    /// The staff climate survey's "orderly and supportive environment" scale, beside
    /// dimension 5: the school's latest released wave, for a viewer who reads the
    /// school's survey results (`None` otherwise, or when no wave has been released).
    pub climate: Option<ScaleReading>,
}

/// The staff survey scale that speaks to dimension 5, an orderly and supportive
/// environment (instrument id, scale id).
pub const CLIMATE_SCALE: (&str, &str) = ("staff-climate", "orderly_environment");

/// The report of the viewer's round, `None` while it is open (then only counts are shown).
pub async fn report(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    round: RoundId,
    cuts: FsmBandCuts,
) -> Result<Option<DiagnosticReport>> {
    let round = managed_round(store, viewer, round).await?;
    let instrument = instrument_of(&round.instrument)?;
    let diagnostic = store.diagnostic();
    let Some(report) = diagnostic.round_report(&round, instrument).await? else {
        return Ok(None);
    };
    let counts: BTreeMap<RespondentGroup, u32> = diagnostic
        .response_counts(&round)
        .await?
        .into_iter()
        .collect();
    let channel_counts = diagnostic.channel_counts(round.id).await?;
    let parts: Vec<u32> = Channel::ALL
        .iter()
        .map(|c| channel_counts.answered_by(*c))
        .collect();
    let shown = partition_to_show(counts.values().sum(), &parts, round.threshold);
    let channels = Channel::ALL
        .iter()
        .zip(parts.iter().zip(shown.parts))
        .map(|(via, (count, visibility))| (*via, *count, visibility))
        .collect();
    let facts = school_facts(store, progress, round.school, cuts).await?;
    let focus = focus_suggestions(instrument, &report.others_dimension_means(), &facts.context);
    let previous = match diagnostic.previous_round(&round).await? {
        Some(previous_id) => {
            let previous = diagnostic
                .round(previous_id)
                .await?
                .ok_or(DiagnosticError::NotFound)?;
            let previous_report = match instrument_of(&previous.instrument) {
                Ok(i) => diagnostic.round_report(&previous, i).await?,
                Err(_) => None,
            };
            let changes = match (
                previous_report.as_ref().and_then(|r| r.all_others.as_ref()),
                report.all_others.as_ref(),
            ) {
                (Some(before), Some(now)) => {
                    compare_rounds(&before.scores.dimensions, &now.scores.dimensions)
                }
                _ => Vec::new(),
            };
            Some((previous, changes))
        }
        None => None,
    };
    let climate = if viewer.may(&Action::ViewSurveyResults(round.school)).is_ok() {
        match released_scale(store, round.school, CLIMATE_SCALE.0, CLIMATE_SCALE.1, None).await {
            Ok(reading) => reading,
            Err(SurveyError::Store(e)) => return Err(e.into()),
            // A wave on a survey this release does not serve: nothing to show beside it.
            Err(_) => None,
        }
    } else {
        None
    };
    Ok(Some(DiagnosticReport {
        round,
        instrument,
        report,
        counts,
        channels,
        facts,
        focus,
        previous,
        climate,
    }))
}

/// The viewer's latest self-audit, with the focus suggestions for their school.
#[derive(Debug)]
pub struct SelfAuditReport {
    pub audit: SelfAudit,
    pub facts: SchoolFacts,
    pub focus: Vec<FocusSuggestion>,
}

pub async fn self_audit(
    store: &Store,
    progress: &ProgressReports<'_>,
    viewer: &Principal,
    cuts: FsmBandCuts,
) -> Result<Option<SelfAuditReport>> {
    let school = leading_school(viewer)?;
    let instrument = built_in();
    let Some(audit) = store
        .diagnostic()
        .latest_self_audit(viewer.person, instrument)
        .await?
    else {
        return Ok(None);
    };
    let facts = school_facts(store, progress, school, cuts).await?;
    let focus = focus_suggestions(instrument, &audit.scores.dimensions, &facts.context);
    Ok(Some(SelfAuditReport {
        audit,
        facts,
        focus,
    }))
}
