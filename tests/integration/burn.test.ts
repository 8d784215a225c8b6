// Observed burn: file imports (all or nothing, idempotent), manual entry, totals, and who may do what.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/db/schema/workspaces";
import { burnImports, burnRows } from "@/lib/db/schema/burn";
import type { UsageMapping } from "@/lib/import/mapping";
import type { WorkspaceCtx } from "@/lib/services/context";
import { createContract } from "@/lib/services/contracts/create";
import { addBurnRow } from "@/lib/services/burn/add-row";
import { burnChartData } from "@/lib/services/burn/chart";
import { getBurnImport, listBurnImports } from "@/lib/services/burn/get-import";
import { importBurnFile, type ImportFileInput } from "@/lib/services/burn/import-file";
import { listBurnRows } from "@/lib/services/burn/list-rows";
import { previewBurnFile } from "@/lib/services/burn/preview";
import { burnTotals } from "@/lib/services/burn/totals";
import { openBurnWriter } from "@/lib/services/burn/copy";
import { driverOf, executeRows } from "@/lib/services/burn/raw";
import type { UsageRow } from "@/lib/import/types";
import { runForecastJob } from "@/lib/services/forecast/recompute";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";

const FOCUS_DIR = path.resolve(import.meta.dirname, "../../../shared/data/focus");

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

const MAPPING: UsageMapping = {
  columns: { periodStart: "Usage Date", agent: "Agent", meteredUnit: "Skill", environment: "Org Type", actions: "Actions", credits: "Flex Credits", cost: "Cost" },
  currency: "USD",
};
const HEADER = "Usage Date,Agent,Skill,Org Type,Actions,Flex Credits,Cost";
/** Six good rows over two months; row numbers as a spreadsheet shows them (header = 1). */
const GOOD = [
  "1/5/2026,Service Agent,Answer Question,Production,100,\"2,000\",10.00", // row 2
  "1/20/2026,Service Agent,Draft Email,Production,50,1000,5.00", // row 3
  "1/21/2026,SDR Agent,Answer Question,Full Copy Sandbox,25,500,", // row 4: cost missing
  "2/3/2026,Service Agent,Answer Question,Production,120,2400,12.00", // row 5
  "2/14/2026,SDR Agent,Draft Email,UAT,10,200.5,1.0025", // row 6
  "2/28/2026,Service Agent,Answer Question,Production,80,1600,8.00", // row 7
];
const goodCsv = () => [HEADER, ...GOOD].join("\n") + "\n";
/** The same file with two bad rows: a credits value that is not a number (row 3) and a bad date (row 6). */
const badCsv = () =>
  [HEADER, GOOD[0], "1/20/2026,Service Agent,Draft Email,Production,50,lots,5.00", GOOD[2], GOOD[3], "2/31/2026,SDR Agent,Draft Email,UAT,10,200.5,1.0025", GOOD[5]].join("\n") + "\n";

function input(ctx: WorkspaceCtx, contractId: string, over: Partial<ImportFileInput> = {}): ImportFileInput {
  return { contractId, importId: crypto.randomUUID(), fileName: "usage.csv", format: "csv", mapping: MAPPING, ...over };
}

function importText(ctx: WorkspaceCtx, contractId: string, text: string | Buffer, over: Partial<ImportFileInput> = {}) {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  return importBurnFile(ctx, { ...input(ctx, contractId, over), totalBytes: bytes.length, ...over }, Readable.from([bytes]));
}

async function countRows(contractId: string): Promise<number> {
  const [r] = await t.db.select({ n: sql<number>`count(*)::int` }).from(burnRows).where(eq(burnRows.contractId, contractId));
  return Number(r?.n ?? 0);
}
/** Imports left "running" anywhere in the database: none, once an import has returned. */
async function stagingLeft(): Promise<number> {
  const [r] = await t.db.select({ n: sql<number>`count(*)::int` }).from(burnImports).where(eq(burnImports.status, "running"));
  return Number(r?.n ?? 0);
}

