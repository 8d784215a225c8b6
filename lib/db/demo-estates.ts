// The two source estates of the domain notes (Salesforce Agentforce and Workday Flex Credits) as
// demo contracts, with several months of synthetic but realistic observed burn: a ramp after
// go-live, a sandbox agent billed like production, and one runaway agent in the last month, so
// every page of the workbench has something real to show. Deterministic: no randomness.
import Decimal from "decimal.js";
import salesforce from "@/examples/salesforce-agentforce.json";
import workday from "@/examples/workday-estate.json";

export interface DemoBurnRow {
  periodStart: string;
  periodEnd: string;
  agent: string;
  unit: string;
  environment: "production" | "nonProduction";
  actions: string;
  credits: string;
  cost: string | null;
}

export interface DemoEstate {
  vendor: { name: string; product: string; notes: string };
  templateId: string;
  contract: {
    name: string;
    product: string;
    currency: string;
    termStart: string;
    termEnd: string;
    renewalDate: string;
    noticeDays: number;
    fixedLines: { description: string; quantity: string; unitPrice: string; per: "month" | "year" | "term" }[];
  };
  clauses: unknown;
  drivers: unknown;
  perUser: unknown;
  scenarios: { name: string; description?: string; demand?: unknown; clauses?: unknown }[];
  burn: DemoBurnRow[];
}

function month(i: number, start: string): { start: string; end: string } {
  const [y, m] = start.split("-").map(Number) as [number, number];
  const a = new Date(Date.UTC(y, m - 1 + i, 1));
  const b = new Date(Date.UTC(y, m + i, 1));
  return { start: a.toISOString().slice(0, 10), end: b.toISOString().slice(0, 10) };
}

const savedScenarios = (doc: { scenarios: { id: string; name: string; description?: string; demand?: unknown; clauses?: unknown }[] }) =>
  doc.scenarios.map(({ name, description, demand, clauses }) => ({ name, description, demand, clauses }));

/** Salesforce: actions per agent per month; 20 credits an action at $0.005 a credit ($500 per 100,000). */
function salesforceBurn(): DemoBurnRow[] {
  // Production actions of the estate per month, April–October 2026: the 50/60/75% activation ramp,
  // then steady growth after go-live.
  const totals = [25_000, 30_000, 37_500, 39_000, 41_000, 43_500, 47_000];
  const agents: [string, number][] = [
    ["Service Agent: case triage", 0.4],
    ["Order Status Agent", 0.25],
    ["Knowledge Answers Agent", 0.15],
    ["Case Summary Agent", 0.12],
    ["Lead Qualification Agent", 0.08],
  ];
  const rows: DemoBurnRow[] = [];
  const row = (p: { start: string; end: string }, agent: string, environment: DemoBurnRow["environment"], actions: Decimal) => {
    const credits = actions.times(20);
    rows.push({ periodStart: p.start, periodEnd: p.end, agent, unit: "action", environment, actions: actions.toFixed(0), credits: credits.toFixed(0), cost: credits.times("0.005").toFixed(2) });
  };
  totals.forEach((total, i) => {
    const p = month(i, "2026-04-01");
    for (const [agent, share] of agents) {
      // The order-status agent loops on its own tool calls in the last month: four times its usual volume.
      const loop = agent === "Order Status Agent" && i === totals.length - 1 ? 4 : 1;
      row(p, agent, "production", new Decimal(total).times(share).times(loop).toDecimalPlaces(0));
    }
    // A test agent in the full-copy sandbox, billed at the production rate: about 12% on top.
    row(p, "QA regression agent (sandbox)", "nonProduction", new Decimal(total).times("0.12").toDecimalPlaces(0));
  });
  return rows;
}

/** Workday: retrieval 1, guided draft 2, autonomous completion 5 credits; no published price, so no cost. */
function workdayBurn(): DemoBurnRow[] {
  const rows: DemoBurnRow[] = [];
  const perUnit: [string, string, number, number, number][] = [
    // agent, unit, credits per action, actions in month 1, monthly growth %
    ["Self Service Agent", "retrieval", 1, 40_000, 3],
    ["Recruiting Agent", "guided-draft", 2, 6_000, 2],
    ["Expense Agent", "autonomous-completion", 5, 4_000, 8],
  ];
  for (let i = 0; i < 9; i++) {
    const p = month(i, "2026-02-01");
    for (const [agent, unit, creditsPer, base, growthPct] of perUnit) {
      const actions = new Decimal(base).times(new Decimal(1).plus(new Decimal(growthPct).div(100)).pow(i)).toDecimalPlaces(0);
      rows.push({ periodStart: p.start, periodEnd: p.end, agent, unit, environment: "production", actions: actions.toFixed(0), credits: actions.times(creditsPer).toFixed(0), cost: null });
    }
    // Testing in the sandbox tenant: 5% of retrievals.
    const sandbox = new Decimal(2_000).times(new Decimal("1.03").pow(i)).toDecimalPlaces(0);
    rows.push({ periodStart: p.start, periodEnd: p.end, agent: "Self Service Agent (sandbox)", unit: "retrieval", environment: "nonProduction", actions: sandbox.toFixed(0), credits: sandbox.toFixed(0), cost: null });
  }
  return rows;
}

export function demoEstates(): DemoEstate[] {
  return [
    {
      vendor: { name: "Salesforce", product: "Agentforce Flex Credits", notes: "Service estate: 100 licensed agents. Renewal under review." },
      templateId: "salesforce-agentforce-flex-credits-2025-05-15",
      contract: {
        name: "Agentforce service estate",
        product: "Agentforce Flex Credits",
        currency: "USD",
        termStart: "2026-04-01",
        termEnd: "2027-04-01",
        renewalDate: "2027-04-01",
        noticeDays: 90,
        fixedLines: [{ description: "Service Cloud Enterprise seats", quantity: "100", unitPrice: "165", per: "month" }],
      },
      clauses: salesforce.contract,
      drivers: salesforce.drivers,
      perUser: salesforce.perUser,
      scenarios: savedScenarios(salesforce),
      burn: salesforceBurn(),
    },
    {
      vendor: { name: "Workday", product: "Workday Flex Credits", notes: "HR and finance agents. No published price per credit: set in the contract." },
      templateId: "workday-flex-credits-2026-01-01",
      contract: {
        name: "HR and finance agents",
        product: "Workday Flex Credits",
        currency: "USD",
        termStart: "2026-02-01",
        termEnd: "2027-02-01",
        renewalDate: "2027-02-01",
        noticeDays: 60,
        fixedLines: [{ description: "Workday HCM subscription", quantity: "1", unitPrice: "480000", per: "year" }],
      },
      clauses: workday.contract,
      drivers: workday.drivers,
      perUser: workday.perUser,
      scenarios: savedScenarios(workday),
      burn: workdayBurn(),
    },
  ];
}
