//! Accounts' use cases: each writes the account, its role or sessions and its audit line in
//! one commit, or nothing.

use crate::harness::stores;
use headway_app::accounts::{NewAccount, add_account, change_password, grant_role};
use headway_domain::access::Action;
use headway_domain::account::Email;
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use headway_store::seed::example_world;
use headway_store::{Record, Store, StoreError};

async fn actions(store: &Store) -> Vec<String> {
    let log = store.audit_log().recent(50).await.unwrap();
    log.into_iter().map(|e| e.action).collect()
}

fn account<'a>(email: &'a Email, org: OrgId) -> NewAccount<'a> {
    NewAccount {
        email,
        display_name: "Nia",
        password_hash: "$hash",
        role: Role::Governor,
        org,
        subject: None,
    }
}

#[tokio::test]
async fn an_account_whose_role_cannot_be_granted_leaves_no_person_and_no_audit_line() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let email = Email::parse("nia@a.test").unwrap();
        let refused = add_account(&store, account(&email, OrgId(999)), None, "nia").await;
        assert!(
            matches!(refused, Err(StoreError::NotFound { what: Record::Organisation, ref id }) if id == "999"),
            "{refused:?}"
        );
        // The person was written before the role was refused, in the same transaction.
        assert!(
            store
                .accounts()
                .credentials_for(&email)
                .await
                .unwrap()
                .is_none()
        );
        assert!(!actions(&store).await.contains(&"user_added".to_owned()));

        // At a school that exists: person, role and audit line together.
        let nia = add_account(&store, account(&email, OrgId(3)), None, "nia at 3")
            .await
            .unwrap();
        let principal = store.accounts().principal(nia).await.unwrap();
        assert!(
            principal
                .may(&Action::ViewSchoolFigures(SchoolId(3)))
                .is_ok()
        );
        assert_eq!(actions(&store).await[0], "user_added");

        // The same email again is a duplicate, and is not logged as added.
        let again = add_account(&store, account(&email, OrgId(3)), None, "again").await;
        assert!(
            matches!(
                again,
                Err(StoreError::Duplicate {
                    what: Record::Person,
                    ..
                })
            ),
            "{again:?}"
        );
        let added = actions(&store).await;
        assert_eq!(added.iter().filter(|a| *a == "user_added").count(), 1);
    }
}

#[tokio::test]
async fn a_granted_role_is_audited_and_one_at_no_organisation_or_held_already_is_refused() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let teacher = PersonId(2);
        let refused = grant_role(
            &store,
            Some(PersonId(1)),
            teacher,
            Role::Head,
            OrgId(999),
            None,
        )
        .await;
        assert!(
            matches!(
                refused,
                Err(StoreError::NotFound {
                    what: Record::Organisation,
                    ..
                })
            ),
            "{refused:?}"
        );
        let refused = grant_role(&store, None, PersonId(999), Role::Head, OrgId(3), None).await;
        assert!(
            matches!(refused, Err(StoreError::NotFound { what: Record::Person, ref id }) if id == "999"),
            "{refused:?}"
        );
        let refused = grant_role(
            &store,
            None,
            teacher,
            Role::MiddleLeader,
            OrgId(3),
            Some(headway_domain::ids::SubjectId(999)),
        )
        .await;
        assert!(
            matches!(
                refused,
                Err(StoreError::NotFound {
                    what: Record::Subject,
                    ..
                })
            ),
            "{refused:?}"
        );
        assert!(!actions(&store).await.contains(&"role_granted".to_owned()));

        grant_role(
            &store,
            Some(PersonId(1)),
            teacher,
            Role::Governor,
            OrgId(4),
            None,
        )
        .await
        .unwrap();
        let log = store.audit_log().recent(1).await.unwrap();
        assert_eq!(log[0].action, "role_granted");
        assert_eq!(log[0].actor_id, Some(1));
        assert!(log[0].detail.contains("person 2"), "{}", log[0].detail);
        let principal = store.accounts().principal(teacher).await.unwrap();
        assert!(
            principal
                .may(&Action::ViewSchoolFigures(SchoolId(4)))
                .is_ok()
        );
        let grants = principal.grants.len();

        // The same role again is refused, not held twice.
        let again = grant_role(&store, None, teacher, Role::Governor, OrgId(4), None).await;
        assert!(
            matches!(
                again,
                Err(StoreError::Duplicate {
                    what: Record::Role,
                    ..
                })
            ),
            "{again:?}"
        );
        let principal = store.accounts().principal(teacher).await.unwrap();
        assert_eq!(principal.grants.len(), grants);
        assert_eq!(
            actions(&store)
                .await
                .iter()
                .filter(|a| *a == "role_granted")
                .count(),
            1
        );
    }
}

#[tokio::test]
async fn a_password_change_ends_only_the_persons_other_sessions_with_one_audit_line() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let (head, teacher) = (PersonId(1), PersonId(2));
        let later = store.now() + 600;
        let sessions = store.sessions();
        for (id, person) in [
            ("laptop", head),
            ("phone", head),
            ("stolen", head),
            ("class", teacher),
        ] {
            sessions
                .create(id, Some(person), "{}", later)
                .await
                .unwrap();
        }
        let ended = change_password(&store, head, "$new", "laptop")
            .await
            .unwrap();
        assert_eq!(ended, 2);
        let head_email = Email::parse("head@a.test").unwrap();
        let held = store
            .accounts()
            .credentials_for(&head_email)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(held.password_hash.as_deref(), Some("$new"));
        assert!(sessions.load("laptop").await.unwrap().is_some());
        assert!(sessions.load("phone").await.unwrap().is_none());
        assert!(sessions.load("stolen").await.unwrap().is_none());
        assert!(
            sessions.load("class").await.unwrap().is_some(),
            "another person's session is not the head's to end"
        );
        let log = store.audit_log().recent(1).await.unwrap();
        assert_eq!(
            (
                log[0].action.as_str(),
                log[0].actor_id,
                log[0].detail.as_str()
            ),
            ("password_changed", Some(1), "2 other sessions ended")
        );

        // A person who is not there: nothing is written and nothing is logged.
        let refused = change_password(&store, PersonId(999), "$x", "laptop").await;
        assert!(
            matches!(
                refused,
                Err(StoreError::NotFound {
                    what: Record::Person,
                    ..
                })
            ),
            "{refused:?}"
        );
        assert_eq!(
            actions(&store)
                .await
                .iter()
                .filter(|a| *a == "password_changed")
                .count(),
            1
        );
    }
}
