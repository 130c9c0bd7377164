//! Observation's pages: a person's own records at a school (about them, written by them,
//! shared with them), the form that records one, one record with exactly who can read it,
//! the school's counts by strand with its policy, and their exports. Handlers are thin:
//! each calls `app::observation`, which asks the access policy and removes what the
//! reader may not see; here it is only worded.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, AppResult};
use crate::exports::{Cell, ExportTable, export};
use crate::i18n::Tr;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use headway_app::observation::{
    self as use_case, Invalid, ObservationError, ObservationForm, RecordView,
};
use headway_domain::ids::{ClassId, PersonId, SchoolId};
use headway_domain::observation::record::DraftProblem;
use headway_domain::observation::{Kind, Reader, RecordPolicy};
use headway_store::observation::{Observation, ObservationId};
use headway_store::planning::PriorityId;
use headway_store::roster::SchoolSummary;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/schools/{school}/observations", get(mine).post(record))
        .route("/schools/{school}/observations/new", get(new_form))
        .route(
            "/schools/{school}/observations/export/{format}",
            get(export_mine),
        )
        .route("/schools/{school}/observations/summary", get(summary))
        .route(
            "/schools/{school}/observations/summary/{format}",
            get(export_summary),
        )
        .route("/schools/{school}/observations/policy", post(set_policy))
        .route("/observations/{observation}", get(show))
        .route("/observations/{observation}/share", post(share))
        .route(
            "/schools/{school}/observations/departments/{subject}",
            get(department),
        )
}

fn refusal(key: &'static str) -> AppError {
    AppError::Refused {
        status: StatusCode::BAD_REQUEST,
        key,
        name: None,
    }
}

