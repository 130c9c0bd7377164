//! A plan's measures evaluated on the school's own data give the very figures the progress,
//! falling-behind, attendance and 360 pages show for the same data, with their intervals,
//! and stay hidden wherever those pages hide them.

use crate::harness::{MATHS, YEAR, population, stores};
use headway_app::attendance::attendance_report;
use headway_app::diagnostic::{self, OpenRound};
use headway_app::planning::measure::{MeasureError, evaluate, evaluate_all};
use headway_app::progress::reference::References;
use headway_app::progress::{ProgressReports, ReportCache};
use headway_domain::access::{Denied, Grant, Principal};
use headway_domain::anonymity::Threshold;
use headway_domain::attendance::PersistentAbsence;
use headway_domain::diagnostic::answers::{Answer, AnswerSheet};
use headway_domain::diagnostic::framework::Dimension;
use headway_domain::diagnostic::instrument::built_in;
use headway_domain::diagnostic::round::{Channel, RespondentGroup};
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::planning::measure::{MeasureSpec, MeasureValue, PupilGroup, Unavailable};
use headway_domain::progress::{GroupBy, PupilFilter, RowLabel};
use headway_domain::roles::Role;
use headway_domain::school::FsmBandCuts;
use headway_stats::proportion::wilson;
use headway_store::Store;
use headway_store::attendance::NewAttendance;
use headway_store::seed::{PersonRow, RoleRow};

const SCHOOL: SchoolId = SchoolId(100);
const HEAD: PersonId = PersonId(1);

fn person(id: PersonId, role: Role) -> Principal {
    Principal {
        person: id,
        name: format!("{role:?}"),
        grants: vec![Grant {
            role,
            org: OrgId(SCHOOL.0),
            subject: None,
            schools: vec![SCHOOL],
        }],
        taught_classes: Vec::new(),
    }
}

fn head() -> Principal {
    person(HEAD, Role::Head)
}

fn disadvantaged() -> PupilGroup {
    PupilGroup {
        by: "disadvantaged".into(),
        row: "group-disadvantaged".into(),
    }
}

fn value(spec: Option<Result<MeasureValue, Unavailable>>) -> MeasureValue {
    spec.expect("not a manual measure")
        .expect("the measure has a value")
}

fn value_added(group: Option<PupilGroup>, contextual: bool) -> MeasureSpec {
    MeasureSpec::ValueAdded {
        subject: "MAT".into(),
        group,
        contextual,
    }
}

