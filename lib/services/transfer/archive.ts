// Reading a workspace file as it streams: the archive (.workbench.zip: workspace.json, burn parts
// as NDJSON, end.json) through fflate's streaming Unzip, or the single JSON file of version 1. The
// caller gets the manifest, then the burn rows in batches, in the archive's order; nothing larger
// than one entry's batch (or the manifest) is held at once.
import { Unzip, UnzipInflate } from "fflate";
import { placeInFile } from "./where";
import { MANIFEST_ENTRY, SUMMARY_ENTRY, type TransferIssue } from "./schema";

const mb = (name: string, fallback: number) => (Number(process.env[name]) > 0 ? Number(process.env[name]) : fallback) * 1024 * 1024;

/** Bounds of one workspace file (environment, in MB / rows); the archive streams, so they bound disk and time, not memory. */
export const TRANSFER_LIMITS = {
  /** the file as uploaded (TRANSFER_IMPORT_LIMIT_MB, default 1024) */
  fileBytes: mb("TRANSFER_IMPORT_LIMIT_MB", 1024),
  /** workspace.json, or a whole version 1 JSON file, which are parsed whole (TRANSFER_MANIFEST_LIMIT_MB, default 64) */
  manifestBytes: mb("TRANSFER_MANIFEST_LIMIT_MB", 64),
  /** burn rows in one file (TRANSFER_IMPORT_MAX_BURN_ROWS, default 10,000,000) */
  burnRows: Number(process.env.TRANSFER_IMPORT_MAX_BURN_ROWS) > 0 ? Number(process.env.TRANSFER_IMPORT_MAX_BURN_ROWS) : 10_000_000,
  /** one NDJSON line */
  lineBytes: 64 * 1024,
};

/** Rows handed to the caller at once. */
export const BURN_BATCH_ROWS = 5000;

export class FileRefused extends Error {
  constructor(readonly issues: TransferIssue[]) {
    super(issues[0] ? `${placeInFile(issues[0].path)}: ${issues[0].message}` : "refused");
    this.name = "FileRefused";
  }
}

export interface BurnLine {
  /** 1-based line of the part */
  line: number;
  value: unknown;
}

export interface FileVisitor {
  /** workspace.json (archive) or the whole file (version 1 JSON); throw FileRefused to stop */
  manifest(value: unknown, format: "archive" | "json"): Promise<void>;
  /** a batch of one burn part's lines, in order (archive only) */
  burn(part: string, lines: BurnLine[]): Promise<void>;
  /** end.json, after every part (archive only) */
  summary(value: unknown): Promise<void>;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

type Event = { kind: "manifest"; text: string } | { kind: "summary"; text: string } | { kind: "burn"; part: string; lines: BurnLine[] } | { kind: "refuse"; issue: TransferIssue };

function parseJson(text: string, entry: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FileRefused([{ path: "(file)", message: `${entry} is not valid JSON: ${(e as Error).message}` }]);
  }
}

/**
 * Reads `source` (the file's bytes) and calls `visitor` in order. Refuses (FileRefused) an archive
 * whose first entry is not workspace.json, an unknown entry, an entry over its bound, a cut-off
 * archive (no end.json) or a JSON file over the manifest bound. Returns the format read.
 */
