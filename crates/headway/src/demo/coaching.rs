//! The demo's coaching cycles at Cwmderwen High School, over the autumn term (or as much
//! of it as has passed): Anwen Price (the demo teacher) coached by the senior leader on
//! the plan's mathematics priority (checking learning in her lessons), with the developmental observation she shared with him brought into
//! the cycle, three action steps one after another and reflections and notes between them,
//! still open; and the head of mathematics coached by the head on a practice of the
//! leadership 360 (stimulating staff's professional growth), closed with an evaluation.
//! Every cycle goes through `app::coaching`, as a person's would, so each is checked and
//! audited.

use anyhow::Context;
use headway_app::coaching::{self as use_case, CloseForm, EntryForm, OpenForm};
use headway_domain::coaching::cycle::EntryKind;
use headway_domain::coaching::{GoalKind, Part};
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::observation::Kind;
use headway_store::Store;
use headway_store::observation::Relation;
use headway_store::seed::World;
use time::Duration;

const HEAD_EMAIL: &str = super::diagnostic::HEAD_EMAIL;
const TEACHER_EMAIL: &str = "teacher@demo.headway.school";
const HEAD_OF_MATHEMATICS_EMAIL: &str = "head.of.maths@demo.headway.school";
const SENIOR_LEADER_EMAIL: &str = "senior.leader@demo.headway.school";

fn person(world: &World, email: &str) -> Option<i64> {
    world
        .people
        .iter()
        .find(|p| p.email.as_deref() == Some(email))
        .map(|p| p.id)
}

