//! The browser suite's harness: one demo server for the whole test binary (the real
//! `headway demo`, started once, because generating the demo system takes seconds), and a
//! fresh headless Chromium, driven through chromedriver, for each test.

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// How long to wait for something the browser should show after a click or a navigation.
pub const PAGE_WAIT: Duration = Duration::from_secs(30);
/// A debug build on a busy two-core machine can take a while to generate the demo system.
const SERVER_START_WAIT: Duration = Duration::from_secs(300);
const CHROMEDRIVER_START_WAIT: Duration = Duration::from_secs(30);

/// The demo server every test in this binary shares.
pub struct DemoServer {
    pub base_url: String,
    /// Kept open for the life of the test process: the watchdog stops the server when it
    /// reads end-of-file here, which happens however this process ends.
    _lifeline: ChildStdin,
}

static DEMO: OnceLock<DemoServer> = OnceLock::new();

/// The shared demo server, started on first use.
pub fn demo_server() -> &'static DemoServer {
    DEMO.get_or_init(DemoServer::start)
}

/// A demo server of the caller's own, for a journey that changes the data (an import);
/// it stops when the value is dropped.
pub fn private_demo_server() -> DemoServer {
    DemoServer::start()
}

/// Runs the server in the background and stops it, then deletes its data directory, when
/// standard input closes. A static is never dropped, so this — not `Drop` — is what stops
/// the server when the test binary exits, even if it is killed.
const WATCHDOG: &str = r#"
exec 3<&0
"$0" "$@" >"$dir/server.log" 2>&1 </dev/null &
server=$!
{ read -r line <&3; kill "$server" 2>/dev/null; sleep 1; rm -rf "$dir"; } &
wait "$server"
"#;

impl DemoServer {
    fn start() -> DemoServer {
        let dir = fresh_temp_dir("demo");
        let port = free_port();
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg(WATCHDOG)
            .arg(env!("CARGO_BIN_EXE_headway"))
            .args(["demo", "--data-dir"])
            .arg(dir.join("data"))
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .env("dir", &dir)
            // Away from any headway.toml in the working directory.
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        // Settings from the environment would override the flags (e.g. a database URL).
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("HEADWAY_") && key != "HEADWAY_LOG" {
                command.env_remove(key);
            }
        }
        let mut watchdog = command
            .spawn()
            .expect("could not start sh for the demo server");
        let started = Instant::now();
        loop {
            if http_status(port, "/health").is_ok_and(|code| code == 200) {
                break;
            }
            let log = || std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
            if let Ok(Some(status)) = watchdog.try_wait() {
                panic!(
                    "`headway demo` exited with {status} before serving:\n{}",
                    log()
                );
            }
            if started.elapsed() > SERVER_START_WAIT {
                panic!(
                    "`headway demo` did not answer /health on port {port} within {} s:\n{}",
                    SERVER_START_WAIT.as_secs(),
                    log()
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        eprintln!(
            "demo server ready on port {port} after {:.1} s",
            started.elapsed().as_secs_f64()
        );
        DemoServer {
            base_url: format!("http://127.0.0.1:{port}"),
            _lifeline: watchdog.stdin.take().expect("stdin is piped"),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }
}

/// A headless Chromium with its own profile, driven by its own chromedriver.
pub struct Browser {
    pub client: Client,
    _chromedriver: ChromeDriver,
}

/// chromedriver and the Chromium profile it used; stopped and deleted on drop, so a failed
/// start leaves nothing behind either.
struct ChromeDriver {
    process: Child,
    profile: PathBuf,
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

impl Browser {
    pub async fn start() -> Browser {
        let chromedriver_path =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium_path =
            std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = free_port();
        let mut chromedriver = ChromeDriver {
            process: Command::new(&chromedriver_path)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("could not start {chromedriver_path}: {e}")),
            profile: fresh_temp_dir("chromium"),
        };
        let client = connect_when_ready(&mut chromedriver, port, &chromium_path).await;
        Browser {
            client,
            _chromedriver: chromedriver,
        }
    }

    /// Ends the WebDriver session, which closes Chromium; `Drop` then stops chromedriver.
    pub async fn close(self) {
        if let Err(e) = self.client.clone().close().await {
            eprintln!("could not close the browser session: {e}");
        }
    }

    /// Waits for an element to appear, naming what was expected if it does not.
    pub async fn wait_for(
        &self,
        what: &str,
        locator: Locator<'_>,
    ) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PAGE_WAIT)
            .for_element(locator)
            .await
            .unwrap_or_else(|e| panic!("{what} did not appear: {e}"))
    }

    /// Waits for an element and clicks it. A page being replaced (the redirect after a
    /// form) can hand back an element that is gone when clicked: it is then found again, on
    /// the new page.
    pub async fn click(&self, what: &str, locator: Locator<'_>) {
        for attempt in 1..=3 {
            match self.wait_for(what, locator).await.click().await {
                Ok(_) => return,
                Err(e) if attempt < 3 && e.to_string().contains("stale element") => {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("could not click {what}: {e}"),
            }
        }
    }

    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .expect("the current URL")
            .path()
            .to_string()
    }

    /// Saves a PNG of the viewport as `target/screenshots/{name}.png`.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("a screenshot");
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).expect("could not create the screenshot folder");
        let file = dir.join(format!("{name}.png"));
        std::fs::write(&file, png).expect("could not write the screenshot");
        eprintln!("screenshot: {}", file.display());
    }
}

