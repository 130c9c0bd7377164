//! Survey scale scores: a mean with its interval, and the change between two waves
//! (ANALYTICS.md §7).
//!
//! Intervals use Student's t, not 1.96: a group of five respondents has four degrees of
//! freedom, and its 95% interval is 2.78 standard errors wide each side, not 1.96.

/// The 95% interval's tail probability.
const UPPER_975: f64 = 0.975;

/// The mean of respondents' scale scores with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanInterval {
    pub mean: f64,
    /// Respondents with a score.
    pub n: usize,
    /// Sample standard deviation (divisor n − 1).
    pub sd: f64,
    /// `sd / √n`.
    pub se: f64,
    pub low: f64,
    pub high: f64,
}

/// The change from an earlier wave to a later one, with its 95% interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// `later − earlier`.
    pub difference: f64,
    pub low: f64,
    pub high: f64,
    /// Welch–Satterthwaite degrees of freedom.
    pub df: f64,
}

impl Change {
    /// Whether the interval leaves out zero.
    pub fn is_clear(&self) -> bool {
        self.low > 0.0 || self.high < 0.0
    }
}

/// `mean ± t(0.975, n − 1) · sd/√n`; `None` below two scores (no spread to estimate).
pub fn mean_interval(scores: &[f64]) -> Option<MeanInterval> {
    let n = scores.len();
    if n < 2 {
        return None;
    }
    let mean = scores.iter().sum::<f64>() / n as f64;
    let variance = scores.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / (n as f64 - 1.0);
    let sd = variance.sqrt();
    let se = sd / (n as f64).sqrt();
    let half = student_t_quantile(UPPER_975, n as f64 - 1.0) * se;
    Some(MeanInterval {
        mean,
        n,
        sd,
        se,
        low: mean - half,
        high: mean + half,
    })
}

/// The change between two independent waves (different respondents, or the same people
/// unlinked: answers are anonymous, so no pairing is possible): Welch's interval,
/// `d ± t(0.975, ν) · √(se₁² + se₂²)` with
/// `ν = (se₁² + se₂²)² / (se₁⁴/(n₁−1) + se₂⁴/(n₂−1))`.
pub fn change_between(earlier: &MeanInterval, later: &MeanInterval) -> Change {
    let (v1, v2) = (earlier.se.powi(2), later.se.powi(2));
    let se = (v1 + v2).sqrt();
    let denominator = v1.powi(2) / (earlier.n as f64 - 1.0) + v2.powi(2) / (later.n as f64 - 1.0);
    // Both groups without spread: the change is exact, and any df gives a zero-width interval.
    let df = if denominator > 0.0 {
        (v1 + v2).powi(2) / denominator
    } else {
        (earlier.n + later.n - 2) as f64
    };
    let difference = later.mean - earlier.mean;
    let half = student_t_quantile(UPPER_975, df) * se;
    Change {
        difference,
        low: difference - half,
        high: difference + half,
        df,
    }
}

/// Student's t distribution function with `df` (> 0, not necessarily whole) degrees of
/// freedom: `P(T ≤ t) = 1 − ½ I_{df/(df+t²)}(df/2, ½)` for t ≥ 0, by symmetry below.
pub fn student_t_cdf(t: f64, df: f64) -> f64 {
    let tail = 0.5 * regularized_incomplete_beta(df / (df + t * t), df / 2.0, 0.5);
    if t >= 0.0 { 1.0 - tail } else { tail }
}

/// The p-quantile of Student's t, by bisection on [`student_t_cdf`].
pub fn student_t_quantile(p: f64, df: f64) -> f64 {
    let (mut low, mut high) = (-1e4f64, 1e4f64);
    for _ in 0..200 {
        let middle = 0.5 * (low + high);
        if student_t_cdf(middle, df) < p {
            low = middle;
        } else {
            high = middle;
        }
    }
    0.5 * (low + high)
}

/// `I_x(a, b)`, by the continued fraction of Numerical Recipes (§6.4), using the
/// symmetry `I_x(a, b) = 1 − I_{1−x}(b, a)` where the fraction converges slowly.
fn regularized_incomplete_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let log_front =
        libm::lgamma(a + b) - libm::lgamma(a) - libm::lgamma(b) + a * x.ln() + b * (1.0 - x).ln();
    if x < (a + 1.0) / (a + b + 2.0) {
        log_front.exp() * beta_fraction(x, a, b) / a
    } else {
        1.0 - log_front.exp() * beta_fraction(1.0 - x, b, a) / b
    }
}

fn beta_fraction(x: f64, a: f64, b: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..300 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let step = d * c;
        h *= step;
        if (step - 1.0).abs() < 1e-15 {
            break;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_published_tables() {
        // qt(0.975, df) in R.
        for (df, expected) in [
            (1.0, 12.706_204_736),
            (2.0, 4.302_652_730),
            (4.0, 2.776_445_105),
            (9.0, 2.262_157_163),
            (30.0, 2.042_272_456),
        ] {
            let got = student_t_quantile(0.975, df);
            assert!(
                (got - expected).abs() < 1e-6,
                "df {df}: {got} vs {expected}"
            );
        }
        assert!((student_t_cdf(0.0, 3.0) - 0.5).abs() < 1e-12);
        // Welch's df is rarely whole: between df 7 (2.364624) and df 8 (2.306004).
        let between = student_t_quantile(0.975, 7.5);
        assert!(between > 2.306_004 && between < 2.364_624, "{between}");
    }

    #[test]
    fn a_mean_has_a_t_interval() {
        // 2, 3, 4, 5, 6: mean 4, sd √2.5, se √0.5, t(0.975, 4) = 2.776445.
        let m = mean_interval(&[2.0, 3.0, 4.0, 5.0, 6.0]).unwrap();
        assert!((m.mean - 4.0).abs() < 1e-12);
        assert!((m.sd - 2.5f64.sqrt()).abs() < 1e-12);
        let half = 2.776_445_105 * 0.5f64.sqrt();
        assert!((m.low - (4.0 - half)).abs() < 1e-6);
        assert!((m.high - (4.0 + half)).abs() < 1e-6);
        assert_eq!(mean_interval(&[3.0]), None);
    }

    #[test]
    fn the_change_between_waves_uses_welchs_interval() {
        // R: t.test(c(4,5,6,7,8), c(2,3,4,5,6)) gives difference 2, df 8,
        // interval −0.3060 to 4.3060 (Welch).
        let earlier = mean_interval(&[2.0, 3.0, 4.0, 5.0, 6.0]).unwrap();
        let later = mean_interval(&[4.0, 5.0, 6.0, 7.0, 8.0]).unwrap();
        let change = change_between(&earlier, &later);
        assert!((change.difference - 2.0).abs() < 1e-12);
        assert!((change.df - 8.0).abs() < 1e-9);
        assert!((change.low + 0.306_004).abs() < 1e-5, "{change:?}");
        assert!((change.high - 4.306_004).abs() < 1e-5, "{change:?}");
        assert!(!change.is_clear());
    }
}
