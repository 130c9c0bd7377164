use crate::harness::{small_world, stores};
use headway_domain::ids::{ClassId, OrgId, PersonId, SchoolId};

#[tokio::test]
async fn schools_under_an_organisation_follow_the_tree() {
    for store in stores().await {
        store.insert_world(&small_world()).await.unwrap();
        let names = |s: Vec<headway_store::roster::SchoolSummary>| {
            s.into_iter().map(|s| s.name).collect::<Vec<_>>()
        };
        assert_eq!(
            names(store.roster().schools_under(OrgId(2)).await.unwrap()),
            ["Hill School", "Ysgol Uwchradd Aberdâr"]
        );
        assert_eq!(
            store.roster().schools_under(OrgId(1)).await.unwrap().len(),
            3
        );
        assert_eq!(
            names(store.roster().schools_under(OrgId(4)).await.unwrap()),
            ["Hill School"]
        );
        let school = store.roster().school(SchoolId(3)).await.unwrap().unwrap();
        assert_eq!((school.code.as_str(), school.fsm_share), ("A1", 0.30));
        assert!(
            store.roster().school(SchoolId(2)).await.unwrap().is_none(),
            "a cluster is not a school"
        );
    }
}

#[tokio::test]
async fn headline_results_split_disadvantaged_pupils_from_others() {
    for store in stores().await {
        store.insert_world(&small_world()).await.unwrap();
        let headlines = store.roster().subject_headlines(SchoolId(3)).await.unwrap();
        assert_eq!(headlines.len(), 1);
        let maths = &headlines[0];
        // Final scores 3, 4 (disadvantaged) and 5, 6 (others).
        assert_eq!(
            (maths.subject.as_str(), maths.year.as_str(), maths.pupils),
            ("Mathematics", "2025/26", 4)
        );
        assert_eq!(maths.mean_score, 4.5);
        assert_eq!(maths.disadvantaged_pupils, 2);
        assert_eq!(maths.mean_score_disadvantaged, Some(3.5));
        assert_eq!(maths.mean_score_other, Some(5.5));
        assert!(
            store
                .roster()
                .subject_headlines(SchoolId(4))
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_teachers_classes_and_a_class_pupils_latest_results() {
    for store in stores().await {
        store.insert_world(&small_world()).await.unwrap();
        let classes = store.roster().classes_taught_by(PersonId(2)).await.unwrap();
        assert_eq!(classes.len(), 1);
        assert_eq!((classes[0].name.as_str(), classes[0].pupils), ("11M1", 4));
        assert!(
            store
                .roster()
                .classes_taught_by(PersonId(1))
                .await
                .unwrap()
                .is_empty()
        );
        let pupils = store.roster().class_pupils(ClassId(1)).await.unwrap();
        assert_eq!(pupils.len(), 4);
        assert_eq!(pupils[0].display_name.as_deref(), Some("Pupil 1"));
        // The latest result is the final (June 2026), not the baseline.
        assert_eq!(
            (
                pupils[0].latest_score,
                pupils[0].latest_assessment.as_deref()
            ),
            (Some(3.0), Some("GCSE"))
        );
        assert_eq!(
            store
                .roster()
                .class(ClassId(1))
                .await
                .unwrap()
                .unwrap()
                .subject
                .as_deref(),
            Some("Mathematics")
        );
    }
}

#[tokio::test]
async fn leaders_of_organisations_are_found() {
    for store in stores().await {
        store.insert_world(&small_world()).await.unwrap();
        let orgs = store.roster().orgs_led_by(PersonId(3)).await.unwrap();
        assert_eq!(
            orgs.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
            ["Valley cluster"]
        );
        assert!(
            store
                .roster()
                .orgs_led_by(PersonId(1))
                .await
                .unwrap()
                .is_empty()
        );
    }
}
