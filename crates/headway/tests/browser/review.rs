//! Peer review on the shared demo (nothing is changed): the cluster lead's home opens on
//! the cluster's schools side by side; the lead sees that the unreleased review exists and
//! its stage, with no way into it, then reads Cwmderwen's released review — its findings
//! and follow-up, and nothing the school kept to itself — in English and Welsh; the demo
//! head, who is not on the team of the cluster's unreleased review, is told there is no
//! such page, in English and Welsh; axe finds no violations on any of them.

use crate::axe;
use crate::harness::{click, demo_server, in_browser, main_text, sign_in, sign_out};
use fantoccini::Locator;

const LEAD: &str = "cluster.lead@demo.headway.school";
const HEAD: &str = "head@demo.headway.school";
const REVIEWED: &str = "Cwmderwen High School";

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn the_cluster_lead_reads_the_schools_and_a_released_review_and_a_head_off_the_team_cannot_read_an_unreleased_one()
 {
    let server = demo_server();
    in_browser(move |browser| async move {
        let base = server.url("");
        let base = base.trim_end_matches('/');

        // The cluster lead's home opens on the schools side by side.
        sign_in(&browser, base, LEAD).await;
        browser
            .wait_for("the schools side by side", Locator::Css("table caption"))
            .await;
        let home = browser.path().await;
        assert!(
            home.starts_with("/orgs/") && home.ends_with("/schools"),
            "the lead's home is the schools side by side: {home}"
        );
        assert!(main_text(&browser).await.contains(REVIEWED));
        browser.screenshot("review-1-schools-side-by-side").await;
        axe::assert_no_violations(&browser, "the schools side by side").await;

        // The cluster's reviews, and Cwmderwen's released review.
        browser.client.goto(&format!("{base}/")).await.unwrap();
        click(&browser, Locator::Css("main a[href$='/reviews']")).await;
        browser
            .wait_for(
                "the cluster's reviews",
                Locator::XPath("//h1[normalize-space()='Peer reviews']"),
            )
            .await;
        let list = main_text(&browser).await;
        assert!(
            list.contains(REVIEWED),
            "the released review is listed: {list}"
        );
        // The unreleased review: the lead sees it exists and its stage, with no way in.
        assert!(
            list.contains("its content is the school's until released")
                && list.contains("Review visit"),
            "the unreleased review and its stage are listed: {list}"
        );
        let links = browser
            .client
            .find_all(Locator::Css("main table a[href^='/reviews/']"))
            .await
            .unwrap();
        assert_eq!(links.len(), 1, "only the released review is a link");
        browser.screenshot("review-2-cluster-list").await;
        axe::assert_no_violations(&browser, "the cluster's reviews").await;
        click(
            &browser,
            Locator::XPath(&format!("//main//table//a[normalize-space()='{REVIEWED}']")),
        )
        .await;
        browser
            .wait_for(
                "the released review",
                Locator::XPath(&format!(
                    "//h1[normalize-space()='Peer review of {REVIEWED}']"
                )),
            )
            .await;
        let review_path = browser.path().await;
        for section in ["findings", "follow-up"] {
            browser
                .wait_for(
                    "a released section",
                    Locator::Css(&format!("section[aria-labelledby='{section}']")),
                )
                .await;
        }
        for kept in [
            "self-review",
            "shared-data",
            "visit",
            "evidence",
            "workshop",
        ] {
            let found = browser
                .client
                .find_all(Locator::Css(&format!("section[aria-labelledby='{kept}']")))
                .await
                .unwrap();
            assert!(
                found.is_empty(),
                "the cluster lead reads the school's {kept}"
            );
        }
        browser.screenshot("review-3-released-review").await;
        axe::assert_no_violations(&browser, "the released review").await;

        // In Welsh.
        click(
            &browser,
            Locator::XPath("//form[@action='/language']//button[normalize-space()='Cymraeg']"),
        )
        .await;
        browser
            .wait_for(
                "the review in Welsh",
                Locator::XPath(&format!(
                    "//html[@lang='cy']//h1[normalize-space()='Adolygiad cymheiriaid o {REVIEWED}']"
                )),
            )
            .await;
        assert!(main_text(&browser).await.contains("Canfyddiadau"));
        browser.screenshot("review-4-released-review-welsh").await;
        axe::assert_no_violations(&browser, "the released review in Welsh").await;
        click(
            &browser,
            Locator::XPath("//form[@action='/language']//button[normalize-space()='English']"),
        )
        .await;
        browser
            .wait_for("English again", Locator::XPath("//html[@lang='en']"))
            .await;
        sign_out(&browser).await;

        // The demo head is on no team of the unreleased review (the cycle's other one).
        sign_in(&browser, base, HEAD).await;
        let other = if review_path == "/reviews/1" {
            "/reviews/2"
        } else {
            "/reviews/1"
        };
        browser
            .client
            .goto(&format!("{base}{other}"))
            .await
            .unwrap();
        browser
            .wait_for(
                "'not found' for a head off the team",
                Locator::XPath("//h1[normalize-space()='Page not found']"),
            )
            .await;
        let page = main_text(&browser).await;
        assert!(
            !page.contains("science"),
            "nothing of the unreleased review shows: {page}"
        );
        browser.screenshot("review-5-unreleased-not-found").await;
        axe::assert_no_violations(&browser, "'not found' for an unreleased review").await;
        // The same in Welsh (the language is chosen on her home page: an error page has
        // no language form).
        browser.client.goto(&format!("{base}/")).await.unwrap();
        click(
            &browser,
            Locator::XPath("//form[@action='/language']//button[normalize-space()='Cymraeg']"),
        )
        .await;
        browser
            .wait_for("her home in Welsh", Locator::XPath("//html[@lang='cy']"))
            .await;
        browser
            .client
            .goto(&format!("{base}{other}"))
            .await
            .unwrap();
        browser
            .wait_for(
                "'not found' in Welsh",
                Locator::XPath(
                    "//html[@lang='cy']//h1[normalize-space()=\"Heb ddod o hyd i'r dudalen\"]",
                ),
            )
            .await;
        assert!(!main_text(&browser).await.contains("science"));
        browser
            .screenshot("review-5-unreleased-not-found-welsh")
            .await;
        axe::assert_no_violations(&browser, "'not found' in Welsh").await;
        browser.client.goto(&format!("{base}/")).await.unwrap();
        click(
            &browser,
            Locator::XPath("//form[@action='/language']//button[normalize-space()='English']"),
        )
        .await;
        browser
            .wait_for("English again", Locator::XPath("//html[@lang='en']"))
            .await;
        // Her own school's review is hers to read in full.
        browser
            .client
            .goto(&format!("{base}{review_path}"))
            .await
            .unwrap();
        browser
            .wait_for(
                "her own school's self-review",
                Locator::Css("section[aria-labelledby='self-review']"),
            )
            .await;
        browser.screenshot("review-6-head-own-review").await;
        axe::assert_no_violations(&browser, "the reviewed school's own review").await;
        sign_out(&browser).await;
    })
    .await;
}
