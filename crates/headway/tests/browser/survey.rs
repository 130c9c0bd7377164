//! Surveys and the advice network on a demo of their own (the journey adds answers): the
//! head opens a pupil survey and prints a class's slips; pupils answer it by their class
//! code and their own slip on a phone, in English and in Welsh (switching language keeps
//! what they ticked), with nothing wider than the screen; a used slip is refused; a
//! teacher names a colleague in the advice network; the head cannot read the survey while
//! it is open, and reads it once it is closed, in English and in Welsh. axe finds no
//! violations on the slips, the answer page or the results page.

use crate::axe;
use crate::harness::{Browser, click, in_browser, private_demo_server, sign_in};
use fantoccini::Locator;

const SURVEY_TITLE: &str = "Pupil voice this term";
/// The smallest group the form allows, so three pupils are enough to show figures.
const K: &str = "3";

async fn choose_language(browser: &Browser, name: &str) {
    click(
        browser,
        Locator::XPath(&format!(
            "//form[@action='/language']//button[normalize-space()='{name}']"
        )),
    )
    .await;
}

/// Whether the box `locator` finds is ticked.
async fn is_ticked(browser: &Browser, locator: Locator<'_>) -> bool {
    let checked = browser
        .client
        .find(locator)
        .await
        .expect("the box")
        .prop("checked")
        .await
        .unwrap();
    checked.as_deref() == Some("true")
}

/// Fails if the page is wider than the window (a sideways scroll on a phone).
async fn assert_no_sideways_scroll(browser: &Browser, page: &str) {
    let widths = browser
        .client
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth];",
            vec![],
        )
        .await
        .unwrap();
    let (scroll, inner) = (widths[0].as_u64().unwrap(), widths[1].as_u64().unwrap());
    eprintln!("{page}: scrollWidth {scroll}, innerWidth {inner}");
    assert!(
        scroll <= inner,
        "{page} scrolls sideways: {scroll} px of content in a {inner} px window"
    );
}

/// A pupil on a phone, with no account: types the class code and the code on their own
/// slip.
async fn type_codes(browser: &Browser, base: &str, (class, own): &(String, String)) {
    browser.client.delete_all_cookies().await.unwrap();
    browser
        .client
        .goto(&format!("{base}/answer"))
        .await
        .unwrap();
    browser
        .wait_for("the code form", Locator::Id("code"))
        .await
        .send_keys(class)
        .await
        .unwrap();
    browser
        .client
        .find(Locator::Id("slip"))
        .await
        .unwrap()
        .send_keys(own)
        .await
        .unwrap();
    click(
        browser,
        Locator::Css("form[action='/answer'] button[type='submit']"),
    )
    .await;
}

/// As [`type_codes`], and reaches the questions.
async fn open_by_code(browser: &Browser, base: &str, codes: &(String, String)) {
    type_codes(browser, base, codes).await;
    browser
        .wait_for(
            "the survey's questions",
            Locator::Css("form.survey-form fieldset.item"),
        )
        .await;
}

