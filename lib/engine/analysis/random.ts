// Seeded randomness for Monte Carlo: the same seed gives the same draws on every machine, since
// xoroshiro128+ (pure-rand) works on 32-bit integers and uniformFloat64 builds each value from two
// of them without touching Math.random.
import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";

/** `count` uniform values in [0, 1) from `seed` (a 32-bit integer; larger seeds are reduced). */
export function seededUniforms(seed: number, count: number): Float64Array {
  const rng = xoroshiro128plus(seed | 0);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = uniformFloat64(rng);
  return out;
}

/**
 * The value of a triangular distribution on [low, high] with mode `likely` at quantile u (the
 * inverse of its CDF). Triangular rather than PERT because its inverse is closed-form, so that one
 * quantile can drive several ranges of the same driver (every month's activation) together.
 * A degenerate range returns `likely` itself, bit for bit.
 */
export function triangularQuantile(low: number, likely: number, high: number, u: number): number {
  if (low === high) return likely;
  const span = high - low;
  const split = (likely - low) / span;
  const x = u < split ? low + Math.sqrt(u * span * (likely - low)) : high - Math.sqrt((1 - u) * span * (high - likely));
  // Rounding in the square root must not step outside the range the author gave.
  return Math.min(high, Math.max(low, x));
}
