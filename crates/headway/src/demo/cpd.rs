//! The demo's CPD at Cwmderwen High School, September 2025 to November 2026: whole-staff
//! sessions the head led (and one each by the senior leader and the head of mathematics),
//! coaching and a mathematics triad on the plan's priorities, and — so coherence is a real
//! figure, not 100% — courses and reading that serve none of them. Every activity goes
//! through `app::cpd`, as a person's would, so each is checked and audited; none is dated
//! after today.

use anyhow::Context;
use headway_app::cpd::{self as use_case, ActivityForm};
use headway_domain::access::Action;
use headway_domain::cpd::Kind;
use headway_domain::ids::{PersonId, SchoolId};
use headway_store::Store;
use headway_store::seed::World;

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

/// Which of the plan's priorities an activity serves, by a word of its title.
#[derive(Clone, Copy)]
enum Serves {
    Mathematics,
    TeacherLearning,
    DisadvantagedGap,
    Nothing,
}

struct Session {
    date: &'static str,
    title: &'static str,
    kind: Kind,
    hours: &'static str,
    strands: &'static [&'static str],
    serves: Serves,
    reflection: &'static str,
}

/// Whole-staff sessions, each led by someone in school (`leader` picks who).
const SESSIONS: [(Session, &str); 7] = [
    (
        Session {
            date: "2025-09-01",
            title: "INSET: checking for understanding in every lesson",
            kind: Kind::InSchoolTraining,
            hours: "3",
            strands: &["checking_learning"],
            serves: Serves::TeacherLearning,
            reflection: "Mini whiteboards after each worked example; I will try the four-in-five rule.",
        },
        "head",
    ),
    (
        Session {
            date: "2025-11-12",
            title: "Twilight: talk that builds on answers",
            kind: Kind::InSchoolTraining,
            hours: "1.5",
            strands: &["dialogue"],
            serves: Serves::TeacherLearning,
            reflection: "Ask 'who did it a different way?' and wait.",
        },
        "head",
    ),
    (
        Session {
            date: "2026-01-05",
            title: "INSET: what the evidence says about the disadvantaged gap",
            kind: Kind::InSchoolTraining,
            hours: "3",
            strands: &["every_pupil"],
            serves: Serves::DisadvantagedGap,
            reflection: "Check first with the pupils who are furthest behind, not last.",
        },
        "head",
    ),
    (
        Session {
            date: "2026-03-04",
            title: "Twilight: one action step at a time",
            kind: Kind::InSchoolTraining,
            hours: "1.5",
            strands: &["dialogue", "checking_learning"],
            serves: Serves::TeacherLearning,
            reflection: "Feedback with one step to act on, revisited in a few weeks.",
        },
        "senior",
    ),
    (
        Session {
            date: "2026-06-17",
            title: "Twilight: reading the year's progress data",
            kind: Kind::InSchoolTraining,
            hours: "1",
            strands: &[],
            serves: Serves::Nothing,
            reflection: "How value added is worked out, and why the interval matters.",
        },
        "head",
    ),
    (
        Session {
            date: "2026-09-01",
            title: "INSET: worked examples and retrieval in mathematics",
            kind: Kind::InSchoolTraining,
            hours: "3",
            strands: &["checking_learning", "clear_goals"],
            serves: Serves::Mathematics,
            reflection: "Name each step of a worked example and fade them out.",
        },
        "maths",
    ),
    (
        Session {
            date: "2026-10-14",
            title: "Twilight: lesson study, planning a research lesson together",
            kind: Kind::InSchoolTraining,
            hours: "1.5",
            strands: &["dialogue", "checking_learning"],
            serves: Serves::TeacherLearning,
            reflection: "We predicted what three pupils would do at each step, then watched them, not the teacher.",
        },
        "senior",
    ),
];

/// What some staff do on their own: (every n-th member of staff, activity).
const OWN: [(usize, Session); 6] = [
    (
        2,
        Session {
            date: "2025-10-08",
            title: "Exam board update: changes to the specification",
            kind: Kind::Course,
            hours: "6",
            strands: &[],
            serves: Serves::Nothing,
            reflection: "New set texts from next year; schemes of work to change.",
        },
    ),
    (
        3,
        Session {
            date: "2026-02-10",
            title: "Reading: Rosenshine's principles of instruction",
            kind: Kind::Reading,
            hours: "2",
            strands: &["checking_learning"],
            serves: Serves::TeacherLearning,
            reflection: "Daily review at the start of lessons.",
        },
    ),
    (
        2,
        Session {
            date: "2026-04-22",
            title: "First aid refresher",
            kind: Kind::Course,
            hours: "6",
            strands: &[],
            serves: Serves::Nothing,
            reflection: "Certificate renewed.",
        },
    ),
    (
        3,
        Session {
            date: "2026-05-13",
            title: "Coaching conversation: my action step",
            kind: Kind::Coaching,
            hours: "1",
            strands: &["dialogue"],
            serves: Serves::TeacherLearning,
            reflection: "Agreed to plan hinge questions before the lesson.",
        },
    ),
    (
        4,
        Session {
            date: "2026-10-07",
            title: "Reading: closing the vocabulary gap",
            kind: Kind::Reading,
            hours: "2",
            strands: &["every_pupil"],
            serves: Serves::DisadvantagedGap,
            reflection: "Teach tier-two words explicitly.",
        },
    ),
    (
        2,
        Session {
            date: "2026-11-04",
            title: "Safeguarding update",
            kind: Kind::Course,
            hours: "2",
            strands: &[],
            serves: Serves::Nothing,
            reflection: "New referral form from January.",
        },
    ),
];

