//! Bounded work per request, tried as an attacker would: bodies declared or sent larger than
//! a route takes, uploads from people who may not upload, more waiting uploads than a
//! school may keep; and the page an unexpected failure shows.

use crate::helpers::{Reply, TestApp, settings};
use headway_domain::ids::SchoolId;
use headway_store::imports::{Keeper, PendingLimits};
use headway_web::{RequestLimits, WebSettings};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const SCHOOL: SchoolId = SchoolId(3);

/// The cookie a reply set to hold its forms' token (`name=value`): the session's once
/// signed in, a visitor's own CSRF cookie before.
fn session_cookie(reply: &Reply) -> String {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("headway_session=") || v.starts_with("headway_csrf="))
        .and_then(|v| v.split(';').next())
        .expect("a session or visitor cookie")
        .to_owned()
}

/// The CSRF token in a page's form.
fn token_in(page: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = page.find(marker).expect("a form with a CSRF token") + marker.len();
    page[start..start + 64].to_owned()
}

/// What came back on a raw connection: the status (None if nothing came back before the
/// time ran out, i.e. the server was still reading) and everything after the status line.
struct RawReply {
    status: Option<u16>,
    text: String,
}

/// Writes `head` (the request line and headers) and then `body` on a connection of its
/// own, and waits up to five seconds for an answer. The body may be shorter than the
/// `Content-Length` the head declares: an attacker holding a connection open sends no more
/// than they must, and a server that waits for the rest never answers.
async fn raw(address: &str, head: String, body: Vec<u8>) -> RawReply {
    let host = address.trim_start_matches("http://").to_owned();
    tokio::task::spawn_blocking(move || {
        let mut stream = std::net::TcpStream::connect(&host).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
        let request = format!("{head}Host: {host}\r\n\r\n");
        stream.write_all(request.as_bytes()).unwrap();
        // The server may answer and close before it has all of this: that is the point.
        let _ = stream.write_all(&body);
        let mut received = Vec::new();
        let mut buffer = [0u8; 16 * 1024];
        loop {
            match stream.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buffer[..n]),
            }
        }
        let text = String::from_utf8_lossy(&received).into_owned();
        let status = text
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok());
        RawReply { status, text }
    })
    .await
    .unwrap()
}

/// The start of a multipart body: the token field, then the head of a file field.
fn multipart_start(token: &str) -> String {
    format!(
        "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n\
         --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bundle.zip\"\r\n\
         Content-Type: application/zip\r\n\r\n"
    )
}

/// A body sent in chunks of `chunk` bytes (no length declared beforehand).
fn chunked(prefix: &[u8], filler: usize, chunk: usize) -> Vec<u8> {
    let mut body = Vec::new();
    let mut push = |data: &[u8]| {
        body.extend_from_slice(format!("{:x}\r\n", data.len()).as_bytes());
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    };
    push(prefix);
    let block = vec![b'a'; chunk];
    for _ in 0..filler / chunk {
        push(&block);
    }
    body.extend_from_slice(b"0\r\n\r\n");
    body
}

fn with_limits(limits: RequestLimits) -> WebSettings {
    WebSettings {
        limits,
        ..settings()
    }
}

#[tokio::test]
async fn an_unauthenticated_large_post_is_refused_before_its_body_is_read() {
    let app = TestApp::spawn().await;
    // A visitor who is not signed in: the sign-in page gives a session and its token.
    let sign_in = app.get("/sign-in").await;
    let cookie = session_cookie(&sign_in);
    let token = token_in(&sign_in.body);
    // 63 MB promised to the sign-in form, of which only the token and 64 KB are sent.
    let head = format!(
        "POST /sign-in HTTP/1.1\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {}\r\n",
        63 * 1024 * 1024
    );
    let mut body = multipart_start(&token).into_bytes();
    body.extend(vec![b'a'; 64 * 1024]);
    let reply = raw(&app.address, head, body).await;
    assert_eq!(
        reply.status,
        Some(413),
        "the server waited for the body: {}",
        reply.text
    );
    assert!(reply.text.contains("larger than the 256 KB allowed"));
}

