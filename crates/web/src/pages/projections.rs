//! Forward projections for leaders (ANALYTICS.md §5a, `docs/projections.md`): each pupil's
//! chance of reaching each threshold in each subject, from last year's reference population,
//! labelled an estimate and not a target; and the calibration that shows whether such
//! chances can be trusted, as a chart with the diagonal and a table of the same numbers.

use crate::AppState;
use crate::charts::calibration::{CalibrationChart, CalibrationPoint};
use crate::context::{Page, SignedIn};
use crate::error::AppResult;
use crate::format;
use crate::i18n::Tr;
use crate::pages::progress::back_parameter;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use headway_app::progress::projection::{
    Basis, NoProjection, Projections, Threshold, default_thresholds,
};
use headway_domain::ids::SchoolId;
use headway_store::progress::Choice;
use headway_store::roster::SchoolSummary;
use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
pub struct ProjectionsQuery {
    year: Option<i64>,
}

/// The projection use cases of the application.
pub(crate) fn projections(app: &AppState) -> Projections<'_> {
    Projections::new(&app.store, &app.projections)
}

/// The thresholds projected: the deployment's measure set's (each labelled by its key),
/// or the default list if the set has none.
pub(crate) fn thresholds(set: &headway_domain::measures::MeasureSet) -> Vec<Threshold> {
    let own: Vec<Threshold> = set
        .thresholds()
        .iter()
        .map(|g| Threshold {
            value: g.value,
            label: g.key.clone(),
        })
        .collect();
    if own.is_empty() {
        default_thresholds()
    } else {
        own
    }
}

/// A threshold's name in the reader's language: the measure set's, else the message.
pub(crate) fn threshold_name(
    t: &Tr,
    set: &headway_domain::measures::MeasureSet,
    threshold: &Threshold,
) -> String {
    set.threshold(&threshold.label)
        .map(|g| g.name.get(t.code()).to_owned())
        .unwrap_or_else(|| t.get(&threshold.label))
}

/// "Chance of grade C or above" for a threshold.
pub(crate) fn chance_heading(
    t: &Tr,
    set: &headway_domain::measures::MeasureSet,
    threshold: &Threshold,
) -> String {
    t.named("projection-chance-of", &threshold_name(t, set, threshold))
}

/// A chance as people read it; "–" when the threshold is outside last year's outcomes.
pub(crate) fn chance_text(chance: Option<f64>) -> String {
    chance.map_or_else(|| "–".to_string(), format::percent)
}

pub(crate) fn basis_text(t: &Tr, basis: Basis) -> String {
    t.get(match basis {
        Basis::WithInterim => "projection-basis-interim",
        Basis::PriorOnly => "projection-basis-prior",
    })
}

pub struct PupilLine {
    pub pupil: i64,
    pub name: String,
    pub basis: String,
    pub chances: Vec<String>,
}

pub struct SubjectView {
    pub name: String,
    pub has_model: bool,
    pub pupils: Vec<PupilLine>,
}

/// One decile of the calibration table, formatted.
pub struct BinLine {
    pub n: usize,
    pub range: String,
    pub predicted: String,
    pub observed: String,
    pub gap: String,
    pub tolerance: String,
    pub within: bool,
}

pub struct CalibrationView {
    pub heading: String,
    pub pupils: usize,
    pub chart: CalibrationChart,
    pub bins: Vec<BinLine>,
    pub calibrated: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "projections.html")]
pub struct ProjectionsTemplate {
    page: Page,
    school: SchoolSummary,
    years: Vec<Choice>,
    year: i64,
    trained_on: Option<String>,
    headings: Vec<String>,
    subjects: Vec<SubjectView>,
    problem: Option<String>,
    back: String,
    /// The calibration's years ("trained on … applied to …"), or why there is none.
    calibration_years: Option<String>,
    calibration_counts: Option<String>,
    calibrations: Vec<CalibrationView>,
    calibration_problem: Option<String>,
}

