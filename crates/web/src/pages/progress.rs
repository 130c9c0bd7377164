//! Progress: a school's value added with intervals, the disadvantaged gap, breakdowns by
//! pupil group, class and teacher, three-year trends, pupils falling behind, and a pupil's
//! profile (ANALYTICS.md §2–§5). Every table exports as CSV and XLSX.

use crate::AppState;
use crate::charts::{IntervalChart, IntervalRow};
use crate::context::{Page, SignedIn};
use crate::error::{AppError, AppResult};
use crate::exports::{Cell, ExportTable, export};
use crate::format;
use crate::i18n::Tr;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use headway_app::progress::{BehindPupil, NoFigures, ProgressError, ProgressReports};
use headway_domain::anonymity::{CellVisibility, Threshold};
use headway_domain::ids::{PupilId, SchoolId};
use headway_domain::progress::SigmaSource;
use headway_domain::progress::{
    Breakdown, GroupBy, PupilFilter, ReferenceError, RowLabel, SchoolProgress,
};
use headway_stats::trends::{Estimate, ImprovementGroup};
use headway_stats::value_added::simple::{Band, GroupValueAdded};
use headway_store::progress::{Choice, PupilRecord};
use headway_store::roster::SchoolSummary;
use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
pub struct ProgressQuery {
    year: Option<i64>,
    subject: Option<i64>,
    export: Option<String>,
    table: Option<String>,
    class: Option<i64>,
    group: Option<String>,
}

/// One row of a value-added table, formatted for people.
pub struct RowView {
    pub label: String,
    pub link: Option<String>,
    /// `None` when the anonymity rules hide the row.
    pub n: Option<usize>,
    /// `None` when suppressed.
    pub figures: Option<FiguresView>,
    /// Why the figures are not shown.
    pub hidden: Option<String>,
    pub mean: Option<String>,
    mean_raw: Option<f64>,
}

/// Why a figure is hidden, for people; `None` when it is shown.
fn hidden_reason(t: &Tr, visibility: CellVisibility, threshold: Threshold) -> Option<String> {
    match visibility {
        CellVisibility::Shown => None,
        CellVisibility::TooFew => Some(t.count("suppressed-too-few", threshold.get())),
        CellVisibility::WouldRevealSmallerGroup => Some(t.get("suppressed-would-reveal")),
    }
}

pub struct FiguresView {
    pub va: String,
    pub interval: String,
    pub band: String,
    pub band_class: &'static str,
    raw: (f64, f64, f64),
}

fn band_view(t: &Tr, band: Band) -> (String, &'static str) {
    let key = match band {
        Band::WellAboveAverage => "band-well-above",
        Band::AboveAverage => "band-above",
        Band::Average => "band-average",
        Band::BelowAverage => "band-below",
        Band::WellBelowAverage => "band-well-below",
    };
    let class = match band {
        Band::WellAboveAverage | Band::AboveAverage => "good",
        Band::Average => "neutral",
        Band::BelowAverage | Band::WellBelowAverage => "bad",
    };
    (t.get(key), class)
}

fn figures_view(t: &Tr, va: &GroupValueAdded) -> Option<FiguresView> {
    let f = va.figures.as_ref()?;
    let (band, band_class) = band_view(t, f.band);
    Some(FiguresView {
        va: format::signed(f.value_added, 2),
        interval: format!(
            "{} to {}",
            format::signed(f.ci_lower, 2),
            format::signed(f.ci_upper, 2)
        ),
        band,
        band_class,
        raw: (f.value_added, f.ci_lower, f.ci_upper),
    })
}

/// A value-added table with its chart and its export name.
pub struct TableView {
    pub key: String,
    pub title: String,
    pub rows: Vec<RowView>,
    pub chart: IntervalChart,
}

impl TableView {
    fn new(t: &Tr, key: &str, title: String, rows: Vec<RowView>) -> TableView {
        let chart_rows = rows
            .iter()
            .map(|r| IntervalRow {
                label: r.label.clone(),
                value: r.figures.as_ref().map(|f| f.raw),
            })
            .collect();
        let chart = IntervalChart::new(title.clone(), chart_rows, t.get("suppressed-hidden"));
        TableView {
            key: key.to_owned(),
            title,
            rows,
            chart,
        }
    }

