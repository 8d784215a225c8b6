// npx tsx scripts/gen-schema.ts [--check]
// Writes docs/model.schema.json from the zod schema; --check exits 1 when the file is stale instead.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { MODEL_SCHEMA_PATH, modelJsonSchemaText } from "@/lib/engine/model/json-schema";

const target = path.resolve(import.meta.dirname, "..", MODEL_SCHEMA_PATH);
const text = modelJsonSchemaText();

if (process.argv.includes("--check")) {
  const current = await readFile(target, "utf8").catch(() => "");
  if (current !== text) {
    process.stderr.write(`${MODEL_SCHEMA_PATH} is stale: run npx tsx scripts/gen-schema.ts\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(`${MODEL_SCHEMA_PATH} is up to date\n`);
  }
} else {
  await writeFile(target, text);
  process.stdout.write(`wrote ${MODEL_SCHEMA_PATH}\n`);
}
