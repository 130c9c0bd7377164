//! The demo world's promises: deterministic, internally consistent, shaped as documented,
//! and carrying each planted effect clearly enough for the progress pages to find it.

use super::*;
use headway_app::progress::projection::{Threshold, calibrate_rows, fit_year};
use headway_domain::school::FsmBandCuts;
use headway_stats::projection::CalibrationBin;
use headway_store::progress::ProjectionRow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::LazyLock;

const HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

static DEMO: LazyLock<DemoWorld> = LazyLock::new(|| generate(DEFAULT_SEED, HASH));
static ANALYSIS: LazyLock<Analysis<'static>> = LazyLock::new(|| Analysis::of(&DEMO));

/// A hash of every field of every row, floats by their bits.
fn fingerprint(w: &World) -> u64 {
    let mut h = DefaultHasher::new();
    let date = |d: Option<Date>| d.map(Date::to_julian_day);
    for o in &w.orgs {
        (o.id, o.kind, &o.name, o.parent_id).hash(&mut h);
    }
    for s in &w.schools {
        (
            s.id,
            &s.code,
            s.phase,
            s.number_on_roll,
            s.fsm_share.to_bits(),
        )
            .hash(&mut h);
        (date(s.head_started_on), s.is_reference_only).hash(&mut h);
    }
    for s in &w.subjects {
        (s.id, &s.code, &s.name).hash(&mut h);
    }
    for p in &w.people {
        (p.id, &p.email, &p.display_name, &p.password_hash).hash(&mut h);
    }
    for r in &w.roles {
        (r.person_id, r.role, r.org_id, r.subject_id).hash(&mut h);
    }
    for y in &w.years {
        (
            y.id,
            &y.name,
            date(Some(y.starts_on)),
            date(Some(y.ends_on)),
        )
            .hash(&mut h);
    }
    for p in &w.pupils {
        (
            p.id,
            p.school_id,
            &p.pseudonym,
            &p.display_name,
            p.cohort_year_id,
        )
            .hash(&mut h);
        (
            p.disadvantaged,
            p.sen,
            p.eal,
            p.gender,
            date(p.birth_date),
            &p.ethnicity_group,
        )
            .hash(&mut h);
    }
    for c in &w.classes {
        (
            c.id,
            c.school_id,
            c.year_id,
            c.subject_id,
            &c.name,
            c.year_group,
        )
            .hash(&mut h);
    }
    (&w.class_teachers, &w.enrolments).hash(&mut h);
    for a in &w.assessment_points {
        (
            a.id,
            a.year_id,
            a.school_id,
            a.kind,
            &a.name,
            date(Some(a.taken_on)),
        )
            .hash(&mut h);
        (a.scale_min.map(f64::to_bits), a.scale_max.map(f64::to_bits)).hash(&mut h);
    }
    for r in &w.results {
        (
            r.pupil_id,
            r.assessment_point_id,
            r.subject_id,
            r.score.to_bits(),
        )
            .hash(&mut h);
    }
    h.finish()
}

#[test]
fn the_same_seed_gives_the_identical_world() {
    let again = generate(DEFAULT_SEED, HASH);
    assert_eq!(again.world.results.len(), DEMO.world.results.len());
    assert_eq!(again.world.pupils.len(), DEMO.world.pupils.len());
    assert_eq!(fingerprint(&again.world), fingerprint(&DEMO.world));
    assert_eq!(again.sign_ins, DEMO.sign_ins);
    assert_eq!(
        again.planted.falling_behind_pupils,
        DEMO.planted.falling_behind_pupils
    );
}

#[test]
fn different_seeds_give_different_worlds_of_the_same_shape() {
    let other = generate(DEFAULT_SEED + 1, HASH);
    assert_ne!(fingerprint(&other.world), fingerprint(&DEMO.world));
    assert_eq!(other.world.schools.len(), DEMO.world.schools.len());
    assert_eq!(
        other.sign_ins, DEMO.sign_ins,
        "sign-ins do not depend on the seed"
    );
}

fn unique<T: std::hash::Hash + Eq>(what: &str, items: impl IntoIterator<Item = T>) -> HashSet<T> {
    let mut seen = HashSet::new();
    for item in items {
        assert!(seen.insert(item), "duplicate {what}");
    }
    seen
}

#[test]
fn ids_are_unique_and_every_reference_points_to_an_existing_row() {
    let w = &DEMO.world;
    let orgs = unique("org id", w.orgs.iter().map(|o| o.id));
    let schools = unique("school id", w.schools.iter().map(|s| s.id));
    let people = unique("person id", w.people.iter().map(|p| p.id));
    let years = unique("year id", w.years.iter().map(|y| y.id));
    let subjects = unique("subject id", w.subjects.iter().map(|s| s.id));
    let pupils = unique("pupil id", w.pupils.iter().map(|p| p.id));
    let classes = unique("class id", w.classes.iter().map(|c| c.id));
    let points = unique(
        "assessment point id",
        w.assessment_points.iter().map(|a| a.id),
    );
    unique("school code", w.schools.iter().map(|s| s.code.as_str()));
    unique("e-mail", w.people.iter().filter_map(|p| p.email.as_deref()));
    unique("year name", w.years.iter().map(|y| y.name.as_str()));
    unique("subject code", w.subjects.iter().map(|s| s.code.as_str()));
    unique("pseudonym", w.pupils.iter().map(|p| p.pseudonym.as_str()));
    unique(
        "role assignment",
        w.roles
            .iter()
            .map(|r| (r.person_id, r.role, r.org_id, r.subject_id)),
    );
    unique("class teacher", w.class_teachers.iter().copied());
    unique("enrolment", w.enrolments.iter().copied());
    unique(
        "result",
        w.results
            .iter()
            .map(|r| (r.pupil_id, r.assessment_point_id, r.subject_id)),
    );

    // Orgs are listed parents first, as one transaction with foreign keys needs.
    let mut earlier = HashSet::new();
    for org in &w.orgs {
        if let Some(parent) = org.parent_id {
            assert!(
                earlier.contains(&parent),
                "org {} before its parent",
                org.id
            );
        }
        earlier.insert(org.id);
    }
    let org_kind: HashMap<i64, &str> = w.orgs.iter().map(|o| (o.id, o.kind)).collect();
    for school in &w.schools {
        assert_eq!(org_kind.get(&school.id), Some(&"school"));
    }
    for role in &w.roles {
        assert!(people.contains(&role.person_id) && orgs.contains(&role.org_id));
        assert!(role.subject_id.is_none_or(|s| subjects.contains(&s)));
    }
    for pupil in &w.pupils {
        assert!(schools.contains(&pupil.school_id));
        assert!(pupil.cohort_year_id.is_some_and(|y| years.contains(&y)));
    }
    for class in &w.classes {
        assert!(schools.contains(&class.school_id) && years.contains(&class.year_id));
        assert!(class.subject_id.is_some_and(|s| subjects.contains(&s)));
    }
    for (class, person) in &w.class_teachers {
        assert!(classes.contains(class) && people.contains(person));
    }
    for (class, pupil) in &w.enrolments {
        assert!(classes.contains(class) && pupils.contains(pupil));
    }
    for point in &w.assessment_points {
        assert!(years.contains(&point.year_id));
        assert!(point.school_id.is_none_or(|s| schools.contains(&s)));
    }
    for result in &w.results {
        assert!(pupils.contains(&result.pupil_id));
        assert!(points.contains(&result.assessment_point_id));
        assert!(subjects.contains(&result.subject_id));
    }
    for id in DEMO
        .planted
        .cluster_schools
        .iter()
        .chain(&DEMO.planted.falling_behind_pupils)
    {
        assert!(schools.contains(id) || pupils.contains(id));
    }
}

