//! Many schools at once: a cluster lead reads their schools side by side — value added with
//! intervals, a caterpillar plot, similar schools, where support is most needed, plan
//! priorities — filtered by phase and FSM band, in English and Welsh, and as CSV; a small
//! school's figure stays hidden; nobody else reaches another cluster's view.
//!
//! The world: a nation (org 1) of twenty reference schools and two clusters. The Valley
//! cluster (org 2): Afon High (10), FSM band 4, three years well below the expected and
//! flat; Bryn High (11), band 3, rising from the bottom third; Castell High (12), band 4,
//! steadily above; Dôl Fach (13), band 1, four pupils a year. The Hill cluster (org 3):
//! Eithin High (14), band 4, as low as Afon.

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

/// A school of the world and what is planted in it.
struct Planted {
    id: i64,
    name: String,
    /// The organisation it sits under.
    parent: i64,
    fsm: f64,
    /// Attainment against the expected, by year.
    shifts: [f64; 3],
    /// Pupils a year.
    cohort: i64,
    reference: bool,
}

fn planted(id: i64, name: &str, parent: i64, fsm: f64, shifts: [f64; 3], cohort: i64) -> Planted {
    Planted {
        id,
        name: name.to_owned(),
        parent,
        fsm,
        shifts,
        cohort,
        reference: false,
    }
}

fn cluster_schools() -> Vec<Planted> {
    vec![
        planted(10, "Afon High", 2, 0.40, [-1.0, -1.0, -1.0], 30),
        planted(11, "Bryn High", 2, 0.30, [-2.0, -1.0, 0.6], 30),
        planted(12, "Castell High", 2, 0.38, [0.3, 0.3, 0.3], 30),
        planted(13, "Dôl Fach", 2, 0.05, [-2.0, -2.0, -2.0], 4),
        planted(14, "Eithin High", 3, 0.40, [-1.0, -1.0, -1.0], 30),
    ]
}

/// (id, email, role, org)
const PEOPLE: [(i64, &str, &str, i64); 6] = [
    (1, "head@afon.test", "head", 10),
    (2, "lead@valley.test", "cluster_lead", 2),
    (3, "lead@hill.test", "cluster_lead", 3),
    (4, "teacher@afon.test", "teacher", 10),
    (5, "governor@afon.test", "governor", 10),
    (6, "leader@nation.test", "system_leader", 1),
];

