//! CPD through real HTTP. A member of staff's log is theirs: they add, read, change,
//! remove and download it; nobody else — not a colleague, the head, a governor, another
//! school's head — reads or changes an activity of it through any route or export.
//! Leaders read the school's hours by plan priority and by strand, each figure resting on
//! k people with complementary suppression, never a person's figures or titles; the
//! exports hold what the page shows and a hostile title is never a formula. A plan
//! priority's page shows what is aligned to it; a leader's 360 report shows their
//! participation beside what staff say.
//!
//! The example world (`headway_store::seed::example_world`): school 3 with head@a.test (1),
//! teacher@a.test (2), teacher2@a.test (4), governor@a.test (5), maths.lead@a.test (6),
//! data@a.test (7); the cluster lead (3) over schools 3 and 4; year 1 is 2025/26.

use std::io::Read;

use crate::helpers::TestApp;
use headway_domain::cpd::Kind;
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use headway_store::cpd::NewActivity;
use headway_store::planning::{NewPriority, PriorityId};

const TITLE: &str = "Retrieval practice twilight";
const REFLECTION: &str = "Low-stakes quizzes at the start of every lesson";

async fn as_user(app: &mut TestApp, email: &str) {
    app.new_visitor();
    app.sign_in_as(email).await;
}

fn form<'a>(title: &'a str, hours: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "in_school_training"),
        ("title", title),
        ("occurred_on", "2026-01-12"),
        ("hours", hours),
        ("strand", "checking_learning"),
        ("strand", "dialogue"),
        ("led_by", "1"),
        ("reflection", REFLECTION),
    ]
}

/// The teacher logs one activity: its id.
async fn logged(app: &mut TestApp) -> i64 {
    as_user(app, "teacher@a.test").await;
    let reply = app.post("/schools/3/cpd", &form(TITLE, "1.5")).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let log = app
        .store
        .cpd()
        .log_of(SchoolId(3), PersonId(2))
        .await
        .unwrap();
    log[0].id.0
}

