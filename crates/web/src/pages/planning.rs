//! The improvement plan's pages: the plan for a school and year (priorities with their
//! measures, actions, milestones; reviews; the initiative load; the stopped list; state
//! and version), the forms that write it, last year's plan beside this year's, its XLSX,
//! and a cluster's summary. Handlers are thin: each calls `app::planning`, which asks the
//! access policy and removes what the reader may not see; here it is only worded.

use crate::AppState;
use crate::charts::measure::{MeasureCard, MeasureFormat, measure_name};
use crate::context::{Page, SignedIn};
use crate::csrf::{CsrfForm, Verified};
use crate::error::{AppError, AppResult};
use crate::exports::{Cell, ExportTable};
use crate::format;
use crate::i18n::Tr;
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use headway_app::measures::SubjectNames;
use headway_app::planning::view::{PlanPage, plan_page};
use headway_app::planning::{self as use_case, Invalid, PlanningError, spec_of};
use headway_domain::access::PlanReading;
use headway_domain::diagnostic::Dimension;
use headway_domain::diagnostic::instrument::built_in;
use headway_domain::ids::{OrgId, PersonId, SchoolId};
use headway_domain::planning::measure::{MeasureSpec, MeasureValue, Reading, TargetRange};
use headway_domain::planning::plan::{PlanRule, PlanState, Progress};
use headway_store::planning::{
    ActionId, Evidence, MeasureId, NewAction, NewMeasure, NewPriority, PlanSummary, PriorityId,
    ReviewId, VersionId,
};
use headway_store::progress::Choice;
use headway_store::roster::SchoolSummary;
use serde::Deserialize;
use std::collections::BTreeMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/schools/{school}/plan", get(show).post(start))
        .route("/schools/{school}/plan/xlsx", get(xlsx))
        .route("/schools/{school}/plan/compare", get(compare))
        .route(
            "/schools/{school}/plan/priorities/new",
            get(new_priority_form),
        )
        .route("/schools/{school}/plan/priorities", post(add_priority))
        .route("/schools/{school}/plan/stopped", post(add_stopped))
        .route("/schools/{school}/plan/agree", post(agree))
        .route("/schools/{school}/plan/close", post(close))
        .route("/schools/{school}/plan/reviews", post(add_review))
        // The priority's own page (GET) is `cpd`'s: what is aligned to it.
        .route("/plan/priorities/{priority}", post(edit_priority))
        .route("/plan/priorities/{priority}/edit", get(edit_priority_form))
        .route("/plan/priorities/{priority}/measures", post(add_measure))
        .route("/plan/priorities/{priority}/actions", post(add_action))
        .route(
            "/plan/priorities/{priority}/milestones",
            post(add_milestone),
        )
        .route(
            "/plan/actions/{action}",
            get(edit_action_form).post(edit_action),
        )
        .route("/plan/reviews/{review}/progress", post(record_progress))
        .route("/plan/reviews/{review}/sign-off", post(sign_off))
        .route("/plan/measures/{measure}/readings", post(add_reading))
        .route("/orgs/{org}/plans", get(summaries))
}

fn refusal(key: &'static str) -> AppError {
    AppError::Refused {
        status: StatusCode::BAD_REQUEST,
        key,
        name: None,
    }
}

