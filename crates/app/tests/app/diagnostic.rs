//! The 360 as use cases, on both engines: each asks the access policy (the rated leader never
//! hands out a link of their own round; another school's head, a colleague or a stranger
//! cannot reach a round or an invitation that is not theirs), writes with its audit line in
//! one commit, and answers once.

use crate::harness::stores;
use headway_app::diagnostic::{self, DiagnosticError, Invalid, OpenRound};
use headway_app::mail::{Message, RecordingMailer};
use headway_app::progress::reference::References;
use headway_app::progress::{ProgressReports, ReportCache};
use headway_domain::access::{Denied, Grant, Principal};
use headway_domain::anonymity::Threshold;
use headway_domain::clock::FixedClock;
use headway_domain::diagnostic::answers::{Answer, AnswerSheet};
use headway_domain::diagnostic::instrument::built_in;
use headway_domain::diagnostic::round::{Channel, RespondentGroup, RoundStatus};
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use headway_domain::school::FsmBandCuts;
use headway_store::Store;
use headway_store::diagnostic::{Refused, RoundId};
use headway_store::seed::{PersonRow, RoleRow, example_world};

const SCHOOL: SchoolId = SchoolId(3);
const OTHER_SCHOOL: SchoolId = SchoolId(4);
const HEAD: PersonId = PersonId(1);
const TEACHER: PersonId = PersonId(2);
const OTHER_HEAD: PersonId = PersonId(10);
const DATA_MANAGER: PersonId = PersonId(11);
const SENIOR_LEADER: PersonId = PersonId(12);
/// 2026-03-02 12:00 UTC.
const NOW: i64 = 1_772_452_800;

fn principal(person: PersonId, role: Role, school: SchoolId) -> Principal {
    Principal {
        person,
        name: format!("Person {}", person.0),
        grants: vec![Grant {
            role,
            org: OrgId(school.0),
            subject: None,
            schools: vec![school],
        }],
        taught_classes: vec![],
    }
}

fn head() -> Principal {
    principal(HEAD, Role::Head, SCHOOL)
}

fn teacher() -> Principal {
    principal(TEACHER, Role::Teacher, SCHOOL)
}

fn other_head() -> Principal {
    principal(OTHER_HEAD, Role::Head, OTHER_SCHOOL)
}

fn data_manager() -> Principal {
    principal(DATA_MANAGER, Role::DataManager, SCHOOL)
}

/// The example world (school 3 led by Head A, with Teacher A, here able to sign in), a head
/// of school 4 and a data manager of school 3; every store on a fixed clock.
async fn world() -> Vec<Store> {
    let mut world = example_world();
    for person in &mut world.people {
        if person.id == TEACHER.0 {
            person.password_hash = Some("x".into());
        }
    }
    for (id, name, role, org) in [
        (OTHER_HEAD.0, "Head B", "head", OTHER_SCHOOL.0),
        (DATA_MANAGER.0, "Data Manager A", "data_manager", SCHOOL.0),
        (
            SENIOR_LEADER.0,
            "Senior Leader A",
            "senior_leader",
            SCHOOL.0,
        ),
    ] {
        world.people.push(PersonRow {
            id,
            email: Some(format!("person{id}@example.org")),
            display_name: name.into(),
            password_hash: Some("x".into()),
        });
        world.roles.push(RoleRow {
            person_id: id,
            role,
            org_id: org,
            subject_id: None,
        });
    }
    let mut ready = Vec::new();
    for store in stores().await {
        let store = store.with_clock(FixedClock::at(NOW));
        store.insert_world(&world).await.unwrap();
        ready.push(store);
    }
    ready
}

async fn open(store: &Store) -> RoundId {
    diagnostic::open_round(
        store,
        &head(),
        OpenRound {
            school: SCHOOL,
            groups: vec![RespondentGroup::Teachers],
            threshold: Threshold::DEFAULT,
        },
    )
    .await
    .unwrap()
}