#[tokio::test]
async fn a_teacher_keeps_their_own_log_and_no_one_else_reads_or_changes_it() {
    let mut app = TestApp::spawn().await;
    app.add_account("head@b.test", "Head B", Role::Head, OrgId(4))
        .await;
    let id = logged(&mut app).await;
    let activity = format!("/cpd/{id}");

    let mine = app.get("/schools/3/cpd").await;
    assert_eq!(mine.status, 200);
    for expected in [TITLE, REFLECTION, "1.5", "Head A", "only you read it"] {
        assert!(mine.body.contains(expected), "the log shows {expected}");
    }
    let edit = app.get(&activity).await;
    assert_eq!(edit.status, 200);
    assert!(edit.body.contains(TITLE) && edit.body.contains("checked"));
    let export = app.get("/schools/3/cpd/export/csv").await;
    assert_eq!(export.status, 200);
    assert!(export.body.contains(TITLE) && export.body.contains(REFLECTION));

    for email in [
        "teacher2@a.test",
        "head@a.test",
        "maths.lead@a.test",
        "data@a.test",
        "governor@a.test",
        "lead@cluster.test",
        "head@b.test",
    ] {
        as_user(&mut app, email).await;
        let reply = app.get(&activity).await;
        assert_eq!(reply.status, 404, "{email} reads the activity");
        assert!(!reply.body.contains(TITLE), "{email}");
        let reply = app.post(&activity, &form("Taken over", "9")).await;
        assert_eq!(reply.status, 404, "{email} changes the activity");
        let reply = app.post(&format!("{activity}/remove"), &[]).await;
        assert_eq!(reply.status, 404, "{email} removes the activity");
        for path in [
            "/schools/3/cpd",
            "/schools/3/cpd/export/csv",
            "/schools/3/cpd/export/xlsx",
            "/schools/3/cpd/summary",
            "/schools/3/cpd/summary/csv",
            "/",
        ] {
            let body = app.get(path).await.body;
            assert!(
                !body.contains(TITLE) && !body.contains(REFLECTION),
                "{email} GET {path} shows the teacher's activity"
            );
        }
    }
    let kept = app
        .store
        .cpd()
        .get(headway_store::cpd::ActivityId(id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!((kept.title.as_str(), kept.minutes), (TITLE, 90));

    // The teacher changes it, then removes it.
    as_user(&mut app, "teacher@a.test").await;
    let reply = app
        .post(&activity, &form("Retrieval, revisited", "2"))
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    assert!(
        app.get("/schools/3/cpd")
            .await
            .body
            .contains("Retrieval, revisited")
    );
    let reply = app.post(&format!("{activity}/remove"), &[]).await;
    assert_eq!(reply.status, 303);
    assert_eq!(app.get(&activity).await.status, 404);
    assert!(!app.get("/schools/3/cpd").await.body.contains("Retrieval"));
}

#[tokio::test]
async fn bad_input_is_refused_with_a_reason_and_writes_nothing() {
    let mut app = TestApp::spawn().await;
    as_user(&mut app, "teacher@a.test").await;
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (form("", "1"), "Give the activity a title"),
        (form(TITLE, "0"), "more than 0 and at most 200"),
        (form(TITLE, "-3"), "more than 0 and at most 200"),
        (form(TITLE, "a lot"), "more than 0 and at most 200"),
        (form(TITLE, "201"), "more than 0 and at most 200"),
        (
            {
                let mut f = form(TITLE, "1");
                f.push(("strand", "lesson_grade"));
                f
            },
            "one of the framework",
        ),
        (
            {
                let mut f = form(TITLE, "1");
                f[2] = ("occurred_on", "2999-01-01");
                f
            },
            "after today",
        ),
        (
            {
                let mut f = form(TITLE, "1");
                f[2] = ("occurred_on", "12/01/2026");
                f
            },
            "YYYY-MM-DD",
        ),
        (
            {
                let mut f = form(TITLE, "1");
                f[6] = ("led_by", "3");
                f
            },
            "on the school&#39;s staff",
        ),
        (
            {
                let mut f = form(TITLE, "1");
                f.push(("priority", "12345"));
                f
            },
            "not in the school&#39;s plan",
        ),
        (
            {
                let mut f = form(TITLE, "1");
                f[0] = ("kind", "webinar");
                f
            },
            "not filled in as expected",
        ),
    ];
    for (fields, reason) in cases {
        let reply = app.post("/schools/3/cpd", &fields).await;
        assert_eq!(reply.status, 400, "{fields:?}");
        assert!(reply.body.contains(reason), "{reason}: {}", reply.body);
    }
    let long = "x".repeat(201);
    let reply = app.post("/schools/3/cpd", &form(&long, "1")).await;
    assert_eq!(reply.status, 400);
    assert!(
        app.store
            .cpd()
            .log_of(SchoolId(3), PersonId(2))
            .await
            .unwrap()
            .is_empty(),
        "nothing was written"
    );
    // Another school's log is not the teacher's to write in.
    let reply = app.post("/schools/4/cpd", &form(TITLE, "1")).await;
    assert_eq!(reply.status, 403);
}

/// A plan for school 3 (year 1) with these priorities: their ids.
async fn plan(app: &TestApp, titles: &[&str]) -> Vec<PriorityId> {
    let planning = app.store.planning();
    let mut tx = app.store.begin().await.unwrap();
    let version = planning
        .create_plan(&mut tx, SchoolId(3), 1, PersonId(1))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for title in titles {
        let priority = NewPriority {
            title: (*title).into(),
            rationale: "Why it matters".into(),
            dimensions: vec!["teacher_learning".into()],
            over_limit_reason: None,
            evidence: None,
        };
        ids.push(
            planning
                .add_priority(&mut tx, version, &priority)
                .await
                .unwrap(),
        );
    }
    tx.commit().await.unwrap();
    ids
}

/// `people` new teachers at school 3, each logging `minutes` on `priority` in 2025/26.
async fn staff_log(
    app: &TestApp,
    prefix: &str,
    people: usize,
    minutes: u32,
    priority: Option<PriorityId>,
    strands: &[&str],
) {
    for i in 0..people {
        let person = app
            .add_account(
                &format!("{prefix}{i}@a.test"),
                &format!("{prefix} {i}"),
                Role::Teacher,
                OrgId(3),
            )
            .await;
        let mut tx = app.store.begin().await.unwrap();
        app.store
            .cpd()
            .add(
                &mut tx,
                &NewActivity {
                    school: SchoolId(3),
                    person,
                    kind: Kind::Course,
                    title: format!("{prefix}'s private course {i}"),
                    occurred_on: "2026-02-02".into(),
                    minutes,
                    priority,
                    led_by: None,
                    reflection: "Private".into(),
                    framework: "observation".into(),
                    framework_version: 1,
                    strands: strands.iter().map(|s| (*s).to_owned()).collect(),
                },
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
}

async fn bytes(app: &TestApp, path: &str) -> Vec<u8> {
    app.client
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec()
}

/// An XLSX's shared strings and its sheet, as text.
async fn workbook(app: &TestApp, path: &str) -> (String, String) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes(app, path).await)).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    (
        read("xl/sharedStrings.xml"),
        read("xl/worksheets/sheet1.xml"),
    )
}

