//! The Cwm Taf Valleys cluster: six schools the demo users belong to, each with the effect
//! planted in it (docs/demo-data.md says which page shows which), their staff and the
//! demo sign-ins.

use super::names::{self, NamePool};
use super::{Builder, DemoRng, DemoSignIn, model};
use headway_domain::roles::Role;
use rand::RngExt;
use time::Date;
use time::macros::date;

pub(super) const CLUSTER_NAME: &str = "Cwm Taf Valleys cluster";
pub(super) const EMAIL_DOMAIN: &str = "demo.headway.school";

/// One cluster school: its context and the school-level part of the outcome model, fixed
/// rather than drawn so the planted effects are exactly what the documentation says.
pub(super) struct ClusterSchool {
    pub name: &'static str,
    /// The place in the name, kept out of the reference schools' names.
    pub place: &'static str,
    pub code: &'static str,
    /// Staff e-mail addresses are `given.family@{email_label}.demo.headway.school`.
    pub email_label: &'static str,
    pub fsm_share: f64,
    pub number_on_roll: i64,
    pub head_started_on: Date,
    /// Welsh-medium: more of its pupils carry Welsh names.
    pub welsh_medium: bool,
    /// School-level prior-attainment offset of the intake (scaled-score points).
    pub intake: f64,
    pub minority_share: f64,
    /// School effect on every outcome, per year (2023/24, 2024/25, 2025/26), in grades; the
    /// year under way (2026/27) keeps the last.
    pub effect_by_year: [f64; 3],
    /// School-by-subject effect (English, mathematics, science), in grades.
    pub subject_effect: [f64; 3],
    /// Extra progress of the school's disadvantaged pupils, in grades.
    pub disadvantaged_bonus: f64,
}

/// Index of the demo head's school (weak in mathematics, head new in post) in [`SCHOOLS`].
pub(super) const WEAK_MATHEMATICS: usize = 0;
pub(super) const STRONG_FOR_DISADVANTAGED: usize = 1;
pub(super) const IMPROVING: usize = 2;
pub(super) const STABLE_HIGH: usize = 3;

/// Mathematics effect in the weak school, and the strong teacher's class effect there.
pub(super) const WEAK_MATHEMATICS_EFFECT: f64 = -0.75;
pub(super) const STRONG_TEACHER_EFFECT: f64 = 1.0;
/// Pupils planted in the strong teacher's class of the year under way, falling behind in
/// mathematics: their autumn predicted grade sits at least this far below the population
/// curve (further by the size of a draw of sd [`FALLING_BEHIND_SD`], rounded down to a
/// whole grade).
pub(super) const FALLING_BEHIND_PUPILS: usize = 5;
pub(super) const FALLING_BEHIND_AUTUMN: f64 = -3.0;
pub(super) const FALLING_BEHIND_SD: f64 = 0.25;

