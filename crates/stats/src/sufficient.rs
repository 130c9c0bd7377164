//! Per-school sufficient statistics for the random-intercept model, collected in one pass
//! over the pupils, and mergeable across partitions of the pupils.
//!
//! Write `z = [x', y]'` for a pupil's design row followed by the outcome (length k = p + 1).
//! Everything REML needs (`../anchors/README.md`) is a function of
//!
//! - `n_j`, the number of pupils in school j,
//! - `z̄_j`, the school's mean of z (so `X_j'1 = n_j x̄_j`, `1'y_j = n_j ȳ_j`),
//! - `W = Σ_j Σ_i (z_ij − z̄_j)(z_ij − z̄_j)'`, the pooled within-school cross-products,
//!
//! because `Z_j'Z_j = W_j + n_j z̄_j z̄_j'` and only the sum of the `W_j` ever appears.
//! Keeping centred cross-products instead of raw `X_j'X_j` avoids the cancellation that
//! costs digits when a covariate's mean is large next to its spread.
//!
//! Partitions merge exactly (Chan, Golub and LeVeque 1979): for a school seen in parts a
//! and b, `W = W_a + W_b + n_a n_b / (n_a + n_b) · (z̄_b − z̄_a)(z̄_b − z̄_a)'`.

use std::num::NonZeroUsize;

use nalgebra::{DMatrix, Dyn, MatrixView};

/// A view with arbitrary strides (row-major data read as a matrix or its transpose).
type StridedView<'a> = MatrixView<'a, f64, Dyn, Dyn, Dyn, Dyn>;

/// The sufficient statistics of a set of pupils, for `ngroups` schools and k = p + 1
/// columns of z.
#[derive(Debug, Clone, PartialEq)]
pub struct SufficientStatistics {
    /// Columns of z: the p design columns, then the outcome.
    pub k: usize,
    /// `n_j` for each school.
    pub counts: Vec<u64>,
    /// `z̄_j` for each school, row-major `ngroups × k` (zeros for a school with no pupils).
    pub means: Vec<f64>,
    /// The pooled within-school cross-products `W`, `k × k`, row-major, symmetric.
    pub within: Vec<f64>,
}

impl SufficientStatistics {
    /// Statistics of no pupils.
    pub fn empty(ngroups: usize, k: usize) -> SufficientStatistics {
        SufficientStatistics {
            k,
            counts: vec![0; ngroups],
            means: vec![0.0; ngroups * k],
            within: vec![0.0; k * k],
        }
    }

    /// Number of schools.
    pub fn ngroups(&self) -> usize {
        self.counts.len()
    }

