//! A plan's measure over time: the baseline with its interval, the target range as a
//! shaded band, each review's reading with its interval as a whisker, the latest reading
//! labelled. Drawn as SVG on the server beside a table of the same numbers (when, estimate,
//! interval, status); a review without a value says why in the chart and the table and has
//! no whisker, never a zero.
//!
//! Laid out like the interval chart: across, positions are percentages of the width, so the
//! chart fills its column at any width; down, pixels, so the text (13 px, the stylesheet's
//! size) is never scaled and stays readable on a 390 px phone. The baseline is a square, a
//! review a dot and the latest a larger dot with its value written beside it, so no mark
//! rests on colour alone.

use crate::format;
use crate::i18n::Tr;
use fluent_templates::fluent_bundle::FluentValue;
use headway_domain::planning::measure::{
    MeasureSpec, MeasureValue, PupilGroup, Reading, Status, TargetRange, Unavailable,
};

/// How a measure's numbers are written: decimals, a sign for differences, a unit suffix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeasureFormat {
    pub decimals: usize,
    /// Written with a sign (value added and gaps are differences from an expectation).
    pub signed: bool,
    /// Written after the number, e.g. `%`.
    pub suffix: &'static str,
    /// Which way is an improvement (from [`MeasureSpec::higher_is_better`], or the plan's
    /// own choice for a manual measure).
    pub higher_is_better: bool,
}

impl MeasureFormat {
    /// The format of a measure kind; a manual measure counts up unless its plan says
    /// otherwise.
    pub fn of(spec: &MeasureSpec) -> MeasureFormat {
        let higher_is_better = spec.higher_is_better().unwrap_or(true);
        let (decimals, signed, suffix) = match spec {
            MeasureSpec::ValueAdded { .. } | MeasureSpec::DisadvantagedGap { .. } => (2, true, ""),
            MeasureSpec::FallingBehind { .. } | MeasureSpec::Attendance { .. } => (1, false, "%"),
            MeasureSpec::Leadership360 { .. } | MeasureSpec::SurveyScale { .. } => (2, false, ""),
            MeasureSpec::Manual { .. } => (1, false, ""),
        };
        MeasureFormat {
            decimals,
            signed,
            suffix,
            higher_is_better,
        }
    }

    /// One number as people read it.
    pub fn number(&self, value: f64) -> String {
        let text = if self.signed {
            format::signed(value, self.decimals)
        } else {
            format::decimal(Some(value), self.decimals)
        };
        format!("{text}{}", self.suffix)
    }

    /// An interval, "−0.80 to −0.41", in the reader's language.
    pub fn interval(&self, t: &Tr, lower: f64, upper: f64) -> String {
        t.with(
            "measure-interval",
            &[
                ("lower", self.number(lower).into()),
                ("upper", self.number(upper).into()),
            ],
        )
    }
}

/// A mark with its whisker, in the chart's units (x in percent, y in pixels).
#[derive(Debug, Clone, PartialEq)]
pub struct Whisker {
    pub x: f64,
    pub y: f64,
    /// The y of the interval's upper and lower ends (upper is higher up: smaller y).
    pub y_upper: f64,
    pub y_lower: f64,
    /// The reading as written in the mark's tooltip.
    pub text: String,
}

/// A review point of the chart: a whisker, or the reason there is no value.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    pub x: f64,
    pub label: String,
    pub whisker: Option<Whisker>,
    /// Why there is no value (in words), when there is none.
    pub why: Option<String>,
    pub is_latest: bool,
}

/// A horizontal grid line with its label.
#[derive(Debug, Clone, PartialEq)]
pub struct YTick {
    pub y: f64,
    pub label: String,
}

/// The target band: its top and height in pixels and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetBand {
    pub top: f64,
    pub height: f64,
    pub label: String,
}

/// A row of the table beside the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureRow {
    pub when: String,
    pub estimate: String,
    pub interval: String,
    pub status: String,
}

