//! Input that is wrong, or unusual, gets a clear answer (issue 4, item 4).

use headway_stats::StatsError;
use headway_stats::design::{Column, ColumnTable, Design, DesignOptions};
use headway_stats::formula::Formula;
use headway_stats::value_added::{fit_contextual, fit_least_squares};

use crate::support::read_csv;

fn design(table: &ColumnTable, formula: &str) -> Result<Design, StatsError> {
    Design::build(
        table,
        &Formula::parse(formula).unwrap(),
        &DesignOptions::default(),
    )
}

fn numeric(table: &ColumnTable, name: &str) -> Vec<f64> {
    match table.column(name).unwrap() {
        Column::Numeric(values) => values.clone(),
        Column::Categorical { .. } => panic!("{name} is numeric"),
    }
}

#[test]
fn rows_with_missing_values_are_excluded_counted_and_do_not_change_the_fit() {
    let exam = read_csv("Exam.csv");
    let mut outcome = numeric(&exam, "normexam");
    let mut prior = numeric(&exam, "standLRT");
    outcome[3] = f64::NAN;
    prior[10] = f64::NAN;
    prior[11] = f64::NAN;
    // For comparison, the same data without those rows.
    let mut without_rows = ColumnTable::new();
    let keep: Vec<usize> = (0..exam.rows())
        .filter(|row| ![3, 10, 11].contains(row))
        .collect();
    for name in ["normexam", "standLRT", "school"] {
        let values = match name {
            "normexam" => outcome.clone(),
            "standLRT" => prior.clone(),
            _ => numeric(&exam, name),
        };
        without_rows
            .push(
                name,
                Column::Numeric(keep.iter().map(|&row| values[row]).collect()),
            )
            .unwrap();
    }
    let formula = "normexam ~ standLRT + (1 | school)";
    let holed = design(&without_rows, formula).unwrap();
    assert_eq!(holed.excluded_rows, 0);
    let fit_without = fit_contextual(&holed).unwrap();
    let with_holes_design = design(&with_holes_table(&outcome, &prior, &exam), formula).unwrap();
    assert_eq!(with_holes_design.excluded_rows, 3);
    let fit_with = fit_contextual(&with_holes_design).unwrap();
    assert_eq!(fit_with.nobs, exam.rows() - 3);
    for (a, b) in fit_with.fixef.iter().zip(&fit_without.fixef) {
        assert!((a.estimate - b.estimate).abs() < 1e-12);
    }
}

fn with_holes_table(outcome: &[f64], prior: &[f64], exam: &ColumnTable) -> ColumnTable {
    let mut table = ColumnTable::new();
    table
        .push("normexam", Column::Numeric(outcome.to_vec()))
        .unwrap();
    table
        .push("standLRT", Column::Numeric(prior.to_vec()))
        .unwrap();
    table
        .push("school", Column::Numeric(numeric(exam, "school")))
        .unwrap();
    table
}

#[test]
fn a_constant_covariate_is_named() {
    let mut exam = read_csv("Exam.csv");
    exam.push("cohort_year", Column::Numeric(vec![2024.0; exam.rows()]))
        .unwrap();
    let design = design(&exam, "normexam ~ standLRT + cohort_year + (1 | school)").unwrap();
    let error = fit_contextual(&design).unwrap_err();
    assert_eq!(
        error,
        StatsError::ConstantCovariate {
            column: "cohort_year".into()
        }
    );
    assert!(
        error.to_string().contains("`cohort_year` is constant"),
        "{error}"
    );
}

#[test]
fn a_collinear_covariate_is_named_with_the_columns_it_repeats() {
    let mut exam = read_csv("Exam.csv");
    let rescaled: Vec<f64> = numeric(&exam, "standLRT")
        .iter()
        .map(|v| 2.0 * v + 1.0)
        .collect();
    exam.push("lrt_rescaled", Column::Numeric(rescaled))
        .unwrap();
    let design = design(
        &exam,
        "normexam ~ standLRT + sex + lrt_rescaled + (1 | school)",
    )
    .unwrap();
    let error = fit_least_squares(&design).unwrap_err();
    match &error {
        StatsError::CollinearCovariates { column, others } => {
            assert_eq!(column, "lrt_rescaled");
            assert!(
                others.contains("`standLRT`") && !others.contains("sexM"),
                "{others}"
            );
        }
        other => panic!("expected a collinearity error, got {other}"),
    }
}