fn world(hash: &str) -> World {
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
                kind: "cluster",
                name: "Hill cluster".into(),
                parent_id: Some(1),
            },
        ],
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
    for (id, email, role, org) in PEOPLE {
        w.people.push(PersonRow {
            id,
            email: Some(email.into()),
            display_name: email.into(),
            password_hash: Some(hash.into()),
        });
        w.roles.push(RoleRow {
            person_id: id,
            role,
            org_id: org,
            subject_id: None,
        });
    }
    let mut schools = cluster_schools();
    for school in 20..40i64 {
        let shift = (school - 30) as f64 * 0.1;
        schools.push(Planted {
            reference: true,
            ..planted(
                school,
                &format!("Reference {school}"),
                1,
                0.25,
                [shift; 3],
                30,
            )
        });
    }
    let mut pupil = 0;
    for Planted {
        id: school,
        name,
        parent: org,
        fsm,
        shifts,
        cohort,
        reference,
    } in schools
    {
        w.orgs.push(OrgRow {
            id: school,
            kind: "school",
            name,
            parent_id: Some(org),
        });
        w.schools.push(SchoolRow {
            id: school,
            code: format!("S{school}"),
            phase: "secondary",
            number_on_roll: 800,
            fsm_share: fsm,
            head_started_on: Some(date(2019, 9, 1)),
            is_reference_only: reference,
        });
        for (year, shift) in shifts.iter().enumerate() {
            let year = year as i64;
            for i in 0..cohort {
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
    app.store.insert_world(&world(&hash)).await.unwrap();
    app
}

/// The text from the element that starts with `start` to the next `end` after it.
fn between<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {body}"));
    let rest = &body[from..];
    &rest[..rest.find(end).map_or(rest.len(), |e| e + end.len())]
}

async fn page_as(app: &mut TestApp, email: &str, path: &str) -> String {
    app.new_visitor();
    app.sign_in_as(email).await;
    let reply = app.get(path).await;
    assert_eq!(reply.status, 200, "{email} {path}: {}", reply.body);
    reply.body
}

#[tokio::test]
async fn a_cluster_lead_reads_their_schools_side_by_side_with_intervals() {
    let mut app = spawn().await;
    let body = page_as(&mut app, "lead@valley.test", "/orgs/2/schools").await;
    let table = between(
        &body,
        "<section class=\"panel\" aria-labelledby=\"side-by-side-title\"",
        "</section>",
    );
    for school in ["Afon High", "Bryn High", "Castell High", "Dôl Fach"] {
        assert!(table.contains(school), "{school} in {table}");
    }
    assert!(
        !body.contains("Eithin High") && !body.contains("Reference 2"),
        "nothing from outside the cluster"
    );
    assert!(body.contains("Figures for 2025/26"), "the latest year");
    // Every shown estimate comes with its interval; improvement groups and bands beside.
    let afon = between(table, "Afon High</a>", "</tr>");
    assert!(afon.contains("−") && afon.contains(" to "), "{afon}");
    assert!(afon.contains("Stable (not improving)"), "{afon}");
    assert!(afon.contains("band bad"), "{afon}");
    let bryn = between(table, "Bryn High</a>", "</tr>");
    assert!(bryn.contains("Low → moderate/high"), "{bryn}");
    // The caterpillar plot: a title, a description, zero marked, the table beside it, and
    // the schools ordered by estimate with no rank number.
    let chart = between(&body, "<svg role=\"img\"", "</svg>");
    assert!(chart.contains("<title id=\"chart-schools-0-title\">Headline value added"));
    assert!(chart.contains("<desc id=\"chart-schools-0-desc\">"));
    assert!(chart.contains("class=\"zero\""));
    let afon_at = chart.find("Afon High").unwrap();
    let castell_at = chart.find("Castell High").unwrap();
    let bryn_at = chart.find("Bryn High").unwrap();
    assert!(afon_at < castell_at && afon_at < bryn_at, "lowest first");
    assert!(body.contains("The figures of the chart: Headline value added"));
    assert!(!body.contains("Rank") && !body.contains("1st"));
}

#[tokio::test]
async fn a_small_school_stays_hidden_everywhere_on_the_page_and_in_the_export() {
    let mut app = spawn().await;
    let body = page_as(&mut app, "lead@valley.test", "/orgs/2/schools").await;
    let table = between(
        &body,
        "aria-labelledby=\"side-by-side-title\"",
        "</section>",
    );
    let dol = between(table, "Dôl Fach</a></th>", "</tr>");
    assert!(dol.contains("hidden: fewer than 6 pupils"), "{dol}");
    assert!(
        !dol.contains(" to "),
        "no interval for a hidden figure: {dol}"
    );
    let chart = between(&body, "<svg role=\"img\"", "</svg>");
    assert!(!chart.contains("Dôl Fach"), "not in the chart");
    assert!(
        !between(&body, "id=\"support-title\"", "</section>").contains("Dôl Fach"),
        "a hidden figure is never called significantly below"
    );
    let csv = app.get("/orgs/2/schools?export=csv").await;
    assert_eq!(csv.status, 200);
    let line = csv
        .body
        .lines()
        .find(|l| l.starts_with("Dôl Fach"))
        .expect("Dôl Fach's line");
    let cells: Vec<&str> = line.split(',').collect();
    assert_eq!(
        cells[5..9],
        ["", "", "", ""],
        "no pupils, value or interval: {line}"
    );
    let afon = csv
        .body
        .lines()
        .find(|l| l.starts_with("Afon High"))
        .unwrap();
    assert!(
        afon.contains(",-"),
        "Afon's negative figures as numbers: {afon}"
    );
}

#[tokio::test]
async fn support_is_most_needed_where_significantly_below_and_not_improving_with_its_context() {
    let mut app = spawn().await;
    let body = page_as(&mut app, "lead@valley.test", "/orgs/2/schools").await;
    let support = between(&body, "id=\"support-title\"", "</section>");
    assert!(support.contains("Afon High"), "{support}");
    for not in ["Bryn High", "Castell High", "Dôl Fach"] {
        assert!(!support.contains(not), "{not} in {support}");
    }
    assert!(
        support.contains("significantly below average; attainment has neither risen nor fallen")
    );
    assert!(support.contains("FSM band 4: 40% of pupils eligible for free school meals"));
    assert!(
        support.contains("Disadvantaged pupils&#39;") || support.contains("Disadvantaged pupils'")
    );
    assert!(support.contains("Head in post for"));
    assert!(support.contains("No improvement plan recorded."));
    assert!(
        support.contains("The other school in FSM band 4"),
        "compared with Castell High: {support}"
    );
}

#[tokio::test]
async fn each_school_is_compared_with_the_schools_of_its_fsm_band() {
    let mut app = spawn().await;
    let body = page_as(&mut app, "lead@valley.test", "/orgs/2/schools").await;
    let similar = between(&body, "id=\"similar-title\"", "</section>");
    let band_four = between(similar, "FSM band 4</caption>", "</table>");
    let afon = between(band_four, "Afon High", "</tr>");
    assert!(
        afon.contains("significantly below similar schools"),
        "{afon}"
    );
    let castell = between(band_four, "Castell High", "</tr>");
    assert!(
        castell.contains("significantly above similar schools"),
        "{castell}"
    );
    let band_three = between(similar, "FSM band 3</caption>", "</table>");
    assert!(
        band_three.contains("No similar school in view"),
        "{band_three}"
    );
    let band_one = between(similar, "FSM band 1</caption>", "</table>");
    assert!(
        band_one.contains("hidden: fewer than 6 pupils") && !band_one.contains("−"),
        "{band_one}"
    );
}

#[tokio::test]
async fn the_view_is_filtered_by_phase_and_fsm_band() {
    let mut app = spawn().await;
    let body = page_as(&mut app, "lead@valley.test", "/orgs/2/schools?band=4").await;
    assert!(body.contains("Showing 2 schools of 4."), "{body}");
    let table = between(
        &body,
        "aria-labelledby=\"side-by-side-title\"",
        "</section>",
    );
    assert!(table.contains("Afon High") && table.contains("Castell High"));
    assert!(!table.contains("Bryn High") && !table.contains("Dôl Fach"));
    assert!(
        body.contains("href=\"?band=4&amp;export=csv\""),
        "the export keeps the filter"
    );
    let csv = app.get("/orgs/2/schools?band=4&export=csv").await.body;
    assert!(csv.contains("Castell High") && !csv.contains("Bryn High"));
    let none = app.get("/orgs/2/schools?phase=primary").await;
    assert_eq!(none.status, 200);
    assert!(none.body.contains("No school matches this choice."));
    let odd = app.get("/orgs/2/schools?band=9&phase=%3Cscript%3E").await;
    assert_eq!(odd.status, 200);
    assert!(!odd.body.contains("<script>"));
}

#[tokio::test]
async fn plan_priorities_show_beside_the_figures_as_titles_only() {
    let mut app = spawn().await;
    app.sign_in_as("head@afon.test").await;
    let reply = app.post("/schools/10/plan", &[("year", "3")]).await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let reply = app
        .post(
            "/schools/10/plan/priorities",
            &[
                ("year", "3"),
                ("title", "Progress in every subject"),
                (
                    "rationale",
                    "Value added has been well below average for three years",
                ),
                ("dimension", "teaching_and_curriculum"),
            ],
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    let body = page_as(&mut app, "lead@valley.test", "/orgs/2/schools").await;
    let table = between(
        &body,
        "aria-labelledby=\"side-by-side-title\"",
        "</section>",
    );
    let afon = between(table, "Afon High</a></th>", "</tr>");
    assert!(afon.contains("Progress in every subject"), "{afon}");
    assert!(afon.contains("Plan 2025/26 (Draft)"), "{afon}");
    assert!(
        !body.contains("well below average for three years"),
        "no rationale"
    );
    let support = between(&body, "id=\"support-title\"", "</section>");
    assert!(support.contains("Plan 2025/26 (Draft): Progress in every subject."));
}

#[tokio::test]
async fn only_the_leaders_of_the_organisation_get_the_view() {
    let mut app = spawn().await;
    for (email, path, expected) in [
        ("head@afon.test", "/orgs/2/schools", 403),
        ("head@afon.test", "/orgs/10/schools", 403),
        ("teacher@afon.test", "/orgs/2/schools", 403),
        ("governor@afon.test", "/orgs/2/schools", 403),
        ("lead@hill.test", "/orgs/2/schools", 403),
        ("lead@hill.test", "/orgs/2/schools?export=csv", 403),
        ("lead@valley.test", "/orgs/3/schools", 403),
        ("lead@valley.test", "/orgs/1/schools", 403),
        ("lead@valley.test", "/orgs/999/schools", 403),
    ] {
        app.new_visitor();
        app.sign_in_as(email).await;
        let reply = app.get(path).await;
        assert_eq!(reply.status, expected, "{email} {path}");
        assert!(!reply.body.contains("Afon High"), "{email} {path}");
    }
    let hill = page_as(&mut app, "lead@hill.test", "/orgs/3/schools").await;
    assert!(hill.contains("Eithin High") && !hill.contains("Afon High"));
    assert!(between(&hill, "id=\"support-title\"", "</section>").contains("Eithin High"));
    let nation = page_as(&mut app, "leader@nation.test", "/orgs/1/schools").await;
    assert!(nation.contains("Afon High") && nation.contains("Eithin High"));
    // The cluster's page links to the view for its lead only.
    let cluster = page_as(&mut app, "lead@valley.test", "/orgs/2").await;
    assert!(cluster.contains("href=\"/orgs/2/schools\""));
}

#[tokio::test]
async fn a_welsh_reader_reads_the_view_in_welsh() {
    let mut app = spawn().await;
    app.sign_in_as("lead@valley.test").await;
    app.post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    let body = app.get("/orgs/2/schools").await.body;
    assert!(body.contains("Ysgolion ochr yn ochr"), "{body}");
    assert!(body.contains("Lle mae angen cymorth fwyaf"));
    assert!(body.contains("Band PYDd 4"));
    assert!(body.contains("Sefydlog (ddim yn gwella)"));
    assert!(
        body.contains(" i −") || body.contains(" i +"),
        "intervals in Welsh"
    );
    for english in [
        "Where support",
        "Compared with similar",
        " to −",
        "significantly",
    ] {
        assert!(!body.contains(english), "{english} left in English");
    }
    let _ = &mut app;
}
