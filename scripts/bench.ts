// npm run bench [-- <section> ...] [--runs N] [--warmup N] [--json]
// Runs the named bench sections (all by default) and prints their figures. Add a section by
// writing bench/<name>.ts exporting a BenchSection and listing it in SECTIONS.
import { engineBench } from "@/bench/engine";
import { monteCarloBench } from "@/bench/montecarlo";
import { builderBench } from "@/bench/builder";
import { importParseBench } from "@/bench/import-parse";
import { importDbBench } from "@/bench/import-db";
import { briefPdfBench } from "@/bench/brief-pdf";
import { pagesBench } from "@/bench/pages";
import { exportBench } from "@/bench/export";
import type { BenchReport, BenchSection } from "@/bench/harness";

const SECTIONS: BenchSection[] = [engineBench, importParseBench, importDbBench, monteCarloBench, builderBench, briefPdfBench, pagesBench, exportBench];

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`${name} needs a whole number\n`);
    process.exit(2);
  }
  return value;
}

function format(report: BenchReport): string {
  const width = Math.max(...report.figures.map((f) => f.label.length));
  const lines = report.figures.map((f) => {
    const verdict = f.target === undefined ? "" : f.value <= f.target ? `  (target ≤ ${f.target} ${f.unit}: ok)` : `  (target ≤ ${f.target} ${f.unit}: OVER)`;
    return `  ${f.label.padEnd(width)}  ${f.value.toFixed(2).padStart(9)} ${f.unit}${verdict}`;
  });
  return [`[${report.section}]`, ...lines, ...(report.notes ?? []).map((n) => `  note: ${n}`)].join("\n");
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== "--");
  const runs = option(args, "--runs", 30);
  const warmup = option(args, "--warmup", 5);
  const json = args.includes("--json");
  const valueFlags = new Set(["--runs", "--warmup"]);
  const names = args.filter((a, i) => !a.startsWith("--") && !valueFlags.has(args[i - 1] ?? ""));
  const unknown = names.filter((n) => !SECTIONS.some((s) => s.name === n));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench section(s): ${unknown.join(", ")}; known: ${SECTIONS.map((s) => s.name).join(", ")}\n`);
    return 2;
  }
  const chosen = names.length === 0 ? SECTIONS : SECTIONS.filter((s) => names.includes(s.name));
  const reports: BenchReport[] = [];
  for (const section of chosen) {
    if (!json) process.stdout.write(`running ${section.name}: ${section.description}\n`);
    const report = await section.run({ runs, warmup });
    reports.push(report);
    if (!json) process.stdout.write(`${format(report)}\n`);
  }
  if (json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
