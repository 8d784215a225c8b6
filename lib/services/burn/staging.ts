// Bulk writes of parsed rows into the staging table burn_import_rows, as COPY text: postgres.js
// streams one COPY … FROM STDIN for the whole file (the server ingests while we parse the next
// batch), PGlite takes one COPY … FROM '/dev/blob' per batch.
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { Db } from "@/lib/db/client";
import type { UsageRow } from "@/lib/import/types";
import { rawClientOf } from "./raw";

const COPY_COLUMNS =
  "import_id, row_key, period_start, period_end, agent, unit, environment, actions, credits, cost, currency, extras";

const SPECIAL = /[\\\t\n\r]/;

/** A value in COPY's text format: \N for null, backslash escapes for the four special characters. */
function copyText(value: string | null): string {
  if (value === null) return "\\N";
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** FOCUS columns beside the normalised fields, empty ones left out (absent means "not applicable"). */
function extrasOf(row: UsageRow): string | null {
  if (!row.focus) return null;
  const focus: Record<string, string> = {};
  for (const [k, v] of Object.entries(row.focus)) if (v !== null) focus[k] = v;
  return JSON.stringify({ focus });
}

export function copyLines(importId: string, rows: readonly UsageRow[]): string {
  let out = "";
  for (const r of rows) {
    out +=
      `${importId}\t${copyText(r.rowKey)}\t${r.periodStart}\t${r.periodEnd ?? "\\N"}\t${copyText(r.agent)}\t${copyText(r.meteredUnit)}\t` +
      `${r.environment ?? "\\N"}\t${r.actions ?? "\\N"}\t${r.credits ?? "\\N"}\t${r.cost ?? "\\N"}\t${copyText(r.currency)}\t${copyText(extrasOf(r))}\n`;
  }
  return out;
}

export interface StagingWriter {
  write(rows: readonly UsageRow[]): Promise<void>;
  /** Ends the COPY; the staged rows are then committed (each COPY is its own statement). */
  finish(): Promise<void>;
  /** Abandons the COPY (rows already committed by PGlite batches are deleted by the caller). */
  abort(): Promise<void>;
}

export async function openStagingWriter(db: Db, importId: string): Promise<StagingWriter> {
  const raw = rawClientOf(db);
  if (raw.kind === "pglite") {
    const query = `copy burn_import_rows (${COPY_COLUMNS}) from '/dev/blob'`;
    return {
      write: async (rows) => {
        if (rows.length === 0) return;
        await raw.pg.query(query, [], { blob: new Blob([copyLines(importId, rows)]) });
      },
      finish: async () => {},
      abort: async () => {},
    };
  }

  const stream: Writable = await raw.sql.unsafe(`copy burn_import_rows (${COPY_COLUMNS}) from stdin`).writable();
  let failure: unknown = null;
  stream.on("error", (e) => {
    failure ??= e;
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    write: async (rows) => {
      check();
      if (rows.length === 0) return;
      // Backpressure: wait for the socket rather than buffering the whole file in memory.
      if (!stream.write(copyLines(importId, rows))) {
        await new Promise<void>((resolve) => {
          const done = () => {
            stream.off("drain", done);
            stream.off("error", done);
            resolve();
          };
          stream.on("drain", done);
          stream.on("error", done);
        });
      }
      check();
    },
    finish: async () => {
      check();
      const done = once(stream, "finish");
      stream.end();
      await done;
      check();
    },
    abort: async () => {
      if (stream.destroyed || stream.writableFinished) return;
      const closed = once(stream, "close").catch(() => {});
      stream.destroy(new Error("import abandoned"));
      await closed;
    },
  };
}
