//! The demo world: a synthetic national system, deterministic from a seed, with a reference
//! population of secondary schools and a cluster of six schools whose planted effects the
//! progress pages must reveal. It is Welsh throughout: results are on the scales of the
//! Welsh measure set (National Personalised Assessments, WJEC GCSE A*–G, the Capped 9
//! points score). `docs/demo-data.md` describes it for people; the numbers live in
//! [`model`] (the outcome model) and [`cluster`] (the six schools).

mod cluster;
mod model;
mod names;
#[cfg(test)]
mod tests;

use headway_domain::measures::{self, MeasureSet};
use headway_domain::pupil::{AssessmentKind, Gender, Sen};
use headway_domain::roles::Role;
use headway_domain::school::{OrgKind, Phase};
use headway_store::seed::{
    AssessmentPointRow, ClassRow, OrgRow, PersonRow, PupilRow, ResultRow, RoleRow, SchoolRow,
    SubjectRow, World, YearRow,
};
use model::PupilContext;
use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::Beta;
use std::collections::HashSet;
use time::{Date, Duration, Month};

/// The seed `headway demo` uses unless told otherwise.
pub const DEFAULT_SEED: u64 = 2026;

/// The key of the measure set the demo's results are on.
pub const MEASURE_SET: &str = measures::WALES;

fn measure_set() -> &'static MeasureSet {
    measures::built_in(MEASURE_SET).expect("the Welsh measure set ships in the binary")
}

/// The generated world, the accounts to print, and where the planted effects are.
#[derive(Debug, Clone)]
pub struct DemoWorld {
    pub world: World,
    pub sign_ins: Vec<DemoSignIn>,
    #[allow(
        dead_code,
        reason = "read by tests that check the pages reveal the effects"
    )]
    pub planted: PlantedEffects,
}

/// A demo account; every one shares the password whose hash `generate` was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSignIn {
    pub email: String,
    #[allow(
        dead_code,
        reason = "for callers that greet the person; the CLI prints the e-mail"
    )]
    pub display_name: String,
    /// What the account is, for people: "Headteacher", "Cluster lead", …
    pub role_label: String,
    /// The school the role is held in (for the cluster lead, the cluster's name).
    pub school_name: String,
}

/// Ids of the rows that carry the planted effects (docs/demo-data.md), for tests that check
/// the pages reveal them.
#[derive(Debug, Clone)]
#[allow(
    dead_code,
    reason = "read by tests that check the pages reveal the effects"
)]
pub struct PlantedEffects {
    pub system_id: i64,
    pub cluster_id: i64,
    /// The six cluster schools, the demo head's school first.
    pub cluster_schools: Vec<i64>,
    /// The academic years with final results, oldest first (the last two also have
    /// predicted grades).
    pub year_ids: [i64; 3],
    /// The year under way (2026/27): its Year 11 has predicted grades so far, no finals.
    pub in_year_id: i64,
    /// English, mathematics, science.
    pub subject_ids: [i64; 3],
    /// The subject that carries the baseline (prior-attainment) results: National
    /// Personalised Assessments.
    pub prior_subject_id: i64,
    /// The subject of the headline score at the final points: the Capped 9 points score.
    pub headline_subject_id: i64,
    /// System-wide baseline and final assessment points, one per completed year.
    pub baseline_points: [i64; 3],
    pub final_points: [i64; 3],
    /// The year under way's baseline point.
    pub in_year_baseline_point: i64,
    /// The weak-mathematics school's autumn and spring interim points (latest completed
    /// year).
    pub interim_points: [i64; 2],
    /// Every school with interim points (the cluster and a sample of reference schools) and
    /// its autumn and spring points in the last two completed years: (school, year id,
    /// [autumn, spring]).
    pub all_interim_points: Vec<(i64, i64, [i64; 2])>,
    /// The same schools' autumn points of the year under way: (school, point).
    pub in_year_points: Vec<(i64, i64)>,
    /// (a) Disadvantaged pupils make much better progress here.
    pub strong_for_disadvantaged_school: i64,
    /// (b) Mathematics value added clearly negative; the demo head's school.
    pub weak_mathematics_school: i64,
    /// (c) Low attainment in the first year, rising significantly over the three.
    pub improving_school: i64,
    /// Top third of attainment all three years (no planted anomaly, a contrast).
    pub stable_high_school: i64,
    /// (d) The demo teacher, whose mathematics class does clearly better each year.
    pub strong_mathematics_teacher: i64,
    /// That teacher's mathematics class in each completed year, oldest first.
    pub strong_mathematics_classes: [i64; 3],
    /// (e) Pupils of that teacher's class in the year under way, falling behind at its
    /// autumn point, which is [`PlantedEffects::falling_behind_point`].
    pub falling_behind_pupils: Vec<i64>,
    pub falling_behind_class: i64,
    pub falling_behind_point: i64,
}

/// Builds the demo world for `seed`. Every demo account gets `password_hash`.
pub fn generate(seed: u64, password_hash: &str) -> DemoWorld {
    generate_with(seed, password_hash, None)
}

