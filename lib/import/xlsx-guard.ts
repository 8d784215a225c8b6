// An XLSX workbook is a zip: a few hundred kilobytes can inflate to gigabytes (a "zip bomb"). The
// reader (exceljs) would hold such a shared-strings part in memory whole, so every part is inflated
// here first, with its real size counted against limits, before exceljs ever sees the bytes.
import { Unzip, UnzipInflate, type UnzipFile } from "fflate";

const MiB = 1024 * 1024;

export const XLSX_LIMITS = {
  /** the workbook as uploaded */
  compressedBytes: 64 * MiB,
  /** the shared strings part, which the reader keeps in memory */
  sharedStringsBytes: 64 * MiB,
  /** one worksheet part (a 1,048,576-row sheet of usage is a few hundred MiB of XML) */
  worksheetBytes: 768 * MiB,
  /** any other part (styles, workbook, relationships) */
  otherPartBytes: 32 * MiB,
  /** all parts together */
  totalBytes: 1024 * MiB,
  /** inflated : compressed, for parts above 8 MiB; spreadsheet XML compresses 5–50 to 1 */
  ratio: 200,
  entries: 10_000,
  /** Excel's own sheet limit */
  rows: 1_048_576,
} as const;

const fmt = (bytes: number): string => (bytes >= MiB ? `${(bytes / MiB).toFixed(bytes >= 10 * MiB ? 0 : 1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`);

function limitOf(name: string): number {
  if (/^xl\/sharedStrings\.xml$/i.test(name)) return XLSX_LIMITS.sharedStringsBytes;
  if (/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) return XLSX_LIMITS.worksheetBytes;
  return XLSX_LIMITS.otherPartBytes;
}

/**
 * Why the workbook may not be read, or null when every part inflates within the limits. The
 * sizes are counted while inflating: a zip's own size fields can lie.
 */
export async function xlsxProblem(bytes: Uint8Array): Promise<string | null> {
  if (bytes.length > XLSX_LIMITS.compressedBytes) return `the workbook is ${fmt(bytes.length)}; at most ${fmt(XLSX_LIMITS.compressedBytes)} is read (save the sheet as CSV, which has no such limit)`;
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return "the file is not an XLSX workbook (an XLSX file is a zip archive; this one does not start like one)";
  let problem: string | null = null;
  let total = 0;
  let entries = 0;
  const unzip = new Unzip((file: UnzipFile) => {
    if (problem) return;
    entries++;
    if (entries > XLSX_LIMITS.entries) {
      problem = `the workbook has more than ${XLSX_LIMITS.entries.toLocaleString("en-US")} parts`;
      return;
    }
    const limit = limitOf(file.name);
    let inflated = 0;
    file.ondata = (err, chunk) => {
      if (problem) return;
      if (err) {
        problem = `the workbook is damaged (${file.name}: ${err.message})`;
        return;
      }
      inflated += chunk.length;
      total += chunk.length;
      const compressed = file.size ?? 0;
      if (inflated > limit) {
        problem = `the workbook's part ${file.name} inflates to more than ${fmt(limit)}${compressed > 0 ? ` from ${fmt(compressed)}` : ""}; refused (a workbook that small cannot hold that much data: it is a zip bomb or not a usage export)`;
      } else if (inflated > 8 * MiB && compressed > 0 && inflated / compressed > XLSX_LIMITS.ratio) {
        problem = `the workbook's part ${file.name} inflates more than ${XLSX_LIMITS.ratio} to 1 (${fmt(compressed)} to over ${fmt(inflated)}); refused as a zip bomb`;
      } else if (total > XLSX_LIMITS.totalBytes) {
        problem = `the workbook inflates to more than ${fmt(XLSX_LIMITS.totalBytes)}; refused`;
      }
      if (problem) file.terminate();
    };
    try {
      file.start();
    } catch (e) {
      problem = `the workbook uses a compression this reader does not know (${file.name}: ${(e as Error).message})`;
    }
  });
  unzip.register(UnzipInflate);
  const step = 1 * MiB;
  try {
    for (let at = 0; at < bytes.length && !problem; at += step) {
      unzip.push(bytes.subarray(at, Math.min(bytes.length, at + step)), at + step >= bytes.length);
      // Inflating is synchronous: let other requests through between megabytes.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } catch (e) {
    problem ??= `the workbook is damaged: ${(e as Error).message}`;
  }
  if (!problem && entries === 0) problem = "the file is not an XLSX workbook (the zip archive is empty)";
  return problem;
}