#[test]
fn stored_names_are_ones_the_schema_allows() {
    use headway_domain::pupil::{AssessmentKind, Gender, Sen};
    use headway_domain::roles::Role;
    use headway_domain::school::{OrgKind, Phase};
    let w = &DEMO.world;
    assert!(w.orgs.iter().all(|o| o.kind.parse::<OrgKind>().is_ok()));
    assert!(w.schools.iter().all(|s| s.phase.parse::<Phase>().is_ok()));
    assert!(
        w.schools
            .iter()
            .all(|s| (0.0..=1.0).contains(&s.fsm_share) && s.number_on_roll >= 0)
    );
    assert!(w.roles.iter().all(|r| r.role.parse::<Role>().is_ok()));
    assert!(
        w.assessment_points
            .iter()
            .all(|a| a.kind.parse::<AssessmentKind>().is_ok())
    );
    assert!(
        w.pupils
            .iter()
            .all(|p| p.sen.is_some_and(|s| s.parse::<Sen>().is_ok()))
    );
    assert!(
        w.pupils
            .iter()
            .all(|p| p.gender.is_some_and(|g| g.parse::<Gender>().is_ok()))
    );
}

#[test]
fn the_system_holds_over_300_reference_schools_in_districts_and_a_cluster_of_six() {
    let w = &DEMO.world;
    let org: HashMap<i64, &OrgRow> = w.orgs.iter().map(|o| (o.id, o)).collect();
    let system = DEMO.planted.system_id;
    assert_eq!(org[&system].kind, "system");
    let reference: Vec<&SchoolRow> = w.schools.iter().filter(|s| s.is_reference_only).collect();
    assert!(
        reference.len() >= 300,
        "{} reference schools",
        reference.len()
    );
    for school in &reference {
        let district = org[&org[&school.id].parent_id.expect("a parent")];
        assert_eq!(
            (district.kind, district.parent_id),
            ("district", Some(system))
        );
    }
    let cluster = org[&DEMO.planted.cluster_id];
    assert_eq!((cluster.kind, cluster.parent_id), ("cluster", Some(system)));
    let in_cluster: Vec<i64> = w
        .orgs
        .iter()
        .filter(|o| o.parent_id == Some(cluster.id))
        .map(|o| o.id)
        .collect();
    assert_eq!(in_cluster, DEMO.planted.cluster_schools);
    assert_eq!(in_cluster.len(), 6);
    assert!(w.schools.iter().all(|s| s.phase == "secondary"));
    assert_eq!(w.schools.iter().filter(|s| !s.is_reference_only).count(), 6);

    // Staff and classes belong to the cluster only.
    let reference_ids: HashSet<i64> = reference.iter().map(|s| s.id).collect();
    assert!(
        w.classes
            .iter()
            .all(|c| !reference_ids.contains(&c.school_id))
    );
    assert!(w.roles.iter().all(|r| !reference_ids.contains(&r.org_id)));

    // Three completed cohorts per school, and a cohort of the year under way where the
    // school records predicted grades; about 100–160 thousand pupils in all.
    let mut cohorts: HashSet<(i64, i64)> = HashSet::new();
    for pupil in &w.pupils {
        cohorts.insert((pupil.school_id, pupil.cohort_year_id.expect("a cohort")));
    }
    let in_year = DEMO.planted.in_year_id;
    let with_predictions: HashSet<i64> = DEMO
        .planted
        .in_year_points
        .iter()
        .map(|&(s, _)| s)
        .collect();
    assert_eq!(
        cohorts.iter().filter(|(_, y)| *y != in_year).count(),
        w.schools.len() * 3
    );
    let in_year_schools: HashSet<i64> = cohorts
        .iter()
        .filter(|(_, y)| *y == in_year)
        .map(|&(s, _)| s)
        .collect();
    assert_eq!(in_year_schools, with_predictions);
    assert!(
        DEMO.planted
            .cluster_schools
            .iter()
            .all(|s| in_year_schools.contains(s))
    );
    assert!(
        (100_000..=160_000).contains(&w.pupils.len()),
        "{} pupils",
        w.pupils.len()
    );
}

#[test]
fn schools_span_the_fsm_bands_and_heads_both_new_and_long_serving() {
    let w = &DEMO.world;
    let cuts = FsmBandCuts::default();
    let mut bands = BTreeMap::new();
    for school in &w.schools {
        *bands
            .entry(cuts.band(school.fsm_share).number())
            .or_insert(0) += 1;
    }
    for band in 1..=4 {
        assert!(
            bands.get(&band).copied().unwrap_or(0) >= w.schools.len() / 10,
            "bands {bands:?}"
        );
    }
    let cluster_bands: HashSet<u8> = w
        .schools
        .iter()
        .filter(|s| !s.is_reference_only)
        .map(|s| cuts.band(s.fsm_share).number())
        .collect();
    assert_eq!(cluster_bands.len(), 4, "the cluster covers all four bands");

    let latest_start = ymd(2025, Month::September, 1);
    let years_in_post: Vec<i64> = w
        .schools
        .iter()
        .map(|s| (latest_start - s.head_started_on.expect("a date")).whole_days() / 365)
        .collect();
    assert!(years_in_post.iter().all(|&y| y >= 0));
    assert!(years_in_post.iter().filter(|&&y| y <= 3).count() >= w.schools.len() / 5);
    assert!(years_in_post.iter().filter(|&&y| y >= 10).count() >= w.schools.len() / 10);
    let weak = school(DEMO.planted.weak_mathematics_school);
    assert!(latest_start - weak.head_started_on.expect("a date") < Duration::days(2 * 365));
}

fn school(id: i64) -> &'static SchoolRow {
    DEMO.world
        .schools
        .iter()
        .find(|s| s.id == id)
        .expect("the school exists")
}

