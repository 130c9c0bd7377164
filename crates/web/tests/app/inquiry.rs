//! Inquiry groups (learning triads) through real HTTP, on both engines: a group of three to
//! six is started and anything else refused with nothing written; its members read and
//! write everything — lessons, peer observations, the classes' results with intervals,
//! notes, findings; the rest of the staff read its question, and its findings once
//! shared; governors only the shared findings, no one named; another school's head
//! nothing — through every route. And a head of department reads their department's
//! observation counts by strand, never another department's, nothing under k.
//!
//! The world is the progress suite's small system (school 10: head 1, teacher 2 with
//! mathematics class 11Ma1 of 40 pupils and its spring, class-test and final results;
//! governor 3), with colleagues added here.

use crate::helpers::{PASSWORD, TestApp, settings};
use headway_domain::account::{PasswordCost, hash_password};
use headway_domain::anonymity::Threshold;
use headway_store::seed::*;

const NOTE: &str = "NOTE-ONLY-THE-GROUP-READS";
const FINDINGS: &str = "FINDINGS-FOR-THE-SCHOOL";
const TRIED: &str = "TRIED-A-HINGE-QUESTION";
const QUESTION: &str = "Does a hinge question cut errors?";

/// School 10 of the progress suite with: teachers B (4, 11Ma2) and C (5, 11Ma3) of
/// mathematics, teacher D (6) of English (11En1), the heads of mathematics (7) and English
/// (8), and the head of school 11 (9).
fn world(hash: &str) -> World {
    let mut w = crate::progress::system(hash);
    for (id, email, name, role, org, subject) in [
        (4, "b@ten.test", "Teacher B", "teacher", 10, None),
        (5, "c@ten.test", "Teacher C", "teacher", 10, None),
        (6, "d@ten.test", "Teacher D", "teacher", 10, None),
        (
            7,
            "maths.lead@ten.test",
            "Maths Lead",
            "middle_leader",
            10,
            Some(1),
        ),
        (
            8,
            "english.lead@ten.test",
            "English Lead",
            "middle_leader",
            10,
            Some(2),
        ),
        (9, "head@eleven.test", "Head Eleven", "head", 11, None),
    ] {
        w.people.push(PersonRow {
            id,
            email: Some(email.into()),
            display_name: name.into(),
            password_hash: Some(hash.into()),
        });
        w.roles.push(RoleRow {
            person_id: id,
            role,
            org_id: org,
            subject_id: subject,
        });
    }
    for (id, subject, name, teacher) in [(3, 1, "11Ma2", 4), (4, 1, "11Ma3", 5), (5, 2, "11En1", 6)]
    {
        w.classes.push(ClassRow {
            id,
            school_id: 10,
            year_id: 1,
            subject_id: Some(subject),
            name: name.into(),
            year_group: Some(11),
        });
        w.class_teachers.push((id, teacher));
    }
    w
}

async fn spawn_with(settings: headway_web::WebSettings) -> TestApp {
    let app = TestApp::spawn_empty_with(settings).await;
    let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
    app.store.insert_world(&world(&hash)).await.unwrap();
    app
}

async fn as_user(app: &mut TestApp, email: &str) {
    app.new_visitor();
    app.sign_in_as(email).await;
}

fn start_form<'a>(question: &'a str, members: &[&'a str]) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![("question", question), ("strand", "checking_learning")];
    form.extend(members.iter().map(|m| ("member", *m)));
    form
}

/// Teacher A starts an inquiry with B and C: its page.
async fn triad(app: &mut TestApp) -> String {
    as_user(app, "teacher@ten.test").await;
    let reply = app
        .post("/schools/10/inquiries", &start_form(QUESTION, &["4", "5"]))
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply.location.expect("the inquiry's page")
}

