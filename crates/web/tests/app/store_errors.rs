//! What the store refuses reaches a page worded for the person, in their language, and
//! never as the database's own text.

use crate::helpers::TestApp;
use crate::imports::bundle;

/// The good bundle with its school year 2025/26 a year later than the 2025/26 Headway
/// holds (as a system with a wrong calendar would send it).
fn with_a_year_of_other_dates() -> Vec<u8> {
    bundle(|name, text| {
        if name == "academicSessions.csv" {
            text.replace(",2025-26,", ",2025/26,")
                .replace("2025-09-01,2026-08-31", "2026-09-01,2027-08-31")
                .replace("2025-09-01,2025-12-19", "2026-09-01,2026-12-19")
        } else {
            text
        }
    })
}

#[tokio::test]
async fn a_year_held_with_other_dates_is_refused_with_a_reason_in_english_and_welsh() {
    let app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    let before = app.store.count_rows("results").await.unwrap();

    let refused = app
        .upload(
            "/schools/3/imports",
            "bundle.zip",
            with_a_year_of_other_dates(),
            true,
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("This import cannot be written as it stands: the academic year"),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("(2026-09-01 to 2027-08-31) has the name of a year with other dates."),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("Nothing was written."));

    let welsh = app
        .post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    assert_eq!(welsh.status, 303);
    let refused = app
        .upload(
            "/schools/3/imports",
            "bundle.zip",
            with_a_year_of_other_dates(),
            true,
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains(
            "Ni ellir ysgrifennu&#39;r mewnforyn hwn fel y mae: mae gan y flwyddyn academaidd &#39;2025/26&#39; (2026-09-01 i 2027-08-31) enw blwyddyn â dyddiadau eraill. Ni ysgrifennwyd dim."
        ),
        "{}",
        refused.body
    );
    for internal in [
        "academic_years",
        "SELECT",
        "sqlx",
        "Conflict",
        "has the name of",
    ] {
        assert!(!refused.body.contains(internal), "{internal} leaked");
    }
    assert_eq!(app.store.count_rows("results").await.unwrap(), before);
}
