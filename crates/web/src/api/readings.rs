//! The API's read endpoints. Each asks [`ApiCaller::may`] (the person's rights, by the
//! policy every page asks, intersected with the token's scopes), calls the use case its
//! page calls, and renders what comes back as JSON: the figures the page shows, hidden
//! where the page hides them (the anonymity module decided that in the use case; nothing
//! here shows a figure or a count that came back hidden).

use super::{ApiError, ApiPath, ApiQuery, Caller};
use crate::AppState;
use axum::Json;
use axum::extract::State;
use headway_app::planning::PlanningError;
use headway_app::progress::{NoFigures, ProgressError};
use headway_app::survey::SurveyError;
use headway_domain::access::{Action, PlanReading, SurveyReading};
use headway_domain::anonymity::CellVisibility;
use headway_domain::api::Scope;
use headway_domain::ids::SchoolId;
use headway_domain::progress::{GroupBy, RowLabel, SchoolProgress};
use headway_stats::trends::{Estimate, ImprovementGroup};
use headway_stats::value_added::simple::{Band, GroupValueAdded};
use headway_store::progress::Choice;
use headway_store::survey::SurveyId;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

impl From<ProgressError> for ApiError {
    fn from(error: ProgressError) -> ApiError {
        match error {
            ProgressError::Denied(denied) => ApiError::Forbidden(denied.to_string()),
            ProgressError::NotFound => ApiError::NotFound("not found".into()),
            ProgressError::Store(e) => e.into(),
        }
    }
}

impl From<PlanningError> for ApiError {
    fn from(error: PlanningError) -> ApiError {
        match error {
            PlanningError::Denied(denied) => ApiError::Forbidden(denied.to_string()),
            PlanningError::NotFound => ApiError::NotFound("no plan found".into()),
            PlanningError::Store(e) => e.into(),
            other => ApiError::BadRequest(other.to_string()),
        }
    }
}

impl From<SurveyError> for ApiError {
    fn from(error: SurveyError) -> ApiError {
        match error {
            SurveyError::Denied(denied) => ApiError::Forbidden(denied.to_string()),
            SurveyError::NotFound => ApiError::NotFound("no such survey".into()),
            SurveyError::NotReleased(_) => {
                ApiError::NotFound("this survey's results have not been released".into())
            }
            SurveyError::Store(e) => e.into(),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// An academic year, subject or other choice by id and name.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChoiceOut {
    pub id: i64,
    pub name: String,
}

impl From<&Choice> for ChoiceOut {
    fn from(choice: &Choice) -> ChoiceOut {
        ChoiceOut {
            id: choice.id,
            name: choice.name.clone(),
        }
    }
}

fn visibility_key(visibility: CellVisibility) -> &'static str {
    match visibility {
        CellVisibility::Shown => "shown",
        CellVisibility::TooFew => "too_few",
        CellVisibility::WouldRevealSmallerGroup => "would_reveal_a_smaller_group",
    }
}

fn band_key(band: Band) -> &'static str {
    match band {
        Band::WellAboveAverage => "well_above_average",
        Band::AboveAverage => "above_average",
        Band::Average => "average",
        Band::BelowAverage => "below_average",
        Band::WellBelowAverage => "well_below_average",
    }
}

fn improvement_key(group: ImprovementGroup) -> &'static str {
    match group {
        ImprovementGroup::LowToModerateOrHigh => "low_to_moderate_or_high",
        ImprovementGroup::ModerateToHigh => "moderate_to_high",
        ImprovementGroup::StableHigh => "stable_high",
        ImprovementGroup::Declining => "declining",
        ImprovementGroup::Stable => "stable",
    }
}

// ---------------------------------------------------------------- schools

