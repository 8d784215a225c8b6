// Shared pieces of the bench sections: a section's shape and a timing loop.
import { performance } from "node:perf_hooks";

export interface BenchOptions {
  /** timed runs after warm-up */
  runs: number;
  warmup: number;
}

export interface BenchFigure {
  label: string;
  value: number;
  unit: string;
  /** target this figure should stay under, when there is one */
  target?: number;
}

export interface BenchReport {
  section: string;
  figures: BenchFigure[];
  notes?: string[];
}

/** A named group of measurements; later issues add sections (import, PDF, Monte Carlo) to
 *  scripts/bench.ts's list. */
export interface BenchSection {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchReport> | BenchReport;
}

export interface Timing {
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

function quantile(sorted: readonly number[], q: number): number {
  // nearest-rank: the smallest value with at least q of the runs at or below it
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

export function timing(samples: number[]): Timing {
  samples.sort((a, b) => a - b);
  return {
    medianMs: quantile(samples, 0.5),
    p95Ms: quantile(samples, 0.95),
    minMs: samples[0] ?? Number.NaN,
    maxMs: samples[samples.length - 1] ?? Number.NaN,
    runs: samples.length,
  };
}

export function time(fn: () => unknown, options: BenchOptions): Timing {
  for (let i = 0; i < options.warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return timing(samples);
}

/** time() for an asynchronous body: each run is awaited before the next starts. */
export async function timeAsync(fn: () => Promise<unknown>, options: BenchOptions): Promise<Timing> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return timing(samples);
}

/**
 * Nanoseconds per decimal.js multiplication of two 20-digit values: the engine's unit of work, so
 * that figures from a slow or busy machine can be compared with those of another.
 */
export function decimalMultiplyNs(DecimalCtor: new (v: string) => { times(o: unknown): unknown }): number {
  const a = new DecimalCtor("1234.5678901234567891");
  const b = new DecimalCtor("0.17647058823529411765");
  const n = 200_000;
  for (let i = 0; i < 10_000; i++) a.times(b);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) a.times(b);
  return ((performance.now() - t0) / n) * 1e6;
}

/** Peak resident set size of the process so far, in MiB (resourceUsage reports KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** This process's node flags (the tsx loader left out), as the bench notes print them. */
export function nodeFlags(): string {
  const flags = process.execArgv.filter((a, i, all) => a.startsWith("--") && a !== "--import" && all[i - 1] !== "--import");
  return flags.join(" ") || "(defaults)";
}
