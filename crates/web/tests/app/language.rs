use crate::helpers::TestApp;

#[tokio::test]
async fn the_language_defaults_from_accept_language() {
    let app = TestApp::spawn().await;
    let welsh = app
        .get_with("/sign-in", ("accept-language", "cy-GB,cy;q=0.9,en;q=0.5"))
        .await;
    assert!(welsh.body.contains("<html lang=\"cy\">"));
    assert!(welsh.body.contains("Mewngofnodi"));
    let english = app
        .get_with("/sign-in", ("accept-language", "fr-FR,en;q=0.5"))
        .await;
    assert!(english.body.contains("<html lang=\"en\">"));
    assert!(english.body.contains("Sign in"));
}

#[tokio::test]
async fn a_chosen_language_beats_the_browser_and_is_kept_on_the_account() {
    let app = TestApp::spawn().await;
    app.sign_in_as("head@a.test").await;
    let reply = app
        .post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    assert_eq!(reply.location.as_deref(), Some("/"));
    let cookie = reply.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.starts_with("headway_lang=cy"), "{cookie}");
    let home = app.get_with("/", ("accept-language", "en")).await;
    assert!(
        home.body.contains("Eich trosolwg"),
        "the home page is in Welsh"
    );
    assert!(home.body.contains("Hafan"));
    let account = app
        .store
        .accounts()
        .credentials_for(&headway_domain::account::Email::parse("head@a.test").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.locale.as_deref(), Some("cy"));
    // Signing in on another device brings the choice along.
    let mut elsewhere = crate::helpers::TestApp {
        client: app.client.clone(),
        ..app
    };
    elsewhere.new_visitor();
    let reply = elsewhere.sign_in_as("head@a.test").await;
    let cookies: Vec<&str> = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|c| c.to_str().unwrap())
        .collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("headway_lang=cy")),
        "{cookies:?}"
    );
    let app = elsewhere;
    let bad = app.post("/language", &[("lang", "xx")]).await;
    assert_eq!(bad.status, 400);
}

#[tokio::test]
async fn error_pages_speak_the_visitors_language() {
    let app = TestApp::spawn().await;
    let page = app.get_with("/nowhere", ("accept-language", "cy")).await;
    assert_eq!(page.status, 404);
    assert!(page.body.contains("Heb ddod o hyd i"), "{}", page.body);
}
