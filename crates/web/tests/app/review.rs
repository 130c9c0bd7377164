//! Peer review between schools, through HTTP: a cluster lead opens a cycle and a review of
//! Afon High with a team from the cluster's other schools (never from Afon itself); Afon's
//! head writes the self-review and shares one figure; the team reads exactly that figure,
//! takes up Headway's suggested line of enquiry, gathers evidence and writes findings; the
//! head releases them, holds the workshop, adds a follow-up to the plan through the
//! planning use case, and closes the review. And the attackers: a reviewer on the school's
//! own pages, a reviewing head after the review closed, another cluster head and the
//! cluster lead before release, a teacher and a governor of the school, a head outside the
//! cluster — each refused, and each refusal writes nothing.
//!
//! The world is the many-schools test's (`system.rs`): the Valley cluster (org 2) with
//! Afon High (10, value added well below), Bryn High (11), Castell High (12) and Dôl Fach
//! (13); the Hill cluster (org 3) with Eithin High (14).

use crate::helpers::TestApp;
use headway_app::planning::{add_priority, start_plan};
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use headway_store::planning::NewPriority;
use headway_store::review::ReviewId;

const AFON: i64 = 10;
const LEAD: &str = "lead@valley.test";
const HEAD: &str = "head@afon.test";
const TEACHER: &str = "teacher@afon.test";
const GOVERNOR: &str = "governor@afon.test";
const BRYN_HEAD: &str = "head@bryn.test";
const CASTELL_SENIOR: &str = "senior@castell.test";
const CASTELL_HEAD: &str = "head@castell.test";
const EITHIN_HEAD: &str = "head@eithin.test";
const AFON_SENIOR: &str = "senior@afon.test";

struct World {
    app: TestApp,
    bryn_head: PersonId,
    castell_senior: PersonId,
    afon_senior: PersonId,
    eithin_head: PersonId,
}

async fn world() -> World {
    let app = crate::system::spawn().await;
    let bryn_head = app
        .add_account(BRYN_HEAD, "Bethan Bryn", Role::Head, OrgId(11))
        .await;
    let castell_senior = app
        .add_account(
            CASTELL_SENIOR,
            "Carys Castell",
            Role::SeniorLeader,
            OrgId(12),
        )
        .await;
    app.add_account(CASTELL_HEAD, "Cai Castell", Role::Head, OrgId(12))
        .await;
    let eithin_head = app
        .add_account(EITHIN_HEAD, "Elin Eithin", Role::Head, OrgId(14))
        .await;
    let afon_senior = app
        .add_account(AFON_SENIOR, "Aled Afon", Role::SeniorLeader, OrgId(AFON))
        .await;
    World {
        app,
        bryn_head,
        castell_senior,
        afon_senior,
        eithin_head,
    }
}

async fn as_(app: &mut TestApp, email: &str) {
    app.new_visitor();
    app.sign_in_as(email).await;
}

fn team(people: &[PersonId]) -> Vec<String> {
    people.iter().map(|p| p.0.to_string()).collect()
}

/// Opens a cycle and, as the cluster lead, a review of Afon by `people`; its id.
async fn open(w: &mut World, people: &[PersonId]) -> i64 {
    as_(&mut w.app, LEAD).await;
    let reply = w
        .app
        .post("/orgs/2/reviews/cycles", &[("name", "Autumn 2026")])
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let cycle = w.app.store.reviews().cycles(OrgId(2)).await.unwrap()[0].id;
    let cycle = cycle.to_string();
    let ids = team(people);
    let mut fields = vec![("cycle", cycle.as_str()), ("school", "10")];
    fields.extend(ids.iter().map(|p| ("team", p.as_str())));
    let reply = w.app.post("/orgs/2/reviews", &fields).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let location = reply.location.unwrap();
    location.trim_start_matches("/reviews/").parse().unwrap()
}

