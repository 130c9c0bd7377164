//! Surveys through real HTTP: a head opens a staff survey, hands out single-use links,
//! staff answer without an account, results open only after the window closes (and the
//! head's review), and nobody learns who answered. Attacks: reusing a link, a leader of
//! another school, a leader before release, a small group by subtraction, a hostile
//! comment.

use crate::helpers::TestApp;
use headway_domain::ids::OrgId;
use headway_domain::roles::Role;
use headway_domain::survey::instrument::{Audience, built_in};
use headway_web::mail::RecordingMailer;
use std::sync::Arc;

/// The head opens a survey; its id.
async fn head_opens(app: &TestApp, audience: &str, k: &str, review: bool) -> String {
    app.sign_in_as("head@a.test").await;
    let mut fields = vec![
        ("school", "3"),
        ("audience", audience),
        ("title", "Autumn 2026"),
        ("threshold", k),
    ];
    if review {
        fields.push(("review", "1"));
    }
    let reply = app.post("/surveys", &fields).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply
        .location
        .unwrap()
        .trim_start_matches("/surveys/")
        .to_owned()
}

/// The staff links on the page the head sees once.
fn tokens(body: &str) -> Vec<String> {
    body.match_indices("/answer/link/")
        .map(|(at, m)| body[at + m.len()..at + m.len() + 64].to_owned())
        .collect()
}

fn every_item(audience: Audience, value: &str) -> Vec<(String, String)> {
    built_in(audience)
        .items()
        .map(|(_, item)| (format!("item-{}", item.id), value.to_owned()))
        .collect()
}

async fn answer(app: &mut TestApp, path: &str, fields: &[(String, String)]) -> u16 {
    app.new_visitor();
    assert_eq!(app.get(path).await.status, 200, "{path} opens");
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(path, &fields).await.status
}

#[tokio::test]
async fn a_staff_survey_runs_from_single_use_links_to_results_after_the_window_closes() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "staff", "3", false).await;
    let links = app
        .post(&format!("/surveys/{survey}/staff-links"), &[])
        .await;
    assert_eq!(links.status, 200);
    let tokens = tokens(&links.body);
    assert_eq!(
        tokens.len(),
        5,
        "one link for each of the school's five staff"
    );

    for (i, token) in tokens.iter().take(4).enumerate() {
        let path = format!("/answer/link/{token}");
        let value = ["2", "3", "4", "5"][i];
        let mut fields = every_item(Audience::Staff, value);
        fields.push((
            "comment".into(),
            "<script>alert('x')</script> Teacher A shouts".into(),
        ));
        assert_eq!(answer(&mut app, &path, &fields).await, 200);
        // The same link again: refused, and the answer is not counted twice.
        assert_eq!(answer_again(&app, &path).await, 410);
    }

    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let page = app.get(&format!("/surveys/{survey}")).await;
    assert!(
        page.body.contains("4 people have answered"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("Teacher A"),
        "nobody is named beside the counts"
    );
    // Before the window closes: no results, even for the head.
    assert_eq!(
        app.get(&format!("/surveys/{survey}/results")).await.status,
        403
    );

    assert_eq!(
        app.post(&format!("/surveys/{survey}/close"), &[])
            .await
            .status,
        303
    );
    let results = app.get(&format!("/surveys/{survey}/results")).await;
    assert_eq!(results.status, 200);
    assert!(results.body.contains("4 people have answered"));
    assert!(
        results
            .body
            .contains("An orderly and supportive environment")
    );
    // The hostile comment is shown as text, and the roster's names are masked.
    assert!(
        !results.body.contains("<script>alert"),
        "a comment is escaped"
    );
    assert!(
        results.body.contains("&#60;script&#62;alert("),
        "shown as text"
    );
    assert!(!results.body.contains("Teacher A shouts"));
    // Each staff group is below k = 3 or would be given away by subtraction: no row alone.
    for group in [
        "<th scope=\"row\">Teachers</th>",
        "<th scope=\"row\">Senior leaders</th>",
    ] {
        assert!(!results.body.contains(group), "{group} shown alone");
    }
}

async fn answer_again(app: &TestApp, path: &str) -> u16 {
    let fields: Vec<(String, String)> = every_item(Audience::Staff, "4");
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(path, &fields).await.status
}

