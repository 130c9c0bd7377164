//! The leadership 360 through real HTTP: only the leader reads the report, invitations name
//! their invitee and the rated leader never holds a link (the outbox is read by someone
//! else, email goes straight to the invitee), links work once, and a group below the
//! anonymity threshold is not shown.

use crate::helpers::TestApp;
use headway_domain::diagnostic::instrument::built_in;
use headway_domain::diagnostic::round::RespondentGroup;
use headway_domain::ids::{OrgId, PersonId};
use headway_domain::roles::Role;
use headway_store::diagnostic::RoundId;
use headway_web::mail::RecordingMailer;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The head of school 3 opens a round asking teachers; returns its id.
pub(crate) async fn head_opens_a_round(app: &TestApp) -> i64 {
    app.sign_in_as("head@a.test").await;
    let reply = app
        .post(
            "/diagnostic/rounds",
            &[("school", "3"), ("group", "teachers"), ("threshold", "5")],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let location = reply.location.unwrap();
    location
        .strip_prefix("/diagnostic/rounds/")
        .unwrap()
        .parse()
        .unwrap()
}

/// `n` new members of staff of school 3 in the role given, without an account.
pub(crate) async fn new_staff(app: &TestApp, role: Role, n: usize) -> Vec<PersonId> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let mut people = Vec::new();
    for _ in 0..n {
        let at = NEXT.fetch_add(1, Ordering::Relaxed);
        let person = app
            .add_account(
                &format!("staff{at}@a.test"),
                &format!("Staff Member {at}"),
                role,
                OrgId(3),
            )
            .await;
        people.push(person);
    }
    people
}