#[test]
fn pupils_context_follows_the_school_and_the_cohort_year() {
    let w = &DEMO.world;
    let year_of: HashMap<i64, &YearRow> = w.years.iter().map(|y| (y.id, y)).collect();
    let mut months = HashSet::new();
    let mut by_school: HashMap<i64, (f64, f64)> = HashMap::new();
    for pupil in &w.pupils {
        let year = year_of[&pupil.cohort_year_id.expect("a cohort")];
        let born = pupil.birth_date.expect("a birth date");
        // Year 11 in a year starting September Y: born September Y−16 to August Y−15.
        assert!(
            born >= year
                .starts_on
                .replace_year(year.starts_on.year() - 16)
                .expect("a date")
        );
        assert!(
            born <= year
                .ends_on
                .replace_year(year.ends_on.year() - 16)
                .expect("a date")
        );
        months.insert(born.month());
        let entry = by_school.entry(pupil.school_id).or_default();
        entry.0 += 1.0;
        entry.1 += f64::from(u8::from(pupil.disadvantaged == Some(true)));
        let is_cluster = DEMO.planted.cluster_schools.contains(&pupil.school_id);
        assert_eq!(
            pupil.display_name.is_some(),
            is_cluster,
            "names for cluster pupils only"
        );
    }
    assert_eq!(months.len(), 12);
    // The disadvantaged share of a school's pupils tracks its FSM share.
    for school in &w.schools {
        let (n, disadvantaged) = by_school[&school.id];
        let sd = (school.fsm_share * (1.0 - school.fsm_share) / n).sqrt();
        assert!((disadvantaged / n - school.fsm_share).abs() < 5.0 * sd + 0.01);
    }
    let count = |f: &dyn Fn(&PupilRow) -> bool| w.pupils.iter().filter(|p| f(p)).count() as f64;
    let n = w.pupils.len() as f64;
    let share = |k: f64| k / n;
    assert!((0.08..0.2).contains(&share(count(&|p| p.sen == Some("support")))));
    assert!((0.01..0.05).contains(&share(count(&|p| p.sen == Some("plan")))));
    assert!((0.03..0.2).contains(&share(count(&|p| p.eal == Some(true)))));
    assert!((0.45..0.53).contains(&share(count(&|p| p.gender == Some("female")))));
    assert!(count(&|p| p.gender == Some("other")) > 0.0);
    assert!(count(&|p| p.ethnicity_group.is_none()) > 0.0);
    let non_latin = w
        .pupils
        .iter()
        .filter_map(|p| p.display_name.as_deref())
        .filter(|name| name.chars().any(|c| c as u32 > 0x2FF))
        .count();
    assert!(non_latin >= 3, "{non_latin} names in other scripts");
}

#[test]
fn every_cluster_pupil_is_in_one_class_per_subject_with_one_teacher_of_that_subject() {
    let w = &DEMO.world;
    let class: HashMap<i64, &ClassRow> = w.classes.iter().map(|c| (c.id, c)).collect();
    let pupil: HashMap<i64, &PupilRow> = w.pupils.iter().map(|p| (p.id, p)).collect();
    let mut per_pupil_subject: HashMap<(i64, i64), usize> = HashMap::new();
    for (class_id, pupil_id) in &w.enrolments {
        let (c, p) = (class[class_id], pupil[pupil_id]);
        assert_eq!(
            (c.school_id, Some(c.year_id), c.year_group),
            (p.school_id, p.cohort_year_id, Some(11))
        );
        *per_pupil_subject
            .entry((p.id, c.subject_id.expect("a subject")))
            .or_default() += 1;
    }
    let cluster_pupils = w
        .pupils
        .iter()
        .filter(|p| DEMO.planted.cluster_schools.contains(&p.school_id))
        .count();
    assert_eq!(per_pupil_subject.len(), cluster_pupils * 3);
    assert!(per_pupil_subject.values().all(|&n| n == 1));

    let mut teachers_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for (class_id, person) in &w.class_teachers {
        teachers_of.entry(*class_id).or_default().push(*person);
    }
    for c in &w.classes {
        let teachers = &teachers_of[&c.id];
        assert_eq!(teachers.len(), 1, "class {} has one teacher", c.id);
        let teaches_subject = w.roles.iter().any(|r| {
            r.person_id == teachers[0]
                && r.org_id == c.school_id
                && r.subject_id == c.subject_id
                && (r.role == "teacher" || r.role == "middle_leader")
        });
        assert!(
            teaches_subject,
            "class {}'s teacher belongs to its department",
            c.id
        );
    }
    let sizes: Vec<usize> = w
        .classes
        .iter()
        .map(|c| {
            w.enrolments
                .iter()
                .filter(|(class, _)| *class == c.id)
                .count()
        })
        .collect();
    assert!(
        sizes.iter().all(|&n| (15..=32).contains(&n)),
        "class sizes {sizes:?}"
    );
}

#[test]
fn each_cluster_school_is_fully_staffed_and_the_cluster_has_a_lead() {
    let w = &DEMO.world;
    for &school in &DEMO.planted.cluster_schools {
        let count = |role: &str| {
            w.roles
                .iter()
                .filter(|r| r.org_id == school && r.role == role)
                .count()
        };
        assert_eq!(count("head"), 1);
        assert_eq!(count("senior_leader"), 2);
        assert_eq!(count("middle_leader"), 3);
        assert!((8..=15).contains(&count("teacher")));
        assert!(count("support_staff") >= 1);
        assert_eq!(count("governor"), 2);
        assert_eq!(count("data_manager"), 1);
        let departments: HashSet<Option<i64>> = w
            .roles
            .iter()
            .filter(|r| r.org_id == school && r.role == "middle_leader")
            .map(|r| r.subject_id)
            .collect();
        assert_eq!(
            departments,
            DEMO.planted.subject_ids.iter().map(|&s| Some(s)).collect()
        );
    }
    assert!(
        w.roles
            .iter()
            .any(|r| r.role == "cluster_lead" && r.org_id == DEMO.planted.cluster_id)
    );
}

#[test]
fn sign_ins_share_the_given_password_and_hold_the_roles_they_name() {
    let w = &DEMO.world;
    let emails: Vec<&str> = DEMO.sign_ins.iter().map(|s| s.email.as_str()).collect();
    assert_eq!(
        emails,
        [
            "head@demo.headway.school",
            "senior.leader@demo.headway.school",
            "head.of.maths@demo.headway.school",
            "teacher@demo.headway.school",
            "data.manager@demo.headway.school",
            "governor@demo.headway.school",
            "cluster.lead@demo.headway.school",
        ]
    );
    let with_password: Vec<&PersonRow> = w
        .people
        .iter()
        .filter(|p| p.password_hash.is_some())
        .collect();
    assert_eq!(
        with_password.len(),
        DEMO.sign_ins.len(),
        "only demo accounts can sign in"
    );
    assert!(
        with_password
            .iter()
            .all(|p| p.password_hash.as_deref() == Some(HASH))
    );
    let person = |email: &str| {
        w.people
            .iter()
            .find(|p| p.email.as_deref() == Some(email))
            .expect("the account exists")
            .id
    };
    let holds = |email: &str, role: &str, org: i64, subject: Option<i64>| {
        let id = person(email);
        w.roles.iter().any(|r| {
            r.person_id == id && r.role == role && r.org_id == org && r.subject_id == subject
        })
    };
    let school = DEMO.planted.weak_mathematics_school;
    let maths = Some(DEMO.planted.subject_ids[1]);
    assert!(holds(emails[0], "head", school, None));
    assert!(holds(emails[1], "senior_leader", school, None));
    assert!(holds(emails[2], "middle_leader", school, maths));
    assert!(holds(emails[3], "teacher", school, maths));
    assert!(holds(emails[4], "data_manager", school, None));
    assert!(holds(emails[5], "governor", school, None));
    assert!(holds(
        emails[6],
        "cluster_lead",
        DEMO.planted.cluster_id,
        None
    ));
    assert_eq!(person(emails[3]), DEMO.planted.strong_mathematics_teacher);
    for class in DEMO.planted.strong_mathematics_classes {
        assert!(w.class_teachers.contains(&(class, person(emails[3]))));
    }
    let school_name = &w
        .orgs
        .iter()
        .find(|o| o.id == school)
        .expect("the school")
        .name;
    assert!(
        DEMO.sign_ins[..6]
            .iter()
            .all(|s| &s.school_name == school_name)
    );
}