/// Clicks the element `locator` finds, once it is there (see [`Browser::click`]).
pub async fn click(browser: &Browser, locator: Locator<'_>) {
    browser.click(&format!("{locator:?}"), locator).await;
}

/// Signs in with the demo password and waits for the home page, in English.
/// Signs out with the header's button and waits for the sign-in page.
pub async fn sign_out(browser: &Browser) {
    click(browser, Locator::Css("form[action='/sign-out'] button")).await;
    browser
        .wait_for("the sign-in page", Locator::Id("email"))
        .await;
}

/// The text of the page's `main`.
pub async fn main_text(browser: &Browser) -> String {
    browser
        .client
        .find(Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

pub async fn sign_in(browser: &Browser, base: &str, email: &str) {
    browser
        .client
        .goto(&format!("{base}/sign-in"))
        .await
        .unwrap();
    let field = browser
        .wait_for("the sign-in form", Locator::Id("email"))
        .await;
    field.send_keys(email).await.unwrap();
    browser
        .client
        .find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(crate::journey::DEMO_PASSWORD)
        .await
        .unwrap();
    browser
        .client
        .find(Locator::Css(
            "form[action='/sign-in'] button[type='submit']",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The sign-in page has a heading too: wait for what only a signed-in page has, so the
    // language button below is found on the home page, not on the page being left.
    browser
        .wait_for("the home page", Locator::Css("form[action='/sign-out']"))
        .await;
    // An earlier journey may have left this account in Welsh; these checks read English.
    let english =
        Locator::XPath("//form[@action='/language']//button[normalize-space()='English']");
    if let Ok(button) = browser.client.find(english).await {
        button.click().await.unwrap();
    }
    // A cluster lead's home opens on the cluster's schools side by side.
    browser
        .wait_for(
            "the English home page",
            Locator::XPath(
                "//h1[normalize-space()='Your overview' or starts-with(normalize-space(), 'Schools side by side')]",
            ),
        )
        .await;
}

/// Runs one test's steps in a fresh browser, and closes the browser even when a step
/// fails, so no Chromium outlives its test.
pub async fn in_browser<F, Fut>(steps: F)
where
    F: FnOnce(std::sync::Arc<Browser>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let browser = std::sync::Arc::new(Browser::start().await);
    let outcome = tokio::spawn(steps(browser.clone())).await;
    let browser = std::sync::Arc::into_inner(browser).expect("the steps have finished");
    browser.close().await;
    if let Err(e) = outcome {
        match e.try_into_panic() {
            Ok(panic) => std::panic::resume_unwind(panic),
            Err(e) => panic!("the test's steps did not finish: {e}"),
        }
    }
}

async fn connect_when_ready(chromedriver: &mut ChromeDriver, port: u16, chromium: &str) -> Client {
    let mut capabilities = Capabilities::new();
    capabilities.insert("browserName".into(), "chrome".into());
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": chromium,
            "args": [
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                format!("--user-data-dir={}", chromedriver.profile.display()),
                "--window-size=1280,900",
            ],
        }),
    );
    let webdriver = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        // chromedriver answers /status as soon as it listens.
        if http_status(port, "/status").is_ok_and(|code| code == 200) {
            break;
        }
        if let Ok(Some(status)) = chromedriver.process.try_wait() {
            panic!("chromedriver exited with {status} before listening");
        }
        if started.elapsed() > CHROMEDRIVER_START_WAIT {
            panic!(
                "chromedriver did not listen on port {port} within {} s",
                CHROMEDRIVER_START_WAIT.as_secs()
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    ClientBuilder::rustls()
        .expect("TLS roots for the WebDriver client")
        .capabilities(capabilities)
        .connect(&webdriver)
        .await
        .unwrap_or_else(|e| {
            panic!("could not start Chromium ({chromium}) through chromedriver: {e}")
        })
}

/// A port nothing listens on now (the OS's choice for port 0).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

fn fresh_temp_dir(what: &str) -> PathBuf {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .subsec_nanos();
    let dir = std::env::temp_dir().join(format!(
        "headway-browser-{what}-{}-{nanos}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("could not create a temporary directory");
    dir
}

fn screenshot_dir() -> PathBuf {
    std::env::var_os("HEADWAY_SCREENSHOTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../target/screenshots"
            ))
            .into()
        })
}

/// The status code of a plain HTTP/1.1 GET, enough to ask whether a local server is up.
/// Only the status line is read: chromedriver keeps the connection open after answering.
fn http_status(port: u16, path: &str) -> std::io::Result<u16> {
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&address, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )?;
    let mut head = Vec::new();
    let mut chunk = [0; 256];
    while !head.windows(2).any(|w| w == b"\r\n") {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    // "HTTP/1.1 200 OK"
    String::from_utf8_lossy(&head)
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other("no HTTP status line"))
}
