//! The progress use cases decide who sees what before they read, and return figures whose
//! standard errors are the ones they were computed with. Attacks are made as the attacker
//! would: the head of another school, a governor after pupils, a teacher after headlines.

use crate::harness::{MATHS, YEAR, population, stores};
use headway_app::progress::reference::References;
use headway_app::progress::{ProgressError, ProgressReports, ReportCache};
use headway_domain::access::{Denied, Grant, Principal};
use headway_domain::ids::{OrgId, PersonId, PupilId, SchoolId};
use headway_domain::progress::PupilFilter;
use headway_domain::roles::Role;
use headway_stats::value_added::simple::standard_error;
use std::sync::Arc;

const SCHOOL: SchoolId = SchoolId(100);
const OTHER: SchoolId = SchoolId(101);

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

/// The years and subjects a page offers are kept per data version (the catalog): the next
/// import that adds a year is offered at once, to the school it adds it to only.
#[tokio::test]
async fn the_years_a_report_offers_follow_the_next_import() {
    use headway_store::seed::{AssessmentPointRow, ResultRow, World, YearRow};
    for store in stores().await {
        let world = population(20);
        store.insert_world(&world).await.unwrap();
        let (references, reports) = (References::default(), ReportCache::default());
        let use_cases = ProgressReports::new(&store, &references, &reports);
        let head = person(Role::Head, SCHOOL);
        let other_head = person(Role::Head, OTHER);
        let years = |report: &headway_app::progress::ProgressReport| {
            report.years.iter().map(|y| y.id).collect::<Vec<_>>()
        };
        let before = use_cases
            .school_report(&head, SCHOOL, None, None)
            .await
            .unwrap();
        assert_eq!(years(&before), [YEAR]);

        // A second year's results for this school's pupils only.
        let next_year = YEAR + 1;
        let day = |y: i32, m: u8, d: u8| {
            time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
        };
        let mut next = World {
            years: vec![YearRow {
                id: next_year,
                name: "2026/27".into(),
                starts_on: day(2026, 9, 1),
                ends_on: day(2027, 8, 31),
            }],
            ..World::default()
        };
        for (id, kind) in [(3, "baseline"), (4, "final")] {
            next.assessment_points.push(AssessmentPointRow {
                id,
                year_id: next_year,
                school_id: None,
                kind,
                name: kind.into(),
                taken_on: day(2027, 6, 1),
                scale_min: None,
                scale_max: None,
            });
        }
        for result in world
            .results
            .iter()
            .filter(|r| r.pupil_id / 100 == SCHOOL.0)
        {
            next.results.push(ResultRow {
                assessment_point_id: result.assessment_point_id + 2,
                ..*result
            });
        }
        store.insert_world(&next).await.unwrap();

        let after = use_cases
            .school_report(&head, SCHOOL, None, None)
            .await
            .unwrap();
        assert_eq!(years(&after), [next_year, YEAR], "newest first, at once");
        assert_eq!(after.year.as_ref().map(|y| y.id), Some(next_year));
        assert_eq!(
            after.subjects.iter().map(|s| s.id).collect::<Vec<_>>(),
            [MATHS]
        );
        let other = use_cases
            .school_report(&other_head, OTHER, None, None)
            .await
            .unwrap();
        assert_eq!(years(&other), [YEAR], "another school's years are its own");
    }
}

