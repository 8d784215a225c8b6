// The workspace archive: its format, an export → import round trip of many burn rows with exact
// figures, the one-export-per-workspace lease, refusals made by the request without the engine,
// the background job, and other workspaces kept out.
import { asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { briefs, briefVersions } from "@/lib/db/schema/briefs";
import { burnRows } from "@/lib/db/schema/burn";
import { contracts } from "@/lib/db/schema/contracts";
import { workspaceExportLeases, workspaceImportChunks, workspaceImports } from "@/lib/db/schema/transfer";
import { createBrief } from "@/lib/services/briefs/create";
import type { WorkspaceCtx } from "@/lib/services/context";
import { createContract } from "@/lib/services/contracts/create";
import { createRateCard } from "@/lib/services/ratecards/create";
import { createScenario } from "@/lib/services/scenarios/create";
import { burnPages } from "@/lib/services/transfer/export";
import { runTransferImportJob } from "@/lib/services/transfer/job";
import { acquireExportLease, ExportBusy } from "@/lib/services/transfer/lease";
import { getWorkspaceImport, latestWorkspaceImport, receiveWorkspaceFile } from "@/lib/services/transfer/receive";
import { createVendor } from "@/lib/services/vendors/create";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";
import { exportBytes, exportFile, importBytes, readArchive } from "./transfer-helpers";

// Every engine run of the import is counted: the request must refuse (or accept) a file without one.
const engine = vi.hoisted(() => ({ runs: 0 }));
vi.mock("@/lib/engine/model/evaluate", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/engine/model/evaluate")>();
  return {
    ...real,
    evaluateParsedModel: (...args: Parameters<typeof real.evaluateParsedModel>) => {
      engine.runs += 1;
      return real.evaluateParsedModel(...args);
    },
    evaluateModel: (...args: Parameters<typeof real.evaluateModel>) => {
      engine.runs += 1;
      return real.evaluateModel(...args);
    },
  };
});

let t: TestDb;
let a: Awaited<ReturnType<typeof makeWorkspace>>;
let sfId: string;
/** rows of the Salesforce contract, and of the Workday one */
const SF_ROWS = 12_345;
const WD_ROWS = 3;

