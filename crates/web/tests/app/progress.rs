//! The progress pages on a small synthetic system: 20 schools of 40 pupils, where school
//! 10 is planted weak in mathematics and its maths class has five pupils far behind at the
//! interim point who have not sat the final yet.

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

pub(crate) fn system(hash: &str) -> World {
    let mut w = World {
        orgs: vec![OrgRow {
            id: 1,
            kind: "system",
            name: "Nation".into(),
            parent_id: None,
        }],
        subjects: vec![
            SubjectRow {
                id: 1,
                code: "MAT".into(),
                name: "Mathematics".into(),
            },
            SubjectRow {
                id: 2,
                code: "ENG".into(),
                name: "English".into(),
            },
            SubjectRow {
                id: 3,
                code: "KS2".into(),
                name: "Key stage 2".into(),
            },
        ],
        years: vec![YearRow {
            id: 1,
            name: "2025/26".into(),
            starts_on: date(2025, 9, 1),
            ends_on: date(2026, 8, 31),
        }],
        ..World::default()
    };
    w.assessment_points = vec![
        AssessmentPointRow {
            id: 1,
            year_id: 1,
            school_id: None,
            kind: "baseline",
            name: "KS2".into(),
            taken_on: date(2021, 5, 1),
            scale_min: Some(80.0),
            scale_max: Some(120.0),
        },
        AssessmentPointRow {
            id: 2,
            year_id: 1,
            school_id: None,
            kind: "final",
            name: "GCSE".into(),
            taken_on: date(2026, 6, 1),
            scale_min: Some(1.0),
            scale_max: Some(9.0),
        },
        AssessmentPointRow {
            id: 3,
            year_id: 1,
            school_id: Some(10),
            kind: "interim",
            name: "Spring".into(),
            taken_on: date(2026, 3, 1),
            scale_min: Some(1.0),
            scale_max: Some(9.0),
        },
        // A later test one class sat: the latest point of the school, but not of every
        // pupil. Pupils are judged on their own latest assessment, so it hides no one.
        AssessmentPointRow {
            id: 4,
            year_id: 1,
            school_id: Some(10),
            kind: "interim",
            name: "Class test".into(),
            taken_on: date(2026, 4, 20),
            scale_min: Some(1.0),
            scale_max: Some(9.0),
        },
    ];
    for (id, email, role) in [
        (1, "head@ten.test", "head"),
        (2, "teacher@ten.test", "teacher"),
        (3, "governor@ten.test", "governor"),
    ] {
        w.people.push(PersonRow {
            id,
            email: Some(email.into()),
            display_name: email.into(),
            password_hash: Some(hash.into()),
        });
        w.roles.push(RoleRow {
            person_id: id,
            role,
            org_id: 10,
            subject_id: None,
        });
    }
    w.classes.push(ClassRow {
        id: 1,
        school_id: 10,
        year_id: 1,
        subject_id: Some(1),
        name: "11Ma1".into(),
        year_group: Some(11),
    });
    w.class_teachers.push((1, 2));
    let mut pupil = 0;
    for school in 10..30 {
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
        for i in 0..40 {
            pupil += 1;
            let prior = 90.0 + ((i * 7 + school) % 30) as f64;
            let disadvantaged = i % 3 == 0;
            w.pupils.push(PupilRow {
                id: pupil,
                school_id: school,
                pseudonym: format!("P-{pupil:05}"),
                display_name: (school == 10).then(|| format!("Pupil {i:02}")),
                cohort_year_id: Some(1),
                disadvantaged: Some(disadvantaged),
                sen: Some("none"),
                eal: Some(false),
                gender: Some(if i % 2 == 0 { "female" } else { "male" }),
                birth_date: Some(date(2010, 1 + (i % 12) as u8, 1)),
                ethnicity_group: None,
            });
            let expected = prior / 10.0 - 5.0 - if disadvantaged { 0.3 } else { 0.0 };
            let weak = if school == 10 { -1.0 } else { 0.0 };
            w.results.push(ResultRow {
                pupil_id: pupil,
                assessment_point_id: 1,
                subject_id: 3,
                score: prior,
            });
            // School 10's five planted pupils have not sat the mathematics final yet.
            if !(school == 10 && i < 5) {
                w.results.push(ResultRow {
                    pupil_id: pupil,
                    assessment_point_id: 2,
                    subject_id: 1,
                    score: expected + weak + noise(pupil),
                });
            }
            w.results.push(ResultRow {
                pupil_id: pupil,
                assessment_point_id: 2,
                subject_id: 2,
                score: expected + noise(pupil + 7),
            });
            if school == 10 {
                w.enrolments.push((1, pupil));
                // Five pupils far behind at the spring interim point.
                let behind = if i < 5 { -3.0 } else { 0.0 };
                w.results.push(ResultRow {
                    pupil_id: pupil,
                    assessment_point_id: 3,
                    subject_id: 1,
                    score: expected + behind,
                });
                if i >= 35 {
                    w.results.push(ResultRow {
                        pupil_id: pupil,
                        assessment_point_id: 4,
                        subject_id: 1,
                        score: expected,
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
    app.store.insert_world(&system(&hash)).await.unwrap();
    app
}

#[tokio::test]
async fn fsm_bands_follow_the_deployments_cut_points_and_say_so() {
    let settings = headway_web::WebSettings {
        fsm_cuts: headway_domain::school::FsmBandCuts::from_percentages([10.0, 20.0, 24.0])
            .unwrap(),
        ..crate::helpers::settings()
    };
    let app = TestApp::spawn_empty_with(settings).await;
    let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
    app.store.insert_world(&system(&hash)).await.unwrap();
    app.sign_in_as("head@ten.test").await;
    let page = app.get("/schools/10/progress?subject=1").await;
    assert_eq!(page.status, 200, "{}", page.body);
    // 25% of pupils: band 3 by the default cuts, band 4 by these.
    assert!(page.body.contains("· band 4</dd>"), "{}", page.body);
    assert!(page.body.contains(
        "band 1 up to 10%, band 2 up to 20%, band 3 up to 24%, band 4 above. These cut points were set for this deployment."
    ));
    assert!(!page.body.contains("These cut points are Headway"));
}

#[tokio::test]
async fn the_head_sees_weak_mathematics_with_its_interval_and_band() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let page = app.get("/schools/10/progress?subject=1").await;
    assert_eq!(page.status, 200, "{}", page.body);
    let body = &page.body;
    assert!(body.contains("Progress: School 10, 2025/26"));
    assert!(body.contains(">Mathematics, 2025/26</h2>"));
    // The subjects table: mathematics well below average, English average.
    let maths_row = body
        .split("<th scope=\"row\">")
        .find(|row| row.contains(">Mathematics</a>"))
        .unwrap();
    assert!(maths_row.contains("Well below average"), "{maths_row}");
    let english_row = body
        .split("<th scope=\"row\">")
        .find(|row| row.contains(">English</a>"))
        .unwrap();
    assert!(english_row.contains(">Average<"), "{english_row}");
    assert!(body.contains("Disadvantaged gap"));
    assert!(
        body.contains("compared with pupils of the reference population"),
        "the comparison is with the reference population"
    );
    assert!(
        !body.contains("nationally"),
        "the reference is not national"
    );
    assert!(body.contains("<svg role=\"img\""), "charts are drawn");
    assert!(
        body.contains(">11Ma1</a>"),
        "the head sees the classes breakdown"
    );
}

#[tokio::test]
async fn a_governor_sees_figures_but_never_a_pupil() {
    let app = spawn().await;
    app.sign_in_as("governor@ten.test").await;
    let page = app.get("/schools/10/progress?subject=1").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Well below average"));
    assert!(!page.body.contains("Pupil 0"), "no pupil names");
    assert!(!page.body.contains("11Ma1"), "no classes");
    assert!(
        !page.body.contains("falling-behind"),
        "no link to pupil lists"
    );
    assert_eq!(
        app.get("/schools/10/falling-behind?subject=1").await.status,
        403
    );
    assert_eq!(
        app.get("/pupils/1").await.status,
        404,
        "a pupil out of reach is not found"
    );
}

#[tokio::test]
async fn pupils_falling_behind_are_listed_for_their_teacher_only() {
    let mut app = spawn().await;
    app.sign_in_as("teacher@ten.test").await;
    assert_eq!(
        app.get("/schools/10/progress").await.status,
        403,
        "a teacher sees classes, not school figures"
    );
    let page = app.get("/schools/10/falling-behind?subject=1").await;
    assert_eq!(page.status, 200, "{}", page.body);
    // Each pupil is judged on their own latest assessment: the five planted pupils, who
    // have not sat the final, on their spring prediction (three grades behind); every other
    // pupil listed on their final result, which supersedes the prediction.
    let rows: Vec<&str> = page.body.split("<tr>").skip(1).collect();
    for i in 0..5 {
        let row = rows
            .iter()
            .find(|r| r.contains(&format!(">Pupil {i:02}<")))
            .unwrap_or_else(|| panic!("planted pupil {i} listed: {}", page.body));
        assert!(
            row.contains("Spring") && !row.contains("final result"),
            "{row}"
        );
    }
    let others: Vec<&&str> = rows
        .iter()
        .filter(|r| (5..40).any(|i| r.contains(&format!(">Pupil {i:02}<"))))
        .collect();
    assert!(
        others
            .iter()
            .all(|r| r.contains("GCSE") && r.contains("final result")),
        "{others:?}"
    );
    assert!(
        page.body
            .contains("40 pupils in this selection have an assessment"),
        "{}",
        page.body
    );
    let pupil = app.get("/pupils/1").await;
    assert_eq!(pupil.status, 200);
    assert!(pupil.body.contains("Spring") && pupil.body.contains("GCSE"));
    assert_eq!(
        app.get("/pupils/41").await.status,
        404,
        "a pupil of another school is not found, as one who does not exist"
    );
    assert_eq!(app.get("/pupils/99999").await.status, 404);
    app.new_visitor();
    app.sign_in_as("head@ten.test").await;
    let disadvantaged = app
        .get("/schools/10/falling-behind?subject=1&group=disadvantaged")
        .await;
    let listed: Vec<i32> = (0..40)
        .filter(|i| disadvantaged.body.contains(&format!(">Pupil {i:02}<")))
        .collect();
    assert!(
        listed.contains(&0) && listed.contains(&3) && listed.iter().all(|i| i % 3 == 0),
        "pupils 0 and 3 of the five, and only disadvantaged pupils: {listed:?}"
    );
}

#[tokio::test]
async fn tables_export_as_csv_and_xlsx() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let csv = app
        .get("/schools/10/progress?subject=1&export=csv&table=subjects")
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        csv.body.starts_with(
            "\u{feff}Group,Pupils,Value added,Lower 95% limit,Upper 95% limit,Band,Mean score\n"
        ),
        "a byte-order mark for Excel, then the headings"
    );
    assert!(csv.body.contains("Mathematics,35,-"), "{}", csv.body);
    let xlsx = app
        .get("/schools/10/progress?subject=1&export=xlsx&table=disadvantaged")
        .await;
    assert_eq!(xlsx.status, 200);
    let disposition = xlsx.headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.contains(
            "filename=\"S10 School 10 _ Mathematics _ 2025-26 _ Disadvantaged and other pupils.xlsx\""
        ),
        "{disposition}"
    );
    assert_eq!(app.get("/schools/10/progress?export=pdf").await.status, 400);
}

#[tokio::test]
async fn a_welsh_reader_downloads_headings_sheet_and_file_names_in_welsh() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    app.post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    let csv = app
        .get("/schools/10/progress?subject=1&export=csv&table=gender")
        .await;
    assert!(csv.body.starts_with("\u{feff}Grŵp,"), "{}", csv.body);
    let disposition = csv.headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.contains("filename*=UTF-8''S10%20School%2010%20%E2%80%93%20Mathemateg%20%E2%80%93%202025-26%20%E2%80%93%20Rhywedd.csv"),
        "{disposition}"
    );
}

