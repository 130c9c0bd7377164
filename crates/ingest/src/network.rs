//! Advice-network edge lists for `headway network`: a CSV with `source` and `target` (who
//! goes to whom for advice) and an optional `topic`, read into one list of ties per topic.
//! See `docs/network.md`.
//!
//! Headings are matched ignoring case. An empty `target` says that `source` answered and
//! named nobody, so they are in the network (perhaps as an isolate) without a tie. Every
//! row is checked; a file with any problem gives its problems and no edges.

use crate::csv_rows::read_rows;
use crate::limits::Limits;
use crate::oneroster::Problem;
use std::collections::HashMap;

/// The ties of one topic (or of the whole file when it has no `topic` column): the people
/// in the order they first appear, and each tie as a pair of positions in `people`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicEdges {
    pub topic: Option<String>,
    pub people: Vec<String>,
    pub edges: Vec<(usize, usize)>,
}

impl TopicEdges {
    fn person(&mut self, index: &mut HashMap<String, usize>, id: &str) -> usize {
        *index.entry(id.to_owned()).or_insert_with(|| {
            self.people.push(id.to_owned());
            self.people.len() - 1
        })
    }
}

/// An edge list as read: whether it had a `topic` column, and its topics in the order
/// they first appear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EdgeList {
    pub has_topics: bool,
    pub topics: Vec<TopicEdges>,
}

/// Reads an edge list from `bytes` (`name` is used in problems).
pub fn read_edge_list(name: &str, bytes: &[u8], limits: &Limits) -> Result<EdgeList, Vec<Problem>> {
    let mut problems: Vec<Problem> = Vec::new();
    let mut positions: Option<(Option<usize>, Option<usize>, Option<usize>)> = None;
    let mut list = EdgeList::default();
    let mut indexes: Vec<HashMap<String, usize>> = Vec::new();
    let mut any_rows = false;
    let result = read_rows(bytes, limits, |headings, row| {
        any_rows = true;
        let (source, target, topic) = *positions.get_or_insert_with(|| {
            let find = |heading: &str| {
                headings
                    .names
                    .iter()
                    .position(|n| n.eq_ignore_ascii_case(heading))
            };
            (find("source"), find("target"), find("topic"))
        });
        if source.is_none() || target.is_none() {
            return;
        }
        let mut text = |position: Option<usize>, heading: &str, required: bool| {
            if row.is_garbled(position) {
                problems.push(Problem::new(
                    name,
                    row.line,
                    heading,
                    crate::reason!("not-utf8"),
                ));
                return None;
            }
            let value = row.get(position);
            if value.is_none() && required {
                problems.push(Problem::new(
                    name,
                    row.line,
                    heading,
                    crate::reason!("required-field-empty"),
                ));
            }
            value
        };
        let source_id = text(source, "source", true);
        let target_id = text(target, "target", false);
        let topic_name = match topic {
            Some(_) => text(topic, "topic", true),
            None => None,
        };
        if topic.is_some() && topic_name.is_none() {
            return;
        }
        let Some(source_id) = source_id else { return };
        if target_id == Some(source_id) {
            problems.push(Problem::new(
                name,
                row.line,
                "target",
                crate::reason!("network-self-tie", person = source_id),
            ));
            return;
        }
        let at = match list
            .topics
            .iter()
            .position(|t| t.topic.as_deref() == topic_name)
        {
            Some(at) => at,
            None => {
                list.topics.push(TopicEdges {
                    topic: topic_name.map(str::to_owned),
                    ..TopicEdges::default()
                });
                indexes.push(HashMap::new());
                list.topics.len() - 1
            }
        };
        let edges = &mut list.topics[at];
        let index = &mut indexes[at];
        let from = edges.person(index, source_id);
        if let Some(target_id) = target_id {
            let to = edges.person(index, target_id);
            edges.edges.push((from, to));
        }
    });
    match result {
        Err(fault) => problems.push(Problem::new(name, fault.line, "", fault.message)),
        Ok(headings) => {
            for heading in ["source", "target"] {
                let present = headings
                    .names
                    .iter()
                    .any(|n| n.eq_ignore_ascii_case(heading));
                if !present {
                    problems.push(Problem::new(
                        name,
                        1,
                        heading,
                        crate::reason!("required-column-missing"),
                    ));
                }
            }
            if !any_rows && problems.is_empty() {
                problems.push(Problem::new(name, 1, "", crate::reason!("network-no-rows")));
            }
        }
    }
    list.has_topics = positions.is_some_and(|p| p.2.is_some());
    if problems.is_empty() {
        Ok(list)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<EdgeList, Vec<String>> {
        read_edge_list("ties.csv", text.as_bytes(), &Limits::default())
            .map_err(|problems| problems.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn ties_are_grouped_by_topic_with_people_in_order_of_appearance() {
        let list =
            read("source,target,topic\nann,bob,maths\nbob,ann,maths\ncat,,behaviour\n").unwrap();
        assert!(list.has_topics);
        assert_eq!(list.topics.len(), 2);
        assert_eq!(list.topics[0].topic.as_deref(), Some("maths"));
        assert_eq!(list.topics[0].people, vec!["ann", "bob"]);
        assert_eq!(list.topics[0].edges, vec![(0, 1), (1, 0)]);
        assert_eq!(list.topics[1].people, vec!["cat"]);
        assert!(list.topics[1].edges.is_empty());
    }

    #[test]
    fn every_bad_row_is_named_by_line_and_column() {
        let problems = read("Source,Target\nann,ann\n,bob\nbob,cat\n").unwrap_err();
        assert_eq!(
            problems,
            vec![
                "ties.csv, line 2, column target: ann names themselves; a person cannot ask themselves for advice",
                "ties.csv, line 3, column source: a required field is empty",
            ]
        );
    }

    #[test]
    fn a_file_without_a_target_column_is_refused() {
        let problems = read("source,topic\nann,maths\n").unwrap_err();
        assert_eq!(
            problems,
            vec!["ties.csv, line 1, column target: the required column is missing"]
        );
    }

    #[test]
    fn a_file_with_headings_only_is_refused() {
        let problems = read("source,target\n").unwrap_err();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("no ties"), "{problems:?}");
    }
}