#[test]
fn results_sit_on_their_scales_at_points_of_the_pupils_year_and_school() {
    let w = &DEMO.world;
    let set = measure_set();
    let point: HashMap<i64, &AssessmentPointRow> =
        w.assessment_points.iter().map(|a| (a.id, a)).collect();
    let pupil: HashMap<i64, &PupilRow> = w.pupils.iter().map(|p| (p.id, p)).collect();
    let mut per_pupil: HashMap<i64, [usize; 4]> = HashMap::new();
    let headline = DEMO.planted.headline_subject_id;
    for r in &w.results {
        let (a, p) = (point[&r.assessment_point_id], pupil[&r.pupil_id]);
        assert_eq!(Some(a.year_id), p.cohort_year_id);
        assert!(a.school_id.is_none_or(|s| s == p.school_id));
        assert_eq!(r.score, r.score.round(), "whole numbers: {r:?}");
        if r.subject_id == headline {
            // The Capped 9 points score: the points of nine grades, not a grade itself.
            assert_eq!(a.kind, "final");
            assert!((0.0..=set.headline_max()).contains(&r.score), "{r:?}");
            per_pupil.entry(r.pupil_id).or_default()[3] += 1;
            continue;
        }
        assert!(
            r.score >= a.scale_min.expect("a scale") && r.score <= a.scale_max.expect("a scale")
        );
        let kind = match a.kind {
            "baseline" => {
                assert!(
                    DEMO.planted.baseline_points.contains(&a.id)
                        || a.id == DEMO.planted.in_year_baseline_point
                );
                assert_eq!(r.subject_id, DEMO.planted.prior_subject_id);
                assert_eq!(
                    (a.scale_min, a.scale_max),
                    (Some(set.baseline.min), Some(set.baseline.max)),
                    "National Personalised Assessments' reported range"
                );
                0
            }
            "final" => 1,
            _ => 2,
        };
        if kind > 0 {
            assert!(DEMO.planted.subject_ids.contains(&r.subject_id));
            assert!(set.grade(r.score).is_some(), "a WJEC grade's value: {r:?}");
        }
        per_pupil.entry(r.pupil_id).or_default()[kind] += 1;
    }
    let with_interim: HashSet<(i64, i64)> = DEMO
        .planted
        .all_interim_points
        .iter()
        .map(|&(school, year, _)| (school, year))
        .collect();
    let mut interim_pupils: BTreeMap<i64, usize> = BTreeMap::new();
    for p in &w.pupils {
        let year = p.cohort_year_id.expect("a cohort");
        if year == DEMO.planted.in_year_id {
            *interim_pupils.entry(year).or_default() += 1;
        }
        let interim = if with_interim.contains(&(p.school_id, year)) {
            *interim_pupils.entry(year).or_default() += 1;
            6
        } else {
            0
        };
        if year == DEMO.planted.in_year_id {
            // The year under way: a baseline and autumn predictions, no finals yet.
            assert_eq!(per_pupil[&p.id], [1, 0, 3, 0], "pupil {}", p.id);
            continue;
        }
        assert_eq!(per_pupil[&p.id], [1, 3, interim, 1], "pupil {}", p.id);
    }
    let interim_points: Vec<&&AssessmentPointRow> =
        point.values().filter(|a| a.kind == "interim").collect();
    assert_eq!(
        interim_points.len(),
        DEMO.planted.all_interim_points.len() * 2 + DEMO.planted.in_year_points.len(),
        "autumn and spring of each school and completed year, autumn of the year under way"
    );
    let in_year_points: Vec<i64> = DEMO
        .planted
        .in_year_points
        .iter()
        .map(|&(_, a)| a)
        .collect();
    assert!(
        point
            .values()
            .filter(|a| a.year_id == DEMO.planted.in_year_id)
            .all(|a| a.kind != "final" && (a.kind == "baseline" || in_year_points.contains(&a.id))),
        "the year under way has no final point"
    );
    assert!(interim_points.iter().all(|a| a.school_id.is_some()));
    // The last two years, each with enough pupils to train and check projections.
    let [_, last_year, latest] = DEMO.planted.year_ids;
    assert_eq!(
        interim_pupils.keys().copied().collect::<Vec<_>>(),
        [last_year, latest, DEMO.planted.in_year_id]
    );
    for (year, n) in interim_pupils {
        assert!(n >= 6_000, "year {year}: {n} pupils with predicted grades");
    }
    for school in &DEMO.planted.cluster_schools {
        for year in [last_year, latest] {
            assert!(
                with_interim.contains(&(*school, year)),
                "cluster school {school}"
            );
        }
    }
}

#[test]
fn baselines_are_age_standardised_scores_around_100_with_a_spread_near_15() {
    let prior = &ANALYSIS.prior;
    let stats = Stats::of(prior);
    assert!((stats.mean - 100.0).abs() < 2.0, "mean {}", stats.mean);
    assert!((stats.sd - 15.0).abs() < 2.0, "sd {}", stats.sd);
    let at_floor = prior.iter().filter(|&&p| p == 69.0).count() as f64 / prior.len() as f64;
    assert!(at_floor < 0.04, "{at_floor} at the floor of 69");
}

#[test]
fn the_capped_9_score_counts_the_three_modelled_grades_and_six_more() {
    let set = measure_set();
    let w = &DEMO.world;
    let finals = DEMO.planted.final_points;
    let mut grades: HashMap<i64, Vec<f64>> = HashMap::new();
    let mut capped: HashMap<i64, f64> = HashMap::new();
    for r in w
        .results
        .iter()
        .filter(|r| finals.contains(&r.assessment_point_id))
    {
        if r.subject_id == DEMO.planted.headline_subject_id {
            capped.insert(r.pupil_id, r.score);
        } else {
            grades.entry(r.pupil_id).or_default().push(r.score);
        }
    }
    // Every pupil of a completed year; the year under way has no finals yet.
    let completed = w
        .pupils
        .iter()
        .filter(|p| p.cohort_year_id != Some(DEMO.planted.in_year_id))
        .count();
    assert_eq!(capped.len(), completed);
    let top = set.grade(set.grade_range().1).unwrap().points;
    for (pupil, score) in &capped {
        let modelled = set.best_points(&grades[pupil]);
        assert!(
            *score >= modelled && *score <= modelled + 6.0 * top,
            "pupil {pupil}: {score} from {modelled}"
        );
    }
    // It follows the grades: pupils whose three grades are higher score higher.
    let mean_of = |keep: &dyn Fn(f64) -> bool| {
        let chosen: Vec<f64> = capped
            .iter()
            .filter(|(p, _)| keep(grades[*p].iter().sum::<f64>() / 3.0))
            .map(|(_, s)| *s)
            .collect();
        Stats::of(&chosen).mean
    };
    let (low, high) = (mean_of(&|g| g < 3.5), mean_of(&|g| g > 5.5));
    assert!(high - low > 100.0, "low {low}, high {high}");
}

