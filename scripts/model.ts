// npm run model -- <file.json>
// Prints the evaluated model as JSON on stdout. Anything wrong goes to stderr with a non-zero exit
// and nothing on stdout, so that `npm run model -- x.json > out.json` never leaves a half-truth.
import { readFile } from "node:fs/promises";
import { evaluateParsedModel, ModelEvaluationError } from "@/lib/engine/model/evaluate";
import { parseModelDocument } from "@/lib/engine/model/schema";
import { serialise } from "@/lib/engine/model/serialise";

const USAGE = "usage: npm run model -- <model.json>   (use - to read the document from stdin)";

/** Exit codes: 1 invalid document or evaluation error, 2 usage / unreadable file / invalid JSON. */
async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== "--");
  if (args.length !== 1 || args[0] === "-h" || args[0] === "--help") {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const file = args[0] as string;
  const name = file === "-" ? "stdin" : file;
  let text: string;
  try {
    text = file === "-" ? await readStdin() : await readFile(file, "utf8");
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory" : err.code === "EACCES" ? "permission denied" : err.message;
    process.stderr.write(`error: cannot read ${name}: ${why}\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    process.stderr.write(`error: ${name} is not valid JSON: ${(e as Error).message}\n`);
    return 2;
  }
  const parsed = parseModelDocument(json);
  if (!parsed.ok) {
    process.stderr.write(`error: ${name} is not a valid model document (${parsed.issues.length} problem${parsed.issues.length === 1 ? "" : "s"}):\n`);
    for (const issue of parsed.issues) process.stderr.write(`  ${issue.path}: ${issue.message}\n`);
    return 1;
  }
  let out: string;
  try {
    out = JSON.stringify(serialise(evaluateParsedModel(parsed.doc)), null, 2);
  } catch (e) {
    if (e instanceof ModelEvaluationError) {
      process.stderr.write(`error: ${name} cannot be evaluated:\n  ${e.path}: ${e.detail}\n`);
      return 1;
    }
    throw e;
  }
  process.stdout.write(`${out}\n`);
  return 0;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  },
);
