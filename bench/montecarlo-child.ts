// The Monte Carlo bench's measurements, run by bench/montecarlo.ts in a process of its own so that
// the peak RSS is this work's alone. Prints the figures as one JSON line.
//   node --import tsx bench/montecarlo-child.ts <runs> <warmup>
import { performance } from "node:perf_hooks";
import { runAnalysis, type ScenarioContext } from "@/lib/engine/analysis/document";
import { evaluateParsedModel } from "@/lib/engine/model/evaluate";
import { evaluateLedger } from "@/lib/engine/ledger/evaluate";
import { contractTermsOf, mergedClauses, mergedDrivers, perUserOf, rateCardOf, termOf, driverInputsOf } from "@/lib/engine/model/map";
import { demandFromDrivers } from "@/lib/engine/demand/drivers";
import { parseModelDocument } from "@/lib/engine/model/schema";
import { PATHS, TARGET_MB, TARGET_MS, uncertainDocument } from "@/bench/montecarlo";
import { time, type BenchFigure } from "@/bench/harness";

const peakRssMB = () => (process.resourceUsage().maxRSS * 1024) / 1e6;

const runs = Number(process.argv[2] ?? 5);
const warmup = Number(process.argv[3] ?? 1);
const rssAtStart = peakRssMB();
const parsed = parseModelDocument(uncertainDocument());
if (!parsed.ok) throw new Error(`bench document invalid: ${parsed.issues.map((i) => `${i.path} ${i.message}`).join("; ")}`);
const doc = parsed.doc;
const term = termOf(doc);
// The deterministic ledgers are the engine bench's business: build them once, time the analysis.
const contexts: ScenarioContext[] = doc.scenarios.map((scenario) => {
  const drivers = mergedDrivers(doc, scenario)!;
  const perUser = perUserOf(doc, scenario);
  const input = {
    demand: demandFromDrivers(term, driverInputsOf(drivers, doc.term.start)),
    rateCard: rateCardOf(doc, scenario.rateCard).versions,
    terms: contractTermsOf(mergedClauses(doc, scenario), doc.term.start),
    ...(perUser ? { perUser } : {}),
  };
  return { scenario, input, drivers, ledger: evaluateLedger(input) };
});
const rssBefore = peakRssMB();
const heapBefore = process.memoryUsage().heapUsed;
const tFirst = performance.now();
runAnalysis(doc, term, contexts);
const first = performance.now() - tFirst;
const analysis = time(() => runAnalysis(doc, term, contexts), { runs, warmup: Math.max(0, warmup - 1) });
const heapAfter = process.memoryUsage().heapUsed;
const rssAfterAnalysis = peakRssMB();
const noBand = { ...doc, analysis: { monteCarlo: { ...doc.analysis!.monteCarlo!, band: false } } };
const withoutBand = time(() => runAnalysis(noBand, term, contexts), { runs, warmup });
const t0 = performance.now();
evaluateParsedModel(doc);
const whole = performance.now() - t0;
const figures: BenchFigure[] = [
  { label: `${PATHS} paths × 3 scenarios (sample, float ledger, exact re-runs, band), median`, value: analysis.medianMs, unit: "ms", target: TARGET_MS },
  { label: "  same, min (least disturbed by other load)", value: analysis.minMs, unit: "ms" },
  { label: "  first run of the process (JIT still compiling)", value: first, unit: "ms" },
  { label: "  same without the per-period band, median", value: withoutBand.medianMs, unit: "ms" },
  { label: "  per path-scenario", value: (analysis.medianMs * 1000) / (PATHS * 3), unit: "µs" },
  { label: "whole document (deterministic ledgers + analysis), once", value: whole, unit: "ms" },
  { label: "heap growth over the runs", value: (heapAfter - heapBefore) / 1e6, unit: "MB" },
  { label: "peak RSS of the child before loading the case (node + tsx)", value: rssAtStart, unit: "MB" },
  { label: "peak RSS before the Monte Carlo runs", value: rssBefore, unit: "MB" },
  { label: "peak RSS after the timed Monte Carlo runs", value: rssAfterAnalysis, unit: "MB", target: TARGET_MB },
  { label: "peak RSS of the child at the end (maxRSS)", value: peakRssMB(), unit: "MB", target: TARGET_MB },
];
process.stdout.write(`${JSON.stringify(figures)}\n`);