#[test]
fn last_years_predicted_grades_track_the_finals_as_this_years_do() {
    let a = &*ANALYSIS;
    let planted = &DEMO.planted;
    let finals: HashMap<(i64, i64), f64> = a
        .world
        .results
        .iter()
        .filter(|r| planted.final_points.contains(&r.assessment_point_id))
        .map(|r| ((r.pupil_id, r.subject_id), r.score))
        .collect();
    let spring_points: HashMap<i64, i64> = planted
        .all_interim_points
        .iter()
        .map(|&(_, year, [_, spring])| (spring, year))
        .collect();
    let mut by_year: BTreeMap<i64, Vec<f64>> = BTreeMap::new();
    for r in &a.world.results {
        let Some(&year) = spring_points.get(&r.assessment_point_id) else {
            continue;
        };
        if planted.falling_behind_pupils.contains(&r.pupil_id) {
            continue;
        }
        by_year
            .entry(year)
            .or_default()
            .push(r.score - finals[&(r.pupil_id, r.subject_id)]);
    }
    assert_eq!(by_year.len(), 2);
    for (year, differences) in by_year {
        let stats = Stats::of(&differences);
        assert!(
            (-0.4..0.2).contains(&stats.mean) && stats.sd < 1.2,
            "year {year}: spring minus final {} ± {}",
            stats.mean,
            stats.sd
        );
    }
}

/// Value added as ANALYTICS.md §2 computes it: each pupil's outcome minus the mean outcome of
/// all pupils of the same year and subject in the same prior-attainment group (five points
/// of the age-standardised score).
/// Interim results are compared with the same year's final expectations; those of the year
/// under way, which has none, with the latest completed year's (as the app judges them).
struct Analysis<'a> {
    world: &'a World,
    finals: [i64; 3],
    /// Pupils and their prior attainment, by pupil id − 1.
    pupils: &'a [PupilRow],
    prior: Vec<f64>,
    /// Year index (0–2) of each assessment point, by point id.
    year_of_point: Vec<usize>,
    /// Expected final outcome by [year index][subject id][prior group].
    expected: Vec<Vec<Vec<f64>>>,
    /// Standard deviation of pupil value added over the whole population.
    sigma: f64,
    /// (pupil, subject) → class.
    class_of: HashMap<(i64, i64), i64>,
}

const GROUPS: usize = 15;

fn prior_group(prior: f64) -> usize {
    (((prior - 69.0) / 5.0).floor() as usize).min(GROUPS - 1)
}

impl<'a> Analysis<'a> {
    fn of(demo: &'a DemoWorld) -> Analysis<'a> {
        let w = &demo.world;
        let pupils = &w.pupils[..];
        assert!(
            pupils.iter().enumerate().all(|(k, p)| p.id == k as i64 + 1),
            "dense pupil ids"
        );
        let mut prior = vec![f64::NAN; pupils.len()];
        for r in w
            .results
            .iter()
            .filter(|r| r.subject_id == demo.planted.prior_subject_id)
        {
            prior[r.pupil_id as usize - 1] = r.score;
        }
        let points = w.assessment_points.iter().map(|a| a.id).max().unwrap_or(0) as usize;
        let mut year_of_point = vec![0; points + 1];
        for a in &w.assessment_points {
            year_of_point[a.id as usize] = if a.year_id == demo.planted.in_year_id {
                demo.planted.year_ids.len() - 1
            } else {
                demo.planted
                    .year_ids
                    .iter()
                    .position(|&y| y == a.year_id)
                    .expect("a year")
            };
        }
        let subjects = w.subjects.iter().map(|s| s.id).max().unwrap_or(0) as usize + 1;
        let mut sums = vec![vec![vec![(0.0, 0.0); GROUPS]; subjects]; 3];
        // The three modelled subjects' grades; the Capped 9 score is on another scale.
        let is_final = |r: &ResultRow| {
            demo.planted.final_points.contains(&r.assessment_point_id)
                && demo.planted.subject_ids.contains(&r.subject_id)
        };
        for r in w.results.iter().filter(|r| is_final(r)) {
            let group = prior_group(prior[r.pupil_id as usize - 1]);
            let cell = &mut sums[year_of_point[r.assessment_point_id as usize]]
                [r.subject_id as usize][group];
            cell.0 += 1.0;
            cell.1 += r.score;
        }
        let expected = sums
            .into_iter()
            .map(|year| {
                year.into_iter()
                    .map(|subject| subject.into_iter().map(|(n, sum)| sum / n).collect())
                    .collect()
            })
            .collect();
        let class_subject: HashMap<i64, i64> = w
            .classes
            .iter()
            .map(|c| (c.id, c.subject_id.expect("a subject")))
            .collect();
        let mut analysis = Analysis {
            world: w,
            finals: demo.planted.final_points,
            pupils,
            prior,
            year_of_point,
            expected,
            sigma: 0.0,
            class_of: w
                .enrolments
                .iter()
                .map(|&(c, p)| ((p, class_subject[&c]), c))
                .collect(),
        };
        let all: Vec<f64> = w
            .results
            .iter()
            .filter(|r| is_final(r))
            .map(|r| analysis.value_added(r))
            .collect();
        analysis.sigma = Stats::of(&all).sd;
        analysis
    }

    fn pupil(&self, id: i64) -> &'a PupilRow {
        &self.pupils[id as usize - 1]
    }

    /// The result minus the expected final outcome of its year, subject and prior group.
    fn value_added(&self, r: &ResultRow) -> f64 {
        let group = prior_group(self.prior[r.pupil_id as usize - 1]);
        r.score
            - self.expected[self.year_of_point[r.assessment_point_id as usize]]
                [r.subject_id as usize][group]
    }

    /// Value added of the results at `points` in `subjects` of pupils `filter` accepts.
    fn values(
        &self,
        points: &[i64],
        subjects: &[i64],
        filter: impl Fn(&PupilRow) -> bool,
    ) -> Stats {
        let values: Vec<f64> = self
            .world
            .results
            .iter()
            .filter(|r| points.contains(&r.assessment_point_id) && subjects.contains(&r.subject_id))
            .filter(|r| filter(self.pupil(r.pupil_id)))
            .map(|r| self.value_added(r))
            .collect();
        Stats::of(&values)
    }

    /// ANALYTICS.md §2's interval half-width for a group of `n` results.
    fn half_width(&self, n: usize) -> f64 {
        1.96 * self.sigma / (n as f64).sqrt()
    }

    /// The system-wide final assessment points, oldest first.
    fn world_finals(&self) -> [i64; 3] {
        self.finals
    }

    /// Mean final grade (the three modelled subjects) of every school at `final_point`.
    fn attainment_by_school(&self, final_point: i64) -> HashMap<i64, Stats> {
        let mut scores: HashMap<i64, Vec<f64>> = HashMap::new();
        for r in self
            .world
            .results
            .iter()
            .filter(|r| r.assessment_point_id == final_point && ALL.contains(&r.subject_id))
        {
            scores
                .entry(self.pupil(r.pupil_id).school_id)
                .or_default()
                .push(r.score);
        }
        scores
            .into_iter()
            .map(|(school, s)| (school, Stats::of(&s)))
            .collect()
    }
}