    /// The table as exported: what the page shows, with figures rounded as on the page.
    fn export_table(&self, t: &Tr) -> ExportTable {
        ExportTable {
            name: self.title.clone(),
            headers: [
                "col-group",
                "col-pupils",
                "col-value-added",
                "col-ci-lower",
                "col-ci-upper",
                "col-band",
                "col-mean",
            ]
            .iter()
            .map(|k| t.get(k))
            .collect(),
            rows: self
                .rows
                .iter()
                .map(|r| {
                    let (va, lo, hi, band) = match &r.figures {
                        Some(f) => (Some(f.raw.0), Some(f.raw.1), Some(f.raw.2), f.band.clone()),
                        None => (None, None, None, r.hidden.clone().unwrap_or_default()),
                    };
                    vec![
                        r.label.clone().into(),
                        Cell::count(r.n),
                        Cell::rounded(va, FIGURE_DECIMALS),
                        Cell::rounded(lo, FIGURE_DECIMALS),
                        Cell::rounded(hi, FIGURE_DECIMALS),
                        band.into(),
                        Cell::rounded(r.mean_raw, FIGURE_DECIMALS),
                    ]
                })
                .collect(),
        }
    }
}

/// Value added and means are shown, and exported, to two decimals.
const FIGURE_DECIMALS: i32 = 2;

fn row_view(
    t: &Tr,
    label: String,
    link: Option<String>,
    (va, visibility, threshold): (&GroupValueAdded, CellVisibility, Threshold),
    mean: Option<f64>,
) -> RowView {
    RowView {
        label,
        link,
        n: visibility.is_shown().then_some(va.n),
        figures: figures_view(t, va).filter(|_| visibility.is_shown()),
        hidden: hidden_reason(t, visibility, threshold),
        mean: mean.map(|m| format::decimal(Some(m), FIGURE_DECIMALS as usize)),
        mean_raw: mean,
    }
}

fn breakdown_view(t: &Tr, breakdown: &Breakdown, threshold: Threshold) -> TableView {
    let rows = breakdown
        .rows
        .iter()
        .map(|r| {
            let (label, link) = match (&r.label, breakdown.by) {
                (RowLabel::Key(key), _) => (t.get(key), None),
                (RowLabel::Name(name), GroupBy::Class) => {
                    (name.clone(), r.id.map(|id| format!("/classes/{id}")))
                }
                (RowLabel::Name(name), _) => (name.clone(), None),
            };
            row_view(
                t,
                label,
                link,
                (&r.value_added, r.visibility, threshold),
                r.mean_outcome,
            )
        })
        .collect();
    TableView::new(
        t,
        breakdown.by.key(),
        t.get(&format!("breakdown-{}", breakdown.by.key())),
        rows,
    )
}

pub struct Headline {
    pub pupils: usize,
    pub excluded: usize,
    pub attainment: String,
    pub attainment_interval: String,
    pub value_added: Option<FiguresView>,
    pub contextual: Option<(String, String)>,
    pub gap: Option<(String, String, bool)>,
    pub disadvantaged: RowView,
    pub others: RowView,
}

pub struct TrendLine {
    pub year: String,
    pub attainment: String,
    pub attainment_interval: String,
    pub value_added: Option<FiguresView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "progress.html")]
pub struct ProgressTemplate {
    page: Page,
    school: SchoolSummary,
    years: Vec<Choice>,
    subjects: Vec<Choice>,
    year: i64,
    subject: i64,
    subject_name: String,
    year_name: String,
    problem: Option<String>,
    headline: Option<Headline>,
    subjects_table: Option<TableView>,
    tables: Vec<TableView>,
    trend: Vec<TrendLine>,
    trend_chart: Option<IntervalChart>,
    improvement: Option<(String, String)>,
    /// Which σ the intervals use, and where it came from.
    sigma_note: Option<String>,
    fsm_band: u8,
    fsm_percent: String,
    can_list_pupils: bool,
}

/// The group's name and its explanation, which says the thresholds are Headway's own.
pub(crate) fn improvement_view(t: &Tr, group: ImprovementGroup) -> (String, String) {
    let key = match group {
        ImprovementGroup::LowToModerateOrHigh => "improvement-low-to-higher",
        ImprovementGroup::ModerateToHigh => "improvement-moderate-to-high",
        ImprovementGroup::StableHigh => "improvement-stable-high",
        ImprovementGroup::Declining => "improvement-declining",
        ImprovementGroup::Stable => "improvement-stable",
    };
    let explained = format!(
        "{} {}",
        t.get(&format!("{key}-explained")),
        t.get("improvement-thresholds-own")
    );
    (t.get(key), explained)
}

