//! The JSON API's rules that need no database: what a personal API token may be used for
//! (its scopes), what a token looks like, and what a caller holding one may do — the
//! token's person's rights ([`Principal::may`], the policy every page asks) intersected
//! with the token's scopes. A token never reaches more than its person could through the
//! pages, and never anything its scopes leave out. The API only reads.

use crate::access::{Action, Denied, Principal};
use rand::RngExt;
use std::fmt;

/// What a token may be used to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// The schools the person may see, with their context.
    ReadSchools,
    /// A school's progress figures with their intervals (what the progress page shows).
    ReadProgress,
    /// Pupil-level data: the pupils falling behind, for those whose role shows pupils.
    ReadPupils,
    /// A school's improvement plan, as much as the person reads of it.
    ReadPlans,
    /// Released survey results, scale by scale.
    ReadSurveys,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::ReadSchools,
        Scope::ReadProgress,
        Scope::ReadPupils,
        Scope::ReadPlans,
        Scope::ReadSurveys,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::ReadSchools => "read:schools",
            Scope::ReadProgress => "read:progress",
            Scope::ReadPupils => "read:pupils",
            Scope::ReadPlans => "read:plans",
            Scope::ReadSurveys => "read:surveys",
        }
    }

    pub fn parse(text: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The scope a token needs for `action`; `None` for an action the API never offers
    /// (every change, and every reading the API has no endpoint for).
    pub fn needed_for(action: &Action) -> Option<Scope> {
        match action {
            Action::ViewSchoolFigures(_) => Some(Scope::ReadProgress),
            Action::ViewPupils(_) | Action::ViewClass { .. } => Some(Scope::ReadPupils),
            Action::ViewPlan(_) => Some(Scope::ReadPlans),
            Action::ViewSurveyResults(_) => Some(Scope::ReadSurveys),
            _ => None,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A token's scopes: at least one, each once, in a stable order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scopes(Vec<Scope>);

/// Why a token could not be made as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenRequestError {
    #[error("choose at least one scope")]
    NoScope,
    #[error(
        "'{0}' is not a scope (the scopes are read:schools, read:progress, read:pupils, read:plans and read:surveys)"
    )]
    UnknownScope(String),
    #[error("give the token a name, so you can tell it from your others")]
    NoName,
    #[error("a token's name has at most {MAX_NAME_CHARS} characters")]
    NameTooLong,
    #[error("you already hold {0} live tokens, the most one person may hold; revoke one first")]
    TooManyTokens(usize),
}

impl Scopes {
    /// The scopes named, separated by spaces or commas (as stored, and as a form sends
    /// them one by one); refuses an empty list and any unknown name.
    pub fn parse<'a>(
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<Scopes, TokenRequestError> {
        let mut scopes = Vec::new();
        for name in names
            .into_iter()
            .flat_map(|n| n.split([' ', ',']))
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            let scope = Scope::parse(name)
                .ok_or_else(|| TokenRequestError::UnknownScope(name.chars().take(40).collect()))?;
            scopes.push(scope);
        }
        scopes.sort_unstable();
        scopes.dedup();
        if scopes.is_empty() {
            return Err(TokenRequestError::NoScope);
        }
        Ok(Scopes(scopes))
    }

    pub fn contains(&self, scope: Scope) -> bool {
        self.0.contains(&scope)
    }

    pub fn iter(&self) -> impl Iterator<Item = Scope> + '_ {
        self.0.iter().copied()
    }
}

impl fmt::Display for Scopes {
    /// Space-separated, as stored.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.0.iter().map(|s| s.as_str()).collect();
        f.write_str(&names.join(" "))
    }
}

/// The longest name a token may have, in characters.
pub const MAX_NAME_CHARS: usize = 80;

/// The most live (unrevoked) tokens one person may hold.
pub const MAX_LIVE_TOKENS: usize = 20;

/// A token's name, trimmed; refuses an empty or overlong one.
pub fn token_name(name: &str) -> Result<String, TokenRequestError> {
    let name = name.trim();
    if name.is_empty() {
        Err(TokenRequestError::NoName)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(TokenRequestError::NameTooLong)
    } else {
        Ok(name.to_owned())
    }
}

/// What every token begins with, so a leaked one is easy to recognise (and to scan for).
pub const TOKEN_PREFIX: &str = "hw_";

