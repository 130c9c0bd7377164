//! The head's journey: sign in, see the school, switch to Welsh, sign out.

use crate::axe;
use crate::harness::{demo_server, in_browser};
use fantoccini::Locator;

pub const HEAD_EMAIL: &str = "head@demo.headway.school";
pub const DEMO_PASSWORD: &str = "headway-demo";
const HEAD_SCHOOL: &str = "Cwmderwen High School";

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn head_signs_in_sees_their_school_switches_to_welsh_and_signs_out_in_welsh() {
    let server = demo_server();
    in_browser(move |browser| async move {
        // Signed out, the home page sends the head to sign in.
        browser.client.goto(&server.url("/")).await.unwrap();
        let email = browser
            .wait_for("the sign-in form", Locator::Id("email"))
            .await;
        assert_eq!(browser.path().await, "/sign-in");
        browser.screenshot("journey-1-sign-in").await;

        email.send_keys(HEAD_EMAIL).await.unwrap();
        let password = browser.client.find(Locator::Id("password")).await.unwrap();
        password.send_keys(DEMO_PASSWORD).await.unwrap();
        let submit = Locator::Css("form[action='/sign-in'] button[type='submit']");
        browser
            .client
            .find(submit)
            .await
            .unwrap()
            .click()
            .await
            .unwrap();

        let heading = Locator::XPath("//h1[normalize-space()='Your overview']");
        browser.wait_for("the English home page", heading).await;
        assert_eq!(browser.path().await, "/");
        let school = browser
            .client
            .find(Locator::Css("section.panel h2[id^='school-']"))
            .await
            .expect("a school panel on the head's home page");
        assert_eq!(school.text().await.unwrap(), HEAD_SCHOOL);
        let rows = browser
            .client
            .find_all(Locator::Css("section.panel table tbody tr"))
            .await
            .unwrap();
        assert!(
            !rows.is_empty(),
            "the head's home page shows no table of results"
        );
        browser.screenshot("journey-2-home").await;
        axe::assert_no_violations(&browser, "the head's home page").await;

        let cymraeg =
            Locator::XPath("//form[@action='/language']//button[normalize-space()='Cymraeg']");
        browser
            .client
            .find(cymraeg)
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let welsh_heading = Locator::XPath("//h1[normalize-space()='Eich trosolwg']");
        browser.wait_for("the Welsh home page", welsh_heading).await;
        browser
            .client
            .find(Locator::LinkText("Hafan"))
            .await
            .expect("the nav link Hafan (Home)");
        assert_eq!(page_lang(&browser).await, "cy");
        browser.screenshot("journey-3-home-in-welsh").await;
        axe::assert_no_violations(&browser, "the head's home page in Welsh").await;

        let sign_out =
            Locator::XPath("//form[@action='/sign-out']//button[normalize-space()='Allgofnodi']");
        browser
            .client
            .find(sign_out)
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        // The language choice outlives the session.
        let welsh_sign_in = Locator::XPath("//h1[normalize-space()='Mewngofnodi']");
        browser
            .wait_for("the Welsh sign-in page", welsh_sign_in)
            .await;
        assert_eq!(browser.path().await, "/sign-in");
        assert_eq!(page_lang(&browser).await, "cy");
        assert!(
            browser
                .client
                .find(Locator::LinkText("Hafan"))
                .await
                .is_err(),
            "the signed-out page still shows the signed-in navigation"
        );
        browser.screenshot("journey-4-signed-out-in-welsh").await;
    })
    .await;
}

pub async fn page_lang(browser: &crate::harness::Browser) -> String {
    let lang = browser
        .client
        .execute("return document.documentElement.lang;", vec![])
        .await
        .unwrap();
    lang.as_str().unwrap_or_default().to_string()
}