#[tokio::test]
async fn value_added_and_the_gap_are_the_progress_pages_figures() {
    for store in stores().await {
        store.insert_world(&population(20)).await.unwrap();
        let (references, reports) = (References::default(), ReportCache::default());
        let progress = ProgressReports::new(&store, &references, &reports);
        let page = progress
            .school_report(&head(), SCHOOL, Some(YEAR), Some(MATHS))
            .await
            .unwrap()
            .figures
            .unwrap();
        let report = &page.report;

        let simple = value(
            evaluate(&progress, &head(), SCHOOL, YEAR, &value_added(None, false))
                .await
                .unwrap(),
        );
        let shown = report.value_added.figures.as_ref().unwrap();
        assert_eq!(
            (simple.estimate, simple.lower, simple.upper),
            (shown.value_added, shown.ci_lower, shown.ci_upper)
        );
        assert_eq!(simple.n as usize, report.value_added.n);

        let contextual = value(
            evaluate(&progress, &head(), SCHOOL, YEAR, &value_added(None, true))
                .await
                .unwrap(),
        );
        let effect = report
            .contextual
            .as_ref()
            .expect("the contextual model fits");
        assert_eq!(
            (contextual.estimate, contextual.lower, contextual.upper),
            (effect.blup, effect.ci_lower, effect.ci_upper)
        );

        let group = value(
            evaluate(
                &progress,
                &head(),
                SCHOOL,
                YEAR,
                &value_added(Some(disadvantaged()), false),
            )
            .await
            .unwrap(),
        );
        let row = report
            .breakdowns
            .iter()
            .find(|b| b.by == GroupBy::Disadvantaged)
            .unwrap()
            .rows
            .iter()
            .find(|r| r.label == RowLabel::Key("group-disadvantaged"))
            .unwrap();
        let row_figures = row.value_added.figures.as_ref().unwrap();
        assert_eq!(
            (group.estimate, group.lower, group.upper, group.n as usize),
            (
                row_figures.value_added,
                row_figures.ci_lower,
                row_figures.ci_upper,
                row.value_added.n
            )
        );

        let gap = value(
            evaluate(
                &progress,
                &head(),
                SCHOOL,
                YEAR,
                &MeasureSpec::DisadvantagedGap {
                    subject: "MAT".into(),
                },
            )
            .await
            .unwrap(),
        );
        let page_gap = report.gap.unwrap();
        assert_eq!(
            (gap.estimate, gap.lower, gap.upper),
            (page_gap.value, page_gap.ci_lower, page_gap.ci_upper)
        );
        assert!(
            gap.estimate < 0.0,
            "the population's disadvantaged do worse"
        );

        // A governor reads the same figures.
        let governor = person(PersonId(2), Role::Governor);
        assert_eq!(
            value(
                evaluate(
                    &progress,
                    &governor,
                    SCHOOL,
                    YEAR,
                    &value_added(None, false)
                )
                .await
                .unwrap()
            ),
            simple
        );
    }
}

#[tokio::test]
async fn what_the_pages_cannot_show_is_unavailable_with_the_reason() {
    for store in stores().await {
        store.insert_world(&population(20)).await.unwrap();
        let (references, reports) = (References::default(), ReportCache::default());
        let progress = ProgressReports::new(&store, &references, &reports);
        let specs = [
            // The contextual model is a school's effect, not a group's.
            value_added(Some(disadvantaged()), true),
            // No such subject, pupil group or row.
            MeasureSpec::DisadvantagedGap {
                subject: "XYZ".into(),
            },
            value_added(
                Some(PupilGroup {
                    by: "class".into(),
                    row: "7A".into(),
                }),
                false,
            ),
            value_added(
                Some(PupilGroup {
                    by: "sen".into(),
                    row: "group-tall".into(),
                }),
                false,
            ),
            // The school has no attendance, and its head no closed 360 round.
            MeasureSpec::Attendance { group: None },
            MeasureSpec::Leadership360 {
                dimension: "teacher_learning".into(),
            },
            MeasureSpec::Manual {
                unit: "lessons observed".into(),
            },
        ];
        let readings = evaluate_all(&progress, &head(), SCHOOL, YEAR, &specs)
            .await
            .unwrap();
        assert_eq!(readings[0], Some(Err(Unavailable::NotForGroups)));
        for unknown in &readings[1..4] {
            assert!(
                matches!(unknown, Some(Err(Unavailable::Unknown { .. }))),
                "{unknown:?}"
            );
        }
        assert_eq!(readings[4], Some(Err(Unavailable::NoData)));
        assert_eq!(readings[5], Some(Err(Unavailable::NoData)));
        assert_eq!(
            readings[6], None,
            "a manual measure is recorded, not computed"
        );

        // A year the school has no results in is not answered with another year's.
        let other_year = evaluate(
            &progress,
            &head(),
            SCHOOL,
            YEAR + 1,
            &value_added(None, false),
        )
        .await
        .unwrap();
        assert_eq!(other_year, Some(Err(Unavailable::NoData)));

        // A teacher does not see school figures; another school's head not this school.
        let teacher = person(PersonId(3), Role::Teacher);
        assert!(matches!(
            evaluate(&progress, &teacher, SCHOOL, YEAR, &value_added(None, false)).await,
            Err(MeasureError::Denied(Denied::NeedsRole(_)))
        ));
        let mut elsewhere = head();
        elsewhere.grants[0].schools = vec![SchoolId(101)];
        assert!(matches!(
            evaluate(
                &progress,
                &elsewhere,
                SCHOOL,
                YEAR,
                &value_added(None, false)
            )
            .await,
            Err(MeasureError::Denied(Denied::NotInSchool))
        ));
    }
}

