//! Which respondent groups of a survey get a row of their own (ANALYTICS.md §6,
//! EVIDENCE.md §8): the first of the two steps in [`crate::anonymity`].
//!
//! [`groups_to_show`] decides, from **response counts alone**, which groups' figures may
//! be shown, so the store can call it before it reads any per-group aggregate and then
//! read only what the [`Disclosure`] allows ([`Disclosure::rows`],
//! [`Disclosure::all_others`], [`Disclosure::groups_to_read`]).
//!
//! The rules, in the order they are applied:
//! 1. **Threshold** ([`Threshold`]): a row of figures needs at least k distinct
//!    respondents (default 5, never below 3). The self-rating is not anonymous and is not
//!    part of any group.
//! 2. **Merging** ([`merge_small_groups`]): a group below k is merged with the next-smallest
//!    group, and the merged row again, until every row has at least k respondents or only
//!    one row is left.
//! 3. **Back-calculation** ([`hide_rows_recoverable_by_subtraction`]): "all others" is the
//!    sum of every group, so if it is shown, anything not shown can be recovered as
//!    all others minus the shown rows. Whenever the respondents not in a shown row number
//!    between 1 and k−1, the next-smallest shown row is hidden too, until they number 0 or
//!    at least k. (Merging in rule 2 already leaves nothing to recover; rule 3 is applied
//!    after it all the same, so the guarantee does not rest on how rule 2 is written.)
//!
//! What is left is safe against subtraction: every shown row, and the remainder
//! `all others − Σ shown rows`, is 0 or at least k respondents.

use serde::Serialize;

use super::Threshold;

/// A row of figures the report may show: one group, or several merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisclosedRow<G> {
    /// The groups in the row, in the order the counts were given.
    pub groups: Vec<G>,
    /// Distinct respondents in the row: at least the threshold.
    pub respondents: u32,
}

impl<G> DisclosedRow<G> {
    pub fn is_merged(&self) -> bool {
        self.groups.len() > 1
    }
}

/// What the report may show of one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "visibility")]
pub enum GroupVisibility {
    /// A row of its own.
    Shown,
    /// Only inside a merged row (the index into [`Disclosure::rows`]).
    Merged { row: usize },
    /// No row; its answers count only in "all others".
    OnlyInAllOthers,
    /// Nothing of it anywhere: even "all others" is below the threshold.
    Hidden,
    /// Nobody in this group responded.
    NoResponses,
}

/// The outcome of the anonymity rules for one round: what may be read and shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disclosure<G> {
    pub threshold: Threshold,
    rows: Vec<DisclosedRow<G>>,
    all_others: Option<u32>,
    groups: Vec<(G, u32, GroupVisibility)>,
}

impl<G: Copy + Eq> Disclosure<G> {
    /// The rows that may be shown, each with at least k respondents, smallest first.
    pub fn rows(&self) -> &[DisclosedRow<G>] {
        &self.rows
    }

    /// The number of respondents in "all others" when it may be shown.
    pub fn all_others(&self) -> Option<u32> {
        self.all_others
    }

    /// What may be shown of `group`; `None` for a group that was not counted.
    pub fn visibility(&self, group: G) -> Option<GroupVisibility> {
        self.groups
            .iter()
            .find(|(g, _, _)| *g == group)
            .map(|(_, _, visibility)| *visibility)
    }

    /// The response count the disclosure was decided on.
    pub fn respondents(&self, group: G) -> Option<u32> {
        self.groups
            .iter()
            .find(|(g, _, _)| *g == group)
            .map(|(_, count, _)| *count)
    }

    /// Every group with its visibility, in the order the counts were given.
    pub fn groups(&self) -> impl Iterator<Item = (G, GroupVisibility)> + '_ {
        self.groups
            .iter()
            .map(|(g, _, visibility)| (*g, *visibility))
    }

    /// The groups whose responses the store needs to read to build the shown figures: the
    /// members of shown rows, and everyone when "all others" is shown. Responses of any
    /// other group must not be read.
    pub fn groups_to_read(&self) -> Vec<G> {
        self.groups
            .iter()
            .filter(|(_, count, visibility)| {
                *count > 0
                    && match visibility {
                        GroupVisibility::Shown | GroupVisibility::Merged { .. } => true,
                        GroupVisibility::OnlyInAllOthers => self.all_others.is_some(),
                        GroupVisibility::Hidden | GroupVisibility::NoResponses => false,
                    }
            })
            .map(|(g, _, _)| *g)
            .collect()
    }
}

