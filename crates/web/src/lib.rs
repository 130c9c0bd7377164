//! Headway's web application: server-rendered pages, one authorization policy
//! (`headway_domain::access`) asked by every route, every string translatable.
//!
//! Handlers are thin: parse the request, ask the policy, call the store or the statistics
//! engine, render a template.

pub mod api;
pub mod assets;
pub mod charts;
pub mod context;
pub mod csrf;
pub mod error;
pub mod exports;
pub mod format;
pub mod i18n;
pub mod layout;
pub mod mail;
pub mod pages;
pub mod session_store;

use axum::Router;
use axum::extract::FromRef;
use axum::middleware;
use axum::routing::{get, post};
use headway_domain::account::{PasswordCost, SignInThrottle};
use headway_store::Store;
use headway_store::imports::PendingLimits;
use std::sync::Arc;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// Settings of the web application that come from configuration.
#[derive(Debug, Clone)]
pub struct WebSettings {
    pub password_cost: PasswordCost,
    pub throttle: SignInThrottle,
    /// Mark cookies `Secure` (when served over TLS, directly or behind a proxy).
    pub secure_cookies: bool,
    /// Signed-in sessions end after this long without a request.
    pub session_idle: time::Duration,
    pub limits: RequestLimits,
    /// The FSM band cut points (setting `fsm_band_upper_percent`); the pages say whether
    /// they are Headway's unverified defaults.
    pub fsm_cuts: headway_domain::school::FsmBandCuts,
    /// The share of sessions missed from which a pupil counts as persistently absent
    /// (setting `persistent_absence_percent`); pages say whether it is Headway's default.
    pub persistent_absence: headway_domain::attendance::PersistentAbsence,
    /// Sends 360 invitations by email; `None` when SMTP is not configured, and then the
    /// outbox is the way links reach people.
    pub email: Option<EmailInvitations>,
    /// What the deployment's results mean: subjects', grades' and groups' names.
    pub measure_set: &'static headway_domain::measures::MeasureSet,
    /// Improvement plans' limits: priorities before a written reason, initiative load.
    pub planning: headway_app::planning::PlanningRules,
    /// Groups of fewer pupils show no figure (setting `suppress_groups_below`): the
    /// threshold of every measure without its own, and of attendance.
    pub suppress_groups_below: headway_domain::anonymity::Threshold,
    /// The JSON API's request limits, counted in the database across all app servers.
    pub api_limits: headway_app::api::RateLimits,
}

/// Headway's own suppression threshold for pupil groups, used unless the deployment sets
/// `suppress_groups_below`: the measure settings' default (6).
pub fn default_suppress_groups_below() -> headway_domain::anonymity::Threshold {
    headway_domain::anonymity::Threshold::at_least(
        headway_stats::value_added::simple::MeasureSettings::default().suppression_threshold,
    )
}

/// Email for 360 invitations: the mailer, and the public address links in emails point to
/// (never taken from a request's Host header, which the sender could forge to collect the
/// links).
#[derive(Debug, Clone)]
pub struct EmailInvitations {
    pub mailer: Arc<dyn mail::Mailer>,
    /// e.g. `https://headway.example.org`, without a trailing slash.
    pub public_url: String,
}

/// How much one request may send or leave behind, each checked before the work is done.
#[derive(Debug, Clone, Copy)]
pub struct RequestLimits {
    /// The largest upload (a zipped bundle, a spreadsheet, a published table), in bytes.
    pub upload_bytes: usize,
    /// The largest ordinary form, in bytes: what anyone, signed in or not, may send.
    pub form_bytes: usize,
    /// What a school may keep waiting for confirmation (the oldest is swept to make room).
    pub pending: PendingLimits,
}

impl Default for RequestLimits {
    fn default() -> Self {
        RequestLimits {
            upload_bytes: 64 * 1024 * 1024,
            form_bytes: 256 * 1024,
            pending: PendingLimits::default(),
        }
    }
}

