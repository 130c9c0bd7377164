//! Observation through real HTTP: privacy is the feature. A teacher reads every record
//! about them and the page says exactly who else can; an observer reads what they wrote;
//! a coach what the teacher shares; the head and senior leaders an individual record only
//! where the school's policy opens it; a governor, another teacher, another school's head
//! never — through every route and export. A learning walk names no teacher but to the
//! teacher visited.
//!
//! The example world (`headway_store::seed::example_world`): school 3 with head@a.test (1),
//! teacher@a.test (2, "Teacher A", class 1 "11M1"), teacher2@a.test (4, "Teacher B", class 2
//! "11M2"), governor@a.test (5), maths.lead@a.test (6, "Maths Lead"), data@a.test (7); the
//! cluster lead (3) over schools 3 and 4.

use crate::helpers::TestApp;
use headway_domain::ids::OrgId;
use headway_domain::roles::Role;

const STEP: &str = "Wait ten seconds before taking answers";
const EVIDENCE: &str = "Pupils explained their method to a partner";

async fn as_user(app: &mut TestApp, email: &str) {
    app.new_visitor();
    app.sign_in_as(email).await;
}

/// The record's id from the redirect after saving it.
fn record_id(location: &Option<String>) -> String {
    let location = location.as_deref().expect("a redirect");
    location
        .strip_prefix("/observations/")
        .expect("a record's page")
        .to_owned()
}

/// A form's fields, in order.
type Form<'a> = Vec<(&'a str, &'a str)>;

fn peer_form<'a>(teaching: &'a str, step: &'a str) -> Form<'a> {
    vec![
        ("kind", "peer"),
        ("observed_on", "2026-01-12"),
        ("teaching", teaching),
        ("strand", "dialogue"),
        ("evidence", EVIDENCE),
        ("strengths", "Pupils built on each other's answers"),
        ("action_step", step),
        ("revisit_on", "2026-02-09"),
    ]
}

/// Teacher B observes Teacher A's class: the record's id.
async fn peer_observation(app: &mut TestApp) -> String {
    as_user(app, "teacher2@a.test").await;
    let reply = app
        .post("/schools/3/observations", &peer_form("1:2", STEP))
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    record_id(&reply.location)
}

#[tokio::test]
async fn a_peer_observation_is_read_by_its_teacher_and_observer_and_no_one_else() {
    let mut app = TestApp::spawn().await;
    app.add_account("head@b.test", "Head B", Role::Head, OrgId(4))
        .await;
    let id = peer_observation(&mut app).await;
    let record = format!("/observations/{id}");

    as_user(&mut app, "teacher@a.test").await;
    let page = app.get(&record).await;
    assert_eq!(page.status, 200);
    for expected in [
        STEP,
        EVIDENCE,
        "2026-02-09",
        "You, the teacher observed",
        "Teacher B, who wrote it",
        "No one else",
    ] {
        assert!(
            page.body.contains(expected),
            "the teacher's page shows {expected}"
        );
    }
    assert!(!page.body.contains("head and senior leaders, because"));
    let mine = app.get("/schools/3/observations").await;
    assert!(mine.body.contains(STEP));
    let export = app.get("/schools/3/observations/export/csv").await;
    assert_eq!(export.status, 200);
    assert!(export.body.contains(STEP) && export.body.contains("Teacher B"));

    as_user(&mut app, "teacher2@a.test").await;
    assert_eq!(app.get(&record).await.status, 200, "the observer reads it");
    let mine = app.get("/schools/3/observations").await;
    assert!(mine.body.contains(STEP), "under the records they wrote");
    // Their own export holds the records about them: none.
    let export = app.get("/schools/3/observations/export/csv").await;
    assert!(!export.body.contains(STEP));

    // Nobody else: the head (private by default), the head of department, the data
    // manager, a governor, the cluster lead, another school's head — as if it did not exist.
    for email in [
        "head@a.test",
        "maths.lead@a.test",
        "data@a.test",
        "governor@a.test",
        "lead@cluster.test",
        "head@b.test",
    ] {
        as_user(&mut app, email).await;
        let reply = app.get(&record).await;
        assert_eq!(reply.status, 404, "{email} reads the record");
        assert!(!reply.body.contains(STEP), "{email}");
        for path in [
            "/schools/3/observations",
            "/schools/3/observations/export/csv",
            "/schools/3/observations/export/xlsx",
            "/schools/3/observations/summary",
            "/schools/3/observations/summary/csv",
            "/",
        ] {
            let reply = app.get(path).await;
            assert!(
                !reply.body.contains(STEP) && !reply.body.contains(EVIDENCE),
                "{email} GET {path} shows the record"
            );
        }
        // Nor can they share it.
        let share = app
            .post(&format!("{record}/share"), &[("coach", "1")])
            .await;
        assert_eq!(share.status, 404, "{email} shares the record");
    }
}

