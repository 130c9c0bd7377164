//! Which figures of a table may be shown, cell by cell: the threshold, then complementary
//! suppression (the second of the two steps in [`crate::anonymity`]).
//!
//! A table here is a **total** and the cells it is made of. Whoever sees the total and
//! every shown cell can subtract: the total minus the shown cells describes the people
//! behind the hidden cells together. So, as statistical offices do:
//! 1. **Threshold**: a cell is shown only when at least k people are behind it (or none:
//!    an empty cell).
//! 2. **Complementary suppression**: while the people behind the hidden cells together
//!    (with anyone counted in the total but in no cell) number between 1 and k−1, the
//!    shown cell with the fewest people is hidden too.
//!
//! What is left: every shown cell rests on at least k people, and so does whatever can be
//! derived from the shown cells and the total (checked by linear algebra in the tests).

use serde::Serialize;

use super::Threshold;

/// What may be shown of one cell, and why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellVisibility {
    Shown,
    /// Fewer than k people are behind it.
    TooFew,
    /// At least k people are behind it, but with the total and the other shown cells it
    /// would give away a smaller, hidden group.
    WouldRevealSmallerGroup,
}

impl CellVisibility {
    pub fn is_shown(self) -> bool {
        self == CellVisibility::Shown
    }
}

/// A total and the disjoint parts it is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartitionDisclosure {
    pub total: CellVisibility,
    pub parts: Vec<CellVisibility>,
}

/// For a total of `total` people split into disjoint `parts` (people in the total but in
/// no part — pupils with no recorded group, respondents of a group with no row — are a
/// part that is never shown): what may be shown.
pub fn partition_to_show(total: u32, parts: &[u32], threshold: Threshold) -> PartitionDisclosure {
    let in_no_part = total.saturating_sub(parts.iter().sum());
    if !threshold.allows(total) {
        return PartitionDisclosure {
            total: CellVisibility::TooFew,
            parts: vec![CellVisibility::TooFew; parts.len()],
        };
    }
    let start = first_rule(parts, threshold);
    let parts = complementary_suppression(parts, start, threshold, |hidden| {
        in_no_part + hidden.iter().map(|&i| parts[i]).sum::<u32>()
    });
    PartitionDisclosure {
        total: CellVisibility::Shown,
        parts,
    }
}

/// For a second figure of a partition already decided (contextual value added beside
/// simple value added, each group's pupils counted afresh because the two figures rest on
/// different pupils): `parts` are the people behind this figure's cells, `beside` what was
/// decided for the first figure. A cell hidden there stays hidden here, for the same
/// reason, so this figure never shows a group the other hides; then rules 1 and 2 run on
/// this figure's own counts.
pub fn partition_to_show_beside(
    total: u32,
    parts: &[u32],
    beside: &[CellVisibility],
    threshold: Threshold,
) -> PartitionDisclosure {
    let in_no_part = total.saturating_sub(parts.iter().sum());
    if !threshold.allows(total) {
        return PartitionDisclosure {
            total: CellVisibility::TooFew,
            parts: vec![CellVisibility::TooFew; parts.len()],
        };
    }
    let start = first_rule(parts, threshold)
        .into_iter()
        .zip(
            beside
                .iter()
                .copied()
                .chain(std::iter::repeat(CellVisibility::Shown)),
        )
        .map(|(own, other)| if other.is_shown() { own } else { other })
        .collect();
    let parts = complementary_suppression(parts, start, threshold, |hidden| {
        in_no_part + hidden.iter().map(|&i| parts[i]).sum::<u32>()
    });
    PartitionDisclosure {
        total: CellVisibility::Shown,
        parts,
    }
}

/// Rule 1: each cell with fewer than k people behind it is hidden. An empty cell says
/// only that nobody is in it: shown.
fn first_rule(people: &[u32], threshold: Threshold) -> Vec<CellVisibility> {
    people
        .iter()
        .map(|&n| match n == 0 || threshold.allows(n) {
            true => CellVisibility::Shown,
            false => CellVisibility::TooFew,
        })
        .collect()
}

