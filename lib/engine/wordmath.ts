// Exact decimal arithmetic on decimal.js's own digit words, for the engine's two inner loops
// (demand per unit and period, and the ledger's Σ actions × credits per unit).
//
// Why: a 36-month, 200-unit scenario is 7,200 cells of a handful of decimal operations each, and
// decimal.js spends most of a cell's time in its general machinery (rounding-mode dispatch,
// array copies, garbage), not in the digits. These registers hold a non-negative value as base-10^7
// limbs aligned on the decimal point exactly as decimal.js aligns its words, so that loading a
// Decimal and building one are word copies, never a parse.
//
// Same results, digit for digit: every operation here is the exact result rounded once, half-up,
// which is what decimal.js's times/plus (precision 20, ROUND_HALF_UP: the default Decimal) and
// toDecimalPlaces(…, ROUND_HALF_UP) return. Half-up only looks at the first dropped digit, so
// rounding needs no sticky bits. Anything outside these bounds (a negative value, NaN, more than
// MAX_INPUT_WORDS words) makes `load` return false; callers then take the decimal.js path.
// tests/unit/engine/wordmath.test.ts checks every operation against decimal.js on random values.
import Decimal from "@/lib/engine/decimal";

const BASE = 1e7;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7];
/** Limbs a register can hold: sums of values 400 digits apart still fit. */
const MAX_LIMBS = 64;
/** Room above MAX_LIMBS for a rounding carry. */
const LIMB_ROOM = MAX_LIMBS + 8;
/** Words of an input; products of two such values stay below 2^53 per limb before carrying. */
export const MAX_INPUT_WORDS = 8;

/** A non-negative decimal: value = Σ l[i] · 10^(7 · (x + i)), l[i] < 10^7, n limbs in use (0 = zero). */
export class Reg {
  readonly l: Float64Array;
  n = 0;
  x = 0;
  /** `limbs`: MAX_INPUT_WORDS is enough for a register that is only ever loaded and read. */
  constructor(limbs = LIMB_ROOM) {
    this.l = new Float64Array(limbs);
  }
}

/** True when `value` is an instance of the default Decimal and that constructor rounds half-up:
 *  the precision and rounding the kernel reproduces are then `Decimal.precision`, half-up. */
export function isDefaultHalfUp(value: Decimal): boolean {
  return (value as unknown as { constructor: unknown }).constructor === Decimal && Decimal.rounding === Decimal.ROUND_HALF_UP;
}

/** decimal.js's fields, which its type declares read-only. */
interface DecimalFields {
  s: number;
  e: number;
  d: number[] | null;
}

/** ⌊v / 10^7⌋ for a non-negative integer v below 2^53, without `%` (a double remainder is a call
 *  into the runtime): the quotient's rounding can only overshoot by one, which is corrected. */
function splitHigh(v: number): number {
  const hi = Math.floor(v / BASE);
  return v - hi * BASE < 0 ? hi - 1 : hi;
}

function digits(v: number): number {
  // v is a limb: 1 ≤ v < 10^7
  return v < 1e4 ? (v < 100 ? (v < 10 ? 1 : 2) : v < 1e3 ? 3 : 4) : v < 1e6 ? (v < 1e5 ? 5 : 6) : 7;
}

/** Loads a Decimal; false when it is negative (or −0), not finite, or has too many words. */
export function load(r: Reg, value: Decimal): boolean {
  const f = value as unknown as DecimalFields;
  const w = f.d;
  if (!w || f.s !== 1) return false;
  const m = w.length;
  if (m === 1 && w[0] === 0) {
    r.n = 0;
    r.x = 0;
    return true;
  }
  if (m > MAX_INPUT_WORDS) return false;
  // decimal.js puts the units digit of its first word at 10^(7·⌊e/7⌋).
  r.x = Math.floor(f.e / 7) - (m - 1);
  const l = r.l;
  for (let i = 0; i < m; i++) l[m - 1 - i] = w[i]!;
  r.n = m;
  trimLow(r);
  return true;
}

