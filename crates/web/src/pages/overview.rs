//! A school's year at a glance, worded: the headline with its interval, band and
//! three-year direction, what stands out as sentences, the subjects × groups grid and the
//! bands defined. Shown at the top of the progress page, on the home page, and as the
//! governors' printable summary (this module's one handler).

use crate::AppState;
use crate::context::{Page, SignedIn};
use crate::error::AppResult;
use crate::format;
use crate::i18n::Tr;
use crate::pages::make_priority::{Evidence, EvidenceKind, PriorityLink, may_make_priority};
use crate::pages::progress::{FiguresView, figures_view};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use headway_app::measures::SubjectNames;
use headway_app::progress::{
    HeadlineMeasure, HeadlineYear, OverviewFigures, SchoolOverviews, SubjectColumn,
};
use headway_domain::access::Principal;
use headway_domain::anonymity::CellVisibility;
use headway_domain::attendance::{AttendanceRow, SchoolAttendance};
use headway_domain::ids::SchoolId;
use headway_domain::planning::measure::{MeasureSpec, PupilGroup};
use headway_domain::progress::{
    Direction, GroupBy, GroupKey, RowLabel, SchoolProgress, Standout, SubjectStandout,
};
use headway_stats::value_added::simple::{Band, GroupFigures, GroupValueAdded, MeasureSettings};
use headway_store::roster::SchoolSummary;
use serde::Deserialize;

/// The overview use case over this server's store, reference fits and cache.
pub(crate) fn overviews(app: &AppState) -> SchoolOverviews<'_> {
    SchoolOverviews::new(
        &app.store,
        &app.references,
        &app.overviews,
        (
            app.settings.persistent_absence,
            app.settings.suppress_groups_below,
        ),
    )
}

/// The headline, worded.
pub struct HeadlineView {
    pub measure_name: String,
    pub measure_explained: String,
    pub year: String,
    pub figures: Option<FiguresView>,
    pub pupils: usize,
    pub direction: String,
    /// Each year shown, oldest first.
    pub history: Vec<(String, Option<FiguresView>)>,
    /// The disadvantaged gap: (value, interval, whether significant); `None` when hidden.
    pub gap: Option<(String, String, bool)>,
    /// Attendance beside attainment (broad success); `None` when none is recorded.
    pub attendance: Option<AttendanceGlance>,
}

/// The whole school's attendance in the headline, worded.
pub struct AttendanceGlance {
    /// "93.8% of sessions attended (95% interval …)", or why it is not shown.
    pub rate: String,
    /// "14.2% of pupils persistently absent (…)", when shown.
    pub persistent: Option<String>,
    pub link: String,
}

/// One sentence of what stands out, with the place on the progress page it comes from.
pub struct Sentence {
    pub text: String,
    pub link: String,
    /// "Make this a priority", once [`offer_priorities`] has found the viewer may.
    pub make_priority: Option<PriorityLink>,
    /// The figure that stands out: (subject id, subject name, pupil group).
    figure: Option<(i64, String, Option<GroupKey>)>,
}

/// A subject's sentences: the subject's own, its groups', and how many more groups.
pub struct SubjectSentences {
    pub subject: Sentence,
    pub groups: Vec<Sentence>,
    pub more: Option<String>,
}

/// A cell of the grid.
pub struct GridCell {
    pub va: String,
    pub interval: String,
    /// ▲, ▼ or nothing.
    pub symbol: &'static str,
    /// The band in words, for screen readers.
    pub band: String,
    pub band_class: &'static str,
    pub link: Option<String>,
}

pub struct GridRow {
    pub label: String,
    /// One per column: figures, or why there are none.
    pub cells: Vec<Result<GridCell, String>>,
}

pub struct Grid {
    pub columns: Vec<String>,
    pub rows: Vec<GridRow>,
    /// What the attendance columns show, when there are any.
    pub attendance: Option<String>,
}

/// The overview worded for one reader.
pub struct OverviewView {
    pub school_id: i64,
    pub year_id: i64,
    pub headline: Option<HeadlineView>,
    pub standouts: Vec<SubjectSentences>,
    pub grid: Grid,
    /// The five band definitions, strongest first.
    pub bands: Vec<String>,
    /// How the headline score is banded in its own unit.
    pub headline_bands: String,
}

