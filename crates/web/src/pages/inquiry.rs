//! Inquiry's pages (learning triads): the school's inquiries and what they found, with the
//! form that starts one; one inquiry with its lessons, peer observations, the classes'
//! results with their intervals, its notes and findings, for its members — and its
//! question and shared findings for everyone else who may read it. Handlers are thin:
//! each calls `app::inquiry`, which asks the access policy and removes what the reader
//! may not see; here it is only worded.

use crate::AppState;
use crate::charts::{IntervalChart, IntervalRow};
use crate::context::{Page, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, AppResult};
use crate::format;
use crate::i18n::Tr;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Redirect;
use axum::routing::{get, post};
use headway_app::inquiry::{
    self as use_case, InquiryError, InquiryForm, Invalid, LessonForm, PointFigure, SubjectEvidence,
};
use headway_app::progress::ProgressReports;
use headway_domain::ids::{ClassId, PersonId, SchoolId};
use headway_domain::inquiry::{DraftProblem, Reading};
use headway_store::inquiry::InquiryId;
use headway_store::observation::ObservationId;
use headway_store::planning::PriorityId;
use headway_store::roster::SchoolSummary;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/schools/{school}/inquiries", get(list).post(start))
        .route("/inquiries/{inquiry}", get(show))
        .route("/inquiries/{inquiry}/lessons", post(add_lesson))
        .route("/inquiries/{inquiry}/observations", post(link_observation))
        .route("/inquiries/{inquiry}/writing", post(save_writing))
        .route("/inquiries/{inquiry}/share", post(share))
}

fn refusal(key: &'static str) -> AppError {
    AppError::Refused {
        status: StatusCode::BAD_REQUEST,
        key,
        name: None,
    }
}

impl From<InquiryError> for AppError {
    fn from(error: InquiryError) -> AppError {
        match error {
            InquiryError::Denied(denied) => AppError::Forbidden(denied),
            InquiryError::NotFound => AppError::NotFound,
            InquiryError::Draft(problem) => refusal(match problem {
                DraftProblem::NoQuestion => "inq-error-question",
                DraftProblem::QuestionTooLong => "inq-error-question-long",
                DraftProblem::UnknownStrand => "inq-error-strand",
                DraftProblem::GroupSize(_) => "inq-error-group-size",
                DraftProblem::StarterNotMember => "inq-error-starter",
                DraftProblem::NoPlan => "inq-error-plan",
                DraftProblem::TooLong => "inq-error-too-long",
            }),
            InquiryError::Invalid(why) => refusal(match why {
                Invalid::NotEligible => "inq-error-not-eligible",
                Invalid::NotAPriority => "inq-error-priority",
                Invalid::NotMembersClass => "inq-error-class",
                Invalid::NotGroupsPeerObservation => "inq-error-observation",
                Invalid::NoFindings => "inq-error-no-findings",
                Invalid::BadDate => "inq-error-date",
            }),
            InquiryError::Store(error) => AppError::Store(error),
        }
    }
}

fn strand_name(t: &Tr, strand: &str) -> String {
    headway_app::observation::framework()
        .strand(strand)
        .map(|s| s.name.get(t.code()).to_owned())
        .unwrap_or_else(|| strand.to_owned())
}

fn day(seconds: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(seconds)
        .map(|t| t.date().to_string())
        .unwrap_or_default()
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
        .map(|v| v.parse().map_err(|_| refusal("inq-error-form")))
        .transpose()
}

/// An inquiry in a list or at the head of its page, worded.
pub struct InquiryLine {
    pub id: i64,
    pub question: String,
    pub strand: String,
    /// Members' names, joined; empty for a governor.
    pub members: String,
    pub priority: String,
    pub findings: String,
    /// "Shared with the school on …", or that the findings are not shared yet.
    pub shared: String,
    pub is_shared: bool,
    pub is_member: bool,
}

fn inquiry_line(t: &Tr, inquiry: &use_case::ListedInquiry) -> InquiryLine {
    InquiryLine {
        id: inquiry.id.0,
        question: inquiry.question.clone(),
        strand: strand_name(t, &inquiry.strand),
        members: inquiry
            .members
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        priority: inquiry.priority.clone().unwrap_or_default(),
        findings: inquiry.findings.clone().unwrap_or_default(),
        shared: match inquiry.shared_at {
            Some(at) => t.named("inq-shared-on", &day(at)),
            None => t.get("inq-not-shared"),
        },
        is_shared: inquiry.shared_at.is_some(),
        is_member: inquiry.reading == Reading::Member,
    }
}

// ---------------------------------------------------------------------------------------
// The school's inquiries.

#[derive(Template, WebTemplate)]
#[template(path = "inquiry_list.html")]
pub struct ListTemplate {
    page: Page,
    school: SchoolSummary,
    inquiries: Vec<InquiryLine>,
    may_start: bool,
    /// (id, name, whether it is the reader)
    colleagues: Vec<(i64, String, bool)>,
    /// (id, name)
    strands: Vec<(String, String)>,
    priorities: Vec<(i64, String)>,
    governor: bool,
}