    /// Number of pupils.
    pub fn nobs(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// School j's mean of z.
    pub fn mean(&self, school: usize) -> &[f64] {
        &self.means[school * self.k..(school + 1) * self.k]
    }

    /// Collects the statistics of pupils `x` (row-major, p columns), `y` and `group`
    /// (school index per pupil; empty means one group), splitting the rows across the
    /// machine's cores and merging the parts.
    pub fn collect(x: &[f64], y: &[f64], group: &[u32], ngroups: usize) -> SufficientStatistics {
        Self::collect_from(&MatrixRows { x, y, group }, ngroups, available_threads())
    }

    /// [`collect`](Self::collect) with a chosen number of threads.
    pub fn collect_with_threads(
        x: &[f64],
        y: &[f64],
        group: &[u32],
        ngroups: usize,
        threads: usize,
    ) -> SufficientStatistics {
        Self::collect_from(&MatrixRows { x, y, group }, ngroups, threads)
    }

    /// Collects the statistics of any source of rows `z = [x, y]`, one partition of rows
    /// per thread, merged.
    pub fn collect_from(
        source: &impl RowSource,
        ngroups: usize,
        threads: usize,
    ) -> SufficientStatistics {
        let n = source.rows();
        let ngroups = ngroups.max(1);
        let threads = threads.clamp(1, n.div_ceil(20_000).max(1));
        if threads == 1 {
            return Self::collect_partition(source, 0..n, ngroups);
        }
        let chunk = n.div_ceil(threads);
        std::thread::scope(|scope| {
            let parts: Vec<_> = (0..threads)
                .map(|part| {
                    let rows = part * chunk..((part + 1) * chunk).min(n);
                    scope.spawn(move || Self::collect_partition(source, rows, ngroups))
                })
                .collect();
            let mut parts = parts.into_iter().map(|part| part.join().expect("no panic"));
            let mut total = parts.next().expect("at least one partition");
            for part in parts {
                total.merge(&part);
            }
            total
        })
    }

    /// One partition in one pass over blocks of rows. Each row is centred on its school's
    /// first row in the partition, `c_j`, rather than the school mean (not known until the
    /// end), and the cross-products are corrected afterwards:
    ///
    /// ```text
    /// W = Σ_i (z_i − c_j)(z_i − c_j)' − Σ_j n_j (z̄_j − c_j)(z̄_j − c_j)'
    /// ```
    ///
    /// `c_j` is one pupil of the school, so `z̄_j − c_j` is of the order of the within-school
    /// spread and the correction costs no accuracy worth speaking of. `W += D'D` runs as one
    /// matrix product per block.
    fn collect_partition(
        source: &impl RowSource,
        rows: std::ops::Range<usize>,
        ngroups: usize,
    ) -> SufficientStatistics {
        const BLOCK_ROWS: usize = 256;
        let k = source.width();
        let mut statistics = SufficientStatistics::empty(ngroups, k);
        let mut shifts = vec![0.0; ngroups * k];
        let mut block = vec![0.0; BLOCK_ROWS * k];
        let mut within = DMatrix::<f64>::zeros(k, k);
        for start in (rows.start..rows.end).step_by(BLOCK_ROWS) {
            let range = start..(start + BLOCK_ROWS).min(rows.end);
            let length = range.len();
            let block = &mut block[..length * k];
            source.write_rows(range.clone(), block);
            for (row, z) in range.zip(block.chunks_exact_mut(k)) {
                let school = source.group(row);
                let shift = &mut shifts[school * k..(school + 1) * k];
                if statistics.counts[school] == 0 {
                    shift.copy_from_slice(z);
                }
                statistics.counts[school] += 1;
                let sums = &mut statistics.means[school * k..(school + 1) * k];
                for ((value, sum), c) in z.iter_mut().zip(sums).zip(shift.iter()) {
                    *sum += *value;
                    *value -= c;
                }
            }
            // The block is row-major length × k: as column-major it is D' (k × length).
            let deviations = StridedView::from_slice_with_strides(block, k, length, 1, k);
            let deviations_transposed =
                StridedView::from_slice_with_strides(block, length, k, k, 1);
            within.gemm(1.0, &deviations, &deviations_transposed, 1.0);
        }
        // Symmetric, so row-major and column-major storage agree.
        statistics.within.copy_from_slice(within.as_slice());

        let mut offset = vec![0.0; k];
        for (school, &count) in statistics.counts.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let n = count as f64;
            let mean = &mut statistics.means[school * k..(school + 1) * k];
            for ((m, d), c) in mean
                .iter_mut()
                .zip(&mut offset)
                .zip(&shifts[school * k..(school + 1) * k])
            {
                *m /= n;
                *d = *m - c;
            }
            add_outer_product(&mut statistics.within, &offset, -n);
        }
        statistics
    }

    /// Adds another partition's statistics (the same schools and columns) to these.
    pub fn merge(&mut self, other: &SufficientStatistics) {
        // A partition with no rows adds nothing, and cannot know its number of columns.
        if other.counts.iter().all(|&count| count == 0) {
            return;
        }
        assert_eq!(self.k, other.k, "merging statistics of different models");
        assert_eq!(
            self.ngroups(),
            other.ngroups(),
            "merging statistics of different schools"
        );
        let k = self.k;
        for (value, other_value) in self.within.iter_mut().zip(&other.within) {
            *value += other_value;
        }
        let mut difference = vec![0.0; k];
        for school in 0..self.ngroups() {
            let (n_a, n_b) = (self.counts[school] as f64, other.counts[school] as f64);
            if n_b == 0.0 {
                continue;
            }
            let n = n_a + n_b;
            let mean = &mut self.means[school * k..(school + 1) * k];
            let other_mean = &other.means[school * k..(school + 1) * k];
            for ((d, a), b) in difference.iter_mut().zip(mean.iter()).zip(other_mean) {
                *d = b - a;
            }
            for (a, d) in mean.iter_mut().zip(&difference) {
                *a += d * n_b / n;
            }
            if n_a > 0.0 {
                add_outer_product(&mut self.within, &difference, n_a * n_b / n);
            }
            self.counts[school] += other.counts[school];
        }
    }
}

