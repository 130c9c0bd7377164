//! Configuration: defaults, then a TOML file, then `HEADWAY_*` environment variables, then
//! command-line flags (later wins). A wrong setting names itself in the error.

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use headway_app::api::RateLimits;
use headway_app::planning::PlanningRules;
use headway_domain::account::{PasswordCost, SignInThrottle};
use headway_domain::anonymity::Threshold;
use headway_domain::attendance::PersistentAbsence;
use headway_domain::measures::{self, MeasureSet};
use headway_domain::planning::load::LoadLimits;
use headway_domain::planning::plan::PriorityLimit;
use headway_domain::school::FsmBandCuts;
use headway_store::imports::PendingLimits;
use headway_web::RequestLimits;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Settings shared by every command that opens the database or serves pages.
#[derive(Debug, Clone, clap::Args, Serialize, Default)]
pub struct Overrides {
    /// Database URL: sqlite://path/to/file.db or postgres://user@host/db
    /// [env: HEADWAY_DATABASE_URL; default: a SQLite file in the data directory]
    #[arg(long, value_name = "URL")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<String>,
    /// Where Headway keeps its files [env: HEADWAY_DATA_DIR; default: ./data]
    #[arg(long, value_name = "DIR")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_dir: Option<PathBuf>,
    /// Address and port to serve on [env: HEADWAY_BIND; default: 127.0.0.1:8080]
    #[arg(long, value_name = "ADDR:PORT")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bind: Option<String>,
    /// A TOML file of settings [env: HEADWAY_CONFIG; default: ./headway.toml if present]
    #[arg(long, value_name = "FILE")]
    #[serde(skip)]
    pub config: Option<PathBuf>,
}

const SETTINGS: [&str; 27] = [
    "database_url",
    "data_dir",
    "bind",
    "secure_cookies",
    "password_memory_kib",
    "password_iterations",
    "sign_in_account_free_failures",
    "sign_in_address_free_failures",
    "sign_in_first_delay_seconds",
    "sign_in_max_delay_seconds",
    "sign_in_forget_after_seconds",
    "upload_limit_mb",
    "form_limit_kb",
    "pending_uploads_per_school",
    "pending_mb_per_school",
    "smtp_url",
    "mail_from",
    "public_url",
    "measure_set",
    "fsm_band_upper_percent",
    "persistent_absence_percent",
    "suppress_groups_below",
    "plan_priority_limit",
    "plan_initiatives_per_person",
    "plan_hours_per_person",
    "api_requests_per_minute",
    "api_anonymous_requests_per_minute",
];

#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    database_url: Option<String>,
    data_dir: PathBuf,
    bind: String,
    secure_cookies: bool,
    password_memory_kib: u32,
    password_iterations: u32,
    sign_in_account_free_failures: u32,
    sign_in_address_free_failures: u32,
    sign_in_first_delay_seconds: i64,
    sign_in_max_delay_seconds: i64,
    sign_in_forget_after_seconds: i64,
    upload_limit_mb: u32,
    form_limit_kb: u32,
    pending_uploads_per_school: u32,
    pending_mb_per_school: u32,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    public_url: Option<String>,
    measure_set: String,
    fsm_band_upper_percent: [f64; 3],
    persistent_absence_percent: f64,
    suppress_groups_below: u32,
    plan_priority_limit: usize,
    plan_initiatives_per_person: u32,
    plan_hours_per_person: f64,
    api_requests_per_minute: i64,
    api_anonymous_requests_per_minute: i64,
}

