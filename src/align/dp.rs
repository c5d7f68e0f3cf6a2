//! The search: dynamic programming over bead lattices restricted to a band, recursive
//! coarsening for long documents (vecalign / FastDTW style), and forward–backward posteriors
//! used as bead confidences.
//!
//! Lattice point (i, j) means "the first i source and j target segments are aligned". A bead
//! (a, b) ending at (i, j) covers source i-a..i and target j-b..j. Every row i of the lattice
//! keeps a contiguous column range `lo[i]..=hi[i]`; small problems use the full rectangle, large
//! ones a band around the path found at half resolution, so memory and time are linear in the
//! document length (times the band width).

/// Cost value of an impossible transition.
pub const INF: f64 = f64::INFINITY;

/// A bead's rectangle in the lattice, (start point, end point), and how many columns a band
/// around it extends on either side.
pub type Rect = ((usize, usize), (usize, usize), usize);

/// Column range of every lattice row.
#[derive(Clone, Debug)]
pub struct Band {
    pub lo: Vec<usize>,
    pub hi: Vec<usize>,
    /// Index of the first cell of each row in flat arrays; `off[n + 1]` is the cell count.
    pub off: Vec<usize>,
}

impl Band {
    /// The full (n+1) × (m+1) rectangle.
    pub fn full(n: usize, m: usize) -> Band {
        Band::from_ranges(vec![0; n + 1], vec![m; n + 1])
    }

    fn from_ranges(lo: Vec<usize>, hi: Vec<usize>) -> Band {
        let mut off = Vec::with_capacity(lo.len() + 1);
        let mut acc = 0;
        for (l, h) in lo.iter().zip(&hi) {
            off.push(acc);
            acc += h - l + 1;
        }
        off.push(acc);
        Band { lo, hi, off }
    }

    /// Number of cells.
    pub fn cells(&self) -> usize {
        *self.off.last().unwrap()
    }

    /// Flat index of (i, j) when it is inside the band.
    #[inline]
    pub fn idx(&self, i: usize, j: usize) -> Option<usize> {
        if j >= self.lo[i] && j <= self.hi[i] {
            Some(self.off[i] + j - self.lo[i])
        } else {
            None
        }
    }

    /// The band at double resolution around a path of lattice points at this resolution:
    /// every fine cell under the path's rectangles, widened by `w` columns, then made
    /// monotone so that a complete path always exists inside it.
    pub fn project(path: &[(usize, usize)], n: usize, m: usize, w: usize) -> Band {
        let f = |i: usize| (2 * i).min(n);
        let g = |j: usize| (2 * j).min(m);
        let rects: Vec<Rect> = path
            .windows(2)
            .map(|win| ((f(win[0].0), g(win[0].1)), (f(win[1].0), g(win[1].1)), w))
            .collect();
        Band::around(&rects, n, m)
    }

    /// The band around a complete path at the same resolution, given as its beads' rectangles
    /// `(start, end, w)`: every cell under each rectangle, widened by its `w` columns, then made
    /// monotone so that a complete path always exists inside it.
    pub fn around(rects: &[Rect], n: usize, m: usize) -> Band {
        let mut lo = vec![usize::MAX; n + 1];
        let mut hi = vec![0usize; n + 1];
        for &((i0, j0), (i1, j1), w) in rects {
            for r in i0..=i1 {
                lo[r] = lo[r].min(j0.saturating_sub(w));
                hi[r] = hi[r].max((j1 + w).min(m));
            }
        }
        lo[0] = 0;
        hi[n] = m;
        for r in 0..=n {
            if lo[r] == usize::MAX {
                // Cannot happen for a complete path; be safe.
                lo[r] = if r > 0 { lo[r - 1] } else { 0 };
                hi[r] = hi[r].max(lo[r]);
            }
        }
        // Monotone: lo non-decreasing from the end, hi non-decreasing from the start.
        for r in (0..n).rev() {
            lo[r] = lo[r].min(lo[r + 1]);
        }
        for r in 1..=n {
            hi[r] = hi[r].max(hi[r - 1]);
        }
        Band::from_ranges(lo, hi)
    }
}