#[derive(Debug, Serialize, ToSchema)]
pub struct SchoolsOut {
    pub schools: Vec<SchoolOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SchoolOut {
    pub id: i64,
    pub name: String,
    pub code: String,
    /// `primary`, `secondary` …
    pub phase: String,
    pub number_on_roll: i64,
    /// Pupils eligible for free school meals, as a share of the roll (0–1).
    pub fsm_share: f64,
    /// The FSM band (1–4) by the deployment's cut points.
    pub fsm_band: u8,
    /// The scopes of this token that read something of this school for its person
    /// (e.g. a governor's token never lists `read:pupils`).
    pub readable: Vec<String>,
}

/// The schools the token's person has a role in or over.
#[utoipa::path(
    get,
    path = "/api/v1/schools",
    tag = "schools",
    responses(
        (status = 200, description = "The schools, by name", body = SchoolsOut),
        (status = 401, description = "No token, a malformed header, or an unknown or revoked token", body = super::ApiErrorBody),
        (status = 403, description = "The token lacks read:schools", body = super::ApiErrorBody),
        (status = 429, description = "Over the rate limit; see Retry-After", body = super::ApiErrorBody),
    ),
    security(("token" = ["read:schools"]))
)]
pub async fn schools(
    State(app): State<AppState>,
    Caller(caller): Caller,
) -> Result<Json<SchoolsOut>, ApiError> {
    let found =
        headway_app::api::schools_in_reach(&app.store, &caller, app.settings.fsm_cuts).await?;
    Ok(Json(SchoolsOut {
        schools: found
            .into_iter()
            .map(|s| SchoolOut {
                id: s.summary.id,
                name: s.summary.name,
                code: s.summary.code,
                phase: s.summary.phase,
                number_on_roll: s.summary.number_on_roll,
                fsm_share: s.summary.fsm_share,
                fsm_band: s.fsm_band.number(),
                readable: s
                    .reads
                    .iter()
                    .filter(|(_, may)| *may)
                    .map(|(scope, _)| scope.as_str().to_owned())
                    .collect(),
            })
            .collect(),
    }))
}

// ---------------------------------------------------------------- progress

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgressQuery {
    /// An academic year id (default: the latest with final results).
    pub year: Option<i64>,
    /// A subject id (default: the first of the year).
    pub subject: Option<i64>,
}

