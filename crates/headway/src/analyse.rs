//! `headway analyse FILE --model "FORMULA"`: fit a value-added model to a CSV or Parquet
//! file, for analysts who would otherwise reach for R.
//!
//! - `score ~ gcsescore + I(gcsescore^2) + gender + (1 | school)`: contextual value added
//!   (REML, as `lme4::lmer`), with every school's conditional mode and interval;
//! - the same without `(1 | school)`: ordinary least squares (as `lm`);
//! - `--method simple --prior COL --group COL`: simple value added (ANALYTICS.md §2), the
//!   file itself being the reference population.
//!
//! The JSON uses lme4's names so it can be compared field by field with R output.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use clap::{Args, ValueEnum};
use headway_ingest::table::{
    ColumnKind, ColumnRequest, ColumnValues, Table, read_table, write_parquet,
};
use headway_stats::design::{Column, ColumnTable, Design, DesignLayout, DesignOptions};
use headway_stats::formula::{Formula, Term};
use headway_stats::value_added::simple::{
    DFE_CAP_Z, GroupTable, MeasureSettings, PriorGrouping, ReferenceModel,
};
use headway_stats::value_added::{
    ContextualFit, LeastSquaresFit, fit_contextual_layout, fit_least_squares_layout,
};
use indicatif::{ProgressBar, ProgressStyle};

/// Fit a value-added model to a CSV or Parquet file.
#[derive(Debug, Args)]
pub struct AnalyseArgs {
    /// The data file (.csv or .parquet), one row per pupil.
    pub file: PathBuf,

    /// The model in R's notation, e.g. "score ~ gcsescore + I(gcsescore^2) + gender + (1 | school)".
    /// With `(1 | group)` it is fitted by REML; without, by least squares.
    #[arg(long)]
    pub model: String,

    /// `model`: as the formula says (REML or least squares); `simple`: simple value added.
    #[arg(long, value_enum, default_value_t = Method::Model)]
    pub method: Method,

    /// Simple value added: the prior-attainment column (default: the formula's one covariate).
    #[arg(long)]
    pub prior: Option<String>,

    /// Simple value added: the column whose groups get a figure (school, class, teacher, …).
    #[arg(long)]
    pub group: Option<String>,

    /// A factor's reference level instead of the first in sorted order, e.g. `gender=M`.
    /// Repeat for several factors.
    #[arg(long = "reference", value_name = "COLUMN=LEVEL", value_parser = parse_reference)]
    pub reference: Vec<(String, String)>,

    /// Output format: `json` (everything) or `csv` (the per-group table).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,

    /// Write the output here instead of to standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,

    /// Simple value added: the scale divisor s in v = (y − E)/s (Progress 8: 10).
    #[arg(long, default_value_t = 1.0)]
    pub scale_divisor: f64,

    /// Simple value added: cap extreme negative pupil scores at DfE's z* = −2.8949.
    #[arg(long)]
    pub cap: bool,

    /// Simple value added: equal-width prior-attainment bins before merging bins of < 30.
    #[arg(long, default_value_t = 20)]
    pub bins: usize,

    /// Simple value added: groups with fewer pupils show no figure.
    #[arg(long, default_value_t = 6)]
    pub suppress_below: usize,

    /// Simple value added: the cut between "above" and "well above" average.
    #[arg(long, default_value_t = 0.5)]
    pub band_cut: f64,

    /// Print how long reading, building the design and fitting took, to standard error.
    #[arg(long, hide = true)]
    pub timings: bool,

    /// Also save the columns read as a Parquet file (to turn a CSV extract into Parquet).
    #[arg(long, hide = true, value_name = "FILE")]
    pub write_parquet: Option<PathBuf>,
}

/// Which estimator to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Method {
    /// As the formula says: REML with `(1 | group)`, least squares without.
    Model,
    /// Simple value added from prior-attainment groups (Progress 8's method).
    Simple,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Csv,
}