#[tokio::test]
async fn the_share_falling_behind_is_the_pages_count_with_a_wilson_interval() {
    for store in stores().await {
        store.insert_world(&population(20)).await.unwrap();
        let (references, reports) = (References::default(), ReportCache::default());
        let progress = ProgressReports::new(&store, &references, &reports);
        for (group, filter) in [
            (None, PupilFilter::All),
            (Some(disadvantaged()), PupilFilter::Disadvantaged),
        ] {
            let page = progress
                .falling_behind(&head(), SCHOOL, Some(YEAR), Some(MATHS), None, filter)
                .await
                .unwrap();
            assert!(page.assessed > 0);
            let expected = wilson(page.pupils.len() as u64, page.assessed as u64).unwrap();
            for subject in [Some("MAT".to_string()), None] {
                let share = value(
                    evaluate(
                        &progress,
                        &head(),
                        SCHOOL,
                        YEAR,
                        &MeasureSpec::FallingBehind {
                            subject,
                            group: group.clone(),
                        },
                    )
                    .await
                    .unwrap(),
                );
                assert_eq!(share.n as usize, page.assessed);
                assert!((share.estimate - 100.0 * expected.value).abs() < 1e-9);
                assert!((share.lower - 100.0 * expected.ci_lower).abs() < 1e-9);
                assert!((share.upper - 100.0 * expected.ci_upper).abs() < 1e-9);
            }
        }
        // Pupils falling behind are some of the school's, so the interval is not empty.
        let all = value(
            evaluate(
                &progress,
                &head(),
                SCHOOL,
                YEAR,
                &MeasureSpec::FallingBehind {
                    subject: None,
                    group: None,
                },
            )
            .await
            .unwrap(),
        );
        assert!(
            all.lower < all.estimate && all.estimate < all.upper,
            "{all:?}"
        );

        // A group below the threshold stays hidden: 5 of the 30 pupils are EAL, and the
        // measure set suppresses groups below 6.
        let eal = evaluate(
            &progress,
            &head(),
            SCHOOL,
            YEAR,
            &MeasureSpec::FallingBehind {
                subject: Some("MAT".into()),
                group: Some(PupilGroup {
                    by: "eal".into(),
                    row: "group-eal".into(),
                }),
            },
        )
        .await
        .unwrap();
        assert_eq!(eal, Some(Err(Unavailable::Suppressed)));

        // The attacker's way round: the share of the 25 pupils who are not EAL, taken from
        // the school's share, would give the 5 EAL pupils' share away. It stays hidden,
        // in one subject and in all subjects, while the school's share is shown.
        for subject in [Some("MAT".to_string()), None] {
            let not_eal = evaluate(
                &progress,
                &head(),
                SCHOOL,
                YEAR,
                &MeasureSpec::FallingBehind {
                    subject: subject.clone(),
                    group: Some(PupilGroup {
                        by: "eal".into(),
                        row: "group-not-eal".into(),
                    }),
                },
            )
            .await
            .unwrap();
            assert_eq!(not_eal, Some(Err(Unavailable::Suppressed)), "{subject:?}");
            let school = evaluate(
                &progress,
                &head(),
                SCHOOL,
                YEAR,
                &MeasureSpec::FallingBehind {
                    subject,
                    group: None,
                },
            )
            .await
            .unwrap();
            assert!(matches!(school, Some(Ok(_))), "{school:?}");
        }
    }
}

