// A 200,000-row file streams: progress reaches 100% and the batches add up to every row.
import { describe, expect, it } from "vitest";
import { parseUsageFile } from "@/lib/import/parse";
import type { ImportProgress } from "@/lib/import/types";
import { streamOf } from "@/tests/unit/import/helpers";

const ROWS = 200_000;

/** 12000 → "12.000" (German grouping), without Intl's cost per call. */
const grouped = (n: number): string => (n < 1000 ? String(n) : `${Math.floor(n / 1000)}.${String(n % 1000).padStart(3, "0")}`);

function generate(rows: number): Buffer {
  const parts: string[] = ["Day;Agent;Skill;Org Type;Actions;Credits;Cost\n"];
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    const actions = 1 + (i % 500);
    // European file: D.M.YYYY dates, decimal commas, grouped thousands.
    parts.push(`${day}.${month}.2025;Agent ${i % 40};Skill ${i % 6};${i % 4 === 0 ? "Sandbox" : "Production"};${actions};${grouped(actions * 20)};${Math.floor(actions / 10)},${actions % 10}0\n`);
  }
  return Buffer.from(parts.join(""), "utf8");
}

describe("streaming a large file", () => {
  it(`${ROWS.toLocaleString("en-US")} rows: batches of 5,000, progress to 100%`, { timeout: 120_000 }, async () => {
    const bytes = generate(ROWS);
    const progress: ImportProgress[] = [];
    const parse = parseUsageFile(streamOf(bytes), {
      format: "csv",
      totalBytes: bytes.length,
      mapping: {
        columns: { periodStart: "Day", agent: "Agent", meteredUnit: "Skill", environment: "Org Type", actions: "Actions", credits: "Credits", cost: "Cost" },
        currency: "EUR",
      },
      onProgress: (p) => progress.push(p),
    });
    const sizes: number[] = [];
    let expectedRow = 2;
    let sampled = 0;
    let step = await parse.next();
    for (; !step.done; step = await parse.next()) {
      sizes.push(step.value.length);
      for (const row of step.value) {
        if (row.sourceRow !== expectedRow) throw new Error(`row ${row.sourceRow} where ${expectedRow} was expected`);
        expectedRow++;
      }
      const first = step.value[0];
      if (first && sampled++ < 3) expect(first.credits).toBe(String((1 + ((first.sourceRow - 2) % 500)) * 20));
    }
    const summary = step.value;

    expect(summary.importable).toBe(true);
    expect(summary.rowCount).toBe(ROWS);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(ROWS);
    expect(sizes.slice(0, -1).every((n) => n === 5_000)).toBe(true);
    expect(summary.dates?.order).toBe("dmy");
    expect(summary.numbers?.decimalSeparator).toBe(",");

    expect(progress.length).toBeGreaterThan(10);
    const fractions = progress.map((p) => p.fraction ?? -1);
    expect(fractions.every((f, i) => i === 0 || f >= (fractions[i - 1] ?? 0))).toBe(true);
    expect(progress.slice(0, -1).every((p) => !p.done && (p.fraction ?? 1) < 1.0001)).toBe(true);
    const last = progress[progress.length - 1];
    expect(last).toEqual({ bytesRead: bytes.length, totalBytes: bytes.length, fraction: 1, rows: ROWS, done: true });
    // Progress moves while the file is read, not only at the end.
    expect(progress.some((p) => (p.fraction ?? 0) > 0.2 && (p.fraction ?? 0) < 0.8)).toBe(true);
  });
});