#[tokio::test]
async fn a_group_has_three_to_six_people_who_teach_at_the_school_and_nothing_else_is_written() {
    let mut app = spawn_with(settings()).await;
    as_user(&mut app, "teacher@ten.test").await;
    // (the form, the status it gets, what it tries)
    type Case<'a> = (Vec<(&'a str, &'a str)>, u16, &'a str);
    let cases: Vec<Case> = vec![
        (start_form(QUESTION, &["4"]), 400, "two people"),
        (start_form(QUESTION, &[]), 400, "one person"),
        (
            start_form(QUESTION, &["1", "4", "5", "6", "7", "8"]),
            400,
            "seven people",
        ),
        (
            start_form(QUESTION, &["4", "3"]),
            400,
            "a governor in the group",
        ),
        (
            start_form(QUESTION, &["4", "9"]),
            400,
            "another school's head",
        ),
        (
            start_form(QUESTION, &["4", "x"]),
            400,
            "an unreadable member",
        ),
        (start_form("   ", &["4", "5"]), 400, "no question"),
        (
            vec![
                ("question", QUESTION),
                ("strand", "lesson_grade"),
                ("member", "4"),
                ("member", "5"),
            ],
            400,
            "a strand not in the framework",
        ),
        (
            [start_form(QUESTION, &["4", "5"]), vec![("priority", "999")]].concat(),
            400,
            "a priority not in the plan",
        ),
    ];
    for (form, status, why) in cases {
        let reply = app.post("/schools/10/inquiries", &form).await;
        assert_eq!(reply.status, status, "{why}: {}", reply.body);
    }
    let refused = app
        .post("/schools/10/inquiries", &start_form(QUESTION, &["4"]))
        .await;
    assert!(
        refused.body.contains("three to six people"),
        "the refusal says why: {}",
        refused.body
    );
    // Without a CSRF token nothing is written either.
    let forged = app
        .post_raw("/schools/10/inquiries", &start_form(QUESTION, &["4", "5"]))
        .await;
    assert_eq!(forged.status, 400);
    let list = app.get("/schools/10/inquiries").await;
    assert!(list.body.contains("No inquiries yet"), "{}", list.body);
    // A governor starts none; another school's head reaches nothing.
    as_user(&mut app, "governor@ten.test").await;
    let reply = app
        .post("/schools/10/inquiries", &start_form(QUESTION, &["2", "4"]))
        .await;
    assert_eq!(reply.status, 403);
    as_user(&mut app, "head@eleven.test").await;
    let reply = app
        .post("/schools/10/inquiries", &start_form(QUESTION, &["2", "4"]))
        .await;
    assert_eq!(reply.status, 403);
    // Three to six is fine, the person starting among them.
    let page = triad(&mut app).await;
    assert!(page.starts_with("/inquiries/"), "{page}");
}

fn fields<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A well-formed form for each of the group's routes, as an outsider would send it.
fn attacks(record: &str) -> Vec<(&'static str, Vec<(&'static str, String)>)> {
    vec![
        (
            "lessons",
            vec![
                ("taught_on", "2026-03-02".into()),
                ("teaching", "1:2".into()),
                ("tried", "overwritten".into()),
            ],
        ),
        ("observations", vec![("observation", record.to_owned())]),
        (
            "writing",
            vec![
                ("notes", "overwritten".into()),
                ("findings", "overwritten".into()),
            ],
        ),
        ("share", vec![("share", "no".into())]),
    ]
}