/// The progress use cases over this server's store, reference fits and report cache.
fn reports(app: &AppState) -> ProgressReports<'_> {
    ProgressReports::new(&app.store, &app.references, &app.school_figures)
}

impl From<ProgressError> for AppError {
    fn from(error: ProgressError) -> AppError {
        match error {
            ProgressError::Denied(denied) => AppError::Forbidden(denied),
            ProgressError::NotFound => AppError::NotFound,
            ProgressError::Store(e) => AppError::Store(e),
        }
    }
}

/// Why a year and subject have no expectations, in the reader's language. A failure inside
/// the statistics is logged, not shown.
fn reference_problem(t: &Tr, why: &ReferenceError) -> String {
    match why {
        ReferenceError::TooFewPupils { found, needed } => t.with(
            "reference-too-few-pupils",
            &[("found", (*found).into()), ("needed", (*needed).into())],
        ),
        ReferenceError::TooFewInPublishedGroups { found } => t.with(
            "reference-too-few-in-published-groups",
            &[("found", (*found).into())],
        ),
        ReferenceError::Stats(detail) => {
            tracing::warn!(%detail, "reference expectations could not be fitted");
            t.get("reference-not-fitted")
        }
    }
}

pub async fn school(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    Query(query): Query<ProgressQuery>,
) -> AppResult<Response> {
    let school = SchoolId(school_id);
    let report = reports(&app)
        .school_report(&signed_in.principal, school, query.year, query.subject)
        .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let cuts = app.settings.fsm_cuts;
    let mut view = ProgressTemplate {
        page: signed_in.page.clone(),
        fsm_band: cuts.band(summary.fsm_share).number(),
        fsm_percent: format::percent(summary.fsm_share),
        school: summary,
        years: report.years,
        subjects: report.subjects,
        year: report.year.as_ref().map(|y| y.id).unwrap_or_default(),
        subject: report.subject.as_ref().map(|s| s.id).unwrap_or_default(),
        subject_name: String::new(),
        year_name: String::new(),
        problem: None,
        headline: None,
        subjects_table: None,
        tables: Vec::new(),
        trend: Vec::new(),
        trend_chart: None,
        improvement: None,
        sigma_note: None,
        can_list_pupils: report.can_list_pupils,
    };
    let (Some(year), Some(subject)) = (report.year, report.subject) else {
        view.problem = Some(t.get("progress-no-results"));
        return Ok(view.into_response());
    };
    view.subject_name = subject.name;
    view.year_name = year.name;
    let year = year.id;
    let figures = match report.figures {
        Ok(figures) => figures,
        Err(NoFigures::NoResults) => {
            view.problem = Some(t.get("progress-no-results"));
            return Ok(view.into_response());
        }
        Err(NoFigures::NoReference(why)) => {
            view.problem = Some(reference_problem(&t, &why));
            return Ok(view.into_response());
        }
    };

    view.headline = Some(headline(&t, &figures.report));
    view.tables = figures
        .report
        .breakdowns
        .iter()
        .filter(|b| !b.rows.is_empty())
        .map(|b| breakdown_view(&t, b, figures.report.threshold))
        .collect();
    let subject_rows = figures
        .subjects
        .iter()
        .map(|(choice, progress)| {
            let link = format!(
                "/schools/{}/progress?year={year}&subject={}",
                school.0, choice.id
            );
            row_view(
                &t,
                choice.name.clone(),
                Some(link),
                (
                    &progress.value_added,
                    progress.visibility_of(&progress.value_added),
                    progress.threshold,
                ),
                progress.attainment.map(|a| a.value),
            )
        })
        .collect();
    view.subjects_table = Some(TableView::new(
        &t,
        "subjects",
        t.named("progress-subjects-title", &view.year_name),
        subject_rows,
    ));
    view.trend = figures
        .trend
        .iter()
        .map(|year| TrendLine {
            year: year.year.clone(),
            attainment: format::decimal(Some(year.attainment.value), 2),
            attainment_interval: interval_text(year.attainment),
            value_added: figures_view(&t, &year.progress.value_added),
        })
        .collect();
    if !view.trend.is_empty() {
        let chart_rows = view
            .trend
            .iter()
            .map(|l| IntervalRow {
                label: l.year.clone(),
                value: l.value_added.as_ref().map(|f| f.raw),
            })
            .collect();
        view.trend_chart = Some(IntervalChart::new(
            t.get("progress-trend-chart"),
            chart_rows,
            t.get("suppressed-hidden"),
        ));
    }
    view.improvement = figures.improvement.map(|group| improvement_view(&t, group));
    let (sigma, source) = figures.sigma;
    view.sigma_note = Some(t.with(
        match source {
            SigmaSource::Fitted => "progress-sigma-fitted",
            SigmaSource::MeasuredAgainstTable => "progress-sigma-measured",
            SigmaSource::Published => "progress-sigma-published",
        },
        &[("sigma", format::decimal(Some(sigma), 3).into())],
    ));

    if let Some(format) = query.export.as_deref() {
        let wanted = query.table.as_deref().unwrap_or("subjects");
        let table = view
            .subjects_table
            .iter()
            .chain(view.tables.iter())
            .find(|table| table.key == wanted)
            .ok_or(AppError::NotFound)?;
        let file_name = export_file_name(
            &t,
            &view.school,
            &view.subject_name,
            &view.year_name,
            &table.title,
        );
        return export(format, &table.export_table(&t), &file_name);
    }
    Ok(view.into_response())
}