pub async fn list(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
) -> AppResult<ListTemplate> {
    let school = SchoolId(school);
    let found = use_case::list(&app.store, &signed_in.principal, school).await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let me = signed_in.principal.person;
    let governor =
        signed_in.principal.inquiry_standing(school) == headway_domain::inquiry::Standing::Governor;
    Ok(ListTemplate {
        inquiries: found
            .inquiries
            .iter()
            .map(|i| inquiry_line(&t, i))
            .collect(),
        may_start: found.may_start,
        colleagues: found
            .colleagues
            .iter()
            .map(|(p, n)| (p.0, n.clone(), *p == me))
            .collect(),
        strands: headway_app::observation::framework()
            .strands()
            .iter()
            .map(|s| (s.id.0.clone(), s.name.get(t.code()).to_owned()))
            .collect(),
        priorities: found
            .priorities
            .iter()
            .map(|(id, title)| (id.0, title.clone()))
            .collect(),
        governor,
        page: signed_in.page,
        school: summary,
    })
}

pub async fn start(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = SchoolId(school);
    let members = fields
        .iter()
        .filter(|(k, _)| k == "member")
        .map(|(_, v)| v.trim().parse().map(PersonId))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| refusal("inq-error-form"))?;
    let form = InquiryForm {
        question: field(&fields, "question").unwrap_or_default().to_owned(),
        strand: field(&fields, "strand").unwrap_or_default().to_owned(),
        priority: number(&fields, "priority")?.map(PriorityId),
        members,
    };
    let id = use_case::start(&app.store, &signed_in.principal, school, &form).await?;
    Ok(Redirect::to(&format!("/inquiries/{}", id.0)))
}

// ---------------------------------------------------------------------------------------
// One inquiry.

pub struct LessonLine {
    pub date: String,
    pub class: String,
    pub teacher: String,
    pub tried: String,
}

pub struct ObservationLine {
    pub id: i64,
    pub date: String,
    pub strand: String,
    /// "observer observed teacher (class)".
    pub who: String,
}

pub struct PointLine {
    pub point: String,
    pub date: String,
    pub pupils: usize,
    /// Value added and its interval, or the reason it is not shown.
    pub value_added: String,
    pub va_interval: String,
    pub on_track: String,
    pub on_track_interval: String,
    pub shown: bool,
}

pub struct EvidenceBlock {
    pub id: String,
    pub heading: String,
    pub note: String,
    pub no_reference: bool,
    pub points: Vec<PointLine>,
    pub chart: Option<IntervalChart>,
    pub caption: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "inquiry_page.html")]
pub struct InquiryTemplate {
    page: Page,
    school_id: i64,
    inquiry: InquiryLine,
    reading_note: String,
    notes: String,
    lessons: Vec<LessonLine>,
    observations: Vec<ObservationLine>,
    evidence: Vec<EvidenceBlock>,
    /// (value `class:teacher`, words)
    classes: Vec<(String, String)>,
    linkable: Vec<(i64, String)>,
    today: String,
}

fn evidence_block(
    t: &Tr,
    names: &headway_app::measures::SubjectNames,
    e: &SubjectEvidence,
) -> EvidenceBlock {
    let subject = names.of(e.subject, &e.subject_name);
    let heading = t.with(
        "inq-evidence-heading",
        &[
            ("subject", subject.clone().into()),
            ("classes", e.classes.join(", ").into()),
        ],
    );
    let too_few = t.threshold("inq-too-few", e.threshold.get());
    let points: Vec<PointLine> = e
        .points
        .iter()
        .map(|p| {
            let (value_added, va_interval) = match &p.value_added {
                PointFigure::Shown(f) => (
                    format::signed(f.value_added, 2),
                    format::interval(
                        t,
                        format::signed(f.ci_lower, 2),
                        format::signed(f.ci_upper, 2),
                    ),
                ),
                PointFigure::TooFew => (too_few.clone(), String::new()),
            };
            let (on_track, on_track_interval) = match &p.on_track {
                PointFigure::Shown(o) => (
                    format::percent(o.share),
                    format::interval(t, format::percent(o.lower), format::percent(o.upper)),
                ),
                PointFigure::TooFew => (too_few.clone(), String::new()),
            };
            PointLine {
                point: if p.is_final {
                    t.named("inq-point-final", &p.point)
                } else {
                    p.point.clone()
                },
                date: p.taken_on.to_string(),
                pupils: p.pupils,
                shown: matches!(p.value_added, PointFigure::Shown(_)),
                value_added,
                va_interval,
                on_track,
                on_track_interval,
            }
        })
        .collect();
    let rows: Vec<IntervalRow> = e
        .points
        .iter()
        .zip(&points)
        .map(|(p, line)| IntervalRow {
            label: line.point.clone(),
            value: match &p.value_added {
                PointFigure::Shown(f) => Some((f.value_added, f.ci_lower, f.ci_upper)),
                PointFigure::TooFew => None,
            },
        })
        .collect();
    let chart = (!rows.is_empty()).then(|| {
        IntervalChart::new(
            t.named("inq-chart-title", &subject),
            rows,
            too_few.clone(),
            t.get("inq-chart-axis"),
        )
        .described(t.get("inq-chart-description"))
    });
    EvidenceBlock {
        id: format!("{}-{}", e.year, e.subject),
        heading,
        note: match &e.expected_from {
            Some(from) => t.named("inq-expected-from", &from.name),
            None => String::new(),
        },
        no_reference: e.no_reference,
        points,
        chart,
        caption: t.named("inq-evidence-caption", &subject),
    }
}

