//! A calibration chart: for each decile of predicted chance, the share of pupils who reached
//! the threshold against the mean predicted chance, with the diagonal where the two agree
//! and each decile's tolerance as a bar. Drawn as SVG on the server, beside a table of the
//! same numbers; a decile outside its tolerance is drawn hollow, so it never rests on colour
//! alone.

/// One decile to draw.
#[derive(Debug, Clone)]
pub struct CalibrationPoint {
    pub mean_predicted: f64,
    pub observed_share: f64,
    pub tolerance: f64,
}

/// A dot of the chart, in SVG user units.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationDot {
    pub x: f64,
    pub y: f64,
    /// (top, bottom) of the tolerance bar around the diagonal at this prediction.
    pub bar: (f64, f64),
    pub within: bool,
    /// The figures as written in the tooltip.
    pub text: String,
}

/// A calibration chart laid out for the template.
#[derive(Debug, Clone)]
pub struct CalibrationChart {
    pub title: String,
    pub width: f64,
    pub height: f64,
    pub plot_left: f64,
    pub plot_right: f64,
    pub plot_top: f64,
    pub plot_bottom: f64,
    pub dots: Vec<CalibrationDot>,
    /// Ticks on both axes: (position along the axis, label).
    pub x_ticks: Vec<(f64, String)>,
    pub y_ticks: Vec<(f64, String)>,
    pub x_label: String,
    pub y_label: String,
}

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 320.0;
const LEFT: f64 = 52.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 52.0;

impl CalibrationChart {
    /// Lays out the deciles on 0–100% both ways.
    pub fn new(
        title: String,
        x_label: String,
        y_label: String,
        points: &[CalibrationPoint],
    ) -> CalibrationChart {
        let plot_right = WIDTH - RIGHT;
        let plot_bottom = HEIGHT - BOTTOM;
        let x = |v: f64| LEFT + v.clamp(0.0, 1.0) * (plot_right - LEFT);
        let y = |v: f64| plot_bottom - v.clamp(0.0, 1.0) * (plot_bottom - TOP);
        let ticks = [0.0, 0.25, 0.5, 0.75, 1.0];
        let label = |v: f64| format!("{}%", (v * 100.0).round());
        CalibrationChart {
            title,
            width: WIDTH,
            height: HEIGHT,
            plot_left: LEFT,
            plot_right,
            plot_top: TOP,
            plot_bottom,
            dots: points
                .iter()
                .map(|p| CalibrationDot {
                    x: x(p.mean_predicted),
                    y: y(p.observed_share),
                    bar: (
                        y(p.mean_predicted + p.tolerance),
                        y(p.mean_predicted - p.tolerance),
                    ),
                    within: (p.observed_share - p.mean_predicted).abs() <= p.tolerance,
                    text: format!(
                        "{} → {}",
                        crate::format::decimal(Some(p.mean_predicted * 100.0), 1),
                        crate::format::decimal(Some(p.observed_share * 100.0), 1)
                    ),
                })
                .collect(),
            x_ticks: ticks.iter().map(|&v| (x(v), label(v))).collect(),
            y_ticks: ticks.iter().map(|&v| (y(v), label(v))).collect(),
            x_label,
            y_label,
        }
    }

    /// The y of the x axis' tick labels and of its title, below the plot.
    pub fn x_tick_y(&self) -> f64 {
        self.plot_bottom + 18.0
    }

    pub fn x_label_y(&self) -> f64 {
        self.plot_bottom + 40.0
    }

    /// The middle of the plot, for the axis titles.
    pub fn middle_x(&self) -> f64 {
        (self.plot_left + self.plot_right) / 2.0
    }

    pub fn middle_y(&self) -> f64 {
        (self.plot_top + self.plot_bottom) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decile_on_the_diagonal_sits_on_it_and_one_off_it_is_marked() {
        let chart = CalibrationChart::new(
            "Grade 4".into(),
            "Predicted".into(),
            "Observed".into(),
            &[
                CalibrationPoint {
                    mean_predicted: 0.2,
                    observed_share: 0.2,
                    tolerance: 0.03,
                },
                CalibrationPoint {
                    mean_predicted: 0.8,
                    observed_share: 0.6,
                    tolerance: 0.03,
                },
            ],
        );
        let on = &chart.dots[0];
        // On the diagonal: as far along as it is up.
        let along = (on.x - chart.plot_left) / (chart.plot_right - chart.plot_left);
        let up = (chart.plot_bottom - on.y) / (chart.plot_bottom - chart.plot_top);
        assert!((along - up).abs() < 1e-9 && (along - 0.2).abs() < 1e-9);
        assert!(on.within);
        assert!(
            on.bar.0 < on.y && on.y < on.bar.1,
            "the bar straddles the dot"
        );
        let off = &chart.dots[1];
        assert!(!off.within);
        assert!(
            off.y > off.bar.1,
            "observed below the tolerance is drawn below the bar"
        );
        // Labels stay inside the drawing ("100%" is about 30 units wide at 12 px).
        assert!(chart.x_label_y() < chart.height);
        assert!(chart.x_ticks.iter().all(|(x, _)| x + 16.0 <= chart.width));
        assert_eq!(chart.x_ticks.len(), 5);
        assert_eq!(chart.y_ticks.last().unwrap().1, "100%");
    }
}
