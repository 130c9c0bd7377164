//! `headway network FILE.csv [--format json|csv] [--out FILE]`: the advice-network
//! measures of an edge list (`source,target` and an optional `topic`), as the app computes
//! them, so analysts can check them (ANALYTICS.md §7; `docs/network.md`).
//!
//! The whole file is checked first: a bad row is named with its file, line, column and
//! reason, and nothing is written.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Args;
use headway_ingest::limits::Limits;
use headway_ingest::network::{TopicEdges, read_edge_list};
use headway_stats::network::{Network, NetworkMeasures};

use crate::analyse::{csv_field, json_number, json_string};
use crate::project::Format;

/// Compute advice-network measures from an edge list.
#[derive(Debug, Args)]
pub struct NetworkArgs {
    /// The edge list (.csv): `source,target`, one row per tie, and optionally `topic`.
    /// An empty target means the source answered and named nobody.
    pub file: PathBuf,

    /// Output format: the graph and its people (json), or one row per person (csv).
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,

    /// Write the output here instead of to standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// The most problems listed before "and N more".
const PROBLEMS_SHOWN: usize = 20;

/// Runs `headway network`.
pub fn run(args: NetworkArgs) -> anyhow::Result<()> {
    let output = measures(&args)?;
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

fn measures(args: &NetworkArgs) -> anyhow::Result<String> {
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let name = args.file.display().to_string();
    let list = match read_edge_list(&name, &bytes, &Limits::default()) {
        Ok(list) => list,
        Err(problems) => {
            let mut message = format!(
                "{} problem(s) in {name}; nothing was written:\n",
                problems.len()
            );
            for problem in problems.iter().take(PROBLEMS_SHOWN) {
                let _ = writeln!(message, "  {problem}");
            }
            let more = problems.len().saturating_sub(PROBLEMS_SHOWN);
            if more > 0 {
                let _ = writeln!(message, "  … and {more} more");
            }
            bail!(message.trim_end().to_string());
        }
    };
    let mut graphs: Vec<(&TopicEdges, NetworkMeasures)> = Vec::new();
    for topic in &list.topics {
        let network = Network::new(topic.people.len(), &topic.edges)
            .context("the edge list was checked, so every tie is between two people")?;
        graphs.push((topic, network.measures()));
    }
    Ok(match args.format {
        Format::Json if list.has_topics => {
            let topics: Vec<String> = graphs
                .iter()
                .map(|(topic, measures)| json_graph(topic, measures, "  "))
                .collect();
            format!("{{\n\"topics\": [\n{}\n]\n}}\n", topics.join(",\n"))
        }
        Format::Json => match graphs.first() {
            Some((topic, measures)) => format!("{}\n", json_graph(topic, measures, "")),
            None => String::from("{}\n"),
        },
        Format::Csv => csv_people(&graphs, list.has_topics),
    })
}

fn json_optional(value: Option<f64>) -> String {
    value.map_or_else(|| "null".to_string(), json_number)
}

/// One graph as a JSON object: its counts and measures, then its people.
fn json_graph(topic: &TopicEdges, measures: &NetworkMeasures, indent: &str) -> String {
    let mut json = format!("{indent}{{\n");
    if let Some(name) = &topic.topic {
        let _ = writeln!(json, "{indent}  \"topic\": {},", json_string(name));
    }
    let isolates: Vec<String> = measures
        .isolates
        .iter()
        .map(|&i| json_string(&topic.people[i]))
        .collect();
    let _ = writeln!(json, "{indent}  \"nodes\": {},", measures.people_count);
    let _ = writeln!(json, "{indent}  \"edges\": {},", measures.ties);
    let _ = writeln!(
        json,
        "{indent}  \"density\": {},",
        json_number(measures.density)
    );
    let _ = writeln!(
        json,
        "{indent}  \"reciprocity\": {},",
        json_optional(measures.reciprocity)
    );
    let _ = writeln!(
        json,
        "{indent}  \"in_degree_centralisation\": {},",
        json_optional(measures.in_degree_centralisation)
    );
    let _ = writeln!(json, "{indent}  \"isolates\": [{}],", isolates.join(", "));
    let people: Vec<String> = measures
        .people
        .iter()
        .zip(&topic.people)
        .map(|(person, id)| {
            format!(
                "{indent}    {{\"id\": {}, \"in_degree\": {}, \"out_degree\": {}, \"betweenness\": {}, \"closeness\": {}}}",
                json_string(id),
                person.in_degree,
                person.out_degree,
                json_number(person.betweenness),
                json_number(person.closeness)
            )
        })
        .collect();
    let _ = write!(
        json,
        "{indent}  \"people\": [\n{}\n{indent}  ]\n{indent}}}",
        people.join(",\n")
    );
    json
}

/// One row per person (and topic): the person's measures. The graph's own measures are in
/// the JSON output.
fn csv_people(graphs: &[(&TopicEdges, NetworkMeasures)], has_topics: bool) -> String {
    let mut csv = String::new();
    if has_topics {
        csv.push_str("topic,");
    }
    csv.push_str("id,in_degree,out_degree,betweenness,closeness,isolate\n");
    for (topic, measures) in graphs {
        for (i, (person, id)) in measures.people.iter().zip(&topic.people).enumerate() {
            if let Some(name) = &topic.topic {
                let _ = write!(csv, "{},", csv_field(name));
            }
            let _ = writeln!(
                csv,
                "{},{},{},{:?},{:?},{}",
                csv_field(id),
                person.in_degree,
                person.out_degree,
                person.betweenness,
                person.closeness,
                measures.isolates.contains(&i)
            );
        }
    }
    csv
}
