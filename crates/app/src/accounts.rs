//! Accounts: adding a person with their role, changing a password. Each use case writes
//! everything it changes — the account, its role or sessions, and the audit line saying so —
//! in one transaction, so the audit log never tells of a change that was not made, nor
//! misses one that was.

use headway_domain::account::Email;
use headway_domain::ids::{OrgId, PersonId, SubjectId};
use headway_domain::roles::Role;
use headway_store::{Store, StoreError};

/// A person to add, with the one role they start with.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    pub email: &'a Email,
    pub display_name: &'a str,
    /// The PHC string of their password (hashed by the caller, off the async threads).
    pub password_hash: &'a str,
    pub role: Role,
    pub org: OrgId,
    pub subject: Option<SubjectId>,
}

/// Adds a person who can sign in, grants their role and records who added them, in one
/// commit: an email already in use ([`StoreError::Duplicate`]) or an organisation that
/// does not exist ([`StoreError::NotFound`]) leaves no person behind.
pub async fn add_account(
    store: &Store,
    account: NewAccount<'_>,
    added_by: Option<PersonId>,
    audit_detail: &str,
) -> Result<PersonId, StoreError> {
    let mut tx = store.begin().await?;
    let accounts = store.accounts();
    let person = accounts
        .add_person(
            &mut tx,
            account.email,
            account.display_name,
            account.password_hash,
        )
        .await?;
    accounts
        .grant_role(&mut tx, person, account.role, account.org, account.subject)
        .await?;
    store
        .audit_log()
        .record(&mut tx, added_by, "user_added", audit_detail)
        .await?;
    tx.commit().await?;
    Ok(person)
}

/// Gives a person another role, with its audit line, in one commit.
pub async fn grant_role(
    store: &Store,
    granted_by: Option<PersonId>,
    person: PersonId,
    role: Role,
    org: OrgId,
    subject: Option<SubjectId>,
) -> Result<(), StoreError> {
    let mut tx = store.begin().await?;
    store
        .accounts()
        .grant_role(&mut tx, person, role, org, subject)
        .await?;
    let subject = subject
        .map(|s| format!(" for subject {s}"))
        .unwrap_or_default();
    store
        .audit_log()
        .record(
            &mut tx,
            granted_by,
            "role_granted",
            &format!("person {person} as {role} at {org}{subject}"),
        )
        .await?;
    tx.commit().await
}

/// Sets a person's new password (already checked and hashed) and ends every session of
/// theirs but `this_session`, so whoever else holds one (a stolen cookie, a forgotten
/// computer) must know the new password; the audit line says how many ended. One commit:
/// a failure part-way leaves the old password and every session as they were.
/// Returns how many other sessions ended.
pub async fn change_password(
    store: &Store,
    person: PersonId,
    new_hash: &str,
    this_session: &str,
) -> Result<u64, StoreError> {
    let mut tx = store.begin().await?;
    store
        .accounts()
        .set_password_hash(&mut tx, person, new_hash)
        .await?;
    let ended = store
        .sessions()
        .end_others(&mut tx, person, this_session)
        .await?;
    store
        .audit_log()
        .record(
            &mut tx,
            Some(person),
            "password_changed",
            &format!("{ended} other sessions ended"),
        )
        .await?;
    tx.commit().await?;
    Ok(ended)
}