impl From<PlanningError> for AppError {
    fn from(error: PlanningError) -> AppError {
        match error {
            PlanningError::Denied(denied) => AppError::Forbidden(denied),
            PlanningError::NotFound => AppError::NotFound,
            PlanningError::Rule(rule) => match rule {
                PlanRule::Closed => AppError::Refused {
                    status: StatusCode::CONFLICT,
                    key: "plan-error-closed",
                    name: None,
                },
                PlanRule::NotLatest => AppError::Refused {
                    status: StatusCode::CONFLICT,
                    key: "plan-error-not-latest",
                    name: None,
                },
                PlanRule::NotDraft => refusal("plan-error-not-draft"),
                PlanRule::NotAgreed => refusal("plan-error-not-agreed"),
                PlanRule::OverLimitNeedsReason { .. } => refusal("plan-error-over-limit"),
                PlanRule::NoTitle => refusal("plan-error-no-title"),
                PlanRule::DecisionalNeedsLeader => refusal("plan-error-decisional"),
                PlanRule::DroppedNeedsReason => refusal("plan-error-dropped"),
                PlanRule::EndsBeforeStart => refusal("plan-error-dates"),
                PlanRule::TargetBackwards => refusal("plan-error-target"),
                PlanRule::UnknownValue(value) => AppError::Refused {
                    status: StatusCode::BAD_REQUEST,
                    key: "plan-error-value",
                    name: Some(value),
                },
            },
            PlanningError::Invalid(why) => refusal(match why {
                Invalid::NotStaff => "plan-error-not-staff",
                Invalid::BadMeasure => "plan-error-measure",
                Invalid::NoAgreedPlan => "plan-error-no-agreed",
                Invalid::SignedOff => "plan-error-signed-off",
                Invalid::NotInPlan => "plan-error-not-in-plan",
            }),
            PlanningError::Store(error) => AppError::Store(error),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Form fields.

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
}

fn text(fields: &[(String, String)], name: &str) -> String {
    field(fields, name).unwrap_or_default().trim().to_owned()
}

fn all<'a>(fields: &'a [(String, String)], name: &'a str) -> impl Iterator<Item = &'a str> {
    fields
        .iter()
        .filter(move |(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.trim().is_empty())
}

fn number(fields: &[(String, String)], name: &str) -> AppResult<Option<f64>> {
    match field(fields, name) {
        None => Ok(None),
        Some(v) => v
            .trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Some)
            .ok_or_else(|| AppError::Refused {
                status: StatusCode::BAD_REQUEST,
                key: "plan-error-number",
                name: Some(v.to_owned()),
            }),
    }
}

fn id(fields: &[(String, String)], name: &str) -> AppResult<Option<i64>> {
    match field(fields, name) {
        None => Ok(None),
        Some(v) => v.trim().parse().map(Some).map_err(|_| AppError::Refused {
            status: StatusCode::BAD_REQUEST,
            key: "plan-error-value",
            name: Some(v.to_owned()),
        }),
    }
}

fn year_of(fields: &[(String, String)]) -> AppResult<i64> {
    id(fields, "year")?.ok_or_else(|| refusal("plan-error-year"))
}

fn plan_url(school: SchoolId, year: i64) -> String {
    format!("/schools/{}/plan?year={year}", school.0)
}

// ---------------------------------------------------------------------------------------
// Words for what the plan holds.

fn dimension_name(lang: &str, key: &str) -> String {
    Dimension::ALL
        .into_iter()
        .find(|d| d.as_str() == key)
        .map(|d| built_in().dimension(d).name.get(lang).to_owned())
        .unwrap_or_else(|| key.to_owned())
}

/// The words for the kind of evidence a priority started from.
fn evidence_key(kind: &str) -> &'static str {
    match kind {
        "progress" => "plan-evidence-progress",
        "gap" => "plan-evidence-gap",
        "falling_behind" => "plan-evidence-falling-behind",
        "focus" => "plan-evidence-focus",
        "attendance" => "plan-evidence-attendance",
        _ => "plan-evidence-other",
    }
}

/// A measure's query in words, in the reader's language: subjects and pupil groups named
/// by the deployment's measure set, 360 dimensions by the framework.
pub fn spec_words(t: &Tr, names: &SubjectNames, spec: &str) -> String {
    let Some(spec) = spec_of(spec) else {
        return t.get("plan-spec-unknown");
    };
    measure_name(
        t,
        &spec,
        &|code| names.of_code(code),
        // Breakdown rows are named by the progress pages' own keys (`group-disadvantaged`).
        &|group| {
            names
                .group(&group.row)
                .map_or_else(|| t.get(&group.row), str::to_owned)
        },
        &|key| dimension_name(t.code(), key),
    )
}

/// A value with its interval and what it rests on, written as its measure writes numbers
/// (a sign for value added, a percent sign for shares).
fn value_words(t: &Tr, format: &MeasureFormat, value: &MeasureValue) -> String {
    if value.lower == value.upper {
        return format.number(value.estimate);
    }
    t.with(
        "plan-value",
        &[
            ("estimate", format.number(value.estimate).into()),
            (
                "interval",
                format.interval(t, value.lower, value.upper).into(),
            ),
            ("n", i64::from(value.n).into()),
        ],
    )
}

/// How a stored measure writes its numbers.
fn format_of(m: &headway_store::planning::Measure) -> MeasureFormat {
    let spec = spec_of(&m.spec).unwrap_or(MeasureSpec::Manual {
        unit: String::new(),
    });
    let mut format = MeasureFormat::of(&spec);
    format.higher_is_better = m.higher_is_better;
    format
}

fn target_words(t: &Tr, format: &MeasureFormat, lower: Option<f64>, upper: Option<f64>) -> String {
    match (lower, upper) {
        (Some(l), Some(u)) => t.with(
            "plan-target-range",
            &[
                ("lower", format.number(l).into()),
                ("upper", format.number(u).into()),
            ],
        ),
        (Some(l), None) => t.named("plan-target-at-least", &format.number(l)),
        (None, Some(u)) => t.named("plan-target-at-most", &format.number(u)),
        (None, None) => t.get("plan-target-none"),
    }
}

fn progress_label(t: &Tr, progress: Progress) -> String {
    t.get(&format!(
        "plan-progress-{}",
        progress.as_str().replace('_', "-")
    ))
}

pub(crate) fn state_label(t: &Tr, state: PlanState) -> String {
    t.get(&format!("plan-state-{}", state.as_str()))
}

// ---------------------------------------------------------------------------------------
// The plan page.

pub struct MeasureView {
    pub id: i64,
    pub name: String,
    pub spec: String,
    pub direction: String,
    pub baseline: String,
    pub target: String,
    pub manual: bool,
    /// (review date, value at it)
    pub at_reviews: Vec<(String, String)>,
    /// (date, value, evidence)
    pub readings: Vec<(String, String, String)>,
    /// The measure over time with its interval and status in words (the plan page).
    pub card: Option<MeasureCard>,
}

pub struct ActionView {
    pub id: i64,
    pub title: String,
    pub owner: String,
    pub people: String,
    pub dates: String,
    pub budget: String,
    pub hours: String,
    pub cpd: String,
    pub pattern: String,
    pub leader: Option<String>,
    /// (review date, progress, reason)
    pub progress: Vec<(String, String, String)>,
    pub stalled: bool,
    pub editable: bool,
}

pub struct MilestoneView {
    pub kind: String,
    pub due_on: String,
    pub description: String,
}

pub struct PriorityView {
    pub id: i64,
    pub position: i64,
    pub title: String,
    pub rationale: String,
    pub dimensions: Vec<String>,
    pub over_limit_reason: Option<String>,
    pub evidence: Option<(String, String, String)>,
    pub measures: Vec<MeasureView>,
    pub actions: Vec<ActionView>,
    pub milestones: Vec<MilestoneView>,
}

pub struct ReviewView {
    pub id: i64,
    pub held_on: String,
    pub evaluation: String,
    pub signed: Option<String>,
    /// (action id, title, progress, reason) — every action shown, progress if recorded.
    pub progress: Vec<(i64, String, String, String)>,
    pub measures: Vec<(String, String)>,
    /// Actions whose progress this viewer may still record at this review: (id, title).
    pub recordable: Vec<(i64, String)>,
}

pub struct LoadView {
    pub name: String,
    pub initiatives: u32,
    pub hours: String,
    pub over: bool,
}

pub struct ChangeView {
    pub name: String,
    pub before: String,
    pub after: String,
}

pub struct VersionLink {
    pub id: i64,
    pub label: String,
    pub current: bool,
}

pub struct PlanView {
    pub school: SchoolSummary,
    pub year: i64,
    pub year_name: String,
    pub years: Vec<Choice>,
    pub reading: PlanReading,
    pub exists: bool,
    pub version_id: i64,
    pub state: String,
    pub is_draft: bool,
    pub is_agreed: bool,
    pub is_latest: bool,
    pub version_line: String,
    pub versions: Vec<VersionLink>,
    pub priorities: Vec<PriorityView>,
    pub reviews: Vec<ReviewView>,
    pub load: Vec<LoadView>,
    pub load_warning: Option<String>,
    pub load_limits: String,
    pub stopped: Vec<(String, String)>,
    pub changes: Vec<ChangeView>,
    pub may_edit: bool,
    pub may_sign_off: bool,
    pub priority_count: usize,
    pub priority_limit: usize,
    pub staff: Vec<(i64, String)>,
    pub dimensions: Vec<(String, String)>,
    /// Survey scales a measure can follow: ("instrument:scale", name).
    pub survey_scales: Vec<(String, String)>,
    pub today: String,
}

/// Each measure's card: the baseline captured at agreement, the target range, the value
/// at each review and the reading now, each with its interval, and the status in words.
pub(crate) fn add_measure_cards(
    t: &Tr,
    plan: &PlanPage,
    readings: &BTreeMap<i64, Reading>,
    view: &mut PlanView,
) {
    let Some(content) = &plan.content else {
        return;
    };
    for m in &content.measures {
        let Some(spec) = spec_of(&m.spec) else {
            continue;
        };
        let mut points: Vec<(String, Reading)> = content
            .reviews
            .iter()
            .filter_map(|r| {
                r.measures
                    .iter()
                    .find(|(lineage, _)| *lineage == m.lineage)
                    .map(|(_, value)| (r.held_on.clone(), Ok(*value)))
            })
            .collect();
        if let Some(now) = readings.get(&m.lineage) {
            points.push((t.get("measure-current"), now.clone()));
        }
        let target = match (m.target_lower, m.target_upper) {
            (Some(lower), Some(upper)) => TargetRange::new(lower, upper).ok(),
            _ => None,
        };
        let mut format = MeasureFormat::of(&spec);
        format.higher_is_better = m.higher_is_better;
        let baseline_label = t.get("measure-baseline");
        let card = MeasureCard::new(
            t,
            &format!("m{}", m.id.0),
            m.name.clone(),
            m.baseline.as_ref().map(|b| (baseline_label.as_str(), b)),
            target,
            &points,
            format,
        );
        for priority in &mut view.priorities {
            for shown in &mut priority.measures {
                if shown.id == m.id.0 {
                    shown.card = Some(card.clone());
                }
            }
        }
    }
}

pub(crate) fn build_view(
    t: &Tr,
    names: &SubjectNames,
    school: SchoolSummary,
    page: &PlanPage,
    today: String,
) -> PlanView {
    let lang = t.code();
    let someone = t.get("plan-someone");
    let name_or = |name: &str| {
        if name.is_empty() {
            someone.clone()
        } else {
            name.to_owned()
        }
    };
    let year_name = page
        .years
        .iter()
        .find(|y| y.id == page.year)
        .map(|y| y.name.clone())
        .unwrap_or_default();
    let versions = page
        .versions
        .iter()
        .map(|v| VersionLink {
            id: v.id.0,
            label: t.with(
                "plan-version-link",
                &[
                    ("version", v.version.into()),
                    ("state", state_label(t, v.state).into()),
                ],
            ),
            current: page.content.as_ref().is_some_and(|c| c.version.id == v.id),
        })
        .collect();
    let mut view = PlanView {
        school,
        year: page.year,
        year_name,
        years: page.years.clone(),
        reading: page.reading,
        exists: page.content.is_some(),
        version_id: 0,
        state: String::new(),
        is_draft: false,
        is_agreed: false,
        is_latest: page.shows_latest(),
        version_line: String::new(),
        versions,
        priorities: Vec::new(),
        reviews: Vec::new(),
        load: Vec::new(),
        load_warning: None,
        load_limits: t.with(
            "plan-load-limits",
            &[
                (
                    "initiatives",
                    i64::from(page.rules.load.initiatives_per_person).into(),
                ),
                (
                    "hours",
                    format::decimal(Some(page.rules.load.hours_per_person), 1).into(),
                ),
            ],
        ),
        stopped: Vec::new(),
        changes: Vec::new(),
        may_edit: page.may_edit,
        may_sign_off: page.may_sign_off,
        priority_count: 0,
        priority_limit: page.priority_limit().0,
        staff: page.staff.iter().map(|(p, n)| (p.0, n.clone())).collect(),
        dimensions: Dimension::ALL
            .into_iter()
            .map(|d| {
                (
                    d.as_str().to_owned(),
                    built_in().dimension(d).name.get(lang).to_owned(),
                )
            })
            .collect(),
        survey_scales: survey_scale_choices(lang),
        today,
    };
    let Some(c) = &page.content else {
        return view;
    };
    view.version_id = c.version.id.0;
    view.state = state_label(t, c.version.state);
    view.is_draft = c.version.state == PlanState::Draft;
    view.is_agreed = c.version.state == PlanState::Agreed;
    view.version_line = match (&c.version.agreed_at, &c.version.agreed_by) {
        (Some(at), Some(by)) if !by.is_empty() => t.with(
            "plan-version-agreed-by",
            &[
                ("version", c.version.version.into()),
                ("date", date_of(*at).into()),
                ("name", by.clone().into()),
            ],
        ),
        (Some(at), _) => t.with(
            "plan-version-agreed",
            &[
                ("version", c.version.version.into()),
                ("date", date_of(*at).into()),
            ],
        ),
        _ => t.with("plan-version", &[("version", c.version.version.into())]),
    };
    view.priority_count = c.priorities.len();
    let measure_names: std::collections::BTreeMap<i64, String> = c
        .measures
        .iter()
        .map(|m| (m.lineage, m.name.clone()))
        .collect();
    let formats: BTreeMap<i64, MeasureFormat> = c
        .measures
        .iter()
        .map(|m| (m.lineage, format_of(m)))
        .collect();
    // A measure of an earlier version, dropped since, is written as a plain number.
    let format_at = |lineage: &i64| {
        formats
            .get(lineage)
            .copied()
            .unwrap_or(MeasureFormat::of(&MeasureSpec::Manual {
                unit: String::new(),
            }))
    };
    for p in &c.priorities {
        let measures = c
            .measures
            .iter()
            .filter(|m| m.priority == p.id)
            .map(|m| MeasureView {
                id: m.id.0,
                name: m.name.clone(),
                spec: spec_words(t, names, &m.spec),
                direction: t.get(if m.higher_is_better {
                    "plan-higher-better"
                } else {
                    "plan-lower-better"
                }),
                baseline: m
                    .baseline
                    .map(|b| value_words(t, &format_at(&m.lineage), &b))
                    .unwrap_or_else(|| t.get("plan-baseline-none")),
                target: target_words(t, &format_at(&m.lineage), m.target_lower, m.target_upper),
                manual: matches!(spec_of(&m.spec), Some(MeasureSpec::Manual { .. })),
                at_reviews: c
                    .reviews
                    .iter()
                    .filter_map(|r| {
                        r.measures
                            .iter()
                            .find(|(l, _)| *l == m.lineage)
                            .map(|(_, v)| {
                                (r.held_on.clone(), value_words(t, &format_at(&m.lineage), v))
                            })
                    })
                    .collect(),
                readings: c
                    .readings
                    .iter()
                    .filter(|r| r.measure_lineage == m.lineage)
                    .map(|r| {
                        (
                            r.taken_on.clone(),
                            format_at(&m.lineage).number(r.value),
                            r.evidence.clone(),
                        )
                    })
                    .collect(),
                card: None,
            })
            .collect();
        let actions = c
            .actions
            .iter()
            .filter(|a| a.priority == p.id)
            .map(|a| {
                let progress: Vec<(String, String, String)> =
                    c.reviews
                        .iter()
                        .filter_map(|r| {
                            r.progress.iter().find(|(l, _, _)| *l == a.lineage).map(
                                |(_, p, reason)| {
                                    (
                                        r.held_on.clone(),
                                        progress_label(t, *p),
                                        reason.clone().unwrap_or_default(),
                                    )
                                },
                            )
                        })
                        .collect();
                let stalled = c
                    .reviews
                    .last()
                    .and_then(|r| r.progress.iter().find(|(l, _, _)| *l == a.lineage))
                    .is_some_and(|(_, p, _)| *p == Progress::Stalled);
                ActionView {
                    id: a.id.0,
                    title: a.title.clone(),
                    owner: name_or(&a.owner_name),
                    people: if page.reading == PlanReading::Governors {
                        String::new()
                    } else {
                        a.people
                            .iter()
                            .map(|(_, n)| n.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                    dates: t.with(
                        "plan-dates",
                        &[
                            ("from", a.starts_on.clone().into()),
                            ("to", a.ends_on.clone().into()),
                        ],
                    ),
                    budget: format!("£{}", format::decimal(Some(a.budget), 0)),
                    hours: format::decimal(Some(a.hours_per_week), 1),
                    cpd: format::decimal(Some(a.cpd_days), 1),
                    pattern: t.get(&format!("plan-pattern-{}", a.pattern)),
                    leader: a.teacher_leader.as_ref().map(|(_, n)| {
                        t.with(
                            "plan-leader-area",
                            &[
                                ("name", name_or(n).into()),
                                ("area", a.leader_area.clone().unwrap_or_default().into()),
                            ],
                        )
                    }),
                    progress,
                    stalled,
                    editable: page.editable_actions.contains(&a.id),
                }
            })
            .collect();
        view.priorities.push(PriorityView {
            id: p.id.0,
            position: p.position,
            title: p.title.clone(),
            rationale: p.rationale.clone(),
            dimensions: p
                .dimensions
                .iter()
                .map(|d| dimension_name(lang, d))
                .collect(),
            over_limit_reason: p.over_limit_reason.clone(),
            evidence: p
                .evidence
                .as_ref()
                .map(|e| (t.get(evidence_key(&e.kind)), e.url.clone(), e.note.clone())),
            measures,
            actions,
            milestones: c
                .milestones
                .iter()
                .filter(|m| m.priority_id == p.id.0)
                .map(|m| MilestoneView {
                    kind: t.get(&format!("plan-milestone-{}", m.kind)),
                    due_on: m.due_on.clone(),
                    description: m.description.clone(),
                })
                .collect(),
        });
    }
    for r in &c.reviews {
        view.reviews.push(ReviewView {
            id: r.id.0,
            held_on: r.held_on.clone(),
            evaluation: r.evaluation.clone(),
            signed: r.signed_off_at.map(|at| match &r.signed_off_by {
                Some(name) if !name.is_empty() => t.with(
                    "plan-signed-off-by",
                    &[("name", name.clone().into()), ("date", date_of(at).into())],
                ),
                _ => t.named("plan-signed-off", &date_of(at)),
            }),
            progress: c
                .actions
                .iter()
                .map(|a| {
                    let held = r.progress.iter().find(|(l, _, _)| *l == a.lineage);
                    (
                        a.id.0,
                        a.title.clone(),
                        held.map(|(_, p, _)| progress_label(t, *p))
                            .unwrap_or_else(|| t.get("plan-progress-none")),
                        held.and_then(|(_, _, reason)| reason.clone())
                            .unwrap_or_default(),
                    )
                })
                .collect(),
            measures: r
                .measures
                .iter()
                .map(|(l, v)| {
                    (
                        measure_names.get(l).cloned().unwrap_or_default(),
                        value_words(t, &format_at(l), v),
                    )
                })
                .collect(),
            recordable: if r.signed_off_at.is_none() {
                c.actions
                    .iter()
                    .filter(|a| page.progress_actions.contains(&a.id))
                    .map(|a| (a.id.0, a.title.clone()))
                    .collect()
            } else {
                Vec::new()
            },
        });
    }
    if let Some(load) = &page.load {
        view.load = load
            .people
            .iter()
            .map(|p| LoadView {
                name: page
                    .names
                    .get(&p.person)
                    .cloned()
                    .unwrap_or_else(|| someone.clone()),
                initiatives: p.initiatives,
                hours: format::decimal(Some(p.hours_per_week), 1),
                over: p.is_over(),
            })
            .collect();
        if load.staff_warning {
            view.load_warning = Some(t.with(
                "plan-load-staff-warning",
                &[
                    ("over", load.overloaded.into()),
                    ("people", load.people.len().into()),
                    ("at_once", i64::from(load.initiatives_at_once).into()),
                ],
            ));
        }
    }
    view.stopped = c
        .stopped
        .iter()
        .map(|s| (s.what.clone(), s.why.clone()))
        .collect();
    view.changes = page
        .changes
        .iter()
        .map(|ch| ChangeView {
            name: measure_names.get(&ch.lineage).cloned().unwrap_or_default(),
            before: ch
                .before
                .map(|v| value_words(t, &format_at(&ch.lineage), &v))
                .unwrap_or_else(|| t.get("plan-no-value")),
            after: ch
                .after
                .map(|v| value_words(t, &format_at(&ch.lineage), &v))
                .unwrap_or_else(|| t.get("plan-no-value")),
        })
        .collect();
    view
}

fn date_of(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|d| d.date().to_string())
        .unwrap_or_default()
}

fn today(app: &AppState) -> String {
    date_of(app.store.now())
}

#[derive(Debug, Deserialize, Default)]
pub struct PlanQuery {
    year: Option<i64>,
    version: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "planning_plan.html")]
pub struct PlanTemplate {
    pub page: Page,
    pub plan: PlanView,
}

pub async fn show(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    Query(query): Query<PlanQuery>,
) -> AppResult<PlanTemplate> {
    let school = SchoolId(school);
    let plan = plan_page(
        &app.store,
        &signed_in.principal,
        school,
        query.year,
        query.version.map(VersionId),
        app.settings.planning,
    )
    .await?;
    let readings = use_case::current_readings(
        &crate::pages::progress::reports(&app),
        &signed_in.principal,
        &plan,
    )
    .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let page = signed_in.page;
    let names = crate::pages::subject_names(&app, &page.t).await?;
    let mut view = build_view(&page.t, &names, summary, &plan, today(&app));
    add_measure_cards(&page.t, &plan, &readings, &mut view);
    Ok(PlanTemplate { page, plan: view })
}

/// The plan as a workbook: one sheet of priorities, measures and actions, holding what
/// the page shows this reader (a governor's names no one).
pub async fn xlsx(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    Query(query): Query<PlanQuery>,
) -> AppResult<Response> {
    let school = SchoolId(school);
    let plan = plan_page(
        &app.store,
        &signed_in.principal,
        school,
        query.year,
        query.version.map(VersionId),
        app.settings.planning,
    )
    .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = &signed_in.page.t;
    let names = crate::pages::subject_names(&app, t).await?;
    let view = build_view(t, &names, summary, &plan, today(&app));
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let text = |s: &str| Cell::Text(s.to_owned());
    for p in &view.priorities {
        rows.push(vec![
            text(&t.get("plan-xlsx-priority")),
            text(&p.title),
            text(&p.rationale),
            text(&p.dimensions.join("; ")),
            text(""),
            text(""),
        ]);
        for m in &p.measures {
            rows.push(vec![
                text(&t.get("plan-xlsx-measure")),
                text(&m.name),
                text(&m.spec),
                text(&m.baseline),
                text(&m.target),
                text(
                    &m.at_reviews
                        .iter()
                        .map(|(d, v)| format!("{d}: {v}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            ]);
        }
        for a in &p.actions {
            rows.push(vec![
                text(&t.get("plan-xlsx-action")),
                text(&a.title),
                text(&a.owner),
                text(&a.dates),
                text(&a.pattern),
                text(
                    &a.progress
                        .iter()
                        .map(|(d, p, r)| format!("{d}: {p} {r}").trim().to_owned())
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            ]);
        }
    }
    let table = ExportTable {
        name: t.get("plan-title"),
        headers: vec![
            t.get("plan-xlsx-kind"),
            t.get("plan-xlsx-name"),
            t.get("plan-xlsx-detail"),
            t.get("plan-xlsx-detail-2"),
            t.get("plan-xlsx-detail-3"),
            t.get("plan-xlsx-reviews"),
        ],
        rows,
    };
    let stem = format!(
        "{} {} {}",
        view.school.name,
        t.get("plan-title"),
        view.year_name
    );
    crate::exports::export("xlsx", &table, &stem)
}

#[derive(Template, WebTemplate)]
#[template(path = "planning_compare.html")]
pub struct CompareTemplate {
    pub page: Page,
    pub school: SchoolSummary,
    pub year: i64,
    /// Last year's plan, then this year's, each under its heading.
    pub columns: Vec<(String, Option<PlanView>)>,
}

pub async fn compare(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    Query(query): Query<PlanQuery>,
) -> AppResult<CompareTemplate> {
    let school = SchoolId(school);
    let year = match query.year {
        Some(y) => y,
        None => {
            plan_page(
                &app.store,
                &signed_in.principal,
                school,
                None,
                None,
                app.settings.planning,
            )
            .await?
            .year
        }
    };
    let (last, this) = headway_app::planning::view::compare(
        &app.store,
        &signed_in.principal,
        school,
        year,
        app.settings.planning,
    )
    .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let page = signed_in.page;
    let names = crate::pages::subject_names(&app, &page.t).await?;
    let now = today(&app);
    let columns = vec![
        (
            page.t.get("plan-compare-last"),
            last.map(|l| build_view(&page.t, &names, summary.clone(), &l, now.clone())),
        ),
        (
            page.t.get("plan-compare-this"),
            Some(build_view(&page.t, &names, summary.clone(), &this, now)),
        ),
    ];
    Ok(CompareTemplate {
        school: summary,
        year,
        columns,
        page,
    })
}

// ---------------------------------------------------------------------------------------
// Writing.

pub async fn start(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = SchoolId(school);
    let year = year_of(&fields)?;
    use_case::start_plan(&app.store, &signed_in.principal, school, year).await?;
    Ok(Redirect::to(&plan_url(school, year)))
}

#[derive(Debug, Deserialize, Default)]
pub struct NewPriorityQuery {
    year: Option<i64>,
    evidence_kind: Option<String>,
    evidence_url: Option<String>,
    evidence_note: Option<String>,
    measure_name: Option<String>,
    measure_spec: Option<String>,
    title: Option<String>,
    /// A Robinson dimension to start from (a 360 focus suggestion's).
    dimension: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "planning_priority_form.html")]
pub struct PriorityFormTemplate {
    pub page: Page,
    pub school: SchoolSummary,
    pub year: i64,
    pub action: String,
    pub title: String,
    pub rationale: String,
    pub chosen: Vec<String>,
    pub dimensions: Vec<(String, String)>,
    pub over_limit: bool,
    pub priority_limit: usize,
    pub evidence_kind: String,
    pub evidence_url: String,
    pub evidence_note: String,
    pub measure_name: String,
    pub measure_spec: String,
    pub measure_words: String,
    pub editing: bool,
}

fn dimension_choices(lang: &str) -> Vec<(String, String)> {
    Dimension::ALL
        .into_iter()
        .map(|d| {
            (
                d.as_str().to_owned(),
                built_in().dimension(d).name.get(lang).to_owned(),
            )
        })
        .collect()
}

/// The form for a new priority, filled from the evidence it starts from when a page's
/// "make this a priority" link sends it here.
pub async fn new_priority_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    Query(query): Query<NewPriorityQuery>,
) -> AppResult<PriorityFormTemplate> {
    let school = SchoolId(school);
    signed_in
        .principal
        .may(&headway_domain::access::Action::EditPlan(school))?;
    let plan = plan_page(
        &app.store,
        &signed_in.principal,
        school,
        query.year,
        None,
        app.settings.planning,
    )
    .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let page = signed_in.page;
    let names = crate::pages::subject_names(&app, &page.t).await?;
    let spec = query.measure_spec.clone().unwrap_or_default();
    Ok(PriorityFormTemplate {
        school: summary,
        year: plan.year,
        action: format!("/schools/{}/plan/priorities", school.0),
        title: query.title.unwrap_or_default(),
        rationale: String::new(),
        chosen: query
            .dimension
            .filter(|key| Dimension::ALL.iter().any(|d| d.as_str() == key))
            .into_iter()
            .collect(),
        dimensions: dimension_choices(page.lang()),
        over_limit: plan
            .content
            .as_ref()
            .is_some_and(|c| c.priorities.len() >= plan.priority_limit().0),
        priority_limit: plan.priority_limit().0,
        evidence_kind: query.evidence_kind.unwrap_or_default(),
        evidence_url: query.evidence_url.unwrap_or_default(),
        evidence_note: query.evidence_note.unwrap_or_default(),
        measure_name: query.measure_name.unwrap_or_default(),
        measure_words: if spec.is_empty() {
            String::new()
        } else {
            spec_words(&page.t, &names, &spec)
        },
        measure_spec: spec,
        editing: false,
        page,
    })
}

fn priority_from(fields: &[(String, String)]) -> NewPriority {
    let evidence = match (
        field(fields, "evidence_kind"),
        field(fields, "evidence_url"),
    ) {
        (Some(kind), Some(url)) => Some(Evidence {
            kind: kind.trim().to_owned(),
            url: url.trim().to_owned(),
            note: text(fields, "evidence_note"),
        }),
        _ => None,
    };
    NewPriority {
        title: text(fields, "title"),
        rationale: text(fields, "rationale"),
        dimensions: all(fields, "dimension").map(str::to_owned).collect(),
        over_limit_reason: field(fields, "over_limit_reason").map(|r| r.trim().to_owned()),
        evidence,
    }
}

/// Adds a priority, with the measure its evidence came with (if any), then shows the plan.
pub async fn add_priority(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = SchoolId(school);
    let year = year_of(&fields)?;
    let viewer = &signed_in.principal;
    use_case::start_plan(&app.store, viewer, school, year).await?;
    let priority = priority_from(&fields);
    let id = use_case::add_priority(
        &app.store,
        viewer,
        school,
        year,
        &priority,
        app.settings.planning.priority_limit,
    )
    .await?;
    if let Some(spec) = field(&fields, "measure_spec") {
        let measure = NewMeasure {
            name: field(&fields, "measure_name")
                .map(str::to_owned)
                .unwrap_or_else(|| priority.title.clone()),
            spec: spec.to_owned(),
            higher_is_better: field(&fields, "higher_is_better") != Some("false"),
            target_lower: None,
            target_upper: None,
        };
        use_case::add_measure(&app.store, viewer, id, &measure).await?;
    }
    Ok(Redirect::to(&format!(
        "{}#priority-{}",
        plan_url(school, year),
        id.0
    )))
}

pub async fn edit_priority_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(priority): Path<i64>,
) -> AppResult<PriorityFormTemplate> {
    let (version, _) = app
        .store
        .planning()
        .version_of_priority(PriorityId(priority))
        .await?
        .ok_or(AppError::NotFound)?;
    let version = app
        .store
        .planning()
        .content(version)
        .await?
        .ok_or(AppError::NotFound)?;
    let school = version.version.school;
    if signed_in.principal.plan_reading(school).is_none() {
        return Err(AppError::NotFound);
    }
    signed_in
        .principal
        .may(&headway_domain::access::Action::EditPlan(school))?;
    let held = version
        .priorities
        .iter()
        .find(|p| p.id.0 == priority)
        .ok_or(AppError::NotFound)?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let page = signed_in.page;
    Ok(PriorityFormTemplate {
        school: summary,
        year: version.version.year,
        action: format!("/plan/priorities/{priority}"),
        title: held.title.clone(),
        rationale: held.rationale.clone(),
        chosen: held.dimensions.clone(),
        dimensions: dimension_choices(page.lang()),
        over_limit: false,
        priority_limit: app.settings.planning.priority_limit.0,
        evidence_kind: String::new(),
        evidence_url: String::new(),
        evidence_note: String::new(),
        measure_name: String::new(),
        measure_spec: String::new(),
        measure_words: String::new(),
        editing: true,
        page,
    })
}

pub async fn edit_priority(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(priority): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let edited = priority_from(&fields);
    let id = use_case::edit_priority(
        &app.store,
        &signed_in.principal,
        PriorityId(priority),
        &edited,
    )
    .await?;
    redirect_to_priority(&app, id).await
}

async fn redirect_to_priority(app: &AppState, id: PriorityId) -> AppResult<Redirect> {
    let (version, _) = app
        .store
        .planning()
        .version_of_priority(id)
        .await?
        .ok_or(AppError::NotFound)?;
    redirect_within(app, version, &format!("priority-{}", id.0)).await
}

/// The plan page of `version`'s school and year, at `anchor`.
async fn redirect_within(app: &AppState, version: VersionId, anchor: &str) -> AppResult<Redirect> {
    let version = app
        .store
        .planning()
        .version(version)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&format!(
        "{}#{anchor}",
        plan_url(version.school, version.year)
    )))
}

/// Every scale of the surveys this release serves, as the plan form offers them.
fn survey_scale_choices(lang: &str) -> Vec<(String, String)> {
    use headway_domain::survey::instrument::{Audience, built_in as survey};
    Audience::ALL
        .into_iter()
        .map(survey)
        .flat_map(|i| {
            i.scales.iter().map(move |s| {
                (
                    format!("{}:{}", i.key.id, s.id.0),
                    format!("{}: {}", i.title.get(lang), s.name.get(lang)),
                )
            })
        })
        .collect()
}

/// A measure from the form: the kind of query and what it needs.
fn spec_from(fields: &[(String, String)]) -> AppResult<String> {
    if let Some(spec) = field(fields, "spec") {
        return Ok(spec.to_owned());
    }
    let subject = text(fields, "subject").to_uppercase();
    let spec = match field(fields, "kind").unwrap_or_default() {
        "value_added" => MeasureSpec::ValueAdded {
            subject,
            group: None,
            contextual: field(fields, "contextual").is_some(),
        },
        "disadvantaged_gap" => MeasureSpec::DisadvantagedGap { subject },
        "falling_behind" => MeasureSpec::FallingBehind {
            subject: (!subject.is_empty()).then_some(subject),
            group: None,
        },
        "leadership_360" => MeasureSpec::Leadership360 {
            dimension: text(fields, "dimension"),
        },
        "attendance" => MeasureSpec::Attendance { group: None },
        "survey_scale" => {
            let chosen = field(fields, "survey_scale").unwrap_or_default();
            let (instrument, scale) = chosen
                .split_once(':')
                .filter(|(i, s)| {
                    survey_scale_choices("en")
                        .iter()
                        .any(|(key, _)| *key == format!("{i}:{s}"))
                })
                .ok_or_else(|| refusal("plan-error-survey-scale"))?;
            MeasureSpec::SurveyScale {
                instrument: instrument.to_owned(),
                scale: scale.to_owned(),
            }
        }
        "manual" => MeasureSpec::Manual {
            unit: text(fields, "unit"),
        },
        _ => return Err(refusal("plan-error-measure")),
    };
    serde_json::to_string(&spec).map_err(|e| AppError::Internal(e.to_string()))
}

pub async fn add_measure(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(priority): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let measure = NewMeasure {
        name: text(&fields, "name"),
        spec: spec_from(&fields)?,
        higher_is_better: field(&fields, "higher_is_better") != Some("false"),
        target_lower: number(&fields, "target_lower")?,
        target_upper: number(&fields, "target_upper")?,
    };
    let id = use_case::add_measure(
        &app.store,
        &signed_in.principal,
        PriorityId(priority),
        &measure,
    )
    .await?;
    let version = app
        .store
        .planning()
        .version_of_measure(id)
        .await?
        .ok_or(AppError::NotFound)?
        .0;
    let version = app
        .store
        .planning()
        .version(version)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&plan_url(version.school, version.year)))
}

