// Percentiles over Monte Carlo paths. One definition everywhere: nearest rank. P(q) is the value
// of the path at rank ⌈q/100 · N⌉ (1-based) when paths are ordered by the figure, ties broken by
// path number, so that a percentile always names one real path that can be re-run exactly.

/** Path numbers ordered by value (NaN last), then by path number. */
export function orderPaths(values: Float64Array, then?: Float64Array): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  const cmp = (x: number, y: number) => (Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : Number.isNaN(y) ? -1 : x - y);
  order.sort((a, b) => {
    const c = cmp(values[a]!, values[b]!);
    if (c !== 0) return c;
    // Ties (a fixed fee that covers every path's demand) are ranked by the second key, the demand,
    // so that the P10 path of a flat cost is still a low-demand path, and only then by path number.
    const d = then ? cmp(then[a]!, then[b]!) : 0;
    return d !== 0 ? d : a - b;
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
 * (−0 before +0, NaN last) plain comparisons do not reproduce. Without them, the value at a rank is
 * the same whatever algorithm finds it: only the order of the other values differs.
 */
export function selectPercentiles(sample: Float64Array, pcts: readonly number[]): number[] {
  if (hasNaNOrNegativeZero(sample)) return percentilesOf(sample, pcts);
  const n = sample.length;
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

function hasNaNOrNegativeZero(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v !== v || (v === 0 && 1 / v < 0)) return true;
  }
  return false;
}

/**
 * Floyd–Rivest selection (the "quickselect" of mourner/quickselect): afterwards a[k] is the value a
 * sort would put there, a[lo..k) ≤ a[k] ≤ a(k..hi]. On a large range it first selects k within a
 * small sample around k's expected place, so that the pivot is close to the answer and one
 * partition pass leaves little to do: about n + min(k, n − k) comparisons instead of Hoare's 2–3 n.
 * Needs values without NaN (selectPercentiles checks).
 */
function select(a: Float64Array, lo: number, hi: number, k: number): void {
  let left = lo;
  let right = hi;
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      const newLeft = Math.max(left, Math.floor(k - (m * s) / n + sd));
      const newRight = Math.min(right, Math.floor(k + ((n - m) * s) / n + sd));
      select(a, newLeft, newRight, k);
    }
    // partition [left, right] around t = a[k]
    const t = a[k]!;
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right]! > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i]! < t) i++;
      while (a[j]! > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    // a[j] = t now sits at its sorted place; keep the side that holds k
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