/// The secret of a token: `hw_` and 64 hex digits, 256 random bits. High-entropy, so a
/// single SHA-256 is the right way to keep it at rest (no salt or slow hash needed: it
/// cannot be guessed from a list). Shown to its person once, never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct TokenSecret(String);

impl fmt::Debug for TokenSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TokenSecret({}…)", self.prefix())
    }
}

/// Why an `Authorization` header names no token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BadCredentials {
    #[error("send your token as 'Authorization: Bearer hw_…'")]
    Missing,
    #[error(
        "the Authorization header must be 'Bearer ' followed by a token that begins hw_ and has 64 hex digits"
    )]
    Malformed,
    #[error("this token is unknown or has been revoked")]
    UnknownOrRevoked,
}

impl TokenSecret {
    pub fn generate() -> TokenSecret {
        let bytes: [u8; 32] = rand::rng().random();
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        TokenSecret(format!("{TOKEN_PREFIX}{hex}"))
    }

    /// The token of an `Authorization` header's value: `Bearer ` (any case) and a
    /// well-formed token, nothing else.
    pub fn from_authorization(value: &str) -> Result<TokenSecret, BadCredentials> {
        let (scheme, token) = value.split_once(' ').ok_or(BadCredentials::Malformed)?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Err(BadCredentials::Malformed);
        }
        Self::parse(token.trim())
    }

    /// A token as its person copied it.
    pub fn parse(token: &str) -> Result<TokenSecret, BadCredentials> {
        let hex = token
            .strip_prefix(TOKEN_PREFIX)
            .ok_or(BadCredentials::Malformed)?;
        if hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(TokenSecret(format!(
                "{TOKEN_PREFIX}{}",
                hex.to_ascii_lowercase()
            )))
        } else {
            Err(BadCredentials::Malformed)
        }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The first characters, kept in the clear so a person can tell their tokens apart.
    pub fn prefix(&self) -> &str {
        &self.0[..TOKEN_PREFIX.len() + 6]
    }
}

/// Why a token's caller may not do something.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiDenied {
    /// The person could, but the token was not given the scope.
    #[error("this token lacks the scope {0}")]
    MissingScope(Scope),
    /// The person may not, whatever the token's scopes.
    #[error("{0}")]
    Denied(Denied),
    #[error("the API does not offer this")]
    NotOffered,
}

/// Someone calling the API with a live token: its person and the token's scopes.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiCaller {
    pub principal: Principal,
    pub scopes: Scopes,
    /// The token's id, for counting its requests.
    pub token: i64,
}

impl ApiCaller {
    /// Whether the token holds `scope` (asked first, before the person's rights, for a
    /// reading such as the schools list that is not one [`Action`]).
    pub fn has_scope(&self, scope: Scope) -> Result<(), ApiDenied> {
        if self.scopes.contains(scope) {
            Ok(())
        } else {
            Err(ApiDenied::MissingScope(scope))
        }
    }