#[tokio::test]
async fn attendance_is_the_attendance_pages_rate_in_percent() {
    for store in stores().await {
        store.insert_world(&population(20)).await.unwrap();
        let rows: Vec<NewAttendance> = (0..30)
            .map(|i| NewAttendance {
                pupil: SCHOOL.0 * 100 + i,
                year: YEAR,
                sessions_possible: 300,
                sessions_attended: 300 - (i as u32 * 7) % 45,
                exclusions: 0,
                incidents: 0,
            })
            .collect();
        store.attendance().insert_generated(&rows).await.unwrap();
        let (references, reports) = (References::default(), ReportCache::default());
        let progress = ProgressReports::new(&store, &references, &reports);
        let page = attendance_report(
            &store,
            &head(),
            SCHOOL,
            Some(YEAR),
            (PersistentAbsence::DEFAULT, Threshold::at_least(6)),
        )
        .await
        .unwrap()
        .figures
        .unwrap();
        let whole = page.whole.figures.rate.unwrap();
        let rate = value(
            evaluate(
                &progress,
                &head(),
                SCHOOL,
                YEAR,
                &MeasureSpec::Attendance { group: None },
            )
            .await
            .unwrap(),
        );
        assert_eq!(rate.n, 30);
        assert!((rate.estimate - 100.0 * whole.value).abs() < 1e-9);
        assert!((rate.lower - 100.0 * whole.ci_lower).abs() < 1e-9);
        assert!((rate.upper - 100.0 * whole.ci_upper).abs() < 1e-9);

        let group = value(
            evaluate(
                &progress,
                &head(),
                SCHOOL,
                YEAR,
                &MeasureSpec::Attendance {
                    group: Some(disadvantaged()),
                },
            )
            .await
            .unwrap(),
        );
        let row = page
            .breakdowns
            .iter()
            .find(|b| b.by.key() == "disadvantaged")
            .unwrap()
            .rows
            .iter()
            .find(|r| r.label == "group-disadvantaged")
            .unwrap();
        let row_rate = row.figures.rate.unwrap();
        assert!((group.estimate - 100.0 * row_rate.value).abs() < 1e-9);
        assert_eq!(group.n as usize, row.pupils);

        // The EAL pupils are fewer than the threshold: hidden here as on the page.
        let eal = evaluate(
            &progress,
            &head(),
            SCHOOL,
            YEAR,
            &MeasureSpec::Attendance {
                group: Some(PupilGroup {
                    by: "eal".into(),
                    row: "group-eal".into(),
                }),
            },
        )
        .await
        .unwrap();
        assert_eq!(eal, Some(Err(Unavailable::Suppressed)));
    }
}

fn sheet(seed: usize) -> AnswerSheet {
    let answers: Vec<_> = built_in()
        .items()
        .iter()
        .enumerate()
        .map(|(i, item)| (item.id.clone(), Answer::Rating(1 + ((i + seed) % 5) as u8)))
        .collect();
    AnswerSheet::new(built_in(), answers).unwrap()
}

