//! Surveys through real HTTP: a head opens a staff survey, hands out single-use links,
//! staff answer without an account, results open only after the window closes (and the
//! head's review), and nobody learns who answered. Pupils answer by class code with a
//! single-use slip each. Attacks: reusing a link or a slip, a slip with another class's
//! code, a slip of another school, a leader of another school, a leader before release,
//! a small group by subtraction, a hostile comment.

use crate::helpers::TestApp;
use headway_domain::ids::OrgId;
use headway_domain::roles::Role;
use headway_domain::survey::instrument::{Audience, built_in};
use headway_web::mail::RecordingMailer;
use std::sync::Arc;

/// The head opens a survey; its id.
async fn head_opens(app: &TestApp, audience: &str, k: &str, review: bool) -> String {
    app.sign_in_as("head@a.test").await;
    let mut fields = vec![
        ("school", "3"),
        ("audience", audience),
        ("title", "Autumn 2026"),
        ("threshold", k),
    ];
    if review {
        fields.push(("review", "1"));
    }
    let reply = app.post("/surveys", &fields).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply
        .location
        .unwrap()
        .trim_start_matches("/surveys/")
        .to_owned()
}

/// The staff links on the page the head sees once.
fn tokens(body: &str) -> Vec<String> {
    body.match_indices("/answer/link/")
        .map(|(at, m)| body[at + m.len()..at + m.len() + 64].to_owned())
        .collect()
}

fn every_item(audience: Audience, value: &str) -> Vec<(String, String)> {
    built_in(audience)
        .items()
        .map(|(_, item)| (format!("item-{}", item.id), value.to_owned()))
        .collect()
}

/// The pupils' ways in on a class's sheet of slips: `/answer/code/{class}/{slip}`, one
/// per pupil on its roster.
async fn slip_paths(app: &TestApp, survey: &str, class: i64) -> Vec<String> {
    let sheet = app.get(&format!("/surveys/{survey}/sheets/{class}")).await;
    assert_eq!(sheet.status, 200, "{}", sheet.body);
    let mut paths: Vec<String> = sheet
        .body
        .match_indices("/answer/code/")
        .map(|(at, _)| sheet.body[at..at + "/answer/code/XXXX-XXXX/XXXX-XXXX".len()].to_owned())
        .collect();
    paths.dedup();
    paths
}

async fn answer(app: &mut TestApp, path: &str, fields: &[(String, String)]) -> u16 {
    app.new_visitor();
    assert_eq!(app.get(path).await.status, 200, "{path} opens");
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(path, &fields).await.status
}

#[tokio::test]
async fn a_staff_survey_runs_from_single_use_links_to_results_after_the_window_closes() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "staff", "3", false).await;
    let links = app
        .post(&format!("/surveys/{survey}/staff-links"), &[])
        .await;
    assert_eq!(links.status, 200);
    let tokens = tokens(&links.body);
    assert_eq!(
        tokens.len(),
        5,
        "one link for each of the school's five staff"
    );

    for (i, token) in tokens.iter().take(4).enumerate() {
        let path = format!("/answer/link/{token}");
        let value = ["2", "3", "4", "5"][i];
        let mut fields = every_item(Audience::Staff, value);
        fields.push((
            "comment".into(),
            "<script>alert('x')</script> Teacher A shouts".into(),
        ));
        assert_eq!(answer(&mut app, &path, &fields).await, 200);
        // The same link again: refused, and the answer is not counted twice.
        assert_eq!(answer_again(&app, &path).await, 410);
    }

    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let page = app.get(&format!("/surveys/{survey}")).await;
    assert!(
        page.body.contains("4 people have answered"),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("Teacher A"),
        "nobody is named beside the counts"
    );
    // Before the window closes: no results, even for the head.
    assert_eq!(
        app.get(&format!("/surveys/{survey}/results")).await.status,
        403
    );

    assert_eq!(
        app.post(&format!("/surveys/{survey}/close"), &[])
            .await
            .status,
        303
    );
    let results = app.get(&format!("/surveys/{survey}/results")).await;
    assert_eq!(results.status, 200);
    assert!(results.body.contains("4 people have answered"));
    assert!(
        results
            .body
            .contains("An orderly and supportive environment")
    );
    // The hostile comment is shown as text, and the roster's names are masked.
    assert!(
        !results.body.contains("<script>alert"),
        "a comment is escaped"
    );
    assert!(
        results.body.contains("&#60;script&#62;alert("),
        "shown as text"
    );
    assert!(!results.body.contains("Teacher A shouts"));
    // Each staff group is below k = 3 or would be given away by subtraction: no row alone.
    for group in [
        "<th scope=\"row\">Teachers</th>",
        "<th scope=\"row\">Senior leaders</th>",
    ] {
        assert!(!results.body.contains(group), "{group} shown alone");
    }
}

