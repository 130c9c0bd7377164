//! Coaching cycles through real HTTP: a cycle is read by its coach and its coachee and by
//! no one else — not another teacher, not a leader who is not the coach, not a governor,
//! not another school — through every route and export; leaders see only counts by goal,
//! each resting on at least k people coached; the coachee's page says exactly who can see
//! the cycle, shows the journey, and puts their own classes' progress (and no colleague's)
//! beside the goal; bad input is refused and writes nothing.
//!
//! The example world (`headway_store::seed::example_world`): school 3 with head@a.test (1),
//! teacher@a.test (2, "Teacher A", class 1 "11M1"), teacher2@a.test (4, "Teacher B", class 2
//! "11M2"), governor@a.test (5), maths.lead@a.test (6, "Maths Lead"), data@a.test (7); the
//! cluster lead (3) over schools 3 and 4.

use crate::helpers::{TestApp, settings};
use headway_domain::anonymity::Threshold;
use headway_domain::ids::OrgId;
use headway_domain::roles::Role;

const REFLECTION: &str = "The hinge question showed most pupils added the denominators";
const STEP: &str = "Plan the likely wrong answers before the lesson";
const NOTE: &str = "Most wrong answers shared one misconception";

async fn as_user(app: &mut TestApp, email: &str) {
    app.new_visitor();
    app.sign_in_as(email).await;
}

/// The cycle's page from the redirect after opening it.
fn cycle_path(location: &Option<String>) -> String {
    let location = location.as_deref().expect("a redirect");
    assert!(location.starts_with("/coaching/"), "{location}");
    location.to_owned()
}

