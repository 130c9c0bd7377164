//! What leaders see of a school's CPD: hours by plan priority (coherence) and by framework
//! strand — never one person's figures. Both are tables of a shown total and the cells it
//! is made of, so both go through [`crate::anonymity`]: each shown cell rests on at least
//! k people, and while the hidden cells together rest on fewer than k, the next-smallest
//! shown cell is hidden too (complementary suppression), so the total minus the shown
//! cells gives nobody away. People, not activities, are counted against k.
//!
//! The cells of each table partition the hours exactly: an activity counts for its one
//! priority (or "not linked to a priority"), and its hours are shared equally among its
//! strands (or "no strand"), so each table's cells add up to the total.
//!
//! The two tables are shown together (the school's CPD summary, a priority's page), so
//! [`tables`] decides them together: a figure one table hides must not follow from the
//! other's shown figures either (`anonymity::joint`).
//!
//! A priority's page shows one row of the coherence table as that table decides it, and
//! the observations focused on the priority by strand, where a strand's figures show only
//! when both the focused part and the rest of that strand rest on k teachers (or none),
//! so the school's summary by strand minus the priority's figures gives no one away.

use std::collections::BTreeSet;

use crate::anonymity::joint::{CrossCell, hide_what_tables_give_away_together};
use crate::anonymity::{CellVisibility, Threshold, overlapping_cells_to_show};
use crate::ids::PersonId;
use crate::observation::Kind as ObservationKind;
use crate::observation::framework::Framework;

/// One activity as the summaries count it: whose, how long, which priority (by lineage,
/// the same across a plan's versions), which strands. Nothing else reaches the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub person: PersonId,
    pub minutes: u32,
    pub priority: Option<i64>,
    pub strands: Vec<String>,
}

/// A cell's figures, present only when shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub visibility: CellVisibility,
    pub hours: Option<f64>,
    pub activities: Option<u32>,
    pub people: Option<u32>,
}

impl Cell {
    fn decided(visibility: CellVisibility, minutes: f64, activities: u32, people: u32) -> Cell {
        let shown = visibility.is_shown();
        Cell {
            visibility,
            hours: shown.then_some(minutes / 60.0),
            activities: shown.then_some(activities),
            people: shown.then_some(people),
        }
    }
}

/// Which cells of a table over `total` people may be shown, each cell resting on
/// `people[i]` and `union(cells)` counting the distinct people behind cells together.
fn decide(
    total: u32,
    people: &[u32],
    threshold: Threshold,
    union: impl Fn(&[usize]) -> u32,
) -> (CellVisibility, Vec<CellVisibility>) {
    if total > 0 && !threshold.allows(total) {
        return (
            CellVisibility::TooFew,
            vec![CellVisibility::TooFew; people.len()],
        );
    }
    (
        CellVisibility::Shown,
        overlapping_cells_to_show(people, threshold, union),
    )
}

fn distinct(people: impl Iterator<Item = PersonId>) -> u32 {
    people.collect::<BTreeSet<_>>().len() as u32
}

/// CPD time by the plan's priorities: one row per priority, then the row of activities
/// linked to none of them.
#[derive(Debug, Clone, PartialEq)]
pub struct Coherence {
    pub total: Cell,
    /// (priority lineage, or `None` for "not linked to a priority of this plan", its cell)
    pub rows: Vec<(Option<i64>, Cell)>,
    /// The share of hours linked to a priority, when it gives no hidden row away: shown
    /// only with the "not linked" row, since it is the total minus that row.
    pub aligned_share: Option<f64>,
    pub threshold: Threshold,
}

impl Coherence {
    /// One priority's row.
    pub fn priority(&self, lineage: i64) -> Option<&Cell> {
        self.rows
            .iter()
            .find(|(p, _)| *p == Some(lineage))
            .map(|(_, c)| c)
    }
}

