//! No existence oracles: a record the reader may not see answers exactly as one that does
//! not exist — same status, same page — on every route with an id in its path.

use crate::diagnostic::head_opens_a_round;
use crate::helpers::TestApp;

/// Asks for a hidden record and a missing one and compares what comes back.
async fn answered_alike(app: &TestApp, hidden: &str, missing: &str) -> Result<(), String> {
    let (a, b) = (app.get(hidden).await, app.get(missing).await);
    if a.status != b.status {
        return Err(format!(
            "{hidden} answers {} but {missing} answers {}",
            a.status, b.status
        ));
    }
    if a.status == 200 || a.status == 303 {
        return Err(format!("{hidden} answers {}", a.status));
    }
    if a.body != b.body {
        return Err(format!("{hidden} and {missing} answer different pages"));
    }
    Ok(())
}

/// (who, a record that exists but that they may not see, a record that does not exist)
const PAIRS: &[(&str, &str, &str)] = &[
    ("teacher2@a.test", "/pupils/1", "/pupils/99999"),
    ("teacher2@a.test", "/classes/1", "/classes/99999"),
    ("governor@a.test", "/pupils/1", "/pupils/99999"),
    ("governor@a.test", "/classes/1", "/classes/99999"),
    ("head@a.test", "/schools/4", "/schools/99999"),
    (
        "head@a.test",
        "/schools/4/progress",
        "/schools/99999/progress",
    ),
    (
        "head@a.test",
        "/schools/4/falling-behind",
        "/schools/99999/falling-behind",
    ),
    ("head@a.test", "/orgs/2", "/orgs/99999"),
    (
        "head@a.test",
        "/schools/4/imports",
        "/schools/99999/imports",
    ),
    ("lead@cluster.test", "/schools/5", "/schools/99999"),
    ("lead@cluster.test", "/orgs/1", "/orgs/99999"),
    ("lead@cluster.test", "/pupils/1", "/pupils/99999"),
];

#[tokio::test]
async fn records_out_of_reach_answer_as_if_they_did_not_exist() {
    let mut app = TestApp::spawn().await;
    let mut failures = Vec::new();
    let mut current = "";
    for (email, hidden, missing) in PAIRS {
        if *email != current {
            app.new_visitor();
            app.sign_in_as(email).await;
            current = email;
        }
        if let Err(why) = answered_alike(&app, hidden, missing).await {
            failures.push(format!("{email}: {why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn another_leaders_360_round_answers_as_if_it_did_not_exist() {
    let mut app = TestApp::spawn().await;
    let round = format!("/diagnostic/rounds/{}", head_opens_a_round(&app).await);
    let missing = "/diagnostic/rounds/99999";
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let mut failures = Vec::new();
    for (hidden, missing) in [
        (round.clone(), missing.to_owned()),
        (format!("{round}/report"), format!("{missing}/report")),
        (format!("{round}/self"), format!("{missing}/self")),
    ] {
        if let Err(why) = answered_alike(&app, &hidden, &missing).await {
            failures.push(why);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn someone_elses_survey_invitation_answers_as_if_it_did_not_exist() {
    let mut app = TestApp::spawn().await;
    let round = head_opens_a_round(&app).await;
    let invited = app
        .post(
            &format!("/diagnostic/rounds/{round}/invitations"),
            &[("channel-2", "in_app")],
        )
        .await;
    assert_eq!(invited.status, 303);
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let hub = app.get("/diagnostic").await.body;
    let marker = "/diagnostic/invitations/";
    let at = hub.find(marker).expect("the invitation is listed") + marker.len();
    let id: String = hub[at..].chars().take_while(char::is_ascii_digit).collect();
    app.new_visitor();
    app.sign_in_as("teacher2@a.test").await;
    answered_alike(&app, &format!("{marker}{id}"), &format!("{marker}99999"))
        .await
        .unwrap();
}