/// The demo world with the demo head's school given another number on roll (for load
/// benchmarks of a large school). Its planted effects keep their size; the random draws of
/// the schools generated after it change, so the documented figures are for `generate`.
pub fn generate_with(seed: u64, password_hash: &str, head_school_roll: Option<i64>) -> DemoWorld {
    let mut b = Builder::new(password_hash);
    let mut system_rng = rng_for(seed, 0);

    for (k, start_year) in YEAR_STARTS.iter().enumerate() {
        b.world.years.push(YearRow {
            id: k as i64 + 1,
            name: format!("{start_year}/{:02}", (start_year + 1) % 100),
            starts_on: ymd(*start_year, Month::September, 1),
            ends_on: ymd(start_year + 1, Month::August, 31),
        });
    }
    let year_ids = [1, 2, 3];
    let in_year_id = IN_YEAR as i64 + 1;
    // Subjects are stored with their English names; pages show the measure set's name in
    // the reader's language (Mathemateg, Saesneg, Gwyddoniaeth in Welsh).
    let set = measure_set();
    for (k, code) in model::SUBJECT_CODES.iter().enumerate() {
        b.world.subjects.push(SubjectRow {
            id: k as i64 + 1,
            code: (*code).to_owned(),
            name: set
                .subject_name(code, "en")
                .expect("the measure set names the demo's subjects")
                .to_owned(),
        });
    }
    let subject_ids = [1, 2, 3];
    let prior_subject_id = PRIOR_SUBJECT_ID;
    b.world.subjects.push(SubjectRow {
        id: prior_subject_id,
        code: set.baseline.subject.clone(),
        name: set.baseline.name.en().to_owned(),
    });
    b.world.subjects.push(SubjectRow {
        id: HEADLINE_SUBJECT_ID,
        code: set.headline.subject.clone(),
        name: set.headline.name.en().to_owned(),
    });

    let mut points = Points {
        baseline: [0; YEARS],
        final_: [0; 3],
        interim: Vec::new(),
        in_year: Vec::new(),
    };
    for (k, start_year) in YEAR_STARTS[..COMPLETED_YEARS].iter().enumerate() {
        points.baseline[k] = b.point(
            year_ids[k],
            None,
            AssessmentKind::Baseline,
            "National Personalised Assessments, Year 6 (prior attainment)",
            // Taken in the spring of Year 6, five school years before Year 11.
            ymd(start_year - 5, Month::March, 14),
            (model::NPA_MIN, model::NPA_MAX),
        );
        points.final_[k] = b.point(
            year_ids[k],
            None,
            AssessmentKind::Final,
            "WJEC GCSE grades",
            ymd(start_year + 1, Month::August, 21),
            (model::GRADE_MIN, model::GRADE_MAX),
        );
    }

    // The organisation tree: system → districts → reference schools; system → cluster →
    // the six cluster schools.
    let system_id = b.org(OrgKind::System, "Demo national system", None);
    let district_ids: Vec<i64> = DISTRICTS
        .iter()
        .map(|name| b.org(OrgKind::District, name, Some(system_id)))
        .collect();
    let cluster_id = b.org(OrgKind::Cluster, cluster::CLUSTER_NAME, Some(system_id));
    let (demo, sign_ins) = cluster::demo_people(&mut b);
    b.role(demo.cluster_lead, Role::ClusterLead, cluster_id, None);

    let mut plans = Vec::new();
    for (index, spec) in cluster::SCHOOLS.iter().enumerate() {
        let id = b.org(OrgKind::School, spec.name, Some(cluster_id));
        let number_on_roll = match head_school_roll {
            Some(roll) if index == cluster::WEAK_MATHEMATICS => roll,
            _ => spec.number_on_roll,
        };
        b.world.schools.push(SchoolRow {
            id,
            code: spec.code.to_owned(),
            phase: Phase::Secondary.as_str(),
            number_on_roll,
            fsm_share: spec.fsm_share,
            head_started_on: Some(spec.head_started_on),
            is_reference_only: false,
        });
        let cohort_sizes = cohort_sizes(&mut system_rng, number_on_roll);
        plans.push(SchoolPlan {
            id,
            fsm_share: spec.fsm_share,
            number_on_roll,
            cohort_sizes: [cohort_sizes[0], cohort_sizes[1], cohort_sizes[2], 0],
            intake: spec.intake,
            minority_share: spec.minority_share,
            school_effect: spec.effect_by_year[COMPLETED_YEARS - 1],
            effect_by_year: [
                spec.effect_by_year[0],
                spec.effect_by_year[1],
                spec.effect_by_year[2],
                0.0,
            ],
            subject_effect: spec.subject_effect,
            disadvantaged_bonus: spec.disadvantaged_bonus,
            cluster_index: Some(index),
            has_interim: true,
        });
    }
    let taken: Vec<&str> = cluster::SCHOOLS.iter().map(|s| s.place).collect();
    let reference_names = names::reference_school_names(&mut system_rng, REFERENCE_SCHOOLS, &taken);
    for (k, name) in reference_names.into_iter().enumerate() {
        let district = k * DISTRICTS.len() / REFERENCE_SCHOOLS;
        let id = b.org(OrgKind::School, &name, Some(district_ids[district]));
        let mut plan = reference_plan(&mut system_rng, id);
        plan.0.has_interim = k % INTERIM_REFERENCE_EVERY == 0;
        b.world.schools.push(SchoolRow {
            id,
            code: format!("{}{:04}", 901 + district, 4001 + k),
            phase: Phase::Secondary.as_str(),
            number_on_roll: plan.1,
            fsm_share: plan.0.fsm_share,
            head_started_on: Some(head_started_on(&mut system_rng)),
            is_reference_only: true,
        });
        plans.push(plan.0);
    }

    // Staff of the cluster schools, and the weak-mathematics school's interim points.
    let mut departments = Vec::new();
    for (index, spec) in cluster::SCHOOLS.iter().enumerate() {
        let mut rng = rng_for(seed, stream(index, STAFF_STREAM));
        let demo_people = (index == cluster::WEAK_MATHEMATICS).then_some(&demo);
        departments.push(cluster::staff(
            &mut b,
            &mut rng,
            plans[index].id,
            spec,
            subject_ids,
            demo_people,
        ));
    }
    let latest = COMPLETED_YEARS - 1;
    // Predicted grades in the last two years, in the cluster and a sample of reference
    // schools: last year's with its finals train projections that this year's finals check.
    for year in INTERIM_YEARS {
        for plan in plans.iter().filter(|p| p.has_interim) {
            let autumn = b.point(
                year_ids[year],
                Some(plan.id),
                AssessmentKind::Interim,
                "Autumn predicted grades",
                ymd(YEAR_STARTS[year], Month::December, 5),
                (model::GRADE_MIN, model::GRADE_MAX),
            );
            let spring = b.point(
                year_ids[year],
                Some(plan.id),
                AssessmentKind::Interim,
                "Spring predicted grades",
                ymd(YEAR_STARTS[year] + 1, Month::March, 20),
                (model::GRADE_MIN, model::GRADE_MAX),
            );
            points.interim.push((plan.id, year, [autumn, spring]));
        }
    }
    // The year under way: a baseline and, where schools record predicted grades, their
    // autumn predictions; no finals yet.
    points.baseline[IN_YEAR] = b.point(
        in_year_id,
        None,
        AssessmentKind::Baseline,
        "National Personalised Assessments, Year 6 (prior attainment)",
        ymd(YEAR_STARTS[IN_YEAR] - 5, Month::March, 14),
        (model::NPA_MIN, model::NPA_MAX),
    );
    for plan in plans.iter().filter(|p| p.has_interim) {
        let autumn = b.point(
            in_year_id,
            Some(plan.id),
            AssessmentKind::Interim,
            "Autumn predicted grades",
            ymd(YEAR_STARTS[IN_YEAR], Month::November, 6),
            (model::GRADE_MIN, model::GRADE_MAX),
        );
        points.in_year.push((plan.id, autumn));
    }

    // Pupils, classes and results, one cohort per school and year.
    let mut strong_classes = [0; 3];
    let mut falling_behind = Vec::new();
    for (index, plan) in plans.iter().enumerate() {
        for year in 0..COMPLETED_YEARS {
            let mut rng = rng_for(seed, stream(index, year as u64));
            // Further subjects and predicted grades draw from their own stream.
            let mut more = rng_for(seed, stream(index, FURTHER_STREAM + year as u64));
            let cohort = Cohort {
                plan,
                year,
                year_id: year_ids[year],
                points: &points,
            };
            let pupils = cohort.pupils(&mut b, &mut rng);
            match plan.cluster_index {
                None => cohort.reference_results(&mut b, &mut rng, &mut more, &pupils),
                Some(c) => {
                    let strong_teacher =
                        (c == cluster::WEAK_MATHEMATICS).then_some(demo.mathematics_teacher);
                    let taught = cohort.classes(
                        &mut b,
                        &mut rng,
                        &pupils,
                        &departments[c],
                        subject_ids,
                        strong_teacher,
                    );
                    if c == cluster::WEAK_MATHEMATICS {
                        strong_classes[year] = taught.class_of(demo.mathematics_teacher);
                    }
                    cohort.cluster_results(
                        &mut b,
                        &mut rng,
                        &mut more,
                        &pupils,
                        &taught,
                        subject_ids,
                    );
                }
            }
        }
    }

    // The year under way, after every completed year so their rows keep their ids: Year 11
    // of the schools that record predicted grades, with their autumn predictions.
    let mut falling_behind_class = 0;
    for (index, plan) in plans.iter_mut().enumerate() {
        if !plan.has_interim {
            continue;
        }
        let mut rng = rng_for(seed, in_year_stream(index));
        let mut more = rng_for(seed, in_year_stream(index) + 1);
        plan.cohort_sizes[IN_YEAR] = cohort_sizes(&mut rng, plan.number_on_roll)[0];
        plan.effect_by_year[IN_YEAR] = match plan.cluster_index {
            Some(_) => plan.school_effect,
            None => plan.school_effect + model::normal(&mut rng, model::SCHOOL_YEAR_SD),
        };
        let cohort = Cohort {
            plan,
            year: IN_YEAR,
            year_id: in_year_id,
            points: &points,
        };
        let pupils = cohort.pupils(&mut b, &mut rng);
        let Some(c) = plan.cluster_index else {
            cohort.predictions_so_far(&mut b, &mut rng, &mut more, &pupils, None, &[]);
            continue;
        };
        let strong_teacher = (c == cluster::WEAK_MATHEMATICS).then_some(demo.mathematics_teacher);
        let taught = cohort.classes(
            &mut b,
            &mut rng,
            &pupils,
            &departments[c],
            subject_ids,
            strong_teacher,
        );
        let planted = match strong_teacher {
            Some(teacher) => {
                falling_behind_class = taught.class_of(teacher);
                cohort.pick_falling_behind(&mut rng, &pupils, &taught, teacher)
            }
            None => Vec::new(),
        };
        cohort.predictions_so_far(
            &mut b,
            &mut rng,
            &mut more,
            &pupils,
            Some(&taught),
            &planted,
        );
        falling_behind.extend(planted.iter().map(|&p| pupils[p].id));
    }

    let school_of = |c: usize| plans[c].id;
    let weak_mathematics_school = school_of(cluster::WEAK_MATHEMATICS);
    let interim_points = points
        .of(weak_mathematics_school, latest)
        .expect("the weak-mathematics school has interim points");
    let falling_behind_point = points
        .in_year_of(weak_mathematics_school)
        .expect("the weak-mathematics school has predicted grades this year");
    let planted = PlantedEffects {
        system_id,
        cluster_id,
        cluster_schools: (0..cluster::SCHOOLS.len()).map(school_of).collect(),
        year_ids,
        in_year_id,
        subject_ids,
        prior_subject_id,
        headline_subject_id: HEADLINE_SUBJECT_ID,
        baseline_points: [points.baseline[0], points.baseline[1], points.baseline[2]],
        final_points: points.final_,
        in_year_baseline_point: points.baseline[IN_YEAR],
        interim_points,
        all_interim_points: points
            .interim
            .iter()
            .map(|&(school, year, ids)| (school, year_ids[year], ids))
            .collect(),
        in_year_points: points.in_year.clone(),
        strong_for_disadvantaged_school: school_of(cluster::STRONG_FOR_DISADVANTAGED),
        weak_mathematics_school,
        improving_school: school_of(cluster::IMPROVING),
        stable_high_school: school_of(cluster::STABLE_HIGH),
        strong_mathematics_teacher: demo.mathematics_teacher,
        strong_mathematics_classes: strong_classes,
        falling_behind_pupils: falling_behind,
        falling_behind_class,
        falling_behind_point,
    };
    DemoWorld {
        world: b.world,
        sign_ins,
        planted,
    }
}