/// The rows of the grid, in order: all pupils, then each pupil group's rows.
const GRID_ROWS: [(Option<GroupBy>, &str); 14] = [
    (None, "group-all"),
    (Some(GroupBy::Disadvantaged), "group-disadvantaged"),
    (Some(GroupBy::Disadvantaged), "group-not-disadvantaged"),
    (Some(GroupBy::Sen), "group-sen-none"),
    (Some(GroupBy::Sen), "group-sen-support"),
    (Some(GroupBy::Sen), "group-sen-plan"),
    (Some(GroupBy::Eal), "group-eal"),
    (Some(GroupBy::Eal), "group-not-eal"),
    (Some(GroupBy::Gender), "group-female"),
    (Some(GroupBy::Gender), "group-male"),
    (Some(GroupBy::Gender), "group-gender-other"),
    (Some(GroupBy::PriorBand), "group-prior-low"),
    (Some(GroupBy::PriorBand), "group-prior-middle"),
    (Some(GroupBy::PriorBand), "group-prior-high"),
];

/// The progress page of a subject, at the figure a sentence or cell describes.
fn subject_link(school: i64, year: i64, subject: i64, group: Option<GroupBy>) -> String {
    let anchor = match group {
        Some(by) => format!("table-{}", by.key()),
        None => "subject-detail".to_owned(),
    };
    format!("/schools/{school}/progress?year={year}&subject={subject}#{anchor}")
}

fn band_key(band: Band) -> &'static str {
    match band {
        Band::WellAboveAverage => "well-above",
        Band::AboveAverage => "above",
        Band::Average => "average",
        Band::BelowAverage => "below",
        Band::WellBelowAverage => "well-below",
    }
}

/// Value added and its interval as Fluent arguments.
fn figure_args(figures: &GroupFigures) -> [(&'static str, FluentValue<'static>); 3] {
    [
        ("va", format::signed(figures.value_added, 2).into()),
        ("lower", format::signed(figures.ci_lower, 2).into()),
        ("upper", format::signed(figures.ci_upper, 2).into()),
    ]
}

/// One figure that stands out as a sentence: label, band, figures and persistence.
fn standout_sentence(t: &Tr, label: &str, standout: &Standout) -> String {
    let years = match (standout.years_running, standout.years_known) {
        (running, _) if running >= 3 => "three",
        (2, _) => "two",
        (_, known) if known >= 2 => "new",
        _ => "one",
    };
    let mut args: Vec<(&str, FluentValue<'_>)> = vec![
        ("label", label.to_owned().into()),
        ("band", band_key(standout.figures.band).into()),
        ("years", years.into()),
    ];
    args.extend(figure_args(&standout.figures));
    t.with("standout-figure", &args)
}

/// A pupil group's name: the deployment's measure set's (eFSM, ALN …) where it names the
/// group, else the message.
fn group_label(t: &Tr, names: &SubjectNames, key: &str) -> String {
    names
        .group(key)
        .map(str::to_owned)
        .unwrap_or_else(|| t.get(key))
}

