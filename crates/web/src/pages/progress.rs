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
use headway_app::cache::DerivedCache;
use headway_app::progress::reference::pupil_outcome;
use headway_domain::access::{Action, PupilScope};
use headway_domain::anonymity::{CellVisibility, Threshold};
use headway_domain::ids::{PupilId, SchoolId, SubjectId};
use headway_domain::progress::{
    Breakdown, GroupBy, Membership, PupilOutcome, Reference, RowLabel, SchoolProgress, SubjectYear,
    improvement_group_over, school_progress,
};
use headway_domain::school::FsmBandCuts;
use headway_stats::trends::{Estimate, ImprovementGroup};
use headway_stats::value_added::simple::{Band, GroupValueAdded};
use headway_store::progress::{Choice, InterimRow, PupilRecord, PupilResult};
use headway_store::roster::SchoolSummary;
use headway_store::versions::DataVersion;
use serde::Deserialize;
use std::sync::Arc;

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
    fsm_band: u8,
    fsm_percent: String,
    can_list_pupils: bool,
}

/// The group's name and its one-line explanation.
pub(crate) fn improvement_view(t: &Tr, group: ImprovementGroup) -> (String, String) {
    let key = match group {
        ImprovementGroup::LowToModerateOrHigh => "improvement-low-to-higher",
        ImprovementGroup::ModerateToHigh => "improvement-moderate-to-high",
        ImprovementGroup::StableHigh => "improvement-stable-high",
        ImprovementGroup::Declining => "improvement-declining",
        ImprovementGroup::Stable => "improvement-stable",
    };
    (t.get(key), t.get(&format!("{key}-explained")))
}

/// The school's pupils in a year and subject, as the domain's rows.
async fn school_rows(
    app: &AppState,
    school: SchoolId,
    year: i64,
    subject: i64,
) -> AppResult<Vec<PupilOutcome>> {
    Ok(app
        .store
        .outcome_rows(year, subject, Some(school))
        .await?
        .iter()
        .map(pupil_outcome)
        .collect())
}

async fn reference(
    app: &AppState,
    version: DataVersion,
    year: i64,
    subject: i64,
) -> AppResult<Result<Arc<Reference>, String>> {
    Ok(app
        .references
        .get(&app.store, version, year, subject)
        .await?
        .map_err(|e| e.to_string()))
}

/// Trends number the three years shown from here; only their order and adjacency matter.
const TREND_BASE_YEAR: i32 = 2000;

/// One subject's progress at a school in a year, and its figures for a trend. `None` when
/// the subject has no reference expectations that year or the school no attainment.
async fn subject_year(
    app: &AppState,
    version: DataVersion,
    school: SchoolId,
    year: i64,
    subject: i64,
) -> AppResult<Option<(SchoolProgress, SubjectYear)>> {
    let Ok(reference) = reference(app, version, year, subject).await? else {
        return Ok(None);
    };
    let rows = school_rows(app, school, year, subject).await?;
    let progress = school_progress(&reference, school.0, &rows, &[], &[]);
    let Some(attainment) = progress.attainment else {
        return Ok(None);
    };
    let value_added = progress.value_added.figures.as_ref().map(|f| Estimate {
        value: f.value_added,
        se: (f.ci_upper - f.value_added) / headway_stats::value_added::contextual::Z_95,
    });
    let figures = SubjectYear {
        subject,
        attainment,
        value_added,
        reference_means: reference.school_means.clone(),
    };
    Ok(Some((progress, figures)))
}

/// The school's improvement group over its latest three years, across all subjects
/// (`headway_domain::progress::trend` says how subjects are combined). `None` with fewer
/// than three years of results.
pub(crate) async fn school_improvement_group(
    app: &AppState,
    version: DataVersion,
    school: SchoolId,
) -> AppResult<Option<ImprovementGroup>> {
    let years = app.store.progress_years(school).await?;
    let mut latest: Vec<&Choice> = years.iter().take(3).collect();
    if latest.len() < 3 {
        return Ok(None);
    }
    latest.reverse();
    let mut per_year: Vec<Vec<SubjectYear>> = Vec::new();
    for year in latest {
        let mut subjects = Vec::new();
        for subject in app.store.progress_subjects(year.id).await? {
            if let Some((_, figures)) =
                subject_year(app, version, school, year.id, subject.id).await?
            {
                subjects.push(figures);
            }
        }
        per_year.push(subjects);
    }
    Ok(improvement_group_over([
        (TREND_BASE_YEAR, &per_year[0]),
        (TREND_BASE_YEAR + 1, &per_year[1]),
        (TREND_BASE_YEAR + 2, &per_year[2]),
    ]))
}

