// Monte Carlo bench: 10,000 paths of the engine bench's 36-month, 200-unit case with three
// scenarios, every driver kind uncertain. Targets (issue 14): ≤ 300 ms median and ≤ 250 MB peak
// RSS. The runs happen in a child process of their own (bench/montecarlo-child.ts), so that the
// peak RSS printed is the Monte Carlo's own and not that of the sections run before it.
//
// Figures on the shared 2-core machine, old and new code run back to back (load average 2–3):
//   before: 2106 ms median, 1630 ms min, 1648 ms without the band; peak RSS 427 MiB
//   after:  1269 ms median, 1057 ms min, 1125 ms without the band; peak RSS 342 MiB (not met yet;
//           about 140 MiB of it is tsx and the document before the runs start)
// What changed: exact re-runs use the word-level demand and ledger (wordmath.ts) and skip the
// per-unit rows nobody reads, scenarios with equal drivers share re-run demand, the band is stored
// period-major and its percentiles selected rather than sorted, the float ledger reuses its lots,
// and the sampler precomputes each range's triangular constants (same floats, same paths).
//
// Second round, five alternating runs each of old and new code (load average 1.7–2.2):
//   before: 622–844 ms median (middle run 652), 568–630 ms min, 475–686 ms without the band;
//           peak RSS 349–402 MiB (middle 366)
//   after:  506–866 ms median (middle run 597), 483–724 ms min, 409–506 ms without the band;
//           peak RSS 308–338 MiB (middle 315); RSS before the runs 158–169 MiB either way
// Time is met; memory is not, and cannot be from lib/engine/analysis alone: the nine exact re-runs
// per analysis by themselves (demandFromDrivers + evaluateLedger on the same paths, twelve times as
// here, no sampling, no float ledger) peak at 327–329 MiB under tsx. Each path's DemandPath is a few MB
// of Decimals that outlives two scavenges, so old space grows ~20 MB a run until V8's limit (about
// 4 × the ~40 MB live heap under tsx) is reached, whatever the float side does.
// What changed: the float ledger runs as plain functions over one compiled object with its lots
// in typed-array columns (no per-contract closures, no boxed numbers on the vendor's path); the
// sampler computes each distinct range once, sums per-agent and per-month units in two ordered lists
// and shares the sums of rate card versions with equal credits; percentiles are selected with
// Floyd–Rivest; Monte Carlo runs the float paths of all scenarios first (one period-major buffer
// for all of them, freed before the exact re-runs), then the re-runs grouped by drivers and path,
// so that the analysis keeps one exact demand at a time instead of all of them. Every figure is
// the same: same floats in the same order, checked bit for bit against the old code.
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { largeDocument } from "@/bench/engine";
import { nodeFlags, type BenchFigure, type BenchSection } from "@/bench/harness";

export const PATHS = 10_000;
export const TARGET_MS = 300;
/** 250 MB (10^6 bytes), as the issue states it; the figure is printed in MB too. */
export const TARGET_MB = 250;

/** The engine bench's case with a range on every driver kind and a Monte Carlo request. */
export function uncertainDocument(paths = PATHS): ModelDocumentInput {
  const doc = largeDocument();
  const drivers = doc.drivers!;
  drivers.activationPctByMonth = [
    { low: 40, likely: 50, high: 60 },
    { low: 50, likely: 60, high: 70 },
    { low: 60, likely: 75, high: 90 },
  ];
  drivers.units = drivers.units.map((u) => {
    const v = Number(u.actionsPerActiveAgentPerDay ?? u.actionsPerMonth);
    const range = { low: v * 0.8, likely: v, high: v * 1.3 };
    return u.actionsPerActiveAgentPerDay !== undefined ? { unit: u.unit, actionsPerActiveAgentPerDay: range } : { unit: u.unit, actionsPerMonth: range };
  });
  drivers.monthlyGrowthPct = { low: 0, likely: 2, high: 4 };
  drivers.nonProductionPct = { low: 10, likely: 15, high: 25 };
  drivers.unitMultipliers = { "unit-003": { low: 1, likely: 1, high: 3 } };
  doc.analysis = { monteCarlo: { paths, seed: 1 } };
  return doc;
}

export const monteCarloBench: BenchSection = {
  name: "montecarlo",
  description: `${PATHS.toLocaleString("en-US")} Monte Carlo paths of a 36-month, 200-unit case with three scenarios (in a child process of its own)`,
  run(options) {
    // A run takes about 0.3 s; the JIT needs about ten of them to settle (the first is about 0.7 s,
    // the next few 0.35–0.45 s), so the median is taken after ten warm-up runs and the first run
    // is printed on its own.
    const runs = Math.max(1, Math.min(options.runs, 15));
    const warmup = Math.max(1, Math.min(options.warmup * 2, 10));
    // The same node and loader as this process (tsx), a fresh heap: its maxRSS is the Monte Carlo's.
    // The parent's node flags (npm run bench: the server's GC flags, the tsx loader).
    const flags = process.execArgv.some((a) => a.includes("tsx")) ? process.execArgv : [...process.execArgv, "--import", "tsx"];
    const out = execFileSync(process.execPath, [...flags, path.join("bench", "montecarlo-child.ts"), String(runs), String(warmup)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 16 * 1024 * 1024,
    });
    const figures = JSON.parse(out.trim().split("\n").pop()!) as BenchFigure[];
    return {
      section: "montecarlo",
      figures,
      notes: [
        `${runs} timed runs after ${warmup} warm-up run(s) in a child process (the first warm-up run is printed); the exact ledger re-runs the P10/P50/P90 paths of each scenario`,
        "RSS in the child includes node and the tsx loader (its figure before the runs is printed)",
        `node flags: ${nodeFlags()}`,
      ],
    };
  },
};
