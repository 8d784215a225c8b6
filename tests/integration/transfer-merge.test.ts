// A workspace file imported where its contracts already are: merged by default (a contract the
// workspace holds keeps its terms, scenarios and briefs and takes only the burn rows it lacks), or
// imported as a copy on request. Matching is by the file's sourceId, inside the caller's workspace only.
import { and, asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { burnRows } from "@/lib/db/schema/burn";
import { contracts, scenarios } from "@/lib/db/schema/contracts";
import { auditLog } from "@/lib/db/schema/workspaces";
import type { WorkspaceCtx } from "@/lib/services/context";
import { createScenario } from "@/lib/services/scenarios/create";
import { describeReport } from "@/lib/services/transfer/import";
import { freshDb, type TestDb } from "./db";
import { makeSalesforceContract, makeWorkspace } from "./factories";
import { exportFile, importFile } from "./transfer-helpers";

let t: TestDb;
let a: Awaited<ReturnType<typeof makeWorkspace>>;
let c1: string;

const CLAUSES = {
  allotments: [{ id: "monthly", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: "500000" }, feePerCycle: "2500" }],
  onExhaustion: { kind: "overage", overage: { price: { kind: "list" } } },
};
const DRIVERS = { licensedSeats: 50, units: [{ unit: "action", actionsPerActiveAgentPerDay: 25 }] };

async function addBurn(ctx: WorkspaceCtx, contractId: string, rows: { rowKey: string; periodStart: string; credits: string }[]) {
  await ctx.db.insert(burnRows).values(rows.map((r) => ({ workspaceId: ctx.workspace.id, contractId, ...r })));
}

async function state(ctx: WorkspaceCtx) {
  const ws = ctx.workspace.id;
  const list = await ctx.db.select({ id: contracts.id, name: contracts.name, originId: contracts.originId }).from(contracts).where(eq(contracts.workspaceId, ws)).orderBy(asc(contracts.createdAt), asc(contracts.id));
  const burn = await ctx.db
    .select({ contract: contracts.name, n: count(), credits: sql<string>`coalesce(sum(${burnRows.credits}), 0)::text` })
    .from(burnRows)
    .innerJoin(contracts, eq(contracts.id, burnRows.contractId))
    .where(eq(burnRows.workspaceId, ws))
    .groupBy(contracts.name)
    .orderBy(asc(contracts.name));
  const [sc] = await ctx.db.select({ n: count() }).from(scenarios).where(eq(scenarios.workspaceId, ws));
  return { contracts: list, burn: burn.map((b) => [b.contract, b.n, b.credits]), scenarios: sc!.n };
}

