//! Observation on a demo of its own (the journey adds a record): the demo teacher observes
//! the head of mathematics' lesson as a peer, agreeing one action step and a date to revisit
//! it; he reads the record and who else can; the head, under the school's default (private)
//! policy, is told there is no such page; the teacher reads her record and her observations
//! page in Welsh; axe finds no violations on any of them.

use crate::axe;
use crate::harness::{Browser, click, in_browser, private_demo_server, sign_in, sign_out};
use fantoccini::Locator;

const TEACHER: &str = "teacher@demo.headway.school";
const TEACHER_NAME: &str = "Anwen Price";
const COLLEAGUE: &str = "head.of.maths@demo.headway.school";
const COLLEAGUE_NAME: &str = "Dafydd Hughes";
const HEAD: &str = "head@demo.headway.school";
const ACTION_STEP: &str = "Ask every pupil to write an answer before taking any hands.";

/// The lines of the record page's "who can read this record" list.
async fn readers(browser: &Browser) -> Vec<String> {
    let mut lines = Vec::new();
    for item in browser
        .client
        .find_all(Locator::Css("section[aria-labelledby='readers'] ul li"))
        .await
        .unwrap()
    {
        lines.push(item.text().await.unwrap().trim().to_owned());
    }
    lines
}

/// Brings the "who can read this record" list into view for the screenshot.
async fn show_readers(browser: &Browser) {
    browser
        .client
        .execute(
            "document.getElementById('step-heading').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn a_teacher_records_a_peer_observation_with_one_step_the_colleague_reads_it_and_the_head_cannot()
 {
    let server = private_demo_server();
    in_browser(move |browser| async move {
        let base = server.url("");
        let base = base.trim_end_matches('/');

        // The teacher opens observation from her home page and starts a peer observation.
        sign_in(&browser, base, TEACHER).await;
        click(
            &browser,
            Locator::XPath("//main//a[starts-with(normalize-space(), 'Observation and feedback')]"),
        )
        .await;
        browser
            .wait_for(
                "the teacher's observations page",
                Locator::XPath("//h1[normalize-space()='Observation and feedback']"),
            )
            .await;
        let observations_path = browser.path().await;
        click(&browser, Locator::LinkText("Peer observation")).await;
        browser
            .wait_for("the peer observation form", Locator::Id("o-date"))
            .await;
        click(
            &browser,
            Locator::XPath(&format!(
                "//select[@id='o-class']/option[contains(., '{COLLEAGUE_NAME}')]"
            )),
        )
        .await;
        click(&browser, Locator::Id("o-strand-dialogue")).await;
        browser
            .client
            .find(Locator::Id("o-evidence"))
            .await
            .unwrap()
            .send_keys("Pupils explained a method to a partner; three pairs compared two ways of solving it.")
            .await
            .unwrap();
        browser
            .client
            .find(Locator::Id("o-strengths"))
            .await
            .unwrap()
            .send_keys("Questions were passed from pupil to pupil.")
            .await
            .unwrap();
        browser
            .client
            .find(Locator::Id("o-step"))
            .await
            .unwrap()
            .send_keys(ACTION_STEP)
            .await
            .unwrap();
        // Four weeks after the lesson (today's date, as the form offers it); date inputs
        // take keys in the browser's locale, so the value is set directly.
        let revisit = browser
            .client
            .execute(
                "const d = new Date(document.getElementById('o-date').value + 'T00:00:00Z');
                 d.setUTCDate(d.getUTCDate() + 28);
                 const day = d.toISOString().slice(0, 10);
                 document.getElementById('o-revisit').value = day;
                 return day;",
                vec![],
            )
            .await
            .unwrap();
        let revisit = revisit.as_str().expect("the revisit date").to_owned();
        browser.screenshot("observation-1-peer-form").await;
        axe::assert_no_violations(&browser, "the peer observation form").await;
        click(&browser, Locator::Css("form.stacked button[type='submit']")).await;

        // The record: the one step, its date, and who can read it. The form's heading is
        // the record's too, so wait for what only the record has: its action step.
        browser
            .wait_for(
                "the new record",
                Locator::Css("section[aria-labelledby='step-heading']"),
            )
            .await;
        let record_path = browser.path().await;
        assert!(
            record_path.starts_with("/observations/"),
            "the record's own page, not {record_path}"
        );
        let step = browser
            .client
            .find(Locator::Css("section[aria-labelledby='step-heading']"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(step.contains(ACTION_STEP), "the action step: {step}");
        assert!(
            step.contains(&format!("revisit on {revisit}")),
            "the date to revisit: {step}"
        );
        assert_eq!(
            readers(&browser).await,
            [
                format!("{COLLEAGUE_NAME}, the teacher observed."),
                format!("{TEACHER_NAME}, who wrote it."),
                "No one else: not other colleagues, not governors.".to_owned(),
            ],
            "under the default policy only the two of them can read it"
        );
        show_readers(&browser).await;
        browser.screenshot("observation-2-record-by-observer").await;
        axe::assert_no_violations(&browser, "the record, for its observer").await;

        // In Welsh: the record, then her observations page.
        click(
            &browser,
            Locator::XPath("//form[@action='/language']//button[normalize-space()='Cymraeg']"),
        )
        .await;
        browser
            .wait_for(
                "the record in Welsh",
                Locator::XPath("//html[@lang='cy']//h2[normalize-space()='Pwy all ddarllen y cofnod hwn']"),
            )
            .await;
        assert_eq!(
            readers(&browser).await[1],
            format!("{TEACHER_NAME}, a'i ysgrifennodd.")
        );
        show_readers(&browser).await;
        browser.screenshot("observation-3-record-welsh").await;
        axe::assert_no_violations(&browser, "the record in Welsh").await;
        browser
            .client
            .goto(&format!("{base}{observations_path}"))
            .await
            .unwrap();
        browser
            .wait_for(
                "the teacher's observations page in Welsh",
                Locator::XPath("//html[@lang='cy']//h1[normalize-space()='Arsylwi ac adborth']"),
            )
            .await;
        browser
            .wait_for(
                "her new record among those she wrote",
                Locator::Css(&format!(
                    "section[aria-labelledby='obs-written-heading'] a[href='{record_path}']"
                )),
            )
            .await;
        browser.screenshot("observation-4-mine-welsh").await;
        axe::assert_no_violations(&browser, "the observations page in Welsh").await;
        sign_out(&browser).await;

        // The colleague observed finds it among the records about him, and reads it.
        sign_in(&browser, base, COLLEAGUE).await;
        browser
            .client
            .goto(&format!("{base}{observations_path}"))
            .await
            .unwrap();
        browser
            .wait_for(
                "the record among those about the colleague",
                Locator::Css(&format!(
                    "section[aria-labelledby='obs-about-heading'] a[href='{record_path}']"
                )),
            )
            .await;
        browser.screenshot("observation-5-colleague-list").await;
        axe::assert_no_violations(&browser, "the colleague's observations page").await;
        click(
            &browser,
            Locator::Css(&format!(
                "section[aria-labelledby='obs-about-heading'] a[href='{record_path}']"
            )),
        )
        .await;
        browser
            .wait_for(
                "the record, for the colleague observed",
                Locator::XPath("//h1[normalize-space()='Peer observation']"),
            )
            .await;
        assert_eq!(
            readers(&browser).await,
            [
                "You, the teacher observed.".to_owned(),
                format!("{TEACHER_NAME}, who wrote it."),
                "No one else: not other colleagues, not governors.".to_owned(),
            ]
        );
        let step = browser
            .client
            .find(Locator::Css("section[aria-labelledby='step-heading']"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(step.contains(ACTION_STEP), "the colleague reads the step: {step}");
        show_readers(&browser).await;
        browser.screenshot("observation-6-record-by-colleague").await;
        axe::assert_no_violations(&browser, "the record, for the colleague observed").await;
        sign_out(&browser).await;

        // The head: under the default policy the record does not exist for her.
        sign_in(&browser, base, HEAD).await;
        browser
            .client
            .goto(&format!("{base}{record_path}"))
            .await
            .unwrap();
        browser
            .wait_for(
                "'not found' for the head",
                Locator::XPath("//h1[normalize-space()='Page not found']"),
            )
            .await;
        let page = browser
            .client
            .find(Locator::Css("main"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            !page.contains(ACTION_STEP) && !page.contains(COLLEAGUE_NAME),
            "nothing of the record shows to the head: {page}"
        );
        browser.screenshot("observation-7-head-not-found").await;
    })
    .await;
}