fn action_from(fields: &[(String, String)]) -> AppResult<NewAction> {
    let owner = id(fields, "owner")?.ok_or_else(|| refusal("plan-error-owner"))?;
    let leader = id(fields, "teacher_leader")?;
    let people = all(fields, "person")
        .map(|p| p.parse::<i64>().map(PersonId))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| refusal("plan-error-not-staff"))?;
    let pattern = field(fields, "pattern")
        .unwrap_or("consultative")
        .to_owned();
    let decisional = pattern == "decisional";
    Ok(NewAction {
        title: text(fields, "title"),
        owner: PersonId(owner),
        people,
        starts_on: text(fields, "starts_on"),
        ends_on: text(fields, "ends_on"),
        budget: number(fields, "budget")?.unwrap_or(0.0).max(0.0),
        hours_per_week: number(fields, "hours_per_week")?.unwrap_or(0.0).max(0.0),
        cpd_days: number(fields, "cpd_days")?.unwrap_or(0.0).max(0.0),
        teacher_leader: if decisional {
            leader.map(PersonId)
        } else {
            None
        },
        leader_area: if decisional {
            field(fields, "leader_area").map(|a| a.trim().to_owned())
        } else {
            None
        },
        pattern,
    })
}

pub async fn add_action(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(priority): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let action = action_from(&fields)?;
    let id = use_case::add_action(
        &app.store,
        &signed_in.principal,
        PriorityId(priority),
        &action,
    )
    .await?;
    redirect_to_action(&app, id).await
}

