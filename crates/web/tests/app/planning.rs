//! The improvement plan through real HTTP: a head writes, agrees and revises a plan (an
//! agreed version stays as it was); each role reads what it may and writes only what it
//! may; crafted requests cannot change a frozen version, another school's plan or someone
//! else's action; a governor's page and workbook name no member of staff.
//!
//! The example world (`headway_store::seed::example_world`): school 3 with head@a.test (1),
//! teacher@a.test (2, "Teacher A"), teacher2@a.test (4, "Teacher B"), governor@a.test (5),
//! maths.lead@a.test (6, "Maths Lead", a middle leader), data@a.test (7); the cluster lead
//! (3) over schools 3 and 4; year 1 is 2025/26.

use crate::helpers::TestApp;
use headway_domain::ids::OrgId;
use headway_domain::roles::Role;
use std::io::Read;

/// The number after `#{anchor}-` in a redirect's location.
fn id_in(location: &Option<String>, anchor: &str) -> String {
    let location = location.as_deref().expect("a redirect");
    let marker = format!("#{anchor}-");
    let start = location.find(&marker).expect("an anchor") + marker.len();
    location[start..].to_owned()
}

/// Signs in as `email` in a fresh browser.
async fn as_user(app: &mut TestApp, email: &str) {
    app.new_visitor();
    app.sign_in_as(email).await;
}

struct Plan {
    priority: String,
    /// Owned by the maths lead, involving Teacher A.
    maths_action: String,
    /// Owned by the head, involving Teacher B.
    head_action: String,
}