/// The school's CPD by `priorities` (lineages, in the plan's order).
fn coherence(priorities: &[i64], records: &[Counted], threshold: Threshold) -> Coherence {
    // The row each record falls in: its priority's index, or the last row.
    let row_of = |r: &Counted| {
        r.priority
            .and_then(|p| priorities.iter().position(|q| *q == p))
            .unwrap_or(priorities.len())
    };
    let rows = priorities.len() + 1;
    let in_rows = |rows: &[usize]| -> Vec<&Counted> {
        records
            .iter()
            .filter(|r| rows.contains(&row_of(r)))
            .collect()
    };
    let people: Vec<u32> = (0..rows)
        .map(|i| distinct(in_rows(&[i]).into_iter().map(|r| r.person)))
        .collect();
    let total_people = distinct(records.iter().map(|r| r.person));
    let (total_visibility, visibility) = decide(total_people, &people, threshold, |cells| {
        distinct(in_rows(cells).into_iter().map(|r| r.person))
    });
    let minutes = |cells: &[usize]| {
        in_rows(cells)
            .into_iter()
            .map(|r| f64::from(r.minutes))
            .sum::<f64>()
    };
    let all_minutes: f64 = records.iter().map(|r| f64::from(r.minutes)).sum();
    let cells: Vec<(Option<i64>, Cell)> = (0..rows)
        .map(|i| {
            (
                priorities.get(i).copied(),
                Cell::decided(
                    visibility[i],
                    minutes(&[i]),
                    in_rows(&[i]).len() as u32,
                    people[i],
                ),
            )
        })
        .collect();
    let not_linked_shown = visibility[rows - 1].is_shown();
    let aligned_share = (total_visibility.is_shown() && not_linked_shown && all_minutes > 0.0)
        .then(|| (all_minutes - minutes(&[rows - 1])) / all_minutes);
    Coherence {
        total: Cell::decided(
            total_visibility,
            all_minutes,
            records.len() as u32,
            total_people,
        ),
        rows: cells,
        aligned_share,
        threshold,
    }
}

/// CPD time by framework strand, in the framework's order, then "no strand".
#[derive(Debug, Clone, PartialEq)]
pub struct ByStrand {
    pub total: Cell,
    /// (strand id, or `None` for activities linked to no strand, its cell)
    pub rows: Vec<(Option<String>, Cell)>,
    pub threshold: Threshold,
}

fn by_strand(framework: &Framework, records: &[Counted], threshold: Threshold) -> ByStrand {
    let strands: Vec<&str> = framework
        .strands()
        .iter()
        .map(|s| s.id.0.as_str())
        .collect();
    let rows = strands.len() + 1;
    // The rows a record falls in: each of its strands, or the last row.
    let rows_of = |r: &Counted| -> Vec<usize> {
        let mine: Vec<usize> = r
            .strands
            .iter()
            .filter_map(|s| strands.iter().position(|q| q == s))
            .collect();
        if mine.is_empty() {
            vec![rows - 1]
        } else {
            mine
        }
    };
    let in_rows = |cells: &[usize]| -> Vec<&Counted> {
        records
            .iter()
            .filter(|r| rows_of(r).iter().any(|i| cells.contains(i)))
            .collect()
    };
    let people: Vec<u32> = (0..rows)
        .map(|i| distinct(in_rows(&[i]).into_iter().map(|r| r.person)))
        .collect();
    let total_people = distinct(records.iter().map(|r| r.person));
    let (total_visibility, visibility) = decide(total_people, &people, threshold, |cells| {
        distinct(in_rows(cells).into_iter().map(|r| r.person))
    });
    // An activity's hours are shared equally among its strands.
    let minutes = |i: usize| {
        in_rows(&[i])
            .into_iter()
            .map(|r| f64::from(r.minutes) / rows_of(r).len() as f64)
            .sum::<f64>()
    };
    let all_minutes: f64 = records.iter().map(|r| f64::from(r.minutes)).sum();
    ByStrand {
        total: Cell::decided(
            total_visibility,
            all_minutes,
            records.len() as u32,
            total_people,
        ),
        rows: (0..rows)
            .map(|i| {
                (
                    strands.get(i).map(|s| (*s).to_owned()),
                    Cell::decided(
                        visibility[i],
                        minutes(i),
                        in_rows(&[i]).len() as u32,
                        people[i],
                    ),
                )
            })
            .collect(),
        threshold,
    }
}

