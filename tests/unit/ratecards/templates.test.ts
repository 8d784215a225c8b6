import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { DecimalValue, IsoDateString, RateCardDoc, RateCardVersionDoc } from "@/lib/engine/model/schema";
import { pricePerCredit } from "@/lib/engine/ratecard";
import type { CreditPrice } from "@/lib/engine/types";
import {
  latestTemplate,
  listTemplates,
  RATE_CARD_TEMPLATES,
  templateById,
  templateFamilies,
  TEMPLATES_RETRIEVED,
  toRateCardVersionDoc,
  unpublishedUnits,
} from "@/lib/ratecards/templates";
import type { RateCardTemplate, TemplateCreditPrice, TemplateSource } from "@/lib/ratecards/types";

const D = (v: Decimal.Value) => new Decimal(v);

function get(id: string): RateCardTemplate {
  const t = templateById(id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
}

function credits(t: RateCardTemplate, unitId: string): string | undefined {
  return t.units.find((u) => u.id === unitId)?.creditsPerUnit;
}

function engineCreditPrice(p: TemplateCreditPrice): CreditPrice {
  switch (p.kind) {
    case "direct":
      return { kind: "direct", pricePerCredit: D(p.pricePerCredit) };
    case "pack":
      return { kind: "pack", packPrice: D(p.packPrice), packCredits: D(p.packCredits) };
    case "unknown":
      return { kind: "unknown" };
  }
}

/** $ per credit of a template's proposed price, or null when unpublished. */
const usdPerCredit = (t: RateCardTemplate) => pricePerCredit(engineCreditPrice(t.creditPrice));

function allSources(t: RateCardTemplate): TemplateSource[] {
  return [t.source, ...t.otherSources];
}

/** Every decimal the template carries, with where it sits, for the decimal-string check. */
function decimals(t: RateCardTemplate): [string, unknown][] {
  const out: [string, unknown][] = [];
  const price = (where: string, p: TemplateCreditPrice) => {
    if (p.kind === "direct") out.push([`${where}.pricePerCredit`, p.pricePerCredit]);
    if (p.kind === "pack") out.push([`${where}.packPrice`, p.packPrice], [`${where}.packCredits`, p.packCredits]);
  };
  price("creditPrice", t.creditPrice);
  t.otherCreditPrices?.forEach((o, i) => price(`otherCreditPrices[${i}]`, o.creditPrice));
  t.units.forEach((u) => u.unpublished !== true && out.push([`units.${u.id}`, u.creditsPerUnit]));
  t.packs?.forEach((p, i) => out.push([`packs[${i}].price`, p.price], [`packs[${i}].credits`, p.credits]));
  t.perUserAlternatives?.forEach((p, i) => out.push([`perUserAlternatives[${i}]`, p.pricePerUserPerMonth]));
  t.includedAllotments?.forEach((a, i) => a.unpublished !== true && out.push([`includedAllotments[${i}]`, a.credits]));
  return out;
}

/** Every figure's `sources`, with where it sits. */
function citations(t: RateCardTemplate): [string, readonly string[]][] {
  return [
    ["creditPrice", t.creditPriceSources],
    ...t.units.map((u): [string, readonly string[]] => [`units.${u.id}`, u.sources]),
    ...(t.otherCreditPrices ?? []).map((o, i): [string, readonly string[]] => [`otherCreditPrices[${i}]`, o.sources]),
    ...(t.packs ?? []).map((p, i): [string, readonly string[]] => [`packs[${i}]`, p.sources]),
    ...(t.perUserAlternatives ?? []).map((p, i): [string, readonly string[]] => [`perUserAlternatives[${i}]`, p.sources]),
    ...(t.includedAllotments ?? []).map((a, i): [string, readonly string[]] => [`includedAllotments[${i}]`, a.sources]),
  ];
}

const templates = listTemplates();

describe("every template", () => {
  it("the sources of the built-in templates were consulted on 2026-11-22", () => {
    expect(TEMPLATES_RETRIEVED).toBe("2026-11-22");
    for (const t of templates) for (const s of allSources(t)) expect(s.retrieved, `${t.id} ${s.id}`).toBe("2026-11-22");
  });

  it("there are templates for the five vendors", () => {
    expect(new Set(templates.map((t) => t.vendor))).toEqual(new Set(["Salesforce", "Workday", "Microsoft", "ServiceNow", "HubSpot"]));
  });

  it("ids are unique and read family-effectiveFrom, so one date holds one version of a card", () => {
    const ids = templates.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const t of templates) expect(t.id).toBe(`${t.family}-${t.effectiveFrom}`);
  });

  it.each(templates.map((t) => [t.id, t] as const))("%s validates as a rate card version of the model document", (_id, t) => {
    const result = RateCardVersionDoc.safeParse(toRateCardVersionDoc(t));
    if (!result.success) throw new Error(JSON.stringify(result.error.issues, null, 2));
  });

  it("the versions of each family validate together as one rate card", () => {
    for (const family of templateFamilies()) {
      const versions = templates.filter((t) => t.family === family);
      const vendor = versions[0]!.vendor;
      expect(versions.every((v) => v.vendor === vendor && v.currency === versions[0]!.currency)).toBe(true);
      const result = RateCardDoc.safeParse({ id: family, vendor, versions: versions.map(toRateCardVersionDoc) });
      expect(result.success, family).toBe(true);
    }
  });

  it.each(templates.map((t) => [t.id, t] as const))("%s has a valid effective date and, when replaced, an end after it", (_id, t) => {
    expect(IsoDateString.safeParse(t.effectiveFrom).success).toBe(true);
    if (t.effectiveTo !== undefined) {
      expect(IsoDateString.safeParse(t.effectiveTo).success).toBe(true);
      expect(t.effectiveTo > t.effectiveFrom).toBe(true);
    }
    expect(t.currency).toMatch(/^[A-Z]{3}$/);
  });

  it("versions of a family do not overlap: an earlier version ends when (or before) the next begins", () => {
    for (const family of templateFamilies()) {
      const versions = templates.filter((t) => t.family === family);
      for (let i = 1; i < versions.length; i++) {
        const prev = versions[i - 1]!;
        expect(prev.effectiveTo, `${prev.id} needs an effectiveTo`).toBeDefined();
        expect(prev.effectiveTo! <= versions[i]!.effectiveFrom).toBe(true);
      }
    }
  });

  it.each(templates.map((t) => [t.id, t] as const))("%s names its source: URL, title, publisher, retrieval date", (_id, t) => {
    const sources = allSources(t);
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length);
    for (const s of sources) {
      expect(() => new URL(s.url)).not.toThrow();
      expect(s.url).toMatch(/^https:\/\//);
      expect(s.title.trim()).not.toBe("");
      expect(s.publisher.trim()).not.toBe("");
      expect(IsoDateString.safeParse(s.retrieved).success).toBe(true);
      expect(s.retrieved >= t.effectiveFrom || t.effectiveTo !== undefined).toBe(true);
      // a source not read here must say how its figures are known
      if (s.access === "restated") expect(s.note ?? "").not.toBe("");
    }
  });

  it.each(templates.map((t) => [t.id, t] as const))("%s cites a source of its own for every figure", (_id, t) => {
    const ids = new Set(allSources(t).map((s) => s.id));
    for (const [where, cited] of citations(t)) {
      expect(cited.length, `${t.id} ${where} cites nothing`).toBeGreaterThan(0);
      for (const id of cited) expect(ids.has(id), `${t.id} ${where} cites unknown source "${id}"`).toBe(true);
    }
  });

  it.each(templates.map((t) => [t.id, t] as const))("%s writes every number as a decimal string", (_id, t) => {
    for (const [where, value] of decimals(t)) {
      expect(typeof value, `${t.id} ${where}`).toBe("string");
      expect(DecimalValue.safeParse(value).success, `${t.id} ${where}: ${String(value)}`).toBe(true);
    }
  });

  it.each(templates.map((t) => [t.id, t] as const))("%s marks what is unpublished or approximate, and says so", (_id, t) => {
    for (const u of t.units) {
      if (u.unpublished === true) {
        expect(u.creditsPerUnit).toBeUndefined();
        expect(u.note ?? "").not.toBe("");
      }
      if (u.approximate === true) expect(u.note ?? "").toMatch(/approximate/i);
    }
    if (t.creditPrice.kind === "unknown") expect(t.creditPriceNote ?? "").toMatch(/unpublished/i);
    for (const a of t.includedAllotments ?? []) if (a.unpublished === true) expect(a.credits).toBeUndefined();
    expect(t.notes.length).toBeGreaterThan(0);
  });

  it("the list is ordered by family and date, and frozen", () => {
    const order = templates.map((t) => `${t.family} ${t.effectiveFrom}`);
    expect(order).toEqual([...order].sort());
    expect(Object.isFrozen(RATE_CARD_TEMPLATES)).toBe(true);
    expect(Object.isFrozen(templates[0]!.units[0])).toBe(true);
    expect(() => (templates[0]!.units as unknown as unknown[]).push({})).toThrow();
  });
});

