//! Importing a OneRoster bundle through the browser's pages: problems named by file, line
//! and column with nothing written; a clean bundle previewed, then written on confirmation;
//! the same bundle again changes nothing; only a head or data manager may import.

use crate::helpers::TestApp;
use std::io::Write;
use std::path::Path;

/// The school name in the ingest crate's good bundle.
const BUNDLE_SCHOOL_NAME: &str = "\"Ysgol Gyfun \"\"Glan\"\", Aber\"";

/// The ingest crate's good bundle (BOM, CRLF, quoted line breaks, several scripts), zipped,
/// with `edit` applied to each file's text, naming its school as the example world's
/// school 3 is named.
pub(crate) fn bundle(edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    bundle_as_sent(move |name, text| {
        let text = if name == "orgs.csv" {
            text.replace(BUNDLE_SCHOOL_NAME, "Ysgol Uwchradd Aberdâr")
        } else {
            text
        };
        edit(name, text)
    })
}

/// The ingest crate's good bundle, with `edit` applied to each file's text.
fn bundle_as_sent(edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ingest/tests/data/good");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for name in names {
        let text = std::fs::read_to_string(dir.join(&name)).unwrap();
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(edit(&name, text).as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

pub(crate) fn good() -> Vec<u8> {
    bundle(|_, text| text)
}

/// The good bundle with one result naming a pupil who is in no file.
fn with_bad_row() -> Vec<u8> {
    bundle(|name, text| {
        if name == "results.csv" {
            text.replace("r5,active,2025-11-20,l2,u2", "r5,active,2025-11-20,l2,u9")
        } else {
            text
        }
    })
}

async fn results(app: &TestApp) -> i64 {
    app.store.count_rows("results").await.unwrap()
}

#[tokio::test]
async fn a_data_manager_sees_the_bad_row_fixes_it_and_imports() {
    let app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    let home = app.get("/").await;
    assert!(
        home.body.contains("href=\"/schools/3/imports\""),
        "the home page links to the import page"
    );
    let form = app.get("/schools/3/imports").await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("enctype=\"multipart/form-data\""));
    assert!(form.body.contains("<label for=\"file\">"));
    let before = results(&app).await;

    let refused = app
        .upload("/schools/3/imports", "bundle.zip", with_bad_row(), true)
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("There is 1 problem to fix."));
    let row = refused
        .body
        .split("<tr>")
        .find(|row| row.contains("studentSourcedId"))
        .expect("the problem's row");
    assert!(row.contains("<td>results.csv</td>"), "{row}");
    assert!(row.contains("<td class=\"num\">6</td>"), "the line: {row}");
    assert!(row.contains("`u9`"), "the reason names the value: {row}");
    assert!(refused.body.contains("Nothing was written."));
    assert_eq!(results(&app).await, before, "nothing was written");

    let previewed = app
        .upload("/schools/3/imports", "bundle.zip", good(), true)
        .await;
    assert_eq!(previewed.status, 303, "{}", previewed.body);
    let preview_path = previewed.location.unwrap();
    assert!(preview_path.starts_with("/schools/3/imports/"));
    assert_eq!(results(&app).await, before, "a preview writes nothing");
    let preview = app.get(&preview_path).await;
    assert_eq!(preview.status, 200, "{}", preview.body);
    let results_row = preview
        .body
        .split("<tr>")
        .find(|row| row.contains("<th scope=\"row\">Results</th>"))
        .expect("a line for results");
    assert!(
        results_row.contains("<td class=\"num\">4</td>"),
        "four results to add: {results_row}"
    );
    assert!(preview.body.contains("Import these changes"));

    let done = app.post(&format!("{preview_path}/apply"), &[]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("Imported"));
    assert_eq!(results(&app).await, before + 4);
    assert_eq!(
        app.post(&format!("{preview_path}/apply"), &[]).await.status,
        404,
        "a confirmed upload cannot be applied twice"
    );

    let again = app
        .upload("/schools/3/imports", "bundle.zip", good(), true)
        .await;
    let again = app.get(&again.location.unwrap()).await;
    assert!(again.body.contains("importing them would change nothing"));
    assert!(!again.body.contains("Import these changes"));
    assert_eq!(results(&app).await, before + 4);
}

