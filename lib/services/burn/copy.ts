// Bulk writes of parsed rows inside the import's transaction, as COPY text: consumption into
// burn_rows, everything else into burn_charges. postgres.js streams one COPY … FROM STDIN for the
// whole file into burn_rows (the server ingests while the next batch is parsed) and one for the
// charges at the end; PGlite takes one COPY … FROM '/dev/blob' per batch.
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { Db } from "@/lib/db/client";
import type { UsageRow } from "@/lib/import/types";
import { rawClientOf } from "./raw";

const ROW_COLUMNS = "workspace_id, contract_id, import_id, row_key, period_start, period_end, agent, unit, environment, actions, credits, cost, currency, extras";
const CHARGE_COLUMNS =
  "workspace_id, contract_id, import_id, row_key, category, group_label, excluded, period_start, period_end, agent, unit, actions, credits, cost, billed_cost, currency, extras";

const SPECIAL = /[\\\t\n\r]/;
/** COPY text buffered towards the server before the parser waits for it (a batch of 2,000 rows is about 0.5 MiB). */
const IN_FLIGHT_BYTES = 4 * 1024 * 1024;

/** A value in COPY's text format: \N for null, backslash escapes for the four special characters. */
function copyText(value: string | null): string {
  if (value === null) return "\\N";
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/**
 * What a row carries beside its columns, empty members left out (absent means "not applicable"):
 * the FOCUS columns, the restatement scope, a metered quantity in its own unit, a vendor format's
 * extra columns, and where a spread row came from.
 */
export function extrasOf(row: UsageRow): string | null {
  let out: Record<string, unknown> | null = null;
  if (row.focus) {
    const focus: Record<string, string> = {};
    for (const [k, v] of Object.entries(row.focus)) if (v !== null) focus[k] = v;
    out = { focus };
  }
  if (row.scope !== null) (out ??= {}).scope = row.scope;
  if (row.quantity !== null) {
    out ??= {};
    out.quantity = row.quantity;
    if (row.quantityUnit !== null) out.quantityUnit = row.quantityUnit;
  }
  if (row.vendor) (out ??= {}).vendor = row.vendor;
  if (row.spread) (out ??= {}).spread = row.spread;
  if (row.correction) (out ??= {}).correction = true;
  return out ? JSON.stringify(out) : null;
}

export interface CopyTarget {
  workspaceId: string;
  contractId: string;
  importId: string;
}

export function rowLines(target: CopyTarget, rows: readonly UsageRow[]): string {
  const head = `${target.workspaceId}\t${target.contractId}\t${target.importId}\t`;
  let out = "";
  for (const r of rows) {
    out +=
      `${head}${copyText(r.rowKey)}\t${r.periodStart}\t${r.periodEnd ?? "\\N"}\t${copyText(r.agent)}\t${copyText(r.meteredUnit)}\t` +
      `${r.environment ?? "\\N"}\t${r.actions ?? "\\N"}\t${r.credits ?? "\\N"}\t${r.cost ?? "\\N"}\t${copyText(r.currency)}\t${copyText(extrasOf(r))}\n`;
  }
  return out;
}

export function chargeLines(target: CopyTarget, rows: readonly UsageRow[]): string {
  const head = `${target.workspaceId}\t${target.contractId}\t${target.importId}\t`;
  let out = "";
  for (const r of rows) {
    out +=
      `${head}${copyText(r.rowKey)}\t${r.category}\t${copyText(r.groupLabel)}\t${r.excluded ? "t" : "f"}\t${r.periodStart}\t${r.periodEnd ?? "\\N"}\t` +
      `${copyText(r.agent)}\t${copyText(r.meteredUnit)}\t${r.actions ?? "\\N"}\t${r.credits ?? "\\N"}\t${r.cost ?? "\\N"}\t${r.billedCost ?? "\\N"}\t` +
      `${copyText(r.currency)}\t${copyText(extrasOf(r))}\n`;
  }
  return out;
}

export interface BurnWriter {
  /** Consumption rows, into burn_rows. */
  rows(rows: readonly UsageRow[]): Promise<void>;
  /** Rows kept apart, into burn_charges (buffered on PostgreSQL until finish). */
  charges(rows: readonly UsageRow[]): Promise<void>;
  /** Ends the COPYs; the rows are then part of the transaction. */
  finish(): Promise<void>;
  /**
   * Abandons a COPY in progress, so the connection can roll the transaction back. Must be called
   * (and awaited) before leaving the transaction with an error: a connection left in COPY mode
   * would take the rollback for data.
   */
  abort(): Promise<void>;
}

/** A writer on `txDb`, which must be the import's transaction. */
export function openBurnWriter(txDb: Db, target: CopyTarget): BurnWriter {
  const raw = rawClientOf(txDb);
  if (raw.kind === "pglite") {
    // Every row of the COPYs references the same contract (in its workspace) and import, so their
    // foreign keys are checked once, as the per-row check would (the referenced rows read FOR KEY
    // SHARE, which keeps them until the transaction ends), and the per-row checks are switched off
    // for the COPYs (session_replication_role = replica: PGlite's user is a superuser; the setting is
    // the transaction's own and is set back before anything else is written). PGlite runs the COPY
    // on the import's own thread, where a per-row check cost as much again as the row (35 s against
    // 14 s for a plain COPY of 1,000,000 rows). On PostgreSQL the server checks while Node parses.
    let bulk = false;
    const beginBulk = async () => {
      if (bulk) return;
      const contract = await raw.pg.query(`select 1 from contracts where workspace_id = $1 and id = $2 for key share`, [target.workspaceId, target.contractId]);
      if (contract.rows.length === 0) throw new Error(`contract ${target.contractId} is not in workspace ${target.workspaceId}`);
      const running = await raw.pg.query(`select 1 from burn_imports where id = $1 and workspace_id = $2 and contract_id = $3 for key share`, [target.importId, target.workspaceId, target.contractId]);
      if (running.rows.length === 0) throw new Error(`import ${target.importId} is not recorded for contract ${target.contractId}`);
      await raw.pg.query("set local session_replication_role = replica");
      bulk = true;
    };
    const endBulk = async () => {
      if (!bulk) return;
      bulk = false;
      await raw.pg.query("set local session_replication_role = origin");
    };
    return {
      rows: async (rows) => {
        if (rows.length === 0) return;
        await beginBulk();
        await raw.pg.query(`copy burn_rows (${ROW_COLUMNS}) from '/dev/blob'`, [], { blob: new Blob([rowLines(target, rows)]) });
      },
      charges: async (rows) => {
        if (rows.length === 0) return;
        await beginBulk();
        await raw.pg.query(`copy burn_charges (${CHARGE_COLUMNS}) from '/dev/blob'`, [], { blob: new Blob([chargeLines(target, rows)]) });
      },
      finish: endBulk,
      // (a failed statement leaves the transaction aborted, and its rollback sets the role back)
      abort: () => endBulk().catch(() => {}),
    };
  }

  let stream: Writable | null = null;
  let opening: Promise<Writable> | null = null;
  let failure: unknown = null;
  const pendingCharges: string[] = [];
  let pendingBytes = 0;
  const open = (columns: string, table: string): Promise<Writable> =>
    raw.sql
      .unsafe(`copy ${table} (${columns}) from stdin`)
      .writable()
      .then((s) => {
        s.on("error", (e) => {
          failure ??= e;
        });
        return s;
      });
  const write = async (s: Writable, text: string): Promise<void> => {
    if (failure) throw failure;
    s.write(text);
    // Backpressure, with a few batches in flight: the next batch is parsed while the server ingests
    // this one (waiting on every write would take turns instead), and memory stays bounded.
    if (s.writableLength > IN_FLIGHT_BYTES) {
      await new Promise<void>((resolve) => {
        const done = () => {
          s.off("drain", done);
          s.off("error", done);
          s.off("close", done);
          resolve();
        };
        s.on("drain", done);
        s.on("error", done);
        s.on("close", done);
      });
    }
    if (failure) throw failure;
  };
  // COPYs whose end the server refused after every row was sent: their writable never settles.
  const refused = new WeakSet<Writable>();
  const end = async (s: Writable): Promise<void> => {
    if (failure) throw failure;
    const done = once(s, "finish");
    // postgres.js 3.4 never settles a COPY's writable when the server refuses the rows once they
    // are all sent (a foreign key, checked at the end of the statement: the contract deleted
    // meanwhile), porsager/postgres#1173, and the import would wait for ever on its connection. The
    // next statement on the transaction's connection runs once the COPY is over, and fails if the
    // COPY failed (the transaction is then aborted): that tells the two apart. It may be sent once
    // the writable's _final has sent CopyDone (before, postgres.js refuses it: COPY_IN_PROGRESS).
    const copyDoneSent = new Promise<void>((resolve) => {
      const final = s._final.bind(s);
      s._final = (callback) => {
        final(callback);
        resolve();
      };
    });
    s.end();
    // (done's rejection, should the COPY fail while its last rows go out, is handled here once)
    await Promise.race([copyDoneSent, done.catch(() => {})]);
    const probe = await Promise.resolve(raw.sql.unsafe("select 1")).then(
      () => null,
      (e: unknown) => e,
    );
    if (probe !== null) {
      refused.add(s);
      throw failure ?? new Error(`the database refused the rows when the COPY ended (${String((probe as Error).message ?? probe)})`);
    }
    await done;
    if (failure) throw failure;
  };
  return {
    rows: async (rows) => {
      if (rows.length === 0) return;
      opening ??= open(ROW_COLUMNS, "burn_rows");
      stream ??= await opening;
      await write(stream, rowLines(target, rows));
    },
    charges: async (rows) => {
      if (rows.length === 0) return;
      const text = chargeLines(target, rows);
      pendingBytes += text.length;
      // Rows kept apart are few beside the usage; a file made mostly of them is refused past a bound.
      if (pendingBytes > 256 * 1024 * 1024) throw new Error("more than 256 MiB of rows that are not consumption in one file");
      pendingCharges.push(text);
    },
    finish: async () => {
      if (stream) {
        const s = stream;
        stream = null;
        await end(s);
      }
      if (pendingCharges.length > 0) {
        const s = await open(CHARGE_COLUMNS, "burn_charges");
        stream = s;
        for (const text of pendingCharges.splice(0)) await write(s, text);
        stream = null;
        await end(s);
      }
    },
    abort: async () => {
      const s = stream ?? (opening ? await opening.catch(() => null) : null);
      stream = null;
      // (a refused COPY is over on the server: its connection takes the rollback as it is)
      if (!s || s.destroyed || s.writableFinished || refused.has(s)) return;
      const closed = once(s, "close").catch(() => {});
      s.destroy(new Error("import abandoned"));
      await closed;
    },
  };
}