beforeAll(async () => {
  t = await freshDb();
  a = await makeWorkspace(t.db, "Acme renewals");
  const { contract } = await makeSalesforceContract(a.ownerCtx, { clauses: CLAUSES, drivers: DRIVERS, name: "Acme Agentforce renewal" });
  c1 = contract.id;
  await createScenario(a.ownerCtx, { contractId: c1, name: "Ask: bigger allotment", demand: { source: "drivers" }, clauses: CLAUSES });
  await addBurn(a.ownerCtx, c1, [
    { rowKey: "jan", periodStart: "2026-01-01", credits: "400000.25" },
    { rowKey: "feb", periodStart: "2026-02-01", credits: "450000" },
  ]);
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe("the file says where each contract comes from", () => {
  it("carries each contract's sourceId: its own id here, the original's after an import", async () => {
    const file = await exportFile(a.ownerCtx);
    expect(file.contracts.map((c) => c.sourceId)).toEqual([c1]);
    const b = await makeWorkspace(t.db, "Advisor's copy");
    await importFile(t.db, b.ownerCtx, file);
    const [imported] = (await state(b.ownerCtx)).contracts;
    expect(imported).toMatchObject({ name: "Acme Agentforce renewal", originId: c1 });
    expect(imported!.id).not.toBe(c1);
    // Exported again from there, the contract still names the original.
    expect((await exportFile(b.ownerCtx)).contracts.map((c) => c.sourceId)).toEqual([c1]);
  });
});

describe("merge (the default)", () => {
  it("importing the same file twice leaves one copy; a later file adds only the rows it lacks", async () => {
    const b = await makeWorkspace(t.db, "Procurement");
    const first = await importFile(t.db, b.ownerCtx, await exportFile(a.ownerCtx));
    expect(first.mode).toBe("merge");
    expect(first.contracts.map((c) => [c.name, c.merged ?? false, c.burnRows, c.scenarios])).toEqual([["Acme Agentforce renewal", false, 2, 1]]);
    const after1 = await state(b.ownerCtx);
    expect(after1.burn).toEqual([["Acme Agentforce renewal", 2, "850000.25"]]);

    // the same file again: nothing new
    const again = await importFile(t.db, b.ownerCtx, await exportFile(a.ownerCtx));
    expect(again.contracts.map((c) => [c.id, c.merged, c.burnRows, c.duplicateBurnRows, c.scenarios, c.briefs])).toEqual([[after1.contracts[0]!.id, true, 0, 2, 0, 0]]);
    expect(await state(b.ownerCtx)).toEqual(after1);
    expect(describeReport(again)).toBe(
      "Imported 0 contracts, 0 saved scenarios, 0 burn rows, 0 rate cards and 0 new vendors (reused 1 existing vendor). 1 contract was here already (“Acme Agentforce renewal”): kept as it is, with 0 new burn rows taken from the file.",
    );

    // a month later the source has a new row and a new contract: the merge takes both, and no copy
    await addBurn(a.ownerCtx, c1, [{ rowKey: "mar", periodStart: "2026-03-01", credits: "470000.5" }]);
    await makeSalesforceContract(a.ownerCtx, { clauses: CLAUSES, drivers: DRIVERS, name: "Acme sales agents" });
    const later = await importFile(t.db, b.ownerCtx, await exportFile(a.ownerCtx));
    expect(later.contracts.map((c) => [c.name, c.merged ?? false, c.burnRows, c.duplicateBurnRows])).toEqual([
      ["Acme Agentforce renewal", true, 1, 2],
      ["Acme sales agents", false, 0, 0],
    ]);
    const after3 = await state(b.ownerCtx);
    expect(after3.contracts.map((c) => c.name)).toEqual(["Acme Agentforce renewal", "Acme sales agents"]);
    expect(after3.burn).toEqual([["Acme Agentforce renewal", 3, "1320000.75"]]); // 400,000.25 + 450,000 + 470,000.5
    expect(after3.scenarios).toBe(1);

    // the audit says what happened, in a sentence
    const [audit] = await t.db
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, b.ws.id), eq(auditLog.action, "workspace.import")))
      .orderBy(sql`${auditLog.createdAt} desc`)
      .limit(1);
    expect(audit!.details).toMatchObject({ mode: "merge", contracts: 1, contractsMerged: 1, burnRows: 1 });
  });

  it("a file exported here merges into the contracts it came from, keeping what changed here", async () => {
    const before = await state(a.ownerCtx);
    const file = await exportFile(a.ownerCtx);
    // the file's terms differ from the contract's now: the workspace's own stay
    file.contracts[0]!.contract.name = "Renamed in the file";
    const report = await importFile(t.db, a.ownerCtx, file);
    expect(report.contracts.every((c) => c.merged)).toBe(true);
    expect(report.contracts.map((c) => c.name)).toEqual(["Acme Agentforce renewal", "Acme sales agents"]);
    expect(await state(a.ownerCtx)).toEqual(before);
  });

  it("a contract held in another currency is refused by path, with nothing stored", async () => {
    const b = await makeWorkspace(t.db, "Currency");
    await importFile(t.db, b.ownerCtx, await exportFile(a.ownerCtx));
    const before = await state(b.ownerCtx);
    await b.ownerCtx.db.update(contracts).set({ currency: "EUR" }).where(and(eq(contracts.workspaceId, b.ws.id), eq(contracts.name, "Acme Agentforce renewal")));
    const err = (await importFile(t.db, b.ownerCtx, await exportFile(a.ownerCtx)).catch((e: unknown) => e)) as { code: string; message: string; fieldErrors: Record<string, string[]> };
    expect(err.code).toBe("invalid");
    expect(err.fieldErrors["contracts[0].contract.currency"]![0]).toBe(
      "this workspace already holds this contract as “Acme Agentforce renewal”, in EUR; the file has it in USD, so its burn cannot be merged. Import the file as a copy instead.",
    );
    expect(await state(b.ownerCtx)).toEqual(before);
  });

  it("never matches another workspace's contract: a file naming one is imported as new", async () => {
    // c1 is a contract of workspace a; a workspace that never held it gets its own
    const c = await makeWorkspace(t.db, "Stranger");
    const report = await importFile(t.db, c.ownerCtx, await exportFile(a.ownerCtx));
    expect(report.contracts.map((x) => x.merged ?? false)).toEqual([false, false]);
    // and workspace a is untouched by it
    const [n] = await t.db.select({ n: count() }).from(contracts).where(eq(contracts.workspaceId, a.ws.id));
    expect(n!.n).toBe(2);
  });

  it("refuses a file in which two contracts claim one source", async () => {
    const file = await exportFile(a.ownerCtx);
    file.contracts[1]!.sourceId = file.contracts[0]!.sourceId;
    const b = await makeWorkspace(t.db, "Twice");
    const err = (await importFile(t.db, b.ownerCtx, file).catch((e: unknown) => e)) as { code: string; fieldErrors: Record<string, string[]> };
    expect(err.code).toBe("invalid");
    expect(err.fieldErrors["contracts[1].sourceId"]).toEqual(["is the sourceId of contracts[0] too: each contract of a file is a different contract"]);
  });

  it("a file of an earlier version, without sourceIds, is imported as new contracts every time", async () => {
    const file = await exportFile(a.ownerCtx);
    for (const c of file.contracts) delete c.sourceId;
    const b = await makeWorkspace(t.db, "Older files");
    await importFile(t.db, b.ownerCtx, file);
    const report = await importFile(t.db, b.ownerCtx, file);
    expect(report.contracts.map((x) => [x.name, x.merged ?? false])).toEqual([
      ["Acme Agentforce renewal", false],
      ["Acme sales agents", false],
    ]);
    expect((await state(b.ownerCtx)).contracts.map((c) => [c.name, c.originId])).toEqual([
      ["Acme Agentforce renewal", null],
      ["Acme sales agents", null],
      ["Acme Agentforce renewal", null],
      ["Acme sales agents", null],
    ]);
  });
});