const HOSTILE: &str = "=HYPERLINK(\"http://evil.example\",\"Mathematics\")";

#[tokio::test]
async fn leaders_read_coherence_and_strands_resting_on_k_people_and_never_a_persons_figures() {
    let mut app = TestApp::spawn().await;
    let ids = plan(&app, &[HOSTILE, "Attendance"]).await;
    // Six people on the first priority (2 h each), six on none (1 h each): k is 6.
    staff_log(&app, "Maths", 6, 120, Some(ids[0]), &["checking_learning"]).await;
    staff_log(&app, "Other", 6, 60, None, &[]).await;

    as_user(&mut app, "head@a.test").await;
    let page = app.get("/schools/3/cpd/summary").await;
    assert_eq!(page.status, 200, "{}", page.body);
    for expected in [
        "67% of 18.0 hours",
        "12.0",
        "6.0",
        "Not linked to a priority of this plan",
        "<svg",
        "<title",
        "Headway&#39;s own measure",
    ] {
        assert!(page.body.contains(expected), "the summary shows {expected}");
    }
    assert!(!page.body.contains("private course"), "no activity's title");
    assert!(!page.body.contains("Maths 0"), "no person named");

    // Two more people put 7.5 hours each on attendance: too few to show, and the
    // smallest other row is hidden with them so the total gives nothing away.
    staff_log(&app, "Few", 2, 450, Some(ids[1]), &["clear_goals"]).await;
    let page = app.get("/schools/3/cpd/summary").await.body;
    assert!(page.contains("fewer than 6 people: not shown"), "{page}");
    assert!(page.contains("gives no one away"));
    assert!(page.contains("33.0"), "the total is shown");
    assert!(!page.contains("15.0"), "the two people's hours are not");
    assert!(
        !page.contains("% of 33.0"),
        "nor the share that would give them away"
    );

    let csv = app.get("/schools/3/cpd/summary/csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("'=HYPERLINK"), "{}", csv.body);
    assert!(!csv.body.contains(",=HYPERLINK") && !csv.body.contains("\n=HYPERLINK"));
    assert!(!csv.body.contains("15") && !csv.body.contains("private course"));
    let (strings, sheet) = workbook(&app, "/schools/3/cpd/summary/xlsx").await;
    assert!(strings.contains("=HYPERLINK"), "the title, as text");
    assert!(!sheet.contains("<f>"), "no formula in the workbook");

    // Middle leaders read it; nobody else does.
    as_user(&mut app, "maths.lead@a.test").await;
    assert_eq!(app.get("/schools/3/cpd/summary").await.status, 200);
    for email in [
        "teacher@a.test",
        "governor@a.test",
        "data@a.test",
        "lead@cluster.test",
    ] {
        as_user(&mut app, email).await;
        for path in [
            "/schools/3/cpd/summary",
            "/schools/3/cpd/summary/csv",
            "/schools/3/cpd/summary/xlsx",
        ] {
            let reply = app.get(path).await;
            assert_eq!(reply.status, 403, "{email} GET {path}");
            assert!(!reply.body.contains("33.0"), "{email} GET {path}");
        }
    }
    // A year outside the choice is not found rather than a period of the reader's making.
    as_user(&mut app, "head@a.test").await;
    assert_eq!(app.get("/schools/3/cpd/summary?year=99").await.status, 404);
}

#[tokio::test]
async fn a_teachers_own_export_neutralises_a_hostile_title() {
    let mut app = TestApp::spawn().await;
    as_user(&mut app, "teacher@a.test").await;
    let hostile = "=cmd|' /C calc'!A0";
    let reply = app.post("/schools/3/cpd", &form(hostile, "1")).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let csv = app.get("/schools/3/cpd/export/csv").await.body;
    assert!(csv.contains("'=cmd"), "{csv}");
    let (strings, sheet) = workbook(&app, "/schools/3/cpd/export/xlsx").await;
    assert!(strings.contains("=cmd"));
    assert!(!sheet.contains("<f>"));
}

#[tokio::test]
async fn a_priority_page_shows_its_measures_and_what_is_aligned_to_it() {
    let mut app = TestApp::spawn().await;
    let ids = plan(&app, &["Raise progress in mathematics"]).await;
    staff_log(&app, "Maths", 6, 120, Some(ids[0]), &["checking_learning"]).await;
    staff_log(&app, "Other", 6, 60, None, &[]).await;
    let page_path = format!("/plan/priorities/{}", ids[0].0);

    as_user(&mut app, "head@a.test").await;
    let plan_page = app.get("/schools/3/plan?year=1").await.body;
    assert!(
        plan_page.contains(&format!("href=\"{page_path}\"")),
        "the plan links to it"
    );
    assert!(plan_page.contains(&format!("href=\"{page_path}/edit\"")));
    assert_eq!(app.get(&format!("{page_path}/edit")).await.status, 200);
    let page = app.get(&page_path).await;
    assert_eq!(page.status, 200, "{}", page.body);
    for expected in [
        "Raise progress in mathematics",
        "What is aligned to this priority",
        "12.0",
        // No one is coached on a priority yet: a count resting on fewer than k is not shown.
        "Not shown: fewer than 6 people are coached on this priority",
    ] {
        assert!(page.body.contains(expected), "the page shows {expected}");
    }
    assert!(!page.body.contains("private course"));

    // A teacher reads the priority but no counts; a governor reads no draft; another
    // school's head finds nothing.
    as_user(&mut app, "teacher@a.test").await;
    let page = app.get(&page_path).await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("12.0"));
    assert!(page.body.contains("for the school&#39;s leaders"));
    assert!(
        page.body
            .contains("How many coaching goals are set on a priority is read by")
    );
    as_user(&mut app, "governor@a.test").await;
    assert_eq!(
        app.get(&page_path).await.status,
        404,
        "a draft, before governors"
    );
    app.add_account("head@b.test", "Head B", Role::Head, OrgId(4))
        .await;
    as_user(&mut app, "head@b.test").await;
    let reply = app.get(&page_path).await;
    assert_eq!(reply.status, 404);
    assert!(!reply.body.contains("Raise progress"));
}