#[tokio::test]
async fn the_group_reads_and_writes_everything_and_everyone_else_only_what_they_may() {
    let mut app = spawn_with(settings()).await;
    let page = triad(&mut app).await;

    // Teacher A plans a lesson in her class, B in his; not in a non-member's class.
    let lesson = |teaching| {
        vec![
            ("taught_on", "2026-03-02"),
            ("teaching", teaching),
            ("tried", TRIED),
        ]
    };
    let added = app.post(&format!("{page}/lessons"), &lesson("1:2")).await;
    assert_eq!(added.status, 303, "{}", added.body);
    let elsewhere = app.post(&format!("{page}/lessons"), &lesson("5:6")).await;
    assert_eq!(elsewhere.status, 400, "a non-member's class");
    as_user(&mut app, "b@ten.test").await;
    assert_eq!(
        app.post(&format!("{page}/lessons"), &lesson("3:4"))
            .await
            .status,
        303
    );
    // B observes A's lesson (a peer observation); only A, whose record it is, links it.
    let observed = app
        .post(
            "/schools/10/observations",
            &[
                ("kind", "peer"),
                ("observed_on", "2026-03-02"),
                ("teaching", "1:2"),
                ("strand", "checking_learning"),
                ("evidence", "EVIDENCE-OF-THE-RECORD"),
                ("strengths", "Every pupil answered"),
                ("action_step", "Re-teach with one new picture"),
                ("revisit_on", "2026-03-30"),
            ],
        )
        .await;
    assert_eq!(observed.status, 303, "{}", observed.body);
    let record = observed.location.unwrap();
    let record_id = record.trim_start_matches("/observations/").to_owned();
    let link = [("observation", record_id.as_str())];
    assert_eq!(
        app.post(&format!("{page}/observations"), &link)
            .await
            .status,
        400,
        "the observer does not link another's record"
    );
    as_user(&mut app, "teacher@ten.test").await;
    let linked = app.post(&format!("{page}/observations"), &link).await;
    assert_eq!(linked.status, 303, "{}", linked.body);
    let write = [("notes", NOTE), ("findings", FINDINGS)];
    assert_eq!(
        app.post(&format!("{page}/writing"), &write).await.status,
        303
    );

    // A member reads everything, the classes' results with intervals among it.
    let member = app.get(&page).await;
    assert_eq!(member.status, 200);
    for expected in [
        QUESTION,
        NOTE,
        FINDINGS,
        TRIED,
        "Teacher B observed teacher@ten.test (11Ma1)",
        "88%",
        "Spring",
        "Class test",
        "fewer than 6 pupils: not shown",
        "GCSE (final)",
        "<svg",
        " to ",
    ] {
        assert!(
            member.body.contains(expected),
            "the member reads {expected}: {}",
            member.body
        );
    }
    // The record's own content stays with its readers.
    assert!(!member.body.contains("EVIDENCE-OF-THE-RECORD"));
    // C, a member who is neither the teacher nor the observer, cannot open the record.
    as_user(&mut app, "c@ten.test").await;
    assert!(app.get(&page).await.body.contains(NOTE));
    assert_eq!(app.get(&record).await.status, 404);

    let hidden_before_sharing = [NOTE, FINDINGS, TRIED, "Teacher B observed", "Spring"];
    // Before sharing: staff outside the group (a teacher, the head, a head of department)
    // read the question, nothing of the group's work; they write nothing.
    for email in ["d@ten.test", "head@ten.test", "maths.lead@ten.test"] {
        as_user(&mut app, email).await;
        let reply = app.get(&page).await;
        assert_eq!(reply.status, 200, "{email}");
        assert!(reply.body.contains(QUESTION), "{email}");
        for hidden in hidden_before_sharing {
            assert!(!reply.body.contains(hidden), "{email} reads {hidden}");
        }
        let list = app.get("/schools/10/inquiries").await;
        assert!(
            list.body.contains(QUESTION) && !list.body.contains(FINDINGS),
            "{email}"
        );
        for (path, form) in attacks(&record_id) {
            let reply = app.post(&format!("{page}/{path}"), &fields(&form)).await;
            assert_eq!(reply.status, 403, "{email} POST {path}");
        }
    }
    // A governor and another school's head: as if it did not exist.
    for email in ["governor@ten.test", "head@eleven.test"] {
        as_user(&mut app, email).await;
        let reply = app.get(&page).await;
        assert_eq!(reply.status, 404, "{email}");
        assert!(!reply.body.contains(QUESTION), "{email}");
        for (path, form) in attacks(&record_id) {
            let reply = app.post(&format!("{page}/{path}"), &fields(&form)).await;
            assert_eq!(reply.status, 404, "{email} POST {path}");
        }
    }
    as_user(&mut app, "governor@ten.test").await;
    let list = app.get("/schools/10/inquiries").await;
    assert_eq!(list.status, 200);
    assert!(
        !list.body.contains(QUESTION),
        "an unshared inquiry is not listed to governors"
    );
    as_user(&mut app, "head@eleven.test").await;
    assert_eq!(app.get("/schools/10/inquiries").await.status, 403);

    // The group shares its findings.
    as_user(&mut app, "b@ten.test").await;
    assert_eq!(
        app.post(&format!("{page}/share"), &[("share", "yes")])
            .await
            .status,
        303
    );
    let member = app.get(&page).await;
    assert!(member.body.contains(NOTE), "nothing was overwritten");
    assert!(member.body.contains("Shared with the school on"));

    for email in ["d@ten.test", "head@ten.test"] {
        as_user(&mut app, email).await;
        let reply = app.get(&page).await;
        assert!(
            reply.body.contains(FINDINGS),
            "{email} reads the shared findings"
        );
        for hidden in [NOTE, TRIED, "Teacher B observed", "Spring"] {
            assert!(!reply.body.contains(hidden), "{email} reads {hidden}");
        }
        assert!(
            app.get("/schools/10/inquiries")
                .await
                .body
                .contains(FINDINGS)
        );
    }
    // Governors: the shared findings, no one named, no class evidence.
    as_user(&mut app, "governor@ten.test").await;
    for path in [page.as_str(), "/schools/10/inquiries"] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, 200, "{path}");
        assert!(reply.body.contains(FINDINGS), "{path}");
        for hidden in [
            NOTE,
            TRIED,
            "teacher@ten.test",
            "Teacher B",
            "Teacher C",
            "11Ma1",
            "Spring",
        ] {
            assert!(
                !reply.body.contains(hidden),
                "the governor reads {hidden} at {path}"
            );
        }
    }
    for (path, form) in attacks(&record_id) {
        let reply = app.post(&format!("{page}/{path}"), &fields(&form)).await;
        assert_eq!(reply.status, 403, "the governor POSTs {path}");
    }
    as_user(&mut app, "head@eleven.test").await;
    assert_eq!(app.get(&page).await.status, 404);

    // Emptying the findings stops the sharing; sharing nothing is refused.
    as_user(&mut app, "teacher@ten.test").await;
    assert_eq!(
        app.post(
            &format!("{page}/writing"),
            &[("notes", NOTE), ("findings", "")]
        )
        .await
        .status,
        303
    );
    assert_eq!(
        app.post(&format!("{page}/share"), &[("share", "yes")])
            .await
            .status,
        400
    );
    as_user(&mut app, "governor@ten.test").await;
    assert_eq!(app.get(&page).await.status, 404);
}

