//! The leadership 360 in a real browser: the demo head opens a round asking teachers, rates
//! themself, and invites teachers through the outbox; the data manager (never the head)
//! issues their single-use links; teachers answer through them (no account); the head
//! closes the round and reads the report. With five teachers the group is shown with focus
//! suggestions; with four it is not.

use crate::axe;
use crate::harness::{Browser, demo_server, in_browser, sign_in};
use crate::journey::{DEMO_PASSWORD, HEAD_EMAIL};
use fantoccini::Locator;

async fn click(browser: &Browser, what: &str, locator: Locator<'_>) {
    browser.click(what, locator).await;
}

async fn sign_in_as_head(browser: &Browser, base: &str) {
    browser
        .client
        .goto(&format!("{base}/sign-in"))
        .await
        .unwrap();
    let email = browser
        .wait_for("the sign-in form", Locator::Id("email"))
        .await;
    email.send_keys(HEAD_EMAIL).await.unwrap();
    browser
        .client
        .find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(DEMO_PASSWORD)
        .await
        .unwrap();
    click(
        browser,
        "the sign-in button",
        Locator::Css("form[action='/sign-in'] button[type='submit']"),
    )
    .await;
    browser
        .wait_for(
            "the home page",
            Locator::XPath("//h1[normalize-space()='Your overview']"),
        )
        .await;
}

async fn sign_out(browser: &Browser) {
    click(
        browser,
        "sign out",
        Locator::XPath("//form[@action='/sign-out']//button"),
    )
    .await;
    browser
        .wait_for("the sign-in page", Locator::Id("email"))
        .await;
}

/// Answers every statement of the questionnaire on screen with the scale point `value`
/// (keyboard-free clicks on each radio button), then sends it.
async fn answer_questionnaire(browser: &Browser, value: &str) {
    browser
        .wait_for("the questionnaire", Locator::Css("form.questionnaire"))
        .await;
    let radios = browser
        .client
        .find_all(Locator::Css(&format!(
            "form.questionnaire input[type='radio'][value='{value}']"
        )))
        .await
        .unwrap();
    assert!(radios.len() >= 40, "the instrument has 40–60 statements");
    for radio in radios {
        radio.click().await.unwrap();
    }
    click(
        browser,
        "send my answers",
        Locator::Css("form.questionnaire button[type='submit']"),
    )
    .await;
}

