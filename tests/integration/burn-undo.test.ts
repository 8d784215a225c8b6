// Real usage files against the database: what is stored as burn and what is kept apart, restated
// billing periods, corrections, roll-back and manual deletion (audited), purchases recorded in the
// terms, and refusals (second currency, NUL bytes, zip bombs, out-of-bound values) that write
// nothing and leave no import running. On PGlite, and on PostgreSQL with DATABASE_URL.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { burnCharges, burnImports, burnReplaced, burnRows } from "@/lib/db/schema/burn";
import { contracts } from "@/lib/db/schema/contracts";
import { auditLog } from "@/lib/db/schema/workspaces";
import type { WorkspaceCtx } from "@/lib/services/context";
import { addBurnRow } from "@/lib/services/burn/add-row";
import { listBurnCharges } from "@/lib/services/burn/charges";
import { deleteBurnRow } from "@/lib/services/burn/delete-row";
import { listBurnImports } from "@/lib/services/burn/get-import";
import { getRememberedMapping } from "@/lib/services/burn/mapping";
import { importBurnFile, type ImportFileInput, type ImportTotals } from "@/lib/services/burn/import-file";
import { previewBurnFile } from "@/lib/services/burn/preview";
import { recordPurchase } from "@/lib/services/burn/record-purchase";
import { rollbackBurnImport } from "@/lib/services/burn/rollback-import";
import { burnTotals } from "@/lib/services/burn/totals";
import { loadBurnPerPeriod } from "@/lib/services/contracts/load-bundle";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/import");
const SHARED = path.resolve(import.meta.dirname, "../../../shared/data/focus");

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

function file(name: string): Buffer {
  return readFileSync(name.startsWith("shared:") ? path.join(SHARED, name.slice(7)) : path.join(FIXTURES, name));
}

function importBytes(ctx: WorkspaceCtx, contractId: string, bytes: Buffer, over: Partial<ImportFileInput> = {}) {
  return importBurnFile(
    ctx,
    { contractId, importId: crypto.randomUUID(), fileName: over.fileName ?? "usage.csv", format: "csv", totalBytes: bytes.length, ...over },
    Readable.from([bytes]),
  );
}

async function consumption(contractId: string): Promise<{ rows: number; credits: string | null; cost: string | null }> {
  const [r] = await t.db
    .select({ rows: sql<number>`count(*)::int`, credits: sql<string | null>`sum(${burnRows.credits})::text`, cost: sql<string | null>`sum(${burnRows.cost})::text` })
    .from(burnRows)
    .where(eq(burnRows.contractId, contractId));
  return { rows: Number(r?.rows ?? 0), credits: r?.credits ?? null, cost: r?.cost ?? null };
}

async function stored(contractId: string): Promise<{ rows: number; charges: number }> {
  const [r] = await t.db.select({ n: sql<number>`count(*)::int` }).from(burnRows).where(eq(burnRows.contractId, contractId));
  const [c] = await t.db.select({ n: sql<number>`count(*)::int` }).from(burnCharges).where(eq(burnCharges.contractId, contractId));
  return { rows: Number(r?.n ?? 0), charges: Number(c?.n ?? 0) };
}

async function running(): Promise<number> {
  const [r] = await t.db.select({ n: sql<number>`count(*)::int` }).from(burnImports).where(eq(burnImports.status, "running"));
  return Number(r?.n ?? 0);
}

async function audits(workspaceId: string, action: string) {
  return t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, workspaceId), eq(auditLog.action, action)));
}

