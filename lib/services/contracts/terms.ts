// The consumption terms of a contract (clauses and baseline drivers), validated with the engine's own
// schemas so a bad field is named by its path, e.g. "clauses.allotments.0.size.credits".
import { ClausesDoc, DriversDoc } from "@/lib/engine/model/schema";
import type { ClausesJson, DriversJson } from "@/lib/db/schema/json";
import type { RateCardVersionRow } from "@/lib/db/schema/ratecards";
import { buildModelDocument, type ContractBundle } from "@/lib/workbench/model";
import { DomainError } from "../errors";
import { evaluateDocument } from "../scenarios/evaluate";
import { invalidFromIssues, issuesOf, type FieldIssue } from "../validation";

export function termsIssues(
  input: { clauses?: unknown; drivers?: unknown },
  version: Pick<RateCardVersionRow, "units"> | null,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.clauses !== undefined) issues.push(...issuesOf(ClausesDoc, input.clauses, ["clauses"]));
  if (input.drivers !== undefined && input.drivers !== null) issues.push(...issuesOf(DriversDoc, input.drivers, ["drivers"]));
  if (issues.length || !version) return issues;
  // A driver for a unit the rate card does not meter would fail at evaluation; say so where it is typed.
  const clauses = (input.clauses ?? {}) as ClausesJson;
  const known = new Set([...version.units.map((u) => u.id), ...Object.keys(clauses.creditsPerUnit ?? {})]);
  const drivers = input.drivers as DriversJson | null | undefined;
  drivers?.units.forEach((u, i) => {
    if (!known.has(u.unit)) {
      issues.push({
        field: `drivers.units.${i}.unit`,
        jsonPath: `$.drivers.units[${i}].unit`,
        message: `unit "${u.unit}" is not on the rate card (units: ${[...known].join(", ")})`,
      });
    }
  });
  return issues;
}

/** Validated clauses and drivers, as stored (the model document's own JSON, termStart left to the contract). */
export function parseTerms(
  input: { clauses?: unknown; drivers?: unknown },
  version: Pick<RateCardVersionRow, "units"> | null,
): { clauses: ClausesJson | undefined; drivers: DriversJson | null | undefined } {
  const issues = termsIssues(input, version);
  if (issues.length) throw invalidFromIssues(issues, "Terms");
  let clauses: ClausesJson | undefined;
  if (input.clauses !== undefined) {
    // termStart is the contract's own term start; keeping a second copy would let them disagree.
    const { termStart: _ignored, ...rest } = ClausesDoc.parse(input.clauses);
    void _ignored;
    clauses = rest;
  }
  const drivers = input.drivers === undefined ? undefined : input.drivers === null ? null : DriversDoc.parse(input.drivers);
  return { clauses, drivers };
}

/** Why one saved scenario cannot be evaluated on a bundle, or null when it can. */
function scenarioProblem(bundle: ContractBundle, scenario: ContractBundle["scenarios"][number]): string | null {
  try {
    evaluateDocument(buildModelDocument({ ...bundle, scenarios: [scenario] }));
    return null;
  } catch (e) {
    if (e instanceof DomainError && e.code === "invalid") return e.message.replace(/^The model cannot be evaluated: /, "").replace(/^\$\.scenarios\[0\]\.?/, "");
    throw e;
  }
}

/**
 * Saved scenarios the new terms would break (that evaluate on the terms as they are, and would not
 * on the new ones), each with the engine's reason: e.g. drivers removed while a scenario takes its
 * demand from them. The deterministic ledger of each scenario, no Monte Carlo: milliseconds.
 */
export function scenariosBrokenBy(before: ContractBundle, after: ContractBundle): { name: string; reason: string }[] {
  const out: { name: string; reason: string }[] = [];
  for (const s of before.scenarios) {
    const reason = scenarioProblem(after, s);
    if (reason !== null && scenarioProblem(before, s) === null) out.push({ name: s.name, reason });
  }
  return out;
}