async fn audit_actions(store: &Store) -> Vec<String> {
    let mut actions: Vec<String> = store
        .audit_log()
        .recent(100)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a.starts_with("diagnostic."))
        .collect();
    actions.reverse();
    actions
}

fn sheet(value: u8) -> AnswerSheet {
    let answers: Vec<_> = built_in()
        .items()
        .iter()
        .map(|item| (item.id.clone(), Answer::Rating(value)))
        .collect();
    AnswerSheet::new(built_in(), answers).unwrap()
}

#[tokio::test]
async fn a_round_is_opened_and_closed_by_its_leader_each_with_its_audit_line() {
    for store in world().await {
        let round = open(&store).await;
        let summary = diagnostic::managed_round(&store, &head(), round)
            .await
            .unwrap();
        assert_eq!(summary.opened_at, NOW, "the store's clock dates the round");
        assert_eq!(summary.status, RoundStatus::Open);
        assert!(
            diagnostic::report(
                &store,
                &progress(&store),
                &head(),
                round,
                FsmBandCuts::default()
            )
            .await
            .unwrap()
            .is_none(),
            "no report while the round is open"
        );
        diagnostic::close_round(&store, &head(), round)
            .await
            .unwrap();
        diagnostic::close_round(&store, &head(), round)
            .await
            .unwrap();
        assert_eq!(
            audit_actions(&store).await,
            ["diagnostic.open_round", "diagnostic.close_round"],
            "closing a closed round writes no second line"
        );
        let closed = diagnostic::managed_round(&store, &head(), round)
            .await
            .unwrap();
        assert_eq!(closed.status, RoundStatus::Closed);
        assert_eq!(closed.closed_at, Some(NOW));
    }
}

/// The progress use cases the report reads the school's improvement group from, with
/// caches that live as long as the test.
fn progress(store: &Store) -> ProgressReports<'_> {
    thread_local! {
        static CACHES: &'static (References, ReportCache) =
            Box::leak(Box::new((References::default(), ReportCache::default())));
    }
    let (references, reports) = CACHES.with(|c| *c);
    ProgressReports::new(store, references, reports)
}

#[tokio::test]
async fn another_schools_head_and_a_teacher_cannot_open_or_reach_the_round() {
    for store in world().await {
        let round = open(&store).await;
        let groups = vec![RespondentGroup::Teachers];
        let elsewhere = diagnostic::open_round(
            &store,
            &other_head(),
            OpenRound {
                school: SCHOOL,
                groups: groups.clone(),
                threshold: Threshold::DEFAULT,
            },
        )
        .await;
        assert!(matches!(elsewhere, Err(DiagnosticError::Denied(_))));
        let teacher_round = diagnostic::open_round(
            &store,
            &teacher(),
            OpenRound {
                school: SCHOOL,
                groups,
                threshold: Threshold::DEFAULT,
            },
        )
        .await;
        assert!(matches!(
            teacher_round,
            Err(DiagnosticError::Denied(Denied::NeedsRole(_)))
        ));
        for intruder in [other_head(), teacher(), data_manager()] {
            assert!(matches!(
                diagnostic::close_round(&store, &intruder, round).await,
                Err(DiagnosticError::NotFound)
            ));
            assert!(matches!(
                diagnostic::report(
                    &store,
                    &progress(&store),
                    &intruder,
                    round,
                    FsmBandCuts::default()
                )
                .await,
                Err(DiagnosticError::NotFound)
            ));
            assert!(matches!(
                diagnostic::invite(
                    &store,
                    &intruder,
                    round,
                    &[(TEACHER, Channel::Outbox)],
                    false
                )
                .await,
                Err(DiagnosticError::NotFound)
            ));
            assert!(matches!(
                diagnostic::save_self_rating(&store, &intruder, round, &sheet(1)).await,
                Err(DiagnosticError::NotFound)
            ));
        }
        // A round that does not exist answers the same as another leader's.
        assert!(matches!(
            diagnostic::close_round(&store, &head(), RoundId(round.0 + 1000)).await,
            Err(DiagnosticError::NotFound)
        ));
        let still = diagnostic::managed_round(&store, &head(), round)
            .await
            .unwrap();
        assert_eq!(still.status, RoundStatus::Open);
        assert_eq!(audit_actions(&store).await, ["diagnostic.open_round"]);
    }
}