fn subject_sentences(
    t: &Tr,
    names: &SubjectNames,
    (school, year): (i64, i64),
    subjects: &[SubjectColumn],
    found: &SubjectStandout,
) -> Option<SubjectSentences> {
    let column = subjects.iter().find(|c| c.subject.id == found.subject)?;
    let name = &names.of(column.subject.id, &column.subject.name);
    let subject = Sentence {
        text: match (&found.whole_stands_out, &found.whole) {
            (Some(whole), _) => standout_sentence(t, name, whole),
            (None, Some(figures)) => {
                let mut args: Vec<(&str, FluentValue<'_>)> = vec![("label", name.clone().into())];
                args.extend(figure_args(figures));
                t.with("standout-average", &args)
            }
            (None, None) => format!("{name}:"),
        },
        link: subject_link(school, year, found.subject, None),
        make_priority: None,
        figure: found
            .whole_stands_out
            .is_some()
            .then(|| (found.subject, name.clone(), None)),
    };
    let groups = found
        .groups
        .iter()
        .filter_map(|g| {
            let group = g.group?;
            Some(Sentence {
                text: standout_sentence(t, &group_label(t, names, group.key), g),
                link: subject_link(school, year, found.subject, Some(group.by)),
                make_priority: None,
                figure: Some((found.subject, name.clone(), Some(group))),
            })
        })
        .collect();
    Some(SubjectSentences {
        subject,
        groups,
        more: (found.more_groups > 0).then(|| t.count("standout-more-groups", found.more_groups)),
    })
}

/// A cell of the grid, or why it is empty.
fn grid_cell(
    t: &Tr,
    progress: &SchoolProgress,
    (group, key): (Option<GroupBy>, &'static str),
    link: Option<String>,
) -> Option<Result<GridCell, String>> {
    let (figures, visibility) = match group {
        None => (
            progress.value_added.figures.as_ref(),
            progress.visibility_of(&progress.value_added),
        ),
        Some(by) => {
            let row = progress
                .breakdowns
                .iter()
                .filter(|b| b.by == by)
                .flat_map(|b| &b.rows)
                .find(|r| r.label == RowLabel::Key(key))?;
            (row.value_added.figures.as_ref(), row.visibility)
        }
    };
    Some(match (visibility, figures) {
        (CellVisibility::Shown, Some(f)) => {
            let view = figures_view_of(t, f);
            Ok(GridCell {
                symbol: match (f.ci_lower > 0.0, f.ci_upper < 0.0) {
                    (true, _) => "▲",
                    (_, true) => "▼",
                    _ => "",
                },
                va: view.va,
                interval: view.interval,
                band: view.band,
                band_class: view.band_class,
                link,
            })
        }
        (CellVisibility::WouldRevealSmallerGroup, _) => Err(t.get("grid-hidden-reveal")),
        _ => Err(t.with("grid-hidden-few", &[("n", progress.threshold.get().into())])),
    })
}

/// A group's figures worded, as the progress tables word them.
fn figures_view_of(t: &Tr, f: &GroupFigures) -> FiguresView {
    let va = GroupValueAdded {
        n: 0,
        figures: Some(f.clone()),
    };
    figures_view(t, &va).expect("figures were given")
}

fn grid(t: &Tr, names: &SubjectNames, figures: &OverviewFigures, school: i64) -> Grid {
    let year = figures.year.id;
    let mut columns: Vec<(String, &SchoolProgress, Option<i64>)> = Vec::new();
    if let Some(h) = figures.headline() {
        columns.push((t.get("grid-headline-column"), &h.progress, None));
    }
    for c in &figures.subjects {
        columns.push((
            names.of(c.subject.id, &c.subject.name),
            &c.progress,
            Some(c.subject.id),
        ));
    }
    let attendance = figures.attendance.as_ref();
    let rows = GRID_ROWS
        .iter()
        .filter_map(|&(group, key)| {
            let mut cells: Vec<Option<Result<GridCell, String>>> = columns
                .iter()
                .map(|(_, progress, subject)| {
                    let link = subject.map(|s| subject_link(school, year, s, group));
                    grid_cell(t, progress, (group, key), link)
                })
                .collect();
            if let Some(attendance) = attendance {
                let link = attendance_link(school, year);
                let row = attendance_row(attendance, key);
                cells.push(row.map(|r| attendance_cell(t, r, AttendanceFigure::Rate, &link)));
                cells.push(
                    row.map(|r| attendance_cell(t, r, AttendanceFigure::PersistentAbsence, &link)),
                );
            }
            // A group no column has (no pupil of that kind) is left out.
            if cells.iter().all(Option::is_none) {
                return None;
            }
            Some(GridRow {
                label: group_label(t, names, key),
                cells: cells
                    .into_iter()
                    .map(|c| c.unwrap_or_else(|| Err(t.get("grid-no-pupils"))))
                    .collect(),
            })
        })
        .collect();
    let mut columns: Vec<String> = columns.into_iter().map(|(name, _, _)| name).collect();
    if attendance.is_some() {
        columns.push(t.get("grid-attendance-column"));
        columns.push(t.get("grid-persistent-column"));
    }
    Grid {
        columns,
        rows,
        attendance: attendance.map(|a| {
            t.with(
                "grid-key-attendance",
                &[(
                    "threshold",
                    format::percent(a.persistent_absence.share()).into(),
                )],
            )
        }),
    }
}

/// The attendance page of a year.
fn attendance_link(school: i64, year: i64) -> String {
    format!("/schools/{school}/attendance?year={year}")
}

/// The attendance row of a grid row's group (`group-all`: the whole school).
fn attendance_row<'a>(attendance: &'a SchoolAttendance, key: &str) -> Option<&'a AttendanceRow> {
    if key == attendance.whole.label {
        return Some(&attendance.whole);
    }
    attendance
        .breakdowns
        .iter()
        .flat_map(|b| &b.rows)
        .find(|r| r.label == key)
}

#[derive(Clone, Copy)]
enum AttendanceFigure {
    Rate,
    PersistentAbsence,
}