describe("only consumption is burn", () => {
  it("the $1,200 spend commitment: $228 of use stored as burn, the $972 unused fees and the purchase kept apart", async () => {
    const { contract } = await makeSalesforceContract(editor, { name: "Spend agreement" });
    const outcome = await importBytes(editor, contract.id, file("shared:agreements/saas_spend_agreements_b2.csv"));
    expect(outcome.status).toBe("succeeded");
    // 48 + 120 + 60 = 228
    expect(await consumption(contract.id)).toEqual({ rows: 3, credits: null, cost: "228" });
    // every reader of burn_rows sees consumption only: the forecast's per-period burn
    const perPeriod = await loadBurnPerPeriod(editor, contract.id, "month");
    expect(perPeriod.map((p) => [p.periodStart, p.cost])).toEqual([
      ["2025-04-01", "48"],
      ["2025-05-01", "120"],
      ["2025-06-01", "60"],
    ]);
    const apart = await listBurnCharges(viewer, { contractId: contract.id });
    // unused fees: 12 + 8 × 60 = 492 monthly and 480 at the end (972); the upfront purchase billed $1,200
    expect(apart.groups.map((g) => [g.category, g.groupLabel, g.rows, g.cost, g.billedCost])).toEqual([
      ["purchase", "Upfront payment covering usage for a 12-month period", 1, "0", "1200"],
      ["unusedCommitment", "End of contract unused fee", 1, "480", "0"],
      ["unusedCommitment", "Monthly unused fee", 9, "492", "0"],
    ]);
    const totals = outcome.detail?.totals as ImportTotals;
    expect(totals.consumption).toEqual({ rows: 3, credits: null, actions: null, cost: "228" });
    expect(totals.keptApart.map((k) => [k.category, k.rows, k.cost])).toEqual([
      ["purchase", 1, "0"],
      ["unusedCommitment", 10, "972"],
    ]);
  });

  it("a group left out by the mapping is kept apart, and the choice is remembered for the vendor", async () => {
    const { contract } = await makeSalesforceContract(editor, { name: "Left out" });
    const mapping = { columns: {}, excludeGroups: ["usage:EC2 m5.large On Demand"] };
    const outcome = await importBytes(editor, contract.id, file("focus-1.0-aws-categories-nulls.csv"), { mapping });
    expect(outcome.status).toBe("succeeded");
    // 12.50 + 30.00 + 2.00 − 30.00 (left out) = 14.50
    expect((await consumption(contract.id)).cost).toBe("14.5");
    const excluded = await t.db.select().from(burnCharges).where(and(eq(burnCharges.contractId, contract.id), eq(burnCharges.excluded, true)));
    expect(excluded.map((e) => [e.category, e.groupLabel, e.cost])).toEqual([["usage", "EC2 m5.large On Demand", "30"]]);
    const preview = await previewBurnFile(editor, { contractId: contract.id, format: "csv", wholeFile: true }, Readable.from([file("focus-1.0-aws-categories-nulls.csv")]));
    expect(preview.preview.mapping.excludeGroups).toEqual(["usage:EC2 m5.large On Demand"]);
    expect(preview.check?.totals?.consumption.cost).toBe("14.5");
  });

  it("a FOCUS file's left-out groups replace the remembered ones (cleared too), keeping the vendor's remembered column mapping", async () => {
    const { contract } = await makeSalesforceContract(editor, { name: "Remembered groups" });
    const columns = { periodStart: "Usage Date", credits: "Flex Credits" };
    const mapped = await importBytes(editor, contract.id, Buffer.from("Usage Date,Flex Credits\n2026-03-01,5\n"), { mapping: { columns } });
    expect(mapped.status).toBe("succeeded");
    expect((await getRememberedMapping(editor, contract.vendorId))?.columns).toEqual(columns);

    const aws = file("focus-1.0-aws-categories-nulls.csv");
    await importBytes(editor, contract.id, aws, { mapping: { columns: {}, excludeGroups: ["usage:EC2 m5.large On Demand"] } });
    expect(await getRememberedMapping(editor, contract.vendorId)).toMatchObject({ columns, excludeGroups: ["usage:EC2 m5.large On Demand"] });

    // the same file again with nothing left out: a no-op import, and the remembered groups cleared
    const again = await importBytes(editor, contract.id, aws, { mapping: { columns: {}, excludeGroups: [] } });
    expect([again.status, again.rowsInserted]).toEqual(["succeeded", 0]);
    expect(await getRememberedMapping(editor, contract.vendorId)).toMatchObject({ columns, excludeGroups: [] });
    // …unless the user unticked "Remember"
    await importBytes(editor, contract.id, aws, { mapping: { columns: {}, excludeGroups: ["usage:Lambda requests"] }, rememberMapping: false });
    expect((await getRememberedMapping(editor, contract.vendorId))?.excludeGroups).toEqual([]);
  });
});