impl Default for Raw {
    fn default() -> Self {
        let cost = PasswordCost::default();
        let throttle = SignInThrottle::default();
        let limits = RequestLimits::default();
        Raw {
            database_url: None,
            data_dir: PathBuf::from("data"),
            bind: "127.0.0.1:8080".into(),
            secure_cookies: false,
            password_memory_kib: cost.memory_kib,
            password_iterations: cost.iterations,
            sign_in_account_free_failures: throttle.account_free_failures,
            sign_in_address_free_failures: throttle.address_free_failures,
            sign_in_first_delay_seconds: throttle.first_delay_seconds,
            sign_in_max_delay_seconds: throttle.max_delay_seconds,
            sign_in_forget_after_seconds: throttle.forget_after_seconds,
            upload_limit_mb: mebibytes(limits.upload_bytes as u64),
            form_limit_kb: (limits.form_bytes / 1024) as u32,
            pending_uploads_per_school: limits.pending.count as u32,
            pending_mb_per_school: mebibytes(limits.pending.bytes),
            smtp_url: None,
            mail_from: None,
            public_url: None,
            measure_set: DEFAULT_MEASURE_SET.to_owned(),
            fsm_band_upper_percent: FsmBandCuts::default().percentages(),
            persistent_absence_percent: PersistentAbsence::DEFAULT.share() * 100.0,
            suppress_groups_below: u32::from(headway_web::default_suppress_groups_below().get()),
            plan_priority_limit: PlanningRules::default().priority_limit.0,
            plan_initiatives_per_person: PlanningRules::default().load.initiatives_per_person,
            plan_hours_per_person: PlanningRules::default().load.hours_per_person,
            api_requests_per_minute: RateLimits::default().per_token,
            api_anonymous_requests_per_minute: RateLimits::default().per_address,
        }
    }
}

/// Wales by default: Headway is made first for Welsh schools (English and Welsh first; the
/// demo is a Welsh cluster). A deployment in England sets `measure_set = "england"`.
pub const DEFAULT_MEASURE_SET: &str = measures::WALES;

fn mebibytes(bytes: u64) -> u32 {
    (bytes / (1024 * 1024)) as u32
}

/// The settings in force, validated.
#[derive(Clone)]
pub struct Config {
    pub database_url: String,
    pub data_dir: PathBuf,
    pub bind: SocketAddr,
    /// Whether `bind` was chosen by the person (the demo only moves a default port).
    pub bind_was_set: bool,
    pub secure_cookies: bool,
    pub password_cost: PasswordCost,
    pub sign_in_throttle: SignInThrottle,
    /// How much one request may send or leave waiting (settings `upload_limit_mb`,
    /// `form_limit_kb`, `pending_uploads_per_school`, `pending_mb_per_school`).
    pub limits: RequestLimits,
    /// Email for 360 invitations (settings `smtp_url`, `mail_from`, `public_url`); `None`
    /// when `smtp_url` is not set, and then links reach people through the outbox.
    pub email: Option<EmailConfig>,
    /// What the deployment's results mean (setting `measure_set`: `wales` or `england`).
    pub measure_set: &'static MeasureSet,
    /// The upper limits of FSM bands 1–3 (setting `fsm_band_upper_percent`); the defaults
    /// are the conventional English bands, unverified, and the pages say so.
    pub fsm_cuts: FsmBandCuts,
    /// The share of sessions missed from which a pupil counts as persistently absent
    /// (setting `persistent_absence_percent`, 10 by default).
    pub persistent_absence: PersistentAbsence,
    /// Groups of fewer pupils show no figure (setting `suppress_groups_below`, default 6,
    /// never below [`Threshold::MINIMUM`]): every measure without a threshold of its own,
    /// and attendance.
    pub suppress_groups_below: Threshold,
    /// Improvement plans' limits (settings `plan_priority_limit`, `plan_initiatives_per_person`,
    /// `plan_hours_per_person`): priorities before a written reason, and each person's load.
    pub planning: PlanningRules,
    /// The JSON API's limits (settings `api_requests_per_minute`, per token, default 120;
    /// `api_anonymous_requests_per_minute`, per client address for calls without a working
    /// token, default 30), counted in the database so they hold across all app servers.
    pub api_limits: RateLimits,
}

