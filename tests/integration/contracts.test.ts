import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/lib/db/schema/workspaces";
import { burnRows } from "@/lib/db/schema/burn";
import type { WorkspaceCtx } from "@/lib/services/context";
import { createContract } from "@/lib/services/contracts/create";
import { deleteContract } from "@/lib/services/contracts/delete";
import { getContractOrThrow } from "@/lib/services/contracts/get";
import { listContracts } from "@/lib/services/contracts/list";
import { loadBurnPerPeriod, loadContractBundle } from "@/lib/services/contracts/load-bundle";
import { updateContract } from "@/lib/services/contracts/update";
import { updateContractTerms } from "@/lib/services/contracts/update-terms";
import { createRateCardFromTemplate } from "@/lib/services/ratecards/create-from-template";
import { getRateCardOrThrow, getRateCardVersionOrThrow } from "@/lib/services/ratecards/get";
import { createVendor } from "@/lib/services/vendors/create";
import { deleteVendor } from "@/lib/services/vendors/delete";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";

const SALESFORCE = "salesforce-agentforce-flex-credits-2025-05-15";

let t: TestDb;
let a: Awaited<ReturnType<typeof makeWorkspace>>;
let b: Awaited<ReturnType<typeof makeWorkspace>>;
let editor: WorkspaceCtx;
let viewer: WorkspaceCtx;

beforeAll(async () => {
  t = await freshDb();
  a = await makeWorkspace(t.db, "A");
  b = await makeWorkspace(t.db, "B");
  editor = await addMember(t.db, a.ws.id, "editor");
  viewer = await addMember(t.db, a.ws.id, "viewer");
});
afterAll(() => t.close());

const header = (vendorId: string, extra: Record<string, unknown> = {}) => ({
  name: "Acme Agentforce renewal",
  vendorId,
  product: "Agentforce",
  currency: "USD",
  termStart: "2026-01-01",
  termEnd: "2027-01-01",
  renewalDate: "2027-01-01",
  noticeDays: "90",
  fixedLines: [{ description: "Seats", quantity: "80", unitPrice: "125", per: "month" }],
  ...extra,
});

describe("creating a contract", () => {
  it("from a built-in template: the workspace gets its own rate card, version 1 locked, and the contract's fields", async () => {
    const { contract, vendor } = await makeSalesforceContract(editor);
    expect(contract).toMatchObject({ vendorId: vendor.id, currency: "USD", termStart: "2026-01-01", termEnd: "2027-01-01", noticeDays: 90, version: 1 });
    expect(contract.fixedLines).toEqual([{ description: "Sales Cloud seats", quantity: "80", unitPrice: "165", per: "month" }]);
    const v = await getRateCardVersionOrThrow(editor, contract.rateCardVersionId);
    expect(v.versionNo).toBe(1);
    expect(v.lockedAt).not.toBeNull();
    expect((await getRateCardOrThrow(editor, v.rateCardId)).templateId).toBe(SALESFORCE);
    const listed = (await listContracts(viewer)).find((c) => c.id === contract.id);
    expect(listed).toMatchObject({ vendorName: "Salesforce", rateCardVersionNo: 1, scenarios: 0 });
  });

  it("from an existing rate card version, which it locks", async () => {
    const vendor = await createVendor(editor, { name: "Salesforce EU" });
    const { version } = await createRateCardFromTemplate(editor, { templateId: SALESFORCE });
    expect(version.lockedAt).toBeNull();
    const c = await createContract(editor, { fields: header(vendor.id), rateCard: { kind: "version", versionId: version.id } });
    expect(c.rateCardVersionId).toBe(version.id);
    expect((await getRateCardVersionOrThrow(editor, version.id)).lockedAt).not.toBeNull();
  });

  it("names each bad field: header, currency against the rate card, clause, driver unit", async () => {
    const vendor = await createVendor(editor, { name: "Workday" });
    const tmpl = { kind: "template" as const, templateId: SALESFORCE };
    await expect(createContract(editor, { fields: header(vendor.id, { termEnd: "2025-01-01" }), rateCard: tmpl })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { termEnd: ["The term must end after it starts."] },
    });
    await expect(createContract(editor, { fields: header(vendor.id, { currency: "EUR" }), rateCard: tmpl })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { currency: [expect.stringContaining("USD")] },
    });
    await expect(
      createContract(editor, {
        fields: header(vendor.id),
        rateCard: tmpl,
        clauses: { allotments: [{ id: "monthly", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: "-5" } }] },
      }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { "clauses.allotments.0.size.credits": ["must be 0 or more"] } });
    await expect(
      createContract(editor, { fields: header(vendor.id), rateCard: tmpl, clauses: { rollover: { sharePct: 50 } } }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { "clauses.rollover": ["unknown field"] } });
    await expect(
      createContract(editor, { fields: header(vendor.id), rateCard: tmpl, drivers: { licensedSeats: 10, units: [{ unit: "skill", actionsPerMonth: 5 }] } }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { "drivers.units.0.unit": [expect.stringContaining('unit "skill" is not on the rate card')] } });
  });
});