fn parse_reference(text: &str) -> Result<(String, String), String> {
    let (column, level) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` should be COLUMN=LEVEL, e.g. gender=M"))?;
    Ok((column.trim().to_string(), level.trim().to_string()))
}

/// Runs `headway analyse`.
pub fn run(args: AnalyseArgs) -> anyhow::Result<()> {
    let formula = Formula::parse(&args.model)?;
    let started = Instant::now();
    let table = read_with_progress(&args, &column_requests(&args, &formula)?)?;
    let read_time = started.elapsed();
    if let Some(parquet) = &args.write_parquet {
        write_parquet(parquet, &table)?;
    }
    let columns = into_column_table(table)?;

    let output = match args.method {
        Method::Model => {
            let options = DesignOptions {
                reference_levels: args.reference.iter().cloned().collect::<BTreeMap<_, _>>(),
            };
            let design_started = Instant::now();
            let layout = DesignLayout::new(&columns, &formula, &options)?;
            let design_time = design_started.elapsed();
            let fit_started = Instant::now();
            if layout.group_name.is_some() {
                let fit = fit_contextual_layout(&layout)?;
                report_timings(&args, read_time, design_time, fit_started.elapsed());
                render_contextual(&layout, &fit, args.format)
            } else {
                let fit = fit_least_squares_layout(&layout)?;
                report_timings(&args, read_time, design_time, fit_started.elapsed());
                render_least_squares(&layout, &fit, args.format)
            }
        }
        Method::Simple => {
            let fit_started = Instant::now();
            let rendered = simple_value_added(&args, &formula, &columns)?;
            report_timings(&args, read_time, Duration::ZERO, fit_started.elapsed());
            rendered
        }
    };

    match &args.out {
        Some(path) => std::fs::write(path, output)
            .with_context(|| format!("cannot write the output to {}", path.display()))?,
        None => match std::io::stdout().lock().write_all(output.as_bytes()) {
            // A reader that stops early (`| head`) is not an error.
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other?,
        },
    }
    Ok(())
}

/// The columns to read: the outcome and powered covariates must be numbers; the rest may be
/// numbers or text (text becomes a factor). With `--write-parquet`, every column.
fn column_requests(args: &AnalyseArgs, formula: &Formula) -> anyhow::Result<Vec<ColumnRequest>> {
    if args.write_parquet.is_some() {
        return Ok(Vec::new());
    }
    let mut requests: Vec<ColumnRequest> = Vec::new();
    let mut add = |name: &str, kind: ColumnKind| match requests.iter_mut().find(|r| r.name == name)
    {
        Some(existing) if kind == ColumnKind::Number => existing.kind = kind,
        Some(_) => {}
        None => requests.push(ColumnRequest {
            name: name.to_string(),
            kind,
        }),
    };
    add(&formula.response, ColumnKind::Number);
    match args.method {
        Method::Model => {
            for term in &formula.terms {
                let kind = match term {
                    Term::Power { .. } => ColumnKind::Number,
                    Term::Column(_) | Term::Factor(_) => ColumnKind::Any,
                };
                add(term.column(), kind);
            }
            if let Some(group) = &formula.group {
                add(group, ColumnKind::Any);
            }
        }
        Method::Simple => {
            add(&simple_prior_column(args, formula)?, ColumnKind::Number);
            add(&simple_group_column(args, formula)?, ColumnKind::Any);
        }
    }
    Ok(requests)
}

fn simple_prior_column(args: &AnalyseArgs, formula: &Formula) -> anyhow::Result<String> {
    if let Some(prior) = &args.prior {
        return Ok(prior.clone());
    }
    match formula.terms.as_slice() {
        [Term::Column(prior)] => Ok(prior.clone()),
        _ => bail!("simple value added needs the prior-attainment column: add --prior COLUMN"),
    }
}

fn simple_group_column(args: &AnalyseArgs, formula: &Formula) -> anyhow::Result<String> {
    args.group
        .clone()
        .or_else(|| formula.group.clone())
        .context(
            "simple value added needs the column to group by: add --group COLUMN (e.g. school)",
        )
}

fn read_with_progress(args: &AnalyseArgs, requests: &[ColumnRequest]) -> anyhow::Result<Table> {
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("reading {msg} {wide_bar} {percent}%")
                .expect("a valid template"),
        );
        bar.set_message(args.file.display().to_string());
        bar
    } else {
        ProgressBar::hidden()
    };
    let table = read_table(&args.file, requests, &mut |progress| {
        bar.set_length(progress.total);
        bar.set_position(progress.done);
    });
    bar.finish_and_clear();
    Ok(table?)
}

/// The reader's table as the statistics crate's (the vectors move, nothing is copied).
pub(crate) fn into_column_table(table: Table) -> anyhow::Result<ColumnTable> {
    let mut columns = ColumnTable::new();
    for (name, values) in table.names.into_iter().zip(table.columns) {
        let column = match values {
            ColumnValues::Numbers(numbers) => Column::Numeric(numbers),
            ColumnValues::Text { levels, codes } => Column::Categorical { levels, codes },
        };
        columns.push(name, column)?;
    }
    Ok(columns)
}

fn report_timings(args: &AnalyseArgs, read: Duration, design: Duration, fit: Duration) {
    if args.timings {
        eprintln!(
            "timings: read {:.3} s, design {:.3} s, fit {:.3} s",
            read.as_secs_f64(),
            design.as_secs_f64(),
            fit.as_secs_f64()
        );
    }
}

fn simple_value_added(
    args: &AnalyseArgs,
    formula: &Formula,
    columns: &ColumnTable,
) -> anyhow::Result<String> {
    let prior = simple_prior_column(args, formula)?;
    let group = simple_group_column(args, formula)?;
    // The design machinery gives complete rows, the prior as X's one column and sorted
    // group labels.
    let layout = Formula {
        response: formula.response.clone(),
        intercept: false,
        terms: vec![Term::Column(prior.clone())],
        group: Some(group.clone()),
    };
    let design = Design::build(columns, &layout, &DesignOptions::default())?;
    if design.p() != 1 {
        bail!("the prior-attainment column `{prior}` must hold numbers");
    }
    let settings = MeasureSettings {
        scale_divisor: args.scale_divisor,
        cap_z: args.cap.then_some(DFE_CAP_Z),
        band_cut: args.band_cut,
        suppression_threshold: args.suppress_below,
    };
    let grouping = PriorGrouping::EqualWidth {
        bins: args.bins,
        min_pupils: 30,
    };
    let model = ReferenceModel::fit(&design.x, &design.y, &grouping, &settings)?;
    let table = model.group_value_added(
        &design.x,
        &design.y,
        &design.group,
        design.group_labels.len(),
        &settings,
    );
    Ok(render_simple(&design, &model, &table, args.format))
}

// ---- output -------------------------------------------------------------------------

/// A number as JSON: shortest round-trip form; `null` for NaN or infinity.
pub(crate) fn json_number(value: f64) -> String {
    if value.is_finite() {
        format!("{value:?}")
    } else {
        "null".to_string()
    }
}

/// A string as JSON, escaped.
pub(crate) fn json_string(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for character in text.chars() {
        match character {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(quoted, "\\u{:04x}", c as u32);
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// A CSV field, quoted when it must be.
pub(crate) fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn json_fixef(fixef: &[headway_stats::value_added::FixedEffect]) -> String {
    let entries: Vec<String> = fixef
        .iter()
        .map(|effect| {
            format!(
                "    {{\"term\": {}, \"estimate\": {}, \"se\": {}}}",
                json_string(&effect.term),
                json_number(effect.estimate),
                json_number(effect.se)
            )
        })
        .collect();
    format!("[\n{}\n  ]", entries.join(",\n"))
}

fn json_names(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| json_string(name)).collect();
    format!("[{}]", quoted.join(", "))
}

fn render_contextual(design: &DesignLayout, fit: &ContextualFit, format: Format) -> String {
    let occupied = fit
        .groups
        .iter()
        .zip(&design.group_labels)
        .filter(|(group, _)| group.n > 0);
    match format {
        Format::Csv => {
            let mut csv = String::from("group,n,blup,condsd,ci_lower,ci_upper\n");
            for (group, label) in occupied {
                let _ = writeln!(
                    csv,
                    "{},{},{:?},{:?},{:?},{:?}",
                    csv_field(label),
                    group.n,
                    group.blup,
                    group.condsd,
                    group.ci_lower,
                    group.ci_upper
                );
            }
            csv
        }
        Format::Json => {
            let groups: Vec<String> = occupied
                .map(|(group, label)| {
                    format!(
                        "    {{\"group\": {}, \"n\": {}, \"blup\": {}, \"condsd\": {}, \"ci_lower\": {}, \"ci_upper\": {}}}",
                        json_string(label),
                        group.n,
                        json_number(group.blup),
                        json_number(group.condsd),
                        json_number(group.ci_lower),
                        json_number(group.ci_upper)
                    )
                })
                .collect();
            format!(
                "{{\n  \"method\": \"reml\",\n  \"response\": {},\n  \"group_column\": {},\n  \"nobs\": {},\n  \"ngroups\": {},\n  \"design_columns\": {},\n  \"fixef\": {},\n  \"var_school\": {},\n  \"var_residual\": {},\n  \"theta\": {},\n  \"reml_criterion\": {},\n  \"excluded_rows\": {},\n  \"groups\": [\n{}\n  ]\n}}\n",
                json_string(&design.response_name),
                json_string(design.group_name.as_deref().unwrap_or_default()),
                fit.nobs,
                fit.ngroups,
                json_names(&design.column_names),
                json_fixef(&fit.fixef),
                json_number(fit.var_school),
                json_number(fit.var_residual),
                json_number(fit.theta),
                json_number(fit.reml_criterion),
                design.excluded_rows,
                groups.join(",\n")
            )
        }
    }
}

fn render_least_squares(design: &DesignLayout, fit: &LeastSquaresFit, format: Format) -> String {
    match format {
        Format::Csv => {
            let mut csv = String::from("term,estimate,se\n");
            for effect in &fit.fixef {
                let _ = writeln!(
                    csv,
                    "{},{:?},{:?}",
                    csv_field(&effect.term),
                    effect.estimate,
                    effect.se
                );
            }
            csv
        }
        Format::Json => format!(
            "{{\n  \"method\": \"ols\",\n  \"response\": {},\n  \"nobs\": {},\n  \"design_columns\": {},\n  \"fixef\": {},\n  \"var_residual\": {},\n  \"excluded_rows\": {}\n}}\n",
            json_string(&design.response_name),
            fit.nobs,
            json_names(&design.column_names),
            json_fixef(&fit.fixef),
            json_number(fit.var_residual),
            design.excluded_rows
        ),
    }
}

fn render_simple(
    design: &Design,
    model: &ReferenceModel,
    table: &GroupTable,
    format: Format,
) -> String {
    let rows = table.groups.iter().zip(&design.group_labels);
    match format {
        Format::Csv => {
            let mut csv = String::from("group,n,value_added,ci_lower,ci_upper,band\n");
            for (group, label) in rows {
                match &group.figures {
                    Some(figures) => {
                        let _ = writeln!(
                            csv,
                            "{},{},{:?},{:?},{:?},{}",
                            csv_field(label),
                            group.n,
                            figures.value_added,
                            figures.ci_lower,
                            figures.ci_upper,
                            figures.band.label()
                        );
                    }
                    None => {
                        let _ = writeln!(csv, "{},{},,,,suppressed", csv_field(label), group.n);
                    }
                }
            }
            csv
        }
        Format::Json => {
            let prior_groups: Vec<String> = model
                .groups
                .iter()
                .map(|group| {
                    format!(
                        "    {{\"low\": {}, \"high\": {}, \"reference_pupils\": {}, \"expected\": {}, \"cap_floor\": {}}}",
                        json_number(group.range.low),
                        json_number(group.range.high),
                        group.reference_pupils,
                        json_number(group.expected),
                        group.cap_floor.map_or("null".to_string(), json_number)
                    )
                })
                .collect();
            let groups: Vec<String> = rows
                .map(|(group, label)| match &group.figures {
                    Some(figures) => format!(
                        "    {{\"group\": {}, \"n\": {}, \"value_added\": {}, \"ci_lower\": {}, \"ci_upper\": {}, \"band\": {}}}",
                        json_string(label),
                        group.n,
                        json_number(figures.value_added),
                        json_number(figures.ci_lower),
                        json_number(figures.ci_upper),
                        json_string(figures.band.label())
                    ),
                    None => format!(
                        "    {{\"group\": {}, \"n\": {}, \"suppressed\": true}}",
                        json_string(label),
                        group.n
                    ),
                })
                .collect();
            format!(
                "{{\n  \"method\": \"simple\",\n  \"response\": {},\n  \"nobs\": {},\n  \"excluded_rows\": {},\n  \"scale_divisor\": {},\n  \"sigma\": {},\n  \"prior_groups\": [\n{}\n  ],\n  \"groups\": [\n{}\n  ]\n}}\n",
                json_string(&design.response_name),
                design.nobs() - table.excluded_pupils,
                design.excluded_rows + table.excluded_pupils,
                json_number(model.scale_divisor),
                json_number(model.sigma),
                prior_groups.join(",\n"),
                groups.join(",\n")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_are_escaped_and_numbers_round_trip() {
        assert_eq!(json_string("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(json_number(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(json_number(1e-7), "1e-7");
        assert_eq!(json_number(f64::NAN), "null");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }

    /// The exact command of issue 4's "Done when", through clap, against lme4's
    /// `lmer_precise` fit of chem97_contextual (see crates/stats/tests/stats/anchors.rs
    /// for why BLUPs and conditional SDs are compared at 1e-6 on the full fit).
    #[test]
    fn analyse_reproduces_lme4_on_chem97() {
        use clap::Parser;

        #[derive(Parser)]
        struct Command {
            #[command(flatten)]
            analyse: AnalyseArgs,
        }

        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../stats/tests/data");
        let out = std::env::temp_dir().join(format!("headway-analyse-{}.json", std::process::id()));
        let command = Command::parse_from([
            "analyse".into(),
            data.join("Chem97.csv").into_os_string(),
            "--model".into(),
            "score ~ gcsescore + I(gcsescore^2) + gender + age + (1 | school)".into(),
            "--reference".into(),
            "gender=M".into(),
            "--out".into(),
            out.clone().into_os_string(),
        ]);
        run(command.analyse).unwrap();
        let ours: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        let anchor: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(data.join("chem97_contextual.json")).unwrap(),
        )
        .unwrap();
        let precise = &anchor["lmer_precise"];

        assert_eq!(ours["nobs"], anchor["nobs"]);
        assert_eq!(ours["ngroups"], anchor["ngroups"]);
        assert_eq!(ours["design_columns"], anchor["design_columns"]);
        assert_eq!(ours["excluded_rows"], 0);
        let relative = |a: &serde_json::Value, b: &serde_json::Value| {
            (a.as_f64().unwrap() - b.as_f64().unwrap()).abs() / b.as_f64().unwrap().abs()
        };
        for (a, b) in ours["fixef"]
            .as_array()
            .unwrap()
            .iter()
            .zip(precise["fixef"].as_array().unwrap())
        {
            assert_eq!(a["term"], b["term"]);
            assert!(
                relative(&a["estimate"], &b["estimate"]) < 1e-7,
                "{a} vs {b}"
            );
            assert!(relative(&a["se"], &b["se"]) < 1e-7, "{a} vs {b}");
        }
        assert!(relative(&ours["var_school"], &precise["var_school"]) < 1e-6);
        assert!(relative(&ours["var_residual"], &precise["var_residual"]) < 1e-6);
        assert!(
            (ours["reml_criterion"].as_f64().unwrap()
                - precise["reml_criterion"].as_f64().unwrap())
            .abs()
                < 1e-6
        );

        let ranef = std::fs::read_to_string(data.join("chem97_contextual_ranef.csv")).unwrap();
        let groups: BTreeMap<String, &serde_json::Value> = ours["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|group| (group["group"].as_str().unwrap().to_string(), group))
            .collect();
        assert_eq!(groups.len(), 2410);
        for line in ranef.lines().skip(1) {
            let fields: Vec<&str> = line.split(',').collect();
            let group = groups[fields[0].trim_matches('"')];
            let blup: f64 = fields[4].parse().unwrap();
            let condsd: f64 = fields[5].parse().unwrap();
            assert_eq!(
                group["n"].as_u64().unwrap(),
                fields[1].parse::<u64>().unwrap()
            );
            assert!((group["blup"].as_f64().unwrap() - blup).abs() < 1e-6);
            assert!((group["condsd"].as_f64().unwrap() - condsd).abs() < 1e-6);
            let half_width = group["ci_upper"].as_f64().unwrap() - group["blup"].as_f64().unwrap();
            assert!(
                (half_width - 1.959963984540054 * group["condsd"].as_f64().unwrap()).abs() < 1e-12
            );
        }
        std::fs::remove_file(out).ok();
    }

    #[test]
    fn reference_levels_are_column_equals_level() {
        assert_eq!(
            parse_reference("gender=M").unwrap(),
            ("gender".into(), "M".into())
        );
        assert!(parse_reference("gender").is_err());
    }
}
