//! Forward projections: last year's reference population gives this year's pupils their
//! chances; who may see them is decided before anything is read; the calibration compares
//! last year's models with this year's finals.

use crate::harness::stores;
use headway_app::progress::ProgressError;
use headway_app::progress::projection::{
    Basis, NoProjection, ProjectionCache, Projections, Threshold, default_thresholds,
};
use headway_domain::access::{Denied, Grant, Principal};
use headway_domain::ids::{ClassId, OrgId, PersonId, PupilId, SchoolId};
use headway_domain::roles::Role;
use headway_store::seed::*;

const SCHOOL: SchoolId = SchoolId(100);
const OTHER: SchoolId = SchoolId(101);
const LAST_YEAR: i64 = 1;
const THIS_YEAR: i64 = 2;
const MATHS: i64 = 1;
const BASELINE_SUBJECT: i64 = 2;
/// The class of the school's first ten pupils this year.
const CLASS: i64 = 500;

fn day(year: i32, month: u8, day: u8) -> time::Date {
    time::Date::from_calendar_date(year, time::Month::try_from(month).unwrap(), day).unwrap()
}

fn person(role: Role, school: SchoolId) -> Principal {
    Principal {
        person: PersonId(1),
        name: format!("{role:?}"),
        grants: vec![Grant {
            role,
            org: OrgId(school.0),
            subject: None,
            schools: vec![school],
        }],
        taught_classes: Vec::new(),
    }
}

/// Pupil `i` of a school in a year: its id.
fn pupil_id(school: i64, year: i64, i: i64) -> i64 {
    school * 1000 + year * 100 + i
}

/// `schools` schools of 40 pupils in each of `years` years (baseline, an interim result
/// for three pupils in four, the final result): the final grade on a 1–9 scale rises with
/// the starting point, the interim result is the final grade with noise.
fn world(schools: i64, years: i64) -> World {
    let mut world = World {
        orgs: vec![OrgRow {
            id: 1,
            kind: "system",
            name: "System".into(),
            parent_id: None,
        }],
        subjects: vec![
            SubjectRow {
                id: MATHS,
                code: "MAT".into(),
                name: "Mathematics".into(),
            },
            SubjectRow {
                id: BASELINE_SUBJECT,
                code: "KS2".into(),
                name: "Key stage 2".into(),
            },
        ],
        ..World::default()
    };
    for year in 1..=years {
        let start = 2023 + year as i32;
        world.years.push(YearRow {
            id: year,
            name: format!("{start}/{}", start % 100 + 1),
            starts_on: day(start, 9, 1),
            ends_on: day(start + 1, 8, 31),
        });
        for (k, kind, taken_on) in [
            (1, "baseline", day(start, 9, 10)),
            (2, "interim", day(start + 1, 3, 1)),
            (3, "final", day(start + 1, 7, 1)),
        ] {
            world.assessment_points.push(AssessmentPointRow {
                id: year * 10 + k,
                year_id: year,
                school_id: None,
                kind,
                name: kind.into(),
                taken_on,
                scale_min: None,
                scale_max: None,
            });
        }
    }
    let mut state: u64 = 11;
    let mut noise = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64 - 0.5
    };
    for school in 0..schools {
        let org = 100 + school;
        world.orgs.push(OrgRow {
            id: org,
            kind: "school",
            name: format!("School {org}"),
            parent_id: Some(1),
        });
        world.schools.push(SchoolRow {
            id: org,
            code: format!("C{org}"),
            phase: "secondary",
            number_on_roll: 600,
            fsm_share: 0.2,
            head_started_on: None,
            is_reference_only: org != SCHOOL.0,
        });
        for year in 1..=years {
            if org == SCHOOL.0 && year == years {
                world.classes.push(ClassRow {
                    id: CLASS,
                    school_id: org,
                    year_id: year,
                    subject_id: Some(MATHS),
                    name: "11M1".into(),
                    year_group: Some(11),
                });
            }
            for i in 0..40 {
                let pupil = pupil_id(org, year, i);
                let prior = 88.0 + ((i * 7 + school * 3) % 32) as f64;
                world.pupils.push(PupilRow {
                    id: pupil,
                    school_id: org,
                    pseudonym: format!("P{pupil}"),
                    display_name: Some(format!("Pupil {pupil}")),
                    cohort_year_id: Some(year),
                    disadvantaged: Some(i % 4 == 1),
                    sen: Some("none"),
                    eal: Some(false),
                    gender: Some(if i % 2 == 0 { "female" } else { "male" }),
                    birth_date: Some(day(2010, 1 + (i % 12) as u8, 15)),
                    ethnicity_group: None,
                });
                if org == SCHOOL.0 && year == years && i < 10 {
                    world.enrolments.push((CLASS, pupil));
                }
                let latent = (prior - 100.0) / 5.0 + 4.5 + 3.0 * noise();
                let grade = latent.round().clamp(1.0, 9.0);
                let interim = (latent + 2.0 * noise()).round().clamp(1.0, 9.0);
                let base = year * 10;
                world.results.push(ResultRow {
                    pupil_id: pupil,
                    assessment_point_id: base + 1,
                    subject_id: BASELINE_SUBJECT,
                    score: prior,
                });
                if i % 4 != 3 {
                    world.results.push(ResultRow {
                        pupil_id: pupil,
                        assessment_point_id: base + 2,
                        subject_id: MATHS,
                        score: interim,
                    });
                }
                world.results.push(ResultRow {
                    pupil_id: pupil,
                    assessment_point_id: base + 3,
                    subject_id: MATHS,
                    score: grade,
                });
            }
        }
    }
    world
}