async fn answer_again(app: &TestApp, path: &str) -> u16 {
    let fields: Vec<(String, String)> = every_item(Audience::Staff, "4");
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    app.post(path, &fields).await.status
}

#[tokio::test]
async fn an_empty_answer_is_not_sent_and_leaves_the_link_working() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "staff", "3", false).await;
    let token = tokens(
        &app.post(&format!("/surveys/{survey}/staff-links"), &[])
            .await
            .body,
    )[0]
    .clone();
    let path = format!("/answer/link/{token}");
    app.new_visitor();
    let empty = app.post(&path, &[("comment", "   ")]).await;
    assert_eq!(empty.status, 200);
    assert!(
        empty.body.contains("id=\"nothing-answered\""),
        "the page asks again"
    );
    // One answer is enough, and the link still works for it.
    let one = app.post(&path, &[("item-staff-trust-01", "4")]).await;
    assert_eq!(one.status, 200);
    assert!(one.body.contains("Thank you"));
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let page = app.get(&format!("/surveys/{survey}")).await;
    assert!(
        page.body.contains("Fewer than 3 people have answered"),
        "one response, not two"
    );
}

#[tokio::test]
async fn the_360_does_not_count_an_empty_answer_either() {
    let app = TestApp::spawn().await;
    app.sign_in_as("head@a.test").await;
    let opened = app
        .post(
            "/diagnostic/rounds",
            &[("school", "3"), ("group", "teachers")],
        )
        .await;
    let round = opened.location.unwrap();
    app.post(&format!("{round}/invitations"), &[("channel-2", "in_app")])
        .await;
    let mut app = app;
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let hub = app.get("/diagnostic").await;
    let at = hub
        .body
        .find("/diagnostic/invitations/")
        .expect("an invitation");
    let path: String = hub.body[at..].chars().take_while(|c| *c != '"').collect();
    let empty = app.post(&path, &[]).await;
    assert_eq!(empty.status, 200);
    assert!(empty.body.contains("id=\"nothing-answered\""));
    // Still answerable: the invitation was not used up.
    assert_eq!(app.get(&path).await.status, 200);
}

