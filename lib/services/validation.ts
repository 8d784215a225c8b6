// Validation of model-document parts (clauses, drivers, rate card units) with the engine's own zod
// schemas, reported so that a bad field names itself: "allotments.0.size.credits: must be 0 or more".
import type { z } from "zod";
import { formatPath } from "@/lib/engine/model/schema";
import { invalid } from "./errors";

// Every free-text field of every input schema is built on text(): a NUL byte or another control
// character is refused with the field named, instead of failing in the database.
export { controlCharacterProblem, text } from "@/lib/engine/model/text";

interface RawIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  keys?: string[];
  errors?: RawIssue[][];
}

/** Dotted path as the forms use it ("allotments.0.size.credits"), under an optional prefix. */
function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

function flatten(issue: RawIssue, prefix: PropertyKey[], out: { path: PropertyKey[]; message: string }[]): void {
  const at = [...prefix, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors && issue.errors.length > 0) {
    // A union names no single reason; the branch with the fewest problems is the one meant.
    const best = issue.errors.reduce((m, b) => (b.length < m.length ? b : m));
    if (best.length > 0) {
      for (const sub of best) flatten(sub, at, out);
      return;
    }
  }
  if (issue.code === "unrecognized_keys" && issue.keys) {
    for (const key of issue.keys) out.push({ path: [...at, key], message: "unknown field" });
    return;
  }
  if ((issue.code === "invalid_type" || issue.code === "invalid_union") && "input" in issue && issue.input === undefined) {
    out.push({ path: at, message: "required field is missing" });
    return;
  }
  out.push({ path: at, message: issue.message });
}

export interface FieldIssue {
  /** dotted path, e.g. "clauses.allotments.0.size.credits" */
  field: string;
  /** JSON path, e.g. "$.clauses.allotments[0].size.credits" */
  jsonPath: string;
  message: string;
}

export function issuesOf(schema: z.ZodType, value: unknown, prefix: PropertyKey[] = []): FieldIssue[] {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return [];
  const raw: { path: PropertyKey[]; message: string }[] = [];
  for (const issue of result.error.issues) flatten(issue as unknown as RawIssue, prefix, raw);
  return raw.map((r) => ({ field: dotted(r.path), jsonPath: formatPath(r.path), message: r.message }));
}

/** Parses with an engine schema or throws an "invalid" DomainError whose fieldErrors name each bad field. */
export function parseOrInvalid<S extends z.ZodType>(schema: S, value: unknown, what: string, prefix: PropertyKey[] = []): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidFromIssues(issuesOf(schema, value, prefix), what);
}

export function invalidFromIssues(issues: FieldIssue[], what: string) {
  const fieldErrors: Record<string, string[]> = {};
  for (const i of issues) (fieldErrors[i.field || "_"] ??= []).push(i.message);
  const first = issues[0];
  const message = first ? `${what}: ${first.field || "input"}: ${first.message}` : `${what} is not valid.`;
  return invalid(message, fieldErrors);
}

/** Postgres unique violation, whether the driver error arrives bare or wrapped by drizzle. */
export function isUniqueViolation(e: unknown): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    if (typeof cur === "object" && (cur as { code?: unknown }).code === "23505") return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}
