//! The leadership 360 through real HTTP: only the leader reads the report, links work once
//! and expire, and a group below the anonymity threshold is not shown.

use crate::helpers::TestApp;
use headway_domain::diagnostic::instrument::built_in;
use headway_domain::diagnostic::round::RespondentGroup;
use headway_store::diagnostic::RoundId;

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

/// Creates `count` links for teachers as the signed-in head; returns their paths.
async fn links(app: &TestApp, round: i64, count: usize) -> Vec<String> {
    let reply = app
        .post(
            &format!("/diagnostic/rounds/{round}/links"),
            &[
                ("group", "teachers"),
                ("count", &count.to_string()),
                ("days", "14"),
            ],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let paths: Vec<String> = reply
        .body
        .match_indices("/survey/")
        .map(|(at, _)| reply.body[at..at + "/survey/".len() + 64].to_owned())
        .collect();
    assert_eq!(paths.len(), count);
    paths
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
async fn report_with_teachers(n: usize) -> String {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let paths = links(&app, round, n).await;
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
                &format!("/diagnostic/rounds/{round}/links"),
                &[("group", "teachers"), ("count", "1")]
            )
            .await
            .status,
            404,
            "{email} cannot create links"
        );
    }
}

#[tokio::test]
async fn a_link_works_once_and_then_is_refused() {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let path = links(&app, round, 1).await.remove(0);
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
        .response_counts(&app.store.round(RoundId(round)).await.unwrap().unwrap())
        .await
        .unwrap();
    assert_eq!(counts, [(RespondentGroup::Teachers, 1)]);
}

#[tokio::test]
async fn an_expired_or_unknown_link_is_refused() {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let tokens = app
        .store
        .create_links(
            RoundId(round),
            RespondentGroup::Teachers,
            1,
            headway_store::now_unix() - 60,
        )
        .await
        .unwrap();
    app.new_visitor();
    let reply = app.get(&format!("/survey/{}", tokens[0])).await;
    assert_eq!(reply.status, 410);
    assert!(reply.body.contains("expired"));
    assert_eq!(
        answer(&app, &format!("/survey/{}", tokens[0]), "4").await,
        410
    );
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
        body.contains("The 0.84 rests on a subset"),
        "the caveat for 0.84"
    );
    assert!(body.contains("Improvement group: not yet known"));
}

#[tokio::test]
async fn staff_with_accounts_answer_in_app_from_their_surveys() {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let reply = app
        .post(
            &format!("/diagnostic/rounds/{round}/invitations"),
            &[("person", "2")],
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
    let path = links(&app, round, 1).await.remove(0);
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
    ] {
        assert!(report.body.contains(welsh), "missing: {welsh}");
    }
    app.new_visitor();
    let closed = app.get_with(&path, ("accept-language", "cy")).await;
    assert_eq!(closed.status, 410);
    assert!(closed.body.contains("arolwg wedi cau."));
}