#[test]
fn a_school_of_one_pupil_gets_its_own_shrunken_effect() {
    let mut exam = read_csv("Exam.csv");
    let mut school = numeric(&exam, "school");
    school[0] = 999.0; // one pupil moved to a school of their own
    exam = replace_column(exam, "school", school);
    let design = design(&exam, "normexam ~ standLRT + (1 | school)").unwrap();
    let fit = fit_contextual(&design).unwrap();
    assert_eq!(fit.ngroups, 66);
    let alone = design
        .group_labels
        .iter()
        .position(|label| label == "999")
        .unwrap();
    let effect = &fit.groups[alone];
    assert_eq!(effect.n, 1);
    // λ = θ²/(1 + θ²) for n = 1; sd = σ_e θ / sqrt(1 + θ²).
    let theta2 = fit.theta * fit.theta;
    let residual = design.y[0]
        - design
            .row(0)
            .iter()
            .zip(&fit.fixef)
            .map(|(x, b)| x * b.estimate)
            .sum::<f64>();
    assert!((effect.blup - theta2 / (1.0 + theta2) * residual).abs() < 1e-12);
    assert!((effect.condsd - (fit.var_residual * theta2 / (1.0 + theta2)).sqrt()).abs() < 1e-12);
}

#[test]
fn a_single_school_is_refused_with_the_way_forward() {
    let mut exam = read_csv("Exam.csv");
    exam = replace_column(exam.clone(), "school", vec![1.0; exam.rows()]);
    let design = design(&exam, "normexam ~ standLRT + (1 | school)").unwrap();
    let error = fit_contextual(&design).unwrap_err();
    assert_eq!(
        error,
        StatsError::SingleGroup {
            group: "school".into()
        }
    );
    assert!(
        error.to_string().contains("without `(1 | school)`"),
        "{error}"
    );
    assert!(fit_least_squares(&design).is_ok());
}

#[test]
fn no_school_variance_puts_theta_on_the_boundary_and_equals_least_squares() {
    // Within each school the residuals come in ±pairs, so school means carry no signal:
    // the REML optimum is θ = 0 (lme4 reports a singular fit).
    let mut outcome = Vec::new();
    let mut prior = Vec::new();
    let mut school = Vec::new();
    for s in 0..20 {
        for i in 0..10 {
            let x = (s * 10 + i) as f64 * 0.1 % 3.7;
            let noise = if i % 2 == 0 { 0.5 } else { -0.5 } * (1.0 + (i / 2) as f64 * 0.1);
            outcome.push(1.0 + 2.0 * x + noise);
            prior.push(x);
            school.push(s as f64);
        }
    }
    let mut table = ColumnTable::new();
    table.push("y", Column::Numeric(outcome)).unwrap();
    table.push("x", Column::Numeric(prior)).unwrap();
    table.push("school", Column::Numeric(school)).unwrap();
    let mixed = design(&table, "y ~ x + (1 | school)").unwrap();
    let fit = fit_contextual(&mixed).unwrap();
    assert_eq!(fit.theta, 0.0);
    assert_eq!(fit.var_school, 0.0);
    assert!(fit.groups.iter().all(|g| g.blup == 0.0 && g.condsd == 0.0));
    let ols = fit_least_squares(&design(&table, "y ~ x").unwrap()).unwrap();
    for (a, b) in fit.fixef.iter().zip(&ols.fixef) {
        assert!((a.estimate - b.estimate).abs() < 1e-10 && (a.se - b.se).abs() < 1e-10);
    }
    assert!((fit.var_residual - ols.var_residual).abs() < 1e-12);
}

#[test]
fn every_school_of_one_pupil_is_refused() {
    let mut table = ColumnTable::new();
    table
        .push("y", Column::Numeric(vec![1.0, 2.0, 4.0, 3.0]))
        .unwrap();
    table
        .push("x", Column::Numeric(vec![1.0, 2.0, 3.0, 5.0]))
        .unwrap();
    table
        .push("school", Column::Numeric(vec![1.0, 2.0, 3.0, 4.0]))
        .unwrap();
    let error = fit_contextual(&design(&table, "y ~ x + (1 | school)").unwrap()).unwrap_err();
    assert_eq!(
        error,
        StatsError::OneRowPerGroup {
            group: "school".into()
        }
    );
}

#[test]
fn a_constant_outcome_is_named() {
    let mut table = ColumnTable::new();
    table.push("y", Column::Numeric(vec![3.0; 6])).unwrap();
    table
        .push("x", Column::Numeric(vec![1.0, 2.0, 3.0, 5.0, 1.0, 0.0]))
        .unwrap();
    let error = fit_least_squares(&design(&table, "y ~ x").unwrap()).unwrap_err();
    assert_eq!(error, StatsError::ConstantOutcome { column: "y".into() });
}

fn replace_column(table: ColumnTable, name: &str, values: Vec<f64>) -> ColumnTable {
    let mut replaced = ColumnTable::new();
    for column_name in table.names() {
        let column = if column_name == name {
            Column::Numeric(values.clone())
        } else {
            table.column(column_name).unwrap().clone()
        };
        replaced.push(column_name.clone(), column).unwrap();
    }
    replaced
}