#[tokio::test]
async fn leaders_see_results_only_after_the_heads_review_and_governors_see_the_whole_school_only() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "parents", "3", true).await;
    let sheet = app.get(&format!("/surveys/{survey}/parents")).await;
    assert_eq!(sheet.status, 200);
    assert!(sheet.body.contains("<svg"), "a QR code");
    let at = sheet.body.find("/answer/code/").unwrap() + "/answer/code/".len();
    let code = sheet.body[at..at + 9].to_owned();
    for value in ["3", "4", "5", "4"] {
        let mut fields = every_item(Audience::Parents, value);
        fields.push(("comment".into(), "More clubs please".into()));
        assert_eq!(
            answer(&mut app, &format!("/answer/code/{code}"), &fields).await,
            200
        );
    }
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    app.post(&format!("/surveys/{survey}/close"), &[]).await;

    app.new_visitor();
    app.sign_in_as("governor@a.test").await;
    assert_eq!(
        app.get(&format!("/surveys/{survey}/results")).await.status,
        403,
        "waiting for the head's review"
    );
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let review = app.get(&format!("/surveys/{survey}/results")).await;
    assert_eq!(review.status, 200);
    assert!(review.body.contains("More clubs please"));
    assert_eq!(
        app.post(&format!("/surveys/{survey}/release"), &[])
            .await
            .status,
        303
    );

    app.new_visitor();
    app.sign_in_as("governor@a.test").await;
    let governors = app.get(&format!("/surveys/{survey}/results")).await;
    assert_eq!(governors.status, 200);
    assert!(governors.body.contains("My child is safe and happy"));
    assert!(
        !governors.body.contains("More clubs please"),
        "no comments for governors"
    );
    assert!(!governors.body.contains("breakdown-heading"));
    // A teacher reads no results, and cannot run surveys.
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    assert_eq!(
        app.get(&format!("/surveys/{survey}/results")).await.status,
        403
    );
    assert_eq!(app.get(&format!("/surveys/{survey}")).await.status, 403);
}

#[tokio::test]
async fn a_leader_of_another_school_finds_nothing_and_a_code_of_nothing_opens_nothing() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "pupils", "3", false).await;
    app.add_account("head@hill.test", "Hill Head", Role::Head, OrgId(4))
        .await;
    app.new_visitor();
    app.sign_in_as("head@hill.test").await;
    for path in [
        format!("/surveys/{survey}"),
        format!("/surveys/{survey}/results"),
        format!("/surveys/{survey}/sheets"),
        format!("/surveys/{survey}/sheets/1"),
    ] {
        assert_eq!(app.get(&path).await.status, 404, "{path}");
    }
    assert_eq!(
        app.post(&format!("/surveys/{survey}/close"), &[])
            .await
            .status,
        404
    );
    app.new_visitor();
    assert_eq!(app.get("/answer/code/ABCD-EFGH").await.status, 404);
    assert_eq!(
        app.get(&format!("/answer/link/{}", "0".repeat(64)))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_pupil_answers_by_class_code_and_slip_in_welsh() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "pupils", "3", false).await;
    let sheets = app.get(&format!("/surveys/{survey}/sheets")).await;
    assert_eq!(sheets.status, 200);
    assert!(sheets.body.contains("11M1") && sheets.body.contains("11M2"));
    let slips = app.get(&format!("/surveys/{survey}/sheets/1")).await;
    assert!(slips.body.contains("<svg"), "a QR code on each slip");
    for pupil in ["Pupil 1", "Pupil 2", "Pupil 3", "Pupil 4"] {
        assert!(slips.body.contains(pupil), "{pupil}'s slip");
    }
    let path = slip_paths(&app, &survey, 1).await[0].clone();
    let (code, slip) = path
        .trim_start_matches("/answer/code/")
        .split_once('/')
        .unwrap();
    app.new_visitor();
    let typed = app
        .get(&format!(
            "/answer?code={}&slip={}",
            code.to_lowercase(),
            slip.to_lowercase().replace('-', " ")
        ))
        .await;
    assert_eq!(typed.status, 303);
    assert_eq!(typed.location.as_deref(), Some(path.as_str()));
    let welsh = app.get_with(&path, ("accept-language", "cy")).await;
    assert_eq!(welsh.status, 200);
    assert!(welsh.body.contains("Anfon fy atebion"));
    assert!(
        welsh.body.contains("hapus yn yr ysgol."),
        "the items in Welsh"
    );
}

