//! The diagnostic's storage: rounds, invitations that name their invitee (in-app, or a
//! single-use link issued from the outbox or by email), and anonymity enforced where the
//! answers are read.

use crate::harness::{RawPool, small_world, stores, stores_with_raw_pools};
use headway_domain::account::Email;
use headway_domain::anonymity::{GroupVisibility, Threshold};
use headway_domain::diagnostic::Dimension;
use headway_domain::diagnostic::answers::{Answer, AnswerSheet};
use headway_domain::diagnostic::instrument::{Instrument, ItemId, built_in};
use headway_domain::diagnostic::round::{Channel, RespondentGroup, RoundStatus};
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use headway_store::diagnostic::{InvitationId, NewRound, Refused, RoundId, RoundSummary};
use headway_store::{Store, StoreError};
use std::sync::atomic::{AtomicUsize, Ordering};

const HEAD: PersonId = PersonId(1);
const TEACHER: PersonId = PersonId(2);
const SCHOOL: SchoolId = SchoolId(3);

// The writes, each in a transaction of its own (a use case combines them with others).

async fn open_round(store: &Store, round: &NewRound) -> Result<RoundId, StoreError> {
    let mut tx = store.begin().await?;
    let id = store.diagnostic().open_round(&mut tx, round).await?;
    tx.commit().await?;
    Ok(id)
}

async fn close_round(store: &Store, round: RoundId) -> Result<bool, StoreError> {
    let mut tx = store.begin().await?;
    let closed = store.diagnostic().close_round(&mut tx, round).await?;
    tx.commit().await?;
    Ok(closed)
}

async fn submit_response(
    store: &Store,
    invitation: InvitationId,
    sheet: &AnswerSheet,
    instrument: &Instrument,
) -> Result<Result<(), Refused>, StoreError> {
    let mut tx = store.begin().await?;
    let outcome = store
        .diagnostic()
        .submit_response(&mut tx, invitation, sheet, instrument)
        .await?;
    tx.commit().await?;
    Ok(outcome)
}

async fn save_self_rating(
    store: &Store,
    person: PersonId,
    round: Option<RoundId>,
    instrument: &Instrument,
    sheet: &AnswerSheet,
) -> Result<(), StoreError> {
    let mut tx = store.begin().await?;
    store
        .diagnostic()
        .save_self_rating(&mut tx, person, round, instrument, sheet)
        .await?;
    tx.commit().await
}

async fn invite(
    store: &Store,
    round: RoundId,
    people: &[(PersonId, RespondentGroup, Channel)],
) -> Result<Vec<(InvitationId, PersonId, Channel)>, StoreError> {
    let mut tx = store.begin().await?;
    let made = store.diagnostic().invite(&mut tx, round, people).await?;
    tx.commit().await?;
    Ok(made)
}

async fn issue_link(
    store: &Store,
    invitation: InvitationId,
    via: Channel,
) -> Result<Option<String>, StoreError> {
    let mut tx = store.begin().await?;
    let token = store
        .diagnostic()
        .issue_link(&mut tx, invitation, via)
        .await?;
    tx.commit().await?;
    Ok(token)
}

async fn move_to_outbox(
    store: &Store,
    round: RoundId,
    invitation: InvitationId,
) -> Result<(), StoreError> {
    let mut tx = store.begin().await?;
    store
        .diagnostic()
        .move_to_outbox(&mut tx, round, invitation)
        .await?;
    tx.commit().await
}

async fn set_round_dates(
    store: &Store,
    round: RoundId,
    opened_at: i64,
    closed_at: i64,
) -> Result<(), StoreError> {
    let mut tx = store.begin().await?;
    store
        .diagnostic()
        .set_round_dates(&mut tx, round, opened_at, closed_at)
        .await?;
    tx.commit().await
}

