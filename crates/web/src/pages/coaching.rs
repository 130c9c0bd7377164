//! Coaching's pages: a person's own cycles at a school, the form that opens one, one
//! cycle with its journey (a timeline and the list it draws), exactly who can see it and,
//! for the coachee, their own classes' progress beside the goal; the counts leaders see;
//! and their exports. Handlers are thin: each calls `app::coaching`, which asks the
//! access policy; here it is only worded.

use crate::AppState;
use crate::charts::{IntervalChart, IntervalRow};
use crate::context::{Page, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, AppResult};
use crate::exports::{Cell, ExportTable, export};
use crate::i18n::Tr;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use headway_app::coaching::{
    self as use_case, CloseForm, CoachingError, CycleView, EntryForm, Invalid, OpenForm,
};
use headway_domain::access::Action;
use headway_domain::coaching::cycle::{CycleProblem, EntryKind};
use headway_domain::coaching::journey::Happening;
use headway_domain::coaching::summary::{Figure, Row};
use headway_domain::coaching::{Goal, GoalKind, Part, Reader};
use headway_domain::diagnostic::instrument::PracticeId;
use headway_domain::ids::{PersonId, SchoolId};
use headway_store::coaching::{Cycle, CycleId};
use headway_store::observation::ObservationId;
use headway_store::roster::SchoolSummary;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/schools/{school}/coaching", get(mine).post(open))
        .route("/schools/{school}/coaching/new", get(new_form))
        .route("/schools/{school}/coaching/summary", get(summary))
        .route(
            "/schools/{school}/coaching/summary/{format}",
            get(export_summary),
        )
        .route("/coaching/{cycle}", get(show))
        .route("/coaching/{cycle}/export/{format}", get(export_cycle))
        .route("/coaching/{cycle}/entries", post(write))
        .route("/coaching/{cycle}/observations", post(link))
        .route("/coaching/{cycle}/close", post(close))
}

fn refusal(key: &'static str) -> AppError {
    AppError::Refused {
        status: StatusCode::BAD_REQUEST,
        key,
        name: None,
    }
}

impl From<CoachingError> for AppError {
    fn from(error: CoachingError) -> AppError {
        match error {
            CoachingError::Denied(denied) => AppError::Forbidden(denied),
            CoachingError::NotFound => AppError::NotFound,
            CoachingError::Problem(problem) => refusal(match problem {
                CycleProblem::CoachingSelf => "coach-error-self",
                CycleProblem::UnknownGoal => "coach-error-goal",
                CycleProblem::PracticeNotForLeader => "coach-error-practice",
                CycleProblem::Empty => "coach-error-empty",
                CycleProblem::TooLong => "coach-error-too-long",
                CycleProblem::RevisitNotAfter => "coach-error-revisit",
                CycleProblem::RevisitOnNonStep => "coach-error-revisit-non-step",
                CycleProblem::WrongAuthor => "coach-error-author",
                CycleProblem::BeforeOpening => "coach-error-before-opening",
                CycleProblem::Closed => "coach-error-closed",
            }),
            CoachingError::Invalid(why) => refusal(match why {
                Invalid::NotStaff => "coach-error-not-staff",
                Invalid::NotAPriority => "coach-error-priority",
                Invalid::NotShared => "coach-error-not-shared",
                Invalid::BadDate => "coach-error-date",
            }),
            CoachingError::Store(error) => AppError::Store(error),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Words.

fn goal_kind_key(kind: GoalKind) -> &'static str {
    match kind {
        GoalKind::Strand => "coach-goal-strand",
        GoalKind::Priority => "coach-goal-priority",
        GoalKind::Practice => "coach-goal-practice",
    }
}

/// A goal's name in the reader's language: a strand or practice from its file, a priority
/// by its title.
fn goal_name(t: &Tr, goal: &Goal) -> String {
    let lang = t.code();
    match goal.kind {
        GoalKind::Strand => use_case::framework()
            .strand(&goal.key)
            .map(|s| s.name.get(lang).to_owned()),
        GoalKind::Practice => use_case::practices()
            .practice(&PracticeId(goal.key.clone()))
            .map(|p| p.name.get(lang).to_owned()),
        GoalKind::Priority => None,
    }
    .unwrap_or_else(|| goal.key.clone())
}

fn entry_key(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Step => "coach-entry-step",
        EntryKind::Reflection => "coach-entry-reflection",
        EntryKind::Note => "coach-entry-note",
    }
}

fn today(app: &AppState) -> String {
    time::OffsetDateTime::from_unix_timestamp(app.store.now())
        .map(|d| d.date().to_string())
        .unwrap_or_default()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// A cycle in a list.
pub struct CycleLine {
    pub id: i64,
    pub goal: String,
    pub colleague: String,
    pub opened_on: String,
    pub state: String,
}

fn cycle_line(t: &Tr, c: &Cycle, colleague: &str) -> CycleLine {
    CycleLine {
        id: c.id.0,
        goal: format!(
            "{}: {}",
            t.get(goal_kind_key(c.goal.kind)),
            goal_name(t, &c.goal)
        ),
        colleague: colleague.to_owned(),
        opened_on: c.opened_on.clone(),
        state: match &c.closing {
            None => t.get("coach-state-open"),
            Some(closing) => t.named("coach-state-closed", &closing.closed_on),
        },
    }
}

// ---------------------------------------------------------------------------------------
// A person's own cycles.

#[derive(Template, WebTemplate)]
#[template(path = "coaching_mine.html")]
pub struct MineTemplate {
    page: Page,
    school: SchoolSummary,
    as_coachee: Vec<CycleLine>,
    as_coach: Vec<CycleLine>,
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
        as_coachee: mine
            .as_coachee
            .iter()
            .map(|c| cycle_line(&t, c, &c.coach_name))
            .collect(),
        as_coach: mine
            .as_coach
            .iter()
            .map(|c| cycle_line(&t, c, &c.coachee_name))
            .collect(),
        may_view_summary: mine.may_view_summary,
        page: signed_in.page,
        school: summary,
    })
}