/// Decides what may be shown, from the number of **distinct respondents** per group
/// (count people, not answers). Groups are given in a fixed order (the order of the
/// respondent-group list), which also breaks ties between groups of equal size.
/// The self-rating is not a group here.
pub fn groups_to_show<G: Copy + Eq>(counts: &[(G, u32)], threshold: Threshold) -> Disclosure<G> {
    let answered: Vec<usize> = (0..counts.len()).filter(|&i| counts[i].1 > 0).collect();
    let total: u32 = counts.iter().map(|(_, count)| count).sum();

    let cells = merge_small_groups(counts, &answered, threshold);
    let all_others = threshold.allows(total).then_some(total);
    let shown = hide_rows_recoverable_by_subtraction(cells, all_others, threshold, counts);

    // A single row holding every group would repeat "all others" under another name.
    let shown: Vec<Vec<usize>> =
        if shown.len() == 1 && shown[0].len() > 1 && shown[0].len() == answered.len() {
            Vec::new()
        } else {
            shown
        };

    let mut groups: Vec<(G, u32, GroupVisibility)> = counts
        .iter()
        .map(|&(g, count)| {
            let visibility = if count == 0 {
                GroupVisibility::NoResponses
            } else if all_others.is_some() {
                GroupVisibility::OnlyInAllOthers
            } else {
                GroupVisibility::Hidden
            };
            (g, count, visibility)
        })
        .collect();
    let mut rows = Vec::with_capacity(shown.len());
    for members in shown {
        let row = rows.len();
        for &member in &members {
            groups[member].2 = if members.len() == 1 {
                GroupVisibility::Shown
            } else {
                GroupVisibility::Merged { row }
            };
        }
        rows.push(DisclosedRow {
            respondents: members.iter().map(|&m| counts[m].1).sum(),
            groups: members.iter().map(|&m| counts[m].0).collect(),
        });
    }
    Disclosure {
        threshold,
        rows,
        all_others,
        groups,
    }
}

/// Rule 2, merging: while the smallest row has fewer than k respondents and another row
/// exists, merge it with the next-smallest row. Returns rows as indices into `counts`,
/// each sorted by input order, smallest row first; only the last-remaining row can be
/// below k (when every response together is below k).
pub fn merge_small_groups<G>(
    counts: &[(G, u32)],
    answered: &[usize],
    threshold: Threshold,
) -> Vec<Vec<usize>> {
    let size = |cell: &Vec<usize>| -> u32 { cell.iter().map(|&i| counts[i].1).sum() };
    let mut cells: Vec<Vec<usize>> = answered.iter().map(|&i| vec![i]).collect();
    loop {
        // Stable sort: equal sizes keep input order, so "next-smallest" is deterministic.
        cells.sort_by_key(|cell| (size(cell), cell[0]));
        if cells.len() < 2 || threshold.allows(size(&cells[0])) {
            return cells;
        }
        let smallest = cells.remove(0);
        cells[0].extend(smallest);
        cells[0].sort_unstable();
    }
}

