import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { scenarios } from "@/lib/db/schema/contracts";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict } from "../errors";
import { getScenarioOrThrow } from "./get";

export const deleteScenarioInput = z.object({ scenarioId: z.string(), version: z.coerce.number().int().positive() });

export async function deleteScenario(ctx: WorkspaceCtx, input: z.input<typeof deleteScenarioInput>) {
  requireRole(ctx, "editor");
  const { scenarioId, version } = deleteScenarioInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getScenarioOrThrow(tx, scenarioId);
    const deleted = await tx.db
      .delete(scenarios)
      .where(and(eq(scenarios.id, before.id), eq(scenarios.workspaceId, tx.workspace.id), eq(scenarios.version, version)))
      .returning({ id: scenarios.id });
    if (deleted.length === 0) throw conflict("Someone else changed this scenario after you opened it. Reload before deleting it.");
    await recordAudit(tx, { action: "scenario.delete", targetType: "scenario", targetId: before.id, details: { name: before.name, contractId: before.contractId } });
  });
}