impl From<ObservationError> for AppError {
    fn from(error: ObservationError) -> AppError {
        match error {
            ObservationError::Denied(denied) => AppError::Forbidden(denied),
            ObservationError::NotFound => AppError::NotFound,
            ObservationError::Draft(problem) => refusal(match problem {
                DraftProblem::UnknownStrand => "obs-error-strand",
                DraftProblem::NoEvidence => "obs-error-evidence",
                DraftProblem::NoActionStep => "obs-error-action-step",
                DraftProblem::ActionStepOnWalk => "obs-error-walk-step",
                DraftProblem::RevisitNotAfter => "obs-error-revisit",
                DraftProblem::SelfReflectionOfOther => "obs-error-self",
                DraftProblem::ObservingSelf => "obs-error-observing-self",
                DraftProblem::TooLong => "obs-error-too-long",
            }),
            ObservationError::Invalid(why) => refusal(match why {
                Invalid::NotTaught => "obs-error-not-taught",
                Invalid::NotAPriority => "obs-error-priority",
                Invalid::NotStaff => "obs-error-not-staff",
                Invalid::WalkNotShared => "obs-error-walk-shared",
                Invalid::BadDate => "obs-error-date",
            }),
            ObservationError::Store(error) => AppError::Store(error),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Words.

fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::LearningWalk => "obs-kind-learning-walk",
        Kind::Developmental => "obs-kind-developmental",
        Kind::Peer => "obs-kind-peer",
        Kind::SelfReflection => "obs-kind-self-reflection",
    }
}

fn strand_name(t: &Tr, strand: &str) -> String {
    use_case::framework()
        .strand(strand)
        .map(|s| s.name.get(t.code()).to_owned())
        .unwrap_or_else(|| strand.to_owned())
}

fn policy_words(t: &Tr, policy: RecordPolicy) -> String {
    t.get(match policy {
        RecordPolicy::Private => "obs-policy-private",
        RecordPolicy::LeadersReadObservations => "obs-policy-leaders",
    })
}

/// A record in a list.
pub struct RecordLine {
    pub id: i64,
    pub date: String,
    pub kind: String,
    pub strand: String,
    /// The class and the other person (observer or teacher), where the reader may see them.
    pub who: String,
    pub action_step: String,
    pub revisit_on: String,
    pub shared_with: String,
}

fn line(t: &Tr, o: &Observation, other: &str) -> RecordLine {
    RecordLine {
        id: o.id.0,
        date: o.observed_on.clone(),
        kind: t.get(kind_key(o.kind)),
        strand: strand_name(t, &o.strand),
        who: [o.class_name.as_str(), other]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · "),
        action_step: o.action_step.clone().unwrap_or_default(),
        revisit_on: o.revisit_on.clone().unwrap_or_default(),
        shared_with: o.coach.as_ref().map(|(_, n)| n.clone()).unwrap_or_default(),
    }
}

// ---------------------------------------------------------------------------------------
// A person's own records.

#[derive(Template, WebTemplate)]
#[template(path = "observation_mine.html")]
pub struct MineTemplate {
    page: Page,
    school: SchoolSummary,
    about_me: Vec<RecordLine>,
    written: Vec<RecordLine>,
    shared_with_me: Vec<RecordLine>,
    policy: String,
    /// (kind key, words)
    may_record: Vec<(&'static str, String)>,
    may_view_summary: bool,
}

pub async fn mine(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
) -> AppResult<MineTemplate> {
    let school = SchoolId(school);
    let mine = use_case::mine(&app.store, &signed_in.principal, school).await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    Ok(MineTemplate {
        about_me: mine
            .about_me
            .iter()
            .map(|o| {
                let observer = if o.observer == o.teacher {
                    ""
                } else {
                    o.observer_name.as_str()
                };
                line(&t, o, observer)
            })
            .collect(),
        written: mine
            .written
            .iter()
            .map(|o| line(&t, o, &o.teacher_name))
            .collect(),
        shared_with_me: mine
            .shared_with_me
            .iter()
            .map(|o| line(&t, o, &o.teacher_name))
            .collect(),
        policy: policy_words(&t, mine.policy),
        may_record: mine
            .may_record
            .iter()
            .map(|k| (k.as_str(), t.get(kind_key(*k))))
            .collect(),
        may_view_summary: mine.may_view_summary,
        page: signed_in.page,
        school: summary,
    })
}

/// The records about the reader, as a table: what the page lists under "about you".
pub async fn export_mine(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school, format)): Path<(i64, String)>,
) -> AppResult<Response> {
    let school = SchoolId(school);
    let mine = use_case::mine(&app.store, &signed_in.principal, school).await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let table = ExportTable {
        name: t.get("obs-about-me"),
        headers: [
            "obs-col-date",
            "obs-col-kind",
            "obs-col-class",
            "obs-col-observer",
            "obs-col-strand",
            "obs-field-evidence",
            "obs-field-strengths",
            "obs-field-action-step",
            "obs-field-revisit",
        ]
        .into_iter()
        .map(|k| t.get(k))
        .collect(),
        rows: mine
            .about_me
            .iter()
            .map(|o| {
                [
                    o.observed_on.clone(),
                    t.get(kind_key(o.kind)),
                    o.class_name.clone(),
                    o.observer_name.clone(),
                    strand_name(&t, &o.strand),
                    o.evidence.clone(),
                    o.strengths.clone(),
                    o.action_step.clone().unwrap_or_default(),
                    o.revisit_on.clone().unwrap_or_default(),
                ]
                .into_iter()
                .map(Cell::Text)
                .collect()
            })
            .collect(),
    };
    export(
        &format,
        &table,
        &format!("{} – {}", summary.name, t.get("obs-about-me")),
    )
}

// ---------------------------------------------------------------------------------------
// Recording one.

#[derive(Debug, Deserialize)]
pub struct NewQuery {
    kind: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "observation_form.html")]
pub struct FormTemplate {
    page: Page,
    school: SchoolSummary,
    kind: &'static str,
    kind_words: String,
    has_action_step: bool,
    /// (value `class:teacher`, words)
    teaching: Vec<(String, String)>,
    /// (id, name, look-fors)
    strands: Vec<(String, String, Vec<String>)>,
    priorities: Vec<(i64, String)>,
    today: String,
    introduction: String,
}

