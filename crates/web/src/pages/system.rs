//! Many schools at once, for a cluster, trust, district or system leader: the schools side
//! by side, a caterpillar plot of their value added with intervals, each beside similar
//! schools (the same FSM band), and where support is most needed — worded from
//! `headway_app::system`, which asks the access policy. The table exports as CSV and XLSX
//! through the same use case.

use crate::AppState;
use crate::charts::{IntervalChart, IntervalRow};
use crate::context::{Page, SignedIn};
use crate::error::AppResult;
use crate::exports::{Cell, ExportTable, export};
use crate::format;
use crate::i18n::Tr;
use crate::pages::progress::{FiguresView, figures_view, improvement_view};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use headway_app::measures::SubjectNames;
use headway_app::progress::HeadlineMeasure;
use headway_app::system::{ComparedSchool, SchoolFilter, SchoolsCompared, SystemView};
use headway_domain::access::Action;
use headway_domain::anonymity::CellVisibility;
use headway_domain::ids::OrgId;
use headway_domain::system::{NotImproving, SimilarComparison};
use headway_stats::trends::Estimate;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new().route("/orgs/{org}/schools", get(show))
}

/// The many-schools use case over this server's store, fits and caches.
pub(crate) fn system_view(app: &AppState) -> SystemView<'_> {
    SystemView::new(
        &app.store,
        crate::pages::overview::overviews(app),
        crate::pages::progress::reports(app),
        &app.systems,
        app.settings.fsm_cuts,
    )
}

#[derive(Debug, Deserialize, Default)]
pub struct CompareQuery {
    phase: Option<String>,
    band: Option<String>,
    export: Option<String>,
}

impl CompareQuery {
    /// An empty choice is "all"; a band that is not 1–4 is ignored.
    fn filter(&self) -> SchoolFilter {
        SchoolFilter {
            phase: self.phase.clone().filter(|p| !p.is_empty()),
            band: self
                .band
                .as_deref()
                .and_then(|b| b.parse::<u8>().ok())
                .filter(|b| (1..=4).contains(b)),
        }
    }
}

/// A school's plan in a line: its year, where it stands, its priorities' titles.
pub struct PlanLine {
    pub link: String,
    pub heading: String,
    pub priorities: Vec<String>,
}

/// One school of the table, worded.
pub struct SchoolRow {
    pub id: i64,
    pub name: String,
    pub phase: String,
    pub fsm: String,
    pub fsm_band: u8,
    pub measure: Option<String>,
    /// Pupils the headline rests on, when it is shown.
    pub pupils: Option<usize>,
    pub figures: Option<FiguresView>,
    /// Why there is no figure, when there is none.
    pub hidden: String,
    /// (value, interval, whether the interval excludes zero); `None` when hidden.
    pub gap: Option<(String, String, bool)>,
    pub improvement: Option<(String, String)>,
    pub attendance: Option<String>,
    pub plan: Option<PlanLine>,
    /// The comparison with similar schools in a sentence.
    pub similar: String,
    /// Where support is most needed: why the school is not improving, and the context.
    pub support: Option<SupportView>,
}

pub struct SupportView {
    pub finding: String,
    pub context: Vec<String>,
}

/// A caterpillar plot of one headline measure, with its table.
pub struct Caterpillar {
    pub key: String,
    pub chart: IntervalChart,
    /// (school id, name, figures), in the chart's order.
    pub rows: Vec<(i64, String, FiguresView)>,
}

/// The schools of one FSM band, each beside the others.
pub struct SimilarBand {
    pub band: u8,
    pub heading: String,
    /// (school name, its figure, the comparison), by name.
    pub rows: Vec<(String, String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "system_schools.html")]
pub struct SchoolsTemplate {
    page: Page,
    org_id: i64,
    /// Links to the cluster's peer reviews and heads' coaching, where the reader may open them.
    can_review: bool,
    can_heads: bool,
    org_name: String,
    year: Option<String>,
    intro: String,
    /// (value, label, selected)
    phases: Vec<(String, String, bool)>,
    /// (band, label, selected)
    bands: Vec<(u8, String, bool)>,
    shown: String,
    rows: Vec<SchoolRow>,
    caterpillars: Vec<Caterpillar>,
    similar: Vec<SimilarBand>,
    /// Indexes into `rows` of the schools where support is most needed, lowest first.
    support: Vec<usize>,
    /// The query without `export`, to carry the filter into the export links.
    query: String,
}

