//! The JSON API through real HTTP: tokens made, listed and revoked on the account page;
//! every endpoint answering what its page's use case answers for the token's person, within
//! the token's scopes; attackers refused with JSON and the right status; requests counted
//! in the database, so the limit holds across app servers; the OpenAPI document.

use crate::helpers::{TestApp, settings};
use headway_domain::access::Principal;
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use serde_json::Value;

/// Makes a token on the account page as `email` (signing in as them in a visitor of its
/// own) with the scopes given by their form fields (`read_progress` …); returns it.
pub async fn token_for(app: &mut TestApp, email: &str, scopes: &[&str]) -> String {
    app.new_visitor();
    app.sign_in_as(email).await;
    let mut fields: Vec<(&str, &str)> = vec![("name", "A test's token")];
    for scope in scopes {
        fields.push((scope, "yes"));
    }
    let made = app.post("/account/tokens", &fields).await;
    assert_eq!(made.status, 201, "{}", made.body);
    secret_in(&made.body)
}

/// The token shown on the page just made.
fn secret_in(body: &str) -> String {
    let start = body.find("value=\"hw_").expect("the new token is shown") + "value=\"".len();
    body[start..start + 67].to_owned()
}

pub const ALL_SCOPES: [&str; 5] = [
    "read_schools",
    "read_progress",
    "read_pupils",
    "read_plans",
    "read_surveys",
];

pub struct Answer {
    pub status: u16,
    pub json: Value,
    pub headers: reqwest::header::HeaderMap,
}

/// A call from a program: no cookies, the given `Authorization` header if any.
pub async fn call(app: &TestApp, path: &str, authorization: Option<&str>) -> Answer {
    let client = reqwest::Client::new();
    let mut request = client.get(format!("{}{path}", app.address));
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let json = serde_json::from_str(&text)
        .unwrap_or_else(|_| panic!("GET {path} answered {status} with no JSON: {text}"));
    Answer {
        status,
        json,
        headers,
    }
}

pub async fn with_token(app: &TestApp, path: &str, token: &str) -> Answer {
    call(app, path, Some(&format!("Bearer {token}"))).await
}

