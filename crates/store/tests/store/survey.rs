//! Surveys' storage: single-use staff links, class and parents' codes, anonymous
//! responses, and anonymity enforced where the answers are read.

use crate::harness::{small_world, stores};
use headway_domain::account::Email;
use headway_domain::anonymity::Threshold;
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use headway_domain::survey::answers::SurveyAnswers;
use headway_domain::survey::instrument::{Audience, built_in};
use headway_domain::survey::window::SurveyStatus;
use headway_store::Store;
use headway_store::survey::{IssuedLink, LinkRefused, NewSurvey, SurveyId, SurveySummary};
use std::sync::atomic::{AtomicUsize, Ordering};

const SCHOOL: SchoolId = SchoolId(3);

async fn open(store: &Store, audience: Audience, review: bool) -> SurveySummary {
    store.insert_world(&small_world()).await.unwrap();
    let mut tx = store.begin().await.unwrap();
    let id = store
        .surveys()
        .open_survey(
            &mut tx,
            &NewSurvey {
                school: SCHOOL,
                audience,
                instrument: built_in(audience).key.clone(),
                title: "Autumn".into(),
                threshold: Threshold::default(),
                review_by_head: review,
                closes_on: None,
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    store.surveys().survey(id).await.unwrap().unwrap()
}

/// `n` new members of staff with `role`, each issued a link: the links.
async fn staff_links(
    store: &Store,
    survey: SurveyId,
    role: Role,
    group: &str,
    n: usize,
) -> Vec<IssuedLink> {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let mut staff = Vec::new();
    for _ in 0..n {
        let at = NEXT.fetch_add(1, Ordering::Relaxed);
        let mut tx = store.begin().await.unwrap();
        let email = Email::parse(&format!("survey{at}@a.test")).unwrap();
        let person = store
            .accounts()
            .add_person(&mut tx, &email, &format!("Staff {at}"), "unusable")
            .await
            .unwrap();
        store
            .accounts()
            .grant_role(&mut tx, person, role, OrgId(SCHOOL.0), None)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        staff.push((
            person,
            format!("Staff {at}"),
            Some(email.to_string()),
            group.to_owned(),
        ));
    }
    issue(store, survey, &staff).await
}

async fn issue(
    store: &Store,
    survey: SurveyId,
    staff: &[(PersonId, String, Option<String>, String)],
) -> Vec<IssuedLink> {
    let mut tx = store.begin().await.unwrap();
    let links = store
        .surveys()
        .issue_staff_links(&mut tx, survey, staff)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    links
}

fn all_items(audience: Audience, value: u8, comment: Option<&str>) -> SurveyAnswers {
    let survey = built_in(audience);
    SurveyAnswers::new(
        survey,
        survey.items().map(|(_, i)| (i.id.clone(), value)),
        comment,
    )
    .unwrap()
}

async fn answer_token(
    store: &Store,
    token: &str,
    answers: &SurveyAnswers,
) -> Result<(), LinkRefused> {
    let entry = store.surveys().by_token(token).await.unwrap()?;
    let mut tx = store.begin().await.unwrap();
    let outcome = store
        .surveys()
        .submit(&mut tx, &entry, answers)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    outcome
}

async fn answer_code(
    store: &Store,
    code: &str,
    answers: &SurveyAnswers,
) -> Result<(), LinkRefused> {
    let entry = store.surveys().by_code(code).await.unwrap()?;
    let mut tx = store.begin().await.unwrap();
    let outcome = store
        .surveys()
        .submit(&mut tx, &entry, answers)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    outcome
}

async fn close(store: &Store, survey: &SurveySummary) -> SurveySummary {
    let mut tx = store.begin().await.unwrap();
    let status = SurveyStatus::on_close(survey.review_by_head);
    assert!(
        store
            .surveys()
            .close(&mut tx, survey.id, status)
            .await
            .unwrap()
    );
    tx.commit().await.unwrap();
    store.surveys().survey(survey.id).await.unwrap().unwrap()
}

fn staff_order() -> Vec<String> {
    [
        "senior_leaders",
        "middle_leaders",
        "teachers",
        "support_staff",
    ]
    .map(String::from)
    .to_vec()
}

#[tokio::test]
async fn a_staff_link_works_once_and_a_used_link_is_never_issued_again() {
    for store in stores().await {
        let survey = open(&store, Audience::Staff, false).await;
        let links = staff_links(&store, survey.id, Role::Teacher, "teachers", 2).await;
        let answers = all_items(Audience::Staff, 4, None);
        answer_token(&store, &links[0].token, &answers)
            .await
            .unwrap();
        assert_eq!(
            answer_token(&store, &links[0].token, &answers).await,
            Err(LinkRefused::AlreadyUsed)
        );
        assert_eq!(
            store.surveys().response_counts(survey.id).await.unwrap(),
            [("teachers".to_owned(), 1)]
        );
        // Issuing again: the unused link is replaced (the old token answers nothing), the
        // used one gets no new token.
        let staff: Vec<_> = links
            .iter()
            .map(|l| {
                (
                    l.invitee,
                    l.name.clone(),
                    l.email.clone(),
                    "teachers".to_owned(),
                )
            })
            .collect();
        let again = issue(&store, survey.id, &staff).await;
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].invitee, links[1].invitee);
        assert_eq!(
            answer_token(&store, &links[1].token, &answers).await,
            Err(LinkRefused::Unknown)
        );
        answer_token(&store, &again[0].token, &answers)
            .await
            .unwrap();
        assert_eq!(
            answer_token(&store, "not-a-token", &answers).await,
            Err(LinkRefused::Unknown)
        );
    }
}

