// NUL bytes and other control characters in text fields: refused with the field named (they used to
// reach PostgreSQL, which cannot store NUL in text or jsonb, and come back as a generic 500).
import { describe, expect, it } from "vitest";
import { toActionError } from "@/lib/actions/safe-action";
import { MeteredUnitDoc } from "@/lib/engine/model/schema";
import { usageMappingSchema } from "@/lib/import/mapping";
import { manualRowInput } from "@/lib/services/burn/schema";
import { createBriefInput } from "@/lib/services/briefs/schema";
import { contractFields } from "@/lib/services/contracts/schema";
import { versionFields } from "@/lib/services/ratecards/schema";
import { scenarioDraft } from "@/lib/services/scenarios/schema";
import { controlCharacterProblem, issuesOf, text } from "@/lib/services/validation";
import { vendorFields } from "@/lib/services/vendors/schema";
import { workspaceName } from "@/lib/services/workspaces/create";

const NUL = "\u0000";

function fieldErrorsOf(schema: { safeParse: (v: unknown) => { success: boolean; error?: unknown } }, value: unknown) {
  const r = schema.safeParse(value);
  expect(r.success).toBe(false);
  return toActionError(r.error).fieldErrors ?? {};
}

describe("controlCharacterProblem", () => {
  it.each([
    ["Acme\u0000", "Contains an invisible control character (U+0000, NUL) at character 5; remove it."],
    ["\u0007bell", "Contains an invisible control character (U+0007) at character 1; remove it."],
    ["a\u001b[31m", "Contains an invisible control character (U+001B, ESC) at character 2; remove it."],
    ["x\u007f", "Contains an invisible control character (U+007F, DEL) at character 2; remove it."],
    ["form\ffeed", "Contains an invisible control character (U+000C) at character 5; remove it."],
  ])("%j is refused, naming the character and where it is", (value, message) => {
    expect(controlCharacterProblem(value)).toBe(message);
  });

  it.each([["plain"], ["tab\there"], ["line\nbreak"], ["windows\r\nline"], ["Zürich – “quotes” 日本 🙂"], ["\u0080 and \u00a0 (C1 and no-break space)"], [""]])("%j is kept", (value) => {
    expect(controlCharacterProblem(value)).toBeNull();
  });

  it("text() chains like z.string(): the check, then trim and length", () => {
    const s = text().trim().min(1, "Enter it.").max(5, "Too long.");
    expect(s.parse("  abc \n")).toBe("abc");
    expect(s.safeParse("   ").error?.issues[0]?.message).toBe("Enter it.");
    expect(s.safeParse(`ab${NUL}`).error?.issues.map((i) => i.message)).toEqual(["Contains an invisible control character (U+0000, NUL) at character 3; remove it."]);
  });
});

describe("every text input schema refuses NUL with a field message", () => {
  const message = (at: number) => [`Contains an invisible control character (U+0000, NUL) at character ${at}; remove it.`];

  it("vendor name, product and notes", () => {
    expect(fieldErrorsOf(vendorFields, { name: `Sales${NUL}force`, product: `A${NUL}`, notes: `${NUL}` })).toEqual({ name: message(6), product: message(2), notes: message(1) });
  });

  it("a manual burn row's agent and unit", () => {
    expect(fieldErrorsOf(manualRowInput, { contractId: "c", periodStart: "2026-01-01", agent: `Service${NUL}Agent`, unit: `${NUL}`, credits: "5" })).toEqual({ agent: message(8), unit: message(1) });
  });

  it("a contract's name, product and fixed line description", () => {
    const errors = fieldErrorsOf(contractFields, {
      name: `Renewal${NUL}`,
      vendorId: "v",
      product: "Agentforce",
      currency: "USD",
      termStart: "2026-01-01",
      termEnd: "2026-12-31",
      renewalDate: "2026-12-31",
      fixedLines: [{ description: `Seats${NUL}`, amount: "10" }],
    });
    expect(errors.name).toEqual(message(8));
    expect(errors["fixedLines.0.description"]).toEqual(message(6));
  });

  it("a workspace name, a scenario's name and description", () => {
    expect(fieldErrorsOf(workspaceName, `Acme${NUL}`)).toEqual({ _: message(5) });
    const scenario = fieldErrorsOf(scenarioDraft, { name: `Ask${NUL}`, description: `why${NUL}` });
    expect(scenario.name).toEqual(message(4));
    expect(scenario.description).toEqual(message(4));
  });

  it("a brief's title", () => {
    const errors = fieldErrorsOf(createBriefInput, { contractId: "c", title: `Brief${NUL}`, settings: { vendorScenarioId: "a", asksScenarioId: "b", horizonPeriods: 12 } });
    expect(errors.title).toEqual(message(6));
  });

  it("a rate card version's source and its units (the engine's own schema)", () => {
    const errors = fieldErrorsOf(versionFields, {
      effectiveFrom: "2026-01-01",
      source: `page${NUL}`,
      units: [{ id: `act${NUL}ion`, name: "Action", creditsPerUnit: 20 }],
      creditPrice: { kind: "flat", usdPerCredit: "0.004" },
    });
    expect(errors.source).toEqual(message(5));
    expect(errors["units.0.id"]).toEqual(message(4));
  });

  it("the engine's unit schema reports the field by its dotted path", () => {
    expect(issuesOf(MeteredUnitDoc, { id: "action", name: `Act${NUL}`, creditsPerUnit: 20 }, ["units", 0])).toEqual([
      { field: "units.0.name", jsonPath: "$.units[0].name", message: message(4)[0] },
    ]);
  });

  it("a remembered column mapping (kept as jsonb)", () => {
    const r = usageMappingSchema.safeParse({ columns: { agent: `Agent${NUL}` } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(message(6)[0]);
  });
});