/// An export's file name in the reader's language: school, subject, year and table.
fn export_file_name(
    t: &Tr,
    school: &SchoolSummary,
    subject: &str,
    year: &str,
    table: &str,
) -> String {
    t.with(
        "export-file-name",
        &[
            ("school", format!("{} {}", school.code, school.name).into()),
            ("subject", subject.to_owned().into()),
            ("year", year.to_owned().into()),
            ("table", table.to_owned().into()),
        ],
    )
}

fn interval_text(estimate: Estimate) -> String {
    let (lo, hi) = estimate.interval();
    format!(
        "{} to {}",
        format::decimal(Some(lo), 2),
        format::decimal(Some(hi), 2)
    )
}

fn headline(t: &Tr, report: &SchoolProgress) -> Headline {
    let attainment = report.attainment.unwrap_or(Estimate {
        value: f64::NAN,
        se: f64::NAN,
    });
    Headline {
        pupils: report.pupils,
        excluded: report.excluded,
        attainment: format::decimal(Some(attainment.value), 2),
        attainment_interval: interval_text(attainment),
        value_added: figures_view(t, &report.value_added),
        contextual: report.contextual.as_ref().map(|c| {
            (
                format::signed(c.blup, 2),
                format!(
                    "{} to {}",
                    format::signed(c.ci_lower, 2),
                    format::signed(c.ci_upper, 2)
                ),
            )
        }),
        gap: report.gap.map(|g| {
            (
                format::signed(g.value, 2),
                format!(
                    "{} to {}",
                    format::signed(g.ci_lower, 2),
                    format::signed(g.ci_upper, 2)
                ),
                g.is_significant(),
            )
        }),
        disadvantaged: row_view(
            t,
            t.get("group-disadvantaged"),
            None,
            (
                &report.disadvantaged,
                report.visibility_of(&report.disadvantaged),
                report.threshold,
            ),
            None,
        ),
        others: row_view(
            t,
            t.get("group-not-disadvantaged"),
            None,
            (
                &report.others,
                report.visibility_of(&report.others),
                report.threshold,
            ),
            None,
        ),
    }
}

/// A pupil falling behind: their latest interim result against the expectation from their
/// starting point.
pub struct BehindLine {
    pub pupil_id: i64,
    pub name: String,
    pub class_name: String,
    pub expected: String,
    pub latest: String,
    pub difference: String,
    pub change: String,
    /// Expected, latest, difference and change as numbers, for exports.
    numbers: [Option<f64>; 4],
}

/// Results and expectations are shown, and exported, to one decimal.
const RESULT_DECIMALS: i32 = 1;

#[derive(Template, WebTemplate)]
#[template(path = "falling_behind.html")]
pub struct FallingBehindTemplate {
    page: Page,
    school: SchoolSummary,
    subjects: Vec<Choice>,
    subject: i64,
    point: Option<String>,
    classes: Vec<(i64, String)>,
    class: Option<i64>,
    group: String,
    lines: Vec<BehindLine>,
    problem: Option<String>,
}

