//! What the store refuses reaches a page worded for the person, in their language, and
//! never as the database's own text.

use crate::helpers::TestApp;
use crate::imports::{bundle, good};

/// The good bundle with its school under another sourcedId than the one it was imported
/// with (as a bundle exported from another school's system would name it).
fn under_another_sourced_id() -> Vec<u8> {
    bundle(|_, text| text.replace("sch1", "sch9"))
}

#[tokio::test]
async fn a_bundle_naming_another_school_is_refused_with_a_reason_in_english_and_welsh() {
    let app = TestApp::spawn().await;
    app.sign_in_as("data@a.test").await;
    let previewed = app
        .upload("/schools/3/imports", "bundle.zip", good(), true)
        .await;
    let path = previewed.location.expect("a clean bundle is previewed");
    assert_eq!(app.post(&format!("{path}/apply"), &[]).await.status, 200);
    let before = app.store.count_rows("results").await.unwrap();

    let refused = app
        .upload(
            "/schools/3/imports",
            "bundle.zip",
            under_another_sourced_id(),
            true,
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("This import cannot be written as it stands: the files"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("but this school"), "{}", refused.body);
    assert!(refused.body.contains("sch9") && refused.body.contains("sch1"));
    assert!(refused.body.contains("Nothing was written."));

    let welsh = app
        .post("/language", &[("lang", "cy"), ("next", "/")])
        .await;
    assert_eq!(welsh.status, 303);
    let refused = app
        .upload(
            "/schools/3/imports",
            "bundle.zip",
            under_another_sourced_id(),
            true,
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("Ni ellir ysgrifennu'r mewnforyn hwn fel y mae: ysgol y ffeiliau yw")
            || refused
                .body
                .contains("Ni ellir ysgrifennu&#39;r mewnforyn hwn fel y mae: ysgol y ffeiliau yw")
            || refused.body.contains(
                "Ni ellir ysgrifennu&#x27;r mewnforyn hwn fel y mae: ysgol y ffeiliau yw"
            ),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("sourcedId yr ysgol hon yw"));
    for internal in [
        "source_keys",
        "SELECT",
        "sqlx",
        "Conflict",
        "the bundle's school",
    ] {
        assert!(!refused.body.contains(internal), "{internal} leaked");
    }
    assert_eq!(app.store.count_rows("results").await.unwrap(), before);
}
