// Engine results hold Decimals; documents and CLI output carry them as strings so that no digit is
// lost to a float on the way out.
import Decimal from "@/lib/engine/decimal";

/** T with every Decimal replaced by its string form. */
export type Serialised<T> = T extends Decimal
  ? string
  : T extends readonly (infer U)[]
    ? Serialised<U>[]
    : T extends object
      ? { [K in keyof T]: Serialised<T[K]> }
      : T;

/**
 * Deep copy with Decimals as plain decimal strings: toFixed() rather than toString(), because
 * toString() switches to exponent notation ("1e+21", "5e-7") that readers and spreadsheets misread.
 * Undefined fields are dropped, as JSON.stringify would.
 */
export function serialise<T>(value: T): Serialised<T> {
  return walk(value, new Map()) as Serialised<T>;
}

/** Records with at least this many keys are serialised once per serialise call however often they
 *  occur: the per-unit rows of a demand period that several scenarios share (the ledger's rows
 *  hold the demand figures' own byUnit record). Smaller objects are cheaper to copy than to look up. */
const SHARED_MIN_KEYS = 32;

function walk(value: unknown, shared: Map<object, unknown>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Decimal.isDecimal(value)) return (value as Decimal).toFixed();
  if (Array.isArray(value)) return value.map((v) => walk(v, shared));
  // Object.keys and a lookup rather than Object.entries: the per-unit records (200 keys) are
  // dictionary-mode objects, whose entries V8 builds several times slower.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const big = keys.length >= SHARED_MIN_KEYS;
  if (big) {
    const done = shared.get(record);
    if (done !== undefined) return done;
  }
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = record[k];
    if (v !== undefined) out[k] = walk(v, shared);
  }
  if (big) shared.set(record, out);
  return out;
}