/// A listed pupil as the page shows them.
fn behind_line(pupil: &BehindPupil) -> BehindLine {
    let f = pupil.figures;
    BehindLine {
        pupil_id: pupil.pupil,
        name: pupil.name.clone(),
        class_name: pupil.class_name.clone().unwrap_or_default(),
        expected: format::decimal(Some(f.expected), 1),
        latest: format::decimal(Some(f.latest), 1),
        difference: format::signed(f.difference, 1),
        change: f
            .change
            .map(|c| format::signed(c, 1))
            .unwrap_or_else(|| "–".into()),
        numbers: [
            Some(f.expected),
            Some(f.latest),
            Some(f.difference),
            f.change,
        ],
    }
}

pub async fn falling_behind(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    Query(query): Query<ProgressQuery>,
) -> AppResult<Response> {
    let school = SchoolId(school_id);
    let group = query.group.clone().unwrap_or_else(|| "all".into());
    let found = reports(&app)
        .falling_behind(
            &signed_in.principal,
            school,
            query.subject,
            query.class,
            PupilFilter::from_query(&group),
        )
        .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let view = FallingBehindTemplate {
        page: signed_in.page.clone(),
        school: summary,
        subjects: found.subjects,
        subject: found.subject.unwrap_or_default(),
        point: found.point,
        classes: found.classes,
        class: query.class,
        group,
        lines: found.pupils.iter().map(behind_line).collect(),
        problem: found.problem.map(|problem| match problem {
            NoFigures::NoResults => t.get("behind-no-interim"),
            NoFigures::NoReference(why) => reference_problem(&t, &why),
        }),
    };
    if view.problem.is_some() {
        return Ok(view.into_response());
    }
    if let Some(format) = query.export.as_deref() {
        let table = ExportTable {
            name: t.get("behind-title"),
            headers: [
                "col-pupil",
                "col-class",
                "col-expected",
                "col-latest",
                "col-difference",
                "col-change",
            ]
            .iter()
            .map(|k| t.get(k))
            .collect(),
            rows: view
                .lines
                .iter()
                .map(|l| {
                    let mut row: Vec<Cell> =
                        vec![l.name.clone().into(), l.class_name.clone().into()];
                    row.extend(l.numbers.iter().map(|n| Cell::rounded(*n, RESULT_DECIMALS)));
                    row
                })
                .collect(),
        };
        let subject_name = view
            .subjects
            .iter()
            .find(|s| s.id == view.subject)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let year_name = found.year.map(|y| y.name).unwrap_or_default();
        let file_name = export_file_name(&t, &view.school, &subject_name, &year_name, &table.name);
        return export(format, &table, &file_name);
    }
    Ok(view.into_response())
}

pub struct ResultLine {
    pub year: String,
    pub point: String,
    pub kind: String,
    pub subject: String,
    pub score: String,
    pub expected: Option<String>,
    pub difference: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pupil.html")]
pub struct PupilTemplate {
    page: Page,
    pupil: PupilRecord,
    results: Vec<ResultLine>,
    prior: Option<String>,
}

pub async fn pupil(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(pupil_id): Path<i64>,
) -> AppResult<Response> {
    // The pupil is found only within the viewer's scope; a pupil outside it and a pupil
    // who does not exist look the same.
    let profile = reports(&app)
        .pupil(&signed_in.principal, PupilId(pupil_id))
        .await?;
    let t = signed_in.page.t;
    let results = profile
        .results
        .iter()
        .map(|line| {
            let r = &line.result;
            ResultLine {
                year: r.year.clone(),
                point: r.point.clone(),
                kind: t.get(&format!("kind-{}", r.kind)),
                subject: r.subject.clone(),
                score: format::decimal(Some(r.score), 1),
                expected: line.expected.map(|e| format::decimal(Some(e), 1)),
                difference: line.expected.map(|e| format::signed(r.score - e, 1)),
            }
        })
        .collect();
    Ok(PupilTemplate {
        page: signed_in.page,
        pupil: profile.pupil,
        results,
        prior: profile.prior.map(|p| format::decimal(Some(p), 1)),
    }
    .into_response())
}
