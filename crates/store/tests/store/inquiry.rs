//! Inquiry groups are stored with their members, lessons, linked observations, notes and
//! findings, on both engines: a list of a school holds only its own inquiries; findings
//! are shared only once written, and emptying them stops the sharing; linking an
//! observation twice links it once.

use crate::harness::stores;
use headway_domain::ids::{ClassId, PersonId, SchoolId, SubjectId};
use headway_domain::observation::Kind;
use headway_store::inquiry::{NewInquiry, NewLesson};
use headway_store::observation::NewObservation;
use headway_store::seed::example_world;

const SCHOOL: SchoolId = SchoolId(3);

fn inquiry(members: &[i64]) -> NewInquiry {
    NewInquiry {
        school: SCHOOL,
        question: "Does a hinge question cut errors?".into(),
        framework: "observation".into(),
        strand: "checking_learning".into(),
        priority: None,
        members: members.iter().map(|&p| PersonId(p)).collect(),
        started_by: PersonId(members[0]),
    }
}

#[tokio::test]
async fn an_inquiry_keeps_its_group_lessons_observations_and_writing() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        let inquiries = store.inquiries();
        let mut tx = store.begin().await.unwrap();
        let id = inquiries
            .create(&mut tx, &inquiry(&[2, 4, 6]))
            .await
            .unwrap();
        inquiries
            .add_lesson(
                &mut tx,
                id,
                &NewLesson {
                    taught_on: "2026-01-12".into(),
                    class: ClassId(2),
                    teacher: PersonId(4),
                    tried: "Hinge question".into(),
                },
            )
            .await
            .unwrap();
        let peer = store
            .observations()
            .add(
                &mut tx,
                &NewObservation {
                    school: SCHOOL,
                    kind: Kind::Peer,
                    observed_on: "2026-01-12".into(),
                    class: ClassId(1),
                    teacher: PersonId(2),
                    observer: PersonId(4),
                    framework: "observation".into(),
                    framework_version: 1,
                    strand: "checking_learning".into(),
                    priority: None,
                    evidence: "Seen".into(),
                    strengths: String::new(),
                    action_step: Some("Wait".into()),
                    revisit_on: Some("2026-02-09".into()),
                },
            )
            .await
            .unwrap();
        for _ in 0..2 {
            inquiries.link_observation(&mut tx, id, peer).await.unwrap();
        }
        tx.commit().await.unwrap();

        let read = inquiries.get(id).await.unwrap().unwrap();
        assert_eq!(
            read.members,
            vec![
                (PersonId(6), "Maths Lead".to_owned()),
                (PersonId(2), "Teacher A".to_owned()),
                (PersonId(4), "Teacher B".to_owned()),
            ]
        );
        let facts = read.facts();
        assert_eq!(facts.school, SCHOOL);
        assert!(!facts.findings_shared);
        let lessons = inquiries.lessons(id).await.unwrap();
        assert_eq!(lessons.len(), 1);
        assert_eq!(
            (
                lessons[0].class_name.as_str(),
                lessons[0].subject_id,
                lessons[0].teacher_name.as_str()
            ),
            ("11M2", Some(1), "Teacher B")
        );
        assert_eq!(inquiries.observations(id).await.unwrap(), vec![peer]);
        assert_eq!(inquiries.list(SCHOOL).await.unwrap().len(), 1);
        assert!(inquiries.list(SchoolId(4)).await.unwrap().is_empty());

        // Findings not yet written are not shared.
        let mut tx = store.begin().await.unwrap();
        assert!(
            !inquiries
                .share_findings(&mut tx, id, Some(100))
                .await
                .unwrap()
        );
        inquiries
            .save_writing(&mut tx, id, "notes", "We found this.")
            .await
            .unwrap();
        assert!(
            inquiries
                .share_findings(&mut tx, id, Some(100))
                .await
                .unwrap()
        );
        tx.commit().await.unwrap();
        let shared = inquiries.get(id).await.unwrap().unwrap();
        assert_eq!(shared.shared_at, Some(100));
        assert_eq!(shared.findings, "We found this.");
        assert!(shared.facts().findings_shared);
        // Emptying the findings stops the sharing.
        let mut tx = store.begin().await.unwrap();
        inquiries
            .save_writing(&mut tx, id, "notes", "")
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(inquiries.get(id).await.unwrap().unwrap().shared_at, None);

        let eligible = inquiries.eligible_members(SCHOOL).await.unwrap();
        let ids: Vec<i64> = eligible.iter().map(|(p, _)| p.0).collect();
        assert_eq!(
            ids,
            vec![1, 6, 2, 4],
            "head, maths lead, teachers; no governor or data manager"
        );
    }
}

#[tokio::test]
async fn departments_are_the_teachers_of_each_subjects_classes_this_year() {
    for store in stores().await {
        store.insert_world(&example_world()).await.unwrap();
        assert_eq!(
            store
                .observations()
                .department_teachers(SCHOOL)
                .await
                .unwrap(),
            vec![(SubjectId(1), PersonId(2)), (SubjectId(1), PersonId(4))]
        );
        assert!(
            store
                .observations()
                .department_teachers(SchoolId(4))
                .await
                .unwrap()
                .is_empty()
        );
    }
}
