//! The school's year at a glance: the headline across subjects, what stands out, the
//! subjects × groups grid and the bands, on the progress page and the home page; and the
//! governors' summary with who may read it.

use crate::helpers::{PASSWORD, TestApp};
use crate::progress::system;
use headway_domain::account::{PasswordCost, hash_password};
use headway_store::attendance::NewAttendance;
use headway_store::seed::{PersonRow, RoleRow};

/// The progress tests' system (school 10 weak in mathematics), with a governor of
/// another school (11).
async fn spawn() -> TestApp {
    let app = TestApp::spawn_empty().await;
    let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
    let mut world = system(&hash);
    world.people.push(PersonRow {
        id: 9,
        email: Some("governor@eleven.test".into()),
        display_name: "Governor of eleven".into(),
        password_hash: Some(hash.clone()),
    });
    world.roles.push(RoleRow {
        person_id: 9,
        role: "governor",
        org_id: 11,
        subject_id: None,
    });
    app.store.insert_world(&world).await.unwrap();
    app
}

/// The text of the first element that starts with `start`, up to its end tag `end`.
fn between<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {body}"));
    let rest = &body[from..];
    &rest[..rest.find(end).unwrap()]
}

#[tokio::test]
async fn the_progress_page_opens_on_the_headline_and_what_stands_out() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let page = app.get("/schools/10/progress").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    let headline = between(
        body,
        "<section class=\"panel overview-headline\"",
        "</section>",
    );
    assert!(
        headline.contains("Value added across subjects"),
        "{headline}"
    );
    assert!(headline.contains("Across 2 subjects"), "{headline}");
    assert!(headline.contains("95% interval"));
    // Maths is planted a grade below and English average: across them, below average.
    assert!(
        headline.contains("Below average") || headline.contains("Well below average"),
        "{headline}"
    );
    assert!(headline.contains("A direction needs at least two years"));

    let standouts = between(body, "<section class=\"panel standouts\"", "</section>");
    let first = between(standouts, "<li>", "</a>");
    assert!(
        first.contains("Mathematics: well below average (−"),
        "mathematics first: {first}"
    );
    assert!(
        first.contains("href=\"/schools/10/progress?year=1&#38;subject=1#subject-detail\""),
        "the sentence links to its figure: {first}"
    );
    assert!(
        standouts.contains("English: average overall (+"),
        "English is average, its groups apart: {standouts}"
    );
    assert!(standouts.contains("Headway&#39;s own choices"));

    // Without a subject asked for, the page opens on the one that stands out.
    assert!(
        body.contains(
            "<h2 id=\"subject-detail\" class=\"subject-title\">Mathematics, 2025/26</h2>"
        )
    );
    // The bands in plain words, with the cut.
    assert!(
        body.contains("Well below average: value added below −0.5 and the whole interval below 0.")
    );
}

#[tokio::test]
async fn the_grid_shows_significance_beyond_colour_and_links_each_cell() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let body = app.get("/schools/10/progress").await.body;
    let grid = between(&body, "<section class=\"panel\" id=\"grid\"", "</section>");
    assert!(
        grid.contains("<div class=\"scroll\" role=\"region\" tabindex=\"0\""),
        "the table scrolls in a focusable region"
    );
    let header = between(grid, "<thead>", "</thead>");
    assert!(
        header.contains(">Headline<")
            && header.contains(">Mathematics<")
            && header.contains(">English<")
    );
    let all = between(grid, "<th scope=\"row\">All pupils</th>", "</tr>");
    assert!(
        all.contains("aria-hidden=\"true\">▼</span>"),
        "a symbol: {all}"
    );
    assert!(
        all.contains("<span class=\"visually-hidden\"> Well below average</span>"),
        "{all}"
    );
    assert!(all.contains("href=\"/schools/10/progress?year=1&#38;subject=1#subject-detail\""));
    let disadvantaged = between(
        grid,
        "<th scope=\"row\">eFSM (eligible for free school meals)</th>",
        "</tr>",
    );
    assert!(
        disadvantaged.contains("#table-disadvantaged\""),
        "{disadvantaged}"
    );
    for absent in ["SEN support", ">EAL<", "Other gender"] {
        assert!(
            !grid.contains(absent),
            "no pupil of the kind, no row: {absent}"
        );
    }
}