/// An estimate with its standard error and 95% interval.
#[derive(Debug, Serialize, ToSchema)]
pub struct EstimateOut {
    pub value: f64,
    pub se: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

impl From<&Estimate> for EstimateOut {
    fn from(e: &Estimate) -> EstimateOut {
        let (ci_lower, ci_upper) = e.interval();
        EstimateOut {
            value: e.value,
            se: e.se,
            ci_lower,
            ci_upper,
        }
    }
}

/// A group's value added, or why it is not shown (then with no figure and no count).
#[derive(Debug, Serialize, ToSchema)]
pub struct ValueAddedOut {
    /// `shown`, `too_few` or `would_reveal_a_smaller_group`.
    pub visibility: String,
    /// Pupils the figure rests on, when shown.
    pub pupils: Option<usize>,
    pub value_added: Option<f64>,
    pub se: Option<f64>,
    pub ci_lower: Option<f64>,
    pub ci_upper: Option<f64>,
    /// `well_above_average`, `above_average`, `average`, `below_average` or
    /// `well_below_average` (the Progress 8 bands).
    pub band: Option<String>,
}

fn value_added(group: &GroupValueAdded, visibility: CellVisibility) -> ValueAddedOut {
    let figures = group.figures.as_ref().filter(|_| visibility.is_shown());
    ValueAddedOut {
        visibility: visibility_key(if figures.is_some() {
            CellVisibility::Shown
        } else if visibility.is_shown() {
            CellVisibility::TooFew
        } else {
            visibility
        })
        .to_owned(),
        pupils: figures.map(|_| group.n),
        value_added: figures.map(|f| f.value_added),
        se: figures.map(|f| f.se),
        ci_lower: figures.map(|f| f.ci_lower),
        ci_upper: figures.map(|f| f.ci_upper),
        band: figures.map(|f| band_key(f.band).to_owned()),
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GapOut {
    /// Disadvantaged minus other pupils' value added.
    pub value: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// Whether the interval excludes zero.
    pub significant: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ContextualOut {
    /// The school's effect in the contextual multilevel model (shrunk towards zero).
    pub estimate: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    pub pupils: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupRowOut {
    /// The group, as a key (`group-disadvantaged` …).
    pub group: String,
    pub simple: ValueAddedOut,
    pub contextual: ValueAddedOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BreakdownOut {
    /// `disadvantaged`, `sen`, `eal`, `gender` or `prior-band`.
    pub by: String,
    pub rows: Vec<GroupRowOut>,
}

/// One subject's figures for the school in a year.
#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectFiguresOut {
    /// Pupils with an outcome.
    pub pupils: usize,
    /// Pupils left out of value added (no starting point, or outside the groups' range).
    pub excluded: usize,
    /// Mean outcome with its interval, when shown.
    pub attainment: Option<EstimateOut>,
    pub value_added: ValueAddedOut,
    pub contextual: Option<ContextualOut>,
    pub disadvantaged: ValueAddedOut,
    pub others: ValueAddedOut,
    pub gap: Option<GapOut>,
    /// Pupil-group breakdowns (no class or teacher is given through the API).
    pub breakdowns: Vec<BreakdownOut>,
}

fn subject_figures(progress: &SchoolProgress, with_breakdowns: bool) -> SubjectFiguresOut {
    SubjectFiguresOut {
        pupils: progress.pupils,
        excluded: progress.excluded,
        attainment: progress.attainment.as_ref().map(EstimateOut::from),
        value_added: value_added(
            &progress.value_added,
            progress.visibility_of(&progress.value_added),
        ),
        contextual: progress.contextual.as_ref().map(|c| ContextualOut {
            estimate: c.blup,
            ci_lower: c.ci_lower,
            ci_upper: c.ci_upper,
            pupils: c.n,
        }),
        disadvantaged: value_added(
            &progress.disadvantaged,
            progress.visibility_of(&progress.disadvantaged),
        ),
        others: value_added(&progress.others, progress.visibility_of(&progress.others)),
        gap: progress.gap.map(|g| GapOut {
            value: g.value,
            ci_lower: g.ci_lower,
            ci_upper: g.ci_upper,
            significant: g.is_significant(),
        }),
        breakdowns: if with_breakdowns {
            progress
                .breakdowns
                .iter()
                .filter(|b| GroupBy::PUPIL_GROUPS.contains(&b.by))
                .map(|b| BreakdownOut {
                    by: b.by.key().to_owned(),
                    rows: b
                        .rows
                        .iter()
                        .filter_map(|row| {
                            let RowLabel::Key(key) = &row.label else {
                                return None;
                            };
                            Some(GroupRowOut {
                                group: (*key).to_owned(),
                                simple: value_added(&row.value_added, row.visibility),
                                contextual: value_added(&row.contextual, row.contextual_visibility),
                            })
                        })
                        .collect(),
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SubjectOut {
    pub subject: ChoiceOut,
    pub figures: SubjectFiguresOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrendYearOut {
    pub year: String,
    pub value_added: ValueAddedOut,
    pub attainment: EstimateOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgressOut {
    pub school: i64,
    /// Years with final results, newest first.
    pub years: Vec<ChoiceOut>,
    /// Subjects with final results in the year shown.
    pub subjects: Vec<ChoiceOut>,
    pub year: Option<ChoiceOut>,
    pub subject: Option<ChoiceOut>,
    /// The chosen subject's figures; `null` with `no_figures` saying why.
    pub figures: Option<SubjectFiguresOut>,
    /// `no_results` (no final results) or `no_reference` (no expectations for the year
    /// and subject), when there are no figures.
    pub no_figures: Option<String>,
    /// Every subject of the year that has expectations, without breakdowns.
    pub subjects_of_year: Vec<SubjectOut>,
    /// Up to three years of the chosen subject, oldest first.
    pub trend: Vec<TrendYearOut>,
    /// Over those three years: `low_to_moderate_or_high`, `moderate_to_high`,
    /// `stable_high`, `declining` or `stable`.
    pub improvement_group: Option<String>,
    /// Groups of fewer pupils show no figure.
    pub suppression_threshold: u32,
    /// How the figures were made, in a sentence.
    pub method: String,
}

/// A school's progress figures with their intervals: value added (simple, from prior
/// attainment; contextual where fitted), the disadvantaged gap, pupil groups, three-year
/// trend and improvement group — what the progress page shows.
#[utoipa::path(
    get,
    path = "/api/v1/schools/{school}/progress",
    tag = "progress",
    params(("school" = i64, Path, description = "The school's id"), ProgressQuery),
    responses(
        (status = 200, description = "The figures, as the token's person may see them", body = ProgressOut),
        (status = 400, description = "A path or query that does not parse", body = super::ApiErrorBody),
        (status = 401, description = "No working token", body = super::ApiErrorBody),
        (status = 403, description = "The person may not see the school's figures, or the token lacks read:progress", body = super::ApiErrorBody),
        (status = 429, description = "Over the rate limit; see Retry-After", body = super::ApiErrorBody),
    ),
    security(("token" = ["read:progress"]))
)]
pub async fn progress(
    State(app): State<AppState>,
    Caller(caller): Caller,
    ApiPath(school): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ProgressQuery>,
) -> Result<Json<ProgressOut>, ApiError> {
    let school = SchoolId(school);
    caller.may(&Action::ViewSchoolFigures(school))?;
    let report = crate::pages::progress::reports(&app)
        .school_report(&caller.principal, school, query.year, query.subject)
        .await?;
    let (figures, no_figures, subjects_of_year, trend, improvement, threshold) =
        match &report.figures {
            Ok(f) => (
                Some(subject_figures(&f.report, true)),
                None,
                f.subjects
                    .iter()
                    .map(|(choice, progress)| SubjectOut {
                        subject: choice.into(),
                        figures: subject_figures(progress, false),
                    })
                    .collect(),
                f.trend
                    .iter()
                    .map(|y| TrendYearOut {
                        year: y.year.clone(),
                        value_added: value_added(
                            &y.progress.value_added,
                            y.progress.visibility_of(&y.progress.value_added),
                        ),
                        attainment: (&y.attainment).into(),
                    })
                    .collect(),
                f.improvement.map(|g| improvement_key(g).to_owned()),
                u32::from(f.report.threshold.get()),
            ),
            Err(why) => (
                None,
                Some(
                    match why {
                        NoFigures::NoResults => "no_results",
                        NoFigures::NoReference(_) => "no_reference",
                    }
                    .to_owned(),
                ),
                Vec::new(),
                Vec::new(),
                None,
                u32::from(app.settings.suppress_groups_below.get()),
            ),
        };
    Ok(Json(ProgressOut {
        school: school.0,
        years: report.years.iter().map(ChoiceOut::from).collect(),
        subjects: report.subjects.iter().map(ChoiceOut::from).collect(),
        year: report.year.as_ref().map(ChoiceOut::from),
        subject: report.subject.as_ref().map(ChoiceOut::from),
        figures,
        no_figures,
        subjects_of_year,
        trend,
        improvement_group: improvement,
        suppression_threshold: threshold,
        method: "Value added is each pupil's outcome minus the outcome expected from their starting point in the reference population, averaged over the group, with a 95% interval; contextual value added comes from a multilevel model. Groups below the suppression threshold, and any group that would reveal one, are not shown.".into(),
    }))
}

// ---------------------------------------------------------------- pupils

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BehindQuery {
    /// An academic year id (default: the latest with interim or final results).
    pub year: Option<i64>,
    /// A subject id (default: the first assessed that year).
    pub subject: Option<i64>,
    /// Only pupils of this class.
    pub class: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BehindPupilOut {
    pub pupil: i64,
    pub name: String,
    pub class: Option<String>,
    /// The assessment the pupil is judged on (their own latest).
    pub assessment: String,
    pub is_final: bool,
    /// The outcome expected from the pupil's starting point.
    pub expected: f64,
    pub latest: f64,
    /// `latest − expected`.
    pub difference: f64,
    /// The change since the pupil's previous interim result.
    pub change: Option<f64>,
    /// The outcomes the middle half of reference pupils with the same starting point
    /// reach.
    pub expected_range: Option<[f64; 2]>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FallingBehindOut {
    pub school: i64,
    pub year: Option<ChoiceOut>,
    pub subject: Option<i64>,
    /// Pupils within the person's scope with an assessment in the subject that year.
    pub assessed: usize,
    /// Furthest behind first.
    pub pupils: Vec<BehindPupilOut>,
    /// The year whose expectations judge the pupils, when not the year shown.
    pub expected_from: Option<ChoiceOut>,
    /// `no_results` or `no_reference` when there is no list.
    pub problem: Option<String>,
}

/// Pupils falling behind what was expected from their starting points — pupil-level data,
/// for the people whose role shows pupils (a teacher sees their own classes' pupils; a
/// governor or cluster lead none).
#[utoipa::path(
    get,
    path = "/api/v1/schools/{school}/falling-behind",
    tag = "progress",
    params(("school" = i64, Path, description = "The school's id"), BehindQuery),
    responses(
        (status = 200, description = "The pupils within the person's scope", body = FallingBehindOut),
        (status = 401, description = "No working token", body = super::ApiErrorBody),
        (status = 403, description = "The person's role shows no pupils, or the token lacks read:pupils", body = super::ApiErrorBody),
        (status = 429, description = "Over the rate limit; see Retry-After", body = super::ApiErrorBody),
    ),
    security(("token" = ["read:pupils"]))
)]
pub async fn falling_behind(
    State(app): State<AppState>,
    Caller(caller): Caller,
    ApiPath(school): ApiPath<i64>,
    ApiQuery(query): ApiQuery<BehindQuery>,
) -> Result<Json<FallingBehindOut>, ApiError> {
    let school = SchoolId(school);
    caller.may(&Action::ViewPupils(school))?;
    let found = crate::pages::progress::reports(&app)
        .falling_behind(
            &caller.principal,
            school,
            query.year,
            query.subject,
            query.class,
            Default::default(),
        )
        .await?;
    Ok(Json(FallingBehindOut {
        school: school.0,
        year: found.year.as_ref().map(ChoiceOut::from),
        subject: found.subject,
        assessed: found.assessed,
        pupils: found
            .pupils
            .iter()
            .map(|p| BehindPupilOut {
                pupil: p.pupil,
                name: p.name.clone(),
                class: p.class_name.clone(),
                assessment: p.point.clone(),
                is_final: p.is_final,
                expected: p.figures.expected,
                latest: p.figures.latest,
                difference: p.figures.difference,
                change: p.figures.change,
                expected_range: p.expected_range.map(|(a, b)| [a, b]),
            })
            .collect(),
        expected_from: found.expected_from.as_ref().map(ChoiceOut::from),
        problem: found.problem.as_ref().map(|p| {
            match p {
                NoFigures::NoResults => "no_results",
                NoFigures::NoReference(_) => "no_reference",
            }
            .to_owned()
        }),
    }))
}

// ---------------------------------------------------------------- plans

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PlanQuery {
    /// An academic year id (default: the school's latest plan year).
    pub year: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeasureValueOut {
    pub estimate: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
    /// Pupils (or raters, or observations) the value rests on.
    pub n: u32,
}

impl From<&headway_domain::planning::measure::MeasureValue> for MeasureValueOut {
    fn from(v: &headway_domain::planning::measure::MeasureValue) -> MeasureValueOut {
        MeasureValueOut {
            estimate: v.estimate,
            ci_lower: v.lower,
            ci_upper: v.upper,
            n: v.n,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlanMeasureOut {
    pub name: String,
    pub higher_is_better: bool,
    /// The value when the plan was agreed.
    pub baseline: Option<MeasureValueOut>,
    pub target_lower: Option<f64>,
    pub target_upper: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlanActionOut {
    pub title: String,
    /// Who owns it; `null` where the reader sees nobody named (a governor).
    pub owner: Option<String>,
    pub starts_on: String,
    pub ends_on: String,
    /// `consultative` or `decisional` distribution.
    pub pattern: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MilestoneOut {
    /// `milestone` or `review`.
    pub kind: String,
    pub due_on: String,
    pub description: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PriorityOut {
    pub title: String,
    pub rationale: String,
    /// The leadership dimensions it serves.
    pub dimensions: Vec<String>,
    pub measures: Vec<PlanMeasureOut>,
    pub actions: Vec<PlanActionOut>,
    pub milestones: Vec<MilestoneOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewMeasureOut {
    pub measure: String,
    pub value: MeasureValueOut,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewOut {
    pub held_on: String,
    pub evaluation: String,
    pub signed_off: bool,
    pub measures: Vec<ReviewMeasureOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StoppedOut {
    pub what: String,
    pub why: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PlanOut {
    pub school: i64,
    pub year: i64,
    /// How much the person reads: `whole`, `involved` (their own actions), `governors`
    /// (the agreed plan, nobody named) or `summary` (priorities only).
    pub reading: String,
    /// The version shown's number and state (`draft`, `agreed`, `closed`); `null` before
    /// a plan exists (or, for a governor, before one is agreed).
    pub version: Option<i64>,
    pub state: Option<String>,
    pub priorities: Vec<PriorityOut>,
    pub reviews: Vec<ReviewOut>,
    /// What the school stopped doing to make room.
    pub stopped: Vec<StoppedOut>,
}

/// A school's improvement plan, as much of it as the token's person reads — the plan
/// page's use case, which removes what the reader may not see.
#[utoipa::path(
    get,
    path = "/api/v1/schools/{school}/plan",
    tag = "plans",
    params(("school" = i64, Path, description = "The school's id"), PlanQuery),
    responses(
        (status = 200, description = "The plan as the person reads it", body = PlanOut),
        (status = 401, description = "No working token", body = super::ApiErrorBody),
        (status = 403, description = "The person reads nothing of the school's plan, or the token lacks read:plans", body = super::ApiErrorBody),
        (status = 404, description = "No plan year", body = super::ApiErrorBody),
        (status = 429, description = "Over the rate limit; see Retry-After", body = super::ApiErrorBody),
    ),
    security(("token" = ["read:plans"]))
)]
pub async fn plan(
    State(app): State<AppState>,
    Caller(caller): Caller,
    ApiPath(school): ApiPath<i64>,
    ApiQuery(query): ApiQuery<PlanQuery>,
) -> Result<Json<PlanOut>, ApiError> {
    let school = SchoolId(school);
    caller.may(&Action::ViewPlan(school))?;
    let page = headway_app::planning::view::plan_page(
        &app.store,
        &caller.principal,
        school,
        query.year,
        None,
        app.settings.planning,
    )
    .await?;
    let reading = match page.reading {
        PlanReading::Whole => "whole",
        PlanReading::Involved => "involved",
        PlanReading::Governors => "governors",
        PlanReading::Summary => "summary",
    };
    let mut out = PlanOut {
        school: school.0,
        year: page.year,
        reading: reading.to_owned(),
        version: None,
        state: None,
        priorities: Vec::new(),
        reviews: Vec::new(),
        stopped: Vec::new(),
    };
    if let Some(content) = &page.content {
        out.version = Some(content.version.version);
        out.state = Some(content.version.state.as_str().to_owned());
        out.priorities = content
            .priorities
            .iter()
            .map(|p| PriorityOut {
                title: p.title.clone(),
                rationale: p.rationale.clone(),
                dimensions: p.dimensions.clone(),
                measures: content
                    .measures
                    .iter()
                    .filter(|m| m.priority == p.id)
                    .map(|m| PlanMeasureOut {
                        name: m.name.clone(),
                        higher_is_better: m.higher_is_better,
                        baseline: m.baseline.as_ref().map(MeasureValueOut::from),
                        target_lower: m.target_lower,
                        target_upper: m.target_upper,
                    })
                    .collect(),
                actions: content
                    .actions
                    .iter()
                    .filter(|a| a.priority == p.id)
                    .map(|a| PlanActionOut {
                        title: a.title.clone(),
                        owner: Some(a.owner_name.clone()).filter(|n| !n.is_empty()),
                        starts_on: a.starts_on.clone(),
                        ends_on: a.ends_on.clone(),
                        pattern: a.pattern.clone(),
                    })
                    .collect(),
                milestones: content
                    .milestones
                    .iter()
                    .filter(|m| m.priority_id == p.id.0)
                    .map(|m| MilestoneOut {
                        kind: m.kind.clone(),
                        due_on: m.due_on.clone(),
                        description: m.description.clone(),
                    })
                    .collect(),
            })
            .collect();
        out.reviews = content
            .reviews
            .iter()
            .map(|r| ReviewOut {
                held_on: r.held_on.clone(),
                evaluation: r.evaluation.clone(),
                signed_off: r.signed_off_at.is_some(),
                measures: r
                    .measures
                    .iter()
                    .filter_map(|(lineage, value)| {
                        let measure = content.measures.iter().find(|m| m.lineage == *lineage)?;
                        Some(ReviewMeasureOut {
                            measure: measure.name.clone(),
                            value: value.into(),
                        })
                    })
                    .collect(),
            })
            .collect();
        out.stopped = content
            .stopped
            .iter()
            .map(|s| StoppedOut {
                what: s.what.clone(),
                why: s.why.clone(),
            })
            .collect();
    }
    Ok(Json(out))
}

// ---------------------------------------------------------------- surveys

#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyOut {
    pub id: i64,
    pub title: String,
    /// `staff`, `pupils` or `parents`.
    pub audience: String,
    /// Seconds since the epoch when the window closed.
    pub closed_at: Option<i64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SurveysOut {
    pub school: i64,
    /// Released waves only, newest first.
    pub surveys: Vec<SurveyOut>,
}

/// A school's surveys whose results are released.
#[utoipa::path(
    get,
    path = "/api/v1/schools/{school}/surveys",
    tag = "surveys",
    params(("school" = i64, Path, description = "The school's id")),
    responses(
        (status = 200, description = "The released surveys", body = SurveysOut),
        (status = 401, description = "No working token", body = super::ApiErrorBody),
        (status = 403, description = "The person reads no survey results of the school, or the token lacks read:surveys", body = super::ApiErrorBody),
        (status = 429, description = "Over the rate limit; see Retry-After", body = super::ApiErrorBody),
    ),
    security(("token" = ["read:surveys"]))
)]
pub async fn surveys(
    State(app): State<AppState>,
    Caller(caller): Caller,
    ApiPath(school): ApiPath<i64>,
) -> Result<Json<SurveysOut>, ApiError> {
    let school = SchoolId(school);
    caller.may(&Action::ViewSurveyResults(school))?;
    let hub = headway_app::survey::hub(&app.store, &caller.principal, school).await?;
    Ok(Json(SurveysOut {
        school: school.0,
        surveys: hub
            .surveys
            .iter()
            .filter(|s| s.status.is_released())
            .map(|s| SurveyOut {
                id: s.id.0,
                title: s.title.clone(),
                audience: s.audience.as_str().to_owned(),
                closed_at: s.closed_at,
            })
            .collect(),
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScaleOut {
    pub scale: String,
    pub name_en: String,
    pub name_cy: String,
    /// `shown`, `too_few` or `would_reveal_a_smaller_group`.
    pub visibility: String,
    /// Respondents with a score on the scale, when shown.
    pub respondents: Option<u32>,
    pub mean: Option<f64>,
    pub ci_lower: Option<f64>,
    pub ci_upper: Option<f64>,
    /// Cronbach's alpha, with enough respondents.
    pub alpha: Option<f64>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangeOut {
    pub scale: String,
    /// Now minus the previous released wave, with its 95% interval.
    pub difference: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ScaleRowOut {
    /// The groups of the row (several merged when each alone was too small).
    pub groups: Vec<String>,
    pub respondents: u32,
    pub scales: Vec<ScaleOut>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyScalesOut {
    pub id: i64,
    pub school: i64,
    pub title: String,
    pub audience: String,
    /// `whole` (head, senior leader) or `whole_school` (governor: no breakdown).
    pub reading: String,
    /// Groups of fewer respondents show no figure.
    pub threshold: u32,
    /// Respondents to the whole wave, when at least the threshold.
    pub respondents: Option<u32>,
    pub scales: Vec<ScaleOut>,
    pub breakdown: Vec<ScaleRowOut>,
    pub changes: Vec<ChangeOut>,
}

/// One released survey's scales: each scale's mean with its interval and reliability, for
/// the whole school and (for leaders) by group, and the change since the previous wave.
#[utoipa::path(
    get,
    path = "/api/v1/surveys/{survey}",
    tag = "surveys",
    params(("survey" = i64, Path, description = "The survey's id")),
    responses(
        (status = 200, description = "The released results", body = SurveyScalesOut),
        (status = 401, description = "No working token", body = super::ApiErrorBody),
        (status = 403, description = "The person reads no survey results of its school, or the token lacks read:surveys", body = super::ApiErrorBody),
        (status = 404, description = "No such survey, or not released", body = super::ApiErrorBody),
        (status = 429, description = "Over the rate limit; see Retry-After", body = super::ApiErrorBody),
    ),
    security(("token" = ["read:surveys"]))
)]
pub async fn survey_scales(
    State(app): State<AppState>,
    Caller(caller): Caller,
    ApiPath(survey): ApiPath<i64>,
) -> Result<Json<SurveyScalesOut>, ApiError> {
    caller.has_scope(Scope::ReadSurveys)?;
    let r = headway_app::survey::results(&app.store, &caller.principal, SurveyId(survey)).await?;
    caller.may(&Action::ViewSurveyResults(r.survey.school))?;
    // A head reads results under review on the page, to release them; the API gives
    // released results only.
    if r.in_review || !r.survey.status.is_released() {
        return Err(
            SurveyError::NotReleased(headway_app::survey::NotYet::InReview {
                closed_at: r.survey.closed_at,
            })
            .into(),
        );
    }
    let scale_out = |cell: &headway_domain::survey::report::ScaleCell| {
        let scale = r.instrument.scales.iter().find(|s| s.id == cell.scale);
        let figures = cell.figures.as_ref().filter(|_| cell.visibility.is_shown());
        let mean = figures.and_then(|f| f.mean.as_ref());
        ScaleOut {
            scale: cell.scale.0.clone(),
            name_en: scale.map(|s| s.name.en().to_owned()).unwrap_or_default(),
            name_cy: scale.map(|s| s.name.cy().to_owned()).unwrap_or_default(),
            visibility: visibility_key(if figures.is_some() {
                CellVisibility::Shown
            } else if cell.visibility.is_shown() {
                CellVisibility::TooFew
            } else {
                cell.visibility
            })
            .to_owned(),
            respondents: figures.map(|f| f.respondents),
            mean: mean.map(|m| m.mean),
            ci_lower: mean.map(|m| m.low),
            ci_upper: mean.map(|m| m.high),
            alpha: figures
                .and_then(|f| f.reliability.as_ref())
                .map(|r| r.alpha),
        }
    };
    Ok(Json(SurveyScalesOut {
        id: r.survey.id.0,
        school: r.survey.school.0,
        title: r.survey.title.clone(),
        audience: r.survey.audience.as_str().to_owned(),
        reading: match r.reading {
            SurveyReading::Whole => "whole",
            SurveyReading::WholeSchool => "whole_school",
        }
        .to_owned(),
        threshold: u32::from(r.results.threshold.get()),
        respondents: r.results.respondents,
        scales: r.results.whole.iter().map(scale_out).collect(),
        breakdown: r
            .results
            .rows
            .iter()
            .map(|row| ScaleRowOut {
                groups: row
                    .groups
                    .iter()
                    .filter_map(|g| r.groups.get(*g).cloned())
                    .collect(),
                respondents: row.respondents,
                scales: row.scales.iter().map(scale_out).collect(),
            })
            .collect(),
        changes: r
            .changes
            .iter()
            .filter_map(|(scale, change)| {
                let change = change.as_ref()?;
                Some(ChangeOut {
                    scale: scale.0.clone(),
                    difference: change.difference,
                    ci_lower: change.low,
                    ci_upper: change.high,
                })
            })
            .collect(),
    }))
}
