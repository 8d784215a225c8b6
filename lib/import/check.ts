// Checking a usage file without a database: parse it exactly as the import would (without a
// mapping, with the one the import screen would suggest) and report what it holds. Behind
// `npm run usage`, and the same figures the import stores.
import { Readable } from "node:stream";
import Decimal from "decimal.js";
import { CATEGORY_LABEL } from "@/lib/import/categories";
import type { UsageMapping } from "@/lib/import/mapping";
import { parseUsageFile, previewUsageFile } from "@/lib/import/parse";
import type { Granularity } from "@/lib/import/spread";
import type { FileFormat, ParseSummary } from "@/lib/import/types";

export interface UsageCheck {
  /** "focus", a vendor export's id (e.g. "salesforce-wallet-daily"), "mapped", or null when unrecognised */
  format: string | null;
  focusVersion: string | null;
  /** "CostAndUsage" or "ContractCommitment" for FOCUS files, null otherwise */
  dataset: string | null;
  /** data rows read */
  rows: number;
  /** rows read without a problem */
  accepted: number;
  /** rows with problems, each with every reason; row 0 is the file as a whole */
  refused: Array<{ row: number; reasons: string[] }>;
  warnings: string[];
  consumption: { credits: string | null; actions: string | null; cost: string | null; currency: string | null };
  /** rows kept apart, not burn: by category (Purchase, Credit, Unused commitment…), or "Usage: <group>" left out by the mapping */
  excluded: Record<string, { rows: number; cost: string | null }>;
  /** consumption per month (or ISO week) */
  periods: Array<{ label: string; credits: string | null; cost: string | null }>;
}

export interface CheckOptions {
  format: FileFormat;
  mapping?: UsageMapping | null;
  expectedCurrency?: string | null;
  granularity?: Granularity;
}

/** What `npm run usage` prints for these bytes; importable tells exit 0 from exit 1. */
export async function checkUsageBytes(bytes: Buffer, options: CheckOptions): Promise<{ check: UsageCheck; importable: boolean; summary: ParseSummary }> {
  let mapping = options.mapping ?? null;
  if (!mapping) {
    // What the import screen proposes: a FOCUS or vendor file needs none, any other gets a guess.
    const preview = await previewUsageFile(Readable.from([bytes]), { format: options.format, rows: 0 });
    if (!preview.fileError && !preview.focus && !preview.vendor && !preview.dataset) mapping = preview.mapping;
  }
  const summary = await summarise(bytes, { ...options, mapping });
  return { check: toCheck(summary), importable: summary.importable, summary };
}

async function summarise(bytes: Buffer, options: CheckOptions): Promise<ParseSummary> {
  // Rows are not kept: a million-row file is checked in the memory of its totals.
  const parse = parseUsageFile(Readable.from([bytes]), {
    format: options.format,
    mapping: options.mapping ?? null,
    expectedCurrency: options.expectedCurrency ?? null,
    granularity: options.granularity,
    totals: true,
    maxIssues: 10_000,
  });
  let step = await parse.next();
  while (!step.done) step = await parse.next();
  return step.value;
}

export function toCheck(summary: ParseSummary): UsageCheck {
  const refusedByRow = new Map<number, string[]>();
  if (summary.fileError) refusedByRow.set(0, [summary.fileError]);
  for (const e of summary.errors) {
    const list = refusedByRow.get(e.row) ?? [];
    list.push(e.message.replace(/^row \d+: /, ""));
    refusedByRow.set(e.row, list);
  }
  if (summary.omittedErrorCount > 0) {
    const list = refusedByRow.get(0) ?? [];
    list.push(`${summary.omittedErrorCount} more problems not listed`);
    refusedByRow.set(0, list);
  }
  const totals = summary.totals;
  const excluded: UsageCheck["excluded"] = {};
  for (const g of totals?.groups ?? []) {
    if (g.category === "usage" && !g.excluded) continue;
    const key = g.category === "usage" ? `Usage: ${g.label}` : CATEGORY_LABEL[g.category];
    const entry = (excluded[key] ??= { rows: 0, cost: null });
    entry.rows += g.rows;
    if (g.cost !== null) entry.cost = entry.cost === null ? g.cost : addText(entry.cost, g.cost);
  }
  const format = summary.kind === "focus" || summary.dataset ? "focus" : summary.kind === "vendor" ? (summary.vendor?.id ?? null) : summary.kind === "mapped" ? "mapped" : null;
  return {
    format,
    focusVersion: summary.focus?.version ?? null,
    dataset: summary.dataset,
    rows: summary.rowCount,
    accepted: summary.validRowCount,
    refused: [...refusedByRow.entries()].sort(([a], [b]) => a - b).map(([row, reasons]) => ({ row, reasons })),
    warnings: [
      ...summary.warnings.map((w) => w.message),
      ...(summary.omittedWarningCount > 0 ? [`${summary.omittedWarningCount} more warnings not listed`] : []),
    ],
    consumption: {
      credits: totals?.consumption.credits ?? null,
      actions: totals?.consumption.actions ?? null,
      cost: totals?.consumption.cost ?? null,
      currency: summary.currency,
    },
    excluded,
    periods: (totals?.periods ?? []).map((p) => ({ label: p.label, credits: p.credits, cost: p.cost })),
  };
}

function addText(a: string, b: string): string {
  return new Decimal(a).plus(b).toFixed();
}
