// Import parsing bench: a generated 1,000,000-row usage CSV (US dates, a mapping, a few blanks)
// parsed end to end — CSV reading, date/number normalisation, row keys, batching. The product
// target for a whole import (parse + database) is ≥ 100,000 rows/s under 500 MB, so parsing
// alone must leave most of that budget to the database.
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Papa from "papaparse";
import { parseUsageFile } from "@/lib/import/parse";
import type { UsageMapping } from "@/lib/import/mapping";
import { peakRssMiB, type BenchSection } from "@/bench/harness";

const ROWS = 1_000_000;
const FILE = path.join(process.cwd(), ".data", "bench", `usage-${ROWS}-v1.csv`);
const TARGET_US_PER_ROW = 10; // 100,000 rows/s for parse + database together
const TARGET_RSS_MIB = 500;

const MAPPING: UsageMapping = {
  columns: {
    periodStart: "Usage Date",
    agent: "Agent",
    meteredUnit: "Skill",
    environment: "Org Type",
    actions: "Actions",
    credits: "Flex Credits",
    cost: "Cost",
  },
  currency: "USD",
};

const SKILLS = ["Answer Question", "Summarize Record", "Draft Email", "Update Record", "Search Knowledge", "Escalate Case"];
const ENVIRONMENTS = ["Production", "Production", "Production", "Full Copy Sandbox", "UAT"];

/** Deterministic rows: 365 days × 200 agents × 6 skills, cycling; the odd blank cost. */
export async function writeUsageCsv(file: string, rows: number): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  let text = "Usage Date,Agent,Skill,Org Type,Actions,Flex Credits,Cost\n";
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2025, 0, 1 + (i % 365)));
    const date = `${day.getUTCMonth() + 1}/${day.getUTCDate()}/${day.getUTCFullYear()}`;
    const actions = 1 + ((i * 7919) % 2500);
    const credits = actions * 20;
    const cost = i % 97 === 0 ? "" : (credits * 0.005).toFixed(2);
    text += `${date},Agent ${(i * 31) % 200},${SKILLS[i % SKILLS.length]},${ENVIRONMENTS[i % ENVIRONMENTS.length]},${actions},"${credits.toLocaleString("en-US")}",${cost}\n`;
    if (text.length > 1 << 20) {
      if (!out.write(text)) await once(out, "drain");
      text = "";
    }
  }
  out.end(text);
  await once(out, "finish");
  renameSync(partial, file);
}

/** CPU seconds (user + system) since `since`: steadier than wall time on a shared machine. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** papaparse alone over the same file (the CSV reader the import uses): the floor under our own work, and a gauge of the machine. */
async function csvParseOnly(file: string): Promise<{ wallPerRow: number; cpuPerRow: number }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let n = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(createReadStream(file, { encoding: "utf8" }) as unknown as NodeJS.ReadableStream, {
      chunk: (results) => {
        n += results.data.length;
      },
      complete: () => resolve(),
      error: reject,
    });
  });
  return { wallPerRow: (performance.now() - t0) / 1000 / Math.max(1, n), cpuPerRow: cpuSeconds(cpu0) / Math.max(1, n) };
}

export const importParseBench: BenchSection = {
  name: "import-parse",
  description: `parse a generated ${ROWS.toLocaleString("en-US")}-row usage CSV (streaming, mapped, keyed)`,
  async run() {
    if (!existsSync(FILE)) await writeUsageCsv(FILE, ROWS);
    const totalBytes = statSync(FILE).size;

    let progressCalls = 0;
    let lastFraction = 0;
    let rows = 0;
    let batches = 0;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const parse = parseUsageFile(createReadStream(FILE), {
      format: "csv",
      mapping: MAPPING,
      totalBytes,
      onProgress: (p) => {
        progressCalls++;
        lastFraction = p.fraction ?? 0;
      },
    });
    let step = await parse.next();
    for (; !step.done; step = await parse.next()) {
      rows += step.value.length;
      batches++;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = cpuSeconds(cpu0);
    const summary = step.value;
    if (!summary.importable || rows !== ROWS) {
      throw new Error(`bench file did not parse cleanly: ${rows} rows, ${summary.fileError ?? summary.errors[0]?.message ?? "?"}`);
    }
    const rssAfterParse = peakRssMiB();
    const csvOnly = await csvParseOnly(FILE);

    return {
      section: "import-parse",
      figures: [
        { label: "rows parsed", value: rows, unit: "rows" },
        { label: "wall time", value: seconds, unit: "s" },
        { label: "throughput (wall)", value: rows / seconds, unit: "rows/s" },
        { label: "time per row, wall (whole-import budget)", value: (seconds / rows) * 1e6, unit: "µs", target: TARGET_US_PER_ROW },
        { label: "throughput (CPU time)", value: rows / cpu, unit: "rows/s" },
        { label: "calibration: papaparse alone, wall", value: 1 / csvOnly.wallPerRow, unit: "rows/s" },
        { label: "calibration: papaparse alone, CPU time", value: 1 / csvOnly.cpuPerRow, unit: "rows/s" },
        { label: "peak RSS (maxRSS) after parsing", value: rssAfterParse, unit: "MiB", target: TARGET_RSS_MIB },
        { label: "file size", value: totalBytes / 1024 / 1024, unit: "MiB" },
      ],
      notes: [
        `one run (a million rows is its own warm-up); ${batches} batches, ${progressCalls} progress calls, last at ${(lastFraction * 100).toFixed(1)}%`,
        `dates ${summary.dates?.patterns.join(", ")} read ${summary.dates?.order} (${summary.dates?.confidence}); file ${path.relative(process.cwd(), FILE)}`,
        "peak RSS is the process's: run this section alone (npm run bench -- import-parse) for the parser's own figure",
      ],
    };
  },
};

/** Entry point for callers that do not go through scripts/bench.ts. */
export async function benchImportParse(): Promise<void> {
  const report = await importParseBench.run({ runs: 1, warmup: 0 });
  for (const f of report.figures) process.stdout.write(`${f.label}: ${f.value.toFixed(2)} ${f.unit}\n`);
}