/// Viterbi over a band. `cost(i, j, b)` is the cost of bead `beads[b]` ending at (i, j) (only
/// called when the bead fits and its start is inside the band). Returns the beads of the best
/// path as (end i, end j, bead index), in order.
pub fn viterbi(
    band: &Band,
    beads: &[(usize, usize)],
    mut cost: impl FnMut(usize, usize, usize) -> f64,
) -> Vec<(usize, usize, usize)> {
    let n = band.lo.len() - 1;
    let mut d = vec![INF; band.cells()];
    let mut back = vec![u8::MAX; band.cells()];
    d[0] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let here = band.off[i] + j - band.lo[i];
            if i == 0 && j == 0 {
                continue;
            }
            let mut best = INF;
            let mut arg = u8::MAX;
            for (b, &(a, bb)) in beads.iter().enumerate() {
                if a > i || bb > j {
                    continue;
                }
                let Some(p) = band.idx(i - a, j - bb) else {
                    continue;
                };
                let dp = d[p];
                if dp == INF {
                    continue;
                }
                let c = dp + cost(i, j, b);
                if c < best {
                    best = c;
                    arg = b as u8;
                }
            }
            d[here] = best;
            back[here] = arg;
        }
    }
    backtrace(band, beads, &back)
}

fn backtrace(band: &Band, beads: &[(usize, usize)], back: &[u8]) -> Vec<(usize, usize, usize)> {
    let n = band.lo.len() - 1;
    let m = band.hi[n];
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let b = back[band.idx(i, j).expect("end in band")];
        assert!(b != u8::MAX, "no path through the band");
        let (a, bb) = beads[b as usize];
        out.push((i, j, b as usize));
        i -= a;
        j -= bb;
    }
    out.reverse();
    out
}

/// Costs of every (cell, bead) of a band, stored so that Viterbi and forward–backward share them.
pub struct CostTable {
    pub nb: usize,
    pub c: Vec<f32>,
}

impl CostTable {
    /// Evaluates `cost` for every bead that fits in the band.
    pub fn build(
        band: &Band,
        beads: &[(usize, usize)],
        mut cost: impl FnMut(usize, usize, usize) -> f64,
    ) -> CostTable {
        let nb = beads.len();
        let n = band.lo.len() - 1;
        let mut c = vec![f32::INFINITY; band.cells() * nb];
        for i in 0..=n {
            for j in band.lo[i]..=band.hi[i] {
                let here = band.off[i] + j - band.lo[i];
                for (b, &(a, bb)) in beads.iter().enumerate() {
                    if a > i || bb > j || band.idx(i - a, j - bb).is_none() {
                        continue;
                    }
                    c[here * nb + b] = cost(i, j, b) as f32;
                }
            }
        }
        CostTable { nb, c }
    }

    /// Like [`CostTable::build`], evaluating blocks of rows in parallel; `make` creates one
    /// cost function per block (so each can keep its own caches). Values are identical to the
    /// sequential build whatever the thread count.
    pub fn build_par<F>(
        band: &Band,
        beads: &[(usize, usize)],
        make: impl Fn() -> F + Sync,
    ) -> CostTable
    where
        F: FnMut(usize, usize, usize) -> f64,
    {
        use rayon::prelude::*;
        const BLOCK: usize = 512;
        let nb = beads.len();
        let n = band.lo.len() - 1;
        let mut c = vec![f32::INFINITY; band.cells() * nb];
        let mut blocks: Vec<(usize, usize, &mut [f32])> = Vec::new();
        let mut rest: &mut [f32] = &mut c;
        let mut i0 = 0;
        while i0 <= n {
            let i1 = (i0 + BLOCK).min(n + 1);
            let len = (band.off[i1] - band.off[i0]) * nb;
            let (head, tail) = std::mem::take(&mut rest).split_at_mut(len);
            blocks.push((i0, i1, head));
            rest = tail;
            i0 = i1;
        }
        blocks.into_par_iter().for_each(|(i0, i1, out)| {
            let mut cost = make();
            let base = band.off[i0];
            for i in i0..i1 {
                for j in band.lo[i]..=band.hi[i] {
                    let here = band.off[i] + j - band.lo[i] - base;
                    for (b, &(a, bb)) in beads.iter().enumerate() {
                        if a > i || bb > j || band.idx(i - a, j - bb).is_none() {
                            continue;
                        }
                        out[here * nb + b] = cost(i, j, b) as f32;
                    }
                }
            }
        });
        CostTable { nb, c }
    }

    #[inline]
    pub fn get(&self, cell: usize, b: usize) -> f64 {
        self.c[cell * self.nb + b] as f64
    }
}