#[tokio::test]
async fn a_welsh_reader_reads_what_stands_out_in_welsh() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    app.post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    let body = app.get("/schools/10/progress").await.body;
    let standouts = between(&body, "<section class=\"panel standouts\"", "</section>");
    assert!(
        standouts.contains("Beth sy&#39;n sefyll allan"),
        "{standouts}"
    );
    assert!(
        standouts.contains("Mathemateg: ymhell islaw&#39;r cyfartaledd (−")
            || standouts.contains("Mathemateg: ymhell islaw'r cyfartaledd (−"),
        "{standouts}"
    );
    assert!(standouts.contains("cyfwng 95%"));
    assert!(
        !standouts.contains("well below"),
        "no English left: {standouts}"
    );
    assert!(body.contains("Gwerth ychwanegol ar draws pynciau"));
}

#[tokio::test]
async fn the_home_page_gives_the_head_the_headline_and_the_governors_summary() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let home = app.get("/").await;
    assert_eq!(home.status, 200);
    assert!(
        home.body.contains("Headline: the school&#39;s value added")
            || home.body.contains("Headline: the school's value added"),
        "{}",
        home.body
    );
    assert!(home.body.contains("Mathematics: well below average"));
    assert!(
        home.body
            .contains("href=\"/schools/10/governors-summary?year=1\"")
    );
}

#[tokio::test]
async fn three_years_give_a_direction_and_persistence() {
    let app = crate::trend::spawn().await;
    app.sign_in_as("head@ten.test").await;
    let body = app.get("/schools/10/progress").await.body;
    let headline = between(
        &body,
        "<section class=\"panel overview-headline\"",
        "</section>",
    );
    // School 10 rose from two grades below the expected to above it.
    assert!(headline.contains("Rising: +"), "{headline}");
    assert!(headline.contains("from 2023/24 to 2025/26"), "{headline}");
    for year in ["2023/24", "2024/25", "2025/26"] {
        assert!(
            headline.contains(&format!("<th scope=\"row\">{year}</th>")),
            "{year}"
        );
    }
}

#[tokio::test]
async fn the_governors_summary_names_no_pupil_teacher_or_class() {
    let app = spawn().await;
    app.sign_in_as("governor@ten.test").await;
    let page = app.get("/schools/10/governors-summary").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains("Summary for governors: School 10, 2025/26")
    );
    assert!(page.body.contains("Value added across subjects"));
    assert!(page.body.contains("Disadvantaged gap (headline)"));
    assert!(page.body.contains("Mathematics: well below average"));
    for name in [
        "Pupil 0",
        "Pupil 1",
        "P-0",
        "11Ma1",
        "teacher@ten.test",
        "Classes",
        "Teachers",
    ] {
        assert!(
            !page.body.contains(name),
            "{name} on the governors' summary"
        );
    }
}

#[tokio::test]
async fn the_governors_summary_is_refused_to_others() {
    let mut app = spawn().await;
    assert_eq!(
        app.get("/schools/10/governors-summary").await.status,
        303,
        "signed out: to the sign-in page"
    );
    app.sign_in_as("teacher@ten.test").await;
    assert_eq!(app.get("/schools/10/governors-summary").await.status, 403);
    app.new_visitor();
    app.sign_in_as("governor@eleven.test").await;
    let other = app.get("/schools/10/governors-summary").await;
    assert_eq!(other.status, 403, "a governor of another school");
    assert!(!other.body.contains("Mathematics"));
    app.new_visitor();
    app.sign_in_as("head@ten.test").await;
    assert_eq!(app.get("/schools/10/governors-summary").await.status, 200);
}

/// Attendance for school 10's pupils of 2025/26: pupil `i` (in id order) attends
/// `300 − i` of 300 sessions, so the first 30 are at or above 90% and the other ten below.
async fn plant_attendance(app: &TestApp) -> Vec<i64> {
    let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
    let mut pupils: Vec<i64> = system(&hash)
        .pupils
        .iter()
        .filter(|p| p.school_id == 10)
        .map(|p| p.id)
        .collect();
    pupils.sort_unstable();
    let rows: Vec<NewAttendance> = pupils
        .iter()
        .enumerate()
        .map(|(i, &pupil)| NewAttendance {
            pupil,
            year: 1,
            sessions_possible: 300,
            sessions_attended: 300 - i as u32,
            exclusions: 0,
            incidents: 0,
        })
        .collect();
    app.store
        .attendance()
        .insert_generated(&rows)
        .await
        .unwrap();
    pupils
}

