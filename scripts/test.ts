// `npm test`: unit, integration and end-to-end tests, in that order, then one closing line with
// the totals. Stops at the first suite that fails.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { ensureTestTools } from "./ensure-chromium";

mkdirSync("test-results", { recursive: true });

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Counts = { passed: 0, failed: 0, skipped: 0 };

function run(label: string, cmd: string, args: string[], report: string, read: (json: unknown) => Counts): void {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: process.env });
  if (existsSync(report)) {
    const c = read(JSON.parse(readFileSync(report, "utf8")));
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  if (r.status !== 0) {
    console.log(`\n${label} failed.`);
    finish(r.status ?? 1);
  }
}

function finish(code: number): never {
  console.log(`\n${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(code);
}

const vitestCounts = (j: unknown): Counts => {
  const v = j as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
  return { passed: v.numPassedTests, failed: v.numFailedTests, skipped: v.numPendingTests + v.numTodoTests };
};
const playwrightCounts = (j: unknown): Counts => {
  const s = (j as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }).stats;
  return { passed: s.expected + s.flaky, failed: s.unexpected, skipped: s.skipped };
};

ensureTestTools();
for (const project of ["unit", "integration"]) {
  const report = `test-results/vitest-${project}.json`;
  run(`${project} tests`, "npx", ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile=${report}`], report, vitestCounts);
}

run("end-to-end tests", "npx", ["playwright", "test"], "test-results/playwright.json", playwrightCounts);
finish(0);