describe("saving a contract", () => {
  it("refuses a save against a stale version and keeps the first editor's change", async () => {
    const { contract, vendor } = await makeSalesforceContract(editor);
    const saved = await updateContract(editor, { contractId: contract.id, version: 1, fields: header(vendor.id, { name: "Renewal 2027" }) });
    expect(saved.version).toBe(2);
    await expect(updateContract(a.ownerCtx, { contractId: contract.id, version: 1, fields: header(vendor.id, { name: "Other" }) })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("Someone else saved this contract"),
    });
    await expect(updateContractTerms(a.ownerCtx, { contractId: contract.id, version: 1, clauses: {} })).rejects.toMatchObject({ code: "conflict" });
    await expect(deleteContract(a.ownerCtx, { contractId: contract.id, version: 1 })).rejects.toMatchObject({ code: "conflict" });
    expect((await getContractOrThrow(viewer, contract.id)).name).toBe("Renewal 2027");
  });

  it("saves clauses as the engine's ClausesDoc, without a second term start", async () => {
    const { contract } = await makeSalesforceContract(editor);
    const clauses = {
      termStart: "1999-01-01",
      allotments: [{ id: "monthly", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: "500000" }, rollover: { sharePct: "100", expiresAfterCycles: 1 } }],
      packs: [{ id: "p1", credits: "100000", price: "500", purchaseDate: "2026-03-01", expiresOn: "2027-03-01" }],
      onExhaustion: { kind: "trueUp", trueUp: { schedule: { kind: "everyNPeriods", n: 3 }, cap: { kind: "amount", amount: "1000" } } },
    };
    const saved = await updateContractTerms(editor, { contractId: contract.id, version: 1, clauses });
    const { termStart: _ignored, ...rest } = clauses;
    void _ignored;
    expect(saved.clauses).toEqual(rest);
    expect(saved.version).toBe(2);
  });

  it("the audit entry names exactly what moved: only the alert thresholds when only they change", async () => {
    const { contract } = await makeSalesforceContract(editor);
    const first = await updateContractTerms(editor, { contractId: contract.id, version: 1, clauses: { ...contract.clauses, alertThresholdsPct: [70, 85, 100] } });
    const second = await updateContractTerms(editor, { contractId: contract.id, version: first.version, clauses: { ...first.clauses, alertThresholdsPct: [60, 85] } });
    const third = await updateContractTerms(editor, { contractId: contract.id, version: second.version, clauses: second.clauses, drivers: null });
    const entries = await t.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.targetId, contract.id), eq(auditLog.action, "contract.terms.update")))
      .orderBy(auditLog.createdAt);
    expect(entries.map((e) => (e.details as { changed: string[] }).changed)).toEqual([["clauses.alertThresholdsPct"], ["clauses.alertThresholdsPct"], ["drivers"]]);
    expect(third.version).toBe(4);
  });

  it("the vendor of a contract cannot be deleted from under it", async () => {
    const { vendor } = await makeSalesforceContract(editor);
    await expect(deleteVendor(editor, { vendorId: vendor.id })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("the contract bundle for the model document", () => {
  it("sums burn per period of the contract's granularity, null when no row of the period has a value", async () => {
    const { contract } = await makeSalesforceContract(editor);
    const row = (periodStart: string, credits: string | null, cost: string | null, key: string) => ({
      workspaceId: a.ws.id,
      contractId: contract.id,
      rowKey: key,
      periodStart,
      credits,
      cost,
    });
    await t.db.insert(burnRows).values([
      row("2026-01-01", "100", null, "1"),
      row("2026-01-20", "50.5", null, "2"),
      row("2026-02-03", null, "10.25", "3"),
      row("2026-02-04", null, "4.75", "4"),
      row("2026-03-02", "7", "1", "5"),
    ]);
    expect(await loadBurnPerPeriod(editor, contract.id, "month")).toEqual([
      // no `through`: none of these rows states where it ends
      { periodStart: "2026-01-01", credits: "150.5", cost: null },
      { periodStart: "2026-02-01", credits: null, cost: "15.00" },
      { periodStart: "2026-03-01", credits: "7", cost: "1" },
    ]);
    // ISO weeks start on Monday: 2026-01-01 is a Thursday (week of 2025-12-29); 2026-02-03 and -04 share a week.
    expect((await loadBurnPerPeriod(editor, contract.id, "week")).map((p) => p.periodStart)).toEqual(["2025-12-29", "2026-01-19", "2026-02-02", "2026-03-02"]);
    const { bundle } = await loadContractBundle(viewer, contract.id);
    expect(bundle.vendorName).toBe("Salesforce");
    expect(bundle.rateCard.versions.map((v) => v.id)).toEqual([contract.rateCardVersionId]);
    expect(bundle.burn).toHaveLength(3);
    // Another workspace's bundle never sees these rows.
    await expect(loadBurnPerPeriod(b.ownerCtx, contract.id, "month")).resolves.toEqual([]);
  });
});

describe("authorization", () => {
  it("a viewer reads contracts and bundles, every write is forbidden", async () => {
    const { contract, vendor } = await makeSalesforceContract(editor);
    expect((await getContractOrThrow(viewer, contract.id)).id).toBe(contract.id);
    await expect(loadContractBundle(viewer, contract.id)).resolves.toBeTruthy();
    await expect(createContract(viewer, { fields: header(vendor.id), rateCard: { kind: "template", templateId: SALESFORCE } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateContract(viewer, { contractId: contract.id, version: 1, fields: header(vendor.id) })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateContractTerms(viewer, { contractId: contract.id, version: 1, clauses: {} })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteContract(viewer, { contractId: contract.id, version: 1 })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getContractOrThrow(editor, contract.id)).version).toBe(1);
  });

  it("another workspace's contract, vendor and rate card version are 'not found' for every verb", async () => {
    const { contract, vendor } = await makeSalesforceContract(editor);
    const other = b.ownerCtx;
    const otherVendor = await createVendor(other, { name: "Mine" });
    await expect(getContractOrThrow(other, contract.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(loadContractBundle(other, contract.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(updateContract(other, { contractId: contract.id, version: 1, fields: header(otherVendor.id) })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateContractTerms(other, { contractId: contract.id, version: 1, clauses: {} })).rejects.toMatchObject({ code: "not_found" });
    await expect(deleteContract(other, { contractId: contract.id, version: 1 })).rejects.toMatchObject({ code: "not_found" });
    await expect(createContract(other, { fields: header(vendor.id), rateCard: { kind: "template", templateId: SALESFORCE } })).rejects.toMatchObject({ code: "not_found" });
    await expect(
      createContract(other, { fields: header(otherVendor.id), rateCard: { kind: "version", versionId: contract.rateCardVersionId } }),
    ).rejects.toMatchObject({ code: "not_found" });
    const mine = await createContract(other, { fields: header(otherVendor.id), rateCard: { kind: "template", templateId: SALESFORCE } });
    await expect(updateContractTerms(other, { contractId: mine.id, version: 1, rateCardVersionId: contract.rateCardVersionId })).rejects.toMatchObject({ code: "not_found" });
    expect((await listContracts(other)).map((c) => c.id)).toEqual([mine.id]);
    expect(await getContractOrThrow(editor, contract.id)).toEqual(contract);
  });
});