/// An attendance cell of the grid: a share with its interval, or why it is hidden. No
/// band or arrow: attendance is not value added.
fn attendance_cell(
    t: &Tr,
    row: &AttendanceRow,
    figure: AttendanceFigure,
    link: &str,
) -> Result<GridCell, String> {
    let f = &row.figures;
    let shown = match figure {
        AttendanceFigure::Rate => f
            .rate
            .map(|r| (r.value, r.ci_lower.max(0.0), r.ci_upper.min(1.0))),
        AttendanceFigure::PersistentAbsence => f
            .persistent_absence
            .map(|p| (p.value, p.ci_lower, p.ci_upper)),
    };
    match (row.visibility, shown) {
        (CellVisibility::Shown, Some((value, lower, upper))) => Ok(GridCell {
            va: format::share(value),
            interval: format!("{} – {}", format::share(lower), format::share(upper)),
            symbol: "",
            band: String::new(),
            band_class: "",
            link: Some(link.to_owned()),
        }),
        (CellVisibility::WouldRevealSmallerGroup, _) => Err(t.get("grid-hidden-reveal")),
        _ => Err(t.get("grid-hidden-attendance")),
    }
}

/// The whole school's attendance for the headline.
fn attendance_glance(t: &Tr, school: i64, year: i64, a: &SchoolAttendance) -> AttendanceGlance {
    let whole = &a.whole;
    let rate = match (whole.visibility.is_shown(), whole.figures.rate) {
        (true, Some(r)) => t.with(
            "overview-attendance-rate",
            &[
                ("rate", format::share(r.value).into()),
                ("lower", format::share(r.ci_lower.max(0.0)).into()),
                ("upper", format::share(r.ci_upper.min(1.0)).into()),
            ],
        ),
        _ => t.get("grid-hidden-attendance"),
    };
    let persistent = whole
        .visibility
        .is_shown()
        .then_some(whole.figures.persistent_absence)
        .flatten()
        .map(|p| {
            t.with(
                "overview-attendance-persistent",
                &[
                    ("share", format::share(p.value).into()),
                    ("lower", format::share(p.ci_lower).into()),
                    ("upper", format::share(p.ci_upper).into()),
                    (
                        "threshold",
                        format::percent(a.persistent_absence.share()).into(),
                    ),
                ],
            )
        });
    AttendanceGlance {
        rate,
        persistent,
        link: attendance_link(school, year),
    }
}

fn direction_text(t: &Tr, history: &[HeadlineYear], direction: Option<Direction>) -> String {
    let (Some(direction), Some(first), Some(last)) = (
        direction,
        history
            .iter()
            .find(|h| h.progress.value_added.figures.is_some()),
        history.last(),
    ) else {
        return t.get("overview-direction-unknown");
    };
    let (change, (lower, upper)) = direction.change();
    let key = match direction {
        Direction::Rising { .. } => "overview-direction-rising",
        Direction::Falling { .. } => "overview-direction-falling",
        Direction::NoClearChange { .. } => "overview-direction-none",
    };
    t.with(
        key,
        &[
            ("change", format::signed(change, 2).into()),
            ("from", first.year.name.clone().into()),
            ("to", last.year.name.clone().into()),
            ("lower", format::signed(lower, 2).into()),
            ("upper", format::signed(upper, 2).into()),
        ],
    )
}