/// The invitation ids of the issue buttons on an outbox page (only those with no link
/// issued yet, if `only_new`).
fn outbox_invitations(body: &str, only_new: bool) -> Vec<String> {
    let marker = "/diagnostic/outbox/invitations/";
    body.split("<tr>")
        .filter(|row| !only_new || row.contains("no link issued yet"))
        .flat_map(|row| row.match_indices(marker).map(move |(at, _)| (row, at)))
        .map(|(row, at)| {
            row[at + marker.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect()
        })
        .collect()
}

fn survey_paths(body: &str) -> Vec<String> {
    let mut paths: Vec<String> = body
        .match_indices("/survey/")
        .map(|(at, _)| body[at..at + "/survey/".len() + 64].to_owned())
        .collect();
    paths.dedup();
    paths
}

/// The signed-in head invites `people` through the outbox; the data manager issues their
/// links and returns them; the head is signed in again.
pub(crate) async fn outbox_links(
    app: &mut TestApp,
    round: i64,
    people: &[PersonId],
) -> Vec<String> {
    let fields: Vec<(String, String)> = people
        .iter()
        .map(|p| (format!("channel-{}", p.0), "outbox".to_owned()))
        .collect();
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let reply = app
        .post(&format!("/diagnostic/rounds/{round}/invitations"), &fields)
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    app.new_visitor();
    app.sign_in_as("data@a.test").await;
    let outbox = app.get("/diagnostic/outbox/3").await;
    assert_eq!(outbox.status, 200);
    let mut paths = Vec::new();
    for invitation in outbox_invitations(&outbox.body, true) {
        let issued = app
            .post(
                &format!("/diagnostic/outbox/invitations/{invitation}/issue"),
                &[],
            )
            .await;
        assert_eq!(issued.status, 200, "{}", issued.body);
        paths.extend(survey_paths(&issued.body));
    }
    assert_eq!(paths.len(), people.len());
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    paths
}

/// `count` new teachers invited through the outbox; returns their links' paths.
async fn links(app: &mut TestApp, round: i64, count: usize) -> Vec<String> {
    let people = new_staff(app, Role::Teacher, count).await;
    outbox_links(app, round, &people).await
}

fn answers(value: &str) -> Vec<(String, String)> {
    built_in()
        .items()
        .iter()
        .map(|item| (format!("item-{}", item.id.0), value.to_owned()))
        .collect()
}

pub(crate) async fn answer(app: &TestApp, path: &str, value: &str) -> u16 {
    let fields = answers(value);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(path, &fields).await.status
}

/// Teachers answer through `n` links in browsers of their own; the head closes the round
/// and reads the report.
pub(crate) async fn report_with_teachers(n: usize) -> String {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let paths = links(&mut app, round, n).await;
    let reply = app
        .post(
            &format!("/diagnostic/rounds/{round}/self"),
            &[("item-goals-01", "5")],
        )
        .await;
    assert_eq!(reply.status, 303);
    for path in &paths {
        app.new_visitor();
        assert_eq!(answer(&app, path, "3").await, 200);
    }
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let page = app.get(&format!("/diagnostic/rounds/{round}")).await;
    assert!(
        page.body.contains(&format!("<td class=\"num\">{n}</td>")),
        "counts while open"
    );
    let closed = app
        .post(&format!("/diagnostic/rounds/{round}/close"), &[])
        .await;
    assert_eq!(closed.status, 303);
    let report = app.get(&format!("/diagnostic/rounds/{round}/report")).await;
    assert_eq!(report.status, 200, "{}", report.body);
    report.body
}

#[tokio::test]
async fn a_teacher_cannot_open_the_report() {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    app.post(&format!("/diagnostic/rounds/{round}/close"), &[])
        .await;
    assert_eq!(
        app.get(&format!("/diagnostic/rounds/{round}/report"))
            .await
            .status,
        200
    );
    for email in [
        "teacher@a.test",
        "governor@a.test",
        "maths.lead@a.test",
        "data@a.test",
    ] {
        app.new_visitor();
        app.sign_in_as(email).await;
        for path in [
            format!("/diagnostic/rounds/{round}/report"),
            format!("/diagnostic/rounds/{round}"),
        ] {
            let reply = app.get(&path).await;
            assert_eq!(
                reply.status, 404,
                "{email} {path}: as if there were no round"
            );
            assert!(
                !reply.body.contains("Dimension profile"),
                "nothing of the report shown"
            );
        }
        assert_eq!(
            app.post(
                &format!("/diagnostic/rounds/{round}/invitations"),
                &[("channel-2", "outbox")]
            )
            .await
            .status,
            404,
            "{email} cannot invite to someone else's round"
        );
    }
}

#[tokio::test]
async fn a_link_works_once_and_then_is_refused() {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let path = links(&mut app, round, 1).await.remove(0);
    app.new_visitor();
    let form = app.get(&path).await;
    assert_eq!(form.status, 200);
    assert!(
        form.body.contains("<legend>"),
        "every item is a fieldset with a legend"
    );
    assert!(form.body.contains("Head Teacher") || form.body.contains("About the leadership of"));
    assert_eq!(answer(&app, &path, "4").await, 200);
    let again = app.get(&path).await;
    assert_eq!(again.status, 410);
    assert!(again.body.contains("already been used"));
    assert_eq!(answer(&app, &path, "1").await, 410);
    let counts = app
        .store
        .diagnostic()
        .response_counts(
            &app.store
                .diagnostic()
                .round(RoundId(round))
                .await
                .unwrap()
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(counts, [(RespondentGroup::Teachers, 1)]);
}

#[tokio::test]
async fn an_unknown_or_replaced_link_is_refused() {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let old = links(&mut app, round, 1).await.remove(0);
    // The data manager issues the link again: the old one stops working.
    app.new_visitor();
    app.sign_in_as("data@a.test").await;
    let outbox = app.get("/diagnostic/outbox/3").await;
    let invitation = outbox_invitations(&outbox.body, false).remove(0);
    let issued = app
        .post(
            &format!("/diagnostic/outbox/invitations/{invitation}/issue"),
            &[],
        )
        .await;
    let new = survey_paths(&issued.body).remove(0);
    assert_ne!(new, old);
    app.new_visitor();
    assert_eq!(app.get(&old).await.status, 404);
    assert_eq!(answer(&app, &old, "4").await, 404);
    assert_eq!(app.get(&new).await.status, 200);
    assert_eq!(
        app.get(&format!("/survey/{}", "0".repeat(64))).await.status,
        404
    );
}

#[tokio::test]
async fn with_four_teachers_the_teachers_group_is_not_shown() {
    let body = report_with_teachers(4).await;
    assert!(body.contains("Too few people answered"));
    assert!(body.contains("not shown, fewer than 5"));
    assert!(!body.contains("<th scope=\"col\" class=\"num\">Teachers</th>"));
    assert!(
        !body.contains("Rating 3.00"),
        "no focus suggestion from hidden answers"
    );
}

#[tokio::test]
async fn with_five_teachers_the_teachers_group_is_shown_with_focus_suggestions() {
    let body = report_with_teachers(5).await;
    assert!(!body.contains("Too few people answered"));
    assert!(body.contains("5 responses, shown"));
    assert!(body.contains("<th scope=\"col\" class=\"num\">Teachers</th>"));
    assert!(body.contains("<svg role=\"img\""), "the profile chart");
    assert!(body.contains("<title id=\"profile-title\">Dimension profile</title>"));
    // Every dimension rated 3: the largest effect size comes first.
    let first = body.find("Where to focus").unwrap();
    let teacher_learning = body[first..]
        .find("Promoting and participating in teacher learning")
        .unwrap();
    let goals = body[first..].find("<h3>Establishing goals").unwrap();
    assert!(teacher_learning < goals);
    assert!(
        body.contains("0.84 is a mean over 6 of the 12 studies"),
        "the exact caveat for 0.84"
    );
    assert!(
        body.contains("0.42 is a mean over at most 12 studies"),
        "every effect size with its caveat"
    );
    // The four categories, and the dimension mapping labelled as Headway's.
    assert!(body.contains("By category of practice"));
    for category in [
        "Building vision and setting directions",
        "Understanding and developing people",
        "Redesigning the organisation",
        "Managing the teaching and learning programme",
    ] {
        assert!(
            body.contains(&format!("<th scope=\"row\">{category}</th>")),
            "{category}"
        );
    }
    assert!(body.contains("Dimension (Headway"));
    assert!(body.contains("the studies define the dimensions and the practices"));
    assert!(body.contains("Improvement group: not yet known"));
    // School A: FSM band 3, secondary, head in post since 2023. The FSM rule cites the
    // impact study and weights teaching; the early-in-post rule is labelled Headway's
    // judgement; each adjusted priority shows its factor.
    assert!(body.contains("(Evidence: Day et al. 2009, §10.3.)"));
    assert!(body.contains("(Evidence: Day et al. 2009, §9.3.)"));
    assert!(body.contains("judgement, not a finding of a study.)"));
    assert!(
        body.contains("priority 0.84 × 1.25 = 1.05 for your context"),
        "teaching (and goals) raised once, shown with the factor"
    );
    assert!(body.contains("Raises this priority × 1.25"));
    assert!(body.contains("A note only: the priority is unchanged."));
    assert!(!body.contains("Gu and Sammons"), "a source we do not hold");
}

#[tokio::test]
async fn staff_with_accounts_answer_in_app_from_their_surveys() {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let reply = app
        .post(
            &format!("/diagnostic/rounds/{round}/invitations"),
            &[("channel-2", "in_app")],
        )
        .await;
    assert_eq!(reply.status, 303);
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let hub = app.get("/diagnostic").await;
    assert_eq!(hub.status, 200);
    let marker = "/diagnostic/invitations/";
    let at = hub.body.find(marker).expect("the invitation is listed") + marker.len();
    let id: String = hub.body[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let path = format!("{marker}{id}");
    assert_eq!(app.get(&path).await.status, 200);
    assert_eq!(answer(&app, &path, "4").await, 200);
    assert!(
        !app.get("/diagnostic").await.body.contains(marker),
        "answered once"
    );
    assert_eq!(app.get(&path).await.status, 410);
    app.new_visitor();
    app.sign_in_as("teacher2@a.test").await;
    assert_eq!(
        app.get(&path).await.status,
        410,
        "used, and not theirs either"
    );
}

#[tokio::test]
async fn a_self_audit_gives_the_dimension_view() {
    let app = TestApp::spawn().await;
    app.sign_in_as("head@a.test").await;
    let form = app.get("/diagnostic/self-audit").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("<fieldset class=\"item\">"));
    assert_eq!(answer(&app, "/diagnostic/self-audit", "2").await, 303);
    let view = app.get("/diagnostic/self-audit").await;
    assert!(view.body.contains("Your self-audit by dimension"));
    assert!(view.body.contains("<td class=\"num\">2.00</td>"));
    assert!(view.body.contains("Where to focus"));
}

#[tokio::test]
async fn the_report_and_questionnaire_are_in_welsh_for_a_welsh_reader() {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let path = links(&mut app, round, 1).await.remove(0);
    let closed = app
        .post(&format!("/diagnostic/rounds/{round}/close"), &[])
        .await;
    assert_eq!(closed.status, 303, "{}", closed.body);
    let report = app
        .get_with(
            &format!("/diagnostic/rounds/{round}/report"),
            ("accept-language", "cy"),
        )
        .await;
    assert_eq!(report.status, 200, "{:?}", report.location);
    for welsh in [
        "Adroddiad arweinyddiaeth 360",
        "Proffil y dimensiynau",
        "Ble i ganolbwyntio",
        "Grŵp gwella: nid yw",
        "Yn ôl categori arfer",
        "Dimensiwn (mapio Headway)",
    ] {
        assert!(report.body.contains(welsh), "missing: {welsh}");
    }
    app.new_visitor();
    let closed = app.get_with(&path, ("accept-language", "cy")).await;
    assert_eq!(closed.status, 410);
    assert!(closed.body.contains("arolwg wedi cau."));
}

/// A signed-up person of another school (Hill School, org 4) in the role given.
async fn other_schools(app: &TestApp, role: Role) -> String {
    let email = format!("{}@hill.test", role.as_str());
    app.add_account(&email, "Hill Person", role, OrgId(4)).await;
    email
}

/// The attack the outbox defeats: a rated leader invites one teacher in-app, makes four
/// anonymous links in the same group, answers them all with 5, and solves for the
/// teacher's answers from the means. The leader cannot make a link, nor read one.
#[tokio::test]
async fn the_rated_leader_cannot_make_or_read_a_link_to_answer_as_someone_else() {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let reply = app
        .post(
            &format!("/diagnostic/rounds/{round}/invitations"),
            &[("channel-2", "in_app")],
        )
        .await;
    assert_eq!(reply.status, 303);
    // Anonymous links are gone.
    let made = app
        .post(
            &format!("/diagnostic/rounds/{round}/links"),
            &[("group", "teachers"), ("count", "4"), ("days", "14")],
        )
        .await;
    assert_eq!(made.status, 404, "no way to make anonymous links");
    // Four named invitees through the outbox: the leader never sees their links.
    let four = new_staff(&app, Role::Teacher, 4).await;
    let fields: Vec<String> = four.iter().map(|p| format!("channel-{}", p.0)).collect();
    let fields: Vec<(&str, &str)> = fields.iter().map(|k| (k.as_str(), "outbox")).collect();
    let invited = app
        .post(&format!("/diagnostic/rounds/{round}/invitations"), &fields)
        .await;
    assert_eq!(invited.status, 303, "{}", invited.body);
    let outbox = app.get("/diagnostic/outbox/3").await;
    assert_eq!(outbox.status, 200, "the head reads the school's outbox…");
    assert!(
        outbox_invitations(&outbox.body, false).is_empty() && !outbox.body.contains("Staff Member"),
        "…but nothing of a round that rates them"
    );
    // Invitation ids are small numbers: the leader tries every one.
    let ids: Vec<i64> = (1..=20).collect();
    for id in &ids {
        let issued = app
            .post(&format!("/diagnostic/outbox/invitations/{id}/issue"), &[])
            .await;
        assert_eq!(issued.status, 404, "invitation {id}: as if there were none");
        assert!(!issued.body.contains("/survey/"));
    }
    // Nor can an in-app invitation of someone else be answered by the leader.
    for id in &ids {
        assert_eq!(
            answer(&app, &format!("/diagnostic/invitations/{id}"), "5").await,
            404
        );
    }
    // No page the leader can open holds a link or a token.
    for path in [
        format!("/diagnostic/rounds/{round}"),
        "/diagnostic".to_owned(),
        "/diagnostic/outbox/3".to_owned(),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(!page.body.contains("/survey/"), "{path} shows a link");
    }
    // The teacher answers; closed, the report hides the group of one and names no link.
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let hub = app.get("/diagnostic").await;
    let marker = "/diagnostic/invitations/";
    let at = hub.body.find(marker).unwrap() + marker.len();
    let id: String = hub.body[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert_eq!(answer(&app, &format!("{marker}{id}"), "3").await, 200);
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    app.post(&format!("/diagnostic/rounds/{round}/close"), &[])
        .await;
    let report = app.get(&format!("/diagnostic/rounds/{round}/report")).await;
    assert_eq!(report.status, 200);
    assert!(!report.body.contains("/survey/"));
    assert!(
        !report.body.contains("<td class=\"num\">3.00</td>"),
        "the lone answer is not shown"
    );
}

#[tokio::test]
async fn the_outbox_reader_hands_out_links_and_other_schools_see_no_outbox() {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let people = new_staff(&app, Role::Teacher, 1).await;
    let paths = outbox_links(&mut app, round, &people).await;
    assert_eq!(paths.len(), 1);
    app.new_visitor();
    app.sign_in_as("data@a.test").await;
    let outbox = app.get("/diagnostic/outbox/3").await;
    assert!(outbox.body.contains("Staff Member"), "named");
    assert!(outbox.body.contains("link issued on"));
    assert!(
        !outbox.body.contains("/survey/"),
        "a link is shown only when issued"
    );
    let invitation = outbox_invitations(&outbox.body, false).remove(0);
    for role in [Role::DataManager, Role::Head] {
        let email = other_schools(&app, role).await;
        app.new_visitor();
        app.sign_in_as(&email).await;
        let page = app.get("/diagnostic/outbox/3").await;
        assert_eq!(page.status, 404, "{email}");
        assert!(!page.body.contains("Staff Member"));
        let issued = app
            .post(
                &format!("/diagnostic/outbox/invitations/{invitation}/issue"),
                &[],
            )
            .await;
        assert_eq!(issued.status, 404, "{email}");
        assert!(!issued.body.contains("/survey/"));
    }
    for email in ["teacher@a.test", "governor@a.test", "lead@cluster.test"] {
        app.new_visitor();
        app.sign_in_as(email).await;
        assert_eq!(app.get("/diagnostic/outbox/3").await.status, 404, "{email}");
        let issued = app
            .post(
                &format!("/diagnostic/outbox/invitations/{invitation}/issue"),
                &[],
            )
            .await;
        assert_eq!(issued.status, 404, "{email}");
    }
    // The link answers once.
    app.new_visitor();
    assert_eq!(answer(&app, &paths[0], "4").await, 200);
    assert_eq!(answer(&app, &paths[0], "4").await, 410);
    app.sign_in_as("data@a.test").await;
    let outbox = app.get("/diagnostic/outbox/3").await;
    assert!(
        !outbox.body.contains("Staff Member"),
        "answered: gone from the outbox"
    );
}

fn with_mailer(mailer: Arc<RecordingMailer>) -> headway_web::WebSettings {
    headway_web::WebSettings {
        email: Some(headway_web::EmailInvitations {
            mailer,
            public_url: "https://headway.example.test".into(),
        }),
        ..crate::helpers::settings()
    }
}

#[tokio::test]
async fn an_email_invitation_reaches_the_invitee_with_a_link_the_leader_never_sees() {
    let mailer = Arc::new(RecordingMailer::default());
    let mut app = TestApp::spawn_with(with_mailer(mailer.clone())).await;
    let round = head_opens_a_round(&app).await;
    let page = app.get(&format!("/diagnostic/rounds/{round}")).await;
    assert!(page.body.contains("value=\"email\""), "email is offered");
    let reply = app
        .post(
            &format!("/diagnostic/rounds/{round}/invitations"),
            &[("channel-4", "email")],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let sent = mailer.sent();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "teacher2@a.test");
    let prefix = "https://headway.example.test/survey/";
    let at = sent[0].body.find(prefix).expect("the link is in the email");
    let token: String = sent[0].body[at + prefix.len()..].chars().take(64).collect();
    let path = format!("/survey/{token}");
    let round_page = app.get(&format!("/diagnostic/rounds/{round}")).await;
    assert!(
        !round_page.body.contains(&token),
        "the leader never sees it"
    );
    app.new_visitor();
    assert_eq!(answer(&app, &path, "4").await, 200);
    assert_eq!(answer(&app, &path, "4").await, 410);
    let counts = app
        .store
        .diagnostic()
        .channel_counts(RoundId(round))
        .await
        .unwrap();
    assert_eq!(
        counts.answered_by(headway_domain::diagnostic::round::Channel::Email),
        1
    );
}

#[tokio::test]
async fn an_email_that_cannot_be_sent_says_so_and_its_invitation_waits_in_the_outbox() {
    let mut app = TestApp::spawn_with(with_mailer(Arc::new(RecordingMailer::failing()))).await;
    let round = head_opens_a_round(&app).await;
    let reply = app
        .post(
            &format!("/diagnostic/rounds/{round}/invitations"),
            &[("channel-4", "email")],
        )
        .await;
    assert_eq!(reply.status, 200);
    assert!(
        reply.body.contains("One email could not be sent"),
        "{}",
        reply.body
    );
    assert!(!reply.body.contains("/survey/"));
    app.new_visitor();
    app.sign_in_as("data@a.test").await;
    let outbox = app.get("/diagnostic/outbox/3").await;
    assert!(outbox.body.contains("Teacher B"));
    assert!(outbox.body.contains("no link issued yet"));
}

#[tokio::test]
async fn without_smtp_email_is_not_offered_and_is_refused() {
    let app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let page = app.get(&format!("/diagnostic/rounds/{round}")).await;
    assert!(!page.body.contains("value=\"email\""));
    let reply = app
        .post(
            &format!("/diagnostic/rounds/{round}/invitations"),
            &[("channel-4", "email")],
        )
        .await;
    assert_eq!(reply.status, 400);
    assert!(
        reply.body.contains("cannot be invited that way."),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn a_closed_round_takes_no_invitation_nor_self_rating_and_says_why() {
    let app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let closed = app
        .post(&format!("/diagnostic/rounds/{round}/close"), &[])
        .await;
    assert_eq!(closed.status, 303, "{}", closed.body);
    let invite = app
        .post(
            &format!("/diagnostic/rounds/{round}/invitations"),
            &[("channel-4", "outbox")],
        )
        .await;
    assert_eq!(invite.status, 400);
    assert!(
        invite.body.contains("This round has been closed"),
        "{}",
        invite.body
    );
    let form = app.get(&format!("/diagnostic/rounds/{round}/self")).await;
    assert_eq!(form.status, 400);
    assert_eq!(
        app.store
            .diagnostic()
            .channel_counts(RoundId(round))
            .await
            .unwrap()
            .invited,
        0
    );
}