#[tokio::test]
async fn each_pupil_answers_once_and_a_class_code_alone_asks_for_the_slip() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "pupils", "3", false).await;
    let paths = slip_paths(&app, &survey, 1).await;
    assert_eq!(paths.len(), 4, "a slip for each of 11M1's four pupils");
    let class_code = paths[0]["/answer/code/".len()..][..9].to_owned();

    // The class code alone opens no questions: it asks for the pupil's own code.
    app.new_visitor();
    let alone = app.get(&format!("/answer/code/{class_code}")).await;
    assert_eq!(alone.status, 200);
    assert!(alone.body.contains("id=\"slip-needed\""), "{}", alone.body);
    assert!(!alone.body.contains("survey-form"));
    let fields = every_item(Audience::Pupils, "4");
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        app.post(&format!("/answer/code/{class_code}"), &fields)
            .await
            .status,
        410,
        "no answer by class code alone"
    );

    // A slip answers once; a second answer is refused in plain words.
    let first = app.post(&paths[0], &fields).await;
    assert_eq!(first.status, 200);
    assert!(first.body.contains("Thank you"));
    app.new_visitor();
    let again = app.get(&paths[0]).await;
    assert_eq!(again.status, 410);
    assert!(
        again.body.contains("This slip has already been used"),
        "{}",
        again.body
    );
    assert_eq!(app.post(&paths[0], &fields).await.status, 410);
    // Another pupil's slip still works.
    assert_eq!(app.post(&paths[1], &fields).await.status, 200);

    // A slip with another class's code (11M2 has none of its own) opens nothing.
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let sheets = app.get(&format!("/surveys/{survey}/sheets")).await.body;
    let codes: Vec<String> = sheets
        .match_indices("class=\"survey-code\"><strong>")
        .map(|(at, m)| sheets[at + m.len()..at + m.len() + 9].to_owned())
        .collect();
    assert_eq!(codes.len(), 2, "a code for each class");
    let other_class = codes
        .iter()
        .find(|c| **c != class_code)
        .expect("11M2's code")
        .clone();
    let slip = &paths[2]["/answer/code/".len() + 10..];
    app.new_visitor();
    let mixed = app.get(&format!("/answer/code/{other_class}/{slip}")).await;
    assert_eq!(mixed.status, 404);
    assert!(mixed.body.contains("These two codes do not go together"));
    assert_eq!(
        app.post(&format!("/answer/code/{other_class}/{slip}"), &fields)
            .await
            .status,
        404
    );

    // Two answers, counted in the pupils' year group; the counts stay hidden under k.
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let page = app.get(&format!("/surveys/{survey}")).await;
    assert!(
        page.body.contains("Fewer than 3 people have answered"),
        "{}",
        page.body
    );
    assert_eq!(
        app.store
            .surveys()
            .response_counts(headway_store::survey::SurveyId(survey.parse().unwrap()))
            .await
            .unwrap(),
        [("year-11".to_owned(), 2)]
    );
    // The sheet is the same when printed again, and says nothing of who has answered.
    assert_eq!(slip_paths(&app, &survey, 1).await, paths);
}

