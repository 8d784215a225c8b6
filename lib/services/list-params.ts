// The search, filter, sort and page of a list page, read from its URL (so a view can be shared
// and a reload keeps it). Values outside what a list knows fall back to its defaults.
import { z } from "zod";

export type SortDir = "asc" | "desc";
export type SearchParams = Record<string, string | string[] | undefined>;

export interface ListParams<S extends string> {
  /** the search text, trimmed, at most 100 characters, control characters removed */
  q: string;
  sort: S;
  dir: SortDir;
  page: number;
}

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

const CONTROL = /[\u0000-\u001f\u007f]/g;

/** The first value of `name` in the URL when it is one of `allowed`. */
export function pickParam<T extends string>(raw: SearchParams, name: string, allowed: readonly T[]): T | undefined {
  const v = one(raw[name]);
  return v !== undefined && (allowed as readonly string[]).includes(v) ? (v as T) : undefined;
}

export function parseListParams<S extends string>(raw: SearchParams, sorts: readonly S[], defaults: { sort: S; dir: SortDir }): ListParams<S> {
  const q = (one(raw.q) ?? "").replace(CONTROL, " ").trim().slice(0, 100);
  const sort = pickParam(raw, "sort", sorts) ?? defaults.sort;
  const dir = pickParam(raw, "dir", ["asc", "desc"] as const) ?? defaults.dir;
  const page = z.coerce.number().int().min(1).max(1_000_000).catch(1).parse(one(raw.page) ?? 1);
  return { q, sort, dir, page };
}

/** `q` as a LIKE/ILIKE pattern matching it anywhere, its wildcards taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The URL of `base` with `current` changed by `change`; a value equal to its default (given in
 * `defaults`) or empty is left out, so the plain list keeps its plain URL.
 */
export function listHref(base: string, current: Record<string, string | number | undefined>, change: Record<string, string | number | undefined>, defaults: Record<string, string | number> = {}): string {
  const merged = { ...current, ...change };
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === "" || String(v) === String(defaults[k] ?? (k === "page" ? 1 : ""))) continue;
    s.set(k, String(v));
  }
  const qs = s.toString();
  return qs ? `${base}?${qs}` : base;
}