/// Year 11 cohorts of 2023/24, 2024/25 and 2025/26, complete with finals, and of 2026/27,
/// the year under way, by the calendar year each starts in.
const YEAR_STARTS: [i32; YEARS] = [2023, 2024, 2025, 2026];
const YEARS: usize = 4;
/// The first three years are complete; the last is [`IN_YEAR`].
const COMPLETED_YEARS: usize = 3;
/// The year under way (an index into [`YEAR_STARTS`]): predicted grades so far, no finals.
const IN_YEAR: usize = 3;
/// The demo's today, early in the year under way: the autumn predictions are in.
pub const TODAY: Date = time::macros::date!(2026 - 12 - 05);
const REFERENCE_SCHOOLS: usize = 312;
const DISTRICTS: [&str; 6] = [
    "Gwent Levels district",
    "Severnside district",
    "Brecon Beacons district",
    "Pembroke Coast district",
    "Marches district",
    "Cardigan Bay district",
];
/// A set of about this many pupils per class.
const CLASS_SIZE: usize = 28;
const CLASS_PREFIX: [&str; 3] = ["11En", "11Ma", "11Sc"];
/// The strong teacher teaches the second mathematics set (prior attainment above the
/// middle, so neither the floor nor the ceiling of the grade scale blunts the effect).
const STRONG_TEACHER_SET: usize = 1;
/// Each school has one random stream per year, one per year for further subjects and
/// predicted grades, and one for its staff.
const FURTHER_STREAM: u64 = 3;
const STAFF_STREAM: u64 = 7;
/// Years (indices into [`YEAR_STARTS`]) with predicted grades: the last two.
const INTERIM_YEARS: [usize; 2] = [1, 2];
/// Every seventh reference school has predicted grades too (45 schools, about 6,900 pupils
/// a year), so a projection trained on one year's can be checked on the next's finals.
const INTERIM_REFERENCE_EVERY: usize = 7;

