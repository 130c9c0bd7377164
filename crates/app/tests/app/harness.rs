use headway_store::Store;
use headway_store::seed::*;
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// A fresh, migrated store on each engine available.
pub async fn stores() -> Vec<Store> {
    let dir = std::env::temp_dir().join(unique("headway_app_test"));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = Store::connect(&format!("sqlite://{}", dir.join("test.db").display()))
        .await
        .unwrap();
    let mut stores = vec![sqlite];
    if let Ok(url) = std::env::var("HEADWAY_TEST_POSTGRES_URL") {
        let schema = unique("app");
        let admin = sqlx::PgPool::connect(&url).await.unwrap();
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
        let options = url
            .parse::<sqlx::postgres::PgConnectOptions>()
            .unwrap()
            .options([("search_path", schema.as_str())]);
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .unwrap();
        stores.push(Store::from_pg_pool(pool));
    }
    for store in &stores {
        store.migrate().await.unwrap();
    }
    stores
}

pub const YEAR: i64 = 1;
pub const MATHS: i64 = 1;
const BASELINE_SUBJECT: i64 = 2;

fn day(year: i32, month: u8, day: u8) -> time::Date {
    time::Date::from_calendar_date(year, time::Month::try_from(month).unwrap(), day).unwrap()
}

/// A reference population of `schools` schools of 30 pupils, every context known, so both
/// the simple and the contextual model fit: outcome = prior/10 − 5, shifted per school and
/// by disadvantage, with deterministic noise.
pub fn population(schools: i64) -> World {
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
        years: vec![YearRow {
            id: YEAR,
            name: "2025/26".into(),
            starts_on: day(2025, 9, 1),
            ends_on: day(2026, 8, 31),
        }],
        ..World::default()
    };
    for (id, kind, scale) in [(1, "baseline", (80.0, 120.0)), (2, "final", (1.0, 9.0))] {
        world.assessment_points.push(AssessmentPointRow {
            id,
            year_id: YEAR,
            school_id: None,
            kind,
            name: kind.into(),
            taken_on: day(2026, 6, 1),
            scale_min: Some(scale.0),
            scale_max: Some(scale.1),
        });
    }
    let mut state: u64 = 7;
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
            is_reference_only: true,
        });
        for i in 0..30 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let noise = (state >> 33) as f64 / (1u64 << 31) as f64 - 0.5;
            let pupil = org * 100 + i;
            let prior = 88.0 + ((i * 5 + school * 3) % 32) as f64;
            let disadvantaged = i % 4 == 1;
            world.pupils.push(PupilRow {
                id: pupil,
                school_id: org,
                pseudonym: format!("P{pupil}"),
                display_name: None,
                cohort_year_id: Some(YEAR),
                disadvantaged: Some(disadvantaged),
                sen: Some(["none", "support", "none", "plan", "none"][(i % 5) as usize]),
                eal: Some(i % 7 == 0),
                gender: Some(if i % 2 == 0 { "female" } else { "male" }),
                birth_date: Some(day(2010, 1 + (i % 12) as u8, 15)),
                ethnicity_group: None,
            });
            let outcome = prior / 10.0 - 5.0 + (school % 4) as f64 * 0.3
                - if disadvantaged { 0.4 } else { 0.0 }
                + noise;
            for (point, subject, score) in [(1, BASELINE_SUBJECT, prior), (2, MATHS, outcome)] {
                world.results.push(ResultRow {
                    pupil_id: pupil,
                    assessment_point_id: point,
                    subject_id: subject,
                    score,
                });
            }
        }
    }
    world
}