/// The head opens a round asking teachers only, rates themself, and invites `teachers`
/// teachers through the outbox; the data manager issues their links. Returns the round's
/// path and the links.
async fn open_round_with_links(
    browser: &Browser,
    base: &str,
    teachers: usize,
    shots: &str,
) -> (String, Vec<String>) {
    sign_in_as_head(browser, base).await;
    click(
        browser,
        "the Leadership 360 link",
        Locator::LinkText("Leadership 360"),
    )
    .await;
    browser
        .wait_for(
            "the open-a-round form",
            Locator::Css("form[action='/diagnostic/rounds']"),
        )
        .await;
    for group in [
        "senior_leaders",
        "middle_leaders",
        "support_staff",
        "governors",
    ] {
        click(browser, group, Locator::Id(&format!("group-{group}"))).await;
    }
    browser.screenshot(&format!("{shots}-1-open-round")).await;
    click(
        browser,
        "open the round",
        Locator::Css("form[action='/diagnostic/rounds'] button[type='submit']"),
    )
    .await;
    browser
        .wait_for(
            "the round page",
            Locator::XPath("//h1[normalize-space()='Round of the leadership 360']"),
        )
        .await;
    let round_path = browser.path().await;

    click(browser, "rate yourself", Locator::LinkText("Rate yourself")).await;
    answer_questionnaire(browser, "5").await;
    browser
        .wait_for(
            "the self-rating done",
            Locator::XPath("//p[contains(., 'You have rated yourself.')]"),
        )
        .await;

    // Invite `teachers` teachers through the outbox: one select per person.
    browser
        .wait_for(
            "the invitation form",
            Locator::Css("form[action$='/invitations'] select"),
        )
        .await;
    browser
        .client
        .execute(
            "const selects = document.querySelectorAll(\"form[action$='/invitations'] select\");
             for (const select of Array.from(selects).slice(0, arguments[0])) { select.value = 'outbox'; }",
            vec![serde_json::json!(teachers)],
        )
        .await
        .unwrap();
    browser.screenshot(&format!("{shots}-2-invite")).await;
    click(
        browser,
        "invite",
        Locator::Css("form[action$='/invitations'] button[type='submit']"),
    )
    .await;
    browser
        .wait_for(
            "the round page again",
            Locator::XPath("//h1[normalize-space()='Round of the leadership 360']"),
        )
        .await;
    assert!(
        !browser.client.source().await.unwrap().contains("/survey/"),
        "the head is never shown a link"
    );
    sign_out(browser).await;

    // The data manager hands the links out from the outbox.
    sign_in(browser, base, "data.manager@demo.headway.school").await;
    browser
        .client
        .goto(&format!("{base}/diagnostic"))
        .await
        .unwrap();
    click(
        browser,
        "the outbox",
        Locator::XPath("//a[starts-with(normalize-space(), 'Leadership 360 outbox')]"),
    )
    .await;
    let waiting = "//tr[td[contains(., 'no link issued yet')]]//button";
    let mut links = Vec::new();
    for n in 0..teachers {
        click(browser, "issue a link", Locator::XPath(waiting)).await;
        let link = browser
            .wait_for("the issued link", Locator::Id("link"))
            .await;
        links.push(link.prop("value").await.unwrap().unwrap_or_default());
        if n == 0 {
            browser
                .screenshot(&format!("{shots}-2-link-shown-once"))
                .await;
            axe::assert_no_violations(browser, "an issued link").await;
        }
        click(
            browser,
            "back to the outbox",
            Locator::LinkText("Back to the outbox"),
        )
        .await;
    }
    assert_eq!(links.len(), teachers);
    assert!(links.iter().all(|l| l.contains("/survey/")));
    sign_out(browser).await;
    (round_path, links)
}

/// Each teacher opens their link (nobody signed in) and answers; a used link is refused.
async fn teachers_answer(browser: &Browser, links: &[String], shots: &str) {
    for (n, link) in links.iter().enumerate() {
        browser.client.goto(link).await.unwrap();
        if n == 0 {
            browser
                .wait_for("the questionnaire", Locator::Css("form.questionnaire"))
                .await;
            browser
                .screenshot(&format!("{shots}-3-questionnaire-by-link"))
                .await;
            axe::assert_no_violations(browser, "the questionnaire by link").await;
        }
        // Teachers see the head's goals more clearly than their support for teaching.
        answer_questionnaire(browser, if n % 2 == 0 { "3" } else { "2" }).await;
        browser
            .wait_for(
                "the thank-you page",
                Locator::XPath("//h1[normalize-space()='Thank you']"),
            )
            .await;
    }
    browser.client.goto(&links[0]).await.unwrap();
    browser
        .wait_for(
            "the refusal of a used link",
            Locator::XPath("//h1[normalize-space()='This survey cannot be answered']"),
        )
        .await;
    browser
        .screenshot(&format!("{shots}-4-used-link-refused"))
        .await;
}

/// The head closes the round and lands on its report.
async fn close_and_read_report(
    browser: &Browser,
    base: &str,
    round_path: &str,
    teachers: usize,
    shots: &str,
) {
    sign_in_as_head(browser, base).await;
    browser
        .client
        .goto(&format!("{base}{round_path}"))
        .await
        .unwrap();
    let caption = browser
        .wait_for(
            "the response counts",
            Locator::Css("section[aria-labelledby='responses'] caption"),
        )
        .await;
    assert_eq!(
        caption.text().await.unwrap(),
        format!("{teachers} responses in all")
    );
    browser
        .screenshot(&format!("{shots}-5-counts-while-open"))
        .await;
    click(
        browser,
        "close the round",
        Locator::Css("form[action$='/close'] button[type='submit']"),
    )
    .await;
    browser
        .wait_for(
            "the report",
            Locator::XPath("//h1[normalize-space()='Leadership 360 report']"),
        )
        .await;
    browser.screenshot(&format!("{shots}-6-report-top")).await;
}