async fn stage(w: &World, id: i64) -> String {
    w.app
        .store
        .reviews()
        .get(ReviewId(id))
        .await
        .unwrap()
        .unwrap()
        .stage
        .as_str()
        .to_owned()
}

async fn advance(w: &mut World, id: i64) {
    let from = stage(w, id).await;
    let reply = w
        .app
        .post(&format!("/reviews/{id}/advance"), &[("from", &from)])
        .await;
    assert_eq!(reply.status, 303, "advance from {from}: {}", reply.body);
}

#[tokio::test]
async fn a_reviewer_from_the_reviewed_school_is_refused_with_a_clear_message_and_nothing_is_opened()
{
    let mut w = world().await;
    as_(&mut w.app, LEAD).await;
    w.app
        .post("/orgs/2/reviews/cycles", &[("name", "Autumn 2026")])
        .await;
    let cycle = w.app.store.reviews().cycles(OrgId(2)).await.unwrap()[0]
        .id
        .to_string();
    let bryn = w.bryn_head.0.to_string();
    let afon = w.afon_senior.0.to_string();
    let reply = w
        .app
        .post(
            "/orgs/2/reviews",
            &[
                ("cycle", &cycle),
                ("school", "10"),
                ("team", &bryn),
                ("team", &afon),
            ],
        )
        .await;
    assert_eq!(reply.status, 400);
    assert!(
        reply
            .body
            .contains("Aled Afon works at the school being reviewed"),
        "{}",
        reply.body
    );
    // A head of another cluster is not a leader of this one's schools.
    let eithin = w.eithin_head.0.to_string();
    let reply = w
        .app
        .post(
            "/orgs/2/reviews",
            &[("cycle", &cycle), ("school", "10"), ("team", &eithin)],
        )
        .await;
    assert_eq!(reply.status, 400);
    // No team, a cycle name of spaces, a school outside the cluster.
    let reply = w
        .app
        .post("/orgs/2/reviews", &[("cycle", &cycle), ("school", "10")])
        .await;
    assert_eq!(reply.status, 400);
    let reply = w
        .app
        .post("/orgs/2/reviews/cycles", &[("name", "   ")])
        .await;
    assert_eq!(reply.status, 400);
    let reply = w
        .app
        .post(
            "/orgs/2/reviews",
            &[("cycle", &cycle), ("school", "14"), ("team", &bryn)],
        )
        .await;
    assert_eq!(reply.status, 400);
    assert!(
        w.app
            .store
            .reviews()
            .in_cluster(OrgId(2))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        w.app.store.reviews().cycles(OrgId(2)).await.unwrap().len(),
        1
    );

    // Only the cluster's lead opens cycles: not a head of one of its schools, not another
    // cluster's lead.
    for email in [HEAD, "lead@hill.test"] {
        as_(&mut w.app, email).await;
        let reply = w
            .app
            .post("/orgs/2/reviews/cycles", &[("name", "Mine")])
            .await;
        assert_eq!(reply.status, 403, "{email}");
    }
    assert_eq!(
        w.app.store.reviews().cycles(OrgId(2)).await.unwrap().len(),
        1
    );
}