/// The third (0 bottom, 2 top) of the distribution of schools' attainment `school` is in.
fn third(by_school: &HashMap<i64, Stats>, school: i64) -> usize {
    let mine = by_school[&school].mean;
    let below = by_school.values().filter(|s| s.mean < mine).count();
    below * 3 / by_school.len()
}

struct Stats {
    n: usize,
    mean: f64,
    sd: f64,
}

impl Stats {
    fn of(values: &[f64]) -> Stats {
        let n = values.len();
        let mean = values.iter().sum::<f64>() / n as f64;
        let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n as f64 - 1.0);
        Stats {
            n,
            mean,
            sd: variance.sqrt(),
        }
    }
}

const ALL: [i64; 3] = [1, 2, 3];

#[test]
fn the_weak_mathematics_school_is_clearly_below_in_mathematics_only() {
    let a = &*ANALYSIS;
    let school = DEMO.planted.weak_mathematics_school;
    let [english, maths, science] = DEMO.planted.subject_ids;
    for (k, &point) in DEMO.planted.final_points.iter().enumerate() {
        let va = a.values(&[point], &[maths], |p| p.school_id == school);
        let upper = va.mean + a.half_width(va.n);
        assert!(
            va.mean < -0.3 && upper < 0.0,
            "year {k}: maths VA {} (upper {upper})",
            va.mean
        );
    }
    let all_years = DEMO.planted.final_points;
    let va = a.values(&all_years, &[maths], |p| p.school_id == school);
    assert!(va.mean < -0.4, "maths VA over three years {}", va.mean);
    for subject in [english, science] {
        let va = a.values(&all_years, &[subject], |p| p.school_id == school);
        assert!(va.mean.abs() < 0.25, "subject {subject}: VA {}", va.mean);
    }
}

/// The disadvantaged gap in value added (disadvantaged minus other pupils), all subjects and
/// years, of the pupils `in_scope` accepts; and the disadvantaged pupils' value added.
fn disadvantaged_gap(a: &Analysis, in_scope: impl Fn(&PupilRow) -> bool) -> (f64, Stats) {
    let finals = a.world_finals();
    let disadvantaged = a.values(&finals, &ALL, |p| {
        in_scope(p) && p.disadvantaged == Some(true)
    });
    let others = a.values(&finals, &ALL, |p| {
        in_scope(p) && p.disadvantaged == Some(false)
    });
    (disadvantaged.mean - others.mean, disadvantaged)
}

#[test]
fn the_school_strong_for_disadvantaged_pupils_has_a_far_smaller_gap_than_the_system() {
    let a = &*ANALYSIS;
    let school = DEMO.planted.strong_for_disadvantaged_school;
    let (system_gap, _) = disadvantaged_gap(a, |_| true);
    let (school_gap, disadvantaged) = disadvantaged_gap(a, |p| p.school_id == school);
    assert!(system_gap < -0.3, "system gap {system_gap}");
    assert!(school_gap > -0.1, "school gap {school_gap}");
    assert!(
        school_gap - system_gap > 0.5,
        "school {school_gap} vs system {system_gap}"
    );
    let lower = disadvantaged.mean - a.half_width(disadvantaged.n);
    assert!(
        lower > 0.0,
        "disadvantaged VA {} (lower {lower})",
        disadvantaged.mean
    );
}

/// The improving school's attainment: its third in the first and last year, and the change
/// with its 95% half-width.
fn improvement(a: &Analysis, school: i64) -> (usize, usize, f64, f64) {
    let finals = a.world_finals();
    let (first, last) = (
        a.attainment_by_school(finals[0]),
        a.attainment_by_school(finals[2]),
    );
    let (before, after) = (&first[&school], &last[&school]);
    let se = (before.sd.powi(2) / before.n as f64 + after.sd.powi(2) / after.n as f64).sqrt();
    (
        third(&first, school),
        third(&last, school),
        after.mean - before.mean,
        1.96 * se,
    )
}

#[test]
fn the_improving_school_rises_significantly_from_the_bottom_third() {
    let (start, end, change, half_width) = improvement(&ANALYSIS, DEMO.planted.improving_school);
    assert_eq!(start, 0, "starts in the bottom third");
    assert!(end >= 1, "ends in the middle or top third");
    assert!(
        change > 0.8 && change - half_width > 0.0,
        "change {change} ± {half_width}"
    );
}

#[test]
fn the_stable_high_school_is_in_the_top_third_every_year() {
    for point in DEMO.planted.final_points {
        let by_school = ANALYSIS.attainment_by_school(point);
        assert_eq!(
            third(&by_school, DEMO.planted.stable_high_school),
            2,
            "point {point}"
        );
    }
}

/// Mathematics value added of the strong teacher's classes minus that of the school's other
/// mathematics classes, three years pooled, with the difference's 95% half-width.
fn teacher_difference(a: &Analysis, planted: &PlantedEffects) -> (f64, f64) {
    let school = planted.weak_mathematics_school;
    let maths = planted.subject_ids[1];
    let classes = planted.strong_mathematics_classes;
    let in_strong = |p: &PupilRow| classes.contains(&a.class_of[&(p.id, maths)]);
    let finals = a.world_finals();
    let theirs = a.values(&finals, &[maths], |p| p.school_id == school && in_strong(p));
    let others = a.values(&finals, &[maths], |p| {
        p.school_id == school && !in_strong(p)
    });
    let se = (theirs.sd.powi(2) / theirs.n as f64 + others.sd.powi(2) / others.n as f64).sqrt();
    (theirs.mean - others.mean, 1.96 * se)
}

#[test]
fn the_strong_teachers_mathematics_classes_beat_the_schools_other_mathematics_classes() {
    let (difference, half_width) = teacher_difference(&ANALYSIS, &DEMO.planted);
    assert!(
        difference > 0.6 && difference - half_width > 0.0,
        "difference {difference} ± {half_width}"
    );
}

/// Value added of `pupil`'s mathematics result at `point`.
fn maths_value_added(a: &Analysis, planted: &PlantedEffects, point: i64, pupil: i64) -> f64 {
    let maths = planted.subject_ids[1];
    let result = a
        .world
        .results
        .iter()
        .find(|r| r.assessment_point_id == point && r.subject_id == maths && r.pupil_id == pupil)
        .expect("a mathematics result");
    a.value_added(result)
}

/// Each planted pupil's value added at the autumn point of the year under way (against the
/// latest completed year's expectations).
fn planted_autumn(a: &Analysis, planted: &PlantedEffects) -> Vec<f64> {
    planted
        .falling_behind_pupils
        .iter()
        .map(|&p| maths_value_added(a, planted, planted.falling_behind_point, p))
        .collect()
}