/// The signed-in person opens a cycle: their part, the colleague, the goal.
async fn open(app: &TestApp, part: &str, colleague: &str, goal: &str) -> String {
    let reply = app
        .post(
            "/schools/3/coaching",
            &[
                ("part", part),
                ("colleague", colleague),
                ("goal", goal),
                ("opened_on", "2025-09-15"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    cycle_path(&reply.location)
}

/// Teacher A, coached by Teacher B on dialogue, with a reflection of hers and a step and a
/// note of his: the cycle's page.
async fn teacher_as_cycle(app: &mut TestApp) -> String {
    as_user(app, "teacher@a.test").await;
    let cycle = open(app, "coachee", "4", "strand:dialogue").await;
    let reflection = app
        .post(
            &format!("{cycle}/entries"),
            &[
                ("kind", "reflection"),
                ("written_on", "2025-10-02"),
                ("body", REFLECTION),
            ],
        )
        .await;
    assert_eq!(reflection.status, 303, "{}", reflection.body);
    as_user(app, "teacher2@a.test").await;
    for fields in [
        [
            ("kind", "step"),
            ("written_on", "2025-10-03"),
            ("body", STEP),
            ("revisit_on", "2025-11-03"),
        ],
        [
            ("kind", "note"),
            ("written_on", "2025-10-04"),
            ("body", NOTE),
            ("revisit_on", ""),
        ],
    ] {
        let reply = app.post(&format!("{cycle}/entries"), &fields).await;
        assert_eq!(reply.status, 303, "{}", reply.body);
    }
    cycle
}

#[tokio::test]
async fn a_cycle_is_read_by_its_coach_and_coachee_and_no_one_else_through_every_route() {
    let mut app = TestApp::spawn().await;
    app.add_account("teacher3@a.test", "Teacher C", Role::Teacher, OrgId(3))
        .await;
    app.add_account("head@b.test", "Head B", Role::Head, OrgId(4))
        .await;
    let cycle = teacher_as_cycle(&mut app).await;

    // The coachee reads everything, and exactly who else can.
    as_user(&mut app, "teacher@a.test").await;
    let page = app.get(&cycle).await;
    assert_eq!(page.status, 200);
    for expected in [
        REFLECTION,
        STEP,
        NOTE,
        "2025-11-03",
        "You, the one being coached.",
        "Teacher B, the coach.",
        "No one else: not the head",
        "<svg role=\"img\" aria-labelledby=\"timeline-title\"",
        "The current action step",
    ] {
        assert!(
            page.body.contains(expected),
            "the coachee's page shows {expected}"
        );
    }
    let mine = app.get("/schools/3/coaching").await;
    assert!(mine.body.contains("Teacher B") && mine.body.contains(&cycle));
    let export = app.get(&format!("{cycle}/export/csv")).await;
    assert_eq!(export.status, 200);
    assert!(export.body.contains(REFLECTION) && export.body.contains(STEP));

    // The coach reads it too.
    as_user(&mut app, "teacher2@a.test").await;
    let page = app.get(&cycle).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(REFLECTION) && page.body.contains("You, the coach."));
    assert!(
        app.get(&format!("{cycle}/export/xlsx")).await.status == 200,
        "the coach's export"
    );

    // Nobody else: another teacher, the head and the head of department (leaders who are
    // not the coach), the data manager, a governor, the cluster lead, another school's
    // head — as if the cycle did not exist, and nothing of it anywhere.
    for email in [
        "teacher3@a.test",
        "head@a.test",
        "maths.lead@a.test",
        "data@a.test",
        "governor@a.test",
        "lead@cluster.test",
        "head@b.test",
    ] {
        as_user(&mut app, email).await;
        for path in [
            cycle.clone(),
            format!("{cycle}/export/csv"),
            format!("{cycle}/export/xlsx"),
        ] {
            let reply = app.get(&path).await;
            assert_eq!(reply.status, 404, "{email} GET {path}");
            assert!(!reply.body.contains(REFLECTION), "{email} GET {path}");
        }
        for path in [
            "/",
            "/schools/3/coaching",
            "/schools/3/coaching/summary",
            "/schools/3/coaching/summary/csv",
            "/schools/3/coaching/summary/xlsx",
            "/schools/3/observations",
            "/schools/3/observations/summary",
        ] {
            let reply = app.get(path).await;
            assert!(
                !reply.body.contains(REFLECTION)
                    && !reply.body.contains(STEP)
                    && !reply.body.contains(&cycle),
                "{email} GET {path} shows the cycle"
            );
        }
        // Nor can they write in it, bring anything into it or close it.
        for (path, fields) in [
            (
                format!("{cycle}/entries"),
                vec![
                    ("kind", "step"),
                    ("written_on", "2025-10-10"),
                    ("body", "Hostile step"),
                    ("revisit_on", "2025-11-10"),
                ],
            ),
            (format!("{cycle}/observations"), vec![("observation", "1")]),
            (
                format!("{cycle}/close"),
                vec![
                    ("closed_on", "2025-12-01"),
                    ("what_changed", "x"),
                    ("evidence", "y"),
                    ("next", "z"),
                ],
            ),
        ] {
            let reply = app.post(&path, &fields).await;
            assert_eq!(reply.status, 404, "{email} POST {path}");
        }
    }
    // Nothing the attackers tried was written.
    as_user(&mut app, "teacher@a.test").await;
    let page = app.get(&cycle).await;
    assert!(!page.body.contains("Hostile step"));
    assert!(page.body.contains("Close the cycle"), "still open");
}

#[tokio::test]
async fn leaders_see_only_counts_by_goal_resting_on_k_people_and_governors_nothing() {
    let mut app = TestApp::spawn_with(headway_web::WebSettings {
        suppress_groups_below: Threshold::new(3).unwrap(),
        ..settings()
    })
    .await;
    app.add_account("teacher3@a.test", "Teacher C", Role::Teacher, OrgId(3))
        .await;
    // Three teachers coached on dialogue by the head of mathematics; the head of
    // mathematics coached by the head on a 360 practice (one person: not shown).
    for email in ["teacher@a.test", "teacher2@a.test", "teacher3@a.test"] {
        as_user(&mut app, email).await;
        open(&app, "coachee", "6", "strand:dialogue").await;
    }
    as_user(&mut app, "head@a.test").await;
    let practice = open(&app, "coach", "6", "practice:professional_growth").await;
    assert!(app.get(&practice).await.status == 200);

    let summary = app.get("/schools/3/coaching/summary").await;
    assert_eq!(summary.status, 200);
    assert!(
        summary.body.contains("<td class=\"num\">3</td>"),
        "three open on dialogue"
    );
    assert!(summary.body.contains("fewer than 3 people: not shown"));
    for name in ["Teacher A", "Teacher B", "Teacher C", "Maths Lead"] {
        assert!(!summary.body.contains(name), "the summary names {name}");
    }
    let export = app.get("/schools/3/coaching/summary/csv").await;
    assert_eq!(export.status, 200);
    assert!(!export.body.contains("Maths Lead"));
    // The practices' row holds no figure for the one leader coached on one.
    let practices = export
        .body
        .lines()
        .find(|l| l.contains("Leadership practices"))
        .expect("a row for the 360's practices");
    assert!(!practices.contains('1'), "{practices}");

    as_user(&mut app, "maths.lead@a.test").await;
    assert_eq!(app.get("/schools/3/coaching/summary").await.status, 200);
    for email in ["governor@a.test", "teacher@a.test", "data@a.test"] {
        as_user(&mut app, email).await;
        for path in [
            "/schools/3/coaching/summary",
            "/schools/3/coaching/summary/csv",
        ] {
            assert_eq!(app.get(path).await.status, 403, "{email} {path}");
        }
    }
    // The head, who is not the teachers' coach, reads none of their cycles.
    as_user(&mut app, "head@a.test").await;
    let mine = app.get("/schools/3/coaching").await;
    assert!(!mine.body.contains("Teacher A"));
}

#[tokio::test]
async fn the_coachee_sees_their_own_classes_progress_beside_the_goal_and_no_colleagues() {
    let mut app = TestApp::spawn().await;
    let cycle = teacher_as_cycle(&mut app).await;
    as_user(&mut app, "teacher@a.test").await;
    let page = app.get(&cycle).await;
    assert!(
        page.body.contains("id=\"classes-heading\""),
        "the coachee's classes"
    );
    assert!(page.body.contains("11M1"), "her own class");
    assert!(page.body.contains("no colleague"), "says it ranks no one");
    // No other teacher's class, and so no other teacher's figure.
    assert!(!page.body.contains("11M2"));

    // The coach reads the cycle but not the coachee's classes.
    as_user(&mut app, "teacher2@a.test").await;
    let page = app.get(&cycle).await;
    assert!(!page.body.contains("classes-heading"));
    assert!(!page.body.contains("11M1") && !page.body.contains("11M2"));
}

/// The signed-in person observes Teacher A's class with this action step: the record's id.
async fn peer_observation(app: &TestApp, step: &str) -> String {
    let reply = app
        .post(
            "/schools/3/observations",
            &[
                ("kind", "peer"),
                ("observed_on", "2025-10-20"),
                ("teaching", "1:2"),
                ("strand", "dialogue"),
                ("evidence", "Pupils explained their method"),
                ("strengths", "Listening"),
                ("action_step", step),
                ("revisit_on", "2025-11-20"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply
        .location
        .unwrap()
        .trim_start_matches("/observations/")
        .to_owned()
}

#[tokio::test]
async fn the_coachee_brings_in_only_an_observation_the_coach_can_read() {
    let mut app = TestApp::spawn().await;
    let cycle = teacher_as_cycle(&mut app).await;
    // Teacher B observes Teacher A's class; the head of mathematics does too, unshared.
    as_user(&mut app, "teacher2@a.test").await;
    let by_coach = peer_observation(&app, "Ten seconds of thinking time").await;
    as_user(&mut app, "maths.lead@a.test").await;
    let unshared = peer_observation(&app, "Cold-call after pairs").await;

    // The coach may not bring it in: that is the coachee's to choose.
    as_user(&mut app, "teacher2@a.test").await;
    let refused = app
        .post(
            &format!("{cycle}/observations"),
            &[("observation", &by_coach)],
        )
        .await;
    assert_eq!(refused.status, 403);

    as_user(&mut app, "teacher@a.test").await;
    let page = app.get(&cycle).await;
    assert!(
        page.body.contains("Ten seconds of thinking time"),
        "offered"
    );
    assert!(!page.body.contains("Cold-call after pairs"), "not offered");
    let refused = app
        .post(
            &format!("{cycle}/observations"),
            &[("observation", &unshared)],
        )
        .await;
    assert_eq!(refused.status, 400, "a record the coach cannot read");
    let linked = app
        .post(
            &format!("{cycle}/observations"),
            &[("observation", &by_coach)],
        )
        .await;
    assert_eq!(linked.status, 303, "{}", linked.body);
    let page = app.get(&cycle).await;
    assert!(page.body.contains(&format!("/observations/{by_coach}")));

    as_user(&mut app, "teacher2@a.test").await;
    let page = app.get(&cycle).await;
    assert!(page.body.contains(&format!("/observations/{by_coach}")));
    assert!(!page.body.contains("Cold-call after pairs"));
}

#[tokio::test]
async fn bad_input_is_refused_and_writes_nothing_and_a_closed_cycle_takes_no_more() {
    let mut app = TestApp::spawn().await;
    as_user(&mut app, "teacher@a.test").await;
    for (colleague, goal, why) in [
        ("2", "strand:dialogue", "oneself"),
        ("5", "strand:dialogue", "a governor"),
        ("7", "strand:dialogue", "the data manager"),
        ("999", "strand:dialogue", "nobody"),
        ("4", "strand:lesson_grade", "an unknown strand"),
        (
            "4",
            "practice:professional_growth",
            "a practice for a teacher",
        ),
        ("4", "practice:no_such_practice", "an unknown practice"),
        ("4", "priority:1", "a priority of no plan"),
        ("4", "grade:outstanding", "an unknown kind of goal"),
    ] {
        let reply = app
            .post(
                "/schools/3/coaching",
                &[
                    ("part", "coachee"),
                    ("colleague", colleague),
                    ("goal", goal),
                    ("opened_on", "2025-09-15"),
                ],
            )
            .await;
        assert_eq!(reply.status, 400, "{why}: {}", reply.status);
    }
    let reply = app
        .post(
            "/schools/3/coaching",
            &[
                ("part", "coachee"),
                ("colleague", "4"),
                ("goal", "strand:dialogue"),
                ("opened_on", "15/09/2025"),
            ],
        )
        .await;
    assert_eq!(reply.status, 400, "a date not as YYYY-MM-DD");
    let mine = app.get("/schools/3/coaching").await;
    assert_eq!(
        mine.body.matches("None yet.").count(),
        2,
        "nothing was opened"
    );

    let cycle = open(&app, "coachee", "4", "strand:dialogue").await;
    let long = "x".repeat(4001);
    for (fields, why) in [
        (
            vec![
                ("kind", "step"),
                ("written_on", "2025-10-01"),
                ("body", "Step"),
            ],
            "a step with no revisit date",
        ),
        (
            vec![
                ("kind", "step"),
                ("written_on", "2025-10-01"),
                ("body", "Step"),
                ("revisit_on", "2025-10-01"),
            ],
            "a revisit date not after the step",
        ),
        (
            vec![
                ("kind", "note"),
                ("written_on", "2025-10-01"),
                ("body", "Note"),
            ],
            "a note by the coachee",
        ),
        (
            vec![
                ("kind", "reflection"),
                ("written_on", "2025-09-01"),
                ("body", "Early"),
            ],
            "dated before the cycle opened",
        ),
        (
            vec![
                ("kind", "reflection"),
                ("written_on", "2025-10-01"),
                ("body", "  "),
            ],
            "empty",
        ),
        (
            vec![
                ("kind", "reflection"),
                ("written_on", "2025-10-01"),
                ("body", long.as_str()),
            ],
            "too long",
        ),
        (
            vec![
                ("kind", "grade"),
                ("written_on", "2025-10-01"),
                ("body", "x"),
            ],
            "an unknown kind",
        ),
    ] {
        let reply = app.post(&format!("{cycle}/entries"), &fields).await;
        assert_eq!(reply.status, 400, "{why}");
    }
    let incomplete = app
        .post(
            &format!("{cycle}/close"),
            &[
                ("closed_on", "2025-12-12"),
                ("what_changed", "Checks lead the lesson"),
                ("evidence", ""),
                ("next", "Share it"),
            ],
        )
        .await;
    assert_eq!(incomplete.status, 400, "an evaluation without its evidence");
    let page = app.get(&cycle).await;
    assert!(!page.body.contains("Checks lead the lesson"));
    assert!(
        !page.body.contains("The current action step"),
        "no step was written"
    );

    // Closed with an evaluation, the cycle shows it and takes nothing more.
    let closed = app
        .post(
            &format!("{cycle}/close"),
            &[
                ("closed_on", "2025-12-12"),
                ("what_changed", "Checks lead the lesson"),
                ("evidence", "Hinge questions answered by 24 of 27"),
                ("next", "Share the routine"),
            ],
        )
        .await;
    assert_eq!(closed.status, 303, "{}", closed.body);
    let page = app.get(&cycle).await;
    assert!(page.body.contains("Evaluation (closed on 2025-12-12)"));
    assert!(page.body.contains("Hinge questions answered by 24 of 27"));
    assert!(!page.body.contains("Close the cycle"));
    let late = app
        .post(
            &format!("{cycle}/entries"),
            &[
                ("kind", "reflection"),
                ("written_on", "2025-12-20"),
                ("body", "Late"),
            ],
        )
        .await;
    assert_eq!(late.status, 400);
    let again = app
        .post(
            &format!("{cycle}/close"),
            &[
                ("closed_on", "2025-12-20"),
                ("what_changed", "a"),
                ("evidence", "b"),
                ("next", "c"),
            ],
        )
        .await;
    assert_eq!(again.status, 400);
}

#[tokio::test]
async fn the_cycle_pages_are_in_welsh() {
    let mut app = TestApp::spawn().await;
    let cycle = teacher_as_cycle(&mut app).await;
    as_user(&mut app, "teacher@a.test").await;
    let changed = app
        .post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    assert!(
        changed.status == 303 || changed.status == 200,
        "{}",
        changed.status
    );
    for path in [
        cycle.as_str(),
        "/schools/3/coaching",
        "/schools/3/coaching/new",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, 200, "{path}");
        assert!(page.body.contains("Hyfforddi"), "{path} in Welsh");
    }
    let page = app.get(&cycle).await;
    assert!(page.body.contains("Pwy all weld y cylch hwn"));
}