#[tokio::test]
async fn subjects_and_groups_take_the_measure_sets_names_in_the_readers_language() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let page = app.get("/schools/10/progress?subject=1").await.body;
    assert!(page.contains("Progress: School 10, 2025/26"), "{page}");
    // The deployment's measure set is Wales's: eFSM and ALN, not FSM and SEN.
    assert!(
        page.contains("eFSM (eligible for free school meals)"),
        "{page}"
    );
    assert!(!page.contains(">Disadvantaged<"), "{page}");
    app.post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    let page = app.get("/schools/10/progress?subject=1").await.body;
    assert!(page.contains(">Mathemateg</a>"), "{page}");
    assert!(page.contains(">Saesneg</a>"), "{page}");
    assert!(!page.contains("Mathematics"), "{page}");
    assert!(
        page.contains("eFSM (yn gymwys i gael prydau ysgol am ddim)"),
        "{page}"
    );
    // A subject the measure set does not name keeps its stored name.
    let home = app.get("/").await.body;
    assert!(home.contains("Mathemateg"), "{home}");
}

#[tokio::test]
async fn pupils_falling_behind_export_numbers_as_numbers() {
    let app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let reply = app
        .client
        .get(format!(
            "{}/schools/10/falling-behind?subject=1&export=xlsx",
            app.address
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status(), 200);
    let bytes = reply.bytes().await.unwrap().to_vec();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    // Row 2, column F: the difference from the expected result, below −1, as a number.
    let cell = &sheet[sheet.find("<c r=\"F2\"").unwrap()..];
    let cell = &cell[..cell.find("</c>").unwrap()];
    assert!(
        !cell.contains("t=\"s\"") && !cell.contains("inlineStr"),
        "{cell}"
    );
    let value: f64 = cell[cell.find("<v>").unwrap() + 3..cell.find("</v>").unwrap()]
        .parse()
        .unwrap();
    assert!(value <= -1.0, "{value}");
    assert!(
        ((value * 10.0).round() - value * 10.0).abs() < 1e-9,
        "one decimal, as on the page: {value}"
    );
}

#[tokio::test]
async fn without_a_reference_population_the_page_says_so() {
    let app = TestApp::spawn().await;
    app.sign_in_as("head@a.test").await;
    let page = app.get("/schools/3/progress").await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("at least 300 are needed"),
        "{}",
        page.body
    );
    // The reason is worded in the reader's language, the numbers in it.
    app.post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    let welsh = app.get("/schools/3/progress").await;
    assert_eq!(welsh.status, 200);
    assert!(
        welsh
            .body
            .contains("Mae angen o leiaf 300 i osod disgwyliadau"),
        "{}",
        welsh.body
    );
    assert!(!welsh.body.contains("are needed"));
}