#[tokio::test]
async fn a_head_gets_the_report_once_per_version_with_standard_errors_carried() {
    for store in stores().await {
        store.insert_world(&population(20)).await.unwrap();
        let (references, reports) = (References::default(), ReportCache::default());
        let use_cases = ProgressReports::new(&store, &references, &reports);
        let head = person(Role::Head, SCHOOL);
        let report = use_cases
            .school_report(&head, SCHOOL, None, None)
            .await
            .unwrap();
        assert_eq!(report.year.as_ref().map(|y| y.id), Some(YEAR));
        assert_eq!(report.subject.as_ref().map(|s| s.id), Some(MATHS));
        assert!(report.can_list_pupils);
        let figures = report.figures.expect("the population fits");
        assert_eq!(figures.report.pupils, 30);
        let shown = figures.report.value_added.figures.as_ref().unwrap();
        let sigma = references
            .get(&store, store.data_version().await.unwrap(), YEAR, MATHS)
            .await
            .unwrap()
            .unwrap()
            .simple
            .sigma;
        assert_eq!(
            shown.se,
            standard_error(sigma, figures.report.value_added.n),
            "the standard error is σ/√n as computed, not worked back from the interval"
        );
        // The year's subjects table has the chosen subject with the same figures.
        assert_eq!(figures.subjects.len(), 1);
        assert_eq!(
            figures.subjects[0].1.value_added,
            figures.report.value_added
        );
        // One year of results: a trend of one year and no improvement group.
        assert_eq!(figures.trend.len(), 1);
        assert_eq!(figures.improvement, None);
        assert_eq!(
            use_cases
                .school_improvement_group(store.data_version().await.unwrap(), SCHOOL)
                .await
                .unwrap(),
            None
        );

        // Asked again at the same data version, the same computed figures come back.
        let again = use_cases
            .school_report(&head, SCHOOL, Some(YEAR), Some(MATHS))
            .await
            .unwrap();
        assert!(Arc::ptr_eq(&figures, &again.figures.unwrap()));
    }
}

#[tokio::test]
async fn the_head_of_another_school_and_a_teacher_are_refused_the_report() {
    for store in stores().await {
        store.insert_world(&population(20)).await.unwrap();
        let (references, reports) = (References::default(), ReportCache::default());
        let use_cases = ProgressReports::new(&store, &references, &reports);
        let other_head = person(Role::Head, OTHER);
        let refused = use_cases
            .school_report(&other_head, SCHOOL, None, None)
            .await
            .unwrap_err();
        assert!(matches!(
            refused,
            ProgressError::Denied(Denied::NotInSchool)
        ));
        let refused = use_cases
            .falling_behind(&other_head, SCHOOL, None, None, None, PupilFilter::All)
            .await
            .unwrap_err();
        assert!(matches!(
            refused,
            ProgressError::Denied(Denied::NotInSchool)
        ));
        // Another school's pupil looks like no pupil at all.
        let pupil_of_school = PupilId(SCHOOL.0 * 100 + 3);
        assert!(matches!(
            use_cases.pupil(&other_head, pupil_of_school).await,
            Err(ProgressError::NotFound)
        ));
        assert!(matches!(
            use_cases.pupil(&other_head, PupilId(999_999)).await,
            Err(ProgressError::NotFound)
        ));
        // Its own head sees the pupil, with the expectation from their starting point.
        let profile = use_cases
            .pupil(&person(Role::Head, SCHOOL), pupil_of_school)
            .await
            .unwrap();
        assert!(profile.prior.is_some());
        let last = profile.results.last().unwrap();
        assert_eq!(last.result.kind, "final");
        assert!(last.expected.is_some());

        let teacher = person(Role::Teacher, SCHOOL);
        assert!(matches!(
            use_cases
                .school_report(&teacher, SCHOOL, None, None)
                .await
                .unwrap_err(),
            ProgressError::Denied(Denied::NeedsRole(_))
        ));
    }
}

#[tokio::test]
async fn a_governor_sees_the_figures_but_never_a_pupil() {
    for store in stores().await {
        store.insert_world(&population(20)).await.unwrap();
        let (references, reports) = (References::default(), ReportCache::default());
        let use_cases = ProgressReports::new(&store, &references, &reports);
        let governor = person(Role::Governor, SCHOOL);
        let report = use_cases
            .school_report(&governor, SCHOOL, None, None)
            .await
            .unwrap();
        assert!(!report.can_list_pupils);
        let figures = report.figures.unwrap();
        assert!(
            figures.report.breakdowns.iter().all(|b| !matches!(
                b.by,
                headway_domain::progress::GroupBy::Class
                    | headway_domain::progress::GroupBy::Teacher
            )),
            "no class or teacher breakdowns for a governor"
        );
        assert!(matches!(
            use_cases
                .falling_behind(&governor, SCHOOL, None, None, None, PupilFilter::All)
                .await
                .unwrap_err(),
            ProgressError::Denied(Denied::FiguresOnly)
        ));
        assert!(matches!(
            use_cases
                .pupil(&governor, PupilId(SCHOOL.0 * 100 + 3))
                .await,
            Err(ProgressError::NotFound)
        ));
    }
}