/// How invitations are emailed.
#[derive(Clone)]
pub struct EmailConfig {
    /// e.g. `smtps://user:password@mail.example.org` or `smtp://mail.example.org:587?tls=required`.
    pub smtp_url: String,
    /// The sender, e.g. `Headway <headway@school.example>`.
    pub mail_from: String,
    /// Where links in emails point, e.g. `https://headway.school.example` (no trailing /).
    pub public_url: String,
}

impl std::fmt::Debug for EmailConfig {
    /// Never prints the SMTP password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmailConfig")
            .field("smtp_url", &headway_store::redact(&self.smtp_url))
            .field("mail_from", &self.mail_from)
            .field("public_url", &self.public_url)
            .finish()
    }
}

impl std::fmt::Debug for Config {
    /// Never prints a database password.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &headway_store::redact(&self.database_url))
            .field("data_dir", &self.data_dir)
            .field("bind", &self.bind)
            .field("secure_cookies", &self.secure_cookies)
            .field("password_cost", &self.password_cost)
            .field("sign_in_throttle", &self.sign_in_throttle)
            .field("limits", &self.limits)
            .field("email", &self.email)
            .field("measure_set", &self.measure_set.key)
            .field("fsm_cuts", &self.fsm_cuts)
            .field("persistent_absence", &self.persistent_absence)
            .field("suppress_groups_below", &self.suppress_groups_below)
            .field("planning", &self.planning)
            .field("api_limits", &self.api_limits)
            .finish()
    }
}

impl Config {
    /// Loads the configuration; `default_database` names the SQLite file in the data
    /// directory used when no URL is given (the demo keeps its own).
    pub fn load(overrides: &Overrides, default_database: &str) -> anyhow::Result<Config> {
        // Only the settings below are read from the environment, so other HEADWAY_*
        // variables (HEADWAY_LOG, HEADWAY_TEST_POSTGRES_URL) are not mistaken for settings.
        let env = Env::prefixed("HEADWAY_").only(&SETTINGS);
        Self::load_from(overrides, default_database, env)
    }