/// The population with its head and `teachers` teachers who can sign in; a round of the
/// head's 360 answered by every teacher and closed.
async fn closed_round(teachers: i64) -> Vec<(Store, diagnostic::DiagnosticReport)> {
    let mut world = population(20);
    for (id, role) in
        std::iter::once((HEAD.0, "head")).chain((0..teachers).map(|t| (10 + t, "teacher")))
    {
        world.people.push(PersonRow {
            id,
            email: None,
            display_name: format!("Person {id}"),
            password_hash: Some("x".into()),
        });
        world.roles.push(RoleRow {
            person_id: id,
            role,
            org_id: SCHOOL.0,
            subject_id: None,
        });
    }
    let mut ready = Vec::new();
    for store in stores().await {
        store.insert_world(&world).await.unwrap();
        let round = diagnostic::open_round(
            &store,
            &head(),
            OpenRound {
                school: SCHOOL,
                groups: vec![RespondentGroup::Teachers],
                threshold: Threshold::DEFAULT,
            },
        )
        .await
        .unwrap();
        let choices: Vec<(PersonId, Channel)> = (0..teachers)
            .map(|t| (PersonId(10 + t), Channel::InApp))
            .collect();
        let invited = diagnostic::invite(&store, &head(), round, &choices, false)
            .await
            .unwrap();
        assert_eq!(invited.made.len() as i64, teachers);
        for (n, (invitation, invitee, _)) in invited.made.iter().enumerate() {
            diagnostic::answer_in_app(
                &store,
                &person(*invitee, Role::Teacher),
                *invitation,
                &sheet(n),
            )
            .await
            .unwrap();
        }
        diagnostic::close_round(&store, &head(), round)
            .await
            .unwrap();
        let (references, reports) = (References::default(), ReportCache::default());
        let progress = ProgressReports::new(&store, &references, &reports);
        let report = diagnostic::report(&store, &progress, &head(), round, FsmBandCuts::default())
            .await
            .unwrap()
            .expect("a closed round has a report");
        ready.push((store, report));
    }
    ready
}

fn teacher_learning() -> MeasureSpec {
    MeasureSpec::Leadership360 {
        dimension: Dimension::TeacherLearning.as_str().into(),
    }
}

#[tokio::test]
async fn a_360_dimension_is_all_others_mean_in_the_leaders_latest_closed_round() {
    for (store, report) in closed_round(6).await {
        let (references, reports) = (References::default(), ReportCache::default());
        let progress = ProgressReports::new(&store, &references, &reports);
        let others = report
            .report
            .all_others
            .as_ref()
            .expect("six teachers are shown");
        let summary = &others.scores.dimensions[&Dimension::TeacherLearning];
        let mean = value(
            evaluate(&progress, &head(), SCHOOL, YEAR, &teacher_learning())
                .await
                .unwrap(),
        );
        assert_eq!(mean.estimate, summary.mean);
        assert_eq!(mean.n, summary.respondents);
        let half = 1.959_963_984_540_054 * summary.standard_deviation.unwrap()
            / f64::from(summary.respondents).sqrt();
        assert!((mean.upper - mean.estimate - half).abs() < 1e-12);
        assert!((mean.estimate - mean.lower - half).abs() < 1e-12);

        // A 360 is personal: a governor reading the plan does not get it.
        let governor = person(PersonId(2), Role::Governor);
        assert_eq!(
            evaluate(&progress, &governor, SCHOOL, YEAR, &teacher_learning())
                .await
                .unwrap(),
            Some(Err(Unavailable::NotPermitted))
        );
        let unknown = evaluate(
            &progress,
            &head(),
            SCHOOL,
            YEAR,
            &MeasureSpec::Leadership360 {
                dimension: "charisma".into(),
            },
        )
        .await
        .unwrap();
        assert!(matches!(unknown, Some(Err(Unavailable::Unknown { .. }))));
    }
}

#[tokio::test]
async fn a_360_answered_by_fewer_than_the_threshold_stays_hidden() {
    for (store, report) in closed_round(3).await {
        assert!(report.report.all_others.is_none());
        let (references, reports) = (References::default(), ReportCache::default());
        let progress = ProgressReports::new(&store, &references, &reports);
        assert_eq!(
            evaluate(&progress, &head(), SCHOOL, YEAR, &teacher_learning())
                .await
                .unwrap(),
            Some(Err(Unavailable::Suppressed))
        );
    }
}