#[tokio::test]
async fn a_priority_page_lists_the_viewers_own_coaching_on_it_and_no_one_elses() {
    let mut app = TestApp::spawn().await;
    let ids = plan(&app, &["Raise progress in mathematics"]).await;
    let page_path = format!("/plan/priorities/{}", ids[0].0);
    // Teacher A asks Teacher B to coach her on the priority.
    as_user(&mut app, "teacher@a.test").await;
    let reply = app
        .post(
            "/schools/3/coaching",
            &[
                ("part", "coachee"),
                ("colleague", "4"),
                ("goal", &format!("priority:{}", ids[0].0)),
                ("opened_on", "2025-09-15"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let cycle = reply.location.clone().unwrap_or_default();
    assert!(cycle.starts_with("/coaching/"), "{cycle}");
    let page = app.get(&page_path).await.body;
    assert!(
        page.contains("Your coaching on this priority")
            && page.contains("Coached by Teacher B, from 2025-09-15 (open)")
            && page.contains(&format!("href=\"{cycle}\"")),
        "{page}"
    );
    // The coach sees it from their side.
    as_user(&mut app, "teacher2@a.test").await;
    let page = app.get(&page_path).await.body;
    assert!(
        page.contains("Coaching Teacher A, from 2025-09-15"),
        "{page}"
    );
    // The head, a middle leader and a colleague outside the pair read the priority, but
    // not the cycle: one cycle is under k, so no count either.
    for email in ["head@a.test", "maths.lead@a.test"] {
        as_user(&mut app, email).await;
        let page = app.get(&page_path).await;
        assert_eq!(page.status, 200, "{email}");
        assert!(
            !page.body.contains(&cycle)
                && !page.body.contains("Your coaching on this priority")
                && !page.body.contains("Teacher A")
                && page
                    .body
                    .contains("Not shown: fewer than 6 people are coached"),
            "{email}: {}",
            page.body
        );
    }
}

#[tokio::test]
async fn welsh_pages_read_in_welsh() {
    let mut app = TestApp::spawn().await;
    let _ = logged(&mut app).await;
    let reply = app
        .post("/language", &[("lang", "cy"), ("next", "/schools/3/cpd")])
        .await;
    assert!(reply.status == 303 || reply.status == 200);
    let page = app.get("/schools/3/cpd").await.body;
    assert!(page.contains("Fy nysgu proffesiynol"), "{page}");
    assert!(page.contains("Hyfforddiant yn yr ysgol"));
    as_user(&mut app, "head@a.test").await;
    app.post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    let page = app.get("/schools/3/cpd/summary").await.body;
    assert!(page.contains("DPP ar draws yr ysgol"), "{page}");
}

#[tokio::test]
async fn the_360_report_shows_the_leaders_participation_beside_what_staff_say_to_them_alone() {
    let mut app = TestApp::spawn().await;
    // Two teachers log a session the head led; the head logs their own reading.
    for email in ["teacher@a.test", "teacher2@a.test"] {
        as_user(&mut app, email).await;
        let reply = app.post("/schools/3/cpd", &form(TITLE, "1.5")).await;
        assert_eq!(reply.status, 303, "{}", reply.body);
    }
    as_user(&mut app, "head@a.test").await;
    let mut reading = form("Reading: leading teacher learning", "2");
    reading.retain(|(k, _)| *k != "led_by");
    let reply = app.post("/schools/3/cpd", &reading).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let round = crate::diagnostic::head_opens_a_round(&app).await;
    app.post(&format!("/diagnostic/rounds/{round}/close"), &[])
        .await;
    let report = app.get(&format!("/diagnostic/rounds/{round}/report")).await;
    assert_eq!(report.status, 200, "{}", report.body);
    for expected in [
        "What staff say and what happened, side by side",
        "CPD sessions staff logged as led by you</th><td class=\"num\">1</td>",
        "1 activities, 2.0 hours",
        // The head worked in no inquiry group: a count, not "not recorded".
        "Learning triads or inquiry groups joined</th><td class=\"num\">0</td>",
        "Headway&#39;s own choice",
    ] {
        assert!(
            report.body.contains(expected),
            "the report shows {expected}"
        );
    }
    // Nobody else reads the report, and so nobody else reads the participation.
    for email in ["teacher@a.test", "governor@a.test", "maths.lead@a.test"] {
        as_user(&mut app, email).await;
        let reply = app.get(&format!("/diagnostic/rounds/{round}/report")).await;
        assert_eq!(reply.status, 404, "{email}");
        assert!(!reply.body.contains("side by side"));
    }
}
