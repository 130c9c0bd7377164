//! The sign-in page on its own: a refused password, and keyboard access.

use crate::axe;
use crate::harness::{demo_server, in_browser};
use fantoccini::Locator;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;

// Not the head: failed attempts count towards throttling that account.
const TEACHER_EMAIL: &str = "teacher@demo.headway.school";

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn wrong_password_shows_the_error_and_stays_on_sign_in() {
    let server = demo_server();
    in_browser(move |browser| async move {
        browser.client.goto(&server.url("/sign-in")).await.unwrap();
        let email = browser
            .wait_for("the sign-in form", Locator::Id("email"))
            .await;
        email.send_keys(TEACHER_EMAIL).await.unwrap();
        let password = browser.client.find(Locator::Id("password")).await.unwrap();
        password.send_keys("not-the-password").await.unwrap();
        let submit = Locator::Css("form[action='/sign-in'] button[type='submit']");
        browser
            .client
            .find(submit)
            .await
            .unwrap()
            .click()
            .await
            .unwrap();

        let error = browser
            .wait_for("the sign-in error", Locator::Id("sign-in-error"))
            .await;
        assert_eq!(
            error.text().await.unwrap(),
            "That email address and password do not match an account. Check them and try again."
        );
        assert_eq!(browser.path().await, "/sign-in");
        let email = browser.client.find(Locator::Id("email")).await.unwrap();
        assert_eq!(
            email.prop("value").await.unwrap().as_deref(),
            Some(TEACHER_EMAIL),
            "the email typed should be kept"
        );
        assert_eq!(
            email.attr("aria-describedby").await.unwrap().as_deref(),
            Some("sign-in-error"),
            "the email field should point to the error"
        );
        browser.screenshot("sign-in-wrong-password").await;
        axe::assert_no_violations(&browser, "the sign-in page showing an error").await;
    })
    .await;
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver; run by .ci/run"]
async fn skip_link_is_the_first_thing_tab_reaches_and_moves_focus_to_main() {
    let server = demo_server();
    in_browser(move |browser| async move {
        browser.client.goto(&server.url("/sign-in")).await.unwrap();
        browser
            .wait_for("the sign-in form", Locator::Id("email"))
            .await;

        press(&browser, Key::Tab).await;
        let focused = describe_focus(&browser).await;
        assert_eq!(
            focused, "A.skip-link href=#main: Skip to main content",
            "the first Tab should reach the skip link"
        );
        browser.screenshot("skip-link-focused").await;

        press(&browser, Key::Enter).await;
        let focused = describe_focus(&browser).await;
        assert!(
            focused.starts_with("MAIN#main"),
            "following the skip link should focus the main content, not {focused}"
        );
    })
    .await;
}

async fn press(browser: &crate::harness::Browser, key: Key) {
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key.into() })
        .then(KeyAction::Up { value: key.into() });
    browser.client.perform_actions(keys).await.unwrap();
}

/// `TAG#id.class href=…: text` of the focused element, enough to tell what has focus.
async fn describe_focus(browser: &crate::harness::Browser) -> String {
    let script = r#"
        const e = document.activeElement;
        if (!e) return 'nothing';
        let d = e.tagName;
        if (e.id) d += '#' + e.id;
        if (e.className) d += '.' + e.className;
        const href = e.getAttribute('href');
        if (href) d += ' href=' + href;
        if (e.tagName === 'A') d += ': ' + e.textContent.trim();
        return d;
    "#;
    let focused = browser.client.execute(script, vec![]).await.unwrap();
    focused.as_str().unwrap_or_default().to_string()
}