#[test]
fn a_handful_of_the_teachers_pupils_this_year_fall_clearly_behind_at_the_autumn_point() {
    let a = &*ANALYSIS;
    let planted = &DEMO.planted;
    let maths = planted.subject_ids[1];
    let class = planted.falling_behind_class;
    assert_eq!(planted.falling_behind_pupils.len(), 5);
    for &pupil in &planted.falling_behind_pupils {
        assert_eq!(a.class_of[&(pupil, maths)], class);
        assert_eq!(a.pupil(pupil).cohort_year_id, Some(planted.in_year_id));
    }
    let planted_autumn = planted_autumn(a, planted);
    for &value in &planted_autumn {
        assert!(value < -2.5, "a planted pupil at {value}");
    }
    let classmates: Vec<f64> = a
        .class_of
        .iter()
        .filter(|((pupil, subject), c)| {
            *subject == maths && **c == class && !planted.falling_behind_pupils.contains(pupil)
        })
        .map(|((pupil, _), _)| maths_value_added(a, planted, planted.falling_behind_point, *pupil))
        .collect();
    // The planted pupils stand out from their class: each further behind in autumn than
    // nine in ten of their classmates, and more than two and a half grades behind the
    // class's mean. The class itself expects about +0.05 (teacher +1.0, school −0.75, autumn
    // caution −0.2) but is only about 21 pupils with a noisy autumn prediction, so it is
    // held only to being within a grade of average.
    for &value in &planted_autumn {
        let below = classmates.iter().filter(|&&c| c <= value).count();
        assert!(
            below * 10 <= classmates.len(),
            "{below} of {} classmates are as far behind as {value}",
            classmates.len()
        );
    }
    let classmates = Stats::of(&classmates);
    assert!(
        classmates.mean > -1.0,
        "the rest of the class is near its expectation: {}",
        classmates.mean
    );
    assert!(
        classmates.mean - Stats::of(&planted_autumn).mean > 2.5,
        "the planted pupils are far behind their class"
    );
}

/// The planted effects hold for any seed, not just the default: run with
/// `cargo test --release -p headway -- --ignored planted_effects_hold`.
#[test]
#[ignore = "slow: generates twenty worlds"]
fn planted_effects_hold_for_many_seeds() {
    for seed in 0..20 {
        let demo = generate(seed, HASH);
        let a = Analysis::of(&demo);
        let planted = &demo.planted;
        let (weak, maths) = (planted.weak_mathematics_school, planted.subject_ids[1]);
        for point in planted.final_points {
            let va = a.values(&[point], &[maths], |p| p.school_id == weak);
            assert!(
                va.mean + a.half_width(va.n) < 0.0,
                "seed {seed}: maths VA {}",
                va.mean
            );
        }
        let strong = planted.strong_for_disadvantaged_school;
        let (system_gap, _) = disadvantaged_gap(&a, |_| true);
        let (school_gap, _) = disadvantaged_gap(&a, |p| p.school_id == strong);
        assert!(
            school_gap - system_gap > 0.5,
            "seed {seed}: gap {school_gap} vs {system_gap}"
        );
        let (start, end, change, half_width) = improvement(&a, planted.improving_school);
        assert!(
            start == 0 && end >= 1 && change - half_width > 0.0,
            "seed {seed}: improvement"
        );
        let (difference, half_width) = teacher_difference(&a, planted);
        assert!(
            difference - half_width > 0.0,
            "seed {seed}: teacher {difference} ± {half_width}"
        );
        for (pupil, now) in planted
            .falling_behind_pupils
            .iter()
            .zip(planted_autumn(&a, planted))
        {
            assert!(now < -2.5, "seed {seed}: pupil {pupil} at {now}");
        }
    }
}

/// Prints the realised size of each planted effect for the default seed, the numbers
/// docs/demo-data.md quotes: `cargo test -p headway -- --ignored --nocapture effect_sizes`.
#[test]
#[ignore = "a report, not a check"]
fn print_planted_effect_sizes() {
    let (a, planted) = (&*ANALYSIS, &DEMO.planted);
    let maths = planted.subject_ids[1];
    println!("sigma (pupil VA sd, all finals) {:.3}", a.sigma);
    let prior = Stats::of(&a.prior);
    let at_floor = a.prior.iter().filter(|&&p| p == 69.0).count();
    let at_ceiling = a.prior.iter().filter(|&&p| p == 141.0).count();
    println!(
        "NPA baseline mean {:.1}, sd {:.1}, {at_floor} at 69, {at_ceiling} at 141 (of {})",
        prior.mean, prior.sd, prior.n
    );
    let grades: Vec<f64> = a
        .world
        .results
        .iter()
        .filter(|r| planted.final_points.contains(&r.assessment_point_id))
        .filter(|r| planted.subject_ids.contains(&r.subject_id))
        .map(|r| r.score)
        .collect();
    let g = Stats::of(&grades);
    let share = |v: f64| grades.iter().filter(|&&x| x >= v).count() as f64 / grades.len() as f64;
    println!(
        "final grades mean {:.2}, sd {:.2}; A*–C {:.1}%, A*–A {:.1}%, A* {:.1}%, U {:.1}%",
        g.mean,
        g.sd,
        100.0 * share(5.0),
        100.0 * share(7.0),
        100.0 * share(8.0),
        100.0 * (1.0 - share(1.0))
    );
    // Capped 9: simple value added in points by the same prior groups.
    let headline = planted.headline_subject_id;
    let capped: Vec<&ResultRow> = a
        .world
        .results
        .iter()
        .filter(|r| r.subject_id == headline)
        .collect();
    let mut cells = vec![vec![(0.0, 0.0); GROUPS]; 3];
    let year_of = |r: &ResultRow| a.year_of_point[r.assessment_point_id as usize];
    let group_of = |r: &ResultRow| prior_group(a.prior[r.pupil_id as usize - 1]);
    for r in &capped {
        let cell = &mut cells[year_of(r)][group_of(r)];
        cell.0 += 1.0;
        cell.1 += r.score;
    }
    let va = |r: &ResultRow| {
        let (n, sum) = cells[year_of(r)][group_of(r)];
        r.score - sum / n
    };
    let all: Vec<f64> = capped.iter().map(|r| va(r)).collect();
    let scores: Vec<f64> = capped.iter().map(|r| r.score).collect();
    let (c, cva) = (Stats::of(&scores), Stats::of(&all));
    println!(
        "Capped 9: mean {:.1}, sd {:.1}; pupil VA sd {:.1}",
        c.mean, c.sd, cva.sd
    );
    for &school in &planted.cluster_schools {
        let line: Vec<String> = (0..3)
            .map(|k| {
                let v: Vec<f64> = capped
                    .iter()
                    .filter(|r| year_of(r) == k && a.pupil(r.pupil_id).school_id == school)
                    .map(|r| va(r))
                    .collect();
                let s = Stats::of(&v);
                format!(
                    "{:+.1} ± {:.1}",
                    s.mean,
                    1.96 * cva.sd / (s.n as f64).sqrt()
                )
            })
            .collect();
        println!("school {school}: Capped 9 VA by year {}", line.join(", "));
    }
    let with_interim: HashSet<(i64, i64)> = planted
        .all_interim_points
        .iter()
        .map(|&(school, year, _)| (school, year))
        .collect();
    for year in planted.year_ids {
        let pupils = a
            .pupils
            .iter()
            .filter(|p| {
                p.cohort_year_id == Some(year) && with_interim.contains(&(p.school_id, year))
            })
            .count();
        let schools = with_interim.iter().filter(|(_, y)| *y == year).count();
        println!("year {year}: {pupils} pupils with predicted grades in {schools} schools");
    }
    for (k, point) in planted.final_points.into_iter().enumerate() {
        for (s, subject) in planted.subject_ids.into_iter().enumerate() {
            for &school in &planted.cluster_schools {
                let va = a.values(&[point], &[subject], |p| p.school_id == school);
                let hw = a.half_width(va.n);
                println!(
                    "year {k} subject {s} school {school}: VA {:+.2} ± {hw:.2} (n {})",
                    va.mean, va.n
                );
            }
        }
        let by_school = a.attainment_by_school(point);
        for &school in &planted.cluster_schools {
            let s = &by_school[&school];
            println!(
                "year {k} school {school}: attainment {:.2}, third {}",
                s.mean,
                third(&by_school, school)
            );
        }
    }
    let (system_gap, _) = disadvantaged_gap(a, |_| true);
    println!("system disadvantaged gap {system_gap:+.2}");
    for &school in &planted.cluster_schools {
        let (gap, d) = disadvantaged_gap(a, |p| p.school_id == school);
        println!(
            "school {school}: gap {gap:+.2}, disadvantaged VA {:+.2} ± {:.2}",
            d.mean,
            a.half_width(d.n)
        );
    }
    let (difference, half_width) = teacher_difference(a, planted);
    println!("strong teacher vs other maths classes: {difference:+.2} ± {half_width:.2}");
    for (k, class) in planted.strong_mathematics_classes.into_iter().enumerate() {
        let in_class = |p: &PupilRow| a.class_of.get(&(p.id, maths)) == Some(&class);
        let va = a.values(&[planted.final_points[k]], &[maths], in_class);
        println!(
            "year {k} strong class {class}: VA {:+.2} (n {})",
            va.mean, va.n
        );
    }
    let class = planted.falling_behind_class;
    let classmates: Vec<f64> = a
        .class_of
        .iter()
        .filter(|((pupil, subject), c)| {
            *subject == maths && **c == class && !planted.falling_behind_pupils.contains(pupil)
        })
        .map(|((pupil, _), _)| maths_value_added(a, planted, planted.falling_behind_point, *pupil))
        .collect();
    let s = Stats::of(&classmates);
    println!(
        "classmates of the planted pupils, autumn of the year under way: VA {:+.2} (n {})",
        s.mean, s.n
    );
    for (pupil, autumn) in planted
        .falling_behind_pupils
        .iter()
        .zip(planted_autumn(a, planted))
    {
        let below = classmates.iter().filter(|&&c| c <= autumn).count();
        println!(
            "falling behind {pupil}: autumn {autumn:+.2} ({below} of {} classmates as far behind)",
            classmates.len()
        );
    }
}

