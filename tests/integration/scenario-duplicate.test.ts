// "Duplicate" a scenario: a copy under the same contract with the same demand and clauses, the same
// figures, named "Copy of …"; editors only, never across workspaces.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "@/lib/db/schema/workspaces";
import type { WorkspaceCtx } from "@/lib/services/context";
import { createScenario } from "@/lib/services/scenarios/create";
import { copyName, duplicateScenario } from "@/lib/services/scenarios/duplicate";
import { evaluateScenarios } from "@/lib/services/scenarios/evaluate";
import { listScenarios } from "@/lib/services/scenarios/list";
import { freshDb, type TestDb } from "./db";
import { addMember, makeSalesforceContract, makeWorkspace } from "./factories";

const ASK = { onExhaustion: { kind: "trueUp", trueUp: { schedule: { kind: "everyNPeriods", n: 3 }, cap: { kind: "amount", amount: "500" } } } };

let t: TestDb;
let editor: WorkspaceCtx;
let viewer: WorkspaceCtx;
let outsider: WorkspaceCtx;

beforeAll(async () => {
  t = await freshDb();
  const { ownerCtx } = await makeWorkspace(t.db, "Acme");
  editor = await addMember(t.db, ownerCtx.workspace.id, "editor");
  viewer = await addMember(t.db, ownerCtx.workspace.id, "viewer");
  outsider = (await makeWorkspace(t.db, "Other")).ownerCtx;
}, 60_000);
afterAll(() => t.close());

describe("duplicate a scenario", () => {
  it("names copies Copy of X, Copy of X (2), within 120 characters", () => {
    expect(copyName("Ask", new Set(["Ask"]))).toBe("Copy of Ask");
    expect(copyName("Ask", new Set(["Ask", "Copy of Ask"]))).toBe("Copy of Ask (2)");
    expect(copyName("Ask", new Set(["Copy of Ask", "Copy of Ask (2)"]))).toBe("Copy of Ask (3)");
    const long = "x".repeat(120);
    expect(copyName(long, new Set()).length).toBe(120);
    expect(copyName(long, new Set([copyName(long, new Set())]))).toMatch(/ \(2\)$/);
  });

  it("copies demand, clauses and description with the same figures", async () => {
    const { contract } = await makeSalesforceContract(editor);
    const s = await createScenario(editor, { contractId: contract.id, name: "Ask", description: "Rollover", demand: { source: "drivers" }, clauses: ASK });
    const copy = await duplicateScenario(editor, s.id);
    expect(copy.name).toBe("Copy of Ask");
    expect(copy.contractId).toBe(contract.id);
    expect(copy.id).not.toBe(s.id);
    expect({ ...copy.doc, id: "", name: "" }).toEqual({ ...s.doc, id: "", name: "" });
    const again = await duplicateScenario(editor, s.id);
    expect(again.name).toBe("Copy of Ask (2)");
    expect((await listScenarios(viewer, contract.id)).map((x) => x.name)).toEqual(["Ask", "Copy of Ask", "Copy of Ask (2)"]);
    const { result } = await evaluateScenarios(viewer, { contractId: contract.id, scenarioIds: [s.id, copy.id] });
    expect(result.scenarios[1]!.summary.totalCost).toBe(result.scenarios[0]!.summary.totalCost);
    expect(result.scenarios[0]!.summary.totalCost).toMatch(/^\d+(\.\d+)?$/);
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.targetId, copy.id));
    expect(audit.map((a) => a.action)).toEqual(["scenario.create"]);
  });

  it("refuses viewers and another workspace's scenario", async () => {
    const { contract } = await makeSalesforceContract(editor, { name: "Second" });
    const mine = await createScenario(editor, { contractId: contract.id, name: "Mine" });
    await expect(duplicateScenario(viewer, mine.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(duplicateScenario(outsider, mine.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(duplicateScenario(editor, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
    expect((await listScenarios(editor, contract.id)).map((x) => x.name)).toEqual(["Mine"]);
    await expect(listScenarios(outsider, contract.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