/// Seeds the cycles; does nothing if the demo people are not in the world.
pub async fn seed(store: &Store, world: &World) -> anyhow::Result<()> {
    let (Some(head), Some(teacher), Some(maths_lead), Some(senior)) = (
        person(world, HEAD_EMAIL),
        person(world, TEACHER_EMAIL),
        person(world, HEAD_OF_MATHEMATICS_EMAIL),
        person(world, SENIOR_LEADER_EMAIL),
    ) else {
        return Ok(());
    };
    let Some(school) = world
        .roles
        .iter()
        .find(|r| r.person_id == head && r.role == "head")
        .map(|r| r.org_id)
    else {
        return Ok(());
    };
    let Some(year) = world.years.iter().max_by_key(|y| y.starts_on) else {
        return Ok(());
    };
    let school = SchoolId(school);
    // The story's days run from 0 to 100 over the autumn term (about fifteen weeks),
    // fitted into the part of it already past, so nothing is dated after today.
    let today = time::OffsetDateTime::from_unix_timestamp(store.now())
        .map(|t| t.date())
        .unwrap_or(year.ends_on);
    let term = (today.min(year.ends_on) - year.starts_on)
        .whole_days()
        .clamp(20, 105);
    let on = |day: i64| (year.starts_on + Duration::days(day * term / 100)).to_string();
    // A step's revisit date: some weeks on, which may be after today.
    let weeks_after = |day: i64, weeks: i64| {
        (year.starts_on + Duration::days(day * term / 100 + 7 * weeks)).to_string()
    };
    let accounts = store.accounts();
    let principal = |id: i64| accounts.principal(PersonId(id));
    let write = |kind, day: i64, body: &str, revisit: Option<String>| EntryForm {
        kind,
        written_on: on(day),
        body: body.to_owned(),
        revisit_on: revisit,
    };

    // Anwen Price, coached by the senior leader on the plan's mathematics priority
    // (checking learning in her mathematics lessons): she opens it. Without a plan, the
    // goal is the framework's strand.
    let anwen = principal(teacher).await?;
    let coach = principal(senior).await?;
    let maths_priority = headway_app::observation::plan_priorities(store, school)
        .await?
        .into_iter()
        .find(|(_, title)| title.to_lowercase().contains("math"))
        .map(|(id, _)| id);
    let (goal, key) = match maths_priority {
        Some(id) => (GoalKind::Priority, id.0.to_string()),
        None => (GoalKind::Strand, "checking_learning".to_owned()),
    };
    let cycle = use_case::open(
        store,
        &anwen,
        school,
        &OpenForm {
            part: Part::Coachee,
            colleague: PersonId(senior),
            goal,
            key,
            opened_on: on(6),
        },
    )
    .await
    .context("opening the demo teacher's coaching cycle")?;
    let entries = [
        (
            senior,
            write(
                EntryKind::Step,
                8,
                "Put a hinge question on mini whiteboards before each new example; if fewer than four in five are right, re-teach that step first.",
                Some(weeks_after(8, 3)),
            ),
        ),
        (
            teacher,
            write(
                EntryKind::Reflection,
                22,
                "The hinge question on equivalent fractions showed 17 of 28 right, so I re-taught with a fraction wall. It took eight minutes, longer than I planned.",
                None,
            ),
        ),
        (
            senior,
            write(
                EntryKind::Note,
                26,
                "We looked at the whiteboards together: most wrong answers were the same misconception (adding denominators), so one targeted re-teach would do.",
                None,
            ),
        ),
        (
            senior,
            write(
                EntryKind::Step,
                28,
                "Plan each hinge question with its likely wrong answers and a short re-teach for each, before the lesson rather than during it.",
                Some(weeks_after(28, 4)),
            ),
        ),
        (
            teacher,
            write(
                EntryKind::Reflection,
                50,
                "Planning the wrong answers in advance halved the re-teach time. The second check after re-teaching was 25 of 28.",
                None,
            ),
        ),
        (
            teacher,
            write(
                EntryKind::Step,
                58,
                "Pupils self-mark the hinge question and those who got it wrong join a five-minute group with me while the others start the task.",
                Some(weeks_after(58, 4)),
            ),
        ),
        (
            senior,
            write(
                EntryKind::Note,
                75,
                "Watched the self-marking routine: pupils were honest about wrong answers and the group was eight pupils, not the whole class.",
                None,
            ),
        ),
    ];
    for (author, entry) in entries {
        let who = if author == teacher { &anwen } else { &coach };
        use_case::write(store, who, cycle, &entry)
            .await
            .context("writing in the demo teacher's coaching cycle")?;
    }
    // The developmental observation she shared with him comes into the cycle.
    let shared = store
        .observations()
        .list(school, Relation::About(PersonId(teacher)))
        .await?
        .into_iter()
        .find(|o| {
            o.kind == Kind::Developmental && o.coach.as_ref().is_some_and(|(c, _)| c.0 == senior)
        });
    if let Some(observation) = shared {
        use_case::link(store, &anwen, cycle, observation.id)
            .await
            .context("bringing the shared observation into the cycle")?;
    }

    // The head of mathematics, coached by the head on a practice of the 360: the head
    // opens it, and they close it at the end of term with an evaluation.
    let head_principal = principal(head).await?;
    let lead = principal(maths_lead).await?;
    let cycle = use_case::open(
        store,
        &head_principal,
        school,
        &OpenForm {
            part: Part::Coach,
            colleague: PersonId(maths_lead),
            goal: GoalKind::Practice,
            key: "professional_growth".into(),
            opened_on: on(4),
        },
    )
    .await
    .context("opening the demo leader's coaching cycle")?;
    let entries = [
        (
            head,
            write(
                EntryKind::Step,
                5,
                "Join one mathematics lesson a fortnight as a learner, and talk with the teacher afterwards about one thing the pupils did.",
                Some(weeks_after(5, 4)),
            ),
        ),
        (
            maths_lead,
            write(
                EntryKind::Reflection,
                30,
                "Four visits so far. Colleagues asked what I thought more than I expected; the conversations were about pupils' answers rather than about me.",
                None,
            ),
        ),
        (
            maths_lead,
            write(
                EntryKind::Step,
                34,
                "Give the department's meeting time to one shared problem of practice (checking understanding of fractions), with each teacher bringing pupils' work.",
                Some(weeks_after(34, 6)),
            ),
        ),
        (
            head,
            write(
                EntryKind::Note,
                70,
                "Three meetings on pupils' work: every teacher brought some, and two have asked to observe each other.",
                None,
            ),
        ),
        (
            maths_lead,
            write(
                EntryKind::Reflection,
                85,
                "I led less and listened more. The department now decides its own next question.",
                None,
            ),
        ),
    ];
    for (author, entry) in entries {
        let who = if author == head {
            &head_principal
        } else {
            &lead
        };
        use_case::write(store, who, cycle, &entry)
            .await
            .context("writing in the demo leader's coaching cycle")?;
    }
    use_case::close(
        store,
        &head_principal,
        cycle,
        &CloseForm {
            closed_on: on(95),
            what_changed: "Department meetings are about pupils' work on one shared problem, and teachers have begun to observe each other.".into(),
            evidence: "Notes of three department meetings with pupils' work from every teacher; two peer observations arranged by the teachers themselves.".into(),
            next: "Carry the shared problem into a learning triad in the spring, with the department's interim results on fractions as its evidence.".into(),
        },
    )
    .await
    .context("closing the demo leader's coaching cycle")?;
    Ok(())
}