/// The chart and its table laid out for `chart_measure.html`; every text in the reader's
/// language, so the template needs nothing else.
#[derive(Debug, Clone)]
pub struct MeasureChart {
    /// Unique on the page (ids of the title and the table's caption).
    pub id: String,
    pub title: String,
    pub caption: String,
    pub height: f64,
    pub plot_left: f64,
    pub plot_right: f64,
    pub plot_top: f64,
    pub plot_bottom: f64,
    pub baseline: Option<ChartPoint>,
    pub target: Option<TargetBand>,
    pub points: Vec<ChartPoint>,
    pub ticks: Vec<YTick>,
    /// The latest reading's value, written to the left of its dot: (x, y, text).
    pub latest_label: Option<(f64, f64, String)>,
    pub rows: Vec<MeasureRow>,
    /// The key, one entry per kind of mark, and the table's column headings.
    pub key: MeasureKey,
}

#[derive(Debug, Clone)]
pub struct MeasureKey {
    pub title: String,
    pub estimate: String,
    pub interval: String,
    pub baseline: String,
    pub target: String,
    pub unavailable: String,
    pub col_when: String,
    pub col_estimate: String,
    pub col_interval: String,
    pub col_status: String,
    pub region: String,
}

const TOP: f64 = 10.0;
const PLOT_HEIGHT: f64 = 170.0;
/// Below the plot: the point labels, one line of 13 px text.
const AXIS_SPACE: f64 = 30.0;
const PLOT_FROM: f64 = 3.0;
const PLOT_TO: f64 = 97.0;

/// The scale: from `low` to `high`, ticked every `step`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub low: f64,
    pub high: f64,
    pub step: f64,
}

impl Scale {
    /// A scale covering every value, with round ticks (1, 2 or 5 × a power of ten) and
    /// about four steps; a single value or none still gets a range.
    pub fn covering(values: impl IntoIterator<Item = f64>) -> Scale {
        let (mut low, mut high) = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            });
        if !low.is_finite() {
            (low, high) = (0.0, 1.0);
        }
        if high - low < 1e-9 {
            let pad = if low.abs() > 1e-9 {
                low.abs() * 0.1
            } else {
                0.5
            };
            low -= pad;
            high += pad;
        }
        let rough = (high - low) / 4.0;
        let power = 10f64.powf(rough.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * power)
            .find(|s| *s >= rough)
            .unwrap_or(10.0 * power);
        Scale {
            low: (low / step).floor() * step,
            high: (high / step).ceil() * step,
            step,
        }
    }

    fn ticks(&self) -> Vec<f64> {
        let count = ((self.high - self.low) / self.step).round() as usize;
        (0..=count)
            .map(|i| self.low + self.step * i as f64)
            .collect()
    }
}

/// A reading that can be drawn: finite, with its estimate inside its interval.
fn drawable(value: &MeasureValue) -> bool {
    [value.estimate, value.lower, value.upper]
        .iter()
        .all(|v| v.is_finite())
        && value.lower <= value.upper
}

/// Whether the reading has a value the chart can draw (a non-finite one is not drawn and
/// is said to have no interval).
fn usable(reading: &Reading) -> Reading {
    match reading {
        Ok(value) if drawable(value) => Ok(*value),
        Ok(_) => Err(Unavailable::NoInterval),
        Err(why) => Err(why.clone()),
    }
}

