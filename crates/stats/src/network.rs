//! Advice networks: who goes to whom for advice (ANALYTICS.md §7).
//!
//! A network is a directed graph over people numbered `0..n`; an edge `a → b` says that
//! `a` goes to `b` for advice. The measures are defined as networkx defines them, so an
//! analyst can check every figure: density, reciprocity, in- and out-degree, betweenness
//! (directed, normalised by (n−1)(n−2)), closeness (inward distances, Wasserman–Faust
//! scaling), isolates; and Freeman's in-degree centralisation, which networkx lacks.
//! `tests/fixtures/network_reference.py` produces the reference values the tests compare
//! with.

use petgraph::Direction;
use petgraph::algo::dijkstra;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Reversed;
use std::collections::{BTreeSet, VecDeque};
use thiserror::Error;

/// Why a network cannot be built from the edges given.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NetworkError {
    #[error("edge {edge} names person {person}, but the network has {people} people (0 to {last})", last = people.saturating_sub(1))]
    UnknownPerson {
        edge: usize,
        person: usize,
        people: usize,
    },
    #[error(
        "edge {edge} goes from person {person} to themselves; a person cannot ask themselves for advice"
    )]
    SelfTie { edge: usize, person: usize },
}

/// A directed advice network over people `0..n`. Repeated edges count once: a tie either
/// exists or it does not.
#[derive(Debug, Clone)]
pub struct Network {
    graph: DiGraph<(), ()>,
}

impl Network {
    /// Builds the network of `people` people from `(source, target)` pairs. Refuses an edge
    /// that names someone outside `0..people` or ties a person to themselves.
    pub fn new(people: usize, edges: &[(usize, usize)]) -> Result<Self, NetworkError> {
        let mut distinct = BTreeSet::new();
        for (edge, &(source, target)) in edges.iter().enumerate() {
            for person in [source, target] {
                if person >= people {
                    return Err(NetworkError::UnknownPerson {
                        edge,
                        person,
                        people,
                    });
                }
            }
            if source == target {
                return Err(NetworkError::SelfTie {
                    edge,
                    person: source,
                });
            }
            distinct.insert((source, target));
        }
        let mut graph = DiGraph::with_capacity(people, distinct.len());
        for _ in 0..people {
            graph.add_node(());
        }
        for (source, target) in distinct {
            graph.add_edge(NodeIndex::new(source), NodeIndex::new(target), ());
        }
        Ok(Self { graph })
    }

    /// People in the network (n).
    pub fn people(&self) -> usize {
        self.graph.node_count()
    }

    /// Distinct ties (m).
    pub fn ties(&self) -> usize {
        self.graph.edge_count()
    }

    fn has_tie(&self, source: usize, target: usize) -> bool {
        self.graph
            .find_edge(NodeIndex::new(source), NodeIndex::new(target))
            .is_some()
    }

    /// Density: `m / (n(n−1))`, the share of possible directed ties present; 0 when there
    /// are fewer than two people.
    pub fn density(&self) -> f64 {
        let n = self.people();
        if n < 2 {
            return 0.0;
        }
        self.ties() as f64 / (n * (n - 1)) as f64
    }

    /// Reciprocity: the share of ties whose reverse tie also exists. `None` without ties.
    pub fn reciprocity(&self) -> Option<f64> {
        let m = self.ties();
        if m == 0 {
            return None;
        }
        let reciprocated = self
            .graph
            .edge_indices()
            .filter_map(|e| self.graph.edge_endpoints(e))
            .filter(|&(a, b)| self.has_tie(b.index(), a.index()))
            .count();
        Some(reciprocated as f64 / m as f64)
    }

    /// In-degree of each person: how many colleagues name them.
    pub fn in_degrees(&self) -> Vec<usize> {
        self.degrees(Direction::Incoming)
    }

    /// Out-degree of each person: how many colleagues they name.
    pub fn out_degrees(&self) -> Vec<usize> {
        self.degrees(Direction::Outgoing)
    }

    fn degrees(&self, direction: Direction) -> Vec<usize> {
        self.graph
            .node_indices()
            .map(|v| self.graph.neighbors_directed(v, direction).count())
            .collect()
    }

    /// Freeman's in-degree centralisation: `Σ_i (max in-degree − in-degree_i) / (n−1)²`.
    /// The denominator is the largest possible sum, reached when everyone names one person
    /// and nobody else; so 1 is a single hub and 0 is everyone named equally often. `None`
    /// with fewer than two people.
    pub fn in_degree_centralisation(&self) -> Option<f64> {
        let n = self.people();
        if n < 2 {
            return None;
        }
        let degrees = self.in_degrees();
        let top = degrees.iter().copied().max().unwrap_or(0);
        let gap: usize = degrees.iter().map(|d| top - d).sum();
        Some(gap as f64 / ((n - 1) * (n - 1)) as f64)
    }

    /// People with no tie in either direction: they name nobody and nobody names them.
    pub fn isolates(&self) -> Vec<usize> {
        self.graph
            .node_indices()
            .filter(|&v| self.graph.neighbors_undirected(v).next().is_none())
            .map(NodeIndex::index)
            .collect()
    }

