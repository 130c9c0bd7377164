//! Progress: a school's value added with intervals, the disadvantaged gap, breakdowns by
//! pupil group, class and teacher, three-year trends, pupils falling behind, and a pupil's
//! profile (ANALYTICS.md §2–§5). Every table exports as CSV and XLSX.

use crate::AppState;
use crate::charts::measure::MeasureFormat;
use crate::charts::trajectory::{TrajectoryChart, TrajectoryPoint};
use crate::charts::{IntervalChart, IntervalRow};
use crate::context::{Page, SignedIn};
use crate::error::{AppError, AppResult};
use crate::exports::{Cell, ExportTable, export};
use crate::format;
use crate::i18n::Tr;
use crate::pages::make_priority::{Evidence, EvidenceKind, PriorityLink, may_make_priority};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use headway_app::measures::SubjectNames;
use headway_app::progress::{BehindPupil, NoFigures, ProgressError, ProgressReports};
use headway_domain::anonymity::{CellVisibility, Threshold};
use headway_domain::ids::{PupilId, SchoolId};
use headway_domain::planning::measure::{MeasureSpec, PupilGroup};
use headway_domain::progress::SigmaSource;
use headway_domain::progress::reference::{ETHNICITY_NOT_RECORDED, ethnicity_term};
use headway_domain::progress::{
    Breakdown, ContextualUnavailable, GroupBy, PupilFilter, ReferenceError, RowLabel,
    SchoolProgress,
};
use headway_stats::trends::{Estimate, ImprovementGroup};
use headway_stats::value_added::simple::{Band, GroupFigures, GroupValueAdded};
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
    /// The contextual value added beside, `None` when hidden or unavailable.
    pub contextual: Option<FiguresView>,
    /// Why the contextual value added is hidden.
    pub contextual_hidden: Option<String>,
}