/// Where an activity falls: its priority row, and its strand rows.
type Pattern = (usize, Vec<usize>);

/// Both tables, decided together: each by its own rule, then whatever a hidden cell of
/// either would give away beside the other's shown cells is hidden too. Every page that
/// shows a figure of either table takes it from here.
pub fn tables(
    priorities: &[i64],
    framework: &Framework,
    records: &[Counted],
    threshold: Threshold,
) -> (Coherence, ByStrand) {
    let mut by_priority = coherence(priorities, records, threshold);
    let mut by_strand = by_strand(framework, records, threshold);
    let strands: Vec<&str> = framework
        .strands()
        .iter()
        .map(|s| s.id.0.as_str())
        .collect();
    // The unknowns: one per pattern of (priority row, strand rows) — activities alike in
    // every figure are one unknown, their hours (or their number) summed.
    let pattern = |r: &Counted| -> Pattern {
        let row = r
            .priority
            .and_then(|p| priorities.iter().position(|q| *q == p))
            .unwrap_or(priorities.len());
        let mut mine: Vec<usize> = r
            .strands
            .iter()
            .filter_map(|s| strands.iter().position(|q| q == s))
            .collect();
        if mine.is_empty() {
            mine.push(strands.len());
        }
        (row, mine)
    };
    let patterns: Vec<Pattern> = records
        .iter()
        .map(pattern)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let people_where = |keep: &dyn Fn(&Pattern) -> bool| {
        distinct(
            records
                .iter()
                .filter(|r| keep(&pattern(r)))
                .map(|r| r.person),
        )
    };
    let mut cells = Vec::new();
    for row in 0..by_priority.rows.len() {
        let indicator: Vec<f64> = patterns
            .iter()
            .map(|(p, _)| if *p == row { 1.0 } else { 0.0 })
            .collect();
        cells.push(CrossCell {
            table: 0,
            people: people_where(&|(p, _)| *p == row),
            quantities: vec![indicator.clone(), indicator],
        });
    }
    for row in 0..by_strand.rows.len() {
        let share: Vec<f64> = patterns
            .iter()
            .map(|(_, s)| match s.contains(&row) {
                true => 1.0 / s.len() as f64,
                false => 0.0,
            })
            .collect();
        let counted: Vec<f64> = patterns
            .iter()
            .map(|(_, s)| if s.contains(&row) { 1.0 } else { 0.0 })
            .collect();
        cells.push(CrossCell {
            table: 1,
            people: people_where(&|(_, s)| s.contains(&row)),
            quantities: vec![share, counted],
        });
    }
    let mut visibility: Vec<CellVisibility> = by_priority
        .rows
        .iter()
        .map(|(_, c)| c.visibility)
        .chain(by_strand.rows.iter().map(|(_, c)| c.visibility))
        .collect();
    let totals: Vec<Vec<Vec<f64>>> = match by_priority.total.visibility.is_shown() {
        true => vec![vec![vec![1.0; patterns.len()]; 2]],
        false => Vec::new(),
    };
    hide_what_tables_give_away_together(&cells, &totals, &mut visibility);
    let hide = |cell: &mut Cell, visibility: CellVisibility| {
        if cell.visibility.is_shown() && !visibility.is_shown() {
            *cell = Cell {
                visibility,
                hours: None,
                activities: None,
                people: None,
            };
        }
    };
    let (mine, theirs) = visibility.split_at(by_priority.rows.len());
    for ((_, cell), v) in by_priority.rows.iter_mut().zip(mine) {
        hide(cell, *v);
    }
    for ((_, cell), v) in by_strand.rows.iter_mut().zip(theirs) {
        hide(cell, *v);
    }
    if by_priority
        .rows
        .last()
        .is_some_and(|(_, c)| !c.visibility.is_shown())
    {
        by_priority.aligned_share = None;
    }
    (by_priority, by_strand)
}

