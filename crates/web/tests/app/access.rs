//! Each role reaches what it may and is refused what it may not: 403 with a page that says
//! what is missing and shows nothing of what was asked for — or, for a record such as a
//! class the person may not see, 404 exactly as if it did not exist (`oracles.rs`).

use crate::helpers::TestApp;

/// (email, path, expected status)
const MATRIX: &[(&str, &str, u16)] = &[
    // The head sees the whole school and both classes, not the cluster.
    ("head@a.test", "/schools/3", 200),
    ("head@a.test", "/classes/1", 200),
    ("head@a.test", "/classes/2", 200),
    ("head@a.test", "/orgs/2", 403),
    ("head@a.test", "/schools/4", 403),
    // A teacher sees their own class only, and no school-level page.
    ("teacher@a.test", "/classes/1", 200),
    ("teacher@a.test", "/classes/2", 404),
    ("teacher@a.test", "/schools/3", 403),
    ("teacher2@a.test", "/classes/2", 200),
    ("teacher2@a.test", "/classes/1", 404),
    // The head of mathematics sees every mathematics class.
    ("maths.lead@a.test", "/classes/1", 200),
    ("maths.lead@a.test", "/classes/2", 200),
    ("maths.lead@a.test", "/schools/3", 200),
    // A governor sees school figures, never a pupil.
    ("governor@a.test", "/schools/3", 200),
    ("governor@a.test", "/classes/1", 404),
    // The data manager sees the whole school.
    ("data@a.test", "/classes/1", 200),
    // The cluster lead sees the cluster and its schools' figures, no pupils, nothing outside.
    ("lead@cluster.test", "/orgs/2", 200),
    ("lead@cluster.test", "/schools/3", 200),
    ("lead@cluster.test", "/schools/4", 200),
    ("lead@cluster.test", "/schools/5", 403),
    ("lead@cluster.test", "/orgs/1", 403),
    ("lead@cluster.test", "/classes/1", 404),
    // The improvement plan: read by everyone in the school (as much as each may), by the
    // cluster lead as a summary, by nobody outside; its forms for its editors only.
    ("head@a.test", "/schools/3/plan", 200),
    ("head@a.test", "/schools/3/plan/compare?year=1", 200),
    ("head@a.test", "/schools/3/plan/xlsx?year=1", 200),
    ("head@a.test", "/schools/3/plan/priorities/new?year=1", 200),
    ("head@a.test", "/schools/4/plan", 403),
    ("head@a.test", "/orgs/2/plans", 403),
    ("teacher@a.test", "/schools/3/plan", 200),
    (
        "teacher@a.test",
        "/schools/3/plan/priorities/new?year=1",
        403,
    ),
    ("maths.lead@a.test", "/schools/3/plan", 200),
    (
        "maths.lead@a.test",
        "/schools/3/plan/priorities/new?year=1",
        403,
    ),
    ("governor@a.test", "/schools/3/plan", 200),
    ("governor@a.test", "/schools/3/plan/xlsx?year=1", 200),
    (
        "governor@a.test",
        "/schools/3/plan/priorities/new?year=1",
        403,
    ),
    ("data@a.test", "/schools/3/plan", 200),
    ("lead@cluster.test", "/schools/3/plan", 200),
    ("lead@cluster.test", "/schools/5/plan", 403),
    ("lead@cluster.test", "/orgs/2/plans", 200),
    ("lead@cluster.test", "/orgs/1/plans", 403),
    // The schools side by side: for the cluster's lead only, not for a school's head,
    // teacher or governor, and not for another organisation (its export alike).
    ("lead@cluster.test", "/orgs/2/schools", 200),
    ("lead@cluster.test", "/orgs/2/schools?export=xlsx", 200),
    ("lead@cluster.test", "/orgs/1/schools", 403),
    ("head@a.test", "/orgs/2/schools", 403),
    ("head@a.test", "/orgs/3/schools", 403),
    ("teacher@a.test", "/orgs/2/schools", 403),
    ("governor@a.test", "/orgs/2/schools", 403),
    ("governor@a.test", "/orgs/2/schools?export=csv", 403),
    ("data@a.test", "/orgs/2/schools", 403),
    // Surveys: run by the head (and senior leaders), read by governors as the whole
    // school; not a teacher's, a data manager's or a cluster lead's.
    ("head@a.test", "/surveys", 200),
    ("governor@a.test", "/surveys", 200),
    ("teacher@a.test", "/surveys", 403),
    ("data@a.test", "/surveys", 403),
    ("lead@cluster.test", "/surveys", 403),
    ("head@a.test", "/surveys/999", 404),
    ("head@a.test", "/surveys/999/results", 404),
    // The advice network: answered by the school's staff; read, with names, by the head
    // and senior leaders only; never by governors, nor by anyone outside the school.
    ("head@a.test", "/schools/3/advice-network", 200),
    ("head@a.test", "/schools/3/advice-network/results", 200),
    ("head@a.test", "/schools/4/advice-network", 403),
    ("head@a.test", "/schools/4/advice-network/results", 403),
    ("teacher@a.test", "/schools/3/advice-network", 200),
    ("teacher@a.test", "/schools/3/advice-network/results", 403),
    ("maths.lead@a.test", "/schools/3/advice-network", 200),
    (
        "maths.lead@a.test",
        "/schools/3/advice-network/results",
        403,
    ),
    ("governor@a.test", "/schools/3/advice-network", 403),
    ("governor@a.test", "/schools/3/advice-network/results", 403),
    ("data@a.test", "/schools/3/advice-network", 200),
    ("data@a.test", "/schools/3/advice-network/results", 403),
    ("lead@cluster.test", "/schools/3/advice-network", 403),
    (
        "lead@cluster.test",
        "/schools/3/advice-network/results",
        403,
    ),
    // Observation: one's own records for staff; counts by strand for leaders and
    // governors; learning walks for leaders; nothing of another school; a record out of
    // reach is not found (records themselves: `observation.rs`).
    ("teacher@a.test", "/schools/3/observations", 200),
    ("teacher@a.test", "/schools/3/observations/export/csv", 200),
    (
        "teacher@a.test",
        "/schools/3/observations/new?kind=peer",
        200,
    ),
    (
        "teacher@a.test",
        "/schools/3/observations/new?kind=learning_walk",
        403,
    ),
    ("teacher@a.test", "/schools/3/observations/summary", 403),
    ("teacher@a.test", "/schools/3/observations/summary/csv", 403),
    ("teacher@a.test", "/schools/4/observations", 403),
    ("teacher@a.test", "/observations/1", 404),
    ("head@a.test", "/schools/3/observations", 200),
    (
        "head@a.test",
        "/schools/3/observations/new?kind=learning_walk",
        200,
    ),
    ("head@a.test", "/schools/3/observations/summary", 200),
    ("head@a.test", "/schools/3/observations/summary/xlsx", 200),
    ("head@a.test", "/schools/4/observations/summary", 403),
    ("maths.lead@a.test", "/schools/3/observations/summary", 200),
    (
        "maths.lead@a.test",
        "/schools/3/observations/new?kind=learning_walk",
        200,
    ),
    ("governor@a.test", "/schools/3/observations", 403),
    ("governor@a.test", "/schools/3/observations/export/csv", 403),
    (
        "governor@a.test",
        "/schools/3/observations/new?kind=peer",
        403,
    ),
    ("governor@a.test", "/schools/3/observations/summary", 200),
    ("data@a.test", "/schools/3/observations", 403),
    ("data@a.test", "/schools/3/observations/summary", 403),
    ("lead@cluster.test", "/schools/3/observations/summary", 403),
    ("lead@cluster.test", "/schools/3/observations", 403),
    // Peer review: the cluster's list for its lead and its schools' leaders and
    // governors, never a teacher or data manager; a school is not a cluster; a review
    // that does not exist and one out of reach answer alike.
    ("lead@cluster.test", "/orgs/2/reviews", 200),
    ("lead@cluster.test", "/orgs/2/reviews/leaders", 200),
    ("lead@cluster.test", "/orgs/1/reviews", 403),
    ("head@a.test", "/orgs/2/reviews", 200),
    ("head@a.test", "/orgs/2/reviews/leaders", 200),
    ("head@a.test", "/orgs/3/reviews", 404),
    ("head@a.test", "/reviews/1", 404),
    ("governor@a.test", "/orgs/2/reviews", 200),
    ("teacher@a.test", "/orgs/2/reviews", 403),
    ("teacher@a.test", "/orgs/2/reviews/leaders", 403),
    ("data@a.test", "/orgs/2/reviews", 403),
    // Coaching: staff take part (not the data manager, not governors); only leaders see
    // the counts by goal; a cycle that does not exist or is not one's own is not found.
    ("teacher@a.test", "/schools/3/coaching", 200),
    ("teacher@a.test", "/schools/3/coaching/new", 200),
    ("teacher@a.test", "/schools/3/coaching/summary", 403),
    ("teacher@a.test", "/schools/3/coaching/summary/csv", 403),
    ("teacher@a.test", "/schools/4/coaching", 403),
    ("teacher@a.test", "/coaching/1", 404),
    ("teacher@a.test", "/coaching/1/export/csv", 404),
    ("head@a.test", "/schools/3/coaching", 200),
    ("head@a.test", "/schools/3/coaching/summary", 200),
    ("head@a.test", "/schools/3/coaching/summary/xlsx", 200),
    ("head@a.test", "/schools/4/coaching/summary", 403),
    ("maths.lead@a.test", "/schools/3/coaching/summary", 200),
    ("governor@a.test", "/schools/3/coaching", 403),
    ("governor@a.test", "/schools/3/coaching/new", 403),
    ("governor@a.test", "/schools/3/coaching/summary", 403),
    ("governor@a.test", "/schools/3/coaching/summary/csv", 403),
    ("data@a.test", "/schools/3/coaching", 403),
    ("data@a.test", "/schools/3/coaching/summary", 403),
    ("lead@cluster.test", "/schools/3/coaching", 403),
    ("lead@cluster.test", "/schools/3/coaching/summary", 403),
    // CPD: one's own log for staff; the counts for the head, senior and middle leaders,
    // never governors; nothing of another school; an activity out of reach is not found
    // (the logs themselves: `cpd.rs`).
    ("teacher@a.test", "/schools/3/cpd", 200),
    ("teacher@a.test", "/schools/3/cpd/new", 200),
    ("teacher@a.test", "/schools/3/cpd/export/csv", 200),
    ("teacher@a.test", "/schools/3/cpd/summary", 403),
    ("teacher@a.test", "/schools/3/cpd/summary/csv", 403),
    ("teacher@a.test", "/schools/4/cpd", 403),
    ("teacher@a.test", "/cpd/1", 404),
    ("head@a.test", "/schools/3/cpd", 200),
    ("head@a.test", "/schools/3/cpd/summary", 200),
    ("head@a.test", "/schools/3/cpd/summary/xlsx", 200),
    ("head@a.test", "/schools/4/cpd/summary", 403),
    ("maths.lead@a.test", "/schools/3/cpd/summary", 200),
    ("governor@a.test", "/schools/3/cpd", 403),
    ("governor@a.test", "/schools/3/cpd/summary", 403),
    ("governor@a.test", "/schools/3/cpd/summary/csv", 403),
    ("data@a.test", "/schools/3/cpd", 403),
    ("data@a.test", "/schools/3/cpd/summary", 403),
    ("lead@cluster.test", "/schools/3/cpd", 403),
    ("lead@cluster.test", "/schools/3/cpd/summary", 403),
    ("head@a.test", "/plan/priorities/999", 404),
    // Inquiry groups: listed for the school's staff and governors (as much of each as they
    // may read); not for a data manager, the cluster lead or another school; an inquiry out
    // of reach is not found (the groups themselves: `inquiry.rs`). A department's
    // observation counts: its middle leader, the head and senior leaders only.
    ("teacher@a.test", "/schools/3/inquiries", 200),
    ("teacher@a.test", "/schools/4/inquiries", 403),
    ("teacher@a.test", "/inquiries/1", 404),
    (
        "teacher@a.test",
        "/schools/3/observations/departments/1",
        403,
    ),
    ("head@a.test", "/schools/3/inquiries", 200),
    ("head@a.test", "/schools/4/inquiries", 403),
    ("head@a.test", "/schools/3/observations/departments/1", 200),
    ("head@a.test", "/schools/4/observations/departments/1", 403),
    ("maths.lead@a.test", "/schools/3/inquiries", 200),
    (
        "maths.lead@a.test",
        "/schools/3/observations/departments/1",
        200,
    ),
    (
        "maths.lead@a.test",
        "/schools/3/observations/departments/2",
        403,
    ),
    ("governor@a.test", "/schools/3/inquiries", 200),
    ("governor@a.test", "/inquiries/1", 404),
    (
        "governor@a.test",
        "/schools/3/observations/departments/1",
        403,
    ),
    // Heads coaching heads and heads' communities: the cluster's page for its lead and the
    // heads of its schools only (an organisation that is not a cluster has none); a pair or community nobody here is in is not found, for
    // everyone alike (the pairs and communities themselves: `heads.rs`).
    ("lead@cluster.test", "/orgs/2/heads", 200),
    ("lead@cluster.test", "/orgs/1/heads", 404),
    ("lead@cluster.test", "/head-pairs/1", 404),
    ("lead@cluster.test", "/heads-communities/1", 404),
    ("head@a.test", "/orgs/2/heads", 200),
    ("head@a.test", "/orgs/1/heads", 404),
    ("head@a.test", "/head-pairs/1", 404),
    ("head@a.test", "/heads-communities/1", 404),
    ("teacher@a.test", "/orgs/2/heads", 403),
    ("teacher@a.test", "/head-pairs/1", 404),
    ("maths.lead@a.test", "/orgs/2/heads", 403),
    ("governor@a.test", "/orgs/2/heads", 403),
    ("governor@a.test", "/heads-communities/1", 404),
    ("data@a.test", "/orgs/2/heads", 403),
    ("data@a.test", "/schools/3/inquiries", 403),
    ("data@a.test", "/schools/3/observations/departments/1", 403),
    ("lead@cluster.test", "/schools/3/inquiries", 403),
    (
        "lead@cluster.test",
        "/schools/3/observations/departments/1",
        403,
    ),
];