#[tokio::test]
async fn a_review_runs_from_self_review_to_released_findings_and_the_schools_plan() {
    let mut w = world().await;
    let people = [w.bryn_head, w.castell_senior];
    let id = open(&mut w, &people).await;
    let page = format!("/reviews/{id}");

    // The head writes the self-review beside the school's own figures, and shares one.
    as_(&mut w.app, HEAD).await;
    let body = w.app.get(&page).await.body;
    assert!(body.contains("The school&#39;s figures now") || body.contains("figures now"));
    assert!(body.contains("Value added (headline)"), "{body}");
    let reply = w
        .app
        .post(
            &format!("{page}/self-review"),
            &[("text", "SELF-REVIEW: mathematics is our weakest area")],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    // Bad input writes nothing: an empty text, a figure that does not exist.
    let reply = w
        .app
        .post(&format!("{page}/self-review"), &[("text", " ")])
        .await;
    assert_eq!(reply.status, 400);
    let reply = w
        .app
        .post(&format!("{page}/share"), &[("figure", "pupil_names")])
        .await;
    assert_eq!(reply.status, 400);
    assert!(
        w.app
            .store
            .reviews()
            .shared_figures(ReviewId(id))
            .await
            .unwrap()
            .is_empty()
    );
    let reply = w
        .app
        .post(
            &format!("{page}/share"),
            &[("figure", "headline_value_added")],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let shared = w
        .app
        .store
        .reviews()
        .shared_figures(ReviewId(id))
        .await
        .unwrap();
    assert_eq!(shared.len(), 1);
    assert!(
        shared[0].ci_upper < 0.0,
        "Afon's value added is planted well below: {shared:?}"
    );
    advance(&mut w, id).await;
    advance(&mut w, id).await;
    assert_eq!(stage(&w, id).await, "visit");
    // Sharing is over once the visit begins.
    let reply = w
        .app
        .post(&format!("{page}/share"), &[("figure", "disadvantaged_gap")])
        .await;
    assert_eq!(reply.status, 409);

    // The reviewer reads exactly what was shared, Headway's suggestion marked as its own,
    // never the self-review; and gains nothing of the school's own pages.
    as_(&mut w.app, BRYN_HEAD).await;
    let body = w.app.get(&page).await.body;
    assert!(body.contains("Data shared for the review"));
    assert!(body.contains("Headway&#39;s suggestion") || body.contains("Headway's suggestion"));
    assert!(body.contains("value_added_below"));
    assert!(!body.contains("SELF-REVIEW"), "{body}");
    assert!(!body.contains("Disadvantaged pupils&#39; value added minus"));
    for path in [
        "/schools/10",
        "/schools/10/progress",
        "/schools/10/plan",
        "/schools/10/governors-summary",
        "/schools/10/attendance",
    ] {
        let reply = w.app.get(path).await;
        assert!(
            reply.status == 403 || reply.status == 404,
            "a reviewer reached {path}: {}",
            reply.status
        );
    }
    // The team takes up the suggestion (edited), adds its own line, gathers evidence.
    for fields in [vec![("visit_on", "2026-11-03")]] {
        let reply = w.app.post(&format!("{page}/visit"), &fields).await;
        assert_eq!(reply.status, 303);
    }
    let reply = w
        .app
        .post(&format!("{page}/visit"), &[("visit_on", "next week")])
        .await;
    assert_eq!(reply.status, 400);
    let reply = w
        .app
        .post(
            &format!("{page}/enquiry"),
            &[
                ("suggested_from", "value_added_below"),
                ("text", "ENQUIRY: where is progress weakest, and why?"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    w.app
        .post(
            &format!("{page}/enquiry"),
            &[("text", "How is homework set?")],
        )
        .await;
    let enquiries = w.app.store.reviews().enquiries(ReviewId(id)).await.unwrap();
    assert_eq!(enquiries.len(), 2);
    let first = enquiries[0].id.0.to_string();
    let reply = w
        .app
        .post(
            &format!("{page}/evidence"),
            &[
                ("enquiry", &first),
                ("note", "EVIDENCE: Year 10 sets spoke of gaps"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303);
    let body = w.app.get(&page).await.body;
    assert!(
        !body.contains("value_added_below\""),
        "a taken-up suggestion is offered again"
    );
    // The reviewer cannot release, nor write the school's parts.
    assert_eq!(
        w.app.post(&format!("{page}/release"), &[]).await.status,
        403
    );
    let reply = w
        .app
        .post(&format!("{page}/self-review"), &[("text", "Hijacked")])
        .await;
    assert_eq!(reply.status, 403);
    advance(&mut w, id).await;
    for (kind, text) in [
        ("strength", "FINDING: a shared view of good teaching"),
        (
            "explore",
            "FINDING: how disadvantaged pupils are supported in mathematics",
        ),
    ] {
        let reply = w
            .app
            .post(
                &format!("{page}/finding"),
                &[("kind", kind), ("text", text)],
            )
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
    }

    // Before release: the cluster lead, another cluster head, a governor, a teacher and a
    // head outside the cluster find no such review; after release the cluster and the
    // governors read the findings and nothing else.
    for email in [LEAD, CASTELL_HEAD, GOVERNOR, TEACHER, EITHIN_HEAD] {
        as_(&mut w.app, email).await;
        let reply = w.app.get(&page).await;
        assert_eq!(reply.status, 404, "{email} before release");
        assert!(!reply.body.contains("FINDING"));
    }
    // The lead who opened it sees that it exists and its stage, never a link into it.
    as_(&mut w.app, LEAD).await;
    let list = w.app.get("/orgs/2/reviews").await.body;
    assert!(!list.contains(&format!("/reviews/{id}\"")), "{list}");
    let row = list
        .split("<tr>")
        .find(|r| r.contains("Afon High"))
        .unwrap_or_else(|| panic!("the unreleased review is listed to the lead: {list}"));
    assert!(row.contains("Gathering evidence"), "its stage: {row}");
    assert!(row.contains("until released"), "{row}");
    assert!(!list.contains("FINDING"));
    // Another head of the cluster off its team is not told of it.
    as_(&mut w.app, CASTELL_HEAD).await;
    let list = w.app.get("/orgs/2/reviews").await.body;
    assert!(!list.contains("Afon High"), "{list}");
    as_(&mut w.app, HEAD).await;
    assert_eq!(
        w.app.post(&format!("{page}/release"), &[]).await.status,
        303
    );
    for email in [LEAD, CASTELL_HEAD, GOVERNOR] {
        as_(&mut w.app, email).await;
        let reply = w.app.get(&page).await;
        assert_eq!(reply.status, 200, "{email} after release");
        assert!(reply.body.contains("a shared view of good teaching"));
        for hidden in [
            "SELF-REVIEW",
            "EVIDENCE",
            "ENQUIRY",
            "Data shared for the review",
        ] {
            assert!(!reply.body.contains(hidden), "{email} reads {hidden}");
        }
    }
    for email in [TEACHER, EITHIN_HEAD] {
        as_(&mut w.app, email).await;
        assert_eq!(w.app.get(&page).await.status, 404, "{email} after release");
    }

    // The workshop and follow-up; a follow-up becomes a plan action under a priority.
    as_(&mut w.app, HEAD).await;
    advance(&mut w, id).await;
    let reply = w
        .app
        .post(
            &format!("{page}/workshop"),
            &[("workshop_on", "2026-12-01"), ("notes", "WORKSHOP notes")],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let reply = w
        .app
        .post(
            &format!("{page}/follow-up"),
            &[(
                "text",
                "Pair mathematics teachers with Bryn High's department",
            )],
        )
        .await;
    assert_eq!(reply.status, 303);
    let head = w.app.store.accounts().principal(PersonId(1)).await.unwrap();
    let year = 3;
    start_plan(&w.app.store, &head, SchoolId(AFON), year)
        .await
        .unwrap();
    let priority = add_priority(
        &w.app.store,
        &head,
        SchoolId(AFON),
        year,
        &NewPriority {
            title: "Mathematics progress".into(),
            rationale: "Value added well below".into(),
            dimensions: vec!["teaching_and_curriculum".into()],
            over_limit_reason: None,
            evidence: None,
        },
        Default::default(),
    )
    .await
    .unwrap();
    let follow_up = w
        .app
        .store
        .reviews()
        .follow_ups(ReviewId(id))
        .await
        .unwrap()[0]
        .id;
    let fields = [
        ("follow_up", follow_up.0.to_string()),
        ("priority", priority.0.to_string()),
        ("ends_on", "2027-07-20".to_owned()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    // Not by a reviewer, not by the cluster lead.
    for email in [BRYN_HEAD, LEAD] {
        as_(&mut w.app, email).await;
        let reply = w.app.post(&format!("{page}/add-to-plan"), &fields).await;
        assert!(reply.status == 403 || reply.status == 404, "{email}");
    }
    as_(&mut w.app, HEAD).await;
    let reply = w.app.post(&format!("{page}/add-to-plan"), &fields).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let action = w
        .app
        .store
        .reviews()
        .follow_ups(ReviewId(id))
        .await
        .unwrap()[0]
        .plan_action;
    assert!(action.is_some());
    let plan = w.app.get("/schools/10/plan?year=3").await.body;
    assert!(plan.contains("Pair mathematics teachers"), "{plan}");
    // Twice is refused.
    let reply = w.app.post(&format!("{page}/add-to-plan"), &fields).await;
    assert_eq!(reply.status, 400);
    assert_eq!(stage(&w, id).await, "findings");
    for _ in 0..3 {
        advance(&mut w, id).await;
    }
    assert_eq!(stage(&w, id).await, "closed");

    // After closing: the reviewing head reads only what was released, as any cluster
    // head; the reviewing senior leader (not a head) nothing; neither writes.
    as_(&mut w.app, BRYN_HEAD).await;
    let reply = w.app.get(&page).await;
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains("a shared view of good teaching"));
    assert!(!reply.body.contains("EVIDENCE"));
    assert!(!reply.body.contains("Data shared for the review"));
    let reply = w
        .app
        .post(
            &format!("{page}/evidence"),
            &[("enquiry", &first), ("note", "Late note")],
        )
        .await;
    assert_eq!(reply.status, 403);
    as_(&mut w.app, CASTELL_SENIOR).await;
    assert_eq!(w.app.get(&page).await.status, 404);
    let enquiries = w.app.store.reviews().enquiries(ReviewId(id)).await.unwrap();
    assert_eq!(enquiries[0].evidence.len(), 1);

    // The reviewers' page counts the reviews taken part in.
    as_(&mut w.app, LEAD).await;
    let bryn = w.bryn_head.0.to_string();
    let reply = w
        .app
        .post(
            "/orgs/2/reviews/leaders",
            &[("person", &bryn), ("completed_on", "2026-09-10")],
        )
        .await;
    assert_eq!(reply.status, 303);
    let reply = w
        .app
        .post(
            "/orgs/2/reviews/leaders",
            &[("person", &bryn), ("completed_on", "2999-01-01")],
        )
        .await;
    assert_eq!(reply.status, 400);
    let leaders = w
        .app
        .store
        .reviews()
        .cluster_leaders(OrgId(2))
        .await
        .unwrap();
    let bethan = leaders.iter().find(|l| l.person == w.bryn_head).unwrap();
    assert_eq!(bethan.trained_on.as_deref(), Some("2026-09-10"));
    assert_eq!(bethan.reviews, 1);
    let body = w.app.get("/orgs/2/reviews/leaders").await.body;
    assert!(body.contains("Bethan Bryn") && body.contains("2026-09-10"));
}

#[tokio::test]
async fn the_review_pages_speak_welsh() {
    let mut w = world().await;
    let people = [w.bryn_head];
    let id = open(&mut w, &people).await;
    as_(&mut w.app, HEAD).await;
    w.app
        .post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    let body = w.app.get(&format!("/reviews/{id}")).await.body;
    assert!(body.contains("Adolygiad cymheiriaid o Afon High"), "{body}");
    assert!(body.contains("Hunanadolygiad"));
    let body = w.app.get("/orgs/2/reviews").await.body;
    assert!(body.contains("Adolygiadau cymheiriaid"));
    let body = w.app.get("/").await.body;
    assert!(
        body.contains("/orgs/2/reviews"),
        "the head's home links to the cluster's reviews"
    );
}
