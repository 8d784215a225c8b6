// The demo estates (lib/db/demo-estates.ts) as in-memory contract bundles and brief content,
// without a database: for unit tests of the brief, its exports, the fixture script and the bench.
import Decimal from "decimal.js";
import { demoEstates } from "@/lib/db/demo-estates";
import { templateById, toRateCardVersionDoc } from "@/lib/ratecards/templates";
import type { ContractBundle, BurnPoint } from "@/lib/workbench/model";
import { evaluateBriefDocument, type BriefOptions, type BriefRoles, type UsageRowInput } from "@/lib/brief/document";
import { composeBrief, type BriefMeta } from "@/lib/brief/compose";
import type { BriefContent } from "@/lib/brief/types";
import type { ScenarioJson } from "@/lib/db/schema/json";

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

export function demoBundle(index: 0 | 1): { bundle: ContractBundle; usage: UsageRowInput[]; meta: Omit<BriefMeta, "version" | "preparedOn" | "preparedBy" | "title"> } {
  const e = demoEstates()[index]!;
  const template = templateById(e.templateId)!;
  const version = toRateCardVersionDoc(template);
  const byMonth = new Map<string, { credits: Decimal; cost: Decimal | null }>();
  for (const r of e.burn) {
    const m = byMonth.get(r.periodStart) ?? { credits: new Decimal(0), cost: r.cost === null ? null : new Decimal(0) };
    m.credits = m.credits.plus(r.credits);
    m.cost = m.cost === null || r.cost === null ? null : m.cost.plus(r.cost);
    byMonth.set(r.periodStart, m);
  }
  const burn: BurnPoint[] = [...byMonth.entries()].map(([periodStart, v]) => ({ periodStart, credits: v.credits.toFixed(), cost: v.cost?.toFixed() ?? null }));
  const bundle: ContractBundle = {
    contract: {
      id: "demo-contract",
      name: e.contract.name,
      product: e.contract.product,
      currency: e.contract.currency,
      termStart: e.contract.termStart,
      termEnd: e.contract.termEnd,
      granularity: "month",
      clauses: e.clauses as ContractBundle["contract"]["clauses"],
      drivers: e.drivers as ContractBundle["contract"]["drivers"],
      perUser: e.perUser as ContractBundle["contract"]["perUser"],
      assumptions: null,
    },
    vendorName: e.vendor.name,
    rateCard: {
      id: "rc",
      versions: [{ id: version.id, effectiveFrom: version.effectiveFrom, effectiveTo: version.effectiveTo ?? null, source: version.source ?? "", units: version.units as never, creditPrice: version.creditPrice as never }],
    },
    scenarios: e.scenarios.map((s) => ({ id: slug(s.name), name: s.name, doc: { id: slug(s.name), name: s.name, ...(s.description ? { description: s.description } : {}), ...(s.demand ? { demand: s.demand } : {}), ...(s.clauses ? { clauses: s.clauses } : {}) } as ScenarioJson })),
    burn,
  };
  const usage: UsageRowInput[] = e.burn.map((r) => ({ period: r.periodStart, agent: r.agent, unit: r.unit, environment: r.environment, actions: r.actions, credits: r.credits }));
  return {
    bundle,
    usage,
    meta: {
      vendor: e.vendor.name,
      contractName: e.contract.name,
      currency: e.contract.currency,
      renewalDate: e.contract.renewalDate,
      noticeDays: e.contract.noticeDays,
      rateCardVersion: { id: version.id, label: `${template.vendor} ${template.product}`, effectiveFrom: version.effectiveFrom },
    },
  };
}

export const DEMO_ROLES: Record<0 | 1, BriefRoles> = {
  0: { vendor: "vendor-proposal", asks: "our-asks", walkAway: "walk-away" },
  // Workday publishes no price per credit: the vendor's position is its quoted $0.10.
  1: { vendor: "vendor-proposal-at-the-quoted-price", asks: "our-asks", walkAway: "walk-away" },
};

export function demoBrief(index: 0 | 1 = 0, options: BriefOptions = { horizonPeriods: 12, seed: 20261122, paths: 2000 }) {
  const { bundle, usage, meta } = demoBundle(index);
  const roles = DEMO_ROLES[index];
  const { doc, result } = evaluateBriefDocument(bundle, roles, options, usage);
  const content: BriefContent = composeBrief(doc, result, roles, options, {
    ...meta,
    title: `${meta.vendor} renewal: ${meta.contractName}`,
    version: 1,
    preparedOn: "2026-11-22",
    preparedBy: "Dana Demo",
  });
  return { doc, result, content, roles, options };
}
