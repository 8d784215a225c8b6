// Restatements: a FOCUS export of a billing period that is already stored from the same source
// (provider, billing account, billing period) states that period anew. The stored rows of that
// scope which the new file does not repeat are replaced, moved whole into burn_replaced so that
// rolling the new import back restores them; rows it repeats stay as they were (an identical
// file changes nothing).
import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { KeySet } from "@/lib/import/row-key";
import { executeRows } from "./raw";

export interface ScopeFigures {
  rows: number;
  credits: string | null;
  cost: string | null;
}

export interface Restatement {
  scope: string;
  /** "November 2026 (Acme AI, billing account BA-42)" */
  label: string;
  /** stored rows of the scope replaced by this file */
  rowsReplaced: number;
  /** consumption of the scope before and after the file */
  before: ScopeFigures;
  after: ScopeFigures;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "November 2026" for 2026-11-01. */
export function monthName(iso: string): string {
  return `${MONTHS[Number(iso.slice(5, 7)) - 1] ?? iso.slice(5, 7)} ${iso.slice(0, 4)}`;
}

/** A scope "provider|account|2026-11-01" as people read it. */
export function scopeLabel(scope: string): string {
  const [provider = "", account = "", period = ""] = scope.split("|");
  const who = [provider, account ? `billing account ${account}` : ""].filter((s) => s !== "").join(", ");
  return `${period ? monthName(period) : "a billing period"}${who ? ` (${who})` : ""}`;
}

/** Consumption (burn_rows) of the given scopes, stored by imports other than `exceptImport`. */
export async function scopeFigures(db: Db, target: { workspaceId: string; contractId: string }, scopes: readonly string[], exceptImport: string | null): Promise<Map<string, ScopeFigures>> {
  const out = new Map<string, ScopeFigures>();
  if (scopes.length === 0) return out;
  const rows = await executeRows<{ scope: string; rows: number; credits: string | null; cost: string | null }>(db, scopeQuery(target, scopes, exceptImport));
  for (const r of rows) out.set(r.scope, { rows: Number(r.rows), credits: r.credits ?? null, cost: r.cost ?? null });
  return out;
}

function scopeList(scopes: readonly string[]) {
  return sql.join(
    scopes.map((s) => sql`${s}`),
    sql`, `,
  );
}

function scopeQuery(target: { workspaceId: string; contractId: string }, scopes: readonly string[], exceptImport: string | null) {
  return sql`select extras->>'scope' as scope, count(*)::int as rows, sum(credits)::text as credits, sum(cost)::text as cost
      from burn_rows
      where workspace_id = ${target.workspaceId} and contract_id = ${target.contractId}
        and extras->>'scope' in (${scopeList(scopes)})
        ${exceptImport ? sql`and import_id is distinct from ${exceptImport}` : sql``}
      group by 1`;
}

/**
 * Inside the import's transaction, after its rows are written: replaces the stored rows of the
 * restated scopes that the file did not repeat (`repeated`: keys of the file's rows found stored).
 */
export async function replaceRestated(
  tx: Db,
  target: { workspaceId: string; contractId: string; importId: string },
  scopes: readonly string[],
  repeated: KeySet,
): Promise<Restatement[]> {
  if (scopes.length === 0) return [];
  const before = await scopeFigures(tx, target, scopes, target.importId);
  const out: Restatement[] = [];
  for (const [table, source] of [
    ["burn_rows", "burn_rows"],
    ["burn_charges", "burn_charges"],
  ] as const) {
    const stored = await executeRows<{ id: number; row_key: string; scope: string }>(
      tx,
      sql`select id, row_key, extras->>'scope' as scope from ${sql.raw(table)}
          where workspace_id = ${target.workspaceId} and contract_id = ${target.contractId}
            and extras->>'scope' in (${scopeList(scopes)}) and import_id is distinct from ${target.importId}`,
    );
    const gone = stored.filter((r) => !repeated.has(r.row_key)).map((r) => Number(r.id));
    for (let i = 0; i < gone.length; i += 5_000) {
      const ids = gone.slice(i, i + 5_000);
      await tx.execute(
        sql`with gone as (
              delete from ${sql.raw(table)} where workspace_id = ${target.workspaceId} and contract_id = ${target.contractId}
                and id in (${sql.join(
                  ids.map((id) => sql`${id}`),
                  sql`, `,
                )})
              returning *)
            insert into burn_replaced (workspace_id, contract_id, import_id, original_import_id, source, data)
            select workspace_id, contract_id, ${target.importId}, import_id, ${source}, to_jsonb(gone) from gone`,
      );
    }
    if (table === "burn_rows") {
      const counts = new Map<string, number>();
      for (const r of stored) if (!repeated.has(r.row_key)) counts.set(r.scope, (counts.get(r.scope) ?? 0) + 1);
      const after = await scopeFigures(tx, target, scopes, null);
      for (const scope of scopes) {
        const b = before.get(scope);
        if (!b) continue;
        out.push({ scope, label: scopeLabel(scope), rowsReplaced: counts.get(scope) ?? 0, before: b, after: after.get(scope) ?? { rows: 0, credits: null, cost: null } });
      }
    }
  }
  return out;
}