/// The schools of an organisation side by side (`?export=csv|xlsx` for the table).
pub async fn show(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(org): Path<i64>,
    Query(query): Query<CompareQuery>,
) -> AppResult<Response> {
    let compared = system_view(&app)
        .schools_compared(&signed_in.principal, OrgId(org), query.filter())
        .await?;
    let t = signed_in.page.t;
    let names = crate::pages::subject_names(&app, &t).await?;
    let rows: Vec<SchoolRow> = compared
        .schools
        .iter()
        .map(|s| school_row(&t, &names, s))
        .collect();
    if let Some(format) = query.export.as_deref() {
        let table = export_table(&t, &names, &compared);
        let stem = t.with(
            "system-export-file",
            &[
                ("org", compared.org.name.clone().into()),
                (
                    "year",
                    compared
                        .year
                        .as_ref()
                        .map(|y| y.name.clone())
                        .unwrap_or_default()
                        .into(),
                ),
            ],
        );
        return export(format, &table, &stem);
    }
    let support = compared
        .support_needed()
        .iter()
        .filter_map(|s| {
            compared
                .schools
                .iter()
                .position(|c| c.summary.id == s.summary.id)
        })
        .collect();
    let caterpillars = caterpillars(&t, &names, &compared);
    let similar = similar_bands(&t, &compared, &rows);
    let filter = &compared.filter;
    let mut carried: Vec<String> = Vec::new();
    if let Some(phase) = &filter.phase {
        carried.push(format!("phase={}", phase_param(phase)));
    }
    if let Some(band) = filter.band {
        carried.push(format!("band={band}"));
    }
    let page = signed_in.page;
    let (can_review, can_heads) = if compared.org.kind == "cluster" {
        let schools: Vec<headway_domain::ids::SchoolId> = app
            .store
            .roster()
            .schools_under(OrgId(org))
            .await?
            .into_iter()
            .map(|s| headway_domain::ids::SchoolId(s.id))
            .collect();
        let principal = &signed_in.principal;
        (
            principal
                .may(&Action::ViewReviews {
                    cluster: OrgId(org),
                    schools: schools.clone(),
                })
                .is_ok(),
            principal
                .may(&Action::ViewHeadsLearning(
                    headway_domain::heads::ClusterFacts {
                        cluster: OrgId(org),
                        schools,
                    },
                ))
                .is_ok(),
        )
    } else {
        (false, false)
    };
    Ok(SchoolsTemplate {
        can_review,
        can_heads,
        org_id: compared.org.id,
        intro: t.get("system-intro"),
        year: compared.year.as_ref().map(|y| y.name.clone()),
        phases: compared
            .phases
            .iter()
            .map(|p| {
                (
                    p.clone(),
                    t.get(&format!("phase-{p}")),
                    filter.phase.as_deref() == Some(p),
                )
            })
            .collect(),
        bands: compared
            .bands
            .iter()
            .map(|b| {
                (
                    *b,
                    t.with("system-similar-band", &[("band", (*b).into())]),
                    filter.band == Some(*b),
                )
            })
            .collect(),
        shown: t.with(
            "system-shown",
            &[
                ("n", compared.schools.len().into()),
                ("all", compared.in_view.into()),
            ],
        ),
        org_name: compared.org.name.clone(),
        rows,
        caterpillars,
        similar,
        support,
        query: carried.join("&"),
        page,
    }
    .into_response())
}

/// A phase as a query value: the stored names are plain ASCII words, anything else is
/// dropped rather than echoed into a link.
fn phase_param(phase: &str) -> String {
    phase
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect()
}

fn measure_name(t: &Tr, names: &SubjectNames, school: &ComparedSchool) -> Option<String> {
    let headline = school.figures.as_deref()?.headline()?;
    Some(match &headline.measure {
        HeadlineMeasure::Subject(choice) => names.of(choice.id, &choice.name),
        HeadlineMeasure::AcrossSubjects { .. } => t.get("overview-measure-across-name"),
    })
}

/// Why a school shows no headline figure.
fn hidden_reason(t: &Tr, school: &ComparedSchool) -> String {
    let Some(figures) = school.figures.as_deref() else {
        return t.get("system-no-results");
    };
    let Some(headline) = figures.headline() else {
        return t.get("overview-no-headline");
    };
    let progress = &headline.progress;
    match progress.visibility_of(&progress.value_added) {
        CellVisibility::WouldRevealSmallerGroup => t.get("suppressed-would-reveal"),
        _ => t.count("suppressed-too-few", progress.threshold.get()),
    }
}

fn estimate_text(t: &Tr, e: Estimate) -> (String, String) {
    let (lower, upper) = e.interval();
    (
        format::signed(e.value, 2),
        format::interval(t, format::signed(lower, 2), format::signed(upper, 2)),
    )
}

