//! CPD's pages: a member of staff's own log (add, change, remove, download — nobody else
//! reads it), the school's CPD hours by plan priority and by strand for leaders (each
//! figure resting on k people, with a chart and a table of the same numbers, and their
//! export), and a plan priority's page with what is aligned to it. Handlers are thin:
//! `app::cpd` asks the access policy and the anonymity rules; here it is only worded.

use crate::AppState;
use crate::charts::bars::BarChart;
use crate::charts::measure::MeasureCard;
use crate::context::{Page, SignedIn};
use crate::csrf::CsrfForm;
use crate::error::{AppError, AppResult};
use crate::exports::{Cell as ExportCell, ExportTable, export};
use crate::format;
use crate::i18n::Tr;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use headway_app::cpd::{self as use_case, ActivityForm, CpdError, Invalid, SchoolCpd};
use headway_domain::anonymity::CellVisibility;
use headway_domain::cpd::summary::Cell;
use headway_domain::cpd::{DraftProblem, Kind};
use headway_domain::ids::{PersonId, SchoolId};
use headway_store::cpd::{Activity, ActivityId};
use headway_store::planning::PriorityId;
use headway_store::roster::SchoolSummary;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/schools/{school}/cpd", get(mine).post(add))
        .route("/schools/{school}/cpd/new", get(new_form))
        .route("/schools/{school}/cpd/export/{format}", get(export_mine))
        .route("/schools/{school}/cpd/summary", get(summary))
        .route(
            "/schools/{school}/cpd/summary/{format}",
            get(export_summary),
        )
        .route("/cpd/{activity}", get(edit_form).post(edit))
        .route("/cpd/{activity}/remove", post(remove))
        .route("/plan/priorities/{priority}", get(priority_page))
}

fn refusal(key: &'static str) -> AppError {
    AppError::Refused {
        status: StatusCode::BAD_REQUEST,
        key,
        name: None,
    }
}