async function* chunks(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function burnFigures(ctx: WorkspaceCtx) {
  const [r] = await ctx.db
    .select({ n: count(), credits: sql<string>`coalesce(sum(${burnRows.credits}), 0)::text`, actions: sql<string>`coalesce(sum(${burnRows.actions}), 0)::text`, cost: sql<string>`coalesce(sum(${burnRows.cost}), 0)::text` })
    .from(burnRows)
    .where(eq(burnRows.workspaceId, ctx.workspace.id));
  return r!;
}

async function importRows(ctx: WorkspaceCtx) {
  return ctx.db.select().from(workspaceImports).where(eq(workspaceImports.workspaceId, ctx.workspace.id));
}

beforeAll(async () => {
  t = await freshDb();
  a = await makeWorkspace(t.db, "Archive estate");
  const ctx = a.ownerCtx;
  const { contract: sf } = await makeSalesforceContract(ctx, { drivers: { licensedSeats: 50, units: [{ unit: "action", actionsPerActiveAgentPerDay: 25 }] } });
  sfId = sf.id;
  const vendorAsk = await createScenario(ctx, { contractId: sf.id, name: "Vendor proposal", demand: { source: "drivers" }, clauses: {} });
  const ask = await createScenario(ctx, { contractId: sf.id, name: "Our asks", demand: { source: "drivers" }, clauses: { discount: { kind: "flat", pct: "10" } } });
  await createBrief(ctx, { contractId: sf.id, title: "Counter-proposal", settings: { vendorScenarioId: vendorAsk.id, asksScenarioId: ask.id, walkAwayScenarioId: null, horizonPeriods: 12, seed: 42, paths: 200 } });
  // Row i (1…12,345): credits "i.25", actions i, cost "0.5", over twelve months; keys sort as text.
  await t.db.execute(sql`
    insert into burn_rows (workspace_id, contract_id, row_key, period_start, agent, unit, environment, actions, credits, cost, currency)
    select ${ctx.workspace.id}::uuid, ${sf.id}::uuid, 'row-' || i, date '2026-01-01' + ((i % 12) * interval '1 month'), 'Agent ' || (i % 7), 'action', 'production', i, (i || '.25')::numeric, 0.5, 'USD'
    from generate_series(1, ${SF_ROWS}) as i`);

  const workday = await createVendor(ctx, { name: "Workday", product: "Workday Flex Credits" });
  const { version: wv } = await createRateCard(ctx, {
    name: "Workday Flex (contract)",
    vendorId: workday.id,
    currency: "EUR",
    version: { effectiveFrom: "2025-07-01", units: [{ id: "retrieval", name: "Retrieval", creditsPerUnit: "1" }], creditPrice: { kind: "direct", pricePerCredit: "0.01" } },
  });
  const wd = await createContract(ctx, {
    fields: { name: "Workday FY26", vendorId: workday.id, currency: "EUR", termStart: "2025-07-01", termEnd: "2026-07-01", granularity: "month" },
    rateCard: { kind: "version", versionId: wv.id },
    clauses: {},
  });
  await t.db.insert(burnRows).values([
    { workspaceId: ctx.workspace.id, contractId: wd.id, rowKey: "wd-a", periodStart: "2025-07-01", cost: "310.20", currency: "EUR", extras: { note: "a" } },
    { workspaceId: ctx.workspace.id, contractId: wd.id, rowKey: "wd-b", periodStart: "2025-08-01", cost: "295", currency: "EUR" },
    { workspaceId: ctx.workspace.id, contractId: wd.id, rowKey: "wd-c", periodStart: "2025-09-01", cost: "330.75", currency: "EUR" },
  ]);
}, 120_000);
afterAll(() => t.close());
beforeEach(() => {
  engine.runs = 0;
});

describe("the archive", () => {
  it("is workspace.json, one NDJSON part per contract, then end.json with each part's row count", async () => {
    const bytes = await exportBytes(a.ownerCtx, { pageRows: 1000 });
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const archive = await readArchive(bytes);
    expect(archive.names).toEqual(["workspace.json", "burn/0001.ndjson", "burn/0002.ndjson", "end.json"]);
    expect(archive.manifest).toMatchObject({ format: "renewal-workbench/workspace", version: 2, workspace: { name: "Archive estate" } });
    expect(archive.manifest.contracts.map((c) => [c.contract.name, c.burnPart, c.burn])).toEqual([
      ["Acme Agentforce renewal", "burn/0001.ndjson", undefined],
      ["Workday FY26", "burn/0002.ndjson", undefined],
    ]);
    expect(archive.summary).toEqual({ format: "renewal-workbench/workspace", parts: { "burn/0001.ndjson": SF_ROWS, "burn/0002.ndjson": WD_ROWS } });
    const sf = archive.parts.get("burn/0001.ndjson")!;
    expect(sf).toHaveLength(SF_ROWS);
    // Keyset pages by row key: every row once, in key order.
    expect(new Set(sf.map((r) => r.rowKey)).size).toBe(SF_ROWS);
    expect(sf.map((r) => r.rowKey)).toEqual([...sf.map((r) => r.rowKey as string)].sort());
    expect(sf.find((r) => r.rowKey === "row-12")).toEqual({
      rowKey: "row-12", periodStart: "2026-01-01", periodEnd: null, agent: "Agent 5", unit: "action", environment: "production", actions: "12", credits: "12.25", cost: "0.5", currency: "USD", extras: null,
    });
    expect(archive.parts.get("burn/0002.ndjson")!.map((r) => [r.rowKey, r.cost, r.extras])).toEqual([
      ["wd-a", "310.20", { note: "a" }],
      ["wd-b", "295", null],
      ["wd-c", "330.75", null],
    ]);
    // The export is audited once, with its counts.
    const audits = await t.db.execute(sql`select details from audit_log where workspace_id = ${a.ws.id} and action = 'workspace.export' order by created_at desc limit 1`);
    const details = ((Array.isArray(audits) ? audits : (audits as { rows: unknown[] }).rows)[0] as { details: Record<string, number> }).details;
    expect(details).toEqual({ vendors: 2, contracts: 2, burnRows: SF_ROWS + WD_ROWS, briefs: 1 });
  });

  it("pages a contract's rows without repeating or losing one, and never another contract's", async () => {
    const seen: number[] = [];
    let total = 0;
    for await (const page of burnPages(a.ownerCtx, sfId, 5000)) {
      seen.push(page.length);
      total += page.length;
    }
    expect(seen).toEqual([5000, 5000, 2345]);
    expect(total).toBe(SF_ROWS);
    const other = await makeWorkspace(t.db, "Other");
    const leaked: unknown[] = [];
    for await (const page of burnPages(other.ownerCtx, sfId)) leaked.push(...page);
    expect(leaked).toEqual([]);
  });
});

describe("round trip", () => {
  it("exports and imports back: the same row count, the same sums to the cent, the same contracts and briefs", async () => {
    const before = await burnFigures(a.ownerCtx);
    // Σ i for i = 1…12,345 is 76,205,685; plus 0.25 a row: 76,208,771.25 credits. Workday rows carry costs only.
    expect(before).toEqual({ n: SF_ROWS + WD_ROWS, credits: "76208771.25", actions: "76205685", cost: "7108.45" }); // 12,345 × 0.5 + 310.20 + 295 + 330.75
    const bytes = await exportBytes(a.ownerCtx, { pageRows: 2000 });
    const fresh = await makeWorkspace(t.db, "Archive estate");
    const done = await importBytes(t.db, fresh.ownerCtx, bytes);
    expect(done.queued).toMatchObject({ status: "queued", format: "archive", contracts: 2, burnRows: SF_ROWS + WD_ROWS, briefVersions: 1 });
    expect(done.status).toBe("succeeded");
    expect(done.report!.contracts.map((c) => [c.name, c.burnRows, c.duplicateBurnRows, c.scenarios, c.briefs])).toEqual([
      ["Acme Agentforce renewal", SF_ROWS, 0, 2, 1],
      ["Workday FY26", WD_ROWS, 0, 0, 0],
    ]);
    expect(await burnFigures(fresh.ownerCtx)).toEqual(before);
    // Per contract too, by name.
    const perContract = async (ctx: WorkspaceCtx) =>
      ctx.db
        .select({ name: contracts.name, n: count(), credits: sql<string>`coalesce(sum(${burnRows.credits}), 0)::text` })
        .from(burnRows)
        .innerJoin(contracts, eq(contracts.id, burnRows.contractId))
        .where(eq(burnRows.workspaceId, ctx.workspace.id))
        .groupBy(contracts.name)
        .orderBy(asc(contracts.name));
    expect(await perContract(fresh.ownerCtx)).toEqual(await perContract(a.ownerCtx));
    // The whole workspace again, ids aside: identical.
    const strip = (f: Awaited<ReturnType<typeof exportFile>>) => JSON.parse(JSON.stringify({ ...f, exportedAt: null }).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, "#")) as unknown;
    expect(strip(await exportFile(fresh.ownerCtx))).toEqual(strip(await exportFile(a.ownerCtx)));
    const [bv] = await t.db.select({ n: count() }).from(briefVersions).where(eq(briefVersions.workspaceId, fresh.ws.id));
    expect(bv!.n).toBe(1);
    // The stored bytes are gone once the job is done.
    expect((await t.db.select({ n: count() }).from(workspaceImportChunks).where(eq(workspaceImportChunks.importId, done.id)))[0]!.n).toBe(0);
  }, 120_000);
});

