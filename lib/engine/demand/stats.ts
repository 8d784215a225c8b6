// Small dense linear algebra and the Student t quantile, in floats: enough for fitting burn trends
// with at most three coefficients. Money never passes through here; see burn.ts for the hand-over.

export type Matrix = number[][];

function at(m: Matrix, i: number, j: number): number {
  return m[i]?.[j] ?? 0;
}

/** Inverse of a small symmetric positive-definite matrix by Gauss–Jordan with partial pivoting;
 *  null when singular (e.g. a design whose columns are collinear). */
export function invert(m: Matrix): Matrix | null {
  const n = m.length;
  const a: Matrix = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(at(a, r, col)) > Math.abs(at(a, pivot, col))) pivot = r;
    const scale = Math.max(...m.map((row) => Math.max(...row.map(Math.abs))), 1e-300);
    if (Math.abs(at(a, pivot, col)) <= 1e-12 * scale) return null;
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const rowC = a[col] as number[];
    const p = rowC[col] as number;
    for (let j = 0; j < 2 * n; j++) rowC[j] = (rowC[j] as number) / p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const f = row[col] as number;
      if (f === 0) continue;
      for (let j = 0; j < 2 * n; j++) row[j] = (row[j] as number) - f * (rowC[j] as number);
    }
  }
  return a.map((row) => row.slice(n));
}

/** XᵀX for a design given as rows. */
export function gram(rows: readonly (readonly number[])[]): Matrix {
  const p = rows[0]?.length ?? 0;
  const g: Matrix = Array.from({ length: p }, () => Array<number>(p).fill(0));
  for (const x of rows) {
    for (let i = 0; i < p; i++) {
      const gi = g[i] as number[];
      for (let j = 0; j < p; j++) gi[j] = (gi[j] as number) + (x[i] ?? 0) * (x[j] ?? 0);
    }
  }
  return g;
}

export function mulVec(m: Matrix, v: readonly number[]): number[] {
  return m.map((row) => row.reduce((s, x, j) => s + x * (v[j] ?? 0), 0));
}

/** vᵀ M v */
export function quadForm(m: Matrix, v: readonly number[]): number {
  return mulVec(m, v).reduce((s, x, i) => s + x * (v[i] ?? 0), 0);
}

/** Ordinary least squares; null when the design is singular. */
export function leastSquares(rows: readonly (readonly number[])[], y: readonly number[]): { beta: number[]; xtxInv: Matrix } | null {
  const xtxInv = invert(gram(rows));
  if (!xtxInv) return null;
  const p = rows[0]?.length ?? 0;
  const xty = Array<number>(p).fill(0);
  rows.forEach((x, k) => {
    for (let i = 0; i < p; i++) xty[i] = (xty[i] as number) + (x[i] ?? 0) * (y[k] ?? 0);
  });
  return { beta: mulVec(xtxInv, xty), xtxInv };
}

// Lanczos approximation (g = 7, n = 9), accurate to ~15 digits for positive arguments.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

// Continued fraction for the incomplete beta function (modified Lentz).
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
  const front = Math.exp(lnFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The t value with P(T ≤ t) = p, for 0.5 ≤ p < 1, by bisection (monotone, so it cannot miss). */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0.5 && p < 1)) throw new RangeError(`quantile level must be in [0.5, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
