//! The JSON API's use cases: personal API tokens (made, listed and revoked by their person,
//! each change in one transaction with its audit line), recognising the caller of a
//! request by their token, counting requests in fixed windows held in the database, and
//! the schools a caller reaches. The API's readings otherwise call the very use cases the
//! pages call (`progress`, `planning::view`, `survey`), with the caller's person, after
//! [`ApiCaller::may`] has intersected that person's rights with the token's scopes.

use headway_domain::access::{Action, Principal};
use headway_domain::api::{
    ApiCaller, ApiDenied, BadCredentials, MAX_LIVE_TOKENS, Scope, Scopes, TokenRequestError,
    TokenSecret, token_name,
};
use headway_domain::school::{FsmBand, FsmBandCuts};
use headway_store::api::TokenListed;
use headway_store::roster::SchoolSummary;
use headway_store::{Store, StoreError};

/// Why a token use case did nothing.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The request was refused as asked (no scope, an unknown one, no name …): nothing
    /// was written.
    #[error("{0}")]
    Request(#[from] TokenRequestError),
    /// No such live token of this person.
    #[error("not found")]
    NotFound,
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// A token just made: its secret, shown to its person this once.
#[derive(Debug)]
pub struct NewToken {
    pub id: i64,
    pub secret: TokenSecret,
    pub scopes: Scopes,
}

/// Makes a token for `viewer` named `name` with the scopes named, recorded in the audit
/// log in the same commit. Refuses an empty or overlong name, no scope or an unknown
/// one, and a person who already holds [`MAX_LIVE_TOKENS`] live tokens.
pub async fn create_token<'a>(
    store: &Store,
    viewer: &Principal,
    name: &str,
    scope_names: impl IntoIterator<Item = &'a str>,
) -> Result<NewToken, TokenError> {
    let name = token_name(name)?;
    let scopes = Scopes::parse(scope_names)?;
    let secret = TokenSecret::generate();
    let mut tx = store.begin().await?;
    let api = store.api();
    let live = api.live_tokens(&mut tx, viewer.person).await?;
    if live >= MAX_LIVE_TOKENS as i64 {
        return Err(TokenRequestError::TooManyTokens(MAX_LIVE_TOKENS).into());
    }
    let id = api
        .create_token(&mut tx, viewer.person, &name, &scopes, &secret)
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "api_token.create",
            &format!("token {id} '{name}' ({}) {scopes}", secret.prefix()),
        )
        .await?;
    tx.commit().await?;
    Ok(NewToken { id, secret, scopes })
}

/// The viewer's own tokens, live first.
pub async fn tokens(store: &Store, viewer: &Principal) -> Result<Vec<TokenListed>, StoreError> {
    store.api().tokens_of(viewer.person).await
}

/// Revokes one of the viewer's live tokens, with its audit line; a token of someone else
/// answers as one that does not exist. Returns its name.
pub async fn revoke_token(
    store: &Store,
    viewer: &Principal,
    token: i64,
) -> Result<String, TokenError> {
    let mut tx = store.begin().await?;
    let name = store
        .api()
        .revoke(&mut tx, viewer.person, token)
        .await?
        .ok_or(TokenError::NotFound)?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(viewer.person),
            "api_token.revoke",
            &format!("token {token} '{name}'"),
        )
        .await?;
    tx.commit().await?;
    Ok(name)
}

/// Why a request names no caller.
#[derive(Debug, thiserror::Error)]
pub enum CallerError {
    #[error("{0}")]
    Credentials(#[from] BadCredentials),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// The caller of a request with this `Authorization` header: a live token's person (as the
/// pages load them, grants resolved now, so a role taken away is gone from the next
/// request) and the token's scopes. A token of a person removed since is unknown.
pub async fn caller(store: &Store, authorization: Option<&str>) -> Result<ApiCaller, CallerError> {
    let header = authorization.ok_or(BadCredentials::Missing)?;
    let secret = TokenSecret::from_authorization(header)?;
    let token = store
        .api()
        .live_token(&secret)
        .await?
        .ok_or(BadCredentials::UnknownOrRevoked)?;
    let principal = match store.accounts().principal(token.person).await {
        Ok(principal) => principal,
        Err(StoreError::NotFound { .. }) => return Err(BadCredentials::UnknownOrRevoked.into()),
        Err(e) => return Err(e.into()),
    };
    store.api().mark_used(token.id).await?;
    Ok(ApiCaller {
        principal,
        scopes: token.scopes,
        token: token.id,
    })
}

/// How many API requests are allowed, in fixed windows counted in the database (so the
/// limit holds across every app server together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    pub window_seconds: i64,
    /// Requests per window with one token.
    pub per_token: i64,
    /// Requests per window from one client address without a working token (no token, a
    /// malformed, unknown or revoked one), and for the OpenAPI document.
    pub per_address: i64,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            window_seconds: 60,
            per_token: 120,
            per_address: 30,
        }
    }
}

/// Whether a request may go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateDecision {
    Allowed,
    /// Over the limit: the window ends in this many seconds.
    Wait {
        seconds: i64,
    },
}

/// Who a request is counted against.
#[derive(Debug, Clone, Copy)]
pub enum Counted<'a> {
    Token(i64),
    Address(&'a str),
}

/// Counts one request and says whether it is within the limit.
pub async fn count_request(
    store: &Store,
    limits: RateLimits,
    against: Counted<'_>,
) -> Result<RateDecision, StoreError> {
    let (subject, limit) = match against {
        Counted::Token(id) => (format!("token:{id}"), limits.per_token),
        Counted::Address(address) => (format!("address:{address}"), limits.per_address),
    };
    let counted = store
        .api()
        .count_request(&subject, limits.window_seconds)
        .await?;
    Ok(if counted.requests > limit {
        RateDecision::Wait {
            seconds: (counted.window_ends - store.now()).max(1),
        }
    } else {
        RateDecision::Allowed
    })
}

/// Why a reading through the API gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Denied(#[from] ApiDenied),
    #[error("store: {0}")]
    Store(#[from] StoreError),
}

/// A school the caller reaches, with what the token lets them read of it.
#[derive(Debug, Clone)]
pub struct SchoolInReach {
    pub summary: SchoolSummary,
    pub fsm_band: FsmBand,
    /// Each reading the API offers for the school, and whether this caller may have it.
    pub reads: Vec<(Scope, bool)>,
}

/// The schools the caller's person has a role in or over (as their home page and the
/// schools pages offer them), each with the readings this token allows there; the token
/// needs `read:schools`.
pub async fn schools_in_reach(
    store: &Store,
    caller: &ApiCaller,
    cuts: FsmBandCuts,
) -> Result<Vec<SchoolInReach>, ReadError> {
    caller.has_scope(Scope::ReadSchools)?;
    let mut schools = Vec::new();
    for school in caller.principal.schools() {
        let Some(summary) = store.roster().school(school).await? else {
            continue;
        };
        let readings = [
            (Scope::ReadProgress, Action::ViewSchoolFigures(school)),
            (Scope::ReadPupils, Action::ViewPupils(school)),
            (Scope::ReadPlans, Action::ViewPlan(school)),
            (Scope::ReadSurveys, Action::ViewSurveyResults(school)),
        ];
        schools.push(SchoolInReach {
            fsm_band: cuts.band(summary.fsm_share),
            summary,
            reads: readings
                .iter()
                .map(|(scope, action)| (*scope, caller.may(action).is_ok()))
                .collect(),
        });
    }
    schools.sort_by(|a, b| a.summary.name.cmp(&b.summary.name));
    Ok(schools)
}
