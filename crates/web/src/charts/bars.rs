//! Amounts as horizontal bars from zero (CPD hours by priority or strand), drawn as SVG
//! beside a table of the same numbers. Like the interval chart: positions across are
//! percentages of the width, each row's label sits above its bar, and a suppressed row
//! is a note, never a bar of zero.

/// A bar chart laid out for the template: x in percent of the width, y in pixels.
#[derive(Debug, Clone)]
pub struct BarChart {
    pub title: String,
    pub description: String,
    pub height: f64,
    pub rows: Vec<BarRow>,
    pub suppressed_text: String,
}

#[derive(Debug, Clone)]
pub struct BarRow {
    pub label: String,
    pub label_y: f64,
    pub y: f64,
    /// (width in percent, the value in words placed after the bar); `None` when hidden.
    pub bar: Option<(f64, String)>,
    /// Where the value's words start (percent).
    pub value_x: f64,
}

const ROW_HEIGHT: f64 = 46.0;
const TOP: f64 = 8.0;
const LEFT: f64 = 1.0;
/// The longest bar leaves room after it for its value.
const LONGEST: f64 = 78.0;

impl BarChart {
    /// `rows`: (label, value and its words, or `None` when hidden).
    pub fn new(
        title: String,
        description: String,
        rows: Vec<(String, Option<(f64, String)>)>,
        suppressed_text: String,
    ) -> BarChart {
        let largest = rows
            .iter()
            .filter_map(|(_, v)| v.as_ref().map(|(v, _)| *v))
            .fold(0.0_f64, f64::max);
        let rows: Vec<BarRow> = rows
            .into_iter()
            .enumerate()
            .map(|(i, (label, value))| {
                let top = TOP + ROW_HEIGHT * i as f64;
                let bar = value.map(|(v, words)| {
                    let width = if largest > 0.0 {
                        (v.max(0.0) / largest) * LONGEST
                    } else {
                        0.0
                    };
                    (width, words)
                });
                let value_x = LEFT + bar.as_ref().map_or(0.0, |(w, _)| *w) + 1.5;
                BarRow {
                    label,
                    label_y: top + 14.0,
                    y: top + 20.0,
                    bar,
                    value_x,
                }
            })
            .collect();
        BarChart {
            title,
            description,
            height: TOP + ROW_HEIGHT * rows.len() as f64 + 4.0,
            rows,
            suppressed_text,
        }
    }

    pub fn left(&self) -> f64 {
        LEFT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_largest_and_a_hidden_row_has_none() {
        let chart = BarChart::new(
            "Hours".into(),
            "How to read".into(),
            vec![
                ("A".into(), Some((10.0, "10.0".into()))),
                ("B".into(), None),
                ("C".into(), Some((5.0, "5.0".into()))),
                ("D".into(), Some((0.0, "0.0".into()))),
            ],
            "too few".into(),
        );
        let width = |i: usize| chart.rows[i].bar.as_ref().map(|(w, _)| *w);
        assert_eq!(width(0), Some(LONGEST));
        assert_eq!(width(1), None);
        assert_eq!(width(2), Some(LONGEST / 2.0));
        assert_eq!(width(3), Some(0.0));
        assert!(chart.rows.iter().all(|r| r.value_x < 100.0));
        assert!(chart.rows[1].y > chart.rows[0].y);
        assert!(chart.height > chart.rows[3].y);
    }

    #[test]
    fn nothing_to_draw_draws_no_bar_wider_than_zero() {
        let chart = BarChart::new(
            "Hours".into(),
            String::new(),
            vec![("A".into(), Some((0.0, "0.0".into())))],
            "too few".into(),
        );
        assert_eq!(chart.rows[0].bar.as_ref().map(|(w, _)| *w), Some(0.0));
    }
}
