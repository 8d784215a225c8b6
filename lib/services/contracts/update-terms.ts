import { isDeepStrictEqual } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { contracts } from "@/lib/db/schema/contracts";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { conflict, invalid } from "../errors";
import { getRateCardVersionOrThrow } from "../ratecards/get";
import { lockRateCardVersion } from "../ratecards/lock";
import { enqueueForecast } from "../forecast/recompute";
import { loadContractBundle } from "./load-bundle";
import { CONTRACT_CONFLICT } from "./update";
import { parseOrInvalid } from "../validation";
import { fixedLine } from "./schema";
import { parseTerms, scenariosBrokenBy } from "./terms";

export const updateTermsInput = z.object({
  contractId: z.string(),
  version: z.coerce.number().int().positive(),
  /** the whole ClausesDoc as it now stands */
  clauses: z.unknown().optional(),
  /** baseline demand drivers; null removes them */
  drivers: z.unknown().optional(),
  /** move the contract to another rate card version (which is then locked) */
  rateCardVersionId: z.string().optional(),
  /** the fixed lines (seats, licences) as they now stand, when they change with the terms */
  fixedLines: z.unknown().optional(),
  /** where the terms came from, when not typed: a FOCUS Contract Commitment file and the set read from it */
  source: z.object({ file: z.string().max(300), set: z.string().max(300) }).optional(),
});

/** The top-level parts of a terms document that differ, as "clauses.<key>" (or the whole "drivers" when added or removed). */
export function changedParts(prefix: string, before: unknown, after: unknown): string[] {
  if (isDeepStrictEqual(before ?? null, after ?? null)) return [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(before) || !isObject(after)) return [prefix];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => !isDeepStrictEqual(before[k] ?? null, after[k] ?? null)).map((k) => `${prefix}.${k}`);
}

/** Saves the consumption terms as they stand today: rate card version, allotments, packs and clauses, drivers. */
export async function updateContractTerms(ctx: WorkspaceCtx, input: z.input<typeof updateTermsInput>) {
  requireRole(ctx, "editor");
  const parsed = updateTermsInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const loaded = await loadContractBundle(tx, parsed.contractId, { scenarios: "all" });
    const before = loaded.contract;
    const versionId = parsed.rateCardVersionId ?? before.rateCardVersionId;
    const rcv = await getRateCardVersionOrThrow(tx, versionId);
    if (rcv.currency !== before.currency) {
      throw invalid(`That rate card version is priced in ${rcv.currency}, the contract in ${before.currency}.`, { rateCardVersionId: ["Choose a version in the contract's currency."] });
    }
    const fixedLines = parsed.fixedLines === undefined ? undefined : parseOrInvalid(z.array(fixedLine).max(50, "Use at most 50 fixed lines."), parsed.fixedLines, "Fixed lines");
    const terms = parseTerms(
      { clauses: parsed.clauses ?? before.clauses, drivers: parsed.drivers === undefined ? before.drivers : parsed.drivers },
      rcv,
    );
    const broken = scenariosBrokenBy(loaded.bundle, {
      ...loaded.bundle,
      contract: { ...before, clauses: terms.clauses ?? before.clauses, drivers: terms.drivers === undefined ? before.drivers : terms.drivers },
      rateCard: { id: rcv.rateCardId, versions: [rcv] },
    });
    if (broken.length) {
      const list = broken.map((b) => `"${b.name}" (${b.reason})`).join("; ");
      const field = parsed.drivers === null ? "drivers" : parsed.rateCardVersionId && parsed.rateCardVersionId !== before.rateCardVersionId ? "rateCardVersionId" : "clauses";
      throw invalid(`These terms would break ${broken.length === 1 ? "a saved scenario" : `${broken.length} saved scenarios`}: ${list}. Change or delete ${broken.length === 1 ? "it" : "them"} first, or keep the terms.`, {
        [field]: [`Saved scenarios that would no longer compute: ${broken.map((b) => b.name).join(", ")}.`],
      });
    }
    const [row] = await tx.db
      .update(contracts)
      .set({
        ...(parsed.clauses !== undefined ? { clauses: terms.clauses ?? {} } : {}),
        ...(parsed.drivers !== undefined ? { drivers: terms.drivers ?? null } : {}),
        ...(fixedLines !== undefined ? { fixedLines } : {}),
        rateCardVersionId: rcv.id,
        version: sql`${contracts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(contracts.id, before.id), eq(contracts.workspaceId, tx.workspace.id), eq(contracts.version, parsed.version)))
      .returning();
    if (!row) throw conflict(CONTRACT_CONFLICT);
    if (rcv.id !== before.rateCardVersionId) await lockRateCardVersion(tx, rcv.id, { type: "contract", id: row.id });
    await recordAudit(tx, {
      action: "contract.terms.update",
      targetType: "contract",
      targetId: row.id,
      details: {
        version: row.version,
        // Exactly what moved: "clauses.alertThresholdsPct", "drivers.licensedSeats", "rateCardVersion".
        changed: [
          ...changedParts("clauses", before.clauses, row.clauses),
          ...changedParts("drivers", before.drivers, row.drivers),
          ...changedParts("fixedLines", before.fixedLines, row.fixedLines),
          ...(rcv.id !== before.rateCardVersionId ? ["rateCardVersion"] : []),
        ],
        ...(rcv.id !== before.rateCardVersionId ? { rateCardVersionId: { from: before.rateCardVersionId, to: rcv.id } } : {}),
        ...(parsed.source ? { source: parsed.source } : {}),
      },
    });
    await enqueueForecast(tx.db, tx.workspace.id, row.id);
    return row;
  });
}