pub(super) const SCHOOLS: [ClusterSchool; 6] = [
    ClusterSchool {
        name: "Cwmderwen High School",
        place: "Cwmderwen",
        code: "9104001",
        email_label: "cwmderwen",
        fsm_share: 0.27,
        number_on_roll: 1040,
        head_started_on: date!(2024 - 09 - 01),
        welsh_medium: false,
        intake: -0.5,
        minority_share: 0.12,
        effect_by_year: [0.0, 0.0, 0.0],
        subject_effect: [0.0, WEAK_MATHEMATICS_EFFECT, 0.0],
        disadvantaged_bonus: 0.0,
    },
    ClusterSchool {
        name: "Pont Haearn Community School",
        place: "Pont Haearn",
        code: "9104002",
        email_label: "ponthaearn",
        fsm_share: 0.44,
        number_on_roll: 880,
        head_started_on: date!(2009 - 09 - 01),
        welsh_medium: false,
        intake: -2.5,
        minority_share: 0.06,
        effect_by_year: [0.0, 0.0, 0.0],
        subject_effect: [0.0, 0.0, 0.0],
        disadvantaged_bonus: 0.8,
    },
    ClusterSchool {
        name: "Glan Cynon High School",
        place: "Glan Cynon",
        code: "9104003",
        email_label: "glancynon",
        fsm_share: 0.33,
        number_on_roll: 960,
        // In post seven years: the experienced head of a like school (FSM band 3) whom
        // Headway suggests as a coach for Heol Las Academy's head (band 4, value added
        // significantly below), so the cluster lead's heads' page has a live suggestion.
        head_started_on: date!(2019 - 09 - 01),
        welsh_medium: false,
        intake: -2.0,
        minority_share: 0.05,
        effect_by_year: [-0.7, 0.0, 0.8],
        subject_effect: [0.0, 0.0, 0.0],
        disadvantaged_bonus: 0.0,
    },
    ClusterSchool {
        name: "Ysgol Gyfun Bryn Taf",
        place: "Bryn Taf",
        code: "9104004",
        email_label: "bryntaf",
        fsm_share: 0.07,
        number_on_roll: 1180,
        head_started_on: date!(2013 - 01 - 07),
        welsh_medium: true,
        intake: 2.5,
        minority_share: 0.04,
        effect_by_year: [0.35, 0.35, 0.35],
        subject_effect: [0.0, 0.0, 0.0],
        disadvantaged_bonus: 0.0,
    },
    ClusterSchool {
        name: "Ysgol Gyfun Llwyn Onn",
        place: "Llwyn Onn",
        code: "9104005",
        email_label: "llwynonn",
        fsm_share: 0.14,
        number_on_roll: 820,
        head_started_on: date!(2017 - 04 - 24),
        welsh_medium: true,
        intake: 0.5,
        minority_share: 0.03,
        effect_by_year: [0.1, 0.05, 0.1],
        subject_effect: [0.1, 0.0, -0.1],
        disadvantaged_bonus: 0.0,
    },
    ClusterSchool {
        name: "Heol Las Academy",
        place: "Heol Las",
        code: "9104006",
        email_label: "heollas",
        fsm_share: 0.38,
        number_on_roll: 1100,
        head_started_on: date!(2023 - 01 - 09),
        welsh_medium: false,
        intake: -1.5,
        minority_share: 0.24,
        effect_by_year: [-0.1, -0.1, -0.05],
        subject_effect: [0.0, 0.1, 0.0],
        disadvantaged_bonus: 0.0,
    },
];

/// The people behind the demo sign-ins, created first so their ids are 1–7.
pub(super) struct DemoPeople {
    pub head: i64,
    pub senior_leader: i64,
    pub head_of_mathematics: i64,
    pub mathematics_teacher: i64,
    pub data_manager: i64,
    pub governor: i64,
    pub cluster_lead: i64,
}

/// Creates the demo accounts (all in the weak-mathematics school but the cluster lead) and
/// returns them with the sign-ins the lead prints. Their roles are added with the staff.
pub(super) fn demo_people(b: &mut Builder) -> (DemoPeople, Vec<DemoSignIn>) {
    let school = SCHOOLS[WEAK_MATHEMATICS].name;
    let accounts = [
        ("head", "Rhian Morgan", "Headteacher", school),
        (
            "senior.leader",
            "Gareth Llewellyn",
            "Senior leader (deputy head)",
            school,
        ),
        (
            "head.of.maths",
            "Dafydd Hughes",
            "Head of mathematics (middle leader)",
            school,
        ),
        ("teacher", "Anwen Price", "Teacher of mathematics", school),
        ("data.manager", "Mark Jenkins", "Data manager", school),
        ("governor", "Eleri Rees", "Governor", school),
        ("cluster.lead", "Huw Bevan", "Cluster lead", CLUSTER_NAME),
    ];
    let mut ids = Vec::new();
    let mut sign_ins = Vec::new();
    for (local, name, label, org) in accounts {
        let email = format!("{local}@{EMAIL_DOMAIN}");
        ids.push(b.person(name.to_owned(), Some(email.clone()), true));
        sign_ins.push(DemoSignIn {
            email,
            display_name: name.to_owned(),
            role_label: label.to_owned(),
            school_name: org.to_owned(),
        });
    }
    let people = DemoPeople {
        head: ids[0],
        senior_leader: ids[1],
        head_of_mathematics: ids[2],
        mathematics_teacher: ids[3],
        data_manager: ids[4],
        governor: ids[5],
        cluster_lead: ids[6],
    };
    (people, sign_ins)
}