describe("the request checks structure only; the job does the rest", () => {
  it("accepts a file without running the engine, and stores nothing but the upload until the job runs", async () => {
    const bytes = await exportBytes(a.ownerCtx);
    const target = await makeWorkspace(t.db, "Later");
    engine.runs = 0;
    const queued = await receiveWorkspaceFile(target.ownerCtx, chunks(bytes));
    expect(engine.runs).toBe(0);
    expect(queued).toMatchObject({ status: "queued", stage: "Waiting for the import to start", progressPct: 5, bytes: bytes.length });
    expect((await t.db.select({ n: count() }).from(contracts).where(eq(contracts.workspaceId, target.ws.id)))[0]!.n).toBe(0);
    expect(await latestWorkspaceImport(target.ownerCtx)).toMatchObject({ id: queued.id, status: "queued" });
    await runTransferImportJob(t.db, { importId: queued.id });
    // The job ran the engine: two contract models and the brief's document (checked), the brief composed.
    expect(engine.runs).toBeGreaterThanOrEqual(3);
    expect(await getWorkspaceImport(target.ownerCtx, queued.id)).toMatchObject({ status: "succeeded", stage: "Imported", progressPct: 100 });
    expect((await t.db.select({ n: count() }).from(contracts).where(eq(contracts.workspaceId, target.ws.id)))[0]!.n).toBe(2);
    // A second run of the same job (a retry after a crash) changes nothing.
    await runTransferImportJob(t.db, { importId: queued.id });
    expect((await t.db.select({ n: count() }).from(contracts).where(eq(contracts.workspaceId, target.ws.id)))[0]!.n).toBe(2);
  }, 120_000);

  it("refuses a broken file on the request, by path, without the engine, keeping nothing", async () => {
    const { manifest, parts, summary } = await readArchive(await exportBytes(a.ownerCtx));
    const JSZip = (await import("jszip")).default;
    const build = async (edit: (m: typeof manifest, p: typeof parts) => void, omitEnd = false) => {
      const m = structuredClone(manifest);
      const p = new Map([...parts].map(([k, v]) => [k, structuredClone(v)]));
      edit(m, p);
      const zip = new JSZip();
      zip.file("workspace.json", JSON.stringify(m));
      for (const [k, v] of p) zip.file(k, v.map((r) => JSON.stringify(r)).join("\n") + "\n");
      if (!omitEnd) zip.file("end.json", JSON.stringify(summary));
      return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    };
    const target = await makeWorkspace(t.db, "Refusing");
    const refusal = async (bytes: Uint8Array) => {
      engine.runs = 0;
      const started = performance.now();
      const err = (await receiveWorkspaceFile(target.ownerCtx, chunks(bytes)).catch((e: unknown) => e)) as { code: string; message: string; fieldErrors: Record<string, string[]> };
      const ms = performance.now() - started;
      expect(engine.runs).toBe(0);
      expect(await importRows(target.ownerCtx)).toEqual([]);
      return { code: err.code, message: err.message, fieldErrors: err.fieldErrors, ms };
    };

    // A bad model and a bad row far into a part: both named by path.
    const bad = await refusal(
      await build((m, p) => {
        (m.contracts[0]!.model.term as { periods: number }).periods = 0;
        p.get("burn/0001.ndjson")![9000]!.periodStart = "2026-02-30";
      }),
    );
    expect(bad.code).toBe("invalid");
    expect(bad.fieldErrors["contracts[0].model.term.periods"]).toBeDefined();
    expect(Object.keys(bad.fieldErrors).some((k) => k.includes("burn"))).toBe(false);
    // The manifest is refused before a row is read; a valid manifest with a bad row names the row.
    const badRow = await refusal(await build((_m, p) => void (p.get("burn/0001.ndjson")![9000]!.periodStart = "2026-02-30")));
    expect(badRow.fieldErrors).toEqual({ "contracts[0].burn[9000].periodStart": ["expected a calendar date YYYY-MM-DD (line 9001 of burn/0001.ndjson)"] });
    expect(badRow.message).toBe("The file cannot be imported: contract 1, burn row 9001, period start: expected a calendar date YYYY-MM-DD (line 9001 of burn/0001.ndjson)");

    // Cut off (no end.json), a part missing a row, an unknown entry, not a zip nor JSON.
    expect((await refusal(await build(() => {}, true))).fieldErrors).toEqual({ "(file)": ["the archive is cut off: it does not end with end.json"] });
    const short = await refusal(await build((_m, p) => void p.get("burn/0002.ndjson")!.pop()));
    expect(short.fieldErrors).toEqual({ "contracts[1].burnPart": ["burn/0002.ndjson holds 2 rows; end.json says 3: the archive was cut or changed"] });
    const noise = await refusal(await build((_m, p) => void p.set("notes.txt", [])));
    expect(noise.fieldErrors).toEqual({ "(file)": ['unexpected entry "notes.txt" in the archive'] });
    const garbage = await refusal(Buffer.from("not a workspace file"));
    expect(garbage.fieldErrors["(file)"]![0]).toMatch(/^The file is not valid JSON: /);

    // Monte Carlo paths over the cap in a brief's document: refused by the request too.
    const heavy = await refusal(
      await build((m) => {
        const v = m.contracts[0]!.briefs![0]!.versions[0]!;
        v.document.analysis!.monteCarlo!.paths = 50_000;
      }),
    );
    expect(heavy.fieldErrors["contracts[0].briefs[0].versions[0].document.analysis.monteCarlo.paths"]).toEqual(["must be at most 20000"]);
    // Milliseconds, not an engine run: generous for a loaded machine, far below one evaluation of the brief.
    expect(heavy.ms).toBeLessThan(2000);
  }, 120_000);

  it("a problem only the engine finds fails the job with its path, and nothing is stored", async () => {
    const { manifest, parts, summary } = await readArchive(await exportBytes(a.ownerCtx));
    const JSZip = (await import("jszip")).default;
    const zip = new JSZip();
    // burnThrough must be the last day of the document's observed burn: only the engine tells.
    manifest.contracts[0]!.briefs![0]!.versions[0]!.burnThrough = "2020-01-31";
    zip.file("workspace.json", JSON.stringify(manifest));
    for (const [k, v] of parts) zip.file(k, v.map((r) => JSON.stringify(r)).join("\n"));
    zip.file("end.json", JSON.stringify(summary));
    const target = await makeWorkspace(t.db, "Engine refusal");
    const done = await importBytes(t.db, target.ownerCtx, await zip.generateAsync({ type: "uint8array" }));
    expect(done.queued.status).toBe("queued");
    expect(done.status).toBe("failed");
    expect(done.issues.map((i) => i.path)).toEqual(["contracts[0].briefs[0].versions[0].burnThrough"]);
    expect(done.error).toMatch(/^The file cannot be imported: contract 1, brief 1, version 1, burn through: must be (the last day of the document's observed burn|null)/);
    expect((await t.db.select({ n: count() }).from(contracts).where(eq(contracts.workspaceId, target.ws.id)))[0]!.n).toBe(0);
    expect((await t.db.select({ n: count() }).from(workspaceImportChunks).where(eq(workspaceImportChunks.importId, done.id)))[0]!.n).toBe(0);
  }, 120_000);
});

describe("one export per workspace at a time", () => {
  it("two at once: exactly one lease, the other refused with the seconds to wait; free again once released or expired", async () => {
    const ws = await makeWorkspace(t.db, "Busy");
    const results = await Promise.allSettled([acquireExportLease(ws.ownerCtx, 120), acquireExportLease(ws.ownerCtx, 120)]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const busy = lost[0]!.reason as ExportBusy;
    expect(busy).toBeInstanceOf(ExportBusy);
    expect(busy.code).toBe("rate_limited");
    expect(busy.retryAfterSeconds).toBeGreaterThanOrEqual(119);
    expect(busy.retryAfterSeconds).toBeLessThanOrEqual(120);
    expect(busy.message).toBe(`An export of this workspace is already running. Try again in ${busy.retryAfterSeconds} seconds, once it has finished.`);
    // Another workspace exports meanwhile.
    const other = await acquireExportLease(a.ownerCtx, 120);
    await other.release();
    // Released: the next one gets it.
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireExportLease>>>).value.release();
    const next = await acquireExportLease(ws.ownerCtx, 120);
    // An instance that died: its lease expires, and the next export takes it over.
    await t.db.update(workspaceExportLeases).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(workspaceExportLeases.workspaceId, ws.ws.id));
    const taken = await acquireExportLease(ws.ownerCtx, 120);
    expect(taken.holder).not.toBe(next.holder);
    // The dead one's renewal (a 0-second lease renews at once) finds the lease taken and stops its export.
    await taken.release();
    const stalled = await acquireExportLease(ws.ownerCtx, 0);
    await t.db.update(workspaceExportLeases).set({ holder: next.holder }).where(eq(workspaceExportLeases.workspaceId, ws.ws.id));
    await expect(stalled.renew()).rejects.toThrow("the export lease was lost");
  });
});

describe("other workspaces", () => {
  it("an import is another workspace's not found; viewers cannot import; the job writes only into its own workspace", async () => {
    const bytes = await exportBytes(a.ownerCtx);
    const mine = await makeWorkspace(t.db, "Mine");
    const theirs = await makeWorkspace(t.db, "Theirs");
    const queued = await receiveWorkspaceFile(mine.ownerCtx, chunks(bytes));
    await expect(getWorkspaceImport(theirs.ownerCtx, queued.id)).rejects.toMatchObject({ code: "not_found" });
    expect(await latestWorkspaceImport(theirs.ownerCtx)).toBeNull();
    const viewer = await addMember(t.db, mine.ws.id, "viewer");
    await expect(receiveWorkspaceFile(viewer, chunks(bytes))).rejects.toMatchObject({ code: "forbidden" });
    // Readable by the viewer of its own workspace.
    expect(await getWorkspaceImport(viewer, queued.id)).toMatchObject({ id: queued.id });
    await runTransferImportJob(t.db, { importId: queued.id });
    expect((await t.db.select({ n: count() }).from(contracts).where(eq(contracts.workspaceId, mine.ws.id)))[0]!.n).toBe(2);
    expect((await t.db.select({ n: count() }).from(contracts).where(eq(contracts.workspaceId, theirs.ws.id)))[0]!.n).toBe(0);
    expect((await t.db.select({ n: count() }).from(briefs).where(eq(briefs.workspaceId, theirs.ws.id)))[0]!.n).toBe(0);
    // An export never carries another workspace's rows.
    const theirsExport = await readArchive(await exportBytes(theirs.ownerCtx));
    expect(theirsExport.manifest.contracts).toEqual([]);
    expect(theirsExport.summary.parts).toEqual({});
  }, 120_000);

  it("a job whose uploader lost the editor role fails without writing", async () => {
    const bytes = await exportBytes(a.ownerCtx);
    const ws = await makeWorkspace(t.db, "Demoted");
    const editor = await addMember(t.db, ws.ws.id, "editor");
    const queued = await receiveWorkspaceFile(editor, chunks(bytes));
    await t.db.execute(sql`update memberships set role = 'viewer' where workspace_id = ${ws.ws.id} and user_id = ${editor.actor.id}`);
    await runTransferImportJob(t.db, { importId: queued.id });
    expect(await getWorkspaceImport(ws.ownerCtx, queued.id)).toMatchObject({ status: "failed" });
    expect((await t.db.select({ n: count() }).from(contracts).where(eq(contracts.workspaceId, ws.ws.id)))[0]!.n).toBe(0);
  }, 120_000);
});
