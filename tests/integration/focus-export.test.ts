import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@/lib/db/schema/auth";
import { workspaces } from "@/lib/db/schema/workspaces";
import { DEMO_LOGIN, DEMO_WORKSPACE, seedDemo } from "@/lib/db/seed";
import { resolveWorkspace, type WorkspaceCtx } from "@/lib/services/context";
import { listContracts } from "@/lib/services/contracts/list";
import { exportContractCommitments } from "@/lib/services/focus/export";
import { exportContractUsage } from "@/lib/services/focus/usage-export";
import { importBurnFile } from "@/lib/services/burn/import-file";
import { burnTotals } from "@/lib/services/burn/totals";
import { checkUsageBytes } from "@/lib/import/check";
import { Readable } from "node:stream";
import { listScenarios } from "@/lib/services/scenarios/list";
import { getContractOrThrow } from "@/lib/services/contracts/get";
import { applyCommitmentTerms, previewCommitmentTerms } from "@/lib/services/focus/import-terms";
import { listAudit } from "@/lib/services/audit/list";
import { describeAudit } from "@/components/audit/describe";
import { readFileSync } from "node:fs";
import path from "node:path";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeUser, makeWorkspace } from "./factories";

let t: TestDb;
let demo: WorkspaceCtx;
let viewer: WorkspaceCtx;
let sf: string;
let wd: string;

beforeAll(async () => {
  t = await freshDb();
  await seedDemo(t.db);
  const [user] = await t.db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.email, DEMO_LOGIN.email));
  const [ws] = await t.db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.name, DEMO_WORKSPACE));
  demo = await resolveWorkspace({ db: t.db, actor: user! }, ws!.id);
  viewer = await addMember(t.db, demo.workspace.id, "viewer");
  const contracts = await listContracts(demo);
  sf = contracts.find((c) => c.name === "Agentforce service estate")!.id;
  wd = contracts.find((c) => c.name === "HR and finance agents")!.id;
});
afterAll(() => t.close());

const parse = (csv: string) => Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;

