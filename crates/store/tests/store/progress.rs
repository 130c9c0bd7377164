//! The progress view reads a school's outcomes in batches: every subject of a year, or every
//! year of a subject, in one query, giving exactly the rows the one-pair reads give and
//! never another school's pupils.

use crate::harness::{small_world, stores};
use headway_domain::access::PupilScope;
use headway_domain::ids::SchoolId;
use headway_store::progress::OutcomeRow;
use headway_store::seed::{AssessmentPointRow, PupilRow, ResultRow, SubjectRow, World, YearRow};
use time::{Date, Month};

const SCHOOL: SchoolId = SchoolId(3);
const OTHER_SCHOOL: i64 = 4;
const THIS_YEAR: i64 = 1;
const LAST_YEAR: i64 = 2;

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
}

/// The example world, plus a second subject, an earlier year with its own points, a pupil
/// of another school, and interim points (one belonging to another school).
fn world() -> World {
    let mut w = small_world();
    w.subjects.push(SubjectRow {
        id: 2,
        code: "ENG".into(),
        name: "English".into(),
    });
    w.years.push(YearRow {
        id: LAST_YEAR,
        name: "2024/25".into(),
        starts_on: date(2024, 9, 1),
        ends_on: date(2025, 8, 31),
    });
    w.pupils.push(PupilRow {
        id: 50,
        school_id: OTHER_SCHOOL,
        pseudonym: "P-0050".into(),
        display_name: None,
        cohort_year_id: Some(THIS_YEAR),
        disadvantaged: None,
        sen: None,
        eal: None,
        gender: None,
        birth_date: None,
        ethnicity_group: None,
    });
    let point = |id, year_id, school_id, kind, taken_on| AssessmentPointRow {
        id,
        year_id,
        school_id,
        kind,
        name: format!("{kind} {id}"),
        taken_on,
        scale_min: None,
        scale_max: None,
    };
    w.assessment_points.extend([
        point(10, LAST_YEAR, None, "baseline", date(2020, 5, 10)),
        point(11, LAST_YEAR, None, "final", date(2025, 6, 10)),
        point(12, LAST_YEAR, Some(3), "interim", date(2025, 1, 10)),
        point(20, THIS_YEAR, Some(3), "interim", date(2025, 11, 10)),
        point(21, THIS_YEAR, Some(3), "interim", date(2026, 2, 10)),
        point(22, THIS_YEAR, Some(3), "interim", date(2025, 10, 1)),
        point(
            23,
            THIS_YEAR,
            Some(OTHER_SCHOOL),
            "interim",
            date(2026, 3, 1),
        ),
    ]);
    let result = |pupil_id, assessment_point_id, subject_id, score| ResultRow {
        pupil_id,
        assessment_point_id,
        subject_id,
        score,
    };
    for pupil in 1..=4 {
        // English this year; both subjects last year, pupil 4 without a baseline.
        w.results.push(result(pupil, 2, 2, 10.0 + pupil as f64));
        if pupil != 4 {
            w.results.push(result(pupil, 10, 1, 90.0 + pupil as f64));
        }
        w.results.push(result(pupil, 11, 1, 20.0 + pupil as f64));
        w.results.push(result(pupil, 11, 2, 30.0 + pupil as f64));
    }
    w.results.push(result(50, 1, 1, 100.0));
    w.results.push(result(50, 2, 1, 9.0));
    w.results.push(result(50, 2, 2, 9.0));
    w
}

fn key(row: &OutcomeRow) -> (i64, i64, i64) {
    (row.year, row.subject, row.pupil)
}

fn sorted(mut rows: Vec<OutcomeRow>) -> Vec<(i64, i64, i64, Option<f64>, f64)> {
    rows.sort_by_key(key);
    rows.iter()
        .map(|r| (r.year, r.subject, r.pupil, r.prior, r.outcome))
        .collect()
}