describe("FOCUS files", () => {
  it("import without a mapping, with exact credit values (245 + 10 + 360 = 615)", async () => {
    const { contract } = await makeSalesforceContract(a.ownerCtx, { name: "FOCUS contract" });
    const file = path.join(FOCUS_DIR, "virtual_currency_pricing_model_a2.csv");
    const outcome = await importBurnFile(
      a.ownerCtx,
      { contractId: contract.id, importId: crypto.randomUUID(), fileName: "a2.csv", format: "csv", totalBytes: statSync(file).size },
      Readable.from([readFileSync(file)]),
    );
    expect(outcome.status).toBe("succeeded");
    expect(outcome.summary?.kind).toBe("focus");
    expect(outcome.summary?.focus?.version).toBe("1.2");
    expect(outcome.summary?.dates?.order).toBe("mdy");
    expect([outcome.rowsRead, outcome.rowsInserted, outcome.rowsDuplicate]).toEqual([3, 3, 0]);
    const rows = await t.db
      .select({ agent: burnRows.agent, unit: burnRows.unit, actions: burnRows.actions, credits: burnRows.credits, cost: burnRows.cost, currency: burnRows.currency, periodStart: burnRows.periodStart, extras: burnRows.extras })
      .from(burnRows)
      .where(eq(burnRows.contractId, contract.id))
      .orderBy(burnRows.credits);
    expect(rows.map((r) => [r.agent, r.unit, r.actions, r.credits, r.cost, r.currency, r.periodStart])).toEqual([
      ["Alpha Widget", "Token Consumption - Z Widget SKU", "5", "10", "20", "USD", "2025-04-01"],
      ["Alpha Widget", "Token Consumption - Q Widget SKU", "245", "245", "490", "USD", "2025-04-01"],
      ["Beta Workflow", "Token Consumption - Workflow SKU", "120", "360", "720", "USD", "2025-04-01"],
    ]);
    // FOCUS columns are kept beside the normalised fields; "not applicable" (empty) is left out, not 0.
    const focus = (rows[0]?.extras as { focus: Record<string, string> }).focus;
    expect(focus.pricingCurrency).toBe("Token");
    expect(focus).not.toHaveProperty("chargeClass");
    const totals = await burnTotals(a.ownerCtx, { contractId: contract.id, by: "period" });
    expect(totals.groups).toEqual([{ key: "2025-04-01", rows: 3, actions: "370", credits: "615", cost: "1230" }]);
  });
});