impl MeasureChart {
    /// Lays out a measure named `name`: its baseline (label and value, once captured), its
    /// target range, and its review points in time order (the last is the latest). The
    /// vertical scale covers every interval and the target.
    pub fn new(
        t: &Tr,
        id: &str,
        name: &str,
        baseline: Option<(&str, &MeasureValue)>,
        target: Option<TargetRange>,
        points: &[(String, Reading)],
        format: MeasureFormat,
    ) -> MeasureChart {
        let baseline = baseline.filter(|(_, v)| drawable(v));
        let points: Vec<(&str, Reading)> = points
            .iter()
            .map(|(label, reading)| (label.as_str(), usable(reading)))
            .collect();
        let scale = Scale::covering(
            baseline
                .iter()
                .flat_map(|(_, v)| [v.lower, v.upper])
                .chain(
                    points
                        .iter()
                        .filter_map(|(_, r)| r.as_ref().ok())
                        .flat_map(|v| [v.lower, v.upper]),
                )
                .chain(target.iter().flat_map(|t| [t.lower(), t.upper()])),
        );
        let plot_bottom = TOP + PLOT_HEIGHT;
        let y = |v: f64| plot_bottom - (v - scale.low) / (scale.high - scale.low) * PLOT_HEIGHT;
        let slots = points.len() + usize::from(baseline.is_some());
        let slot = (PLOT_TO - PLOT_FROM) / slots.max(1) as f64;
        let x = |i: usize| PLOT_FROM + slot * (i as f64 + 0.5);
        let whisker = |x: f64, label: &str, v: &MeasureValue| Whisker {
            x,
            y: y(v.estimate),
            y_upper: y(v.upper),
            y_lower: y(v.lower),
            text: format!(
                "{label}: {} ({})",
                format.number(v.estimate),
                format.interval(t, v.lower, v.upper)
            ),
        };
        let baseline_point = baseline.map(|(label, v)| ChartPoint {
            x: x(0),
            label: label.to_owned(),
            whisker: Some(whisker(x(0), label, v)),
            why: None,
            is_latest: false,
        });
        let first = usize::from(baseline.is_some());
        let last = points.len().checked_sub(1);
        let chart_points: Vec<ChartPoint> = points
            .iter()
            .enumerate()
            .map(|(i, (label, reading))| ChartPoint {
                x: x(first + i),
                label: (*label).to_owned(),
                whisker: reading
                    .as_ref()
                    .ok()
                    .map(|v| whisker(x(first + i), label, v)),
                why: reading.as_ref().err().map(|why| t.get(why.key())),
                is_latest: Some(i) == last,
            })
            .collect();
        let latest_label = points.last().and_then(|(_, r)| r.as_ref().ok()).map(|v| {
            let p = chart_points.last().expect("a latest point");
            (
                p.x,
                // Beside the dot, on its left: above it the target's label may sit.
                y(v.estimate) + 4.0,
                format.number(v.estimate),
            )
        });
        let target_band = target.map(|range| TargetBand {
            top: y(range.upper()),
            height: (y(range.lower()) - y(range.upper())).max(2.0),
            label: t.get("measure-target"),
        });
        let ticks = scale
            .ticks()
            .into_iter()
            .map(|v| YTick {
                y: y(v),
                label: format.number(v),
            })
            .collect();

        let baseline_reading: Option<Reading> = baseline.map(|(_, v)| Ok(*v));
        let mut rows = Vec::with_capacity(points.len() + 1);
        if let Some((label, v)) = baseline {
            rows.push(MeasureRow {
                when: label.to_owned(),
                estimate: format.number(v.estimate),
                interval: format.interval(t, v.lower, v.upper),
                status: t.get("measure-baseline"),
            });
        }
        for (label, reading) in &points {
            let status = Status::of(baseline_reading.as_ref(), reading, format.higher_is_better);
            rows.push(match reading {
                Ok(v) => MeasureRow {
                    when: (*label).to_owned(),
                    estimate: format.number(v.estimate),
                    interval: format.interval(t, v.lower, v.upper),
                    status: t.get(status.key()),
                },
                Err(why) => MeasureRow {
                    when: (*label).to_owned(),
                    estimate: "–".to_owned(),
                    interval: "–".to_owned(),
                    status: format!("{}: {}", t.get(status.key()), t.get(why.key())),
                },
            });
        }
        MeasureChart {
            id: id.to_owned(),
            title: t.named("measure-chart-title", name),
            caption: t.named("measure-chart-caption", name),
            height: plot_bottom + AXIS_SPACE,
            plot_left: PLOT_FROM,
            plot_right: PLOT_TO,
            plot_top: TOP,
            plot_bottom,
            baseline: baseline_point,
            target: target_band,
            points: chart_points,
            ticks,
            latest_label,
            rows,
            key: MeasureKey {
                title: t.get("chart-key-title"),
                estimate: t.get("measure-key-estimate"),
                interval: t.get("measure-key-interval"),
                baseline: t.get("measure-key-baseline"),
                target: t.get("measure-key-target"),
                unavailable: t.get("measure-key-unavailable"),
                col_when: t.get("measure-col-when"),
                col_estimate: t.get("measure-col-estimate"),
                col_interval: t.get("col-interval"),
                col_status: t.get("measure-col-status"),
                region: t.named("table-region", &t.named("measure-chart-caption", name)),
            },
        }
    }

