//! Heads coaching heads on the shared demo (nothing is changed): the demo head, coached by
//! the longest-serving head of the cluster, reaches the pair from her home page and reads
//! its goals (one brought from her own 360) and the sessions' notes and outcomes, in
//! English and Welsh, and her learning community's meetings; the cluster lead sees only
//! that the pair exists and how many sessions it held, and the community's question and
//! findings, never a note. Axe finds no violations on any of the pages.

use crate::axe;
use crate::harness::{Browser, click, demo_server, in_browser, main_text, sign_in, sign_out};
use fantoccini::Locator;

const LEAD: &str = "cluster.lead@demo.headway.school";
const HEAD: &str = "head@demo.headway.school";
/// From the demo pair's first session (`demo::heads`).
const NOTE: &str = "We walked through Cwmderwen's figures together";
/// From the demo community's second meeting.
const MEETING: &str = "Reports back: first-morning phone calls";
const FINDING: &str = "a lead to follow, not proof";

async fn language(browser: &Browser, button: &str, lang: &str) {
    click(
        browser,
        Locator::XPath(&format!(
            "//form[@action='/language']//button[normalize-space()='{button}']"
        )),
    )
    .await;
    browser
        .wait_for(
            "the page in the language chosen",
            Locator::XPath(&format!("//html[@lang='{lang}']")),
        )
        .await;
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn the_coached_head_reads_her_sessions_and_the_cluster_lead_sees_only_that_the_pair_exists() {
    let server = demo_server();
    in_browser(move |browser| async move {
        let base = server.url("");
        let base = base.trim_end_matches('/');

        // The coached head: from her home page to the cluster's page and the pair.
        sign_in(&browser, base, HEAD).await;
        click(
            &browser,
            Locator::Css("main a[href^='/orgs/'][href$='/heads']"),
        )
        .await;
        browser
            .wait_for(
                "the cluster's heads' page",
                Locator::XPath("//h1[normalize-space()='Heads coaching heads']"),
            )
            .await;
        let list = main_text(&browser).await;
        assert!(
            list.contains("Persistent absence after the pandemic"),
            "{list}"
        );
        browser.screenshot("heads-1-cluster-page-head").await;
        axe::assert_no_violations(&browser, "the cluster's heads' page, as a head").await;
        click(&browser, Locator::Css("main table a[href^='/head-pairs/']")).await;
        browser
            .wait_for(
                "the pair's sessions",
                Locator::Css("section[aria-labelledby='sessions']"),
            )
            .await;
        let pair_path = browser.path().await;
        let page = main_text(&browser).await;
        assert!(page.contains(NOTE), "she reads the session notes: {page}");
        assert!(page.contains("Outcomes agreed"), "{page}");
        assert!(
            page.contains("brought from the 360 of the head coached"),
            "a goal from her own 360: {page}"
        );
        browser.screenshot("heads-2-pair-coachee").await;
        axe::assert_no_violations(&browser, "the pair, as the coachee").await;

        // In Welsh.
        language(&browser, "Cymraeg", "cy").await;
        browser
            .wait_for(
                "the pair in Welsh",
                Locator::XPath("//h1[contains(normalize-space(), 'yn hyfforddi')]"),
            )
            .await;
        let page = main_text(&browser).await;
        assert!(page.contains("Sesiynau") && page.contains(NOTE), "{page}");
        browser.screenshot("heads-3-pair-coachee-welsh").await;
        axe::assert_no_violations(&browser, "the pair in Welsh").await;
        language(&browser, "English", "en").await;

        // Her learning community: its meetings are hers to read.
        browser
            .client
            .goto(&format!("{base}/heads-communities/1"))
            .await
            .unwrap();
        browser
            .wait_for(
                "the community's meetings",
                Locator::Css("section[aria-labelledby='meetings']"),
            )
            .await;
        assert!(main_text(&browser).await.contains(MEETING));
        browser.screenshot("heads-4-community-member").await;
        axe::assert_no_violations(&browser, "the community, as a member").await;
        sign_out(&browser).await;

        // The cluster lead: the pair exists and held three sessions; nothing said in it.
        sign_in(&browser, base, LEAD).await;
        click(
            &browser,
            Locator::Css("main a[href^='/orgs/'][href$='/heads']"),
        )
        .await;
        browser
            .wait_for(
                "the cluster's heads' page",
                Locator::XPath("//h1[normalize-space()='Heads coaching heads']"),
            )
            .await;
        let list = main_text(&browser).await;
        assert!(list.contains("3 sessions"), "{list}");
        assert!(list.contains("Headway's own judgement"), "{list}");
        // A live suggestion: Heol Las Academy's head (value added significantly below) with
        // the experienced head of a like school, Glan Cynon.
        let suggested = browser
            .client
            .find(Locator::XPath(
                "//section[@aria-labelledby='suggest-heading']//li[contains(., 'significantly below')]",
            ))
            .await
            .expect("a suggested pair")
            .text()
            .await
            .unwrap();
        assert!(suggested.contains("Set up this pair"), "{suggested}");
        assert!(list.contains(FINDING) && !list.contains(MEETING), "{list}");
        assert!(!list.contains(NOTE), "{list}");
        browser.screenshot("heads-5-cluster-page-lead").await;
        axe::assert_no_violations(&browser, "the cluster's heads' page, as its lead").await;
        browser
            .client
            .goto(&format!("{base}{pair_path}"))
            .await
            .unwrap();
        browser
            .wait_for(
                "the lead's view of the pair",
                Locator::XPath("//h2[normalize-space()='Who can see this']"),
            )
            .await;
        let page = main_text(&browser).await;
        assert!(page.contains("3 sessions"), "{page}");
        assert!(
            !page.contains(NOTE) && !page.contains("Outcomes agreed"),
            "{page}"
        );
        let sessions = browser
            .client
            .find_all(Locator::Css(
                "section[aria-labelledby='sessions'], section[aria-labelledby='goals']",
            ))
            .await
            .unwrap();
        assert!(
            sessions.is_empty(),
            "the lead reads the pair's goals or sessions"
        );
        browser.screenshot("heads-6-pair-lead").await;
        axe::assert_no_violations(&browser, "the pair, as the cluster lead").await;
        // The community: question and findings, no meeting.
        browser
            .client
            .goto(&format!("{base}/heads-communities/1"))
            .await
            .unwrap();
        browser
            .wait_for(
                "the community's inquiry",
                Locator::Css("section[aria-labelledby='inquiry']"),
            )
            .await;
        let page = main_text(&browser).await;
        assert!(page.contains(FINDING) && !page.contains(MEETING), "{page}");
        browser.screenshot("heads-7-community-lead").await;
        axe::assert_no_violations(&browser, "the community, as the cluster lead").await;
        sign_out(&browser).await;
    })
    .await;
}