async fn redirect_to_action(app: &AppState, id: ActionId) -> AppResult<Redirect> {
    let (version, _) = app
        .store
        .planning()
        .action(id)
        .await?
        .ok_or(AppError::NotFound)?;
    redirect_within(app, version, &format!("action-{}", id.0)).await
}

#[derive(Template, WebTemplate)]
#[template(path = "planning_action_form.html")]
pub struct ActionFormTemplate {
    pub page: Page,
    pub school: SchoolSummary,
    pub year: i64,
    pub id: i64,
    pub title: String,
    pub owner: i64,
    pub people: Vec<i64>,
    pub starts_on: String,
    pub ends_on: String,
    pub budget: String,
    pub hours_per_week: String,
    pub cpd_days: String,
    pub decisional: bool,
    pub teacher_leader: i64,
    pub leader_area: String,
    pub staff: Vec<(i64, String)>,
    pub may_change_owner: bool,
}

pub async fn edit_action_form(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(action): Path<i64>,
) -> AppResult<ActionFormTemplate> {
    let (version, held) = app
        .store
        .planning()
        .action(ActionId(action))
        .await?
        .ok_or(AppError::NotFound)?;
    let version = app
        .store
        .planning()
        .version(version)
        .await?
        .ok_or(AppError::NotFound)?;
    let school = version.school;
    if signed_in.principal.plan_reading(school).is_none() {
        return Err(AppError::NotFound);
    }
    signed_in
        .principal
        .may(&headway_domain::access::Action::EditPlanAction {
            school,
            owner: held.owner,
        })?;
    let staff = app.store.planning().staff(school).await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    Ok(ActionFormTemplate {
        school: summary,
        year: version.year,
        id: action,
        title: held.title.clone(),
        owner: held.owner.0,
        people: held.people.iter().map(|(p, _)| p.0).collect(),
        starts_on: held.starts_on.clone(),
        ends_on: held.ends_on.clone(),
        budget: format::decimal(Some(held.budget), 0),
        hours_per_week: format::decimal(Some(held.hours_per_week), 1),
        cpd_days: format::decimal(Some(held.cpd_days), 1),
        decisional: held.pattern == "decisional",
        teacher_leader: held.teacher_leader.as_ref().map(|(p, _)| p.0).unwrap_or(0),
        leader_area: held.leader_area.clone().unwrap_or_default(),
        staff: staff.into_iter().map(|(p, n)| (p.0, n)).collect(),
        may_change_owner: signed_in
            .principal
            .may(&headway_domain::access::Action::EditPlan(school))
            .is_ok(),
        page: signed_in.page,
    })
}

