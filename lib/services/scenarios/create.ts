import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { scenarios } from "@/lib/db/schema/contracts";
import { buildModelDocument } from "@/lib/workbench/model";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { loadContractBundle } from "../contracts/load-bundle";
import { lockRateCardVersion } from "../ratecards/lock";
import { evaluateDocument } from "./evaluate";
import { scenarioDraft, toScenarioDoc } from "./schema";

export const createScenarioInput = scenarioDraft.extend({ contractId: z.string() });

/**
 * Saves a scenario of a contract. It must evaluate (a scenario that cannot be computed is refused
 * with the field at fault), and the rate card version it is computed on is locked.
 */
export async function createScenario(ctx: WorkspaceCtx, input: z.input<typeof createScenarioInput>) {
  requireRole(ctx, "editor");
  const { contractId, ...draft } = createScenarioInput.parse(input);
  const id = randomUUID();
  const doc = toScenarioDoc(id, draft);
  return inTransaction(ctx, async (tx) => {
    const loaded = await loadContractBundle(tx, contractId, { scenarios: "none" });
    evaluateDocument(buildModelDocument({ ...loaded.bundle, scenarios: [{ id, name: doc.name, doc }] }));
    const [order] = await tx.db
      .select({ next: sql<number>`coalesce(max(${scenarios.sortOrder}), -1) + 1` })
      .from(scenarios)
      .where(and(eq(scenarios.workspaceId, tx.workspace.id), eq(scenarios.contractId, loaded.contract.id)));
    const [row] = await tx.db
      .insert(scenarios)
      .values({
        id,
        workspaceId: tx.workspace.id,
        contractId: loaded.contract.id,
        name: doc.name,
        doc,
        rateCardVersionId: loaded.rateCardVersion.id,
        sortOrder: Number(order?.next ?? 0),
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    await lockRateCardVersion(tx, loaded.rateCardVersion.id, { type: "scenario", id: row.id });
    await recordAudit(tx, {
      action: "scenario.create",
      targetType: "scenario",
      targetId: row.id,
      details: { name: row.name, contractId: row.contractId, rateCardVersionId: row.rateCardVersionId },
    });
    return row;
  });
}