#[tokio::test]
async fn only_a_head_or_data_manager_may_import() {
    let mut app = TestApp::spawn().await;
    for (email, allowed) in [
        ("teacher@a.test", false),
        ("governor@a.test", false),
        ("maths.lead@a.test", false),
        ("head@a.test", true),
        ("data@a.test", true),
    ] {
        app.new_visitor();
        app.sign_in_as(email).await;
        let form = app.get("/schools/3/imports").await;
        let upload = app
            .upload("/schools/3/imports", "bundle.zip", good(), true)
            .await;
        if allowed {
            assert_eq!(form.status, 200, "{email}");
            assert_eq!(upload.status, 303, "{email}");
        } else {
            assert_eq!(form.status, 403, "{email}");
            assert_eq!(upload.status, 403, "{email}");
            assert!(!form.body.contains("enctype"), "{email}");
        }
    }
    assert_eq!(
        app.get("/schools/4/imports").await.status,
        403,
        "a data manager of school 3 cannot import into another school"
    );
}

#[tokio::test]
async fn a_pending_upload_cannot_be_seen_or_confirmed_without_the_role() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    let previewed = app
        .upload("/schools/3/imports", "bundle.zip", good(), true)
        .await;
    let path = previewed.location.unwrap();
    let pending = path.rsplit('/').next().unwrap().to_owned();
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    assert_eq!(
        app.post(&format!("/schools/3/imports/{pending}/apply"), &[])
            .await
            .status,
        403
    );
    assert_eq!(
        app.get(&format!("/schools/3/imports/{}", "0".repeat(32)))
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn an_upload_without_its_token_or_that_is_no_bundle_writes_nothing() {
    let app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    let before = results(&app).await;
    let forged = app
        .upload("/schools/3/imports", "bundle.zip", good(), false)
        .await;
    assert_eq!(forged.status, 400, "{}", forged.body);
    let not_zip = app
        .upload(
            "/schools/3/imports",
            "results.csv",
            b"a,b\n1,2\n".to_vec(),
            true,
        )
        .await;
    assert_eq!(not_zip.status, 422, "{}", not_zip.body);
    assert!(not_zip.body.contains("is not a OneRoster bundle"));
    assert!(not_zip.body.contains("Problems in results.csv"));
    assert_eq!(results(&app).await, before);
}

/// Imports the good bundle as the signed-in data manager (pupils u1–u3, assessment points
/// cb and ci, subject MA).
async fn import_the_bundle(app: &TestApp) {
    let previewed = app
        .upload("/schools/3/imports", "bundle.zip", good(), true)
        .await;
    let path = previewed.location.expect("a clean bundle is previewed");
    assert_eq!(app.post(&format!("{path}/apply"), &[]).await.status, 200);
}

/// Uploads a results sheet; returns the mapping page's path.
async fn upload_sheet(app: &TestApp, name: &str, text: &str) -> String {
    let reply = app
        .upload(
            "/schools/3/imports/sheets",
            name,
            text.as_bytes().to_vec(),
            true,
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply.location.unwrap()
}

const MAPPING: [(&str, &str); 4] = [
    ("pupil", "MIS ref"),
    ("subject", "Subject"),
    ("assessment", "Assessment"),
    ("score", "Mark"),
];

#[tokio::test]
async fn a_results_sheet_is_mapped_checked_and_imported_and_its_mapping_remembered() {
    let app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    import_the_bundle(&app).await;
    let before = results(&app).await;

    // "MIS ref" is not a heading Headway can guess: the data manager chooses it.
    let bad = "MIS ref,Name,Subject,Assessment,Mark\r\nu3,\"Jones, Ana\",MA,ci,29\r\nu9,Unknown,MA,ci,20\r\nu2,Ben,MA,ci,70\r\n";
    let mapping_page = upload_sheet(&app, "autumn.csv", bad).await;
    let form = app.get(&mapping_page).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(form.body.contains("The sheet has 3 rows of results."));
    assert!(form.body.contains("guessed the columns"));
    assert!(
        form.body.contains("<option value=\"Mark\" selected>"),
        "the score column is guessed from its heading"
    );
    assert!(
        !form.body.contains("<option value=\"MIS ref\" selected>"),
        "the pupil column is not guessed"
    );
    assert!(form.body.contains("<td>Jones, Ana</td>"), "the sample rows");

    let refused = app.post(&mapping_page, &MAPPING).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("There are 2 problems to fix."));
    let unknown = refused
        .body
        .split("<tr>")
        .find(|row| row.contains("u9"))
        .expect("the unknown pupil's row");
    assert!(
        unknown.contains("<td class=\"num\">3</td><td>MIS ref</td>"),
        "{unknown}"
    );
    let outside = refused
        .body
        .split("<tr>")
        .find(|row| row.contains("<td>Mark</td>"))
        .expect("the score outside the scale");
    assert!(outside.contains("<td class=\"num\">4</td>"), "{outside}");
    assert!(outside.contains("70"), "{outside}");
    assert_eq!(results(&app).await, before, "nothing was written");

    let fixed = "MIS ref,Name,Subject,Assessment,Mark\nu3,Ana,MA,ci,29\nu1,Zoë,MA,ci,33\n";
    let mapping_page = upload_sheet(&app, "autumn.csv", fixed).await;
    let checked = app.post(&mapping_page, &MAPPING).await;
    assert_eq!(checked.status, 303, "{}", checked.body);
    let preview = app.get(&checked.location.unwrap()).await;
    let line = preview
        .body
        .split("<tr>")
        .find(|row| row.contains("<th scope=\"row\">Results</th>"))
        .unwrap();
    assert!(
        line.contains("<td class=\"num\">1</td><td class=\"num\">1</td>"),
        "one result added, one changed: {line}"
    );
    let path = preview
        .body
        .split("action=\"")
        .find_map(|rest| rest.split('"').next().filter(|a| a.ends_with("/apply")))
        .unwrap()
        .to_owned();
    assert_eq!(app.post(&path, &[]).await.status, 200);
    assert_eq!(results(&app).await, before + 1);

    // Next time the columns are set as chosen, and the same sheet changes nothing.
    let mapping_page = upload_sheet(&app, "autumn-again.csv", fixed).await;
    let form = app.get(&mapping_page).await;
    assert!(form.body.contains("as you chose them last time"));
    assert!(form.body.contains("<option value=\"MIS ref\" selected>"));
    let again = app.post(&mapping_page, &MAPPING).await;
    let preview = app.get(&again.location.unwrap()).await;
    assert!(preview.body.contains("importing them would change nothing"));
}

#[tokio::test]
async fn a_file_that_is_no_spreadsheet_is_named_and_a_teacher_cannot_upload_one() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    let reply = app
        .upload(
            "/schools/3/imports/sheets",
            "notes.txt",
            b"hello".to_vec(),
            true,
        )
        .await;
    assert_eq!(reply.status, 422);
    assert!(reply.body.contains("notes.txt"));
    assert!(
        reply.body.contains("CSV (.csv) or Excel workbook (.xlsx)"),
        "{}",
        reply.body
    );
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let reply = app
        .upload(
            "/schools/3/imports/sheets",
            "autumn.csv",
            b"a,b\n1,2\n".to_vec(),
            true,
        )
        .await;
    assert_eq!(reply.status, 403);
}

