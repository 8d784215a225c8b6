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
 * The same values as percentilesOf, without a full sort: the per-period band asks for three ranks
 * of 10,000 values per period and figure, where a sort costs ten times more. `sample` is left as it
 * is on the bucket path and may be reordered otherwise (pass a copy you do not need). NaN and −0
 * fall back to the sort, whose order (−0 before +0, NaN last) plain comparisons do not reproduce.
 * Without them, the value at a rank is the same whatever algorithm finds it.
 */
export function selectPercentiles(sample: Float64Array, pcts: readonly number[]): number[] {
  const n = sample.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = sample[i]!;
    if (v !== v || (v === 0 && 1 / v < 0)) return percentilesOf(sample, pcts);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const ranks = pcts.map((p) => nearestRank(p, n));
  if (n > 0 && lo === hi) return ranks.map((k) => (k >= 0 && k < n ? lo : sample[k]!));
  const scale = BUCKETS / (hi - lo);
  if (n >= MIN_BUCKETED && Number.isFinite(scale) && scale > 0) return bucketSelect(sample, ranks, lo, scale);
  return selectRanks(sample, ranks);
}

/** Values of at least this many paths are selected by buckets (below, Floyd–Rivest is as quick). */
const MIN_BUCKETED = 512;
const BUCKETS = 2048;
// Scratch of bucketSelect, reused (the engine is synchronous and never re-entered).
const counts = new Uint32Array(BUCKETS);
const slotOf = new Int32Array(BUCKETS).fill(-1);
let bucketOf = new Uint16Array(0);
let gathered = new Float64Array(0);

/**
 * Selection by a histogram: every value goes to one of 2,048 buckets by a monotone map of its value
 * (⌊(v − lo) × scale⌋: a larger value never lands in a lower bucket, whatever the rounding), the
 * counts tell which bucket holds each rank and at which place, and only the values of those buckets
 * are then selected among (Floyd–Rivest). Three passes over the values instead of a partition per
 * rank; the answer is the value a sort would put at each rank, since the buckets keep the order.
 */
function bucketSelect(sample: Float64Array, ranks: readonly number[], lo: number, scale: number): number[] {
  const n = sample.length;
  if (bucketOf.length < n) bucketOf = new Uint16Array(n);
  counts.fill(0);
  const top = BUCKETS - 1;
  for (let i = 0; i < n; i++) {
    const b = Math.min(top, Math.floor((sample[i]! - lo) * scale));
    bucketOf[i] = b;
    counts[b]!++;
  }
  // the bucket of each rank, and the rank's place among that bucket's values
  const out = new Array<number>(ranks.length);
  const targets: { bucket: number; offset: number }[] = [];
  const wanted: { j: number; slot: number; within: number }[] = [];
  for (let j = 0; j < ranks.length; j++) {
    const k = ranks[j]!;
    if (k < 0 || k >= n) {
      out[j] = sample[k]!;
      continue;
    }
    let below = 0;
    let b = 0;
    while (below + counts[b]! <= k) below += counts[b++]!;
    let slot = slotOf[b]!;
    if (slot < 0) {
      slot = targets.length;
      slotOf[b] = slot;
      targets.push({ bucket: b, offset: 0 });
    }
    wanted.push({ j, slot, within: k - below });
  }
  let total = 0;
  for (const t of targets) {
    t.offset = total;
    total += counts[t.bucket]!;
  }
  if (gathered.length < total) gathered = new Float64Array(total);
  const fill = targets.map((t) => t.offset);
  for (let i = 0; i < n; i++) {
    const slot = slotOf[bucketOf[i]!]!;
    if (slot >= 0) gathered[fill[slot]!++] = sample[i]!;
  }
  for (const t of targets) slotOf[t.bucket] = -1;
  // ranks within one bucket in increasing order, so that each selection narrows the next
  wanted.sort((a, b) => a.slot - b.slot || a.within - b.within);
  let from = -1;
  let lastSlot = -1;
  for (const w of wanted) {
    const t = targets[w.slot]!;
    if (w.slot !== lastSlot) {
      lastSlot = w.slot;
      from = t.offset;
    }
    const k = t.offset + w.within;
    select(gathered, from, t.offset + counts[t.bucket]! - 1, k);
    out[w.j] = gathered[k]!;
    from = k;
  }
  return out;
}

/** Floyd–Rivest for each rank, smallest first (reorders `sample`). */
function selectRanks(sample: Float64Array, ranks: readonly number[]): number[] {
  const n = sample.length;
  const order = ranks.map((_, j) => j).sort((a, b) => ranks[a]! - ranks[b]!);
  const out = new Array<number>(ranks.length);
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
