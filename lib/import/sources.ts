// Record readers: a byte stream in, batches of raw rows out, with the spreadsheet row number of
// each. CSV through papaparse, XLSX through exceljs's streaming WorkbookReader; both read the input
// incrementally, so memory does not grow with the file.
import { Readable, Transform, pipeline } from "node:stream";
import { LIMITS } from "@/lib/import/bounds";
import type { FileFormat } from "@/lib/import/types";
import type { Cell } from "@/lib/import/values";
import { XLSX_LIMITS, xlsxProblem } from "@/lib/import/xlsx-guard";

export interface SourceRecord {
  /** Spreadsheet row number, 1-based. */
  row: number;
  cells: Cell[];
}

export interface ByteCounter {
  bytesRead: number;
}

export interface RecordReader {
  /** Raw rows in file order, a few hundred to a few thousand at a time. */
  readonly batches: AsyncGenerator<SourceRecord[], void, undefined>;
  /** The CSV delimiter once known (after the first batch), null for XLSX. */
  delimiter(): string | null;
  /** The worksheet read, once known, null for CSV. */
  sheetName(): string | null;
  /** Stops reading and releases the input. */
  close(): void;
}

export interface ReaderOptions {
  /** XLSX: worksheet name or 1-based position; the first worksheet by default. */
  sheet?: string | number;
}

export function openRecords(input: Readable, format: FileFormat, counter: ByteCounter, options: ReaderOptions = {}): RecordReader {
  return format === "xlsx" ? openXlsx(input, counter, options.sheet) : openCsv(input, counter);
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError("the import stream must carry bytes or text");
}

const DELIMITERS = [",", ";", "\t", "|"] as const;

/**
 * The delimiter that splits the header line most often (outside quotes). Header names hardly ever
 * contain delimiters, whereas data lines may hold decimal commas; a tie goes to the comma.
 */
export function sniffDelimiter(head: Buffer): string {
  const utf16 = head[0] === 0xff && head[1] === 0xfe;
  let text = head.toString(utf16 ? "utf16le" : "utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const counts = new Map<string, number>();
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (DELIMITERS as readonly string[]).includes(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > bestCount) {
      best = d;
      bestCount = n;
    }
  }
  return best;
}

/** The text encoding a byte-order mark names; UTF-8 without one. */
function encodingOf(head: Buffer): "utf-8" | "utf-16le" | "utf-16be" {
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  return "utf-8";
}

interface PapaError {
  type: string;
  code: string;
  message: string;
  row?: number;
}

function openCsv(input: Readable, counter: ByteCounter): RecordReader {
  let delimiter: string | null = null;
  let source: Readable | null = null;
  let handle: { abort(): void; pause(): void; resume(): void } | null = null;

  async function* records(): AsyncGenerator<SourceRecord[], void, undefined> {
    const chunks = input[Symbol.asyncIterator]() as AsyncIterator<unknown>;
    // The delimiter is read off the header line, so hold back the bytes up to its end.
    const head: Buffer[] = [];
    let headBytes = 0;
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      const chunk = toBuffer(next.value);
      counter.bytesRead += chunk.length;
      head.push(chunk);
      headBytes += chunk.length;
      if (chunk.includes(10) || chunk.includes(13) || headBytes > 1 << 20) break;
    }
    const first = Buffer.concat(head);
    delimiter = sniffDelimiter(first);
    // Decoded here (a byte-order mark names UTF-16 and is dropped; bytes that are not UTF-8 become
    // U+FFFD, which the normaliser refuses by row), then split by papaparse.
    const decoder = new TextDecoder(encodingOf(first));
    async function* text(): AsyncGenerator<string, void, undefined> {
      if (first.length > 0) yield decoder.decode(first, { stream: true });
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        const chunk = toBuffer(next.value);
        counter.bytesRead += chunk.length;
        yield decoder.decode(chunk, { stream: true });
      }
      const tail = decoder.decode();
      if (tail) yield tail;
    }
    source = Readable.from(text(), { objectMode: true, highWaterMark: 2 });
    const { default: Papa } = await import("papaparse");

    const queue: string[][][] = [];
    let complete = false;
    let failure: unknown = null;
    let paused = false;
    let wake: (() => void) | null = null;
    const poke = (): void => {
      const w = wake;
      wake = null;
      w?.();
    };
    let seen = 0;
    source.on("error", (e) => {
      failure ??= e;
      poke();
    });
    Papa.parse<string[]>(source as unknown as NodeJS.ReadableStream, {
      delimiter,
      // Blank lines are kept so that row numbers match what a spreadsheet shows; a short row is
      // read with empty cells and a long one reported by the normaliser, rather than failing the file;
      // a stray quote inside an unquoted cell (5" screen) is text, as spreadsheets read it.
      skipEmptyLines: false,
      chunk: (results, parser) => {
        handle = parser;
        const fatal = (results.errors as PapaError[]).find((e) => e.code === "MissingQuotes");
        if (fatal) {
          failure ??= new Error(`a quoted cell is not closed (row ${seen + (fatal.row ?? 0) + 1}): check the quotes`);
          parser.abort();
        }
        seen += results.data.length;
        queue.push(results.data);
        if (queue.length >= 2 && !paused) {
          paused = true;
          parser.pause();
        }
        poke();
      },
      complete: () => {
        complete = true;
        poke();
      },
      error: (e: Error) => {
        failure ??= e;
        poke();
      },
    });

    let row = 0;
    // A newline ending the file is not a blank row.
    let heldBlank = false;
    for (;;) {
      const batch = queue.shift();
      if (batch) {
        if (paused && queue.length < 1 && !failure) {
          paused = false;
          (handle as { resume(): void } | null)?.resume();
        }
        const out: SourceRecord[] = [];
        if (heldBlank) {
          out.push({ row: ++row, cells: [""] });
          heldBlank = false;
        }
        for (let i = 0; i < batch.length; i++) {
          const cells = batch[i] ?? [];
          if (i === batch.length - 1 && cells.length === 1 && cells[0] === "") {
            heldBlank = true;
            break;
          }
          out.push({ row: ++row, cells });
        }
        if (row > LIMITS.maxRows + 1) throw new Error(`the file has more than ${LIMITS.maxRows.toLocaleString("en-US")} rows; split it into several files`);
        if (out.length > 0) yield out;
        continue;
      }
      if (failure) throw failure;
      if (complete) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  }

  return {
    batches: records(),
    delimiter: () => delimiter,
    sheetName: () => null,
    close: () => {
      (handle as { abort(): void } | null)?.abort();
      source?.destroy();
      input.destroy();
    },
  };
}

