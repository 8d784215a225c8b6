// Percentiles over Monte Carlo paths. One definition everywhere: nearest rank. P(q) is the value
// of the path at rank ⌈q/100 · N⌉ (1-based) when paths are ordered by the figure, ties broken by
// path number, so that a percentile always names one real path that can be re-run exactly.

/** Path numbers ordered by value (NaN last), then by path number. */
export function orderPaths(values: Float64Array): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => {
    const x = values[a]!;
    const y = values[b]!;
    if (x !== y) {
      if (Number.isNaN(x)) return 1;
      if (Number.isNaN(y)) return -1;
      return x - y;
    }
    return a - b;
  });
  return order;
}

/** 0-based rank of percentile `pct` (0–100) among `n` paths. */
export function nearestRank(pct: number, n: number): number {
  return Math.min(n, Math.max(1, Math.ceil((pct / 100) * n))) - 1;
}

/** The path at each percentile of `values`. */
export function percentilePaths(values: Float64Array, pcts: readonly number[]): number[] {
  const order = orderPaths(values);
  return pcts.map((p) => order[nearestRank(p, values.length)]!);
}

/** Percentiles of a sample (sorted in place: pass a copy you do not need). */
export function percentilesOf(sample: Float64Array, pcts: readonly number[]): number[] {
  sample.sort();
  return pcts.map((p) => sample[nearestRank(p, sample.length)]!);
}

/**
 * The same values as percentilesOf, by selection instead of a full sort: the per-period band asks
 * for three ranks of 10,000 values per period and figure, where a sort costs ten times more.
 * Reorders `sample` (pass a copy you do not need); NaN and −0 fall back to the sort, whose order
 * (−0 before +0, NaN last) plain comparisons do not reproduce.
 */
export function selectPercentiles(sample: Float64Array, pcts: readonly number[]): number[] {
  const n = sample.length;
  for (let i = 0; i < n; i++) {
    const v = sample[i]!;
    if (v !== v || (v === 0 && 1 / v < 0)) return percentilesOf(sample, pcts);
  }
  const ranks = pcts.map((p) => nearestRank(p, n));
  const order = ranks.map((_, j) => j).sort((a, b) => ranks[a]! - ranks[b]!);
  const out = new Array<number>(pcts.length);
  let lo = 0;
  for (const j of order) {
    const k = ranks[j]!;
    if (k < 0 || k >= n) {
      out[j] = sample[k]!;
      continue;
    }
    select(sample, lo, n - 1, k);
    out[j] = sample[k]!;
    // everything from k on is ≥ sample[k]: the next, larger rank lies there
    lo = k;
  }
  return out;
}

/** Hoare quickselect: afterwards a[k] is the value a sort would put there, a[lo..k) ≤ a[k] ≤ a(k..hi]. */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three as the pivot
    let x = a[lo]!;
    let y = a[mid]!;
    let z = a[hi]!;
    if (x > y) [x, y] = [y, x];
    if (y > z) [y, z] = [z, y];
    if (x > y) [x, y] = [y, x];
    const pivot = y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