/// One school's raw moments of `z = [x, y]` over its pupils, as a database sums them
/// (`GROUP BY school`): `n_j`, `Σ z` and the upper triangle of `Σ z z'`.
#[derive(Debug, Clone, PartialEq)]
pub struct RawMoments {
    pub n: u64,
    /// `Σ_i z_i`, length k.
    pub sums: Vec<f64>,
    /// `Σ_i z_i z_i'`, upper triangle row by row: (0,0), (0,1) … (0,k−1), (1,1) … (k−1,k−1),
    /// k(k+1)/2 values.
    pub products: Vec<f64>,
}

/// The index of (row, column) with row ≤ column in an upper triangle stored row by row.
pub fn upper_index(k: usize, row: usize, column: usize) -> usize {
    debug_assert!(row <= column && column < k);
    row * k - row * (row.saturating_sub(1)) / 2 - row + column
}

impl SufficientStatistics {
    /// The statistics of schools given by their raw moments (one entry per school, in
    /// index order): `z̄_j = Σz/n_j` and `W = Σ_j (Σ z z' − n_j z̄_j z̄_j')`. A school with no
    /// pupils keeps zeros. Raw moments lose the digits that the scale of a column's mean
    /// against its within-school spread costs; centre such a column before summing it
    /// (the national refit sums prior attainment minus the reference mean).
    pub fn from_raw_moments(k: usize, schools: &[RawMoments]) -> SufficientStatistics {
        let mut statistics = SufficientStatistics::empty(schools.len(), k);
        let mut within = vec![0.0; k * k];
        for (school, moments) in schools.iter().enumerate() {
            assert_eq!(moments.sums.len(), k, "a school's sums have k values");
            assert_eq!(moments.products.len(), k * (k + 1) / 2, "an upper triangle");
            statistics.counts[school] = moments.n;
            if moments.n == 0 {
                continue;
            }
            let n = moments.n as f64;
            let mean = &mut statistics.means[school * k..(school + 1) * k];
            for (m, s) in mean.iter_mut().zip(&moments.sums) {
                *m = s / n;
            }
            for row in 0..k {
                for column in row..k {
                    // Σ z_a z_b − (Σ z_a)(Σ z_b)/n: the school's centred cross-product.
                    let centred = moments.products[upper_index(k, row, column)]
                        - moments.sums[row] * moments.sums[column] / n;
                    within[row * k + column] += centred;
                }
            }
        }
        for row in 0..k {
            for column in 0..row {
                within[row * k + column] = within[column * k + row];
            }
        }
        statistics.within = within;
        statistics
    }

    /// The statistics of `z' = A z` for a `k' × k` matrix `A` (row-major) applied to every
    /// pupil's z: merging, dropping, reordering or shifting columns by a linear map is exact
    /// on the statistics (`z̄' = A z̄`, `W' = A W A'`) — no pass over the pupils again.
    pub fn transformed(&self, a: &[f64], rows: usize) -> SufficientStatistics {
        let k = self.k;
        assert_eq!(a.len(), rows * k, "A is k' × k");
        let mut out = SufficientStatistics::empty(self.ngroups(), rows);
        out.counts.clone_from(&self.counts);
        for school in 0..self.ngroups() {
            let mean = self.mean(school);
            for (r, value) in out.means[school * rows..(school + 1) * rows]
                .iter_mut()
                .enumerate()
            {
                *value = a[r * k..(r + 1) * k]
                    .iter()
                    .zip(mean)
                    .map(|(x, m)| x * m)
                    .sum();
            }
        }
        // A W, then (A W) A'.
        let mut aw = vec![0.0; rows * k];
        for r in 0..rows {
            for c in 0..k {
                aw[r * k + c] = (0..k).map(|i| a[r * k + i] * self.within[i * k + c]).sum();
            }
        }
        for r in 0..rows {
            for c in 0..rows {
                out.within[r * rows + c] = (0..k).map(|i| aw[r * k + i] * a[c * k + i]).sum();
            }
        }
        out
    }
}

/// Rows `z = [x, y]` of pupils with their school, from wherever they are kept.
pub trait RowSource: Sync {
    /// Number of rows.
    fn rows(&self) -> usize;
    /// k = p + 1, the length of z.
    fn width(&self) -> usize;
    /// Row `row`'s school index.
    fn group(&self, row: usize) -> usize;
    /// Writes rows `rows` of z, row-major, into `out` (`rows.len() × k`).
    fn write_rows(&self, rows: std::ops::Range<usize>, out: &mut [f64]);
}

