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
