//! The one chart component: estimates with 95% intervals as horizontal error bars around a
//! zero line, drawn as SVG on the server. Every chart is shown beside a table of the same
//! numbers and with a key; suppressed rows are drawn as a note, never as zero.
//!
//! Across, positions are percentages of the chart's width and the text is never scaled:
//! the chart fills its column at any width and its labels stay at the stylesheet's size
//! (13 px) on a 390 px phone as on a desktop. Each row's label sits above its bar, so a
//! long label (in Welsh too) has the whole width; the outermost axis labels are anchored
//! inwards, so none is cut off at the edge.

pub mod bars;
pub mod calibration;
pub mod measure;
pub mod trajectory;

/// One row of an interval chart.
#[derive(Debug, Clone)]
pub struct IntervalRow {
    pub label: String,
    /// (estimate, lower, upper); `None` when suppressed.
    pub value: Option<(f64, f64, f64)>,
}

/// An axis label: where (percent of the width), what, and which way it is anchored.
#[derive(Debug, Clone)]
pub struct Tick {
    pub x: f64,
    pub label: String,
    pub anchor: &'static str,
}

/// An interval chart laid out for the template: x in percent of the width, y in pixels.
#[derive(Debug, Clone)]
pub struct IntervalChart {
    pub title: String,
    /// How to read the chart, said to screen readers as the SVG's description.
    pub description: Option<String>,
    /// What the axis measures, written under it.
    pub axis_title: String,
    pub height: f64,
    pub zero_x: f64,
    pub rows: Vec<ChartRow>,
    pub ticks: Vec<Tick>,
    pub suppressed_text: String,
}

#[derive(Debug, Clone)]
pub struct ChartRow {
    pub label: String,
    /// The baseline of the row's label.
    pub label_y: f64,
    /// The bar's centre line.
    pub y: f64,
    /// (x of estimate, x of lower, x of upper, whether the interval excludes zero)
    pub bar: Option<(f64, f64, f64, bool)>,
}

/// A row: its label (13 px text) then its bar below.
const ROW_HEIGHT: f64 = 46.0;
const TOP: f64 = 8.0;
/// The plot spans this share of the width, centred, leaving room for the bar caps.
const PLOT_FROM: f64 = 3.0;
const PLOT_TO: f64 = 97.0;
/// Below the last row: the axis labels, then the axis title.
const AXIS_SPACE: f64 = 44.0;

impl IntervalChart {
    pub fn new(
        title: String,
        rows: Vec<IntervalRow>,
        suppressed_text: String,
        axis_title: String,
    ) -> IntervalChart {
        let extent = rows
            .iter()
            .filter_map(|r| r.value)
            .flat_map(|(_, lo, hi)| [lo.abs(), hi.abs()])
            .fold(0.5_f64, f64::max);
        // Round ends: quarters for value added in grades (two decimals), whole numbers
        // for points scores (Capped 9's value added runs to tens of points).
        let (extent, decimals) = if extent <= 2.0 {
            ((extent * 4.0).ceil() / 4.0, 2)
        } else if extent <= 20.0 {
            ((extent / 2.0).ceil() * 2.0, 0)
        } else {
            ((extent / 10.0).ceil() * 10.0, 0)
        };
        let zero_x = (PLOT_FROM + PLOT_TO) / 2.0;
        let half = (PLOT_TO - PLOT_FROM) / 2.0;
        let x = |v: f64| zero_x + v / extent * half;
        let chart_rows = rows
            .into_iter()
            .enumerate()
            .map(|(i, row)| {
                let top = TOP + ROW_HEIGHT * i as f64;
                ChartRow {
                    label: row.label,
                    label_y: top + 14.0,
                    y: top + 30.0,
                    bar: row
                        .value
                        .map(|(v, lo, hi)| (x(v), x(lo), x(hi), lo > 0.0 || hi < 0.0)),
                }
            })
            .collect::<Vec<_>>();
        let height = TOP + ROW_HEIGHT * chart_rows.len() as f64 + AXIS_SPACE;
        let values = [-extent, -extent / 2.0, 0.0, extent / 2.0, extent];
        let ticks = values
            .iter()
            .enumerate()
            .map(|(i, &v)| Tick {
                x: x(v),
                label: crate::format::signed(v, decimals),
                anchor: match i {
                    0 => "start",
                    i if i == values.len() - 1 => "end",
                    _ => "middle",
                },
            })
            .collect();
        IntervalChart {
            title,
            description: None,
            axis_title,
            height,
            zero_x,
            rows: chart_rows,
            ticks,
            suppressed_text,
        }
    }

