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

/// The head turns names on (or off) for rounds opened from now on.
async fn names_to_head(app: &mut TestApp, value: &str) -> u16 {
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    app.post("/schools/3/advice-network/names", &[("names", value)])
        .await
        .status
}

/// Everyone on the test school's staff but the head, by name.
const COLLEAGUES: [&str; 4] = ["Teacher A", "Teacher B", "Maths Lead", "Data Manager"];

#[tokio::test]
async fn staff_read_who_will_see_their_answers_before_the_question_and_the_head_sees_an_informal_leader()
 {
    let mut app = TestApp::spawn().await;
    assert_eq!(names_to_head(&mut app, "on").await, 303);
    open_round(&mut app).await;

    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let page = app.get(QUESTION).await;
    assert_eq!(page.status, 200);
    let notice = page.body.find("Who will see your answers").unwrap();
    let form = page.body.find("Who do you go to for advice about").unwrap();
    assert!(notice < form, "the notice comes before the question");
    assert!(page.body.contains("Governors will not see them"));
    assert!(
        page.body
            .contains("In this round the head alone also sees names"),
        "{}",
        page.body
    );
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
    // Behaviour is not the head of mathematics' post: nobody going to them about it is
    // no finding. On curriculum planning (which it is) nobody named them, nor the head;
    // the data manager's post is not about the curriculum.
    let posts = body.find("Post holders nobody goes to").unwrap();
    assert!(
        !body[posts..].contains("Maths Lead (Middle leader"),
        "{body}"
    );
    let curriculum = app
        .get(&format!("{RESULTS}?topic=curriculum_planning"))
        .await
        .body;
    let posts = &curriculum[curriculum.find("Post holders nobody goes to").unwrap()..];
    let posts = &posts[..posts.find("Isolated").unwrap()];
    assert!(
        posts.contains("Maths Lead") && posts.contains("Head A"),
        "{posts}"
    );
    assert!(
        !posts.contains("Data Manager") && !posts.contains("Teacher"),
        "{posts}"
    );

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

/// The language buttons send the form back: the question comes back in Welsh with what
/// was ticked still ticked and the search kept, the choice is remembered, and nothing is
/// saved.
#[tokio::test]
async fn changing_language_keeps_what_was_ticked_and_saves_nothing() {
    let mut app = TestApp::spawn().await;
    open_round(&mut app).await;
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let page = app.get(QUESTION).await;
    assert!(
        page.body
            .contains(r#"form="network-answers" name="language" value="cy""#),
        "the Welsh button sends the answer form"
    );
    let reply = app
        .post(
            QUESTION,
            &[
                ("language", "cy"),
                ("q", ""),
                ("named", "behaviour:4"),
                ("named", "teaching_mathematics:6"),
            ],
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.contains(r#"<html lang="cy""#), "now in Welsh");
    for ticked in ["behaviour:4", "teaching_mathematics:6"] {
        assert!(
            reply.body.contains(&format!(r#"value="{ticked}" checked"#)),
            "{ticked} is still ticked"
        );
    }
    assert!(
        !reply.body.contains(r#"class="error-summary""#),
        "a language change is not taken for an empty answer"
    );
    // The next page is in Welsh too (the choice is remembered) …
    assert!(app.get(QUESTION).await.body.contains(r#"<html lang="cy""#));
    // … and nothing was saved.
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let results = app.get(RESULTS).await.body;
    assert!(
        results.contains("0 of 5 staff have answered") || results.contains("0 o 5"),
        "{results}"
    );
    // A language that is not offered is refused and changes nothing.
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let refused = app
        .post(QUESTION, &[("language", "fr"), ("named", "behaviour:4")])
        .await;
    assert_eq!(refused.status, 400);
    // Another school's head cannot use this school's form, not even to change their own
    // language.
    app.add_account("head@b.test", "Head B", Role::Head, OrgId(4))
        .await;
    app.new_visitor();
    app.sign_in_as("head@b.test").await;
    let refused = app
        .post(QUESTION, &[("language", "cy"), ("named", "behaviour:4")])
        .await;
    assert_eq!(refused.status, 403);
    // Their account's language did not change: a new sign-in still opens in English.
    app.new_visitor();
    app.sign_in_as("head@b.test").await;
    assert!(app.get("/").await.body.contains(r#"<html lang="en""#));
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

#[tokio::test]
async fn by_default_the_head_and_a_senior_leader_see_the_structure_without_any_name() {
    let mut app = TestApp::spawn().await;
    app.add_account(
        "senior@a.test",
        "Senior Leader S",
        Role::SeniorLeader,
        OrgId(3),
    )
    .await;
    open_round(&mut app).await;

    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let notice = app.get(QUESTION).await.body;
    assert!(
        notice.contains("Nobody sees names in this round"),
        "{notice}"
    );

    answer_as(&mut app, "teacher@a.test", &["behaviour:4", "behaviour:6"]).await;
    answer_as(&mut app, "data@a.test", &["behaviour:4"]).await;
    answer_as(
        &mut app,
        "maths.lead@a.test",
        &["behaviour:4", "behaviour:1"],
    )
    .await;

    for reader in ["head@a.test", "senior@a.test"] {
        app.new_visitor();
        app.sign_in_as(reader).await;
        let page = app.get(&format!("{RESULTS}?topic=behaviour")).await;
        assert_eq!(page.status, 200, "{reader}: {}", page.body);
        let body = &page.body;
        assert!(body.contains("Without names"), "{reader}: {body}");
        assert!(
            body.contains("<svg") && body.contains("Person 1 ("),
            "{reader}"
        );
        // Three ties of four go to one person, still visible as structure.
        assert!(body.contains("named by 3"), "{reader}: {body}");
        for name in COLLEAGUES.iter().chain(&["Head A", "Senior Leader S"]) {
            // The signed-in reader's own name may be in the page's header only.
            let main = &body[body.find("<main").unwrap()..];
            assert!(!main.contains(name), "{reader} sees {name}");
        }
        // Six staff, nobody's role and department shared by five: no label but "other
        // staff", so neither the head, the head of mathematics nor the data manager is
        // pointed at.
        for label in [
            "Head,",
            ">Head<",
            "Middle leader",
            "Data manager",
            "Mathematics",
        ] {
            let main = &body[body.find("<main").unwrap()..];
            let table = &main[main.find("network-people").unwrap()..];
            assert!(!table.contains(label), "{reader} sees the label {label}");
        }
        assert!(body.contains("Other staff"));
        assert!(!body.contains("Post holders nobody goes to"));
    }
    // Only the head is offered the setting.
    app.new_visitor();
    app.sign_in_as("senior@a.test").await;
    let page = app.get(RESULTS).await.body;
    assert!(!page.contains("/advice-network/names"));
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let page = app.get(RESULTS).await.body;
    assert!(page.contains("/advice-network/names"));
    assert!(page.contains("nobody sees names in rounds opened from now on"));
}

#[tokio::test]
async fn names_reach_only_the_head_and_only_rounds_opened_after_the_head_turned_them_on() {
    let mut app = TestApp::spawn().await;
    app.add_account(
        "senior@a.test",
        "Senior Leader S",
        Role::SeniorLeader,
        OrgId(3),
    )
    .await;
    open_round(&mut app).await;
    answer_as(&mut app, "teacher@a.test", &["behaviour:4"]).await;
    // Turned on while a round promised no names: that round keeps its promise.
    assert_eq!(names_to_head(&mut app, "on").await, 303);
    let audit = app.store.audit_log().recent(20).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "advice_network.names_to_head" && e.detail.ends_with(": on"))
    );
    let first = app.get(&format!("{RESULTS}?topic=behaviour")).await.body;
    assert!(!first.contains("Teacher B") && first.contains("Without names"));
    assert!(first.contains("This round was opened without names"));
    let rounds = app
        .store
        .advice_network()
        .rounds(headway_domain::ids::SchoolId(3))
        .await
        .unwrap();
    let reply = app
        .post(
            &format!("/schools/3/advice-network/rounds/{}/close", rounds[0].id),
            &[],
        )
        .await;
    assert_eq!(reply.status, 303);

    // A round opened now tells staff the head will see names, and the head does.
    open_round(&mut app).await;
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    assert!(
        app.get(QUESTION)
            .await
            .body
            .contains("In this round the head alone also sees names")
    );
    answer_as(&mut app, "teacher@a.test", &["behaviour:4"]).await;
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    let second = app.get(&format!("{RESULTS}?topic=behaviour")).await.body;
    assert!(second.contains("Teacher B") && !second.contains("Without names"));

    // A senior leader never reads names.
    app.new_visitor();
    app.sign_in_as("senior@a.test").await;
    let senior = app.get(&format!("{RESULTS}?topic=behaviour")).await.body;
    assert!(!senior.contains("Teacher B") && senior.contains("Without names"));

    // Turning names off hides them at once, even in the round that had them.
    assert_eq!(names_to_head(&mut app, "off").await, 303);
    let off = app.get(&format!("{RESULTS}?topic=behaviour")).await.body;
    assert!(!off.contains("Teacher B") && off.contains("Without names"));
}

#[tokio::test]
async fn only_the_head_of_the_school_changes_the_setting_and_bad_values_change_nothing() {
    let mut app = TestApp::spawn().await;
    app.add_account(
        "senior@a.test",
        "Senior Leader S",
        Role::SeniorLeader,
        OrgId(3),
    )
    .await;
    app.add_account("head@b.test", "Head B", Role::Head, OrgId(4))
        .await;
    let names = "/schools/3/advice-network/names";
    for attacker in [
        "senior@a.test",
        "teacher@a.test",
        "maths.lead@a.test",
        "governor@a.test",
        "head@b.test",
        "lead@cluster.test",
    ] {
        app.new_visitor();
        app.sign_in_as(attacker).await;
        let reply = app.post(names, &[("names", "on")]).await;
        assert_eq!(reply.status, 403, "{attacker}");
    }
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    for hostile in ["yes", "ON", "", "on'; DROP TABLE advice_rounds; --"] {
        let reply = app.post(names, &[("names", hostile)]).await;
        assert_eq!(reply.status, 400, "{hostile}");
    }
    assert_eq!(app.post(names, &[]).await.status, 400);
    assert!(
        !app.store
            .advice_network()
            .names_to_head(headway_domain::ids::SchoolId(3))
            .await
            .unwrap()
    );
    assert!(
        !app.store
            .audit_log()
            .recent(50)
            .await
            .unwrap()
            .iter()
            .any(|e| e.action == "advice_network.names_to_head")
    );
    // Another school's head reaching for this school through their own school's address
    // changes only their own school.
    app.new_visitor();
    app.sign_in_as("head@b.test").await;
    assert_eq!(
        app.post("/schools/4/advice-network/names", &[("names", "on")])
            .await
            .status,
        303
    );
    assert!(
        !app.store
            .advice_network()
            .names_to_head(headway_domain::ids::SchoolId(3))
            .await
            .unwrap()
    );
}