/// `n` new members of staff of the school, in `group`, without an account.
async fn new_staff(store: &Store, group: RespondentGroup, n: usize) -> Vec<PersonId> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let role = match group {
        RespondentGroup::SeniorLeaders => Role::SeniorLeader,
        RespondentGroup::MiddleLeaders => Role::MiddleLeader,
        RespondentGroup::Teachers => Role::Teacher,
        RespondentGroup::SupportStaff => Role::SupportStaff,
        RespondentGroup::Governors => Role::Governor,
    };
    let mut people = Vec::new();
    for _ in 0..n {
        let at = NEXT.fetch_add(1, Ordering::Relaxed);
        let email = Email::parse(&format!("staff{at}@a.test")).unwrap();
        let mut tx = store.begin().await.unwrap();
        let accounts = store.accounts();
        let person = accounts
            .add_person(&mut tx, &email, &format!("Staff {at}"), "unusable")
            .await
            .unwrap();
        accounts
            .grant_role(&mut tx, person, role, OrgId(SCHOOL.0), None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        people.push(person);
    }
    people
}

/// `n` new staff in `group` invited through the outbox, each link issued: the tokens.
async fn links(store: &Store, round: RoundId, group: RespondentGroup, n: usize) -> Vec<String> {
    let people = new_staff(store, group, n).await;
    let invited: Vec<_> = people
        .iter()
        .map(|p| (*p, group, Channel::Outbox))
        .collect();
    let made = invite(store, round, &invited).await.unwrap();
    assert_eq!(made.len(), n);
    let mut tokens = Vec::new();
    for (invitation, _, _) in made {
        tokens.push(
            issue_link(store, invitation, Channel::Outbox)
                .await
                .unwrap()
                .unwrap(),
        );
    }
    tokens
}

fn uniform(value: u8) -> AnswerSheet {
    let instrument = built_in();
    AnswerSheet::new(
        instrument,
        instrument
            .items()
            .iter()
            .map(|item| (item.id.clone(), Answer::Rating(value))),
    )
    .unwrap()
}

async fn open(store: &Store, groups: &[RespondentGroup]) -> RoundSummary {
    store.insert_world(&small_world()).await.unwrap();
    let id = open_round(
        store,
        &NewRound {
            school: SCHOOL,
            leader: HEAD,
            instrument: built_in().key.clone(),
            threshold: Threshold::default(),
            groups: groups.to_vec(),
        },
    )
    .await
    .unwrap();
    store.diagnostic().round(id).await.unwrap().unwrap()
}

async fn answer_by_links(store: &Store, round: RoundId, group: RespondentGroup, values: &[u8]) {
    let instrument: &Instrument = built_in();
    let tokens = links(store, round, group, values.len()).await;
    for (token, value) in tokens.iter().zip(values) {
        let invitation = store
            .diagnostic()
            .link_invitation(token)
            .await
            .unwrap()
            .unwrap();
        submit_response(store, invitation.id, &uniform(*value), instrument)
            .await
            .unwrap()
            .unwrap();
    }
}

async fn closed(store: &Store, round: &RoundSummary) -> RoundSummary {
    close_round(store, round.id).await.unwrap();
    store.diagnostic().round(round.id).await.unwrap().unwrap()
}

#[tokio::test]
async fn a_round_is_opened_with_its_groups_and_counts_only_while_open() {
    for store in stores().await {
        let round = open(
            &store,
            &[RespondentGroup::Teachers, RespondentGroup::Governors],
        )
        .await;
        assert_eq!(round.status, RoundStatus::Open);
        assert_eq!(round.leader, HEAD);
        assert_eq!(
            round.groups,
            [RespondentGroup::Teachers, RespondentGroup::Governors]
        );
        answer_by_links(
            &store,
            round.id,
            RespondentGroup::Teachers,
            &[4, 4, 4, 4, 4, 4],
        )
        .await;
        assert_eq!(
            store.diagnostic().response_counts(&round).await.unwrap(),
            [
                (RespondentGroup::Teachers, 6),
                (RespondentGroup::Governors, 0)
            ]
        );
        assert!(
            store
                .diagnostic()
                .round_report(&round, built_in())
                .await
                .unwrap()
                .is_none(),
            "no report while the round is open"
        );
        let round = closed(&store, &round).await;
        assert_eq!(round.status, RoundStatus::Closed);
        assert!(round.closed_at.is_some());
        assert!(
            store
                .diagnostic()
                .round_report(&round, built_in())
                .await
                .unwrap()
                .is_some()
        );
        assert_eq!(
            store.diagnostic().rounds_led_by(HEAD).await.unwrap().len(),
            1
        );
    }
}