    /// Betweenness centrality (Brandes' algorithm, unweighted, directed): for each person
    /// `v`, `Σ_{s≠v≠t} σ_st(v) / σ_st` over ordered pairs, where `σ_st` counts shortest
    /// paths from `s` to `t` and `σ_st(v)` those through `v`; normalised by `(n−1)(n−2)`
    /// when n > 2, as networkx does for directed graphs. High values mark brokers.
    pub fn betweenness(&self) -> Vec<f64> {
        let n = self.people();
        let mut centrality = vec![0.0; n];
        for s in self.graph.node_indices() {
            // Shortest paths from s by breadth-first search.
            let mut order = Vec::with_capacity(n);
            let mut predecessors: Vec<Vec<usize>> = vec![Vec::new(); n];
            let mut paths = vec![0.0_f64; n];
            let mut distance: Vec<Option<usize>> = vec![None; n];
            paths[s.index()] = 1.0;
            distance[s.index()] = Some(0);
            let mut queue = VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                order.push(v.index());
                let dv = distance[v.index()].unwrap_or(0);
                for w in self.graph.neighbors_directed(v, Direction::Outgoing) {
                    let wi = w.index();
                    if distance[wi].is_none() {
                        distance[wi] = Some(dv + 1);
                        queue.push_back(w);
                    }
                    if distance[wi] == Some(dv + 1) {
                        paths[wi] += paths[v.index()];
                        predecessors[wi].push(v.index());
                    }
                }
            }
            // Dependencies accumulated back from the farthest.
            let mut dependency = vec![0.0_f64; n];
            for &w in order.iter().rev() {
                let coefficient = (1.0 + dependency[w]) / paths[w];
                for &v in &predecessors[w] {
                    dependency[v] += paths[v] * coefficient;
                }
                if w != s.index() {
                    centrality[w] += dependency[w];
                }
            }
        }
        if n > 2 {
            let scale = 1.0 / ((n - 1) * (n - 2)) as f64;
            for c in &mut centrality {
                *c *= scale;
            }
        }
        centrality
    }

    /// Closeness centrality from inward distances (how near the others who reach `u` are),
    /// with the Wasserman–Faust scaling for graphs that are not strongly connected:
    /// `C(u) = (r−1)/Σ_v d(v,u) · (r−1)/(n−1)`, where `r` counts the people who can reach
    /// `u` (u included). 0 when nobody reaches `u`.
    pub fn closeness(&self) -> Vec<f64> {
        let n = self.people();
        let inward = Reversed(&self.graph);
        self.graph
            .node_indices()
            .map(|u| {
                let distances = dijkstra(inward, u, None, |_| 1_usize);
                let total: usize = distances.values().sum();
                if total == 0 || n < 2 {
                    return 0.0;
                }
                let reached = (distances.len() - 1) as f64;
                (reached / total as f64) * (reached / (n - 1) as f64)
            })
            .collect()
    }

    /// Every measure at once.
    pub fn measures(&self) -> NetworkMeasures {
        let in_degree = self.in_degrees();
        let out_degree = self.out_degrees();
        let betweenness = self.betweenness();
        let closeness = self.closeness();
        let people = (0..self.people())
            .map(|i| PersonMeasures {
                in_degree: in_degree[i],
                out_degree: out_degree[i],
                betweenness: betweenness[i],
                closeness: closeness[i],
            })
            .collect();
        NetworkMeasures {
            people_count: self.people(),
            ties: self.ties(),
            density: self.density(),
            reciprocity: self.reciprocity(),
            in_degree_centralisation: self.in_degree_centralisation(),
            isolates: self.isolates(),
            people,
        }
    }
}

/// The measures of one person in a network.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PersonMeasures {
    pub in_degree: usize,
    pub out_degree: usize,
    pub betweenness: f64,
    pub closeness: f64,
}

/// The measures of a network and of each person in it (indexed as the people were).
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkMeasures {
    pub people_count: usize,
    pub ties: usize,
    pub density: f64,
    pub reciprocity: Option<f64>,
    pub in_degree_centralisation: Option<f64>,
    pub isolates: Vec<usize>,
    pub people: Vec<PersonMeasures>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_nomination_is_one_tie() {
        let network = Network::new(2, &[(0, 1), (0, 1)]).unwrap();
        assert_eq!(network.ties(), 1);
        assert_eq!(network.in_degrees(), vec![0, 1]);
    }

    #[test]
    fn naming_oneself_or_a_stranger_is_refused() {
        assert_eq!(
            Network::new(3, &[(0, 1), (2, 2)]).unwrap_err(),
            NetworkError::SelfTie { edge: 1, person: 2 }
        );
        assert_eq!(
            Network::new(3, &[(0, 3)]).unwrap_err(),
            NetworkError::UnknownPerson {
                edge: 0,
                person: 3,
                people: 3
            }
        );
    }

    #[test]
    fn an_empty_or_single_person_network_has_no_undefined_figures() {
        for n in [0, 1] {
            let m = Network::new(n, &[]).unwrap().measures();
            assert_eq!(m.density, 0.0);
            assert_eq!(m.reciprocity, None);
            assert_eq!(m.in_degree_centralisation, None);
            assert!(m.people.iter().all(|p| p.betweenness == 0.0));
        }
    }
}