pub(crate) type DemoRng = ChaCha8Rng;

/// An independent ChaCha stream of the seed: each school-year draws from its own, so adding
/// a school or a draw elsewhere leaves the others' pupils unchanged.
fn rng_for(seed: u64, stream: u64) -> DemoRng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(stream);
    rng
}

fn stream(school_index: usize, within: u64) -> u64 {
    1 + school_index as u64 * 8 + within
}

/// The two streams of a school's cohort in the year under way (cohort, then predictions),
/// apart from every other so the completed years draw exactly as before it was added.
fn in_year_stream(school_index: usize) -> u64 {
    IN_YEAR_STREAMS + school_index as u64 * 2
}
const IN_YEAR_STREAMS: u64 = 1 << 32;

fn ymd(year: i32, month: Month, day: u8) -> Date {
    Date::from_calendar_date(year, month, day).expect("a valid calendar date")
}

/// The school-level part of the model for one school, and who its pupils are. The year
/// under way's entries are filled in when its cohort is drawn.
struct SchoolPlan {
    id: i64,
    fsm_share: f64,
    number_on_roll: i64,
    cohort_sizes: [usize; YEARS],
    intake: f64,
    minority_share: f64,
    /// The school's lasting effect: a reference school's `u_j`, a cluster school's last
    /// completed year's effect.
    school_effect: f64,
    effect_by_year: [f64; YEARS],
    subject_effect: [f64; 3],
    disadvantaged_bonus: f64,
    cluster_index: Option<usize>,
    /// Whether the school records predicted grades (interim points) in the last two years.
    has_interim: bool,
}

/// A reference school drawn at random: FSM share, size, intake and random effects. Returns
/// the plan and the number on roll.
fn reference_plan(rng: &mut DemoRng, id: i64) -> (SchoolPlan, i64) {
    // FSM share ~ Beta(2, 6.5): mean 0.24, a tail past 0.5, every band 1–4 well filled.
    let fsm_share: f64 = rng.sample(Beta::new(2.0, 6.5).expect("valid Beta parameters"));
    let fsm_share = (fsm_share.clamp(0.01, 0.75) * 1000.0).round() / 1000.0;
    let number_on_roll =
        ((950.0 + model::normal(rng, 260.0)).clamp(350.0, 1800.0) / 5.0).round() as i64 * 5;
    let minority_share: f64 = rng.sample(Beta::new(0.7, 4.0).expect("valid Beta parameters"));
    let intake = model::INTAKE_PER_FSM_SHARE * (fsm_share - model::INTAKE_FSM_CENTRE)
        + model::normal(rng, model::INTAKE_SD);
    let school_effect = model::normal(rng, model::SCHOOL_SD);
    let effect_by_year = [(); 3].map(|_| school_effect + model::normal(rng, model::SCHOOL_YEAR_SD));
    let subject_effect = [(); 3].map(|_| model::normal(rng, model::SCHOOL_SUBJECT_SD));
    let sizes = cohort_sizes(rng, number_on_roll);
    let plan = SchoolPlan {
        id,
        fsm_share,
        number_on_roll,
        cohort_sizes: [sizes[0], sizes[1], sizes[2], 0],
        intake,
        minority_share,
        school_effect,
        effect_by_year: [effect_by_year[0], effect_by_year[1], effect_by_year[2], 0.0],
        subject_effect,
        disadvantaged_bonus: 0.0,
        cluster_index: None,
        has_interim: false,
    };
    (plan, number_on_roll)
}