#[tokio::test]
async fn with_k_minus_one_responses_nothing_of_the_group_is_read_or_returned() {
    for store in stores().await {
        let round = open(&store, &[RespondentGroup::Teachers]).await;
        answer_by_links(&store, round.id, RespondentGroup::Teachers, &[1, 2, 3, 4]).await;
        let round = closed(&store, &round).await;
        let report = store
            .diagnostic()
            .round_report(&round, built_in())
            .await
            .unwrap()
            .unwrap();
        assert!(report.rows.is_empty());
        assert!(report.all_others.is_none());
        assert!(report.strengths_and_blind_spots.is_none());
        assert_eq!(
            report.groups,
            [(RespondentGroup::Teachers, GroupVisibility::Hidden)]
        );
        assert!(report.others_dimension_means().is_empty());
    }
}

#[tokio::test]
async fn with_k_responses_the_group_is_shown_beside_the_self_rating() {
    for store in stores().await {
        let round = open(&store, &[RespondentGroup::Teachers]).await;
        save_self_rating(&store, HEAD, Some(round.id), built_in(), &uniform(5))
            .await
            .unwrap();
        answer_by_links(
            &store,
            round.id,
            RespondentGroup::Teachers,
            &[2, 3, 3, 4, 3],
        )
        .await;
        let round = closed(&store, &round).await;
        assert!(round.has_self_rating);
        let report = store
            .diagnostic()
            .round_report(&round, built_in())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(report.rows.len(), 1);
        let teachers = &report.rows[0];
        assert_eq!(teachers.groups, [RespondentGroup::Teachers]);
        assert_eq!(teachers.scores.respondents, 5);
        let goals = &teachers.scores.dimensions[&Dimension::GoalsAndExpectations];
        assert!((goals.mean - 3.0).abs() < 1e-12);
        let gap = teachers
            .dimension_gaps
            .iter()
            .find(|g| g.measure == Dimension::GoalsAndExpectations)
            .unwrap();
        assert!((gap.gap - (3.0 - 5.0)).abs() < 1e-12, "gap = others − self");
        assert_eq!(report.all_others.as_ref().unwrap().scores.respondents, 5);
    }
}

#[tokio::test]
async fn a_used_link_is_refused() {
    for store in stores().await {
        let round = open(&store, &[RespondentGroup::Teachers]).await;
        let tokens = links(&store, round.id, RespondentGroup::Teachers, 1).await;
        let invitation = store
            .diagnostic()
            .link_invitation(&tokens[0])
            .await
            .unwrap()
            .unwrap();
        assert_eq!(invitation.group, RespondentGroup::Teachers);
        submit_response(&store, invitation.id, &uniform(3), built_in())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            store
                .diagnostic()
                .link_invitation(&tokens[0])
                .await
                .unwrap()
                .unwrap_err(),
            Refused::AlreadyUsed
        );
        assert_eq!(
            submit_response(&store, invitation.id, &uniform(1), built_in())
                .await
                .unwrap(),
            Err(Refused::AlreadyUsed)
        );
        assert_eq!(
            store.diagnostic().response_counts(&round).await.unwrap(),
            [(RespondentGroup::Teachers, 1)],
            "the second answer was not recorded"
        );
    }
}

