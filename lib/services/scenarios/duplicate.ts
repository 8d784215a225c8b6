import { and, eq } from "drizzle-orm";
import { scenarios } from "@/lib/db/schema/contracts";
import { requireRole, type WorkspaceCtx } from "../context";
import { createScenario } from "./create";
import { getScenarioOrThrow } from "./get";

const MAX_NAME = 120;

/** "Copy of X", then "Copy of X (2)", … among the contract's scenario names, within the name's 120 characters. */
export function copyName(name: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const candidate = `Copy of ${name}`.slice(0, MAX_NAME - suffix.length).trimEnd() + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * Saves a copy of a scenario of the caller's workspace under the same contract: the same demand,
 * clauses and description, named "Copy of …". Another workspace's scenario is "not found".
 */
export async function duplicateScenario(ctx: WorkspaceCtx, scenarioId: string) {
  requireRole(ctx, "editor");
  const source = await getScenarioOrThrow(ctx, scenarioId);
  const names = await ctx.db
    .select({ name: scenarios.name })
    .from(scenarios)
    .where(and(eq(scenarios.workspaceId, ctx.workspace.id), eq(scenarios.contractId, source.contractId)));
  const doc = source.doc as { description?: string; demand?: unknown; clauses?: unknown };
  return createScenario(ctx, {
    contractId: source.contractId,
    name: copyName(source.name, new Set(names.map((r) => r.name))),
    ...(doc.description ? { description: doc.description } : {}),
    ...(doc.demand !== undefined ? { demand: doc.demand } : {}),
    ...(doc.clauses !== undefined ? { clauses: doc.clauses } : {}),
  });
}
