//! The demo's inquiry group at Cwmderwen High School: a mathematics triad working on the
//! school's weakness in mathematics (docs/demo-data.md, effect (b)). Anwen Price and two
//! colleagues who teach mathematics this year ask whether a hinge question with an
//! immediate re-teach cuts the errors pupils carry into practice; they plan three lessons,
//! observe each other twice (peer observations, each linked by the teacher observed), keep
//! notes, and share their findings with the school in November, after the autumn
//! predictions — which the group's page shows for their classes, with intervals.
//!
//! Everything goes through `app::inquiry` and `app::observation`, as the group's own
//! clicks would, so each step is checked and audited; only the day the findings were
//! shared is then set to November, as the story has it.

use anyhow::Context;
use headway_app::inquiry::{self as use_case, InquiryForm, LessonForm};
use headway_app::observation::{self as observations, ObservationForm};
use headway_domain::ids::{ClassId, PersonId, SchoolId};
use headway_domain::observation::Kind;
use headway_store::Store;
use headway_store::seed::World;
use time::Duration;

const TEACHER_EMAIL: &str = "teacher@demo.headway.school";
const HEAD_OF_MATHEMATICS_EMAIL: &str = "head.of.maths@demo.headway.school";

pub const QUESTION: &str = "Does a hinge question before independent practice, with an immediate re-teach when fewer than four in five are right, cut the errors pupils carry into their work?";

fn person(world: &World, email: &str) -> Option<i64> {
    world
        .people
        .iter()
        .find(|p| p.email.as_deref() == Some(email))
        .map(|p| p.id)
}

