//! Heads coaching heads and heads' learning communities, through HTTP: the cluster lead
//! sees Headway's pairing suggestion (labelled as its own judgement) and sets up a pair —
//! Castell's experienced head coaching Afon's head, whose school is well below; the two
//! heads set a goal and record sessions with notes and outcomes; the lead sees only that
//! the pair exists and how many sessions it held. Two heads start a learning community,
//! meet and write their inquiry; the lead reads its question and findings only. And the
//! attackers, on every route: another head of the cluster, the lead of another cluster, a
//! governor and a teacher of the coachee's school, a teacher and a governor of the
//! coach's — each told "not found" (or refused), and each refusal writes nothing.
//!
//! The world is the many-schools test's (`system.rs`): the Valley cluster (org 2) with
//! Afon High (10, value added well below), Bryn High (11, band 3), Castell High (12, band
//! 4, above) and Dôl Fach (13); the Hill cluster (org 3) with Eithin High (14). Every head
//! started in September 2019.

use crate::helpers::TestApp;
use headway_domain::ids::{OrgId, PersonId};
use headway_domain::roles::Role;
use headway_store::heads::{CommunityId, PairId};

const LEAD: &str = "lead@valley.test";
const HILL_LEAD: &str = "lead@hill.test";
const AFON_HEAD: &str = "head@afon.test";
/// The system world names its people by their email.
const AFON_NAME: &str = AFON_HEAD;
const AFON_TEACHER: &str = "teacher@afon.test";
const AFON_GOVERNOR: &str = "governor@afon.test";
const BRYN_HEAD: &str = "head@bryn.test";
const CASTELL_HEAD: &str = "head@castell.test";
const CASTELL_TEACHER: &str = "teacher@castell.test";
const CASTELL_GOVERNOR: &str = "governor@castell.test";
const EITHIN_HEAD: &str = "head@eithin.test";

const NOTE: &str = "We talked through the staffing gap in mathematics";
const OUTCOME: &str = "Meet the head of mathematics every week";
const GOAL: &str = "Lead a calm, consistent start to every lesson";

struct World {
    app: TestApp,
    afon_head: PersonId,
    bryn_head: PersonId,
    castell_head: PersonId,
}

async fn world() -> World {
    let app = crate::system::spawn().await;
    // The system world's head of Afon (person 1).
    let afon_head = PersonId(1);
    let bryn_head = app
        .add_account(BRYN_HEAD, "Bethan Bryn", Role::Head, OrgId(11))
        .await;
    let castell_head = app
        .add_account(CASTELL_HEAD, "Cai Castell", Role::Head, OrgId(12))
        .await;
    app.add_account(CASTELL_TEACHER, "Ceri Castell", Role::Teacher, OrgId(12))
        .await;
    app.add_account(CASTELL_GOVERNOR, "Gwen Castell", Role::Governor, OrgId(12))
        .await;
    app.add_account(EITHIN_HEAD, "Elin Eithin", Role::Head, OrgId(14))
        .await;
    World {
        app,
        afon_head,
        bryn_head,
        castell_head,
    }
}

async fn as_(app: &mut TestApp, email: &str) {
    app.new_visitor();
    app.sign_in_as(email).await;
}