#[tokio::test]
async fn a_form_sent_in_chunks_is_read_no_further_than_the_form_limit() {
    let app = TestApp::spawn_with(with_limits(RequestLimits {
        form_bytes: 4 * 1024,
        ..RequestLimits::default()
    }))
    .await;
    let sign_in = app.get("/sign-in").await;
    let cookie = session_cookie(&sign_in);
    let token = token_in(&sign_in.body);
    let head = format!(
        "POST /sign-in HTTP/1.1\r\nCookie: {cookie}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n"
    );
    let fields = format!("csrf={token}&email=head%40a.test&password=");
    let reply = raw(
        &app.address,
        head,
        chunked(fields.as_bytes(), 64 * 1024, 1024),
    )
    .await;
    assert_eq!(reply.status, Some(413), "{}", reply.text);
    assert!(reply.text.contains("larger than the 4 KB allowed"));
    let audited = app.store.recent_audit(5).await.unwrap();
    assert!(
        !audited.iter().any(|e| e.action.starts_with("sign_in")),
        "the sign-in was attempted"
    );
}

#[tokio::test]
async fn an_upload_from_someone_who_may_not_import_is_refused_before_its_body_is_read() {
    let app = TestApp::spawn().await;
    // A teacher may not import: their large upload is refused on who they are, unread.
    let signed_in = app.sign_in_as("teacher@a.test").await;
    let cookie = session_cookie(&signed_in);
    let token = app.csrf().await;
    let head = format!(
        "POST /schools/3/imports HTTP/1.1\r\nCookie: {cookie}\r\n\
         Content-Type: multipart/form-data; boundary=XyZ\r\nContent-Length: {}\r\n",
        60 * 1024 * 1024
    );
    let mut body = multipart_start(&token).into_bytes();
    body.extend(vec![b'a'; 64 * 1024]);
    let reply = raw(&app.address, head.clone(), body.clone()).await;
    assert_eq!(
        reply.status,
        Some(403),
        "the server waited for the body: {}",
        reply.text
    );
    // Nobody signed in: sent to sign in, the body unread.
    let anonymous = head.replace(&format!("Cookie: {cookie}\r\n"), "");
    let reply = raw(&app.address, anonymous, body).await;
    assert_eq!(reply.status, Some(303), "{}", reply.text);
}

#[tokio::test]
async fn an_upload_over_the_limit_is_refused_in_the_readers_language_and_nothing_is_kept() {
    let app = TestApp::spawn_with(with_limits(RequestLimits {
        upload_bytes: 64 * 1024,
        ..RequestLimits::default()
    }))
    .await;
    let signed_in = app.sign_in_as("data@a.test").await;
    let pupils = app.store.count_rows("pupils").await.unwrap();

    let declared = app
        .upload(
            "/schools/3/imports",
            "bundle.zip",
            vec![b'z'; 200 * 1024],
            true,
        )
        .await;
    assert_eq!(declared.status, 413, "{}", declared.body);
    assert!(
        declared
            .body
            .contains("what was sent is larger than the 64 KB allowed"),
        "{}",
        declared.body
    );

    // The same, sent in chunks with no length declared: reading stops at the limit.
    let cookie = session_cookie(&signed_in);
    let token = app.csrf().await;
    let head = format!(
        "POST /schools/3/imports/sheets HTTP/1.1\r\nCookie: {cookie}\r\nAccept-Language: cy\r\n\
         Content-Type: multipart/form-data; boundary=XyZ\r\nTransfer-Encoding: chunked\r\n"
    );
    let streamed = raw(
        &app.address,
        head,
        chunked(multipart_start(&token).as_bytes(), 200 * 1024, 4096),
    )
    .await;
    assert_eq!(streamed.status, Some(413), "{}", streamed.text);
    assert!(
        streamed.text.contains("64 KB a ganiateir"),
        "{}",
        streamed.text
    );
    assert!(
        streamed.text.contains("anfonwyd yn fwy na"),
        "{}",
        streamed.text
    );

    assert_eq!(uploads_waiting(&app).await, 0);
    assert_eq!(app.store.count_rows("pupils").await.unwrap(), pupils);
}

#[tokio::test]
async fn a_form_over_the_limit_is_refused_and_nothing_is_written() {
    let app = TestApp::spawn_with(with_limits(RequestLimits {
        form_bytes: 4 * 1024,
        ..RequestLimits::default()
    }))
    .await;
    app.sign_in_as("head@a.test").await;
    let padding = "x".repeat(8 * 1024);
    let reply = app
        .post(
            "/language",
            &[("lang", "cy"), ("next", "/"), ("padding", &padding)],
        )
        .await;
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert!(reply.body.contains("larger than the 4 KB allowed"));
    let language_chosen = reply
        .headers
        .get_all("set-cookie")
        .iter()
        .any(|c| c.to_str().unwrap().starts_with("headway_lang="));
    assert!(!language_chosen, "the language was changed");
}

