//! Accounts: email addresses parsed at the boundary, passwords hashed with argon2id, the
//! rule for a new password, and the rule that slows repeated failed sign-ins.

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
    #[error("the password is too common or too repetitive to be safe")]
    PasswordTooCommon,
    #[error("the password is made of the email address")]
    PasswordLikeEmail,
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

    /// The part before the `@`.
    pub fn local_part(&self) -> &str {
        self.0.split_once('@').map_or(&self.0, |(local, _)| local)
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

/// Passwords of at least [`MIN_PASSWORD_LENGTH`] characters found in lists of leaked
/// passwords (see the file's header for where the list comes from).
const COMMON_PASSWORDS: &str = include_str!("account/common_passwords.txt");

/// Fewer different characters than this and a password is a pattern (`aaaaaaaaaa`,
/// `ababababab`, `1212121212`), whatever its length.
const MIN_DISTINCT_CHARACTERS: usize = 4;

/// A local part shorter than this is not looked for inside a password (`jo@…` would forbid
/// every password containing "jo").
const MIN_LOCAL_PART_CHECKED: usize = 3;

/// Whether `password` may become the password of the account with `email`: long enough,
/// not a common or repetitive one, and not the email address or something containing the
/// part before its `@` (the first things an attacker tries).
pub fn check_new_password(password: &str, email: &Email) -> Result<(), AccountError> {
    if password.chars().count() < MIN_PASSWORD_LENGTH {
        return Err(AccountError::PasswordTooShort {
            min: MIN_PASSWORD_LENGTH,
        });
    }
    let lowered = password.to_lowercase();
    let distinct: std::collections::BTreeSet<char> = lowered.chars().collect();
    let listed = COMMON_PASSWORDS
        .lines()
        .filter(|line| !line.starts_with('#'))
        .any(|common| common == lowered.trim());
    if distinct.len() < MIN_DISTINCT_CHARACTERS || listed {
        return Err(AccountError::PasswordTooCommon);
    }
    let local = email.local_part();
    if lowered.contains(email.as_str())
        || (local.chars().count() >= MIN_LOCAL_PART_CHECKED && lowered.contains(local))
    {
        return Err(AccountError::PasswordLikeEmail);
    }
    Ok(())
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

/// How failed sign-ins are slowed, counted in the database per account (the email tried,
/// whether or not it has an account) and per client address. Every attempt is counted
/// before its password is checked, so attempts sent at once cannot all slip through; a
/// correct password gives its attempt back. After `free` attempts in a row, each further
/// one must wait twice as long as the last, from `first_delay_seconds` up to
/// `max_delay_seconds`: an attacker gets a handful of guesses an hour, while the person
/// who mistyped waits seconds, never a fixed lock-out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInThrottle {
    /// Failed attempts at one account before waits begin.
    pub account_free_failures: u32,
    /// Failed attempts from one client address, at any accounts, before waits begin (a
    /// school's staff may share one address, so this is larger).
    pub address_free_failures: u32,
    /// The first wait, doubled at each further failure.
    pub first_delay_seconds: i64,
    /// The longest wait.
    pub max_delay_seconds: i64,
    /// Failures older than this are forgotten.
    pub forget_after_seconds: i64,
}

impl Default for SignInThrottle {
    fn default() -> Self {
        SignInThrottle {
            account_free_failures: 5,
            address_free_failures: 30,
            first_delay_seconds: 5,
            max_delay_seconds: 5 * 60,
            forget_after_seconds: 60 * 60,
        }
    }
}

/// What sign-in attempts are counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThrottledBy {
    Account,
    Address,
}

impl ThrottledBy {
    pub fn as_str(self) -> &'static str {
        match self {
            ThrottledBy::Account => "account",
            ThrottledBy::Address => "address",
        }
    }
}

impl SignInThrottle {
    /// Refuses settings that could not work, naming the one that is wrong.
    pub fn check(&self) -> Result<(), String> {
        if self.account_free_failures == 0 || self.address_free_failures == 0 {
            return Err("'sign_in_account_free_failures' and 'sign_in_address_free_failures' must be at least 1".into());
        }
        if self.first_delay_seconds < 1 || self.max_delay_seconds < self.first_delay_seconds {
            return Err("'sign_in_first_delay_seconds' must be at least 1 and at most 'sign_in_max_delay_seconds'".into());
        }
        if self.forget_after_seconds < self.max_delay_seconds {
            return Err(
                "'sign_in_forget_after_seconds' must be at least 'sign_in_max_delay_seconds'"
                    .into(),
            );
        }
        Ok(())
    }