describe("FOCUS Contract Commitment download", () => {
  it("gives a viewer the Salesforce contract's terms and its asks, with exact values", async () => {
    const { filename, csv } = await exportContractCommitments(viewer, sf, { today: "2026-11-22" });
    expect(filename).toBe("salesforce-agentforce-service-estate-focus-contract-commitments.csv");
    const rows = parse(csv);
    const scenarios = await listScenarios(demo, sf);
    const asks = scenarios.find((s) => s.name === "Our asks")!.id;
    expect(rows).toHaveLength(39);
    expect(rows[0]).toEqual({
      ContractId: sf,
      ContractCommitmentId: `${sf}/current/allotment:monthly-allocation/2026-04-01`,
      ContractCommitmentCategory: "Spend",
      ContractCommitmentType: "Credit allocation",
      ContractCommitmentDescription: "monthly-allocation: credits bought with 5000.00 USD a month at the contract's credit price; 100% of unused credits roll over",
      ContractCommitmentCost: "5000.00",
      ContractCommitmentQuantity: "",
      ContractCommitmentUnit: "",
      BillingCurrency: "USD",
      ContractCommitmentPeriodStart: "2026-04-01T00:00:00Z",
      ContractCommitmentPeriodEnd: "2026-05-01T00:00:00Z",
      ContractPeriodStart: "2026-04-01T00:00:00Z",
      ContractPeriodEnd: "2027-04-01T00:00:00Z",
      x_ContractCommitmentLifecycleStatus: "Expired",
      x_TermsName: "Current contract",
      x_Clause: JSON.stringify({ allotment: (await getContractOrThrow(demo, sf)).clauses.allotments![0] }),
    });
    const ask = rows.find((r) => r.ContractCommitmentId === `${sf}/scenario:${asks}/allotment:monthly-allocation/2026-04-01`)!;
    expect([ask.ContractCommitmentCategory, ask.ContractCommitmentCost, ask.ContractCommitmentQuantity, ask.ContractCommitmentUnit, ask.x_ContractCommitmentLifecycleStatus]).toEqual(["Spend", "3187.50", "750000", "Credits", "Proposed"]);
    // The exported sets: the contract and the two scenarios that change its terms (not the two that only change demand).
    expect([...new Set(rows.map((r) => r.x_TermsName))]).toEqual(["Current contract", "Our asks", "Walk-away"]);
    // 12 allocations × $5,000 = $60,000 committed under the current terms, plus $198,000 of seats.
    const current = rows.filter((r) => r.x_TermsName === "Current contract");
    expect(current.reduce((s, r) => s + Number(r.ContractCommitmentCost), 0)).toBe(258_000);
  });

  it("gives the Workday contract's complimentary allotment and the paid tier asked for", async () => {
    const rows = parse((await exportContractCommitments(viewer, wd, { today: "2026-11-22" })).csv);
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 2).map((r) => [r.ContractId, r.ContractCommitmentCategory, r.ContractCommitmentType, r.ContractCommitmentCost, r.ContractCommitmentQuantity, r.ContractCommitmentUnit, r.ContractCommitmentPeriodStart, r.ContractCommitmentPeriodEnd, r.x_ContractCommitmentLifecycleStatus])).toEqual([
      [wd, "Usage", "Complimentary credit allotment", "", "432000", "Credits", "2026-02-01T00:00:00Z", "2027-02-01T00:00:00Z", "Active"],
      [wd, "Spend", "Subscription", "480000.00", "", "", "2026-02-01T00:00:00Z", "2027-02-01T00:00:00Z", "Active"],
    ]);
    expect(rows.filter((r) => r.ContractCommitmentType === "Credit pack purchase").map((r) => [r.x_TermsName, r.ContractCommitmentQuantity, r.x_ContractCommitmentLifecycleStatus])).toEqual([
      ["Our asks", "432000", "Proposed"],
      ["Heavy case on our asks", "432000", "Proposed"],
    ]);
  });

  it("is not found for another workspace's member or for someone outside the workspace", async () => {
    const { ownerCtx: other } = await makeWorkspace(t.db, "Other Co");
    await expect(exportContractCommitments(other, sf)).rejects.toMatchObject({ code: "not_found" });
    await expect(exportContractCommitments(other, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    const stranger = await makeUser(t.db, "stranger");
    await expect(resolveWorkspace(stranger, demo.workspace.id, "viewer")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("FOCUS Contract Commitment file imported back as terms", () => {
  const terms = async (id: string) => {
    const c = await getContractOrThrow(demo, id);
    return JSON.parse(JSON.stringify({ allotments: c.clauses.allotments ?? [], packs: c.clauses.packs ?? [], fixedLines: c.fixedLines, rest: { ...c.clauses, allotments: undefined, packs: undefined } }));
  };

  for (const which of ["Salesforce", "Workday"] as const) {
    it(`gives the ${which} demo contract the same terms after it took another set from the same file`, async () => {
      const id = which === "Salesforce" ? sf : wd;
      const original = await terms(id);
      const { csv } = await exportContractCommitments(demo, id, { today: "2026-11-22" });
      const preview = await previewCommitmentTerms(demo, id, csv);
      const current = preview.find((p) => p.name === "Current contract")!;
      // the file holds the contract's own terms: nothing would change
      expect([current.exact, current.refusal, current.changes, current.currency]).toEqual([true, null, [], "USD"]);
      const proposed = preview.find((p) => p.status === "Proposed" && p.changes.length > 0)!;
      expect(proposed.refusal).toBeNull();

      // take a proposed set: the allotments or packs move, the rest of the clauses stays
      let version = (await getContractOrThrow(demo, id)).version;
      const moved = await applyCommitmentTerms(demo, { contractId: id, version, set: proposed.name, fileName: "terms.csv" }, csv);
      expect(moved.version).toBe(version + 1);
      const afterAsks = await terms(id);
      expect(afterAsks).not.toEqual(original);
      expect(afterAsks.rest).toEqual(original.rest);

      // and the current set back: the same terms as before, to the character
      version = moved.version;
      await applyCommitmentTerms(demo, { contractId: id, version, set: "Current contract", fileName: "terms.csv" }, csv);
      expect(await terms(id)).toEqual(original);
      const entry = (await listAudit(demo, { q: "contract.terms.update" })).find((r) => r.targetId === id);
      expect(describeAudit(entry!, "Dana", () => undefined)).toMatch(/from “Current contract” in the FOCUS file “terms\.csv”\.$/);
    });
  }

  it("refuses a set in another currency, a stale version, a viewer and another workspace, and changes nothing", async () => {
    const before = await terms(sf);
    const { version } = await getContractOrThrow(demo, sf);
    const eur = readFileSync(path.join(__dirname, "../fixtures/import/focus-1.3-contract-commitments.csv"), "utf8");
    const [set] = await previewCommitmentTerms(demo, sf, eur);
    expect(set!.refusal).toBe("Billed in EUR; this contract is in USD.");
    await expect(applyCommitmentTerms(demo, { contractId: sf, version, set: "Contract AGR-1" }, eur)).rejects.toMatchObject({
      code: "invalid",
      message: "“Contract AGR-1” cannot be taken into this contract: Billed in EUR; this contract is in USD.",
    });
    const { csv } = await exportContractCommitments(demo, sf);
    await expect(applyCommitmentTerms(demo, { contractId: sf, version, set: "Nope" }, csv)).rejects.toMatchObject({ code: "invalid" });
    await expect(applyCommitmentTerms(demo, { contractId: sf, version: version - 1, set: "Walk-away" }, csv)).rejects.toMatchObject({ code: "conflict" });
    await expect(applyCommitmentTerms(viewer, { contractId: sf, version, set: "Walk-away" }, csv)).rejects.toMatchObject({ code: "forbidden" });
    const { ownerCtx: other } = await makeWorkspace(t.db, "Other Co 2");
    await expect(previewCommitmentTerms(other, sf, csv)).rejects.toMatchObject({ code: "not_found" });
    await expect(applyCommitmentTerms(other, { contractId: sf, version, set: "Walk-away" }, csv)).rejects.toMatchObject({ code: "not_found" });
    await expect(previewCommitmentTerms(demo, sf, "a,b\n1,2")).rejects.toMatchObject({ code: "invalid", message: expect.stringContaining("not a FOCUS Contract Commitment dataset") });
    expect(await terms(sf)).toEqual(before);
    expect((await getContractOrThrow(demo, sf)).version).toBe(version);
  });
});

describe("FOCUS cost-and-usage download of the observed burn", () => {
  it.each(["Agentforce service estate", "HR and finance agents"])("of %s re-imports into another contract to the same burn per period, to the cent", async (name) => {
    const id = name === "Agentforce service estate" ? sf : wd;
    const { csv, rows } = await exportContractUsage(viewer, id);
    const before = await burnTotals(demo, { contractId: id, by: "period" });
    expect(rows).toBe(before.total.rows);
    const first = parse(csv)[0]!;
    expect([first.ChargeCategory, first.PricingCurrency, first.BillingCurrency]).toEqual(["Usage", "Credits", "USD"]);

    // `npm run usage`'s reading: a FOCUS file, every row accepted, nothing left out.
    const bytes = Buffer.from(csv);
    const { check, importable } = await checkUsageBytes(bytes, { format: "csv" });
    expect(importable).toBe(true);
    expect(check.format).toMatch(/focus/i);
    expect(check.refused).toEqual([]);
    expect(check.consumption.credits).toBe(before.total.credits);

    // Imported into a contract of another workspace: the same totals per period.
    const { ownerCtx } = await makeWorkspace(t.db, `Round trip ${name}`);
    const { contract } = await makeSalesforceContract(ownerCtx, { name: "Round trip" });
    const outcome = await importBurnFile(ownerCtx, { contractId: contract.id, importId: crypto.randomUUID(), fileName: "focus.csv", format: "csv", mapping: null, totalBytes: bytes.length }, Readable.from([bytes]));
    expect(outcome).toMatchObject({ status: "succeeded" });
    expect(outcome.detail).toMatchObject({ kind: "focus", focusVersion: "1.2", dataset: "CostAndUsage", spreadRows: 0 });
    const after = await burnTotals(ownerCtx, { contractId: contract.id, by: "period" });
    const norm = (t: typeof before) => t.groups.map((g) => [g.key, g.rows, g.credits === null ? null : Number(g.credits).toFixed(6), g.cost === null ? null : Number(g.cost).toFixed(2), g.actions === null ? null : Number(g.actions).toFixed(4)]);
    expect(norm(after)).toEqual(norm(before));
    // by agent and environment too
    for (const by of ["agent", "environment"] as const) {
      const a = await burnTotals(ownerCtx, { contractId: contract.id, by });
      const b = await burnTotals(demo, { contractId: id, by });
      expect(norm(a)).toEqual(norm(b));
    }
  });

  it("is not found for another workspace's member", async () => {
    const { ownerCtx: other } = await makeWorkspace(t.db, "Other usage Co");
    await expect(exportContractUsage(other, sf)).rejects.toMatchObject({ code: "not_found" });
  });
});
