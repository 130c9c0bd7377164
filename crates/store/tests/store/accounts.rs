use crate::harness::{small_world, stores};
use headway_domain::access::{Action, PupilScope};
use headway_domain::account::{Email, SignInThrottle, ThrottledBy};
use headway_domain::clock::FixedClock;
use headway_domain::ids::{ClassId, OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use headway_store::accounts::SignInAttempt;
use headway_store::{Record, Store, StoreError};

/// Adds a person in a transaction of their own.
async fn add_person(
    store: &Store,
    email: &Email,
    name: &str,
    hash: &str,
) -> Result<PersonId, StoreError> {
    let mut tx = store.begin().await?;
    let id = store
        .accounts()
        .add_person(&mut tx, email, name, hash)
        .await?;
    tx.commit().await?;
    Ok(id)
}

#[tokio::test]
async fn a_person_can_be_added_once_per_email_and_found_by_it() {
    for store in stores().await {
        let email = Email::parse("Ann@School.test").unwrap();
        let id = add_person(&store, &email, "Ann", "$hash").await.unwrap();
        let found = store
            .accounts()
            .credentials_for(&email)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((found.id, found.display_name.as_str()), (id.0, "Ann"));
        assert_eq!(found.password_hash.as_deref(), Some("$hash"));
        // The same address written otherwise is the same person.
        let again = add_person(
            &store,
            &Email::parse("ann@school.test").unwrap(),
            "Ann again",
            "$other",
        )
        .await;
        assert!(
            matches!(again, Err(StoreError::Duplicate { what: Record::Person, ref key }) if key == "ann@school.test"),
            "{again:?}"
        );
        assert!(
            store
                .accounts()
                .credentials_for(&Email::parse("nobody@school.test").unwrap())
                .await
                .unwrap()
                .is_none()
        );
    }
}

#[tokio::test]
async fn a_principal_carries_grants_resolved_to_schools_and_taught_classes() {
    for store in stores().await {
        store.insert_world(&small_world()).await.unwrap();
        let head = store.accounts().principal(PersonId(1)).await.unwrap();
        assert_eq!(head.grants.len(), 1);
        assert_eq!(head.grants[0].schools, [SchoolId(3)]);
        assert_eq!(head.pupil_scope(SchoolId(3)), PupilScope::All);

        let teacher = store.accounts().principal(PersonId(2)).await.unwrap();
        assert_eq!(teacher.taught_classes, [(SchoolId(3), ClassId(1))]);
        assert!(
            teacher
                .may(&Action::ViewClass {
                    school: SchoolId(3),
                    class: ClassId(1),
                    subject: None
                })
                .is_ok()
        );

        // The cluster lead's grant covers the cluster's two schools, not the one outside it.
        let lead = store.accounts().principal(PersonId(3)).await.unwrap();
        assert_eq!(lead.grants[0].role, Role::ClusterLead);
        assert_eq!(lead.grants[0].schools, [SchoolId(3), SchoolId(4)]);
        assert!(lead.may(&Action::ViewOrganisation(OrgId(2))).is_ok());
        assert!(lead.may(&Action::ViewSchoolFigures(SchoolId(5))).is_err());
        assert_eq!(lead.pupil_scope(SchoolId(3)), PupilScope::None);

        assert!(matches!(
            store.accounts().principal(PersonId(99)).await,
            Err(StoreError::NotFound { what: Record::Person, ref id }) if id == "99"
        ));
    }
}

/// The grants and their schools come from one query over the tree: each grant keeps its
/// own schools, in the order granted, and a grant over an organisation without schools
/// keeps none (not a school of the grant before or after it).
#[tokio::test]
async fn each_grant_is_resolved_to_its_own_schools_in_one_read() {
    for store in stores().await {
        let mut world = small_world();
        world.orgs.push(headway_store::seed::OrgRow {
            id: 60,
            kind: "cluster",
            name: "A cluster with no schools yet".into(),
            parent_id: Some(1),
        });
        for (role, org_id) in [
            ("governor", 5),
            ("cluster_lead", 60),
            ("system_leader", 1),
            ("cluster_lead", 2),
        ] {
            world.roles.push(headway_store::seed::RoleRow {
                person_id: 5,
                role,
                org_id,
                subject_id: None,
            });
        }
        store.insert_world(&world).await.unwrap();
        let person = store.accounts().principal(PersonId(5)).await.unwrap();
        let grants: Vec<(Role, i64, Vec<SchoolId>)> = person
            .grants
            .iter()
            .map(|g| (g.role, g.org.0, g.schools.clone()))
            .collect();
        let before = grants.len() - 4;
        assert_eq!(
            grants[before..],
            [
                (Role::Governor, 5, vec![SchoolId(5)]),
                (Role::ClusterLead, 60, vec![]),
                (
                    Role::SystemLeader,
                    1,
                    vec![SchoolId(3), SchoolId(4), SchoolId(5)]
                ),
                (Role::ClusterLead, 2, vec![SchoolId(3), SchoolId(4)]),
            ],
            "{store:?}"
        );
        // A person with no grant yet is still found, by name, with none.
        let newcomer = add_person(
            &store,
            &Email::parse("new@a.test").unwrap(),
            "Nia Newcomer",
            "$hash",
        )
        .await
        .unwrap();
        let newcomer = store.accounts().principal(newcomer).await.unwrap();
        assert_eq!(newcomer.name, "Nia Newcomer");
        assert!(newcomer.grants.is_empty());
    }
}

#[tokio::test]
async fn forty_attempts_at_once_are_counted_one_after_another() {
    for store in stores().await {
        let email = Email::parse("ann@school.test").unwrap();
        let throttle = SignInThrottle::default();
        let mut attempts = tokio::task::JoinSet::new();
        for _ in 0..40 {
            let (store, email) = (store.clone(), email.clone());
            attempts.spawn(async move {
                store
                    .accounts()
                    .count_sign_in_attempt(&email, "192.0.2.1", &throttle)
                    .await
                    .unwrap()
            });
        }
        let outcomes = attempts.join_all().await;
        let checked = outcomes
            .iter()
            .filter(|o| **o == SignInAttempt::Check)
            .count();
        assert_eq!(
            checked, throttle.account_free_failures as usize,
            "{outcomes:?}"
        );
        assert!(outcomes.iter().all(|o| matches!(
            o,
            SignInAttempt::Check
                | SignInAttempt::Wait {
                    by: ThrottledBy::Account,
                    ..
                }
        )));
        assert_eq!(
            store
                .accounts()
                .sign_in_attempts_counted(ThrottledBy::Account, email.as_str())
                .await
                .unwrap(),
            throttle.account_free_failures
        );
        // Refused attempts were not counted against the address either.
        assert_eq!(
            store
                .accounts()
                .sign_in_attempts_counted(ThrottledBy::Address, "192.0.2.1")
                .await
                .unwrap(),
            throttle.account_free_failures
        );
    }
}

#[tokio::test]
async fn waits_double_end_on_time_and_a_success_starts_the_account_again() {
    for store in stores().await {
        let t = 1_000_000;
        let clock = FixedClock::at(t);
        let store = store.with_clock(clock.clone());
        let email = Email::parse("ann@school.test").unwrap();
        let throttle = SignInThrottle::default();
        let accounts = store.accounts();
        // Each attempt at the time given, by the store's clock.
        let count = |now| {
            clock.set(now);
            accounts.count_sign_in_attempt(&email, "192.0.2.1", &throttle)
        };
        for _ in 0..5 {
            assert_eq!(count(t).await.unwrap(), SignInAttempt::Check);
        }
        let wait = |seconds| SignInAttempt::Wait {
            seconds,
            by: ThrottledBy::Account,
        };
        assert_eq!(count(t).await.unwrap(), wait(5));
        assert_eq!(count(t + 4).await.unwrap(), wait(1));
        assert_eq!(count(t + 5).await.unwrap(), SignInAttempt::Check);
        assert_eq!(count(t + 5).await.unwrap(), wait(10));
        store
            .accounts()
            .sign_in_succeeded(&email, "192.0.2.1")
            .await
            .unwrap();
        assert_eq!(count(t + 6).await.unwrap(), SignInAttempt::Check);
        assert_eq!(
            store
                .accounts()
                .sign_in_attempts_counted(ThrottledBy::Account, email.as_str())
                .await
                .unwrap(),
            1
        );
        // An hour without attempts and the count starts again.
        for _ in 0..4 {
            count(t + 7).await.unwrap();
        }
        assert_eq!(count(t + 7).await.unwrap(), wait(5));
        let later = t + 7 + throttle.forget_after_seconds + 1;
        assert_eq!(count(later).await.unwrap(), SignInAttempt::Check);
        assert_eq!(
            store
                .accounts()
                .sign_in_attempts_counted(ThrottledBy::Account, email.as_str())
                .await
                .unwrap(),
            1
        );
    }
}

#[tokio::test]
async fn one_address_trying_many_accounts_is_slowed_and_successes_cost_it_nothing() {
    for store in stores().await {
        let throttle = SignInThrottle::default();
        let t = 2_000_000;
        let clock = FixedClock::at(t);
        let store = store.with_clock(clock.clone());
        let email = |i: u32| Email::parse(&format!("person{i}@school.test")).unwrap();
        // Staff signing in correctly from one address never use up its free attempts.
        for i in 0..100 {
            let outcome = store
                .accounts()
                .count_sign_in_attempt(&email(i), "198.51.100.7", &throttle)
                .await
                .unwrap();
            assert_eq!(outcome, SignInAttempt::Check);
            store
                .accounts()
                .sign_in_succeeded(&email(i), "198.51.100.7")
                .await
                .unwrap();
        }
        for i in 0..throttle.address_free_failures {
            let outcome = store
                .accounts()
                .count_sign_in_attempt(&email(1000 + i), "198.51.100.7", &throttle)
                .await
                .unwrap();
            assert_eq!(outcome, SignInAttempt::Check, "attempt {i}");
        }
        let sprayed = store
            .accounts()
            .count_sign_in_attempt(&email(5000), "198.51.100.7", &throttle)
            .await
            .unwrap();
        assert_eq!(
            sprayed,
            SignInAttempt::Wait {
                seconds: 5,
                by: ThrottledBy::Address
            }
        );
        // The account tried last was not charged for an attempt that was refused.
        assert_eq!(
            store
                .accounts()
                .sign_in_attempts_counted(ThrottledBy::Account, email(5000).as_str())
                .await
                .unwrap(),
            0
        );
        // Another address is not affected.
        let elsewhere = store
            .accounts()
            .count_sign_in_attempt(&email(5000), "198.51.100.8", &throttle)
            .await
            .unwrap();
        assert_eq!(elsewhere, SignInAttempt::Check);
        // Counts idle for the forget time are forgotten, by the store's clock.
        let forget = throttle.forget_after_seconds;
        clock.set(t + forget);
        assert_eq!(
            store
                .accounts()
                .forget_sign_in_attempts(forget)
                .await
                .unwrap(),
            0
        );
        clock.set(t + forget + 1);
        assert!(
            store
                .accounts()
                .forget_sign_in_attempts(forget)
                .await
                .unwrap()
                > 0
        );
        assert_eq!(
            store
                .accounts()
                .sign_in_attempts_counted(ThrottledBy::Address, "198.51.100.7")
                .await
                .unwrap(),
            0
        );
    }
}

#[tokio::test]
async fn passwords_locales_and_the_audit_log_are_kept() {
    for store in stores().await {
        let email = Email::parse("ann@school.test").unwrap();
        let id = add_person(&store, &email, "Ann", "$old").await.unwrap();
        // A new password is written only when its transaction commits.
        let mut tx = store.begin().await.unwrap();
        store
            .accounts()
            .set_password_hash(&mut tx, id, "$dropped")
            .await
            .unwrap();
        drop(tx);
        let mut tx = store.begin().await.unwrap();
        store
            .accounts()
            .set_password_hash(&mut tx, id, "$new")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            store
                .accounts()
                .sign_in_details_of(id)
                .await
                .unwrap()
                .unwrap()
                .0
                .as_deref(),
            Some("$new")
        );
        store.accounts().set_locale(id, "cy").await.unwrap();
        assert_eq!(
            store
                .accounts()
                .credentials_for(&email)
                .await
                .unwrap()
                .unwrap()
                .locale
                .as_deref(),
            Some("cy")
        );
        store.audit(Some(id), "password_changed", "").await.unwrap();
        store
            .audit(None, "sign_in_failed", "x@y.test")
            .await
            .unwrap();
        let log = store.recent_audit(10).await.unwrap();
        assert_eq!(
            log.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
            ["sign_in_failed", "password_changed"]
        );
        assert_eq!(log[1].actor_id, Some(id.0));
    }
}

#[tokio::test]
async fn roles_can_be_granted_after_creation() {
    for store in stores().await {
        store.insert_world(&small_world()).await.unwrap();
        let email = Email::parse("new@school.test").unwrap();
        let id = add_person(&store, &email, "New", "$h").await.unwrap();
        let mut tx = store.begin().await.unwrap();
        store
            .accounts()
            .grant_role(&mut tx, id, Role::Governor, OrgId(3), None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let governor = store.accounts().principal(id).await.unwrap();
        assert!(
            governor
                .may(&Action::ViewSchoolFigures(SchoolId(3)))
                .is_ok()
        );
        assert!(governor.may(&Action::ViewPupils(SchoolId(3))).is_err());
    }
}
