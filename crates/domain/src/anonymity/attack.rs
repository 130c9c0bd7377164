//! The attacker: what can be solved for from shown figures. The property tests run it
//! against every rule, and [`super::joint`] runs it to decide across tables.
//!
//! Each shown figure is a sum (a mean times its known count) over some unknowns — people,
//! or groups' sums — so it is one linear equation: a row of coefficients. A combination of
//! the unknowns (`target`) can be solved for exactly when it is a linear combination of
//! the rows, that is when adding it as a row does not raise the rank.

use nalgebra::DMatrix;

/// Whether `target · unknowns` follows from the `equations` (each a row of coefficients
/// over the same unknowns).
pub fn derivable(equations: &[Vec<f64>], target: &[f64]) -> bool {
    let rank = |rows: &[&[f64]]| -> usize {
        if rows.is_empty() {
            return 0;
        }
        DMatrix::from_fn(rows.len(), target.len(), |r, c| rows[r][c]).rank(1e-9)
    };
    let mut rows: Vec<&[f64]> = equations.iter().map(Vec::as_slice).collect();
    let before = rank(&rows);
    rows.push(target);
    rank(&rows) == before
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_total_minus_a_part_gives_the_rest() {
        // x + y + z and x are shown: y + z follows, y alone does not.
        let shown = vec![vec![1.0, 1.0, 1.0], vec![1.0, 0.0, 0.0]];
        assert!(derivable(&shown, &[0.0, 1.0, 1.0]));
        assert!(!derivable(&shown, &[0.0, 1.0, 0.0]));
        assert!(!derivable(&[], &[1.0, 0.0, 0.0]));
        assert!(derivable(&[], &[0.0, 0.0, 0.0]));
    }
}