/// An observation as a priority's page counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focused {
    pub strand: String,
    pub teacher: PersonId,
    pub kind: ObservationKind,
    /// The lineage of the priority it was focused on, if any.
    pub priority: Option<i64>,
}

/// Observations focused on a priority, in one strand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusRow {
    pub strand: String,
    pub visibility: CellVisibility,
    pub observations: Option<u32>,
    pub teachers: Option<u32>,
}

/// The school's observations focused on `priority`, by strand of `framework`. A strand's
/// row shows when the focused observations and the strand's others each rest on k
/// teachers or none; strands with no focused observation are left out.
pub fn observation_focus(
    framework: &Framework,
    records: &[Focused],
    priority: i64,
    threshold: Threshold,
) -> Vec<FocusRow> {
    framework
        .strands()
        .iter()
        .filter_map(|strand| {
            let in_strand: Vec<&Focused> =
                records.iter().filter(|r| r.strand == strand.id.0).collect();
            let part = |focused: bool| {
                in_strand
                    .iter()
                    .filter(move |r| (r.priority == Some(priority)) == focused)
            };
            let focused = part(true).count() as u32;
            if focused == 0 {
                return None;
            }
            let teachers_of = |cells: &[usize]| {
                distinct(
                    cells
                        .iter()
                        .flat_map(|&i| part(i == 0).map(|r| r.teacher))
                        .collect::<Vec<_>>()
                        .into_iter(),
                )
            };
            let people = [teachers_of(&[0]), teachers_of(&[1])];
            let (total, cells) = decide(teachers_of(&[0, 1]), &people, threshold, teachers_of);
            let visibility = if total.is_shown() {
                cells[0]
            } else {
                CellVisibility::TooFew
            };
            let shown = visibility.is_shown();
            Some(FocusRow {
                strand: strand.id.0.clone(),
                visibility,
                observations: shown.then_some(focused),
                teachers: shown.then_some(people[0]),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observation::framework::built_in;

    fn k(value: u8) -> Threshold {
        Threshold::new(value).unwrap()
    }

    fn activity(person: i64, minutes: u32, priority: Option<i64>, strands: &[&str]) -> Counted {
        Counted {
            person: PersonId(person),
            minutes,
            priority,
            strands: strands.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn coherence_splits_the_hours_between_priorities_and_the_rest() {
        // Five people on priority 1, four on nothing; k = 3.
        let mut records: Vec<Counted> = (1..=5)
            .map(|p| activity(p, 120, Some(1), &["dialogue"]))
            .collect();
        records.extend((6..=9).map(|p| activity(p, 60, None, &[])));
        let found = coherence(&[1, 2], &records, k(3));
        assert_eq!(found.total.hours, Some(14.0));
        assert_eq!(found.total.people, Some(9));
        let one = found.priority(1).unwrap();
        assert_eq!((one.hours, one.people), (Some(10.0), Some(5)));
        // An empty priority shows as nothing spent on it.
        assert_eq!(found.priority(2).unwrap().hours, Some(0.0));
        assert_eq!(found.rows[2].1.hours, Some(4.0));
        assert!((found.aligned_share.unwrap() - 10.0 / 14.0).abs() < 1e-12);
    }

    #[test]
    fn a_small_priority_row_is_hidden_and_so_is_the_next_smallest_so_the_total_gives_nothing_away()
    {
        // Priority 2 has two people: hidden. With the total shown, hiding it alone would let
        // total − shown rows give those two away, so the smallest shown row goes too.
        let mut records: Vec<Counted> = (1..=6).map(|p| activity(p, 60, Some(1), &[])).collect();
        records.extend((7..=8).map(|p| activity(p, 600, Some(2), &[])));
        records.extend((9..=12).map(|p| activity(p, 30, None, &[])));
        let found = coherence(&[1, 2], &records, k(3));
        assert_eq!(found.total.visibility, CellVisibility::Shown);
        assert_eq!(found.rows[1].1.visibility, CellVisibility::TooFew);
        assert_eq!(found.rows[1].1.hours, None);
        assert_eq!(
            found.rows[2].1.visibility,
            CellVisibility::WouldRevealSmallerGroup
        );
        assert_eq!(found.rows[0].1.hours, Some(6.0));
        // The share of hours on priorities would be the total minus the hidden "not
        // linked" row: not shown.
        assert_eq!(found.aligned_share, None);
    }

    #[test]
    fn too_few_people_in_all_hides_every_figure() {
        let records: Vec<Counted> = (1..=2).map(|p| activity(p, 60, Some(1), &[])).collect();
        let found = coherence(&[1], &records, k(3));
        assert_eq!(found.total.visibility, CellVisibility::TooFew);
        assert!(found.rows.iter().all(|(_, c)| c.hours.is_none()));
        assert_eq!(found.aligned_share, None);
        // Nothing logged says only that: zeros, shown.
        let none = coherence(&[1], &[], k(3));
        assert_eq!(none.total.hours, Some(0.0));
        assert_eq!(none.aligned_share, None);
    }

    #[test]
    fn one_persons_many_activities_are_still_one_person() {
        let mut records: Vec<Counted> = (0..10).map(|_| activity(1, 60, Some(1), &[])).collect();
        records.extend((2..=5).map(|p| activity(p, 60, None, &[])));
        let found = coherence(&[1], &records, k(3));
        assert_eq!(found.rows[0].1.visibility, CellVisibility::TooFew);
    }

    #[test]
    fn an_activitys_hours_are_shared_among_its_strands_so_the_strands_add_up_to_the_total() {
        let records: Vec<Counted> = (1..=4)
            .map(|p| activity(p, 120, None, &["dialogue", "checking_learning"]))
            .chain((5..=8).map(|p| activity(p, 60, None, &[])))
            .collect();
        let found = by_strand(built_in(), &records, k(3));
        let row = |id: Option<&str>| {
            &found
                .rows
                .iter()
                .find(|(s, _)| s.as_deref() == id)
                .unwrap()
                .1
        };
        assert_eq!(row(Some("dialogue")).hours, Some(4.0));
        assert_eq!(row(Some("checking_learning")).hours, Some(4.0));
        assert_eq!(row(None).hours, Some(4.0));
        let shown: f64 = found.rows.iter().filter_map(|(_, c)| c.hours).sum();
        assert_eq!(Some(shown), found.total.hours);
    }

    #[test]
    fn a_strand_with_too_few_people_is_hidden_with_its_complement() {
        let records: Vec<Counted> = (1..=5)
            .map(|p| activity(p, 60, None, &["dialogue"]))
            .chain([activity(6, 300, None, &["clear_goals"])])
            .chain((7..=10).map(|p| activity(p, 60, None, &[])))
            .collect();
        let found = by_strand(built_in(), &records, k(3));
        let hidden: Vec<&Option<String>> = found
            .rows
            .iter()
            .filter(|(_, c)| !c.visibility.is_shown())
            .map(|(s, _)| s)
            .collect();
        assert!(hidden.contains(&&Some("clear_goals".to_owned())));
        assert_eq!(hidden.len(), 2, "one more row hidden beside it: {hidden:?}");
        // Whatever is hidden together rests on at least k people.
        let behind: BTreeSet<i64> = records
            .iter()
            .filter(|r| {
                let strand = r.strands.first().cloned();
                hidden.contains(&&strand)
            })
            .map(|r| r.person.0)
            .collect();
        assert!(behind.len() >= 3);
    }

    #[test]
    fn a_strand_that_is_one_priority_does_not_give_the_hidden_priorities_away() {
        // The head ran every session and knows which strands each was on. Priority 1:
        // ten people on "dialogue" only; priority 2: two people on "clear_goals"; not
        // linked: twelve on "checking_learning". The priority table hides priority 2 (too
        // few) and priority 1 beside it; on its own the strand table would show
        // "dialogue" — priority 1's hours exactly — and the total less it and "not linked"
        // would be the two people's hours. (Not linked: six on "checking_learning", six
        // on "every_pupil".)
        let records: Vec<Counted> = (1..=10)
            .map(|p| activity(p, 60, Some(1), &["dialogue"]))
            .chain((11..=12).map(|p| activity(p, 600, Some(2), &["clear_goals"])))
            .chain((13..=18).map(|p| activity(p, 30, None, &["checking_learning"])))
            .chain((19..=24).map(|p| activity(p, 30, None, &["every_pupil"])))
            .collect();
        let alone = by_strand(built_in(), &records, k(3));
        let dialogue_alone = alone
            .rows
            .iter()
            .find(|(s, _)| s.as_deref() == Some("dialogue"));
        assert!(
            dialogue_alone.unwrap().1.visibility.is_shown(),
            "the leak this test is about"
        );
        let (by_priority, by_strand) = tables(&[1, 2], built_in(), &records, k(3));
        assert!(!by_priority.rows[1].1.visibility.is_shown());
        let hours = |rows: &[Option<f64>]| rows.iter().flatten().sum::<f64>();
        let total = by_priority.total.hours.unwrap();
        let shown_priorities: Vec<Option<f64>> =
            by_priority.rows.iter().map(|(_, c)| c.hours).collect();
        let dialogue = by_strand
            .rows
            .iter()
            .find(|(s, _)| s.as_deref() == Some("dialogue"))
            .unwrap()
            .1
            .hours;
        // Whatever stays shown, the two people's 20 hours are not the total less the rest.
        let derived = total - hours(&shown_priorities) - dialogue.unwrap_or(0.0);
        assert!(
            (derived - 20.0).abs() > 1e-9,
            "{by_priority:?} {by_strand:?}"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// The attacker: knowing every activity's priority and strands (not its hours or
        /// its person), nothing either table hides — hours or number of activities — can
        /// be solved for from the shown figures of both tables together.
        #[test]
        fn nothing_hidden_follows_from_both_tables_together(
            spec in proptest::collection::vec(
                (1i64..=14, 30u32..=600, 0usize..=3, proptest::collection::btree_set(0usize..=3, 0..=2)),
                1..=40,
            ),
            kv in 3u8..=5,
        ) {
            use crate::anonymity::attack::derivable;
            let names = ["clear_goals", "dialogue", "checking_learning", "every_pupil"];
            let records: Vec<Counted> = spec
                .iter()
                .map(|(person, minutes, priority, strands)| {
                    let priority = (*priority < 3).then_some(*priority as i64 + 1);
                    let strands: Vec<&str> = strands.iter().map(|&i| names[i]).collect();
                    activity(*person, *minutes, priority, &strands)
                })
                .collect();
            let priorities = [1, 2, 3];
            let (by_priority, by_strand) = tables(&priorities, built_in(), &records, k(kv));
            let all_strands: Vec<&str> =
                built_in().strands().iter().map(|s| s.id.0.as_str()).collect();
            // One unknown per activity.
            let priority_row = |r: &Counted| {
                r.priority
                    .and_then(|p| priorities.iter().position(|q| *q == p))
                    .unwrap_or(priorities.len())
            };
            let strand_rows = |r: &Counted| -> Vec<usize> {
                let mine: Vec<usize> = r
                    .strands
                    .iter()
                    .filter_map(|s| all_strands.iter().position(|q| q == s))
                    .collect();
                if mine.is_empty() { vec![all_strands.len()] } else { mine }
            };
            let people_in = |keep: &dyn Fn(&Counted) -> bool| {
                records.iter().filter(|r| keep(r)).map(|r| r.person).collect::<BTreeSet<_>>().len() as u32
            };
            // (small and so to protect, shown, hours row, count row) per cell of both tables.
            let small = |n: u32| n > 0 && n < u32::from(kv);
            let mut cells: Vec<(bool, bool, Vec<f64>, Vec<f64>)> = Vec::new();
            for (i, (_, cell)) in by_priority.rows.iter().enumerate() {
                let row: Vec<f64> = records
                    .iter()
                    .map(|r| if priority_row(r) == i { 1.0 } else { 0.0 })
                    .collect();
                proptest::prop_assert!(
                    !cell.visibility.is_shown()
                        || cell.people.is_none_or(|n| n == 0 || n >= u32::from(kv))
                );
                let n = people_in(&|r| priority_row(r) == i);
                cells.push((small(n), cell.visibility.is_shown(), row.clone(), row));
            }
            for (j, (_, cell)) in by_strand.rows.iter().enumerate() {
                let hours: Vec<f64> = records
                    .iter()
                    .map(|r| {
                        let rows = strand_rows(r);
                        if rows.contains(&j) { 1.0 / rows.len() as f64 } else { 0.0 }
                    })
                    .collect();
                let count: Vec<f64> = records
                    .iter()
                    .map(|r| if strand_rows(r).contains(&j) { 1.0 } else { 0.0 })
                    .collect();
                let n = people_in(&|r| strand_rows(r).contains(&j));
                cells.push((small(n), cell.visibility.is_shown(), hours, count));
            }
            let total_shown = by_priority.total.visibility.is_shown();
            for quantity in 0..2 {
                let mut equations: Vec<Vec<f64>> = Vec::new();
                if total_shown {
                    equations.push(vec![1.0; records.len()]);
                }
                for (_, shown, hours, count) in &cells {
                    if *shown {
                        equations.push(if quantity == 0 { hours.clone() } else { count.clone() });
                    }
                }
                for (small, shown, hours, count) in &cells {
                    let target = if quantity == 0 { hours } else { count };
                    proptest::prop_assert!(!(*small && *shown), "a small cell shown");
                    if *small {
                        proptest::prop_assert!(
                            !derivable(&equations, target),
                            "small hidden cell {target:?} follows from {equations:?}"
                        );
                    }
                }
            }
        }
    }

    fn focused(strand: &str, teacher: i64, priority: Option<i64>) -> Focused {
        Focused {
            strand: strand.into(),
            teacher: PersonId(teacher),
            kind: ObservationKind::LearningWalk,
            priority,
        }
    }

    #[test]
    fn a_priority_shows_its_observation_strands_only_when_neither_part_gives_anyone_away() {
        let mut records: Vec<Focused> = (1..=4).map(|t| focused("dialogue", t, Some(7))).collect();
        records.extend((5..=8).map(|t| focused("dialogue", t, None)));
        // Checking learning: four focused, one not — the school's count minus the
        // priority's would describe that one teacher.
        records.extend((1..=4).map(|t| focused("checking_learning", t, Some(7))));
        records.push(focused("checking_learning", 9, None));
        let rows = observation_focus(built_in(), &records, 7, k(3));
        let row = |id: &str| rows.iter().find(|r| r.strand == id).unwrap();
        assert_eq!(row("dialogue").observations, Some(4));
        assert_eq!(row("dialogue").teachers, Some(4));
        assert_eq!(
            row("checking_learning").visibility,
            CellVisibility::WouldRevealSmallerGroup
        );
        assert_eq!(row("checking_learning").observations, None);
        assert!(rows.iter().all(|r| r.strand != "clear_goals"));
    }
}