    /// The person's rights intersected with the token's scopes: the action must be one the
    /// API offers, the token must hold its scope, and the person must be allowed it by the
    /// one policy the pages ask.
    pub fn may(&self, action: &Action) -> Result<(), ApiDenied> {
        let scope = Scope::needed_for(action).ok_or(ApiDenied::NotOffered)?;
        self.principal.may(action).map_err(ApiDenied::Denied)?;
        self.has_scope(scope)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Grant;
    use crate::ids::{OrgId, PersonId, SchoolId};
    use crate::roles::Role;

    const SCHOOL: SchoolId = SchoolId(10);

    fn caller(role: Role, scopes: &str) -> ApiCaller {
        ApiCaller {
            principal: Principal {
                person: PersonId(1),
                name: "Test".into(),
                grants: vec![Grant {
                    role,
                    org: OrgId(SCHOOL.0),
                    subject: None,
                    schools: vec![SCHOOL],
                }],
                taught_classes: vec![],
            },
            scopes: Scopes::parse([scopes]).unwrap(),
            token: 1,
        }
    }

    #[test]
    fn scopes_parse_from_a_list_or_one_by_one_and_refuse_unknown_names() {
        let scopes = Scopes::parse(["read:plans read:schools,read:plans"]).unwrap();
        assert_eq!(scopes.to_string(), "read:schools read:plans");
        assert_eq!(
            Scopes::parse(["read:progress", "read:surveys"])
                .unwrap()
                .to_string(),
            "read:progress read:surveys"
        );
        assert_eq!(Scopes::parse([" , "]), Err(TokenRequestError::NoScope));
        assert_eq!(
            Scopes::parse(["read:schools write:plans"]),
            Err(TokenRequestError::UnknownScope("write:plans".into()))
        );
        for scope in Scope::ALL {
            assert_eq!(Scope::parse(scope.as_str()), Some(scope));
        }
    }

    #[test]
    fn a_token_is_256_random_bits_and_only_a_bearer_header_of_that_shape_is_read() {
        let a = TokenSecret::generate();
        let b = TokenSecret::generate();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 3 + 64);
        assert!(a.expose().starts_with("hw_"));
        assert_eq!(a.prefix().len(), 9);
        assert!(!format!("{a:?}").contains(&a.expose()[9..]), "never logged");
        let header = format!("Bearer {}", a.expose());
        assert_eq!(TokenSecret::from_authorization(&header), Ok(a.clone()));
        let lower = format!(
            "bearer {}",
            a.expose().to_ascii_uppercase().replace("HW_", "hw_")
        );
        assert_eq!(TokenSecret::from_authorization(&lower), Ok(a.clone()));
        for bad in [
            "",
            "Bearer",
            "Bearer ",
            "Basic dXNlcjpwYXNz",
            &format!("Token {}", a.expose()),
            &format!("Bearer {}", &a.expose()[3..]),
            &format!("Bearer {}x", a.expose()),
            &format!("Bearer {}", &a.expose()[..40]),
            "Bearer hw_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
            "Bearer hw_' OR 1=1 --",
        ] {
            assert_eq!(
                TokenSecret::from_authorization(bad),
                Err(BadCredentials::Malformed),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(token_name("  Nightly export "), Ok("Nightly export".into()));
        assert_eq!(token_name("   "), Err(TokenRequestError::NoName));
        assert_eq!(
            token_name(&"a".repeat(MAX_NAME_CHARS + 1)),
            Err(TokenRequestError::NameTooLong)
        );
        assert!(token_name(&"ŵ".repeat(MAX_NAME_CHARS)).is_ok());
    }

    #[test]
    fn a_caller_may_what_both_the_person_and_the_scopes_allow() {
        let head = caller(Role::Head, "read:progress read:plans");
        assert_eq!(head.may(&Action::ViewSchoolFigures(SCHOOL)), Ok(()));
        assert_eq!(head.may(&Action::ViewPlan(SCHOOL)), Ok(()));
        // The head could read pupils and surveys, but the token was not given the scopes.
        assert_eq!(
            head.may(&Action::ViewPupils(SCHOOL)),
            Err(ApiDenied::MissingScope(Scope::ReadPupils))
        );
        assert_eq!(
            head.may(&Action::ViewSurveyResults(SCHOOL)),
            Err(ApiDenied::MissingScope(Scope::ReadSurveys))
        );
        // A governor's token with every scope still reads no pupil.
        let governor = caller(
            Role::Governor,
            "read:schools read:progress read:pupils read:plans read:surveys",
        );
        assert_eq!(
            governor.may(&Action::ViewPupils(SCHOOL)),
            Err(ApiDenied::Denied(Denied::FiguresOnly))
        );
        // Nothing of another school, and nothing the API does not offer.
        assert_eq!(
            head.may(&Action::ViewSchoolFigures(SchoolId(11))),
            Err(ApiDenied::Denied(Denied::NotInSchool))
        );
        assert_eq!(
            head.may(&Action::EditPlan(SCHOOL)),
            Err(ApiDenied::NotOffered)
        );
        assert_eq!(
            head.has_scope(Scope::ReadSchools),
            Err(ApiDenied::MissingScope(Scope::ReadSchools))
        );
    }

    #[test]
    fn only_readings_have_a_scope() {
        assert_eq!(Scope::needed_for(&Action::ImportData(SCHOOL)), None);
        assert_eq!(Scope::needed_for(&Action::ManageUsers), None);
        assert_eq!(Scope::needed_for(&Action::RunSurveys(SCHOOL)), None);
        assert_eq!(
            Scope::needed_for(&Action::ViewSurveyResults(SCHOOL)),
            Some(Scope::ReadSurveys)
        );
    }
}