export async function readWorkspaceFile(source: AsyncIterable<Uint8Array>, visitor: FileVisitor, limits = TRANSFER_LIMITS): Promise<"archive" | "json"> {
  const iterator = source[Symbol.asyncIterator]();
  let head: Uint8Array | null = null;
  // The first bytes tell the format.
  while (!head || head.length < 4) {
    const next = await iterator.next();
    if (next.done) break;
    head = head ? concat([head, next.value]) : next.value;
  }
  if (!head || head.length === 0) throw new FileRefused([{ path: "(file)", message: "the file is empty" }]);
  const isZip = ZIP_MAGIC.every((b, i) => head![i] === b);
  const rest = (async function* () {
    yield head!;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  if (!isZip) {
    const parts: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of rest) {
      total += chunk.length;
      if (total > limits.manifestBytes) throw new FileRefused([{ path: "(file)", message: `a workspace file in JSON (version 1) may be at most ${limits.manifestBytes / 1024 / 1024} MB; export the workspace again to get an archive` }]);
      parts.push(chunk);
    }
    await visitor.manifest(parseJson(new TextDecoder().decode(concat(parts)), "The file"), "json");
    return "json";
  }

  const events: Event[] = [];
  let entries = 0;
  let sawSummary = false;
  let failure: Error | null = null;
  const refuse = (message: string, path = "(file)") => events.push({ kind: "refuse", issue: { path, message } });
  const unzip = new Unzip((file) => {
    const name = file.name;
    // A folder entry ("burn/"), as zip tools add when an archive is packed again: nothing to read.
    if (name.endsWith("/")) return;
    entries += 1;
    const first = entries === 1;
    if (first && name !== MANIFEST_ENTRY) return refuse(`the archive's first entry must be ${MANIFEST_ENTRY}, not "${name}"`);
    if (name === MANIFEST_ENTRY || name === SUMMARY_ENTRY) {
      if (name === MANIFEST_ENTRY && !first) return refuse(`${MANIFEST_ENTRY} appears twice`);
      if (name === SUMMARY_ENTRY) sawSummary = true;
      const parts: Uint8Array[] = [];
      let total = 0;
      file.ondata = (err, data, final) => {
        if (err) return void (failure = err);
        total += data.length;
        if (total > limits.manifestBytes) return void refuse(`${name} may be at most ${limits.manifestBytes / 1024 / 1024} MB`);
        parts.push(data);
        if (final) events.push({ kind: name === MANIFEST_ENTRY ? "manifest" : "summary", text: new TextDecoder().decode(concat(parts)) });
      };
    } else if (/^burn\/\d{4,}\.ndjson$/.test(name)) {
      const decoder = new TextDecoder();
      let carry = "";
      let line = 0;
      let batch: BurnLine[] = [];
      const take = (text: string) => {
        line += 1;
        if (text.trim() === "") return;
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch (e) {
          value = new SyntaxError(`line ${line} of ${name} is not valid JSON: ${(e as Error).message}`);
        }
        batch.push({ line, value });
        if (batch.length >= BURN_BATCH_ROWS) {
          events.push({ kind: "burn", part: name, lines: batch });
          batch = [];
        }
      };
      file.ondata = (err, data, final) => {
        if (err) return void (failure = err);
        carry += decoder.decode(data, { stream: !final });
        let nl: number;
        while ((nl = carry.indexOf("\n")) >= 0) {
          take(carry.slice(0, nl));
          carry = carry.slice(nl + 1);
        }
        if (carry.length > limits.lineBytes) return void refuse(`line ${line + 1} of ${name} is longer than ${limits.lineBytes / 1024} KB`);
        if (final) {
          if (carry !== "") take(carry);
          carry = "";
          events.push({ kind: "burn", part: name, lines: batch });
          batch = [];
        }
      };
    } else return refuse(`unexpected entry "${name}" in the archive`);
    file.start();
  });
  unzip.register(UnzipInflate);

  const flush = async () => {
    if (failure) throw new FileRefused([{ path: "(file)", message: `the archive cannot be read: ${failure.message}` }]);
    while (events.length) {
      const e = events.shift()!;
      if (e.kind === "refuse") throw new FileRefused([e.issue]);
      if (e.kind === "manifest") await visitor.manifest(parseJson(e.text, MANIFEST_ENTRY), "archive");
      else if (e.kind === "summary") await visitor.summary(parseJson(e.text, SUMMARY_ENTRY));
      else await visitor.burn(e.part, e.lines);
    }
  };
  for await (const chunk of rest) {
    // Pushed in slices, so one push never inflates more than a bounded amount at once.
    for (let i = 0; i < chunk.length; i += 64 * 1024) {
      unzip.push(chunk.subarray(i, i + 64 * 1024));
      await flush();
    }
  }
  unzip.push(new Uint8Array(0), true);
  await flush();
  if (entries === 0) throw new FileRefused([{ path: "(file)", message: "the archive holds no entry" }]);
  if (!sawSummary) throw new FileRefused([{ path: "(file)", message: `the archive is cut off: it does not end with ${SUMMARY_ENTRY}` }]);
  return "archive";
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
