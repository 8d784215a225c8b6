import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { ClausesJson } from "@/lib/db/schema/json";
import { demoEstates } from "@/lib/db/demo-estates";
import { detectFocusDataset } from "@/lib/import/focus";
import { COMMITMENT_CSV_COLUMNS, commitmentRows, type CommitmentRow } from "@/lib/services/focus/commitments";
import { commitmentCsv } from "@/lib/services/focus/export";

const [salesforce, workday] = demoEstates() as [ReturnType<typeof demoEstates>[number], ReturnType<typeof demoEstates>[number]];

/** The rows of an estate: its current terms, then each scenario that changes them (merged as the engine merges). */
function rowsOf(e: typeof salesforce, today = "2026-11-22"): CommitmentRow[] {
  const clauses = e.clauses as ClausesJson;
  const sets = [
    { key: "current", name: "Current contract", proposed: false, clauses },
    ...e.scenarios.filter((s) => s.clauses).map((s, i) => ({ key: `scenario:s${i}`, name: s.name, proposed: true, clauses: { ...clauses, ...(s.clauses as ClausesJson) } })),
  ];
  return commitmentRows({ contractId: "C1", currency: "USD", termStart: e.contract.termStart, termEnd: e.contract.termEnd, fixedLines: e.contract.fixedLines, sets, today });
}

const pick = (r: CommitmentRow) => [
  r.ContractCommitmentId,
  r.ContractCommitmentCategory,
  r.ContractCommitmentType,
  r.ContractCommitmentCost,
  r.ContractCommitmentQuantity,
  r.ContractCommitmentUnit,
  r.ContractCommitmentPeriodStart,
  r.ContractCommitmentPeriodEnd,
  r.x_ContractCommitmentLifecycleStatus,
  r.x_TermsName,
];