describe("restatements and corrections", () => {
  let contractId: string;
  let first: Awaited<ReturnType<typeof importBytes>>;
  let restated: Awaited<ReturnType<typeof importBytes>>;
  beforeAll(async () => {
    ({ contract: { id: contractId } } = await makeSalesforceContract(editor, { name: "Restated" }));
  });

  it("an export, then the provider's restated export of the same billing period, leaves the restated figure", async () => {
    first = await importBytes(editor, contractId, file("focus-1.2-nov-2026-export.csv"), { fileName: "nov-export.csv" });
    expect(first.status).toBe("succeeded");
    expect(await consumption(contractId)).toEqual({ rows: 2, credits: "30000", cost: "1500" });
    // the preview says what the restated file will replace
    const preview = await previewBurnFile(editor, { contractId, format: "csv", wholeFile: true }, Readable.from([file("focus-1.2-nov-2026-restated.csv")]));
    expect(preview.check?.restatements).toEqual([
      {
        scope: "Acme AI|BA-42|2026-11-01",
        label: "November 2026 (Acme AI, billing account BA-42)",
        rowsReplaced: 1,
        rowsKept: 1,
        before: { rows: 2, credits: "30000", cost: "1500" },
        after: { rows: 3, credits: "40000", cost: "2000" },
      },
    ]);
    restated = await importBytes(editor, contractId, file("focus-1.2-nov-2026-restated.csv"), { fileName: "nov-restated.csv" });
    expect(restated.status).toBe("succeeded");
    // R-111 $1,000 kept (same row), R-222 $500 replaced by $700, R-333 $300 added: $2,000, not $3,500
    expect(await consumption(contractId)).toEqual({ rows: 3, credits: "40000", cost: "2000" });
    expect([restated.rowsInserted, restated.rowsDuplicate]).toEqual([2, 1]);
    expect(restated.detail?.restated).toEqual([
      { scope: "Acme AI|BA-42|2026-11-01", label: "November 2026 (Acme AI, billing account BA-42)", rowsReplaced: 1, before: { rows: 2, credits: "30000", cost: "1500" }, after: { rows: 3, credits: "40000", cost: "2000" } },
    ]);
    const [archived] = await t.db.select({ n: sql<number>`count(*)::int` }).from(burnReplaced).where(eq(burnReplaced.importId, restated.id));
    expect(Number(archived?.n)).toBe(1);
  });

  it("re-importing the identical restated file changes nothing", async () => {
    const again = await importBytes(editor, contractId, file("focus-1.2-nov-2026-restated.csv"));
    expect([again.status, again.rowsInserted, again.rowsDuplicate]).toEqual(["succeeded", 0, 3]);
    expect(again.detail?.restated).toEqual([
      { scope: "Acme AI|BA-42|2026-11-01", label: "November 2026 (Acme AI, billing account BA-42)", rowsReplaced: 0, before: { rows: 3, credits: "40000", cost: "2000" }, after: { rows: 3, credits: "40000", cost: "2000" } },
    ]);
    expect(await consumption(contractId)).toEqual({ rows: 3, credits: "40000", cost: "2000" });
    await rollbackBurnImport(editor, { contractId, importId: again.id });
    expect(await consumption(contractId)).toEqual({ rows: 3, credits: "40000", cost: "2000" });
  });

  it("a correction of the closed November, billed in December: added to November, and the preview says so", async () => {
    const preview = await previewBurnFile(editor, { contractId, format: "csv", wholeFile: true }, Readable.from([file("focus-1.2-dec-2026-with-correction.csv")]));
    // November holds $2,000; the late-arriving $250 makes it $2,250
    expect(preview.check?.corrections).toEqual([
      { month: "2026-11-01", label: "November 2026", rows: 1, before: { rows: 3, credits: "40000", cost: "2000" }, after: { rows: 4, credits: "45000", cost: "2250" } },
    ]);
    const dec = await importBytes(editor, contractId, file("focus-1.2-dec-2026-with-correction.csv"), { fileName: "dec.csv" });
    expect(dec.status).toBe("succeeded");
    const byPeriod = await burnTotals(viewer, { contractId, by: "period" });
    expect(byPeriod.groups.map((g) => [g.key, g.cost])).toEqual([
      ["2026-11-01", "2250"],
      ["2026-12-01", "400"],
    ]);
    await rollbackBurnImport(editor, { contractId, importId: dec.id });
  });

  it("the original import cannot be rolled back while a later import restated it", async () => {
    await expect(rollbackBurnImport(editor, { contractId, importId: first.id })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/nov-restated\.csv, imported later, restated rows of nov-export\.csv/) });
  });

  it("rolling the restatement back leaves the burn as before it, audited; then the original, leaving nothing", async () => {
    const rolled = await rollbackBurnImport(editor, { contractId, importId: restated.id });
    expect(rolled).toMatchObject({ rowsRemoved: 2, rowsRestored: 1, cost: "1000" });
    expect(await consumption(contractId)).toEqual({ rows: 2, credits: "30000", cost: "1500" });
    const [row] = await t.db.select({ status: burnImports.status, by: burnImports.rolledBackBy }).from(burnImports).where(eq(burnImports.id, restated.id));
    expect(row).toEqual({ status: "rolled_back", by: editor.actor.id });
    const logged = await audits(a.ws.id, "burn.import.rollback");
    expect(logged.some((l) => (l.details as { importId?: string }).importId === restated.id && l.actorId === editor.actor.id)).toBe(true);
    await expect(rollbackBurnImport(editor, { contractId, importId: restated.id })).rejects.toMatchObject({ code: "conflict" });
    await rollbackBurnImport(editor, { contractId, importId: first.id });
    expect(await stored(contractId)).toEqual({ rows: 0, charges: 0 });
    // and the file can be imported again
    const back = await importBytes(editor, contractId, file("focus-1.2-nov-2026-export.csv"));
    expect(back.rowsInserted).toBe(2);
    const list = await listBurnImports(viewer, { contractId, limit: 20 });
    expect(list.filter((i) => i.status === "rolled_back").length).toBe(4);
    // the Burn tab's list: who imported and rolled back, what each import added and restated
    const item = list.find((i) => i.id === restated.id);
    expect(item).toMatchObject({ createdByName: editor.actor.name, rolledBackByName: editor.actor.name, status: "rolled_back" });
    expect(item?.totals?.consumption).toMatchObject({ rows: 2, credits: "20000", cost: "1000" });
    expect(item?.restated).toEqual([
      { scope: "Acme AI|BA-42|2026-11-01", label: "November 2026 (Acme AI, billing account BA-42)", rowsReplaced: 1, before: { rows: 2, credits: "30000", cost: "1500" }, after: { rows: 3, credits: "40000", cost: "2000" } },
    ]);
  });
});