/// What the progress page shows for a school, year and subject, before it is worded.
pub struct SchoolFigures {
    /// The chosen subject, with its breakdowns.
    report: SchoolProgress,
    /// Every subject of the year that has expectations.
    subjects: Vec<(Choice, SchoolProgress)>,
    /// Up to three years of the chosen subject, oldest first: year, progress, attainment.
    trend: Vec<(String, SchoolProgress, Estimate)>,
    improvement: Option<ImprovementGroup>,
}

/// (school, academic year, subject, whether classes and teachers are included), by data
/// version.
pub type SchoolFiguresCache = DerivedCache<(i64, i64, i64, bool), SchoolFigures>;

async fn school_figures(
    app: &AppState,
    version: DataVersion,
    school: SchoolId,
    (year, subject): (i64, i64),
    show_classes: bool,
    reference_now: &Reference,
    (years, subjects): (&[Choice], &[Choice]),
) -> AppResult<SchoolFigures> {
    let pupils = school_rows(app, school, year, subject).await?;
    // Classes and teachers are read only for a viewer whose scope includes them.
    let memberships: Vec<Membership> = if show_classes {
        app.store
            .memberships(year, subject, school)
            .await?
            .into_iter()
            .map(|m| Membership {
                pupil: m.pupil,
                class_id: m.class_id,
                class_name: m.class_name,
                teacher_id: m.teacher_id,
                teacher_name: m.teacher_name,
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut groups: Vec<GroupBy> = GroupBy::PUPIL_GROUPS.to_vec();
    if show_classes {
        groups.extend([GroupBy::Class, GroupBy::Teacher]);
    }
    let report = school_progress(reference_now, school.0, &pupils, &memberships, &groups);

    let mut subject_figures = Vec::new();
    for choice in subjects {
        let Ok(reference) = reference(app, version, year, choice.id).await? else {
            continue;
        };
        let rows = school_rows(app, school, year, choice.id).await?;
        let progress = school_progress(&reference, school.0, &rows, &[], &[]);
        subject_figures.push((choice.clone(), progress));
    }

    let mut trend_years: Vec<&Choice> = years.iter().take(3).collect();
    trend_years.reverse();
    let mut trend = Vec::new();
    let mut for_group: Vec<(i32, SubjectYear)> = Vec::new();
    for (index, choice) in trend_years.iter().enumerate() {
        let Some((progress, subject_year)) =
            subject_year(app, version, school, choice.id, subject).await?
        else {
            continue;
        };
        trend.push((choice.name.clone(), progress, subject_year.attainment));
        for_group.push((TREND_BASE_YEAR + index as i32, subject_year));
    }
    let improvement = match for_group.as_slice() {
        [a, b, c] => improvement_group_over([
            (a.0, std::slice::from_ref(&a.1)),
            (b.0, std::slice::from_ref(&b.1)),
            (c.0, std::slice::from_ref(&c.1)),
        ]),
        _ => None,
    };
    Ok(SchoolFigures {
        report,
        subjects: subject_figures,
        trend,
        improvement,
    })
}

/// Whether the viewer may see classes and teachers of a subject at a school.
fn sees_classes_of(scope: &PupilScope, subject: i64) -> bool {
    match scope {
        PupilScope::All => true,
        PupilScope::Subjects { subjects, .. } => subjects.contains(&SubjectId(subject)),
        PupilScope::Classes(_) | PupilScope::None => false,
    }
}

pub async fn school(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    Query(query): Query<ProgressQuery>,
) -> AppResult<Response> {
    let school = SchoolId(school_id);
    let principal = &signed_in.principal;
    principal.may(&Action::ViewSchoolFigures(school))?;
    let summary = app
        .store
        .roster()
        .school(school)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = signed_in.page.t;
    // Read once per page: every figure below is of this version of the data.
    let version = app.store.data_version().await?;
    let years = app.store.progress_years(school).await?;
    let year = query
        .year
        .filter(|y| years.iter().any(|c| c.id == *y))
        .or(years.first().map(|c| c.id));
    let subjects = match year {
        Some(year) => app.store.progress_subjects(year).await?,
        None => Vec::new(),
    };
    let subject = query
        .subject
        .filter(|s| subjects.iter().any(|c| c.id == *s))
        .or(subjects.first().map(|c| c.id));
    let scope = principal.pupil_scope(school);
    let cuts = FsmBandCuts::default();
    let mut view = ProgressTemplate {
        page: signed_in.page.clone(),
        fsm_band: cuts.band(summary.fsm_share).number(),
        fsm_percent: format::percent(summary.fsm_share),
        school: summary,
        years: years.clone(),
        subjects: subjects.clone(),
        year: year.unwrap_or_default(),
        subject: subject.unwrap_or_default(),
        subject_name: String::new(),
        year_name: String::new(),
        problem: None,
        headline: None,
        subjects_table: None,
        tables: Vec::new(),
        trend: Vec::new(),
        trend_chart: None,
        improvement: None,
        can_list_pupils: !scope.is_none(),
    };
    let (Some(year), Some(subject)) = (year, subject) else {
        view.problem = Some(t.get("progress-no-results"));
        return Ok(view.into_response());
    };
    view.subject_name = subjects
        .iter()
        .find(|s| s.id == subject)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    view.year_name = years
        .iter()
        .find(|y| y.id == year)
        .map(|y| y.name.clone())
        .unwrap_or_default();

    let reference_now = match reference(&app, version, year, subject).await? {
        Ok(reference) => reference,
        Err(why) => {
            view.problem = Some(why);
            return Ok(view.into_response());
        }
    };

    // The headline and breakdowns for the chosen subject and year, every subject this year,
    // and three years of the chosen subject: computed once per version of the data.
    let show_classes = sees_classes_of(&scope, subject);
    let key = (school.0, year, subject, show_classes);
    let figures = app
        .school_figures
        .get_or_compute(version, key, || {
            school_figures(
                &app,
                version,
                school,
                (year, subject),
                show_classes,
                &reference_now,
                (&years, &subjects),
            )
        })
        .await?;
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
        .map(|(year_name, progress, attainment)| TrendLine {
            year: year_name.clone(),
            attainment: format::decimal(Some(attainment.value), 2),
            attainment_interval: interval_text(*attainment),
            value_added: figures_view(&t, &progress.value_added),
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

/// How far below the expected outcome an interim result must be to count as falling behind
/// (one grade on the outcome's scale).
pub const FALLING_BEHIND_BY: f64 = 1.0;

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

fn in_group(row: &InterimRow, group: &str) -> bool {
    match group {
        "disadvantaged" => row.disadvantaged == Some(true),
        "sen" => matches!(row.sen.as_deref(), Some("support" | "plan")),
        "eal" => row.eal == Some(true),
        "female" => row.gender.as_deref() == Some("female"),
        "male" => row.gender.as_deref() == Some("male"),
        _ => true,
    }
}

pub async fn falling_behind(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    Query(query): Query<ProgressQuery>,
) -> AppResult<Response> {
    let school = SchoolId(school_id);
    let principal = &signed_in.principal;
    principal.may(&Action::ViewPupils(school))?;
    let scope = principal.pupil_scope(school);
    let summary = app
        .store
        .roster()
        .school(school)
        .await?
        .ok_or(AppError::NotFound)?;
    let t = signed_in.page.t;
    let version = app.store.data_version().await?;
    let years = app.store.progress_years(school).await?;
    let all_years = app.store.academic_years().await?;
    // The latest year with interim points at the school.
    let mut found = None;
    for year in all_years.iter().rev() {
        let points = app.store.interim_points(school, year.id).await?;
        if !points.is_empty() {
            found = Some((year.id, points));
            break;
        }
    }
    let mut view = FallingBehindTemplate {
        page: signed_in.page.clone(),
        school: summary,
        subjects: Vec::new(),
        subject: 0,
        point: None,
        classes: Vec::new(),
        class: query.class,
        group: query.group.clone().unwrap_or_else(|| "all".into()),
        lines: Vec::new(),
        problem: None,
    };
    let Some((year, points)) = found else {
        view.problem = Some(t.get("behind-no-interim"));
        return Ok(view.into_response());
    };
    let _ = years;
    view.subjects = app.store.progress_subjects(year).await?;
    if view.subjects.is_empty() {
        // No finals yet this year: offer the subjects with interim results instead.
        view.subjects = app.store.interim_subjects(points[0].id).await?;
    }
    let Some(subject) = query
        .subject
        .filter(|s| view.subjects.iter().any(|c| c.id == *s))
        .or(view.subjects.first().map(|c| c.id))
    else {
        view.problem = Some(t.get("behind-no-interim"));
        return Ok(view.into_response());
    };
    view.subject = subject;
    view.point = Some(points[0].name.clone());
    let reference = match reference(&app, version, year, subject).await? {
        Ok(reference) => reference,
        Err(why) => {
            view.problem = Some(why);
            return Ok(view.into_response());
        }
    };
    let rows = app
        .store
        .interim_rows(
            school,
            subject,
            points[0].id,
            points.get(1).map(|p| p.id),
            &scope,
        )
        .await?;
    let mut classes: Vec<(i64, String)> = rows
        .iter()
        .filter_map(|r| Some((r.class_id?, r.class_name.clone()?)))
        .collect();
    classes.sort();
    classes.dedup();
    view.classes = classes;
    let mut lines: Vec<(f64, BehindLine)> = rows
        .iter()
        .filter(|r| view.class.is_none_or(|c| r.class_id == Some(c)))
        .filter(|r| in_group(r, &view.group))
        .filter_map(|r| {
            let expected = reference.simple.expected(r.prior?)?;
            let difference = r.latest - expected;
            (difference <= -FALLING_BEHIND_BY).then(|| {
                (
                    difference,
                    BehindLine {
                        pupil_id: r.pupil,
                        name: r
                            .display_name
                            .clone()
                            .unwrap_or_else(|| r.pseudonym.clone()),
                        class_name: r.class_name.clone().unwrap_or_default(),
                        expected: format::decimal(Some(expected), 1),
                        latest: format::decimal(Some(r.latest), 1),
                        difference: format::signed(difference, 1),
                        change: r
                            .previous
                            .map(|p| format::signed(r.latest - p, 1))
                            .unwrap_or_else(|| "–".into()),
                        numbers: [
                            Some(expected),
                            Some(r.latest),
                            Some(difference),
                            r.previous.map(|p| r.latest - p),
                        ],
                    },
                )
            })
        })
        .collect();
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    view.lines = lines.into_iter().map(|(_, line)| line).collect();
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
            .find(|s| s.id == subject)
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let year_name = all_years
            .iter()
            .find(|y| y.id == year)
            .map(|y| y.name.clone())
            .unwrap_or_default();
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
    let principal = signed_in.principal.clone();
    // The query returns the pupil only within the viewer's scope; a pupil outside it and a
    // pupil who does not exist look the same.
    let Some(pupil) = app
        .store
        .pupil(PupilId(pupil_id), |school| principal.pupil_scope(school))
        .await?
    else {
        return Err(AppError::NotFound);
    };
    let results: Vec<PupilResult> = app.store.pupil_results(PupilId(pupil_id)).await?;
    let version = app.store.data_version().await?;
    let t = signed_in.page.t;
    let mut lines = Vec::new();
    let mut prior_text = None;
    for r in &results {
        let prior = results
            .iter()
            .find(|b| b.kind == "baseline" && b.year_id == r.year_id)
            .map(|b| b.score);
        if r.kind == "baseline" {
            prior_text = Some(format::decimal(Some(r.score), 1));
        }
        let expected = match (r.kind.as_str(), prior) {
            ("final" | "interim", Some(prior)) => {
                match reference(&app, version, r.year_id, r.subject_id).await? {
                    Ok(reference) => reference.simple.expected(prior),
                    Err(_) => None,
                }
            }
            _ => None,
        };
        lines.push(ResultLine {
            year: r.year.clone(),
            point: r.point.clone(),
            kind: t.get(&format!("kind-{}", r.kind)),
            subject: r.subject.clone(),
            score: format::decimal(Some(r.score), 1),
            expected: expected.map(|e| format::decimal(Some(e), 1)),
            difference: expected.map(|e| format::signed(r.score - e, 1)),
        });
    }
    Ok(PupilTemplate {
        page: signed_in.page,
        pupil,
        results: lines,
        prior: prior_text,
    }
    .into_response())
}