/// The lead sets up Castell's head coaching Afon's; the pair's id.
async fn pair(w: &mut World) -> i64 {
    as_(&mut w.app, LEAD).await;
    let coach = w.castell_head.0.to_string();
    let coachee = w.afon_head.0.to_string();
    let reply = w
        .app
        .post(
            "/orgs/2/heads/pairs",
            &[("coach", &coach), ("coachee", &coachee)],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply
        .location
        .unwrap()
        .trim_start_matches("/head-pairs/")
        .parse()
        .unwrap()
}

fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

#[tokio::test]
async fn the_lead_is_offered_headways_suggestion_labelled_as_its_own_judgement() {
    let mut w = world().await;
    as_(&mut w.app, LEAD).await;
    let page = w.app.get("/orgs/2/heads").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("Headway&#39;s own judgement")
            || page.body.contains("Headway's own judgement")
    );
    // Afon is well below; Castell, same phase and band, above, in post since 2019.
    let suggestion = page
        .body
        .split("class=\"card\"")
        .nth(1)
        .expect("a suggested pair");
    assert!(
        suggestion.contains(AFON_NAME) && suggestion.contains("Cai Castell"),
        "{suggestion}"
    );
    assert!(suggestion.contains("significantly below"), "{suggestion}");
    assert!(suggestion.contains("same phase and free-school-meals band"));
    // Once they are a pair, neither is suggested again.
    pair(&mut w).await;
    let page = w.app.get("/orgs/2/heads").await.body;
    assert!(page.contains("No pairs to suggest"), "{page}");
    // In Welsh, the rule is labelled as Headway's own too.
    w.app
        .post("/language", &[("lang", "cy"), ("next", "/orgs/2/heads")])
        .await;
    let welsh = w.app.get("/orgs/2/heads").await.body;
    assert!(welsh.contains("Barn Headway ei hun"), "{welsh}");
    assert!(welsh.contains("Penaethiaid yn hyfforddi penaethiaid"));
}

