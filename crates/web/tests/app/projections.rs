//! The forward projections page and the chances on a pupil's profile, on the progress
//! pages' small system with a previous year added (every pupil with a starting point, a
//! spring interim result and final results), so there is a year to learn from.

use crate::helpers::{PASSWORD, TestApp};
use headway_domain::account::{PasswordCost, hash_password};
use headway_domain::ids::OrgId;
use headway_domain::roles::Role;
use headway_store::seed::*;

fn date(y: i32, m: u8, d: u8) -> time::Date {
    time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
}

/// The progress pages' system (2025/26) and a previous year, 2024/25, of 20 schools of 40.
fn two_years(hash: &str) -> World {
    let mut w = crate::progress::system(hash);
    w.years.push(YearRow {
        id: 2,
        name: "2024/25".into(),
        starts_on: date(2024, 9, 1),
        ends_on: date(2025, 8, 31),
    });
    for (id, kind, name, taken_on) in [
        (10, "baseline", "KS2", date(2020, 5, 1)),
        (11, "interim", "Spring", date(2025, 3, 1)),
        (12, "final", "GCSE", date(2025, 6, 1)),
    ] {
        w.assessment_points.push(AssessmentPointRow {
            id,
            year_id: 2,
            school_id: None,
            kind,
            name: name.into(),
            taken_on,
            scale_min: None,
            scale_max: None,
        });
    }
    let mut state: u64 = 5;
    let mut noise = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64 - 0.5
    };
    for school in 10..30 {
        for i in 0..40 {
            let pupil = 10_000 + school * 100 + i;
            let prior = 90.0 + ((i * 7 + school) % 30) as f64;
            w.pupils.push(PupilRow {
                id: pupil,
                school_id: school,
                pseudonym: format!("L-{pupil:05}"),
                display_name: None,
                cohort_year_id: Some(2),
                disadvantaged: Some(i % 3 == 0),
                sen: Some("none"),
                eal: Some(false),
                gender: Some(if i % 2 == 0 { "female" } else { "male" }),
                birth_date: Some(date(2009, 1 + (i % 12) as u8, 1)),
                ethnicity_group: None,
            });
            w.results.push(ResultRow {
                pupil_id: pupil,
                assessment_point_id: 10,
                subject_id: 3,
                score: prior,
            });
            for subject in [1, 2] {
                let latent = prior / 10.0 - 5.0 + 2.5 * noise();
                let grade = latent.round().clamp(1.0, 9.0);
                w.results.push(ResultRow {
                    pupil_id: pupil,
                    assessment_point_id: 11,
                    subject_id: subject,
                    score: (latent + 1.5 * noise()).round().clamp(1.0, 9.0),
                });
                w.results.push(ResultRow {
                    pupil_id: pupil,
                    assessment_point_id: 12,
                    subject_id: subject,
                    score: grade,
                });
            }
        }
    }
    w
}

async fn spawn() -> TestApp {
    let app = TestApp::spawn_empty().await;
    let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
    app.store.insert_world(&two_years(&hash)).await.unwrap();
    app
}

#[tokio::test]
async fn the_head_sees_each_pupils_chances_and_the_calibration() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let progress = app.get("/schools/10/progress?subject=1").await;
    assert!(
        progress
            .body
            .contains("href=\"/schools/10/progress/projections\""),
        "the progress page links to the projections"
    );
    let page = app.get("/schools/10/progress/projections").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("An estimate, not a target."));
    assert!(body.contains("Learnt from the reference population of 2024/25."));
    assert!(
        body.contains("Chance of grade C or above") && body.contains("Chance of grade A or above")
    );
    // Both subjects, every pupil of the school (names shown), none of another school.
    assert!(body.contains("<h2 id=\"projection-subject-1\">English</h2>"));
    assert!(body.contains("<h2 id=\"projection-subject-2\">Mathematics</h2>"));
    assert!(body.contains(">Pupil 00</a>") && body.contains(">Pupil 39</a>"));
    assert!(!body.contains("P-00041"), "a pupil of another school");
    // Mathematics pupils have a spring interim result, English pupils do not.
    let maths = body
        .split("<h2 id=\"projection-subject-2\">")
        .nth(1)
        .unwrap();
    assert!(maths.contains("starting point and latest interim result"));
    let english = body
        .split("<h2 id=\"projection-subject-1\">")
        .nth(1)
        .unwrap();
    let english = english.split("projection-subject-2").next().unwrap();
    assert!(english.contains("starting point only"));
    assert!(!english.contains("latest interim result<"));
    // The calibration: 2024/25's models against 2025/26's finals, a chart with the diagonal
    // and a table of the same deciles.
    assert!(body.contains("Learnt from 2024/25, checked against the final results of 2025/26"));
    assert!(body.contains("class=\"diagonal\""));
    assert!(body.contains("Predicted chances in the decile"));
    let deciles = body.matches("class=\"tolerance\"").count();
    assert_eq!(deciles, 20, "ten deciles for each of two thresholds");

    // The profile of a pupil shows the same kind of chance, labelled.
    let pupil = app.get("/pupils/1").await;
    assert_eq!(pupil.status, 200);
    assert!(pupil.body.contains("Chance of grade C or above"));
    assert!(pupil.body.contains("An estimate, not a target."));
}

#[tokio::test]
async fn the_page_is_in_welsh_too() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    app.post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    let page = app.get("/schools/10/progress/projections").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Amcangyfrif, nid targed."));
    assert!(page.body.contains("Siawns o gyrraedd gradd C neu uwch"));
    assert!(!page.body.contains("Chance of"));
}

#[tokio::test]
async fn a_governor_and_another_schools_head_are_refused() {
    let mut app = spawn().await;
    app.sign_in_as("governor@ten.test").await;
    let progress = app.get("/schools/10/progress?subject=1").await;
    assert!(!progress.body.contains("/progress/projections"));
    assert_eq!(
        app.get("/schools/10/progress/projections").await.status,
        403
    );
    assert_eq!(app.get("/pupils/1").await.status, 404);

    app.new_visitor();
    app.add_account("head@eleven.test", "Head Eleven", Role::Head, OrgId(11))
        .await;
    app.sign_in_as("head@eleven.test").await;
    assert_eq!(
        app.get("/schools/10/progress/projections").await.status,
        403
    );
    // Its own page lists its own pupils only (who have no names, so their pseudonyms).
    let own = app.get("/schools/11/progress/projections").await;
    assert_eq!(own.status, 200);
    assert!(!own.body.contains("Pupil 0"));
}

#[tokio::test]
async fn a_school_with_one_year_of_data_is_told_so() {
    let app = TestApp::spawn_empty().await;
    let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
    app.store
        .insert_world(&crate::progress::system(&hash))
        .await
        .unwrap();
    app.sign_in_as("head@ten.test").await;
    let page = app.get("/schools/10/progress/projections").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("there is no previous year to learn projections from")
    );
    let pupil = app.get("/pupils/1").await;
    assert!(!pupil.body.contains("Chance of"));
}