    /// The chart with a description of how to read it.
    pub fn described(mut self, description: String) -> IntervalChart {
        self.description = Some(description);
        self
    }

    /// The baseline of the axis labels, below the last row.
    pub fn axis_y(&self) -> f64 {
        self.height - AXIS_SPACE + 16.0
    }

    /// The baseline of the axis title.
    pub fn axis_title_y(&self) -> f64 {
        self.height - 6.0
    }

    /// Where the zero line ends.
    pub fn plot_bottom(&self) -> f64 {
        self.height - AXIS_SPACE
    }

    /// The left edge of the plot, where labels and notes start (percent).
    pub fn left(&self) -> f64 {
        PLOT_FROM
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(rows: Vec<IntervalRow>) -> IntervalChart {
        IntervalChart::new("VA".into(), rows, "suppressed".into(), "value added".into())
    }

    #[test]
    fn intervals_are_placed_around_the_zero_line() {
        let chart = chart(vec![
            IntervalRow {
                label: "A".into(),
                value: Some((0.5, 0.2, 0.8)),
            },
            IntervalRow {
                label: "B".into(),
                value: None,
            },
            IntervalRow {
                label: "C".into(),
                value: Some((-0.1, -0.4, 0.2)),
            },
        ]);
        let (v, lo, hi, significant) = chart.rows[0].bar.unwrap();
        assert!(
            lo < v && v < hi && lo > chart.zero_x,
            "wholly right of zero"
        );
        assert!(significant);
        assert!(chart.rows[1].bar.is_none(), "a suppressed row has no bar");
        let (_, lo, hi, significant) = chart.rows[2].bar.unwrap();
        assert!(lo < chart.zero_x && chart.zero_x < hi && !significant);
        assert!(chart.rows[2].y > chart.rows[0].y);
        assert!(
            chart.rows[0].label_y < chart.rows[0].y - 6.0,
            "the label sits above its bar"
        );
    }

    #[test]
    fn every_mark_stays_inside_the_width_and_the_outer_labels_point_inwards() {
        let chart = chart(vec![IntervalRow {
            label: "Cyrhaeddiad blaenorol canolig".into(),
            value: Some((-1.3, -1.9, -0.7)),
        }]);
        let (v, lo, hi, _) = chart.rows[0].bar.unwrap();
        for x in [v, lo, hi, chart.zero_x] {
            assert!((0.0..=100.0).contains(&x), "{x}");
        }
        assert_eq!(chart.ticks.first().unwrap().anchor, "start");
        assert_eq!(chart.ticks.last().unwrap().anchor, "end");
        assert_eq!(chart.ticks[2].label, "0.00");
        assert!(chart.ticks[0].x >= 0.0 && chart.ticks[4].x <= 100.0);
        assert!(
            chart.axis_y() > chart.rows[0].y && chart.axis_title_y() > chart.axis_y(),
            "axis labels, then the title, under the last row"
        );
        assert!(chart.axis_title_y() < chart.height);
    }

    #[test]
    fn a_points_score_has_whole_round_ticks_and_grades_keep_two_decimals() {
        let labels = |value: (f64, f64, f64)| -> Vec<String> {
            chart(vec![IntervalRow {
                label: "A".into(),
                value: Some(value),
            }])
            .ticks
            .into_iter()
            .map(|t| t.label)
            .collect()
        };
        // Capped 9 value added of tens of points: ends at ±50, no decimals.
        let points = labels((39.8, 31.7, 47.9));
        assert_eq!(points.len(), 5);
        assert_eq!(points[2], "0");
        assert!(points[4].ends_with("50"), "{points:?}");
        assert!(points.iter().all(|l| !l.contains('.')), "{points:?}");
        // A few points: even ends, so the half-way ticks are whole too.
        let few = labels((2.5, -3.1, 5.2));
        assert!(few[4].ends_with('6'), "{few:?}");
        assert!(few.iter().all(|l| !l.contains('.')), "{few:?}");
        // Grades: quarters, two decimals.
        assert!(labels((0.3, -0.1, 0.7))[4].ends_with("0.75"));
    }
}
