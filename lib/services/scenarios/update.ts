import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { scenarios } from "@/lib/db/schema/contracts";
import { buildModelDocument } from "@/lib/workbench/model";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict } from "../errors";
import { loadContractBundle } from "../contracts/load-bundle";
import { lockRateCardVersion } from "../ratecards/lock";
import { evaluateDocument } from "./evaluate";
import { getScenarioOrThrow } from "./get";
import { scenarioDraft, toScenarioDoc } from "./schema";

export const updateScenarioInput = scenarioDraft.extend({
  scenarioId: z.string(),
  /** the version the editor read; a save against an older version is a conflict, never an overwrite */
  version: z.coerce.number().int().positive(),
});

export async function updateScenario(ctx: WorkspaceCtx, input: z.input<typeof updateScenarioInput>) {
  requireRole(ctx, "editor");
  const { scenarioId, version, ...draft } = updateScenarioInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getScenarioOrThrow(tx, scenarioId);
    const doc = toScenarioDoc(before.id, draft);
    const loaded = await loadContractBundle(tx, before.contractId, { scenarios: "none" });
    evaluateDocument(buildModelDocument({ ...loaded.bundle, scenarios: [{ id: before.id, name: doc.name, doc }] }));
    const [row] = await tx.db
      .update(scenarios)
      .set({ name: doc.name, doc, rateCardVersionId: loaded.rateCardVersion.id, version: sql`${scenarios.version} + 1`, updatedAt: new Date() })
      .where(and(eq(scenarios.id, before.id), eq(scenarios.workspaceId, tx.workspace.id), eq(scenarios.version, version)))
      .returning();
    if (!row) throw conflict("Someone else saved this scenario after you opened it. Reload to see their changes, then apply yours again.");
    await lockRateCardVersion(tx, loaded.rateCardVersion.id, { type: "scenario", id: row.id });
    await recordAudit(tx, {
      action: "scenario.update",
      targetType: "scenario",
      targetId: row.id,
      details: { name: row.name, contractId: row.contractId, version: row.version },
    });
    return row;
  });
}
