//! Surveys' storage: single-use staff links, class and parents' codes, anonymous
//! responses, and anonymity enforced where the answers are read.

use crate::harness::{RawPool, small_world, stores, stores_with_raw_pools};
use headway_domain::account::Email;
use headway_domain::anonymity::Threshold;
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::roles::Role;
use headway_domain::survey::answers::SurveyAnswers;
use headway_domain::survey::instrument::{Audience, built_in};
use headway_domain::survey::window::SurveyStatus;
use headway_store::Store;
use headway_store::seed::ClassRow;
use headway_store::survey::{
    ClassCode, IssuedLink, LinkRefused, NewSurvey, SurveyId, SurveySummary,
};
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

async fn answer_slip(
    store: &Store,
    class_code: &str,
    slip: &str,
    answers: &SurveyAnswers,
) -> Result<(), LinkRefused> {
    let entry = store.surveys().by_slip(class_code, slip).await.unwrap()?;
    let mut tx = store.begin().await.unwrap();
    let outcome = store
        .surveys()
        .submit(&mut tx, &entry, answers)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    outcome
}

async fn class_codes(store: &Store, survey: &SurveySummary) -> Vec<ClassCode> {
    let mut tx = store.begin().await.unwrap();
    let codes = store.surveys().class_codes(&mut tx, survey).await.unwrap();
    tx.commit().await.unwrap();
    codes
}

#[tokio::test]
async fn each_pupil_answers_once_by_class_code_and_their_own_slip() {
    for store in stores().await {
        let survey = open(&store, Audience::Pupils, false).await;
        let codes = class_codes(&store, &survey).await;
        assert_eq!(
            class_codes(&store, &survey).await,
            codes,
            "codes and slips are kept"
        );
        assert_eq!(codes.len(), 2, "the small world's two classes");
        assert!(codes.iter().all(|c| c.year_group == Some(11)));
        assert_ne!(codes[0].code, codes[1].code);
        assert_eq!(
            codes.iter().map(|c| c.slips).collect::<Vec<_>>(),
            [4, 0],
            "a slip for each of 11M1's pupils; 11M2 has none"
        );
        let slips = store
            .surveys()
            .slips(survey.id, codes[0].class_id)
            .await
            .unwrap();
        assert_eq!(
            slips.iter().map(|s| s.pupil.as_str()).collect::<Vec<_>>(),
            ["Pupil 1", "Pupil 2", "Pupil 3", "Pupil 4"]
        );
        assert!(
            store
                .surveys()
                .slips(survey.id, codes[1].class_id)
                .await
                .unwrap()
                .is_empty()
        );

        // The class code alone answers nothing.
        assert_eq!(
            store.surveys().by_code(&codes[0].code).await.unwrap().err(),
            Some(LinkRefused::SlipNeeded)
        );
        // Typed as a pupil might: lower case, a space for the dash.
        let typed = |code: &str| code.to_lowercase().replace('-', " ");
        for (slip, value) in slips.iter().take(3).zip([2, 3, 4]) {
            answer_slip(
                &store,
                &typed(&codes[0].code),
                &typed(&slip.code),
                &all_items(Audience::Pupils, value, None),
            )
            .await
            .unwrap();
        }
        // A second answer on a slip is refused, even through an entry opened before the
        // first was sent (two tabs).
        let stale = store
            .surveys()
            .by_slip(&codes[0].code, &slips[3].code)
            .await
            .unwrap()
            .unwrap();
        answer_slip(
            &store,
            &codes[0].code,
            &slips[3].code,
            &all_items(Audience::Pupils, 5, None),
        )
        .await
        .unwrap();
        let mut tx = store.begin().await.unwrap();
        assert_eq!(
            store
                .surveys()
                .submit(&mut tx, &stale, &all_items(Audience::Pupils, 5, None))
                .await
                .unwrap(),
            Err(LinkRefused::AlreadyUsed)
        );
        tx.commit().await.unwrap();
        assert_eq!(
            answer_slip(
                &store,
                &codes[0].code,
                &slips[0].code,
                &all_items(Audience::Pupils, 5, None)
            )
            .await,
            Err(LinkRefused::AlreadyUsed)
        );
        // A slip with another class's code opens nothing.
        assert_eq!(
            store
                .surveys()
                .by_slip(&codes[1].code, &slips[0].code)
                .await
                .unwrap()
                .err(),
            Some(LinkRefused::Unknown)
        );
        // An entry for the class link without a slip cannot be sent either.
        let mut forged = stale.clone();
        forged.slip = None;
        let mut tx = store.begin().await.unwrap();
        assert_eq!(
            store
                .surveys()
                .submit(&mut tx, &forged, &all_items(Audience::Pupils, 5, None))
                .await
                .unwrap(),
            Err(LinkRefused::SlipNeeded)
        );
        tx.commit().await.unwrap();
        assert_eq!(
            store.surveys().response_counts(survey.id).await.unwrap(),
            [("year-11".to_owned(), 4)]
        );
        let closed = close(&store, &survey).await;
        assert_eq!(closed.status, SurveyStatus::Released);
    }
}

