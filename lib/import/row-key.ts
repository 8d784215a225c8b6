// Stable row keys: sha-256 of a row's normalised content, plus how many rows with the same content
// came before it in the file. Re-importing a file reproduces every key (so the database can refuse
// the duplicates), and genuinely repeated rows inside one file stay distinct.
import { hash } from "node:crypto";

/**
 * Counts earlier occurrences of each content digest. Keyed by the digest's first 64 bits in flat
 * typed arrays (about 24 bytes a distinct row, against ~150 for a Map of hex strings), so a
 * million-row file stays within a few tens of megabytes. Two different contents sharing 64 bits
 * would only shift an occurrence number; their keys still differ by the full digest.
 */
export class OccurrenceCounter {
  private hi: Uint32Array;
  private lo: Uint32Array;
  /** occurrences so far + 1; 0 marks an empty slot */
  private seen: Uint32Array;
  private size = 0;

  constructor(initialCapacity = 1 << 14) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity <<= 1;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.seen = new Uint32Array(capacity);
  }

  /** Occurrences of (hi, lo) before this one, and records this one. */
  next(hiWord: number, loWord: number): number {
    // As stored: the typed arrays keep unsigned 32-bit words.
    const hi = hiWord >>> 0;
    const lo = loWord >>> 0;
    if ((this.size + 1) * 2 > this.seen.length) this.grow();
    const slot = this.find(hi, lo, this.hi, this.lo, this.seen);
    const count = this.seen[slot] ?? 0;
    if (count === 0) {
      this.hi[slot] = hi;
      this.lo[slot] = lo;
      this.size++;
    }
    this.seen[slot] = count + 1;
    return count;
  }

  private find(hi: number, lo: number, his: Uint32Array, los: Uint32Array, seen: Uint32Array): number {
    const mask = seen.length - 1;
    // The digest is already uniformly spread: its low word is a good slot index.
    let slot = lo & mask;
    while ((seen[slot] ?? 0) !== 0 && (his[slot] !== hi || los[slot] !== lo)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { hi: oldHi, lo: oldLo, seen: oldSeen } = this;
    const capacity = oldSeen.length * 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.seen = new Uint32Array(capacity);
    for (let i = 0; i < oldSeen.length; i++) {
      const count = oldSeen[i] ?? 0;
      if (count === 0) continue;
      const h = oldHi[i] ?? 0;
      const l = oldLo[i] ?? 0;
      const slot = this.find(h, l, this.hi, this.lo, this.seen);
      this.hi[slot] = h;
      this.lo[slot] = l;
      this.seen[slot] = count;
    }
  }
}

/** The 32-bit word written as 8 lower-case hex digits at `at` (no substring per row, unlike parseInt). */
function hexWord(hex: string, at: number): number {
  let word = 0;
  for (let i = at; i < at + 8; i++) {
    const c = hex.charCodeAt(i);
    word = word * 16 + (c <= 57 ? c - 48 : c - 87);
  }
  return word;
}

/** Keys for the rows of one file, in file order. */
export class RowKeyer {
  private readonly counter = new OccurrenceCounter();

  /** `content` must spell equal rows identically (see normalise.ts). */
  key(content: string): string {
    // Hex straight from the one-shot hash: a Buffer digest (off-heap memory per row) costs twice as much.
    const hex = hash("sha256", content, "hex");
    const occurrence = this.counter.next(hexWord(hex, 0), hexWord(hex, 8));
    return `${hex}:${occurrence}`;
  }
}

/** FNV-1a over a string's UTF-16 code units, from `from`, as an unsigned 32-bit word. */
function fnv32(s: string, from: number, seed: number): number {
  let h = seed >>> 0;
  for (let i = from; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const HEX_KEY = /^[0-9a-f]{16}/;

/**
 * A set of row keys in flat typed arrays (about 20 bytes a key), by a 64-bit fingerprint: the
 * digest's first 64 bits mixed with a hash of what follows (occurrence, spread piece), or two
 * hashes of a key that is not a digest ("manual:…"). Two different keys sharing a fingerprint
 * have a chance of about n²/2⁶⁵ (under 10⁻⁷ for a million keys against a million).
 */
export class KeySet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private used: Uint8Array;
  private count = 0;

  constructor(initialCapacity = 1 << 10) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity <<= 1;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  private static fingerprint(key: string): [number, number] {
    if (HEX_KEY.test(key)) return [hexWord(key, 0), (hexWord(key, 8) ^ fnv32(key, 64, 0x811c9dc5)) >>> 0];
    return [fnv32(key, 0, 0x811c9dc5), fnv32(key, 0, 0x01234567)];
  }

  add(key: string): void {
    const [hi, lo] = KeySet.fingerprint(key);
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    const slot = this.find(hi, lo, this.hi, this.lo, this.used);
    if (this.used[slot] === 0) {
      this.used[slot] = 1;
      this.hi[slot] = hi;
      this.lo[slot] = lo;
      this.count++;
    }
  }

  has(key: string): boolean {
    if (this.count === 0) return false;
    const [hi, lo] = KeySet.fingerprint(key);
    return this.used[this.find(hi, lo, this.hi, this.lo, this.used)] === 1;
  }

  private find(hi: number, lo: number, his: Uint32Array, los: Uint32Array, used: Uint8Array): number {
    const mask = used.length - 1;
    let slot = (lo ^ hi) & mask;
    while (used[slot] === 1 && (his[slot] !== hi || los[slot] !== lo)) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const { hi: oldHi, lo: oldLo, used: oldUsed } = this;
    const capacity = oldUsed.length * 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
    for (let i = 0; i < oldUsed.length; i++) {
      if (oldUsed[i] !== 1) continue;
      const h = oldHi[i] ?? 0;
      const l = oldLo[i] ?? 0;
      const slot = this.find(h, l, this.hi, this.lo, this.used);
      this.used[slot] = 1;
      this.hi[slot] = h;
      this.lo[slot] = l;
    }
  }
}