#[tokio::test]
async fn a_pairs_notes_are_its_two_heads_and_the_lead_sees_only_that_it_exists() {
    let mut w = world().await;
    let id = pair(&mut w).await;
    let path = format!("/head-pairs/{id}");

    as_(&mut w.app, AFON_HEAD).await;
    let reply = w
        .app
        .post(&format!("{path}/goals"), &[("goal", GOAL)])
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let reply = w
        .app
        .post(
            &format!("{path}/sessions"),
            &[
                ("held_on", &today()),
                ("notes", NOTE),
                ("outcomes", OUTCOME),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    // A session in the future, or with no notes, is refused.
    let reply = w
        .app
        .post(
            &format!("{path}/sessions"),
            &[("held_on", "2999-01-01"), ("notes", "later")],
        )
        .await;
    assert_eq!(reply.status, 400);
    let reply = w
        .app
        .post(&format!("{path}/sessions"), &[("held_on", &today())])
        .await;
    assert_eq!(reply.status, 400);
    // The coachee has no 360 report: no focus to bring.
    let page = w.app.get(&path).await.body;
    assert!(page.contains(NOTE) && page.contains(OUTCOME) && page.contains(GOAL));
    assert!(page.contains("You have no 360 report with focus suggestions yet"));
    let reply = w
        .app
        .post(&format!("{path}/focus"), &[("focus", "teacher_learning")])
        .await;
    assert_eq!(reply.status, 400, "a focus not in one's own report");

    as_(&mut w.app, CASTELL_HEAD).await;
    let page = w.app.get(&path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(NOTE) && page.body.contains(GOAL));
    assert!(
        page.body.contains(&format!("Agreed last time: {OUTCOME}")),
        "the outcomes are reviewed at the next session"
    );
    assert!(
        !page.body.contains("Bring a focus from your own 360"),
        "only the coachee brings a focus"
    );
    let reply = w
        .app
        .post(
            &format!("{path}/sessions"),
            &[
                ("held_on", &today()),
                ("notes", "Second conversation"),
                ("last_reviewed", "Two meetings held"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let reply = w
        .app
        .post(&format!("{path}/focus"), &[("focus", "teacher_learning")])
        .await;
    assert_eq!(reply.status, 400, "the coach brings no focus");

    // The lead: that it exists, who is in it, two sessions — never a goal, note or outcome.
    as_(&mut w.app, LEAD).await;
    for page in [&path, "/orgs/2/heads"] {
        let body = w.app.get(page).await.body;
        assert!(body.contains("2 sessions"), "{page}: {body}");
        assert!(body.contains(AFON_NAME) && body.contains("Cai Castell"));
        for secret in [
            NOTE,
            OUTCOME,
            GOAL,
            "Second conversation",
            "Two meetings held",
        ] {
            assert!(
                !body.contains(secret),
                "the lead reads '{secret}' on {page}"
            );
        }
    }
    for (route, fields) in [
        ("goals", vec![("goal", "x")]),
        ("sessions", vec![("held_on", "2026-01-01"), ("notes", "x")]),
    ] {
        let reply = w.app.post(&format!("{path}/{route}"), &fields).await;
        assert_eq!(reply.status, 403, "the lead writes in the pair: {route}");
    }

    // Everyone else: not found, on every route; and nothing written.
    for email in [
        BRYN_HEAD,
        HILL_LEAD,
        AFON_GOVERNOR,
        AFON_TEACHER,
        CASTELL_TEACHER,
        CASTELL_GOVERNOR,
        EITHIN_HEAD,
    ] {
        as_(&mut w.app, email).await;
        let reply = w.app.get(&path).await;
        assert_eq!(reply.status, 404, "{email} reads the pair");
        assert!(!reply.body.contains(NOTE) && !reply.body.contains(AFON_NAME));
        for (route, fields) in [
            ("goals", vec![("goal", "x")]),
            ("sessions", vec![("held_on", "2026-01-01"), ("notes", "x")]),
            ("focus", vec![("focus", "teacher_learning")]),
            ("end", vec![]),
        ] {
            let reply = w.app.post(&format!("{path}/{route}"), &fields).await;
            assert_eq!(reply.status, 404, "{email} POST {route}");
        }
        let list = w.app.get("/orgs/2/heads").await;
        assert!(!list.body.contains(NOTE), "{email} reads the pair's notes");
        assert!(
            !list.body.contains(&format!("/head-pairs/{id}")),
            "{email} is linked to the pair"
        );
    }
    let pair = w.app.store.heads().pair(PairId(id)).await.unwrap().unwrap();
    assert_eq!(pair.sessions, 2, "no attacker wrote a session");
    assert!(pair.ended_on.is_none(), "no attacker ended the pair");
    assert_eq!(
        w.app.store.heads().goals(PairId(id)).await.unwrap().len(),
        1
    );

    // The lead ends it; the heads then write no more.
    as_(&mut w.app, LEAD).await;
    assert_eq!(w.app.post(&format!("{path}/end"), &[]).await.status, 303);
    as_(&mut w.app, AFON_HEAD).await;
    let reply = w
        .app
        .post(&format!("{path}/goals"), &[("goal", "one more")])
        .await;
    assert_eq!(reply.status, 400);
}

#[tokio::test]
async fn only_the_lead_sets_pairs_up_and_only_from_the_clusters_heads() {
    let mut w = world().await;
    let afon = w.afon_head.0.to_string();
    let bryn = w.bryn_head.0.to_string();
    for email in [AFON_HEAD, BRYN_HEAD, AFON_GOVERNOR, AFON_TEACHER, HILL_LEAD] {
        as_(&mut w.app, email).await;
        let reply = w
            .app
            .post(
                "/orgs/2/heads/pairs",
                &[("coach", &bryn), ("coachee", &afon)],
            )
            .await;
        assert_eq!(reply.status, 403, "{email} sets up a pair");
    }
    as_(&mut w.app, LEAD).await;
    // A head with themself, and a head with a teacher (person 4).
    for (coach, coachee) in [(&afon, &afon), (&bryn, &"4".to_owned())] {
        let reply = w
            .app
            .post(
                "/orgs/2/heads/pairs",
                &[("coach", coach), ("coachee", coachee)],
            )
            .await;
        assert_eq!(reply.status, 400, "{coach} with {coachee}");
    }
    assert!(
        w.app
            .store
            .heads()
            .pairs(OrgId(2))
            .await
            .unwrap()
            .is_empty()
    );
    // Who reaches the cluster's page at all.
    for (email, status) in [
        (LEAD, 200),
        (AFON_HEAD, 200),
        (BRYN_HEAD, 200),
        (HILL_LEAD, 403),
        (EITHIN_HEAD, 403),
        (AFON_GOVERNOR, 403),
        (AFON_TEACHER, 403),
    ] {
        as_(&mut w.app, email).await;
        assert_eq!(
            w.app.get("/orgs/2/heads").await.status,
            status,
            "{email} /orgs/2/heads"
        );
    }
    as_(&mut w.app, AFON_HEAD).await;
    let home = w.app.get("/").await.body;
    assert!(
        home.contains("href=\"/orgs/2/heads\""),
        "a head's home links to it"
    );
}

#[tokio::test]
async fn a_communitys_meetings_are_its_members_and_the_lead_reads_its_question_and_findings() {
    let mut w = world().await;
    let afon = w.afon_head.0.to_string();
    as_(&mut w.app, BRYN_HEAD).await;
    let reply = w
        .app
        .post(
            "/orgs/2/heads/communities",
            &[
                ("name", "Attendance after the pandemic"),
                ("question", "What brings persistently absent pupils back?"),
                ("member", &afon),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let path = reply.location.unwrap();
    let id: i64 = path
        .trim_start_matches("/heads-communities/")
        .parse()
        .unwrap();
    let reply = w
        .app
        .post(
            &format!("{path}/meetings"),
            &[
                ("held_on", &today()),
                ("notes", "We shared our first-day calls"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    as_(&mut w.app, AFON_HEAD).await;
    let reply = w
        .app
        .post(
            &format!("{path}/inquiry"),
            &[
                ("question", "What brings persistently absent pupils back?"),
                ("tried", "A phone call home on the first morning"),
                (
                    "findings",
                    "Calls on the first morning brought most back within a week",
                ),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let page = w.app.get(&path).await.body;
    assert!(page.contains("We shared our first-day calls"));

    as_(&mut w.app, LEAD).await;
    for page in [path.as_str(), "/orgs/2/heads"] {
        let body = w.app.get(page).await.body;
        assert!(
            body.contains("What brings persistently absent pupils back?"),
            "{page}"
        );
        assert!(body.contains("brought most back within a week"), "{page}");
        assert!(!body.contains("We shared our first-day calls"), "{page}");
        assert!(!body.contains("A phone call home"), "{page}");
    }
    let reply = w
        .app
        .post(
            &format!("{path}/meetings"),
            &[("held_on", &today()), ("notes", "x")],
        )
        .await;
    assert_eq!(reply.status, 403, "the lead writes in the community");

    for email in [
        CASTELL_HEAD,
        HILL_LEAD,
        AFON_GOVERNOR,
        AFON_TEACHER,
        EITHIN_HEAD,
    ] {
        as_(&mut w.app, email).await;
        let reply = w.app.get(&path).await;
        assert_eq!(reply.status, 404, "{email} reads the community");
        for (route, fields) in [
            ("meetings", vec![("held_on", "2026-01-01"), ("notes", "x")]),
            ("inquiry", vec![("question", "x"), ("findings", "x")]),
        ] {
            let reply = w.app.post(&format!("{path}/{route}"), &fields).await;
            assert_eq!(reply.status, 404, "{email} POST {route}");
        }
        let list = w.app.get("/orgs/2/heads").await.body;
        assert!(
            !list.contains("absent pupils"),
            "{email} sees the community listed"
        );
    }
    let store = &w.app.store;
    assert_eq!(
        store.heads().meetings(CommunityId(id)).await.unwrap().len(),
        1
    );
    let community = store
        .heads()
        .community(CommunityId(id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        community.question,
        "What brings persistently absent pupils back?"
    );
    // A community of one, or with someone who is not a head of the cluster, is refused.
    as_(&mut w.app, BRYN_HEAD).await;
    let castell = w.castell_head.0.to_string();
    for members in [vec![], vec![("member", "4")]] {
        let mut fields = vec![("name", "Alone"), ("question", "Why?")];
        fields.extend(members);
        let reply = w.app.post("/orgs/2/heads/communities", &fields).await;
        assert_eq!(reply.status, 400);
    }
    let reply = w
        .app
        .post(
            "/orgs/2/heads/communities",
            &[("name", "Two"), ("question", "Why?"), ("member", &castell)],
        )
        .await;
    assert_eq!(reply.status, 303);
}
