import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { burnRows } from "@/lib/db/schema/burn";
import { scenarios as scenariosTable, type Scenario } from "@/lib/db/schema/contracts";
import { rateCards } from "@/lib/db/schema/ratecards";
import type { BurnPoint, ContractBundle } from "@/lib/workbench/model";
import type { WorkspaceCtx } from "../context";
import { getRateCardVersionOrThrow } from "../ratecards/get";
import { getVendorOrThrow } from "../vendors/get";
import { getContractOrThrow } from "./get";

/** Observed burn per period of the contract's granularity: sums, null when no row of the period has a value. */
/**
 * First day of a burn row's period in the contract's granularity, as yyyy-mm-dd. date_trunc on a
 * plain timestamp (not a timestamptz) so the session's time zone cannot move a period to the
 * previous day; "week" truncates to the ISO week's Monday.
 */
export function burnPeriodStart(granularity: "month" | "week") {
  const unit = granularity === "week" ? sql.raw("'week'") : sql.raw("'month'");
  return sql<string>`to_char(date_trunc(${unit}, ${burnRows.periodStart}::timestamp), 'YYYY-MM-DD')`;
}

export async function loadBurnPerPeriod(ctx: WorkspaceCtx, contractId: string, granularity: "month" | "week"): Promise<BurnPoint[]> {
  const periodStart = burnPeriodStart(granularity);
  const rows = await ctx.db
    .select({
      periodStart,
      credits: sql<string | null>`sum(${burnRows.credits})::text`,
      cost: sql<string | null>`sum(${burnRows.cost})::text`,
      // the last day the period's rows say they cover (period_end is exclusive); null when no row gives an end
      through: sql<string | null>`to_char(max(${burnRows.periodEnd} - 1), 'YYYY-MM-DD')`,
    })
    .from(burnRows)
    .where(and(eq(burnRows.workspaceId, ctx.workspace.id), eq(burnRows.contractId, contractId)))
    .groupBy(periodStart)
    .orderBy(asc(periodStart));
  return rows.map((r) => ({ periodStart: r.periodStart, credits: r.credits ?? null, cost: r.cost ?? null, ...(r.through ? { through: r.through } : {}) }));
}

export interface LoadBundleOptions {
  /** which saved scenarios go into the bundle: all (default), some by id, or none */
  scenarios?: "all" | "none" | string[];
}

/**
 * Everything buildModelDocument needs for one contract, read inside the caller's workspace: the
 * contract, its vendor's name, the rate card version it is on, saved scenarios and observed burn.
 */
export async function loadContractBundle(ctx: WorkspaceCtx, contractId: string, opts: LoadBundleOptions = {}) {
  const contract = await getContractOrThrow(ctx, contractId);
  const vendor = await getVendorOrThrow(ctx, contract.vendorId);
  const version = await getRateCardVersionOrThrow(ctx, contract.rateCardVersionId);
  const [card] = await ctx.db
    .select({ id: rateCards.id, name: rateCards.name })
    .from(rateCards)
    .where(and(eq(rateCards.id, version.rateCardId), eq(rateCards.workspaceId, ctx.workspace.id)));
  const which = opts.scenarios ?? "all";
  let saved: Scenario[] = [];
  if (which !== "none" && !(Array.isArray(which) && which.length === 0)) {
    saved = await ctx.db
      .select()
      .from(scenariosTable)
      .where(
        and(
          eq(scenariosTable.workspaceId, ctx.workspace.id),
          eq(scenariosTable.contractId, contract.id),
          ...(Array.isArray(which) ? [inArray(scenariosTable.id, which)] : []),
        ),
      )
      .orderBy(asc(scenariosTable.sortOrder), asc(scenariosTable.createdAt));
    // Keep the order the caller asked for (a comparison's first column is its baseline).
    if (Array.isArray(which)) saved.sort((a, b) => which.indexOf(a.id) - which.indexOf(b.id));
  }
  const burn = await loadBurnPerPeriod(ctx, contract.id, contract.granularity);
  const bundle: ContractBundle = {
    contract,
    vendorName: vendor.name,
    rateCard: { id: version.rateCardId, versions: [version] },
    scenarios: saved.map((s) => ({ id: s.id, name: s.name, doc: s.doc })),
    burn,
  };
  return { bundle, contract, vendor, rateCard: { id: version.rateCardId, name: card?.name ?? "" }, rateCardVersion: version, scenarios: saved };
}