describe("Salesforce Agentforce Flex Credits", () => {
  const sf = get("salesforce-agentforce-flex-credits-2025-05-15");

  it("20 credits per action; $500 buys 100,000 credits → $0.005 per credit, $0.10 per action", () => {
    expect(credits(sf, "action")).toBe("20");
    expect(sf.creditPrice).toEqual({ kind: "pack", packPrice: "500", packCredits: "100000" });
    const perCredit = usdPerCredit(sf)!;
    expect(perCredit.toString()).toBe("0.005");
    expect(perCredit.mul(credits(sf, "action")!).toString()).toBe("0.1");
  });

  it("packs of $500, $1,000 and $2,500 at the same $0.005 per credit; voice actions 30 credits ($0.15)", () => {
    expect(sf.packs?.map((p) => p.price)).toEqual(["500", "1000", "2500"]);
    for (const p of sf.packs ?? []) expect(D(p.price).div(p.credits).toString()).toBe("0.005");
    expect(usdPerCredit(sf)!.mul(credits(sf, "voice-action")!).toString()).toBe("0.15");
  });

  it("per-user alternatives: add-on $125, Agentforce 1 Edition $550 a user a month", () => {
    expect(sf.perUserAlternatives?.map((p) => p.pricePerUserPerMonth)).toEqual(["125", "550"]);
    // break-even against $0.10 an action: $125 ÷ $0.10 = 1,250 actions per user per month
    expect(D("125").div(usdPerCredit(sf)!.mul(20)).toString()).toBe("1250");
  });

  it("the domain's run rate: 50 agents × 25 actions × 20 days = 25,000 actions = 500,000 credits = $2,500", () => {
    const creditsPerMonth = D(50).mul(25).mul(20).mul(credits(sf, "action")!);
    expect(creditsPerMonth.toString()).toBe("500000");
    expect(creditsPerMonth.mul(usdPerCredit(sf)!).toString()).toBe("2500");
  });
});