#[tokio::test]
async fn the_pages_speak_welsh() {
    let mut app = spawn_with(settings()).await;
    let page = triad(&mut app).await;
    let welsh = ("accept-language", "cy");
    let list = app.get_with("/schools/10/inquiries", welsh).await;
    assert!(list.body.contains("Grwpiau ymholi"), "{}", list.body);
    let one = app.get_with(&page, welsh).await;
    assert!(
        one.body.contains("Canlyniadau'r dosbarthiadau")
            || one.body.contains("Canlyniadau&#39;r dosbarthiadau"),
        "{}",
        one.body
    );
    let refused = app
        .post("/schools/10/inquiries", &start_form(QUESTION, &["4"]))
        .await;
    assert_eq!(refused.status, 400);
}

/// A learning walk by the head: (class:teacher, strand).
async fn walk(app: &TestApp, teaching: &str, strand: &str) {
    let reply = app
        .post(
            "/schools/10/observations",
            &[
                ("kind", "learning_walk"),
                ("observed_on", "2026-02-02"),
                ("teaching", teaching),
                ("strand", strand),
                ("evidence", "Mini whiteboards"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
}

#[tokio::test]
async fn a_head_of_department_reads_their_departments_counts_only_and_nothing_under_k() {
    let three = headway_web::WebSettings {
        suppress_groups_below: Threshold::new(3).unwrap(),
        ..settings()
    };
    let mut app = spawn_with(three).await;
    as_user(&mut app, "head@ten.test").await;
    // Checking learning: the three mathematics teachers. Dialogue: two of them and the
    // English teacher — three at the school, but two in mathematics, one in English.
    for teaching in ["1:2", "3:4", "4:5"] {
        walk(&app, teaching, "checking_learning").await;
    }
    for teaching in ["1:2", "3:4", "5:6"] {
        walk(&app, teaching, "dialogue").await;
    }
    let row = |body: &str, strand: &str| -> String {
        let start = body
            .find(strand)
            .unwrap_or_else(|| panic!("{strand}: {body}"));
        body[start..start + body[start..].find("</tr>").unwrap()].to_owned()
    };

    as_user(&mut app, "maths.lead@ten.test").await;
    let summary = app.get("/schools/10/observations/summary").await;
    assert!(
        summary
            .body
            .contains("/schools/10/observations/departments/1")
            && !summary
                .body
                .contains("/schools/10/observations/departments/2"),
        "the head of mathematics is offered their department only: {}",
        summary.body
    );
    let maths = app.get("/schools/10/observations/departments/1").await;
    assert_eq!(maths.status, 200, "{}", maths.body);
    let checking = row(&maths.body, "Checking and responding to learning");
    assert!(
        checking.contains(">3<"),
        "three teachers counted: {checking}"
    );
    let dialogue = row(&maths.body, "Dialogue about learning");
    assert!(
        dialogue.contains("fewer than 3 teachers: not shown"),
        "two mathematics teachers are under k: {dialogue}"
    );
    for name in ["Teacher A", "Teacher B", "Teacher C", "11Ma1", "11Ma2"] {
        assert!(!maths.body.contains(name), "the counts name {name}");
    }
    // Not another department's.
    assert_eq!(
        app.get("/schools/10/observations/departments/2")
            .await
            .status,
        403
    );

    as_user(&mut app, "english.lead@ten.test").await;
    assert_eq!(
        app.get("/schools/10/observations/departments/1")
            .await
            .status,
        403
    );
    let english = app.get("/schools/10/observations/departments/2").await;
    assert_eq!(english.status, 200);
    assert!(
        row(&english.body, "Dialogue about learning").contains("fewer than 3 teachers: not shown"),
        "one English teacher is under k"
    );

    // The head reads every department; no department without classes; nobody else.
    as_user(&mut app, "head@ten.test").await;
    for subject in [1, 2] {
        let path = format!("/schools/10/observations/departments/{subject}");
        assert_eq!(app.get(&path).await.status, 200, "{path}");
    }
    assert_eq!(
        app.get("/schools/10/observations/departments/3")
            .await
            .status,
        404
    );
    for email in ["teacher@ten.test", "governor@ten.test", "head@eleven.test"] {
        as_user(&mut app, email).await;
        let reply = app.get("/schools/10/observations/departments/1").await;
        assert_eq!(reply.status, 403, "{email}");
    }
}