pub async fn edit_action(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(action): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let edited = action_from(&fields)?;
    let id =
        use_case::edit_action(&app.store, &signed_in.principal, ActionId(action), &edited).await?;
    redirect_to_action(&app, id).await
}

pub async fn add_milestone(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(priority): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    use_case::add_milestone(
        &app.store,
        &signed_in.principal,
        PriorityId(priority),
        field(&fields, "kind").unwrap_or("milestone"),
        &text(&fields, "due_on"),
        &text(&fields, "description"),
    )
    .await?;
    let school_year = app
        .store
        .planning()
        .version_of_priority(PriorityId(priority))
        .await?
        .ok_or(AppError::NotFound)?;
    let version = app
        .store
        .planning()
        .version(school_year.0)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&plan_url(version.school, version.year)))
}

pub async fn add_stopped(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = SchoolId(school);
    let year = year_of(&fields)?;
    use_case::add_stopped(
        &app.store,
        &signed_in.principal,
        school,
        year,
        &text(&fields, "what"),
        &text(&fields, "why"),
    )
    .await?;
    Ok(Redirect::to(&format!("{}#stopped", plan_url(school, year))))
}

pub async fn agree(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = SchoolId(school);
    let year = year_of(&fields)?;
    use_case::agree(
        &app.store,
        &crate::pages::progress::reports(&app),
        &signed_in.principal,
        school,
        year,
    )
    .await?;
    Ok(Redirect::to(&plan_url(school, year)))
}

