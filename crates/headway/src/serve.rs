//! `headway serve`, and the pieces `demo` shares with it: open and migrate the store, bind,
//! serve until Ctrl+C.

use crate::config::Config;
use anyhow::Context;
use headway_store::Store;
use headway_web::WebSettings;
use std::time::Duration;
use tokio::net::TcpListener;

pub async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let store = Store::connect(&config.database_url).await?;
    store.migrate().await?;
    Ok(store)
}

/// Binds the configured address. With `move_if_taken` (the demo) a default port that is
/// taken is replaced by a free one; an address the person chose is never changed.
pub async fn bind(config: &Config, move_if_taken: bool) -> anyhow::Result<TcpListener> {
    match TcpListener::bind(config.bind).await {
        Ok(listener) => Ok(listener),
        Err(e)
            if e.kind() == std::io::ErrorKind::AddrInUse
                && move_if_taken
                && !config.bind_was_set =>
        {
            let mut free = config.bind;
            free.set_port(0);
            let listener = TcpListener::bind(free).await?;
            println!(
                "Port {} is in use, so the demo uses port {} instead.",
                config.bind.port(),
                listener.local_addr()?.port()
            );
            Ok(listener)
        }
        Err(e) => Err(e).with_context(|| {
            format!(
                "could not listen on {} (setting 'bind', HEADWAY_BIND, --bind)",
                config.bind
            )
        }),
    }
}

pub async fn serve_on(listener: TcpListener, store: Store, config: &Config) -> anyhow::Result<()> {
    let settings = WebSettings {
        password_cost: config.password_cost,
        throttle: config.sign_in_throttle,
        secure_cookies: config.secure_cookies,
        limits: config.limits,
        measure_set: config.measure_set,
        fsm_cuts: config.fsm_cuts,
        persistent_absence: config.persistent_absence,
        suppress_groups_below: config.suppress_groups_below,
        planning: config.planning,
        api_limits: config.api_limits,
        email: match &config.email {
            Some(email) => Some(headway_web::EmailInvitations {
                mailer: std::sync::Arc::new(crate::mail::SmtpMailer::new(
                    &email.smtp_url,
                    &email.mail_from,
                )?),
                public_url: email.public_url.clone(),
            }),
            None => None,
        },
        ..WebSettings::default()
    };
    let sweeper = store.clone();
    let forget_after = config.sign_in_throttle.forget_after_seconds;
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            if let Err(e) = sweeper.sessions().delete_expired().await {
                tracing::warn!(error = %e, "could not delete expired sessions");
            }
            if let Err(e) = sweeper
                .accounts()
                .forget_sign_in_attempts(forget_after)
                .await
            {
                tracing::warn!(error = %e, "could not forget old sign-in attempts");
            }
            // The API's request windows: any older than an hour has ended.
            if let Err(e) = sweeper.api().forget_request_counts(3600).await {
                tracing::warn!(error = %e, "could not forget old API request counts");
            }
        }
    });
    let app = headway_web::app(store.clone(), settings);
    // Sign-in throttling counts attempts per client address, read from the connection.
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    store.close().await;
    Ok(())
}

pub async fn run(overrides: crate::config::Overrides) -> anyhow::Result<()> {
    let config = Config::load(&overrides, "headway.db")?;
    config.ensure_data_dir()?;
    let store = open_store(&config).await?;
    let listener = bind(&config, false).await?;
    println!(
        "Headway is serving {} at http://{}/",
        headway_store::redact(&config.database_url),
        listener.local_addr()?
    );
    serve_on(listener, store, &config).await
}
