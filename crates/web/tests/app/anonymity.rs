//! Attacks on anonymity through real HTTP, as a governor, a cluster lead, a head and a
//! teacher would try them: download every table they may (or read the 360 report), then
//! subtract the shown groups from the total to solve for a hidden one (docs/anonymity.md).

use crate::diagnostic::{new_staff, outbox_links};
use crate::helpers::{PASSWORD, TestApp};
use crate::progress::system;
use headway_domain::account::{PasswordCost, hash_password};
use headway_domain::diagnostic::Dimension;
use headway_domain::diagnostic::instrument::built_in;
use headway_domain::roles::Role;
use headway_store::seed::{PersonRow, RoleRow};

/// Groups of fewer pupils than this are not shown (MeasureSettings' default).
const K: f64 = 6.0;

/// The progress test system, with school 10's pupils given the groups the testers
/// attacked: one pupil with an SEN plan, seven with SEN support, and two of "other"
/// gender; a cluster lead over the whole system.
async fn spawn() -> TestApp {
    let app = TestApp::spawn_empty().await;
    let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
    let mut world = system(&hash);
    for (i, pupil) in world
        .pupils
        .iter_mut()
        .filter(|p| p.school_id == 10)
        .enumerate()
    {
        pupil.sen = Some(match i {
            0 => "plan",
            1..=7 => "support",
            _ => "none",
        });
        if i == 2 || i == 5 {
            pupil.gender = Some("other");
        }
    }
    world.people.push(PersonRow {
        id: 4,
        email: Some("cluster@ten.test".into()),
        display_name: "Cluster lead".into(),
        password_hash: Some(hash.clone()),
    });
    world.roles.push(RoleRow {
        person_id: 4,
        role: "cluster_lead",
        org_id: 1,
        subject_id: None,
    });
    app.store.insert_world(&world).await.unwrap();
    app
}

/// One exported row: the group's name, then each cell (`None` when empty).
struct Row {
    label: String,
    cells: Vec<Option<f64>>,
}

/// Downloads a progress table as CSV and reads it as an attacker would.
async fn download(app: &TestApp, table: &str) -> Option<Vec<Row>> {
    let reply = app
        .get(&format!(
            "/schools/10/progress?subject=1&export=csv&table={table}"
        ))
        .await;
    if reply.status != 200 {
        return None;
    }
    let text = reply.body.trim_start_matches('\u{feff}');
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    Some(
        reader
            .records()
            .map(|record| {
                let record = record.unwrap();
                Row {
                    label: record[0].to_owned(),
                    cells: record.iter().skip(1).map(|c| c.parse().ok()).collect(),
                }
            })
            .collect(),
    )
}

const PUPILS: usize = 0;
const VALUE_ADDED: usize = 1;
const MEAN: usize = 5;

/// The subtraction attack on one column of a breakdown: total × n − Σ shown n × figure,
/// over the pupils not in a shown row. Returns the pupils the derived figure is about
/// and the figure, when the total and the shown rows' sizes are all published.
fn subtract(total: &Row, rows: &[Row], column: usize) -> Option<(f64, f64)> {
    let total_n = total.cells[PUPILS]?;
    let total_value = total.cells[column]?;
    let (mut pupils, mut sum) = (total_n, total_n * total_value);
    for row in rows {
        if let Some(value) = row.cells[column] {
            let n = row.cells[PUPILS]?;
            pupils -= n;
            sum -= n * value;
        }
    }
    (pupils > 0.0).then(|| (pupils, sum / pupils))
}

/// Every export the viewer can download is attacked; none may give a figure about fewer
/// than K pupils. Returns how many tables were downloaded.
async fn attack_every_export(app: &TestApp, who: &str) -> usize {
    let Some(subjects) = download(app, "subjects").await else {
        return 0;
    };
    let total = subjects
        .into_iter()
        .find(|row| row.label == "Mathematics")
        .expect("the subjects table has mathematics");
    let mut downloaded = 1;
    for table in [
        "disadvantaged",
        "sen",
        "eal",
        "gender",
        "prior-band",
        "class",
        "teacher",
    ] {
        let Some(rows) = download(app, table).await else {
            continue;
        };
        downloaded += 1;
        for row in &rows {
            if let Some(n) = row.cells[PUPILS] {
                assert!(
                    n >= K,
                    "{who}: {table} publishes a group of {n}: {}",
                    row.label
                );
            }
        }
        for column in [VALUE_ADDED, MEAN] {
            if let Some((pupils, value)) = subtract(&total, &rows, column) {
                assert!(
                    pupils >= K,
                    "{who}: the {table} export gives {value:.4} for {pupils} pupil(s) by \
                     subtracting its shown rows from the total (column {column})"
                );
            }
        }
    }
    downloaded
}