    /// The baseline of the point labels, under the plot.
    pub fn axis_y(&self) -> f64 {
        self.plot_bottom + 20.0
    }

    /// Where the note of an unavailable point sits: the middle of the plot.
    pub fn note_y(&self) -> f64 {
        (self.plot_top + self.plot_bottom) / 2.0
    }

    /// Whether a review has no value (the key then says what its note means).
    pub fn has_unavailable(&self) -> bool {
        self.points.iter().any(|p| p.why.is_some())
    }

    /// The width of the plot (percent).
    pub fn plot_width(&self) -> f64 {
        self.plot_right - self.plot_left
    }
}

/// A measure's name in the reader's language, from its kind: `subject` names a subject by
/// its code, `group` a pupil group by its breakdown row key, `dimension` a 360 dimension by
/// its storage key (each falls back to the key itself where the caller knows no name).
pub fn measure_name(
    t: &Tr,
    spec: &MeasureSpec,
    subject: &dyn Fn(&str) -> String,
    group: &dyn Fn(&PupilGroup) -> String,
    dimension: &dyn Fn(&str) -> String,
) -> String {
    let (key, pairs): (&str, Vec<(&'static str, String)>) = match spec {
        MeasureSpec::ValueAdded {
            subject: code,
            group: None,
            contextual: true,
        } => (
            "measure-kind-contextual-value-added",
            vec![("subject", subject(code))],
        ),
        MeasureSpec::ValueAdded {
            subject: code,
            group: Some(g),
            ..
        } => (
            "measure-kind-value-added-group",
            vec![("subject", subject(code)), ("group", group(g))],
        ),
        MeasureSpec::ValueAdded { subject: code, .. } => {
            ("measure-kind-value-added", vec![("subject", subject(code))])
        }
        MeasureSpec::DisadvantagedGap { subject: code } => (
            "measure-kind-disadvantaged-gap",
            vec![("subject", subject(code))],
        ),
        MeasureSpec::FallingBehind {
            subject: None,
            group: None,
        } => ("measure-kind-falling-behind-all", vec![]),
        MeasureSpec::FallingBehind {
            subject: code,
            group: Some(g),
        } => (
            "measure-kind-falling-behind-group",
            vec![
                (
                    "subject",
                    code.as_deref().map_or_else(|| "–".to_owned(), subject),
                ),
                ("group", group(g)),
            ],
        ),
        MeasureSpec::FallingBehind {
            subject: Some(code),
            group: None,
        } => (
            "measure-kind-falling-behind",
            vec![("subject", subject(code))],
        ),
        MeasureSpec::Attendance { group: None } => ("measure-kind-attendance", vec![]),
        MeasureSpec::Attendance { group: Some(g) } => {
            ("measure-kind-attendance-group", vec![("group", group(g))])
        }
        MeasureSpec::Leadership360 { dimension: key } => (
            "measure-kind-leadership-360",
            vec![("dimension", dimension(key))],
        ),
        MeasureSpec::SurveyScale { instrument, scale } => (
            "measure-kind-survey-scale",
            vec![("scale", survey_scale_name(t, instrument, scale))],
        ),
        MeasureSpec::Manual { unit } => ("measure-kind-manual", vec![("unit", unit.clone())]),
    };
    let args: Vec<(&str, FluentValue<'_>)> = pairs
        .into_iter()
        .map(|(name, text)| (name, FluentValue::from(text)))
        .collect();
    t.with(key, &args)
}

/// A survey scale in the reader's language, "survey: scale" (the ids themselves for a
/// survey this release does not serve).
pub fn survey_scale_name(t: &Tr, instrument: &str, scale: &str) -> String {
    use headway_domain::survey::instrument::{Audience, built_in};
    Audience::ALL
        .into_iter()
        .map(built_in)
        .find(|i| i.key.id == instrument)
        .and_then(|i| {
            let found = i.scales.iter().find(|s| s.id.0 == scale)?;
            Some(format!(
                "{}: {}",
                i.title.get(t.code()),
                found.name.get(t.code())
            ))
        })
        .unwrap_or_else(|| format!("{instrument}: {scale}"))
}

/// A measure as the plan shows it: its name, the latest reading with its interval (or why
/// there is none), its status in words that respect the interval, where it stands against
/// its target, and its chart. Laid out for `measure_card.html`.
#[derive(Debug, Clone)]
pub struct MeasureCard {
    pub name: String,
    /// The latest estimate, its interval and what it rests on; `None` when unavailable.
    pub reading: Option<(String, String, String)>,
    /// Why there is no value now.
    pub why: Option<String>,
    pub status: String,
    /// The change since the baseline with its interval, when there is one.
    pub change: Option<String>,
    /// The target range in words, and where the latest interval lies against it.
    pub target: Option<(String, Option<String>)>,
    pub chart: MeasureChart,
    pub labels: CardLabels,
}

#[derive(Debug, Clone)]
pub struct CardLabels {
    pub current: String,
    pub interval: String,
    pub change: String,
    pub target: String,
    pub no_target: String,
}

impl MeasureCard {
    /// The card of a measure named `name`, from the same inputs as its chart; the latest
    /// point is the current reading.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        t: &Tr,
        id: &str,
        name: String,
        baseline: Option<(&str, &MeasureValue)>,
        target: Option<TargetRange>,
        points: &[(String, Reading)],
        format: MeasureFormat,
    ) -> MeasureCard {
        let chart = MeasureChart::new(t, id, &name, baseline, target, points, format);
        let current = points
            .last()
            .map(|(_, r)| usable(r))
            .unwrap_or(Err(Unavailable::NoData));
        let baseline_reading: Option<Reading> =
            baseline.filter(|(_, v)| drawable(v)).map(|(_, v)| Ok(*v));
        let status = Status::of(baseline_reading.as_ref(), &current, format.higher_is_better);
        let change = status.change().map(|c| {
            format!(
                "{} ({})",
                MeasureFormat {
                    signed: true,
                    ..format
                }
                .number(c.estimate),
                MeasureFormat {
                    signed: true,
                    ..format
                }
                .interval(t, c.lower, c.upper)
            )
        });
        let reading = current.as_ref().ok().map(|v| {
            (
                format.number(v.estimate),
                format.interval(t, v.lower, v.upper),
                t.count("measure-pupils", i64::from(v.n)),
            )
        });
        let target = target.map(|range| {
            (
                t.with(
                    "measure-target-range",
                    &[
                        ("lower", format.number(range.lower()).into()),
                        ("upper", format.number(range.upper()).into()),
                    ],
                ),
                current
                    .as_ref()
                    .ok()
                    .map(|v| t.get(range.progress(v, format.higher_is_better).key())),
            )
        });
        MeasureCard {
            name,
            reading,
            why: current.as_ref().err().map(|why| t.get(why.key())),
            status: t.get(status.key()),
            change,
            target,
            chart,
            labels: CardLabels {
                current: t.get("measure-current"),
                interval: t.get("ci-95"),
                change: t.get("measure-change"),
                target: t.get("measure-target"),
                no_target: t.get("measure-no-target"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use askama::Template;

    fn value(estimate: f64, half: f64) -> MeasureValue {
        MeasureValue {
            estimate,
            lower: estimate - half,
            upper: estimate + half,
            n: 40,
        }
    }

    fn va() -> MeasureFormat {
        MeasureFormat::of(&MeasureSpec::ValueAdded {
            subject: "MAT".into(),
            group: None,
            contextual: false,
        })
    }

    fn chart(lang: Lang, points: &[(String, Reading)]) -> MeasureChart {
        MeasureChart::new(
            &Tr::new(lang),
            "m1",
            "Mathematics value added",
            Some(("2024/25", &value(-0.6, 0.2))),
            Some(TargetRange::new(-0.1, 0.1).unwrap()),
            points,
            va(),
        )
    }

    #[derive(Template)]
    #[template(path = "chart_measure.html")]
    struct Rendered<'a> {
        chart: &'a MeasureChart,
    }

    #[test]
    fn an_unavailable_point_says_why_and_has_no_whisker() {
        let chart = chart(
            Lang::En,
            &[
                ("Review 1".into(), Ok(value(-0.3, 0.25))),
                ("Review 2".into(), Err(Unavailable::Suppressed)),
            ],
        );
        assert!(chart.points[0].whisker.is_some());
        let hidden = &chart.points[1];
        assert!(hidden.whisker.is_none());
        assert!(hidden.is_latest);
        let why = hidden.why.as_deref().unwrap();
        assert!(why.contains("anonymity"), "{why}");
        // The latest has no value, so no value is written above it.
        assert!(chart.latest_label.is_none());
        // The table: baseline, then each review; the hidden one with its reason, no number.
        assert_eq!(chart.rows.len(), 3);
        assert_eq!(chart.rows[0].status, "Baseline");
        assert_eq!(chart.rows[1].estimate, "−0.30");
        assert_eq!(chart.rows[1].interval, "−0.55 to −0.05");
        assert!(
            chart.rows[1]
                .status
                .starts_with("No change we can be sure of yet")
        );
        assert_eq!(chart.rows[2].estimate, "–");
        assert!(chart.rows[2].status.contains("anonymity"));
        let html = Rendered { chart: &chart }.render().unwrap();
        assert!(
            html.contains(&why.replace('\'', "&#39;")),
            "the reason is in the chart too: {html}"
        );
    }

    #[test]
    fn the_axis_covers_every_interval_and_the_target() {
        let chart = chart(
            Lang::En,
            &[
                ("Review 1".into(), Ok(value(0.2, 0.5))),
                ("Review 2".into(), Ok(value(0.35, 0.3))),
            ],
        );
        let inside = |y: f64| y >= chart.plot_top - 1e-9 && y <= chart.plot_bottom + 1e-9;
        for point in chart.baseline.iter().chain(&chart.points) {
            let w = point.whisker.as_ref().unwrap();
            assert!(inside(w.y_upper) && inside(w.y_lower), "{w:?}");
            assert!(w.y_upper < w.y && w.y < w.y_lower, "upper is drawn higher");
        }
        let band = chart.target.as_ref().unwrap();
        assert!(inside(band.top) && inside(band.top + band.height));
        // Left to right: the baseline, then the reviews; every mark inside the width.
        let xs: Vec<f64> = chart
            .baseline
            .iter()
            .chain(&chart.points)
            .map(|p| p.x)
            .collect();
        assert!(xs.windows(2).all(|w| w[0] < w[1]));
        assert!(xs.iter().all(|x| (0.0..=100.0).contains(x)));
        // The latest is improved on a baseline of −0.6 ± 0.2, and its value is written.
        assert!(chart.points[1].is_latest && !chart.points[0].is_latest);
        assert_eq!(chart.latest_label.as_ref().unwrap().2, "+0.35");
        assert!(chart.rows[2].status.starts_with("Improved"));
        assert!(chart.axis_y() < chart.height);
        // Round ticks from the bottom of the scale to its top.
        assert!(
            chart.ticks.len() >= 3 && chart.ticks.len() <= 8,
            "{:?}",
            chart.ticks
        );
        assert!((chart.ticks[0].y - chart.plot_bottom).abs() < 1e-9);
        assert!((chart.ticks.last().unwrap().y - chart.plot_top).abs() < 1e-9);
    }

    #[test]
    fn no_value_anywhere_still_draws_without_nan() {
        let empty = MeasureChart::new(
            &Tr::new(Lang::Cy),
            "m2",
            "Presenoldeb",
            None,
            None,
            &[
                ("Adolygiad 1".into(), Err(Unavailable::NoData)),
                (
                    "Adolygiad 2".into(),
                    Ok(MeasureValue {
                        estimate: f64::NAN,
                        lower: f64::NAN,
                        upper: 1.0,
                        n: 0,
                    }),
                ),
            ],
            MeasureFormat::of(&MeasureSpec::Attendance { group: None }),
        );
        assert!(empty.points.iter().all(|p| p.whisker.is_none()));
        let html = Rendered { chart: &empty }.render().unwrap();
        assert!(!html.contains("NaN") && !html.contains("inf"), "{html}");
        assert!(html.contains("<title"), "the chart has a title");
        assert!(html.contains("Amcangyfrif"), "Welsh column headings");
        // A single value has a range around it, and a full chart has no NaN either.
        let one = Scale::covering([3.0]);
        assert!(one.low < 3.0 && 3.0 < one.high);
        let full = chart(Lang::En, &[("Review 1".into(), Ok(value(-0.2, 0.1)))]);
        let html = Rendered { chart: &full }.render().unwrap();
        assert!(!html.contains("NaN"));
        assert!(html.contains("measure-target-band") && html.contains("whisker"));
        assert!(html.contains("<table") && html.contains("−0.80 to −0.40"));
    }

    #[test]
    fn percentages_and_360_means_are_written_without_a_sign() {
        let behind = MeasureFormat::of(&MeasureSpec::FallingBehind {
            subject: None,
            group: None,
        });
        assert_eq!(behind.number(12.34), "12.3%");
        assert!(!behind.higher_is_better);
        let t = Tr::new(Lang::Cy);
        assert_eq!(va().interval(&t, -0.8, -0.41), "−0.80 i −0.41");
    }

    #[derive(Template)]
    #[template(path = "measure_card.html")]
    struct Card<'a> {
        card: &'a MeasureCard,
    }

    #[test]
    fn the_card_shows_the_reading_its_interval_status_and_target() {
        let t = Tr::new(Lang::En);
        let card = MeasureCard::new(
            &t,
            "m3",
            "Value added in Mathematics".into(),
            Some(("2024/25", &value(-0.6, 0.2))),
            Some(TargetRange::new(-0.1, 0.2).unwrap()),
            &[("Review 1".into(), Ok(value(0.0, 0.1)))],
            va(),
        );
        let (estimate, interval, basis) = card.reading.clone().unwrap();
        assert_eq!(
            (estimate.as_str(), interval.as_str()),
            ("0.00", "−0.10 to +0.10")
        );
        assert_eq!(basis, "Based on 40 pupils or respondents");
        assert!(card.status.starts_with("Improved"), "{}", card.status);
        assert_eq!(card.change.as_deref(), Some("+0.60 (+0.38 to +0.82)"));
        let (range, progress) = card.target.clone().unwrap();
        assert_eq!(range, "Target range: −0.10 to +0.20");
        assert!(progress.unwrap().starts_with("Target met"));
        let html = Card { card: &card }.render().unwrap();
        for text in [
            "Value added in Mathematics",
            "Improved",
            "−0.10 to +0.10",
            "<svg",
            "<table",
        ] {
            assert!(html.contains(text), "{text} in {html}");
        }
        assert!(!html.contains("NaN"));

        // Unavailable now: the reason instead of a number, no change, no target progress.
        let cy = Tr::new(Lang::Cy);
        let hidden = MeasureCard::new(
            &cy,
            "m4",
            "Gwerth ychwanegol".into(),
            Some(("2024/25", &value(-0.6, 0.2))),
            Some(TargetRange::new(-0.1, 0.2).unwrap()),
            &[("Adolygiad 1".into(), Err(Unavailable::NotPermitted))],
            va(),
        );
        assert!(hidden.reading.is_none() && hidden.change.is_none());
        assert_eq!(hidden.target.as_ref().unwrap().1, None);
        assert_eq!(
            hidden.why.as_deref(),
            Some(cy.get("measure-unavailable-not-permitted").as_str())
        );
        let html = Card { card: &hidden }.render().unwrap();
        assert!(html.contains("Dim ond yr arweinydd"), "{html}");
    }

    #[test]
    fn every_kind_is_named_in_both_languages() {
        let group = PupilGroup {
            by: "disadvantaged".into(),
            row: "group-disadvantaged".into(),
        };
        let specs = [
            MeasureSpec::ValueAdded {
                subject: "MAT".into(),
                group: None,
                contextual: false,
            },
            MeasureSpec::ValueAdded {
                subject: "MAT".into(),
                group: None,
                contextual: true,
            },
            MeasureSpec::ValueAdded {
                subject: "MAT".into(),
                group: Some(group.clone()),
                contextual: false,
            },
            MeasureSpec::DisadvantagedGap {
                subject: "MAT".into(),
            },
            MeasureSpec::FallingBehind {
                subject: None,
                group: None,
            },
            MeasureSpec::FallingBehind {
                subject: Some("MAT".into()),
                group: None,
            },
            MeasureSpec::FallingBehind {
                subject: None,
                group: Some(group.clone()),
            },
            MeasureSpec::Attendance { group: None },
            MeasureSpec::Attendance { group: Some(group) },
            MeasureSpec::Leadership360 {
                dimension: "teacher_learning".into(),
            },
            MeasureSpec::SurveyScale {
                instrument: "staff-climate".into(),
                scale: "orderly_environment".into(),
            },
            MeasureSpec::Manual {
                unit: "lessons".into(),
            },
        ];
        for lang in Lang::ALL {
            let t = Tr::new(lang);
            for spec in &specs {
                let name = measure_name(
                    &t,
                    spec,
                    &|code| format!("S:{code}"),
                    &|g| format!("G:{}", g.row),
                    &|d| format!("D:{d}"),
                );
                assert!(!name.contains("Unknown") && !name.contains('{'), "{name}");
                assert!(!name.contains("measure-kind"), "{name}");
            }
        }
        let t = Tr::new(Lang::Cy);
        let gap = measure_name(
            &t,
            &MeasureSpec::DisadvantagedGap {
                subject: "MAT".into(),
            },
            &|_| "Mathemateg".into(),
            &|g| g.row.clone(),
            &|d| d.into(),
        );
        assert_eq!(gap, "Y bwlch difreintedd yn Mathemateg");
    }

    /// Every key the domain's `key()` functions give, for every variant, is in the English
    /// and the Welsh files (a missing Welsh key would silently fall back to English).
    #[test]
    fn every_domain_key_is_in_both_languages() {
        use headway_domain::planning::measure::{Change, TargetProgress};
        let change = Change {
            estimate: 0.0,
            lower: -1.0,
            upper: 1.0,
        };
        let unavailable = [
            Unavailable::NoData,
            Unavailable::NoReference,
            Unavailable::Suppressed,
            Unavailable::NoInterval,
            Unavailable::NotForGroups,
            Unavailable::Unknown { what: "x".into() },
            Unavailable::NotPermitted,
        ];
        // Exhaustive matches, so a new variant fails to compile until it is listed here.
        for why in &unavailable {
            match why {
                Unavailable::NoData
                | Unavailable::NoReference
                | Unavailable::Suppressed
                | Unavailable::NoInterval
                | Unavailable::NotForGroups
                | Unavailable::Unknown { .. }
                | Unavailable::NotPermitted => {}
            }
        }
        let statuses = [
            Status::Improved { change },
            Status::Declined { change },
            Status::NoClearChange { change },
            Status::NoBaseline,
            Status::Unavailable(Unavailable::NoData),
        ];
        for status in &statuses {
            match status {
                Status::Improved { .. }
                | Status::Declined { .. }
                | Status::NoClearChange { .. }
                | Status::NoBaseline
                | Status::Unavailable(_) => {}
            }
        }
        let progress = [
            TargetProgress::Met,
            TargetProgress::OnTheWay,
            TargetProgress::NotYet,
            TargetProgress::Beyond,
        ];
        for p in progress {
            match p {
                TargetProgress::Met
                | TargetProgress::OnTheWay
                | TargetProgress::NotYet
                | TargetProgress::Beyond => {}
            }
        }
        let keys: Vec<&str> = unavailable
            .iter()
            .map(Unavailable::key)
            .chain(statuses.iter().map(Status::key))
            .chain(progress.iter().map(|p| p.key()))
            .collect();
        for lang in ["en", "cy"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("locales")
                .join(lang);
            let text = std::fs::read_to_string(dir.join("measures.ftl")).unwrap();
            for key in &keys {
                assert!(
                    text.lines().any(|l| l.starts_with(&format!("{key} = "))),
                    "{key} missing in {lang}/measures.ftl"
                );
            }
        }
        assert_ne!(
            Tr::new(Lang::En).get("measure-status-no-clear-change"),
            Tr::new(Lang::Cy).get("measure-status-no-clear-change")
        );
    }
}