pub async fn show(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> AppResult<InquiryTemplate> {
    let progress = ProgressReports::new(&app.store, &app.references, &app.school_figures);
    let view = use_case::read(&app.store, &progress, &signed_in.principal, InquiryId(id)).await?;
    let t = signed_in.page.t;
    let names = crate::pages::subject_names(&app, &t).await?;
    let inquiry = inquiry_line(&t, &view.inquiry);
    let observed = |o: &use_case::LinkedObservation| {
        t.with(
            "inq-observed",
            &[
                ("observer", o.observer_name.clone().into()),
                ("teacher", o.teacher_name.clone().into()),
                ("class", o.class_name.clone().into()),
            ],
        )
    };
    Ok(InquiryTemplate {
        school_id: view.school.0,
        reading_note: t.get(match view.inquiry.reading {
            Reading::Member => "inq-reading-member",
            Reading::Staff => "inq-reading-staff",
            Reading::SharedFindings => "inq-reading-governor",
        }),
        notes: view.notes.clone(),
        lessons: view
            .lessons
            .iter()
            .map(|l| LessonLine {
                date: l.taught_on.clone(),
                class: l.class_name.clone(),
                teacher: l.teacher_name.clone(),
                tried: l.tried.clone(),
            })
            .collect(),
        observations: view
            .observations
            .iter()
            .map(|o| ObservationLine {
                id: o.id.0,
                date: o.observed_on.clone(),
                strand: strand_name(&t, &o.strand),
                who: observed(o),
            })
            .collect(),
        evidence: view
            .evidence
            .iter()
            .map(|e| evidence_block(&t, &names, e))
            .collect(),
        classes: view
            .classes
            .iter()
            .map(|(c, p, class, teacher)| {
                (format!("{}:{}", c.0, p.0), format!("{class} – {teacher}"))
            })
            .collect(),
        linkable: view
            .linkable
            .iter()
            .map(|o| {
                (
                    o.id.0,
                    format!(
                        "{} · {} · {}",
                        o.observed_on,
                        strand_name(&t, &o.strand),
                        observed(o)
                    ),
                )
            })
            .collect(),
        today: time::OffsetDateTime::from_unix_timestamp(app.store.now())
            .map(|d| d.date().to_string())
            .unwrap_or_default(),
        inquiry,
        page: signed_in.page,
    })
}

pub async fn add_lesson(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let (class, teacher) = field(&fields, "teaching")
        .and_then(|v| v.split_once(':'))
        .and_then(|(c, t)| Some((c.parse().ok()?, t.parse().ok()?)))
        .ok_or_else(|| refusal("inq-error-class"))?;
    let form = LessonForm {
        taught_on: field(&fields, "taught_on").unwrap_or_default().to_owned(),
        class: ClassId(class),
        teacher: PersonId(teacher),
        tried: field(&fields, "tried").unwrap_or_default().to_owned(),
    };
    use_case::add_lesson(&app.store, &signed_in.principal, InquiryId(id), &form).await?;
    Ok(Redirect::to(&format!("/inquiries/{id}#lessons")))
}

pub async fn link_observation(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let observation =
        number(&fields, "observation")?.ok_or_else(|| refusal("inq-error-observation"))?;
    use_case::link_observation(
        &app.store,
        &signed_in.principal,
        InquiryId(id),
        ObservationId(observation),
    )
    .await?;
    Ok(Redirect::to(&format!("/inquiries/{id}#observations")))
}

pub async fn save_writing(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    use_case::save_writing(
        &app.store,
        &signed_in.principal,
        InquiryId(id),
        field(&fields, "notes").unwrap_or_default(),
        field(&fields, "findings").unwrap_or_default(),
    )
    .await?;
    Ok(Redirect::to(&format!("/inquiries/{id}#writing")))
}

pub async fn share(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let share = match field(&fields, "share") {
        Some("yes") => true,
        Some("no") => false,
        _ => return Err(refusal("inq-error-form")),
    };
    use_case::share_findings(&app.store, &signed_in.principal, InquiryId(id), share).await?;
    Ok(Redirect::to(&format!("/inquiries/{id}#findings")))
}
