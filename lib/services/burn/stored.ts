// What a contract already holds, as an import needs to know it: the row keys (so the same row is
// never stored twice), loaded month by month as the file reaches them, and the restatement scopes
// (FOCUS provider | billing account | billing period) of its stored rows.
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { KeySet } from "@/lib/import/row-key";
import type { UsageRow } from "@/lib/import/types";
import { executeRows } from "./raw";

function monthAfter(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
}

/** Whether the contract has any stored row at all (burn or kept apart). */
export async function contractHasRows(db: Db, workspaceId: string, contractId: string): Promise<boolean> {
  const [r] = await executeRows<{ any: boolean }>(
    db,
    sql`select (exists (select 1 from burn_rows where workspace_id = ${workspaceId} and contract_id = ${contractId})
            or exists (select 1 from burn_charges where workspace_id = ${workspaceId} and contract_id = ${contractId})) as any`,
  );
  return Boolean(r?.any);
}

/** The restatement scopes of the contract's stored rows. */
export async function storedScopes(db: Db, workspaceId: string, contractId: string): Promise<Set<string>> {
  const rows = await executeRows<{ scope: string }>(
    db,
    sql`select distinct extras->>'scope' as scope from burn_rows where workspace_id = ${workspaceId} and contract_id = ${contractId} and extras ? 'scope'
        union
        select distinct extras->>'scope' from burn_charges where workspace_id = ${workspaceId} and contract_id = ${contractId} and extras ? 'scope'`,
  );
  return new Set(rows.map((r) => r.scope));
}

/**
 * Stored row keys of the months a file reaches. A row's key hashes its period start among the
 * rest, so a stored duplicate can only be in the month the row starts in.
 */
export class StoredKeys {
  private readonly keys = new KeySet();
  private readonly months = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly workspaceId: string,
    private readonly contractId: string,
    /** a contract with nothing stored: nothing to load */
    private readonly empty: boolean,
  ) {}

  /** Loads the keys of the months `rows` start in that are not loaded yet. */
  async ensure(rows: readonly UsageRow[]): Promise<void> {
    if (this.empty) return;
    const wanted = new Set<string>();
    for (const r of rows) {
      const m = r.periodStart.slice(0, 7);
      if (!this.months.has(m)) wanted.add(m);
    }
    for (const m of wanted) {
      const from = `${m}-01`;
      const to = monthAfter(m);
      const found = await executeRows<{ row_key: string }>(
        this.db,
        sql`select row_key from burn_rows where workspace_id = ${this.workspaceId} and contract_id = ${this.contractId} and period_start >= ${from} and period_start < ${to}
            union all
            select row_key from burn_charges where workspace_id = ${this.workspaceId} and contract_id = ${this.contractId} and period_start >= ${from} and period_start < ${to}`,
      );
      for (const { row_key } of found) this.keys.add(row_key);
      this.months.add(m);
    }
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }
}
