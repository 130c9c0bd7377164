//! The advice-network measures agree with networkx (tests/fixtures/network_reference.py).

use headway_stats::network::Network;
use serde_json::Value;

const TOLERANCE: f64 = 1e-9;

fn reference() -> Value {
    serde_json::from_str(include_str!("../fixtures/network_reference.json")).unwrap()
}

fn close(name: &str, what: &str, ours: f64, theirs: f64) {
    assert!(
        (ours - theirs).abs() <= TOLERANCE,
        "{name}: {what} is {ours}, networkx gives {theirs}"
    );
}

fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect()
}

#[test]
fn every_measure_matches_networkx_on_connected_disconnected_and_empty_graphs() {
    let reference = reference();
    let graphs = reference["graphs"].as_array().unwrap();
    assert!(graphs.len() >= 6);
    for graph in graphs {
        let name = graph["name"].as_str().unwrap();
        let n = graph["n"].as_u64().unwrap() as usize;
        let edges: Vec<(usize, usize)> = graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e[0].as_u64().unwrap() as usize,
                    e[1].as_u64().unwrap() as usize,
                )
            })
            .collect();
        let measures = Network::new(n, &edges).unwrap().measures();
        close(
            name,
            "density",
            measures.density,
            graph["density"].as_f64().unwrap(),
        );
        match graph["reciprocity"].as_f64() {
            Some(r) => close(name, "reciprocity", measures.reciprocity.unwrap(), r),
            None => assert_eq!(measures.reciprocity, None, "{name}: reciprocity"),
        }
        close(
            name,
            "in-degree centralisation",
            measures.in_degree_centralisation.unwrap(),
            graph["in_degree_centralisation"].as_f64().unwrap(),
        );
        let in_degree = numbers(&graph["in_degree"]);
        let out_degree = numbers(&graph["out_degree"]);
        let betweenness = numbers(&graph["betweenness"]);
        let closeness = numbers(&graph["closeness"]);
        for (i, person) in measures.people.iter().enumerate() {
            assert_eq!(
                person.in_degree as f64, in_degree[i],
                "{name}: in-degree of {i}"
            );
            assert_eq!(
                person.out_degree as f64, out_degree[i],
                "{name}: out-degree of {i}"
            );
            close(
                name,
                &format!("betweenness of {i}"),
                person.betweenness,
                betweenness[i],
            );
            close(
                name,
                &format!("closeness of {i}"),
                person.closeness,
                closeness[i],
            );
        }
        let isolates: Vec<usize> = numbers(&graph["isolates"])
            .into_iter()
            .map(|v| v as usize)
            .collect();
        assert_eq!(measures.isolates, isolates, "{name}: isolates");
    }
}

#[test]
fn the_reference_includes_a_disconnected_graph_with_isolates() {
    let reference = reference();
    let with_isolates = reference["graphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| !g["isolates"].as_array().unwrap().is_empty())
        .count();
    assert!(with_isolates >= 2);
}