/** Loads a non-negative safe integer. */
export function loadInt(r: Reg, v: number): boolean {
  if (!(v >= 0) || !Number.isSafeInteger(v)) return false;
  let n = 0;
  const l = r.l;
  while (v > 0) {
    const hi = splitHigh(v);
    l[n++] = v - hi * BASE;
    v = hi;
  }
  r.n = n;
  r.x = 0;
  trimLow(r);
  return true;
}

/** Loads micro-units (a non-negative safe integer) as micro × 10^-6. */
export function loadMicro(r: Reg, micro: number): boolean {
  if (!loadInt(r, micro)) return false;
  // × 10 and one limb down: 10^-6 = 10 · 10^-7, limb by limb so that nothing passes 2^53.
  const l = r.l;
  let carry = 0;
  for (let i = 0; i < r.n; i++) {
    const v = l[i]! * 10 + carry;
    carry = splitHigh(v);
    l[i] = v - carry * BASE;
  }
  if (carry > 0) l[r.n++] = carry;
  r.x -= 1;
  trimLow(r);
  return true;
}

/** The value in micro-units (× 10^6) when that is a whole number up to `limit` (≤ 2^52), else -1. */
export function toMicro(r: Reg, limit: number): number {
  const l = r.l;
  let v = 0;
  for (let i = 0; i < r.n; i++) {
    const p = r.x + i;
    const w = l[i]!;
    if (p === -1) {
      if ((w | 0) % 10 !== 0) return -1;
      v += w / 10;
    } else if (p === 0) v += w * 1e6;
    else if (p === 1) v += w * 1e13;
    else return -1;
  }
  return v <= limit ? v : -1;
}

/** toMicro of the value rounded half-up to six decimal places (roundDp(r, 6) then toMicro), without
 *  changing r: half-up looks only at the first dropped digit, the 10^-7 digit of the limb at 10^-7. */
export function toMicroHalfUp(r: Reg, limit: number): number {
  const l = r.l;
  let v = 0;
  let up = false;
  for (let i = 0; i < r.n; i++) {
    const p = r.x + i;
    const w = l[i]!;
    if (p < -1) continue;
    if (p === -1) {
      const d = (w | 0) % 10;
      up = d >= 5;
      v += (w - d) / 10;
    } else if (p === 0) v += w * 1e6;
    else if (p === 1) v += w * 1e13;
    else return -1;
  }
  if (up) v += 1;
  return v <= limit ? v : -1;
}

/** The value as a number when it is a whole number below 2^53 (then exactly, as Decimal#toNumber
 *  gives it), NaN otherwise. Registers are kept trimmed: a non-zero lowest limb below 10^0 means a
 *  fraction. */
export function toSafeInteger(r: Reg): number {
  if (r.n === 0) return 0;
  if (r.x < 0 || exponentOf(r) >= 16) return NaN;
  const l = r.l;
  let v = 0;
  for (let i = r.n - 1; i >= 0; i--) v = v * BASE + l[i]!;
  for (let i = 0; i < r.x; i++) v *= BASE;
  return v < 2 ** 53 ? v : NaN;
}

/** Decimal exponent of the leading digit (as decimal.js's `e`); -Infinity for zero. */
export function exponentOf(r: Reg): number {
  return r.n === 0 ? -Infinity : 7 * (r.x + r.n - 1) + digits(r.l[r.n - 1]!) - 1;
}

export function copy(dst: Reg, src: Reg): void {
  const n = src.n;
  const from = src.l;
  const to = dst.l;
  for (let i = 0; i < n; i++) to[i] = from[i]!;
  dst.n = n;
  dst.x = src.x;
}

export function isZero(r: Reg): boolean {
  return r.n === 0;
}

/** Significant digits of the coefficient (trailing zeros inside the lowest limb included). */
export function digitCount(r: Reg): number {
  return r.n === 0 ? 0 : 7 * (r.n - 1) + digits(r.l[r.n - 1]!);
}

function trimLow(r: Reg): void {
  const l = r.l;
  let n = r.n;
  while (n > 0 && l[n - 1] === 0) n--;
  if (n === 0) {
    r.n = 0;
    r.x = 0;
    return;
  }
  let b = 0;
  while (l[b] === 0) b++;
  if (b > 0) {
    for (let i = b; i < n; i++) l[i - b] = l[i]!;
    n -= b;
    r.x += b;
  }
  r.n = n;
}

