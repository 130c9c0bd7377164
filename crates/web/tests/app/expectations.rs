//! Published expectations through the browser's pages: only an administrator or system
//! leader may bring them in; problems are named with nothing written; a clean table is
//! previewed, written on confirmation, and the same table again changes nothing.

use crate::helpers::TestApp;
use headway_domain::ids::OrgId;
use headway_domain::roles::Role;

/// The example world plus an administrator of its system (org 1).
async fn spawn_with_administrator() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_account("admin@a.test", "Admin", Role::Administrator, OrgId(1))
        .await;
    app
}

const TABLE: &str = "measure,year,group,low,high,expected\nMAT,2025/26,low,0,99.5,3.0\nMAT,2025/26,high,100,130,5.5\n";

async fn groups(app: &TestApp) -> usize {
    app.store.published_expectations(1, 1).await.unwrap().len()
}

#[tokio::test]
async fn an_administrator_checks_previews_and_imports_a_table_once() {
    let app = spawn_with_administrator().await;
    app.sign_in_as("admin@a.test").await;
    let home = app.get("/").await;
    assert!(
        home.body.contains("href=\"/expectations\""),
        "{}",
        home.body
    );
    let form = app.get("/expectations").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("<label for=\"groups\">"));

    let overlapping = TABLE.replace("100,130", "99,130");
    let refused = app
        .upload_field(
            "/expectations",
            "table",
            "ks4.csv",
            overlapping.into_bytes(),
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("overlap"), "{}", refused.body);
    assert!(refused.body.contains("<td>ks4.csv</td>"));
    assert_eq!(groups(&app).await, 0, "nothing was written");

    let checked = app
        .upload_field(
            "/expectations",
            "table",
            "ks4.csv",
            TABLE.as_bytes().to_vec(),
        )
        .await;
    assert_eq!(checked.status, 303, "{}", checked.body);
    let preview_path = checked.location.unwrap();
    let preview = app.get(&preview_path).await;
    assert!(
        preview
            .body
            .contains("<th scope=\"row\">Expected outcomes</th><td class=\"num\">2</td>"),
        "{}",
        preview.body
    );
    assert_eq!(groups(&app).await, 0, "a preview writes nothing");
    let done = app.post(&format!("{preview_path}/apply"), &[]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(groups(&app).await, 2);

    let again = app
        .upload_field(
            "/expectations",
            "table",
            "ks4.csv",
            TABLE.as_bytes().to_vec(),
        )
        .await;
    let preview = app.get(&again.location.unwrap()).await;
    assert!(preview.body.contains("importing them would change nothing"));
}

#[tokio::test]
async fn a_school_head_or_data_manager_cannot_set_the_deployment_s_expectations() {
    let mut app = spawn_with_administrator().await;
    for email in ["head@a.test", "data@a.test"] {
        app.new_visitor();
        app.sign_in_as(email).await;
        assert_eq!(app.get("/expectations").await.status, 403, "{email}");
        let upload = app
            .upload_field(
                "/expectations",
                "table",
                "ks4.csv",
                TABLE.as_bytes().to_vec(),
            )
            .await;
        assert_eq!(upload.status, 403, "{email}");
    }
    assert_eq!(groups(&app).await, 0);
}
