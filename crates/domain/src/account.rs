//! Accounts: email addresses parsed at the boundary, passwords hashed with argon2id, and
//! the rule that throttles repeated failed sign-ins.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};

/// An email address, trimmed and lower-cased, with one `@` and something either side.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum AccountError {
    #[error("'{0}' is not an email address")]
    BadEmail(String),
    #[error("a password needs at least {min} characters")]
    PasswordTooShort { min: usize },
    #[error("the password could not be hashed: {0}")]
    Hashing(String),
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let email = raw.trim().to_lowercase();
        let valid = match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.is_empty()
                    && !domain.contains('@')
                    && !email.chars().any(char::is_whitespace)
            }
            None => false,
        };
        if valid && email.len() <= 254 {
            Ok(Email(email))
        } else {
            Err(AccountError::BadEmail(raw.trim().to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub const MIN_PASSWORD_LENGTH: usize = 10;

/// Cost parameters of argon2id. Production uses the OWASP-recommended 19 MiB, 2 passes;
/// tests may use cheaper ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordCost {
    pub memory_kib: u32,
    pub iterations: u32,
}

impl Default for PasswordCost {
    fn default() -> Self {
        PasswordCost {
            memory_kib: 19 * 1024,
            iterations: 2,
        }
    }
}

impl PasswordCost {
    /// Deliberately weak parameters for tests and the throw-away demo database.
    pub const CHEAP: PasswordCost = PasswordCost {
        memory_kib: 256,
        iterations: 1,
    };

    fn hasher(self) -> Argon2<'static> {
        let params = Params::new(self.memory_kib, self.iterations, 1, None)
            .expect("argon2 parameters are within range");
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }
}

/// Hashes a password with argon2id into a PHC string (salt and parameters included).
/// CPU-heavy: call it off the async executor.
pub fn hash_password(password: &str, cost: PasswordCost) -> Result<String, AccountError> {
    if password.chars().count() < MIN_PASSWORD_LENGTH {
        return Err(AccountError::PasswordTooShort {
            min: MIN_PASSWORD_LENGTH,
        });
    }
    cost.hasher()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| AccountError::Hashing(e.to_string()))
}

/// Whether `password` matches a stored PHC string. The parameters are read from the string,
/// so hashes made with other costs still verify.
pub fn verify_password(password: &str, phc: &str) -> bool {
    match PasswordHash::new(phc) {
        Ok(hash) => Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok(),
        Err(_) => false,
    }
}

/// Throttling of failed sign-ins for one email address: after `max_failures` failures
/// within `window_seconds`, further attempts are refused until the oldest failure in the
/// window has aged out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInThrottle {
    pub max_failures: u32,
    pub window_seconds: i64,
}

impl Default for SignInThrottle {
    fn default() -> Self {
        SignInThrottle {
            max_failures: 5,
            window_seconds: 15 * 60,
        }
    }
}

impl SignInThrottle {
    /// Given the times (unix seconds) of recent failures since the last success, how many
    /// seconds the person must wait before trying again; `None` if they may try now.
    pub fn wait_seconds(&self, failures: &[i64], now: i64) -> Option<i64> {
        let mut recent: Vec<i64> = failures
            .iter()
            .copied()
            .filter(|at| now - at < self.window_seconds)
            .collect();
        if (recent.len() as u32) < self.max_failures {
            return None;
        }
        recent.sort_unstable();
        // The attempt that frees a slot is when the oldest of the last `max_failures` ages out.
        let oldest_counted = recent[recent.len() - self.max_failures as usize];
        Some((oldest_counted + self.window_seconds - now).max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_bad_ones_refused() {
        assert_eq!(
            Email::parse("  Head@Example.ORG ").unwrap().as_str(),
            "head@example.org"
        );
        for bad in [
            "",
            "head",
            "@example.org",
            "head@",
            "a b@example.org",
            "a@b@c",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let hash = hash_password("correct horse battery", PasswordCost::CHEAP).unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse battery!", &hash));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(
            hash_password("short", PasswordCost::CHEAP),
            Err(AccountError::PasswordTooShort {
                min: MIN_PASSWORD_LENGTH
            })
        );
    }

    #[test]
    fn throttling_starts_at_the_fifth_recent_failure_and_ends_when_it_ages_out() {
        let throttle = SignInThrottle::default();
        let now = 10_000;
        assert_eq!(
            throttle.wait_seconds(&[now - 10, now - 9, now - 8, now - 7], now),
            None
        );
        let five = [now - 100, now - 9, now - 8, now - 7, now - 6];
        assert_eq!(throttle.wait_seconds(&five, now), Some(900 - 100));
        // Failures older than the window don't count.
        let old = [now - 2000, now - 1999, now - 9, now - 8, now - 7];
        assert_eq!(throttle.wait_seconds(&old, now), None);
    }
}