fn similar_sentence(t: &Tr, school: &ComparedSchool) -> String {
    let Some(SimilarComparison {
        schools,
        similar,
        difference,
        ..
    }) = school.similar
    else {
        return t.get("system-similar-none");
    };
    let (theirs, their_interval) = estimate_text(t, similar);
    let (diff, diff_interval) = estimate_text(t, difference);
    let (lower, upper) = difference.interval();
    let verdict = if lower > 0.0 {
        "above"
    } else if upper < 0.0 {
        "below"
    } else {
        "none"
    };
    t.with(
        "system-similar-sentence",
        &[
            ("n", schools.into()),
            ("band", school.fsm_band.number().into()),
            ("theirs", theirs.into()),
            ("their_interval", their_interval.into()),
            ("difference", diff.into()),
            ("difference_interval", diff_interval.into()),
            ("verdict", verdict.into()),
        ],
    )
}

fn school_row(t: &Tr, names: &SubjectNames, s: &ComparedSchool) -> SchoolRow {
    let headline = s.headline();
    let figures = headline.and_then(|h| figures_view(t, &h.value_added));
    let attendance = s
        .figures
        .as_deref()
        .and_then(|f| f.attendance.as_ref())
        .map(
            |a| match (a.whole.visibility.is_shown(), a.whole.figures.rate) {
                (true, Some(r)) => t.with(
                    "overview-attendance-rate",
                    &[
                        ("rate", format::share(r.value).into()),
                        ("lower", format::share(r.ci_lower.max(0.0)).into()),
                        ("upper", format::share(r.ci_upper.min(1.0)).into()),
                    ],
                ),
                _ => t.get("grid-hidden-attendance"),
            },
        );
    let gap = headline.and_then(|h| h.gap).map(|g| {
        (
            format::signed(g.value, 2),
            format::interval(
                t,
                format::signed(g.ci_lower, 2),
                format::signed(g.ci_upper, 2),
            ),
            g.is_significant(),
        )
    });
    let improvement = s.improvement.map(|g| improvement_view(t, g));
    let plan = s.plan.as_ref().map(|p| PlanLine {
        link: format!("/schools/{}/plan?year={}", p.school.0, p.version.year),
        heading: t.with(
            "system-plan-heading",
            &[
                ("year", p.version.year_name.clone().into()),
                (
                    "state",
                    crate::pages::planning::state_label(t, p.version.state).into(),
                ),
            ],
        ),
        priorities: p.priorities.clone(),
    });
    let similar = similar_sentence(t, s);
    let support = s.support.map(|why| {
        let f = figures
            .as_ref()
            .expect("a school needing support has a figure");
        let trend = match why {
            NotImproving::Declining => "declining",
            NotImproving::Stable => "stable",
            NotImproving::HeadlineFalling => "falling",
            NotImproving::HeadlineNoClearChange => "no-clear-change",
        };
        let mut context = vec![t.with(
            "system-context-fsm",
            &[
                ("band", s.fsm_band.number().into()),
                ("share", format::percent(s.summary.fsm_share).into()),
            ],
        )];
        context.push(match &gap {
            Some((value, interval, _)) => t.with(
                "system-context-gap",
                &[
                    ("gap", value.clone().into()),
                    ("interval", interval.clone().into()),
                ],
            ),
            None => t.get("system-context-gap-hidden"),
        });
        if let Some(a) = &attendance {
            context.push(a.clone());
        }
        if let Some(years) = s.head_years_in_post {
            context.push(t.count("system-context-head", years));
        }
        context.push(similar.clone());
        context.push(match &plan {
            Some(p) if p.priorities.is_empty() => t.named("system-context-plan-empty", &p.heading),
            Some(p) => t.with(
                "system-context-plan",
                &[
                    ("plan", p.heading.clone().into()),
                    ("priorities", p.priorities.join("; ").into()),
                ],
            ),
            None => t.get("system-context-no-plan"),
        });
        SupportView {
            finding: t.with(
                "system-support-finding",
                &[
                    ("va", f.va.clone().into()),
                    ("interval", f.interval.clone().into()),
                    ("trend", trend.into()),
                ],
            ),
            context,
        }
    });
    SchoolRow {
        id: s.summary.id,
        name: s.summary.name.clone(),
        phase: t.get(&format!("phase-{}", s.summary.phase)),
        fsm: format::percent(s.summary.fsm_share),
        fsm_band: s.fsm_band.number(),
        measure: measure_name(t, names, s),
        pupils: figures.as_ref().and(headline).map(|h| h.value_added.n),
        hidden: hidden_reason(t, s),
        figures,
        gap,
        improvement,
        attendance,
        plan,
        similar,
        support,
    }
}

