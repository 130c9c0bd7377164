//! `headway project` from the outside: the projections it writes, and the input it
//! refuses (file, line, column and reason) without writing anything.

use std::path::{Path, PathBuf};
use std::process::Output;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("headway-project-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A graded outcome (0–4) rising with prior attainment, 8 schools of 30 pupils; a few
/// pupils of each school miss their expected grade so every grade occurs at every prior.
fn reference_csv() -> String {
    let mut csv = String::from("pupil,school,prior,gender,grade\n");
    for school in 1..=8 {
        for pupil in 0..30 {
            let prior = (pupil % 10) as f64 + 0.5 * (school % 3) as f64;
            let noise = [(0, 0), (1, 1), (2, -1), (3, 2), (4, 0), (5, -2), (6, 1)][pupil % 7].1;
            let grade = ((prior / 2.5).round() as i32 + noise + school % 2).clamp(0, 4);
            let gender = if pupil % 2 == 0 { "F" } else { "M" };
            csv.push_str(&format!(
                "r{school}-{pupil},{school},{prior},{gender},{grade}\n"
            ));
        }
    }
    csv
}

fn project(dir: &Path, apply: &str, extra: &[&str]) -> Output {
    std::fs::write(dir.join("train.csv"), reference_csv()).unwrap();
    std::fs::write(dir.join("apply.csv"), apply).unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_headway"))
        .arg("project")
        .arg(dir.join("train.csv"))
        .args(["--model", "grade ~ prior + gender + (1 | school)"])
        .arg("--apply")
        .arg(dir.join("apply.csv"))
        .args(["--id", "pupil"])
        .args(extra)
        .output()
        .unwrap()
}

const APPLY: &str = "pupil,school,prior,gender\na,1,1,F\nb,1,8,F\nc,99,8,M\n";

#[test]
fn writes_one_probability_per_pupil_and_threshold_rising_with_prior_attainment() {
    let dir = temp_dir("good");
    let out = dir.join("out.csv");
    let output = project(
        &dir,
        APPLY,
        &[
            "--threshold",
            "2",
            "--threshold",
            "4",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "id,threshold,probability");
    assert_eq!(lines.len(), 1 + 3 * 2);
    let probability = |id: &str, threshold: &str| -> f64 {
        let line = lines
            .iter()
            .find(|line| line.starts_with(&format!("{id},{threshold},")))
            .unwrap();
        line.rsplit(',').next().unwrap().parse().unwrap()
    };
    for id in ["a", "b", "c"] {
        let (two, four) = (probability(id, "2"), probability(id, "4"));
        assert!(0.0 < four && four < two && two < 1.0, "{id}: {two} {four}");
    }
    // A higher prior, a better chance; school 99 is not in the reference file and is
    // projected all the same.
    assert!(probability("b", "2") > probability("a", "2") + 0.3);
    assert!(probability("c", "2") > probability("a", "2"));
}

#[test]
fn json_output_holds_the_same_fields() {
    let dir = temp_dir("json");
    let output = project(&dir, APPLY, &["--threshold", "3", "--format", "json"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1]["id"], "b");
    assert_eq!(rows[1]["threshold"], 3.0);
    let p = rows[1]["probability"].as_f64().unwrap();
    assert!(p > 0.0 && p < 1.0);
}

fn refused(output: &Output, out: &Path) -> String {
    assert!(!output.status.success());
    assert!(!out.exists(), "nothing is written on error");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_row_with_a_missing_covariate_or_an_unseen_level_is_named_and_nothing_is_written() {
    let dir = temp_dir("rows");
    let out = dir.join("out.csv");
    let apply = "pupil,school,prior,gender\na,1,1,F\nb,1,,F\nc,2,3,X\n";
    let output = project(
        &dir,
        apply,
        &["--threshold", "2", "--out", out.to_str().unwrap()],
    );
    let stderr = refused(&output, &out);
    assert!(
        stderr.contains("apply.csv, line 3, column `prior`: the value is missing"),
        "{stderr}"
    );
    assert!(
        stderr.contains("apply.csv, line 4, column `gender`: `X` did not occur"),
        "{stderr}"
    );
}

#[test]
fn a_missing_column_or_text_in_a_number_column_is_named() {
    let dir = temp_dir("columns");
    let out = dir.join("out.csv");
    let output = project(
        &dir,
        "pupil,school,gender\na,1,F\n",
        &["--threshold", "2", "--out", out.to_str().unwrap()],
    );
    let stderr = refused(&output, &out);
    assert!(stderr.contains("no column `prior`"), "{stderr}");
    let output = project(
        &dir,
        "pupil,school,prior,gender\na,1,high,F\n",
        &["--threshold", "2", "--out", out.to_str().unwrap()],
    );
    let stderr = refused(&output, &out);
    assert!(
        stderr.contains("line 2, column `prior`: `high` is not a number"),
        "{stderr}"
    );
}

#[test]
fn a_threshold_outside_the_outcomes_range_is_refused() {
    let dir = temp_dir("threshold");
    let out = dir.join("out.csv");
    for threshold in ["5", "0", "-1"] {
        let output = project(
            &dir,
            APPLY,
            &[
                "--threshold",
                "2",
                "--threshold",
                threshold,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        let stderr = refused(&output, &out);
        assert!(
            stderr.contains(&format!("--threshold {threshold}")),
            "{stderr}"
        );
        assert!(stderr.contains("at most the highest (4)"), "{stderr}");
    }
}

#[test]
fn a_model_without_the_school_is_refused_with_the_way_to_add_it() {
    let dir = temp_dir("formula");
    std::fs::write(dir.join("train.csv"), reference_csv()).unwrap();
    std::fs::write(dir.join("apply.csv"), APPLY).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_headway"))
        .arg("project")
        .arg(dir.join("train.csv"))
        .args(["--model", "grade ~ prior"])
        .arg("--apply")
        .arg(dir.join("apply.csv"))
        .args(["--id", "pupil", "--threshold", "2"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("(1 | school)"));
}