#[tokio::test]
async fn no_export_lets_a_governor_cluster_lead_or_head_solve_for_a_hidden_group() {
    let mut app = spawn().await;
    for (email, tables) in [
        ("governor@ten.test", 6),
        ("cluster@ten.test", 6),
        ("head@ten.test", 8),
    ] {
        app.new_visitor();
        app.sign_in_as(email).await;
        assert_eq!(attack_every_export(&app, email).await, tables, "{email}");
    }
    app.new_visitor();
    app.sign_in_as("teacher@ten.test").await;
    assert_eq!(
        attack_every_export(&app, "teacher").await,
        0,
        "a teacher downloads no school tables"
    );
}

#[tokio::test]
async fn exported_figures_are_rounded_as_on_the_page() {
    let app = spawn().await;
    app.sign_in_as("governor@ten.test").await;
    for table in ["subjects", "disadvantaged", "sen", "gender"] {
        for row in download(&app, table).await.unwrap() {
            for value in row.cells.iter().flatten() {
                assert!(
                    ((value * 100.0).round() - value * 100.0).abs() < 1e-9,
                    "{table}, {}: {value} has more than two decimals",
                    row.label
                );
            }
        }
    }
}

/// Answers a 360 link: teacher-learning items `learning` ("dont-know" or a point), 3 on
/// every other item.
async fn answer_rating_learning(app: &TestApp, path: &str, learning: &str) {
    let fields: Vec<(String, String)> = built_in()
        .items()
        .iter()
        .map(|item| {
            let value = match item.dimension {
                Dimension::TeacherLearning => learning,
                _ => "3",
            };
            (format!("item-{}", item.id.0), value.to_owned())
        })
        .collect();
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(app.post(path, &fields).await.status, 200);
}

#[tokio::test]
async fn the_lone_support_rater_of_teacher_learning_cannot_be_found_by_subtraction() {
    // The testers' attack on the demo, through the pages: k = 5; five teachers rate
    // everything; of five support staff one rates teacher learning 1, four answer
    // "don't know" there.
    let mut app = TestApp::spawn().await;
    app.sign_in_as("head@a.test").await;
    let opened = app
        .post(
            "/diagnostic/rounds",
            &[
                ("school", "3"),
                ("group", "teachers"),
                ("group", "support_staff"),
                ("threshold", "5"),
            ],
        )
        .await;
    let round = opened
        .location
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    let round_id: i64 = round.parse().unwrap();
    let people = new_staff(&app, Role::Teacher, 5).await;
    let teachers = outbox_links(&mut app, round_id, &people).await;
    let people = new_staff(&app, Role::SupportStaff, 5).await;
    let support = outbox_links(&mut app, round_id, &people).await;
    for (path, value) in teachers.iter().zip(["2", "3", "3", "4", "4"]) {
        app.new_visitor();
        answer_rating_learning(&app, path, value).await;
    }
    for (i, path) in support.iter().enumerate() {
        app.new_visitor();
        answer_rating_learning(&app, path, if i == 0 { "1" } else { "dont-know" }).await;
    }
    app.new_visitor();
    app.sign_in_as("head@a.test").await;
    app.post(&format!("/diagnostic/rounds/{round}/close"), &[])
        .await;
    let report = app.get(&format!("/diagnostic/rounds/{round}/report")).await;
    assert_eq!(report.status, 200);

    // The dimension table: name, self, Teachers, Support staff, all others, gap, alpha,
    // spread, answers.
    let table = &report.body[report
        .body
        .find("aria-labelledby=\"by-dimension\"")
        .unwrap()..];
    let row = table
        .split("<th scope=\"row\">")
        .find(|row| row.starts_with("Promoting and participating in teacher learning"))
        .expect("the teacher-learning row");
    let cells: Vec<&str> = row
        .split("<td")
        .skip(1)
        .map(|cell| cell[cell.find('>').unwrap() + 1..cell.find("</td>").unwrap()].trim())
        .collect();
    let number = |text: &str| text.parse::<f64>().ok();
    let (teachers, support, others) = (number(cells[1]), number(cells[2]), number(cells[3]));
    assert_eq!(support, None, "{cells:?}");
    if let (Some(teachers), Some(others)) = (teachers, others) {
        panic!(
            "teachers {teachers} beside all others {others}: 6 × {others} − 5 × {teachers} = {:.2}",
            6.0 * others - 5.0 * teachers
        );
    }
    assert!(cells[1..=3].contains(&"hidden"), "{cells:?}");
    // The answer counts do not give the lone answer of 1 away either.
    assert!(cells[7].starts_with("hidden /"), "{}", cells[7]);
    assert!(report.body.contains("it would reveal a smaller group"));
}