pub async fn new_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    Query(query): Query<NewQuery>,
) -> AppResult<FormTemplate> {
    let school = SchoolId(school);
    let kind = query
        .kind
        .as_deref()
        .and_then(Kind::parse)
        .unwrap_or(Kind::Developmental);
    let choices = use_case::form_choices(&app.store, &signed_in.principal, school, kind).await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let lang = t.code();
    let framework = use_case::framework();
    Ok(FormTemplate {
        kind: kind.as_str(),
        kind_words: t.get(kind_key(kind)),
        has_action_step: kind.has_action_step(),
        teaching: choices
            .teaching
            .iter()
            .map(|c| {
                let words = if kind == Kind::SelfReflection {
                    c.class_name.clone()
                } else {
                    format!("{} – {}", c.class_name, c.teacher_name)
                };
                (format!("{}:{}", c.class_id, c.teacher_id), words)
            })
            .collect(),
        strands: framework
            .strands()
            .iter()
            .map(|s| {
                (
                    s.id.0.clone(),
                    s.name.get(lang).to_owned(),
                    s.look_fors.iter().map(|l| l.get(lang).to_owned()).collect(),
                )
            })
            .collect(),
        priorities: choices
            .priorities
            .into_iter()
            .map(|(id, title)| (id.0, title))
            .collect(),
        today: time::OffsetDateTime::from_unix_timestamp(app.store.now())
            .map(|d| d.date().to_string())
            .unwrap_or_default(),
        introduction: framework.introduction.get(lang).to_owned(),
        page: signed_in.page,
        school: summary,
    })
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn number(fields: &[(String, String)], name: &str) -> AppResult<Option<i64>> {
    field(fields, name)
        .map(|v| v.parse().map_err(|_| refusal("obs-error-form")))
        .transpose()
}

pub async fn record(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = SchoolId(school);
    let kind = field(&fields, "kind")
        .and_then(Kind::parse)
        .ok_or_else(|| refusal("obs-error-form"))?;
    let (class, teacher) = field(&fields, "teaching")
        .and_then(|v| v.split_once(':'))
        .and_then(|(c, t)| Some((c.parse().ok()?, t.parse().ok()?)))
        .ok_or_else(|| refusal("obs-error-not-taught"))?;
    let text = |name| field(&fields, name).unwrap_or_default().to_owned();
    let form = ObservationForm {
        kind,
        observed_on: text("observed_on"),
        class: ClassId(class),
        teacher: PersonId(teacher),
        strand: text("strand"),
        priority: number(&fields, "priority")?.map(PriorityId),
        evidence: text("evidence"),
        strengths: text("strengths"),
        action_step: field(&fields, "action_step").map(str::to_owned),
        revisit_on: field(&fields, "revisit_on").map(str::to_owned),
    };
    let id = use_case::record(&app.store, &signed_in.principal, school, &form).await?;
    Ok(Redirect::to(&format!("/observations/{}", id.0)))
}

// ---------------------------------------------------------------------------------------
// One record.

#[derive(Template, WebTemplate)]
#[template(path = "observation_record.html")]
pub struct RecordTemplate {
    page: Page,
    id: i64,
    school_id: i64,
    title: String,
    date: String,
    class_name: String,
    teacher_name: String,
    observer_name: String,
    strand: String,
    look_fors: Vec<String>,
    priority: String,
    evidence: String,
    strengths: String,
    action_step: String,
    revisit_on: String,
    is_walk: bool,
    /// Who can read it, in words, one line each.
    readers: Vec<String>,
    counted_note: String,
    may_share: bool,
    /// (person, name, whether the record is shared with them)
    colleagues: Vec<(i64, String, bool)>,
}

fn reader_words(t: &Tr, view: &RecordView, reader: Reader) -> String {
    let o = &view.observation;
    match reader {
        Reader::TheTeacher if view.is_teacher => t.get("obs-reader-you"),
        Reader::TheTeacher if o.teacher_name.is_empty() => t.get("obs-reader-teacher-unnamed"),
        Reader::TheTeacher => t.named("obs-reader-teacher", &o.teacher_name),
        Reader::TheObserver(_) => t.named("obs-reader-observer", &o.observer_name),
        Reader::TheCoach(_) => t.named(
            "obs-reader-coach",
            o.coach.as_ref().map_or("", |(_, n)| n.as_str()),
        ),
        Reader::HeadAndSeniorLeaders => t.get("obs-reader-leaders"),
    }
}

pub async fn show(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> AppResult<RecordTemplate> {
    let view = use_case::read(&app.store, &signed_in.principal, ObservationId(id)).await?;
    let t = signed_in.page.t;
    let lang = t.code();
    let o = &view.observation;
    let strand = use_case::framework().strand(&o.strand);
    let mut readers: Vec<String> = view
        .readers
        .iter()
        .map(|r| reader_words(&t, &view, *r))
        .collect();
    readers.push(t.get("obs-reader-no-one-else"));
    Ok(RecordTemplate {
        id,
        school_id: o.school.0,
        title: t.text("obs-record-title", "kind", &t.get(kind_key(o.kind))),
        date: o.observed_on.clone(),
        class_name: o.class_name.clone(),
        teacher_name: if view.is_teacher {
            String::new()
        } else {
            o.teacher_name.clone()
        },
        observer_name: if o.observer == o.teacher {
            String::new()
        } else {
            o.observer_name.clone()
        },
        strand: strand.map_or_else(|| o.strand.clone(), |s| s.name.get(lang).to_owned()),
        look_fors: strand
            .map(|s| s.look_fors.iter().map(|l| l.get(lang).to_owned()).collect())
            .unwrap_or_default(),
        priority: o
            .priority
            .as_ref()
            .map(|(_, n)| n.clone())
            .unwrap_or_default(),
        evidence: o.evidence.clone(),
        strengths: o.strengths.clone(),
        action_step: o.action_step.clone().unwrap_or_default(),
        revisit_on: o.revisit_on.clone().unwrap_or_default(),
        is_walk: o.kind == Kind::LearningWalk,
        readers,
        counted_note: t.threshold(
            "obs-reader-counted",
            app.settings.suppress_groups_below.get(),
        ),
        may_share: view.may_share,
        colleagues: view
            .colleagues
            .iter()
            .map(|(p, n)| {
                let shared = o.coach.as_ref().is_some_and(|(c, _)| c == p);
                (p.0, n.clone(), shared)
            })
            .collect(),
        page: signed_in.page,
    })
}

pub async fn share(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let coach = number(&fields, "coach")?.map(PersonId);
    use_case::share(&app.store, &signed_in.principal, ObservationId(id), coach).await?;
    Ok(Redirect::to(&format!("/observations/{id}#readers")))
}

// ---------------------------------------------------------------------------------------
// The school's counts by strand.

pub struct StrandLine {
    pub name: String,
    pub shown: bool,
    pub empty: bool,
    pub walks: u32,
    pub observations: u32,
    pub teachers: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "observation_summary.html")]
pub struct SummaryTemplate {
    page: Page,
    school: SchoolSummary,
    rows: Vec<StrandLine>,
    caption: String,
    too_few: String,
    policy: String,
    leaders_read: bool,
    may_set_policy: bool,
    open_records: Vec<RecordLine>,
    /// (subject id, name): the departments whose counts the reader may open.
    departments: Vec<(i64, String)>,
}

fn strand_lines(
    t: &Tr,
    summary: &headway_domain::observation::summary::StrandSummary,
) -> Vec<StrandLine> {
    summary
        .rows
        .iter()
        .map(|r| StrandLine {
            name: strand_name(t, &r.strand),
            shown: r.visibility.is_shown(),
            empty: r.teachers == Some(0),
            walks: r.walks.unwrap_or(0),
            observations: r.observations.unwrap_or(0),
            teachers: r.teachers.unwrap_or(0),
        })
        .collect()
}

pub async fn summary(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
) -> AppResult<SummaryTemplate> {
    let school = SchoolId(school);
    let found = use_case::summary(
        &app.store,
        &signed_in.principal,
        school,
        app.settings.suppress_groups_below,
    )
    .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let names = crate::pages::subject_names(&app, &t).await?;
    let departments = use_case::departments_for(&app.store, &signed_in.principal, school)
        .await?
        .into_iter()
        .map(|(id, stored)| (id.0, names.of(id.0, &stored)))
        .collect();
    Ok(SummaryTemplate {
        departments,
        rows: strand_lines(&t, &found.summary),
        caption: t.threshold("obs-summary-caption", found.summary.threshold.get()),
        too_few: t.threshold("obs-summary-too-few", found.summary.threshold.get()),
        policy: policy_words(&t, found.policy),
        leaders_read: found.policy == RecordPolicy::LeadersReadObservations,
        may_set_policy: found.may_set_policy,
        open_records: found
            .open_records
            .iter()
            .map(|o| line(&t, o, &o.teacher_name))
            .collect(),
        page: signed_in.page,
        school: summary,
    })
}

/// The counts by strand as a table: hidden rows empty, as on the page.
pub async fn export_summary(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school, format)): Path<(i64, String)>,
) -> AppResult<Response> {
    let school = SchoolId(school);
    let found = use_case::summary(
        &app.store,
        &signed_in.principal,
        school,
        app.settings.suppress_groups_below,
    )
    .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let count = |n: Option<u32>| Cell::Number(n.map(f64::from));
    let table = ExportTable {
        name: t.get("obs-summary-title"),
        headers: [
            "obs-col-strand",
            "obs-col-walks",
            "obs-col-observations",
            "obs-col-teachers",
        ]
        .into_iter()
        .map(|k| t.get(k))
        .collect(),
        rows: found
            .summary
            .rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(strand_name(&t, &r.strand)),
                    count(r.walks),
                    count(r.observations),
                    count(r.teachers),
                ]
            })
            .collect(),
    };
    export(
        &format,
        &table,
        &format!("{} – {}", summary.name, t.get("obs-summary-title")),
    )
}

