// Writes tests/fixtures/brief/salesforce.json and workday.json: the demo estates' briefs composed by
// the real engine, for the export tests and the bench. Re-run after changing the engine or composer.
import { writeFileSync } from "node:fs";
import { demoBrief } from "@/tests/support/brief-demo";

for (const [index, name] of [[0, "salesforce"], [1, "workday"]] as const) {
  const t0 = performance.now();
  const { content } = demoBrief(index);
  writeFileSync(`tests/fixtures/brief/${name}.json`, JSON.stringify(content, null, 2) + "\n");
  process.stdout.write(`tests/fixtures/brief/${name}.json (${Math.round(performance.now() - t0)} ms)\n`);
}