describe("all or nothing, and no double counting", () => {
  let contractId: string;
  beforeAll(async () => {
    ({ contract: { id: contractId } } = await makeSalesforceContract(editor, { name: "Mapped contract" }));
  });

  it("refuses a file with two bad rows, naming both, and stores nothing", async () => {
    const before = await countRows(contractId);
    const outcome = await importText(editor, contractId, badCsv());
    expect(outcome.status).toBe("failed");
    expect(outcome.errors.map((e) => e.row)).toEqual([3, 6]);
    expect(outcome.errors[0]?.message).toMatch(/row 3: Flex Credits 'lots' is not a number/);
    expect(outcome.errors[1]?.message).toMatch(/row 6: Usage Date '2\/31\/2026' is not a date/);
    expect(outcome.errorCount).toBe(2);
    expect(outcome.rowsInserted).toBe(0);
    expect(await countRows(contractId)).toBe(before);
    expect(await stagingLeft()).toBe(0);
    const stored = await getBurnImport(viewer, { contractId, importId: outcome.id });
    expect(stored.status).toBe("failed");
    expect(stored.errors.map((e) => e.row)).toEqual([3, 6]);
  });

  it("stores the fixed file once; importing it again reports every row as already stored", async () => {
    const first = await importText(editor, contractId, goodCsv());
    expect(first.status).toBe("succeeded");
    expect([first.rowsRead, first.rowsInserted, first.rowsDuplicate]).toEqual([6, 6, 0]);
    const second = await importText(editor, contractId, goodCsv());
    expect(second.status).toBe("succeeded");
    expect([second.rowsRead, second.rowsInserted, second.rowsDuplicate]).toEqual([6, 0, 6]);
    expect(await countRows(contractId)).toBe(6);
    expect(await stagingLeft()).toBe(0);
    // the same file with one more row adds only that row
    const third = await importText(editor, contractId, goodCsv() + "3/1/2026,Service Agent,Answer Question,Production,1,20,0.10\n");
    expect([third.rowsInserted, third.rowsDuplicate]).toEqual([1, 6]);
    expect(await countRows(contractId)).toBe(7);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, a.ws.id), eq(auditLog.action, "burn.import")));
    expect(audits.length).toBeGreaterThanOrEqual(3);
    const imports = await listBurnImports(viewer, { contractId });
    expect(imports[0]?.id).toBe(third.id);
    expect(imports.map((i) => i.status)).toEqual(["succeeded", "succeeded", "succeeded", "failed"]);
  });

  it("keeps missing values as null, never 0", async () => {
    const [row] = await t.db
      .select({ cost: burnRows.cost, credits: burnRows.credits, environment: burnRows.environment })
      .from(burnRows)
      .where(and(eq(burnRows.contractId, contractId), eq(burnRows.agent, "SDR Agent"), eq(burnRows.periodStart, "2026-01-21")));
    expect(row).toEqual({ cost: null, credits: "500", environment: "nonProduction" });
  });

  it("totals by period, agent, unit and environment, exactly", async () => {
    const byPeriod = await burnTotals(viewer, { contractId, by: "period" });
    // January: 2000 + 1000 + 500 = 3500 credits; 10 + 5 (+ missing) = 15 USD
    // February: 2400 + 200.5 + 1600 = 4200.5 credits; 12 + 1.0025 + 8 = 21.0025 USD; March: 20 credits, 0.1 USD
    expect(byPeriod.groups).toEqual([
      { key: "2026-01-01", rows: 3, actions: "175", credits: "3500", cost: "15" },
      { key: "2026-02-01", rows: 3, actions: "210", credits: "4200.5", cost: "21.0025" },
      { key: "2026-03-01", rows: 1, actions: "1", credits: "20", cost: "0.1" },
    ]);
    expect(byPeriod.total).toEqual({ key: null, rows: 7, actions: "386", credits: "7720.5", cost: "36.1025" });
    const byAgent = await burnTotals(viewer, { contractId, by: "agent" });
    // Service Agent: 2000 + 1000 + 2400 + 1600 + 20 = 7020; SDR Agent: 500 + 200.5 = 700.5
    expect(byAgent.groups.map((g) => [g.key, g.credits, g.cost])).toEqual([
      ["Service Agent", "7020", "35.1"],
      ["SDR Agent", "700.5", "1.0025"],
    ]);
    const byUnit = await burnTotals(viewer, { contractId, by: "unit" });
    // Answer Question: 2000 + 500 + 2400 + 1600 + 20 = 6520; Draft Email: 1000 + 200.5 = 1200.5
    expect(byUnit.groups.map((g) => [g.key, g.rows, g.credits])).toEqual([
      ["Answer Question", 5, "6520"],
      ["Draft Email", 2, "1200.5"],
    ]);
    const byEnv = await burnTotals(viewer, { contractId, by: "environment" });
    // non-production: 500 (Full Copy Sandbox) + 200.5 (UAT) = 700.5
    expect(byEnv.groups.map((g) => [g.key, g.credits])).toEqual([
      ["production", "7020"],
      ["nonProduction", "700.5"],
    ]);
  });

  it("lists rows page by page, newest period first", async () => {
    const page = await listBurnRows(viewer, { contractId, page: 1, pageSize: 10 });
    expect(page.total).toBe(7);
    expect(page.rows[0]?.periodStart).toBe("2026-03-01");
  });

  it("charts: the engine's forecast with its band, and the skill mix from SQL sums", async () => {
    // the chart reads the stored forecast of record: compute it as the job would
    await runForecastJob(t.db, { workspaceId: a.ws.id, contractId, key: "test" });
    const chart = await burnChartData(viewer, { contractId });
    expect(chart.quantity).toBe("credits");
    const march = chart.points.find((p) => p.label === "2026-03");
    expect(march?.observed).toBe("20");
    const april = chart.points.find((p) => p.label === "2026-04");
    expect(april?.point).not.toBeNull();
    expect(Number(april?.low)).toBeLessThanOrEqual(Number(april?.point));
    expect(Number(april?.high)).toBeGreaterThanOrEqual(Number(april?.point));
    expect(chart.mix.units.sort()).toEqual(["Answer Question", "Draft Email"]);
    expect(chart.mix.rows.find((r) => r.label === "2026-02-01")?.credits).toEqual({ "Answer Question": "4000", "Draft Email": "200.5" });
  });

  it("refuses a truncated upload and stores nothing", async () => {
    const before = await countRows(contractId);
    const text = goodCsv().replace("1/5/2026", "1/6/2026");
    const outcome = await importBurnFile(editor, { ...input(editor, contractId), totalBytes: text.length + 100 }, Readable.from([Buffer.from(text)]));
    expect(outcome.status).toBe("failed");
    expect(outcome.errors[0]?.message).toMatch(/upload ended/);
    expect(await countRows(contractId)).toBe(before);
    expect(await stagingLeft()).toBe(0);
  });

  it("the same import id cannot be used twice", async () => {
    const id = crypto.randomUUID();
    await importText(editor, contractId, goodCsv(), { importId: id });
    await expect(importText(editor, contractId, goodCsv(), { importId: id })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("large files", () => {
  it("streams many batches through one COPY, and commits them all", async () => {
    const { contract } = await makeSalesforceContract(b.ownerCtx, { name: "Big" });
    const lines = [HEADER];
    for (let i = 0; i < 12_345; i++) lines.push(`${(i % 12) + 1}/${(i % 28) + 1}/2026,Agent ${i % 37},Answer Question,Production,${i % 50},${(i % 50) * 20},`);
    const bytes = Buffer.from(lines.join("\n") + "\n");
    // handed over in small chunks, as a network upload arrives
    const chunks: Buffer[] = [];
    for (let o = 0; o < bytes.length; o += 16_384) chunks.push(bytes.subarray(o, o + 16_384));
    const outcome = await importBurnFile(b.ownerCtx, { ...input(b.ownerCtx, contract.id), totalBytes: bytes.length }, Readable.from(chunks));
    expect(outcome.status).toBe("succeeded");
    expect([outcome.rowsRead, outcome.rowsInserted, outcome.bytesDone, outcome.fraction]).toEqual([12_345, 12_345, bytes.length, 1]);
    expect(await countRows(contract.id)).toBe(12_345);
    expect(await stagingLeft()).toBe(0);
    const [imp] = await t.db.select({ sha: burnImports.fileSha256 }).from(burnImports).where(eq(burnImports.id, outcome.id));
    expect(imp?.sha).toMatch(/^[0-9a-f]{64}$/);
  });

  it("imports XLSX workbooks", async () => {
    const { contract } = await makeSalesforceContract(b.ownerCtx, { name: "Workbook" });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Usage");
    ws.addRow(["Usage Date", "Agent", "Skill", "Org Type", "Actions", "Flex Credits", "Cost"]);
    ws.addRow([new Date(Date.UTC(2026, 0, 5)), "Service Agent", "Answer Question", "Production", 100, 2000, 10]).getCell(1).numFmt = "yyyy-mm-dd";
    ws.addRow([new Date(Date.UTC(2026, 1, 5)), "Service Agent", "Answer Question", "Production", 120, 2400.25, null]).getCell(1).numFmt = "yyyy-mm-dd";
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const outcome = await importText(b.ownerCtx, contract.id, bytes, { format: "xlsx", fileName: "usage.xlsx" });
    expect(outcome.errors).toEqual([]);
    expect(outcome.status).toBe("succeeded");
    const totals = await burnTotals(b.ownerCtx, { contractId: contract.id, by: "period" });
    expect(totals.groups.map((g) => [g.key, g.credits, g.cost])).toEqual([
      ["2026-01-01", "2000", "10"],
      ["2026-02-01", "2400.25", null],
    ]);
  });
});

describe("the bulk writer's foreign keys", () => {
  const usageRow = (rowKey: string): UsageRow => ({
    sourceRow: 2, rowKey, periodStart: "2026-01-01", periodEnd: null, agent: "Service Agent", meteredUnit: "Answer Question", environment: "production",
    actions: "10", credits: "200", cost: null, currency: "USD", quantity: null, quantityUnit: null, billedCost: null, category: "usage", groupLabel: "",
    excluded: false, correction: false, scope: null, spread: null, vendor: null, focus: null,
  });
  async function running(ctx: WorkspaceCtx, contractId: string): Promise<string> {
    const [imp] = await t.db.insert(burnImports).values({ workspaceId: ctx.workspace.id, contractId, fileName: "bulk.csv", fileSha256: "", format: "csv" }).returning({ id: burnImports.id });
    return imp!.id;
  }

  it("writes nothing for a contract outside the target's workspace, on either database", async () => {
    const { contract } = await makeSalesforceContract(b.ownerCtx, { name: "Elsewhere" });
    const importId = await running(b.ownerCtx, contract.id);
    // workspace A's id with workspace B's contract: the (workspace, contract) key references no contract
    const write = t.db.transaction(async (tx) => {
      const w = openBurnWriter(tx as unknown as typeof t.db, { workspaceId: a.ws.id, contractId: contract.id, importId });
      try {
        await w.rows([usageRow("k1"), usageRow("k2")]);
        await w.finish();
      } catch (e) {
        await w.abort();
        throw e;
      }
    });
    // PGlite checks the keys once before its COPYs; PostgreSQL checks each row at the COPY's end,
    // which postgres.js does not report (porsager/postgres#1173): the writer notices, and does not hang
    await expect(write).rejects.toThrow(driverOf(t.db) === "pglite" ? `contract ${contract.id} is not in workspace ${a.ws.id}` : /the database refused the rows when the COPY ended/);
    expect(await countRows(contract.id)).toBe(0);
    await t.db.update(burnImports).set({ status: "failed" }).where(eq(burnImports.id, importId));
  });

  it("checks every row's foreign keys again once the COPYs are done, within the same transaction", async () => {
    const { contract } = await makeSalesforceContract(b.ownerCtx, { name: "Bulk" });
    const importId = await running(b.ownerCtx, contract.id);
    const after = await t.db.transaction(async (tx) => {
      const w = openBurnWriter(tx as unknown as typeof t.db, { workspaceId: b.ws.id, contractId: contract.id, importId });
      await w.rows([usageRow("k1"), usageRow("k2")]);
      await w.finish();
      const [role] = await executeRows<{ session_replication_role: string }>(tx as unknown as typeof t.db, sql`show session_replication_role`);
      // a row of workspace A's id for B's contract, written after the COPYs: refused by the foreign key
      // (in a nested transaction, a savepoint: its failure leaves the outer one usable)
      const stray = await tx
        .transaction((sp) => sp.execute(sql`insert into burn_rows (workspace_id, contract_id, row_key, period_start) values (${a.ws.id}, ${contract.id}, 'stray', '2026-01-01')`))
        .then(() => "stored", (e: unknown) => String((e as { cause?: unknown }).cause ?? e));
      return { role: role?.session_replication_role, stray };
    });
    expect(after.role).toBe("origin");
    expect(after.stray).toMatch(/burn_rows_contract_fk/);
    expect(await countRows(contract.id)).toBe(2);
    await t.db.update(burnImports).set({ status: "succeeded" }).where(eq(burnImports.id, importId));
  });
});

describe("column mappings are remembered per vendor", () => {
  it("proposes the vendor's last mapping, and only for that vendor", async () => {
    const { contract, vendor } = await makeSalesforceContract(a.ownerCtx, { name: "Remembered" });
    const renamed: UsageMapping = { ...MAPPING, columns: { ...MAPPING.columns, credits: "Burned" } };
    const csv = goodCsv().replace("Flex Credits", "Burned");
    const guessed = await previewBurnFile(a.ownerCtx, { contractId: contract.id, format: "csv" }, Readable.from([Buffer.from(csv)]));
    expect(guessed.mappingSource).toBe("suggested");
    expect(guessed.preview.dates.order).toBe("mdy");
    const done = await importText(a.ownerCtx, contract.id, csv, { mapping: renamed });
    expect(done.status).toBe("succeeded");
    const again = await previewBurnFile(a.ownerCtx, { contractId: contract.id, format: "csv" }, Readable.from([Buffer.from(csv)]));
    expect(again.mappingSource).toBe("remembered");
    expect(again.preview.mapping.columns).toEqual(renamed.columns);
    expect(again.preview.numbers.thousandsSeparator).toBe(",");
    expect(again.preview.normalised[0]?.credits).toBe("2000");
    // a contract of another vendor in the same workspace gets a guess, not this vendor's mapping
    const other = await createContract(a.ownerCtx, {
      fields: { name: "Workday", vendorId: vendor.id, product: "", currency: "USD", termStart: "2026-01-01", termEnd: "2027-01-01", renewalDate: "", noticeDays: "", fixedLines: [] },
      newVendorName: "Workday",
      rateCard: { kind: "template", templateId: "salesforce-agentforce-flex-credits-2025-05-15" },
    });
    const elsewhere = await previewBurnFile(a.ownerCtx, { contractId: other.id, format: "csv" }, Readable.from([Buffer.from(csv)]));
    expect(elsewhere.mappingSource).toBe("suggested");
  });
});

describe("manual entry", () => {
  it("adds a row with missing values kept null, and validates", async () => {
    const { contract } = await makeSalesforceContract(b.ownerCtx, { name: "Manual" });
    const row = await addBurnRow(b.ownerCtx, { contractId: contract.id, periodStart: "2026-03-01", agent: "Service Agent", unit: "", credits: "1250.50", actions: "" });
    expect([row.credits, row.actions, row.cost, row.unit, row.rowKey.startsWith("manual:")]).toEqual(["1250.5", null, null, null, true]);
    await expect(addBurnRow(b.ownerCtx, { contractId: contract.id, periodStart: "2026-03-01" })).rejects.toThrow(/actions, credits or cost/);
    await expect(addBurnRow(b.ownerCtx, { contractId: contract.id, periodStart: "2026-02-30", credits: "1" })).rejects.toThrow(/calendar date/);
    const totals = await burnTotals(b.ownerCtx, { contractId: contract.id, by: "agent" });
    expect(totals.groups).toEqual([{ key: "Service Agent", rows: 1, actions: null, credits: "1250.5", cost: null }]);
  });
});

describe("isolation and roles", () => {
  let contractId: string;
  beforeAll(async () => {
    ({ contract: { id: contractId } } = await makeSalesforceContract(a.ownerCtx, { name: "Private" }));
  });

  it("another workspace's contract is not found for import, preview, read and totals", async () => {
    const outsider = b.ownerCtx;
    await expect(importText(outsider, contractId, goodCsv())).rejects.toMatchObject({ code: "not_found" });
    await expect(previewBurnFile(outsider, { contractId, format: "csv" }, Readable.from([Buffer.from(goodCsv())]))).rejects.toMatchObject({ code: "not_found" });
    await expect(burnTotals(outsider, { contractId, by: "period" })).rejects.toMatchObject({ code: "not_found" });
    await expect(listBurnRows(outsider, { contractId })).rejects.toMatchObject({ code: "not_found" });
    await expect(listBurnImports(outsider, { contractId })).rejects.toMatchObject({ code: "not_found" });
    await expect(addBurnRow(outsider, { contractId, periodStart: "2026-01-01", credits: "1" })).rejects.toMatchObject({ code: "not_found" });
    const mine = await importText(a.ownerCtx, contractId, goodCsv());
    await expect(getBurnImport(outsider, { contractId, importId: mine.id })).rejects.toMatchObject({ code: "not_found" });
    expect(await countRows(contractId)).toBe(6);
  });

  it("a viewer reads burn but cannot import, preview or add rows", async () => {
    await expect(importText(viewer, contractId, goodCsv())).rejects.toMatchObject({ code: "forbidden" });
    await expect(previewBurnFile(viewer, { contractId, format: "csv" }, Readable.from([Buffer.from(goodCsv())]))).rejects.toMatchObject({ code: "forbidden" });
    await expect(addBurnRow(viewer, { contractId, periodStart: "2026-01-01", credits: "1" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await burnTotals(viewer, { contractId, by: "unit" })).total.rows).toBe(6);
    expect(await stagingLeft()).toBe(0);
  });
});