#[tokio::test]
async fn a_slip_opens_nothing_with_a_class_code_of_another_survey_or_school() {
    for store in stores().await {
        let mut world = small_world();
        world.classes.push(ClassRow {
            id: 7,
            school_id: 4,
            year_id: 1,
            subject_id: Some(1),
            name: "11H1".into(),
            year_group: Some(11),
        });
        let mut hill_pupil = world.pupils[0].clone();
        hill_pupil.id = 70;
        hill_pupil.school_id = 4;
        hill_pupil.pseudonym = "P-0070".into();
        world.pupils.push(hill_pupil);
        world.enrolments.push((7, 70));
        store.insert_world(&world).await.unwrap();
        let mut surveys = Vec::new();
        for school in [SCHOOL, SchoolId(4), SCHOOL] {
            let mut tx = store.begin().await.unwrap();
            let id = store
                .surveys()
                .open_survey(
                    &mut tx,
                    &NewSurvey {
                        school,
                        audience: Audience::Pupils,
                        instrument: built_in(Audience::Pupils).key.clone(),
                        title: "Spring".into(),
                        threshold: Threshold::default(),
                        review_by_head: false,
                        closes_on: None,
                    },
                )
                .await
                .unwrap();
            tx.commit().await.unwrap();
            surveys.push(store.surveys().survey(id).await.unwrap().unwrap());
        }
        let ours = class_codes(&store, &surveys[0]).await;
        let hill = class_codes(&store, &surveys[1]).await;
        let later = class_codes(&store, &surveys[2]).await;
        assert_eq!(hill.len(), 1, "Hill's own class only");
        assert_eq!(ours.len(), 2, "not Hill's class");
        let hill_slip = &store
            .surveys()
            .slips(surveys[1].id, hill[0].class_id)
            .await
            .unwrap()[0];
        assert_eq!(hill_slip.pupil, "Pupil 1", "the copied name");
        let later_slip = &store
            .surveys()
            .slips(surveys[2].id, later[0].class_id)
            .await
            .unwrap()[0];
        for (code, slip) in [
            (&ours[0].code, &hill_slip.code),
            (&ours[0].code, &later_slip.code),
            (&hill[0].code, &later_slip.code),
        ] {
            assert_eq!(
                store.surveys().by_slip(code, slip).await.unwrap().err(),
                Some(LinkRefused::Unknown),
                "{code} with {slip}"
            );
        }
        assert!(
            store
                .surveys()
                .slips(surveys[0].id, hill[0].class_id)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn a_pupil_in_several_classes_has_one_slip() {
    for store in stores().await {
        let mut world = small_world();
        world.enrolments.push((2, 1));
        world.enrolments.push((2, 2));
        store.insert_world(&world).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let id = store
            .surveys()
            .open_survey(
                &mut tx,
                &NewSurvey {
                    school: SCHOOL,
                    audience: Audience::Pupils,
                    instrument: built_in(Audience::Pupils).key.clone(),
                    title: "Spring".into(),
                    threshold: Threshold::default(),
                    review_by_head: false,
                    closes_on: None,
                },
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let survey = store.surveys().survey(id).await.unwrap().unwrap();
        let codes = class_codes(&store, &survey).await;
        assert_eq!(
            codes
                .iter()
                .map(|c| (c.class_name.as_str(), c.slips))
                .collect::<Vec<_>>(),
            [("11M1", 4), ("11M2", 0)],
            "pupils 1 and 2 are in both classes and have their slip with 11M1"
        );
    }
}

/// Rows of `sql` as the test's own connection reads them.
async fn raw_rows<T>(raw: &RawPool, sql: &str) -> Vec<T>
where
    T: Send + Unpin,
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>,
    T: for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>,
{
    match raw {
        RawPool::Sqlite(pool) => sqlx::query_as(sqlx::AssertSqlSafe(sql.to_owned()))
            .fetch_all(pool)
            .await
            .unwrap(),
        RawPool::Postgres(pool) => sqlx::query_as(sqlx::AssertSqlSafe(sql.to_owned()))
            .fetch_all(pool)
            .await
            .unwrap(),
    }
}

#[tokio::test]
async fn nothing_kept_with_an_answer_leads_back_to_its_slip_nor_the_order_pupils_answered_in() {
    for (store, raw) in stores_with_raw_pools().await {
        let mut world = small_world();
        // Twelve pupils in 11M1, so that twelve answers can be told apart by their marks.
        for id in 5..=12 {
            let mut pupil = world.pupils[0].clone();
            pupil.id = id;
            pupil.pseudonym = format!("P-{id:04}");
            pupil.display_name = Some(format!("Pupil {id}"));
            world.pupils.push(pupil);
            world.enrolments.push((1, id));
        }
        store.insert_world(&world).await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let id = store
            .surveys()
            .open_survey(
                &mut tx,
                &NewSurvey {
                    school: SCHOOL,
                    audience: Audience::Pupils,
                    instrument: built_in(Audience::Pupils).key.clone(),
                    title: "Spring".into(),
                    threshold: Threshold::default(),
                    review_by_head: false,
                    closes_on: None,
                },
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let survey = store.surveys().survey(id).await.unwrap().unwrap();
        let codes = class_codes(&store, &survey).await;
        let slips = store
            .surveys()
            .slips(survey.id, codes[0].class_id)
            .await
            .unwrap();
        assert_eq!(slips.len(), 12);
        // The n-th pupil to answer marks the first two items (n mod 5 + 1, n div 5 + 1).
        let instrument = built_in(Audience::Pupils);
        let items: Vec<_> = instrument.items().map(|(_, i)| i.id.clone()).collect();
        for (n, slip) in slips.iter().enumerate() {
            let marked = SurveyAnswers::new(
                instrument,
                [
                    (items[0].clone(), (n % 5 + 1) as u8),
                    (items[1].clone(), (n / 5 + 1) as u8),
                ],
                Some(&format!("pupil {n}")),
            )
            .unwrap();
            answer_slip(&store, &codes[0].code, &slip.code, &marked)
                .await
                .unwrap();
        }
        let survey = close(&store, &survey).await;

        // The tables that hold answers have only these columns: no slip, link, pupil or
        // time.
        for (table, expected) in [
            ("survey_responses", "group_key,id,survey_id"),
            ("survey_answers", "item_id,rating,response_id"),
            ("survey_comments", "body,response_id"),
        ] {
            let sql = match raw {
                RawPool::Sqlite(_) => {
                    format!("SELECT name FROM pragma_table_info('{table}') ORDER BY name")
                }
                RawPool::Postgres(_) => format!(
                    "SELECT CAST(column_name AS TEXT) FROM information_schema.columns
                     WHERE table_name = '{table}' AND table_schema = current_schema() ORDER BY 1"
                ),
            };
            let columns: Vec<(String,)> = raw_rows(&raw, &sql).await;
            let columns: Vec<String> = columns.into_iter().map(|(c,)| c).collect();
            assert_eq!(columns.join(","), expected, "{table}");
        }
        let slip_ids: Vec<(i64,)> = raw_rows(&raw, "SELECT id FROM survey_slips").await;
        let response_ids: Vec<(i64,)> = raw_rows(&raw, "SELECT id FROM survey_responses").await;
        assert_eq!(response_ids.len(), 12, "every answer kept");
        assert!(
            response_ids.iter().all(|r| !slip_ids.contains(r)),
            "no response takes its slip's id"
        );

        // The attacker reads the comments and the answers in the order they lie in the
        // database (SQLite's rowid, PostgreSQL's ctid) and tells pupils apart by them.
        let order = match raw {
            RawPool::Sqlite(_) => "rowid",
            RawPool::Postgres(_) => "ctid",
        };
        let comments: Vec<(String,)> = raw_rows(
            &raw,
            &format!("SELECT body FROM survey_comments ORDER BY {order}"),
        )
        .await;
        let in_order: Vec<String> = (0..12).map(|n| format!("pupil {n}")).collect();
        let stored: Vec<String> = comments.into_iter().map(|(c,)| c).collect();
        let mut everyone = stored.clone();
        everyone.sort_by_key(|c| c[6..].parse::<u32>().unwrap());
        assert_eq!(everyone, in_order, "every comment kept");
        // 12! orders: the order of answering comes back by chance once in 479 million.
        assert_ne!(
            stored,
            in_order,
            "comments lie in the order pupils answered ({:?})",
            store.engine()
        );
        let answers: Vec<(i64, String, i64)> = raw_rows(
            &raw,
            &format!("SELECT response_id, item_id, rating FROM survey_answers ORDER BY {order}"),
        )
        .await;
        let mut responses: Vec<i64> = Vec::new();
        for (response, _, _) in &answers {
            if !responses.contains(response) {
                responses.push(*response);
            }
        }
        let marks: Vec<i64> = responses
            .iter()
            .map(|response| {
                let mark = |item: &str| {
                    answers
                        .iter()
                        .find(|(r, i, _)| r == response && i == item)
                        .map(|(_, _, rating)| *rating)
                        .unwrap()
                };
                (mark(&items[0].0) - 1) + 5 * (mark(&items[1].0) - 1)
            })
            .collect();
        assert_ne!(
            marks,
            (0..12).collect::<Vec<i64>>(),
            "answers lie in the order pupils answered"
        );
        let results = store
            .surveys()
            .results(&survey, instrument, &["year-11".to_owned()], &[])
            .await
            .unwrap()
            .unwrap();
        assert_eq!(results.respondents, Some(12));
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