function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value instanceof Date) return value;
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return v.richText.map((r: unknown) => (r && typeof r === "object" && "text" in r ? String((r as { text: unknown }).text ?? "") : "")).join("");
    }
    // A formula counts for the value it last computed, as the spreadsheet shows it.
    if ("result" in v) return cellOf(v.result);
    if ("formula" in v || "sharedFormula" in v) return null;
    if (typeof v.error === "string") return v.error;
    if ("text" in v) return cellOf(v.text);
  }
  return String(value);
}

/** `source`, but failing as soon as `failure` rejects rather than when `source` notices. */
async function* guarded<T>(source: AsyncIterable<T>, failure: Promise<never>): AsyncGenerator<T, void, undefined> {
  const iterator = source[Symbol.asyncIterator]();
  for (;;) {
    const pending = iterator.next();
    // When the failure wins, the abandoned step may still reject later; that is not news.
    pending.catch(() => {});
    const next = await Promise.race([pending, failure]);
    if (next.done) return;
    yield next.value;
  }
}

async function drain(rows: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const row of rows) if (row !== undefined) n++;
  return n;
}

/** The whole input in memory, up to `max` bytes (an XLSX zip cannot be read without its end). */
async function readAll(input: Readable, counter: ByteCounter, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const b = toBuffer(chunk);
    counter.bytesRead += b.length;
    size += b.length;
    if (size > max) {
      input.destroy();
      throw new Error(`the workbook is larger than ${Math.round(max / 1024 / 1024)} MiB; save the sheet as CSV, which has no such limit`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

function openXlsx(input: Readable, counter: ByteCounter, sheet: string | number | undefined): RecordReader {
  let sheetName: string | null = null;
  // The workbook is read whole and checked for a zip bomb before exceljs inflates anything.
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk);
    },
  });
  // exceljs pipes its input into unzipper, and a pipe does not pass errors on: a failing input
  // would leave the reader waiting for bytes forever. Every wait is raced against the failure.
  let fail: (e: unknown) => void = () => {};
  const failure = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failure.catch(() => {
    // Observed through the races below; this only keeps an unraced failure from being "unhandled".
  });
  const loaded = readAll(input, counter, XLSX_LIMITS.compressedBytes).then(async (bytes) => {
    const problem = await xlsxProblem(bytes);
    if (problem) throw new Error(problem);
    pipeline(Readable.from([bytes]), counting, (e) => {
      if (e) fail(e);
    });
  });
  loaded.catch(() => {
    // Surfaced by the first batch.
  });

  async function* records(): AsyncGenerator<SourceRecord[], void, undefined> {
    await loaded;
    // Loaded on first use: exceljs is large, and most imports are CSV.
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(counting, {
      sharedStrings: "cache",
      // Styles tell date cells from number cells.
      styles: "cache",
      hyperlinks: "ignore",
      worksheets: "emit",
      entries: "ignore",
    });
    let position = 0;
    let found = false;
    for await (const worksheet of guarded(workbook, failure)) {
      position++;
      const name = (worksheet as unknown as { name?: string }).name ?? `Sheet${position}`;
      const wanted = !found && (sheet === undefined ? true : typeof sheet === "number" ? position === sheet : name === sheet);
      if (!wanted) {
        // Other worksheets are read through and dropped: exceljs deletes the temporary file of a
        // worksheet stored ahead of its shared strings once we move on, and a reader left unread
        // then fails opening it, outside any handler, taking the process down.
        await drain(guarded(worksheet, failure));
        continue;
      }
      found = true;
      sheetName = name;
      let batch: SourceRecord[] = [];
      for await (const row of guarded(worksheet, failure)) {
        const values = row.values;
        const cells: Cell[] = [];
        if (Array.isArray(values)) {
          // exceljs numbers columns from 1; values[0] is always empty.
          for (let c = 1; c < values.length; c++) cells.push(cellOf(values[c]));
        }
        if (row.number > XLSX_LIMITS.rows) throw new Error(`the worksheet has more than ${XLSX_LIMITS.rows.toLocaleString("en-US")} rows`);
        batch.push({ row: row.number, cells });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
    if (!found) throw new Error(sheet === undefined ? "the workbook has no worksheet" : `the workbook has no worksheet ${JSON.stringify(sheet)}`);
  }

  return {
    batches: records(),
    delimiter: () => null,
    sheetName: () => sheetName,
    close: () => {
      counting.destroy();
      input.destroy();
    },
  };
}