#[tokio::test]
async fn a_pupil_with_a_higher_starting_point_has_a_higher_chance() {
    for store in stores().await {
        store.insert_world(&world(12, 2)).await.unwrap();
        let cache = ProjectionCache::default();
        let projections = Projections::new(&store, &cache);
        let head = person(Role::Head, SCHOOL);
        let thresholds = default_thresholds();
        let found = projections
            .school(&head, SCHOOL, None, &thresholds)
            .await
            .unwrap();
        assert_eq!(found.problem, None);
        assert_eq!(found.year.as_ref().map(|y| y.id), Some(THIS_YEAR));
        assert_eq!(found.trained_on.as_ref().map(|y| y.id), Some(LAST_YEAR));
        assert_eq!(found.subjects.len(), 1);
        let maths = &found.subjects[0];
        assert_eq!(maths.subject.name, "Mathematics");
        assert!(maths.has_model);
        assert_eq!(maths.pupils.len(), 40, "every pupil of the school");
        // Pupils without an interim result get the starting-point model.
        let without = maths
            .pupils
            .iter()
            .filter(|p| p.basis == Basis::PriorOnly)
            .count();
        assert_eq!(without, 10);
        assert!(
            maths
                .pupils
                .iter()
                .all(|p| (p.basis == Basis::PriorOnly) == p.interim.is_none())
        );

        // Among pupils projected from the starting point only, the one who started highest
        // has the higher chance at every threshold; grade 7 is never likelier than grade 4.
        let priors: Vec<(i64, f64)> = (0..40)
            .map(|i| {
                (
                    pupil_id(SCHOOL.0, THIS_YEAR, i),
                    88.0 + ((i * 7) % 32) as f64,
                )
            })
            .collect();
        let prior_of = |pupil: i64| priors.iter().find(|(p, _)| *p == pupil).unwrap().1;
        let mut prior_only: Vec<_> = maths
            .pupils
            .iter()
            .filter(|p| p.basis == Basis::PriorOnly)
            .collect();
        prior_only.sort_by(|a, b| prior_of(a.pupil).total_cmp(&prior_of(b.pupil)));
        let (low, high) = (prior_only[0], prior_only[prior_only.len() - 1]);
        assert!(prior_of(high.pupil) > prior_of(low.pupil) + 10.0);
        for k in 0..thresholds.len() {
            let (l, h) = (low.chances[k].unwrap(), high.chances[k].unwrap());
            assert!(h > l + 0.2, "threshold {k}: high {h} against low {l}");
        }
        for p in &maths.pupils {
            assert!(p.chances[1].unwrap() <= p.chances[0].unwrap());
        }

        // With the same starting point, a higher interim result gives a higher chance.
        let models = projections
            .models(store.data_version().await.unwrap(), LAST_YEAR)
            .await
            .unwrap();
        let subject = &models.subjects[&MATHS];
        let (basis, at_3) = subject.chances(100.0, Some(3.0), &thresholds).unwrap();
        assert_eq!(basis, Basis::WithInterim);
        let (_, at_7) = subject.chances(100.0, Some(7.0), &thresholds).unwrap();
        assert!(at_7[0].unwrap() > at_3[0].unwrap() + 0.1);
        // A threshold outside last year's outcomes gives no chance rather than 0 or 1.
        let beyond = [Threshold {
            value: 12.0,
            label: "beyond".into(),
        }];
        assert_eq!(subject.chances(100.0, None, &beyond).unwrap().1, vec![None]);

        // The same pupil's profile carries the same chances.
        let one = &maths.pupils[0];
        let profile = projections
            .pupil(&head, PupilId(one.pupil), &thresholds)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(profile.year_id, THIS_YEAR);
        assert_eq!(
            profile.subjects,
            vec![(MATHS, one.basis, one.chances.clone())]
        );
    }
}

