//! The demo's improvement plans: Cwmderwen High School's plan for the latest year, its
//! three priorities drawn from its own data (mathematics value added, teacher learning from
//! its leadership 360, the disadvantaged gap), agreed, with two reviews signed off by the
//! head, one action stalled at the second review and one teacher carrying more initiatives
//! at once than the load limit; and a shorter agreed plan for each other school of its
//! cluster.
//!
//! Measures over the school's data get their baselines as agreeing a plan captures them
//! (`app::planning::capture_baselines`, once the reference expectations are fitted). The
//! hand-recorded measure has its readings, and the reviews keep them.

use anyhow::Context;
use headway_domain::ids::{PersonId, SchoolId};
use headway_domain::planning::measure::{MeasureSpec, MeasureValue, PupilGroup};
use headway_domain::planning::plan::{PlanState, Progress};
use headway_store::Store;
use headway_store::planning::{Evidence, NewAction, NewMeasure, NewPriority, NewReading};
use headway_store::seed::World;

/// The school whose plan tells the story (the demo head's school, Cwmderwen).
const STORY_HEAD_EMAIL: &str = super::diagnostic::HEAD_EMAIL;

/// People of a school by role, in the world's order.
fn staff(world: &World, school: i64, roles: &[&str]) -> Vec<i64> {
    let mut people: Vec<i64> = world
        .roles
        .iter()
        .filter(|r| r.org_id == school && roles.contains(&r.role))
        .map(|r| r.person_id)
        .collect();
    people.dedup();
    people
}

fn spec(spec: &MeasureSpec) -> String {
    headway_app::planning::spec_json(spec)
}

struct Dates<'a> {
    year: &'a str,
    next: &'a str,
}

impl Dates<'_> {
    fn of(&self, month_day: &str) -> String {
        // September to December fall in the year's first calendar year.
        let month: u32 = month_day[..2].parse().unwrap_or(1);
        let year = if month >= 9 { self.year } else { self.next };
        format!("{year}-{month_day}")
    }
}

// A demo action in one line of the table below: its fields in the order the table reads.
#[allow(clippy::too_many_arguments)]
fn action(
    title: &str,
    owner: i64,
    people: &[i64],
    (from, to): (String, String),
    hours: f64,
    budget: f64,
    cpd: f64,
    leader: Option<(i64, &str)>,
) -> NewAction {
    NewAction {
        title: title.into(),
        owner: PersonId(owner),
        people: people.iter().map(|p| PersonId(*p)).collect(),
        starts_on: from,
        ends_on: to,
        budget,
        hours_per_week: hours,
        cpd_days: cpd,
        pattern: if leader.is_some() {
            "decisional"
        } else {
            "consultative"
        }
        .into(),
        teacher_leader: leader.map(|(p, _)| PersonId(p)),
        leader_area: leader.map(|(_, a)| a.to_owned()),
    }
}

/// Seeds the plans; does nothing if the demo head is not in the world.
pub async fn seed(store: &Store, world: &World) -> anyhow::Result<()> {
    let Some(head) = world
        .people
        .iter()
        .find(|p| p.email.as_deref() == Some(STORY_HEAD_EMAIL))
    else {
        return Ok(());
    };
    let Some(school) = world
        .roles
        .iter()
        .find(|r| r.person_id == head.id && r.role == "head")
        .map(|r| r.org_id)
    else {
        return Ok(());
    };
    let Some(year) = world.years.iter().max_by_key(|y| y.starts_on) else {
        return Ok(());
    };
    let first = year.starts_on.year().to_string();
    let second = (year.starts_on.year() + 1).to_string();
    let dates = Dates {
        year: &first,
        next: &second,
    };
    story_plan(store, world, school, head.id, year.id, &dates)
        .await
        .context("seeding Cwmderwen's improvement plan")?;
    let cluster = world
        .orgs
        .iter()
        .find(|o| o.id == school)
        .and_then(|o| o.parent_id);
    for other in world
        .orgs
        .iter()
        .filter(|o| o.kind == "school" && o.parent_id == cluster && o.id != school)
    {
        cluster_plan(store, world, other.id, year.id, &dates)
            .await
            .context("seeding a cluster school's improvement plan")?;
    }
    Ok(())
}