#[tokio::test]
async fn the_head_opens_developmental_and_peer_records_to_senior_leadership_never_to_governors() {
    let mut app = TestApp::spawn().await;
    let id = peer_observation(&mut app).await;
    let record = format!("/observations/{id}");

    // Only the head sets the policy.
    as_user(&mut app, "maths.lead@a.test").await;
    let refused = app
        .post(
            "/schools/3/observations/policy",
            &[("policy", "leaders_read_observations")],
        )
        .await;
    assert_eq!(refused.status, 403);
    as_user(&mut app, "head@a.test").await;
    assert_eq!(app.get(&record).await.status, 404, "private by default");
    let set = app
        .post(
            "/schools/3/observations/policy",
            &[("policy", "leaders_read_observations")],
        )
        .await;
    assert_eq!(set.status, 303, "{}", set.body);
    let page = app.get(&record).await;
    assert_eq!(page.status, 200, "the policy opens it to the head");
    let summary = app.get("/schools/3/observations/summary").await;
    assert!(summary.body.contains(&record), "listed for the head");

    as_user(&mut app, "teacher@a.test").await;
    let page = app.get(&record).await;
    assert!(
        page.body
            .contains("The head and senior leaders, because the school"),
        "the teacher's page says the policy opens it"
    );
    for email in ["maths.lead@a.test", "governor@a.test", "data@a.test"] {
        as_user(&mut app, email).await;
        assert_eq!(app.get(&record).await.status, 404, "{email}");
        let summary = app.get("/schools/3/observations/summary").await;
        assert!(
            !summary.body.contains(STEP) && !summary.body.contains(&record),
            "{email}"
        );
    }

    // A self-reflection stays private whatever the policy.
    as_user(&mut app, "teacher@a.test").await;
    let mut form = peer_form("1:2", "Plan the hinge question first");
    form[0] = ("kind", "self_reflection");
    let reflection = app.post("/schools/3/observations", &form).await;
    assert_eq!(reflection.status, 303, "{}", reflection.body);
    let reflection = format!("/observations/{}", record_id(&reflection.location));
    as_user(&mut app, "head@a.test").await;
    assert_eq!(app.get(&reflection).await.status, 404);
}

#[tokio::test]
async fn a_teacher_shares_a_record_with_one_coach_and_can_stop() {
    let mut app = TestApp::spawn().await;
    let id = peer_observation(&mut app).await;
    let record = format!("/observations/{id}");
    // The observer may not share what is about someone else.
    let refused = app
        .post(&format!("{record}/share"), &[("coach", "6")])
        .await;
    assert_eq!(refused.status, 403);

    as_user(&mut app, "teacher@a.test").await;
    let shared = app
        .post(&format!("{record}/share"), &[("coach", "6")])
        .await;
    assert_eq!(shared.status, 303, "{}", shared.body);
    assert!(
        app.get(&record)
            .await
            .body
            .contains("Maths Lead, with whom the teacher shared it")
    );
    // Not with a governor.
    let governor = app
        .post(&format!("{record}/share"), &[("coach", "5")])
        .await;
    assert_eq!(governor.status, 400);

    as_user(&mut app, "maths.lead@a.test").await;
    assert_eq!(app.get(&record).await.status, 200, "the coach reads it");
    assert!(app.get("/schools/3/observations").await.body.contains(STEP));

    as_user(&mut app, "teacher@a.test").await;
    let stopped = app.post(&format!("{record}/share"), &[("coach", "")]).await;
    assert_eq!(stopped.status, 303);
    as_user(&mut app, "maths.lead@a.test").await;
    assert_eq!(app.get(&record).await.status, 404, "no longer shared");
}

#[tokio::test]
async fn a_learning_walk_names_no_teacher_but_to_the_teacher_visited() {
    let mut app = TestApp::spawn().await;
    as_user(&mut app, "teacher@a.test").await;
    let walk = [
        ("kind", "learning_walk"),
        ("observed_on", "2026-01-12"),
        ("teaching", "2:4"),
        ("strand", "checking_learning"),
        ("evidence", "Mini whiteboards after each example"),
    ];
    assert_eq!(
        app.post("/schools/3/observations", &walk).await.status,
        403,
        "a teacher walks no one's lessons"
    );
    as_user(&mut app, "head@a.test").await;
    let with_step = [
        walk.as_slice(),
        &[("action_step", "Do more"), ("revisit_on", "2026-02-01")],
    ]
    .concat();
    assert_eq!(
        app.post("/schools/3/observations", &with_step).await.status,
        400
    );
    let saved = app.post("/schools/3/observations", &walk).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let record = format!("/observations/{}", record_id(&saved.location));
    let page = app.get(&record).await;
    assert_eq!(page.status, 200, "the observer reads what they wrote");
    for hidden in ["Teacher B", "11M2"] {
        assert!(
            !page.body.contains(hidden),
            "the walk's page names {hidden}"
        );
        let mine = app.get("/schools/3/observations").await;
        assert!(
            !mine.body.contains(hidden),
            "the head's list names {hidden}"
        );
    }

    as_user(&mut app, "teacher2@a.test").await;
    let page = app.get(&record).await;
    assert_eq!(page.status, 200, "the teacher visited reads it");
    assert!(page.body.contains("11M2") && page.body.contains("Head A"));
    let share = app
        .post(&format!("{record}/share"), &[("coach", "2")])
        .await;
    assert_eq!(share.status, 400, "a walk is not shared");

    as_user(&mut app, "teacher@a.test").await;
    assert_eq!(app.get(&record).await.status, 404);
}