describe("Workday Flex Credits", () => {
  const wd = get("workday-flex-credits-2026-01-01");

  it("retrieval ≈1, guided draft 2, autonomous completion ≈5; the ≈ values are marked approximate", () => {
    expect(credits(wd, "retrieval")).toBe("1");
    expect(credits(wd, "guided-draft")).toBe("2");
    expect(credits(wd, "autonomous-completion")).toBe("5");
    const approx = wd.units.filter((u) => u.approximate === true).map((u) => u.id);
    expect(approx).toEqual(["retrieval", "autonomous-completion"]);
  });

  it("no published price per credit: unknown, so pricePerCredit is null, never 0", () => {
    expect(wd.creditPrice).toEqual({ kind: "unknown" });
    expect(usdPerCredit(wd)).toBeNull();
    expect(toRateCardVersionDoc(wd).creditPrice).toEqual({ kind: "unknown" });
  });

  it("industry skills are unpublished and left out of the model document", () => {
    expect(unpublishedUnits(wd).map((u) => u.id)).toEqual(["industry-skill"]);
    expect(toRateCardVersionDoc(wd).units.map((u) => u.id)).toEqual(["retrieval", "guided-draft", "autonomous-completion"]);
  });

  it("the domain's skill mix: 40,000 × 1 + 6,000 × 2 + 4,000 × 5 = 72,000 credits (blended 1.44)", () => {
    const mix: [string, number][] = [["retrieval", 40_000], ["guided-draft", 6_000], ["autonomous-completion", 4_000]];
    const total = mix.reduce((sum, [unit, n]) => sum.add(D(credits(wd, unit)!).mul(n)), D(0));
    expect(total.toString()).toBe("72000");
    expect(total.div(50_000).toString()).toBe("1.44");
  });
});