describe("FOCUS Contract Commitment rows of the demo Salesforce contract", () => {
  const rows = rowsOf(salesforce);

  it("has a row per month of each allocation and one per fixed line, per set of terms", () => {
    // 3 sets (current, Our asks, Walk-away; the two vendor-proposal scenarios only change demand)
    // × (12 monthly allocations April 2026–March 2027 + 1 seat line) = 39.
    expect(rows).toHaveLength(39);
    expect(rows.every((r) => r.ContractId === "C1" && r.BillingCurrency === "USD" && r.ContractPeriodStart === "2026-04-01T00:00:00Z" && r.ContractPeriodEnd === "2027-04-01T00:00:00Z")).toBe(true);
    expect(new Set(rows.map((r) => r.ContractCommitmentId)).size).toBe(39);
  });

  it("states the current allocation as $5,000 of spend a month, its status by the day of the export", () => {
    const current = rows.filter((r) => r.x_TermsName === "Current contract");
    expect(current.slice(6, 9).map(pick)).toEqual([
      // 22 November 2026: October has ended, November runs, December is ahead.
      ["C1/current/allotment:monthly-allocation/2026-10-01", "Spend", "Credit allocation", "5000.00", "", "", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", "Expired", "Current contract"],
      ["C1/current/allotment:monthly-allocation/2026-11-01", "Spend", "Credit allocation", "5000.00", "", "", "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z", "Active", "Current contract"],
      ["C1/current/allotment:monthly-allocation/2026-12-01", "Spend", "Credit allocation", "5000.00", "", "", "2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z", "Pending", "Current contract"],
    ]);
    expect(current[0]!.ContractCommitmentDescription).toBe(
      "monthly-allocation: credits bought with 5000.00 USD a month at the contract's credit price; 100% of unused credits roll over",
    );
    // 100 seats × $165 a month × 12 months = $198,000.00
    expect(pick(current[12]!)).toEqual(["C1/current/fixed:1/2026-04-01", "Spend", "Subscription", "198000.00", "", "", "2026-04-01T00:00:00Z", "2027-04-01T00:00:00Z", "Active", "Current contract"]);
    expect(current[12]!.ContractCommitmentDescription).toBe("Service Cloud Enterprise seats: 100 × 165 USD a month");
  });

  it("states the asks as Proposed: 750,000 credits for $3,187.50 a month; the walk-away 1,000,000 for $4,650", () => {
    const asks = rows.filter((r) => r.x_TermsName === "Our asks");
    expect(pick(asks[0]!)).toEqual(["C1/scenario:s0/allotment:monthly-allocation/2026-04-01", "Spend", "Credit allocation", "3187.50", "750000", "Credits", "2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z", "Proposed", "Our asks"]);
    expect(asks[0]!.ContractCommitmentDescription).toBe("monthly-allocation: 750000 credits a month for 3187.50 USD; 100% of unused credits roll over");
    const walk = rows.filter((r) => r.x_TermsName === "Walk-away");
    expect(pick(walk[11]!)).toEqual(["C1/scenario:s1/allotment:monthly-allocation/2027-03-01", "Spend", "Credit allocation", "4650.00", "1000000", "Credits", "2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z", "Proposed", "Walk-away"]);
    expect(walk[0]!.ContractCommitmentDescription).toBe("monthly-allocation: 1000000 credits a month for 4650.00 USD; 50% of unused credits roll over, expiring after 1 period");
    expect(rows.filter((r) => r.x_ContractCommitmentLifecycleStatus === "Proposed")).toHaveLength(26);
  });
});

describe("FOCUS Contract Commitment rows of the demo Workday contract", () => {
  it("states the complimentary allotment as usage, the paid tier asked for as a pack at the pinned price", () => {
    const rows = rowsOf(workday);
    // current 2 + Our asks 3 + Walk-away 2 + Heavy case 3 + Vendor quoted 2 = 12
    expect(rows.map((r) => [r.x_TermsName, r.ContractCommitmentType, r.ContractCommitmentCategory, r.ContractCommitmentCost, r.ContractCommitmentQuantity, r.x_ContractCommitmentLifecycleStatus])).toEqual([
      ["Current contract", "Complimentary credit allotment", "Usage", "", "432000", "Active"],
      ["Current contract", "Subscription", "Spend", "480000.00", "", "Active"],
      ["Our asks", "Complimentary credit allotment", "Usage", "", "432000", "Proposed"],
      ["Our asks", "Credit pack purchase", "Usage", "", "432000", "Proposed"],
      ["Our asks", "Subscription", "Spend", "480000.00", "", "Proposed"],
      ["Walk-away", "Complimentary credit allotment", "Usage", "", "432000", "Proposed"],
      ["Walk-away", "Subscription", "Spend", "480000.00", "", "Proposed"],
      ["Heavy case on our asks", "Complimentary credit allotment", "Usage", "", "432000", "Proposed"],
      ["Heavy case on our asks", "Credit pack purchase", "Usage", "", "432000", "Proposed"],
      ["Heavy case on our asks", "Subscription", "Spend", "480000.00", "", "Proposed"],
      ["Vendor proposal at the quoted price", "Complimentary credit allotment", "Usage", "", "432000", "Proposed"],
      ["Vendor proposal at the quoted price", "Subscription", "Spend", "480000.00", "", "Proposed"],
    ]);
    expect(rows[0]!.ContractCommitmentPeriodStart).toBe("2026-02-01T00:00:00Z");
    expect(rows[0]!.ContractCommitmentPeriodEnd).toBe("2027-02-01T00:00:00Z");
    expect(rows[0]!.ContractCommitmentUnit).toBe("Credits");
    expect(rows[3]!.ContractCommitmentDescription).toBe("paid-tier: 432000 credits bought 2026-02-01 at the pinned 0.08 USD a credit");
  });

  it("marks the current terms Expired after the term and Pending before it", () => {
    expect(new Set(rowsOf(workday, "2027-02-01").filter((r) => r.x_TermsName === "Current contract").map((r) => r.x_ContractCommitmentLifecycleStatus))).toEqual(new Set(["Expired"]));
    expect(new Set(rowsOf(workday, "2026-01-31").filter((r) => r.x_TermsName === "Current contract").map((r) => r.x_ContractCommitmentLifecycleStatus))).toEqual(new Set(["Pending"]));
  });
});

describe("allotment periods", () => {
  it("clips calendar-anchored quarters to the term and to the allotment's own dates", () => {
    const rows = commitmentRows({
      contractId: "C2",
      currency: "EUR",
      termStart: "2026-02-15",
      termEnd: "2026-12-01",
      fixedLines: [],
      today: "2026-06-01",
      sets: [{ key: "current", name: "Current contract", proposed: false, clauses: { allotments: [{ id: "q", kind: "allocation", cadence: "quarter", anchor: "calendar", size: { kind: "fixed", credits: "1000" }, until: "2026-10-15" }] } }],
    });
    expect(rows.map((r) => [r.ContractCommitmentPeriodStart.slice(0, 10), r.ContractCommitmentPeriodEnd.slice(0, 10), r.ContractCommitmentCategory])).toEqual([
      ["2026-02-15", "2026-04-01", "Usage"],
      ["2026-04-01", "2026-07-01", "Usage"],
      ["2026-07-01", "2026-10-01", "Usage"],
      ["2026-10-01", "2026-10-15", "Usage"],
    ]);
  });
});

describe("the CSV", () => {
  it("has the FOCUS column names, parses back to the same rows, and is recognised as a Contract Commitment dataset", () => {
    const rows = rowsOf(salesforce);
    const csv = commitmentCsv(rows);
    const parsed = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields).toEqual([...COMMITMENT_CSV_COLUMNS]);
    expect(parsed.data).toEqual(rows);
    expect(detectFocusDataset(parsed.meta.fields!)).toBe("ContractCommitment");
  });

  it("neutralises a formula typed into a name", () => {
    const csv = commitmentCsv(commitmentRows({ contractId: "C3", currency: "USD", termStart: "2026-01-01", termEnd: "2027-01-01", fixedLines: [], today: "2026-06-01", sets: [{ key: "s", name: "=HYPERLINK(\"x\")", proposed: true, clauses: { packs: [{ id: "p", credits: "10", price: "5", purchaseDate: "2026-01-01" }] } }] }));
    expect(csv.split("\r\n")[1]!.endsWith(`Proposed,"'=HYPERLINK(""x"")"`)).toBe(true);
  });
});
