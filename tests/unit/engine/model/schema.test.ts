import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MODEL_SCHEMA_PATH, modelJsonSchemaText } from "@/lib/engine/model/json-schema";
import { formatPath, parseModelDocument } from "@/lib/engine/model/schema";

const root = path.resolve(import.meta.dirname, "../../../..");
const readJson = (rel: string): unknown => JSON.parse(readFileSync(path.join(root, rel), "utf8"));
const salesforce = () => readJson("examples/salesforce-agentforce.json") as Record<string, any>;

describe("committed JSON Schema", () => {
  it("matches the zod schema (run `npx tsx scripts/gen-schema.ts` when this fails)", () => {
    const committed = readFileSync(path.join(root, MODEL_SCHEMA_PATH), "utf8");
    expect(committed).toBe(modelJsonSchemaText());
  });

  it("requires version 1 and names the shared definitions", () => {
    const schema = JSON.parse(modelJsonSchemaText());
    expect(schema.properties.version).toEqual({ type: "number", const: 1 });
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(["Decimal", "IsoDate", "Clauses", "Drivers", "Scenario", "ObservedBurn"]));
  });
});

describe("parseModelDocument", () => {
  it.each(["examples/salesforce-agentforce.json", "examples/workday-estate.json"])("accepts %s", (file) => {
    const result = parseModelDocument(readJson(file));
    if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
    expect(result.doc.version).toBe(1);
  });

  it("names the JSON path and the problem of every bad field", () => {
    const doc = salesforce();
    doc.version = 2;
    doc.term.start = "2026-02-30";
    doc.scenarios[1].clauses.discount.pct = "fifteen";
    doc.scenarios[2].clauses.allotments[0].rollover.sharePct = 150;
    doc.drivers.units[0].actionsPerActiveAgentPerDay = -1;
    doc.scenarios[0].surprise = true;
    const result = parseModelDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byPath = Object.fromEntries(result.issues.map((i) => [i.path, i.message]));
    expect(byPath["$.version"]).toBe("must be 1");
    expect(byPath["$.term.start"]).toMatch(/YYYY-MM-DD/);
    expect(byPath["$.scenarios[1].clauses.discount.pct"]).toMatch(/decimal/);
    expect(byPath["$.scenarios[2].clauses.allotments[0].rollover.sharePct"]).toMatch(/0 to 100/);
    expect(byPath["$.drivers.units[0].actionsPerActiveAgentPerDay"]).toMatch(/0 or more/);
    expect(byPath["$.scenarios[0].surprise"]).toBe("unknown field");
  });

  it("checks references and duplicates across the document", () => {
    const doc = salesforce();
    doc.scenarios[1].id = "vendor-proposal";
    doc.scenarios[2].rateCard = "nope";
    doc.scenarios[3].demand = { source: "observedBurn" };
    delete doc.observedBurn;
    const result = parseModelDocument(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["$.scenarios[1].id", "$.scenarios[2].rateCard", "$.scenarios[3].demand.source"]));
  });

  it("accepts decimals as strings or numbers and rejects non-decimal strings", () => {
    const doc = salesforce();
    doc.rateCards[0].versions[0].creditPrice = { kind: "direct", pricePerCredit: 0.005 };
    expect(parseModelDocument(doc).ok).toBe(true);
    doc.rateCards[0].versions[0].creditPrice = { kind: "direct", pricePerCredit: "$0.005" };
    const bad = parseModelDocument(doc);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]?.path).toBe("$.rateCards[0].versions[0].creditPrice.pricePerCredit");
  });

  it("formats paths with odd keys", () => {
    expect(formatPath(["contract", "creditsPerUnit", "guided-draft"])).toBe('$.contract.creditsPerUnit["guided-draft"]');
    expect(formatPath([])).toBe("$");
  });
});