#[tokio::test]
async fn the_rated_leader_never_holds_a_link_and_another_schools_head_never_sees_one() {
    for store in world().await {
        let round = open(&store).await;
        let invited =
            diagnostic::invite(&store, &head(), round, &[(TEACHER, Channel::Outbox)], false)
                .await
                .unwrap();
        assert_eq!(invited.made.len(), 1);
        assert!(invited.emails.is_empty());
        let invitation = invited.made[0].0;
        // The rated leader reads the school's outbox, but never their own round's links.
        assert!(
            diagnostic::outbox(&store, &head(), SCHOOL)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(matches!(
            diagnostic::issue_outbox_link(&store, &head(), invitation).await,
            Err(DiagnosticError::NotFound)
        ));
        // Another school's head: neither the outbox nor the link.
        assert!(matches!(
            diagnostic::outbox(&store, &other_head(), SCHOOL).await,
            Err(DiagnosticError::NotFound)
        ));
        assert!(matches!(
            diagnostic::issue_outbox_link(&store, &other_head(), invitation).await,
            Err(DiagnosticError::NotFound)
        ));
        assert!(matches!(
            diagnostic::issue_outbox_link(&store, &teacher(), invitation).await,
            Err(DiagnosticError::NotFound)
        ));
        // The school's data manager hands it out.
        let outbox = diagnostic::outbox(&store, &data_manager(), SCHOOL)
            .await
            .unwrap();
        assert_eq!(outbox.len(), 1);
        assert_eq!(outbox[0].invitee, TEACHER);
        let (entry, token) = diagnostic::issue_outbox_link(&store, &data_manager(), invitation)
            .await
            .unwrap();
        assert_eq!(entry.invitation, invitation);
        assert_eq!(
            audit_actions(&store).await,
            [
                "diagnostic.open_round",
                "diagnostic.invite",
                "diagnostic.issue_link"
            ]
        );
        // The link answers once; an unknown one is unknown.
        diagnostic::answer_link(&store, &token, &sheet(4))
            .await
            .unwrap();
        assert!(matches!(
            diagnostic::answer_link(&store, &token, &sheet(1)).await,
            Err(DiagnosticError::Refused(Refused::AlreadyUsed))
        ));
        assert!(matches!(
            diagnostic::answer_link(&store, "not-a-token", &sheet(1)).await,
            Err(DiagnosticError::NotFound)
        ));
        let status = diagnostic::round_status(&store, &head(), round, false)
            .await
            .unwrap();
        assert_eq!(status.counts, vec![(RespondentGroup::Teachers, 1)]);
    }
}

#[tokio::test]
async fn an_in_app_invitation_is_answered_once_and_only_by_its_invitee() {
    for store in world().await {
        let round = open(&store).await;
        let invited =
            diagnostic::invite(&store, &head(), round, &[(TEACHER, Channel::InApp)], false)
                .await
                .unwrap();
        let invitation = invited.made[0].0;
        // Inviting again passes over someone already invited.
        let again =
            diagnostic::invite(&store, &head(), round, &[(TEACHER, Channel::Outbox)], false)
                .await
                .unwrap();
        assert!(again.made.is_empty());
        let hub = diagnostic::hub(&store, &teacher()).await.unwrap();
        assert_eq!(hub.surveys.len(), 1);
        assert!(hub.rounds.is_empty() && hub.lead_in.is_empty());
        // The rated leader, a colleague, another school's head: not theirs to answer.
        for intruder in [head(), data_manager(), other_head()] {
            assert!(matches!(
                diagnostic::answer_in_app(&store, &intruder, invitation, &sheet(1)).await,
                Err(DiagnosticError::NotFound)
            ));
        }
        diagnostic::answer_in_app(&store, &teacher(), invitation, &sheet(5))
            .await
            .unwrap();
        assert!(matches!(
            diagnostic::answer_in_app(&store, &teacher(), invitation, &sheet(1)).await,
            Err(DiagnosticError::Refused(Refused::AlreadyUsed))
        ));
        let status = diagnostic::round_status(&store, &head(), round, false)
            .await
            .unwrap();
        assert_eq!(status.counts, vec![(RespondentGroup::Teachers, 1)]);
        diagnostic::close_round(&store, &head(), round)
            .await
            .unwrap();
        // One teacher is fewer than k: the report hides the group and the channel counts.
        let report = diagnostic::report(
            &store,
            &progress(&store),
            &head(),
            round,
            FsmBandCuts::default(),
        )
        .await
        .unwrap()
        .expect("a closed round has a report");
        assert!(report.report.all_others.is_none());
        assert!(report.report.rows.is_empty());
        assert_eq!(report.counts.get(&RespondentGroup::Teachers), Some(&1));
        assert!(
            report
                .channels
                .iter()
                .all(|(_, _, shown)| !shown.is_shown())
        );
        assert!(report.previous.is_none());
    }
}

#[tokio::test]
async fn a_channel_that_does_not_reach_the_person_invites_nobody() {
    for store in world().await {
        let round = open(&store).await;
        // Teacher A has an address, but no email server is configured.
        let by_email =
            diagnostic::invite(&store, &head(), round, &[(TEACHER, Channel::Email)], false).await;
        assert!(matches!(
            by_email,
            Err(DiagnosticError::Invalid(Invalid::ChannelDoesNotReach {
                person: TEACHER,
                ..
            }))
        ));
        // Someone who is not staff of the school asked (another school's head) is passed
        // over, never invited.
        let stranger = diagnostic::invite(
            &store,
            &head(),
            round,
            &[(OTHER_HEAD, Channel::Outbox)],
            false,
        )
        .await
        .unwrap();
        assert!(stranger.made.is_empty());
        let status = diagnostic::round_status(&store, &head(), round, false)
            .await
            .unwrap();
        assert_eq!(status.invited, 0);
        // No groups: nothing opened.
        let none = diagnostic::open_round(
            &store,
            &head(),
            OpenRound {
                school: SCHOOL,
                groups: vec![],
                threshold: Threshold::DEFAULT,
            },
        )
        .await;
        assert!(matches!(
            none,
            Err(DiagnosticError::Invalid(Invalid::NoGroups))
        ));
    }
}

#[tokio::test]
async fn a_closed_round_takes_no_self_rating_nor_invitation() {
    for store in world().await {
        let round = open(&store).await;
        diagnostic::save_self_rating(&store, &head(), round, &sheet(3))
            .await
            .unwrap();
        assert!(
            diagnostic::managed_round(&store, &head(), round)
                .await
                .unwrap()
                .has_self_rating
        );
        diagnostic::close_round(&store, &head(), round)
            .await
            .unwrap();
        assert!(matches!(
            diagnostic::save_self_rating(&store, &head(), round, &sheet(3)).await,
            Err(DiagnosticError::Closed)
        ));
        assert!(matches!(
            diagnostic::invite(&store, &head(), round, &[(TEACHER, Channel::InApp)], false).await,
            Err(DiagnosticError::Closed)
        ));
    }
}

#[tokio::test]
async fn an_email_invitation_carries_a_link_that_is_withdrawn_when_the_mail_fails() {
    for store in world().await {
        let round = open(&store).await;
        let invited =
            diagnostic::invite(&store, &head(), round, &[(TEACHER, Channel::Email)], true)
                .await
                .unwrap();
        assert_eq!(invited.emails.len(), 1);
        let email = &invited.emails[0];
        assert_eq!(email.to, "teacher@a.test");
        // Another leader of the school, naming their own round, cannot withdraw the link.
        let senior = principal(SENIOR_LEADER, Role::SeniorLeader, SCHOOL);
        let their_round = diagnostic::open_round(
            &store,
            &senior,
            OpenRound {
                school: SCHOOL,
                groups: vec![RespondentGroup::Teachers],
                threshold: Threshold::DEFAULT,
            },
        )
        .await
        .unwrap();
        diagnostic::email_not_sent(&store, &senior, their_round, email.invitation)
            .await
            .unwrap();
        assert!(
            diagnostic::link_invitation(&store, &email.token)
                .await
                .is_ok(),
            "the emailed link still answers"
        );
        // Only the leader who sent it may report it unsent.
        assert!(matches!(
            diagnostic::email_not_sent(&store, &data_manager(), round, email.invitation).await,
            Err(DiagnosticError::NotFound)
        ));
        diagnostic::email_not_sent(&store, &head(), round, email.invitation)
            .await
            .unwrap();
        assert!(matches!(
            diagnostic::answer_link(&store, &email.token, &sheet(2)).await,
            Err(DiagnosticError::NotFound)
        ));
        // It waits in the outbox for the data manager, who issues a new link.
        let outbox = diagnostic::outbox(&store, &data_manager(), SCHOOL)
            .await
            .unwrap();
        assert_eq!(outbox.len(), 1);
        assert_eq!(outbox[0].channel, Channel::Outbox);
        let (_, token) = diagnostic::issue_outbox_link(&store, &data_manager(), email.invitation)
            .await
            .unwrap();
        diagnostic::answer_link(&store, &token, &sheet(2))
            .await
            .unwrap();
    }
}

fn word(email: &diagnostic::EmailToSend) -> Message {
    Message {
        to: email.to.clone(),
        subject: "Your view of Head A".into(),
        body: format!("https://headway.test/survey/{}", email.token),
    }
}

#[tokio::test]
async fn email_invitations_go_through_the_mailer_and_a_failed_one_waits_in_the_outbox() {
    for store in world().await {
        let round = open(&store).await;
        let invited =
            diagnostic::invite(&store, &head(), round, &[(TEACHER, Channel::Email)], true)
                .await
                .unwrap();
        let mailer = RecordingMailer::default();
        let not_sent = diagnostic::send_email_invitations(&store, &head(), &invited, &mailer, word)
            .await
            .unwrap();
        assert_eq!(not_sent, 0);
        let sent = mailer.sent();
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].to, "teacher@a.test");
        let token = sent[0].body.rsplit('/').next().unwrap().to_owned();
        assert!(
            diagnostic::outbox(&store, &data_manager(), SCHOOL)
                .await
                .unwrap()
                .iter()
                .all(|e| e.channel == Channel::Email),
            "a sent email stays an email invitation"
        );
        diagnostic::answer_link(&store, &token, &sheet(3))
            .await
            .unwrap();
    }
    for store in world().await {
        let round = open(&store).await;
        let invited =
            diagnostic::invite(&store, &head(), round, &[(TEACHER, Channel::Email)], true)
                .await
                .unwrap();
        let failing = RecordingMailer::failing();
        let not_sent =
            diagnostic::send_email_invitations(&store, &head(), &invited, &failing, word)
                .await
                .unwrap();
        assert_eq!(not_sent, 1);
        assert!(matches!(
            diagnostic::answer_link(&store, &invited.emails[0].token, &sheet(3)).await,
            Err(DiagnosticError::NotFound)
        ));
        let outbox = diagnostic::outbox(&store, &data_manager(), SCHOOL)
            .await
            .unwrap();
        assert_eq!(outbox.len(), 1);
        assert_eq!(outbox[0].channel, Channel::Outbox);
        assert_eq!(outbox[0].issued_at, None, "no link until one is handed out");
    }
}