/// Year 11 is about a sixth of the roll, varying a little from year to year.
fn cohort_sizes(rng: &mut DemoRng, number_on_roll: i64) -> [usize; 3] {
    [(); 3].map(|_| {
        let size = number_on_roll as f64 / 6.2 * (1.0 + model::normal(rng, 0.05));
        size.round().max(20.0) as usize
    })
}

/// Heads' time in post is roughly exponential (mean 6.5 years, at most 30) before the
/// latest year starts; heads start in September, January or April.
fn head_started_on(rng: &mut DemoRng) -> Date {
    let u: f64 = rng.random();
    let years = ((-(1.0 - u).ln() * 6.5).floor() as i32).min(30);
    let start = YEAR_STARTS[COMPLETED_YEARS - 1] - years;
    let term: f64 = rng.random();
    if term < 0.6 {
        ymd(start, Month::September, 1)
    } else if term < 0.85 {
        ymd(start, Month::January, 6)
    } else {
        ymd(start, Month::April, 20)
    }
}

/// The assessment points of the world, by year.
struct Points {
    baseline: [i64; YEARS],
    /// Completed years only.
    final_: [i64; 3],
    /// (school, year index, [autumn, spring]) of each school with predicted grades.
    interim: Vec<(i64, usize, [i64; 2])>,
    /// (school, autumn point) in the year under way.
    in_year: Vec<(i64, i64)>,
}

impl Points {
    /// A school's autumn point in the year under way, if it records predicted grades.
    fn in_year_of(&self, school: i64) -> Option<i64> {
        self.in_year
            .iter()
            .find(|(s, _)| *s == school)
            .map(|(_, point)| *point)
    }

    /// A school's autumn and spring points in a year, if it has them.
    fn of(&self, school: i64, year: usize) -> Option<[i64; 2]> {
        self.interim
            .iter()
            .find(|(s, y, _)| *s == school && *y == year)
            .map(|(_, _, ids)| *ids)
    }
}

/// A generated pupil as the outcome model sees them.
struct CohortPupil {
    id: i64,
    context: PupilContext,
    prior: f64,
    ability: f64,
}

/// Which class (and so which teacher effect) each pupil has in each subject.
struct Taught {
    /// Per subject: (class id, teacher id, teacher effect) of each class.
    classes: [Vec<(i64, i64, f64)>; 3],
    /// Per subject, per pupil (cohort order): index into `classes[subject]`.
    class_of_pupil: [Vec<usize>; 3],
}

impl Taught {
    /// The mathematics class `teacher` teaches this year.
    fn class_of(&self, teacher: i64) -> i64 {
        self.classes[model::MATHEMATICS]
            .iter()
            .find(|(_, t, _)| *t == teacher)
            .map(|(class, _, _)| *class)
            .expect("the strong teacher teaches a mathematics class every year")
    }

    fn teacher_effect(&self, subject: usize, pupil: usize) -> f64 {
        self.classes[subject][self.class_of_pupil[subject][pupil]].2
    }
}

/// One school's Year 11 in one year.
struct Cohort<'a> {
    plan: &'a SchoolPlan,
    year: usize,
    year_id: i64,
    points: &'a Points,
}

