//! `headway project TRAIN --model "FORMULA" --apply APPLY --id COL --threshold T …`: the
//! probability that each pupil of APPLY reaches each threshold of the outcome, from the
//! model fitted on TRAIN (ANALYTICS.md §5a; the method is in `docs/projections.md`).
//!
//! Everything is checked before anything is written: the columns, every APPLY row's
//! covariates (a missing value or a level TRAIN never had is named with its file, line and
//! column) and the thresholds (inside the outcome's range in TRAIN).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use headway_ingest::table::{ColumnKind, ColumnRequest, read_table};
use headway_stats::design::{Column, ColumnTable, Design, DesignOptions, DesignSpec, format_level};
use headway_stats::formula::{Formula, Term};
use headway_stats::projection::ProjectionModel;

use crate::analyse::{csv_field, into_column_table, json_number, json_string};

/// Project the chance of reaching thresholds from a reference file onto other pupils.
#[derive(Debug, Args)]
pub struct ProjectArgs {
    /// The reference population (.csv or .parquet): one row per pupil with the outcome.
    pub train: PathBuf,

    /// The model in R's notation with the school as a random intercept, e.g.
    /// "score ~ gcsescore + I(gcsescore^2) + gender + (1 | school)".
    #[arg(long)]
    pub model: String,

    /// The pupils to project (.csv or .parquet): the covariates, the school and an id.
    #[arg(long)]
    pub apply: PathBuf,

    /// The column of APPLY that identifies each pupil in the output.
    #[arg(long)]
    pub id: String,

    /// An outcome value to reach; repeat for several (each gives P(outcome ≥ T)).
    #[arg(long = "threshold", required = true, allow_negative_numbers = true)]
    pub thresholds: Vec<f64>,

    /// A factor's reference level instead of the first in sorted order, e.g. `gender=M`.
    #[arg(long = "reference", value_name = "COLUMN=LEVEL", value_parser = parse_reference)]
    pub reference: Vec<(String, String)>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,

