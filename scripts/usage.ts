// npm run usage -- <file> [--mapping <mapping.json>] [--currency USD] [--granularity month|week]
// Parses a usage file exactly as the import would (without a mapping, with the one the import
// screen would suggest) and prints what it holds as JSON on stdout. Exit 0 when the file would
// import, 1 when it would be refused, 2 for bad arguments or a file that cannot be read.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { checkUsageBytes } from "@/lib/import/check";
import { usageMappingSchema, type UsageMapping } from "@/lib/import/mapping";

const USAGE = "usage: npm run usage -- <file.csv|file.xlsx> [--mapping <mapping.json>] [--currency <ISO code>] [--granularity month|week]";

function cannotRead(name: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "is a directory" : err.code === "EACCES" ? "permission denied" : err.message;
  return `error: cannot read ${name}: ${why}\n`;
}

async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== "--");
  const files: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a === "-h" || a === "--help") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (a === "--mapping" || a === "--currency" || a === "--granularity") {
      const value = args[i + 1];
      if (value === undefined || value.startsWith("--")) {
        process.stderr.write(`error: ${a} needs a value\n${USAGE}\n`);
        return 2;
      }
      options[a.slice(2)] = value;
      i++;
    } else if (a.startsWith("--")) {
      process.stderr.write(`error: unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length !== 1) {
    process.stderr.write(`${files.length === 0 ? "error: no file given" : "error: one file at a time"}\n${USAGE}\n`);
    return 2;
  }
  const file = files[0] as string;
  if (options.currency !== undefined && !/^[A-Za-z]{3}$/.test(options.currency)) {
    process.stderr.write(`error: --currency needs a three-letter currency code, not '${options.currency}'\n`);
    return 2;
  }
  if (options.granularity !== undefined && options.granularity !== "month" && options.granularity !== "week") {
    process.stderr.write(`error: --granularity is month or week, not '${options.granularity}'\n`);
    return 2;
  }
  let mapping: UsageMapping | null = null;
  if (options.mapping !== undefined) {
    let text: string;
    try {
      text = await readFile(options.mapping, "utf8");
    } catch (e) {
      process.stderr.write(cannotRead(options.mapping, e));
      return 2;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      process.stderr.write(`error: ${options.mapping} is not valid JSON: ${(e as Error).message}\n`);
      return 2;
    }
    const parsed = usageMappingSchema.safeParse(json);
    if (!parsed.success) {
      process.stderr.write(`error: ${options.mapping} is not a valid column mapping:\n${z.prettifyError(parsed.error)}\n`);
      return 2;
    }
    mapping = json as UsageMapping;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    process.stderr.write(cannotRead(file, e));
    return 2;
  }
  const { check, importable } = await checkUsageBytes(bytes, {
    format: /\.xlsx$/i.test(file) ? "xlsx" : "csv",
    mapping,
    expectedCurrency: options.currency?.toUpperCase() ?? null,
    granularity: (options.granularity as "month" | "week" | undefined) ?? "month",
  });
  process.stdout.write(`${JSON.stringify(check, null, 2)}\n`);
  return importable ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(2);
  },
);