#[tokio::test]
async fn figures_kept_for_the_head_never_show_a_governor_the_classes() {
    let mut app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let head = app.get("/schools/10/progress?subject=1").await;
    assert!(head.body.contains(">11Ma1</a>"), "the head sees classes");
    app.new_visitor();
    app.sign_in_as("governor@ten.test").await;
    let governor = app.get("/schools/10/progress?subject=1").await;
    assert_eq!(governor.status, 200);
    assert!(governor.body.contains("Well below average"));
    assert!(
        !governor.body.contains("11Ma1"),
        "the figures kept for the head's view are not the governor's"
    );
}

#[tokio::test]
async fn a_pupil_page_lays_out_each_subject_by_assessment_with_a_way_back() {
    let app = spawn().await;
    app.sign_in_as("teacher@ten.test").await;
    let back = "/schools/10/falling-behind?year=1&subject=1";
    let page = app
        .get("/pupils/36?back=%2Fschools%2F10%2Ffalling-behind%3Fyear%3D1%26subject%3D1")
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains(&format!("href=\"{}\"", back.replace('&', "&#38;")))
            || page
                .body
                .contains(&format!("href=\"{}\"", back.replace('&', "&amp;"))),
        "the way back to the list: {}",
        page.body
    );
    // The grid: a column per assessment in time order (pupil 36 sat the class test too),
    // the class and its teacher.
    let spring = page.body.find("1. Spring").expect("Spring first");
    let test = page
        .body
        .find("2. Class test")
        .expect("then the class test");
    let gcse = page.body.find("3. GCSE").expect("the final last");
    assert!(spring < test && test < gcse);
    assert!(page.body.contains("11Ma1") && page.body.contains("(teacher@ten.test)"));
    assert!(page.body.contains("class=\"chart trajectory\""), "a chart");
    // A way back that leaves the site is not offered; the school is, instead.
    for hostile in [
        "%2F%2Fevil.example%2F",
        "https%3A%2F%2Fevil.example",
        "%2F%5Cevil.example",
    ] {
        let page = app.get(&format!("/pupils/1?back={hostile}")).await;
        assert_eq!(page.status, 200);
        let breadcrumb = page.body.split("class=\"breadcrumb\"").nth(1).unwrap();
        let breadcrumb = &breadcrumb[..breadcrumb.find("</p>").unwrap()];
        assert!(
            !breadcrumb.contains("evil.example"),
            "{hostile}: {breadcrumb}"
        );
        assert!(
            page.body.contains("href=\"/schools/10\""),
            "{hostile}: {}",
            page.body
        );
    }
}

