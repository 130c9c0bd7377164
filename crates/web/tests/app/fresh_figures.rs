//! Fresh figures on every server: an import made anywhere — through the store directly, as
//! the command line does, or through another app server over the same database — shows at
//! the next request, though each server keeps the figures it computed.

use crate::helpers::{PASSWORD, TestApp};
use headway_app::imports::operator;
use headway_domain::account::{PasswordCost, hash_password};
use headway_domain::ids::OrgId;
use headway_domain::roles::Role;
use headway_store::expectations::ExpectationRow;

/// A published table that expects an outcome of 0 from every starting point: against it,
/// every school (school 10 too) is far above expectations.
const TABLE: &str = "measure,year,group,low,high,expected\nMAT,2025/26,all,0,200,0\n";

/// The band in the subjects table's mathematics row of a progress page.
fn maths_band(page: &str) -> &'static str {
    let row = page
        .split("<th scope=\"row\">")
        .find(|row| row.contains(">Mathematics</a>"))
        .expect("a mathematics row");
    let row = &row[..row.find("</tr>").unwrap_or(row.len())];
    ["Well below average", "Well above average", ">Average<"]
        .into_iter()
        .find(|band| row.contains(band))
        .unwrap_or("no band")
}

/// A published mathematics table for 2025/26 expecting `expected` from every starting point.
fn expecting(expected: f64) -> [ExpectationRow; 1] {
    [ExpectationRow {
        measure: "MAT".into(),
        year: "2025/26".into(),
        group: "all".into(),
        low: 0.0,
        high: 200.0,
        expected,
        sd: None,
    }]
}

async fn maths_band_seen_by_the_head(app: &TestApp) -> &'static str {
    let page = app.get("/schools/10/progress?subject=1").await;
    assert_eq!(page.status, 200, "{}", page.body);
    maths_band(&page.body)
}

#[tokio::test]
async fn data_imported_through_the_store_shows_at_the_next_request() {
    let app = crate::progress::spawn().await;
    app.sign_in_as("head@ten.test").await;
    assert_eq!(
        maths_band_seen_by_the_head(&app).await,
        "Well below average"
    );
    // The same again (now from this server's cache).
    assert_eq!(
        maths_band_seen_by_the_head(&app).await,
        "Well below average"
    );

    // As `headway import` or another server would: straight into the database.
    operator::apply_table(&app.store, "expectations.csv", &expecting(0.0))
        .await
        .unwrap();
    assert_eq!(
        maths_band_seen_by_the_head(&app).await,
        "Well above average",
        "the very next request shows the imported expectations"
    );
}

#[tokio::test]
async fn the_interval_uses_the_sd_published_with_the_table_and_says_so() {
    let app = crate::progress::spawn().await;
    app.sign_in_as("head@ten.test").await;
    const PAGE: &str = "/schools/10/progress?subject=1";
    let fitted = app.get(PAGE).await.body;
    assert!(
        fitted.contains("value added in the reference population."),
        "{fitted}"
    );
    operator::apply_table(&app.store, "expectations.csv", &expecting(0.0))
        .await
        .unwrap();
    let measured = app.get(PAGE).await.body;
    assert!(measured.contains("which gave no standard deviation of its own"));
    let mut with_sd = expecting(0.0);
    with_sd[0].sd = Some(2.5);
    operator::apply_table(&app.store, "expectations.csv", &with_sd)
        .await
        .unwrap();
    let published = app.get(PAGE).await.body;
    assert!(
        published.contains("σ = 2.500: the standard deviation published with the table"),
        "{published}"
    );
}

#[tokio::test]
async fn two_app_servers_over_one_sqlite_database_see_each_others_imports() {
    two_servers_see_each_others_imports(crate::progress::spawn().await).await;
}

#[tokio::test]
async fn two_app_servers_over_one_postgresql_database_see_each_others_imports() {
    let Some(first) = TestApp::spawn_empty_postgres().await else {
        return; // HEADWAY_TEST_POSTGRES_URL is not set
    };
    let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
    first
        .store
        .insert_world(&crate::progress::system(&hash))
        .await
        .unwrap();
    two_servers_see_each_others_imports(first).await;
}

/// `first` serves the progress pages' system; a second server joins it over its database.
async fn two_servers_see_each_others_imports(first: TestApp) {
    first
        .add_account("admin@ten.test", "Admin", Role::Administrator, OrgId(1))
        .await;
    let mut second = TestApp::beside(&first).await;
    first.sign_in_as("head@ten.test").await;
    second.sign_in_as("head@ten.test").await;
    for server in [&first, &second] {
        assert_eq!(
            maths_band_seen_by_the_head(server).await,
            "Well below average"
        );
    }

    // An administrator imports a published table through the second server's pages.
    second.new_visitor();
    second.sign_in_as("admin@ten.test").await;
    let checked = second
        .upload_field(
            "/expectations",
            "table",
            "ks4.csv",
            TABLE.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(checked.status, 303, "{}", checked.body);
    let done = second
        .post(&format!("{}/apply", checked.location.unwrap()), &[])
        .await;
    assert_eq!(done.status, 200, "{}", done.body);

    // The first server, which never saw the import, shows it at its next request.
    assert_eq!(
        maths_band_seen_by_the_head(&first).await,
        "Well above average"
    );
    second.new_visitor();
    second.sign_in_as("head@ten.test").await;
    assert_eq!(
        maths_band_seen_by_the_head(&second).await,
        "Well above average"
    );

    // And the other way round: an import through the first server's database connection
    // (as its own import page would make) shows on the second.
    operator::apply_table(&first.store, "expectations.csv", &expecting(20.0))
        .await
        .unwrap();
    assert_eq!(
        maths_band_seen_by_the_head(&second).await,
        "Well below average"
    );
}