#[tokio::test]
async fn attendance_stands_beside_attainment_in_the_headline_and_the_grid() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let before = app.get("/schools/10/progress").await.body;
    assert!(
        !before.contains("of sessions attended") && !before.contains(">Attendance</th>"),
        "no attendance recorded, none shown"
    );

    let pupils = plant_attendance(&app).await;
    let n = pupils.len() as f64;
    let mean: f64 = (0..pupils.len())
        .map(|i| (300.0 - i as f64) / 300.0)
        .sum::<f64>()
        / n;
    let page = app.get("/schools/10/progress").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let headline = between(
        &page.body,
        "<section class=\"panel overview-headline\"",
        "</section>",
    );
    let rate = format!("{:.1}% of sessions attended", mean * 100.0);
    assert!(headline.contains(&rate), "{rate} in {headline}");
    let absent = (0..pupils.len())
        .filter(|i| *i as f64 / 300.0 >= 0.1)
        .count();
    assert!(
        headline.contains(&format!(
            "{:.1}% of pupils persistently absent, missing 10% or more",
            absent as f64 / n * 100.0
        )),
        "{headline}"
    );
    assert!(headline.contains("/schools/10/attendance?year=1"));

    let grid = between(
        &page.body,
        "<section class=\"panel\" id=\"grid\"",
        "</section>",
    );
    assert!(grid.contains(">Attendance</th>") && grid.contains(">Persistently absent</th>"));
    assert!(
        grid.contains("attendance, not value added"),
        "the key says so"
    );
    let all_row = grid
        .split("<tr>")
        .find(|r| r.contains("All pupils"))
        .expect("the all-pupils row");
    assert!(
        all_row.contains(&format!("{:.1}%", mean * 100.0)),
        "{all_row}"
    );

    // Welsh: the same figures, worded in Welsh.
    app.post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    let cy = app.get("/schools/10/progress").await.body;
    assert!(cy.contains("Mynychwyd"), "Welsh headline");
    // Intervals read in Welsh too ("−0.48 i −0.33"), not with the English "to".
    for digit in '0'..='9' {
        for sign in ['−', '+'] {
            assert!(
                !cy.contains(&format!("{digit} to {sign}")),
                "an English interval on the Welsh page"
            );
        }
    }
}

/// The across-subjects headline's spread reads every pupil of the year: it is stored with
/// the data version, so a restarted server (or another) reads it instead of measuring it.
#[tokio::test]
async fn the_across_subjects_spread_is_stored_with_the_data_version() {
    let app = spawn().await;
    let version = app.store.data_version().await.unwrap();
    assert_eq!(
        app.store.stored_reference_spread(1, version).await.unwrap(),
        None
    );
    app.sign_in_as("head@ten.test").await;
    let first = app.get("/schools/10/progress").await.body;
    let spread = app.store.stored_reference_spread(1, version).await.unwrap();
    assert!(
        matches!(spread, Some(Some(sigma)) if sigma > 0.0),
        "{spread:?}"
    );

    // A different stored spread at the same version is what a fresh server would read:
    // a restarted server's headline interval comes from it, not from a new measurement.
    let restarted = TestApp::beside(&app).await;
    restarted.sign_in_as("head@ten.test").await;
    let again = restarted.get("/schools/10/progress").await.body;
    let headline = |body: &str| {
        between(
            body,
            "<section class=\"panel overview-headline\"",
            "</section>",
        )
        .to_owned()
    };
    assert_eq!(headline(&first), headline(&again));
    app.store
        .store_reference_spread(1, version, Some(50.0))
        .await
        .unwrap();
    let fresh = TestApp::beside(&app).await;
    fresh.sign_in_as("head@ten.test").await;
    let wide = fresh.get("/schools/10/progress").await.body;
    assert_ne!(
        headline(&first),
        headline(&wide),
        "the stored spread is used"
    );
}
