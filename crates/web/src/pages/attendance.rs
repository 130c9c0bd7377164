//! The attendance page: a school's attendance rate and persistent absence for a year,
//! broad success beside attainment, for the whole school and the value-added pupil groups,
//! each with its 95% interval. School figures only (leaders and governors), suppressed by
//! the cell rule; no pupil is listed.

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::error::AppResult;
use crate::format;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use headway_app::attendance::attendance_report;
use headway_domain::attendance::{AttendanceRow, PersistentAbsence};
use headway_domain::ids::SchoolId;
use headway_store::progress::Choice;
use headway_store::roster::SchoolSummary;
use serde::Deserialize;

#[derive(Debug, Deserialize, Default)]
pub struct AttendanceQuery {
    year: Option<i64>,
}

/// One row of the table, formatted for people; empty strings where a figure is hidden.
pub struct AttendanceRowView {
    pub label: String,
    /// `None` when the row is hidden, with why in `hidden`.
    pub pupils: Option<usize>,
    pub hidden: Option<String>,
    pub rate: String,
    pub rate_interval: String,
    pub persistent: String,
    pub persistent_interval: String,
    pub excluded: String,
    pub incidents: String,
}

pub struct AttendanceTableView {
    pub title: String,
    pub rows: Vec<AttendanceRowView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "attendance.html")]
pub struct AttendanceTemplate {
    pub page: Page,
    pub school: SchoolSummary,
    pub years: Vec<Choice>,
    pub year: i64,
    pub year_name: String,
    pub persistent_definition: String,
    pub suppress_below: u8,
    pub tables: Vec<AttendanceTableView>,
}

fn interval(low: f64, high: f64) -> String {
    format!("{} – {}", format::share(low), format::share(high))
}

fn row_view(page: &Page, row: &AttendanceRow) -> AttendanceRowView {
    let t = page.t;
    let f = &row.figures;
    AttendanceRowView {
        label: t.get(row.label),
        pupils: row.shown_pupils(),
        hidden: (!row.visibility.is_shown()).then(|| {
            t.get(match row.visibility {
                headway_domain::anonymity::CellVisibility::TooFew => "attendance-hidden-few",
                _ => "attendance-hidden-derivable",
            })
        }),
        rate: f.rate.map(|r| format::share(r.value)).unwrap_or_default(),
        rate_interval: f
            .rate
            .map(|r| interval(r.ci_lower.max(0.0), r.ci_upper.min(1.0)))
            .unwrap_or_default(),
        persistent: f
            .persistent_absence
            .map(|p| format::share(p.value))
            .unwrap_or_default(),
        persistent_interval: f
            .persistent_absence
            .map(|p| interval(p.ci_lower, p.ci_upper))
            .unwrap_or_default(),
        excluded: f
            .excluded
            .map(|p| format::share(p.value))
            .unwrap_or_default(),
        incidents: format::decimal(f.incidents_per_pupil, 2),
    }
}

pub async fn school(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    Query(query): Query<AttendanceQuery>,
) -> AppResult<AttendanceTemplate> {
    let school = SchoolId(school_id);
    let threshold = app.settings.persistent_absence;
    let report = attendance_report(
        &app.store,
        &signed_in.principal,
        school,
        query.year,
        threshold,
    )
    .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let page = signed_in.page;
    let t = page.t;
    let mut tables = Vec::new();
    let mut suppress_below = 0;
    if let Some(figures) = &report.figures {
        suppress_below = figures.threshold.get();
        tables.push(AttendanceTableView {
            title: t.get("attendance-whole-school"),
            rows: vec![row_view(&page, &figures.whole)],
        });
        for breakdown in &figures.breakdowns {
            if breakdown.rows.is_empty() {
                continue;
            }
            tables.push(AttendanceTableView {
                title: t.get(&format!("breakdown-{}", breakdown.by.key())),
                rows: breakdown.rows.iter().map(|r| row_view(&page, r)).collect(),
            });
        }
    }
    Ok(AttendanceTemplate {
        school: summary,
        year: report.year.as_ref().map(|y| y.id).unwrap_or_default(),
        year_name: report.year.map(|y| y.name).unwrap_or_default(),
        years: report.years,
        persistent_definition: t.named(
            if threshold == PersistentAbsence::DEFAULT {
                "attendance-persistent-definition"
            } else {
                "attendance-persistent-configured"
            },
            &format::percent(threshold.share()),
        ),
        suppress_below,
        tables,
        page,
    })
}