/// A parents' survey at the school answered by `ratings.len()` parents (each rating every
/// item the same), closed and released, dated within `YEAR` when `in_year`.
async fn released_parents_survey(store: &Store, ratings: &[u8], in_year: bool) {
    use headway_app::survey;
    use headway_domain::survey::answers::SurveyAnswers;
    use headway_domain::survey::instrument::{Audience, built_in as survey_of};
    let id = survey::open_survey(
        store,
        &head(),
        survey::OpenSurvey {
            school: SCHOOL,
            audience: Audience::Parents,
            title: "Parents 2026".into(),
            threshold: Threshold::new(3).unwrap(),
            review_by_head: false,
            closes_on: None,
        },
    )
    .await
    .unwrap();
    let (_, code) = survey::parents_code(store, &head(), id).await.unwrap();
    let instrument = survey_of(Audience::Parents);
    for &rating in ratings {
        let entry = survey::by_code(store, &code).await.unwrap();
        let answers = SurveyAnswers::new(
            instrument,
            instrument
                .items()
                .map(|(_, item)| (item.id.clone(), rating)),
            None,
        )
        .unwrap();
        survey::answer(store, &entry, &answers).await.unwrap();
    }
    survey::close(store, &head(), id).await.unwrap();
    // Inside the harness's academic year (2025-09-01 to 2026-08-31), or after it.
    let closed = if in_year {
        1_767_225_600
    } else {
        1_798_761_600
    };
    let mut tx = store.begin().await.unwrap();
    store
        .surveys()
        .set_dates(&mut tx, id, closed - 86_400 * 14, closed)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

fn partnership() -> MeasureSpec {
    MeasureSpec::SurveyScale {
        instrument: "parent-voice".into(),
        scale: "partnership".into(),
    }
}

#[tokio::test]
async fn a_survey_scale_is_the_released_waves_whole_school_mean_in_the_year() {
    let mut world = population(20);
    world.people.push(PersonRow {
        id: HEAD.0,
        email: None,
        display_name: "Head".into(),
        password_hash: Some("x".into()),
    });
    world.roles.push(RoleRow {
        person_id: HEAD.0,
        role: "head",
        org_id: SCHOOL.0,
        subject_id: None,
    });
    for store in stores().await {
        store.insert_world(&world).await.unwrap();
        let (references, reports) = (References::default(), ReportCache::default());
        let progress = ProgressReports::new(&store, &references, &reports);
        let read = |spec: MeasureSpec| {
            let progress = &progress;
            async move {
                evaluate(progress, &head(), SCHOOL, YEAR, &spec)
                    .await
                    .unwrap()
            }
        };
        // No survey yet.
        assert_eq!(read(partnership()).await, Some(Err(Unavailable::NoData)));
        // Too few parents: hidden, as the survey's own results hide it.
        released_parents_survey(&store, &[4, 5], true).await;
        assert_eq!(
            read(partnership()).await,
            Some(Err(Unavailable::Suppressed))
        );
        // Four parents: 2, 3, 4, 5 on every item (the scale's reverse-worded item scores
        // 6 − answer, so their scores are (r + 6) / 3: 2.67 to 3.67, mean 3.17).
        released_parents_survey(&store, &[2, 3, 4, 5], true).await;
        let value = value(read(partnership()).await);
        assert_eq!(value.n, 4);
        assert!((value.estimate - 19.0 / 6.0).abs() < 1e-9, "{value:?}");
        assert!(value.lower < value.estimate && value.estimate < value.upper);
        // A wave released after the year is not the year's.
        released_parents_survey(&store, &[1, 1, 1, 1], false).await;
        assert_eq!(
            value.estimate,
            self::value(read(partnership()).await).estimate
        );
        // A scale no survey has is named as unknown.
        assert!(matches!(
            read(MeasureSpec::SurveyScale {
                instrument: "parent-voice".into(),
                scale: "no_such_scale".into(),
            })
            .await,
            Some(Err(Unavailable::Unknown { .. }))
        ));
        // A teacher may not read school figures at all.
        let teacher = person(PersonId(99), Role::Teacher);
        assert!(matches!(
            evaluate(&progress, &teacher, SCHOOL, YEAR, &partnership()).await,
            Err(MeasureError::Denied(_))
        ));
    }
}