    /// Write the output here instead of to standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

fn parse_reference(text: &str) -> Result<(String, String), String> {
    let (column, level) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` should be COLUMN=LEVEL, e.g. gender=M"))?;
    Ok((column.trim().to_string(), level.trim().to_string()))
}

/// The most problems listed before "and N more".
const PROBLEMS_SHOWN: usize = 20;

/// Runs `headway project`.
pub fn run(args: ProjectArgs) -> anyhow::Result<()> {
    let output = projections(&args)?;
    match &args.out {
        Some(path) => std::fs::write(path, output)
            .with_context(|| format!("cannot write the output to {}", path.display()))?,
        None => {
            use std::io::Write;
            match std::io::stdout().lock().write_all(output.as_bytes()) {
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other?,
            }
        }
    }
    Ok(())
}

/// The output text, or the first error (nothing is written by this function).
fn projections(args: &ProjectArgs) -> anyhow::Result<String> {
    let formula = Formula::parse(&args.model)?;
    let Some(group) = formula.group.clone() else {
        bail!(
            "the model needs the school as a random intercept, e.g. `{} + (1 | school)`: projections use the variation between schools",
            args.model.trim()
        );
    };

    // The reference population and its fit.
    let mut train_requests = vec![request(&formula.response, ColumnKind::Number)];
    for term in &formula.terms {
        let kind = match term {
            Term::Power { .. } => ColumnKind::Number,
            _ => ColumnKind::Any,
        };
        push_request(&mut train_requests, term.column(), kind);
    }
    push_request(&mut train_requests, &group, ColumnKind::Any);
    let train = into_column_table(read_table(&args.train, &train_requests, &mut |_| {})?)?;
    let options = DesignOptions {
        reference_levels: args.reference.iter().cloned().collect(),
    };
    let design = Design::build(&train, &formula, &options)
        .with_context(|| format!("{}", args.train.display()))?;
    let model = ProjectionModel::fit(
        &design.x,
        &design.column_names,
        &design.y,
        &design.group,
        design.ngroups(),
        &design.response_name,
        &group,
        None,
    )
    .with_context(|| format!("{}: the model could not be fitted", args.train.display()))?;
    for &threshold in &args.thresholds {
        model.check_threshold(threshold).with_context(|| {
            format!(
                "--threshold {}: `{}` in {}",
                format_level(threshold),
                formula.response,
                args.train.display()
            )
        })?;
    }

    // The pupils to project: a covariate numeric in TRAIN must be numeric in APPLY.
    let spec = DesignSpec::of(&design, &formula);
    let mut apply_requests = vec![request(&args.id, ColumnKind::Any)];
    for term in &formula.terms {
        let is_factor = design
            .factor_levels
            .iter()
            .any(|(name, _)| name == term.column());
        let kind = if is_factor {
            ColumnKind::Any
        } else {
            ColumnKind::Number
        };
        push_request(&mut apply_requests, term.column(), kind);
    }
    push_request(&mut apply_requests, &group, ColumnKind::Any);
    let apply = into_column_table(read_table(&args.apply, &apply_requests, &mut |_| {})?)?;
    let rows = spec
        .encode(&apply)
        .with_context(|| format!("{}", args.apply.display()))?;

    let ids = labels(&apply, &args.id);
    let schools = labels(&apply, &group);
    let mut problems: Vec<String> = Vec::new();
    let place = |row: usize| place_of(&args.apply, row);
    for (row, encoded) in rows.iter().enumerate() {
        if ids[row].is_none() {
            problems.push(format!(
                "{}, column `{}`: the pupil's id is missing",
                place(row),
                args.id
            ));
        }
        if schools[row].is_none() {
            problems.push(format!(
                "{}, column `{group}`: the school is missing",
                place(row)
            ));
        }
        if let Err(problem) = encoded {
            problems.push(format!(
                "{}, column `{}`: {}",
                place(problem.row),
                problem.column,
                problem.reason
            ));
        }
    }
    if !problems.is_empty() {
        let more = problems.len().saturating_sub(PROBLEMS_SHOWN);
        let mut message = format!(
            "{} row problem(s) in {}; nothing was written:\n",
            problems.len(),
            args.apply.display()
        );
        for problem in problems.iter().take(PROBLEMS_SHOWN) {
            let _ = writeln!(message, "  {problem}");
        }
        if more > 0 {
            let _ = writeln!(message, "  … and {more} more");
        }
        bail!(message.trim_end().to_string());
    }

    let school_index = |label: &str| design.group_labels.iter().position(|known| known == label);
    let mut results: Vec<(&str, f64, f64)> = Vec::new();
    for (row, encoded) in rows.iter().enumerate() {
        let x = encoded.as_ref().expect("problems were refused above");
        let id = ids[row].as_deref().expect("ids were checked");
        let school = schools[row].as_deref().and_then(school_index);
        for &threshold in &args.thresholds {
            results.push((
                id,
                threshold,
                model.probability_at_least(x, threshold, school),
            ));
        }
    }
    Ok(render(&results, args.format))
}

fn request(name: &str, kind: ColumnKind) -> ColumnRequest {
    ColumnRequest {
        name: name.to_string(),
        kind,
    }
}

fn push_request(requests: &mut Vec<ColumnRequest>, name: &str, kind: ColumnKind) {
    match requests.iter_mut().find(|existing| existing.name == name) {
        Some(existing) if kind == ColumnKind::Number => existing.kind = kind,
        Some(_) => {}
        None => requests.push(request(name, kind)),
    }
}

/// A column's values as labels (numbers as R prints them), `None` where missing.
fn labels(table: &ColumnTable, name: &str) -> Vec<Option<String>> {
    match table.column(name) {
        Some(Column::Numeric(values)) => values
            .iter()
            .map(|&value| (!value.is_nan()).then(|| format_level(value)))
            .collect(),
        Some(Column::Categorical { levels, codes }) => codes
            .iter()
            .map(|code| code.map(|code| levels[code as usize].clone()))
            .collect(),
        None => vec![None; table.rows()],
    }
}

/// Where a row is: its line in a CSV file (the header is line 1), its row in a Parquet one.
fn place_of(file: &Path, row: usize) -> String {
    let is_csv = file
        .extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            extension.eq_ignore_ascii_case("csv") || extension.eq_ignore_ascii_case("txt")
        });
    if is_csv {
        format!("{}, line {}", file.display(), row + 2)
    } else {
        format!("{}, row {}", file.display(), row + 1)
    }
}

fn render(results: &[(&str, f64, f64)], format: Format) -> String {
    match format {
        Format::Csv => {
            let mut csv = String::from("id,threshold,probability\n");
            for (id, threshold, probability) in results {
                let _ = writeln!(
                    csv,
                    "{},{},{:?}",
                    csv_field(id),
                    format_level(*threshold),
                    probability
                );
            }
            csv
        }
        Format::Json => {
            let entries: Vec<String> = results
                .iter()
                .map(|(id, threshold, probability)| {
                    format!(
                        "  {{\"id\": {}, \"threshold\": {}, \"probability\": {}}}",
                        json_string(id),
                        json_number(*threshold),
                        json_number(*probability)
                    )
                })
                .collect();
            format!("[\n{}\n]\n", entries.join(",\n"))
        }
    }
}