impl RowView {
    /// The row with its contextual value added beside, hidden by the same cell rule.
    fn with_contextual(
        mut self,
        t: &Tr,
        (va, visibility, threshold): (&GroupValueAdded, CellVisibility, Threshold),
    ) -> RowView {
        self.contextual = figures_view(t, va).filter(|_| visibility.is_shown());
        self.contextual_hidden = hidden_reason(t, visibility, threshold);
        self
    }
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

impl FiguresView {
    /// (estimate, lower, upper), for a chart.
    pub(crate) fn raw(&self) -> (f64, f64, f64) {
        self.raw
    }
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

pub(crate) fn figures_view(t: &Tr, va: &GroupValueAdded) -> Option<FiguresView> {
    let f = va.figures.as_ref()?;
    let (band, band_class) = band_view(t, f.band);
    Some(FiguresView {
        va: format::signed(f.value_added, 2),
        interval: format::interval(
            t,
            format::signed(f.ci_lower, 2),
            format::signed(f.ci_upper, 2),
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
    /// Why the table has no contextual value added, said once for the column.
    pub contextual_unavailable: Option<String>,
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
        let chart = IntervalChart::new(
            title.clone(),
            chart_rows,
            t.get("chart-hidden"),
            t.get("chart-axis-value-added"),
        );
        TableView {
            key: key.to_owned(),
            title,
            rows,
            chart,
            contextual_unavailable: None,
        }
    }

    fn contextual_unavailable(mut self, why: Option<String>) -> TableView {
        self.contextual_unavailable = why;
        self
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
                "col-contextual",
                "col-contextual-lower",
                "col-contextual-upper",
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
                    let contextual = r.contextual.as_ref().map(|c| c.raw);
                    vec![
                        r.label.clone().into(),
                        Cell::count(r.n),
                        Cell::rounded(va, FIGURE_DECIMALS),
                        Cell::rounded(lo, FIGURE_DECIMALS),
                        Cell::rounded(hi, FIGURE_DECIMALS),
                        band.into(),
                        Cell::rounded(r.mean_raw, FIGURE_DECIMALS),
                        Cell::rounded(contextual.map(|c| c.0), FIGURE_DECIMALS),
                        Cell::rounded(contextual.map(|c| c.1), FIGURE_DECIMALS),
                        Cell::rounded(contextual.map(|c| c.2), FIGURE_DECIMALS),
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
        contextual: None,
        contextual_hidden: None,
    }
}

/// Why there is no contextual value added, for people.
fn contextual_unavailable(t: &Tr, why: ContextualUnavailable) -> String {
    t.get(match why {
        ContextualUnavailable::NoPupilWithContext => "contextual-unavailable-no-context",
        ContextualUnavailable::OneSchool => "contextual-unavailable-one-school",
        ContextualUnavailable::NotFitted => "contextual-unavailable-not-fitted",
        ContextualUnavailable::SchoolNotInModel => "contextual-unavailable-school",
    })
}

/// The school's contextual value added as a table's figures (the subjects table).
fn school_effect_figures(report: &SchoolProgress) -> GroupValueAdded {
    GroupValueAdded {
        n: report.contextual.as_ref().map_or(0, |c| c.n as usize),
        figures: report.contextual.as_ref().map(|c| GroupFigures {
            value_added: c.blup,
            se: c.condsd,
            ci_lower: c.ci_lower,
            ci_upper: c.ci_upper,
            band: Band::of(
                c.blup,
                c.ci_lower,
                c.ci_upper,
                headway_stats::value_added::simple::MeasureSettings::default().band_cut,
            ),
        }),
    }
}

fn breakdown_view(
    t: &Tr,
    names: &SubjectNames,
    breakdown: &Breakdown,
    report: &SchoolProgress,
) -> TableView {
    let threshold = report.threshold;
    let rows = breakdown
        .rows
        .iter()
        .map(|r| {
            let (label, link) = match (&r.label, breakdown.by) {
                (RowLabel::Key(key), _) => (
                    names.group(key).map_or_else(|| t.get(key), str::to_owned),
                    None,
                ),
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
            .with_contextual(t, (&r.contextual, r.contextual_visibility, threshold))
        })
        .collect();
    TableView::new(
        t,
        breakdown.by.key(),
        t.get(&format!("breakdown-{}", breakdown.by.key())),
        rows,
    )
    .contextual_unavailable(
        report
            .contextual_unavailable
            .map(|why| contextual_unavailable(t, why)),
    )
}

pub struct Headline {
    pub pupils: usize,
    pub excluded: usize,
    pub attainment: String,
    pub attainment_interval: String,
    pub value_added: Option<FiguresView>,
    pub contextual: Option<(String, String)>,
    /// Why there is no contextual value added.
    pub contextual_unavailable: Option<String>,
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
    /// The suppression threshold the figures were computed with.
    suppress_below: u8,
    /// What the threshold is, and whether it is Headway's default.
    suppression_note: String,
    /// The contextual model's terms: label, estimate, standard error.
    contextual_terms: Vec<(String, String, String)>,
    /// The ethnic group the model's ethnic groups are compared with.
    ethnicity_reference: Option<String>,
    /// "Make this a priority" on the subject's value added and on its disadvantaged gap,
    /// for viewers who may edit the plan.
    va_priority: Option<PriorityLink>,
    gap_priority: Option<PriorityLink>,
    /// The school's year at a glance: headline, what stands out, the grid, the bands.
    overview: Option<crate::pages::overview::OverviewView>,
    /// Broad success beside the results: pupils' well-being from the latest released
    /// pupil survey, for viewers who read survey results.
    well_being: Option<WellBeingView>,
}

/// The pupil survey's well-being scale as the progress page shows it.
pub struct WellBeingView {
    /// Which survey, and the day its window closed, in words.
    pub source: String,
    /// Mean and "lower to upper", when shown.
    pub figure: Option<(String, String)>,
    pub n: u32,
    pub threshold: u8,
    pub survey_id: i64,
}

fn well_being_view(t: &Tr, reading: &headway_app::survey::scale::ScaleReading) -> WellBeingView {
    let date = time::OffsetDateTime::from_unix_timestamp(reading.date())
        .map(|d| d.date().to_string())
        .unwrap_or_default();
    WellBeingView {
        source: t.with(
            "progress-well-being-source",
            &[
                ("survey", reading.survey.title.as_str().into()),
                ("date", date.into()),
            ],
        ),
        figure: reading.mean.map(|(mean, lower, upper)| {
            (
                format::decimal(Some(mean), 2),
                format!(
                    "{} – {}",
                    format::decimal(Some(lower), 2),
                    format::decimal(Some(upper), 2)
                ),
            )
        }),
        n: reading.respondents,
        threshold: reading.threshold.get(),
        survey_id: reading.survey.id.0,
    }
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
pub(crate) fn reports(app: &AppState) -> ProgressReports<'_> {
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
    // Read once: the overview, the report, the school and its subjects are all of this
    // version of the data, and the rest comes from what is kept for it.
    let version = app.store.data_version().await?;
    let overview = crate::pages::overview::overviews(&app)
        .at(version)
        .overview(&signed_in.principal, school, query.year)
        .await?;
    // Without a subject asked for, the page opens on what stands out most.
    let subject = query.subject.or_else(|| {
        let figures = overview.figures.as_ref()?;
        figures.standouts.first().map(|s| s.subject)
    });
    let report = reports(&app)
        .at(version)
        .school_report(&signed_in.principal, school, query.year, subject)
        .await?;
    let summary = crate::pages::school_summary_at(&app, version, school).await?;
    let t = signed_in.page.t;
    let names = crate::pages::subject_names_at(&app, &t, version).await?;
    let mut report = report;
    for choice in &mut report.subjects {
        choice.name = names.of(choice.id, &choice.name);
    }
    let well_being =
        headway_app::survey::scale::pupil_well_being(&app.store, &signed_in.principal, school)
            .await
            .map_err(AppError::from)?
            .map(|r| well_being_view(&signed_in.page.t, &r));
    let cuts = app.settings.fsm_cuts;
    let mut view = ProgressTemplate {
        well_being,
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
        suppress_below: signed_in.page.suppress_below.get(),
        suppression_note: signed_in.page.suppression_note(),
        contextual_terms: Vec::new(),
        ethnicity_reference: None,
        va_priority: None,
        gap_priority: None,
        overview: overview
            .figures
            .as_deref()
            .map(|figures| crate::pages::overview::overview_view(&t, &names, school_id, figures)),
    };
    if let Some(overview) = view.overview.as_mut() {
        crate::pages::overview::offer_priorities(&t, &names, &signed_in.principal, overview);
    }
    let (Some(year), Some(subject)) = (report.year, report.subject) else {
        view.problem = Some(t.get("progress-no-results"));
        return Ok(view.into_response());
    };
    view.subject_name = names.of(subject.id, &subject.name);
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

    view.headline = Some(headline(&t, &names, &figures.report));
    view.suppress_below = figures.report.threshold.get();
    view.suppression_note = view.page.suppression_note_for(figures.report.threshold);
    if may_make_priority(&signed_in.principal, school) {
        let code = subject_code(&names, subject.id)?;
        let link = format!(
            "/schools/{}/progress?year={year}&subject={}",
            school.0, subject.id
        );
        let (va, gap) = priority_evidence(
            &t,
            &figures.report,
            &code,
            &link,
            &view.subject_name,
            &view.year_name,
        );
        let for_viewer = |e: Option<Evidence>| {
            e.and_then(|e| PriorityLink::for_viewer(&t, &signed_in.principal, school, &e))
        };
        view.va_priority = for_viewer(va);
        view.gap_priority = for_viewer(gap);
    }
    view.tables = figures
        .report
        .breakdowns
        .iter()
        .filter(|b| !b.rows.is_empty())
        .map(|b| breakdown_view(&t, &names, b, &figures.report))
        .collect();
    if let Some(model) = &figures.contextual_model {
        view.contextual_terms = model
            .terms
            .iter()
            .map(|term| {
                (
                    term_label(&t, &names, &term.term, &model.ethnicity_levels),
                    format::signed(term.estimate, 3),
                    format::decimal(Some(term.se), 3),
                )
            })
            .collect();
        if !model.ethnicity_levels.is_empty() {
            view.ethnicity_reference = Some(ethnicity_name(&t, &model.ethnicity_reference));
        }
    }
    let subject_rows = figures
        .subjects
        .iter()
        .map(|(choice, progress)| {
            let link = format!(
                "/schools/{}/progress?year={year}&subject={}",
                school.0, choice.id
            );
            let visibility = progress.visibility_of(&progress.value_added);
            let row = row_view(
                &t,
                names.of(choice.id, &choice.name),
                Some(link),
                (&progress.value_added, visibility, progress.threshold),
                progress.attainment.map(|a| a.value),
            );
            match progress.contextual_unavailable {
                Some(why) => RowView {
                    contextual_hidden: Some(contextual_unavailable(&t, why)),
                    ..row
                },
                // The school's own contextual value added, shown as on the headline.
                None => row.with_contextual(
                    &t,
                    (
                        &school_effect_figures(progress),
                        CellVisibility::Shown,
                        progress.threshold,
                    ),
                ),
            }
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
            attainment_interval: interval_text(&t, year.attainment),
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
            t.get("chart-hidden"),
            t.get("chart-axis-value-added"),
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

/// A subject's code (`MAT`), which a measure names it by.
fn subject_code(names: &SubjectNames, subject: i64) -> AppResult<String> {
    names
        .code(subject)
        .map(str::to_owned)
        .ok_or(AppError::NotFound)
}

/// The evidence for "Make this a priority" on the subject's value added and on its
/// disadvantaged gap, each where the figure is shown (a suppressed figure starts nothing).
fn priority_evidence(
    t: &Tr,
    report: &SchoolProgress,
    code: &str,
    link: &str,
    subject_name: &str,
    year_name: &str,
) -> (Option<Evidence>, Option<Evidence>) {
    let text = |key: &str, spec: &MeasureSpec, (value, lower, upper): (f64, f64, f64)| {
        let format = MeasureFormat::of(spec);
        t.with(
            key,
            &[
                ("subject", subject_name.to_owned().into()),
                ("value", format.number(value).into()),
                ("interval", format.interval(t, lower, upper).into()),
                ("year", year_name.to_owned().into()),
            ],
        )
    };
    let va = report.value_added.figures.as_ref().map(|f| {
        let spec = MeasureSpec::ValueAdded {
            subject: code.to_owned(),
            group: None,
            contextual: false,
        };
        Evidence {
            kind: EvidenceKind::ProgressValueAdded,
            link: link.to_owned(),
            text: text(
                "make-priority-va-text",
                &spec,
                (f.value_added, f.ci_lower, f.ci_upper),
            ),
            title: t.named("make-priority-va-title", subject_name),
            dimension: None,
            measure: Some(spec),
        }
    });
    let gap = report.gap.map(|g| {
        let spec = MeasureSpec::DisadvantagedGap {
            subject: code.to_owned(),
        };
        Evidence {
            kind: EvidenceKind::ProgressGap,
            link: link.to_owned(),
            text: text(
                "make-priority-gap-text",
                &spec,
                (g.value, g.ci_lower, g.ci_upper),
            ),
            title: t.named("make-priority-gap-title", subject_name),
            dimension: None,
            measure: Some(spec),
        }
    });
    (va, gap)
}

fn interval_text(t: &Tr, estimate: Estimate) -> String {
    let (lo, hi) = estimate.interval();
    format::interval(
        t,
        format::decimal(Some(lo), 2),
        format::decimal(Some(hi), 2),
    )
}

fn headline(t: &Tr, names: &SubjectNames, report: &SchoolProgress) -> Headline {
    let group = |key: &str| names.group(key).map_or_else(|| t.get(key), str::to_owned);
    let attainment = report.attainment.unwrap_or(Estimate {
        value: f64::NAN,
        se: f64::NAN,
    });
    Headline {
        pupils: report.pupils,
        excluded: report.excluded,
        attainment: format::decimal(Some(attainment.value), 2),
        attainment_interval: interval_text(t, attainment),
        value_added: figures_view(t, &report.value_added),
        contextual_unavailable: report
            .contextual_unavailable
            .map(|why| contextual_unavailable(t, why)),
        contextual: report.contextual.as_ref().map(|c| {
            (
                format::signed(c.blup, 2),
                format::interval(
                    t,
                    format::signed(c.ci_lower, 2),
                    format::signed(c.ci_upper, 2),
                ),
            )
        }),
        gap: report.gap.map(|g| {
            (
                format::signed(g.value, 2),
                format::interval(
                    t,
                    format::signed(g.ci_lower, 2),
                    format::signed(g.ci_upper, 2),
                ),
                g.is_significant(),
            )
        }),
        disadvantaged: row_view(
            t,
            group("group-disadvantaged"),
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
            group("group-not-disadvantaged"),
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

/// A term of the contextual model for people: the pupil groups in the measure set's names,
/// an ethnic group by its recorded name.
fn term_label(t: &Tr, names: &SubjectNames, term: &str, ethnicity_levels: &[String]) -> String {
    let group = |group_key: &str, term_key: &str| {
        names
            .group(group_key)
            .map_or_else(|| t.get(term_key), str::to_owned)
    };
    match term {
        "(Intercept)" => t.get("term-intercept"),
        "prior" => t.get("term-prior"),
        "I(prior^2)" => t.get("term-prior-squared"),
        "disadvantaged" => group("group-disadvantaged", "term-disadvantaged"),
        "sen_support" => group("group-sen-support", "term-sen-support"),
        "sen_plan" => group("group-sen-plan", "term-sen-plan"),
        "eal" => group("group-eal", "term-eal"),
        "female" => group("group-female", "term-female"),
        "age_months" => t.get("term-age-months"),
        other => match ethnicity_levels
            .iter()
            .find(|level| ethnicity_term(level) == other)
        {
            Some(level) => t.with(
                "term-ethnicity",
                &[("group", ethnicity_name(t, level).into())],
            ),
            None => other.to_owned(),
        },
    }
}

/// An ethnic group's name as recorded, or "not recorded" in the reader's language.
fn ethnicity_name(t: &Tr, level: &str) -> String {
    if level == ETHNICITY_NOT_RECORDED {
        t.get("ethnicity-not-recorded")
    } else {
        level.to_owned()
    }
}

/// A pupil falling behind: their own latest assessment against the expectation from their
/// starting point.
pub struct BehindLine {
    pub pupil_id: i64,
    pub name: String,
    pub class_name: String,
    /// The assessment judged, marked when it is the final result.
    pub point: String,
    pub is_final: bool,
    pub expected: String,
    /// The middle half of reference pupils' outcomes, e.g. "4.4–6.0".
    pub expected_range: String,
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
    years: Vec<Choice>,
    year: i64,
    subjects: Vec<Choice>,
    subject: i64,
    classes: Vec<(i64, String)>,
    class: Option<i64>,
    group: String,
    assessed: usize,
    lines: Vec<BehindLine>,
    problem: Option<String>,
    /// Said when the year has no final results yet, so its pupils are judged against the
    /// expectations of the latest year that has.
    expected_from: Option<String>,
    /// This page's address, for the pupil pages' way back.
    back: String,
    /// "Make this a priority" on the count, for viewers who may edit the plan.
    priority: Option<PriorityLink>,
}

/// A range of outcomes for people, e.g. "4.4–6.0".
pub fn outcome_range(range: Option<(f64, f64)>) -> String {
    match range {
        Some((low, high)) => format!(
            "{}–{}",
            format::decimal(Some(low), 1),
            format::decimal(Some(high), 1)
        ),
        None => "–".into(),
    }
}

/// A listed pupil as the page shows them.
pub fn behind_line(pupil: &BehindPupil) -> BehindLine {
    let f = pupil.figures;
    BehindLine {
        pupil_id: pupil.pupil,
        name: pupil.name.clone(),
        class_name: pupil.class_name.clone().unwrap_or_default(),
        point: pupil.point.clone(),
        is_final: pupil.is_final,
        expected: format::decimal(Some(f.expected), 1),
        expected_range: outcome_range(pupil.expected_range),
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

/// The pupil group of a falling-behind filter as a measure names it: `None` for a filter
/// no single breakdown row matches (SEN covers two rows), `Some(None)` for all pupils.
fn behind_group(filter: &str) -> Option<Option<PupilGroup>> {
    let group = |by: &str, row: &str| {
        Some(Some(PupilGroup {
            by: by.into(),
            row: row.into(),
        }))
    };
    match filter {
        "all" => Some(None),
        "disadvantaged" => group("disadvantaged", "group-disadvantaged"),
        "eal" => group("eal", "group-eal"),
        "female" => group("gender", "group-female"),
        "male" => group("gender", "group-male"),
        _ => None,
    }
}

/// A local address to come back to, URL-encoded for a `back` parameter.
pub fn back_parameter(path_and_query: &str) -> String {
    form_urlencoded::byte_serialize(path_and_query.as_bytes()).collect()
}

/// The way back a pupil page offers: the `back` asked for when it is an address on this
/// site (a path, never `//host` or a scheme), else `None`.
pub fn safe_back(back: Option<&str>) -> Option<String> {
    let back = back?;
    let local = back.starts_with('/')
        && !back.starts_with("//")
        && !back.contains('\\')
        && !back.chars().any(|c| c.is_control());
    local.then(|| back.to_string())
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
            query.year,
            query.subject,
            query.class,
            PupilFilter::from_query(&group),
        )
        .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let year = found.year.as_ref().map(|y| y.id).unwrap_or_default();
    let subject = found.subject.unwrap_or_default();
    let mut here = format!(
        "/schools/{}/falling-behind?year={year}&subject={subject}&group={}",
        school.0,
        back_parameter(&group)
    );
    if let Some(class) = query.class {
        here.push_str(&format!("&class={class}"));
    }
    let names = crate::pages::subject_names(&app, &t).await?;
    let mut view = FallingBehindTemplate {
        page: signed_in.page.clone(),
        school: summary,
        years: found.years,
        year,
        subjects: found
            .subjects
            .into_iter()
            .map(|choice| Choice {
                name: names.of(choice.id, &choice.name),
                ..choice
            })
            .collect(),
        subject,
        classes: found.classes,
        class: query.class,
        group,
        assessed: found.assessed,
        lines: found.pupils.iter().map(behind_line).collect(),
        expected_from: found.expected_from.as_ref().map(|from| {
            t.with(
                "behind-expected-from",
                &[
                    (
                        "name",
                        found
                            .year
                            .as_ref()
                            .map(|y| y.name.clone())
                            .unwrap_or_default()
                            .into(),
                    ),
                    ("from", from.name.clone().into()),
                ],
            )
        }),
        problem: found.problem.map(|problem| match problem {
            NoFigures::NoResults => t.get("behind-no-interim"),
            NoFigures::NoReference(why) => reference_problem(&t, &why),
        }),
        back: back_parameter(&here),
        priority: None,
    };
    if view.problem.is_none()
        && query.class.is_none()
        && !view.lines.is_empty()
        && may_make_priority(&signed_in.principal, school)
    {
        let subject_name = view
            .subjects
            .iter()
            .find(|s| s.id == subject)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let year_name = found
            .year
            .as_ref()
            .map(|y| y.name.clone())
            .unwrap_or_default();
        let code = subject_code(&names, subject)?;
        let evidence = Evidence {
            kind: EvidenceKind::FallingBehind,
            link: here.clone(),
            text: t.with(
                "make-priority-behind-text",
                &[
                    ("subject", subject_name.clone().into()),
                    ("behind", view.lines.len().into()),
                    ("judged", view.assessed.into()),
                    ("year", year_name.into()),
                ],
            ),
            title: t.named("make-priority-behind-title", &subject_name),
            dimension: None,
            measure: behind_group(&view.group).map(|group| MeasureSpec::FallingBehind {
                subject: Some(code),
                group,
            }),
        };
        view.priority = PriorityLink::for_viewer(&t, &signed_in.principal, school, &evidence);
    }
    if view.problem.is_some() {
        return Ok(view.into_response());
    }
    if let Some(format) = query.export.as_deref() {
        let table = ExportTable {
            name: t.get("behind-title"),
            headers: [
                "col-pupil",
                "col-class",
                "col-assessment",
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
                    let mut row: Vec<Cell> = vec![
                        l.name.clone().into(),
                        l.class_name.clone().into(),
                        l.point.clone().into(),
                    ];
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

/// A subject's row of a pupil's year, formatted, with its chart.
pub struct SubjectLine {
    pub subject: String,
    pub class_name: Option<String>,
    pub teachers: String,
    pub scores: Vec<String>,
    pub expected: String,
    pub expected_range: String,
    /// The chance of each threshold in `YearView::chance_headings`' order (empty when none).
    pub chances: Vec<String>,
    pub chart: TrajectoryChart,
}

/// A year of a pupil's results, formatted.
pub struct YearView {
    pub year: String,
    pub prior: Option<String>,
    /// (number, name, kind) of each assessment point.
    pub points: Vec<(String, String, String)>,
    pub subjects: Vec<SubjectLine>,
    /// The thresholds projected for the year, when it is the one projected.
    pub chance_headings: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pupil.html")]
pub struct PupilTemplate {
    page: Page,
    pupil: PupilRecord,
    years: Vec<YearView>,
    prior: Option<String>,
    /// Where the reader came from, when it is a page of this site.
    back: Option<String>,
    school: SchoolSummary,
    /// The pupil's special or additional learning needs, by the measure set's names.
    sen: Option<String>,
    /// The outcome's grades and that they are the measure set's definition.
    grades_note: String,
}

#[derive(Debug, Deserialize, Default)]
pub struct PupilQuery {
    back: Option<String>,
}

/// A point's short label on a chart: its number, "F" style marks are left to the table.
fn point_number(i: usize) -> String {
    (i + 1).to_string()
}

pub async fn pupil(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(pupil_id): Path<i64>,
    Query(query): Query<PupilQuery>,
) -> AppResult<Response> {
    // The pupil is found only within the viewer's scope; a pupil outside it and a pupil
    // who does not exist look the same.
    let profile = reports(&app)
        .pupil(&signed_in.principal, PupilId(pupil_id))
        .await?;
    let school = crate::pages::school_summary(&app, SchoolId(profile.pupil.school_id)).await?;
    let t = signed_in.page.t;
    let names = crate::pages::subject_names(&app, &t).await?;
    let thresholds = crate::pages::projections::thresholds(names.measure_set());
    let projected = crate::pages::projections::projections(&app)
        .pupil(&signed_in.principal, PupilId(pupil_id), &thresholds)
        .await?;
    let projected_in = |year: i64| projected.as_ref().filter(|p| p.year_id == year);
    let years = profile
        .years
        .iter()
        .map(|year| YearView {
            chance_headings: match projected_in(year.year_id) {
                Some(p) if !p.subjects.is_empty() => p
                    .thresholds
                    .iter()
                    .map(|th| {
                        crate::pages::projections::chance_heading(&t, names.measure_set(), th)
                    })
                    .collect(),
                _ => Vec::new(),
            },
            year: year.year.clone(),
            prior: year.prior.map(|p| format::decimal(Some(p), 1)),
            points: year
                .points
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    (
                        point_number(i),
                        p.name.clone(),
                        t.get(&format!("kind-{}", p.kind)),
                    )
                })
                .collect(),
            subjects: year
                .subjects
                .iter()
                .map(|row| {
                    let points: Vec<TrajectoryPoint> = year
                        .points
                        .iter()
                        .zip(&row.scores)
                        .enumerate()
                        .map(|(i, (p, score))| TrajectoryPoint {
                            label: point_number(i),
                            score: *score,
                            is_final: p.kind == "final",
                        })
                        .collect();
                    SubjectLine {
                        subject: names.of(row.subject_id, &row.subject),
                        class_name: row.class_name.clone(),
                        teachers: row.teachers.join(", "),
                        // Grades by their labels, as the measure set defines them.
                        scores: row
                            .scores
                            .iter()
                            .map(|s| match s {
                                Some(s) => {
                                    names.score(row.subject_id, *s, |s| format::decimal(Some(s), 1))
                                }
                                None => "–".into(),
                            })
                            .collect(),
                        expected: format::decimal(row.expected, 1),
                        expected_range: outcome_range(row.expected_range),
                        chances: projected_in(year.year_id)
                            .filter(|p| !p.subjects.is_empty())
                            .map(|p| {
                                let mine = p.subjects.iter().find(|s| s.0 == row.subject_id);
                                (0..p.thresholds.len())
                                    .map(|k| {
                                        crate::pages::projections::chance_text(
                                            mine.and_then(|s| s.2[k]),
                                        )
                                    })
                                    .collect()
                            })
                            .unwrap_or_default(),
                        chart: TrajectoryChart::new(
                            t.with(
                                "pupil-chart-title",
                                &[("subject", names.of(row.subject_id, &row.subject).into())],
                            ),
                            &points,
                            row.expected,
                            row.expected_range,
                        ),
                    }
                })
                .collect(),
        })
        .collect();
    let set = names.measure_set();
    let lang = t.code();
    Ok(PupilTemplate {
        grades_note: format!(
            "{} {}",
            t.named("grades-note", set.outcome.name.get(lang)),
            set.definition.get(lang)
        ),
        sen: profile.pupil.sen.as_ref().map(|sen| {
            let key = format!("group-sen-{sen}");
            names.group(&key).map_or_else(|| t.get(&key), str::to_owned)
        }),
        page: signed_in.page,
        pupil: profile.pupil,
        years,
        prior: profile.prior.map(|p| format::decimal(Some(p), 1)),
        back: safe_back(query.back.as_deref()),
        school,
    }
    .into_response())
}