impl Cohort<'_> {
    /// Draws the cohort's pupils with their context and prior attainment, writing their rows
    /// and baseline results.
    fn pupils(&self, b: &mut Builder, rng: &mut DemoRng) -> Vec<CohortPupil> {
        let cluster_school = self.plan.cluster_index.map(|c| &cluster::SCHOOLS[c]);
        // Year 11 of the year starting in September Y was born September Y−16 to August Y−15.
        let start_year = YEAR_STARTS[self.year];
        let born_from = ymd(start_year - 16, Month::September, 1);
        let days = (ymd(start_year - 15, Month::August, 31) - born_from).whole_days();
        let size = self.plan.cohort_sizes[self.year];
        let mut pupils = Vec::with_capacity(size);
        for _ in 0..size {
            let disadvantaged = rng.random_bool(self.plan.fsm_share);
            let g: f64 = rng.random();
            let gender = if g < model::GENDER_OTHER_SHARE {
                Gender::Other
            } else if g < model::GENDER_OTHER_SHARE + model::FEMALE_SHARE {
                Gender::Female
            } else {
                Gender::Male
            };
            let s: f64 = rng.random();
            let band = usize::from(disadvantaged);
            let sen = if s < model::SEN_PLAN_SHARE[band] {
                Sen::Plan
            } else if s < model::SEN_PLAN_SHARE[band] + model::SEN_SUPPORT_SHARE[band] {
                Sen::Support
            } else {
                Sen::None
            };
            let (ethnicity, eal_share, ethnicity_effect) =
                if rng.random_bool(model::UNCLASSIFIED_SHARE) {
                    (None, model::WHITE_EAL_SHARE, 0.0)
                } else if rng.random_bool(self.plan.minority_share.clamp(0.0, 1.0)) {
                    let u: f64 = rng.random();
                    let mut cumulative = 0.0;
                    let mut chosen = model::MINORITY_GROUPS[model::MINORITY_GROUPS.len() - 1];
                    for group in model::MINORITY_GROUPS {
                        cumulative += group.1;
                        if u < cumulative {
                            chosen = group;
                            break;
                        }
                    }
                    (Some(chosen.0), chosen.2, chosen.3)
                } else {
                    (Some(model::WHITE), model::WHITE_EAL_SHARE, 0.0)
                };
            let eal = rng.random_bool(eal_share);
            let birth_date = born_from + Duration::days(rng.random_range(0..=days));
            let months_younger = (u8::from(birth_date.month()) + 12 - 9) % 12;
            let context = PupilContext {
                disadvantaged,
                sen_support: sen == Sen::Support,
                sen_plan: sen == Sen::Plan,
                eal,
                female: gender == Gender::Female,
                months_younger,
                ethnicity_effect,
            };
            let prior = model::prior_attainment(rng, self.plan.intake, &context);
            let ability = model::normal(rng, model::ABILITY_SD);
            let display_name = cluster_school.map(|school| {
                let female = match gender {
                    Gender::Female => Some(true),
                    Gender::Male => Some(false),
                    Gender::Other => None,
                };
                let pool = pupil_name_pool(rng, ethnicity, eal, school.welsh_medium);
                names::person_name(rng, pool, female)
            });
            let id = b.next_pupil();
            b.world.pupils.push(PupilRow {
                id,
                school_id: self.plan.id,
                pseudonym: format!("P-{id:06}"),
                display_name,
                cohort_year_id: Some(self.year_id),
                disadvantaged: Some(disadvantaged),
                sen: Some(sen.as_str()),
                eal: Some(eal),
                gender: Some(gender.as_str()),
                birth_date: Some(birth_date),
                ethnicity_group: ethnicity.map(str::to_owned),
            });
            b.world.results.push(ResultRow {
                pupil_id: id,
                assessment_point_id: self.points.baseline[self.year],
                subject_id: PRIOR_SUBJECT_ID,
                score: model::npa_score(prior),
            });
            pupils.push(CohortPupil {
                id,
                context,
                prior,
                ability,
            });
        }
        pupils
    }

    /// The continuous outcome of `pupil` in `subject` before rounding to a grade.
    fn outcome(
        &self,
        rng: &mut DemoRng,
        pupil: &CohortPupil,
        subject: usize,
        teacher_effect: f64,
    ) -> f64 {
        let bonus = if pupil.context.disadvantaged {
            self.plan.disadvantaged_bonus
        } else {
            0.0
        };
        model::population_curve(pupil.prior, subject)
            + model::context_effect(&pupil.context, subject)
            + bonus
            + self.plan.effect_by_year[self.year]
            + self.plan.subject_effect[subject]
            + teacher_effect
            + pupil.ability
            + model::normal(rng, model::SUBJECT_NOISE_SD)
    }

    /// The outcome of `pupil` in the `k`th further subject (one not modelled on its own):
    /// the same model, borrowing the modelled subjects' context terms in turn, with the
    /// school's effect of the year but no school-by-subject or teacher effect.
    fn further_outcome(&self, rng: &mut DemoRng, pupil: &CohortPupil, k: usize) -> f64 {
        let subject = k % 3;
        let bonus = if pupil.context.disadvantaged {
            self.plan.disadvantaged_bonus
        } else {
            0.0
        };
        model::population_curve(pupil.prior, subject) - model::SUBJECT_OFFSET[subject]
            + model::context_effect(&pupil.context, subject)
            + bonus
            + self.plan.effect_by_year[self.year]
            + pupil.ability
            + model::normal(rng, model::SUBJECT_NOISE_SD)
    }

    /// The pupil's Capped 9 points score at the final point: the measure set's points of
    /// the best nine of their grades in the three modelled subjects and the further ones
    /// (drawn here, not stored one by one).
    fn headline_result(
        &self,
        b: &mut Builder,
        more: &mut DemoRng,
        pupil: &CohortPupil,
        modelled: [f64; 3],
    ) {
        let mut grades = modelled.to_vec();
        grades.extend(
            (0..model::FURTHER_SUBJECTS)
                .map(|k| model::as_grade(self.further_outcome(more, pupil, k))),
        );
        b.result(
            pupil.id,
            self.points.final_[self.year],
            HEADLINE_SUBJECT_ID,
            measure_set().best_points(&grades),
        );
    }

    /// The school's interim points this year, autumn first: autumn and spring in a
    /// completed year, autumn so far in the year under way; none if it records no
    /// predicted grades.
    fn interim_points(&self) -> Vec<i64> {
        if self.year == IN_YEAR {
            self.points.in_year_of(self.plan.id).into_iter().collect()
        } else {
            self.points
                .of(self.plan.id, self.year)
                .map(Vec::from)
                .unwrap_or_default()
        }
    }

    /// A teacher's predicted grades from the pupil's latent outcome: a little cautious,
    /// noisier in autumn.
    fn predicted_results(
        &self,
        b: &mut Builder,
        more: &mut DemoRng,
        pupil: i64,
        subject_id: i64,
        latent: f64,
    ) {
        for (k, point) in self.interim_points().iter().enumerate() {
            let predicted =
                latent + model::INTERIM_BIAS[k] + model::normal(more, model::INTERIM_SD[k]);
            b.result(pupil, *point, subject_id, model::as_grade(predicted));
        }
    }

    fn reference_results(
        &self,
        b: &mut Builder,
        rng: &mut DemoRng,
        more: &mut DemoRng,
        pupils: &[CohortPupil],
    ) {
        for pupil in pupils {
            let mut grades = [0.0; 3];
            for (subject, grade) in grades.iter_mut().enumerate() {
                let latent = self.outcome(rng, pupil, subject, 0.0);
                *grade = model::as_grade(latent);
                let subject_id = subject as i64 + 1;
                b.result(pupil.id, self.points.final_[self.year], subject_id, *grade);
                self.predicted_results(b, more, pupil.id, subject_id, latent);
            }
            self.headline_result(b, more, pupil, grades);
        }
    }

    /// Year 11 classes for each subject, each with one teacher, every pupil in one class per
    /// subject: mathematics set by prior attainment (set 1 highest), English and science
    /// mixed. In the weak-mathematics school the strong teacher always has the second set.
    fn classes(
        &self,
        b: &mut Builder,
        rng: &mut DemoRng,
        pupils: &[CohortPupil],
        departments: &cluster::Departments,
        subject_ids: [i64; 3],
        strong_teacher: Option<i64>,
    ) -> Taught {
        let sets = pupils.len().div_ceil(CLASS_SIZE).max(1);
        let mut taught = Taught {
            classes: Default::default(),
            class_of_pupil: Default::default(),
        };
        for subject in 0..3 {
            let mut order: Vec<usize> = (0..pupils.len()).collect();
            if subject == model::MATHEMATICS {
                // Setting by prior attainment, blurred: schools also weigh teachers' views.
                let mut keyed: Vec<(f64, usize)> = order
                    .iter()
                    .map(|&p| (-(pupils[p].prior + model::normal(rng, 2.0)), p))
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                order = keyed.into_iter().map(|(_, p)| p).collect();
            } else {
                order.shuffle(rng);
            }
            let staff = &departments.0[subject];
            let strong = strong_teacher.filter(|_| subject == model::MATHEMATICS);
            let teachers = assign_teachers(rng, staff, sets, strong);
            let mut class_of_pupil = vec![0; pupils.len()];
            let mut next = 0;
            for (set, &(teacher, effect)) in teachers.iter().enumerate() {
                let class_id = b.next_class();
                b.world.classes.push(ClassRow {
                    id: class_id,
                    school_id: self.plan.id,
                    year_id: self.year_id,
                    subject_id: Some(subject_ids[subject]),
                    name: format!("{}{}", CLASS_PREFIX[subject], set + 1),
                    year_group: Some(11),
                });
                b.world.class_teachers.push((class_id, teacher));
                // Near-equal sizes: the first `len % sets` classes take one pupil more.
                let size = pupils.len() / sets + usize::from(set < pupils.len() % sets);
                for &p in &order[next..next + size] {
                    class_of_pupil[p] = set;
                    b.world.enrolments.push((class_id, pupils[p].id));
                }
                next += size;
                taught.classes[subject].push((class_id, teacher, effect));
            }
            taught.class_of_pupil[subject] = class_of_pupil;
        }
        taught
    }

    /// The planted pupils falling behind: drawn from the upper half (by prior attainment) of
    /// the strong teacher's mathematics class of the year under way, among the pupils whose
    /// planted prediction cannot reach the bottom of the grade scale, where it would be
    /// clamped to U and so fall short of the planted gap. Returns indices into `pupils`.
    fn pick_falling_behind(
        &self,
        rng: &mut DemoRng,
        pupils: &[CohortPupil],
        taught: &Taught,
        teacher: i64,
    ) -> Vec<usize> {
        let m = model::MATHEMATICS;
        let set = taught.classes[m]
            .iter()
            .position(|(_, t, _)| *t == teacher)
            .expect("the teacher has a class");
        let mut class: Vec<usize> = (0..pupils.len())
            .filter(|&p| taught.class_of_pupil[m][p] == set)
            .collect();
        let half = class.len().div_ceil(2);
        class.retain(|&p| has_room_to_fall_behind(pupils[p].prior));
        class.sort_by(|&a, &b| pupils[b].prior.total_cmp(&pupils[a].prior).then(a.cmp(&b)));
        class.truncate(half.max(cluster::FALLING_BEHIND_PUPILS));
        class.shuffle(rng);
        class.truncate(cluster::FALLING_BEHIND_PUPILS);
        class.sort_unstable();
        class
    }

    /// Final grades and the Capped 9 points score, and in the last two years the autumn
    /// and spring predicted grades.
    fn cluster_results(
        &self,
        b: &mut Builder,
        rng: &mut DemoRng,
        more: &mut DemoRng,
        pupils: &[CohortPupil],
        taught: &Taught,
        subject_ids: [i64; 3],
    ) {
        for (p, pupil) in pupils.iter().enumerate() {
            let mut grades = [0.0; 3];
            for (subject, &subject_id) in subject_ids.iter().enumerate() {
                let latent = self.outcome(rng, pupil, subject, taught.teacher_effect(subject, p));
                grades[subject] = model::as_grade(latent);
                b.result(
                    pupil.id,
                    self.points.final_[self.year],
                    subject_id,
                    grades[subject],
                );
                self.predicted_results(b, more, pupil.id, subject_id, latent);
            }
            self.headline_result(b, more, pupil, grades);
        }
    }

    /// The year under way: predicted grades so far from each pupil's latent outcome (no
    /// final, no Capped 9 score), with the class's teacher effect where there are classes;
    /// the planted pupils' mathematics prediction is set far below their expectation.
    fn predictions_so_far(
        &self,
        b: &mut Builder,
        rng: &mut DemoRng,
        more: &mut DemoRng,
        pupils: &[CohortPupil],
        taught: Option<&Taught>,
        falling_behind: &[usize],
    ) {
        for (p, pupil) in pupils.iter().enumerate() {
            for subject in 0..3 {
                let subject_id = subject as i64 + 1;
                let teacher = taught.map_or(0.0, |t| t.teacher_effect(subject, p));
                let latent = self.outcome(rng, pupil, subject, teacher);
                if subject == model::MATHEMATICS && falling_behind.contains(&p) {
                    for point in self.interim_points() {
                        // Noise only downwards and the grade rounded down: rounded to the
                        // nearest grade, a draw half a grade up could land a pupil short
                        // of the planted gap (seed 7 once did: 2.4 grades behind).
                        let below = model::normal(more, cluster::FALLING_BEHIND_SD).abs();
                        let predicted = (falling_behind_prediction(pupil.prior) - below).floor();
                        b.result(pupil.id, point, subject_id, model::as_grade(predicted));
                    }
                } else {
                    self.predicted_results(b, more, pupil.id, subject_id, latent);
                }
            }
        }
    }
}

