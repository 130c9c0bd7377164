//! Writing a whole synthetic world at once (the demo, test fixtures): rows with ids chosen
//! by the caller, inserted in one transaction with multi-row statements.

use crate::{Store, StoreError, on_pool};
use serde::{Deserialize, Serialize};
use sqlx::QueryBuilder;
use time::Date;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OrgRow {
    pub id: i64,
    pub kind: &'static str,
    pub name: String,
    pub parent_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SchoolRow {
    /// The school's org id.
    pub id: i64,
    pub code: String,
    pub phase: &'static str,
    pub number_on_roll: i64,
    pub fsm_share: f64,
    pub head_started_on: Option<Date>,
    /// A school of the reference population only: its pupils set national expectations,
    /// it has no staff or classes in this deployment.
    pub is_reference_only: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PersonRow {
    pub id: i64,
    pub email: Option<String>,
    pub display_name: String,
    pub password_hash: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RoleRow {
    pub person_id: i64,
    pub role: &'static str,
    pub org_id: i64,
    pub subject_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct YearRow {
    pub id: i64,
    pub name: String,
    pub starts_on: Date,
    pub ends_on: Date,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubjectRow {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PupilRow {
    pub id: i64,
    pub school_id: i64,
    pub pseudonym: String,
    pub display_name: Option<String>,
    pub cohort_year_id: Option<i64>,
    pub disadvantaged: Option<bool>,
    pub sen: Option<&'static str>,
    pub eal: Option<bool>,
    pub gender: Option<&'static str>,
    pub birth_date: Option<Date>,
    pub ethnicity_group: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClassRow {
    pub id: i64,
    pub school_id: i64,
    pub year_id: i64,
    pub subject_id: Option<i64>,
    pub name: String,
    pub year_group: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AssessmentPointRow {
    pub id: i64,
    pub year_id: i64,
    /// `None` for a system-wide (national) assessment.
    pub school_id: Option<i64>,
    pub kind: &'static str,
    pub name: String,
    pub taken_on: Date,
    pub scale_min: Option<f64>,
    pub scale_max: Option<f64>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct ResultRow {
    pub pupil_id: i64,
    pub assessment_point_id: i64,
    pub subject_id: i64,
    pub score: f64,
}

/// Everything a synthetic world holds, in insertion order.
#[derive(Debug, Clone, Default)]
pub struct World {
    pub orgs: Vec<OrgRow>,
    pub schools: Vec<SchoolRow>,
    pub subjects: Vec<SubjectRow>,
    pub people: Vec<PersonRow>,
    pub roles: Vec<RoleRow>,
    pub years: Vec<YearRow>,
    pub pupils: Vec<PupilRow>,
    pub classes: Vec<ClassRow>,
    /// (class id, person id)
    pub class_teachers: Vec<(i64, i64)>,
    /// (class id, pupil id)
    pub enrolments: Vec<(i64, i64)>,
    pub assessment_points: Vec<AssessmentPointRow>,
    pub results: Vec<ResultRow>,
}

/// Rows per multi-row INSERT: under SQLite's 32,766 bound parameters for the widest table.
const CHUNK: usize = 2_500;

/// Inserts `rows` into `$table` in chunks of multi-row VALUES, binding each row's fields.
macro_rules! insert_all {
    ($tx:expr, $table_and_columns:expr, $rows:expr, |$b:ident, $row:ident| $bind:block) => {
        for chunk in $rows.chunks(CHUNK) {
            let mut query = QueryBuilder::new(concat!("INSERT INTO ", $table_and_columns, " "));
            query.push_values(chunk, |mut $b, $row| $bind);
            query.build().execute(&mut *$tx).await?;
        }
    };
}

impl Store {
    /// Writes a whole world in one transaction: either all of it lands or none.
    pub async fn insert_world(&self, world: &World) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            insert_all!(tx, "orgs (id, kind, name, parent_id)", world.orgs, |b, r| {
                b.push_bind(r.id).push_bind(r.kind).push_bind(&r.name).push_bind(r.parent_id);
            });
            insert_all!(tx, "schools (org_id, code, phase, number_on_roll, fsm_share, head_started_on, is_reference_only)", world.schools, |b, r| {
                b.push_bind(r.id).push_bind(&r.code).push_bind(r.phase).push_bind(r.number_on_roll)
                    .push_bind(r.fsm_share).push_bind(r.head_started_on).push_bind(r.is_reference_only);
            });
            insert_all!(tx, "subjects (id, code, name)", world.subjects, |b, r| {
                b.push_bind(r.id).push_bind(&r.code).push_bind(&r.name);
            });
            let created_at = self.now();
            insert_all!(tx, "people (id, email, display_name, password_hash, created_at)", world.people, |b, r| {
                b.push_bind(r.id).push_bind(&r.email).push_bind(&r.display_name)
                    .push_bind(&r.password_hash).push_bind(created_at);
            });
            insert_all!(tx, "role_assignments (person_id, role, org_id, subject_id)", world.roles, |b, r| {
                b.push_bind(r.person_id).push_bind(r.role).push_bind(r.org_id).push_bind(r.subject_id);
            });
            insert_all!(tx, "academic_years (id, name, starts_on, ends_on)", world.years, |b, r| {
                b.push_bind(r.id).push_bind(&r.name).push_bind(r.starts_on).push_bind(r.ends_on);
            });
            insert_all!(tx, "pupils (id, school_id, pseudonym, display_name, cohort_year_id, disadvantaged, sen, eal, gender, birth_date, ethnicity_group)", world.pupils, |b, r| {
                b.push_bind(r.id).push_bind(r.school_id).push_bind(&r.pseudonym).push_bind(&r.display_name)
                    .push_bind(r.cohort_year_id).push_bind(r.disadvantaged).push_bind(r.sen).push_bind(r.eal)
                    .push_bind(r.gender).push_bind(r.birth_date).push_bind(&r.ethnicity_group);
            });
            insert_all!(tx, "classes (id, school_id, year_id, subject_id, name, year_group)", world.classes, |b, r| {
                b.push_bind(r.id).push_bind(r.school_id).push_bind(r.year_id).push_bind(r.subject_id)
                    .push_bind(&r.name).push_bind(r.year_group);
            });
            insert_all!(tx, "class_teachers (class_id, person_id)", world.class_teachers, |b, r| {
                b.push_bind(r.0).push_bind(r.1);
            });
            insert_all!(tx, "enrolments (class_id, pupil_id)", world.enrolments, |b, r| {
                b.push_bind(r.0).push_bind(r.1);
            });
            insert_all!(tx, "assessment_points (id, year_id, school_id, kind, name, taken_on, scale_min, scale_max)", world.assessment_points, |b, r| {
                b.push_bind(r.id).push_bind(r.year_id).push_bind(r.school_id).push_bind(r.kind)
                    .push_bind(&r.name).push_bind(r.taken_on).push_bind(r.scale_min).push_bind(r.scale_max);
            });
            insert_all!(tx, "results (pupil_id, assessment_point_id, subject_id, score)", world.results, |b, r| {
                b.push_bind(r.pupil_id).push_bind(r.assessment_point_id).push_bind(r.subject_id).push_bind(r.score);
            });
            crate::versions::bump_data_version!(tx);
            tx.commit().await?;
        });
        self.advance_identity_sequences().await
    }

    /// After rows were inserted with explicit ids, PostgreSQL's identity sequences must be
    /// moved past them; SQLite needs nothing.
    pub(crate) async fn advance_identity_sequences(&self) -> Result<(), StoreError> {
        if let crate::Pool::Postgres(pool) = &self.pool {
            for table in [
                "orgs",
                "people",
                "role_assignments",
                "academic_years",
                "subjects",
                "pupils",
                "classes",
                "assessment_points",
            ] {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                );
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
            }
        }
        Ok(())
    }

    /// Whether the database holds any organisation yet (the demo reuses a seeded database).
    pub async fn is_empty(&self) -> Result<bool, StoreError> {
        let count: i64 = on_pool!(self, pool =>
            sqlx::query_scalar("SELECT COUNT(*) FROM orgs").fetch_one(pool).await)?;
        Ok(count == 0)
    }
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, time::Month::try_from(m).expect("a month"), d).expect("a date")
}

/// A small world for tests and examples: a system (org 1) with a cluster (org 2) of two
/// schools (3 and 4) and a school outside the cluster (5). School 3 has a mathematics class
/// (class 1, taught by person 2) of four pupils, two disadvantaged, with baseline and final
/// results, and a second class (class 2, taught by person 4) with none.
///
/// People: 1 head of school 3, 2 and 4 teachers there, 3 cluster lead, 5 governor of
/// school 3, 6 head of mathematics (middle leader) there, 7 its data manager. Emails are
/// `head@a.test`, `teacher@a.test`, `lead@cluster.test`, `teacher2@a.test`,
/// `governor@a.test`, `maths.lead@a.test`, `data@a.test`; password hashes are unusable
/// placeholders for the caller to replace.
pub fn example_world() -> World {
    let mut w = World {
        orgs: vec![
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
        ],
        ..World::default()
    };
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
    for (id, email, name) in [
        (4, "teacher2@a.test", "Teacher B"),
        (5, "governor@a.test", "Governor A"),
        (6, "maths.lead@a.test", "Maths Lead"),
        (7, "data@a.test", "Data Manager"),
    ] {
        w.people.push(PersonRow {
            id,
            email: Some(email.into()),
            display_name: name.into(),
            password_hash: None,
        });
    }
    for (person_id, role, subject_id) in [
        (4, "teacher", None),
        (5, "governor", None),
        (6, "middle_leader", Some(1)),
        (7, "data_manager", None),
    ] {
        w.roles.push(RoleRow {
            person_id,
            role,
            org_id: 3,
            subject_id,
        });
    }
    w.classes.push(ClassRow {
        id: 2,
        school_id: 3,
        year_id: 1,
        subject_id: Some(1),
        name: "11M2".into(),
        year_group: Some(11),
    });
    w.class_teachers.push((2, 4));
    w
}
