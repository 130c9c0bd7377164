//! Invariants of the contextual fit, checked on random synthetic cohorts (few cases: each
//! is a full REML fit).

use headway_stats::design::{Design, DesignLayout, DesignOptions};
use headway_stats::formula::Formula;
use headway_stats::sufficient::SufficientStatistics;
use headway_stats::synthetic::{COHORT_FORMULA, cohort};
use headway_stats::value_added::{ContextualFit, fit_contextual, fit_contextual_layout};
use proptest::prelude::*;

fn cohort_design(seed: u64) -> Design {
    let table = cohort(1500, 40, seed);
    let formula = Formula::parse(COHORT_FORMULA).unwrap();
    Design::build(&table, &formula, &DesignOptions::default()).unwrap()
}

/// Rows of the design in the order `order`.
fn reorder(design: &Design, order: &[usize]) -> Design {
    let mut shuffled = design.clone();
    shuffled.x = order.iter().flat_map(|&i| design.row(i).to_vec()).collect();
    shuffled.y = order.iter().map(|&i| design.y[i]).collect();
    shuffled.group = order.iter().map(|&i| design.group[i]).collect();
    shuffled.source_rows = order.iter().map(|&i| design.source_rows[i]).collect();
    shuffled
}

fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * (1.0 + b.abs())
}

fn assert_same_fit(a: &ContextualFit, b: &ContextualFit, skip_intercept: bool) {
    for (index, (x, y)) in a.fixef.iter().zip(&b.fixef).enumerate() {
        if !(skip_intercept && index == 0) {
            assert!(close(x.estimate, y.estimate, 1e-8), "{x:?} vs {y:?}");
        }
        assert!(close(x.se, y.se, 1e-8), "{x:?} vs {y:?}");
    }
    assert!(close(a.var_school, b.var_school, 1e-7));
    assert!(close(a.var_residual, b.var_residual, 1e-8));
    assert!(close(a.reml_criterion, b.reml_criterion, 1e-10));
    for (x, y) in a.groups.iter().zip(&b.groups) {
        assert!(close(x.blup, y.blup, 1e-7) && close(x.condsd, y.condsd, 1e-7));
    }
}

#[test]
fn fitting_from_the_layout_equals_fitting_the_written_design() {
    let table = cohort(30_000, 200, 5);
    let formula = Formula::parse(COHORT_FORMULA).unwrap();
    let layout = DesignLayout::new(&table, &formula, &DesignOptions::default()).unwrap();
    let from_layout = fit_contextual_layout(&layout).unwrap();
    let design = Design::build(&table, &formula, &DesignOptions::default()).unwrap();
    assert_same_fit(&from_layout, &fit_contextual(&design).unwrap(), false);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6))]

    #[test]
    fn shuffling_pupils_changes_nothing(seed in 0u64..1000, shuffle_seed in any::<u64>()) {
        let design = cohort_design(seed);
        // A seeded Fisher–Yates shuffle.
        let mut order: Vec<usize> = (0..design.nobs()).collect();
        let mut state = shuffle_seed | 1;
        for i in (1..order.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            order.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let fit = fit_contextual(&design).unwrap();
        let shuffled = fit_contextual(&reorder(&design, &order)).unwrap();
        assert_same_fit(&shuffled, &fit, false);
    }

    #[test]
    fn adding_a_constant_to_the_outcome_moves_only_the_intercept(seed in 0u64..1000, shift in -50.0f64..50.0) {
        let design = cohort_design(seed);
        let mut shifted = design.clone();
        for y in &mut shifted.y {
            *y += shift;
        }
        let fit = fit_contextual(&design).unwrap();
        let moved = fit_contextual(&shifted).unwrap();
        assert!(close(moved.fixef[0].estimate, fit.fixef[0].estimate + shift, 1e-9));
        assert_same_fit(&moved, &fit, true);
    }

    #[test]
    fn per_partition_statistics_merged_equal_the_whole(seed in 0u64..1000, cuts in proptest::collection::vec(0.0f64..1.0, 1..4)) {
        let design = cohort_design(seed);
        let (n, p) = (design.nobs(), design.p());
        let whole = SufficientStatistics::collect_with_threads(&design.x, &design.y, &design.group, design.ngroups(), 1);
        let mut bounds: Vec<usize> = cuts.iter().map(|c| (c * n as f64) as usize).collect();
        bounds.extend([0, n]);
        bounds.sort_unstable();
        let mut merged = SufficientStatistics::empty(design.ngroups(), p + 1);
        for part in bounds.windows(2) {
            let (start, end) = (part[0], part[1]);
            let statistics = SufficientStatistics::collect_with_threads(
                &design.x[start * p..end * p],
                &design.y[start..end],
                &design.group[start..end],
                design.ngroups(),
                1,
            );
            merged.merge(&statistics);
        }
        prop_assert_eq!(&merged.counts, &whole.counts);
        for (a, b) in merged.means.iter().zip(&whole.means) {
            prop_assert!(close(*a, *b, 1e-12));
        }
        for (a, b) in merged.within.iter().zip(&whole.within) {
            prop_assert!((a - b).abs() < 1e-9 * (1.0 + b.abs()), "{} vs {}", a, b);
        }
    }
}
