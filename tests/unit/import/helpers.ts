// Small fixtures for the import tests: files as streams, parsed in one call.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { checkUsageBytes } from "@/lib/import/check";
import { collectUsageFile, type ParseOptions } from "@/lib/import/parse";
import type { UsageMapping } from "@/lib/import/mapping";

/** Bytes as a stream of `chunk`-sized pieces, so that records straddle chunk boundaries. */
export function streamOf(content: string | Buffer, chunk = 64 * 1024): Readable {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) pieces.push(bytes.subarray(i, i + chunk));
  return Readable.from(pieces);
}

/** Parses CSV text; the small default chunk makes records straddle chunk boundaries. */
export function parseCsvText(text: string, mapping?: UsageMapping, options: Partial<ParseOptions> = {}, chunk = 97) {
  return collectUsageFile(streamOf(text, chunk), { format: "csv", mapping, ...options });
}

export const BASIC_MAPPING: UsageMapping = {
  columns: {
    periodStart: "Date",
    agent: "Agent",
    meteredUnit: "Skill",
    environment: "Environment",
    actions: "Actions",
    credits: "Credits",
    cost: "Cost",
    currency: "Currency",
  },
};

export const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/import");
/** The FOCUS project's samples, shared with the team (see its README). */
export const SHARED_FOCUS = path.resolve(import.meta.dirname, "../../../../shared/data/focus");

export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

/** A fixture parsed whole, rows kept, with totals. */
export function parseFixture(name: string, options: Partial<ParseOptions> = {}) {
  const dir = name.startsWith("shared:") ? SHARED_FOCUS : FIXTURES;
  const file = path.join(dir, name.replace(/^shared:/, ""));
  return collectUsageFile(streamOf(readFileSync(file)), { format: /\.xlsx$/.test(file) ? "xlsx" : "csv", totals: true, ...options });
}

/** What `npm run usage` prints for a fixture, computed in process. */
export async function checkFixture(name: string, options: { mapping?: UsageMapping; expectedCurrency?: string } = {}) {
  const dir = name.startsWith("shared:") ? SHARED_FOCUS : FIXTURES;
  const file = path.join(dir, name.replace(/^shared:/, ""));
  return checkUsageBytes(readFileSync(file), { format: /\.xlsx$/.test(file) ? "xlsx" : "csv", mapping: options.mapping ?? null, expectedCurrency: options.expectedCurrency ?? null });
}