/// A school's teaching staff by department (English, mathematics, science): the middle
/// leader first, each with the teacher's effect on their classes' outcomes.
pub(super) struct Departments(pub [Vec<(i64, f64)>; 3]);

/// Staff of one cluster school with their roles: a head, two senior leaders, a middle
/// leader and three to five teachers per department, support staff, two governors and a
/// data manager. In the demo head's school some of them are the demo accounts.
pub(super) fn staff(
    b: &mut Builder,
    rng: &mut DemoRng,
    school_id: i64,
    spec: &ClusterSchool,
    subject_ids: [i64; 3],
    demo: Option<&DemoPeople>,
) -> Departments {
    let hire = |b: &mut Builder, rng: &mut DemoRng, demo_person: Option<i64>| {
        demo_person.unwrap_or_else(|| {
            let pool = staff_pool(rng);
            let name = names::person_name(rng, pool, None);
            let email = staff_email(&name, spec.email_label);
            b.person(name, Some(email), false)
        })
    };
    let head = hire(b, rng, demo.map(|d| d.head));
    b.role(head, Role::Head, school_id, None);
    for k in 0..2 {
        let leader = hire(b, rng, demo.filter(|_| k == 0).map(|d| d.senior_leader));
        b.role(leader, Role::SeniorLeader, school_id, None);
    }
    let mut departments: [Vec<(i64, f64)>; 3] = Default::default();
    for (subject, department) in departments.iter_mut().enumerate() {
        let is_mathematics = subject == model::MATHEMATICS;
        let leader = hire(
            b,
            rng,
            demo.filter(|_| is_mathematics)
                .map(|d| d.head_of_mathematics),
        );
        b.role(
            leader,
            Role::MiddleLeader,
            school_id,
            Some(subject_ids[subject]),
        );
        department.push((leader, model::normal(rng, model::TEACHER_SD)));
        let teachers = rng.random_range(3..=5);
        for k in 0..teachers {
            let demo_teacher = demo
                .filter(|_| is_mathematics && k == 0)
                .map(|d| d.mathematics_teacher);
            let teacher = hire(b, rng, demo_teacher);
            b.role(
                teacher,
                Role::Teacher,
                school_id,
                Some(subject_ids[subject]),
            );
            let effect = if demo_teacher.is_some() {
                STRONG_TEACHER_EFFECT
            } else {
                model::normal(rng, model::TEACHER_SD)
            };
            department.push((teacher, effect));
        }
    }
    for _ in 0..rng.random_range(3..=5) {
        let assistant = hire(b, rng, None);
        b.role(assistant, Role::SupportStaff, school_id, None);
    }
    for k in 0..2 {
        let governor = hire(b, rng, demo.filter(|_| k == 0).map(|d| d.governor));
        b.role(governor, Role::Governor, school_id, None);
    }
    let data_manager = hire(b, rng, demo.map(|d| d.data_manager));
    b.role(data_manager, Role::DataManager, school_id, None);
    Departments(departments)
}

/// Staff are mostly Welsh and English by name, with a few from elsewhere.
fn staff_pool(rng: &mut DemoRng) -> &'static NamePool {
    let u: f64 = rng.random();
    if u < 0.6 {
        &names::WELSH
    } else if u < 0.9 {
        &names::ENGLISH
    } else if u < 0.95 {
        &names::SOUTH_ASIAN
    } else {
        &names::AFRICAN_CARIBBEAN
    }
}

/// `given.family@label.demo.headway.school`, letters folded to ASCII; made unique by
/// [`Builder::person`].
fn staff_email(name: &str, label: &str) -> String {
    let local: String = name
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('.'),
            'â' | 'á' | 'à' | 'ä' | 'ą' => Some('a'),
            'ê' | 'é' | 'è' | 'ë' | 'ę' | 'ě' => Some('e'),
            'î' | 'í' | 'ï' => Some('i'),
            'ô' | 'ó' | 'ö' => Some('o'),
            'û' | 'ú' | 'ü' => Some('u'),
            'ŵ' => Some('w'),
            'ŷ' | 'ý' => Some('y'),
            c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect();
    format!("{local}@{label}.{EMAIL_DOMAIN}")
}
