//! Proportions and their intervals (attendance's persistent absence, ANALYTICS.md style:
//! one function per formula).

use crate::value_added::contextual::Z_95;

/// A proportion `k / n` with its 95% Wilson score interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Proportion {
    pub value: f64,
    pub ci_lower: f64,
    pub ci_upper: f64,
}

/// The Wilson score interval of `k` successes in `n` trials at z = 1.96:
/// `(p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)`. Unlike `p̂ ± z·√(p̂(1−p̂)/n)` it
/// stays inside [0, 1] and is not empty at `k = 0` or `k = n`. `None` when `n` is 0 or
/// `k > n`.
pub fn wilson(k: u64, n: u64) -> Option<Proportion> {
    if n == 0 || k > n {
        return None;
    }
    let (k, n) = (k as f64, n as f64);
    let p = k / n;
    let z2 = Z_95 * Z_95;
    let centre = p + z2 / (2.0 * n);
    let spread = Z_95 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    let scale = 1.0 + z2 / n;
    Some(Proportion {
        value: p,
        ci_lower: ((centre - spread) / scale).max(0.0),
        ci_upper: ((centre + spread) / scale).min(1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_the_published_worked_values() {
        // 10 of 100 at z = 1.96: the Wilson interval is 0.0552 to 0.1744 (e.g. R's
        // prop.test(10, 100, correct = FALSE)$conf.int).
        let p = wilson(10, 100).unwrap();
        assert!((p.value - 0.1).abs() < 1e-12);
        assert!((p.ci_lower - 0.05522).abs() < 1e-4, "{p:?}");
        assert!((p.ci_upper - 0.17437).abs() < 1e-4, "{p:?}");
    }

    #[test]
    fn wilson_stays_inside_zero_and_one_at_the_extremes() {
        let none = wilson(0, 20).unwrap();
        assert_eq!(none.ci_lower, 0.0);
        assert!(none.ci_upper > 0.1 && none.ci_upper < 0.2, "{none:?}");
        let all = wilson(20, 20).unwrap();
        assert_eq!(all.ci_upper, 1.0);
        assert!(all.ci_lower > 0.8 && all.ci_lower < 0.9, "{all:?}");
    }

    #[test]
    fn wilson_refuses_no_trials_and_more_successes_than_trials() {
        assert_eq!(wilson(0, 0), None);
        assert_eq!(wilson(3, 2), None);
    }
}