/// A planted pupil's mathematics prediction before its noise: the population curve (the
/// expected grade of an average pupil with this starting point) less the planted shortfall.
fn falling_behind_prediction(prior: f64) -> f64 {
    model::population_curve(prior, model::MATHEMATICS) + cluster::FALLING_BEHIND_AUTUMN
}

/// Whether a pupil with this starting point can be planted falling behind without the
/// bottom of the grade scale blunting it: even three standard deviations of noise below,
/// the prediction stays on the scale instead of being clamped up to U.
fn has_room_to_fall_behind(prior: f64) -> bool {
    falling_behind_prediction(prior) - 3.0 * cluster::FALLING_BEHIND_SD >= model::GRADE_MIN
}

/// Teachers of a subject's `sets` classes this year: the department shuffled, each taking a
/// set in turn; in the strong teacher's department that teacher takes exactly
/// [`STRONG_TEACHER_SET`].
fn assign_teachers(
    rng: &mut DemoRng,
    staff: &[(i64, f64)],
    sets: usize,
    strong_teacher: Option<i64>,
) -> Vec<(i64, f64)> {
    let strong = staff
        .iter()
        .copied()
        .find(|&(id, _)| Some(id) == strong_teacher);
    let mut others: Vec<(i64, f64)> = staff
        .iter()
        .copied()
        .filter(|&(id, _)| Some(id) != strong_teacher)
        .collect();
    others.shuffle(rng);
    let mut others = others.into_iter().cycle();
    (0..sets)
        .map(|set| match strong {
            Some(teacher)
                if set == STRONG_TEACHER_SET || (sets <= STRONG_TEACHER_SET && set == 0) =>
            {
                teacher
            }
            _ => others.next().expect("a department has teachers"),
        })
        .collect()
}