pub async fn set_policy(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = SchoolId(school);
    let policy = field(&fields, "policy")
        .and_then(RecordPolicy::parse)
        .ok_or_else(|| refusal("obs-error-form"))?;
    use_case::set_policy(&app.store, &signed_in.principal, school, policy).await?;
    Ok(Redirect::to(&format!(
        "/schools/{}/observations/summary#policy",
        school.0
    )))
}

/// A kind of observation in words, for the records brought into a coaching cycle.
pub(crate) fn kind_words(t: &Tr, kind: Kind) -> String {
    t.get(kind_key(kind))
}

// ---------------------------------------------------------------------------------------
// One department's counts by strand (issue 16, item 9).

#[derive(Template, WebTemplate)]
#[template(path = "observation_department.html")]
pub struct DepartmentTemplate {
    page: Page,
    school: SchoolSummary,
    title: String,
    intro: String,
    rows: Vec<StrandLine>,
    caption: String,
    too_few: String,
}

pub async fn department(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school, subject)): Path<(i64, i64)>,
) -> AppResult<DepartmentTemplate> {
    let school = SchoolId(school);
    let found = use_case::department_summary(
        &app.store,
        &signed_in.principal,
        school,
        headway_domain::ids::SubjectId(subject),
        app.settings.suppress_groups_below,
    )
    .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let names = crate::pages::subject_names(&app, &t).await?;
    let department = names.of(subject, &found.subject_name);
    let k = found.summary.threshold.get();
    Ok(DepartmentTemplate {
        title: t.named("obs-department-title", &department),
        intro: t.with(
            "obs-department-intro",
            &[
                ("name", department.clone().into()),
                ("teachers", (found.teachers as i64).into()),
            ],
        ),
        rows: strand_lines(&t, &found.summary),
        caption: t.threshold("obs-department-caption", k),
        too_few: t.threshold("obs-summary-too-few", k),
        page: signed_in.page,
        school: summary,
    })
}