fn problem_text(t: &Tr, problem: NoProjection) -> String {
    t.get(match problem {
        NoProjection::NoYear => "projection-no-year",
        NoProjection::NoPreviousYear => "projection-no-previous-year",
        NoProjection::NoFinals => "projection-no-finals",
    })
}

pub async fn show(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    Query(query): Query<ProjectionsQuery>,
) -> AppResult<Response> {
    let school = SchoolId(school_id);
    let names = crate::pages::subject_names(&app, &signed_in.page.t).await?;
    let set = names.measure_set();
    let thresholds = thresholds(set);
    let use_cases = projections(&app);
    let found = use_cases
        .school(&signed_in.principal, school, query.year, &thresholds)
        .await?;
    let calibration = use_cases
        .calibration(&signed_in.principal, school, None, &thresholds)
        .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let year = found.year.as_ref().map(|y| y.id).unwrap_or_default();
    let headings = thresholds
        .iter()
        .map(|th| chance_heading(&t, set, th))
        .collect();
    let subjects = found
        .subjects
        .iter()
        .map(|s| SubjectView {
            name: s.subject.name.clone(),
            has_model: s.has_model,
            pupils: s
                .pupils
                .iter()
                .map(|p| PupilLine {
                    pupil: p.pupil,
                    name: p.name.clone(),
                    basis: basis_text(&t, p.basis),
                    chances: p.chances.iter().map(|c| chance_text(*c)).collect(),
                })
                .collect(),
        })
        .collect();
    let (calibration_years, calibration_counts, calibrations, calibration_problem) =
        match calibration {
            Err(problem) => (None, None, Vec::new(), Some(problem_text(&t, problem))),
            Ok(c) => (
                Some(t.with(
                    "projection-calibration-years",
                    &[
                        ("trained", c.trained_on.name.clone().into()),
                        ("applied", c.year.name.clone().into()),
                    ],
                )),
                Some(t.with(
                    "projection-calibration-counts",
                    &[
                        ("interim", c.with_interim.into()),
                        ("prior", c.prior_only.into()),
                    ],
                )),
                c.thresholds
                    .iter()
                    .map(|tc| {
                        let label = threshold_name(&t, set, &tc.threshold);
                        let heading = t.named("projection-threshold-heading", &label);
                        let points: Vec<CalibrationPoint> = tc
                            .bins
                            .iter()
                            .map(|b| CalibrationPoint {
                                mean_predicted: b.mean_predicted,
                                observed_share: b.observed_share,
                                tolerance: b.tolerance,
                            })
                            .collect();
                        CalibrationView {
                            pupils: tc.pupils,
                            chart: CalibrationChart::new(
                                t.named("projection-calibration-chart", &label),
                                t.get("projection-axis-predicted"),
                                t.get("projection-axis-observed"),
                                &points,
                            ),
                            bins: tc
                                .bins
                                .iter()
                                .map(|b| BinLine {
                                    n: b.n,
                                    range: format!(
                                        "{}–{}%",
                                        format::decimal(Some(b.lowest_predicted * 100.0), 1),
                                        format::decimal(Some(b.highest_predicted * 100.0), 1)
                                    ),
                                    predicted: format::decimal(Some(b.mean_predicted * 100.0), 1),
                                    observed: format::decimal(Some(b.observed_share * 100.0), 1),
                                    gap: format::signed(b.gap() * 100.0, 1),
                                    tolerance: format::decimal(Some(b.tolerance * 100.0), 1),
                                    within: b.is_calibrated(),
                                })
                                .collect(),
                            calibrated: tc.is_calibrated(),
                            heading,
                        }
                    })
                    .collect(),
                None,
            ),
        };
    Ok(ProjectionsTemplate {
        page: signed_in.page.clone(),
        school: summary,
        years: found.years,
        year,
        trained_on: found.trained_on.map(|y| y.name),
        headings,
        subjects,
        problem: found.problem.map(|p| problem_text(&t, p)),
        back: back_parameter(&format!(
            "/schools/{}/progress/projections?year={year}",
            school.0
        )),
        calibration_years,
        calibration_counts,
        calibrations,
        calibration_problem,
    }
    .into_response())
}