#[tokio::test]
async fn a_teacher_sees_only_their_pupils_and_others_are_refused() {
    for store in stores().await {
        store.insert_world(&world(12, 2)).await.unwrap();
        let cache = ProjectionCache::default();
        let projections = Projections::new(&store, &cache);
        let thresholds = default_thresholds();
        let mut teacher = person(Role::Teacher, SCHOOL);
        teacher.taught_classes = vec![(SCHOOL, ClassId(CLASS))];
        let found = projections
            .school(&teacher, SCHOOL, None, &thresholds)
            .await
            .unwrap();
        let pupils: Vec<i64> = found.subjects[0].pupils.iter().map(|p| p.pupil).collect();
        let mut expected: Vec<i64> = (0..10).map(|i| pupil_id(SCHOOL.0, THIS_YEAR, i)).collect();
        let mut sorted = pupils.clone();
        sorted.sort();
        expected.sort();
        assert_eq!(sorted, expected, "the teacher's class and no one else");
        // Another pupil of the school is not found for the teacher.
        let outside = PupilId(pupil_id(SCHOOL.0, THIS_YEAR, 20));
        assert!(matches!(
            projections.pupil(&teacher, outside, &thresholds).await,
            Err(ProgressError::NotFound)
        ));

        // A governor sees figures only; the head of another school nothing of this one.
        let governor = person(Role::Governor, SCHOOL);
        assert!(matches!(
            projections
                .school(&governor, SCHOOL, None, &thresholds)
                .await,
            Err(ProgressError::Denied(Denied::FiguresOnly))
        ));
        assert!(matches!(
            projections
                .calibration(&governor, SCHOOL, None, &thresholds)
                .await,
            Err(ProgressError::Denied(Denied::FiguresOnly))
        ));
        assert!(matches!(
            projections
                .pupil(
                    &governor,
                    PupilId(pupil_id(SCHOOL.0, THIS_YEAR, 1)),
                    &thresholds
                )
                .await,
            Err(ProgressError::NotFound)
        ));
        let other_head = person(Role::Head, OTHER);
        assert!(matches!(
            projections
                .school(&other_head, SCHOOL, None, &thresholds)
                .await,
            Err(ProgressError::Denied(Denied::NotInSchool))
        ));
        assert!(matches!(
            projections
                .pupil(
                    &other_head,
                    PupilId(pupil_id(SCHOOL.0, THIS_YEAR, 1)),
                    &thresholds
                )
                .await,
            Err(ProgressError::NotFound)
        ));
    }
}

#[tokio::test]
async fn a_first_year_has_no_previous_year_to_learn_from() {
    for store in stores().await {
        store.insert_world(&world(12, 1)).await.unwrap();
        let cache = ProjectionCache::default();
        let projections = Projections::new(&store, &cache);
        let head = person(Role::Head, SCHOOL);
        let thresholds = default_thresholds();
        let found = projections
            .school(&head, SCHOOL, None, &thresholds)
            .await
            .unwrap();
        assert_eq!(found.problem, Some(NoProjection::NoPreviousYear));
        assert!(found.subjects.is_empty());
        assert!(
            projections
                .pupil(&head, PupilId(pupil_id(SCHOOL.0, 1, 1)), &thresholds)
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            projections
                .calibration(&head, SCHOOL, None, &thresholds)
                .await
                .unwrap()
                .unwrap_err(),
            NoProjection::NoFinals
        );
    }
}

#[tokio::test]
async fn the_calibration_compares_last_years_models_with_this_years_finals() {
    for store in stores().await {
        store.insert_world(&world(30, 2)).await.unwrap();
        let cache = ProjectionCache::default();
        let projections = Projections::new(&store, &cache);
        let head = person(Role::Head, SCHOOL);
        let thresholds = default_thresholds();
        let calibration = projections
            .calibration(&head, SCHOOL, None, &thresholds)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(calibration.year.id, THIS_YEAR);
        assert_eq!(calibration.trained_on.id, LAST_YEAR);
        // 30 schools of 40: three in four with an interim result.
        assert_eq!(calibration.with_interim, 900);
        assert_eq!(calibration.prior_only, 300);
        assert_eq!(calibration.thresholds.len(), 2);
        for t in &calibration.thresholds {
            assert_eq!(t.pupils, 1200);
            assert_eq!(t.bins.len(), 10);
            assert_eq!(t.bins.iter().map(|b| b.n).sum::<usize>(), 1200);
            for pair in t.bins.windows(2) {
                assert!(pair[0].mean_predicted <= pair[1].mean_predicted);
            }
            // The same process made both years: the models are calibrated on the next.
            assert!(
                t.is_calibrated(),
                "threshold {}: {:?}",
                t.threshold.value,
                t.bins
            );
        }
    }
}