    fn load_from(
        overrides: &Overrides,
        default_database: &str,
        env: Env,
    ) -> anyhow::Result<Config> {
        let file = overrides
            .config
            .clone()
            .or_else(|| std::env::var_os("HEADWAY_CONFIG").map(PathBuf::from))
            .or_else(|| {
                Path::new("headway.toml")
                    .exists()
                    .then(|| PathBuf::from("headway.toml"))
            });
        let mut figment = Figment::from(Serialized::defaults(Raw::default()));
        if let Some(file) = &file {
            if !file.exists() {
                bail!("the configuration file {} does not exist", file.display());
            }
            figment = figment.merge(Toml::file_exact(file));
        }
        let figment = figment.merge(env).merge(Serialized::defaults(overrides));
        let raw: Raw = figment.extract().map_err(|e| {
            let key = e.path.join(".");
            let source = if key.is_empty() {
                String::new()
            } else {
                format!(" (HEADWAY_{})", key.to_uppercase())
            };
            anyhow::anyhow!("configuration setting '{key}'{source} is wrong: {}", e.kind)
        })?;
        let limits = limits(&raw)?;
        let fsm_cuts = FsmBandCuts::from_percentages(raw.fsm_band_upper_percent).map_err(|why| {
            anyhow::anyhow!(
                "setting 'fsm_band_upper_percent' (HEADWAY_FSM_BAND_UPPER_PERCENT) is wrong: {why}"
            )
        })?;
        let persistent_absence = PersistentAbsence::new(raw.persistent_absence_percent / 100.0)
            .map_err(|_| {
                anyhow::anyhow!(
                    "setting 'persistent_absence_percent' (HEADWAY_PERSISTENT_ABSENCE_PERCENT) is {}: use a percentage of sessions missed from 1 to 50 (10 by default)",
                    raw.persistent_absence_percent
                )
            })?;
        let suppress_groups_below = suppress_groups_below(raw.suppress_groups_below)?;
        let planning = planning_rules(&raw)?;
        if raw.api_requests_per_minute < 1 || raw.api_anonymous_requests_per_minute < 1 {
            bail!(
                "settings 'api_requests_per_minute' (HEADWAY_API_REQUESTS_PER_MINUTE) and 'api_anonymous_requests_per_minute' (HEADWAY_API_ANONYMOUS_REQUESTS_PER_MINUTE) must be at least 1"
            );
        }
        let api_limits = RateLimits {
            window_seconds: 60,
            per_token: raw.api_requests_per_minute,
            per_address: raw.api_anonymous_requests_per_minute,
        };
        let email = email(&raw)?;
        let measure_set = measures::built_in(raw.measure_set.trim()).with_context(|| {
            format!(
                "setting 'measure_set' (HEADWAY_MEASURE_SET) is '{}': use {}",
                raw.measure_set,
                measures::BUILT_IN_KEYS.join(" or ")
            )
        })?;
        let bind: SocketAddr = raw.bind.parse().with_context(|| {
            format!("setting 'bind' (HEADWAY_BIND, --bind) is '{}', which is not an address:port such as 127.0.0.1:8080", raw.bind)
        })?;
        let database_url = match raw.database_url {
            Some(url) => {
                headway_store::Engine::of_url(&url)
                    .map_err(|_| anyhow::anyhow!("setting 'database_url' (HEADWAY_DATABASE_URL, --database-url) is '{}': use sqlite://path/to/file.db or postgres://user@host/database", headway_store::redact(&url)))?;
                url
            }
            None => format!("sqlite://{}", raw.data_dir.join(default_database).display()),
        };
        let password_cost = PasswordCost {
            memory_kib: raw.password_memory_kib,
            iterations: raw.password_iterations,
        };
        if password_cost.memory_kib < 8 || password_cost.iterations < 1 {
            bail!(
                "settings 'password_memory_kib' (≥ 8) and 'password_iterations' (≥ 1) are out of range"
            );
        }
        let sign_in_throttle = SignInThrottle {
            account_free_failures: raw.sign_in_account_free_failures,
            address_free_failures: raw.sign_in_address_free_failures,
            first_delay_seconds: raw.sign_in_first_delay_seconds,
            max_delay_seconds: raw.sign_in_max_delay_seconds,
            forget_after_seconds: raw.sign_in_forget_after_seconds,
        };
        sign_in_throttle
            .check()
            .map_err(|why| anyhow::anyhow!("sign-in throttling settings: {why}"))?;
        let bind_was_set = overrides.bind.is_some()
            || figment_has_bind(&file)
            || std::env::var_os("HEADWAY_BIND").is_some();
        Ok(Config {
            database_url,
            data_dir: raw.data_dir,
            bind,
            bind_was_set,
            secure_cookies: raw.secure_cookies,
            password_cost,
            sign_in_throttle,
            limits,
            email,
            measure_set,
            fsm_cuts,
            persistent_absence,
            suppress_groups_below,
            planning,
            api_limits,
        })
    }

    /// Makes sure the data directory exists (the SQLite file lives there).
    pub fn ensure_data_dir(&self) -> anyhow::Result<()> {
        std::fs::create_dir_all(&self.data_dir).with_context(|| {
            format!(
                "could not create the data directory {} (setting 'data_dir', HEADWAY_DATA_DIR)",
                self.data_dir.display()
            )
        })
    }
}

