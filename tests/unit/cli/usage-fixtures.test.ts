// `npm run usage -- <file>` on every import fixture and every FOCUS sample in ../shared/data/focus:
// the CLI prints exactly what the import's own check reads in process (the figures the unit tests
// assert), and exits 0 when the file would import, 1 when it would be refused.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkUsageBytes } from "@/lib/import/check";

const root = path.resolve(import.meta.dirname, "../../..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const dirs = [path.join(root, "tests", "fixtures", "import"), path.resolve(root, "../shared/data/focus"), path.resolve(root, "../shared/data/focus/agreements")];
const FILES = dirs.filter(existsSync).flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".csv")).map((f) => path.join(d, f)));
// Files the import refuses, each for a reason tested elsewhere (tests/unit/import/*).
const REFUSED = new Set(["copilot-studio-agents-no-date.csv", "focus-1.2-second-currency.csv", "focus-1.3-contract-commitments.csv"]);

describe("npm run usage on each fixture", () => {
  it("there are fixtures and shared samples to run", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(35);
  });

  it.each(FILES.map((f) => [path.relative(path.resolve(root, ".."), f), f]))("%s", async (_name, file) => {
    const r = spawnSync(tsx, ["scripts/usage.ts", file], { cwd: root, encoding: "utf8", timeout: 60_000 });
    const { check, importable } = await checkUsageBytes(readFileSync(file), { format: "csv" });
    expect(importable).toBe(!REFUSED.has(path.basename(file)));
    expect(r.status).toBe(importable ? 0 : 1);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(check)));
  }, 60_000);
});