impl Default for WebSettings {
    fn default() -> Self {
        WebSettings {
            password_cost: PasswordCost::default(),
            throttle: SignInThrottle::default(),
            secure_cookies: false,
            session_idle: time::Duration::hours(8),
            limits: RequestLimits::default(),
            fsm_cuts: headway_domain::school::FsmBandCuts::default(),
            persistent_absence: headway_domain::attendance::PersistentAbsence::DEFAULT,
            email: None,
            measure_set: headway_domain::measures::built_in(headway_domain::measures::WALES)
                .expect("the Welsh measure set ships in the binary"),
            suppress_groups_below: default_suppress_groups_below(),
            planning: headway_app::planning::PlanningRules::default(),
            api_limits: headway_app::api::RateLimits::default(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    pub settings: Arc<WebSettings>,
    /// Reference expectations, by data version (read from the database where stored).
    pub references: headway_app::progress::reference::References,
    /// The progress page's figures, by school, year, subject and whether classes are shown.
    pub school_figures: headway_app::progress::ReportCache,
    /// Each school's year at a glance (headline, what stands out, the grid), by data version.
    pub overviews: headway_app::progress::OverviewCache,
    /// Forward projections' fitted models and calibrations, by data version.
    pub projections: headway_app::progress::projection::ProjectionCache,
    /// Each school's improvement group for the many-schools view, by data version.
    pub systems: headway_app::system::SystemCache,
}

impl FromRef<AppState> for Store {
    fn from_ref(state: &AppState) -> Store {
        state.store.clone()
    }
}

/// The whole application as one router.
pub fn app(store: Store, settings: WebSettings) -> Router {
    let sessions = SessionManagerLayer::new(session_store::DbSessionStore::new(store.clone()))
        .with_name("headway_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.secure_cookies)
        .with_expiry(Expiry::OnInactivity(settings.session_idle));
    let secure_cookies = settings.secure_cookies;
    // Measures take the deployment's suppression threshold unless they have their own.
    let measure_defaults = headway_stats::value_added::simple::MeasureSettings {
        suppression_threshold: usize::from(settings.suppress_groups_below.get()),
        ..Default::default()
    };
    let state = AppState {
        store,
        settings: Arc::new(settings),
        references: headway_app::progress::reference::References::with_settings(measure_defaults),
        school_figures: Default::default(),
        overviews: Default::default(),
        projections: Default::default(),
        systems: Default::default(),
    };
    Router::new()
        .route("/", get(pages::home::show))
        .route(
            "/sign-in",
            get(pages::auth::sign_in_form).post(pages::auth::sign_in),
        )
        .route("/sign-out", post(pages::auth::sign_out))
        .route(
            "/account/password",
            get(pages::auth::password_form).post(pages::auth::change_password),
        )
        .route("/language", post(pages::language::choose))
        .route("/schools/{school}", get(pages::schools::show))
        .route("/orgs/{org}", get(pages::schools::organisation))
        .route("/classes/{class}", get(pages::schools::class))
        .route("/schools/{school}/progress", get(pages::progress::school))
        .route(
            "/schools/{school}/attendance",
            get(pages::attendance::school),
        )
        .route(
            "/schools/{school}/falling-behind",
            get(pages::progress::falling_behind),
        )
        .route(
            "/schools/{school}/governors-summary",
            get(pages::overview::governors),
        )
        .route(
            "/schools/{school}/progress/projections",
            get(pages::projections::show),
        )
        .route("/pupils/{pupil}", get(pages::progress::pupil))
        .route("/health", get(pages::health::show))
        .merge(pages::diagnostic::routes())
        .merge(pages::imports::routes())
        .merge(pages::expectations::routes())
        .merge(pages::planning::routes())
        .merge(pages::system::routes())
        .merge(pages::survey::routes())
        .merge(pages::network::routes())
        .merge(pages::observation::routes())
        .merge(pages::review::routes())
        .merge(pages::heads::routes())
        .merge(pages::coaching::routes())
        .merge(pages::cpd::routes())
        .merge(pages::inquiry::routes())
        .merge(pages::tokens::routes())
        .route("/static/{file}", get(assets::serve))
        .fallback(pages::not_found)
        .layer(middleware::from_fn_with_state(
            secure_cookies,
            csrf::visitor_cookie,
        ))
        .layer(sessions)
        // The JSON API: outside the session and CSRF layers (a token, never a cookie).
        .nest("/api", api::routes())
        .layer(middleware::from_fn(layout::render_error_pages))
        .layer(middleware::from_fn(layout::security_headers))
        .with_state(state)
}
