import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog } from "@/lib/db/schema/workspaces";
import type { WorkspaceCtx } from "@/lib/services/context";
import { updateContractTerms } from "@/lib/services/contracts/update-terms";
import { createRateCard } from "@/lib/services/ratecards/create";
import { createRateCardFromTemplate } from "@/lib/services/ratecards/create-from-template";
import { discardRateCardVersion } from "@/lib/services/ratecards/delete-version";
import { getRateCardOrThrow, getRateCardVersionOrThrow } from "@/lib/services/ratecards/get";
import { listRateCards } from "@/lib/services/ratecards/list";
import { listRateCardVersions } from "@/lib/services/ratecards/list-versions";
import { saveRateCardVersion } from "@/lib/services/ratecards/save-version";
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

const fields = (units: { id: string; name: string; creditsPerUnit: string }[]) => ({
  effectiveFrom: "2025-05-15",
  source: "contract exhibit B",
  units,
  creditPrice: { kind: "pack" as const, packPrice: "500", packCredits: "100000" },
});

describe("rate cards from built-in templates", () => {
  it("copies the template's units, price, effective date and public source into a draft version 1", async () => {
    const { card, version } = await createRateCardFromTemplate(editor, { templateId: SALESFORCE });
    expect(card.templateId).toBe(SALESFORCE);
    expect(version.versionNo).toBe(1);
    expect(version.lockedAt).toBeNull();
    expect(version.effectiveFrom).toBe("2025-05-15");
    expect(version.units).toEqual([
      { id: "action", name: "Agentforce action", creditsPerUnit: "20" },
      { id: "voice-action", name: "Agentforce Voice action", creditsPerUnit: "30" },
    ]);
    expect(version.creditPrice).toEqual({ kind: "pack", packPrice: "500", packCredits: "100000" });
    expect(version.source).toContain("https://www.salesforce.com/agentforce/pricing/");
    expect((await listRateCards(viewer)).map((c) => c.id)).toContain(card.id);
  });

  it("refuses an unknown template, naming the field", async () => {
    await expect(createRateCardFromTemplate(editor, { templateId: "nope" })).rejects.toMatchObject({ code: "invalid", fieldErrors: { templateId: expect.any(Array) } });
  });
});