#[tokio::test]
async fn home_pages_count_pupils_falling_behind_for_leaders_and_list_them_for_teachers() {
    let mut app = spawn().await;
    app.sign_in_as("head@ten.test").await;
    let home = app.get("/").await;
    assert_eq!(home.status, 200);
    let behind = home
        .body
        .split("Pupils falling behind")
        .nth(1)
        .expect(&home.body);
    // Counts per subject, each linking to its list, and per class.
    assert!(behind.contains("of 40"), "{behind}");
    assert!(
        behind.contains("falling-behind?year=1&amp;subject=1"),
        "{behind}"
    );
    assert!(behind.contains("&amp;class=1\">11Ma1</a>"), "{behind}");
    assert!(
        !behind.contains(">Pupil 00<"),
        "a head sees counts, not names, here"
    );
    app.new_visitor();
    app.sign_in_as("teacher@ten.test").await;
    let home = app.get("/").await;
    for i in 0..5 {
        assert!(
            home.body.contains(&format!(">Pupil {i:02}<")),
            "planted pupil {i}"
        );
    }
    assert!(home.body.contains("(middle half") || home.body.contains("middle half"));
    app.new_visitor();
    app.sign_in_as("governor@ten.test").await;
    let home = app.get("/").await;
    assert_eq!(home.status, 200);
    assert!(
        !home.body.contains("Pupils falling behind") && !home.body.contains("Pupil 00"),
        "a governor sees no pupils: {}",
        home.body
    );
}

