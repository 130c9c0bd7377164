//! The data manager's import journey on a demo server of its own (the import changes the
//! data): a OneRoster bundle with one bad row is refused with the row's file, line and
//! column; the fixed bundle is previewed and, confirmed, imported; then a results
//! spreadsheet for its pupils, with a column the data manager chooses.

use crate::axe;
use crate::harness::{Browser, in_browser, private_demo_server, sign_in};
use fantoccini::Locator;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The ingest crate's good bundle, zipped into `dir/name` with `edit` applied to each
/// file's text; returns the zip's path.
fn zipped_bundle(dir: &Path, name: &str, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ingest/tests/data/good");
    let mut files: Vec<String> = std::fs::read_dir(&source)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let path = dir.join(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for file in files {
        let text = std::fs::read_to_string(source.join(&file)).unwrap();
        zip.start_file(file.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(edit(&file, text).as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    path
}

async fn upload(browser: &Browser, zip: &Path) {
    browser
        .wait_for("the file field", Locator::Id("file"))
        .await
        .send_keys(zip.to_str().unwrap())
        .await
        .unwrap();
    // The form's own button, whatever the page's language.
    browser
        .client
        .find(Locator::XPath(
            "//input[@id='file']/ancestor::form//button[@type='submit']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// The text of the problem table's row about the bad row's `studentSourcedId`.
async fn bad_row_problem(browser: &Browser) -> String {
    browser
        .wait_for(
            "the problem's row",
            Locator::XPath("//tr[td[normalize-space()='studentSourcedId']]"),
        )
        .await
        .text()
        .await
        .unwrap()
}

/// Chooses a language with the switcher in the page header.
async fn choose_language(browser: &Browser, endonym: &str) {
    browser
        .client
        .find(Locator::XPath(&format!(
            "//form[@action='/language']//button[normalize-space()='{endonym}']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn a_data_manager_sees_the_bad_row_fixes_the_bundle_and_imports_it() {
    let server = private_demo_server();
    let dir = std::env::temp_dir().join(format!("headway-import-journey-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = zipped_bundle(&dir, "bundle-with-a-bad-row.zip", |file, text| {
        if file == "results.csv" {
            text.replace("r5,active,2025-11-20,l2,u2", "r5,active,2025-11-20,l2,u9")
        } else {
            text
        }
    });
    let fixed = zipped_bundle(&dir, "bundle.zip", |_, text| text);
    let sheet = dir.join("autumn.csv");
    std::fs::write(
        &sheet,
        "MIS ref,Name,Subject,Assessment,Mark\r\nu3,\"Jones, Ana\",MA,ci,29\r\nu1,Zoë,MA,ci,33\r\n",
    )
    .unwrap();
    let base = server.url("");
    in_browser(move |browser| async move {
        let base = base.trim_end_matches('/');
        sign_in(&browser, base, "data.manager@demo.headway.school").await;
        browser
            .client
            .find(Locator::LinkText("Import data"))
            .await
            .expect("the home page links to the import page")
            .click()
            .await
            .unwrap();
        browser
            .wait_for(
                "the import page",
                Locator::XPath("//h2[normalize-space()='Upload a OneRoster bundle']"),
            )
            .await;
        browser.screenshot("import-1-form").await;
        axe::assert_no_violations(&browser, "the import form").await;

        upload(&browser, &bad).await;
        let problem = bad_row_problem(&browser).await;
        assert!(problem.contains("results.csv"), "{problem}");
        assert!(
            problem.contains(" 6 "),
            "the line of the bad row: {problem}"
        );
        assert!(problem.contains("u9"), "the bad value: {problem}");
        let body = browser
            .client
            .find(Locator::Css("main"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(body.contains("There is 1 problem to fix."), "{body}");
        assert!(body.contains("Nothing was written."));
        browser.screenshot("import-2-problem").await;
        axe::assert_no_violations(&browser, "the import's problems").await;

        // In Welsh, the problem itself is Welsh too.
        choose_language(&browser, "Cymraeg").await;
        browser
            .wait_for("the page in Welsh", Locator::Css("html[lang='cy']"))
            .await;
        upload(&browser, &bad).await;
        let problem = bad_row_problem(&browser).await;
        assert!(
            problem.contains("nid oes gan unrhyw ddisgybl yn users.csv y sourcedId `u9`"),
            "{problem}"
        );
        browser.screenshot("import-2-problem-cy").await;
        axe::assert_no_violations(&browser, "the import's problems in Welsh").await;
        choose_language(&browser, "English").await;
        browser
            .wait_for("the page in English", Locator::Css("html[lang='en']"))
            .await;

        upload(&browser, &fixed).await;
        let results = browser
            .wait_for(
                "the preview's results line",
                Locator::XPath("//tr[th[normalize-space()='Results']]"),
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(results.starts_with("Results 4 0 0 0"), "{results}");
        // The bundle names the school otherwise: the preview says how, and renaming it
        // needs its own tick.
        let change = browser
            .wait_for(
                "the school's new name",
                Locator::XPath("//section[@aria-labelledby='changes-title']//li"),
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(
            change.starts_with("School name: ") && change.ends_with("→ Ysgol Gyfun \"Glan\", Aber"),
            "{change}"
        );
        browser.screenshot("import-3-preview").await;
        axe::assert_no_violations(&browser, "the import preview").await;
        browser
            .client
            .find(Locator::Css("input#confirm-rename"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        browser
            .client
            .find(Locator::XPath(
                "//button[normalize-space()='Import these changes']",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let done = browser
            .wait_for("the confirmation", Locator::Css("p.notice[role='status']"))
            .await
            .text()
            .await
            .unwrap();
        assert!(done.contains("bundle.zip was imported"), "{done}");
        browser.screenshot("import-4-imported").await;

        // Then a results spreadsheet for the pupils the bundle brought in.
        browser
            .client
            .goto(&format!("{base}/schools/9/imports"))
            .await
            .unwrap();
        browser
            .wait_for("the spreadsheet field", Locator::Id("sheet"))
            .await
            .send_keys(sheet.to_str().unwrap())
            .await
            .unwrap();
        browser
            .client
            .find(Locator::XPath(
                "//button[normalize-space()='Choose the columns']",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let pupil = browser
            .wait_for("the pupil column's choice", Locator::Id("field-pupil"))
            .await;
        // "MIS ref" is not guessed; the data manager chooses it.
        pupil
            .select_by_value("MIS ref")
            .await
            .expect("the sheet's headings are the choices");
        browser.screenshot("import-5-columns").await;
        axe::assert_no_violations(&browser, "the spreadsheet's columns").await;
        browser
            .client
            .find(Locator::XPath(
                "//button[normalize-space()='Check the file']",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let results = browser
            .wait_for(
                "the spreadsheet's preview",
                Locator::XPath("//tr[th[normalize-space()='Results']]"),
            )
            .await
            .text()
            .await
            .unwrap();
        assert!(
            results.starts_with("Results 1 1 0 0"),
            "one added, one changed: {results}"
        );
        browser
            .client
            .find(Locator::XPath(
                "//button[normalize-space()='Import these changes']",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let done = browser
            .wait_for("the confirmation", Locator::Css("p.notice[role='status']"))
            .await
            .text()
            .await
            .unwrap();
        assert!(done.contains("autumn.csv was imported"), "{done}");
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}