#[tokio::test]
async fn an_empty_answer_is_not_sent_and_leaves_the_link_working() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "staff", "3", false).await;
    let token = tokens(
        &app.post(&format!("/surveys/{survey}/staff-links"), &[])
            .await
            .body,
    )[0]
    .clone();
    let path = format!("/answer/link/{token}");
    app.new_visitor();
    let empty = app.post(&path, &[("comment", "   ")]).await;
    assert_eq!(empty.status, 200);
    assert!(
        empty.body.contains("id=\"nothing-answered\""),
        "the page asks again"
    );
    // One answer is enough, and the link still works for it.
    let one = app.post(&path, &[("item-staff-trust-01", "4")]).await;
    assert_eq!(one.status, 200);
    assert!(one.body.contains("Thank you"));
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let page = app.get(&format!("/surveys/{survey}")).await;
    assert!(
        page.body.contains("Fewer than 3 people have answered"),
        "one response, not two"
    );
}

#[tokio::test]
async fn the_360_does_not_count_an_empty_answer_either() {
    let app = TestApp::spawn().await;
    app.sign_in_as("head@a.test").await;
    let opened = app
        .post(
            "/diagnostic/rounds",
            &[("school", "3"), ("group", "teachers")],
        )
        .await;
    let round = opened.location.unwrap();
    app.post(&format!("{round}/invitations"), &[("channel-2", "in_app")])
        .await;
    let mut app = app;
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let hub = app.get("/diagnostic").await;
    let at = hub
        .body
        .find("/diagnostic/invitations/")
        .expect("an invitation");
    let path: String = hub.body[at..].chars().take_while(|c| *c != '"').collect();
    let empty = app.post(&path, &[]).await;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("id=\"nothing-answered\""));
    // Still answerable: the invitation was not used up.
    assert_eq!(app.get(&path).await.status, 200);
}

#[tokio::test]
async fn leaders_see_results_only_after_the_heads_review_and_governors_see_the_whole_school_only() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "parents", "3", true).await;
    let sheet = app.get(&format!("/surveys/{survey}/parents")).await;
    assert_eq!(sheet.status, 200);
    assert!(sheet.body.contains("<svg"), "a QR code");
    let at = sheet.body.find("/answer/code/").unwrap() + "/answer/code/".len();
    let code = sheet.body[at..at + 9].to_owned();
    for value in ["3", "4", "5", "4"] {
        let mut fields = every_item(Audience::Parents, value);
        fields.push(("comment".into(), "More clubs please".into()));
        assert_eq!(
            answer(&mut app, &format!("/answer/code/{code}"), &fields).await,
            200
        );
    }
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    app.post(&format!("/surveys/{survey}/close"), &[]).await;

    app.new_visitor();
    app.sign_in_as("governor@a.test").await;
    assert_eq!(
        app.get(&format!("/surveys/{survey}/results")).await.status,
        403,
        "waiting for the head's review"
    );
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let review = app.get(&format!("/surveys/{survey}/results")).await;
    assert_eq!(review.status, 200);
    assert!(review.body.contains("More clubs please"));
    assert_eq!(
        app.post(&format!("/surveys/{survey}/release"), &[])
            .await
            .status,
        303
    );

    app.new_visitor();
    app.sign_in_as("governor@a.test").await;
    let governors = app.get(&format!("/surveys/{survey}/results")).await;
    assert_eq!(governors.status, 200);
    assert!(governors.body.contains("My child is safe and happy"));
    assert!(
        !governors.body.contains("More clubs please"),
        "no comments for governors"
    );
    assert!(!governors.body.contains("breakdown-heading"));
    // A teacher reads no results, and cannot run surveys.
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    assert_eq!(
        app.get(&format!("/surveys/{survey}/results")).await.status,
        403
    );
    assert_eq!(app.get(&format!("/surveys/{survey}")).await.status, 403);
}

