import { and, asc, desc, eq, sql } from "drizzle-orm";
import { rateCards, rateCardVersions } from "@/lib/db/schema/ratecards";
import { vendors } from "@/lib/db/schema/vendors";
import type { WorkspaceCtx } from "../context";

export interface RateCardListRow {
  id: string;
  name: string;
  vendorId: string | null;
  vendorName: string | null;
  templateId: string | null;
  versions: number;
  latest: { id: string; versionNo: number; effectiveFrom: string; currency: string; locked: boolean; units: number; creditPriceKind: string } | null;
}

export async function listRateCards(ctx: WorkspaceCtx): Promise<RateCardListRow[]> {
  const cards = await ctx.db
    .select({ id: rateCards.id, name: rateCards.name, vendorId: rateCards.vendorId, vendorName: vendors.name, templateId: rateCards.templateId })
    .from(rateCards)
    .leftJoin(vendors, and(eq(vendors.id, rateCards.vendorId), eq(vendors.workspaceId, ctx.workspace.id)))
    .where(eq(rateCards.workspaceId, ctx.workspace.id))
    .orderBy(asc(rateCards.name));
  const versions = await ctx.db
    .select({
      id: rateCardVersions.id,
      rateCardId: rateCardVersions.rateCardId,
      versionNo: rateCardVersions.versionNo,
      effectiveFrom: rateCardVersions.effectiveFrom,
      currency: rateCardVersions.currency,
      lockedAt: rateCardVersions.lockedAt,
      units: sql<number>`jsonb_array_length(${rateCardVersions.units})`,
      creditPriceKind: sql<string>`${rateCardVersions.creditPrice}->>'kind'`,
    })
    .from(rateCardVersions)
    .where(eq(rateCardVersions.workspaceId, ctx.workspace.id))
    .orderBy(asc(rateCardVersions.rateCardId), desc(rateCardVersions.versionNo));
  return cards.map((c) => {
    const mine = versions.filter((v) => v.rateCardId === c.id);
    const l = mine[0];
    return {
      ...c,
      versions: mine.length,
      latest: l
        ? { id: l.id, versionNo: l.versionNo, effectiveFrom: l.effectiveFrom, currency: l.currency, locked: l.lockedAt !== null, units: Number(l.units), creditPriceKind: l.creditPriceKind }
        : null,
    };
  });
}