#[tokio::test]
async fn a_slip_of_another_school_opens_nothing_here_and_its_sheet_is_not_ours_to_print() {
    let mut app = TestApp::spawn().await;
    // A class of one pupil at Hill (school 4), one statement at a time (PostgreSQL
    // prepares each on its own).
    for sql in [
        "INSERT INTO classes (id, school_id, year_id, subject_id, name, year_group)
             VALUES (7, 4, 1, 1, '11H1', 11)",
        "INSERT INTO pupils (id, school_id, pseudonym, display_name, cohort_year_id)
             VALUES (70, 4, 'P-0070', 'Hill Pupil', 1)",
        "INSERT INTO enrolments (class_id, pupil_id) VALUES (7, 70)",
    ] {
        app.execute_behind_the_apps_back(sql).await;
    }
    app.add_account("head@hill.test", "Hill Head", Role::Head, OrgId(4))
        .await;
    app.sign_in_as("head@hill.test").await;
    let reply = app
        .post(
            "/surveys",
            &[
                ("school", "4"),
                ("audience", "pupils"),
                ("title", "Hill pupils"),
                ("threshold", "3"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let hill = reply
        .location
        .unwrap()
        .trim_start_matches("/surveys/")
        .to_owned();
    app.get(&format!("/surveys/{hill}/sheets")).await;
    let hill_paths = slip_paths(&app, &hill, 7).await;
    assert_eq!(hill_paths.len(), 1);
    let hill_slip = &hill_paths[0]["/answer/code/".len() + 10..];

    app.new_visitor();
    let ours = head_opens(&app, "pupils", "3", false).await;
    let our_code = &slip_paths(&app, &ours, 1).await[0]["/answer/code/".len()..][..9];
    // Our head cannot print Hill's sheet, nor Hill's class on our survey.
    assert_eq!(
        app.get(&format!("/surveys/{hill}/sheets/7")).await.status,
        404
    );
    assert_eq!(
        app.get(&format!("/surveys/{ours}/sheets/7")).await.status,
        404
    );
    app.new_visitor();
    let mixed = app
        .get(&format!("/answer/code/{our_code}/{hill_slip}"))
        .await;
    assert_eq!(mixed.status, 404, "Hill's slip with our class code");
}

#[tokio::test]
async fn switching_language_on_the_answer_page_keeps_what_was_ticked_and_sends_nothing() {
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "pupils", "3", false).await;
    let path = slip_paths(&app, &survey, 1).await[0].clone();
    app.new_visitor();
    let english = app.get(&path).await;
    assert!(
        english.body.contains("name=\"language\" value=\"cy\"")
            && english.body.contains("form=\"survey-answers\""),
        "the Welsh button sends the answers form back"
    );
    let item = built_in(Audience::Pupils)
        .items()
        .next()
        .unwrap()
        .1
        .id
        .0
        .clone();
    let ticked = format!("item-{item}");
    let welsh = app
        .post(
            &path,
            &[
                (ticked.as_str(), "2"),
                ("comment", "Mwy o glybiau"),
                ("language", "cy"),
            ],
        )
        .await;
    assert_eq!(welsh.status, 200);
    assert!(welsh.body.contains("<html lang=\"cy\">"));
    assert!(welsh.body.contains("Anfon fy atebion"));
    assert!(
        welsh.body.contains(&format!(
            "id=\"{ticked}-2\" name=\"{ticked}\" value=\"2\" checked"
        )),
        "the ticked answer stays ticked"
    );
    assert_eq!(
        welsh.body.matches(" checked>").count(),
        1,
        "nothing else is ticked"
    );
    assert!(welsh.body.contains(">Mwy o glybiau</textarea>"));
    assert!(
        welsh
            .headers
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("headway_lang=cy")),
        "the choice is remembered"
    );
    // Nothing was sent: the slip still opens the questions, and nothing is counted.
    assert_eq!(app.get(&path).await.status, 200);
    assert!(
        app.store
            .surveys()
            .response_counts(headway_store::survey::SurveyId(survey.parse().unwrap()))
            .await
            .unwrap()
            .is_empty()
    );
    // Back to English, with the answer still ticked; then sent once.
    let english = app
        .post(&path, &[(ticked.as_str(), "2"), ("language", "en")])
        .await;
    assert!(english.body.contains("<html lang=\"en\">"));
    assert!(english.body.contains("value=\"2\" checked"));
    assert_eq!(app.post(&path, &[(ticked.as_str(), "2")]).await.status, 200);
    assert_eq!(app.post(&path, &[("language", "cy")]).await.status, 410);
}

#[tokio::test]
async fn reminders_go_by_email_without_anyone_learning_who_answered() {
    let mailer = Arc::new(RecordingMailer::default());
    let mut app = TestApp::spawn_with(headway_web::WebSettings {
        email: Some(headway_web::EmailInvitations {
            mailer: mailer.clone(),
            public_url: "https://headway.example.test".into(),
        }),
        ..crate::helpers::settings()
    })
    .await;
    let survey = head_opens(&app, "staff", "3", false).await;
    let issued = app
        .post(&format!("/surveys/{survey}/staff-links"), &[])
        .await;
    assert!(tokens(&issued.body).is_empty(), "mailed, not shown");
    let sent = mailer.sent();
    assert_eq!(sent.len(), 5);
    let first = &sent[0];
    let at = first.body.find("/answer/link/").unwrap() + "/answer/link/".len();
    let path = format!("/answer/link/{}", &first.body[at..at + 64]);
    assert_eq!(
        answer(&mut app, &path, &every_item(Audience::Staff, "4")).await,
        200
    );

    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let reminded = app.post(&format!("/surveys/{survey}/remind"), &[]).await;
    assert_eq!(reminded.status, 303);
    let page = app.get(reminded.location.as_deref().unwrap()).await;
    assert!(
        page.body
            .contains("Nobody, including you, is told who they are.")
    );
    let reminders: Vec<_> = mailer.sent().into_iter().skip(5).collect();
    assert_eq!(reminders.len(), 4, "everyone but the one who answered");
    assert!(reminders.iter().all(|m| m.to != first.to));
    for name in ["Teacher A", "Teacher B", "Maths Lead", "Data Manager"] {
        assert!(!page.body.contains(name), "{name} named on the survey page");
    }
}

/// The head opens a pupil survey (threshold `k`, closing on `closes_on`), `n` pupils
/// (at most 11M1's four) answer every item by their class code and slip; its id.
async fn pupils_answer(app: &mut TestApp, k: &str, closes_on: &str, n: usize) -> String {
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let reply = app
        .post(
            "/surveys",
            &[
                ("school", "3"),
                ("audience", "pupils"),
                ("title", "Pupil voice 2026"),
                ("threshold", k),
                ("closes_on", closes_on),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let survey = reply
        .location
        .unwrap()
        .trim_start_matches("/surveys/")
        .to_owned();
    app.get(&format!("/surveys/{survey}/sheets")).await;
    let slips = slip_paths(app, &survey, 1).await;
    for (i, path) in slips.iter().take(n).enumerate() {
        let fields = every_item(Audience::Pupils, ["3", "4", "5", "4"][i % 4]);
        assert_eq!(answer(app, path, &fields).await, 200);
    }
    survey
}

#[tokio::test]
async fn an_open_surveys_results_say_when_they_open_and_pupils_well_being_reaches_the_progress_page_once_released()
 {
    let mut app = TestApp::spawn().await;
    let survey = pupils_answer(&mut app, "3", "2030-07-01", 4).await;
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let results = app.get(&format!("/surveys/{survey}/results")).await;
    assert_eq!(results.status, 403);
    assert!(
        results
            .body
            .contains("They open after its window closes, planned for 2030-07-01"),
        "{}",
        results.body
    );
    let progress = app.get("/schools/3/progress").await;
    assert_eq!(progress.status, 200);
    assert!(
        !progress.body.contains("Broad success"),
        "nothing while open"
    );

    let closed = app.post(&format!("/surveys/{survey}/close"), &[]).await;
    assert_eq!(closed.status, 303);
    // Every pupil rated well-being 3, 4, 5, 4 (after reverse coding, the same): mean 4.
    for reader in ["head@a.test", "governor@a.test"] {
        app.new_visitor();
        app.sign_in_as(reader).await;
        let page = app.get("/schools/3/progress").await;
        assert_eq!(page.status, 200, "{reader}");
        let body = &page.body;
        let at = body
            .find("Broad success")
            .unwrap_or_else(|| panic!("{reader}: {body}"));
        let panel = &body[at..body[at..].find("</section>").unwrap() + at];
        assert!(panel.contains("4 pupils with a score"), "{reader}: {panel}");
        assert!(panel.contains("95% interval"), "{panel}");
        assert!(panel.contains("Pupil voice 2026"), "{panel}");
    }
    // A head of department reads the progress page but not survey results.
    app.new_visitor();
    app.sign_in_as("maths.lead@a.test").await;
    let page = app.get("/schools/3/progress").await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("Broad success"));
}

#[tokio::test]
async fn pupils_well_being_under_k_is_suppressed_on_the_progress_page_and_a_review_says_when() {
    let mut app = TestApp::spawn().await;
    let survey = pupils_answer(&mut app, "5", "2030-07-01", 3).await;
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    app.post(&format!("/surveys/{survey}/close"), &[]).await;
    let body = app.get("/schools/3/progress").await.body;
    let at = body.find("Broad success").expect("the panel");
    let panel = &body[at..body[at..].find("</section>").unwrap() + at];
    assert!(panel.contains("fewer than 5 pupils: not shown"), "{panel}");
    assert!(!panel.contains("95% interval"), "{panel}");

    // Held for the head's review: a governor is told the window closed and what waits.
    let mut app = TestApp::spawn().await;
    let survey = head_opens(&app, "parents", "3", true).await;
    app.post(&format!("/surveys/{survey}/close"), &[]).await;
    app.new_visitor();
    app.sign_in_as("governor@a.test").await;
    let reply = app.get(&format!("/surveys/{survey}/results")).await;
    assert_eq!(reply.status, 403);
    assert!(
        reply.body.contains("Its window closed on") && reply.body.contains("the head reviews"),
        "{}",
        reply.body
    );
}

#[tokio::test]
async fn the_360_report_shows_the_released_staff_climate_beside_an_orderly_environment() {
    use crate::diagnostic::{answer as answer_360, head_opens_a_round, new_staff, outbox_links};
    let mut app = TestApp::spawn().await;
    // A staff survey answered and held for review: not yet beside the 360.
    let survey = head_opens(&app, "staff", "3", true).await;
    let links = app
        .post(&format!("/surveys/{survey}/staff-links"), &[])
        .await;
    for (i, token) in tokens(&links.body).iter().take(4).enumerate() {
        let fields = every_item(Audience::Staff, ["2", "3", "4", "3"][i]);
        assert_eq!(
            answer(&mut app, &format!("/answer/link/{token}"), &fields).await,
            200
        );
    }
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    app.post(&format!("/surveys/{survey}/close"), &[]).await;

    let round = head_opens_a_round(&app).await;
    let people = new_staff(&app, Role::Teacher, 3).await;
    let paths = outbox_links(&mut app, round, &people).await;
    for path in &paths {
        app.new_visitor();
        assert_eq!(answer_360(&app, path, "3").await, 200);
    }
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    app.post(&format!("/diagnostic/rounds/{round}/close"), &[])
        .await;
    let report = format!("/diagnostic/rounds/{round}/report");
    let before = app.get(&report).await;
    assert_eq!(before.status, 200, "{}", before.body);
    assert!(!before.body.contains("staff climate survey closed"));

    // Released: beside dimension 5, with its interval, n and date.
    assert_eq!(
        app.post(&format!("/surveys/{survey}/release"), &[])
            .await
            .status,
        303
    );
    let body = app.get(&report).await.body;
    // In the by-dimension table, in dimension 5's row and no other.
    let table = &body[body.find("id=\"by-dimension\"").unwrap()..];
    let row = table
        .find("<th scope=\"row\">Ensuring an orderly and supportive environment")
        .unwrap();
    let row = &table[row..row + table[row..].find("</tr>").unwrap()];
    assert_eq!(body.matches("class=\"hint beside\"").count(), 1);
    assert!(
        row.contains("Beside it, the staff climate survey closed"),
        "{row}"
    );
    assert!(
        row.contains("95% interval") && row.contains("4 staff"),
        "{row}"
    );
}
