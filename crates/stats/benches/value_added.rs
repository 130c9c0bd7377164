//! Benchmarks for ANALYTICS.md §8 on the seeded synthetic national cohort: 600,000 pupils
//! in 3,000 schools, 14 fixed effects, data in memory.
//!
//! ```text
//! CARGO_TARGET_DIR=/work/target-stats cargo bench -p headway-stats --bench value_added
//! ```
//!
//! Targets: the contextual fit ≥ 100× faster than lme4 on the same data (≈ 0.08 s on the
//! 2-core build machine; `scripts/compare-lme4.sh` measures both in one run), simple value
//! added ≤ 0.1 s.

use std::sync::LazyLock;

use headway_stats::design::{Column, ColumnTable, Design, DesignLayout, DesignOptions};
use headway_stats::formula::Formula;
use headway_stats::synthetic::{COHORT_FORMULA, cohort};
use headway_stats::value_added::simple::{MeasureSettings, PriorGrouping, ReferenceModel};
use headway_stats::value_added::{
    collect_statistics, contextual, fit_contextual, fit_contextual_layout,
};

const PUPILS: usize = 600_000;
const SCHOOLS: usize = 3_000;
const SEED: u64 = 20_240_901;

static COHORT: LazyLock<ColumnTable> = LazyLock::new(|| cohort(PUPILS, SCHOOLS, SEED));
static DESIGN: LazyLock<Design> = LazyLock::new(|| {
    let formula = Formula::parse(COHORT_FORMULA).unwrap();
    Design::build(&COHORT, &formula, &DesignOptions::default()).unwrap()
});

fn main() {
    divan::main();
}

/// The whole contextual fit from the design matrix in memory: the pass over pupils, REML
/// optimisation, estimates and every school's BLUP.
#[divan::bench(sample_count = 20)]
fn contextual_fit(bencher: divan::Bencher) {
    let design = &*DESIGN;
    assert_eq!(design.p(), 14);
    bencher.bench(|| fit_contextual(divan::black_box(design)).unwrap());
}

/// The same from the column table, as `lmer(formula, data)` starts: the rows used, the
/// factor levels and the design columns are worked out inside the timing, and the pass
/// writes `[X y]` block by block.
#[divan::bench(sample_count = 10)]
fn contextual_fit_from_table(bencher: divan::Bencher) {
    let table = &*COHORT;
    let formula = Formula::parse(COHORT_FORMULA).unwrap();
    bencher.bench(|| {
        let layout = DesignLayout::new(table, &formula, &DesignOptions::default()).unwrap();
        fit_contextual_layout(&layout).unwrap()
    });
}

/// The one pass over the pupils alone.
#[divan::bench(sample_count = 20)]
fn sufficient_statistics_pass(bencher: divan::Bencher) {
    let design = &*DESIGN;
    bencher.bench(|| collect_statistics(divan::black_box(design)));
}

/// The REML optimisation alone, from sufficient statistics.
#[divan::bench(sample_count = 20)]
fn reml_from_statistics(bencher: divan::Bencher) {
    let design = &*DESIGN;
    let statistics = collect_statistics(design);
    bencher
        .bench(|| contextual::fit(&statistics, &design.column_names, "outcome", "school").unwrap());
}

/// Simple value added for every school: reference expectations from the whole cohort
/// (equal-width bins merged below 30), the DfE cap, and each school's VA with its interval.
#[divan::bench(sample_count = 20)]
fn simple_value_added(bencher: divan::Bencher) {
    let (Column::Numeric(prior), Column::Numeric(outcome), Column::Numeric(school)) = (
        COHORT.column("prior").unwrap(),
        COHORT.column("outcome").unwrap(),
        COHORT.column("school").unwrap(),
    ) else {
        unreachable!("numeric columns")
    };
    let group: Vec<u32> = school.iter().map(|&s| s as u32 - 1).collect();
    let settings = MeasureSettings {
        cap_z: Some(headway_stats::value_added::simple::DFE_CAP_Z),
        ..MeasureSettings::default()
    };
    bencher.bench(|| {
        let model =
            ReferenceModel::fit(prior, outcome, &PriorGrouping::default(), &settings).unwrap();
        model.group_value_added(prior, outcome, &group, SCHOOLS, &settings)
    });
}
