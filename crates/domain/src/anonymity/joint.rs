//! Tables shown together. Each table's own rule ([`super::cells`]) keeps the total minus
//! its shown cells from giving a small group away; but two tables of the same people
//! (CPD hours by plan priority and by framework strand) can be subtracted from each other
//! too: where the activities of a strand are exactly those of one priority, a shown
//! strand is that priority's hidden figure, and the total less it and the other shown
//! priorities is the small group the priority table hid.
//!
//! The rule: every figure is a sum over unknowns (an activity's hours, an activity counted
//! once), so it is a row of coefficients ([`super::attack`]). After each table has decided
//! its own cells, while the figure of a cell hidden for resting on fewer than k people
//! follows from the shown totals and the shown cells of all the tables, the shown cell
//! with the fewest people in another table is hidden too (else in its own); repeat. It
//! only ever hides more. (A cell hidden only to protect another may follow: it rests on
//! k or more, and since the small cell does not follow, nothing small is solved for.)

use super::attack::derivable;
use super::cells::CellVisibility;

/// One cell of one of the tables, as the rule sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct CrossCell {
    /// Which table the cell is in.
    pub table: usize,
    /// The distinct people behind the cell.
    pub people: u32,
    /// One row of coefficients per quantity the cell shows (its hours, its number of
    /// activities…). Row q of every cell and every total is over the same unknowns.
    pub quantities: Vec<Vec<f64>>,
}

/// Hides, in `visibility` (one per cell, as each table decided), what the tables shown
/// together would give away. `totals` are the shown totals' rows, quantity by quantity
/// like the cells'.
pub fn hide_what_tables_give_away_together(
    cells: &[CrossCell],
    totals: &[Vec<Vec<f64>>],
    visibility: &mut [CellVisibility],
) {
    assert_eq!(cells.len(), visibility.len(), "one visibility per cell");
    let quantities = cells.first().map_or(0, |c| c.quantities.len());
    loop {
        let equations = shown_equations(cells, totals, visibility, quantities);
        let follows = |equations: &[Vec<Vec<f64>>], cell: &CrossCell| {
            (0..quantities).any(|q| derivable(&equations[q], &cell.quantities[q]))
        };
        let given_away = cells.iter().zip(visibility.iter()).position(|(cell, v)| {
            *v == CellVisibility::TooFew && cell.people > 0 && follows(&equations, cell)
        });
        let Some(small) = given_away else {
            return;
        };
        let table = cells[small].table;
        // The shown cells that could go: another table's, fewest people first; only when
        // none is left, the small cell's own table's.
        let shown_in = |other: bool| {
            let mut found: Vec<usize> = (0..cells.len())
                .filter(|&i| {
                    visibility[i].is_shown()
                        && cells[i].people > 0
                        && (cells[i].table != table) == other
                })
                .collect();
            found.sort_by_key(|&i| (cells[i].people, std::cmp::Reverse(i)));
            found
        };
        let candidates = match shown_in(true) {
            others if others.is_empty() => shown_in(false),
            others => others,
        };
        let without = |gone: usize| {
            let mut hidden = visibility.to_vec();
            hidden[gone] = CellVisibility::WouldRevealSmallerGroup;
            shown_equations(cells, totals, &hidden, quantities)
        };
        // The first whose hiding alone stops the small cell following, else the first.
        let choice = candidates
            .iter()
            .copied()
            .find(|&i| !follows(&without(i), &cells[small]))
            .or_else(|| candidates.first().copied());
        match choice {
            Some(i) => visibility[i] = CellVisibility::WouldRevealSmallerGroup,
            // Every cell is hidden: only the totals are left, and a small cell cannot follow
            // from a shown total alone (it would hold all of the total's k or more people).
            None => return,
        }
    }
}

