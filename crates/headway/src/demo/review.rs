//! The demo's peer review (issue 18, item 7): a cycle in progress in the cluster. Cwmderwen
//! High School has been reviewed by the heads of two other cluster schools — its self-review
//! beside its own figures, the figures it shared, Headway's suggested lines of enquiry taken
//! up, evidence, findings released to the cluster, the improvement workshop, and follow-up
//! actions, one added to Cwmderwen's plan. A second review, of another school by two other
//! heads, is at its visit and unreleased: the demo head (not on its team) cannot read it.
//! Reviewers' training is recorded. Every step goes through `app::review`, as a person's
//! would, so each is checked and audited.

use anyhow::Context;
use headway_app::progress::SchoolOverviews;
use headway_app::progress::reference::References;
use headway_app::review as use_case;
use headway_domain::access::Principal;
use headway_domain::anonymity::Threshold;
use headway_domain::attendance::PersistentAbsence;
use headway_domain::clock::FixedClock;
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::review::{FigureKind, Stage, suggest_enquiries};
use headway_store::Store;
use headway_store::review::{FindingKind, ReviewId};
use headway_store::seed::World;
use time::Duration;

const HEAD_EMAIL: &str = super::diagnostic::HEAD_EMAIL;
const CLUSTER_LEAD_EMAIL: &str = "cluster.lead@demo.headway.school";

fn person(world: &World, email: &str) -> Option<i64> {
    world
        .people
        .iter()
        .find(|p| p.email.as_deref() == Some(email))
        .map(|p| p.id)
}

/// Moves a review on until it reaches `to`.
async fn advance_to(store: &Store, who: &Principal, id: ReviewId, to: Stage) -> anyhow::Result<()> {
    loop {
        let stage = store
            .reviews()
            .get(id)
            .await?
            .context("the demo review exists")?
            .stage;
        if stage >= to {
            return Ok(());
        }
        use_case::advance(store, who, id, stage).await?;
    }
}