/// Rule 3, back-calculation: when "all others" is shown, the respondents outside the
/// shown rows can be recovered as all others minus the shown rows. While they number
/// between 1 and k−1, the next-smallest shown row is hidden too. Rows below k are never
/// shown. `rows` are indices into `counts`; the rows that stay shown are returned.
pub fn hide_rows_recoverable_by_subtraction<G>(
    rows: Vec<Vec<usize>>,
    all_others: Option<u32>,
    threshold: Threshold,
    counts: &[(G, u32)],
) -> Vec<Vec<usize>> {
    let size = |row: &Vec<usize>| -> u32 { row.iter().map(|&i| counts[i].1).sum() };
    let (mut shown, _too_small): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .partition(|row| threshold.allows(size(row)));
    shown.sort_by_key(|row| (size(row), row[0]));
    let Some(total) = all_others else {
        return shown;
    };
    loop {
        let remainder = total.saturating_sub(shown.iter().map(&size).sum::<u32>());
        if remainder == 0 || threshold.allows(remainder) || shown.is_empty() {
            return shown;
        }
        shown.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Group {
        Senior,
        Middle,
        Teachers,
        Support,
        Governors,
    }
    use Group::*;

    fn k(value: u8) -> Threshold {
        Threshold::new(value).unwrap()
    }

    #[test]
    fn groups_at_the_threshold_are_shown_with_all_others() {
        let disclosure = groups_to_show(&[(Teachers, 5), (Support, 7)], k(5));
        assert_eq!(
            disclosure.visibility(Teachers),
            Some(GroupVisibility::Shown)
        );
        assert_eq!(disclosure.visibility(Support), Some(GroupVisibility::Shown));
        assert_eq!(disclosure.all_others(), Some(12));
        assert_eq!(disclosure.rows().len(), 2);
    }

    #[test]
    fn with_k_minus_one_responses_nothing_of_the_group_is_shown() {
        let disclosure = groups_to_show(&[(Teachers, 4)], k(5));
        assert_eq!(
            disclosure.visibility(Teachers),
            Some(GroupVisibility::Hidden)
        );
        assert_eq!(disclosure.all_others(), None);
        assert!(disclosure.rows().is_empty());
        assert!(disclosure.groups_to_read().is_empty());
    }

    #[test]
    fn with_k_minus_one_in_every_group_nothing_is_shown_or_read() {
        let disclosure = groups_to_show(&[(Teachers, 2), (Support, 1), (Governors, 1)], k(5));
        assert!(disclosure.rows().is_empty());
        assert_eq!(disclosure.all_others(), None);
        for group in [Teachers, Support, Governors] {
            assert_eq!(disclosure.visibility(group), Some(GroupVisibility::Hidden));
        }
        assert!(disclosure.groups_to_read().is_empty());
    }

    #[test]
    fn a_small_group_is_merged_with_the_next_smallest_group() {
        let disclosure = groups_to_show(
            &[(Senior, 2), (Middle, 6), (Teachers, 20), (Support, 8)],
            k(5),
        );
        // Senior (2) joins the next-smallest, Middle (6): one row of 8.
        assert_eq!(
            disclosure.visibility(Senior),
            Some(GroupVisibility::Merged { row: 0 })
        );
        assert_eq!(
            disclosure.visibility(Middle),
            Some(GroupVisibility::Merged { row: 0 })
        );
        assert_eq!(
            disclosure.rows()[0],
            DisclosedRow {
                groups: vec![Senior, Middle],
                respondents: 8
            }
        );
        assert_eq!(
            disclosure.visibility(Teachers),
            Some(GroupVisibility::Shown)
        );
        assert_eq!(disclosure.visibility(Support), Some(GroupVisibility::Shown));
        assert_eq!(disclosure.all_others(), Some(36));
    }

    #[test]
    fn merging_continues_until_the_merged_row_reaches_the_threshold() {
        let disclosure = groups_to_show(
            &[
                (Senior, 1),
                (Governors, 1),
                (Middle, 2),
                (Teachers, 12),
                (Support, 7),
            ],
            k(5),
        );
        // 1 + 1 = 2, + Middle 2 = 4, + Support 7 = 11.
        assert_eq!(
            disclosure.rows()[0],
            DisclosedRow {
                groups: vec![Senior, Governors, Middle, Support],
                respondents: 11
            }
        );
        assert_eq!(
            disclosure.visibility(Teachers),
            Some(GroupVisibility::Shown)
        );
    }

    #[test]
    fn the_back_calculation_case_is_hidden() {
        // Governors (3) below k. Showing Teachers and Support alone beside all others
        // would give Governors = all others − Teachers − Support. Governors are merged
        // with Support, so neither Governors nor Support appears on its own.
        let disclosure = groups_to_show(&[(Teachers, 20), (Support, 8), (Governors, 3)], k(5));
        assert_eq!(
            disclosure.visibility(Teachers),
            Some(GroupVisibility::Shown)
        );
        assert_ne!(disclosure.visibility(Support), Some(GroupVisibility::Shown));
        assert_ne!(
            disclosure.visibility(Governors),
            Some(GroupVisibility::Shown)
        );
        assert_eq!(disclosure.all_others(), Some(31));
        assert_safe_from_subtraction(&disclosure, &[(Teachers, 20), (Support, 8), (Governors, 3)]);
    }

    #[test]
    fn the_back_calculation_rule_hides_the_next_smallest_shown_row() {
        // The situation rule 3 exists for, built by hand: Governors (3) hidden, Support (8)
        // and Teachers (20) shown, all others (31) shown. Governors could be recovered, so
        // Support, the next-smallest shown row, is hidden too: the remainder is then 11.
        let counts = [(Teachers, 20), (Support, 8), (Governors, 3)];
        let rows = vec![vec![0], vec![1], vec![2]];
        let shown = hide_rows_recoverable_by_subtraction(rows, Some(31), k(5), &counts);
        assert_eq!(shown, vec![vec![0]]);
    }

    #[test]
    fn the_back_calculation_rule_keeps_going_until_the_remainder_reaches_k() {
        // Governors (1) and Senior (3) are below k and never shown: a remainder of 4 could
        // be recovered, so Middle (6) is hidden too, making it 10.
        let counts = [(Governors, 1), (Senior, 3), (Middle, 6), (Teachers, 20)];
        let rows = vec![vec![1], vec![2], vec![3]];
        let shown = hide_rows_recoverable_by_subtraction(rows, Some(30), k(5), &counts);
        assert_eq!(shown, vec![vec![3]]);
    }

    #[test]
    fn one_small_group_beside_one_large_group_leaves_only_all_others() {
        let counts = [(Teachers, 30), (Governors, 2)];
        let disclosure = groups_to_show(&counts, k(5));
        assert!(disclosure.rows().is_empty());
        assert_eq!(disclosure.all_others(), Some(32));
        assert_eq!(
            disclosure.visibility(Teachers),
            Some(GroupVisibility::OnlyInAllOthers)
        );
        assert_eq!(
            disclosure.visibility(Governors),
            Some(GroupVisibility::OnlyInAllOthers)
        );
        assert_eq!(disclosure.groups_to_read(), vec![Teachers, Governors]);
    }

    #[test]
    fn groups_without_responses_are_marked_and_never_merged() {
        let counts = [(Teachers, 6), (Governors, 0)];
        let disclosure = groups_to_show(&counts, k(5));
        assert_eq!(
            disclosure.visibility(Governors),
            Some(GroupVisibility::NoResponses)
        );
        assert_eq!(
            disclosure.visibility(Teachers),
            Some(GroupVisibility::Shown)
        );
        assert_eq!(disclosure.groups_to_read(), vec![Teachers]);
    }

    #[test]
    fn ties_are_broken_by_the_order_of_the_groups() {
        // Senior (2) is below k = 3; Middle and Support tie as next-smallest (4 each), and
        // Middle comes first in the list of groups.
        let counts = [(Senior, 2), (Middle, 4), (Support, 4), (Teachers, 10)];
        let disclosure = groups_to_show(&counts, k(3));
        assert_eq!(
            disclosure.visibility(Middle),
            Some(GroupVisibility::Merged { row: 1 })
        );
        assert_eq!(disclosure.rows()[1].groups, vec![Senior, Middle]);
        assert_eq!(disclosure.visibility(Support), Some(GroupVisibility::Shown));
    }

    /// Everything anyone can compute from the shown figures: each shown row, and all
    /// others minus the shown rows. Each must be 0 or at least k respondents.
    fn assert_safe_from_subtraction<G: Copy + Eq + std::fmt::Debug>(
        disclosure: &Disclosure<G>,
        counts: &[(G, u32)],
    ) {
        let k = u32::from(disclosure.threshold.get());
        let mut in_rows = 0;
        for row in disclosure.rows() {
            assert!(row.respondents >= k, "row below k: {row:?} from {counts:?}");
            let counted: u32 = row
                .groups
                .iter()
                .map(|g| counts.iter().find(|(c, _)| c == g).unwrap().1)
                .sum();
            assert_eq!(counted, row.respondents);
            in_rows += row.respondents;
        }
        let total: u32 = counts.iter().map(|(_, n)| n).sum();
        match disclosure.all_others() {
            Some(shown_total) => {
                assert_eq!(shown_total, total);
                let remainder = total - in_rows;
                assert!(
                    remainder == 0 || remainder >= k,
                    "recoverable remainder {remainder} from {counts:?}: {disclosure:?}"
                );
            }
            None => {
                assert!(total < k);
                assert!(disclosure.rows().is_empty());
            }
        }
        for (group, visibility) in disclosure.groups() {
            let count = counts.iter().find(|(g, _)| *g == group).unwrap().1;
            if visibility == GroupVisibility::Shown {
                assert!(count >= k);
            }
        }
    }

    #[test]
    fn no_combination_of_counts_lets_a_small_group_be_recovered() {
        // Exhaustive over four groups of 0–11 respondents and thresholds 3–6.
        let groups = [Senior, Middle, Teachers, Support];
        for threshold in 3..=6 {
            for code in 0..12u32.pow(4) {
                let counts: Vec<(Group, u32)> = (0..4)
                    .map(|i| (groups[i], code / 12u32.pow(i as u32) % 12))
                    .collect();
                let disclosure = groups_to_show(&counts, k(threshold));
                assert_safe_from_subtraction(&disclosure, &counts);
            }
        }
    }
}