#[tokio::test]
async fn a_bundle_larger_than_an_ordinary_form_passes_the_token_check() {
    let app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    // A result's comment of 4 MB of letters that do not compress away: the upload is larger
    // than the 2 MB an ordinary form may be.
    let mut state = 12345u32;
    let comment: String = (0..4 << 20)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            char::from(b'a' + (state >> 16) as u8 % 26)
        })
        .collect();
    let large = bundle(|name, text| {
        if name == "results.csv" {
            text.replace("well done, Zoë", &comment)
        } else {
            text
        }
    });
    assert!(large.len() > 2 << 20, "{} bytes", large.len());

    let previewed = app
        .upload("/schools/3/imports", "bundle.zip", large, true)
        .await;
    assert_eq!(previewed.status, 303, "{}", previewed.body);
    let preview = app.get(&previewed.location.unwrap()).await;
    assert!(
        preview.body.contains("Import these changes"),
        "{}",
        preview.body
    );
}

#[tokio::test]
async fn problems_with_a_bundle_read_in_the_readers_language() {
    let app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    let chosen = app
        .post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    assert!(chosen.status < 400, "{}", chosen.body);

    let refused = app
        .upload("/schools/3/imports", "bundle.zip", with_bad_row(), true)
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let row = refused
        .body
        .split("<tr>")
        .find(|row| row.contains("studentSourcedId"))
        .expect("the problem's row");
    assert!(
        row.contains("nid oes gan unrhyw ddisgybl yn users.csv y sourcedId `u9`"),
        "{row}"
    );
    assert!(!row.contains("no student"), "{row}");
}

/// The audit lines of imports.
async fn import_lines(app: &TestApp) -> usize {
    let lines = app.store.audit_log().recent(50).await.unwrap();
    lines.iter().filter(|e| e.action == "import").count()
}