async fn story_plan(
    store: &Store,
    world: &World,
    school: i64,
    head: i64,
    year: i64,
    d: &Dates<'_>,
) -> anyhow::Result<()> {
    let planning = store.planning();
    let maths_id = world
        .subjects
        .iter()
        .find(|s| s.code == "MAT")
        .map(|s| s.id);
    let leaders = staff(world, school, &["senior_leader"]);
    let maths_leads: Vec<i64> = world
        .roles
        .iter()
        .filter(|r| r.org_id == school && r.role == "middle_leader" && r.subject_id == maths_id)
        .map(|r| r.person_id)
        .collect();
    let teachers = staff(world, school, &["teacher"]);
    let deputy = leaders.first().copied().unwrap_or(head);
    let maths_lead = maths_leads.first().copied().unwrap_or(deputy);
    let pick = |k: usize| teachers.get(k).copied().unwrap_or(maths_lead);
    // The teacher over the limit: in four initiatives at once.
    let busy = pick(0);
    let year_long = (d.of("09-08"), d.of("07-17"));

    let mut tx = store.begin().await?;
    let v1 = planning
        .create_plan(&mut tx, SchoolId(school), year, PersonId(head))
        .await?;
    let maths = planning
        .add_priority(
            &mut tx,
            v1,
            &NewPriority {
                title: "Raise progress in mathematics".into(),
                rationale: "Value added in mathematics has been below expectation for three years, while English and science are in line.".into(),
                dimensions: vec!["teaching_and_curriculum".into(), "teacher_learning".into()],
                over_limit_reason: None,
                evidence: Some(Evidence {
                    kind: "progress".into(),
                    url: format!("/schools/{school}/progress?subject={}", maths_id.unwrap_or(2)),
                    note: "Value added in mathematics".into(),
                }),
            },
        )
        .await?;
    let learning = planning
        .add_priority(
            &mut tx,
            v1,
            &NewPriority {
                title: "Teacher learning: coaching and lesson study".into(),
                rationale: "Staff rate the leadership of teachers' professional learning lowest of the five dimensions in the 360, far below the head's own rating.".into(),
                dimensions: vec!["teacher_learning".into()],
                over_limit_reason: None,
                evidence: Some(Evidence {
                    kind: "focus".into(),
                    url: "/diagnostic".into(),
                    note: "First focus suggestion of the leadership 360".into(),
                }),
            },
        )
        .await?;
    let gap = planning
        .add_priority(
            &mut tx,
            v1,
            &NewPriority {
                title: "Close the disadvantaged gap".into(),
                rationale: "Disadvantaged pupils make less progress than their peers, and many pupils here are eligible for free school meals.".into(),
                dimensions: vec!["goals_and_expectations".into(), "strategic_resourcing".into()],
                over_limit_reason: None,
                evidence: Some(Evidence {
                    kind: "gap".into(),
                    url: format!("/schools/{school}/progress?subject={}", maths_id.unwrap_or(2)),
                    note: "The gap between disadvantaged pupils and others".into(),
                }),
            },
        )
        .await?;
    let measures = [
        (
            maths,
            "Value added in mathematics",
            MeasureSpec::ValueAdded {
                subject: "MAT".into(),
                group: None,
                contextual: false,
            },
            true,
            Some(0.0),
            Some(0.3),
        ),
        (
            maths,
            "Pupils falling behind in mathematics",
            MeasureSpec::FallingBehind {
                subject: Some("MAT".into()),
                group: None,
            },
            false,
            // In percent of pupils, as the measure reads.
            Some(5.0),
            Some(12.0),
        ),
        (
            learning,
            "Teacher learning, as all others rate it",
            MeasureSpec::Leadership360 {
                dimension: "teacher_learning".into(),
            },
            true,
            Some(3.2),
            Some(3.8),
        ),
        (
            learning,
            "Lessons observed using retrieval practice (of 10)",
            MeasureSpec::Manual {
                unit: "lessons of ten observed".into(),
            },
            true,
            Some(6.0),
            Some(8.0),
        ),
        (
            gap,
            "Disadvantaged gap in mathematics value added",
            MeasureSpec::DisadvantagedGap {
                subject: "MAT".into(),
            },
            true,
            Some(-0.2),
            Some(0.0),
        ),
    ];
    let mut manual = None;
    for (priority, name, s, higher, low, high) in &measures {
        let id = planning
            .add_measure(
                &mut tx,
                *priority,
                &NewMeasure {
                    name: (*name).into(),
                    spec: spec(s),
                    higher_is_better: *higher,
                    target_lower: *low,
                    target_upper: *high,
                },
            )
            .await?;
        if matches!(s, MeasureSpec::Manual { .. }) {
            manual = Some(id);
            planning
                .set_baseline(
                    &mut tx,
                    id,
                    &MeasureValue {
                        estimate: 2.0,
                        lower: 2.0,
                        upper: 2.0,
                        n: 1,
                    },
                )
                .await?;
        }
    }
    let actions = [
        (
            maths,
            action(
                "Retrieval practice at the start of every mathematics lesson",
                maths_lead,
                &[busy, pick(1), pick(2)],
                year_long.clone(),
                1.0,
                600.0,
                1.0,
                Some((maths_lead, "Key Stage 4 mathematics teaching")),
            ),
        ),
        (
            maths,
            action(
                "Weekly mathematics department planning in pairs",
                maths_lead,
                &[busy, pick(1)],
                (d.of("09-15"), d.of("03-27")),
                1.0,
                0.0,
                0.0,
                None,
            ),
        ),
        (
            learning,
            action(
                "Instructional coaching cycles for every teacher",
                deputy,
                &[busy, pick(2), pick(3)],
                year_long.clone(),
                1.0,
                2500.0,
                3.0,
                None,
            ),
        ),
        (
            learning,
            action(
                "Lesson study triads",
                deputy,
                &[busy, pick(3), pick(4)],
                (d.of("11-03"), d.of("05-22")),
                1.0,
                800.0,
                2.0,
                Some((pick(3), "The lesson study programme")),
            ),
        ),
        (
            gap,
            action(
                "Targeted small-group mathematics tuition for disadvantaged pupils",
                maths_lead,
                &[pick(4)],
                (d.of("10-06"), d.of("06-26")),
                2.0,
                9000.0,
                0.0,
                None,
            ),
        ),
        (
            gap,
            action(
                "Attendance follow-up with families of disadvantaged pupils",
                head,
                &[pick(5)],
                year_long.clone(),
                1.0,
                1500.0,
                0.0,
                None,
            ),
        ),
    ];
    let mut lineages = Vec::new();
    for (priority, a) in &actions {
        lineages.push(planning.add_action(&mut tx, *priority, a).await?.0);
    }
    planning
        .add_milestone(
            &mut tx,
            maths,
            "milestone",
            &d.of("10-31"),
            "Every mathematics lesson opens with retrieval practice",
        )
        .await?;
    planning
        .add_milestone(&mut tx, maths, "review", &d.of("10-16"), "Half-term review")
        .await?;
    planning
        .add_milestone(
            &mut tx,
            maths,
            "review",
            &d.of("11-27"),
            "Autumn review, with the autumn predictions",
        )
        .await?;
    planning
        .add_milestone(&mut tx, maths, "review", &d.of("03-20"), "Spring review")
        .await?;
    planning
        .add_milestone(
            &mut tx,
            learning,
            "milestone",
            &d.of("01-16"),
            "Every teacher has completed one coaching cycle",
        )
        .await?;
    planning
        .add_milestone(
            &mut tx,
            gap,
            "review",
            &d.of("03-20"),
            "Spring review of tuition groups",
        )
        .await?;
    planning.add_stopped(&mut tx, v1, "Half-termly data drops for every class", "Replaced by the interim assessments the plan's measures already use; frees two hours a term per teacher").await?;
    planning
        .add_stopped(
            &mut tx,
            v1,
            "The whole-school marking scrutiny",
            "Makes room for the coaching cycles",
        )
        .await?;
    planning
        .set_state(&mut tx, v1, PlanState::Agreed, PersonId(head))
        .await?;
    tx.commit().await?;

    let content = planning
        .content(v1)
        .await?
        .context("the plan just written")?;
    let plan = content.version.plan;
    let manual_lineage = content
        .measures
        .iter()
        .find(|m| Some(m.id) == manual)
        .map(|m| m.lineage);
    let action_lineage = |k: usize| {
        content
            .actions
            .iter()
            .find(|a| a.id.0 == lineages[k])
            .map(|a| a.lineage)
    };
    let mut tx = store.begin().await?;
    // Two reviews: at half term, and in late autumn once the predictions were in, where
    // the lesson study stalled.
    let reviews = [
        (
            d.of("10-16"),
            "A good start: retrieval practice is routine in most mathematics lessons and every teacher has a coach. Lesson study has not begun; tuition groups started late.",
            4.0,
            [
                Progress::InProgress,
                Progress::InProgress,
                Progress::InProgress,
                Progress::InProgress,
                Progress::InProgress,
                Progress::InProgress,
            ],
        ),
        (
            d.of("11-27"),
            "Pairs planning is done. Lesson study stalled: the triads could not meet without cover, and the teachers in them carry too much at once. Tuition attendance is high.",
            6.0,
            [
                Progress::InProgress,
                Progress::Done,
                Progress::InProgress,
                Progress::Stalled,
                Progress::InProgress,
                Progress::InProgress,
            ],
        ),
    ];
    for (held_on, evaluation, reading, progress) in &reviews {
        if let Some(lineage) = manual_lineage {
            planning
                .add_reading(
                    &mut tx,
                    plan,
                    &NewReading {
                        measure_lineage: lineage,
                        taken_on: held_on.clone(),
                        value: *reading,
                        evidence: "Learning walk: ten lessons observed".into(),
                    },
                    PersonId(deputy),
                )
                .await?;
        }
        let review = planning
            .add_review(&mut tx, plan, held_on, evaluation, PersonId(head))
            .await?;
        for (k, p) in progress.iter().enumerate() {
            if let Some(lineage) = action_lineage(k) {
                let owner = actions[k].1.owner;
                planning
                    .record_progress(&mut tx, review, lineage, *p, None, owner)
                    .await?;
            }
        }
        if let Some(lineage) = manual_lineage {
            planning
                .record_review_measure(
                    &mut tx,
                    review,
                    lineage,
                    &MeasureValue {
                        estimate: *reading,
                        lower: *reading,
                        upper: *reading,
                        n: 1,
                    },
                )
                .await?;
        }
        planning.sign_off(&mut tx, review, PersonId(head)).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn cluster_plan(
    store: &Store,
    world: &World,
    school: i64,
    year: i64,
    d: &Dates<'_>,
) -> anyhow::Result<()> {
    let Some(head) = staff(world, school, &["head"]).first().copied() else {
        return Ok(());
    };
    let teachers = staff(world, school, &["teacher", "middle_leader"]);
    let planning = store.planning();
    let mut tx = store.begin().await?;
    let v1 = planning
        .create_plan(&mut tx, SchoolId(school), year, PersonId(head))
        .await?;
    let priorities = [
        (
            "Reading across the curriculum",
            "teaching_and_curriculum",
            MeasureSpec::ValueAdded {
                subject: "ENG".into(),
                group: None,
                contextual: false,
            },
            "Value added in English",
        ),
        (
            "Attendance of disadvantaged pupils",
            "orderly_and_supportive_environment",
            MeasureSpec::Attendance {
                group: Some(PupilGroup {
                    by: "disadvantaged".into(),
                    row: "group-disadvantaged".into(),
                }),
            },
            "Attendance of disadvantaged pupils",
        ),
    ];
    for (k, (title, dimension, s, name)) in priorities.iter().enumerate() {
        let p = planning
            .add_priority(
                &mut tx,
                v1,
                &NewPriority {
                    title: (*title).into(),
                    rationale: String::new(),
                    dimensions: vec![(*dimension).into()],
                    over_limit_reason: None,
                    evidence: None,
                },
            )
            .await?;
        planning
            .add_measure(
                &mut tx,
                p,
                &NewMeasure {
                    name: (*name).into(),
                    spec: spec(s),
                    higher_is_better: true,
                    target_lower: None,
                    target_upper: None,
                },
            )
            .await?;
        let owner = teachers.get(k).copied().unwrap_or(head);
        planning
            .add_action(
                &mut tx,
                p,
                &action(
                    title,
                    owner,
                    &[],
                    (d.of("09-08"), d.of("07-17")),
                    1.0,
                    500.0,
                    1.0,
                    None,
                ),
            )
            .await?;
    }
    planning
        .set_state(&mut tx, v1, PlanState::Agreed, PersonId(head))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Captures each demo plan's baselines from the demo's data, as its head agreeing it
/// would have: call after the reference expectations are fitted.
pub async fn capture_baselines(store: &Store, world: &World) -> anyhow::Result<()> {
    let (references, reports) = (
        headway_app::progress::reference::References::default(),
        headway_app::progress::ReportCache::default(),
    );
    let progress = headway_app::progress::ProgressReports::new(store, &references, &reports);
    let Some(year) = world.years.iter().max_by_key(|y| y.starts_on) else {
        return Ok(());
    };
    for role in world.roles.iter().filter(|r| r.role == "head") {
        let school = SchoolId(role.org_id);
        let head = headway_domain::access::Principal {
            person: PersonId(role.person_id),
            name: "demo".into(),
            grants: vec![headway_domain::access::Grant {
                role: headway_domain::roles::Role::Head,
                org: headway_domain::ids::OrgId(role.org_id),
                subject: None,
                schools: vec![school],
            }],
            taught_classes: Vec::new(),
        };
        headway_app::planning::capture_baselines(store, &progress, &head, school, year.id)
            .await
            .context("capturing the demo plans' baselines")?;
        // The data as it stood at each review held once the year's predictions were in is
        // the data now: a review's record of its measures, as adding it on the day would.
        let predicted = world
            .assessment_points
            .iter()
            .filter(|p| p.school_id == Some(school.0) && p.year_id == year.id)
            .filter(|p| p.kind == "interim")
            .map(|p| p.taken_on.to_string())
            .max();
        if let Some(predicted) = predicted {
            record_review_readings(store, &progress, &head, school, year.id, &predicted)
                .await
                .context("recording the demo reviews' measures")?;
        }
    }
    Ok(())
}

/// Records, for each review of the school's plan held on or after `since`, each measure
/// over the school's data as it reads now, where the review has no value for it.
async fn record_review_readings(
    store: &Store,
    progress: &headway_app::progress::ProgressReports<'_>,
    head: &headway_domain::access::Principal,
    school: SchoolId,
    year: i64,
    since: &str,
) -> anyhow::Result<()> {
    use headway_app::planning::{current_values, in_force, spec_of};
    let Some(version) = in_force(store, school, year).await? else {
        return Ok(());
    };
    let Some(content) = store.planning().content(version.id).await? else {
        return Ok(());
    };
    // Hand-recorded measures keep the readings their reviews were given.
    let data: Vec<_> = content
        .measures
        .iter()
        .filter(|m| !matches!(spec_of(&m.spec), None | Some(MeasureSpec::Manual { .. })))
        .cloned()
        .collect();
    let values = current_values(store, progress, head, school, year, &version, &data).await?;
    let mut tx = store.begin().await?;
    for review in content
        .reviews
        .iter()
        .filter(|r| r.held_on.as_str() >= since)
    {
        for (lineage, value) in &values {
            if !review.measures.iter().any(|(l, _)| l == lineage) {
                store
                    .planning()
                    .record_review_measure(&mut tx, review.id, *lineage, value)
                    .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}
