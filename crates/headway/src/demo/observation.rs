//! The demo's observations at Cwmderwen High School, over the latest year: the head's and
//! the senior leader's learning walks across the school's classes (enough teachers in most
//! strands for the counts to show, one strand too thin to), and developmental, peer and
//! self-reflective records about the demo teacher, Anwen Price — one linked to the plan's
//! mathematics priority, one shared with the senior leader as her coach. Every record goes
//! through `app::observation`, as a person's would, so each is checked and audited.

use anyhow::Context;
use headway_app::observation::{self as use_case, ObservationForm};
use headway_domain::ids::{ClassId, PersonId, SchoolId};
use headway_domain::observation::Kind;
use headway_store::Store;
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

/// Seeds the observations; does nothing if the demo people are not in the world.
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
    // The story's days are of a 200-day year, fitted into the part of the year already
    // past, so no lesson is dated after today.
    let today = time::OffsetDateTime::from_unix_timestamp(store.now())
        .map(|t| t.date())
        .unwrap_or(year.ends_on);
    let past = (today.min(year.ends_on) - year.starts_on)
        .whole_days()
        .clamp(30, 300);
    let on = |days: i64| (year.starts_on + Duration::days(days * past / 200)).to_string();
    // An action step is revisited some weeks after its lesson.
    let weeks_after = |days: i64, weeks: i64| {
        (year.starts_on + Duration::days(days * past / 200 + 7 * weeks)).to_string()
    };
    // Each class of the school this year with its first teacher.
    let mut teaching: Vec<(i64, i64)> = world
        .classes
        .iter()
        .filter(|c| c.school_id == school && c.year_id == year.id)
        .filter_map(|c| {
            world
                .class_teachers
                .iter()
                .find(|(class, _)| *class == c.id)
                .map(|(_, t)| (c.id, *t))
        })
        .collect();
    teaching.sort_unstable();
    // One class per teacher: walks visit teachers, not timetables.
    let mut seen = std::collections::BTreeSet::new();
    teaching.retain(|(_, t)| seen.insert(*t));
    let school = SchoolId(school);
    let accounts = store.accounts();
    let principal = |id: i64| accounts.principal(PersonId(id));
    let form = |kind, days, (class, teacher): (i64, i64), strand: &str| ObservationForm {
        kind,
        observed_on: on(days),
        class: ClassId(class),
        teacher: PersonId(teacher),
        strand: strand.to_owned(),
        priority: None,
        evidence: String::new(),
        strengths: String::new(),
        action_step: None,
        revisit_on: None,
    };

    // Learning walks: three rounds in the autumn and spring, by the head and the senior
    // leader in turn. Every teacher is visited for checking learning and dialogue; clear
    // goals for most; an orderly classroom for only a few (too few for its count to show).
    let walks: [(&str, i64, usize, &str); 4] = [
        (
            "checking_learning",
            40,
            usize::MAX,
            "Mini whiteboards after each worked example; the teacher scanned the room and re-explained the step most had wrong.",
        ),
        (
            "dialogue",
            110,
            usize::MAX,
            "Pupils discussed in pairs before answering; answers were built on by other pupils.",
        ),
        (
            "clear_goals",
            150,
            9,
            "The learning question was on the board and pupils could say why it mattered.",
        ),
        (
            "orderly_supportive",
            180,
            3,
            "A calm start: the task was waiting and pupils began at once.",
        ),
    ];
    for (strand, day, how_many, evidence) in walks {
        for (i, &pair) in teaching.iter().take(how_many).enumerate() {
            let observer = if i % 2 == 0 { head } else { senior };
            if pair.1 == observer {
                continue;
            }
            let mut walk = form(Kind::LearningWalk, day + (i as i64 % 5), pair, strand);
            walk.evidence = evidence.to_owned();
            walk.strengths = "Pupils were working on the task set.".to_owned();
            use_case::record(store, &principal(observer).await?, school, &walk)
                .await
                .context("seeding a learning walk")?;
        }
    }

    // Anwen Price's own records.
    let Some(&anwen_class) = teaching.iter().find(|(_, t)| *t == teacher) else {
        return Ok(());
    };
    let maths_priority = use_case::plan_priorities(store, school)
        .await?
        .into_iter()
        .find(|(_, title)| title.to_lowercase().contains("math"))
        .map(|(id, _)| id);
    let mut developmental = form(Kind::Developmental, 60, anwen_class, "checking_learning");
    developmental.priority = maths_priority;
    developmental.evidence = "Starter of five retrieval questions on fractions; answers on mini whiteboards. Two thirds right on question 4; the class moved on to the new example.".into();
    developmental.strengths = "Clear worked examples, with the steps written out and named.".into();
    developmental.action_step = Some("When fewer than four in five answer a check correctly, re-teach that step before moving on.".into());
    developmental.revisit_on = Some(weeks_after(60, 4));
    let developmental =
        use_case::record(store, &principal(maths_lead).await?, school, &developmental)
            .await
            .context("seeding a developmental observation")?;
    use_case::share(
        store,
        &principal(teacher).await?,
        developmental,
        Some(PersonId(senior)),
    )
    .await
    .context("sharing the demo teacher's observation with her coach")?;

    let mut self_reflection = form(Kind::SelfReflection, 95, anwen_class, "checking_learning");
    self_reflection.evidence = "Tried the four-in-five rule with the hinge question on equivalent fractions: 19 of 27 right, so I re-taught with a fraction wall.".into();
    self_reflection.strengths =
        "The re-teach took six minutes and the second check was 25 of 27.".into();
    self_reflection.action_step =
        Some("Plan the hinge question and its re-teach before the lesson, not during it.".into());
    self_reflection.revisit_on = Some(weeks_after(95, 5));
    use_case::record(store, &principal(teacher).await?, school, &self_reflection)
        .await
        .context("seeding a self-reflection")?;

    if let Some(&colleague) = teaching
        .iter()
        .find(|(_, t)| *t != teacher && *t != head && *t != senior && *t != maths_lead)
    {
        // A colleague observes Anwen at her invitation, and she observes them.
        let mut peer = form(Kind::Peer, 125, anwen_class, "dialogue");
        peer.evidence = "Pupils explained their method to a partner before sharing; the teacher asked 'who did it a different way?' three times.".into();
        peer.strengths = "Pupils listened to each other and built on answers.".into();
        peer.action_step =
            Some("Give ten seconds of thinking time before taking any hands.".into());
        peer.revisit_on = Some(weeks_after(125, 4));
        use_case::record(store, &principal(colleague.1).await?, school, &peer)
            .await
            .context("seeding a peer observation")?;
        let mut returned = form(Kind::Peer, 140, colleague, "checking_learning");
        returned.evidence = "Exit tickets on the last ten minutes' work, sorted by the door into 'got it' and 'not yet'.".into();
        returned.strengths = "Every pupil's understanding was checked before they left.".into();
        returned.action_step =
            Some("Start the next lesson with the 'not yet' group's question.".into());
        returned.revisit_on = Some(weeks_after(140, 3));
        use_case::record(store, &principal(teacher).await?, school, &returned)
            .await
            .context("seeding the demo teacher's peer observation")?;
    }
    Ok(())
}
