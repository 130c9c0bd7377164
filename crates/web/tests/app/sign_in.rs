//! Sign-in and sessions attacked as the testers attacked them: guessing in bulk, spraying
//! many accounts from one address, keeping a session alive after a password change, weak
//! new passwords, off-site `next`, and session rows written for every passer-by.

use crate::helpers::{PASSWORD, TestApp};

async fn wrong_password(app: &TestApp, token: &str, email: &str) -> u16 {
    app.post_raw(
        "/sign-in",
        &[
            ("csrf", token),
            ("email", email),
            ("password", "guess guess guess"),
        ],
    )
    .await
    .status
}

/// Sends `n` wrong passwords for `email` at once, as independent requests of one session.
async fn wrong_passwords_at_once(app: &TestApp, token: &str, email: &str, n: usize) -> Vec<u16> {
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..n {
        let (client, url) = (app.client.clone(), format!("{}/sign-in", app.address));
        let form = [
            ("csrf", token.to_owned()),
            ("email", email.to_owned()),
            ("password", "guess guess guess".to_owned()),
        ];
        attempts.spawn(async move {
            let reply = client.post(url).form(&form).send().await.unwrap();
            reply.status().as_u16()
        });
    }
    attempts.join_all().await
}

#[tokio::test]
async fn forty_concurrent_wrong_passwords_for_one_account_check_at_most_the_allowed_few() {
    let app = TestApp::spawn().await;
    let token = app.csrf().await;
    let statuses = wrong_passwords_at_once(&app, &token, "head@a.test", 40).await;
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let slowed = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + slowed, 40, "{statuses:?}");
    let allowed = headway_domain::account::SignInThrottle::default().account_free_failures;
    assert!(
        checked <= allowed as usize,
        "{checked} passwords were checked; at most {allowed} may be"
    );
    // Every checked password left an audit line; the rest were refused unchecked.
    let log = app.store.recent_audit(100).await.unwrap();
    let failed = log.iter().filter(|e| e.action == "sign_in_failed").count();
    assert_eq!(failed, checked);
}

#[tokio::test]
async fn spraying_many_accounts_from_one_address_is_slowed() {
    let app = TestApp::spawn().await;
    let token = app.csrf().await;
    let mut checked = 0;
    let mut first_slowed = None;
    for i in 0..60 {
        match wrong_password(&app, &token, &format!("person{i}@sprayed.test")).await {
            401 => checked += 1,
            429 => {
                first_slowed.get_or_insert(i);
            }
            other => panic!("attempt {i} answered {other}"),
        }
    }
    let allowed = headway_domain::account::SignInThrottle::default().address_free_failures;
    assert!(
        checked <= allowed,
        "{checked} of 60 sprayed attempts were checked; at most {allowed} may be"
    );
    assert_eq!(
        first_slowed,
        Some(allowed),
        "slowed from the first one over"
    );
}

#[tokio::test]
async fn the_real_person_waits_seconds_not_a_fifteen_minute_lock() {
    use headway_domain::clock::{Clock, FixedClock, SystemClock};
    let clock = FixedClock::at(SystemClock.now());
    let mut app = TestApp::spawn_with_clock(clock.clone()).await;
    let token = app.csrf().await;
    let throttle = headway_domain::account::SignInThrottle::default();
    for _ in 0..throttle.account_free_failures {
        assert_eq!(wrong_password(&app, &token, "head@a.test").await, 401);
    }
    app.new_visitor();
    let slowed = app
        .post(
            "/sign-in",
            &[("email", "head@a.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(slowed.status, 429, "{}", slowed.body);
    assert!(
        slowed.body.contains("Too many failed attempts") && slowed.body.contains("second"),
        "the wait is told in seconds: {}",
        slowed.body
    );
    // A second short of the wait, still refused; at its end, the right password works.
    clock.advance(throttle.first_delay_seconds - 1);
    let early = app
        .post(
            "/sign-in",
            &[("email", "head@a.test"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(early.status, 429, "{}", early.body);
    clock.advance(1);
    app.sign_in_as("head@a.test").await;
}

#[tokio::test]
async fn changing_a_password_ends_every_other_session_of_the_account() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as("teacher@a.test").await;
    let phone = app.client.clone();
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let done = app
        .post(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new", "a brand new long phrase"),
                ("confirm", "a brand new long phrase"),
            ],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(app.get("/").await.status, 200, "this session goes on");
    app.client = phone;
    assert_eq!(
        app.get("/").await.status,
        303,
        "the other session was signed out"
    );
}

#[tokio::test]
async fn common_passwords_and_ones_made_of_the_email_are_refused() {
    let app = TestApp::spawn().await;
    app.sign_in_as("teacher@a.test").await;
    for weak in [
        "aaaaaaaaaa",
        "qwertyuiop",
        "password123",
        "1234567890",
        "teacher@a.test",
        "TEACHER2024!!",
    ] {
        let reply = app
            .post(
                "/account/password",
                &[("current", PASSWORD), ("new", weak), ("confirm", weak)],
            )
            .await;
        assert_eq!(reply.status, 422, "{weak} was accepted");
    }
    let common = app
        .post(
            "/account/password",
            &[
                ("current", PASSWORD),
                ("new", "qwertyuiop"),
                ("confirm", "qwertyuiop"),
            ],
        )
        .await;
    assert!(
        common.body.contains("too common"),
        "the page says why: {}",
        common.body
    );
}

#[tokio::test]
async fn next_with_a_tab_or_a_newline_stays_on_this_site() {
    let mut app = TestApp::spawn().await;
    for next in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/%09/evil.example",
        "/\\evil.example",
        "//evil.example",
        "https://evil.example",
    ] {
        app.new_visitor();
        let reply = app
            .post(
                "/sign-in",
                &[
                    ("email", "head@a.test"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_eq!(reply.status, 303, "{next:?}: {}", reply.body);
        assert_eq!(reply.location.as_deref(), Some("/"), "{next:?}");
    }
}

#[tokio::test]
async fn visitors_without_a_cookie_leave_no_session_row() {
    let app = TestApp::spawn().await;
    for path in ["/", "/sign-in", "/schools/3", "/pupils/1", "/no-such-page"] {
        let visitor = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        visitor
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
    }
    assert_eq!(app.store.sessions().count().await.unwrap(), 0);
    // The sign-in page still works for a visitor who arrives without a session.
    app.sign_in_as("head@a.test").await;
    assert_eq!(app.store.sessions().count().await.unwrap(), 1);
}

#[tokio::test]
async fn a_stolen_copy_of_the_sessions_table_signs_nobody_in() {
    let mut app = TestApp::spawn().await;
    let reply = app.sign_in_as("head@a.test").await;
    let cookie = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|c| c.to_str().ok())
        .find_map(|c| c.strip_prefix("headway_session="))
        .and_then(|c| c.split(';').next())
        .expect("a session cookie")
        .to_owned();
    let stored = app.store.sessions().stored_keys().await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], cookie, "the id is not stored as sent");
    // An attacker holding the stored key presents it as a cookie.
    app.new_visitor();
    let thief = app
        .get_with("/", ("cookie", &format!("headway_session={}", stored[0])))
        .await;
    assert_eq!(thief.status, 303, "the stored key is not a live session");
}