/// A results sheet of `rows` rows.
fn sheet(rows: usize) -> Vec<u8> {
    let mut csv = String::from("pupil,point,subject,score\n");
    for row in 0..rows {
        csv.push_str(&format!("u{row},cb,MA,{}\n", row % 9));
    }
    csv.into_bytes()
}

/// The app with a school allowed `count` uploads of `bytes` in all waiting.
async fn spawn_keeping(count: usize, bytes: u64) -> TestApp {
    TestApp::spawn_with(with_limits(RequestLimits {
        pending: PendingLimits { count, bytes },
        ..RequestLimits::default()
    }))
    .await
}

async fn uploads_waiting(app: &TestApp) -> i64 {
    let usage = app
        .store
        .imports()
        .pending_usage(Keeper::School(SCHOOL))
        .await;
    usage.unwrap().count
}

#[tokio::test]
async fn a_school_keeps_only_so_many_uploads_waiting_and_the_oldest_makes_room() {
    let app = spawn_keeping(2, 1024 * 1024).await;
    app.sign_in_as("data@a.test").await;
    let mut waiting = Vec::new();
    for _ in 0..3 {
        let reply = app
            .upload("/schools/3/imports/sheets", "results.csv", sheet(3), true)
            .await;
        assert_eq!(reply.status, 303, "{}", reply.body);
        waiting.push(reply.location.unwrap());
    }
    assert_eq!(
        app.get(&waiting[0]).await.status,
        404,
        "the oldest was kept"
    );
    assert_eq!(app.get(&waiting[1]).await.status, 200);
    assert_eq!(app.get(&waiting[2]).await.status, 200);
    assert_eq!(uploads_waiting(&app).await, 2);
}

#[tokio::test]
async fn an_upload_too_large_to_keep_waiting_is_refused_and_nothing_is_kept() {
    let app = spawn_keeping(8, 2 * 1024).await;
    app.sign_in_as("data@a.test").await;
    let small = app
        .upload("/schools/3/imports/sheets", "small.csv", sheet(2), true)
        .await;
    assert_eq!(small.status, 303, "{}", small.body);
    let large = app
        .upload("/schools/3/imports/sheets", "large.csv", sheet(200), true)
        .await;
    assert_eq!(large.status, 413, "{}", large.body);
    assert!(
        large
            .body
            .contains("this upload would need more than the 2 KB a school may keep waiting"),
        "{}",
        large.body
    );
    // Refused before anything was swept: the earlier upload still waits.
    assert_eq!(app.get(&small.location.unwrap()).await.status, 200);
    assert_eq!(uploads_waiting(&app).await, 1);
}

/// Log lines written while a test runs, as the server's log would hold them.
#[derive(Clone, Default)]
struct CapturedLog(Arc<Mutex<Vec<u8>>>);

impl Write for CapturedLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl CapturedLog {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

#[tokio::test]
async fn a_database_failure_shows_an_incident_id_that_is_in_the_log_and_no_sql() {
    let log = CapturedLog::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // This test's runtime runs the server on this thread, so the subscriber sees it.
    let _capturing = tracing::subscriber::set_default(subscriber);
    let app = TestApp::spawn().await;
    app.sign_in_as("head@a.test").await;
    app.execute_behind_the_apps_back("DROP TABLE audit_log")
        .await;

    // Signing out writes to the audit log, which is gone.
    let reply = app.post("/sign-out", &[]).await;
    assert_eq!(reply.status, 500, "{}", reply.body);
    let marker = "Incident ";
    let start = reply.body.find(marker).expect("an incident id") + marker.len();
    let incident = &reply.body[start..start + 14];
    assert!(
        incident
            .split('-')
            .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_hexdigit())),
        "{incident}"
    );
    for internal in [
        "audit_log",
        "no such table",
        "relation",
        "database error",
        "sqlx",
        "SQL",
    ] {
        assert!(
            !reply.body.contains(internal),
            "the page shows '{internal}': {}",
            reply.body
        );
    }
    let logged = log.text();
    let line = logged
        .lines()
        .find(|line| line.contains(incident))
        .unwrap_or_else(|| panic!("incident {incident} is not in the log:\n{logged}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(
        line.contains("audit_log"),
        "the real error is not logged: {line}"
    );
}
