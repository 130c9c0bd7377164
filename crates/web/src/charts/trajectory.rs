//! A pupil's trajectory in one subject: each assessment of a year (predictions, then the
//! final result) against the outcome expected from the starting point, with the band the
//! middle half of reference pupils with that starting point reach. Drawn as SVG on the
//! server, beside a table of the same numbers; a final result is a filled dot, a prediction
//! a hollow one, so the kind never rests on colour alone.

/// One assessment to draw: its result, if the pupil has one at that point.
#[derive(Debug, Clone)]
pub struct TrajectoryPoint {
    pub label: String,
    pub score: Option<f64>,
    pub is_final: bool,
}

/// A dot of the chart, in SVG user units.
#[derive(Debug, Clone, PartialEq)]
pub struct Dot {
    pub x: f64,
    pub y: f64,
    pub is_final: bool,
    /// The score as written in the tooltip.
    pub text: String,
}

/// A trajectory chart laid out for the template (coordinates in SVG user units).
#[derive(Debug, Clone)]
pub struct TrajectoryChart {
    pub title: String,
    pub width: f64,
    pub height: f64,
    pub plot_left: f64,
    pub plot_right: f64,
    pub plot_top: f64,
    pub plot_bottom: f64,
    /// (top, height) of the expected band.
    pub band: Option<(f64, f64)>,
    pub expected_y: Option<f64>,
    pub dots: Vec<Dot>,
    /// The line through the results, as SVG points ("x,y x,y").
    pub path: String,
    pub y_ticks: Vec<(f64, String)>,
    pub x_ticks: Vec<(f64, String)>,
}

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 190.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 14.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 30.0;

impl TrajectoryChart {
    /// Lays out the points (in time order) and the expectation; the vertical scale covers
    /// every result and the expected band, in whole grades.
    pub fn new(
        title: String,
        points: &[TrajectoryPoint],
        expected: Option<f64>,
        band: Option<(f64, f64)>,
    ) -> TrajectoryChart {
        let values: Vec<f64> = points
            .iter()
            .filter_map(|p| p.score)
            .chain(expected)
            .chain(band.into_iter().flat_map(|(lo, hi)| [lo, hi]))
            .filter(|v| v.is_finite())
            .collect();
        let low = values.iter().copied().fold(f64::INFINITY, f64::min);
        let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (mut low, mut high) = if values.is_empty() {
            (0.0, 1.0)
        } else {
            (low.floor(), high.ceil())
        };
        if high - low < 2.0 {
            let pad = (2.0 - (high - low)) / 2.0;
            low = (low - pad).floor();
            high = (high + pad).ceil();
        }
        let plot_bottom = HEIGHT - BOTTOM;
        let plot_right = WIDTH - RIGHT;
        let y = |v: f64| plot_bottom - (v - low) / (high - low) * (plot_bottom - TOP);
        let step = if high - low > 10.0 {
            ((high - low) / 5.0).ceil()
        } else {
            1.0
        };
        let mut y_ticks = Vec::new();
        let mut tick = low;
        while tick <= high + 1e-9 {
            y_ticks.push((y(tick), crate::format::decimal(Some(tick), 0)));
            tick += step;
        }
        let slot = (plot_right - LEFT) / points.len().max(1) as f64;
        let x = |i: usize| LEFT + slot * (i as f64 + 0.5);
        let x_ticks = points
            .iter()
            .enumerate()
            .map(|(i, p)| (x(i), p.label.clone()))
            .collect();
        let dots: Vec<Dot> = points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let score = p.score.filter(|s| s.is_finite())?;
                Some(Dot {
                    x: x(i),
                    y: y(score),
                    is_final: p.is_final,
                    text: format!("{}: {}", p.label, crate::format::decimal(Some(score), 1)),
                })
            })
            .collect();
        let path = dots
            .iter()
            .map(|d| format!("{:.1},{:.1}", d.x, d.y))
            .collect::<Vec<_>>()
            .join(" ");
        TrajectoryChart {
            title,
            width: WIDTH,
            height: HEIGHT,
            plot_left: LEFT,
            plot_right,
            plot_top: TOP,
            plot_bottom,
            band: band.map(|(lo, hi)| (y(hi), y(lo) - y(hi))),
            expected_y: expected.map(y),
            dots,
            path,
            y_ticks,
            x_ticks,
        }
    }

    /// The y of the assessment labels, below the plot.
    pub fn axis_y(&self) -> f64 {
        self.plot_bottom + 20.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(label: &str, score: Option<f64>, is_final: bool) -> TrajectoryPoint {
        TrajectoryPoint {
            label: label.into(),
            score,
            is_final,
        }
    }

    #[test]
    fn results_and_the_expected_band_share_one_scale() {
        let chart = TrajectoryChart::new(
            "Mathematics".into(),
            &[
                point("1", Some(3.0), false),
                point("2", None, false),
                point("F", Some(5.0), true),
            ],
            Some(6.0),
            Some((5.2, 6.8)),
        );
        // The scale runs 3–7 (whole grades around every value): 3 at the bottom, 7 at the top.
        assert_eq!(chart.y_ticks.first().unwrap().1, "3");
        assert_eq!(chart.y_ticks.last().unwrap().1, "7");
        assert!((chart.y_ticks[0].0 - chart.plot_bottom).abs() < 1e-9);
        assert!((chart.y_ticks[4].0 - chart.plot_top).abs() < 1e-9);
        // Two dots (the missing result is skipped), left to right, the final filled.
        assert_eq!(chart.dots.len(), 2);
        assert!(chart.dots[0].x < chart.dots[1].x);
        assert!(!chart.dots[0].is_final && chart.dots[1].is_final);
        // Higher results are drawn higher up (smaller y); the final sits below the band.
        assert!(chart.dots[1].y < chart.dots[0].y);
        let (band_top, band_height) = chart.band.unwrap();
        assert!(chart.dots[1].y > band_top + band_height);
        let expected = chart.expected_y.unwrap();
        assert!(band_top < expected && expected < band_top + band_height);
        assert_eq!(chart.path.split(' ').count(), 2);
        // Every label has room: the labels sit inside the drawing.
        assert!(chart.axis_y() < chart.height);
        assert!(
            chart
                .x_ticks
                .iter()
                .all(|(x, _)| *x > 0.0 && *x < chart.width)
        );
    }

    #[test]
    fn a_flat_or_empty_trajectory_still_has_a_scale() {
        let flat = TrajectoryChart::new("S".into(), &[point("1", Some(4.0), false)], None, None);
        assert!(flat.y_ticks.len() >= 3, "{:?}", flat.y_ticks);
        assert_eq!(flat.band, None);
        let empty = TrajectoryChart::new("S".into(), &[point("1", None, false)], None, None);
        assert!(empty.dots.is_empty() && empty.path.is_empty());
        assert!(empty.y_ticks.len() >= 2);
    }

    #[test]
    fn a_wide_scale_is_ticked_in_steps_not_every_point() {
        let chart = TrajectoryChart::new(
            "Capped 9".into(),
            &[point("F", Some(310.0), true)],
            Some(350.0),
            None,
        );
        assert!(chart.y_ticks.len() <= 11, "{}", chart.y_ticks.len());
    }
}