#[tokio::test]
async fn a_link_issued_again_replaces_the_old_one_and_an_unknown_one_is_refused() {
    for store in stores().await {
        let round = open(&store, &[RespondentGroup::Teachers]).await;
        let old = links(&store, round.id, RespondentGroup::Teachers, 1)
            .await
            .remove(0);
        let invitation = store
            .diagnostic()
            .link_invitation(&old)
            .await
            .unwrap()
            .unwrap();
        let entry = store
            .diagnostic()
            .outbox_entry(invitation.id)
            .await
            .unwrap()
            .unwrap();
        assert!(entry.issued_at.is_some());
        let new = issue_link(&store, invitation.id, Channel::Outbox)
            .await
            .unwrap()
            .unwrap();
        assert_ne!(new, old);
        assert_eq!(
            store
                .diagnostic()
                .link_invitation(&old)
                .await
                .unwrap()
                .unwrap_err(),
            Refused::Unknown,
            "the old link answers nothing"
        );
        assert_eq!(
            store
                .diagnostic()
                .link_invitation(&new)
                .await
                .unwrap()
                .unwrap()
                .id,
            invitation.id
        );
        assert_eq!(
            store
                .diagnostic()
                .link_invitation("not-a-token")
                .await
                .unwrap()
                .unwrap_err(),
            Refused::Unknown
        );
        submit_response(&store, invitation.id, &uniform(3), built_in())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            issue_link(&store, invitation.id, Channel::Outbox)
                .await
                .unwrap(),
            None,
            "an answered invitation gets no new link"
        );
        assert!(
            store
                .diagnostic()
                .outbox_entry(invitation.id)
                .await
                .unwrap()
                .is_none(),
            "and leaves the outbox"
        );
    }
}

/// Who the outbox lists, and that an in-app invitation never has a link to issue.
#[tokio::test]
async fn the_outbox_holds_named_unanswered_links_and_in_app_invitations_have_none() {
    for store in stores().await {
        let round = open(&store, &[RespondentGroup::Teachers]).await;
        let people = new_staff(&store, RespondentGroup::Teachers, 2).await;
        let made = invite(
            &store,
            round.id,
            &[
                (TEACHER, RespondentGroup::Teachers, Channel::InApp),
                (people[0], RespondentGroup::Teachers, Channel::Outbox),
                (people[1], RespondentGroup::Teachers, Channel::Email),
            ],
        )
        .await
        .unwrap();
        assert_eq!(made.len(), 3);
        assert!(
            invite(
                &store,
                round.id,
                &[(TEACHER, RespondentGroup::Teachers, Channel::Outbox)]
            )
            .await
            .unwrap()
            .is_empty(),
            "one invitation per invitee per round, whatever the channel"
        );
        assert_eq!(
            issue_link(&store, made[0].0, Channel::Outbox)
                .await
                .unwrap(),
            None
        );
        let outbox = store.diagnostic().outbox(SCHOOL).await.unwrap();
        let listed: Vec<(PersonId, Channel, bool)> = outbox
            .iter()
            .map(|e| (e.invitee, e.channel, e.issued_at.is_some()))
            .collect();
        assert_eq!(
            listed,
            [
                (people[0], Channel::Outbox, false),
                (people[1], Channel::Email, false)
            ]
        );
        assert!(
            outbox
                .iter()
                .all(|e| e.leader == HEAD && e.round == round.id)
        );
        assert!(
            store
                .diagnostic()
                .outbox(SchoolId(99))
                .await
                .unwrap()
                .is_empty()
        );
        // An email that could not be sent moves to the outbox, its link withdrawn.
        let emailed = issue_link(&store, made[2].0, Channel::Email)
            .await
            .unwrap()
            .unwrap();
        move_to_outbox(&store, round.id, made[2].0).await.unwrap();
        assert_eq!(
            store
                .diagnostic()
                .link_invitation(&emailed)
                .await
                .unwrap()
                .unwrap_err(),
            Refused::Unknown
        );
        let entry = store
            .diagnostic()
            .outbox_entry(made[2].0)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((entry.channel, entry.issued_at), (Channel::Outbox, None));
        closed(&store, &round).await;
        assert!(
            store.diagnostic().outbox(SCHOOL).await.unwrap().is_empty(),
            "closed"
        );
    }
}