describe("import as a copy", () => {
  it("creates every contract again, named as a copy where the name is taken, with no origin", async () => {
    const b = await makeWorkspace(t.db, "Copies");
    await importFile(t.db, b.ownerCtx, await exportFile(a.ownerCtx));
    const report = await importFile(t.db, b.ownerCtx, await exportFile(a.ownerCtx), "copy");
    expect(report.mode).toBe("copy");
    expect(report.contracts.map((c) => [c.name, c.merged ?? false, c.burnRows])).toEqual([
      ["Acme Agentforce renewal (copy)", false, 3],
      ["Acme sales agents (copy)", false, 0],
    ]);
    expect(describeReport(report)).toMatch(/^Imported as a copy: 2 contracts, 1 saved scenario, 3 burn rows, /);
    const third = await importFile(t.db, b.ownerCtx, await exportFile(a.ownerCtx), "copy");
    expect(third.contracts.map((c) => c.name)).toEqual(["Acme Agentforce renewal (copy 2)", "Acme sales agents (copy 2)"]);
    const s = await state(b.ownerCtx);
    expect(s.contracts.map((c) => [c.name, c.originId])).toEqual([
      ["Acme Agentforce renewal", c1],
      ["Acme sales agents", expect.any(String)],
      ["Acme Agentforce renewal (copy)", null],
      ["Acme sales agents (copy)", null],
      ["Acme Agentforce renewal (copy 2)", null],
      ["Acme sales agents (copy 2)", null],
    ]);
    // a merge afterwards still matches the first import, not a copy
    const merged = await importFile(t.db, b.ownerCtx, await exportFile(a.ownerCtx));
    expect(merged.contracts.map((c) => [c.id, c.merged])).toEqual([
      [s.contracts[0]!.id, true],
      [s.contracts[1]!.id, true],
    ]);
  });
});
