//! `headway network` from the outside: the measures it writes agree with networkx, per
//! topic when the file has topics, and a bad file is refused with its line and column
//! without anything being written.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("headway-network-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn network(file: &Path, extra: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_headway"))
        .arg("network")
        .arg(file)
        .args(extra)
        .output()
        .unwrap()
}

/// networkx's values for the reference graphs (crates/stats/tests/fixtures).
fn reference(name: &str) -> Value {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../stats/tests/fixtures/network_reference.json"),
    )
    .unwrap();
    let all: Value = serde_json::from_str(&text).unwrap();
    all["graphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["name"] == name)
        .unwrap()
        .clone()
}

/// The reference graph as an edge list: people are `p0`, `p1` …; a person with no tie
/// out gets a row with an empty target so that isolates are in the network too.
fn edge_list(graph: &Value, topic: Option<&str>) -> String {
    let n = graph["n"].as_u64().unwrap();
    let mut rows = String::new();
    let edges = graph["edges"].as_array().unwrap();
    let prefix = topic.map(|t| format!("{t},")).unwrap_or_default();
    for edge in edges {
        rows.push_str(&format!("{prefix}p{},p{}\n", edge[0], edge[1]));
    }
    for person in 0..n {
        if !edges.iter().any(|e| e[0].as_u64() == Some(person)) {
            rows.push_str(&format!("{prefix}p{person},\n"));
        }
    }
    rows
}

fn assert_matches(ours: &Value, graph: &Value) {
    let name = graph["name"].as_str().unwrap();
    let close = |a: &Value, b: &Value, what: &str| match (a.as_f64(), b.as_f64()) {
        (Some(a), Some(b)) => assert!((a - b).abs() <= 1e-9, "{name}: {what}: {a} vs {b}"),
        _ => assert_eq!(a, b, "{name}: {what}"),
    };
    assert_eq!(ours["nodes"], graph["n"], "{name}");
    assert_eq!(
        ours["edges"].as_u64().unwrap() as usize,
        graph["edges"].as_array().unwrap().len()
    );
    close(&ours["density"], &graph["density"], "density");
    close(&ours["reciprocity"], &graph["reciprocity"], "reciprocity");
    close(
        &ours["in_degree_centralisation"],
        &graph["in_degree_centralisation"],
        "centralisation",
    );
    let people = ours["people"].as_array().unwrap();
    for person in people {
        let id = person["id"].as_str().unwrap();
        let i: usize = id[1..].parse().unwrap();
        for (field, reference) in [
            ("in_degree", "in_degree"),
            ("out_degree", "out_degree"),
            ("betweenness", "betweenness"),
            ("closeness", "closeness"),
        ] {
            close(
                &person[field],
                &graph[reference][i],
                &format!("{field} of {id}"),
            );
        }
    }
    let mut isolates: Vec<String> = ours["isolates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    isolates.sort();
    let mut expected: Vec<String> = graph["isolates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| format!("p{v}"))
        .collect();
    expected.sort();
    assert_eq!(isolates, expected, "{name}: isolates");
}

#[test]
fn without_topics_the_json_is_the_graph_and_agrees_with_networkx() {
    let dir = temp_dir("plain");
    let graph = reference("two_components_and_isolates");
    let file = dir.join("ties.csv");
    std::fs::write(&file, format!("source,target\n{}", edge_list(&graph, None))).unwrap();
    let output = network(&file, &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(json.get("topics").is_none());
    assert_matches(&json, &graph);
}

#[test]
fn with_topics_there_is_one_graph_per_topic_each_agreeing_with_networkx() {
    let dir = temp_dir("topics");
    let first = reference("random_14_sparse");
    let second = reference("triangle_with_reciprocated_pair");
    let file = dir.join("ties.csv");
    std::fs::write(
        &file,
        format!(
            "topic,source,target\n{}{}",
            edge_list(&first, Some("behaviour")),
            edge_list(&second, Some("using data"))
        ),
    )
    .unwrap();
    let out = dir.join("measures.json");
    let output = network(&file, &["--format", "json", "--out", out.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let topics = json["topics"].as_array().unwrap();
    assert_eq!(topics.len(), 2);
    assert_eq!(topics[0]["topic"], "behaviour");
    assert_matches(&topics[0], &first);
    assert_eq!(topics[1]["topic"], "using data");
    assert_matches(&topics[1], &second);
}

#[test]
fn csv_output_has_one_row_per_person_and_topic() {
    let dir = temp_dir("csv");
    let file = dir.join("ties.csv");
    std::fs::write(&file, "source,target,topic\nann,bob,maths\nbob,ann,maths\ncat,,maths\nann,cat,\"well-being, staff\"\n").unwrap();
    let output = network(&file, &["--format", "csv"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        vec![
            "topic,id,in_degree,out_degree,betweenness,closeness,isolate",
            "maths,ann,1,1,0.0,0.5,false",
            "maths,bob,1,1,0.0,0.5,false",
            "maths,cat,0,0,0.0,0.0,true",
            "\"well-being, staff\",ann,0,1,0.0,0.0,false",
            "\"well-being, staff\",cat,1,0,0.0,1.0,false",
        ]
    );
}

#[test]
fn a_bad_row_is_named_by_file_line_and_column_and_nothing_is_written() {
    let dir = temp_dir("bad");
    let file = dir.join("ties.csv");
    let out = dir.join("measures.json");
    std::fs::write(&file, "source,target\nann,bob\nbob,bob\n,ann\n").unwrap();
    let output = network(&file, &["--out", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(
        stderr.contains("ties.csv, line 3, column target: bob names themselves"),
        "{stderr}"
    );
    assert!(
        stderr.contains("ties.csv, line 4, column source: a required field is empty"),
        "{stderr}"
    );
    assert!(!out.exists());
}
