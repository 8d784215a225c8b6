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
  return walk(value) as Serialised<T>;
}

function walk(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Decimal.isDecimal(value)) return (value as Decimal).toFixed();
  if (Array.isArray(value)) return value.map(walk);
  const out: Record<string, unknown> = {};
  // Object.keys and a lookup rather than Object.entries: the per-unit records (200 keys) are
  // dictionary-mode objects, whose entries V8 builds several times slower.
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = record[k];
    if (v !== undefined) out[k] = walk(v);
  }
  return out;
}
