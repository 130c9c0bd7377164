//! What leaders see of a school's coaching: cycles open and closed by goal, no one named.
//! A strand of the framework has a row of its own; priorities of the plan share one row,
//! and so do the 360's practices (a leader's goal: a row each would show a single leader).
//!
//! Each figure is shown only when at least k coachees are behind it (or none: an empty
//! cell says only that nobody is there), through [`crate::anonymity`]. No total is shown,
//! so a hidden cell cannot be worked out by subtraction; one coachee can be behind several
//! rows, so shown rows add up to nothing that isolates another.

use std::collections::BTreeSet;

use crate::anonymity::{CellVisibility, Threshold};
use crate::ids::PersonId;
use crate::observation::framework::Framework;

use super::cycle::GoalKind;

/// One cycle as the summary counts it: its goal, its coachee, whether it is open. Nothing
/// else of a cycle reaches the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub goal: GoalKind,
    /// The strand's id for a strand; unused for the other kinds.
    pub key: String,
    pub coachee: PersonId,
    pub open: bool,
}

/// Which row a cycle counts in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Strand(String),
    Priorities,
    Practices,
}

/// A count shown only when enough coachees are behind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    pub visibility: CellVisibility,
    pub cycles: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalRow {
    pub row: Row,
    pub open: Figure,
    pub closed: Figure,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoachingSummary {
    pub rows: Vec<GoalRow>,
    pub threshold: Threshold,
}

fn figure<'a>(cycles: impl Iterator<Item = &'a Counted> + Clone, threshold: Threshold) -> Figure {
    let coachees = cycles
        .clone()
        .map(|c| c.coachee)
        .collect::<BTreeSet<PersonId>>()
        .len() as u32;
    let visibility = if coachees == 0 || threshold.allows(coachees) {
        CellVisibility::Shown
    } else {
        CellVisibility::TooFew
    };
    Figure {
        visibility,
        cycles: visibility.is_shown().then(|| cycles.count() as u32),
    }
}

/// The school's cycles by goal: the framework's strands in order, then priorities, then
/// practices.
pub fn by_goal(framework: &Framework, cycles: &[Counted], threshold: Threshold) -> CoachingSummary {
    let mut rows: Vec<Row> = framework
        .strands()
        .iter()
        .map(|s| Row::Strand(s.id.0.clone()))
        .collect();
    rows.push(Row::Priorities);
    rows.push(Row::Practices);
    let rows = rows
        .into_iter()
        .map(|row| {
            let in_row = cycles.iter().filter(|c| match &row {
                Row::Strand(id) => c.goal == GoalKind::Strand && &c.key == id,
                Row::Priorities => c.goal == GoalKind::Priority,
                Row::Practices => c.goal == GoalKind::Practice,
            });
            GoalRow {
                open: figure(in_row.clone().filter(|c| c.open), threshold),
                closed: figure(in_row.filter(|c| !c.open), threshold),
                row,
            }
        })
        .collect();
    CoachingSummary { rows, threshold }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::framework::built_in;

    fn cycle(goal: GoalKind, key: &str, coachee: i64, open: bool) -> Counted {
        Counted {
            goal,
            key: key.into(),
            coachee: PersonId(coachee),
            open,
        }
    }

    #[test]
    fn a_figure_with_fewer_than_k_coachees_behind_it_is_not_shown() {
        let k = Threshold::new(3).unwrap();
        let mut cycles: Vec<Counted> = (1..=3)
            .map(|p| cycle(GoalKind::Strand, "checking_learning", p, true))
            .collect();
        // One coachee closed a cycle in the strand: too few for that figure.
        cycles.push(cycle(GoalKind::Strand, "checking_learning", 1, false));
        cycles.push(cycle(GoalKind::Practice, "professional_growth", 9, true));
        let summary = by_goal(built_in(), &cycles, k);
        let checking = summary
            .rows
            .iter()
            .find(|r| r.row == Row::Strand("checking_learning".into()))
            .unwrap();
        assert_eq!(checking.open.cycles, Some(3));
        assert_eq!(checking.closed.visibility, CellVisibility::TooFew);
        assert_eq!(checking.closed.cycles, None);
        let practices = summary.rows.last().unwrap();
        assert_eq!(practices.row, Row::Practices);
        assert_eq!(practices.open.visibility, CellVisibility::TooFew);
        assert_eq!(practices.open.cycles, None);
        // An empty cell says only that nobody is there.
        assert_eq!(practices.closed.cycles, Some(0));
        assert_eq!(summary.rows.len(), built_in().strands().len() + 2);
    }

    #[test]
    fn the_threshold_counts_coachees_not_cycles() {
        // Four cycles of one coachee are still one coachee.
        let k = Threshold::new(3).unwrap();
        let cycles: Vec<Counted> = (0..4)
            .map(|_| cycle(GoalKind::Priority, "Mathematics", 5, false))
            .collect();
        let summary = by_goal(built_in(), &cycles, k);
        let priorities = summary
            .rows
            .iter()
            .find(|r| r.row == Row::Priorities)
            .unwrap();
        assert_eq!(priorities.closed.visibility, CellVisibility::TooFew);
        assert_eq!(priorities.closed.cycles, None);
    }
}