/// Answers every question with the option one from the top, then sends.
async fn answer_all_and_send(browser: &Browser) {
    browser
        .client
        .execute(
            "document.querySelectorAll('form.survey-form fieldset.item').forEach((f) => {
               const options = f.querySelectorAll('input[type=radio]');
               options[options.length - 2].checked = true;
             });",
            vec![],
        )
        .await
        .unwrap();
    click(
        browser,
        Locator::Css("form.survey-form button[type='submit']"),
    )
    .await;
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn pupils_answer_by_class_code_on_a_phone_staff_name_a_colleague_and_the_head_reads_the_survey_once_closed()
 {
    let server = private_demo_server();
    in_browser(move |browser| async move {
        let base = server.url("");
        let base = base.trim_end_matches('/');

        // The head opens a pupil survey.
        sign_in(&browser, base, "head@demo.headway.school").await;
        browser
            .client
            .goto(&format!("{base}/surveys"))
            .await
            .unwrap();
        browser
            .wait_for("the survey form", Locator::Id("audience-pupils"))
            .await
            .click()
            .await
            .unwrap();
        browser
            .client
            .find(Locator::Id("survey-title"))
            .await
            .unwrap()
            .send_keys(SURVEY_TITLE)
            .await
            .unwrap();
        let threshold = browser.client.find(Locator::Id("threshold")).await.unwrap();
        threshold.clear().await.unwrap();
        threshold.send_keys(K).await.unwrap();
        click(
            &browser,
            Locator::Css("form[action='/surveys'] button[type='submit']"),
        )
        .await;
        browser
            .wait_for(
                "the new survey's page",
                Locator::XPath(&format!("//main//h1[normalize-space()='{SURVEY_TITLE}']")),
            )
            .await;
        let survey_path = browser.path().await;
        assert!(
            survey_path.starts_with("/surveys/"),
            "on the survey's page, not {survey_path}"
        );

        // While it is open, its results are not there to read, even for the head.
        browser
            .client
            .goto(&format!("{base}{survey_path}/results"))
            .await
            .unwrap();
        browser
            .wait_for(
                "the refusal to show an open survey's results",
                Locator::XPath("//main//*[contains(., 'have not been released yet')]"),
            )
            .await;
        assert!(
            browser
                .client
                .find(Locator::Css("section[aria-labelledby='scales-heading']"))
                .await
                .is_err(),
            "no figures while the survey is open"
        );
        browser
            .screenshot("survey-1-results-refused-while-open")
            .await;

        // The class sheets: a code for each class, and a slip for each pupil.
        browser
            .client
            .goto(&format!("{base}{survey_path}/sheets"))
            .await
            .unwrap();
        click(
            &browser,
            Locator::Css("table a[href*='/sheets/']"),
        )
        .await;
        browser
            .wait_for("a class's slips", Locator::Css("li.survey-slip"))
            .await;
        axe::assert_no_violations(&browser, "a class's slips").await;
        let mut printed = Vec::new();
        for code in browser
            .client
            .find_all(Locator::Css("li.survey-slip dl.slip-codes dd strong"))
            .await
            .unwrap()
        {
            printed.push(code.text().await.unwrap().trim().to_owned());
        }
        let slips: Vec<(String, String)> = printed
            .chunks(2)
            .map(|pair| (pair[0].clone(), pair[1].clone()))
            .collect();
        assert!(slips.len() >= 4, "a slip for each pupil of the class");
        assert!(slips.iter().all(|(class, _)| *class == slips[0].0), "one class code");

        // A pupil on a phone: no account, 390 px wide.
        browser.client.set_window_size(390, 844).await.unwrap();
        open_by_code(&browser, base, &slips[0]).await;
        assert_no_sideways_scroll(&browser, "the answer page").await;
        browser.screenshot("survey-2-answer-phone").await;
        axe::assert_no_violations(&browser, "the answer page").await;
        // The first question answered as a pupil would, by tapping its label; switching
        // to Welsh keeps it ticked.
        click(
            &browser,
            Locator::Css("form.survey-form fieldset.item .option:first-child label"),
        )
        .await;
        click(
            &browser,
            Locator::Css("button[name='language'][value='cy']"),
        )
        .await;
        browser
            .wait_for(
                "the questions in Welsh",
                Locator::XPath("//html[@lang='cy']//form[contains(@class, 'survey-form')]"),
            )
            .await;
        assert!(
            is_ticked(
                &browser,
                Locator::Css("form.survey-form fieldset.item .option:first-child input"),
            )
            .await,
            "the answer stays ticked in Welsh"
        );
        assert_no_sideways_scroll(&browser, "the answer page in Welsh").await;
        browser.screenshot("survey-3-answer-phone-welsh").await;
        axe::assert_no_violations(&browser, "the answer page in Welsh").await;
        answer_all_and_send(&browser).await;
        browser
            .wait_for(
                "the thanks, in Welsh",
                Locator::XPath("//html[@lang='cy']//main//h1[normalize-space()='Diolch']"),
            )
            .await;
        assert_no_sideways_scroll(&browser, "the thanks page in Welsh").await;
        browser.screenshot("survey-4-thanks-welsh").await;
        // The same slip again is refused, in plain words.
        type_codes(&browser, base, &slips[0]).await;
        browser
            .wait_for(
                "the used slip refused",
                Locator::XPath("//main//*[contains(., 'This slip has already been used')]"),
            )
            .await;
        // Two more pupils of the class, each on their own phone with their own slip, in
        // English.
        for slip in &slips[1..3] {
            open_by_code(&browser, base, slip).await;
            answer_all_and_send(&browser).await;
            browser
                .wait_for(
                    "the thanks",
                    Locator::XPath("//main//h1[normalize-space()='Thank you']"),
                )
                .await;
        }
        browser.client.delete_all_cookies().await.unwrap();
        browser.client.set_window_size(1280, 900).await.unwrap();

        // A teacher names a colleague they go to for advice.
        sign_in(&browser, base, "teacher@demo.headway.school").await;
        click(
            &browser,
            Locator::XPath("//main//a[contains(@href, '/advice-network')]"),
        )
        .await;
        browser
            .wait_for(
                "the advice-network question",
                Locator::Css("form.network-question"),
            )
            .await;
        let unticked = browser
            .client
            .find(Locator::Css(
                "form.network-question fieldset.roster input[name='named']:not(:checked)",
            ))
            .await
            .expect("a colleague not yet named");
        let colleague = unticked.attr("id").await.unwrap().expect("the box's id");
        click(&browser, Locator::Css(&format!("label[for='{colleague}']"))).await;
        // Changing the language sends the form back: the colleague stays ticked and
        // nothing is saved.
        for lang in ["cy", "en"] {
            click(
                &browser,
                Locator::Css(&format!("button[name='language'][value='{lang}']")),
            )
            .await;
            browser
                .wait_for(
                    "the question in the other language",
                    Locator::Css(&format!("html[lang='{lang}'] form.network-question")),
                )
                .await;
            assert!(
                is_ticked(&browser, Locator::Id(&colleague)).await,
                "still ticked in {lang}"
            );
        }
        click(
            &browser,
            Locator::Css("form.network-question button[name='action'][value='send']"),
        )
        .await;
        browser
            .wait_for(
                "the answer saved",
                Locator::XPath(
                    "//main//*[@role='status' and contains(., 'your answers are saved')]",
                ),
            )
            .await;
        assert!(
            is_ticked(&browser, Locator::Id(&colleague)).await,
            "the colleague stays named"
        );
        browser.screenshot("survey-5-advice-network-saved").await;
        browser.client.delete_all_cookies().await.unwrap();

        // The head closes the survey and reads its results.
        sign_in(&browser, base, "head@demo.headway.school").await;
        browser
            .client
            .goto(&format!("{base}{survey_path}"))
            .await
            .unwrap();
        click(
            &browser,
            Locator::Css(&format!(
                "form[action='{survey_path}/close'] button[type='submit']"
            )),
        )
        .await;
        browser
            .wait_for(
                "the survey closed",
                Locator::XPath("//main//a[contains(@href, '/results')]"),
            )
            .await;
        browser
            .client
            .goto(&format!("{base}{survey_path}/results"))
            .await
            .unwrap();
        browser
            .wait_for(
                "the results, with a chart",
                Locator::Css("section[aria-labelledby='scales-heading'] svg"),
            )
            .await;
        let lead = browser
            .client
            .find(Locator::Css("main p.lead"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(lead.contains('3'), "three pupils counted: {lead}");
        browser.screenshot("survey-6-results").await;
        axe::assert_no_violations(&browser, "the results page").await;
        choose_language(&browser, "Cymraeg").await;
        browser
            .wait_for(
                "the results in Welsh",
                Locator::XPath(
                    "//html[@lang='cy']//section[@aria-labelledby='scales-heading']//*[local-name()='svg']",
                ),
            )
            .await;
        browser.screenshot("survey-7-results-welsh").await;
        axe::assert_no_violations(&browser, "the results page in Welsh").await;
    })
    .await;
}