// ---------------------------------------------------------------------------------------
// Opening one.

#[derive(Template, WebTemplate)]
#[template(path = "coaching_form.html")]
pub struct FormTemplate {
    page: Page,
    school: SchoolSummary,
    colleagues: Vec<(i64, String)>,
    /// (value `kind:key`, name)
    strands: Vec<(String, String)>,
    priorities: Vec<(String, String)>,
    practices: Vec<(String, String)>,
    today: String,
}

pub async fn new_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
) -> AppResult<FormTemplate> {
    let school = SchoolId(school);
    let choices = use_case::open_choices(&app.store, &signed_in.principal, school).await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let lang = t.code();
    Ok(FormTemplate {
        colleagues: choices
            .colleagues
            .into_iter()
            .map(|(p, n)| (p.0, n))
            .collect(),
        strands: use_case::framework()
            .strands()
            .iter()
            .map(|s| (format!("strand:{}", s.id), s.name.get(lang).to_owned()))
            .collect(),
        priorities: choices
            .priorities
            .into_iter()
            .map(|(id, title)| (format!("priority:{}", id.0), title))
            .collect(),
        practices: use_case::practices()
            .practices()
            .iter()
            .map(|p| (format!("practice:{}", p.id), p.name.get(lang).to_owned()))
            .collect(),
        today: today(&app),
        page: signed_in.page,
        school: summary,
    })
}

pub async fn open(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = SchoolId(school);
    let part = field(&fields, "part")
        .and_then(Part::parse)
        .ok_or_else(|| refusal("coach-error-form"))?;
    let colleague = field(&fields, "colleague")
        .and_then(|v| v.parse().ok())
        .map(PersonId)
        .ok_or_else(|| refusal("coach-error-not-staff"))?;
    let (goal, key) = field(&fields, "goal")
        .and_then(|v| v.split_once(':'))
        .and_then(|(kind, key)| Some((GoalKind::parse(kind)?, key.to_owned())))
        .ok_or_else(|| refusal("coach-error-goal"))?;
    let form = OpenForm {
        part,
        colleague,
        goal,
        key,
        opened_on: field(&fields, "opened_on").unwrap_or_default().to_owned(),
    };
    let id = use_case::open(&app.store, &signed_in.principal, school, &form).await?;
    Ok(Redirect::to(&format!("/coaching/{}", id.0)))
}

// ---------------------------------------------------------------------------------------
// One cycle.

