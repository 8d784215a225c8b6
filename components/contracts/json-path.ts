// Immutable get/set by path for the clause and driver editors, whose inputs are bound to the same
// dotted paths ("allotments.0.size.credits") that validation errors name.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Path = (string | number)[];

export function parsePath(path: string): Path {
  return path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function getIn(obj: unknown, path: Path): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** A copy of obj with the value at path replaced; `undefined` removes the key (or array item). */
export function setIn<T>(obj: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path as [string | number, ...Path];
  const base: unknown = obj ?? (typeof head === "number" ? [] : {});
  if (Array.isArray(base)) {
    const copy = [...base];
    const next = setIn(copy[head as number], rest, value);
    if (next === undefined && rest.length === 0) copy.splice(head as number, 1);
    else copy[head as number] = next;
    return copy as T;
  }
  const copy = { ...(base as Record<string, unknown>) };
  const next = setIn(copy[head as string], rest, value);
  if (next === undefined) delete copy[head as string];
  else copy[head as string] = next;
  return copy as T;
}
