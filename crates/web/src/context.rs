//! What every page needs from the request: the person's language, their session's CSRF
//! token, and who is signed in. Handlers take [`Page`] (anyone) or [`SignedIn`] (a
//! signed-in person; others are sent to the sign-in page).

use crate::AppState;
use crate::csrf;
use crate::error::AppError;
use crate::i18n::{Lang, Tr};
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use headway_domain::access::Principal;
use headway_domain::ids::PersonId;
use headway_domain::roles::Role;
use tower_sessions::Session;

pub const LANG_COOKIE: &str = "headway_lang";
/// Where a session keeps who is signed in (the session store reads it too).
pub(crate) const PERSON_KEY: &str = "person";

/// The language of a request: the person's chosen cookie, else `Accept-Language`.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Lang::from_code(value));
    from_cookie.unwrap_or_else(|| {
        Lang::negotiate(
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or(""),
        )
    })
}

pub async fn signed_in_person(session: &Session) -> Option<PersonId> {
    session
        .get::<i64>(PERSON_KEY)
        .await
        .ok()
        .flatten()
        .map(PersonId)
}

/// Starts a signed-in session under a fresh id (so an id planted before sign-in is useless).
pub async fn begin_signed_in(session: &Session, person: PersonId) -> Result<(), AppError> {
    session
        .cycle_id()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    session
        .insert(PERSON_KEY, person.0)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    csrf::renew(session).await?;
    Ok(())
}

/// Navigation and header facts about the signed-in person.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub principal: Principal,
}

impl Viewer {
    pub fn name(&self) -> &str {
        &self.principal.name
    }

    pub fn has(&self, role: Role) -> bool {
        self.principal.roles().contains(&role)
    }

    /// Whether the surveys page has anything for them: they run surveys or read results.
    pub fn reads_surveys(&self) -> bool {
        [Role::Head, Role::SeniorLeader, Role::Governor]
            .iter()
            .any(|role| self.has(*role))
    }
}

/// Context for rendering any page.
#[derive(Debug, Clone)]
pub struct Page {
    pub t: Tr,
    pub csrf: String,
    pub viewer: Option<Viewer>,
    pub path: String,
    /// The deployment's FSM band cut points.
    pub fsm_cuts: headway_domain::school::FsmBandCuts,
    /// The deployment's suppression threshold for pupil groups (setting
    /// `suppress_groups_below`).
    pub suppress_below: headway_domain::anonymity::Threshold,
}

impl Page {
    /// What the FSM bands are, with their cut points, and whether they are Headway's
    /// unverified defaults or the deployment's own.
    pub fn fsm_bands(&self) -> String {
        let [one, two, three] = self.fsm_cuts.percentages();
        let number = |p: f64| crate::format::decimal(Some(p), if p.fract() == 0.0 { 0 } else { 1 });
        self.t.with(
            if self.fsm_cuts.is_default() {
                "fsm-band-explanation-default"
            } else {
                "fsm-band-explanation-configured"
            },
            &[
                ("one", number(one).into()),
                ("two", number(two).into()),
                ("three", number(three).into()),
            ],
        )
    }

    /// "fewer than k pupils: not shown", with the deployment's threshold.
    pub fn fewer_than(&self) -> String {
        self.t
            .count("suppressed-fewer-than", self.suppress_below.get())
    }

    /// The suppression threshold in force, and whether it is Headway's default or set for
    /// this deployment.
    pub fn suppression_note(&self) -> String {
        self.suppression_note_for(self.suppress_below)
    }

    /// [`Page::suppression_note`] for the threshold a figure was computed with.
    pub fn suppression_note_for(&self, threshold: headway_domain::anonymity::Threshold) -> String {
        let key = if threshold == crate::default_suppress_groups_below() {
            "suppression-note-default"
        } else {
            "suppression-note-configured"
        };
        self.t.with(key, &[("k", threshold.get().into())])
    }

    pub fn lang(&self) -> &'static str {
        self.t.code()
    }

    pub fn other_langs(&self) -> Vec<(&'static str, &'static str)> {
        Lang::ALL
            .iter()
            .filter(|l| **l != self.t.lang)
            .map(|l| (l.code(), l.endonym()))
            .collect()
    }
}

impl<S> FromRequestParts<S> for Page
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let app = AppState::from_ref(state);
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, why)| AppError::Internal(why.to_owned()))?;
        let t = Tr::new(request_lang(&parts.headers));
        let csrf = csrf::for_page(&session, parts).await?;
        let viewer = match signed_in_person(&session).await {
            Some(person) => match app.store.accounts().principal(person).await {
                Ok(principal) => Some(Viewer { principal }),
                // The person was removed while signed in: treat as signed out.
                Err(headway_store::StoreError::NotFound { .. }) => None,
                Err(e) => return Err(e.into()),
            },
            None => None,
        };
        let path = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_else(|| "/".into());
        Ok(Page {
            t,
            csrf,
            viewer,
            path,
            fsm_cuts: app.settings.fsm_cuts,
            suppress_below: app.settings.suppress_groups_below,
        })
    }
}

/// A page that needs a signed-in person.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub page: Page,
    pub principal: Principal,
}

pub enum SignInRequired {
    Redirect(String),
    Failed(AppError),
}

impl IntoResponse for SignInRequired {
    fn into_response(self) -> Response {
        match self {
            SignInRequired::Redirect(next) => {
                let next: String = form_urlencoded::byte_serialize(next.as_bytes()).collect();
                Redirect::to(&format!("/sign-in?next={next}")).into_response()
            }
            SignInRequired::Failed(e) => e.into_response(),
        }
    }
}

impl<S> FromRequestParts<S> for SignedIn
where
    AppState: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = SignInRequired;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let page = Page::from_request_parts(parts, state)
            .await
            .map_err(SignInRequired::Failed)?;
        match &page.viewer {
            Some(viewer) => {
                let principal = viewer.principal.clone();
                Ok(SignedIn { page, principal })
            }
            None => Err(SignInRequired::Redirect(page.path.clone())),
        }
    }
}
