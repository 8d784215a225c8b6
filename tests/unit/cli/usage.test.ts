// Runs scripts/usage.ts as a child process, as a user would with `npm run usage -- <file>`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const tsx = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "tsx.cmd" : "tsx");
const fixtures = path.join(root, "tests", "fixtures", "import");
const shared = path.resolve(root, "../shared/data/focus");
const scratch = mkdtempSync(path.join(tmpdir(), "usage-cli-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(tsx, ["scripts/usage.ts", ...args], { cwd: root, encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const KEYS = ["format", "focusVersion", "dataset", "rows", "accepted", "refused", "warnings", "consumption", "excluded", "periods"];
const TIMEOUT = 60_000;

describe("npm run usage", () => {
  it(
    "a file that would import: exit 0 and the JSON the issue gives, with the figures",
    () => {
      const { code, stdout, stderr } = run(path.join(shared, "agreements", "saas_spend_agreements_a2.csv"));
      expect(stderr).toBe("");
      expect(code).toBe(0);
      const out = JSON.parse(stdout);
      expect(Object.keys(out)).toEqual(KEYS);
      expect(Object.keys(out.consumption)).toEqual(["credits", "actions", "cost", "currency"]);
      // $228 of use (48 + 120 + 60); the unused fees 12 + 8 × 60 + 480 = $972
      expect(out).toEqual({
        format: "focus",
        focusVersion: "1.1",
        dataset: "CostAndUsage",
        rows: 13,
        accepted: 13,
        refused: [],
        warnings: [],
        consumption: { credits: null, actions: null, cost: "228", currency: "USD" },
        excluded: { "Unused commitment": { rows: 10, cost: "972" } },
        periods: [
          { label: "2025-04", credits: null, cost: "48" },
          { label: "2025-05", credits: null, cost: "120" },
          { label: "2025-06", credits: null, cost: "60" },
        ],
      });
    },
    TIMEOUT,
  );

  it(
    "a vendor export without a mapping: recognised by its header",
    () => {
      const { code, stdout } = run(path.join(fixtures, "salesforce-wallet-daily.csv"));
      expect(code).toBe(0);
      const out = JSON.parse(stdout);
      expect([out.format, out.consumption.credits, out.periods.map((p: { credits: string }) => p.credits)]).toEqual(["salesforce-wallet-daily", "3770", ["2770", "1000"]]);
    },
    TIMEOUT,
  );

  it(
    "a file that would be refused: exit 1, with every refused row and its reasons",
    () => {
      const second = run(path.join(fixtures, "focus-1.2-second-currency.csv"));
      expect(second.code).toBe(1);
      expect(JSON.parse(second.stdout).refused).toEqual([{ row: 3, reasons: ["BillingCurrency 'EUR' differs from the file's currency USD (row 2); a contract's burn is in one currency"] }]);
      const commitments = run(path.join(fixtures, "focus-1.3-contract-commitments.csv"));
      expect(commitments.code).toBe(1);
      expect(JSON.parse(commitments.stdout)).toMatchObject({ dataset: "ContractCommitment", focusVersion: "1.3", refused: [{ row: 0 }] });
      const nul = path.join(scratch, "nul.csv");
      writeFileSync(nul, "Usage Date,Agent,Credits\n2026-01-01,A\u0000,20\n");
      const bad = run(nul);
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.stdout).refused).toEqual([{ row: 2, reasons: ["Agent contains a NUL byte (U+0000): the file is damaged or not text; nothing of it was read as usage"] }]);
    },
    TIMEOUT,
  );

  it(
    "a mapping file is used as the import would, and the contract's currency can be given",
    () => {
      const mapping = path.join(scratch, "mapping.json");
      writeFileSync(mapping, JSON.stringify({ columns: {}, excludeGroups: ["usage:EC2 m5.large On Demand"] }));
      const { code, stdout } = run(path.join(fixtures, "focus-1.0-aws-categories-nulls.csv"), "--mapping", mapping, "--currency", "usd");
      expect(code).toBe(0);
      const out = JSON.parse(stdout);
      // 12.50 + 30.00 + 2.00 − 30.00 left out = 14.50
      expect(out.consumption.cost).toBe("14.5");
      expect(out.excluded["Usage: EC2 m5.large On Demand"]).toEqual({ rows: 1, cost: "30" });
    },
    TIMEOUT,
  );

  it(
    "bad arguments or an unreadable file: exit 2, a message on stderr and nothing on stdout",
    () => {
      const missing = run(path.join(scratch, "nope.csv"));
      expect([missing.code, missing.stdout]).toEqual([2, ""]);
      expect(missing.stderr).toMatch(/cannot read .*nope\.csv: no such file/);
      expect(run().code).toBe(2);
      expect(run("a.csv", "b.csv").code).toBe(2);
      expect(run(path.join(fixtures, "ai-api-daily-costs.csv"), "--bogus").code).toBe(2);
      const notJson = path.join(scratch, "bad.json");
      writeFileSync(notJson, "{ columns:");
      const badMapping = run(path.join(fixtures, "ai-api-daily-costs.csv"), "--mapping", notJson);
      expect(badMapping.code).toBe(2);
      expect(badMapping.stderr).toMatch(/is not valid JSON/);
      expect(run(scratch).code).toBe(2);
    },
    TIMEOUT,
  );
});
