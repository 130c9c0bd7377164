//! Three years of results: a school that started low and rose is placed in the
//! "low → moderate/high" improvement group, on its progress page for each subject and, for
//! the school as a whole, in the context of its head's leadership diagnostic.

use crate::diagnostic::answer;
use crate::helpers::{PASSWORD, TestApp};
use headway_domain::account::{PasswordCost, hash_password};
use headway_store::seed::*;

fn date(y: i32, m: u8, d: u8) -> time::Date {
    time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
}

/// Deterministic noise in (−0.5, 0.5).
fn noise(i: i64) -> f64 {
    let x = (i as u64)
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    ((x >> 33) as f64 / (1u64 << 31) as f64) - 0.5
}

const SUBJECTS: [(i64, &str); 2] = [(1, "Mathematics"), (2, "English")];
const BASELINE: i64 = 3;
/// School 10's attainment against the expected, in each of the three years.
const SCHOOL_TEN_SHIFT: [f64; 3] = [-2.0, -1.0, 0.6];

/// Twenty schools, three years of cohorts of 30; reference schools spread from −1.0 to
/// +0.9 around the expected; school 10 (not in the reference) rises from −2.0 to +0.6.
fn three_years(hash: &str) -> World {
    let mut w = World {
        orgs: vec![OrgRow {
            id: 1,
            kind: "system",
            name: "Nation".into(),
            parent_id: None,
        }],
        subjects: SUBJECTS
            .iter()
            .map(|(id, name)| SubjectRow {
                id: *id,
                code: name[..3].to_uppercase(),
                name: (*name).into(),
            })
            .chain([SubjectRow {
                id: BASELINE,
                code: "KS2".into(),
                name: "Key stage 2".into(),
            }])
            .collect(),
        ..World::default()
    };
    for year in 0..3i64 {
        let start = 2023 + year as i32;
        w.years.push(YearRow {
            id: year + 1,
            name: format!("{start}/{}", (start + 1) % 100),
            starts_on: date(start, 9, 1),
            ends_on: date(start + 1, 8, 31),
        });
        for (offset, kind, name, scale) in [
            (1, "baseline", "KS2", (80.0, 120.0)),
            (2, "final", "GCSE", (1.0, 9.0)),
        ] {
            w.assessment_points.push(AssessmentPointRow {
                id: year * 10 + offset,
                year_id: year + 1,
                school_id: None,
                kind,
                name: name.into(),
                taken_on: date(start + 1, 6, 1),
                scale_min: Some(scale.0),
                scale_max: Some(scale.1),
            });
        }
    }
    w.people.push(PersonRow {
        id: 1,
        email: Some("head@ten.test".into()),
        display_name: "Head of ten".into(),
        password_hash: Some(hash.into()),
    });
    w.roles.push(RoleRow {
        person_id: 1,
        role: "head",
        org_id: 10,
        subject_id: None,
    });
    let mut pupil = 0;
    for school in 10..30i64 {
        w.orgs.push(OrgRow {
            id: school,
            kind: "school",
            name: format!("School {school}"),
            parent_id: Some(1),
        });
        w.schools.push(SchoolRow {
            id: school,
            code: format!("S{school}"),
            phase: "secondary",
            number_on_roll: 800,
            fsm_share: 0.25,
            head_started_on: None,
            is_reference_only: school != 10,
        });
        for year in 0..3i64 {
            let shift = if school == 10 {
                SCHOOL_TEN_SHIFT[year as usize]
            } else {
                (school - 20) as f64 * 0.1
            };
            for i in 0..30 {
                pupil += 1;
                let prior = 90.0 + ((i * 7 + school) % 30) as f64;
                w.pupils.push(PupilRow {
                    id: pupil,
                    school_id: school,
                    pseudonym: format!("P-{pupil:05}"),
                    display_name: None,
                    cohort_year_id: Some(year + 1),
                    disadvantaged: Some(i % 3 == 0),
                    sen: Some("none"),
                    eal: Some(false),
                    gender: Some(if i % 2 == 0 { "female" } else { "male" }),
                    birth_date: Some(date(2008 + year as i32, 1 + (i % 12) as u8, 1)),
                    ethnicity_group: None,
                });
                w.results.push(ResultRow {
                    pupil_id: pupil,
                    assessment_point_id: year * 10 + 1,
                    subject_id: BASELINE,
                    score: prior,
                });
                for (subject, _) in SUBJECTS {
                    w.results.push(ResultRow {
                        pupil_id: pupil,
                        assessment_point_id: year * 10 + 2,
                        subject_id: subject,
                        score: prior / 10.0 - 5.0 + shift + noise(pupil * 3 + subject),
                    });
                }
            }
        }
    }
    w
}

pub(crate) async fn spawn() -> TestApp {
    let app = TestApp::spawn_empty().await;
    let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
    app.store.insert_world(&three_years(&hash)).await.unwrap();
    app
}

#[tokio::test]
async fn a_school_that_rose_from_the_bottom_third_is_shown_in_its_improvement_group() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let page = app.get("/schools/10/progress?subject=1").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Low → moderate/high"), "{}", page.body);
    assert!(
        page.body
            .contains("Started in the bottom third of attainment, ended outside it")
    );
    assert!(
        page.body
            .contains("the thirds and the 95% test are Headway"),
        "the thresholds are labelled as Headway's own"
    );
    for year in ["2023/24", "2024/25", "2025/26"] {
        assert!(page.body.contains(year), "the trend shows {year}");
    }
}

#[tokio::test]
async fn the_diagnostic_context_uses_the_whole_school_improvement_group() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    assert_eq!(answer(&app, "/diagnostic/self-audit", "3").await, 303);
    let view = app.get("/diagnostic/self-audit").await;
    assert_eq!(view.status, 200, "{}", view.body);
    assert!(
        view.body.contains(
            "Improvement group over the last three years, all subjects together: Low → moderate/high."
        ),
        "{}",
        view.body
    );
    assert!(!view.body.contains("not yet known"));
    assert!(
        view.body
            .contains("Your school has improved from a low starting point"),
        "the focus suggestions carry the context note of the group"
    );
}