fn message(answer: &Answer) -> String {
    answer.json["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn a_token_is_shown_once_listed_without_its_secret_stored_hashed_and_audited() {
    let mut app = TestApp::spawn().await;
    let token = token_for(&mut app, "head@a.test", &["read_schools", "read_progress"]).await;
    assert!(token.starts_with("hw_") && token.len() == 67, "{token}");

    let listed = app.get("/account/tokens").await;
    assert_eq!(listed.status, 200);
    assert!(listed.body.contains("A test&#39;s token") || listed.body.contains("A test's token"));
    assert!(listed.body.contains("read:schools read:progress"));
    assert!(
        listed.body.contains(&token[..9]),
        "its first characters, to tell it apart"
    );
    assert!(
        !listed.body.contains(&token),
        "the secret is shown only once"
    );
    assert!(listed.body.contains("Never"), "not used yet");

    // Kept as its SHA-256, never the secret.
    let keys = app.store.api().stored_keys().await.unwrap();
    assert_eq!(keys.len(), 1);
    assert_ne!(keys[0], token);
    assert!(!keys[0].contains(&token[3..]));
    let audit = app.store.recent_audit(5).await.unwrap();
    let line = audit
        .iter()
        .find(|a| a.action == "api_token.create")
        .expect("an audit line");
    assert_eq!(line.actor_id, Some(1));
    assert!(
        !line.detail.contains(&token[9..]),
        "the audit log never holds the secret"
    );

    let schools = with_token(&app, "/api/v1/schools", &token).await;
    assert_eq!(schools.status, 200, "{}", schools.json);
    let list = schools.json["schools"].as_array().unwrap();
    assert_eq!(list.len(), 1, "the head's own school only");
    assert_eq!(list[0]["id"], 3);
    assert_eq!(list[0]["readable"], serde_json::json!(["read:progress"]));
    let used = app.get("/account/tokens").await;
    assert!(!used.body.contains(">Never<"), "last used is now recorded");
}

#[tokio::test]
async fn a_bad_request_for_a_token_is_refused_with_its_reason_and_writes_nothing() {
    let app = TestApp::spawn().await;
    app.sign_in_as("head@a.test").await;
    let cases: [(&[(&str, &str)], &str); 3] = [
        (&[("name", "No scope")], "Choose at least one"),
        (
            &[("name", "   "), ("read_plans", "yes")],
            "Give the token a name",
        ),
        (
            &[("name", &"x".repeat(81)), ("read_plans", "yes")],
            "at most 80 characters",
        ),
    ];
    for (fields, reason) in cases {
        let reply = app.post("/account/tokens", fields).await;
        assert_eq!(reply.status, 422, "{fields:?}");
        assert!(reply.body.contains(reason), "{fields:?}: {}", reply.body);
        assert!(!reply.body.contains("value=\"hw_"));
    }
    // Without the form's CSRF token nothing is made either.
    let forged = app
        .post_raw(
            "/account/tokens",
            &[("name", "forged"), ("read_pupils", "yes")],
        )
        .await;
    assert_eq!(forged.status, 400, "refused for want of the CSRF token");
    assert!(app.store.api().stored_keys().await.unwrap().is_empty());
    assert!(
        !app.store
            .recent_audit(20)
            .await
            .unwrap()
            .iter()
            .any(|a| a.action == "api_token.create")
    );
}

#[tokio::test]
async fn a_revoked_token_stops_at_the_next_request_and_only_its_owner_revokes_it() {
    let mut app = TestApp::spawn().await;
    let token = token_for(&mut app, "head@a.test", &["read_schools"]).await;
    let id = app.store.api().tokens_of(PersonId(1)).await.unwrap()[0].id;

    // A colleague cannot revoke it: not found, and it still works.
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let refused = app.post(&format!("/account/tokens/{id}/revoke"), &[]).await;
    assert_eq!(refused.status, 404);
    assert_eq!(
        with_token(&app, "/api/v1/schools", &token).await.status,
        200
    );

    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let revoked = app.post(&format!("/account/tokens/{id}/revoke"), &[]).await;
    assert_eq!(revoked.status, 303);
    let answer = with_token(&app, "/api/v1/schools", &token).await;
    assert_eq!(answer.status, 401);
    assert!(message(&answer).contains("revoked"), "{}", answer.json);
    let page = app.get("/account/tokens").await;
    assert!(page.body.contains("Revoked on"));
    assert!(
        app.store
            .recent_audit(5)
            .await
            .unwrap()
            .iter()
            .any(|a| a.action == "api_token.revoke" && a.actor_id == Some(1))
    );
    // Revoking again finds nothing to revoke.
    let again = app.post(&format!("/account/tokens/{id}/revoke"), &[]).await;
    assert_eq!(again.status, 404);
}

#[tokio::test]
async fn calls_without_a_working_token_are_refused_with_401_in_json() {
    let mut app = TestApp::spawn().await;
    let token = token_for(&mut app, "head@a.test", &ALL_SCOPES).await;
    let cases: Vec<(Option<String>, &str)> = vec![
        (None, "Authorization: Bearer"),
        (Some("Bearer".into()), "must be 'Bearer '"),
        (Some("Bearer nonsense".into()), "must be 'Bearer '"),
        (Some(format!("Basic {token}")), "must be 'Bearer '"),
        (
            Some(format!("Bearer {}", &token[..66])),
            "must be 'Bearer '",
        ),
        (
            Some(format!("Bearer {token}; DROP TABLE api_tokens")),
            "must be 'Bearer '",
        ),
        (
            Some(format!("Bearer hw_{}", "0".repeat(64))),
            "unknown or has been revoked",
        ),
    ];
    for (header, reason) in cases {
        let answer = call(&app, "/api/v1/schools/3/progress", header.as_deref()).await;
        assert_eq!(answer.status, 401, "{header:?}");
        assert_eq!(answer.json["error"], "unauthorized");
        assert!(
            message(&answer).contains(reason),
            "{header:?}: {}",
            answer.json
        );
        assert_eq!(
            answer.headers["www-authenticate"], "Bearer realm=\"headway\"",
            "{header:?}"
        );
        assert!(answer.json.get("figures").is_none());
    }
    // A header that is not text at all.
    let client = reqwest::Client::new();
    let raw = client
        .get(format!("{}/api/v1/schools", app.address))
        .header(
            "authorization",
            reqwest::header::HeaderValue::from_bytes(b"Bearer \xff\xfe").unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status().as_u16(), 401);

    // A browser signed in as the head, with no token: the session does not open the API.
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let reply = app.get("/api/v1/schools").await;
    assert_eq!(reply.status, 401, "{}", reply.body);
    assert!(reply.body.contains("\"unauthorized\""));
    assert!(
        !reply.headers.contains_key("set-cookie"),
        "the API sets no cookie"
    );
}

#[tokio::test]
async fn a_token_reads_only_what_both_its_person_and_its_scopes_allow() {
    let mut app = TestApp::spawn().await;
    // Another school's head, with every scope: nothing of school 3.
    app.add_account("head@b.test", "Head B", Role::Head, OrgId(4))
        .await;
    let other = token_for(&mut app, "head@b.test", &ALL_SCOPES).await;
    for path in [
        "/api/v1/schools/3/progress",
        "/api/v1/schools/3/falling-behind",
        "/api/v1/schools/3/plan",
        "/api/v1/schools/3/surveys",
    ] {
        let answer = with_token(&app, path, &other).await;
        assert_eq!(answer.status, 403, "{path}: {}", answer.json);
        assert!(
            message(&answer).contains("no role in this school"),
            "{path}"
        );
        assert!(!answer.json.to_string().contains("Pupil"));
    }
    let listed = with_token(&app, "/api/v1/schools", &other).await;
    let ids: Vec<i64> = listed.json["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![4]);

    // The head's token without read:progress: refused though the head may see them.
    let narrow = token_for(&mut app, "head@a.test", &["read_schools"]).await;
    let answer = with_token(&app, "/api/v1/schools/3/progress", &narrow).await;
    assert_eq!(answer.status, 403);
    assert!(message(&answer).contains("lacks the scope read:progress"));
    let answer = with_token(&app, "/api/v1/schools/3/falling-behind", &narrow).await;
    assert!(message(&answer).contains("read:pupils"));
    // And a token without read:schools does not list schools.
    let no_list = token_for(&mut app, "head@a.test", &["read_progress"]).await;
    let answer = with_token(&app, "/api/v1/schools", &no_list).await;
    assert_eq!(answer.status, 403);
    assert!(message(&answer).contains("read:schools"));

    // A governor's token with every scope asks for pupil-level data: refused.
    let governor = token_for(&mut app, "governor@a.test", &ALL_SCOPES).await;
    let answer = with_token(&app, "/api/v1/schools/3/falling-behind", &governor).await;
    assert_eq!(answer.status, 403, "{}", answer.json);
    assert!(
        message(&answer).contains("pupil-level data"),
        "{}",
        answer.json
    );
    assert!(!answer.json.to_string().contains("Pupil 1"));
    let schools = with_token(&app, "/api/v1/schools", &governor).await;
    let readable = &schools.json["schools"][0]["readable"];
    assert!(
        !readable
            .as_array()
            .unwrap()
            .contains(&Value::from("read:pupils")),
        "{readable}"
    );
    assert_eq!(
        with_token(&app, "/api/v1/schools/3/progress", &governor)
            .await
            .status,
        200
    );

    // A teacher's token: no school figures (as on the pages), their own class's pupils only.
    let teacher = token_for(&mut app, "teacher2@a.test", &ALL_SCOPES).await;
    assert_eq!(
        with_token(&app, "/api/v1/schools/3/progress", &teacher)
            .await
            .status,
        403
    );
    let behind = with_token(&app, "/api/v1/schools/3/falling-behind", &teacher).await;
    assert_eq!(behind.status, 200, "{}", behind.json);
    for pupil in behind.json["pupils"].as_array().unwrap() {
        assert_eq!(pupil["class"], "11M2", "{pupil}");
    }

    // Paths that do not parse, and endpoints that do not exist, answer in JSON too.
    let head = token_for(&mut app, "head@a.test", &ALL_SCOPES).await;
    let bad = with_token(&app, "/api/v1/schools/three/progress", &head).await;
    assert_eq!(bad.status, 400);
    let bad = with_token(&app, "/api/v1/schools/3/progress?year=x", &head).await;
    assert_eq!(bad.status, 400);
    let missing = with_token(&app, "/api/v1/pupils", &head).await;
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json["error"], "not_found");
    let survey = with_token(&app, "/api/v1/surveys/999", &head).await;
    assert_eq!(survey.status, 404);
}

#[tokio::test]
async fn progress_through_the_api_is_the_progress_pages_use_case_with_its_intervals() {
    let mut app = crate::progress::spawn().await;
    let token = token_for(&mut app, "head@ten.test", &["read_progress"]).await;
    let answer = with_token(&app, "/api/v1/schools/10/progress?subject=1", &token).await;
    assert_eq!(answer.status, 200, "{}", answer.json);

    // The same use case, called directly, for the same person.
    let head: Principal = app.store.accounts().principal(PersonId(1)).await.unwrap();
    let references = headway_app::progress::reference::References::default();
    let cache = headway_app::progress::ReportCache::default();
    let report = headway_app::progress::ProgressReports::new(&app.store, &references, &cache)
        .school_report(&head, SchoolId(10), None, Some(1))
        .await
        .unwrap();
    let figures = report.figures.as_ref().expect("figures");
    let expected = figures.report.value_added.figures.as_ref().expect("shown");
    let va = &answer.json["figures"]["value_added"];
    assert_eq!(va["visibility"], "shown");
    assert_eq!(va["pupils"], figures.report.value_added.n);
    let close = |v: &Value, x: f64| (v.as_f64().unwrap() - x).abs() < 1e-9;
    assert!(close(&va["value_added"], expected.value_added), "{va}");
    assert!(close(&va["ci_lower"], expected.ci_lower));
    assert!(close(&va["ci_upper"], expected.ci_upper));
    assert!(va["ci_lower"].as_f64() < va["ci_upper"].as_f64());
    assert_eq!(answer.json["subject"]["id"], 1);
    assert_eq!(answer.json["suppression_threshold"], 6);
    // Pupil groups only: no class or teacher through the API.
    let breakdowns: Vec<&str> = answer.json["figures"]["breakdowns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["by"].as_str().unwrap())
        .collect();
    assert!(breakdowns.contains(&"disadvantaged"), "{breakdowns:?}");
    assert!(!breakdowns.contains(&"class") && !breakdowns.contains(&"teacher"));
    // A hidden group carries neither a figure nor a count.
    for breakdown in answer.json["figures"]["breakdowns"].as_array().unwrap() {
        for row in breakdown["rows"].as_array().unwrap() {
            if row["simple"]["visibility"] != "shown" {
                assert!(row["simple"]["pupils"].is_null(), "{row}");
                assert!(row["simple"]["value_added"].is_null(), "{row}");
            }
        }
    }
}

#[tokio::test]
async fn a_small_school_s_figures_stay_hidden_through_the_api() {
    let mut app = TestApp::spawn().await;
    let token = token_for(&mut app, "head@a.test", &["read_progress"]).await;
    let answer = with_token(&app, "/api/v1/schools/3/progress", &token).await;
    assert_eq!(answer.status, 200, "{}", answer.json);
    // Four pupils: too few for expectations of their own, and below the threshold.
    let json = answer.json.to_string();
    assert!(
        answer.json["figures"].is_null()
            || answer.json["figures"]["value_added"]["pupils"].is_null(),
        "{json}"
    );
}

#[tokio::test]
async fn plans_and_surveys_are_read_as_their_pages_give_them() {
    let mut app = TestApp::spawn().await;
    let head = token_for(&mut app, "head@a.test", &["read_plans", "read_surveys"]).await;
    let plan = with_token(&app, "/api/v1/schools/3/plan", &head).await;
    assert_eq!(plan.status, 200, "{}", plan.json);
    assert_eq!(plan.json["reading"], "whole");
    assert!(plan.json["version"].is_null(), "no plan written yet");
    let lead = token_for(&mut app, "lead@cluster.test", &["read_plans"]).await;
    let summary = with_token(&app, "/api/v1/schools/4/plan", &lead).await;
    assert_eq!(summary.status, 200);
    assert_eq!(summary.json["reading"], "summary");
    assert_eq!(
        with_token(&app, "/api/v1/schools/5/plan", &lead)
            .await
            .status,
        403,
        "outside the cluster"
    );

    let surveys = with_token(&app, "/api/v1/schools/3/surveys", &head).await;
    assert_eq!(surveys.status, 200, "{}", surveys.json);
    assert_eq!(surveys.json["surveys"], serde_json::json!([]));
    let teacher = token_for(&mut app, "teacher@a.test", &ALL_SCOPES).await;
    let refused = with_token(&app, "/api/v1/schools/3/surveys", &teacher).await;
    assert_eq!(refused.status, 403);
}

#[tokio::test]
async fn requests_over_the_limit_get_429_with_retry_after_across_app_servers() {
    let limits = headway_app::api::RateLimits {
        // An hour, so the test never straddles two windows.
        window_seconds: 3600,
        per_token: 3,
        per_address: 2,
    };
    let mut first = TestApp::spawn_with(headway_web::WebSettings {
        api_limits: limits,
        ..settings()
    })
    .await;
    let token = token_for(&mut first, "head@a.test", &["read_schools"]).await;
    for _ in 0..2 {
        assert_eq!(
            with_token(&first, "/api/v1/schools", &token).await.status,
            200
        );
    }
    // A second server over the same database counts against the same window.
    let second = TestApp::beside_with(
        &first,
        headway_web::WebSettings {
            api_limits: limits,
            ..settings()
        },
    )
    .await;
    assert_eq!(
        with_token(&second, "/api/v1/schools", &token).await.status,
        200
    );
    let over = with_token(&second, "/api/v1/schools", &token).await;
    assert_eq!(over.status, 429, "{}", over.json);
    assert_eq!(over.json["error"], "too_many_requests");
    let wait: i64 = over.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&wait), "{wait}");
    assert_eq!(
        with_token(&first, "/api/v1/schools", &token).await.status,
        429
    );

    // Without a token, the client address is counted: 401 twice, then 429.
    assert_eq!(call(&first, "/api/v1/schools", None).await.status, 401);
    assert_eq!(
        call(&second, "/api/v1/schools", Some("Bearer x"))
            .await
            .status,
        401
    );
    let over = call(&first, "/api/v1/schools", None).await;
    assert_eq!(over.status, 429);
    assert!(over.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn the_openapi_document_describes_every_endpoint_and_each_asks_for_a_token() {
    let app = TestApp::spawn().await;
    let doc = call(&app, "/api/openapi.json", None).await;
    assert_eq!(doc.status, 200);
    assert!(doc.json["openapi"].as_str().unwrap().starts_with("3."));
    let scheme = &doc.json["components"]["securitySchemes"]["token"];
    assert_eq!(scheme["scheme"], "bearer", "{scheme}");
    let paths = doc.json["paths"].as_object().unwrap();
    let expected = [
        "/api/v1/schools",
        "/api/v1/schools/{school}/progress",
        "/api/v1/schools/{school}/falling-behind",
        "/api/v1/schools/{school}/plan",
        "/api/v1/schools/{school}/surveys",
        "/api/v1/surveys/{survey}",
    ];
    let mut documented: Vec<&str> = paths.keys().map(String::as_str).collect();
    documented.sort_unstable();
    let mut wanted = expected.to_vec();
    wanted.sort_unstable();
    assert_eq!(documented, wanted);
    for path in expected {
        let operation = &paths[path]["get"];
        assert!(
            operation["security"][0]["token"].is_array(),
            "{path} asks for a token"
        );
        assert!(operation["responses"]["401"].is_object(), "{path}");
        // And the server agrees: without a token, 401 in JSON.
        let concrete = path.replace("{school}", "3").replace("{survey}", "1");
        let answer = call(&app, &concrete, None).await;
        assert_eq!(answer.status, 401, "{concrete}");
    }
    assert!(doc.json["components"]["schemas"]["ProgressOut"].is_object());
}
