// Burn rows pushed through the API, written exactly as an uploaded file is: the rows become a CSV
// read with a fixed column mapping by the import (lib/import, lib/services/burn/import-file.ts), so
// the same checks apply row by row (dates, numbers, negative usage, currency), the request is stored
// all or nothing in one transaction, a row identical to one stored before (same row key: sha-256 of
// its normalised content and its occurrence in the request) is not stored again, the request shows
// in the contract's imports (and can be rolled back there), and the forecast of record is asked for
// again.
import { randomUUID } from "node:crypto";
import { Readable } from "node:stream";
import type { z } from "zod";
import type { UsageMapping } from "@/lib/import/mapping";
import { importBurnFile } from "../burn/import-file";
import type { WorkspaceCtx } from "../context";
import { invalid } from "../errors";
import type { burnPushInput } from "@/lib/api/v1/schemas";

type Push = z.output<typeof burnPushInput>;

const COLUMNS = ["periodStart", "periodEnd", "agent", "unit", "environment", "actions", "credits", "cost", "currency"] as const;

const MAPPING: UsageMapping = {
  columns: { periodStart: "periodStart", periodEnd: "periodEnd", agent: "agent", meteredUnit: "unit", environment: "environment", actions: "actions", credits: "credits", cost: "cost", currency: "currency" },
  dateOrder: "ymd",
  decimalSeparator: ".",
  environmentValues: { production: "production", nonProduction: "nonProduction" },
};

function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "NaN") : value;
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rows as the CSV the import reads (header on line 1, so request row i is line i + 2). */
function* csvOf(rows: Push["rows"]): Generator<Buffer> {
  yield Buffer.from(`${COLUMNS.join(",")}\n`);
  let chunk = "";
  for (const r of rows) {
    chunk += `${COLUMNS.map((c) => cell(r[c])).join(",")}\n`;
    if (chunk.length > 64 * 1024) {
      yield Buffer.from(chunk);
      chunk = "";
    }
  }
  if (chunk) yield Buffer.from(chunk);
}

export interface PushOutcome {
  importId: string;
  rows: number;
  inserted: number;
  alreadyStored: number;
}

/** Writes the rows into the contract's burn (write scope: editor). A refused row refuses the request, naming `rows[i].field`. */
export async function pushBurnRows(ctx: WorkspaceCtx, contractId: string, body: Push, label: string): Promise<PushOutcome> {
  const importId = randomUUID();
  const parts = [...csvOf(body.rows)];
  const totalBytes = parts.reduce((n, b) => n + b.length, 0);
  const outcome = await importBurnFile(
    ctx,
    { contractId, importId, fileName: label, format: "csv", mapping: MAPPING, rememberMapping: false, totalBytes },
    Readable.from(parts),
  );
  if (outcome.status !== "succeeded") {
    const fieldErrors: Record<string, string[]> = {};
    let first: string | null = null;
    for (const e of outcome.errors) {
      const key = e.row >= 2 ? `rows[${e.row - 2}]${e.column ? `.${e.column}` : ""}` : "rows";
      // The import's message says "row 14: credits …" in file lines; the API names the request's index.
      const message = e.message.replace(/^row \d+: /, "");
      (fieldErrors[key] ??= []).push(message);
      first ??= `${key}: ${message}`;
    }
    const more = outcome.errorCount > outcome.errors.length ? ` (${outcome.errorCount} problems in all)` : "";
    const err = invalid(`${first ?? "The rows were refused"}${more}. Nothing was stored.`, fieldErrors);
    throw err;
  }
  return { importId, rows: body.rows.length, inserted: outcome.rowsInserted, alreadyStored: outcome.rowsDuplicate };
}