async fn scroll_to(browser: &Browser, id: &str) {
    browser
        .client
        .execute(
            "document.getElementById(arguments[0]).scrollIntoView();",
            vec![serde_json::json!(id)],
        )
        .await
        .unwrap();
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn five_teachers_answer_by_link_and_the_head_reads_the_report_with_focus_suggestions() {
    let server = demo_server();
    in_browser(move |browser| async move {
        let base = server.base_url.clone();
        let (round, links) = open_round_with_links(&browser, &base, 5, "diagnostic-five").await;
        teachers_answer(&browser, &links, "diagnostic-five").await;
        close_and_read_report(&browser, &base, &round, 5, "diagnostic-five").await;

        let header = Locator::XPath(
            "//section[@aria-labelledby='by-dimension']//thead//th[normalize-space()='Teachers']",
        );
        browser.wait_for("the teachers' column", header).await;
        let chart_title = browser
            .client
            .find(Locator::Css("figure.profile svg title"))
            .await
            .expect("the profile chart has a title");
        assert_eq!(
            chart_title.prop("textContent").await.unwrap().as_deref(),
            Some("Dimension profile")
        );
        scroll_to(&browser, "profile").await;
        browser.screenshot("diagnostic-five-7-profile").await;

        let suggestions = browser
            .client
            .find_all(Locator::Css("ol.focus > li"))
            .await
            .unwrap();
        assert_eq!(suggestions.len(), 5, "a suggestion per dimension");
        let first = suggestions[0].find(Locator::Css("h3")).await.unwrap();
        assert_eq!(
            first.text().await.unwrap(),
            "Promoting and participating in teacher learning and development",
            "with every dimension rated alike, the largest effect size leads"
        );
        browser
            .client
            .find(Locator::XPath(
                "//p[contains(@class,'caveat') and contains(., '0.84')]",
            ))
            .await
            .expect("the caveat for 0.84");
        axe::assert_no_violations(&browser, "the 360 report").await;
        scroll_to(&browser, "focus").await;
        browser
            .screenshot("diagnostic-five-8-focus-suggestions")
            .await;
        scroll_to(&browser, "comparison").await;
        browser.screenshot("diagnostic-five-9-comparison").await;
    })
    .await;
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn with_four_teachers_the_teachers_group_is_not_shown() {
    let server = demo_server();
    in_browser(move |browser| async move {
        let base = server.base_url.clone();
        let (round, links) = open_round_with_links(&browser, &base, 4, "diagnostic-four").await;
        teachers_answer(&browser, &links, "diagnostic-four").await;
        close_and_read_report(&browser, &base, &round, 4, "diagnostic-four").await;

        let hidden = Locator::XPath(
            "//section[@aria-labelledby='who']//li[contains(., 'not shown, fewer than 5')]",
        );
        browser
            .wait_for("the teachers' group marked not shown", hidden)
            .await;
        browser
            .client
            .find(Locator::XPath(
                "//p[contains(., 'Too few people answered')]",
            ))
            .await
            .expect("the report says too few answered");
        assert!(
            browser
                .client
                .find(Locator::XPath("//thead//th[normalize-space()='Teachers']"))
                .await
                .is_err(),
            "no column of teachers' figures"
        );
        assert!(
            browser
                .client
                .find_all(Locator::Css("ol.focus > li"))
                .await
                .unwrap()
                .is_empty(),
            "no focus suggestion from answers that are not shown"
        );
        browser
            .screenshot("diagnostic-four-7-report-group-not-shown")
            .await;
    })
    .await;
}
