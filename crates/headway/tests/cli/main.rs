//! `headway import` from the outside: exit codes, the preview, and that nothing is written
//! without `--apply` or when the files have problems.

mod network;
mod project;
mod servers;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn good_bundle() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ingest/tests/data/good")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("headway-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn import(data: &Path, bundle: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_headway"))
        .arg("import")
        .arg(bundle)
        .arg("--data-dir")
        .arg(data)
        .arg("--database-url")
        .arg(format!("sqlite://{}", data.join("headway.db").display()))
        .args(extra)
        .env_remove("HEADWAY_DATABASE_URL")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn results_line(output: &Output) -> String {
    stdout(output)
        .lines()
        .find(|l| l.starts_with("results "))
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_bundle_with_a_problem_exits_non_zero_names_it_and_writes_nothing() {
    let data = temp_dir("bad");
    let bundle = data.join("bundle");
    std::fs::create_dir_all(&bundle).unwrap();
    for entry in std::fs::read_dir(good_bundle()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, bundle.join(path.file_name().unwrap())).unwrap();
    }
    let results = std::fs::read_to_string(bundle.join("results.csv")).unwrap();
    std::fs::write(
        bundle.join("results.csv"),
        results.replace("l2,u2,fully graded,27", "l2,u2,fully graded,77"),
    )
    .unwrap();

    let out = import(&data, &bundle, &["--apply"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.contains("results.csv") && text.contains("      6  score"),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was written"));

    // The good files preview as all new: the failed run wrote nothing.
    let preview = import(&data, &good_bundle(), &[]);
    assert!(preview.status.success());
    assert_eq!(results_line(&preview), "results 4 0 0 0");
}

#[test]
fn without_apply_nothing_is_written_with_apply_everything_and_again_nothing_changes() {
    let data = temp_dir("good");
    let preview = import(&data, &good_bundle(), &[]);
    assert!(
        preview.status.success(),
        "{}",
        String::from_utf8_lossy(&preview.stderr)
    );
    assert!(stdout(&preview).contains("Nothing was written"));
    assert_eq!(results_line(&preview), "results 4 0 0 0");

    let applied = import(&data, &good_bundle(), &["--apply"]);
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    assert!(stdout(&applied).contains("Imported."));

    let again = import(&data, &good_bundle(), &[]);
    assert!(again.status.success());
    assert_eq!(results_line(&again), "results 0 0 4 0");
    assert!(stdout(&again).contains("Nothing to change"));
}

fn line_of(output: &Output, table: &str) -> String {
    stdout(output)
        .lines()
        .find(|l| l.starts_with(&format!("{table} ")))
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_published_expectations_table_is_checked_previewed_and_imported_once() {
    let data = temp_dir("expectations");
    let bundle = import(&data, &good_bundle(), &["--apply"]);
    assert!(bundle.status.success(), "{}", stdout(&bundle));

    // Overlapping groups (80–90 and 90–100 share 90): named, exit 1, nothing written.
    let bad = data.join("bad.csv");
    std::fs::write(
        &bad,
        "measure,year,group,low,high,expected\nMA,2025-26,1,80,90,3.1\nMA,2025-26,2,90,100,4.2\n",
    )
    .unwrap();
    let refused = import(&data, &bad, &["--apply"]);
    assert_eq!(refused.status.code(), Some(1), "{}", stdout(&refused));
    assert!(stdout(&refused).contains("bad.csv"), "{}", stdout(&refused));
    assert!(stdout(&refused).contains("overlap"), "{}", stdout(&refused));

    // Two files, groups and expected outcomes.
    let groups = data.join("groups.csv");
    let expected = data.join("expected.csv");
    std::fs::write(
        &groups,
        "\u{feff}measure,year,group,low,high\r\nMA,2025-26,1,80,89.5\r\nMA,2025-26,2,90,120\r\n",
    )
    .unwrap();
    std::fs::write(
        &expected,
        "measure,year,group,expected\nMA,2025-26,1,3.1\nMA,2025-26,2,4.2\n",
    )
    .unwrap();
    let expected_arg = expected.to_str().unwrap();
    let preview = import(&data, &groups, &["--expected", expected_arg]);
    assert!(preview.status.success(), "{}", stdout(&preview));
    assert_eq!(
        line_of(&preview, "prior_attainment_groups"),
        "prior_attainment_groups 2 0 0 0"
    );
    assert!(stdout(&preview).contains("Nothing was written"));
    let applied = import(&data, &groups, &["--expected", expected_arg, "--apply"]);
    assert!(applied.status.success(), "{}", stdout(&applied));
    let again = import(&data, &groups, &["--expected", expected_arg]);
    assert_eq!(
        line_of(&again, "expected_outcomes"),
        "expected_outcomes 0 0 2 0"
    );
    assert!(stdout(&again).contains("Nothing to change"));
}

fn headway(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_headway"))
        .args(args)
        .arg("--data-dir")
        .arg(data)
        .arg("--database-url")
        .arg(format!("sqlite://{}", data.join("headway.db").display()))
        .env_remove("HEADWAY_DATABASE_URL")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// README's "Run it for real", followed literally on a new database: migrate, import the
/// bundle (which says which school it created, with its id and sourcedId), add the head
/// by that sourcedId.
#[test]
fn the_first_run_in_the_readme_works_as_written() {
    let data = temp_dir("first-run");
    let migrated = headway(&data, &["migrate"]);
    assert!(
        migrated.status.success(),
        "{}",
        String::from_utf8_lossy(&migrated.stderr)
    );

    let none = Command::new(env!("CARGO_BIN_EXE_headway"))
        .args([
            "user",
            "add",
            "--email",
            "head@school.example",
            "--name",
            "A. Head",
        ])
        .args(["--role", "head", "--org", "3", "--password-stdin"])
        .arg("--data-dir")
        .arg(&data)
        .arg("--database-url")
        .arg(format!("sqlite://{}", data.join("headway.db").display()))
        .env_remove("HEADWAY_DATABASE_URL")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(!none.status.success());
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("schools come from an import"),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );

    let imported = import(&data, &good_bundle(), &["--apply"]);
    assert!(imported.status.success(), "{}", stdout(&imported));
    let created = stdout(&imported)
        .lines()
        .find(|l| l.starts_with("school "))
        .unwrap_or_default()
        .to_owned();
    assert!(
        created.contains("(sourcedId sch1): created, id "),
        "{}",
        stdout(&imported)
    );

    let mut add = Command::new(env!("CARGO_BIN_EXE_headway"))
        .args([
            "user",
            "add",
            "--email",
            "head@school.example",
            "--name",
            "A. Head",
        ])
        .args(["--role", "head", "--org", "sch1", "--password-stdin"])
        .arg("--data-dir")
        .arg(&data)
        .env_remove("HEADWAY_DATABASE_URL")
        .arg("--database-url")
        .arg(format!("sqlite://{}", data.join("headway.db").display()))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    add.stdin
        .take()
        .unwrap()
        .write_all(b"a long and unusual passphrase\n")
        .unwrap();
    let added = add.wait_with_output().unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    assert!(String::from_utf8_lossy(&added.stdout).contains("Ysgol Gyfun"));
}