/// The rows `headway_store`'s `projection_rows` gives for a completed year of the demo, for
/// the three graded subjects: each pupil's starting point (the year's baseline), latest
/// predicted grade in the subject (by date, then point) and final grade.
fn projection_rows(demo: &DemoWorld, year: i64) -> Vec<ProjectionRow> {
    let w = &demo.world;
    let point: HashMap<i64, &AssessmentPointRow> =
        w.assessment_points.iter().map(|a| (a.id, a)).collect();
    let subjects = demo.planted.subject_ids;
    let mut prior: HashMap<i64, f64> = HashMap::new();
    let mut latest: HashMap<(i64, i64), (Date, i64, f64)> = HashMap::new();
    let mut outcome: HashMap<(i64, i64), f64> = HashMap::new();
    for r in &w.results {
        let a = point[&r.assessment_point_id];
        if a.year_id != year {
            continue;
        }
        match a.kind {
            "baseline" => {
                prior.insert(r.pupil_id, r.score);
            }
            "final" if subjects.contains(&r.subject_id) => {
                outcome.insert((r.pupil_id, r.subject_id), r.score);
            }
            "interim" => {
                let entry = latest
                    .entry((r.pupil_id, r.subject_id))
                    .or_insert((a.taken_on, a.id, r.score));
                if (a.taken_on, a.id) > (entry.0, entry.1) {
                    *entry = (a.taken_on, a.id, r.score);
                }
            }
            _ => {}
        }
    }
    let mut rows = Vec::new();
    for p in w.pupils.iter().filter(|p| p.cohort_year_id == Some(year)) {
        for subject in subjects {
            rows.push(ProjectionRow {
                pupil: p.id,
                school: p.school_id,
                pseudonym: p.pseudonym.clone(),
                display_name: None,
                subject,
                subject_name: String::new(),
                prior: prior.get(&p.id).copied(),
                interim: latest.get(&(p.id, subject)).map(|l| l.2),
                outcome: outcome.get(&(p.id, subject)).copied(),
            });
        }
    }
    rows
}

/// The demo's calibration (docs/projections.md): the app's projection models fitted on
/// 2024/25 (starting point, and the latest predicted grade where the school records them)
/// applied to 2025/26's pupils and checked against their finals, pooled over the three
/// graded subjects, per threshold of the Welsh measure set — all predictions, and those made
/// with a predicted grade alone. Every decile is within 0.03 where it rests on 500 pupils or
/// more, else within 2.5 standard errors. The figures:
/// `cargo test -p headway -- --nocapture demo_projections_are_calibrated`.
#[test]
fn demo_projections_are_calibrated_on_the_next_years_finals() {
    let thresholds: Vec<Threshold> = measure_set()
        .thresholds()
        .iter()
        .map(|g| Threshold {
            value: g.value,
            label: g.key.clone(),
        })
        .collect();
    assert!(thresholds.len() >= 2, "grade C and grade A");
    let [_, trained_on, checked] = DEMO.planted.year_ids;
    let models = fit_year(&projection_rows(&DEMO, trained_on));
    let rows = projection_rows(&DEMO, checked);
    let with_interim: Vec<ProjectionRow> = rows
        .iter()
        .filter(|r| r.interim.is_some())
        .cloned()
        .collect();
    let mut outside = Vec::new();
    for (name, rows) in [("all", &rows), ("with a predicted grade", &with_interim)] {
        let calibrated = calibrate_rows(&models, rows, &thresholds)
            .expect("the next year's pupils are predicted");
        println!(
            "{name}: {} predictions with a predicted grade, {} from the starting point only",
            calibrated.with_interim, calibrated.prior_only
        );
        assert_eq!(calibrated.thresholds.len(), thresholds.len());
        for t in &calibrated.thresholds {
            let largest = t
                .bins
                .iter()
                .map(CalibrationBin::gap)
                .max_by(|a, b| a.abs().total_cmp(&b.abs()))
                .unwrap_or(0.0);
            println!(
                "{} (at least {}): {} predictions, largest gap {largest:+.4}",
                t.threshold.label, t.threshold.value, t.pupils
            );
            for bin in &t.bins {
                println!(
                    "  {:.3}–{:.3}: n {}, predicted {:.4}, observed {:.4}, gap {:+.4}, tolerance {:.4}",
                    bin.lowest_predicted,
                    bin.highest_predicted,
                    bin.n,
                    bin.mean_predicted,
                    bin.observed_share,
                    bin.gap(),
                    bin.tolerance
                );
            }
            if !t.is_calibrated() {
                outside.push(format!(
                    "{name}, {}: largest gap {largest:+.4}",
                    t.threshold.label
                ));
            }
        }
    }
    assert!(
        outside.is_empty(),
        "deciles outside their tolerance: {outside:?}"
    );
}
