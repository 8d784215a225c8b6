import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { ClausesJson } from "@/lib/db/schema/json";
import { demoEstates } from "@/lib/db/demo-estates";
import { detectFocusDataset } from "@/lib/import/focus";
import { COMMITMENT_CSV_COLUMNS, commitmentRows, type CommitmentRow } from "@/lib/services/focus/commitments";
import { commitmentCsv } from "@/lib/services/focus/export";
import { CommitmentFileError, termsFromCommitmentCsv } from "@/lib/import/commitment-terms";
import { readFileSync } from "node:fs";
import path from "node:path";

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
    expect(csv.split("\r\n")[1]!).toContain(`,Proposed,"'=HYPERLINK(""x"")",`);
  });
});

describe("the CSV read back as terms", () => {
  // The terms as stored hold decimals as strings or numbers; compare them as JSON values.
  const plainJson = (v: unknown) => JSON.parse(JSON.stringify(v ?? []));

  for (const estate of [salesforce, workday]) {
    it(`gives the ${estate.contract.name} contract's allotments, packs and fixed lines, and each proposed set's, exactly`, () => {
      const sets = termsFromCommitmentCsv(commitmentCsv(rowsOf(estate)));
      const clauses = estate.clauses as ClausesJson;
      const expected = [
        { name: "Current contract", clauses },
        ...estate.scenarios.filter((s) => s.clauses).map((s) => ({ name: s.name, clauses: { ...clauses, ...(s.clauses as ClausesJson) } })),
      ];
      expect(sets.map((s) => s.name)).toEqual(expected.map((e) => e.name));
      sets.forEach((set, i) => {
        expect(set.exact).toBe(true);
        expect(set.currency).toBe("USD");
        expect(set.allotments).toEqual(plainJson(expected[i]!.clauses.allotments));
        expect(set.packs).toEqual(plainJson(expected[i]!.clauses.packs));
        expect(set.fixedLines).toEqual(plainJson(estate.contract.fixedLines));
        expect(set.notes).toEqual([]);
      });
      // on 22 Nov 2026 both terms are running (the Salesforce file's first row, April's allocation, is Expired)
      expect(sets[0]!.status).toBe("Active");
      expect(sets.slice(1).every((s) => s.status === "Proposed")).toBe(true);
    });
  }

  it("reads another tool's file from the FOCUS columns: credits as allotments and packs, a subscription as a fixed line, the rest left out", () => {
    const csv = [
      "ContractId,ContractCommitmentId,ContractCommitmentCategory,ContractCommitmentType,ContractCommitmentDescription,ContractCommitmentCost,ContractCommitmentQuantity,ContractCommitmentUnit,BillingCurrency,ContractCommitmentPeriodStart,ContractCommitmentPeriodEnd,ContractPeriodStart,ContractPeriodEnd",
      // three back-to-back calendar quarters of one paid allocation → one quarterly allotment
      "K1,Q1,Spend,Credit allocation,Flex credits,1500.00,100000,Credits,usd,2026-01-01T00:00:00Z,2026-04-01T00:00:00Z,2026-01-01T00:00:00Z,2027-01-01T00:00:00Z",
      "K1,Q2,Spend,Credit allocation,Flex credits,1500.00,100000,Credits,USD,2026-04-01T00:00:00Z,2026-07-01T00:00:00Z,2026-01-01T00:00:00Z,2027-01-01T00:00:00Z",
      "K1,Q3,Spend,Credit allocation,Flex credits,1500.00,100000,Credits,USD,2026-07-01T00:00:00Z,2026-10-01T00:00:00Z,2026-01-01T00:00:00Z,2027-01-01T00:00:00Z",
      // a free grant for the whole term → complimentary, cadence term
      "K1,G1,Usage,Sign-up grant,Welcome credits,NULL,5000,Credits,USD,2026-01-01,2027-01-01,2026-01-01,2027-01-01",
      // a pack bought in May, expiring before the contract ends
      "K1,P1,Spend,Credit pack purchase,Top-up,400.00,20000,Credits,USD,2026-05-15,2026-11-15,2026-01-01,2027-01-01",
      // seats for the term
      "K1,S1,Spend,SaaS Subscription,Seats,36000.00,,,USD,2026-01-01,2027-01-01,2026-01-01,2027-01-01",
      // instance-hours: not a credit term
      "K1,R1,Usage,Reserved Instance,Reserved instances,,10,Instance-Hours,USD,2026-01-01,2027-01-01,2026-01-01,2027-01-01",
    ].join("\n");
    const [set] = termsFromCommitmentCsv(csv);
    expect(set!.name).toBe("Contract K1");
    expect(set!.exact).toBe(false);
    expect(set!.currency).toBe("USD");
    expect(set!.contractPeriod).toEqual({ start: "2026-01-01", end: "2027-01-01" });
    expect(set!.allotments).toEqual([
      { id: "flex-credits", kind: "allocation", cadence: "quarter", anchor: "calendar", size: { kind: "fixed", credits: "100000" }, feePerCycle: "1500.00", until: "2026-10-01" },
      { id: "welcome-credits", kind: "complimentary", cadence: "term", size: { kind: "fixed", credits: "5000" } },
    ]);
    expect(set!.packs).toEqual([{ id: "top-up", credits: "20000", price: "400.00", purchaseDate: "2026-05-15", expiresOn: "2026-11-15" }]);
    expect(set!.fixedLines).toEqual([{ description: "Seats", quantity: "1", unitPrice: "36000.00", per: "term" }]);
    expect(set!.notes).toEqual([
      "Not credit terms, left out: R1 (10 Instance-Hours).",
      "FOCUS has no column for rollover, priorities or draw order: the allotments read from this file have none.",
    ]);
  });

  it("reads the FOCUS 1.3 specification's example: one EUR contract, its credit subscription an allocation, dollars and instance-hours left out", () => {
    const csv = readFileSync(path.join(__dirname, "../../fixtures/import/focus-1.3-contract-commitments.csv"), "utf8");
    const [set, ...rest] = termsFromCommitmentCsv(csv);
    expect(rest).toEqual([]);
    expect([set!.name, set!.currency]).toEqual(["Contract AGR-1", "EUR"]);
    expect(set!.allotments).toEqual([
      { id: "agent-platform-via-marketplace", kind: "allocation", cadence: "term", size: { kind: "fixed", credits: "120000.00" }, feePerCycle: "111000.00", from: "2026-01-15", until: "2027-01-15" },
    ]);
    expect(set!.packs).toEqual([]);
    expect(set!.notes[0]).toBe("Not credit terms, left out: CMT-SPEND-1 (1000000.00 USD); CMT-RI-2 (10.00 Instance-Hours).");
  });

  it("refuses a file that is not a commitment dataset, or a bad line, naming it", () => {
    const bad = (csv: string) => {
      try {
        termsFromCommitmentCsv(csv);
      } catch (e) {
        expect(e).toBeInstanceOf(CommitmentFileError);
        return (e as Error).message;
      }
      throw new Error("not refused");
    };
    expect(bad("BillingPeriodStart,BilledCost\n2026-01-01,5")).toBe("This is not a FOCUS Contract Commitment dataset: it has no ContractCommitmentId, ContractCommitmentPeriodStart, ContractCommitmentPeriodEnd column.");
    const head = "ContractCommitmentId,ContractCommitmentPeriodStart,ContractCommitmentPeriodEnd,ContractCommitmentQuantity,ContractCommitmentUnit,BillingCurrency";
    expect(bad(`${head}\nA,2026-02-30,2026-03-01,5,Credits,USD`)).toBe("Line 2 (A): ContractCommitmentPeriodStart and ContractCommitmentPeriodEnd must be dates, e.g. 2026-01-01T00:00:00Z.");
    expect(bad(`${head}\nA,2026-01-01,2026-02-01,-5,Credits,USD`)).toBe('Line 2 (A): ContractCommitmentQuantity "-5" is not a number of 0 or more.');
    expect(bad(`${head}\nA,2026-01-01,2026-02-01,5,Credits,USD\nB,2026-01-01,2026-02-01,5,Credits,EUR`)).toBe('"Commitments" mixes billing currencies (USD, EUR); one set of terms has one currency.');
    expect(bad(`${head},x_Clause\nA,2026-01-01,2026-02-01,5,Credits,USD,{nope`)).toBe("Line 2 (A): x_Clause is not JSON.");
    expect(bad(head)).toBe("The file has a header but no commitments.");
  });
});
