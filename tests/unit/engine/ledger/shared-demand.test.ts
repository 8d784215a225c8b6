// Scenarios that share a demand path and a credits-per-unit table compute each period's demand once
// (ledger/demand.ts, ratecard.ts, model/map.ts memos); a scenario whose per-unit clauses differ gets
// its own figures. The figures are those of a scenario evaluated alone, digit for digit.
import { describe, expect, it } from "vitest";
import { evaluateParsedModel } from "@/lib/engine/model/evaluate";
import { parseModelDocument, type ModelDocumentInput } from "@/lib/engine/model/schema";
import { largeDocument } from "@/bench/engine";

function parsed(doc: ModelDocumentInput) {
  const p = parseModelDocument(doc);
  if (!p.ok) throw new Error(p.issues.map((i) => `${i.path} ${i.message}`).join("; "));
  return p.doc;
}

type Rows = { demand: { credits: { toFixed(): string }; byUnit: object } }[];

describe("demand shared between scenarios", () => {
  const doc = largeDocument(6, 4);
  doc.scenarios = [
    ...doc.scenarios!.slice(0, 2),
    { id: "negotiated", name: "Negotiated credits", clauses: { creditsPerUnit: { "unit-001": "0.5" } } },
  ];
  const all = evaluateParsedModel(parsed(doc)) as unknown as { scenarios: { id: string; rows: Rows }[] };
  const [vendor, asks, negotiated] = all.scenarios;

  it("is computed once for scenarios on the same demand and card", () => {
    vendor!.rows.forEach((row, i) => {
      expect(asks!.rows[i]!.demand.byUnit).toBe(row.demand.byUnit);
      expect(asks!.rows[i]!.demand.credits.toFixed()).toBe(row.demand.credits.toFixed());
    });
  });

  it("is its own for a scenario with other credits per unit, and smaller by unit-001's difference", () => {
    vendor!.rows.forEach((row, i) => {
      expect(negotiated!.rows[i]!.demand.byUnit).not.toBe(row.demand.byUnit);
      expect(Number(negotiated!.rows[i]!.demand.credits.toFixed())).toBeLessThan(Number(row.demand.credits.toFixed()));
    });
  });

  it("gives each scenario the figures it has when evaluated alone", () => {
    for (const [i, id] of ["vendor", "asks", "negotiated"].entries()) {
      const alone = evaluateParsedModel(parsed({ ...doc, scenarios: [doc.scenarios![i]!] })) as unknown as { scenarios: { rows: Rows; summary: unknown }[] };
      const shared = all.scenarios.find((s) => s.id === id)!;
      expect(JSON.stringify(alone.scenarios[0]!.rows)).toBe(JSON.stringify(shared.rows));
    }
  });
});