/// The mathematics triad's meetings (issue 16: a triad working on the mathematics weakness).
const TRIAD: [(&str, &str); 3] = [
    (
        "2025-10-15",
        "Maths triad: planning a research lesson on fractions",
    ),
    ("2026-01-21", "Maths triad: observing the research lesson"),
    ("2026-05-06", "Maths triad: what we found"),
];

/// Seeds the CPD; does nothing if the demo people or school are not in the world.
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
        .map(|r| SchoolId(r.org_id))
    else {
        return Ok(());
    };
    let today = time::OffsetDateTime::from_unix_timestamp(store.now())
        .map(|t| t.date().to_string())
        .unwrap_or_default();
    let priorities = use_case::current_priorities(store, school).await?;
    let priority = |serves: Serves| {
        let word = match serves {
            Serves::Mathematics => "math",
            Serves::TeacherLearning => "teacher learning",
            Serves::DisadvantagedGap => "disadvantaged",
            Serves::Nothing => return None,
        };
        priorities
            .iter()
            .find(|p| p.title.to_lowercase().contains(word))
            .map(|p| p.id)
    };
    let accounts = store.accounts();
    // Everyone who keeps a CPD log at the school (not the data manager), in a fixed order.
    let mut staff = Vec::new();
    for (id, _) in store.planning().staff(school).await? {
        let principal = accounts.principal(id).await?;
        if principal.may(&Action::KeepCpdLog(school)).is_ok() {
            staff.push(principal);
        }
    }
    let maths_teachers: Vec<PersonId> = {
        // Anwen Price, the head of mathematics and one colleague who teaches mathematics.
        let mut triad = vec![PersonId(teacher), PersonId(maths_lead)];
        let teaches_maths = |person: i64| {
            world.class_teachers.iter().any(|(class, t)| {
                *t == person
                    && world.classes.iter().any(|c| {
                        c.id == *class
                            && world.subjects.iter().any(|s| {
                                Some(s.id) == c.subject_id && s.name.to_lowercase().contains("math")
                            })
                    })
            })
        };
        if let Some(third) = staff
            .iter()
            .map(|p| p.person)
            .find(|p| !triad.contains(p) && teaches_maths(p.0))
        {
            triad.push(third);
        }
        triad
    };
    let form = |s: &Session, led_by: Option<i64>| ActivityForm {
        kind: s.kind,
        title: s.title.to_owned(),
        occurred_on: s.date.to_owned(),
        hours: s.hours.to_owned(),
        strands: s.strands.iter().map(|x| (*x).to_owned()).collect(),
        priority: priority(s.serves),
        led_by: led_by.map(PersonId),
        reflection: s.reflection.to_owned(),
    };
    for (i, principal) in staff.iter().enumerate() {
        let mut logged: Vec<ActivityForm> = Vec::new();
        for (k, (session, leader)) in SESSIONS.iter().enumerate() {
            // Most staff come to most sessions: each misses one of them.
            if (i + k) % 7 == 6 {
                continue;
            }
            let led_by = match *leader {
                "head" => head,
                "senior" => senior,
                _ => maths_lead,
            };
            logged.push(form(session, Some(led_by)));
        }
        for (every, session) in &OWN {
            if i % every == 0 {
                logged.push(form(session, None));
            }
        }
        if maths_teachers.contains(&principal.person) {
            for (date, title) in TRIAD {
                logged.push(ActivityForm {
                    kind: Kind::Triad,
                    title: title.to_owned(),
                    occurred_on: date.to_owned(),
                    hours: "1.5".to_owned(),
                    strands: vec!["checking_learning".to_owned()],
                    priority: priority(Serves::Mathematics),
                    led_by: None,
                    reflection: "Fractions: pupils who drew a fraction wall explained equivalence; those who did not, could not.".to_owned(),
                });
            }
        }
        for activity in logged.iter().filter(|a| a.occurred_on <= today) {
            use_case::add(store, principal, school, activity)
                .await
                .with_context(|| format!("seeding the CPD activity '{}'", activity.title))?;
        }
    }
    Ok(())
}