#[tokio::test]
async fn each_role_reaches_what_it_may_and_is_refused_the_rest() {
    let mut app = TestApp::spawn().await;
    let mut failures = Vec::new();
    let mut current = "";
    for (email, path, expected) in MATRIX {
        if *email != current {
            app.new_visitor();
            app.sign_in_as(email).await;
            current = email;
        }
        let reply = app.get(path).await;
        if reply.status != *expected {
            failures.push(format!(
                "{email} GET {path}: {} (expected {expected})",
                reply.status
            ));
        }
        if reply.status == 403 || reply.status == 404 {
            // The refusal names no pupil and no class of the page refused.
            for leaked in ["Pupil 1", "P-0001", "11M1", "11M2"] {
                if reply.body.contains(leaked) {
                    failures.push(format!("{email} GET {path}: the 403 page shows {leaked}"));
                }
            }
            if reply.status == 403 && !reply.body.contains("You do not have access") {
                failures.push(format!(
                    "{email} GET {path}: the 403 page does not say what happened"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "access matrix failures:\n{}",
        failures.join("\n")
    );
}

#[tokio::test]
async fn a_teacher_cannot_read_another_teachers_class() {
    let app = TestApp::spawn().await;
    app.sign_in_as("teacher2@a.test").await;
    let reply = app.get("/classes/1").await;
    assert_eq!(reply.status, 404, "as if the class did not exist");
    assert!(!reply.body.contains("Pupil") && !reply.body.contains("11M1"));
}

#[tokio::test]
async fn unknown_things_are_not_found_and_pages_need_sign_in() {
    let mut app = TestApp::spawn().await;
    for path in ["/schools/3", "/classes/1", "/orgs/2", "/account/password"] {
        assert_eq!(app.get(path).await.status, 303, "{path} without signing in");
    }
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    assert_eq!(app.get("/classes/999").await.status, 404);
    assert_eq!(app.get("/no-such-page").await.status, 404);
}

/// The JSON API's endpoints, for each role through a token holding every scope: the same
/// policy as the pages (a token never reaches more than its person), refused in JSON.
/// (email, path, expected status)
const API_MATRIX: &[(&str, &str, u16)] = &[
    ("head@a.test", "/api/v1/schools", 200),
    ("head@a.test", "/api/v1/schools/3/progress", 200),
    ("head@a.test", "/api/v1/schools/3/falling-behind", 200),
    ("head@a.test", "/api/v1/schools/3/plan", 200),
    ("head@a.test", "/api/v1/schools/3/surveys", 200),
    ("head@a.test", "/api/v1/schools/4/progress", 403),
    ("head@a.test", "/api/v1/schools/4/plan", 403),
    ("head@a.test", "/api/v1/surveys/999", 404),
    ("teacher@a.test", "/api/v1/schools", 200),
    ("teacher@a.test", "/api/v1/schools/3/progress", 403),
    ("teacher@a.test", "/api/v1/schools/3/falling-behind", 200),
    ("teacher@a.test", "/api/v1/schools/3/plan", 200),
    ("teacher@a.test", "/api/v1/schools/3/surveys", 403),
    ("maths.lead@a.test", "/api/v1/schools/3/progress", 200),
    ("maths.lead@a.test", "/api/v1/schools/3/falling-behind", 200),
    ("maths.lead@a.test", "/api/v1/schools/3/surveys", 403),
    ("governor@a.test", "/api/v1/schools/3/progress", 200),
    ("governor@a.test", "/api/v1/schools/3/falling-behind", 403),
    ("governor@a.test", "/api/v1/schools/3/plan", 200),
    ("governor@a.test", "/api/v1/schools/3/surveys", 200),
    ("data@a.test", "/api/v1/schools/3/progress", 200),
    ("data@a.test", "/api/v1/schools/3/falling-behind", 200),
    ("data@a.test", "/api/v1/schools/3/surveys", 403),
    ("lead@cluster.test", "/api/v1/schools", 200),
    ("lead@cluster.test", "/api/v1/schools/3/progress", 200),
    ("lead@cluster.test", "/api/v1/schools/4/progress", 200),
    ("lead@cluster.test", "/api/v1/schools/5/progress", 403),
    ("lead@cluster.test", "/api/v1/schools/3/falling-behind", 403),
    ("lead@cluster.test", "/api/v1/schools/3/plan", 200),
    ("lead@cluster.test", "/api/v1/schools/5/plan", 403),
    ("lead@cluster.test", "/api/v1/schools/3/surveys", 403),
];

#[tokio::test]
async fn each_role_reaches_through_the_api_what_it_may_and_is_refused_the_rest() {
    let mut app = TestApp::spawn().await;
    let mut failures = Vec::new();
    let mut tokens: Vec<(&str, String)> = Vec::new();
    for (email, path, expected) in API_MATRIX {
        let token = match tokens.iter().find(|(e, _)| e == email) {
            Some((_, token)) => token.clone(),
            None => {
                let token = crate::api::token_for(&mut app, email, &crate::api::ALL_SCOPES).await;
                tokens.push((email, token.clone()));
                token
            }
        };
        let answer = crate::api::with_token(&app, path, &token).await;
        if answer.status != *expected {
            failures.push(format!(
                "{email} GET {path}: {} (expected {expected}): {}",
                answer.status, answer.json
            ));
        }
        if answer.status >= 400 {
            let text = answer.json.to_string();
            if answer.json["message"].as_str().is_none_or(str::is_empty) {
                failures.push(format!("{email} GET {path}: no message"));
            }
            for leaked in ["Pupil 1", "P-0001", "11M1", "11M2"] {
                if text.contains(leaked) {
                    failures.push(format!("{email} GET {path}: the refusal shows {leaked}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "API access matrix failures:\n{}",
        failures.join("\n")
    );
}
