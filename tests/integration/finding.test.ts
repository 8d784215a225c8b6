// Finding things: search, filter, sort and pages of contracts, burn rows and the audit log, each
// inside the caller's workspace only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkspaceCtx } from "@/lib/services/context";
import { listAudit } from "@/lib/services/audit/list";
import { addBurnRow } from "@/lib/services/burn/add-row";
import { listBurnRows } from "@/lib/services/burn/list-rows";
import { searchContracts } from "@/lib/services/contracts/list";
import { listHref, parseListParams } from "@/lib/services/list-params";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";

let t: TestDb;
let a: Awaited<ReturnType<typeof makeWorkspace>>;
let b: Awaited<ReturnType<typeof makeWorkspace>>;
let editor: WorkspaceCtx;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await freshDb();
  a = await makeWorkspace(t.db, "A");
  b = await makeWorkspace(t.db, "B");
  editor = await addMember(t.db, a.ws.id, "editor", "Dana Editor");
  ids.alpha = (await makeSalesforceContract(a.ownerCtx, { name: "Alpha service estate" })).contract.id;
  ids.beta = (await makeSalesforceContract(editor, { name: "Beta 100%_off estate" })).contract.id;
  ids.other = (await makeSalesforceContract(b.ownerCtx, { name: "Alpha of workspace B" })).contract.id;
  const rows: [string, string, string, "production" | "nonProduction", string][] = [
    ["2026-01-01", "Service Agent", "Answer Question", "production", "1000"],
    ["2026-02-01", "Service Agent", "Draft Email", "production", "3000"],
    ["2026-02-01", "SDR Agent", "Answer Question", "nonProduction", "500"],
    ["2026-03-01", "Order Status Agent", "Answer Question", "production", "2000"],
  ];
  for (const [periodStart, agent, unit, environment, credits] of rows) {
    await addBurnRow(editor, { contractId: ids.alpha!, periodStart, agent, unit, environment, credits, actions: "", cost: "" });
  }
});
afterAll(() => t.close());

const base = { q: "", sort: "renewal" as const, dir: "asc" as const, page: 1, pageSize: 25 };

describe("contracts", () => {
  it("searches name, product and vendor in this workspace only, wildcards taken literally", async () => {
    const alpha = await searchContracts(a.ownerCtx, { ...base, q: "alpha" });
    expect(alpha.rows.map((r) => r.name)).toEqual(["Alpha service estate"]);
    expect([alpha.matching, alpha.total]).toEqual([1, 2]);
    // "100%_" is text, not a pattern: it matches only the contract that has it
    expect((await searchContracts(a.ownerCtx, { ...base, q: "100%_" })).rows.map((r) => r.name)).toEqual(["Beta 100%_off estate"]);
    expect((await searchContracts(a.ownerCtx, { ...base, q: "%" })).rows.map((r) => r.name)).toEqual(["Beta 100%_off estate"]);
    expect((await searchContracts(b.ownerCtx, { ...base, q: "alpha" })).rows.map((r) => r.name)).toEqual(["Alpha of workspace B"]);
    // by vendor (product "Agentforce" on the vendor)
    expect((await searchContracts(a.ownerCtx, { ...base, q: "SALESFORCE" })).matching).toBe(2);
  });

  it("sorts and pages, and a foreign vendor id matches nothing", async () => {
    const desc = await searchContracts(a.ownerCtx, { ...base, sort: "name", dir: "desc" });
    expect(desc.rows.map((r) => r.name)).toEqual(["Beta 100%_off estate", "Alpha service estate"]);
    const page2 = await searchContracts(a.ownerCtx, { ...base, sort: "name", dir: "asc", page: 2, pageSize: 1 });
    expect(page2.rows.map((r) => r.name)).toEqual(["Beta 100%_off estate"]);
    expect(page2.matching).toBe(2);
    const bVendor = (await searchContracts(b.ownerCtx, base)).rows[0]!.vendorId;
    expect((await searchContracts(a.ownerCtx, { ...base, vendorId: bVendor })).rows).toEqual([]);
    expect((await searchContracts(a.ownerCtx, { ...base, vendorId: "not-an-id" })).rows).toEqual([]);
  });
});