    pub fn free_failures(&self, by: ThrottledBy) -> u32 {
        match by {
            ThrottledBy::Account => self.account_free_failures,
            ThrottledBy::Address => self.address_free_failures,
        }
    }

    /// How long the next attempt must wait once `attempts` have been counted in a row
    /// (this one included): nothing before the free ones are used up, then
    /// `first_delay_seconds`, doubling each time, never more than `max_delay_seconds`.
    pub fn wait_after(&self, by: ThrottledBy, attempts: u32) -> i64 {
        let free = self.free_failures(by);
        if attempts < free {
            return 0;
        }
        let doublings = (attempts - free).min(32);
        self.first_delay_seconds
            .saturating_mul(1i64 << doublings)
            .min(self.max_delay_seconds)
    }
}

/// The client address attempts are counted against: an IPv4 address itself, an IPv6
/// address by its /64 network (one household or server is given a whole /64, so counting
/// single IPv6 addresses would let one attacker appear as billions).
pub fn throttle_address(ip: std::net::IpAddr) -> String {
    match ip {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
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
    fn waits_begin_after_the_free_attempts_and_double_up_to_the_cap() {
        let throttle = SignInThrottle::default();
        let waits: Vec<i64> = (1..=12)
            .map(|n| throttle.wait_after(ThrottledBy::Account, n))
            .collect();
        assert_eq!(waits, [0, 0, 0, 0, 5, 10, 20, 40, 80, 160, 300, 300]);
        assert_eq!(throttle.wait_after(ThrottledBy::Address, 29), 0);
        assert_eq!(throttle.wait_after(ThrottledBy::Address, 30), 5);
        assert_eq!(throttle.wait_after(ThrottledBy::Account, u32::MAX), 300);
        assert!(throttle.check().is_ok());
        let never_forgets = SignInThrottle {
            forget_after_seconds: 10,
            ..throttle
        };
        assert!(never_forgets.check().unwrap_err().contains("forget_after"));
    }

    #[test]
    fn common_repetitive_and_email_like_passwords_are_refused() {
        let email = Email::parse("teacher@a.test").unwrap();
        for common in ["qwertyuiop", "Password123", "1234567890", "manchester"] {
            assert_eq!(
                check_new_password(common, &email),
                Err(AccountError::PasswordTooCommon),
                "{common}"
            );
        }
        for pattern in ["aaaaaaaaaa", "ababababab", "1212121212", "abcabcabca"] {
            assert_eq!(
                check_new_password(pattern, &email),
                Err(AccountError::PasswordTooCommon),
                "{pattern}"
            );
        }
        for like in ["teacher@a.test", "Teacher2024!!", "my teacher password"] {
            assert_eq!(
                check_new_password(like, &email),
                Err(AccountError::PasswordLikeEmail),
                "{like}"
            );
        }
        assert!(matches!(
            check_new_password("short", &email),
            Err(AccountError::PasswordTooShort { .. })
        ));
        assert_eq!(check_new_password("correct horse battery", &email), Ok(()));
        // A two-letter local part is not looked for: it would forbid too much.
        let jo = Email::parse("jo@a.test").unwrap();
        assert_eq!(check_new_password("jolly good fellow", &jo), Ok(()));
    }

    #[test]
    fn the_shipped_list_is_of_passwords_long_enough_to_be_allowed_otherwise() {
        let entries: Vec<&str> = COMMON_PASSWORDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect();
        assert!(entries.len() > 1000);
        assert!(
            entries
                .iter()
                .all(|p| p.chars().count() >= MIN_PASSWORD_LENGTH)
        );
        assert!(entries.iter().all(|p| *p == p.to_lowercase()));
    }

    #[test]
    fn addresses_are_counted_by_ipv4_address_or_ipv6_network() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        assert_eq!(throttle_address(ip("192.0.2.7")), "192.0.2.7");
        assert_eq!(throttle_address(ip("::ffff:192.0.2.7")), "192.0.2.7");
        assert_eq!(
            throttle_address(ip("2001:db8:1:2:aaaa::1")),
            throttle_address(ip("2001:db8:1:2:ffff::9"))
        );
        assert_eq!(throttle_address(ip("2001:db8:1:2::1")), "2001:db8:1:2::/64");
        assert_ne!(
            throttle_address(ip("2001:db8:1:2::1")),
            throttle_address(ip("2001:db8:1:3::1"))
        );
    }
}
