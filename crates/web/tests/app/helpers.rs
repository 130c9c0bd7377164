use headway_app::accounts::{NewAccount, add_account};
use headway_domain::account::{Email, PasswordCost, hash_password};
use headway_domain::clock::{Clock, SystemClock};
use headway_domain::ids::{OrgId, PersonId};
use headway_domain::roles::Role;
use headway_store::Store;
use headway_web::WebSettings;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// Every example person's password in tests.
pub const PASSWORD: &str = "correct horse battery";

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// The app, served on a random port over a fresh database holding the store's example
/// world (`headway_store::seed::example_world`: head@a.test, teacher@a.test, …).
pub struct TestApp {
    pub address: String,
    pub store: Store,
    pub client: reqwest::Client,
    pub database: TestDatabase,
}

/// Where a test's database lives, to reach it behind the app's back.
pub enum TestDatabase {
    Sqlite(String),
    Postgres(Box<PgConnectOptions>),
}

/// The settings tests run with: the defaults, with cheap password hashing.
pub fn settings() -> WebSettings {
    WebSettings {
        password_cost: PasswordCost::CHEAP,
        ..WebSettings::default()
    }
}

fn unique(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "{prefix}_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

async fn sqlite() -> (Store, TestDatabase) {
    let dir = std::env::temp_dir().join(unique("headway_web_test"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let url = format!("sqlite://{}", dir.join("test.db").display());
    let store = Store::connect(&url).await.unwrap();
    (store, TestDatabase::Sqlite(url))
}

/// A store in a PostgreSQL schema of its own, as the storage suite does, so tests never see
/// each other's rows.
async fn postgres(url: &str) -> (Store, TestDatabase) {
    let schema = unique("web");
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .expect("HEADWAY_TEST_POSTGRES_URL connects");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&admin)
        .await
        .unwrap();
    admin.close().await;
    let options = PgConnectOptions::from_str(url)
        .unwrap()
        .options([("search_path", schema.as_str())]);
    let pool = PgPoolOptions::new()
        .max_connections(4)
        .connect_with(options.clone())
        .await
        .unwrap();
    (
        Store::from_pg_pool(pool),
        TestDatabase::Postgres(Box::new(options)),
    )
}

pub struct Reply {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
    pub headers: reqwest::header::HeaderMap,
}

impl TestApp {
    /// The app over the example world, every example person with [`PASSWORD`].
    pub async fn spawn() -> TestApp {
        Self::spawn_with(settings()).await
    }

    /// The app over an empty, migrated database.
    pub async fn spawn_empty() -> TestApp {
        Self::spawn_empty_with(settings()).await
    }

    /// The app over the example world, with these settings (e.g. smaller limits).
    pub async fn spawn_with(settings: WebSettings) -> TestApp {
        Self::spawn_at(settings, Arc::new(SystemClock)).await
    }

    /// The app over the example world, reading the time from `clock` (a test moves a
    /// [`headway_domain::clock::FixedClock`] on instead of waiting).
    pub async fn spawn_with_clock(clock: Arc<dyn Clock>) -> TestApp {
        Self::spawn_at(settings(), clock).await
    }

    async fn spawn_at(settings: WebSettings, clock: Arc<dyn Clock>) -> TestApp {
        let app = Self::spawn_empty_at(settings, clock).await;
        app.store
            .insert_world(&headway_store::seed::example_world())
            .await
            .unwrap();
        let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
        let mut tx = app.store.begin().await.unwrap();
        for person in 1..=7 {
            app.store
                .accounts()
                .set_password_hash(&mut tx, PersonId(person), &hash)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        app
    }

    /// Adds a person who signs in with [`PASSWORD`], holding `role` at `org`.
    pub async fn add_account(&self, email: &str, name: &str, role: Role, org: OrgId) -> PersonId {
        let hash = hash_password(PASSWORD, PasswordCost::CHEAP).unwrap();
        let email = Email::parse(email).unwrap();
        let account = NewAccount {
            email: &email,
            display_name: name,
            password_hash: &hash,
            role,
            org,
            subject: None,
        };
        add_account(&self.store, account, None, "added by a test")
            .await
            .unwrap()
    }

    /// The app over an empty, migrated database: SQLite, or PostgreSQL in a schema of its
    /// own when `HEADWAY_TEST_POSTGRES_URL` is set.
    pub async fn spawn_empty_with(settings: WebSettings) -> TestApp {
        Self::spawn_empty_at(settings, Arc::new(SystemClock)).await
    }

    async fn spawn_empty_at(settings: WebSettings, clock: Arc<dyn Clock>) -> TestApp {
        let (store, database) = match std::env::var("HEADWAY_TEST_POSTGRES_URL") {
            Ok(url) => postgres(&url).await,
            Err(_) => sqlite().await,
        };
        let store = store.with_clock(clock);
        store.migrate().await.unwrap();
        Self::serve(store, database, settings).await
    }

    /// The app over an empty, migrated schema of its own in the PostgreSQL at
    /// `HEADWAY_TEST_POSTGRES_URL`, or `None` when that is not set.
    pub async fn spawn_empty_postgres() -> Option<TestApp> {
        std::env::var_os("HEADWAY_TEST_POSTGRES_URL")?;
        Some(Self::spawn_empty().await)
    }

    /// Another app server over `other`'s database (a pool of its own, as a second server
    /// behind a load balancer would have), with its own visitor.
    pub async fn beside(other: &TestApp) -> TestApp {
        Self::beside_with(other, settings()).await
    }

    /// [`TestApp::beside`] with these settings.
    pub async fn beside_with(other: &TestApp, settings: WebSettings) -> TestApp {
        let store = match &other.database {
            TestDatabase::Sqlite(url) => Store::connect(url).await.unwrap(),
            TestDatabase::Postgres(options) => Store::from_pg_pool(
                PgPoolOptions::new()
                    .max_connections(4)
                    .connect_with(options.as_ref().clone())
                    .await
                    .unwrap(),
            ),
        };
        let database = match &other.database {
            TestDatabase::Sqlite(url) => TestDatabase::Sqlite(url.clone()),
            TestDatabase::Postgres(options) => TestDatabase::Postgres(options.clone()),
        };
        Self::serve(store, database, settings).await
    }

    /// The app served on a random port over `store`.
    async fn serve(store: Store, database: TestDatabase, settings: WebSettings) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = format!("http://{}", listener.local_addr().unwrap());
        let app = headway_web::app(store.clone(), settings);
        // As `headway serve` does: sign-in throttling needs each connection's address.
        let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        TestApp {
            address,
            store,
            client: Self::new_client(),
            database,
        }
    }

    /// Runs `sql` on this test's database behind the app's back (to break it on purpose).
    pub async fn execute_behind_the_apps_back(&self, sql: &str) {
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        match &self.database {
            TestDatabase::Sqlite(url) => {
                let pool = sqlx::SqlitePool::connect(url).await.unwrap();
                sqlx::query(sql).execute(&pool).await.unwrap();
                pool.close().await;
            }
            TestDatabase::Postgres(options) => {
                let pool = PgPoolOptions::new()
                    .max_connections(1)
                    .connect_with(options.as_ref().clone())
                    .await
                    .unwrap();
                sqlx::query(sql).execute(&pool).await.unwrap();
                pool.close().await;
            }
        }
    }

    fn new_client() -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
    }

    /// A second browser: its own cookies, nobody signed in.
    pub fn new_visitor(&mut self) {
        self.client = Self::new_client();
    }

    async fn reply(response: reqwest::Response) -> Reply {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let location = headers
            .get("location")
            .map(|l| l.to_str().unwrap().to_owned());
        let body = response.text().await.unwrap();
        // Every page is checked for a message its language lacks (a missing key, or a
        // variable the message does not take), whatever the test is about.
        assert!(
            !body.contains("Unknown localization key"),
            "a page asked for a message that does not exist: {body}"
        );
        Reply {
            status,
            location,
            body,
            headers,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        Self::reply(
            self.client
                .get(format!("{}{path}", self.address))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn get_with(&self, path: &str, header: (&str, &str)) -> Reply {
        let request = self
            .client
            .get(format!("{}{path}", self.address))
            .header(header.0, header.1);
        Self::reply(request.send().await.unwrap()).await
    }

    /// The CSRF token of this visitor's session, read from a form on the sign-in page or
    /// the home page.
    pub async fn csrf(&self) -> String {
        let page = self.get("/sign-in").await;
        let page = if page.status == 200 {
            page
        } else {
            self.get("/").await
        };
        // A cluster lead's home opens on the cluster's schools side by side.
        let page = match (&page.location, page.status) {
            (Some(location), 303) => self.get(location).await,
            _ => page,
        };
        let marker = "name=\"csrf\" value=\"";
        let start = page.body.find(marker).expect("a form with a CSRF token") + marker.len();
        page.body[start..start + 64].to_owned()
    }

    /// Posts a form with this visitor's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let token = self.csrf().await;
        let mut form: Vec<(&str, &str)> = fields.to_vec();
        form.push(("csrf", &token));
        self.post_raw(path, &form).await
    }

    /// Posts a form exactly as given (no CSRF token added).
    pub async fn post_raw(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let request = self
            .client
            .post(format!("{}{path}", self.address))
            .form(fields);
        Self::reply(request.send().await.unwrap()).await
    }

    /// Uploads a file as the form field `file` (multipart), with this visitor's CSRF
    /// token first unless `with_token` is false.
    pub async fn upload(
        &self,
        path: &str,
        file_name: &str,
        bytes: Vec<u8>,
        with_token: bool,
    ) -> Reply {
        self.multipart(path, "file", file_name, bytes, with_token)
            .await
    }

    /// Uploads a file as the form field `field`, with this visitor's CSRF token.
    pub async fn upload_field(
        &self,
        path: &str,
        field: &str,
        file_name: &str,
        bytes: Vec<u8>,
    ) -> Reply {
        self.multipart(path, field, file_name, bytes, true).await
    }

    async fn multipart(
        &self,
        path: &str,
        field: &str,
        file_name: &str,
        bytes: Vec<u8>,
        with_token: bool,
    ) -> Reply {
        let mut form = reqwest::multipart::Form::new();
        if with_token {
            form = form.text("csrf", self.csrf().await);
        }
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
        let request = self
            .client
            .post(format!("{}{path}", self.address))
            .multipart(form.part(field.to_owned(), part));
        Self::reply(request.send().await.unwrap()).await
    }

    pub async fn sign_in_as(&self, email: &str) -> Reply {
        let reply = self
            .post(
                "/sign-in",
                &[("email", email), ("password", PASSWORD), ("next", "/")],
            )
            .await;
        assert_eq!(
            reply.status, 303,
            "signing in as {email} failed: {}",
            reply.body
        );
        reply
    }
}