describe("refusals write nothing and leave no import running", () => {
  let contractId: string;
  beforeAll(async () => {
    ({ contract: { id: contractId } } = await makeSalesforceContract(editor, { name: "Refusals" }));
    await importBytes(editor, contractId, file("salesforce-wallet-daily.csv"));
    // another workspace's import, stored before any of the refusals below
    ({ contract: { id: otherContractId } } = await makeSalesforceContract(b.ownerCtx, { name: "Other tenant, before" }));
    expect((await importBytes(b.ownerCtx, otherContractId, file("salesforce-wallet-daily.csv"))).status).toBe("succeeded");
  });
  let otherContractId: string;

  async function refused(bytes: Buffer, over: Partial<ImportFileInput> = {}) {
    const before = await stored(contractId);
    const outcome = await importBytes(editor, contractId, bytes, over);
    expect(outcome.status).toBe("failed");
    expect(outcome.rowsInserted).toBe(0);
    expect(await stored(contractId)).toEqual(before);
    expect(await running()).toBe(0);
    return outcome;
  }

  it("a second currency: rows billed in EUR are refused in a USD contract, with their row numbers", async () => {
    const outcome = await refused(file("focus-1.2-second-currency.csv"));
    expect(outcome.errors.map((e) => [e.row, e.message])).toEqual([[3, "row 3: BillingCurrency 'EUR' is not the contract's currency (USD); a contract's burn is in one currency"]]);
  });

  it("a NUL byte in one cell: refused naming the row, and the database connections stay usable", async () => {
    const lines = ["Usage Date,Agent,Skill,Org Type,Actions,Flex Credits,Cost"];
    for (let i = 0; i < 30_000; i++) lines.push(`2026-01-${String((i % 28) + 1).padStart(2, "0")},Agent ${i % 9},Answer,Production,1,20,0.1`);
    lines.push("2026-01-29,Serv\u0000ice,Answer,Production,1,20,0.1");
    const mapping = { columns: { periodStart: "Usage Date", agent: "Agent", meteredUnit: "Skill", environment: "Org Type", actions: "Actions", credits: "Flex Credits", cost: "Cost" } };
    const outcome = await refused(Buffer.from(lines.join("\n")), { mapping });
    expect(outcome.errors).toEqual([{ row: 30_002, column: "Agent", message: "row 30002: Agent contains a NUL byte (U+0000): the file is damaged or not text; nothing of it was read as usage" }]);
    // every pooled connection still answers, and the next import goes through
    await Promise.all(Array.from({ length: 12 }, () => t.db.execute(sql`select 1`)));
    const ok = await importBytes(editor, contractId, Buffer.from(lines.slice(0, 3).join("\n")), { mapping });
    expect(ok.status).toBe("succeeded");
  });

  it("an upload cut off while rows are being copied rolls back and leaves the connection sound", async () => {
    const lines = ["Usage Date,Agent,Credits"];
    for (let i = 0; i < 40_000; i++) lines.push(`2026-02-${String((i % 28) + 1).padStart(2, "0")},Cut ${i % 7},${i}`);
    const bytes = Buffer.from(lines.join("\n"));
    let sent = false;
    const body = new Readable({
      read() {
        if (!sent) {
          sent = true;
          this.push(bytes.subarray(0, Math.floor(bytes.length * 0.8)));
        } else this.destroy(new Error("connection reset"));
      },
    });
    const before = await stored(contractId);
    const outcome = await importBurnFile(editor, { contractId, importId: crypto.randomUUID(), fileName: "cut.csv", format: "csv", mapping: { columns: { periodStart: "Usage Date", agent: "Agent", credits: "Credits" } }, totalBytes: bytes.length }, body);
    expect(outcome.status).toBe("failed");
    expect(outcome.errors[0]?.message).toMatch(/connection reset/);
    expect(await stored(contractId)).toEqual(before);
    expect(await running()).toBe(0);
    await Promise.all(Array.from({ length: 12 }, () => t.db.execute(sql`select 1`)));
  });

  it("a zip bomb (one shared string inflating to 80 MiB) is refused before it is read", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Usage").addRows([["Usage Date", "Flex Credits"], ["2026-01-01", 20]]);
    const parts = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
    const head = strToU8('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>');
    const tail = strToU8("</t></si></sst>");
    const big = new Uint8Array(head.length + 80 * 1024 * 1024 + tail.length).fill(0x61);
    big.set(head, 0);
    big.set(tail, big.length - tail.length);
    parts["xl/sharedStrings.xml"] = big;
    const bomb = Buffer.from(zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, [v, { level: 9 }]]))));
    const outcome = await refused(bomb, { format: "xlsx", fileName: "bomb.xlsx", mapping: { columns: { periodStart: "Usage Date", credits: "Flex Credits" } } });
    expect(outcome.errors[0]?.message).toMatch(/xl\/sharedStrings\.xml inflates to more than 64 MiB/);
  }, 60_000);

  it("out-of-bound values: negative credits, 1e309, a 1,000-digit number, 9999-12-31, a 5 MiB agent name", async () => {
    const mapping = { columns: { periodStart: "Date", agent: "Agent", credits: "Credits" } };
    const text = ["Date,Agent,Credits", "2026-01-01,A,-20", "2026-01-01,A,1e309", `2026-01-01,A,${"9".repeat(1000)}`, "9999-12-31,A,20", `2026-01-01,${"x".repeat(5 * 1024 * 1024)},20`].join("\n");
    const outcome = await refused(Buffer.from(text), { mapping });
    expect(outcome.errors.map((e) => e.row)).toEqual([2, 3, 4, 5, 6]);
    expect(outcome.errors.map((e) => e.message.replace(/'[^']{20,}'/, "'…'"))).toEqual([
      "row 2: Credits '-20' is negative; only credits, adjustments and corrections may be negative (this row is Usage)",
      "row 3: Credits '1e309' has 310 digits before the decimal point (at most 15)",
      "row 4: Credits '…' has 1000 digits before the decimal point (at most 15)",
      "row 5: Date '9999-12-31' is outside the years 2000–2100",
      "row 6: Agent is 5,242,880 characters long; a cell may hold at most 32,767",
    ]);
  });

  it("the Contract Commitment dataset is refused as burn, saying what it is", async () => {
    const outcome = await refused(file("focus-1.3-contract-commitments.csv"));
    expect(outcome.errors[0]?.message).toMatch(/^this is a FOCUS 1\.3 Contract Commitment dataset, not usage/);
  });

  it("another workspace's burn is untouched by all of this", async () => {
    const { contract } = await makeSalesforceContract(b.ownerCtx, { name: "Other tenant" });
    const mine = await importBytes(b.ownerCtx, contract.id, file("salesforce-wallet-daily.csv"));
    expect(mine.status).toBe("succeeded");
    // 2,400 + 300 + 70 + 1,000 = 3,770 credits, whatever A's refused files did
    expect(await consumption(contract.id)).toEqual({ rows: 4, credits: "3770", cost: null });
    // and the import it stored before the refusals is whole
    expect(await consumption(otherContractId)).toEqual({ rows: 4, credits: "3770", cost: null });
  });
});

