use crate::harness::{small_world, stores};
use headway_domain::access::{Action, PupilScope};
use headway_domain::account::Email;
use headway_domain::ids::{ClassId, OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use headway_store::StoreError;

#[tokio::test]
async fn a_person_can_be_added_once_per_email_and_found_by_it() {
    for store in stores().await {
        let email = Email::parse("Ann@School.test").unwrap();
        let id = store.add_person(&email, "Ann", "$hash").await.unwrap();
        let found = store.credentials_for(&email).await.unwrap().unwrap();
        assert_eq!((found.id, found.display_name.as_str()), (id.0, "Ann"));
        assert_eq!(found.password_hash.as_deref(), Some("$hash"));
        let again = store.add_person(&email, "Ann again", "$other").await;
        assert!(matches!(again, Err(StoreError::Duplicate(_))), "{again:?}");
        assert!(
            store
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
        let head = store.principal(PersonId(1)).await.unwrap();
        assert_eq!(head.grants.len(), 1);
        assert_eq!(head.grants[0].schools, [SchoolId(3)]);
        assert_eq!(head.pupil_scope(SchoolId(3)), PupilScope::All);

        let teacher = store.principal(PersonId(2)).await.unwrap();
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
        let lead = store.principal(PersonId(3)).await.unwrap();
        assert_eq!(lead.grants[0].role, Role::ClusterLead);
        assert_eq!(lead.grants[0].schools, [SchoolId(3), SchoolId(4)]);
        assert!(lead.may(&Action::ViewOrganisation(OrgId(2))).is_ok());
        assert!(lead.may(&Action::ViewSchoolFigures(SchoolId(5))).is_err());
        assert_eq!(lead.pupil_scope(SchoolId(3)), PupilScope::None);

        assert!(matches!(
            store.principal(PersonId(99)).await,
            Err(StoreError::NotFound(_))
        ));
    }
}

#[tokio::test]
async fn failed_sign_ins_count_only_since_the_last_success() {
    for store in stores().await {
        let email = Email::parse("ann@school.test").unwrap();
        let other = Email::parse("bob@school.test").unwrap();
        store.record_sign_in_attempt(&email, false).await.unwrap();
        store.record_sign_in_attempt(&email, false).await.unwrap();
        store.record_sign_in_attempt(&other, false).await.unwrap();
        assert_eq!(
            store
                .recent_sign_in_failures(&email, 900)
                .await
                .unwrap()
                .len(),
            2
        );
        // A success clears the count.
        store.record_sign_in_attempt(&email, true).await.unwrap();
        assert_eq!(
            store
                .recent_sign_in_failures(&email, 900)
                .await
                .unwrap()
                .len(),
            0
        );
        assert_eq!(
            store
                .recent_sign_in_failures(&other, 900)
                .await
                .unwrap()
                .len(),
            1
        );
    }
}

#[tokio::test]
async fn passwords_locales_and_the_audit_log_are_kept() {
    for store in stores().await {
        let email = Email::parse("ann@school.test").unwrap();
        let id = store.add_person(&email, "Ann", "$old").await.unwrap();
        store.set_password_hash(id, "$new").await.unwrap();
        assert_eq!(
            store.password_hash_of(id).await.unwrap().as_deref(),
            Some("$new")
        );
        store.set_locale(id, "cy").await.unwrap();
        assert_eq!(
            store
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
        let id = store.add_person(&email, "New", "$h").await.unwrap();
        store
            .grant_role(id, Role::Governor, OrgId(3), None)
            .await
            .unwrap();
        let governor = store.principal(id).await.unwrap();
        assert!(
            governor
                .may(&Action::ViewSchoolFigures(SchoolId(3)))
                .is_ok()
        );
        assert!(governor.may(&Action::ViewPupils(SchoolId(3))).is_err());
    }
}