#[tokio::test]
async fn responses_are_counted_by_the_channel_they_came_through() {
    for store in stores().await {
        let round = open(&store, &[RespondentGroup::Teachers]).await;
        answer_by_links(&store, round.id, RespondentGroup::Teachers, &[3, 4]).await;
        invite(
            &store,
            round.id,
            &[(TEACHER, RespondentGroup::Teachers, Channel::InApp)],
        )
        .await
        .unwrap();
        let pending = store
            .diagnostic()
            .pending_invitations(TEACHER)
            .await
            .unwrap();
        submit_response(&store, pending[0].id, &uniform(4), built_in())
            .await
            .unwrap()
            .unwrap();
        let unanswered = new_staff(&store, RespondentGroup::Teachers, 1).await;
        invite(
            &store,
            round.id,
            &[(unanswered[0], RespondentGroup::Teachers, Channel::Email)],
        )
        .await
        .unwrap();
        let counts = store.diagnostic().channel_counts(round.id).await.unwrap();
        assert_eq!(counts.invited, 4);
        assert_eq!(counts.answered_by(Channel::InApp), 1);
        assert_eq!(counts.answered_by(Channel::Outbox), 2);
        assert_eq!(counts.answered_by(Channel::Email), 0);
    }
}

#[tokio::test]
async fn links_are_refused_once_the_round_is_closed() {
    for store in stores().await {
        let round = open(&store, &[RespondentGroup::Teachers]).await;
        let tokens = links(&store, round.id, RespondentGroup::Teachers, 1).await;
        let invitation = store
            .diagnostic()
            .link_invitation(&tokens[0])
            .await
            .unwrap()
            .unwrap();
        closed(&store, &round).await;
        assert_eq!(
            store
                .diagnostic()
                .link_invitation(&tokens[0])
                .await
                .unwrap()
                .unwrap_err(),
            Refused::RoundClosed
        );
        assert_eq!(
            submit_response(&store, invitation.id, &uniform(3), built_in())
                .await
                .unwrap(),
            Err(Refused::RoundClosed)
        );
    }
}