/// The suppression threshold, refused below [`Threshold::MINIMUM`] (a group of one or two
/// pupils would be identifiable) and above 255.
/// The plan's limits, each checked: a plan needs room for one priority, and a person for
/// one initiative and some hours.
fn planning_rules(raw: &Raw) -> anyhow::Result<PlanningRules> {
    if raw.plan_priority_limit == 0 {
        bail!(
            "setting 'plan_priority_limit' (HEADWAY_PLAN_PRIORITY_LIMIT) is 0: a plan needs room for at least one priority (3 by default)"
        );
    }
    if raw.plan_initiatives_per_person == 0 {
        bail!(
            "setting 'plan_initiatives_per_person' (HEADWAY_PLAN_INITIATIVES_PER_PERSON) is 0: use at least 1 (3 by default)"
        );
    }
    if !(raw.plan_hours_per_person > 0.0 && raw.plan_hours_per_person.is_finite()) {
        bail!(
            "setting 'plan_hours_per_person' (HEADWAY_PLAN_HOURS_PER_PERSON) is {}: use a positive number of hours a week (3 by default)",
            raw.plan_hours_per_person
        );
    }
    Ok(PlanningRules {
        priority_limit: PriorityLimit(raw.plan_priority_limit),
        load: LoadLimits {
            initiatives_per_person: raw.plan_initiatives_per_person,
            hours_per_person: raw.plan_hours_per_person,
            ..LoadLimits::default()
        },
    })
}

fn suppress_groups_below(k: u32) -> anyhow::Result<Threshold> {
    u8::try_from(k)
        .ok()
        .and_then(|k| Threshold::new(k).ok())
        .with_context(|| {
            format!(
                "setting 'suppress_groups_below' (HEADWAY_SUPPRESS_GROUPS_BELOW) is {k}: it must be between {} and 255 (groups of fewer pupils could identify them)",
                Threshold::MINIMUM
            )
        })
}

/// The request limits, each at least 1 (a limit of nothing would refuse every request).
fn limits(raw: &Raw) -> anyhow::Result<RequestLimits> {
    for (name, value) in [
        ("upload_limit_mb", raw.upload_limit_mb),
        ("form_limit_kb", raw.form_limit_kb),
        ("pending_uploads_per_school", raw.pending_uploads_per_school),
        ("pending_mb_per_school", raw.pending_mb_per_school),
    ] {
        if value == 0 {
            bail!(
                "setting '{name}' (HEADWAY_{}) is 0; it must be at least 1",
                name.to_uppercase()
            );
        }
    }
    const MB: u64 = 1024 * 1024;
    Ok(RequestLimits {
        upload_bytes: (u64::from(raw.upload_limit_mb) * MB) as usize,
        form_bytes: raw.form_limit_kb as usize * 1024,
        pending: PendingLimits {
            count: raw.pending_uploads_per_school as usize,
            bytes: u64::from(raw.pending_mb_per_school) * MB,
        },
    })
}

/// The email settings: all three with `smtp_url`, none without it.
fn email(raw: &Raw) -> anyhow::Result<Option<EmailConfig>> {
    let Some(smtp_url) = raw.smtp_url.clone().filter(|u| !u.trim().is_empty()) else {
        if raw.mail_from.is_some() || raw.public_url.is_some() {
            bail!(
                "settings 'mail_from' and 'public_url' are used only with 'smtp_url' (HEADWAY_SMTP_URL), which is not set"
            );
        }
        return Ok(None);
    };
    crate::mail::SmtpMailer::check_url(&smtp_url).map_err(|why| {
        anyhow::anyhow!(
            "setting 'smtp_url' (HEADWAY_SMTP_URL) is '{}': {why}; use smtps://user:password@host or smtp://host:587?tls=required",
            headway_store::redact(&smtp_url)
        )
    })?;
    let Some(mail_from) = raw.mail_from.clone() else {
        bail!(
            "setting 'mail_from' (HEADWAY_MAIL_FROM) is needed with 'smtp_url': the sender of invitations, e.g. Headway <headway@school.example>"
        );
    };
    crate::mail::SmtpMailer::check_sender(&mail_from).map_err(|why| {
        anyhow::anyhow!("setting 'mail_from' (HEADWAY_MAIL_FROM) is '{mail_from}': {why}")
    })?;
    let public_url = raw
        .public_url
        .clone()
        .map(|u| u.trim().trim_end_matches('/').to_owned())
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
    let Some(public_url) = public_url else {
        bail!(
            "setting 'public_url' (HEADWAY_PUBLIC_URL) is needed with 'smtp_url': the address people open Headway at, e.g. https://headway.school.example (links in emails point there)"
        );
    };
    Ok(Some(EmailConfig {
        smtp_url,
        mail_from,
        public_url,
    }))
}

