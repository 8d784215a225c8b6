// Runs scripts/model.ts as a child process, as a user would with `npm run model -- <file>`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const tsx = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "tsx.cmd" : "tsx");
const scratch = mkdtempSync(path.join(tmpdir(), "model-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(tsx, ["scripts/model.ts", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeDoc(name: string, content: string): string {
  const file = path.join(scratch, name);
  writeFileSync(file, content);
  return file;
}

const TIMEOUT = 60_000;

describe("npm run model", () => {
  it(
    "prints the Salesforce case as JSON",
    () => {
      const { code, stdout, stderr } = run("examples/salesforce-agentforce.json");
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const out = JSON.parse(stdout);
      const vendor = out.scenarios.find((s: any) => s.id === "vendor-proposal");
      // 50 agents × 25 actions × 20 working days = 25,000 actions × 20 credits = 500,000 credits
      expect(vendor.rows[0].demand.actions).toBe("25000");
      expect(vendor.rows[0].demand.credits).toBe("500000");
      expect(vendor.rows[2].demand.actions).toBe("37500"); // 75 agents in month 3
      expect(out.observedBurn.runway.expected.periodNumber).toBe(4);
      expect(out.observedBurn.fit.trend).toBe("accelerating");
    },
    TIMEOUT,
  );

  it(
    "includes percentiles, ranked asks, the commitment, the walk-away and diagnostics when the document asks for them",
    () => {
      const { code, stdout } = run("examples/salesforce-agentforce.json");
      expect(code).toBe(0);
      const a = JSON.parse(stdout).analysis;
      expect(a.monteCarlo.scenarios[0].totalCost.map((p: any) => p.pct)).toEqual([10, 50, 90]);
      expect(a.asks.asks[0].rank).toBe(1);
      expect(a.asks.asks[0].authority).toBeTypeOf("string");
      expect(a.commitment.recommended.credits).toBeTypeOf("string");
      expect(a.alternatives.perUser.breakEvenActionsPerUserPerMonth).toBe("1250");
      expect(a.diagnostics.findings.length).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    "prints the Workday case as JSON",
    () => {
      const { code, stdout } = run("--", "examples/workday-estate.json");
      expect(code).toBe(0);
      const out = JSON.parse(stdout);
      const credits = (id: string) => out.scenarios.find((s: any) => s.id === id).rows[0].demand.credits;
      expect(credits("vendor-proposal")).toBe("72000"); // 40,000 × 1 + 6,000 × 2 + 4,000 × 5
      expect(credits("heavy-our-asks")).toBe("112000"); // 40,000 + 12,000 + 12,000 × 5
    },
    TIMEOUT,
  );

  it(
    "rejects a malformed document with each field's path on stderr and nothing on stdout",
    () => {
      const doc = JSON.parse(readFileSync(path.join(root, "examples/workday-estate.json"), "utf8"));
      doc.term.periods = 0;
      doc.drivers.units[2].actionsPerMonth = "lots";
      doc.scenarios[1].clauses.onExhaustion.trueUp.cap.pct = -10;
      const { code, stdout, stderr } = run(writeDoc("bad.json", JSON.stringify(doc)));
      expect(code).not.toBe(0);
      expect(stdout).toBe("");
      expect(stderr).toContain("$.term.periods");
      expect(stderr).toContain("$.drivers.units[2].actionsPerMonth");
      expect(stderr).toContain("$.scenarios[1].clauses.onExhaustion.trueUp.cap.pct: must be 0 or more");
      expect(stderr).toMatch(/3 problems/);
    },
    TIMEOUT,
  );

  it(
    "explains an unreadable file, invalid JSON and a missing argument",
    () => {
      const missing = run(path.join(scratch, "nope.json"));
      expect(missing.code).toBe(2);
      expect(missing.stdout).toBe("");
      expect(missing.stderr).toMatch(/cannot read .*nope\.json: no such file/);

      const broken = run(writeDoc("broken.json", '{ "version": 1, '));
      expect(broken.code).toBe(2);
      expect(broken.stdout).toBe("");
      expect(broken.stderr).toMatch(/is not valid JSON/);

      const none = run();
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/usage: npm run model/);
    },
    TIMEOUT,
  );

  it(
    "reports a valid document that cannot be evaluated, with the path to fix",
    () => {
      const doc = JSON.parse(readFileSync(path.join(root, "examples/workday-estate.json"), "utf8"));
      doc.observedBurn = { quantity: "amount", granularity: "month", start: "2025-11-01", values: [1000, 1100, 1200] };
      doc.scenarios = [{ id: "observed", name: "Observed", demand: { source: "observedBurn" } }];
      const { code, stdout, stderr } = run(writeDoc("unpriced.json", JSON.stringify(doc)));
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toContain("$.scenarios[0].demand.source");
      expect(stderr).toMatch(/no price per credit/);
    },
    TIMEOUT,
  );
});
