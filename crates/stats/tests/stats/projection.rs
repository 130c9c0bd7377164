//! Calibration of forward projections (ANALYTICS.md §5a) on the anchor data sets: schools
//! (never pupils) are split deterministically into two folds by their place in sorted
//! order; each fold is predicted by the model fitted on the other (its schools unseen), and
//! within each decile of predicted probability the observed share reaching the threshold
//! must match the mean prediction (0.03 in a decile of at least 500 pupils, else 2.5
//! standard errors). Run with `--nocapture` to see the tables.

use headway_stats::design::{Design, DesignOptions};
use headway_stats::formula::Formula;
use headway_stats::projection::{CalibrationBin, Method, ProjectionModel, calibration_table};

use crate::support::read_csv;

const FOLDS: usize = 2;

/// The rows of `design` whose school satisfies `keep`, as `(x, y, group)` with the kept
/// schools renumbered; and for every row the index of its school among the kept ones.
fn subset(design: &Design, keep: impl Fn(usize) -> bool) -> (Vec<f64>, Vec<f64>, Vec<u32>, usize) {
    let mut renumber = vec![u32::MAX; design.group_labels.len()];
    let mut next = 0;
    let (mut x, mut y, mut group) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..design.nobs() {
        let school = design.group[i] as usize;
        if !keep(i) {
            continue;
        }
        if renumber[school] == u32::MAX {
            renumber[school] = next;
            next += 1;
        }
        x.extend_from_slice(design.row(i));
        y.push(design.y[i]);
        group.push(renumber[school]);
    }
    (x, y, group, next as usize)
}

/// Out-of-fold predictions of `P(y ≥ threshold)` for every pupil, each fold's schools
/// unseen by the model that predicts them.
fn out_of_fold(design: &Design, thresholds: &[f64], method: Option<Method>) -> Vec<Vec<f64>> {
    let fold_of = |i: usize| design.group[i] as usize % FOLDS;
    let mut predictions = vec![vec![f64::NAN; design.nobs()]; thresholds.len()];
    for fold in 0..FOLDS {
        let (x, y, group, ngroups) = subset(design, |i| fold_of(i) != fold);
        let model = ProjectionModel::fit(
            &x,
            &design.column_names,
            &y,
            &group,
            ngroups,
            &design.response_name,
            "school",
            method,
        )
        .unwrap();
        for i in (0..design.nobs()).filter(|&i| fold_of(i) == fold) {
            for (t, &threshold) in thresholds.iter().enumerate() {
                predictions[t][i] = model.probability_at_least(design.row(i), threshold, None);
            }
        }
    }
    predictions
}

fn print_table(label: &str, table: &[CalibrationBin]) {
    println!("{label}");
    println!("  decile      n  predicted  observed     gap  tolerance");
    for (decile, bin) in table.iter().enumerate() {
        println!(
            "  {:>6} {:>6}  {:>9.4}  {:>8.4}  {:>+6.4}  {:>9.4}{}",
            decile + 1,
            bin.n,
            bin.mean_predicted,
            bin.observed_share,
            bin.gap(),
            bin.tolerance,
            if bin.is_calibrated() { "" } else { "  OUTSIDE" }
        );
    }
}

fn calibration(
    data: &str,
    model: &str,
    reference: &[(&str, &str)],
    thresholds: &[f64],
    method: Option<Method>,
) -> Vec<Vec<CalibrationBin>> {
    let table = read_csv(data);
    let formula = Formula::parse(model).unwrap();
    let options = DesignOptions {
        reference_levels: reference
            .iter()
            .map(|(column, level)| (column.to_string(), level.to_string()))
            .collect(),
    };
    let design = Design::build(&table, &formula, &options).unwrap();
    let predictions = out_of_fold(&design, thresholds, method);
    thresholds
        .iter()
        .zip(&predictions)
        .map(|(&threshold, predicted)| {
            let reached: Vec<bool> = design.y.iter().map(|&y| y >= threshold).collect();
            let table = calibration_table(predicted, &reached, 10);
            print_table(
                &format!("{data} {model}: P(y >= {threshold}), {method:?}"),
                &table,
            );
            table
        })
        .collect()
}

const CHEM97: &str = "score ~ gcsescore + I(gcsescore^2) + gender + age + (1 | school)";
const EXAM: &str = "normexam ~ standLRT + I(standLRT^2) + sex + schgend + (1 | school)";

#[test]
fn chem97_projections_are_calibrated_on_unseen_schools() {
    let tables = calibration(
        "Chem97.csv",
        CHEM97,
        &[("gender", "M")],
        &[4.0, 6.0, 8.0],
        None,
    );
    for table in &tables {
        assert_eq!(table.len(), 10);
        assert!(table.iter().all(|bin| bin.n >= 3102));
        assert!(table.iter().all(CalibrationBin::is_calibrated));
    }
}

/// Why the graded outcome gets the ordinal model: the normal predictive distribution of
/// the same contextual model misses the share reaching the top grades by far more than
/// 0.03 (pupils near the ceiling vary less than its one residual variance says).
#[test]
fn the_normal_tail_is_miscalibrated_on_a_graded_outcome() {
    let tables = calibration(
        "Chem97.csv",
        CHEM97,
        &[("gender", "M")],
        &[8.0],
        Some(Method::Normal),
    );
    let worst = tables[0]
        .iter()
        .map(|bin| bin.gap().abs())
        .fold(0.0, f64::max);
    assert!(worst > 0.1, "worst gap {worst}");
}

#[test]
fn exam_projections_are_calibrated_on_unseen_schools() {
    let tables = calibration("Exam.csv", EXAM, &[("schgend", "mixed")], &[0.0, 1.0], None);
    for table in &tables {
        assert_eq!(table.len(), 10);
        assert!(table.iter().all(CalibrationBin::is_calibrated));
    }
}

/// Pupils of schools in the reference data: half of each school's pupils (by their order
/// in the file) are the reference population, the other half are predicted (the graded
/// projection is population-averaged, so the school index changes nothing, and it stays
/// calibrated).
#[test]
fn chem97_projections_are_calibrated_for_schools_in_the_reference_data() {
    let table = read_csv("Chem97.csv");
    let formula = Formula::parse(CHEM97).unwrap();
    let design = Design::build(&table, &formula, &DesignOptions::default()).unwrap();
    let train = |i: usize| i.is_multiple_of(2);
    let (x, y, group, ngroups) = subset(&design, train);
    // Schools are renumbered in order of first appearance among the kept rows.
    let mut index = vec![None; design.group_labels.len()];
    let mut next = 0;
    for i in (0..design.nobs()).filter(|&i| train(i)) {
        let school = design.group[i] as usize;
        if index[school].is_none() {
            index[school] = Some(next);
            next += 1;
        }
    }
    let model = ProjectionModel::fit(
        &x,
        &design.column_names,
        &y,
        &group,
        ngroups,
        "score",
        "school",
        None,
    )
    .unwrap();
    for threshold in [4.0, 6.0, 8.0] {
        let held: Vec<usize> = (0..design.nobs()).filter(|&i| !train(i)).collect();
        let predicted: Vec<f64> = held
            .iter()
            .map(|&i| {
                model.probability_at_least(
                    design.row(i),
                    threshold,
                    index[design.group[i] as usize],
                )
            })
            .collect();
        let reached: Vec<bool> = held.iter().map(|&i| design.y[i] >= threshold).collect();
        let table = calibration_table(&predicted, &reached, 10);
        print_table(
            &format!("Chem97, schools in the reference data: P(score >= {threshold})"),
            &table,
        );
        assert!(table.iter().all(CalibrationBin::is_calibrated));
    }
}
