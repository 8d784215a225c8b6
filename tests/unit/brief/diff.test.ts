import { describe, expect, it } from "vitest";
import { diffBriefVersions, jsonChanges, type VersionSide } from "@/lib/brief/diff";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { loadBriefFixture } from "@/tests/support/brief-fixtures";

const content = loadBriefFixture("salesforce.json");
const settings = { roles: { vendor: "v", asks: "a", walkAway: "w" }, horizonPeriods: 12, seed: 20261122, paths: 2000 };
const doc = {
  rateCards: [{ id: "rc", units: [{ id: "action", credits: "20" }] }],
  drivers: { licensedSeats: 100, units: [{ unit: "action", actionsPerActiveAgentPerDay: 25 }] },
  contract: { allotments: [{ size: { credits: "750000" } }] },
  scenarios: [
    { id: "v", name: "Vendor proposal", clauses: {} },
    { id: "a", name: "Our asks", clauses: { discount: { pct: "10" } } },
  ],
} as unknown as ModelDocumentInput;
const side = (over: Partial<VersionSide> = {}): VersionSide => ({ version: 1, content, document: doc, settings, ...over });

describe("brief version diff", () => {
  it("finds nothing between a version and itself", () => {
    const d = diffBriefVersions(side(), side({ version: 2 }));
    expect(d.figures).toEqual([]);
    expect(d.inputs).toEqual([]);
    expect(d.unchangedFigures).toBeGreaterThan(10);
  });

  it("names the moved figures with exact money changes, and the inputs that moved them", () => {
    const moved = structuredClone(content);
    moved.summary.atStakeP50 = "14436.56"; // +1,000.00
    moved.scenarios.find((s) => s.role === "vendor")!.cost.p90 = "68000"; // −1,000.00
    moved.asks[0]!.savingP50 = "11000";
    const doc2 = structuredClone(doc) as unknown as { drivers: { licensedSeats: number }; rateCards: { units: { credits: string }[] }[]; scenarios: { clauses: Record<string, unknown> }[] };
    doc2.drivers.licensedSeats = 120;
    doc2.rateCards[0]!.units[0]!.credits = "25";
    doc2.scenarios[1]!.clauses = { discount: { pct: "15" } };
    const d = diffBriefVersions(side(), side({ version: 2, content: moved, document: doc2 as unknown as ModelDocumentInput, settings: { ...settings, seed: 7 } }));
    expect(d.figures).toEqual([
      { key: "saving.p50", label: "Saving, P50", from: "$13,436.56", to: "$14,436.56", change: "+$1,000.00" },
      { key: "vendor.p90", label: "Vendor's terms: cost to serve, P90", from: "$69,000.00", to: "$68,000.00", change: "−$1,000.00" },
      { key: `ask.${content.asks[0]!.id}.p50`, label: `Ask “${content.asks[0]!.name}”: saves alone, P50`, from: "$11,750.00", to: "$11,000.00", change: "−$750.00" },
    ]);
    expect(d.inputs).toEqual([
      { group: "Rate card", what: "#1 › units › #1 › credits", from: "20", to: "25" },
      { group: "Drivers", what: "licensedSeats", from: "100", to: "120" },
      { group: "Our asks", what: "clauses › discount › pct", from: "10", to: "15" },
      { group: "Simulation", what: "seed", from: "20261122", to: "7" },
    ]);
  });

  it("lists leaf changes of nested JSON, added and removed keys included", () => {
    expect(jsonChanges({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 3, 4] }, d: "x" })).toEqual([
      { path: ["b", "c", "#2"], from: "2", to: "3" },
      { path: ["b", "c", "#3"], from: "not set", to: "4" },
      { path: ["d"], from: "not set", to: "x" },
    ]);
  });
});
