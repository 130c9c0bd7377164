use crate::helpers::{PASSWORD, TestApp};

#[tokio::test]
async fn the_home_page_sends_visitors_to_sign_in_and_back() {
    let app = TestApp::spawn().await;
    let home = app.get("/schools/3").await;
    assert_eq!(home.status, 303);
    assert_eq!(
        home.location.as_deref(),
        Some("/sign-in?next=%2Fschools%2F3")
    );
    let reply = app
        .post(
            "/sign-in",
            &[
                ("email", "head@a.test"),
                ("password", PASSWORD),
                ("next", "/schools/3"),
            ],
        )
        .await;
    assert_eq!(reply.location.as_deref(), Some("/schools/3"));
    assert!(app.get("/").await.body.contains("Head A"));
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_a_message_and_logged() {
    let app = TestApp::spawn().await;
    let reply = app
        .post(
            "/sign-in",
            &[("email", "head@a.test"), ("password", "wrong password!")],
        )
        .await;
    assert_eq!(reply.status, 401);
    assert!(reply.body.contains("do not match an account"));
    assert!(
        reply.body.contains("value=\"head@a.test\""),
        "the email is kept in the form"
    );
    assert_eq!(app.get("/").await.status, 303, "still signed out");
    let log = app.store.recent_audit(5).await.unwrap();
    assert_eq!(log[0].action, "sign_in_failed");
}

#[tokio::test]
async fn repeated_failures_throttle_even_the_right_password() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        let reply = app
            .post(
                "/sign-in",
                &[("email", "head@a.test"), ("password", "guess guess guess")],
            )
            .await;
        assert_eq!(reply.status, 401);
    }
    let reply = app
        .post(
            "/sign-in",
            &[("email", "head@a.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(reply.status, 429);
    assert!(
        reply.body.contains("Too many failed attempts"),
        "{}",
        reply.body
    );
    // Another account is not affected.
    app.sign_in_as("teacher@a.test").await;
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = TestApp::spawn().await;
    let reply = app.sign_in_as("head@a.test").await;
    let cookie = reply
        .headers
        .get("set-cookie")
        .expect("a session cookie")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("headway_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = TestApp::spawn().await;
    app.sign_in_as("head@a.test").await;
    assert_eq!(app.get("/").await.status, 200);
    let reply = app.post("/sign-out", &[]).await;
    assert_eq!(reply.location.as_deref(), Some("/sign-in"));
    assert_eq!(app.get("/").await.status, 303);
    let actions: Vec<String> = app
        .store
        .recent_audit(5)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions[..2], ["sign_out", "sign_in"]);
}

#[tokio::test]
async fn state_changes_need_the_sessions_csrf_token() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as("head@a.test").await;
    let missing = app.post_raw("/sign-out", &[]).await;
    assert_eq!(missing.status, 400);
    let wrong = app
        .post_raw("/sign-out", &[("csrf", &"0".repeat(64))])
        .await;
    assert_eq!(wrong.status, 400);
    assert_eq!(
        app.get("/").await.status,
        200,
        "still signed in after forged requests"
    );
    // A token from another visitor's session is worthless here.
    let token = app.csrf().await;
    app.new_visitor();
    let other = app
        .post_raw(
            "/sign-in",
            &[
                ("csrf", &token),
                ("email", "head@a.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(other.status, 400);
}

#[tokio::test]
async fn a_form_sent_from_another_site_is_refused() {
    let app = TestApp::spawn().await;
    let token = app.csrf().await;
    let reply = app
        .client
        .post(format!("{}/sign-in", app.address))
        .header("origin", "https://evil.example")
        .form(&[
            ("csrf", token.as_str()),
            ("email", "head@a.test"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status().as_u16(), 400);
}

#[tokio::test]
async fn sign_in_never_redirects_to_another_site() {
    let app = TestApp::spawn().await;
    let reply = app
        .post(
            "/sign-in",
            &[
                ("email", "head@a.test"),
                ("password", PASSWORD),
                ("next", "//evil.example"),
            ],
        )
        .await;
    assert_eq!(reply.location.as_deref(), Some("/"));
}

#[tokio::test]
async fn a_password_is_changed_only_with_the_current_one() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as("teacher@a.test").await;
    let wrong = app
        .post(
            "/account/password",
            &[
                ("current", "not my password"),
                ("new", "a new long password"),
                ("confirm", "a new long password"),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("current password is not right"));
    let short = app
        .post(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(short.status, 422);
    let done = app
        .post(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new", "a new long password"),
                ("confirm", "a new long password"),
            ],
        )
        .await;
    assert_eq!(done.status, 200);
    assert!(done.body.contains("Your password has been changed"));
    app.new_visitor();
    let old = app
        .post(
            "/sign-in",
            &[("email", "teacher@a.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(old.status, 401);
    let new = app
        .post(
            "/sign-in",
            &[
                ("email", "teacher@a.test"),
                ("password", "a new long password"),
            ],
        )
        .await;
    assert_eq!(new.status, 303);
    assert_eq!(
        app.store
            .recent_audit(10)
            .await
            .unwrap()
            .iter()
            .filter(|e| e.action == "password_changed")
            .count(),
        1
    );
}