/// Seeds the triad; does nothing if the demo people or their classes are not in the world.
pub async fn seed(store: &Store, world: &World) -> anyhow::Result<()> {
    let (Some(anwen), Some(maths_lead)) = (
        person(world, TEACHER_EMAIL),
        person(world, HEAD_OF_MATHEMATICS_EMAIL),
    ) else {
        return Ok(());
    };
    let Some(school) = world
        .roles
        .iter()
        .find(|r| r.person_id == anwen && r.role == "teacher")
        .map(|r| r.org_id)
    else {
        return Ok(());
    };
    let Some(year) = world.years.iter().max_by_key(|y| y.starts_on) else {
        return Ok(());
    };
    let Some(mathematics) = world
        .subjects
        .iter()
        .find(|s| s.code == "MAT")
        .map(|s| s.id)
    else {
        return Ok(());
    };
    // This year's mathematics classes at the school, each with its teacher.
    let mut maths_classes: Vec<(i64, i64)> = world
        .classes
        .iter()
        .filter(|c| {
            c.school_id == school && c.year_id == year.id && c.subject_id == Some(mathematics)
        })
        .filter_map(|c| {
            world
                .class_teachers
                .iter()
                .find(|(class, _)| *class == c.id)
                .map(|(_, t)| (c.id, *t))
        })
        .collect();
    maths_classes.sort_unstable();
    let class_of = |teacher: i64| {
        maths_classes
            .iter()
            .find(|(_, t)| *t == teacher)
            .map(|(c, _)| *c)
    };
    let Some(anwen_class) = class_of(anwen) else {
        return Ok(());
    };
    // Anwen, the head of mathematics if he teaches a set this year, and the next
    // colleagues who teach one: three mathematics teachers.
    let mut members = vec![anwen];
    if class_of(maths_lead).is_some() {
        members.push(maths_lead);
    }
    for &(_, teacher) in &maths_classes {
        if members.len() == 3 {
            break;
        }
        if !members.contains(&teacher) {
            members.push(teacher);
        }
    }
    if members.len() < 3 {
        return Ok(());
    }
    let (second, third) = (members[1], members[2]);
    let (Some(second_class), Some(third_class)) = (class_of(second), class_of(third)) else {
        return Ok(());
    };

    let school = SchoolId(school);
    let accounts = store.accounts();
    let anwen_principal = accounts.principal(PersonId(anwen)).await?;
    let priority = observations::plan_priorities(store, school)
        .await?
        .into_iter()
        .find(|(_, title)| title.to_lowercase().contains("math"))
        .map(|(id, _)| id);
    let inquiry = use_case::start(
        store,
        &anwen_principal,
        school,
        &InquiryForm {
            question: QUESTION.to_owned(),
            strand: "checking_learning".to_owned(),
            priority,
            members: vec![PersonId(second), PersonId(third)],
        },
    )
    .await
    .context("starting the demo's mathematics triad")?;

    let on = |days: i64| (year.starts_on + Duration::days(days)).to_string();
    let lessons = [
        (
            28,
            anwen_class,
            anwen,
            "Equivalent fractions: a hinge question after the second worked example (four options, each wrong one a known misconception); re-teach with a fraction wall if fewer than four in five are right.",
        ),
        (
            42,
            second_class,
            second,
            "Solving linear equations: the same hinge routine before independent practice, with the re-teach planned in advance rather than improvised.",
        ),
        (
            56,
            third_class,
            third,
            "Ratio problems: hinge question on mini whiteboards; pupils who were wrong start practice with a worked pair, the rest with the main task.",
        ),
    ];
    for (day, class, teacher, tried) in lessons {
        let author = accounts.principal(PersonId(teacher)).await?;
        use_case::add_lesson(
            store,
            &author,
            inquiry,
            &LessonForm {
                taught_on: on(day),
                class: ClassId(class),
                teacher: PersonId(teacher),
                tried: tried.to_owned(),
            },
        )
        .await
        .context("planning a lesson of the demo triad")?;
    }

    // Two peer observations in the group, each of a planned lesson, linked to the inquiry
    // by the teacher observed (whose record it is).
    let peer = |day: i64, class: i64, teacher: i64, evidence: &str, step: &str| {
        ObservationForm {
        kind: Kind::Peer,
        observed_on: on(day),
        class: ClassId(class),
        teacher: PersonId(teacher),
        strand: "checking_learning".to_owned(),
        priority,
        evidence: evidence.to_owned(),
        strengths: "Every pupil answered the hinge question, and the teacher could say how many were right before moving on.".to_owned(),
        action_step: Some(step.to_owned()),
        revisit_on: Some(on(day + 28)),
    }
    };
    let observed = [
        (
            second,
            peer(
                28,
                anwen_class,
                anwen,
                "Hinge question on equivalent fractions: 19 of 26 right, so the class was re-taught with a fraction wall; 24 of 26 right on the second check.",
                "Keep the re-teach to one new representation, then check again.",
            ),
            anwen,
        ),
        (
            anwen,
            peer(
                42,
                second_class,
                second,
                "Hinge question on two-step equations: 23 of 28 right; the five pupils who chose 'subtract first' were given a worked pair before practice.",
                "Ask the pupils who were wrong to explain the worked pair before they start.",
            ),
            second,
        ),
    ];
    for (observer, form, teacher) in observed {
        let record = observations::record(
            store,
            &accounts.principal(PersonId(observer)).await?,
            school,
            &form,
        )
        .await
        .context("recording a peer observation of the demo triad")?;
        use_case::link_observation(
            store,
            &accounts.principal(PersonId(teacher)).await?,
            inquiry,
            record,
        )
        .await
        .context("linking a peer observation to the demo triad")?;
    }

    use_case::save_writing(
        store,
        &anwen_principal,
        inquiry,
        "Hinge questions: first-check right answers 19/26, 23/28 and 17/26 across the three lessons; after re-teaching, 24/26, 27/28 and 24/26.\nThe planned re-teach took six to eight minutes; improvised ones took longer and lost the thread.\nAutumn predictions (6 November): read the classes' value added beside last year's; five pupils in 11Ma2 are far behind and are followed up separately.",
        "A hinge question before practice, with the re-teach planned in advance, caught misconceptions in about one pupil in five each lesson, and most were right on the second check. It costs six to eight minutes. The autumn predictions put our three sets' value added well below expectation, about three quarters of a grade with an interval clear of zero, as the department's results were last year: one term is too early to show a change, so we will look again after the spring predictions. We suggest every mathematics teacher tries one planned hinge question a week this term.",
    )
    .await
    .context("writing the demo triad's notes and findings")?;
    use_case::share_findings(store, &anwen_principal, inquiry, true)
        .await
        .context("sharing the demo triad's findings")?;
    // Shared in November, after the autumn predictions, as the story has it.
    let november = (year.starts_on + Duration::days(80))
        .midnight()
        .assume_utc()
        .unix_timestamp();
    let mut tx = store.begin().await?;
    store
        .inquiries()
        .share_findings(&mut tx, inquiry, Some(november))
        .await?;
    tx.commit().await?;
    Ok(())
}