/// For cells whose total can always be worked out (the answers given to a question: as
/// many as people asked) and where one person may be behind several cells (one person's
/// answers to several items): what may be shown. `people[i]` is the people behind cell
/// i; `people_behind(cells)` the distinct people behind those cells together.
pub fn overlapping_cells_to_show(
    people: &[u32],
    threshold: Threshold,
    people_behind: impl Fn(&[usize]) -> u32,
) -> Vec<CellVisibility> {
    complementary_suppression(
        people,
        first_rule(people, threshold),
        threshold,
        people_behind,
    )
}

/// Rule 2 for cells beside a shown total, from `visibility` after rule 1.
/// `behind_hidden(cells)` counts the distinct people behind those hidden cells together
/// with anyone in no cell.
fn complementary_suppression(
    people: &[u32],
    mut visibility: Vec<CellVisibility>,
    threshold: Threshold,
    behind_hidden: impl Fn(&[usize]) -> u32,
) -> Vec<CellVisibility> {
    loop {
        let hidden: Vec<usize> = (0..people.len())
            .filter(|&i| !visibility[i].is_shown())
            .collect();
        let derivable = behind_hidden(&hidden);
        if derivable == 0 || threshold.allows(derivable) {
            return visibility;
        }
        // The fewest people first (hiding an empty cell would add nobody); ties go to the
        // later cell, so a table's first rows stay.
        let next = (0..people.len())
            .filter(|&i| visibility[i].is_shown() && people[i] > 0)
            .min_by_key(|&i| (people[i], std::cmp::Reverse(i)));
        match next {
            Some(i) => visibility[i] = CellVisibility::WouldRevealSmallerGroup,
            // Unreachable for a shown total of at least k people: hiding every cell leaves
            // the total itself.
            None => return visibility,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::attack::derivable;
    use super::*;
    use CellVisibility::*;
    use proptest::prelude::*;

    fn k(value: u8) -> Threshold {
        Threshold::new(value).unwrap()
    }

    #[test]
    fn a_single_hidden_part_beside_the_total_hides_the_next_smallest_part() {
        // The testers' SEN table: 32 without SEN, 7 with support, 1 with a plan, k = 6.
        let shown = partition_to_show(40, &[32, 7, 1], k(6));
        assert_eq!(shown.total, Shown);
        assert_eq!(shown.parts, vec![Shown, WouldRevealSmallerGroup, TooFew]);
    }

    #[test]
    fn people_in_no_part_count_as_hidden() {
        // Three pupils have no recorded gender: showing both genders beside the total
        // would give the three away.
        let shown = partition_to_show(40, &[20, 17], k(6));
        assert_eq!(shown.parts, vec![Shown, WouldRevealSmallerGroup]);
        // Six or more in no part are enough on their own.
        let shown = partition_to_show(40, &[20, 14], k(6));
        assert_eq!(shown.parts, vec![Shown, Shown]);
    }

    #[test]
    fn a_total_below_k_hides_everything() {
        let shown = partition_to_show(4, &[4], k(5));
        assert_eq!(shown.total, TooFew);
        assert_eq!(shown.parts, vec![TooFew]);
    }

    #[test]
    fn hidden_parts_that_together_reach_k_need_no_complement() {
        let shown = partition_to_show(30, &[20, 3, 2, 5], k(5));
        assert_eq!(shown.parts, vec![Shown, TooFew, TooFew, Shown]);
    }

    #[test]
    fn a_second_figure_hides_what_the_first_hides_then_checks_its_own_counts() {
        // Simple value added: 32 without SEN, 7 with support, 1 with a plan.
        let simple = partition_to_show(40, &[32, 7, 1], k(6));
        // Contextual: the pupil with a plan has no recorded gender, so is in no cell; the
        // support group has 7 pupils with context, enough on its own, but stays hidden.
        let contextual = partition_to_show_beside(39, &[32, 7, 0], &simple.parts, k(6));
        assert_eq!(
            contextual.parts,
            vec![Shown, WouldRevealSmallerGroup, TooFew]
        );
        // Both shown for simple value added; 3 pupils without context make the smaller
        // contextual cell give them away.
        let simple = partition_to_show(40, &[20, 14], k(6));
        assert_eq!(simple.parts, vec![Shown, Shown]);
        let contextual = partition_to_show_beside(37, &[20, 14], &simple.parts, k(6));
        assert_eq!(contextual.parts, vec![Shown, WouldRevealSmallerGroup]);
    }

    #[test]
    fn overlapping_cells_count_each_person_once() {
        // Answers on a five-point scale: the two answers of 1 come from one person, who
        // is also one of the five behind the answers of 2; everyone else answered 3.
        let people = [1, 5, 8];
        let shown = overlapping_cells_to_show(&people, k(5), |cells| match cells {
            [] => 0,
            [0] => 1,
            _ => 9,
        });
        assert_eq!(shown, vec![TooFew, WouldRevealSmallerGroup, Shown]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Unknowns are each part's sum (and the sum of those in no part). The total and
        /// every shown part are equations in them; no set of parts with 1 to k−1 people
        /// together may have its sum solved for.
        #[test]
        fn no_group_below_k_can_be_solved_for(
            parts in prop::collection::vec(0u32..12, 1..6),
            in_no_part in 0u32..5,
            threshold in 3u8..7,
        ) {
            let total = parts.iter().sum::<u32>() + in_no_part;
            let shown = partition_to_show(total, &parts, k(threshold));
            let mut sizes = parts.clone();
            sizes.push(in_no_part);
            let unknowns = sizes.len();
            let mut equations: Vec<Vec<f64>> = Vec::new();
            if shown.total.is_shown() {
                equations.push(vec![1.0; unknowns]);
            }
            for (i, visibility) in shown.parts.iter().enumerate() {
                if visibility.is_shown() {
                    prop_assert!(parts[i] == 0 || parts[i] >= u32::from(threshold));
                    let mut row = vec![0.0; unknowns];
                    row[i] = 1.0;
                    equations.push(row);
                }
            }
            for subset in 1..(1u32 << unknowns) {
                let members: Vec<usize> = (0..unknowns).filter(|i| subset & (1 << i) != 0).collect();
                let people: u32 = members.iter().map(|&i| sizes[i]).sum();
                if people == 0 || people >= u32::from(threshold) {
                    continue;
                }
                let target: Vec<f64> =
                    (0..unknowns).map(|i| if members.contains(&i) && sizes[i] > 0 { 1.0 } else { 0.0 }).collect();
                prop_assert!(
                    !derivable(&equations, &target),
                    "parts {parts:?} + {in_no_part} in none, k = {threshold}: {members:?} ({people} people) can be solved for from {shown:?}"
                );
            }
        }

        /// Beside a first figure, a second never shows a cell the first hides, and no
        /// set of its cells with 1 to k−1 people together can be solved for.
        #[test]
        fn a_second_figure_shows_nothing_the_first_hides(
            first in prop::collection::vec(0u32..12, 1..6),
            lost in prop::collection::vec(0u32..4, 6),
            in_no_part in 0u32..5,
            threshold in 3u8..7,
        ) {
            let total = first.iter().sum::<u32>() + in_no_part;
            let beside = partition_to_show(total, &first, k(threshold));
            // The second figure's cells have fewer people: those with no context are lost
            // to a part of their own.
            let parts: Vec<u32> = first.iter().zip(&lost).map(|(n, l)| n.saturating_sub(*l)).collect();
            let second_total = parts.iter().sum::<u32>() + in_no_part;
            let shown = partition_to_show_beside(second_total, &parts, &beside.parts, k(threshold));
            for (i, visibility) in shown.parts.iter().enumerate() {
                if visibility.is_shown() {
                    prop_assert!(beside.parts[i].is_shown());
                }
            }
            let mut sizes = parts.clone();
            sizes.push(in_no_part);
            let unknowns = sizes.len();
            let mut equations: Vec<Vec<f64>> = Vec::new();
            if shown.total.is_shown() {
                equations.push(vec![1.0; unknowns]);
            }
            for (i, visibility) in shown.parts.iter().enumerate() {
                if visibility.is_shown() {
                    let mut row = vec![0.0; unknowns];
                    row[i] = 1.0;
                    equations.push(row);
                }
            }
            for subset in 1..(1u32 << unknowns) {
                let members: Vec<usize> = (0..unknowns).filter(|i| subset & (1 << i) != 0).collect();
                let people: u32 = members.iter().map(|&i| sizes[i]).sum();
                if people == 0 || people >= u32::from(threshold) {
                    continue;
                }
                let target: Vec<f64> =
                    (0..unknowns).map(|i| if members.contains(&i) && sizes[i] > 0 { 1.0 } else { 0.0 }).collect();
                prop_assert!(!derivable(&equations, &target));
            }
        }
    }
}
