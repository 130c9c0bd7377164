//! The advice network through real HTTP: staff read who will see their answers before
//! answering, answer against the roster (searchable without JavaScript), and the head
//! reads each topic's network with its informal leaders; a teacher, a governor and
//! another school's head are refused.

use crate::helpers::TestApp;
use headway_domain::ids::OrgId;
use headway_domain::roles::Role;

const QUESTION: &str = "/schools/3/advice-network";
const RESULTS: &str = "/schools/3/advice-network/results";

async fn open_round(app: &mut TestApp) {
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let reply = app.post("/schools/3/advice-network/rounds", &[]).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
}

async fn answer_as(app: &mut TestApp, email: &str, named: &[&str]) -> u16 {
    app.new_visitor();
    app.sign_in_as(email).await;
    let mut fields: Vec<(&str, &str)> = named.iter().map(|n| ("named", *n)).collect();
    fields.push(("action", "send"));
    app.post(QUESTION, &fields).await.status
}

#[tokio::test]
async fn staff_read_who_will_see_their_answers_before_the_question_and_the_head_sees_an_informal_leader()
 {
    let mut app = TestApp::spawn().await;
    open_round(&mut app).await;

    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let page = app.get(QUESTION).await;
    assert_eq!(page.status, 200);
    let notice = page.body.find("Who will see your answers").unwrap();
    let form = page.body.find("Who do you go to for advice about").unwrap();
    assert!(notice < form, "the notice comes before the question");
    assert!(page.body.contains("Governors will not see them"));
    // The roster: colleagues, not the teacher themself, not the governor.
    assert!(page.body.contains("Maths Lead") && page.body.contains("Teacher B"));
    assert!(!page.body.contains(">Teacher A <") && !page.body.contains("Governor A"));

    // Teacher B is sought out on behaviour by three colleagues, without a post.
    assert_eq!(
        answer_as(
            &mut app,
            "teacher@a.test",
            &["behaviour:4", "teaching_mathematics:6"]
        )
        .await,
        303
    );
    assert_eq!(
        answer_as(&mut app, "data@a.test", &["behaviour:4"]).await,
        303
    );
    assert_eq!(
        answer_as(
            &mut app,
            "maths.lead@a.test",
            &["behaviour:4", "behaviour:1"]
        )
        .await,
        303
    );

    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let results = app.get(&format!("{RESULTS}?topic=behaviour")).await;
    assert_eq!(results.status, 200, "{}", results.body);
    let body = &results.body;
    assert!(body.contains("3 of 5 staff have answered"), "{body}");
    assert!(body.contains("Teacher B (Teacher): named by 3"), "{body}");
    assert!(body.contains("Governors never see this page"));
    assert!(body.contains("<svg") && body.contains("Advice network: Behaviour"));
    // Four ties among five people: density 4 / 20.
    assert!(body.contains("0.200"), "{body}");
    // The head of mathematics holds a post and nobody goes to them about behaviour.
    let posts = body.find("Posts nobody goes to").unwrap();
    assert!(body[posts..].contains("Maths Lead"));

    // In Welsh.
    app.post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    let welsh = app.get(&format!("{RESULTS}?topic=behaviour")).await;
    assert_eq!(welsh.status, 200);
    assert!(welsh.body.contains("Rhwydwaith cyngor: Ymddygiad"));
    assert!(welsh.body.contains("Yn cael eu ceisio heb swydd"));
}

#[tokio::test]
async fn an_answer_naming_nobody_asks_first_and_counts_only_when_nobody_is_said() {
    let mut app = TestApp::spawn().await;
    open_round(&mut app).await;
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let reply = app.post(QUESTION, &[("action", "send")]).await;
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("You have not named anyone"));
    let reply = app
        .post(QUESTION, &[("action", "send"), ("nobody", "yes")])
        .await;
    assert_eq!(reply.status, 303);

    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let results = app.get(RESULTS).await;
    assert!(
        results.body.contains("1 of 5 staff have answered"),
        "{}",
        results.body
    );
}

#[tokio::test]
async fn searching_narrows_the_roster_and_keeps_what_was_ticked() {
    let mut app = TestApp::spawn().await;
    open_round(&mut app).await;
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let reply = app
        .post(
            QUESTION,
            &[
                ("action", "search"),
                ("q", "maths"),
                ("named", "behaviour:4"),
            ],
        )
        .await;
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("Maths Lead"));
    assert!(!reply.body.contains("Teacher B"), "hidden by the search");
    assert!(
        reply
            .body
            .contains(r#"type="hidden" name="named" value="behaviour:4""#)
    );
    // Nothing was saved by searching.
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    assert!(
        app.get(RESULTS)
            .await
            .body
            .contains("0 of 5 staff have answered")
    );
}

#[tokio::test]
async fn nobody_can_be_named_who_is_not_on_the_schools_staff() {
    let mut app = TestApp::spawn().await;
    open_round(&mut app).await;
    // The governor (5) and the cluster lead (3) are not staff; nor is oneself (2).
    for named in ["behaviour:5", "behaviour:3", "behaviour:2", "behaviour:999"] {
        assert_eq!(
            answer_as(&mut app, "teacher@a.test", &[named]).await,
            400,
            "{named}"
        );
    }
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    assert!(
        app.get(RESULTS)
            .await
            .body
            .contains("0 of 5 staff have answered")
    );
}

#[tokio::test]
async fn a_teacher_a_governor_and_another_schools_head_cannot_read_or_run_the_network() {
    let mut app = TestApp::spawn().await;
    open_round(&mut app).await;
    let round: i64 = app
        .store
        .advice_network()
        .rounds(headway_domain::ids::SchoolId(3))
        .await
        .unwrap()[0]
        .id;
    let close = format!("/schools/3/advice-network/rounds/{round}/close");

    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    assert_eq!(
        answer_as(&mut app, "teacher@a.test", &["behaviour:4"]).await,
        303
    );
    assert_eq!(app.get(RESULTS).await.status, 403);
    assert_eq!(app.post(&close, &[]).await.status, 403);
    assert_eq!(
        app.post("/schools/3/advice-network/rounds", &[])
            .await
            .status,
        403
    );

    app.new_visitor();
    app.sign_in_as("governor@a.test").await;
    assert_eq!(app.get(QUESTION).await.status, 403);
    assert_eq!(app.get(RESULTS).await.status, 403);
    let reply = app
        .post(QUESTION, &[("named", "behaviour:4"), ("action", "send")])
        .await;
    assert_eq!(reply.status, 403);

    app.add_account("head@b.test", "Head B", Role::Head, OrgId(4))
        .await;
    app.new_visitor();
    app.sign_in_as("head@b.test").await;
    let reply = app.get(RESULTS).await;
    assert_eq!(reply.status, 403);
    assert!(!reply.body.contains("Teacher B"));
    // Their own school's address does not reach another school's round.
    let reply = app
        .post(
            &format!("/schools/4/advice-network/rounds/{round}/close"),
            &[],
        )
        .await;
    assert_eq!(reply.status, 404);
    // The round is still open for the teacher.
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    assert!(app.get(RESULTS).await.body.contains("still open"));
}