/// A token opens the questionnaire of its round and nothing else: what it yields names the
/// round and the group, and holds no answers — its own included, once given.
#[tokio::test]
async fn a_token_cannot_read_others_answers() {
    for store in stores().await {
        let round = open(&store, &[RespondentGroup::Teachers]).await;
        answer_by_links(
            &store,
            round.id,
            RespondentGroup::Teachers,
            &[5, 5, 5, 5, 5],
        )
        .await;
        let tokens = links(&store, round.id, RespondentGroup::Teachers, 1).await;
        let invitation = store
            .diagnostic()
            .link_invitation(&tokens[0])
            .await
            .unwrap()
            .unwrap();
        let headway_store::diagnostic::Invitation {
            id: _,
            round: of_round,
            group,
            leader_name,
            school_name,
            instrument,
            invitee,
        } = invitation;
        assert_eq!(of_round, round.id);
        assert_eq!(group, RespondentGroup::Teachers);
        assert_eq!(leader_name, round.leader_name);
        assert_eq!(school_name, round.school_name);
        assert_eq!(instrument, built_in().key);
        assert_eq!(
            invitee, None,
            "a link's invitation names no one to whoever holds it"
        );
        // The round's report is for its leader; the store gives it only for a closed round,
        // and the token is not a way to it (the web layer asks the policy with the person).
        assert!(
            store
                .diagnostic()
                .round_report(&round, built_in())
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn staff_are_invited_in_app_answer_once_and_are_not_linked_to_their_answers() {
    for store in stores().await {
        let round = open(
            &store,
            &[RespondentGroup::Teachers, RespondentGroup::Governors],
        )
        .await;
        let staff = store.diagnostic().invitable_staff(&round).await.unwrap();
        let names: Vec<(i64, RespondentGroup)> =
            staff.iter().map(|s| (s.person.0, s.group)).collect();
        assert!(names.contains(&(2, RespondentGroup::Teachers)));
        assert!(names.contains(&(5, RespondentGroup::Governors)));
        assert!(!names.iter().any(|(id, _)| *id == HEAD.0), "not the leader");
        assert!(
            !names.iter().any(|(id, _)| *id == 6),
            "the head of mathematics answers as a middle leader, not asked here"
        );
        let in_app = [(TEACHER, RespondentGroup::Teachers, Channel::InApp)];
        assert_eq!(invite(&store, round.id, &in_app).await.unwrap().len(), 1);
        assert!(
            invite(&store, round.id, &in_app).await.unwrap().is_empty(),
            "an invitation is sent once"
        );
        let pending = store
            .diagnostic()
            .pending_invitations(TEACHER)
            .await
            .unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].invitee, Some(TEACHER));
        submit_response(&store, pending[0].id, &uniform(4), built_in())
            .await
            .unwrap()
            .unwrap();
        assert!(
            store
                .diagnostic()
                .pending_invitations(TEACHER)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            store
                .diagnostic()
                .in_app_invitation(pending[0].id)
                .await
                .unwrap()
                .unwrap_err(),
            Refused::AlreadyUsed
        );
        let staff = store.diagnostic().invitable_staff(&round).await.unwrap();
        assert!(
            staff
                .iter()
                .any(|s| s.person == TEACHER && s.invited == Some(Channel::InApp))
        );
    }
}

#[tokio::test]
async fn a_self_audit_is_kept_and_scored_for_its_person() {
    for store in stores().await {
        store.insert_world(&small_world()).await.unwrap();
        assert!(
            store
                .diagnostic()
                .latest_self_audit(HEAD, built_in())
                .await
                .unwrap()
                .is_none()
        );
        save_self_rating(&store, HEAD, None, built_in(), &uniform(2))
            .await
            .unwrap();
        let audit = store
            .diagnostic()
            .latest_self_audit(HEAD, built_in())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(audit.scores.dimensions.len(), 5);
        assert!(
            audit
                .scores
                .dimensions
                .values()
                .all(|m| (*m - 2.0).abs() < 1e-12)
        );
        assert!(
            store
                .diagnostic()
                .latest_self_audit(TEACHER, built_in())
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn the_previous_closed_round_is_found_for_the_comparison() {
    for store in stores().await {
        let first = open(&store, &[RespondentGroup::Teachers]).await;
        let first = closed(&store, &first).await;
        let second = open_round(
            &store,
            &NewRound {
                school: SCHOOL,
                leader: HEAD,
                instrument: built_in().key.clone(),
                threshold: Threshold::default(),
                groups: vec![RespondentGroup::Teachers],
            },
        )
        .await
        .unwrap();
        let second = store.diagnostic().round(second).await.unwrap().unwrap();
        assert_eq!(
            store.diagnostic().previous_round(&second).await.unwrap(),
            Some(first.id)
        );
        assert_eq!(
            store.diagnostic().previous_round(&first).await.unwrap(),
            None
        );
    }
}

#[tokio::test]
async fn a_round_held_earlier_can_be_dated_and_then_comes_before_later_ones() {
    const YEAR: i64 = 365 * 86_400;
    for store in stores().await {
        let recorded_first = open(&store, &[RespondentGroup::Teachers]).await;
        let recorded_first = closed(&store, &recorded_first).await;
        let open_second = |store: &Store| {
            let store = store.clone();
            async move {
                let id = open_round(
                    &store,
                    &NewRound {
                        school: SCHOOL,
                        leader: HEAD,
                        instrument: built_in().key.clone(),
                        threshold: Threshold::default(),
                        groups: vec![RespondentGroup::Teachers],
                    },
                )
                .await
                .unwrap();
                store.diagnostic().round(id).await.unwrap().unwrap()
            }
        };
        let held_earlier = closed(&store, &open_second(&store).await).await;
        let opened = recorded_first.opened_at - YEAR;
        set_round_dates(&store, held_earlier.id, opened, opened + 14 * 86_400)
            .await
            .unwrap();
        let held_earlier = store
            .diagnostic()
            .round(held_earlier.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(held_earlier.opened_at, opened);
        assert_eq!(held_earlier.closed_at, Some(opened + 14 * 86_400));
        assert_eq!(
            store
                .diagnostic()
                .previous_round(&recorded_first)
                .await
                .unwrap(),
            Some(held_earlier.id)
        );
        assert_eq!(
            store
                .diagnostic()
                .previous_round(&held_earlier)
                .await
                .unwrap(),
            None
        );

        // A round still open keeps its dates.
        let still_open = open_second(&store).await;
        set_round_dates(&store, still_open.id, 0, 0).await.unwrap();
        let reread = store
            .diagnostic()
            .round(still_open.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(reread.opened_at, still_open.opened_at);
        assert_eq!(reread.closed_at, None);
    }
}

/// A sheet that tells its respondent apart: goals-01 and goals-02 rated `who % 5 + 1` and
/// `who / 5 + 1`.
fn marked(who: u8) -> AnswerSheet {
    AnswerSheet::new(
        built_in(),
        [("goals-01", who % 5 + 1), ("goals-02", who / 5 + 1)]
            .map(|(item, value)| (ItemId(item.into()), Answer::Rating(value))),
    )
    .unwrap()
}

#[tokio::test]
async fn answers_are_not_stored_in_the_order_people_answered_in() {
    const PEOPLE: u8 = 10;
    for (store, raw) in stores_with_raw_pools().await {
        let round = open(&store, &[RespondentGroup::Teachers]).await;
        let tokens = links(&store, round.id, RespondentGroup::Teachers, PEOPLE.into()).await;
        for (who, token) in (0..PEOPLE).zip(&tokens) {
            let invitation = store
                .diagnostic()
                .link_invitation(token)
                .await
                .unwrap()
                .unwrap();
            submit_response(&store, invitation.id, &marked(who), built_in())
                .await
                .unwrap()
                .unwrap();
        }
        let round = closed(&store, &round).await;

        // The attacker reads the answer rows in the order they lie in the database
        // (SQLite's rowid, PostgreSQL's ctid) and tells respondents apart by their marks.
        let query = |order: &str| {
            format!("SELECT response_id, item_id, rating FROM diagnostic_answers ORDER BY {order}")
        };
        let rows: Vec<(i64, String, Option<i64>)> = match &raw {
            RawPool::Sqlite(pool) => sqlx::query_as(sqlx::AssertSqlSafe(query("rowid")))
                .fetch_all(pool)
                .await
                .unwrap(),
            RawPool::Postgres(pool) => sqlx::query_as(sqlx::AssertSqlSafe(query("ctid")))
                .fetch_all(pool)
                .await
                .unwrap(),
        };
        let mut responses: Vec<i64> = Vec::new();
        for (response, _, _) in &rows {
            if !responses.contains(response) {
                responses.push(*response);
            }
        }
        let stored_order: Vec<u8> = responses
            .iter()
            .map(|response| {
                let mark = |item: &str| {
                    rows.iter()
                        .find(|(r, i, _)| r == response && i == item)
                        .and_then(|(_, _, rating)| *rating)
                        .unwrap() as u8
                };
                (mark("goals-01") - 1) + 5 * (mark("goals-02") - 1)
            })
            .collect();
        let mut everyone = stored_order.clone();
        everyone.sort_unstable();
        assert_eq!(
            everyone,
            (0..PEOPLE).collect::<Vec<_>>(),
            "every answer kept"
        );
        // 10! orders: the order of answering comes back by chance once in 3.6 million.
        assert_ne!(
            stored_order,
            (0..PEOPLE).collect::<Vec<_>>(),
            "rows lie in the order people answered ({:?})",
            store.engine()
        );
        let report = store
            .diagnostic()
            .round_report(&round, built_in())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            report.all_others.unwrap().scores.respondents,
            u32::from(PEOPLE)
        );
    }
}

#[tokio::test]
async fn an_answer_off_the_instruments_scale_reads_back_as_corrupt_data_not_a_database_failure() {
    for (store, raw) in stores_with_raw_pools().await {
        let round = open(&store, &[RespondentGroup::Teachers]).await;
        answer_by_links(
            &store,
            round.id,
            RespondentGroup::Teachers,
            &[3, 3, 3, 3, 3],
        )
        .await;
        let round = closed(&store, &round).await;
        // Within what the database allows (1 to 10), beyond the built-in scale.
        let sql = "UPDATE diagnostic_answers SET rating = 9";
        match &raw {
            RawPool::Sqlite(pool) => {
                sqlx::query(sql).execute(pool).await.unwrap();
            }
            RawPool::Postgres(pool) => {
                sqlx::query(sql).execute(pool).await.unwrap();
            }
        }
        let read = store.diagnostic().round_report(&round, built_in()).await;
        assert!(
            matches!(read, Err(StoreError::Corrupt(_))),
            "{:?}",
            read.map(|_| ())
        );
    }
}