pub async fn close(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = SchoolId(school);
    let year = year_of(&fields)?;
    use_case::close(&app.store, &signed_in.principal, school, year).await?;
    Ok(Redirect::to(&plan_url(school, year)))
}

pub async fn add_review(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let school = SchoolId(school);
    let year = year_of(&fields)?;
    let id = use_case::add_review(
        &app.store,
        &crate::pages::progress::reports(&app),
        &signed_in.principal,
        school,
        year,
        &text(&fields, "held_on"),
        &text(&fields, "evaluation"),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "{}#review-{}",
        plan_url(school, year),
        id.0
    )))
}

async fn redirect_to_review(app: &AppState, review: ReviewId) -> AppResult<Redirect> {
    let plan = app
        .store
        .planning()
        .review_plan(review)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = app
        .store
        .planning()
        .latest_of_plan(plan)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&format!(
        "{}#review-{}",
        plan_url(version.school, version.year),
        review.0
    )))
}

pub async fn record_progress(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(review): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let action = id(&fields, "action")?.ok_or_else(|| refusal("plan-error-value"))?;
    let progress: Progress = field(&fields, "progress")
        .unwrap_or_default()
        .parse()
        .map_err(PlanningError::Rule)?;
    use_case::record_progress(
        &app.store,
        &signed_in.principal,
        ReviewId(review),
        ActionId(action),
        progress,
        field(&fields, "reason"),
    )
    .await?;
    redirect_to_review(&app, ReviewId(review)).await
}