fn figment_has_bind(file: &Option<PathBuf>) -> bool {
    file.as_ref()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .is_some_and(|text| text.lines().any(|l| l.trim_start().starts_with("bind")))
}

#[cfg(test)]
// figment's Jail takes closures returning its own (large) error type.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    /// Loads the configuration in a sandbox with only the given environment variables.
    fn load(overrides: Overrides, env: &[(&str, &str)]) -> Result<Config, String> {
        let mut result = None;
        figment::Jail::expect_with(|jail| {
            for (k, v) in env {
                jail.set_env(k, v);
            }
            result = Some(Config::load(&overrides, "headway.db").map_err(|e| format!("{e:#}")));
            Ok(())
        });
        result.expect("the jail ran")
    }

    #[test]
    fn the_measure_set_is_wales_unless_set_and_an_unknown_one_is_named() {
        assert_eq!(
            load(Overrides::default(), &[]).unwrap().measure_set.key,
            "wales"
        );
        let england = load(Overrides::default(), &[("HEADWAY_MEASURE_SET", "england")]).unwrap();
        assert_eq!(england.measure_set.headline_subject(), "ATT8");
        let err = load(Overrides::default(), &[("HEADWAY_MEASURE_SET", "scotland")]).unwrap_err();
        assert!(
            err.contains("'measure_set'")
                && err.contains("scotland")
                && err.contains("wales or england"),
            "{err}"
        );
    }

    #[test]
    fn defaults_give_a_sqlite_file_in_the_data_directory() {
        let config = load(Overrides::default(), &[]).unwrap();
        assert_eq!(config.database_url, "sqlite://data/headway.db");
        assert_eq!(config.bind.to_string(), "127.0.0.1:8080");
        assert!(!config.bind_was_set);
    }

    #[test]
    fn flags_beat_environment_which_beats_the_file() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "headway.toml",
                "bind = \"127.0.0.1:7000\"\ndata_dir = \"from-file\"\n",
            )?;
            jail.set_env("HEADWAY_BIND", "127.0.0.1:7001");
            let config = Config::load(&Overrides::default(), "x.db").unwrap();
            assert_eq!(config.bind.port(), 7001);
            assert_eq!(config.data_dir, PathBuf::from("from-file"));
            let flags = Overrides {
                bind: Some("127.0.0.1:7002".into()),
                ..Default::default()
            };
            assert_eq!(Config::load(&flags, "x.db").unwrap().bind.port(), 7002);
            Ok(())
        });
    }

    #[test]
    fn email_needs_a_sender_and_a_public_address_and_hides_the_smtp_password() {
        assert!(load(Overrides::default(), &[]).unwrap().email.is_none());
        let smtp = ("HEADWAY_SMTP_URL", "smtps://user:secret@mail.example.org");
        let err = load(Overrides::default(), &[smtp]).unwrap_err();
        assert!(err.contains("HEADWAY_MAIL_FROM"), "{err}");
        let from = ("HEADWAY_MAIL_FROM", "Headway <headway@school.example>");
        let err = load(Overrides::default(), &[smtp, from]).unwrap_err();
        assert!(err.contains("HEADWAY_PUBLIC_URL"), "{err}");
        let public = ("HEADWAY_PUBLIC_URL", "https://headway.school.example/");
        let config = load(Overrides::default(), &[smtp, from, public]).unwrap();
        let email = config.email.clone().unwrap();
        assert_eq!(email.public_url, "https://headway.school.example");
        assert!(!format!("{config:?}").contains("secret"));
        let err = load(
            Overrides::default(),
            &[("HEADWAY_SMTP_URL", "ftp://mail.example.org"), from, public],
        )
        .unwrap_err();
        assert!(err.contains("HEADWAY_SMTP_URL"), "{err}");
        let err = load(
            Overrides::default(),
            &[smtp, ("HEADWAY_MAIL_FROM", "not an address"), public],
        )
        .unwrap_err();
        assert!(err.contains("HEADWAY_MAIL_FROM"), "{err}");
        let err = load(Overrides::default(), &[from]).unwrap_err();
        assert!(err.contains("smtp_url"), "{err}");
    }

    #[test]
    fn fsm_band_cut_points_are_read_and_checked() {
        let config = load(Overrides::default(), &[]).unwrap();
        assert!(config.fsm_cuts.is_default());
        let config = load(
            Overrides::default(),
            &[("HEADWAY_FSM_BAND_UPPER_PERCENT", "[10, 20, 25]")],
        )
        .unwrap();
        assert_eq!(config.fsm_cuts.band(0.30).number(), 4);
        let err = load(
            Overrides::default(),
            &[("HEADWAY_FSM_BAND_UPPER_PERCENT", "[35, 20, 8]")],
        )
        .unwrap_err();
        assert!(err.contains("HEADWAY_FSM_BAND_UPPER_PERCENT"), "{err}");
    }

    #[test]
    fn the_persistent_absence_cut_is_read_and_checked() {
        let config = load(Overrides::default(), &[]).unwrap();
        assert_eq!(config.persistent_absence, PersistentAbsence::DEFAULT);
        let config = load(
            Overrides::default(),
            &[("HEADWAY_PERSISTENT_ABSENCE_PERCENT", "15")],
        )
        .unwrap();
        assert!((config.persistent_absence.share() - 0.15).abs() < 1e-12);
        let err = load(
            Overrides::default(),
            &[("HEADWAY_PERSISTENT_ABSENCE_PERCENT", "0")],
        )
        .unwrap_err();
        assert!(err.contains("HEADWAY_PERSISTENT_ABSENCE_PERCENT"), "{err}");
    }

    #[test]
    fn the_plans_limits_are_read_and_checked() {
        let config = load(Overrides::default(), &[]).unwrap();
        assert_eq!(config.planning, PlanningRules::default());
        let config = load(
            Overrides::default(),
            &[
                ("HEADWAY_PLAN_PRIORITY_LIMIT", "4"),
                ("HEADWAY_PLAN_INITIATIVES_PER_PERSON", "2"),
                ("HEADWAY_PLAN_HOURS_PER_PERSON", "2.5"),
            ],
        )
        .unwrap();
        assert_eq!(config.planning.priority_limit, PriorityLimit(4));
        assert_eq!(config.planning.load.initiatives_per_person, 2);
        assert_eq!(config.planning.load.hours_per_person, 2.5);
        for (name, wrong) in [
            ("HEADWAY_PLAN_PRIORITY_LIMIT", "0"),
            ("HEADWAY_PLAN_INITIATIVES_PER_PERSON", "0"),
            ("HEADWAY_PLAN_HOURS_PER_PERSON", "-1"),
        ] {
            let err = load(Overrides::default(), &[(name, wrong)]).unwrap_err();
            assert!(err.contains(name), "{err}");
        }
    }

    #[test]
    fn the_suppression_threshold_is_six_unless_set_and_never_below_the_minimum() {
        let config = load(Overrides::default(), &[]).unwrap();
        assert_eq!(config.suppress_groups_below.get(), 6);
        assert_eq!(
            config.suppress_groups_below,
            headway_web::default_suppress_groups_below()
        );
        let config = load(
            Overrides::default(),
            &[("HEADWAY_SUPPRESS_GROUPS_BELOW", "10")],
        )
        .unwrap();
        assert_eq!(config.suppress_groups_below.get(), 10);
        for wrong in ["2", "0", "300"] {
            let err = load(
                Overrides::default(),
                &[("HEADWAY_SUPPRESS_GROUPS_BELOW", wrong)],
            )
            .unwrap_err();
            assert!(
                err.contains("suppress_groups_below")
                    && err.contains("HEADWAY_SUPPRESS_GROUPS_BELOW")
                    && err.contains("between 3"),
                "{err}"
            );
        }
        figment::Jail::expect_with(|jail| {
            jail.create_file("headway.toml", "suppress_groups_below = 8\n")?;
            let config = Config::load(&Overrides::default(), "x.db").unwrap();
            assert_eq!(config.suppress_groups_below.get(), 8);
            Ok(())
        });
    }

    #[test]
    fn a_wrong_setting_names_itself() {
        let err = load(Overrides::default(), &[("HEADWAY_BIND", "everywhere")]).unwrap_err();
        assert!(
            err.contains("HEADWAY_BIND") && err.contains("everywhere"),
            "{err}"
        );
        let err = load(
            Overrides::default(),
            &[("HEADWAY_DATABASE_URL", "mysql://x")],
        )
        .unwrap_err();
        assert!(err.contains("HEADWAY_DATABASE_URL"), "{err}");
        let err = load(
            Overrides::default(),
            &[("HEADWAY_PASSWORD_ITERATIONS", "many")],
        )
        .unwrap_err();
        assert!(err.contains("password_iterations"), "{err}");
    }

    #[test]
    fn sign_in_throttling_is_configured_and_checked() {
        let config = load(Overrides::default(), &[]).unwrap();
        assert_eq!(config.sign_in_throttle, SignInThrottle::default());
        let config = load(
            Overrides::default(),
            &[
                ("HEADWAY_SIGN_IN_ACCOUNT_FREE_FAILURES", "3"),
                ("HEADWAY_SIGN_IN_MAX_DELAY_SECONDS", "600"),
            ],
        )
        .unwrap();
        assert_eq!(config.sign_in_throttle.account_free_failures, 3);
        assert_eq!(config.sign_in_throttle.max_delay_seconds, 600);
        let err = load(
            Overrides::default(),
            &[("HEADWAY_SIGN_IN_FORGET_AFTER_SECONDS", "10")],
        )
        .unwrap_err();
        assert!(err.contains("sign_in_forget_after_seconds"), "{err}");
    }

    #[test]
    fn request_limits_have_safe_defaults_and_come_from_settings() {
        let defaults = load(Overrides::default(), &[]).unwrap().limits;
        assert_eq!(defaults.upload_bytes, 64 * 1024 * 1024);
        assert_eq!(defaults.form_bytes, 256 * 1024);
        let set = load(
            Overrides::default(),
            &[
                ("HEADWAY_UPLOAD_LIMIT_MB", "8"),
                ("HEADWAY_PENDING_UPLOADS_PER_SCHOOL", "3"),
            ],
        )
        .unwrap()
        .limits;
        assert_eq!(set.upload_bytes, 8 * 1024 * 1024);
        assert_eq!(set.pending.count, 3);
        let err = load(Overrides::default(), &[("HEADWAY_FORM_LIMIT_KB", "0")]).unwrap_err();
        assert!(err.contains("form_limit_kb"), "{err}");
    }

    #[test]
    fn passwords_in_urls_never_print() {
        let overrides = Overrides {
            database_url: Some("postgres://me:hunter22@db/headway".into()),
            ..Default::default()
        };
        let config = load(overrides, &[]).unwrap();
        assert!(!format!("{config:?}").contains("hunter22"));
    }
}