fn logaddexp(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    // Below e^-36 the smaller term is lost in f64 rounding anyway: skip exp and log.
    if lo - hi < -36.0 {
        return hi;
    }
    hi + (lo - hi).exp().ln_1p()
}

/// Posterior probability of each bead of `path` under the distribution P(path) ∝
/// exp(−cost / temperature) over all complete paths inside the band (forward–backward).
pub fn posteriors(
    band: &Band,
    beads: &[(usize, usize)],
    table: &CostTable,
    path: &[(usize, usize, usize)],
    temperature: f64,
) -> Vec<f64> {
    let n = band.lo.len() - 1;
    let m = band.hi[n];
    let t = temperature.max(1e-6);
    let cells = band.cells();
    let mut alpha = vec![f64::NEG_INFINITY; cells];
    alpha[0] = 0.0;
    for i in 0..=n {
        for j in band.lo[i]..=band.hi[i] {
            let here = band.off[i] + j - band.lo[i];
            if here == 0 {
                continue;
            }
            let mut acc = f64::NEG_INFINITY;
            for (b, &(a, bb)) in beads.iter().enumerate() {
                let c = table.get(here, b);
                if !c.is_finite() {
                    continue;
                }
                let p = band.idx(i - a, j - bb).unwrap();
                acc = logaddexp(acc, alpha[p] - c / t);
            }
            alpha[here] = acc;
        }
    }
    let mut beta = vec![f64::NEG_INFINITY; cells];
    let end = band.idx(n, m).unwrap();
    beta[end] = 0.0;
    for i in (0..=n).rev() {
        for j in (band.lo[i]..=band.hi[i]).rev() {
            let here = band.off[i] + j - band.lo[i];
            if here == end {
                continue;
            }
            let mut acc = f64::NEG_INFINITY;
            for (b, &(a, bb)) in beads.iter().enumerate() {
                if i + a > n || j + bb > m {
                    continue;
                }
                let Some(nx) = band.idx(i + a, j + bb) else {
                    continue;
                };
                let c = table.get(nx, b);
                if !c.is_finite() {
                    continue;
                }
                acc = logaddexp(acc, beta[nx] - c / t);
            }
            beta[here] = acc;
        }
    }
    let z = alpha[end];
    path.iter()
        .map(|&(i, j, b)| {
            let (a, bb) = beads[b];
            let here = band.idx(i, j).unwrap();
            let p = band.idx(i - a, j - bb).unwrap();
            let lp = alpha[p] - table.get(here, b) / t + beta[here] - z;
            lp.exp().clamp(0.0, 1.0)
        })
        .collect()
}

/// Converts a bead path to its lattice points, starting at (0, 0).
pub fn path_points(path: &[(usize, usize, usize)]) -> Vec<(usize, usize)> {
    let mut pts = Vec::with_capacity(path.len() + 1);
    pts.push((0, 0));
    pts.extend(path.iter().map(|&(i, j, _)| (i, j)));
    pts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_band_diagonal() {
        let beads = [(1, 1), (1, 0), (0, 1)];
        let band = Band::full(3, 3);
        let p = viterbi(
            &band,
            &beads,
            |i, j, b| {
                if b == 0 && i == j {
                    0.0
                } else {
                    1.0
                }
            },
        );
        assert_eq!(p, vec![(1, 1, 0), (2, 2, 0), (3, 3, 0)]);
    }

    #[test]
    fn projected_band_contains_path() {
        let coarse = vec![(0, 0), (1, 1), (2, 3), (3, 3)];
        let band = Band::project(&coarse, 5, 6, 0);
        assert_eq!(band.lo[0], 0);
        assert_eq!(band.hi[5], 6);
        for i in 0..5 {
            assert!(band.lo[i + 1] <= band.hi[i]);
        }
    }

    #[test]
    fn posteriors_sum_sensibly() {
        let beads = [(1, 1), (1, 0), (0, 1)];
        let band = Band::full(2, 2);
        let table = CostTable::build(&band, &beads, |_, _, b| if b == 0 { 0.1 } else { 5.0 });
        let path = viterbi(&band, &beads, |i, j, b| {
            table.get(band.idx(i, j).unwrap(), b)
        });
        let post = posteriors(&band, &beads, &table, &path, 1.0);
        assert_eq!(path.len(), 2);
        assert!(post.iter().all(|&p| p > 0.9 && p <= 1.0));
    }
}