describe("burn rows", () => {
  it("filters by agent or unit text, environment and source, and sorts by credits", async () => {
    const service = await listBurnRows(editor, { contractId: ids.alpha!, q: "service" });
    expect(service.rows.map((r) => r.credits)).toEqual(["3000", "1000"]);
    expect([service.matching, service.total]).toEqual([2, 4]);
    const nonProd = await listBurnRows(editor, { contractId: ids.alpha!, environment: "nonProduction" });
    expect(nonProd.rows.map((r) => r.agent)).toEqual(["SDR Agent"]);
    expect((await listBurnRows(editor, { contractId: ids.alpha!, source: "imported" })).matching).toBe(0);
    expect((await listBurnRows(editor, { contractId: ids.alpha!, source: "manual" })).matching).toBe(4);
    const byCredits = await listBurnRows(editor, { contractId: ids.alpha!, sort: "credits", dir: "asc" });
    expect(byCredits.rows.map((r) => r.credits)).toEqual(["500", "1000", "2000", "3000"]);
    const draft = await listBurnRows(editor, { contractId: ids.alpha!, q: "draft email" });
    expect(draft.rows.map((r) => r.periodStart)).toEqual(["2026-02-01"]);
  });

  it("another workspace's contract is not found", async () => {
    await expect(listBurnRows(b.ownerCtx, { contractId: ids.alpha!, q: "service" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("audit log", () => {
  it("filters by who, by what kind of thing, and by words of the action, in this workspace only", async () => {
    const byDana = await listAudit(a.ownerCtx, { actorId: editor.actor.id });
    expect(byDana.length).toBeGreaterThan(0);
    expect(new Set(byDana.map((r) => r.actorName))).toEqual(new Set(["Dana Editor"]));
    const contracts = await listAudit(a.ownerCtx, { kind: "contracts" });
    expect(contracts.length).toBeGreaterThan(0);
    expect(new Set(contracts.map((r) => r.targetType))).toEqual(new Set(["contract"]));
    const vendors = await listAudit(a.ownerCtx, { kind: "vendors" });
    expect(new Set(vendors.map((r) => r.targetType))).toEqual(new Set(["vendor"]));
    const dana = await listAudit(a.ownerCtx, { q: "dana" });
    expect(dana.map((r) => r.id).sort()).toEqual(byDana.map((r) => r.id).sort());
    // B's owner filtering by A's editor sees nothing of A
    expect(await listAudit(b.ownerCtx, { actorId: editor.actor.id })).toEqual([]);
    expect((await listAudit(b.ownerCtx, { q: "alpha" })).every((r) => r.actorEmail !== editor.actor.email)).toBe(true);
  });

  it("only owners read it", async () => {
    await expect(listAudit(editor, { q: "x" })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("list URLs", () => {
  it("read what the list knows, fall back for the rest, and leave defaults out of links", () => {
    expect(parseListParams({ q: "  acme\u0000 ", sort: "name", dir: "sideways", page: "-3" }, ["renewal", "name"] as const, { sort: "renewal", dir: "asc" })).toEqual({ q: "acme", sort: "name", dir: "asc", page: 1 });
    expect(parseListParams({ q: ["a", "b"], sort: "drop table", page: "2" }, ["renewal"] as const, { sort: "renewal", dir: "asc" })).toEqual({ q: "a", sort: "renewal", dir: "asc", page: 2 });
    expect(listHref("/w/x/contracts", { q: "acme", sort: "renewal", page: 3 }, { page: 1 }, { sort: "renewal" })).toBe("/w/x/contracts?q=acme");
    expect(listHref("/w/x/contracts", { q: "", sort: "name", dir: "desc" }, { page: 2 }, { sort: "renewal", dir: "asc" })).toBe("/w/x/contracts?sort=name&dir=desc&page=2");
  });
});