/// One caterpillar plot per headline measure, schools ordered by estimate.
fn caterpillars(t: &Tr, names: &SubjectNames, compared: &SchoolsCompared) -> Vec<Caterpillar> {
    let year = compared
        .year
        .as_ref()
        .map(|y| y.name.clone())
        .unwrap_or_default();
    compared
        .by_estimate()
        .into_iter()
        .enumerate()
        .map(|(index, (_, schools))| {
            let measure = measure_name(t, names, schools[0]).unwrap_or_default();
            let rows: Vec<(i64, String, FiguresView)> = schools
                .iter()
                .filter_map(|s| {
                    let f = figures_view(t, &s.headline()?.value_added)?;
                    Some((s.summary.id, s.summary.name.clone(), f))
                })
                .collect();
            let chart_rows = rows
                .iter()
                .map(|(_, name, f)| IntervalRow {
                    label: name.clone(),
                    value: Some(f.raw()),
                })
                .collect();
            let title = t.with(
                "system-chart-title",
                &[
                    ("measure", measure.clone().into()),
                    ("year", year.clone().into()),
                ],
            );
            let chart = IntervalChart::new(
                title,
                chart_rows,
                t.get("chart-hidden"),
                t.get("system-chart-axis"),
            )
            .described(t.with(
                "system-chart-description",
                &[("n", rows.len().into()), ("measure", measure.into())],
            ));
            Caterpillar {
                key: format!("schools-{index}"),
                chart,
                rows,
            }
        })
        .collect()
}

/// The schools in view by FSM band, each with its comparison.
fn similar_bands(t: &Tr, compared: &SchoolsCompared, rows: &[SchoolRow]) -> Vec<SimilarBand> {
    let mut bands: Vec<SimilarBand> = Vec::new();
    for (school, row) in compared.schools.iter().zip(rows) {
        let band = school.fsm_band.number();
        let figure = match &row.figures {
            Some(f) => format!("{} ({})", f.va, f.interval),
            None => row.hidden.clone(),
        };
        let line = (row.name.clone(), figure, row.similar.clone());
        match bands.iter_mut().find(|b| b.band == band) {
            Some(b) => b.rows.push(line),
            None => bands.push(SimilarBand {
                band,
                heading: t.with("system-similar-band", &[("band", band.into())]),
                rows: vec![line],
            }),
        }
    }
    bands.sort_by_key(|b| b.band);
    bands
}

/// The table as exported: what the page shows, figures rounded as on the page, hidden
/// figures empty.
fn export_table(t: &Tr, names: &SubjectNames, compared: &SchoolsCompared) -> ExportTable {
    let headers = [
        "col-school",
        "col-phase",
        "school-fsm",
        "col-fsm-band",
        "system-col-measure",
        "col-pupils",
        "col-value-added",
        "col-ci-lower",
        "col-ci-upper",
        "col-band",
        "system-col-gap",
        "system-col-gap-lower",
        "system-col-gap-upper",
        "progress-improvement-group",
        "system-col-attendance",
        "system-col-similar",
        "system-col-support",
        "system-col-priorities",
    ]
    .iter()
    .map(|k| t.get(k))
    .collect();
    let rows = compared
        .schools
        .iter()
        .map(|s| {
            let headline = s.headline();
            let va = headline.and_then(|h| h.value_added.figures.as_ref());
            let gap = headline.and_then(|h| h.gap);
            let rate = s
                .figures
                .as_deref()
                .and_then(|f| f.attendance.as_ref())
                .filter(|a| a.whole.visibility.is_shown())
                .and_then(|a| a.whole.figures.rate)
                .map(|r| r.value * 100.0);
            let text = |v: Option<String>| Cell::Text(v.unwrap_or_default());
            vec![
                Cell::Text(s.summary.name.clone()),
                Cell::Text(t.get(&format!("phase-{}", s.summary.phase))),
                Cell::rounded(Some(s.summary.fsm_share * 100.0), 0),
                Cell::Number(Some(f64::from(s.fsm_band.number()))),
                text(measure_name(t, names, s)),
                Cell::count(va.and(headline).map(|h| h.value_added.n)),
                Cell::rounded(va.map(|f| f.value_added), 2),
                Cell::rounded(va.map(|f| f.ci_lower), 2),
                Cell::rounded(va.map(|f| f.ci_upper), 2),
                text(
                    headline
                        .and_then(|h| figures_view(t, &h.value_added))
                        .map(|f| f.band),
                ),
                Cell::rounded(gap.map(|g| g.value), 2),
                Cell::rounded(gap.map(|g| g.ci_lower), 2),
                Cell::rounded(gap.map(|g| g.ci_upper), 2),
                text(s.improvement.map(|g| improvement_view(t, g).0)),
                Cell::rounded(rate, 1),
                Cell::Text(similar_sentence(t, s)),
                Cell::Text(if s.support.is_some() {
                    t.get("system-support-yes")
                } else {
                    String::new()
                }),
                Cell::Text(
                    s.plan
                        .as_ref()
                        .map(|p| p.priorities.join("; "))
                        .unwrap_or_default(),
                ),
            ]
        })
        .collect();
    ExportTable {
        name: t.get("system-title"),
        headers,
        rows,
    }
}