/// Names follow the pupil's background; some are in their own script.
fn pupil_name_pool(
    rng: &mut DemoRng,
    ethnicity: Option<&str>,
    eal: bool,
    welsh_medium: bool,
) -> &'static names::NamePool {
    let u: f64 = rng.random();
    match ethnicity {
        Some("Mixed") => {
            if u < 0.5 {
                &names::ENGLISH
            } else if u < 0.8 {
                &names::AFRICAN_CARIBBEAN
            } else {
                &names::WELSH
            }
        }
        Some("Asian") if eal && u < 0.2 => &names::BENGALI,
        Some("Asian") if u < 0.65 => &names::SOUTH_ASIAN,
        Some("Asian") => &names::INDIAN,
        Some("Black") => &names::AFRICAN_CARIBBEAN,
        Some("Chinese") if eal && u < 0.6 => &names::CHINESE,
        Some("Chinese") => &names::CHINESE_LATIN,
        Some("Any other ethnic group") if eal && u < 0.4 => &names::ARABIC,
        Some("Any other ethnic group") => &names::ARABIC_LATIN,
        _ if eal && u < 0.3 => &names::UKRAINIAN,
        _ if eal && u < 0.75 => &names::POLISH,
        _ if eal => &names::ROMANIAN,
        _ => {
            let welsh_share = if welsh_medium { 0.75 } else { 0.45 };
            if u < welsh_share {
                &names::WELSH
            } else {
                &names::ENGLISH
            }
        }
    }
}

const PRIOR_SUBJECT_ID: i64 = 4;
const HEADLINE_SUBJECT_ID: i64 = 5;

/// The world under construction, with the next free id of each table.
pub(crate) struct Builder {
    world: World,
    password_hash: String,
    emails: HashSet<String>,
    next_org: i64,
    next_person: i64,
    next_pupil: i64,
    next_class: i64,
    next_point: i64,
}

impl Builder {
    fn new(password_hash: &str) -> Self {
        Builder {
            world: World::default(),
            password_hash: password_hash.to_owned(),
            emails: HashSet::new(),
            next_org: 1,
            next_person: 1,
            next_pupil: 1,
            next_class: 1,
            next_point: 1,
        }
    }

    fn org(&mut self, kind: OrgKind, name: &str, parent_id: Option<i64>) -> i64 {
        let id = self.next_org;
        self.next_org += 1;
        self.world.orgs.push(OrgRow {
            id,
            kind: kind.as_str(),
            name: name.to_owned(),
            parent_id,
        });
        id
    }

    /// A person; `signs_in` gives them the demo password. An e-mail address already taken
    /// gets a number before the `@`.
    fn person(&mut self, display_name: String, email: Option<String>, signs_in: bool) -> i64 {
        let id = self.next_person;
        self.next_person += 1;
        let email = email.map(|email| {
            let mut unique = email.clone();
            let mut n = 2;
            while self.emails.contains(&unique) {
                let (local, domain) = email.split_once('@').expect("an e-mail address has an @");
                unique = format!("{local}{n}@{domain}");
                n += 1;
            }
            self.emails.insert(unique.clone());
            unique
        });
        let password_hash = signs_in.then(|| self.password_hash.clone());
        self.world.people.push(PersonRow {
            id,
            email,
            display_name,
            password_hash,
        });
        id
    }

    fn role(&mut self, person_id: i64, role: Role, org_id: i64, subject_id: Option<i64>) {
        self.world.roles.push(RoleRow {
            person_id,
            role: role.as_str(),
            org_id,
            subject_id,
        });
    }

    fn point(
        &mut self,
        year_id: i64,
        school_id: Option<i64>,
        kind: AssessmentKind,
        name: &str,
        taken_on: Date,
        (scale_min, scale_max): (f64, f64),
    ) -> i64 {
        let id = self.next_point;
        self.next_point += 1;
        self.world.assessment_points.push(AssessmentPointRow {
            id,
            year_id,
            school_id,
            kind: kind.as_str(),
            name: name.to_owned(),
            taken_on,
            scale_min: Some(scale_min),
            scale_max: Some(scale_max),
        });
        id
    }

    fn next_pupil(&mut self) -> i64 {
        self.next_pupil += 1;
        self.next_pupil - 1
    }

    fn next_class(&mut self) -> i64 {
        self.next_class += 1;
        self.next_class - 1
    }

    fn result(&mut self, pupil_id: i64, assessment_point_id: i64, subject_id: i64, score: f64) {
        self.world.results.push(ResultRow {
            pupil_id,
            assessment_point_id,
            subject_id,
            score,
        });
    }
}