describe("undo and purchases, with isolation and roles", () => {
  let contractId: string;
  let importId: string;
  beforeAll(async () => {
    ({ contract: { id: contractId } } = await makeSalesforceContract(a.ownerCtx, { name: "Undo" }));
    importId = (await importBytes(a.ownerCtx, contractId, file("shared:virtual_currency_pricing_model_c.csv"))).id;
  });

  it("a manual row can be deleted (audited); an imported row only by rolling its import back", async () => {
    const row = await addBurnRow(editor, { contractId, periodStart: "2026-03-01", credits: "25" });
    await expect(deleteBurnRow(viewer, { contractId, rowId: row.id })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteBurnRow(b.ownerCtx, { contractId, rowId: row.id })).rejects.toMatchObject({ code: "not_found" });
    await deleteBurnRow(editor, { contractId, rowId: row.id });
    expect((await audits(a.ws.id, "burn.delete")).some((l) => (l.details as { rowId?: number }).rowId === row.id)).toBe(true);
    await expect(deleteBurnRow(editor, { contractId, rowId: row.id })).rejects.toMatchObject({ code: "not_found" });
    const other = await makeSalesforceContract(a.ownerCtx, { name: "Imported rows" });
    await importBytes(a.ownerCtx, other.contract.id, file("salesforce-wallet-daily.csv"));
    const [imported] = await t.db.select({ id: burnRows.id }).from(burnRows).where(eq(burnRows.contractId, other.contract.id)).limit(1);
    await expect(deleteBurnRow(editor, { contractId: other.contract.id, rowId: imported?.id ?? 0 })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a purchase of 1,500 tokens for $3,000 becomes a pack of the contract, through the terms", async () => {
    const { purchases } = await listBurnCharges(viewer, { contractId });
    expect(purchases.map((p) => [p.groupLabel, p.credits, p.billedCost, p.periodStart, p.periodEnd])).toEqual([
      ["Token Purchase For Period 1 Overage", "1500", "3000", "2025-04-01", "2025-10-01"],
      ["Token Purchase for Period 1", "25000", "50000", "2025-10-01", "2026-04-01"],
    ]);
    const [overage, period] = purchases;
    await expect(recordPurchase(viewer, { contractId, chargeId: overage?.id ?? 0, as: "pack" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(recordPurchase(b.ownerCtx, { contractId, chargeId: overage?.id ?? 0, as: "pack" })).rejects.toMatchObject({ code: "not_found" });
    await recordPurchase(editor, { contractId, chargeId: overage?.id ?? 0, as: "pack" });
    await recordPurchase(editor, { contractId, chargeId: period?.id ?? 0, as: "allocation" });
    const [c] = await t.db.select({ clauses: contracts.clauses }).from(contracts).where(eq(contracts.id, contractId));
    expect((c?.clauses as { packs?: unknown[] }).packs).toEqual([{ id: `import-${overage?.id}`, credits: "1500", price: "3000", purchaseDate: "2025-04-01", expiresOn: "2025-10-01" }]);
    expect((c?.clauses as { allotments?: unknown[] }).allotments).toEqual([
      { id: `import-${period?.id}`, kind: "allocation", cadence: "term", size: { kind: "fixed", credits: "25000" }, feePerCycle: "50000", from: "2025-10-01", until: "2026-04-01" },
    ]);
    await expect(recordPurchase(editor, { contractId, chargeId: overage?.id ?? 0, as: "pack" })).rejects.toMatchObject({ code: "conflict" });
    expect((await audits(a.ws.id, "contract.terms.update")).length).toBeGreaterThanOrEqual(2);
  });

  it("another workspace cannot roll back, list or see the import; a viewer cannot roll back", async () => {
    await expect(rollbackBurnImport(b.ownerCtx, { contractId, importId })).rejects.toMatchObject({ code: "not_found" });
    await expect(listBurnCharges(b.ownerCtx, { contractId })).rejects.toMatchObject({ code: "not_found" });
    await expect(rollbackBurnImport(viewer, { contractId, importId })).rejects.toMatchObject({ code: "forbidden" });
    // an import id of another contract is not found under this one
    const other = await makeSalesforceContract(a.ownerCtx, { name: "Elsewhere" });
    await expect(rollbackBurnImport(editor, { contractId: other.contract.id, importId })).rejects.toMatchObject({ code: "not_found" });
    const rolled = await rollbackBurnImport(editor, { contractId, importId });
    expect(rolled).toMatchObject({ rowsRemoved: 0, chargesRemoved: 2 });
  });
});