/// The example system with a year under way, 2026/27: School 10's next Year 11 has a
/// baseline and an autumn prediction in mathematics, no final. Its first three pupils are
/// predicted three grades below their expectation, the rest at it.
fn with_a_year_under_way(hash: &str) -> World {
    let mut w = system(hash);
    w.years.push(YearRow {
        id: 2,
        name: "2026/27".into(),
        starts_on: date(2026, 9, 1),
        ends_on: date(2027, 8, 31),
    });
    for (id, kind, name, school, taken_on) in [
        (5, "baseline", "KS2", None, date(2022, 5, 1)),
        (6, "interim", "Autumn", Some(10), date(2026, 11, 6)),
    ] {
        w.assessment_points.push(AssessmentPointRow {
            id,
            year_id: 2,
            school_id: school,
            kind,
            name: name.into(),
            taken_on,
            scale_min: Some(if kind == "baseline" { 80.0 } else { 1.0 }),
            scale_max: Some(if kind == "baseline" { 120.0 } else { 9.0 }),
        });
    }
    w.classes.push(ClassRow {
        id: 2,
        school_id: 10,
        year_id: 2,
        subject_id: Some(1),
        name: "11Ma1 (2026/27)".into(),
        year_group: Some(11),
    });
    w.class_teachers.push((2, 2));
    for i in 0..30 {
        let pupil = 1001 + i;
        let prior = 90.0 + ((i * 7 + 10) % 30) as f64;
        w.pupils.push(PupilRow {
            id: pupil,
            school_id: 10,
            pseudonym: format!("P-{pupil:05}"),
            display_name: Some(format!("Next {i:02}")),
            cohort_year_id: Some(2),
            disadvantaged: Some(false),
            sen: Some("none"),
            eal: Some(false),
            gender: Some("female"),
            birth_date: Some(date(2011, 1 + (i % 12) as u8, 1)),
            ethnicity_group: None,
        });
        w.enrolments.push((2, pupil));
        w.results.push(ResultRow {
            pupil_id: pupil,
            assessment_point_id: 5,
            subject_id: 3,
            score: prior,
        });
        let behind = if i < 3 { -3.0 } else { 0.0 };
        w.results.push(ResultRow {
            pupil_id: pupil,
            assessment_point_id: 6,
            subject_id: 1,
            score: (prior / 10.0 - 5.0 + behind).round(),
        });
    }
    w
}