pub async fn sign_off(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(review): Path<i64>,
    _: Verified,
) -> AppResult<Redirect> {
    use_case::sign_off(&app.store, &signed_in.principal, ReviewId(review)).await?;
    redirect_to_review(&app, ReviewId(review)).await
}

pub async fn add_reading(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(measure): Path<i64>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> AppResult<Redirect> {
    let value = number(&fields, "value")?.ok_or_else(|| refusal("plan-error-number-missing"))?;
    use_case::add_reading(
        &app.store,
        &signed_in.principal,
        MeasureId(measure),
        &text(&fields, "taken_on"),
        value,
        &text(&fields, "evidence"),
    )
    .await?;
    let (version, ..) = app
        .store
        .planning()
        .version_of_measure(MeasureId(measure))
        .await?
        .ok_or(AppError::NotFound)?;
    let version = app
        .store
        .planning()
        .version(version)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Redirect::to(&plan_url(version.school, version.year)))
}

// ---------------------------------------------------------------------------------------
// A cluster's summary.

pub struct SummaryRow {
    pub school: i64,
    pub school_name: String,
    pub year: i64,
    pub year_name: String,
    pub state: String,
    pub version: i64,
    pub priorities: Vec<String>,
    pub actions: i64,
    pub reviews: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "planning_summaries.html")]
pub struct SummariesTemplate {
    pub page: Page,
    pub org: i64,
    pub rows: Vec<SummaryRow>,
}

pub async fn summaries(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(org): Path<i64>,
) -> AppResult<SummariesTemplate> {
    let plans: Vec<PlanSummary> =
        headway_app::planning::view::summaries(&app.store, &signed_in.principal, OrgId(org))
            .await?;
    let page = signed_in.page;
    let rows = plans
        .into_iter()
        .map(|s| SummaryRow {
            school: s.school.0,
            school_name: s.school_name,
            year: s.version.year,
            year_name: s.version.year_name,
            state: state_label(&page.t, s.version.state),
            version: s.version.version,
            priorities: s.priorities,
            actions: s.actions,
            reviews: s.reviews,
        })
        .collect();
    Ok(SummariesTemplate { page, org, rows })
}