#[tokio::test]
async fn renaming_the_school_is_shown_field_by_field_and_needs_its_own_confirmation() {
    let app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    let renaming = bundle_as_sent(|_, text| text);
    let previewed = app
        .upload("/schools/3/imports", "bundle.zip", renaming, true)
        .await;
    assert_eq!(previewed.status, 303, "{}", previewed.body);
    let path = previewed.location.unwrap();
    let preview = app.get(&path).await;
    assert!(
        preview
            .body
            .contains("School name: Ysgol Uwchradd Aberdâr → Ysgol Gyfun &#34;Glan&#34;, Aber"),
        "{}",
        preview.body
    );
    assert!(preview.body.contains("name=\"rename\""), "a box to tick");
    let before = results(&app).await;

    let refused = app.post(&format!("{path}/apply"), &[]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Nothing was written: tick the box"));
    assert_eq!(results(&app).await, before);
    let school = app
        .store
        .roster()
        .school(headway_domain::ids::SchoolId(3))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(school.name, "Ysgol Uwchradd Aberdâr");
    assert_eq!(
        import_lines(&app).await,
        0,
        "a refused confirmation is not audited"
    );
    assert!(
        app.get(&path).await.body.contains("Import these changes"),
        "the upload still waits"
    );

    let done = app
        .post(&format!("{path}/apply"), &[("rename", "yes")])
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(results(&app).await, before + 4);
    assert_eq!(import_lines(&app).await, 1, "audited with the import");
    let school = app
        .store
        .roster()
        .school(headway_domain::ids::SchoolId(3))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(school.name, "Ysgol Gyfun \"Glan\", Aber");
}

#[tokio::test]
async fn another_schools_source_ids_in_a_bundle_change_nothing_of_that_school() {
    let app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    import_the_bundle(&app).await;
    let a_results = results(&app).await;
    // A data manager of Hill School (4), whose bundle names school 3's sourcedId and pupils.
    app.add_account(
        "data@hill.test",
        "Hill Data",
        headway_domain::roles::Role::DataManager,
        headway_domain::ids::OrgId(4),
    )
    .await;
    assert_eq!(app.post("/sign-out", &[]).await.status, 303);
    app.sign_in_as("data@hill.test").await;
    let hill = bundle_as_sent(|name, text| {
        if name == "orgs.csv" {
            text.replace(BUNDLE_SCHOOL_NAME, "Hill School")
        } else {
            text
        }
    });
    let previewed = app
        .upload("/schools/4/imports", "bundle.zip", hill, true)
        .await;
    assert_eq!(previewed.status, 303, "{}", previewed.body);
    let path = previewed.location.unwrap();
    let preview = app.get(&path).await;
    let pupils_row = preview
        .body
        .split("<tr>")
        .find(|row| row.contains("<th scope=\"row\">Pupils</th>"))
        .expect("a line for pupils");
    assert!(
        pupils_row.starts_with("<th scope=\"row\">Pupils</th><td class=\"num\">3</td><td class=\"num\">0</td><td class=\"num\">0</td>"),
        "the pupils are Hill School's own, to add: {pupils_row}"
    );
    assert_eq!(app.post(&format!("{path}/apply"), &[]).await.status, 200);
    assert_eq!(
        results(&app).await,
        a_results + 4,
        "school 3's results are all still there"
    );
    let school = app
        .store
        .roster()
        .school(headway_domain::ids::SchoolId(3))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(school.name, "Ysgol Uwchradd Aberdâr");
}

/// Uploads an attendance sheet; returns the mapping page's path.
async fn upload_attendance(app: &TestApp, name: &str, text: &str) -> String {
    let reply = app
        .upload(
            "/schools/3/imports/attendance",
            name,
            text.as_bytes().to_vec(),
            true,
        )
        .await;
    assert_eq!(reply.status, 303, "{}", reply.body);
    reply.location.unwrap()
}

const ATTENDANCE_MAPPING: [(&str, &str); 6] = [
    ("pupil", "MIS ref"),
    ("year", "Year"),
    ("possible", "Possible"),
    ("attended", "Attended"),
    ("exclusions", "Exclusions"),
    ("incidents", "Incidents"),
];

/// The path of the confirm form on a preview page.
fn apply_path(body: &str) -> String {
    body.split("action=\"")
        .find_map(|rest| rest.split('"').next().filter(|a| a.ends_with("/apply")))
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_attendance_sheet_is_checked_imported_and_replaced_not_duplicated() {
    let mut app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    import_the_bundle(&app).await;
    assert!(
        app.get("/schools/3/attendance")
            .await
            .body
            .contains("no attendance yet")
    );

    // A pupil Headway does not hold, a year it does not know, more sessions attended than
    // possible: each named by line and column, and nothing written.
    let bad = "MIS ref,Year,Possible,Attended,Exclusions,Incidents\n\
               u1,2025/26,300,290,0,1\n\
               u9,2025/26,300,290,0,0\n\
               u2,1999/00,300,290,0,0\n\
               u3,2025/26,300,310,0,0\n";
    let mapping_page = upload_attendance(&app, "attendance.csv", bad).await;
    let form = app.get(&mapping_page).await;
    assert_eq!(form.status, 200, "{}", form.body);
    assert!(
        form.body.contains("Sessions attended"),
        "the attendance fields"
    );
    assert!(!form.body.contains("Subject code"), "no results fields");
    let refused = app.post(&mapping_page, &ATTENDANCE_MAPPING).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("There are 3 problems to fix."));
    let row = |line: &str| {
        refused
            .body
            .split("<tr>")
            .find(|row| row.contains(&format!("<td class=\"num\">{line}</td>")))
            .unwrap_or_else(|| panic!("line {line}: {}", refused.body))
            .to_owned()
    };
    assert!(row("3").contains("MIS ref") && row("3").contains("u9"));
    assert!(row("4").contains("<td>Year</td>") && row("4").contains("1999/00"));
    assert!(row("5").contains("<td>Attended</td>") && row("5").contains("310"));
    assert!(
        app.get("/schools/3/attendance")
            .await
            .body
            .contains("no attendance yet"),
        "nothing was written"
    );

    let good = "MIS ref,Year,Possible,Attended,Exclusions,Incidents\n\
                u1,2025/26,300,290,0,1\n\
                u2,2025/26,300,250,1,4\n\
                u3,2025/26,300,299,0,0\n";
    let checked = app
        .post(
            &upload_attendance(&app, "attendance.csv", good).await,
            &ATTENDANCE_MAPPING,
        )
        .await;
    assert_eq!(checked.status, 303, "{}", checked.body);
    let preview = app.get(&checked.location.unwrap()).await;
    let line = preview
        .body
        .split("<tr>")
        .find(|row| row.contains("<th scope=\"row\">Attendance</th>"))
        .unwrap_or_else(|| panic!("{}", preview.body));
    assert!(line.contains("<td class=\"num\">3</td>"), "{line}");
    assert_eq!(app.post(&apply_path(&preview.body), &[]).await.status, 200);

    // Three pupils are fewer than the threshold: the page shows the year, not the figures.
    let page = app.get("/schools/3/attendance").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("2025/26"));
    assert!(page.body.contains("Not shown: too few pupils."));
    assert!(!page.body.contains("96.7%"), "u1's own rate is not shown");

    // The same pupils again, one changed: one row changed, two unchanged, none added.
    let again = good.replace("u2,2025/26,300,250,1,4", "u2,2025/26,300,260,1,4");
    let mapping_page = upload_attendance(&app, "attendance-2.csv", &again).await;
    let form = app.get(&mapping_page).await;
    assert!(
        form.body.contains("as you chose them last time"),
        "remembered"
    );
    let checked = app.post(&mapping_page, &ATTENDANCE_MAPPING).await;
    let preview = app.get(&checked.location.unwrap()).await;
    let line = preview
        .body
        .split("<tr>")
        .find(|row| row.contains("<th scope=\"row\">Attendance</th>"))
        .unwrap()
        .to_owned();
    assert!(
        line.contains("<td class=\"num\">0</td><td class=\"num\">1</td><td class=\"num\">2</td>"),
        "{line}"
    );

    // A file that is no spreadsheet is refused; a teacher may not upload one.
    let reply = app
        .upload(
            "/schools/3/imports/attendance",
            "notes.txt",
            b"hello".to_vec(),
            true,
        )
        .await;
    assert_eq!(reply.status, 422, "{}", reply.body);
    app.new_visitor();
    app.sign_in_as("teacher@a.test").await;
    let reply = app
        .upload(
            "/schools/3/imports/attendance",
            "attendance.csv",
            good.as_bytes().to_vec(),
            true,
        )
        .await;
    assert_eq!(reply.status, 403);
}

#[tokio::test]
async fn attendance_figures_are_for_leaders_and_governors_of_the_school_only() {
    let mut app = TestApp::spawn().await;
    // The policy's school figures: a governor and the cluster's lead see them (no pupil is
    // ever listed on the page), a teacher sees their own classes, not the school's figures.
    for (who, status) in [
        ("head@a.test", 200),
        ("governor@a.test", 200),
        ("lead@cluster.test", 200),
        ("teacher@a.test", 403),
    ] {
        app.new_visitor();
        app.sign_in_as(who).await;
        let reply = app.get("/schools/3/attendance").await;
        assert_eq!(reply.status, status, "{who}: {}", reply.body);
        // School 5 is outside every one of these people's schools.
        assert_ne!(app.get("/schools/5/attendance").await.status, 200, "{who}");
    }
}
