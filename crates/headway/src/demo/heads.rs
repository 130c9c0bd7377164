//! The demo's heads coaching heads and heads' learning community (issue 18, items 3 and 7),
//! in the demo cluster: the cluster lead paired the demo head of Cwmderwen High School —
//! two years in post, her school's value added below — with the longest-serving head of a
//! school of the same phase; they have met three times since, with notes and outcomes, and
//! she brought a goal from her own 360's focus suggestions. Three heads of the cluster
//! (the demo head among them) meet as a learning community on persistent absence: two
//! meetings and a shared inquiry with findings. Every step goes through `app::heads`, as a
//! person's would, so each is checked and audited; steps dated in the past are taken with
//! the store's clock set back to that day.

use anyhow::Context;
use headway_app::heads::{self as use_case, SessionForm};
use headway_app::progress::reference::References;
use headway_app::progress::{ProgressReports, ReportCache};
use headway_domain::clock::FixedClock;
use headway_domain::ids::{OrgId, PersonId};
use headway_domain::school::FsmBandCuts;
use headway_store::Store;
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

/// Seeds the pair and the community; does nothing if the demo people are not in the world.
/// Call it after the demo 360 is seeded (the coachee's goal comes from its report).
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
    let Some(own) = world
        .roles
        .iter()
        .find(|r| r.person_id == head && r.role == "head")
        .and_then(|r| world.schools.iter().find(|s| s.id == r.org_id))
    else {
        return Ok(());
    };
    // The other heads of the cluster's schools, longest in post first.
    let mut others: Vec<(i64, &headway_store::seed::SchoolRow)> = world
        .orgs
        .iter()
        .filter(|o| o.parent_id == Some(cluster) && o.kind == "school" && o.id != own.id)
        .filter_map(|o| {
            let school = world.schools.iter().find(|s| s.id == o.id)?;
            let head = world
                .roles
                .iter()
                .find(|r| r.org_id == o.id && r.role == "head")?;
            Some((head.person_id, school))
        })
        .collect();
    others.sort_by_key(|(p, s)| (s.head_started_on, *p));
    let Some(coach) = others
        .iter()
        .find(|(_, s)| s.phase == own.phase)
        .map(|(p, _)| *p)
    else {
        return Ok(());
    };
    let members: Vec<i64> = others
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| *p != coach)
        .take(2)
        .collect();

    let now = store.now();
    let today = time::OffsetDateTime::from_unix_timestamp(now)?.date();
    let day = |n: i64| (today - Duration::days(n)).to_string();
    // The store as it was `n` days ago, for the steps dated then.
    let back = |n: i64| store.clone().with_clock(FixedClock::at(now - n * 86_400));
    let accounts = store.accounts();
    let lead = accounts.principal(PersonId(lead)).await?;
    let head = accounts.principal(PersonId(head)).await?;
    let coach = accounts.principal(PersonId(coach)).await?;

    // The pair, set up by the lead ten weeks ago.
    let pair = use_case::start_pair(&back(70), &lead, OrgId(cluster), coach.person, head.person)
        .await
        .context("pairing the demo heads")?;
    use_case::add_goal(
        &back(70),
        &coach,
        pair,
        "Build a senior team that shares the work of improving mathematics, so it does not rest on the head alone.",
    )
    .await?;
    // Her goal from her own 360: its first focus suggestion.
    let (references, reports) = (References::default(), ReportCache::default());
    let progress = ProgressReports::new(store, &references, &reports);
    let view = use_case::pair_page(store, &progress, &head, pair, FsmBandCuts::default()).await?;
    if let Some(focus) = view.own_focus.first() {
        use_case::bring_focus(
            &back(42),
            &progress,
            &head,
            pair,
            focus.dimension.as_str(),
            FsmBandCuts::default(),
        )
        .await
        .context("bringing the demo head's 360 focus to her coach")?;
    }
    let sessions = [
        (
            63,
            &head,
            "We walked through Cwmderwen's figures together: progress below where we want it, widest in mathematics, with a new head of department and a lot of supply cover. We agreed to start with what the head can change this half-term rather than the whole picture.",
            "Meet the head of mathematics weekly; list every class taught by supply staff and who inducts them.",
            "",
        ),
        (
            35,
            &coach,
            "The weekly meetings have started. We talked about how to bring the 360's suggestion on teacher learning into the department's meetings without it becoming another check on staff.",
            "Join one mathematics department meeting as a participant, not to observe; ask the department what help they want from the senior team.",
            "Weekly meetings held four weeks running; the supply list exists but induction is patchy.",
        ),
        (
            9,
            &head,
            "The department asked for time to plan lessons together. We talked about what to stop so that time exists, and how the peer review's follow-up fits the same work.",
            "Protect one hour a fortnight for mathematics planning from January; tell the governors why.",
            "Joined the department meeting; staff were candid about what gets in the way.",
        ),
    ];
    for (ago, writer, notes, outcomes, reviewed) in sessions {
        use_case::add_session(
            &back(ago),
            writer,
            pair,
            &SessionForm {
                held_on: day(ago),
                notes: notes.to_owned(),
                outcomes: outcomes.to_owned(),
                last_reviewed: reviewed.to_owned(),
            },
        )
        .await
        .context("recording a demo coaching session")?;
    }

    // The heads' learning community, started by the demo head eight weeks ago.
    if members.len() < 2 {
        return Ok(());
    }
    let member_ids: Vec<PersonId> = members.iter().map(|p| PersonId(*p)).collect();
    let community = use_case::start_community(
        &back(56),
        &head,
        OrgId(cluster),
        "Persistent absence after the pandemic",
        "What brings pupils who are persistently absent back into school, and keeps them there?",
        &member_ids,
    )
    .await
    .context("starting the demo heads' community")?;
    let second = accounts.principal(member_ids[0]).await?;
    for (ago, writer, notes) in [
        (
            49,
            &head,
            "Each of us brought our persistent-absence list by year group. Year 9 is the peak at all three schools. We agreed to try one thing each and bring what happened.",
        ),
        (
            14,
            &second,
            "Reports back: first-morning phone calls (Cwmderwen), a named adult for each pupil (second school), a Year 9 breakfast club (third). The calls and the named adult brought pupils back sooner; the breakfast club was used by pupils already attending.",
        ),
    ] {
        use_case::add_meeting(&back(ago), writer, community, &day(ago), notes)
            .await
            .context("recording a demo community meeting")?;
    }
    use_case::write_inquiry(
        &back(14),
        &second,
        community,
        "What brings pupils who are persistently absent back into school, and keeps them there?",
        "First-morning phone calls home; a named adult who checks in with each pupil each week; a Year 9 breakfast club.",
        "Contact on the first morning and a named adult brought pupils back sooner than the breakfast club, which reached pupils who already came. Three schools over six weeks: a lead to follow, not proof.",
    )
    .await?;
    Ok(())
}