/// One event of the journey, worded, with where it falls on the timeline.
pub struct JourneyLine {
    pub date: String,
    pub what: String,
    pub text: String,
    pub detail: String,
    /// x in percent of the timeline's width.
    pub x: f64,
    /// For the marker's shape: opened, step, current, reflection, note, observation, closed.
    pub class: &'static str,
    pub link: String,
}

/// One of the coachee's own classes, with its figure.
pub struct ClassLine {
    pub name: String,
    pub subject: String,
    pub point: String,
    pub pupils: usize,
    pub value_added: String,
    pub interval: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "coaching_cycle.html")]
pub struct CycleTemplate {
    page: Page,
    id: i64,
    school_id: i64,
    title: String,
    goal_kind: String,
    goal: String,
    coach: String,
    coachee: String,
    opened_on: String,
    is_open: bool,
    is_coachee: bool,
    readers: Vec<String>,
    no_one_else: String,
    journey: Vec<JourneyLine>,
    timeline_title: String,
    current_step: Option<(String, String)>,
    /// The entry kinds the viewer writes: (value, words).
    may_write: Vec<(&'static str, String)>,
    /// (observation id, words)
    linkable: Vec<(i64, String)>,
    evaluation: Option<(String, String, String, String)>,
    today: String,
    classes: Vec<ClassLine>,
    classes_year: String,
    class_chart: Option<IntervalChart>,
    classes_note: String,
}

fn reader_words(t: &Tr, view: &CycleView, reader: Reader) -> String {
    let c = &view.cycle;
    match (reader, view.part) {
        (Reader::TheCoachee, Part::Coachee) => t.get("coach-reader-you-coachee"),
        (Reader::TheCoachee, Part::Coach) => t.named("coach-reader-coachee", &c.coachee_name),
        (Reader::TheCoach(_), Part::Coach) => t.get("coach-reader-you-coach"),
        (Reader::TheCoach(_), Part::Coachee) => t.named("coach-reader-coach", &c.coach_name),
    }
}

fn journey_lines(t: &Tr, view: &CycleView) -> Vec<JourneyLine> {
    let x = |position: f64| 3.0 + 94.0 * position;
    view.journey
        .iter()
        .map(|event| {
            let date = event.on.to_string();
            let (what, text, detail, class, link) = match event.happening {
                Happening::Opened => (
                    t.get("coach-event-opened"),
                    goal_name(t, &view.cycle.goal),
                    String::new(),
                    "opened",
                    String::new(),
                ),
                Happening::Step { index, current } => {
                    let e = &view.entries[index];
                    (
                        t.get(if current {
                            "coach-event-current-step"
                        } else {
                            "coach-event-step"
                        }),
                        e.body.clone(),
                        t.named(
                            "coach-revisit-on",
                            e.revisit_on.as_deref().unwrap_or_default(),
                        ),
                        if current { "current" } else { "step" },
                        String::new(),
                    )
                }
                Happening::Reflection { index } | Happening::Note { index } => {
                    let e = &view.entries[index];
                    (
                        t.get(entry_key(e.kind)),
                        e.body.clone(),
                        t.named("coach-written-by", &e.author_name),
                        if e.kind == EntryKind::Note {
                            "note"
                        } else {
                            "reflection"
                        },
                        String::new(),
                    )
                }
                Happening::Observation { index } => {
                    let o = &view.observations[index];
                    (
                        t.get("coach-event-observation"),
                        o.action_step.clone().unwrap_or_default(),
                        crate::pages::observation::kind_words(t, o.kind),
                        "observation",
                        format!("/observations/{}", o.id.0),
                    )
                }
                Happening::Closed => (
                    t.get("coach-event-closed"),
                    view.cycle
                        .closing
                        .as_ref()
                        .map(|c| c.what_changed.clone())
                        .unwrap_or_default(),
                    String::new(),
                    "closed",
                    String::new(),
                ),
            };
            JourneyLine {
                date,
                what,
                text,
                detail,
                x: x(event.position),
                class,
                link,
            }
        })
        .collect()
}

pub async fn show(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> AppResult<CycleTemplate> {
    let principal = &signed_in.principal;
    let view = use_case::read(&app.store, principal, CycleId(id)).await?;
    let t = signed_in.page.t;
    let c = &view.cycle;
    let is_coachee = view.part == Part::Coachee;
    // The coachee's own classes, beside their goal: only their own, never a colleague's,
    // and never shown to the coach.
    let (mut classes, mut classes_year, mut class_chart) = (Vec::new(), String::new(), None);
    if is_coachee && principal.may(&Action::ViewPupils(c.school)).is_ok() {
        let own = crate::pages::progress::reports(&app)
            .own_classes(principal, c.school)
            .await?;
        classes_year = own.year.map(|y| y.name).unwrap_or_default();
        let names = crate::pages::subject_names(&app, &t).await?;
        let rows: Vec<IntervalRow> = own
            .classes
            .iter()
            .map(|k| IntervalRow {
                label: format!(
                    "{} – {}",
                    k.class_name,
                    names.of(k.subject.id, &k.subject.name)
                ),
                value: k
                    .figures
                    .as_ref()
                    .map(|f| (f.value_added, f.ci_lower, f.ci_upper)),
            })
            .collect();
        classes = own
            .classes
            .iter()
            .map(|k| ClassLine {
                name: k.class_name.clone(),
                subject: names.of(k.subject.id, &k.subject.name),
                point: k.point.clone(),
                pupils: k.pupils,
                value_added: k
                    .figures
                    .as_ref()
                    .map(|f| crate::format::signed(f.value_added, 2))
                    .unwrap_or_else(|| t.count("coach-classes-too-few", own.threshold)),
                interval: k
                    .figures
                    .as_ref()
                    .map(|f| {
                        crate::format::interval(
                            &t,
                            crate::format::signed(f.ci_lower, 2),
                            crate::format::signed(f.ci_upper, 2),
                        )
                    })
                    .unwrap_or_default(),
            })
            .collect();
        if rows.iter().any(|r| r.value.is_some()) {
            class_chart = Some(
                IntervalChart::new(
                    t.get("coach-classes-chart"),
                    rows,
                    t.count("coach-classes-too-few", own.threshold),
                    t.get("coach-classes-axis"),
                )
                .described(t.get("coach-classes-chart-desc")),
            );
        }
    }
    let current_step = view
        .journey
        .iter()
        .find_map(|e| match e.happening {
            Happening::Step {
                index,
                current: true,
            } => Some(index),
            _ => None,
        })
        .map(|i| {
            let e = &view.entries[i];
            (e.body.clone(), e.revisit_on.clone().unwrap_or_default())
        });
    let readers = view
        .readers
        .iter()
        .map(|r| reader_words(&t, &view, *r))
        .collect();
    Ok(CycleTemplate {
        id,
        school_id: c.school.0,
        title: t.named("coach-cycle-title", &goal_name(&t, &c.goal)),
        goal_kind: t.get(goal_kind_key(c.goal.kind)),
        goal: goal_name(&t, &c.goal),
        coach: c.coach_name.clone(),
        coachee: c.coachee_name.clone(),
        opened_on: c.opened_on.clone(),
        is_open: c.is_open(),
        is_coachee,
        readers,
        no_one_else: t.threshold(
            "coach-reader-no-one-else",
            app.settings.suppress_groups_below.get(),
        ),
        journey: journey_lines(&t, &view),
        timeline_title: t.named("coach-timeline-title", &goal_name(&t, &c.goal)),
        current_step,
        may_write: EntryKind::ALL
            .into_iter()
            .filter(|k| k.written_by(view.part))
            .map(|k| (k.as_str(), t.get(entry_key(k))))
            .collect(),
        linkable: view
            .linkable
            .iter()
            .map(|o| {
                (
                    o.id.0,
                    format!(
                        "{} – {} – {}: {}",
                        o.observed_on,
                        crate::pages::observation::kind_words(&t, o.kind),
                        o.observer_name,
                        o.action_step.as_deref().unwrap_or_default()
                    ),
                )
            })
            .collect(),
        evaluation: c.closing.as_ref().map(|e| {
            (
                e.closed_on.clone(),
                e.what_changed.clone(),
                e.evidence.clone(),
                e.next.clone(),
            )
        }),
        today: today(&app),
        classes,
        classes_year,
        class_chart,
        classes_note: t.count(
            "coach-classes-note",
            app.references.settings().suppression_threshold,
        ),
        page: signed_in.page,
    })
}

/// The cycle's journey as a table, for its coach and coachee only.
pub async fn export_cycle(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((id, format)): Path<(i64, String)>,
) -> AppResult<Response> {
    let view = use_case::read(&app.store, &signed_in.principal, CycleId(id)).await?;
    let t = signed_in.page.t;
    let table = ExportTable {
        name: t.get("coach-journey"),
        headers: [
            "coach-col-date",
            "coach-col-what",
            "coach-col-text",
            "coach-col-detail",
        ]
        .into_iter()
        .map(|k| t.get(k))
        .collect(),
        rows: journey_lines(&t, &view)
            .into_iter()
            .map(|l| vec![l.date, l.what, l.text, l.detail])
            .map(|row| row.into_iter().map(Cell::Text).collect())
            .collect(),
    };
    export(
        &format,
        &table,
        &t.named("coach-cycle-title", &goal_name(&t, &view.cycle.goal)),
    )
}

pub async fn write(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let kind = field(&fields, "kind")
        .and_then(EntryKind::parse)
        .ok_or_else(|| refusal("coach-error-form"))?;
    let form = EntryForm {
        kind,
        written_on: field(&fields, "written_on").unwrap_or_default().to_owned(),
        body: field(&fields, "body").unwrap_or_default().to_owned(),
        revisit_on: field(&fields, "revisit_on").map(str::to_owned),
    };
    use_case::write(&app.store, &signed_in.principal, CycleId(id), &form).await?;
    Ok(Redirect::to(&format!("/coaching/{id}#journey")))
}

pub async fn link(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let observation = field(&fields, "observation")
        .and_then(|v| v.parse().ok())
        .map(ObservationId)
        .ok_or_else(|| refusal("coach-error-not-shared"))?;
    use_case::link(&app.store, &signed_in.principal, CycleId(id), observation).await?;
    Ok(Redirect::to(&format!("/coaching/{id}#journey")))
}

pub async fn close(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let text = |name| field(&fields, name).unwrap_or_default().to_owned();
    let form = CloseForm {
        closed_on: text("closed_on"),
        what_changed: text("what_changed"),
        evidence: text("evidence"),
        next: text("next"),
    };
    use_case::close(&app.store, &signed_in.principal, CycleId(id), &form).await?;
    Ok(Redirect::to(&format!("/coaching/{id}#evaluation")))
}

// ---------------------------------------------------------------------------------------
// The school's counts by goal.

pub struct GoalLine {
    pub name: String,
    pub open: Option<u32>,
    pub closed: Option<u32>,
}

#[derive(Template, WebTemplate)]
#[template(path = "coaching_summary.html")]
pub struct SummaryTemplate {
    page: Page,
    school: SchoolSummary,
    rows: Vec<GoalLine>,
    caption: String,
    too_few: String,
}

fn row_name(t: &Tr, row: &Row) -> String {
    match row {
        Row::Strand(id) => goal_name(
            t,
            &Goal {
                kind: GoalKind::Strand,
                key: id.clone(),
            },
        ),
        Row::Priorities => t.get("coach-row-priorities"),
        Row::Practices => t.get("coach-row-practices"),
    }
}

fn shown(figure: Figure) -> Option<u32> {
    figure
        .visibility
        .is_shown()
        .then_some(figure.cycles)
        .flatten()
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
    Ok(SummaryTemplate {
        rows: found
            .rows
            .iter()
            .map(|r| GoalLine {
                name: row_name(&t, &r.row),
                open: shown(r.open),
                closed: shown(r.closed),
            })
            .collect(),
        caption: t.threshold("coach-summary-caption", found.threshold.get()),
        too_few: t.threshold("coach-summary-too-few", found.threshold.get()),
        page: signed_in.page,
        school: summary,
    })
}

/// The counts by goal as a table: hidden figures empty, as on the page.
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
        name: t.get("coach-summary-title"),
        headers: ["coach-col-goal", "coach-col-open", "coach-col-closed"]
            .into_iter()
            .map(|k| t.get(k))
            .collect(),
        rows: found
            .rows
            .iter()
            .map(|r| {
                vec![
                    Cell::Text(row_name(&t, &r.row)),
                    count(shown(r.open)),
                    count(shown(r.closed)),
                ]
            })
            .collect(),
    };
    export(
        &format,
        &table,
        &format!("{} – {}", summary.name, t.get("coach-summary-title")),
    )
}
