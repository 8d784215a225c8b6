// One export per workspace at a time, across instances: a row in workspace_export_leases. Taking it
// is one statement (insert, or take over a row whose lease has expired), so two exports racing on
// two instances get exactly one winner; the loser is told when to try again.
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { workspaceExportLeases } from "@/lib/db/schema/transfer";
import type { WorkspaceCtx } from "../context";
import { DomainError } from "../errors";

/** How long a lease lasts without renewal; the exporter renews it at least every third of that. */
export const EXPORT_LEASE_SECONDS = Math.max(10, Number(process.env.TRANSFER_EXPORT_LEASE_SECONDS) || 120);

export class ExportBusy extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", `An export of this workspace is already running. Try again in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? "" : "s"}, once it has finished.`);
    this.name = "ExportBusy";
  }
}

export interface ExportLease {
  holder: string;
  /** extends the lease when a third of it has gone by (cheap to call after every page) */
  renew(): Promise<void>;
  release(): Promise<void>;
}

/** Takes the workspace's export lease, or throws ExportBusy with the seconds until it expires. */
export async function acquireExportLease(ctx: WorkspaceCtx, seconds = EXPORT_LEASE_SECONDS): Promise<ExportLease> {
  const ws = ctx.workspace.id;
  const holder = randomUUID();
  const ttl = sql`now() + ${`${seconds} seconds`}::interval`;
  const taken = await ctx.db
    .insert(workspaceExportLeases)
    .values({ workspaceId: ws, holder, expiresAt: ttl })
    .onConflictDoUpdate({
      target: workspaceExportLeases.workspaceId,
      set: { holder, startedAt: sql`now()`, expiresAt: ttl },
      setWhere: sql`${workspaceExportLeases.expiresAt} <= now()`,
    })
    .returning({ holder: workspaceExportLeases.holder });
  if (taken[0]?.holder !== holder) {
    const [row] = await ctx.db
      .select({ left: sql<string>`ceil(extract(epoch from (${workspaceExportLeases.expiresAt} - now())))` })
      .from(workspaceExportLeases)
      .where(eq(workspaceExportLeases.workspaceId, ws));
    throw new ExportBusy(Math.max(1, Math.min(seconds, Number(row?.left ?? seconds))));
  }
  let renewedAt = Date.now();
  const mine = and(eq(workspaceExportLeases.workspaceId, ws), eq(workspaceExportLeases.holder, holder));
  return {
    holder,
    async renew() {
      if (Date.now() - renewedAt < (seconds * 1000) / 3) return;
      renewedAt = Date.now();
      const kept = await ctx.db.update(workspaceExportLeases).set({ expiresAt: ttl }).where(mine).returning({ holder: workspaceExportLeases.holder });
      // Expired and taken by another export meanwhile (this one stalled longer than the lease): stop.
      if (!kept.length) throw new Error("the export lease was lost");
    },
    async release() {
      await ctx.db.delete(workspaceExportLeases).where(mine);
    },
  };
}