#[tokio::test]
async fn a_leader_of_another_school_finds_nothing_and_a_code_of_nothing_opens_nothing() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "pupils", "3", false).await;
    app.add_account("head@hill.test", "Hill Head", Role::Head, OrgId(4))
        .await;
    app.new_visitor();
    app.sign_in_as("head@hill.test").await;
    for path in [
        format!("/surveys/{survey}"),
        format!("/surveys/{survey}/results"),
        format!("/surveys/{survey}/sheets"),
    ] {
        assert_eq!(app.get(&path).await.status, 404, "{path}");
    }
    assert_eq!(
        app.post(&format!("/surveys/{survey}/close"), &[])
            .await
            .status,
        404
    );
    app.new_visitor();
    assert_eq!(app.get("/answer/code/ABCD-EFGH").await.status, 404);
    assert_eq!(
        app.get(&format!("/answer/link/{}", "0".repeat(64)))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_pupil_answers_by_class_code_in_welsh() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "pupils", "3", false).await;
    let sheets = app.get(&format!("/surveys/{survey}/sheets")).await;
    assert_eq!(sheets.status, 200);
    assert!(sheets.body.contains("<svg"));
    let at = sheets.body.find("/answer/code/").unwrap() + "/answer/code/".len();
    let code = sheets.body[at..at + 9].to_owned();
    app.new_visitor();
    let typed = app
        .get(&format!("/answer?code={}", code.to_lowercase()))
        .await;
    assert_eq!(typed.status, 303);
    let welsh = app
        .get_with(&format!("/answer/code/{code}"), ("accept-language", "cy"))
        .await;
    assert_eq!(welsh.status, 200);
    assert!(welsh.body.contains("Anfon fy atebion"));
    assert!(
        welsh.body.contains("hapus yn yr ysgol."),
        "the items in Welsh"
    );
}

#[tokio::test]
async fn reminders_go_by_email_without_anyone_learning_who_answered() {
    let mailer = Arc::new(RecordingMailer::default());
    let mut app = TestApp::spawn_with(headway_web::WebSettings {
        email: Some(headway_web::EmailInvitations {
            mailer: mailer.clone(),
            public_url: "https://headway.example.test".into(),
        }),
        ..crate::helpers::settings()
    })
    .await;
    let survey = head_opens(&app, "staff", "3", false).await;
    let issued = app
        .post(&format!("/surveys/{survey}/staff-links"), &[])
        .await;
    assert!(tokens(&issued.body).is_empty(), "mailed, not shown");
    let sent = mailer.sent();
    assert_eq!(sent.len(), 5);
    let first = &sent[0];
    let at = first.body.find("/answer/link/").unwrap() + "/answer/link/".len();
    let path = format!("/answer/link/{}", &first.body[at..at + 64]);
    assert_eq!(
        answer(&mut app, &path, &every_item(Audience::Staff, "4")).await,
        200
    );

    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let reminded = app.post(&format!("/surveys/{survey}/remind"), &[]).await;
    assert_eq!(reminded.status, 303);
    let page = app.get(reminded.location.as_deref().unwrap()).await;
    assert!(
        page.body
            .contains("Nobody, including you, is told who they are.")
    );
    let reminders: Vec<_> = mailer.sent().into_iter().skip(5).collect();
    assert_eq!(reminders.len(), 4, "everyone but the one who answered");
    assert!(reminders.iter().all(|m| m.to != first.to));
    for name in ["Teacher A", "Teacher B", "Maths Lead", "Data Manager"] {
        assert!(!page.body.contains(name), "{name} named on the survey page");
    }
}