impl From<CpdError> for AppError {
    fn from(error: CpdError) -> AppError {
        match error {
            CpdError::Denied(denied) => AppError::Forbidden(denied),
            CpdError::NotFound => AppError::NotFound,
            CpdError::Draft(problem) => refusal(match problem {
                DraftProblem::NoTitle => "cpd-error-title",
                DraftProblem::TitleTooLong => "cpd-error-title-long",
                DraftProblem::ReflectionTooLong => "cpd-error-reflection-long",
                DraftProblem::Hours => "cpd-error-hours",
                DraftProblem::UnknownStrand => "cpd-error-strand",
                DraftProblem::InTheFuture => "cpd-error-future",
            }),
            CpdError::Invalid(why) => refusal(match why {
                Invalid::NotAPriority => "cpd-error-priority",
                Invalid::NotStaff => "cpd-error-not-staff",
                Invalid::BadDate => "cpd-error-date",
                Invalid::BadHours => "cpd-error-hours",
            }),
            CpdError::Store(error) => AppError::Store(error),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Words.

fn kind_key(kind: Kind) -> &'static str {
    match kind {
        Kind::Course => "cpd-kind-course",
        Kind::InSchoolTraining => "cpd-kind-in-school-training",
        Kind::Coaching => "cpd-kind-coaching",
        Kind::Reading => "cpd-kind-reading",
        Kind::Triad => "cpd-kind-triad",
    }
}

fn strand_name(t: &Tr, strand: &str) -> String {
    use_case::framework()
        .strand(strand)
        .map(|s| s.name.get(t.code()).to_owned())
        .unwrap_or_else(|| strand.to_owned())
}

fn hours(minutes: f64) -> String {
    format::decimal(Some(minutes / 60.0), 1)
}

fn hours_of(hours: Option<f64>) -> String {
    format::decimal(hours, 1)
}

fn today(app: &AppState) -> String {
    time::OffsetDateTime::from_unix_timestamp(app.store.now())
        .map(|d| d.date().to_string())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// One's own log.

pub struct ActivityLine {
    pub id: i64,
    pub date: String,
    pub kind: String,
    pub title: String,
    pub hours: String,
    pub strands: String,
    pub priority: String,
    pub led_by: String,
    pub reflection: String,
}

fn activity_line(t: &Tr, a: &Activity) -> ActivityLine {
    ActivityLine {
        id: a.id.0,
        date: a.occurred_on.clone(),
        kind: t.get(kind_key(a.kind)),
        title: a.title.clone(),
        hours: hours(f64::from(a.minutes)),
        strands: a
            .strands
            .iter()
            .map(|s| strand_name(t, s))
            .collect::<Vec<_>>()
            .join("; "),
        priority: a
            .priority
            .as_ref()
            .map(|(_, title)| title.clone())
            .unwrap_or_default(),
        led_by: a
            .led_by
            .as_ref()
            .map(|(_, name)| name.clone())
            .unwrap_or_default(),
        reflection: a.reflection.clone(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "cpd_mine.html")]
pub struct MineTemplate {
    page: Page,
    school: SchoolSummary,
    activities: Vec<ActivityLine>,
    total_hours: String,
    may_view_summary: bool,
}

pub async fn mine(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
) -> AppResult<MineTemplate> {
    let school = SchoolId(school);
    let log = use_case::log(&app.store, &signed_in.principal, school).await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let minutes: u32 = log.activities.iter().map(|a| a.minutes).sum();
    Ok(MineTemplate {
        activities: log
            .activities
            .iter()
            .map(|a| activity_line(&t, a))
            .collect(),
        total_hours: hours(f64::from(minutes)),
        may_view_summary: log.may_view_summary,
        page: signed_in.page,
        school: summary,
    })
}

/// The reader's own log as a table: theirs alone, as the page lists it.
pub async fn export_mine(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school, format)): Path<(i64, String)>,
) -> AppResult<Response> {
    let school = SchoolId(school);
    let log = use_case::log(&app.store, &signed_in.principal, school).await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let table = ExportTable {
        name: t.get("cpd-title"),
        headers: [
            "cpd-col-date",
            "cpd-col-kind",
            "cpd-col-title",
            "cpd-col-hours",
            "cpd-col-strands",
            "cpd-col-priority",
            "cpd-col-led-by",
            "cpd-field-reflection",
        ]
        .into_iter()
        .map(|k| t.get(k))
        .collect(),
        rows: log
            .activities
            .iter()
            .map(|a| {
                let line = activity_line(&t, a);
                vec![
                    ExportCell::Text(line.date),
                    ExportCell::Text(line.kind),
                    ExportCell::Text(line.title),
                    ExportCell::rounded(Some(f64::from(a.minutes) / 60.0), 2),
                    ExportCell::Text(line.strands),
                    ExportCell::Text(line.priority),
                    ExportCell::Text(line.led_by),
                    ExportCell::Text(line.reflection),
                ]
            })
            .collect(),
    };
    export(
        &format,
        &table,
        &format!("{} – {}", summary.name, t.get("cpd-title")),
    )
}

// ---------------------------------------------------------------------------------------
// The form, new or to change one.

#[derive(Template, WebTemplate)]
#[template(path = "cpd_form.html")]
pub struct FormTemplate {
    page: Page,
    school: SchoolSummary,
    heading: String,
    action: String,
    /// Set when changing one: its id, for the remove button.
    existing: Option<i64>,
    /// (value, words, chosen)
    kinds: Vec<(&'static str, String, bool)>,
    title: String,
    date: String,
    today: String,
    hours: String,
    /// (id, name, chosen)
    strands: Vec<(String, String, bool)>,
    /// (id, title, chosen)
    priorities: Vec<(i64, String, bool)>,
    /// (id, name, chosen)
    staff: Vec<(i64, String, bool)>,
    reflection: String,
}

async fn form_template(
    app: &AppState,
    signed_in: SignedIn,
    school: SchoolId,
    existing: Option<&Activity>,
) -> AppResult<FormTemplate> {
    let choices = use_case::form_choices(&app.store, &signed_in.principal, school).await?;
    let summary = crate::pages::school_summary(app, school).await?;
    let t = signed_in.page.t;
    let lang = t.code();
    let kind = existing.map_or(Kind::InSchoolTraining, |a| a.kind);
    Ok(FormTemplate {
        heading: t.get(if existing.is_some() {
            "cpd-edit-title"
        } else {
            "cpd-new-title"
        }),
        action: existing.map_or_else(
            || format!("/schools/{}/cpd", school.0),
            |a| format!("/cpd/{}", a.id.0),
        ),
        existing: existing.map(|a| a.id.0),
        kinds: Kind::ALL
            .into_iter()
            .map(|k| (k.as_str(), t.get(kind_key(k)), k == kind))
            .collect(),
        title: existing.map(|a| a.title.clone()).unwrap_or_default(),
        date: existing
            .map(|a| a.occurred_on.clone())
            .unwrap_or_else(|| today(app)),
        today: today(app),
        hours: existing
            .map(|a| format::decimal(Some(f64::from(a.minutes) / 60.0), 2))
            .map(|h| h.trim_end_matches('0').trim_end_matches('.').to_owned())
            .unwrap_or_default(),
        strands: use_case::framework()
            .strands()
            .iter()
            .map(|s| {
                let chosen = existing.is_some_and(|a| a.strands.contains(&s.id.0));
                (s.id.0.clone(), s.name.get(lang).to_owned(), chosen)
            })
            .collect(),
        priorities: choices
            .priorities
            .iter()
            .map(|p| {
                let chosen = existing.is_some_and(|a| a.priority_lineage == Some(p.lineage));
                (p.id.0, p.title.clone(), chosen)
            })
            .collect(),
        staff: choices
            .staff
            .iter()
            .map(|(p, name)| {
                let chosen =
                    existing.is_some_and(|a| a.led_by.as_ref().is_some_and(|(l, _)| l == p));
                (p.0, name.clone(), chosen)
            })
            .collect(),
        reflection: existing.map(|a| a.reflection.clone()).unwrap_or_default(),
        page: signed_in.page,
        school: summary,
    })
}

pub async fn new_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
) -> AppResult<FormTemplate> {
    form_template(&app, signed_in, SchoolId(school), None).await
}

pub async fn edit_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
) -> AppResult<FormTemplate> {
    let activity = use_case::own_activity(&app.store, &signed_in.principal, ActivityId(id)).await?;
    form_template(&app, signed_in, activity.school, Some(&activity)).await
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
        .map(|v| v.parse().map_err(|_| refusal("cpd-error-form")))
        .transpose()
}

fn form_from(fields: &[(String, String)]) -> AppResult<ActivityForm> {
    let kind = field(fields, "kind")
        .and_then(Kind::parse)
        .ok_or_else(|| refusal("cpd-error-form"))?;
    let text = |name| field(fields, name).unwrap_or_default().to_owned();
    Ok(ActivityForm {
        kind,
        title: text("title"),
        occurred_on: text("occurred_on"),
        hours: text("hours"),
        strands: fields
            .iter()
            .filter(|(k, _)| k == "strand")
            .map(|(_, v)| v.trim().to_owned())
            .filter(|v| !v.is_empty())
            .collect(),
        priority: number(fields, "priority")?.map(PriorityId),
        led_by: number(fields, "led_by")?.map(PersonId),
        reflection: text("reflection"),
    })
}

pub async fn add(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = SchoolId(school);
    let form = form_from(&fields)?;
    use_case::add(&app.store, &signed_in.principal, school, &form).await?;
    Ok(Redirect::to(&format!("/schools/{}/cpd", school.0)))
}

pub async fn edit(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    // Whose it is is asked before the form is read: another's activity is not found.
    let activity = use_case::own_activity(&app.store, &signed_in.principal, ActivityId(id)).await?;
    let form = form_from(&fields)?;
    use_case::edit(&app.store, &signed_in.principal, ActivityId(id), &form).await?;
    Ok(Redirect::to(&format!("/schools/{}/cpd", activity.school.0)))
}

pub async fn remove(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(id): Path<i64>,
    CsrfForm(_fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = use_case::remove(&app.store, &signed_in.principal, ActivityId(id)).await?;
    Ok(Redirect::to(&format!("/schools/{}/cpd", school.0)))
}

// ---------------------------------------------------------------------------------------
// What leaders see.

/// A row of a summary table as shown.
pub struct SummaryLine {
    pub name: String,
    pub shown: bool,
    pub hours: String,
    pub activities: String,
    pub people: String,
    /// Why it is hidden, when it is.
    pub why: String,
}

fn summary_line(t: &Tr, name: String, cell: &Cell, k: u8) -> SummaryLine {
    SummaryLine {
        name,
        shown: cell.visibility.is_shown(),
        hours: hours_of(cell.hours),
        activities: cell
            .activities
            .map_or_else(|| "–".into(), |n| n.to_string()),
        people: cell.people.map_or_else(|| "–".into(), |n| n.to_string()),
        why: match cell.visibility {
            CellVisibility::Shown => String::new(),
            CellVisibility::TooFew => t.threshold("cpd-too-few", k),
            CellVisibility::WouldRevealSmallerGroup => t.get("cpd-would-reveal"),
        },
    }
}

fn chart(t: &Tr, title: String, lines: &[SummaryLine], rows: &[&Cell], k: u8) -> BarChart {
    BarChart::new(
        title,
        t.get("cpd-chart-description"),
        lines
            .iter()
            .zip(rows)
            .map(|(line, cell)| {
                (
                    line.name.clone(),
                    cell.hours
                        .map(|h| (h, t.named("cpd-hours-value", &line.hours))),
                )
            })
            .collect(),
        t.threshold("cpd-chart-hidden", k),
    )
}

struct SummaryWords {
    coherence: Vec<SummaryLine>,
    strands: Vec<SummaryLine>,
    total: SummaryLine,
}

fn summary_words(t: &Tr, found: &SchoolCpd) -> SummaryWords {
    let k = found.coherence.threshold.get();
    let coherence = found
        .coherence
        .rows
        .iter()
        .map(|(lineage, cell)| {
            let name = match lineage {
                Some(l) => found
                    .priorities
                    .iter()
                    .find(|p| p.lineage == *l)
                    .map(|p| p.title.clone())
                    .unwrap_or_default(),
                None => t.get("cpd-not-linked"),
            };
            summary_line(t, name, cell, k)
        })
        .collect();
    let strands = found
        .by_strand
        .rows
        .iter()
        .map(|(strand, cell)| {
            let name = match strand {
                Some(s) => strand_name(t, s),
                None => t.get("cpd-no-strand"),
            };
            summary_line(t, name, cell, k)
        })
        .collect();
    SummaryWords {
        coherence,
        strands,
        total: summary_line(t, t.get("cpd-total"), &found.coherence.total, k),
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct YearQuery {
    year: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "cpd_summary.html")]
pub struct SummaryTemplate {
    page: Page,
    school: SchoolSummary,
    year: i64,
    /// (id, name, chosen)
    years: Vec<(i64, String, bool)>,
    period: String,
    has_plan: bool,
    total: SummaryLine,
    headline: String,
    coherence: Vec<SummaryLine>,
    coherence_chart: BarChart,
    strands: Vec<SummaryLine>,
    strand_chart: BarChart,
    caption_k: String,
}

pub async fn summary(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    Query(query): Query<YearQuery>,
) -> AppResult<SummaryTemplate> {
    let school = SchoolId(school);
    let found = use_case::summary(
        &app.store,
        &signed_in.principal,
        school,
        query.year,
        app.settings.suppress_groups_below,
    )
    .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let k = found.coherence.threshold.get();
    let words = summary_words(&t, &found);
    let coherence_cells: Vec<&Cell> = found.coherence.rows.iter().map(|(_, c)| c).collect();
    let strand_cells: Vec<&Cell> = found.by_strand.rows.iter().map(|(_, c)| c).collect();
    let headline = match (found.coherence.total.hours, found.coherence.aligned_share) {
        (Some(h), _) if h <= 0.0 => t.get("cpd-headline-none"),
        (Some(_), Some(share)) => t.with(
            "cpd-headline",
            &[
                ("share", format::percent(share).into()),
                ("hours", words.total.hours.clone().into()),
            ],
        ),
        (Some(_), None) => t.get("cpd-headline-hidden"),
        (None, _) => t.threshold("cpd-headline-too-few", k),
    };
    Ok(SummaryTemplate {
        year: found.year.id,
        years: found
            .years
            .iter()
            .map(|y| (y.id, y.name.clone(), y.id == found.year.id))
            .collect(),
        period: t.with(
            "cpd-period",
            &[
                ("from", found.from.to_string().into()),
                ("to", found.to.to_string().into()),
            ],
        ),
        has_plan: !found.priorities.is_empty(),
        headline,
        coherence_chart: chart(
            &t,
            t.get("cpd-coherence-chart"),
            &words.coherence,
            &coherence_cells,
            k,
        ),
        strand_chart: chart(
            &t,
            t.get("cpd-strand-chart"),
            &words.strands,
            &strand_cells,
            k,
        ),
        total: words.total,
        coherence: words.coherence,
        strands: words.strands,
        caption_k: t.threshold("cpd-caption-k", k),
        page: signed_in.page,
        school: summary,
    })
}

/// Both tables as one: hidden cells empty, as on the page. No person's figures, no title
/// of anyone's activity: only priorities' titles, strands and counts.
pub async fn export_summary(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path((school, format)): Path<(i64, String)>,
    Query(query): Query<YearQuery>,
) -> AppResult<Response> {
    let school = SchoolId(school);
    let found = use_case::summary(
        &app.store,
        &signed_in.principal,
        school,
        query.year,
        app.settings.suppress_groups_below,
    )
    .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let words = summary_words(&t, &found);
    let mut rows = Vec::new();
    let mut push = |breakdown: &str, name: &str, cell: &Cell| {
        rows.push(vec![
            ExportCell::Text(found.year.name.clone()),
            ExportCell::Text(breakdown.to_owned()),
            ExportCell::Text(name.to_owned()),
            ExportCell::rounded(cell.hours, 1),
            ExportCell::Number(cell.activities.map(f64::from)),
            ExportCell::Number(cell.people.map(f64::from)),
        ]);
    };
    push(
        &t.get("cpd-total"),
        &t.get("cpd-total"),
        &found.coherence.total,
    );
    let by_priority = t.get("cpd-by-priority");
    for (line, (_, cell)) in words.coherence.iter().zip(&found.coherence.rows) {
        push(&by_priority, &line.name, cell);
    }
    let by_strand = t.get("cpd-by-strand");
    for (line, (_, cell)) in words.strands.iter().zip(&found.by_strand.rows) {
        push(&by_strand, &line.name, cell);
    }
    let table = ExportTable {
        name: t.get("cpd-summary-title"),
        headers: [
            "cpd-col-year",
            "cpd-col-breakdown",
            "cpd-col-row",
            "cpd-col-hours",
            "cpd-col-activities",
            "cpd-col-people",
        ]
        .into_iter()
        .map(|k| t.get(k))
        .collect(),
        rows,
    };
    export(
        &format,
        &table,
        &format!("{} – {}", summary.name, t.get("cpd-summary-title")),
    )
}

// ---------------------------------------------------------------------------------------
// A plan priority's page.

pub struct FocusLine {
    pub strand: String,
    pub shown: bool,
    pub observations: String,
    pub teachers: String,
    pub why: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "cpd_priority.html")]
pub struct PriorityTemplate {
    page: Page,
    school: SchoolSummary,
    priority_id: i64,
    year: i64,
    title: String,
    rationale: String,
    dimensions: Vec<String>,
    show_measures: bool,
    /// (measure name, its card)
    measures: Vec<(String, Option<MeasureCard>)>,
    may_edit: bool,
    observations: Option<Vec<FocusLine>>,
    cpd: Option<SummaryLine>,
    cpd_period: String,
    may_view_cpd: bool,
    /// `None`: the viewer may not read coaching counts; `Some(None)`: too few to show.
    coaching_goals: Option<Option<u32>>,
    /// The viewer's own cycles on this priority: (link, text).
    own_cycles: Vec<(String, String)>,
    k: u8,
}

pub async fn priority_page(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(priority): Path<i64>,
) -> AppResult<PriorityTemplate> {
    let k = app.settings.suppress_groups_below;
    let found = use_case::priority_page(
        &app.store,
        &signed_in.principal,
        PriorityId(priority),
        app.settings.planning,
        k,
    )
    .await?;
    let readings = headway_app::planning::current_readings(
        &crate::pages::progress::reports(&app),
        &signed_in.principal,
        &found.plan,
    )
    .await?;
    let summary = crate::pages::school_summary(&app, found.plan.school).await?;
    let page = signed_in.page;
    let t = page.t;
    let names = crate::pages::subject_names(&app, &t).await?;
    let mut view =
        crate::pages::planning::build_view(&t, &names, summary.clone(), &found.plan, today(&app));
    crate::pages::planning::add_measure_cards(&t, &found.plan, &readings, &mut view);
    let shown = view
        .priorities
        .into_iter()
        .find(|p| p.id == priority)
        .ok_or(AppError::NotFound)?;
    let k = k.get();
    Ok(PriorityTemplate {
        priority_id: priority,
        year: found.plan.year,
        title: shown.title,
        rationale: shown.rationale,
        dimensions: shown.dimensions,
        show_measures: matches!(
            found.plan.reading,
            headway_domain::access::PlanReading::Whole
                | headway_domain::access::PlanReading::Governors
        ),
        measures: shown
            .measures
            .into_iter()
            .map(|m| (m.name, m.card))
            .collect(),
        may_edit: found.plan.may_edit && found.plan.shows_latest(),
        observations: found.observations.map(|rows| {
            rows.iter()
                .map(|r| FocusLine {
                    strand: strand_name(&t, &r.strand),
                    shown: r.visibility.is_shown(),
                    observations: r.observations.map_or_else(|| "–".into(), |n| n.to_string()),
                    teachers: r.teachers.map_or_else(|| "–".into(), |n| n.to_string()),
                    why: match r.visibility {
                        CellVisibility::Shown => String::new(),
                        CellVisibility::TooFew => t.threshold("cpd-focus-too-few", k),
                        CellVisibility::WouldRevealSmallerGroup => t.get("cpd-focus-would-reveal"),
                    },
                })
                .collect()
        }),
        may_view_cpd: found.cpd_period.is_some(),
        cpd: found
            .cpd
            .as_ref()
            .map(|(cell, _)| summary_line(&t, t.get("cpd-on-priority"), cell, k)),
        cpd_period: found
            .cpd_period
            .map(|(from, to)| {
                t.with(
                    "cpd-period",
                    &[
                        ("from", from.to_string().into()),
                        ("to", to.to_string().into()),
                    ],
                )
            })
            .unwrap_or_default(),
        coaching_goals: found.coaching.map(|c| c.goals),
        own_cycles: found
            .own_cycles
            .iter()
            .map(|c| {
                let (key, with) = if c.coachee == signed_in.principal.person {
                    ("cpd-own-cycle-coached", &c.coach_name)
                } else {
                    ("cpd-own-cycle-coaching", &c.coachee_name)
                };
                let state = t.get(if c.is_open() {
                    "cpd-own-cycle-open"
                } else {
                    "cpd-own-cycle-closed"
                });
                (
                    format!("/coaching/{}", c.id.0),
                    t.with(
                        key,
                        &[
                            ("name", with.clone().into()),
                            ("opened", c.opened_on.clone().into()),
                            ("state", state.into()),
                        ],
                    ),
                )
            })
            .collect(),
        k,
        page,
        school: summary,
    })
}

// ---------------------------------------------------------------------------------------
// A leader's participation, beside their 360.

/// "What staff say and what happened, side by side", for the 360 report.
pub struct ParticipationView {
    pub dimension: String,
    pub others: String,
    pub self_score: String,
    pub period: String,
    /// (what, how many)
    pub rows: Vec<(String, String)>,
    pub empty: bool,
}

/// The rated leader's participation, for the report's reader (the same rule as the
/// report: `app::cpd::participation` asks it again).
pub async fn participation_view(
    app: &AppState,
    t: &Tr,
    viewer: &headway_domain::access::Principal,
    round: headway_store::diagnostic::RoundId,
    teacher_learning: Option<&crate::pages::diagnostic::DimensionLine>,
) -> AppResult<ParticipationView> {
    let found = use_case::participation(&app.store, viewer, round).await?;
    let p = &found.participation;
    Ok(ParticipationView {
        dimension: teacher_learning.map(|d| d.name.clone()).unwrap_or_default(),
        others: teacher_learning.map_or_else(|| "–".into(), |d| d.others.clone()),
        self_score: teacher_learning.map_or_else(|| "–".into(), |d| d.self_score.clone()),
        period: t.with(
            "cpd-period",
            &[
                ("from", found.from.to_string().into()),
                ("to", found.to.to_string().into()),
            ],
        ),
        rows: vec![
            (t.get("cpd-part-observing"), p.observing.to_string()),
            (t.get("cpd-part-observed"), p.observed.to_string()),
            (t.get("cpd-part-led"), p.cpd_sessions_led.to_string()),
            (
                t.get("cpd-part-own"),
                t.with(
                    "cpd-part-own-value",
                    &[
                        ("n", i64::from(p.own_cpd_activities).into()),
                        ("hours", hours(f64::from(p.own_cpd_minutes)).into()),
                    ],
                ),
            ),
            (
                t.get("cpd-part-triads"),
                p.triads
                    .map_or_else(|| t.get("cpd-part-not-recorded"), |n| n.to_string()),
            ),
        ],
        empty: p.is_empty(),
    })
}