/// The shown figures as equations: per quantity, the totals' rows and the shown cells'.
fn shown_equations(
    cells: &[CrossCell],
    totals: &[Vec<Vec<f64>>],
    visibility: &[CellVisibility],
    quantities: usize,
) -> Vec<Vec<Vec<f64>>> {
    (0..quantities)
        .map(|q| {
            totals
                .iter()
                .map(|t| t[q].clone())
                .chain(
                    cells
                        .iter()
                        .zip(visibility)
                        .filter(|(_, v)| v.is_shown())
                        .map(|(c, _)| c.quantities[q].clone()),
                )
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use CellVisibility::*;

    fn cell(table: usize, people: u32, row: &[f64]) -> CrossCell {
        CrossCell {
            table,
            people,
            quantities: vec![row.to_vec()],
        }
    }

    #[test]
    fn a_strand_that_is_exactly_a_hidden_priority_is_hidden_too() {
        // Unknowns: three activities a, b, c. Priorities: P1 = a (10 people, hidden
        // beside the small P2), P2 = b (2 people, too few), not linked = c (12 people).
        // Strands: S1 = a (10 people), S2 = b + c (14 people).
        let cells = vec![
            cell(0, 10, &[1.0, 0.0, 0.0]),
            cell(0, 2, &[0.0, 1.0, 0.0]),
            cell(0, 12, &[0.0, 0.0, 1.0]),
            cell(1, 10, &[1.0, 0.0, 0.0]),
            cell(1, 14, &[0.0, 1.0, 1.0]),
        ];
        let totals = vec![vec![vec![1.0, 1.0, 1.0]]];
        let mut visibility = vec![WouldRevealSmallerGroup, TooFew, Shown, Shown, Shown];
        // Before: S1 gives P1, and the total less S1 and "not linked" gives P2.
        let shown: Vec<Vec<f64>> = vec![
            vec![1.0, 1.0, 1.0],
            vec![0.0, 0.0, 1.0],
            vec![1.0, 0.0, 0.0],
            vec![0.0, 1.0, 1.0],
        ];
        assert!(derivable(&shown, &[0.0, 1.0, 0.0]));
        hide_what_tables_give_away_together(&cells, &totals, &mut visibility);
        let equations: Vec<Vec<f64>> = totals
            .iter()
            .map(|t| t[0].clone())
            .chain(
                cells
                    .iter()
                    .zip(&visibility)
                    .filter(|(_, v)| v.is_shown())
                    .map(|(c, _)| c.quantities[0].clone()),
            )
            .collect();
        assert!(!derivable(&equations, &[0.0, 1.0, 0.0]), "{visibility:?}");
        assert!(!derivable(&equations, &[1.0, 0.0, 0.0]), "{visibility:?}");
        // The priority table's own decision stands; the strand table gave way.
        assert_eq!(&visibility[..3], &[WouldRevealSmallerGroup, TooFew, Shown]);
        assert!(!visibility[3].is_shown());
    }

    #[test]
    fn tables_that_cross_unrelatedly_lose_nothing() {
        // Four activities; priorities split {a, b} / {c, d}, strands {a, c} / {b, d}:
        // everything shown, nothing hidden, nothing to protect.
        let cells = vec![
            cell(0, 8, &[1.0, 1.0, 0.0, 0.0]),
            cell(0, 8, &[0.0, 0.0, 1.0, 1.0]),
            cell(1, 8, &[1.0, 0.0, 1.0, 0.0]),
            cell(1, 8, &[0.0, 1.0, 0.0, 1.0]),
        ];
        let mut visibility = vec![Shown; 4];
        hide_what_tables_give_away_together(&cells, &[vec![vec![1.0; 4]]], &mut visibility);
        assert_eq!(visibility, vec![Shown; 4]);
    }

    #[test]
    fn every_quantity_is_checked() {
        // The strand's hours do not give the hidden cell away, its count of activities
        // does.
        let cells = vec![
            CrossCell {
                table: 0,
                people: 2,
                quantities: vec![vec![1.0, 0.0], vec![1.0, 0.0]],
            },
            CrossCell {
                table: 1,
                people: 9,
                quantities: vec![vec![0.5, 0.5], vec![1.0, 0.0]],
            },
        ];
        let mut visibility = vec![TooFew, Shown];
        hide_what_tables_give_away_together(&cells, &[], &mut visibility);
        assert_eq!(visibility, vec![TooFew, WouldRevealSmallerGroup]);
    }
}