#[tokio::test]
async fn a_year_under_way_is_judged_on_predictions_against_the_last_completed_years_expectations() {
    let mut app = TestApp::spawn_empty().await;
    let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
    app.store
        .insert_world(&with_a_year_under_way(&hash))
        .await
        .unwrap();
    app.sign_in_as("teacher@ten.test").await;
    // The falling-behind page opens on the year under way: its planted pupils are listed on
    // their autumn prediction, judged against 2025/26's expectations, which it says.
    let page = app.get("/schools/10/falling-behind?subject=1").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains("<option value=\"2\" selected>2026/27</option>"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("2026/27 has no final results yet: each pupil&#39;s latest prediction is compared with the outcome expected of pupils with the same starting point in 2025/26, the latest year with final results."),
        "{}",
        page.body
    );
    let rows: Vec<&str> = page.body.split("<tr>").skip(1).collect();
    for i in 0..3 {
        let row = rows
            .iter()
            .find(|r| r.contains(&format!(">Next {i:02}<")))
            .unwrap_or_else(|| panic!("planted pupil {i} listed: {}", page.body));
        assert!(
            row.contains("Autumn") && !row.contains("final result"),
            "{row}"
        );
    }
    assert!(
        !page.body.contains(">Pupil 00<"),
        "last year's pupils are not in this year's list"
    );
    // The completed year is still judged on its finals.
    let last_year = app.get("/schools/10/falling-behind?year=1&subject=1").await;
    assert!(
        last_year.body.contains("final result"),
        "{}",
        last_year.body
    );
    assert!(!last_year.body.contains("has no final results yet"));
    // The pupil's profile shows the expectation for the year under way.
    let profile = app.get("/pupils/1001").await;
    assert_eq!(profile.status, 200);
    assert!(
        profile.body.contains("2026/27") && profile.body.contains("Autumn"),
        "{}",
        profile.body
    );

    // Value added still opens on the last year with results: a year of predictions only is
    // not a year with results.
    app.new_visitor();
    app.sign_in_as("head@ten.test").await;
    let progress = app.get("/schools/10/progress?subject=1").await;
    assert_eq!(progress.status, 200);
    assert!(
        progress.body.contains("Progress: School 10, 2025/26"),
        "{}",
        progress.body
    );
    assert!(!progress.body.contains("2026/27"), "{}", progress.body);
    // The head's home page counts this year's pupils falling behind.
    let home = app.get("/").await;
    assert!(
        home.body.contains("falling-behind?year=2&amp;subject=1"),
        "{}",
        home.body
    );
}
