//! The improvement plan on a demo of its own (the journey changes the plan): the head turns
//! the weak mathematics figure into a priority, adds an action with an owner, sees the
//! measure's chart, and reads the plan in Welsh; axe finds no violations in either.

use crate::axe;
use crate::harness::{Browser, click, in_browser, private_demo_server, sign_in};
use fantoccini::Locator;

/// Sets a form field's value directly (date inputs take keys in the browser's locale).
async fn set(browser: &Browser, id: &str, value: &str) {
    browser
        .client
        .execute(
            "document.getElementById(arguments[0]).value = arguments[1];",
            vec![id.into(), value.into()],
        )
        .await
        .unwrap();
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn the_head_turns_weak_mathematics_into_a_priority_with_an_action_and_reads_it_in_welsh() {
    let server = private_demo_server();
    in_browser(move |browser| async move {
        let base = server.url("");
        let base = base.trim_end_matches('/');
        sign_in(&browser, base, "head@demo.headway.school").await;
        click(&browser, Locator::LinkText("Progress and value added")).await;
        browser
            .wait_for("the progress page", Locator::Css("section.headline"))
            .await;
        // The subject's own figure (not a sentence): value added in mathematics.
        click(
            &browser,
            Locator::XPath(
                "//a[contains(@href, '/plan/priorities/new') and contains(@href, 'progress-va') \
                 and not(contains(@href, '%23'))]",
            ),
        )
        .await;
        let title = browser
            .wait_for("the new priority form", Locator::Id("p-title"))
            .await;
        assert_eq!(
            title.prop("value").await.unwrap().as_deref(),
            Some("Raise value added in Mathematics")
        );
        // The plan already holds three priorities: a fourth needs a written reason.
        if let Ok(reason) = browser.client.find(Locator::Id("p-reason")).await {
            reason
                .send_keys("Mathematics has been well below for three years.")
                .await
                .unwrap();
        }
        browser.screenshot("plan-1-new-priority").await;
        click(&browser, Locator::Css("form.stacked button[type='submit']")).await;
        // The plan page, with the new priority and its measure's chart.
        browser
            .wait_for(
                "the new priority on the plan",
                Locator::XPath("//main//h3[contains(., 'Raise value added in Mathematics')]"),
            )
            .await;
        assert!(browser.path().await.ends_with("/plan"), "back on the plan");
        browser
            .wait_for("a measure's chart", Locator::Css("section.measure-card svg"))
            .await;

        // An action for the new priority, owned by a member of staff.
        let summary = Locator::XPath(
            "//details[summary[contains(., 'Raise value added in Mathematics') and contains(., 'action')]]/summary",
        );
        click(&browser, summary).await;
        let form = browser
            .client
            .find(Locator::XPath(
                "//details[summary[contains(., 'Raise value added in Mathematics') and contains(., 'action')]]//form",
            ))
            .await
            .unwrap();
        let title = form
            .find(Locator::Css("input[name='title']"))
            .await
            .unwrap();
        title.send_keys("Retrieval practice in Year 11 mathematics").await.unwrap();
        let id_of = |name: &'static str| {
            let form = form.clone();
            async move {
                form.find(Locator::Css(&format!("input[name='{name}']")))
                    .await
                    .unwrap()
                    .attr("id")
                    .await
                    .unwrap()
                    .unwrap()
            }
        };
        set(&browser, &id_of("starts_on").await, "2026-11-02").await;
        set(&browser, &id_of("ends_on").await, "2027-03-26").await;
        form.find(Locator::Css("button[type='submit']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        // The plan page again, with the action on it.
        browser
            .wait_for(
                "the action on the plan",
                Locator::XPath(
                    "//main//*[contains(text(), 'Retrieval practice in Year 11 mathematics')]",
                ),
            )
            .await;
        browser.screenshot("plan-2-with-action").await;
        axe::assert_no_violations(&browser, "the plan page").await;

        // In Welsh: the same plan, the measure's words in Welsh.
        click(
            &browser,
            Locator::XPath("//form[@action='/language']//button[normalize-space()='Cymraeg']"),
        )
        .await;
        browser
            .wait_for(
                "the plan in Welsh, the baseline named in Welsh",
                Locator::XPath("//html[@lang='cy']//main//*[contains(text(), 'Llinell sylfaen')]"),
            )
            .await;
        browser.screenshot("plan-3-welsh").await;
        axe::assert_no_violations(&browser, "the plan page in Welsh").await;
    })
    .await;
}
