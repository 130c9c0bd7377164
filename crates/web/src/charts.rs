//! The one chart component: estimates with 95% intervals as horizontal error bars around a
//! zero line, drawn as SVG on the server. Every chart is shown beside a table of the same
//! numbers; suppressed rows are drawn as a note, never as zero.

pub mod calibration;
pub mod trajectory;

/// One row of an interval chart.
#[derive(Debug, Clone)]
pub struct IntervalRow {
    pub label: String,
    /// (estimate, lower, upper); `None` when suppressed.
    pub value: Option<(f64, f64, f64)>,
}

/// An interval chart laid out for the template (all coordinates in SVG user units).
#[derive(Debug, Clone)]
pub struct IntervalChart {
    pub title: String,
    pub width: f64,
    pub height: f64,
    pub label_width: f64,
    pub zero_x: f64,
    pub rows: Vec<ChartRow>,
    pub ticks: Vec<(f64, String)>,
    pub suppressed_text: String,
}

#[derive(Debug, Clone)]
pub struct ChartRow {
    pub label: String,
    pub y: f64,
    /// (x of estimate, x of lower, x of upper, whether the interval excludes zero)
    pub bar: Option<(f64, f64, f64, bool)>,
}

const ROW_HEIGHT: f64 = 28.0;
const WIDTH: f64 = 640.0;
const LABEL_WIDTH: f64 = 200.0;
const MARGIN: f64 = 16.0;

impl IntervalChart {
    pub fn new(title: String, rows: Vec<IntervalRow>, suppressed_text: String) -> IntervalChart {
        let extent = rows
            .iter()
            .filter_map(|r| r.value)
            .flat_map(|(_, lo, hi)| [lo.abs(), hi.abs()])
            .fold(0.5_f64, f64::max);
        let extent = (extent * 4.0).ceil() / 4.0;
        let plot_width = WIDTH - LABEL_WIDTH - 2.0 * MARGIN;
        let zero_x = LABEL_WIDTH + MARGIN + plot_width / 2.0;
        let x = |v: f64| zero_x + v / extent * plot_width / 2.0;
        let chart_rows = rows
            .into_iter()
            .enumerate()
            .map(|(i, row)| ChartRow {
                label: row.label,
                y: MARGIN + ROW_HEIGHT * i as f64 + ROW_HEIGHT / 2.0,
                bar: row
                    .value
                    .map(|(v, lo, hi)| (x(v), x(lo), x(hi), lo > 0.0 || hi < 0.0)),
            })
            .collect::<Vec<_>>();
        let height = MARGIN * 2.0 + ROW_HEIGHT * chart_rows.len() as f64 + 20.0;
        let ticks = [-extent, -extent / 2.0, 0.0, extent / 2.0, extent]
            .into_iter()
            .map(|v| (x(v), crate::format::signed(v, 2)))
            .collect();
        IntervalChart {
            title,
            width: WIDTH,
            height,
            label_width: LABEL_WIDTH,
            zero_x,
            rows: chart_rows,
            ticks,
            suppressed_text,
        }
    }

    /// The y of the axis labels, below the last row.
    pub fn axis_y(&self) -> f64 {
        self.height - 6.0
    }

    pub fn plot_bottom(&self) -> f64 {
        self.height - 20.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_are_placed_around_the_zero_line() {
        let chart = IntervalChart::new(
            "VA".into(),
            vec![
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
            ],
            "suppressed".into(),
        );
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
    }
}