/// Seeds the peer reviews; does nothing if the demo people are not in the world. Call it
/// after the reference expectations are fitted and the plan is seeded.
pub async fn seed(store: &Store, world: &World) -> anyhow::Result<()> {
    let (Some(head), Some(lead)) = (person(world, HEAD_EMAIL), person(world, CLUSTER_LEAD_EMAIL))
    else {
        return Ok(());
    };
    let Some(cluster) = world
        .roles
        .iter()
        .find(|r| r.person_id == lead && r.role == "cluster_lead")
        .map(|r| r.org_id)
    else {
        return Ok(());
    };
    let Some(cwmderwen) = world
        .roles
        .iter()
        .find(|r| r.person_id == head && r.role == "head")
        .map(|r| r.org_id)
    else {
        return Ok(());
    };
    let mut schools: Vec<i64> = world
        .orgs
        .iter()
        .filter(|o| o.parent_id == Some(cluster) && o.kind == "school")
        .map(|o| o.id)
        .collect();
    schools.sort_unstable();
    schools.retain(|s| *s != cwmderwen);
    let head_of = |school: i64| {
        world
            .roles
            .iter()
            .find(|r| r.org_id == school && r.role == "head")
            .map(|r| PersonId(r.person_id))
    };
    let others: Vec<(i64, PersonId)> = schools
        .iter()
        .filter_map(|s| Some((*s, head_of(*s)?)))
        .collect();
    if others.len() < 5 {
        return Ok(());
    }
    let accounts = store.accounts();
    let principal = |id: PersonId| accounts.principal(id);
    let lead = principal(PersonId(lead)).await?;
    let head = principal(PersonId(head)).await?;
    let today = time::OffsetDateTime::from_unix_timestamp(store.now())?.date();
    let days_ago = |n: i64| (today - Duration::days(n)).to_string();
    // The store as it was `n` days ago, for the steps taken then: the cycle opens and the
    // school shares its figures before the team visits.
    let now = store.now();
    let back = |n: i64| store.clone().with_clock(FixedClock::at(now - n * 86_400));

    let references = References::default();
    let cache = Default::default();
    let overviews = SchoolOverviews::new(
        store,
        &references,
        &cache,
        (
            PersistentAbsence::DEFAULT,
            Threshold::at_least(
                headway_stats::value_added::simple::MeasureSettings::default()
                    .suppression_threshold,
            ),
        ),
    );

    // The reviewers' training, recorded by the cluster lead.
    for (k, (_, reviewer)) in others.iter().enumerate().take(4) {
        use_case::record_training(
            store,
            &lead,
            OrgId(cluster),
            *reviewer,
            &days_ago(120 + 7 * k as i64),
        )
        .await?;
    }

    let cycle =
        use_case::open_cycle(&back(70), &lead, OrgId(cluster), "Peer review 2026–27").await?;

    // Cwmderwen, reviewed by the heads of two other schools: findings released.
    let team = [others[0].1, others[1].1];
    let id = use_case::open_review(&back(70), &lead, cycle, SchoolId(cwmderwen), &team).await?;
    use_case::write_self_review(
        store,
        &head,
        id,
        "Our headline progress is below where we want it, and mathematics is where the gap is widest: the head of mathematics is new to the school and the department has relied on supply cover. Attendance has recovered since last year. Our plan's first priority is mathematics teaching at key stage 4; we would value the team's view of how consistently lessons follow the department's agreed approach, and of how disadvantaged pupils are supported in mathematics.",
    )
    .await?;
    let available = use_case::shareable_now(store, overviews, &head, SchoolId(cwmderwen)).await?;
    let chosen: Vec<FigureKind> = available
        .iter()
        .map(|f| f.kind)
        .filter(|k| *k != FigureKind::Attendance)
        .collect();
    if !chosen.is_empty() {
        use_case::share(&back(54), overviews, &head, id, &chosen).await?;
    }
    advance_to(store, &head, id, Stage::Visit).await?;
    let reviewer = principal(team[0]).await?;
    use_case::set_visit(store, &reviewer, id, &days_ago(40)).await?;
    let shared = store.reviews().shared_figures(id).await?;
    let suggested = suggest_enquiries(&shared);
    let mut lines = Vec::new();
    for (suggestion, _) in &suggested {
        let text = match suggestion {
            headway_domain::review::Suggestion::ValueAddedBelow => {
                "Where is progress weakest — which subjects and which year groups — and what do pupils there say about their lessons?"
            }
            headway_domain::review::Suggestion::GapAgainstDisadvantaged
            | headway_domain::review::Suggestion::GapWidening => {
                "How are disadvantaged pupils supported in mathematics lessons, and is it the same in every class?"
            }
            _ => "What explains this figure, and what does the school already know about it?",
        };
        lines.push(use_case::add_enquiry(store, &reviewer, id, text, Some(*suggestion)).await?);
    }
    lines.push(
        use_case::add_enquiry(
            store,
            &reviewer,
            id,
            "How does the mathematics department agree and check its approach to lessons?",
            None,
        )
        .await?,
    );
    let second = principal(team[1]).await?;
    let notes = [
        "Learning walk of six mathematics lessons: clear starts in four, pupils in two waited for work while the teacher took the register.",
        "Conversation with eight Year 10 pupils: they value the revision booklets; three said homework is rarely marked.",
        "The department's scheme of work is agreed, but supply teachers had not seen it.",
    ];
    for (k, line) in lines.iter().enumerate() {
        let writer = if k % 2 == 0 { &reviewer } else { &second };
        use_case::add_evidence(store, writer, id, *line, notes[k % notes.len()]).await?;
    }
    advance_to(store, &reviewer, id, Stage::Findings).await?;
    for (kind, text) in [
        (
            FindingKind::Strength,
            "Staff share a clear view of what a good lesson looks like, and pupils describe lessons in English and science as calm and purposeful.",
        ),
        (
            FindingKind::Strength,
            "Attendance has recovered, and the school knows which families it still needs to reach.",
        ),
        (
            FindingKind::Explore,
            "How the agreed approach to mathematics lessons reaches every class, including those taught by supply staff.",
        ),
        (
            FindingKind::Explore,
            "How feedback on homework in mathematics is given and used by disadvantaged pupils.",
        ),
    ] {
        use_case::add_finding(store, &reviewer, id, kind, text).await?;
    }
    use_case::release(store, &head, id).await?;
    advance_to(store, &head, id, Stage::Workshop).await?;
    use_case::set_workshop(
        store,
        &head,
        id,
        &days_ago(10),
        "The mathematics department and the two reviewing heads worked through the areas to explore; the head of mathematics of one reviewing school offered to share their induction pack for supply staff.",
    )
    .await?;
    advance_to(store, &head, id, Stage::FollowUp).await?;
    let mut follow_ups = Vec::new();
    for text in [
        "Induct every supply teacher of mathematics into the department's agreed lesson approach in their first week.",
        "Agree one homework feedback routine across mathematics and check it with pupils each half-term.",
    ] {
        follow_ups.push(use_case::add_follow_up(store, &head, id, text).await?);
    }
    if let Some((priority, _)) =
        headway_app::observation::plan_priorities(store, SchoolId(cwmderwen))
            .await
            .ok()
            .and_then(|p| p.into_iter().next())
        && let Some(first) = follow_ups.first()
    {
        let ends = (today + Duration::days(120)).to_string();
        use_case::add_to_plan(store, &head, id, *first, priority, &ends)
            .await
            .context("adding the demo follow-up to Cwmderwen's plan")?;
    }

    // A second review in progress, unreleased: another school, two other heads.
    let (reviewed, reviewed_head) = others[2];
    let team = [others[3].1, others[4].1];
    let second_id =
        use_case::open_review(&back(14), &lead, cycle, SchoolId(reviewed), &team).await?;
    let their_head = principal(reviewed_head).await?;
    use_case::write_self_review(
        store,
        &their_head,
        second_id,
        "We are proud of progress in English; science results have dipped and we want the team's view on why.",
    )
    .await?;
    let available =
        use_case::shareable_now(store, overviews, &their_head, SchoolId(reviewed)).await?;
    let chosen: Vec<FigureKind> = available.iter().map(|f| f.kind).collect();
    if !chosen.is_empty() {
        use_case::share(&back(7), overviews, &their_head, second_id, &chosen).await?;
    }
    advance_to(store, &their_head, second_id, Stage::Visit).await?;
    let visitor = principal(team[0]).await?;
    use_case::set_visit(store, &visitor, second_id, &today.to_string()).await?;
    use_case::add_enquiry(
        store,
        &visitor,
        second_id,
        "What changed in science teaching between the last two years?",
        None,
    )
    .await?;
    Ok(())
}