describe("Microsoft Copilot Studio", () => {
  const ms = get("microsoft-copilot-studio-credits-2025-09-01");

  it("billing rates per feature, with per-100 and per-10 rates as exact per-unit decimals", () => {
    expect(Object.fromEntries(ms.units.map((u) => [u.id, u.creditsPerUnit]))).toEqual({
      "classic-answer": "1",
      "generative-answer": "2",
      "agent-action": "5",
      "tenant-graph-grounding": "10",
      "agent-flow-action": "0.13",
      "ai-tools-basic": "0.1",
      "ai-tools-standard": "1.5",
      "ai-tools-premium": "10",
      "content-processing-page": "8",
    });
    // 13 per 100 flow actions, kept exact
    expect(D(credits(ms, "agent-flow-action")!).mul(100).toString()).toBe("13");
  });

  it("$200 buys 25,000 credits ($0.008 each); pay-as-you-go is $0.01", () => {
    expect(usdPerCredit(ms)!.toString()).toBe("0.008");
    const payg = ms.otherCreditPrices?.[0];
    expect(payg?.creditPrice).toEqual({ kind: "direct", pricePerCredit: "0.01" });
    // a generative answer: 2 credits = $0.016 from a pack, $0.02 pay-as-you-go
    expect(usdPerCredit(ms)!.mul(credits(ms, "generative-answer")!).toString()).toBe("0.016");
  });
});

describe("ServiceNow Now Assist", () => {
  const sn = get("servicenow-now-assist-assists-2025-09-10");

  it("assists per skill action, no published price per assist", () => {
    expect(credits(sn, "skill-action")).toBe("1");
    expect(credits(sn, "agentic-workflow-simple")).toBe("25");
    expect(credits(sn, "agentic-workflow-complex")).toBe("150");
    expect(sn.creditPrice.kind).toBe("unknown");
    expect(unpublishedUnits(sn).map((u) => u.id)).toEqual(["app-generation"]);
  });

  it("its source is the vendor's schedule, dated, and its values are flagged as restated", () => {
    expect(sn.source.kind).toBe("vendor");
    expect(sn.source.version).toMatch(/September 10, 2025/);
    for (const u of sn.units) if (u.unpublished !== true) expect(u.note).toMatch(/restated/i);
  });
});

describe("HubSpot credits: two dated versions of one card", () => {
  const v2025 = get("hubspot-credits-2025-06-02");
  const v2026 = get("hubspot-credits-2026-04-14");

  it("a Customer Agent conversation cost 100 credits ($1.00); from 14 April 2026 a resolution costs 50 ($0.50)", () => {
    expect(usdPerCredit(v2025)!.mul(credits(v2025, "customer-agent-conversation")!).toFixed(2)).toBe("1.00");
    expect(usdPerCredit(v2026)!.mul(credits(v2026, "customer-agent-resolution")!).toFixed(2)).toBe("0.50");
  });

  it("latestTemplate picks the newest version, or the one in effect on a date", () => {
    expect(latestTemplate("hubspot-credits")?.id).toBe(v2026.id);
    expect(latestTemplate("hubspot-credits", "2026-04-13")?.id).toBe(v2025.id);
    expect(latestTemplate("hubspot-credits", "2026-04-14")?.id).toBe(v2026.id);
    expect(latestTemplate("hubspot-credits", "2025-06-01")).toBeUndefined();
    expect(latestTemplate("no-such-card")).toBeUndefined();
  });

  it("volume pack prices, on which sources disagree, are not carried", () => {
    expect(v2026.packs).toBeUndefined();
    expect(v2026.creditPriceNote).toMatch(/disagree/);
  });
});

describe("helpers", () => {
  it("latestTemplate honours an end date: a replaced version is not in effect after it", () => {
    const sf = latestTemplate("salesforce-agentforce-flex-credits", "2026-11-22");
    expect(sf?.id).toBe("salesforce-agentforce-flex-credits-2025-05-15");
    expect(latestTemplate("salesforce-agentforce-flex-credits", "2025-05-14")).toBeUndefined();
  });

  it("toRateCardVersionDoc carries the source URL and the version's dates", () => {
    const doc = toRateCardVersionDoc(get("hubspot-credits-2025-06-02"));
    expect(doc.effectiveFrom).toBe("2025-06-02");
    expect(doc.effectiveTo).toBe("2026-04-14");
    expect(doc.source).toContain("https://legal.hubspot.com/hubspot-product-and-services-catalog");
    expect("effectiveTo" in toRateCardVersionDoc(get("hubspot-credits-2026-04-14"))).toBe(false);
  });
});