fn headline_view(
    t: &Tr,
    names: &SubjectNames,
    school: i64,
    figures: &OverviewFigures,
) -> Option<HeadlineView> {
    let headline = figures.headline()?;
    let (measure_name, measure_explained) = match &headline.measure {
        HeadlineMeasure::Subject(choice) => {
            let name = names.of(choice.id, &choice.name);
            (name.clone(), t.named("overview-measure-subject", &name))
        }
        HeadlineMeasure::AcrossSubjects { subjects } => (
            t.get("overview-measure-across-name"),
            t.count("overview-measure-across", *subjects),
        ),
    };
    let progress = &headline.progress;
    Some(HeadlineView {
        measure_name,
        measure_explained,
        year: headline.year.name.clone(),
        figures: figures_view(t, &progress.value_added),
        pupils: progress.value_added.n,
        direction: direction_text(t, &figures.history, figures.direction),
        history: figures
            .history
            .iter()
            .map(|h| {
                (
                    h.year.name.clone(),
                    figures_view(t, &h.progress.value_added),
                )
            })
            .collect(),
        gap: progress.gap.map(|g| {
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
        attendance: figures
            .attendance
            .as_ref()
            .map(|a| attendance_glance(t, school, figures.year.id, a)),
    })
}

/// The five bands in plain words, with the measure's cut.
pub fn band_definitions(t: &Tr, cut: f64) -> Vec<String> {
    let cut = format::decimal(Some(cut), 1);
    [
        "bands-well-above",
        "bands-above",
        "bands-average",
        "bands-below",
        "bands-well-below",
    ]
    .iter()
    .map(|key| t.with(key, &[("cut", cut.clone().into())]))
    .collect()
}

/// "Make this a priority" on each sentence of what stands out, for a viewer who may edit
/// the school's plan: the subject's (or group's) value added, the sentence as evidence.
pub fn offer_priorities(t: &Tr, names: &SubjectNames, viewer: &Principal, view: &mut OverviewView) {
    let school = SchoolId(view.school_id);
    if !may_make_priority(viewer, school) {
        return;
    }
    let sentences = view
        .standouts
        .iter_mut()
        .flat_map(|s| std::iter::once(&mut s.subject).chain(s.groups.iter_mut()));
    for sentence in sentences {
        let Some((subject, name, group)) = &sentence.figure else {
            continue;
        };
        let Some(code) = names.code(*subject) else {
            continue;
        };
        let evidence = Evidence {
            kind: EvidenceKind::ProgressValueAdded,
            link: sentence.link.clone(),
            text: sentence.text.clone(),
            title: t.named("make-priority-va-title", name),
            dimension: None,
            measure: Some(MeasureSpec::ValueAdded {
                subject: code.to_owned(),
                group: group.map(|g| PupilGroup {
                    by: g.by.key().to_owned(),
                    row: g.key.to_owned(),
                }),
                contextual: false,
            }),
        };
        sentence.make_priority = PriorityLink::for_viewer(t, viewer, school, &evidence);
    }
}

/// The overview worded for `t`'s reader.
pub fn overview_view(
    t: &Tr,
    names: &SubjectNames,
    school: i64,
    figures: &OverviewFigures,
) -> OverviewView {
    let year = figures.year.id;
    // Every measure is fitted with the default settings (Progress 8's cut of 0.5).
    let cut = MeasureSettings::default().band_cut;
    OverviewView {
        school_id: school,
        year_id: year,
        headline: headline_view(t, names, school, figures),
        standouts: figures
            .standouts
            .iter()
            .filter_map(|s| subject_sentences(t, names, (school, year), &figures.subjects, s))
            .collect(),
        grid: grid(t, names, figures, school),
        bands: band_definitions(t, cut),
        headline_bands: {
            let set = names.measure_set();
            let (divisor, headline_cut) = set.headline_scale();
            t.with(
                "bands-headline",
                &[
                    ("name", set.headline.name.get(t.code()).to_owned().into()),
                    ("cut", format::decimal(Some(headline_cut), 1).into()),
                    ("unit", set.headline.unit.get(t.code()).to_owned().into()),
                    ("counted", set.headline.counted.into()),
                    ("divisor", format::decimal(Some(divisor), 0).into()),
                ],
            )
        },
    }
}

#[derive(Debug, Deserialize, Default)]
pub struct SummaryQuery {
    year: Option<i64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "governors.html")]
pub struct GovernorsTemplate {
    page: Page,
    school: SchoolSummary,
    year_name: String,
    intro: String,
    overview: Option<OverviewView>,
}

/// The governors' summary: plain words, no pupil, class or teacher, printable.
pub async fn governors(
    State(app): State<AppState>,
    signed_in: SignedIn,
    Path(school_id): Path<i64>,
    Query(query): Query<SummaryQuery>,
) -> AppResult<Response> {
    let school = SchoolId(school_id);
    let found = overviews(&app)
        .governors_summary(&signed_in.principal, school, query.year)
        .await?;
    let summary = crate::pages::school_summary(&app, school).await?;
    let t = signed_in.page.t;
    let names = crate::pages::subject_names(&app, &t).await?;
    let year_name = found.year.map(|y| y.name).unwrap_or_default();
    Ok(GovernorsTemplate {
        intro: t.with(
            "governors-intro",
            &[
                ("school", summary.name.clone().into()),
                ("year", year_name.clone().into()),
            ],
        ),
        year_name,
        overview: found
            .figures
            .as_deref()
            .map(|figures| overview_view(&t, &names, school_id, figures)),
        page: signed_in.page,
        school: summary,
    }
    .into_response())
}
