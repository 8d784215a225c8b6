// Row keys: the same file gives the same keys; identical rows in one file get distinct keys.
import { describe, expect, it } from "vitest";
import { OccurrenceCounter } from "@/lib/import/row-key";
import { BASIC_MAPPING, parseCsvText } from "@/tests/unit/import/helpers";

const FILE = [
  "Date,Agent,Skill,Environment,Actions,Credits,Cost,Currency",
  "2025-04-01,A,Answer,prod,1,20,0.10,USD",
  "2025-04-01,A,Answer,prod,1,20,0.10,USD",
  "2025-04-01,B,Answer,prod,1,20,0.10,USD",
  "2025-04-01,A,Answer,prod,1,20,0.10,USD",
].join("\n");

describe("row keys", () => {
  it("the same file parsed twice gives identical keys", async () => {
    const first = await parseCsvText(FILE, BASIC_MAPPING);
    const second = await parseCsvText(FILE, BASIC_MAPPING, {}, 5);
    expect(second.rows.map((r) => r.rowKey)).toEqual(first.rows.map((r) => r.rowKey));
  });

  it("identical rows in one file are distinct: same digest, occurrences 0, 1, 2", async () => {
    const { rows } = await parseCsvText(FILE, BASIC_MAPPING);
    const keys = rows.map((r) => r.rowKey);
    expect(new Set(keys).size).toBe(4);
    const [a0, a1, b, a2] = keys.map((k) => k.split(":"));
    expect(a0?.[0]).toMatch(/^[0-9a-f]{64}$/);
    expect([a0?.[0], a1?.[0], a2?.[0]]).toEqual([a0?.[0], a0?.[0], a0?.[0]]);
    expect([a0?.[1], a1?.[1], a2?.[1]]).toEqual(["0", "1", "2"]);
    expect(b?.[0]).not.toBe(a0?.[0]);
    expect(b?.[1]).toBe("0");
  });

  it("keys depend on content, not position: a row inserted above leaves the others' keys alone", async () => {
    const lines = FILE.split("\n");
    const inserted = [lines[0], "2025-03-31,C,Answer,prod,9,180,0.90,USD", ...lines.slice(1)].join("\n");
    const before = await parseCsvText(FILE, BASIC_MAPPING);
    const after = await parseCsvText(inserted, BASIC_MAPPING);
    expect(after.rows.slice(1).map((r) => r.rowKey)).toEqual(before.rows.map((r) => r.rowKey));
    expect(after.rows.slice(1).map((r) => r.sourceRow)).toEqual([3, 4, 5, 6]);
  });

  it("equal values spelt differently normalise to the same key (120.00 and 120, prod and Production)", async () => {
    const text = ["Date,Environment,Cost", "2025-04-01,prod,120.00", "4/1/2025,Production,120"].join("\n");
    const { rows } = await parseCsvText(text, { columns: { periodStart: "Date", environment: "Environment", cost: "Cost" } });
    expect(rows[1]?.rowKey.split(":")[0]).toBe(rows[0]?.rowKey.split(":")[0]);
    expect(rows.map((r) => r.rowKey.split(":")[1])).toEqual(["0", "1"]);
  });

  it("the occurrence counter keeps counts across table growth", () => {
    const counter = new OccurrenceCounter(16);
    for (let i = 0; i < 5000; i++) expect(counter.next(i * 2654435761, i)).toBe(0);
    for (let i = 0; i < 5000; i++) expect(counter.next(i * 2654435761, i)).toBe(1);
    expect(counter.next(7, 4999)).toBe(0);
  });
});