describe("editing a version", () => {
  it("updates a draft in place, and refuses a save against a stale revision without overwriting", async () => {
    const { version } = await createRateCard(editor, { name: "Blank", currency: "usd", version: fields([{ id: "action", name: "Action", creditsPerUnit: "20" }]) });
    expect(version.currency).toBe("USD");
    const first = await saveRateCardVersion(editor, { versionId: version.id, revision: 1, ...fields([{ id: "action", name: "Agent action", creditsPerUnit: "18" }]) });
    expect(first.created).toBe(false);
    expect(first.version.revision).toBe(2);
    // A second editor still holding revision 1 saves: conflict, and the first editor's value stays.
    await expect(
      saveRateCardVersion(a.ownerCtx, { versionId: version.id, revision: 1, ...fields([{ id: "action", name: "Action", creditsPerUnit: "25" }]) }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("Someone else saved version 1") });
    expect((await getRateCardVersionOrThrow(viewer, version.id)).units).toEqual([{ id: "action", name: "Agent action", creditsPerUnit: "18" }]);
  });

  it("names a bad field: a negative credit value, a duplicate unit id, an empty card", async () => {
    const { version } = await createRateCardFromTemplate(editor, { templateId: SALESFORCE });
    await expect(
      saveRateCardVersion(editor, { versionId: version.id, revision: 1, ...fields([{ id: "action", name: "Action", creditsPerUnit: "-1" }]) }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { "units.0.creditsPerUnit": ["must be 0 or more"] } });
    await expect(
      saveRateCardVersion(editor, {
        versionId: version.id,
        revision: 1,
        ...fields([
          { id: "action", name: "A", creditsPerUnit: "1" },
          { id: "action", name: "B", creditsPerUnit: "2" },
        ]),
      }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { "units.1.id": [expect.stringContaining("duplicate")] } });
    await expect(saveRateCardVersion(editor, { versionId: version.id, revision: 1, ...fields([]) })).rejects.toMatchObject({ code: "invalid" });
  });

  it("never changes a locked version: an edit makes a new draft version, and the old one reads exactly as before", async () => {
    const { contract } = await makeSalesforceContract(editor);
    const v1 = await getRateCardVersionOrThrow(editor, contract.rateCardVersionId);
    expect(v1.lockedAt).not.toBeNull();
    const edit = await saveRateCardVersion(editor, { versionId: v1.id, revision: v1.revision, ...fields([{ id: "action", name: "Action", creditsPerUnit: "16" }]) });
    expect(edit.created).toBe(true);
    expect(edit.version.versionNo).toBe(2);
    expect(edit.version.lockedAt).toBeNull();
    expect(edit.version.rateCardId).toBe(v1.rateCardId);
    expect(await getRateCardVersionOrThrow(editor, v1.id)).toEqual(v1);

    // A second editor who opened version 1 before the first saved: conflict, not a third version.
    await expect(
      saveRateCardVersion(a.ownerCtx, { versionId: v1.id, revision: v1.revision, ...fields([{ id: "action", name: "Action", creditsPerUnit: "10" }]) }),
    ).rejects.toMatchObject({ code: "conflict", message: expect.stringContaining("version 2") });
    const { versions } = await listRateCardVersions(viewer, v1.rateCardId);
    expect(versions.map((v) => v.versionNo)).toEqual([2, 1]);
    expect(versions[1]?.usedByContracts).toBe(1);

    // The draft gets locked while someone edits it (the contract moves onto it): their save does not
    // change what the contract uses, it becomes version 3.
    await updateContractTerms(editor, { contractId: contract.id, version: contract.version, rateCardVersionId: edit.version.id });
    const v3 = await saveRateCardVersion(editor, { versionId: edit.version.id, revision: 1, ...fields([{ id: "action", name: "Action", creditsPerUnit: "12" }]) });
    expect(v3.created).toBe(true);
    expect(v3.version.versionNo).toBe(3);
    expect((await getRateCardVersionOrThrow(editor, edit.version.id)).units).toEqual([{ id: "action", name: "Action", creditsPerUnit: "16" }]);
  });

  it("discards drafts only: a locked version or a card's only version stays", async () => {
    const { version: only } = await createRateCardFromTemplate(editor, { templateId: SALESFORCE });
    await expect(discardRateCardVersion(editor, { versionId: only.id, revision: 1 })).rejects.toMatchObject({ code: "conflict" });
    const { contract } = await makeSalesforceContract(editor);
    await expect(discardRateCardVersion(editor, { versionId: contract.rateCardVersionId, revision: 1 })).rejects.toMatchObject({ code: "conflict" });
    const draft = await saveRateCardVersion(editor, { versionId: contract.rateCardVersionId, revision: 1, ...fields([{ id: "action", name: "A", creditsPerUnit: "1" }]) });
    await discardRateCardVersion(editor, { versionId: draft.version.id, revision: 1 });
    await expect(getRateCardVersionOrThrow(editor, draft.version.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("writes the audit trail in the same transaction as each change", async () => {
    const actions = (await t.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, a.ws.id))).map((r) => r.action);
    for (const action of ["ratecard.create", "ratecard.version.update", "ratecard.version.create", "ratecard.version.lock", "ratecard.version.discard"]) {
      expect(actions).toContain(action);
    }
  });
});

describe("authorization", () => {
  it("a viewer reads rate cards and versions but every write is forbidden", async () => {
    const { card, version } = await createRateCardFromTemplate(editor, { templateId: SALESFORCE });
    expect((await getRateCardOrThrow(viewer, card.id)).id).toBe(card.id);
    expect((await listRateCardVersions(viewer, card.id)).versions).toHaveLength(1);
    await expect(createRateCardFromTemplate(viewer, { templateId: SALESFORCE })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createRateCard(viewer, { name: "X", currency: "USD", version: fields([{ id: "a", name: "A", creditsPerUnit: "1" }]) })).rejects.toMatchObject({ code: "forbidden" });
    await expect(saveRateCardVersion(viewer, { versionId: version.id, revision: 1, ...fields([{ id: "a", name: "A", creditsPerUnit: "1" }]) })).rejects.toMatchObject({ code: "forbidden" });
    await expect(discardRateCardVersion(viewer, { versionId: version.id, revision: 1 })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getRateCardVersionOrThrow(editor, version.id)).revision).toBe(1);
  });

  it("another workspace's rate card is 'not found' for every verb, and unchanged", async () => {
    const { card, version } = await createRateCardFromTemplate(editor, { templateId: SALESFORCE });
    const other = b.ownerCtx;
    await expect(getRateCardOrThrow(other, card.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getRateCardVersionOrThrow(other, version.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(listRateCardVersions(other, card.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(saveRateCardVersion(other, { versionId: version.id, revision: 1, ...fields([{ id: "a", name: "A", creditsPerUnit: "1" }]) })).rejects.toMatchObject({ code: "not_found" });
    await expect(discardRateCardVersion(other, { versionId: version.id, revision: 1 })).rejects.toMatchObject({ code: "not_found" });
    const vendorOfA = (await makeSalesforceContract(editor)).vendor.id;
    await expect(createRateCardFromTemplate(other, { templateId: SALESFORCE, vendorId: vendorOfA })).rejects.toMatchObject({ code: "not_found" });
    expect((await listRateCards(other)).map((c) => c.id)).not.toContain(card.id);
    expect(await getRateCardVersionOrThrow(editor, version.id)).toEqual(version);
  });
});