/** dst = a × b exactly; false when an operand has more than MAX_INPUT_WORDS limbs. */
export function mul(dst: Reg, a: Reg, b: Reg): boolean {
  if (a.n === 0 || b.n === 0) {
    dst.n = 0;
    dst.x = 0;
    return true;
  }
  if (a.n > MAX_INPUT_WORDS || b.n > MAX_INPUT_WORDS) return false;
  if (a.n === 1 || b.n === 1) return mulOne(dst, a.n === 1 ? b : a, a.n === 1 ? a : b);
  const n = a.n + b.n;
  const l = dst.l;
  const al = a.l;
  const bl = b.l;
  for (let k = 0; k < n; k++) l[k] = 0;
  // Each partial product is below 10^14 and a limb sums at most eight: below 2^53.
  for (let i = 0; i < a.n; i++) {
    const ai = al[i]!;
    if (ai === 0) continue;
    for (let j = 0; j < b.n; j++) l[i + j] = l[i + j]! + ai * bl[j]!;
  }
  let carry = 0;
  for (let k = 0; k < n; k++) {
    const v = l[k]! + carry;
    carry = splitHigh(v);
    l[k] = v - carry * BASE;
  }
  dst.n = n;
  dst.x = a.x + b.x;
  trimLow(dst);
  return true;
}

/** dst = a × b where b has one limb (a credit per unit, a round rate): one pass, products below
 *  10^14 plus a carry below 10^7, so below 2^53. */
function mulOne(dst: Reg, a: Reg, b: Reg): boolean {
  const b0 = b.l[0]!;
  const l = dst.l;
  const al = a.l;
  const m = a.n;
  let carry = 0;
  for (let i = 0; i < m; i++) {
    const v = al[i]! * b0 + carry;
    carry = splitHigh(v);
    l[i] = v - carry * BASE;
  }
  let n = m;
  if (carry > 0) l[n++] = carry;
  dst.n = n;
  dst.x = a.x + b.x;
  // the lowest limb is non-zero when a's is (limbs below 10^7 times a non-zero limb below 10^7
  // can end in zeros, though): trimLow keeps the register normalised as mul does
  trimLow(dst);
  return true;
}

/** dst = a + b exactly (dst may be a or b); false when the two are too far apart for a register. */
export function add(dst: Reg, a: Reg, b: Reg): boolean {
  if (dst === b) {
    b = a;
    a = dst;
  }
  if (b.n === 0) {
    if (dst !== a) copy(dst, a);
    return true;
  }
  if (a.n === 0) {
    copy(dst, b);
    return true;
  }
  const x = a.x < b.x ? a.x : b.x;
  const topA = a.x + a.n;
  const topB = b.x + b.n;
  const n = (topA > topB ? topA : topB) - x;
  if (n >= MAX_LIMBS) return false;
  const offA = a.x - x;
  const offB = b.x - x;
  const l = dst.l;
  const al = a.l;
  // a's limbs move up by offA (from the top down, so that dst === a reads each limb before it is
  // overwritten), the rest is zero, then b is added in.
  for (let k = n; k >= topA - x; k--) l[k] = 0;
  for (let i = a.n - 1; i >= 0; i--) l[i + offA] = al[i]!;
  for (let k = offA - 1; k >= 0; k--) l[k] = 0;
  const bl = b.l;
  let carry = 0;
  for (let i = 0; i < b.n; i++) {
    const v = l[i + offB]! + bl[i]! + carry;
    if (v >= BASE) {
      l[i + offB] = v - BASE;
      carry = 1;
    } else {
      l[i + offB] = v;
      carry = 0;
    }
  }
  for (let k = offB + b.n; carry > 0; k++) {
    const v = l[k]! + 1;
    if (v >= BASE) l[k] = v - BASE;
    else {
      l[k] = v;
      carry = 0;
    }
  }
  dst.n = l[n] !== 0 ? n + 1 : n;
  dst.x = x;
  trimLow(dst);
  return true;
}