/// Rows from a row-major X, y and a school index (empty: one school).
struct MatrixRows<'a> {
    x: &'a [f64],
    y: &'a [f64],
    group: &'a [u32],
}

impl RowSource for MatrixRows<'_> {
    fn rows(&self) -> usize {
        self.y.len()
    }

    fn width(&self) -> usize {
        self.x.len().checked_div(self.y.len()).unwrap_or(0) + 1
    }

    fn group(&self, row: usize) -> usize {
        self.group.get(row).map_or(0, |&school| school as usize)
    }

    fn write_rows(&self, rows: std::ops::Range<usize>, out: &mut [f64]) {
        let k = self.width();
        let p = k - 1;
        for (row, z) in rows.zip(out.chunks_exact_mut(k)) {
            z[..p].copy_from_slice(&self.x[row * p..(row + 1) * p]);
            z[p] = self.y[row];
        }
    }
}

fn available_threads() -> usize {
    std::thread::available_parallelism().map_or(1, NonZeroUsize::get)
}

/// `A += weight · v v'` for a row-major square `A`.
pub(crate) fn add_outer_product(matrix: &mut [f64], vector: &[f64], weight: f64) {
    let k = vector.len();
    for (row, &v_row) in matrix.chunks_exact_mut(k).zip(vector) {
        let scaled = weight * v_row;
        for (cell, &v_column) in row.iter_mut().zip(vector) {
            *cell += scaled * v_column;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_direct_centred_sums() {
        // Two schools, p = 2 (intercept, x), y.
        let x = [1.0, 1.0, 1.0, 2.0, 1.0, 4.0, 1.0, 10.0];
        let y = [3.0, 5.0, 6.0, 1.0];
        let group = [0, 0, 1, 1];
        let statistics = SufficientStatistics::collect_with_threads(&x, &y, &group, 2, 1);
        assert_eq!(statistics.counts, [2, 2]);
        assert_eq!(statistics.mean(0), [1.0, 1.5, 4.0]);
        assert_eq!(statistics.mean(1), [1.0, 7.0, 3.5]);
        // W for (x, y): school 0 deviations (-.5,-1),(.5,1); school 1 (-3,2.5),(3,-2.5).
        let expected_xx = 0.25 + 0.25 + 9.0 + 9.0;
        let expected_xy = 0.5 + 0.5 - 7.5 - 7.5;
        let expected_yy = 1.0 + 1.0 + 6.25 + 6.25;
        let w = &statistics.within;
        assert_eq!([w[4], w[5], w[8]], [expected_xx, expected_xy, expected_yy]);
        assert_eq!(w[0], 0.0);
    }

    #[test]
    fn partitions_merged_equal_the_whole() {
        let n = 50;
        let x: Vec<f64> = (0..n).flat_map(|i| [1.0, (i * 7 % 13) as f64]).collect();
        let y: Vec<f64> = (0..n).map(|i| (i * i % 17) as f64 * 0.5).collect();
        let group: Vec<u32> = (0..n).map(|i| (i % 3) as u32).collect();
        let whole = SufficientStatistics::collect_with_threads(&x, &y, &group, 3, 1);
        let mut merged =
            SufficientStatistics::collect_with_threads(&x[..40], &y[..20], &group[..20], 3, 1);
        let rest =
            SufficientStatistics::collect_with_threads(&x[40..], &y[20..], &group[20..], 3, 1);
        merged.merge(&rest);
        assert_eq!(merged.counts, whole.counts);
        for (a, b) in merged.means.iter().zip(&whole.means) {
            assert!((a - b).abs() < 1e-12);
        }
        for (a, b) in merged.within.iter().zip(&whole.within) {
            assert!((a - b).abs() < 1e-9 * (1.0 + b.abs()), "{a} vs {b}");
        }
    }

    #[test]
    fn upper_indices_run_row_by_row() {
        let k = 4;
        let mut expected = 0;
        for row in 0..k {
            for column in row..k {
                assert_eq!(upper_index(k, row, column), expected);
                expected += 1;
            }
        }
        assert_eq!(expected, k * (k + 1) / 2);
    }

    /// Raw moments summed per school, as a database does, give the same statistics as the
    /// one pass over the rows.
    #[test]
    fn raw_moments_give_the_statistics_of_the_rows() {
        let n = 60;
        let x: Vec<f64> = (0..n)
            .flat_map(|i| [1.0, (i * 7 % 13) as f64 - 6.0, (i % 2) as f64])
            .collect();
        let y: Vec<f64> = (0..n).map(|i| (i * i % 17) as f64 * 0.5).collect();
        let group: Vec<u32> = (0..n).map(|i| (i % 4) as u32).collect();
        // School 4 has no pupils.
        let whole = SufficientStatistics::collect_with_threads(&x, &y, &group, 5, 1);
        let k = 4;
        let mut schools = vec![
            RawMoments {
                n: 0,
                sums: vec![0.0; k],
                products: vec![0.0; k * (k + 1) / 2],
            };
            5
        ];
        for i in 0..n {
            let z = [x[i * 3], x[i * 3 + 1], x[i * 3 + 2], y[i]];
            let school = &mut schools[group[i] as usize];
            school.n += 1;
            for a in 0..k {
                school.sums[a] += z[a];
                for b in a..k {
                    school.products[upper_index(k, a, b)] += z[a] * z[b];
                }
            }
        }
        let from_moments = SufficientStatistics::from_raw_moments(k, &schools);
        assert_eq!(from_moments.counts, whole.counts);
        for (a, b) in from_moments.means.iter().zip(&whole.means) {
            assert!((a - b).abs() < 1e-12, "{a} vs {b}");
        }
        for (a, b) in from_moments.within.iter().zip(&whole.within) {
            assert!((a - b).abs() < 1e-9 * (1.0 + b.abs()), "{a} vs {b}");
        }
    }

    /// A linear map of the columns applied to the statistics equals the statistics of the
    /// mapped rows: here the second column shifted by 3 and squared terms left alone, the
    /// third dropped and a sum of two columns added.
    #[test]
    fn a_linear_map_of_the_columns_maps_the_statistics() {
        let n = 40;
        let x: Vec<f64> = (0..n)
            .flat_map(|i| [1.0, (i * 5 % 11) as f64, (i % 3 == 0) as u8 as f64])
            .collect();
        let y: Vec<f64> = (0..n).map(|i| (i * 3 % 7) as f64).collect();
        let group: Vec<u32> = (0..n).map(|i| (i % 3) as u32).collect();
        let whole = SufficientStatistics::collect_with_threads(&x, &y, &group, 3, 1);
        // z = [1, a, b, y] → z' = [1, a − 3, a + b, y].
        let a = [
            1.0, 0.0, 0.0, 0.0, //
            -3.0, 1.0, 0.0, 0.0, //
            0.0, 1.0, 1.0, 0.0, //
            0.0, 0.0, 0.0, 1.0,
        ];
        let mapped_x: Vec<f64> = x
            .chunks(3)
            .flat_map(|r| [r[0], r[1] - 3.0, r[1] + r[2]])
            .collect();
        let direct = SufficientStatistics::collect_with_threads(&mapped_x, &y, &group, 3, 1);
        let mapped = whole.transformed(&a, 4);
        assert_eq!(mapped.counts, direct.counts);
        for (p, q) in mapped.means.iter().zip(&direct.means) {
            assert!((p - q).abs() < 1e-12, "{p} vs {q}");
        }
        for (p, q) in mapped.within.iter().zip(&direct.within) {
            assert!((p - q).abs() < 1e-9 * (1.0 + q.abs()), "{p} vs {q}");
        }
    }

    /// A partition with no rows (a cut that fell twice in the same place) cannot tell its
    /// number of columns; merging it changes nothing.
    #[test]
    fn an_empty_partition_merges_as_nothing() {
        let x = [1.0, 2.0, 1.0, 3.0, 1.0, 5.0];
        let y = [1.0, 2.0, 4.0];
        let group = [0, 1, 1];
        let whole = SufficientStatistics::collect_with_threads(&x, &y, &group, 2, 1);
        let empty = SufficientStatistics::collect_with_threads(&[], &[], &[], 2, 1);
        let mut merged = whole.clone();
        merged.merge(&empty);
        assert_eq!(merged.counts, whole.counts);
        assert_eq!(merged.means, whole.means);
        assert_eq!(merged.within, whole.within);
    }
}
