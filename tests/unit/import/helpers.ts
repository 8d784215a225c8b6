// Small fixtures for the import tests: files as streams, parsed in one call.
import { Readable } from "node:stream";
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