/// As the head: a plan for 2025/26 with one priority (from evidence, with its measure),
/// a hand-recorded measure and two actions.
async fn write_plan(app: &mut TestApp) -> Plan {
    as_user(app, "head@a.test").await;
    let reply = app.post("/schools/3/plan", &[("year", "1")]).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let reply = app
        .post(
            "/schools/3/plan/priorities",
            &[
                ("year", "1"),
                ("title", "Mathematics value added"),
                (
                    "rationale",
                    "Pupils make less progress in mathematics than in other subjects",
                ),
                ("dimension", "teaching_and_curriculum"),
                ("dimension", "teacher_learning"),
                ("evidence_kind", "progress"),
                ("evidence_url", "/schools/3/progress?subject=1"),
                ("evidence_note", "Value added in mathematics"),
                ("measure_name", "Value added in mathematics"),
                (
                    "measure_spec",
                    r#"{"kind":"value_added","subject":"MAT","group":null,"contextual":false}"#,
                ),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let priority = id_in(&reply.location, "priority");
    let reply = app
        .post(
            &format!("/plan/priorities/{priority}/measures"),
            &[
                ("name", "Lessons observed with retrieval practice"),
                ("kind", "manual"),
                ("unit", "lessons of ten observed"),
                ("higher_is_better", "true"),
                ("target_lower", "6"),
                ("target_upper", "8"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let reply = app
        .post(
            &format!("/plan/priorities/{priority}/actions"),
            &[
                ("title", "Retrieval practice in Year 10"),
                ("owner", "6"),
                ("person", "2"),
                ("starts_on", "2025-09-08"),
                ("ends_on", "2026-03-27"),
                ("budget", "1200"),
                ("hours_per_week", "1.5"),
                ("cpd_days", "2"),
                ("pattern", "decisional"),
                ("teacher_leader", "6"),
                ("leader_area", "Year 10 mathematics"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let maths_action = id_in(&reply.location, "action");
    let reply = app
        .post(
            &format!("/plan/priorities/{priority}/actions"),
            &[
                ("title", "Coaching for new staff"),
                ("owner", "1"),
                ("person", "4"),
                ("starts_on", "2025-09-08"),
                ("ends_on", "2026-07-17"),
                ("hours_per_week", "1"),
                ("pattern", "consultative"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let head_action = id_in(&reply.location, "action");
    Plan {
        priority,
        maths_action,
        head_action,
    }
}

async fn agree(app: &TestApp) {
    let reply = app.post("/schools/3/plan/agree", &[("year", "1")]).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
}

#[tokio::test]
async fn a_head_writes_and_agrees_a_plan_and_an_edit_opens_a_new_version() {
    let mut app = TestApp::spawn().await;
    let plan = write_plan(&mut app).await;
    let page = app.get("/schools/3/plan?year=1").await;
    assert_eq!(page.status, 200);
    for shown in [
        "Mathematics value added",
        "Value added in Mathematics",
        "Retrieval practice in Year 10",
        "Maths Lead decides over Year 10 mathematics",
        "Draft",
        "Initiative load",
        "a progress figure",
    ] {
        assert!(page.body.contains(shown), "{shown} missing: {}", page.body);
    }
    agree(&app).await;
    let agreed = app.get("/schools/3/plan?year=1").await.body;
    assert!(agreed.contains("agreed on"), "{agreed}");
    assert_eq!(
        app.post("/schools/3/plan/agree", &[("year", "1")])
            .await
            .status,
        400,
        "an agreed plan is not agreed again"
    );

    let reply = app
        .post(
            &format!("/plan/priorities/{}", plan.priority),
            &[
                ("title", "Mathematics: value added and retrieval"),
                ("rationale", "Revised at the autumn review"),
                ("dimension", "teaching_and_curriculum"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = app.get("/schools/3/plan?year=1").await.body;
    assert!(page.contains("Mathematics: value added and retrieval"));
    assert!(page.contains("Version 2"), "a new draft version: {page}");
    // The agreed version is kept as it was agreed.
    let v1 = page
        .split("version=")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a link to version 1")
        .to_owned();
    let old = app
        .get(&format!("/schools/3/plan?year=1&version={v1}"))
        .await
        .body;
    assert!(old.contains("Mathematics value added"), "{old}");
    assert!(!old.contains("Mathematics: value added and retrieval"));
    assert!(old.contains("earlier version"));

    let audit: Vec<String> = app
        .store
        .recent_audit(50)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for line in [
        "planning.start_plan",
        "planning.add_priority",
        "planning.add_measure",
        "planning.add_action",
        "planning.agree",
        "planning.new_version",
        "planning.edit_priority",
    ] {
        assert!(
            audit.iter().any(|a| a == line),
            "{line} not audited: {audit:?}"
        );
    }
}

#[tokio::test]
async fn a_fourth_priority_needs_a_written_reason_and_the_page_says_why() {
    let mut app = TestApp::spawn().await;
    write_plan(&mut app).await;
    for title in ["Attendance", "Teacher learning"] {
        let reply = app
            .post(
                "/schools/3/plan/priorities",
                &[("year", "1"), ("title", title)],
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
    }
    let refused = app
        .post(
            "/schools/3/plan/priorities",
            &[("year", "1"), ("title", "Reading")],
        )
        .await;
    assert_eq!(refused.status, 400);
    assert!(
        refused.body.contains("write why the school needs it"),
        "{}",
        refused.body
    );
    let form = app.get("/schools/3/plan/priorities/new?year=1").await.body;
    assert!(form.contains("A plan holds at most 3 priorities"), "{form}");
    assert!(form.contains("Robinson, Lloyd and Rowe"));
    assert!(
        form.contains("over_limit_reason"),
        "the reason is asked for"
    );
    let reply = app
        .post(
            "/schools/3/plan/priorities",
            &[
                ("year", "1"),
                ("title", "Reading"),
                (
                    "over_limit_reason",
                    "The local authority's reading review requires it",
                ),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = app.get("/schools/3/plan?year=1").await.body;
    assert!(page.contains("reading review requires it"), "{page}");
}

#[tokio::test]
async fn a_frozen_agreed_version_cannot_be_altered_by_a_crafted_post() {
    let mut app = TestApp::spawn().await;
    let plan = write_plan(&mut app).await;
    agree(&app).await;
    // An edit of the agreed version's action lands on a new draft's copy.
    let edit = [
        ("title", "Retrieval practice in Years 10 and 11"),
        ("owner", "6"),
        ("starts_on", "2025-09-08"),
        ("ends_on", "2026-03-27"),
        ("pattern", "consultative"),
    ];
    let reply = app
        .post(&format!("/plan/actions/{}", plan.maths_action), &edit)
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let copy = id_in(&reply.location, "action");
    assert_ne!(copy, plan.maths_action);
    // The agreed version's rows can no longer be reached: a crafted post is refused.
    for (path, fields) in [
        (
            format!("/plan/actions/{}", plan.maths_action),
            edit.to_vec(),
        ),
        (
            format!("/plan/priorities/{}", plan.priority),
            vec![("title", "Changed behind the head's back")],
        ),
        (
            format!("/plan/priorities/{}/measures", plan.priority),
            vec![("name", "Sneaked in"), ("kind", "attendance")],
        ),
    ] {
        let reply = app.post(&path, &fields).await;
        assert_eq!(reply.status, 409, "POST {path}: {}", reply.body);
        assert!(
            reply.body.contains("replaced by a newer one"),
            "{}",
            reply.body
        );
    }
    // A closed plan takes nothing.
    agree(&app).await;
    let reply = app.post("/schools/3/plan/close", &[("year", "1")]).await;
    assert_eq!(reply.status, 303);
    let reply = app.post(&format!("/plan/actions/{copy}"), &edit).await;
    assert_eq!(reply.status, 409, "{}", reply.body);
    let reply = app
        .post(
            "/schools/3/plan/priorities",
            &[("year", "1"), ("title", "Late")],
        )
        .await;
    assert_eq!(reply.status, 409);
    let page = app.get("/schools/3/plan?year=1").await.body;
    assert!(
        !page.contains("Changed behind")
            && !page.contains("Sneaked in")
            && !page.contains(">Late<")
    );
}

#[tokio::test]
async fn a_middle_leader_edits_only_the_actions_they_own_and_a_teacher_edits_nothing() {
    let mut app = TestApp::spawn().await;
    let plan = write_plan(&mut app).await;
    let edit = |owner: &'static str| {
        vec![
            ("title", "Changed by someone"),
            ("owner", owner),
            ("person", "2"),
            ("starts_on", "2025-09-08"),
            ("ends_on", "2026-03-27"),
            ("pattern", "consultative"),
        ]
    };
    as_user(&mut app, "maths.lead@a.test").await;
    let page = app.get("/schools/3/plan?year=1").await.body;
    assert!(
        page.contains("Coaching for new staff"),
        "a middle leader reads the whole plan"
    );
    let reply = app
        .post(&format!("/plan/actions/{}", plan.maths_action), &edit("6"))
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let reply = app
        .post(&format!("/plan/actions/{}", plan.head_action), &edit("1"))
        .await;
    assert_eq!(reply.status, 403, "not their action");
    let reply = app
        .post(&format!("/plan/actions/{}", plan.maths_action), &edit("4"))
        .await;
    assert_eq!(
        reply.status, 403,
        "a middle leader does not hand their action on"
    );
    let reply = app
        .post(
            "/schools/3/plan/priorities",
            &[("year", "1"), ("title", "Mine")],
        )
        .await;
    assert_eq!(reply.status, 403);

    as_user(&mut app, "teacher@a.test").await;
    let page = app.get("/schools/3/plan?year=1").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Mathematics value added"),
        "a teacher sees the priorities"
    );
    assert!(
        page.body.contains("Changed by someone"),
        "and the action that involves them"
    );
    assert!(
        !page.body.contains("Coaching for new staff"),
        "not the others"
    );
    assert!(!page.body.contains("Initiative load"));
    for (path, fields) in [
        (format!("/plan/actions/{}", plan.maths_action), edit("6")),
        (
            format!("/plan/priorities/{}", plan.priority),
            vec![("title", "x")],
        ),
        (
            format!("/plan/priorities/{}/actions", plan.priority),
            edit("2"),
        ),
        (
            "/schools/3/plan/priorities".to_owned(),
            vec![("year", "1"), ("title", "x")],
        ),
        ("/schools/3/plan/agree".to_owned(), vec![("year", "1")]),
        (
            "/schools/3/plan/stopped".to_owned(),
            vec![("year", "1"), ("what", "x")],
        ),
    ] {
        let reply = app.post(&path, &fields).await;
        assert_eq!(reply.status, 403, "teacher POST {path}");
    }
}

#[tokio::test]
async fn someone_from_another_school_can_neither_read_nor_change_the_plan() {
    let mut app = TestApp::spawn().await;
    let plan = write_plan(&mut app).await;
    app.add_account("head@b.test", "Head B", Role::Head, OrgId(4))
        .await;
    as_user(&mut app, "head@b.test").await;
    let reply = app.get("/schools/3/plan?year=1").await;
    assert_eq!(reply.status, 403);
    assert!(!reply.body.contains("Mathematics value added"));
    assert_eq!(app.get("/schools/3/plan/xlsx?year=1").await.status, 403);
    assert_eq!(
        app.get(&format!("/plan/actions/{}", plan.maths_action))
            .await
            .status,
        404
    );
    for (path, fields) in [
        (
            format!("/plan/priorities/{}", plan.priority),
            vec![("title", "Hijacked")],
        ),
        (
            format!("/plan/actions/{}", plan.maths_action),
            vec![
                ("title", "Hijacked"),
                ("owner", "6"),
                ("starts_on", "2025-09-08"),
                ("ends_on", "2026-03-27"),
            ],
        ),
        (
            "/schools/3/plan/priorities".to_owned(),
            vec![("year", "1"), ("title", "Hijacked")],
        ),
        ("/schools/3/plan/agree".to_owned(), vec![("year", "1")]),
    ] {
        let reply = app.post(&path, &fields).await;
        assert!(
            reply.status == 403 || reply.status == 404,
            "POST {path}: {}",
            reply.status
        );
    }
    as_user(&mut app, "head@a.test").await;
    assert!(
        !app.get("/schools/3/plan?year=1")
            .await
            .body
            .contains("Hijacked")
    );
}

/// The XLSX's shared strings (every text cell).
async fn workbook_text(app: &TestApp, path: &str) -> String {
    let bytes = app
        .client
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut text = String::new();
    archive
        .by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[tokio::test]
async fn reviews_record_progress_by_owners_and_a_governor_sees_them_with_no_one_named() {
    let mut app = TestApp::spawn().await;
    let plan = write_plan(&mut app).await;
    // Before the plan is agreed a governor sees no draft.
    as_user(&mut app, "governor@a.test").await;
    let page = app.get("/schools/3/plan?year=1").await.body;
    assert!(
        page.contains("No improvement plan has been agreed"),
        "{page}"
    );
    assert!(!page.contains("Mathematics value added"));

    as_user(&mut app, "head@a.test").await;
    agree(&app).await;
    let reply = app
        .post(
            "/schools/3/plan/reviews",
            &[
                ("year", "1"),
                ("held_on", "2025-12-12"),
                ("evaluation", "A slow start in Year 10"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let review = id_in(&reply.location, "review");

    // The owner records their action's progress; a dropped action says why.
    as_user(&mut app, "maths.lead@a.test").await;
    let progress = format!("/plan/reviews/{review}/progress");
    let reply = app
        .post(
            &progress,
            &[("action", &plan.maths_action), ("progress", "dropped")],
        )
        .await;
    assert_eq!(reply.status, 400);
    assert!(reply.body.contains("needs the reason"), "{}", reply.body);
    let reply = app
        .post(
            &progress,
            &[("action", &plan.maths_action), ("progress", "stalled")],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let reply = app
        .post(
            &progress,
            &[("action", &plan.head_action), ("progress", "done")],
        )
        .await;
    assert_eq!(reply.status, 403, "not the owner");
    assert_eq!(
        app.post(&format!("/plan/reviews/{review}/sign-off"), &[])
            .await
            .status,
        403
    );

    as_user(&mut app, "head@a.test").await;
    let reply = app
        .post(
            &progress,
            &[("action", &plan.head_action), ("progress", "in_progress")],
        )
        .await;
    assert_eq!(reply.status, 303);
    assert_eq!(
        app.post(&format!("/plan/reviews/{review}/sign-off"), &[])
            .await
            .status,
        303
    );
    let reply = app
        .post(
            &progress,
            &[("action", &plan.head_action), ("progress", "done")],
        )
        .await;
    assert_eq!(reply.status, 400, "a signed-off review is settled");
    let page = app.get("/schools/3/plan?year=1").await.body;
    assert!(
        page.contains("Stalled") && page.contains("Signed off by Head A"),
        "{page}"
    );

    as_user(&mut app, "governor@a.test").await;
    let page = app.get("/schools/3/plan?year=1").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Mathematics value added"));
    assert!(
        page.body.contains("Value added in mathematics"),
        "the measures"
    );
    assert!(page.body.contains("A slow start in Year 10"), "the reviews");
    assert!(page.body.contains("Stalled"));
    let xlsx = workbook_text(&app, "/schools/3/plan/xlsx?year=1").await;
    assert!(xlsx.contains("Retrieval practice in Year 10"), "{xlsx}");
    for name in ["Maths Lead", "Teacher A", "Teacher B", "Head A"] {
        assert!(
            !page.body.contains(name),
            "the governor's page names {name}"
        );
        assert!(!xlsx.contains(name), "the governor's workbook names {name}");
    }
    for (path, fields) in [
        (
            progress.clone(),
            vec![("action", plan.maths_action.as_str()), ("progress", "done")],
        ),
        (format!("/plan/reviews/{review}/sign-off"), vec![]),
        (
            "/schools/3/plan/reviews".to_owned(),
            vec![("year", "1"), ("held_on", "2026-01-01")],
        ),
    ] {
        assert_eq!(
            app.post(&path, &fields).await.status,
            403,
            "governor POST {path}"
        );
    }

    // The head's own workbook names the owners.
    as_user(&mut app, "head@a.test").await;
    assert!(
        workbook_text(&app, "/schools/3/plan/xlsx?year=1")
            .await
            .contains("Maths Lead")
    );
}

#[tokio::test]
async fn a_cluster_lead_sees_the_plans_of_their_schools_as_a_summary() {
    let mut app = TestApp::spawn().await;
    write_plan(&mut app).await;
    as_user(&mut app, "lead@cluster.test").await;
    let summary = app.get("/orgs/2/plans").await;
    assert_eq!(summary.status, 200);
    assert!(
        summary.body.contains("Mathematics value added"),
        "{}",
        summary.body
    );
    assert!(summary.body.contains("Draft"));
    let page = app.get("/schools/3/plan?year=1").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Mathematics value added"));
    assert!(
        !page.body.contains("Retrieval practice"),
        "a summary: no actions"
    );
    assert!(!page.body.contains("Maths Lead"));
    assert_eq!(app.get("/orgs/1/plans").await.status, 403);
}

#[tokio::test]
async fn the_plan_reads_in_welsh_and_compares_with_last_year() {
    let mut app = TestApp::spawn().await;
    write_plan(&mut app).await;
    let compare = app.get("/schools/3/plan/compare?year=1").await;
    assert_eq!(compare.status, 200);
    assert!(
        compare.body.contains("plan and this year"),
        "{}",
        compare.body
    );
    assert!(compare.body.contains("Mathematics value added"));
    app.post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    let page = app.get("/schools/3/plan?year=1").await.body;
    assert!(page.contains("Cynllun gwella"), "{page}");
    assert!(page.contains("Blaenoriaethau"));
    assert!(page.contains("Baich mentrau"));
}

/// A measure over the school's own data is a query, not a typed number: agreeing the plan
/// captures its baseline from the data, and the plan page draws it with its interval and a
/// status that respects the interval — the same figure the progress page shows.
#[tokio::test]
async fn a_bound_measure_takes_its_baseline_from_the_data_and_reads_with_its_interval() {
    let app = crate::progress::spawn().await;
    app.sign_in_as("head@ten.test").await;
    let progress = app.get("/schools/10/progress?subject=1").await.body;
    // The mathematics figure of the subject card: "−0.xx".
    let va = progress
        .split("<p class=\"big\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the subject's value added")
        .to_owned();

    assert_eq!(
        app.post("/schools/10/plan", &[("year", "1")]).await.status,
        303
    );
    let reply = app
        .post(
            "/schools/10/plan/priorities",
            &[
                ("year", "1"),
                ("title", "Mathematics value added"),
                ("rationale", "Well below for three years"),
                ("dimension", "teaching_and_curriculum"),
                ("measure_name", "Value added in mathematics"),
                (
                    "measure_spec",
                    r#"{"kind":"value_added","subject":"MAT","group":null,"contextual":false}"#,
                ),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let draft = app.get("/schools/10/plan?year=1").await.body;
    assert!(
        draft.contains("No baseline yet"),
        "no baseline before the plan is agreed"
    );

    let reply = app.post("/schools/10/plan/agree", &[("year", "1")]).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let plan = app.get("/schools/10/plan?year=1").await;
    assert_eq!(plan.status, 200, "{}", plan.body);
    let card = plan
        .body
        .split("<section class=\"measure-card")
        .nth(1)
        .expect("the measure's card");
    assert!(card.contains("Value added in mathematics"));
    assert!(
        card.contains(&va),
        "the progress page's figure {va}: {card}"
    );
    assert!(
        card.contains("No change we can be sure of yet"),
        "baseline and now are the same figure, so no change: {card}"
    );
    assert!(card.contains("<svg"), "a chart");
}