#[tokio::test]
async fn reminders_go_only_to_links_not_yet_used() {
    for store in stores().await {
        let survey = open(&store, Audience::Staff, false).await;
        let links = staff_links(&store, survey.id, Role::Teacher, "teachers", 3).await;
        answer_token(
            &store,
            &links[1].token,
            &all_items(Audience::Staff, 3, None),
        )
        .await
        .unwrap();
        let mut tx = store.begin().await.unwrap();
        let reminders = store
            .surveys()
            .take_reminders(&mut tx, survey.id)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let mut reminded: Vec<PersonId> = reminders.iter().map(|r| r.invitee).collect();
        reminded.sort();
        let mut expected = vec![links[0].invitee, links[2].invitee];
        expected.sort();
        assert_eq!(reminded, expected);
    }
}

#[tokio::test]
async fn a_class_code_takes_many_answers_counted_in_its_year_group_until_the_survey_closes() {
    for store in stores().await {
        let survey = open(&store, Audience::Pupils, false).await;
        let mut tx = store.begin().await.unwrap();
        let codes = store.surveys().class_codes(&mut tx, &survey).await.unwrap();
        let again = store.surveys().class_codes(&mut tx, &survey).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(codes.len(), 2, "the small world's two classes");
        assert_eq!(codes, again, "codes are kept, not made anew");
        assert!(codes.iter().all(|c| c.year_group == Some(11)));
        assert_ne!(codes[0].code, codes[1].code);
        let typed = codes[0].code.to_lowercase().replace('-', " ");
        for value in [2, 3, 4] {
            answer_code(&store, &typed, &all_items(Audience::Pupils, value, None))
                .await
                .unwrap();
        }
        assert_eq!(
            store.surveys().response_counts(survey.id).await.unwrap(),
            [("year-11".to_owned(), 3)]
        );
        let closed = close(&store, &survey).await;
        assert_eq!(closed.status, SurveyStatus::Released);
        assert_eq!(
            answer_code(
                &store,
                &codes[0].code,
                &all_items(Audience::Pupils, 4, None)
            )
            .await,
            Err(LinkRefused::Closed)
        );
    }
}

#[tokio::test]
async fn the_parents_code_is_made_once() {
    for store in stores().await {
        let survey = open(&store, Audience::Parents, false).await;
        let mut tx = store.begin().await.unwrap();
        let code = store
            .surveys()
            .school_code(&mut tx, survey.id)
            .await
            .unwrap();
        assert_eq!(
            store
                .surveys()
                .school_code(&mut tx, survey.id)
                .await
                .unwrap(),
            code
        );
        tx.commit().await.unwrap();
        answer_code(
            &store,
            &code,
            &all_items(Audience::Parents, 5, Some("Lovely staff")),
        )
        .await
        .unwrap();
        assert_eq!(
            store.surveys().response_counts(survey.id).await.unwrap(),
            [("all".to_owned(), 1)]
        );
    }
}

#[tokio::test]
async fn results_wait_for_the_window_and_a_small_group_is_never_shown_alone() {
    for store in stores().await {
        let survey = open(&store, Audience::Staff, true).await;
        let teachers = staff_links(&store, survey.id, Role::Teacher, "teachers", 6).await;
        let support = staff_links(&store, survey.id, Role::SupportStaff, "support_staff", 2).await;
        for (i, link) in teachers.iter().enumerate() {
            answer_token(
                &store,
                &link.token,
                &all_items(Audience::Staff, 2 + (i % 3) as u8, None),
            )
            .await
            .unwrap();
        }
        for link in &support {
            answer_token(
                &store,
                &link.token,
                &all_items(Audience::Staff, 5, Some("Staff 0 is great")),
            )
            .await
            .unwrap();
        }
        let instrument = built_in(Audience::Staff);
        assert!(
            store
                .surveys()
                .results(&survey, instrument, &staff_order(), &[])
                .await
                .unwrap()
                .is_none(),
            "nothing while the window is open"
        );
        let closed = close(&store, &survey).await;
        assert_eq!(closed.status, SurveyStatus::AwaitingReview);
        let names = store.surveys().roster_names(SCHOOL).await.unwrap();
        let results = store
            .surveys()
            .results(&closed, instrument, &staff_order(), &names)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(results.respondents, Some(8));
        // Support staff (2) are below k: no row of their own, and the teachers' row alone
        // would give them away as whole − teachers, so no breakdown row is shown at all.
        assert!(results.rows.iter().all(|row| row.respondents >= 5));
        let shown: u32 = results.rows.iter().map(|r| r.respondents).sum();
        assert!(shown == 8 || 8 - shown >= 5, "{shown} shown of 8");
        assert_eq!(results.whole[0].figures.as_ref().unwrap().respondents, 8);
        assert!(
            results.comments.iter().all(|c| !c.contains("Staff 0")),
            "{:?}",
            results.comments
        );

        let mut tx = store.begin().await.unwrap();
        assert!(store.surveys().release(&mut tx, closed.id).await.unwrap());
        tx.commit().await.unwrap();
        let released = store.surveys().survey(closed.id).await.unwrap().unwrap();
        assert_eq!(released.status, SurveyStatus::Released);
    }
}
