use crate::helpers::TestApp;

#[tokio::test]
async fn the_heads_home_shows_the_schools_headline_figures() {
    let app = TestApp::spawn().await;
    app.sign_in_as("head@a.test").await;
    let home = app.get("/").await;
    assert_eq!(home.status, 200);
    let body = &home.body;
    assert!(body.contains("Ysgol Uwchradd Aberdâr"));
    assert!(body.contains("Mathematics"));
    assert!(
        body.contains(">4.5<"),
        "the mean final score of the four pupils"
    );
    // Two disadvantaged pupils is below the reporting threshold: no split is shown.
    assert!(body.contains("fewer than 6 pupils: not shown"));
    assert!(body.contains("band 3"), "30% FSM is band 3");
}

#[tokio::test]
async fn a_teachers_home_lists_their_classes() {
    let app = TestApp::spawn().await;
    app.sign_in_as("teacher@a.test").await;
    let home = app.get("/").await.body;
    assert!(home.contains("Your classes"));
    assert!(home.contains("href=\"/classes/1\""));
    assert!(
        !home.contains("href=\"/classes/2\""),
        "not another teacher's class"
    );
    assert!(
        !home.contains("Pupils on roll"),
        "no school panel for a teacher"
    );
    let class = app.get("/classes/1").await.body;
    assert!(class.contains("Pupil 1") && class.contains("GCSE"));
}

#[tokio::test]
async fn a_cluster_leads_home_opens_on_the_clusters_schools_side_by_side() {
    let app = TestApp::spawn().await;
    app.sign_in_as("lead@cluster.test").await;
    let home = app.get("/").await;
    assert_eq!(home.status, 303);
    assert_eq!(home.location.as_deref(), Some("/orgs/2/schools"));
    let home = app.get("/orgs/2/schools").await.body;
    assert!(home.contains("Valley cluster"));
    assert!(home.contains("Hill School") && home.contains("Ysgol Uwchradd Aberdâr"));
    assert!(!home.contains("Far School"), "a school outside the cluster");
}

#[tokio::test]
async fn health_reports_the_database() {
    let app = TestApp::spawn().await;
    let health = app.get("/health").await;
    assert_eq!(health.status, 200);
    assert!(health.body.contains("\"database\":\"ok\""));
}

#[tokio::test]
async fn pages_carry_security_headers_and_landmarks() {
    let app = TestApp::spawn().await;
    let page = app.get("/sign-in").await;
    let csp = page
        .headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(page.headers.get("cache-control").unwrap(), "no-store");
    for landmark in [
        "<header",
        "<main id=\"main\"",
        "<footer",
        "class=\"skip-link\" href=\"#main\"",
        "<label for=\"email\">",
    ] {
        assert!(page.body.contains(landmark), "missing {landmark}");
    }
    let css = app.get("/static/app.css").await;
    assert_eq!(css.status, 200);
    assert!(
        css.headers
            .get("content-type")
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
}
