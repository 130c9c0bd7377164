//! Two real `headway serve` processes on one PostgreSQL database (issue 18, item 6): a
//! person signs in on one and carries on on the other, and an import through one is seen
//! on the other at its next request. The processes share nothing but the database: the
//! session lives in the `sessions` table, figures are cached by the data version an import
//! bumps, and the API's request counts live in the database too.
//!
//! Runs when `HEADWAY_TEST_POSTGRES_URL` is set (as `.ci/run` sets it), in a schema of its
//! own; skipped otherwise.

use headway_domain::account::{Email, PasswordCost, hash_password};
use headway_domain::ids::{OrgId, PersonId};
use headway_domain::roles::Role;
use headway_store::Store;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const PASSWORD: &str = "correct horse battery";

/// A `headway serve` process, stopped when dropped.
struct Server {
    child: Child,
    address: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `headway serve` on a free port over `url`; returns once it is listening.
fn serve(url: &str, data: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_headway"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database-url", url])
        .arg("--data-dir")
        .arg(data)
        .env_remove("HEADWAY_DATABASE_URL")
        .env_remove("HEADWAY_BIND")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut reader = BufReader::new(stdout);
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    // Keep reading, so the server never writes into a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    // "Headway is serving postgres://… at http://127.0.0.1:PORT/"
    let address = line
        .split(" at ")
        .last()
        .map(|a| a.trim().trim_end_matches('/').to_owned())
        .filter(|a| a.starts_with("http://"))
        .unwrap_or_else(|| panic!("headway serve did not say where it serves: {line:?}"));
    Server { child, address }
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The CSRF token of a form on `page`.
async fn csrf(client: &reqwest::Client, page: &str) -> String {
    let body = client.get(page).send().await.unwrap().text().await.unwrap();
    let marker = "name=\"csrf\" value=\"";
    let start = body.find(marker).expect("a form with a CSRF token") + marker.len();
    body[start..start + 64].to_owned()
}

async fn sign_in(client: &reqwest::Client, server: &Server, email: &str) {
    let token = csrf(client, &format!("{}/sign-in", server.address)).await;
    let reply = client
        .post(format!("{}/sign-in", server.address))
        .form(&[
            ("email", email),
            ("password", PASSWORD),
            ("next", "/"),
            ("csrf", &token),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(reply.status().as_u16(), 303, "signing in as {email}");
}

async fn page(client: &reqwest::Client, url: String) -> (u16, String) {
    let reply = client.get(url).send().await.unwrap();
    (reply.status().as_u16(), reply.text().await.unwrap())
}

/// Creates an empty schema of its own and the example world in it; returns the URL that
/// places connections there.
async fn database(base: &str) -> String {
    let schema = format!("cli_servers_{}", std::process::id());
    let admin = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(base)
        .await
        .expect("HEADWAY_TEST_POSTGRES_URL connects");
    for sql in [
        format!("DROP SCHEMA IF EXISTS {schema} CASCADE"),
        format!("CREATE SCHEMA {schema}"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&admin)
            .await
            .unwrap();
    }
    admin.close().await;
    let join = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{join}options=-c%20search_path%3D{schema}");
    let store = Store::connect(&url).await.unwrap();
    store.migrate().await.unwrap();
    store
        .insert_world(&headway_store::seed::example_world())
        .await
        .unwrap();
    let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
    let mut tx = store.begin().await.unwrap();
    for person in 1..=7 {
        store
            .accounts()
            .set_password_hash(&mut tx, PersonId(person), &hash)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let email = Email::parse("admin@nation.test").unwrap();
    headway_app::accounts::add_account(
        &store,
        headway_app::accounts::NewAccount {
            email: &email,
            display_name: "Administrator",
            password_hash: &hash,
            role: Role::Administrator,
            org: OrgId(1),
            subject: None,
        },
        None,
        "added by a test",
    )
    .await
    .unwrap();
    store.close().await;
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_serve_processes_on_one_postgresql_share_sign_in_and_see_each_others_imports() {
    let Ok(base) = std::env::var("HEADWAY_TEST_POSTGRES_URL") else {
        return; // no PostgreSQL to share
    };
    let url = database(&base).await;
    let data = crate::temp_dir("two-servers");
    let one = serve(&url, &data);
    let two = serve(&url, &data);
    assert_ne!(one.address, two.address);

    // Signed in on one, the same browser carries on on the other (cookies are per host,
    // not per port, as behind one load balancer's name).
    let head = browser();
    sign_in(&head, &one, "head@a.test").await;
    let progress = |server: &Server| format!("{}/schools/3/progress", server.address);
    let (status, before) = page(&head, progress(&two)).await;
    assert_eq!(status, 200, "signed in on the other server too: {before}");
    assert!(
        before.contains("needed to set expectations"),
        "four pupils are too few for expectations of their own: {before}"
    );
    // The first server computes (and keeps) the same.
    let (_, cached) = page(&head, progress(&one)).await;
    assert!(cached.contains("needed to set expectations"));

    // An administrator imports a published expectations table through the second server.
    let admin = browser();
    sign_in(&admin, &two, "admin@nation.test").await;
    let token = csrf(&admin, &format!("{}/", two.address)).await;
    let table = "measure,year,group,low,high,expected\nMAT,2025/26,all,0,200,0\n";
    let form = reqwest::multipart::Form::new()
        .text("csrf", token.clone())
        .part(
            "table",
            reqwest::multipart::Part::bytes(table.as_bytes().to_vec()).file_name("ks4.csv"),
        );
    let checked = admin
        .post(format!("{}/expectations", two.address))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(checked.status().as_u16(), 303);
    let pending = checked.headers()["location"].to_str().unwrap().to_owned();
    let applied = admin
        .post(format!("{}{pending}/apply", two.address))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(applied.status().as_u16(), 200);

    // The first server, which never saw the import and had its figures cached, shows it
    // at its next request.
    let (status, after) = page(&head, progress(&one)).await;
    assert_eq!(status, 200);
    assert!(
        !after.contains("needed to set expectations"),
        "the imported table sets the expectations: {after}"
    );

    // Signing out on the first ends the session on both.
    let token = csrf(&head, &format!("{}/", one.address)).await;
    let out = head
        .post(format!("{}/sign-out", one.address))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status().as_u16(), 303);
    let (status, _) = page(&head, progress(&two)).await;
    assert_eq!(status, 303, "signed out everywhere");
}
