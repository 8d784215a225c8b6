import { describe, expect, it } from "vitest";
import Decimal from "@/lib/engine/decimal";
import { serialise } from "@/lib/engine/model/serialise";

describe("serialise", () => {
  it("writes Decimals as plain decimal strings and drops undefined fields", () => {
    expect(serialise({ a: new Decimal("1e21"), b: new Decimal("5e-7"), c: undefined, d: [new Decimal("12.50"), null, "x"] })).toEqual({
      a: "1000000000000000000000",
      b: "0.0000005",
      d: ["12.5", null, "x"],
    });
  });

  it("a large record that occurs several times (per-unit rows shared by scenarios) is written in full at each place", () => {
    const byUnit: Record<string, { actions: Decimal; credits: Decimal }> = {};
    for (let j = 0; j < 40; j++) byUnit[`u${j}`] = { actions: new Decimal(j).div(3), credits: new Decimal(j).times("0.25") };
    const small = { credits: new Decimal("2.5") };
    const out = serialise({ scenarios: [{ rows: [{ byUnit, small }] }, { rows: [{ byUnit, small }, { byUnit: { ...byUnit } }] }] });
    const expected = Object.fromEntries(Array.from({ length: 40 }, (_, j) => [`u${j}`, { actions: new Decimal(j).div(3).toFixed(), credits: new Decimal(j).times("0.25").toFixed() }]));
    expect(expected.u7).toEqual({ actions: "2.3333333333333333333", credits: "1.75" });
    expect(out.scenarios[0]!.rows[0]!.byUnit).toEqual(expected);
    expect(out.scenarios[1]!.rows[0]!.byUnit).toEqual(expected);
    expect(out.scenarios[1]!.rows[1]!.byUnit).toEqual(expected);
    expect(out.scenarios[1]!.rows[0]!.small).toEqual({ credits: "2.5" });
    expect(JSON.stringify(out.scenarios[0])).toBe(JSON.stringify({ rows: [{ byUnit: expected, small: { credits: "2.5" } }] }));
  });
});