/// The head opens a pupil survey (threshold `k`, closing on `closes_on`), `n` pupils
/// answer every item with `value` by their class code; its id.
async fn pupils_answer(app: &mut TestApp, k: &str, closes_on: &str, n: usize) -> String {
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let reply = app
        .post(
            "/surveys",
            &[
                ("school", "3"),
                ("audience", "pupils"),
                ("title", "Pupil voice 2026"),
                ("threshold", k),
                ("closes_on", closes_on),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let survey = reply
        .location
        .unwrap()
        .trim_start_matches("/surveys/")
        .to_owned();
    let sheets = app.get(&format!("/surveys/{survey}/sheets")).await;
    let at = sheets.body.find("/answer/code/").unwrap() + "/answer/code/".len();
    let code = sheets.body[at..at + 9].to_owned();
    for i in 0..n {
        let fields = every_item(Audience::Pupils, ["3", "4", "5", "4"][i % 4]);
        assert_eq!(
            answer(app, &format!("/answer/code/{code}"), &fields).await,
            200
        );
    }
    survey
}

#[tokio::test]
async fn an_open_surveys_results_say_when_they_open_and_pupils_well_being_reaches_the_progress_page_once_released()
 {
    let mut app = TestApp::spawn().await;
    let survey = pupils_answer(&mut app, "3", "2030-07-01", 4).await;
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let results = app.get(&format!("/surveys/{survey}/results")).await;
    assert_eq!(results.status, 403);
    assert!(
        results
            .body
            .contains("They open after its window closes, planned for 2030-07-01"),
        "{}",
        results.body
    );
    let progress = app.get("/schools/3/progress").await;
    assert_eq!(progress.status, 200);
    assert!(
        !progress.body.contains("Broad success"),
        "nothing while open"
    );

    let closed = app.post(&format!("/surveys/{survey}/close"), &[]).await;
    assert_eq!(closed.status, 303);
    // Every pupil rated well-being 3, 4, 5, 4 (after reverse coding, the same): mean 4.
    for reader in ["head@a.test", "governor@a.test"] {
        app.new_visitor();
        app.sign_in_as(reader).await;
        let page = app.get("/schools/3/progress").await;
        assert_eq!(page.status, 200, "{reader}");
        let body = &page.body;
        let at = body
            .find("Broad success")
            .unwrap_or_else(|| panic!("{reader}: {body}"));
        let panel = &body[at..body[at..].find("</section>").unwrap() + at];
        assert!(panel.contains("4 pupils with a score"), "{reader}: {panel}");
        assert!(panel.contains("95% interval"), "{panel}");
        assert!(panel.contains("Pupil voice 2026"), "{panel}");
    }
    // A head of department reads the progress page but not survey results.
    app.new_visitor();
    app.sign_in_as("maths.lead@a.test").await;
    let page = app.get("/schools/3/progress").await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Broad success"));
}

#[tokio::test]
async fn pupils_well_being_under_k_is_suppressed_on_the_progress_page_and_a_review_says_when() {
    let mut app = TestApp::spawn().await;
    let survey = pupils_answer(&mut app, "5", "2030-07-01", 3).await;
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    app.post(&format!("/surveys/{survey}/close"), &[]).await;
    let body = app.get("/schools/3/progress").await.body;
    let at = body.find("Broad success").expect("the panel");
    let panel = &body[at..body[at..].find("</section>").unwrap() + at];
    assert!(panel.contains("fewer than 5 pupils: not shown"), "{panel}");
    assert!(!panel.contains("95% interval"), "{panel}");

    // Held for the head's review: a governor is told the window closed and what waits.
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "parents", "3", true).await;
    app.post(&format!("/surveys/{survey}/close"), &[]).await;
    app.new_visitor();
    app.sign_in_as("governor@a.test").await;
    let reply = app.get(&format!("/surveys/{survey}/results")).await;
    assert_eq!(reply.status, 403);
    assert!(
        reply.body.contains("Its window closed on") && reply.body.contains("the head reviews"),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn the_360_report_shows_the_released_staff_climate_beside_an_orderly_environment() {
    use crate::diagnostic::{answer as answer_360, head_opens_a_round, new_staff, outbox_links};
    let mut app = TestApp::spawn().await;
    // A staff survey answered and held for review: not yet beside the 360.
    let survey = head_opens(&app, "staff", "3", true).await;
    let links = app
        .post(&format!("/surveys/{survey}/staff-links"), &[])
        .await;
    for (i, token) in tokens(&links.body).iter().take(4).enumerate() {
        let fields = every_item(Audience::Staff, ["2", "3", "4", "3"][i]);
        assert_eq!(
            answer(&mut app, &format!("/answer/link/{token}"), &fields).await,
            200
        );
    }
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    app.post(&format!("/surveys/{survey}/close"), &[]).await;

    let round = head_opens_a_round(&app).await;
    let people = new_staff(&app, Role::Teacher, 3).await;
    let paths = outbox_links(&mut app, round, &people).await;
    for path in &paths {
        app.new_visitor();
        assert_eq!(answer_360(&app, path, "3").await, 200);
    }
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    app.post(&format!("/diagnostic/rounds/{round}/close"), &[])
        .await;
    let report = format!("/diagnostic/rounds/{round}/report");
    let before = app.get(&report).await;
    assert_eq!(before.status, 200, "{}", before.body);
    assert!(!before.body.contains("staff climate survey closed"));

    // Released: beside dimension 5, with its interval, n and date.
    assert_eq!(
        app.post(&format!("/surveys/{survey}/release"), &[])
            .await
            .status,
        303
    );
    let body = app.get(&report).await.body;
    // In the by-dimension table, in dimension 5's row and no other.
    let table = &body[body.find("id=\"by-dimension\"").unwrap()..];
    let row = table
        .find("<th scope=\"row\">Ensuring an orderly and supportive environment")
        .unwrap();
    let row = &table[row..row + table[row..].find("</tr>").unwrap()];
    assert_eq!(body.matches("class=\"hint beside\"").count(), 1);
    assert!(
        row.contains("Beside it, the staff climate survey closed"),
        "{row}"
    );
    assert!(
        row.contains("95% interval") && row.contains("4 staff"),
        "{row}"
    );
}