/** Drops the k lowest digits of the coefficient, rounding half-up (first dropped digit ≥ 5). */
function roundAt(r: Reg, k: number): void {
  const l = r.l;
  if (k - 1 >= 7 * r.n) {
    // every digit, the first dropped one included, lies below the value: it rounds to 0
    r.n = 0;
    r.x = 0;
    return;
  }
  const t = Math.floor(k / 7);
  const o = k - 7 * t;
  if (t === r.n) l[t] = 0;
  let up: boolean;
  if (o > 0) {
    const v = l[t]!;
    const rem = (v | 0) % POW10[o]!;
    up = rem >= 5 * POW10[o - 1]!;
    l[t] = v - rem;
  } else {
    up = l[t - 1]! >= 5e6;
  }
  for (let i = 0; i < t; i++) l[i] = 0;
  let n = t === r.n ? t + 1 : r.n;
  if (up) {
    let i = t;
    l[i] = l[i]! + POW10[o]!;
    while (l[i]! >= BASE) {
      l[i] = l[i]! - BASE;
      i++;
      if (i === n) l[n++] = 0;
      l[i] = l[i]! + 1;
    }
  }
  r.n = n;
  trimLow(r);
}

/** Rounds to `sig` significant digits, half-up (decimal.js's default precision is 20). */
export function roundSig(r: Reg, sig: number): void {
  const k = digitCount(r) - sig;
  if (k > 0) roundAt(r, k);
}

/** Rounds to `dp` decimal places, half-up. */
export function roundDp(r: Reg, dp: number): void {
  if (r.n === 0) return;
  const k = -dp - 7 * r.x;
  if (k > 0) roundAt(r, k);
}

/** An instance of the engine's Decimal laid out as decimal.js's constructor lays one out (own
 *  `constructor`, then s, e, d), built by a plain constructor function that shares Decimal's
 *  prototype: `instanceof`, every method and `x.constructor` are Decimal's. A `new` site rather than
 *  Object.create lets V8 allocate it inline and pretenure it (these outlive the scavenges of a run). */
interface WordDecimal {
  constructor: unknown;
  s: number;
  e: number;
  d: number[];
}
const WordDecimal = function (this: WordDecimal, e: number, d: number[]) {
  this.constructor = Decimal;
  this.s = 1;
  this.e = e;
  this.d = d;
} as unknown as new (e: number, d: number[]) => WordDecimal;
WordDecimal.prototype = Decimal.prototype as unknown as WordDecimal;

/** The register as a Decimal of the default constructor, without decimal.js's argument dispatch:
 *  this runs once per unit and period. */
export function toDecimal(r: Reg): Decimal {
  if (r.n === 0) return new WordDecimal(0, [0]) as unknown as Decimal;
  const l = r.l;
  const top = r.n - 1;
  const e = 7 * (r.x + top) + digits(l[top]!) - 1;
  let words: number[];
  // literals for the common lengths (20 significant digits are three or four words)
  if (top === 0) words = [l[0]!];
  else if (top === 1) words = [l[1]!, l[0]!];
  else if (top === 2) words = [l[2]!, l[1]!, l[0]!];
  else if (top === 3) words = [l[3]!, l[2]!, l[1]!, l[0]!];
  else {
    words = new Array<number>(r.n);
    for (let i = 0; i <= top; i++) words[i] = l[top - i]!;
  }
  return new WordDecimal(e, words) as unknown as Decimal;
}

/** True when decimal.js still lays out its digits the way load and toDecimal assume: checked once,
 *  so that a future decimal.js with another layout makes every caller take the decimal.js path. */
export const WORDS_OK: boolean = (() => {
  const r = new Reg();
  const samples = ["1234.5678901234567891", "0.5", "12345678", "0.00000001234", "1e-30", "98765432109876543210987", "7"];
  return samples.every((s) => {
    const d = new Decimal(s);
    return load(r, d) && toDecimal(r).toFixed() === d.toFixed() && toDecimal(r).eq(d);
  });
})();
