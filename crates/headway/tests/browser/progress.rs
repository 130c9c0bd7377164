//! The progress pages on the real demo reveal its planted effects (docs/demo-data.md):
//! Cwmderwen High School is weak in mathematics, five pupils of Anwen Price's set fall
//! behind at the autumn point of the year under way, and a governor sees figures but no
//! pupil.

use crate::axe;
use crate::harness::{Browser, demo_server, in_browser, sign_in};
use fantoccini::Locator;

/// The text of the table row whose header cell is `label`.
async fn row_text(browser: &Browser, label: &str) -> String {
    // A row headed by the label (the grid's column headings are not rows).
    let row = Locator::XPath(&format!(
        "//tr[th[@scope='row' and normalize-space()='{label}']]"
    ));
    browser
        .client
        .find(row)
        .await
        .unwrap_or_else(|_| panic!("a row for {label}"))
        .text()
        .await
        .unwrap()
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn the_head_sees_weak_mathematics_and_the_teacher_sees_pupils_falling_behind() {
    let server = demo_server();
    in_browser(move |browser| async move {
        let base = server.url("");
        let base = base.trim_end_matches('/');
        sign_in(&browser, base, "head@demo.headway.school").await;
        browser
            .client
            .find(Locator::LinkText("Progress and value added"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        browser
            .wait_for("the progress page", Locator::Css("section.headline"))
            .await;
        let school_path = browser
            .path()
            .await
            .trim_end_matches("/progress")
            .to_owned();
        let maths = row_text(&browser, "Mathematics").await;
        assert!(maths.contains("Well below average"), "mathematics: {maths}");
        let english = row_text(&browser, "English").await;
        assert!(!english.contains("below average"), "english: {english}");
        browser.screenshot("progress-1-overview").await;
        axe::assert_no_violations(&browser, "the progress page").await;

        // Drill into mathematics: the classes breakdown shows the strong set.
        browser
            .client
            .find(Locator::LinkText("Mathematics"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        browser
            .wait_for(
                "the mathematics page",
                Locator::XPath(
                    "//h2[contains(@class, 'subject-title') and contains(., 'Mathematics')]",
                ),
            )
            .await;
        browser
            .client
            .find(Locator::Id("table-class"))
            .await
            .expect("a classes breakdown for the head");
        browser.screenshot("progress-2-mathematics").await;

        browser
            .client
            .find(Locator::Css("form[action='/sign-out'] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        sign_in(&browser, base, "teacher@demo.headway.school").await;
        browser
            .client
            .goto(&format!("{base}{school_path}/falling-behind"))
            .await
            .unwrap();
        let heading = browser
            .wait_for("the falling-behind page", Locator::Css("h1"))
            .await;
        assert_eq!(heading.text().await.unwrap(), "Pupils falling behind");
        let maths = browser
            .client
            .find(Locator::XPath(
                "//select[@id='subject']/option[normalize-space()='Mathematics']",
            ))
            .await
            .unwrap()
            .attr("value")
            .await
            .unwrap()
            .expect("the option has a value");
        browser
            .client
            .goto(&format!(
                "{base}{school_path}/falling-behind?subject={maths}"
            ))
            .await
            .unwrap();
        // The page opens on the year under way (2026/27), which has predictions only: each
        // pupil is judged on their autumn prediction, and the five planted pupils of the
        // teacher's set stand out, about three grades behind.
        let selected_year = browser
            .client
            .find(Locator::Css("select#year option[selected]"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(selected_year, "2026/27", "the year under way first");
        let rows = browser
            .client
            .find_all(Locator::Css("table tbody tr"))
            .await
            .unwrap();
        let mut far_behind = 0;
        for row in &rows {
            let text = row.text().await.unwrap();
            assert!(text.contains("11Ma2"), "only the teacher's own set: {text}");
            assert!(
                text.contains("Autumn predicted grades") && !text.contains("final result"),
                "judged on the prediction, the year having no finals yet: {text}"
            );
            let cells = row.find_all(Locator::Css("td")).await.unwrap();
            let difference = cells[4].text().await.unwrap().replace('\u{2212}', "-");
            let difference: f64 = difference.trim().parse().expect("a difference");
            if difference <= -2.5 {
                far_behind += 1;
            }
        }
        assert!(
            far_behind >= 5,
            "the five planted pupils are listed, far behind: {far_behind} of {}",
            rows.len()
        );
        browser.screenshot("progress-3-falling-behind").await;
        axe::assert_no_violations(&browser, "the falling-behind page").await;

        // A completed year: every pupil has a final result, which supersedes their
        // predictions, so everyone listed is judged on it.
        let completed = browser
            .client
            .find(Locator::XPath(
                "//select[@id='year']/option[normalize-space()='2025/26']",
            ))
            .await
            .unwrap()
            .attr("value")
            .await
            .unwrap()
            .expect("the option has a value");
        browser
            .client
            .goto(&format!(
                "{base}{school_path}/falling-behind?year={completed}&subject={maths}"
            ))
            .await
            .unwrap();
        let rows = browser
            .client
            .find_all(Locator::Css("table tbody tr"))
            .await
            .unwrap();
        assert!(!rows.is_empty(), "pupils behind on their finals are listed");
        for row in &rows {
            let text = row.text().await.unwrap();
            assert!(text.contains("11Ma2"), "only the teacher's own set: {text}");
            assert!(
                text.contains("final result"),
                "judged on the final result, not a prediction: {text}"
            );
        }
        browser
            .screenshot("progress-3b-falling-behind-completed-year")
            .await;

        // The projections page opens on the year under way too: its pupils' chances, from
        // their autumn predictions, learnt from 2025/26.
        browser
            .client
            .goto(&format!("{base}{school_path}/progress/projections"))
            .await
            .unwrap();
        browser
            .wait_for("the projections page", Locator::Css("h1"))
            .await;
        let selected_year = browser
            .client
            .find(Locator::Css("select#year option[selected]"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(selected_year, "2026/27", "the year under way first");
        let source = browser.client.source().await.unwrap();
        assert!(
            source.contains("Learnt from the reference population of 2025/26"),
            "trained on the last completed year"
        );
        let rows = browser
            .client
            .find_all(Locator::Css("section table tbody tr"))
            .await
            .unwrap();
        assert!(!rows.is_empty(), "this year's pupils have chances");
        let first = rows[0].text().await.unwrap();
        assert!(
            first.contains("starting point and latest interim result") && first.contains('%'),
            "a chance from the autumn prediction: {first}"
        );
        browser
            .screenshot("progress-4-projections-year-under-way")
            .await;

        browser
            .client
            .find(Locator::Css("form[action='/sign-out'] button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        sign_in(&browser, base, "governor@demo.headway.school").await;
        browser
            .client
            .goto(&format!("{base}{school_path}/progress"))
            .await
            .unwrap();
        browser
            .wait_for(
                "the governor's progress page",
                Locator::Css("section.headline"),
            )
            .await;
        let source = browser.client.source().await.unwrap();
        assert!(
            !source.contains("falling-behind"),
            "no pupil lists for a governor"
        );
        assert!(!source.contains("table-class"), "no classes for a governor");
        browser
            .client
            .goto(&format!("{base}{school_path}/falling-behind"))
            .await
            .unwrap();
        let refused = browser.wait_for("the refusal", Locator::Css("h1")).await;
        assert_eq!(
            refused.text().await.unwrap(),
            "You do not have access to this page"
        );
    })
    .await;
}