#[tokio::test]
async fn counts_by_strand_need_k_teachers_and_name_no_one() {
    let mut app = TestApp::spawn().await;
    peer_observation(&mut app).await;
    for email in ["head@a.test", "maths.lead@a.test", "governor@a.test"] {
        as_user(&mut app, email).await;
        let page = app.get("/schools/3/observations/summary").await;
        assert_eq!(page.status, 200, "{email}");
        // One teacher observed: below any k, so the strand shows no figure.
        assert!(
            page.body.contains("fewer than 6 teachers: not shown"),
            "{email}"
        );
        for name in ["Teacher A", "Teacher B", "11M1"] {
            assert!(!page.body.contains(name), "{email} sees {name}");
        }
        let export = app.get("/schools/3/observations/summary/csv").await;
        assert_eq!(export.status, 200);
        assert!(
            !export.body.contains("Teacher A") && !export.body.contains("Teacher B"),
            "{email}"
        );
    }
    as_user(&mut app, "teacher@a.test").await;
    assert_eq!(app.get("/schools/3/observations/summary").await.status, 403);
}

#[tokio::test]
async fn hostile_observation_forms_are_refused() {
    let mut app = TestApp::spawn().await;
    as_user(&mut app, "teacher2@a.test").await;
    let cases: Vec<(Form, u16, &str)> = vec![
        (
            peer_form("1:4", STEP),
            400,
            "a class with a teacher who does not teach it",
        ),
        (peer_form("1:999", STEP), 400, "a teacher not on the roster"),
        (peer_form("x", STEP), 400, "an unreadable class"),
        (peer_form("2:4", STEP), 400, "observing oneself"),
        (peer_form("1:2", ""), 400, "no action step"),
        (
            peer_form("1:2", STEP)
                .into_iter()
                .map(|(k, v)| {
                    if k == "revisit_on" {
                        (k, "2026-01-01")
                    } else {
                        (k, v)
                    }
                })
                .collect(),
            400,
            "a revisit date before the lesson",
        ),
        (
            peer_form("1:2", STEP)
                .into_iter()
                .map(|(k, v)| {
                    if k == "strand" {
                        (k, "lesson_grade")
                    } else {
                        (k, v)
                    }
                })
                .collect(),
            400,
            "a strand not in the framework",
        ),
        (
            peer_form("1:2", STEP)
                .into_iter()
                .map(|(k, v)| {
                    if k == "kind" {
                        (k, "self_reflection")
                    } else {
                        (k, v)
                    }
                })
                .collect(),
            400,
            "a self-reflection on a colleague's lesson",
        ),
        (
            [peer_form("1:2", STEP), vec![("priority", "999")]].concat(),
            400,
            "a priority not in the school's plan",
        ),
    ];
    for (form, status, why) in cases {
        let reply = app.post("/schools/3/observations", &form).await;
        assert_eq!(reply.status, status, "{why}: {}", reply.body);
    }
    // Another school's observations are out of reach.
    let elsewhere = app
        .post("/schools/4/observations", &peer_form("1:2", STEP))
        .await;
    assert_eq!(elsewhere.status, 403);
    // Without a CSRF token nothing is written.
    let forged = app
        .post_raw("/schools/3/observations", &peer_form("1:2", STEP))
        .await;
    assert_eq!(forged.status, 400);
    assert!(
        app.get("/schools/3/observations")
            .await
            .body
            .contains("None yet")
    );
}

#[tokio::test]
async fn the_pages_speak_welsh() {
    let mut app = TestApp::spawn().await;
    let id = peer_observation(&mut app).await;
    as_user(&mut app, "teacher@a.test").await;
    let welsh = ("accept-language", "cy");
    let record = app.get_with(&format!("/observations/{id}"), welsh).await;
    assert!(
        record.body.contains("Pwy all ddarllen y cofnod hwn"),
        "{}",
        record.body
    );
    let form = app
        .get_with("/schools/3/observations/new?kind=peer", welsh)
        .await;
    assert!(form.body.contains("Nodau clir a disgwyliadau uchel"));
    let mine = app.get_with("/schools/3/observations", welsh).await;
    assert!(mine.body.contains("Cofnodion amdanoch chi"));
    as_user(&mut app, "head@a.test").await;
    let summary = app.get_with("/schools/3/observations/summary", welsh).await;
    assert!(summary.body.contains("llai na 6 athro"));
}
