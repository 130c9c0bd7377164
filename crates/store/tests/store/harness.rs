use headway_store::Store;
use headway_store::seed::*;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    )
}

/// A fresh, migrated store on each engine available: SQLite always, PostgreSQL when
/// `HEADWAY_TEST_POSTGRES_URL` is set.
pub async fn stores() -> Vec<Store> {
    let mut stores = vec![sqlite().await];
    if let Ok(url) = std::env::var("HEADWAY_TEST_POSTGRES_URL") {
        stores.push(postgres(&url).await);
    }
    stores
}

pub async fn sqlite() -> Store {
    let dir = std::env::temp_dir().join(unique("headway_store_test"));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::connect(&format!("sqlite://{}", dir.join("test.db").display()))
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store
}

/// A store in a schema of its own, so tests never see each other's rows.
pub async fn postgres(url: &str) -> Store {
    let schema = unique("t");
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .expect("HEADWAY_TEST_POSTGRES_URL connects");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let options = PgConnectOptions::from_str(url)
        .unwrap()
        .options([("search_path", schema.as_str())]);
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .unwrap();
    let store = Store::from_pg_pool(pool);
    store.migrate().await.unwrap();
    store
}

pub fn date(y: i32, m: u8, d: u8) -> time::Date {
    time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
}

/// A small world: a system with a cluster of two schools; one school has a class of
/// four pupils (two disadvantaged) with baseline and final results in mathematics.
pub fn small_world() -> World {
    let mut w = World::default();
    w.orgs = vec![
        OrgRow {
            id: 1,
            kind: "system",
            name: "Nation".into(),
            parent_id: None,
        },
        OrgRow {
            id: 2,
            kind: "cluster",
            name: "Valley cluster".into(),
            parent_id: Some(1),
        },
        OrgRow {
            id: 3,
            kind: "school",
            name: "Ysgol Uwchradd Aberdâr".into(),
            parent_id: Some(2),
        },
        OrgRow {
            id: 4,
            kind: "school",
            name: "Hill School".into(),
            parent_id: Some(2),
        },
        OrgRow {
            id: 5,
            kind: "school",
            name: "Far School".into(),
            parent_id: Some(1),
        },
    ];
    w.schools = [(3, "A1", 0.30), (4, "B2", 0.05), (5, "C3", 0.50)]
        .into_iter()
        .map(|(id, code, fsm)| SchoolRow {
            id,
            code: code.into(),
            phase: "secondary",
            number_on_roll: 900,
            fsm_share: fsm,
            head_started_on: Some(date(2023, 9, 1)),
            is_reference_only: false,
        })
        .collect();
    w.subjects = vec![SubjectRow {
        id: 1,
        code: "MAT".into(),
        name: "Mathematics".into(),
    }];
    w.people = vec![
        PersonRow {
            id: 1,
            email: Some("head@a.test".into()),
            display_name: "Head A".into(),
            password_hash: Some("x".into()),
        },
        PersonRow {
            id: 2,
            email: Some("teacher@a.test".into()),
            display_name: "Teacher A".into(),
            password_hash: None,
        },
        PersonRow {
            id: 3,
            email: Some("lead@cluster.test".into()),
            display_name: "Cluster Lead".into(),
            password_hash: None,
        },
    ];
    w.roles = vec![
        RoleRow {
            person_id: 1,
            role: "head",
            org_id: 3,
            subject_id: None,
        },
        RoleRow {
            person_id: 2,
            role: "teacher",
            org_id: 3,
            subject_id: None,
        },
        RoleRow {
            person_id: 3,
            role: "cluster_lead",
            org_id: 2,
            subject_id: None,
        },
    ];
    w.years = vec![YearRow {
        id: 1,
        name: "2025/26".into(),
        starts_on: date(2025, 9, 1),
        ends_on: date(2026, 8, 31),
    }];
    w.pupils = (1..=4)
        .map(|i| PupilRow {
            id: i,
            school_id: 3,
            pseudonym: format!("P-{i:04}"),
            display_name: Some(format!("Pupil {i}")),
            cohort_year_id: Some(1),
            disadvantaged: Some(i <= 2),
            sen: Some("none"),
            eal: Some(false),
            gender: Some(if i % 2 == 0 { "female" } else { "male" }),
            birth_date: Some(date(2010, 1 + i as u8, 1)),
            ethnicity_group: None,
        })
        .collect();
    w.classes = vec![ClassRow {
        id: 1,
        school_id: 3,
        year_id: 1,
        subject_id: Some(1),
        name: "11M1".into(),
        year_group: Some(11),
    }];
    w.class_teachers = vec![(1, 2)];
    w.enrolments = (1..=4).map(|p| (1, p)).collect();
    w.assessment_points = vec![
        AssessmentPointRow {
            id: 1,
            year_id: 1,
            school_id: None,
            kind: "baseline",
            name: "KS2".into(),
            taken_on: date(2021, 5, 10),
            scale_min: Some(80.0),
            scale_max: Some(120.0),
        },
        AssessmentPointRow {
            id: 2,
            year_id: 1,
            school_id: None,
            kind: "final",
            name: "GCSE".into(),
            taken_on: date(2026, 6, 10),
            scale_min: Some(1.0),
            scale_max: Some(9.0),
        },
    ];
    w.results = (1..=4)
        .flat_map(|p| {
            [
                ResultRow {
                    pupil_id: p,
                    assessment_point_id: 1,
                    subject_id: 1,
                    score: 100.0 + p as f64,
                },
                ResultRow {
                    pupil_id: p,
                    assessment_point_id: 2,
                    subject_id: 1,
                    score: p as f64 + 2.0,
                },
            ]
        })
        .collect();
    w
}