#[tokio::test]
async fn one_query_for_many_years_and_subjects_gives_the_rows_of_each_pair() {
    for store in stores().await {
        store.insert_world(&world()).await.unwrap();
        let progress = store.progress();
        let batched = progress
            .school_outcomes(SCHOOL, &[THIS_YEAR, LAST_YEAR], &[1, 2])
            .await
            .unwrap();
        assert_eq!(batched.len(), 16, "4 pupils × 2 subjects × 2 years");
        assert!(batched.iter().all(|r| r.school == SCHOOL.0));
        let mut one_by_one = Vec::new();
        for year in [THIS_YEAR, LAST_YEAR] {
            for subject in [1, 2] {
                one_by_one.extend(
                    progress
                        .outcome_rows(year, subject, Some(SCHOOL))
                        .await
                        .unwrap(),
                );
            }
        }
        assert_eq!(sorted(batched.clone()), sorted(one_by_one));
        // Each row keeps its own year's starting point: last year's baselines, not this
        // year's, and none for the pupil without one.
        let last_year_maths = |pupil: i64| {
            batched
                .iter()
                .find(|r| key(r) == (LAST_YEAR, 1, pupil))
                .unwrap()
                .clone()
        };
        assert_eq!(last_year_maths(2).prior, Some(92.0));
        assert_eq!(last_year_maths(2).outcome, 22.0);
        assert_eq!(last_year_maths(4).prior, None);

        // Narrower batches, and nothing asked for nothing.
        let maths_this_year = progress
            .school_outcomes(SCHOOL, &[THIS_YEAR], &[1])
            .await
            .unwrap();
        assert_eq!(maths_this_year.len(), 4);
        assert!(
            maths_this_year
                .iter()
                .all(|r| (r.year, r.subject) == (THIS_YEAR, 1))
        );
        assert!(
            progress
                .school_outcomes(SCHOOL, &[], &[1])
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            progress
                .school_outcomes(SCHOOL, &[THIS_YEAR], &[])
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn another_schools_pupils_never_appear_in_a_schools_batch() {
    for store in stores().await {
        store.insert_world(&world()).await.unwrap();
        let other = store
            .progress()
            .school_outcomes(SchoolId(OTHER_SCHOOL), &[THIS_YEAR, LAST_YEAR], &[1, 2])
            .await
            .unwrap();
        assert_eq!(
            other.iter().map(|r| r.pupil).collect::<Vec<_>>(),
            vec![50, 50]
        );
        let ours = store
            .progress()
            .school_outcomes(SCHOOL, &[THIS_YEAR], &[1, 2])
            .await
            .unwrap();
        assert!(ours.iter().all(|r| r.pupil != 50));
    }
}

#[tokio::test]
async fn the_subjects_of_several_years_come_in_one_read_in_the_order_asked() {
    for store in stores().await {
        store.insert_world(&world()).await.unwrap();
        let progress = store.progress();
        let found = progress
            .subjects_of_years(&[LAST_YEAR, THIS_YEAR])
            .await
            .unwrap();
        let pairs: Vec<(i64, &str)> = found.iter().map(|s| (s.year, s.name.as_str())).collect();
        assert_eq!(
            pairs,
            vec![
                (LAST_YEAR, "English"),
                (LAST_YEAR, "Mathematics"),
                (THIS_YEAR, "English"),
                (THIS_YEAR, "Mathematics"),
            ]
        );
        for year in [THIS_YEAR, LAST_YEAR] {
            let one: Vec<i64> = progress
                .subjects(year)
                .await
                .unwrap()
                .iter()
                .map(|s| s.id)
                .collect();
            let batched: Vec<i64> = found
                .iter()
                .filter(|s| s.year == year)
                .map(|s| s.id)
                .collect();
            assert_eq!(one, batched);
        }
        assert!(progress.subjects_of_years(&[]).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn each_pupils_assessments_in_a_subject_and_year_come_together_within_the_school_and_scope() {
    for store in stores().await {
        let mut w = world();
        // Pupil 1 also has a prediction this year in English (and another school's pupil one).
        w.results.push(ResultRow {
            pupil_id: 1,
            assessment_point_id: 20,
            subject_id: 2,
            score: 4.0,
        });
        w.results.push(ResultRow {
            pupil_id: 50,
            assessment_point_id: 23,
            subject_id: 2,
            score: 1.0,
        });
        store.insert_world(&w).await.unwrap();
        let progress = store.progress();
        let years: Vec<i64> = progress
            .assessed_years(SCHOOL)
            .await
            .unwrap()
            .iter()
            .map(|y| y.id)
            .collect();
        assert_eq!(years, vec![THIS_YEAR, LAST_YEAR], "latest first");
        let subjects: Vec<i64> = progress
            .assessed_subjects(SCHOOL, THIS_YEAR)
            .await
            .unwrap()
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(subjects, vec![2, 1], "this year's subjects in name order");
        let rows = progress
            .subject_assessments(SCHOOL, THIS_YEAR, 2, &PupilScope::All)
            .await
            .unwrap();
        let mut seen: Vec<(i64, i64)> = rows.iter().map(|r| (r.pupil, r.point_id)).collect();
        seen.sort();
        assert_eq!(seen, vec![(1, 2), (1, 20), (2, 2), (3, 2), (4, 2)]);
        assert!(
            rows.iter().all(|r| r.pupil != 50),
            "never another school's pupil"
        );
        assert!(
            progress
                .subject_assessments(SCHOOL, THIS_YEAR, 2, &PupilScope::None)
                .await
                .unwrap()
                .is_empty(),
            "nothing for a viewer who may see no pupil"
        );
        assert!(
            progress
                .assessed_years(SchoolId(5))
                .await
                .unwrap()
                .is_empty()
        );
    }
}
