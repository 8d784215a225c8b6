// One pass over a workspace file (archive or version 1 JSON) that checks it as it streams and hands
// the valid parts on: the request runs it for structure only (no engine: a refused file costs
// milliseconds), the import job runs it again, with the engine, writing as it reads.
import { FileRefused, readWorkspaceFile, TRANSFER_LIMITS, type BurnLine } from "./archive";
import { burnPartName, burnRowEntry, LEGACY_TRANSFER_VERSION, TRANSFER_VERSION, validateWorkspaceFile, type TransferIssue, type ValidWorkspaceFile } from "./schema";
import type { BurnRowValue } from "./import";
import { issuesOf } from "../validation";

/** Problems reported at most for one file; past them the check stops. */
export const MAX_ISSUES = 200;

export interface CheckHandlers {
  /** the valid manifest (or version 1 file, with its rows inline) */
  onManifest?(file: ValidWorkspaceFile, format: "archive" | "json"): Promise<void>;
  /** a batch of valid rows of contracts[index] (archive) */
  onBurn?(index: number, rows: BurnRowValue[]): Promise<void>;
}

export interface CheckOutcome {
  format: "archive" | "json";
  contracts: number;
  burnRows: number;
  briefVersions: number;
}

const pathOf = (prefix: string, jsonPath: string) => prefix + jsonPath.replace(/^\$/, "");

/**
 * Reads and checks `source`; throws FileRefused with every problem found (up to MAX_ISSUES, each by
 * its path in the file: burn rows of an archive are named as contracts[i].burn[j], j the row's
 * line in its part less one), or returns what the file holds.
 */
export async function checkWorkspaceFile(source: AsyncIterable<Uint8Array>, options: { evaluate: boolean } & CheckHandlers, limits = TRANSFER_LIMITS): Promise<CheckOutcome> {
  const issues: TransferIssue[] = [];
  let manifest: ValidWorkspaceFile | null = null;
  const partIndex = new Map<string, number>();
  const counted = new Map<string, number>();
  let burnTotal = 0;
  const stopIfFull = () => {
    if (issues.length >= MAX_ISSUES) throw new FileRefused(issues.slice(0, MAX_ISSUES));
  };
  const format = await readWorkspaceFile(
    source,
    {
      async manifest(value, kind) {
        const checked = validateWorkspaceFile(value, { evaluate: options.evaluate });
        if (!checked.ok) throw new FileRefused(checked.issues.slice(0, MAX_ISSUES));
        const file = checked.file;
        if (kind === "archive" && file.version !== TRANSFER_VERSION) throw new FileRefused([{ path: "version", message: `an archive's workspace.json is version ${TRANSFER_VERSION}` }]);
        if (kind === "json" && file.version !== LEGACY_TRANSFER_VERSION)
          throw new FileRefused([{ path: "version", message: `a version ${TRANSFER_VERSION} workspace file is a zip archive (.workbench.zip), not JSON` }]);
        manifest = file;
        file.contracts.forEach((_c, i) => partIndex.set(burnPartName(i), i));
        burnTotal = file.contracts.reduce((n, c) => n + c.burn.length, 0);
        if (burnTotal > limits.burnRows) throw new FileRefused([{ path: "contracts", message: `a workspace file may hold at most ${limits.burnRows} burn rows` }]);
        await options.onManifest?.(file, kind);
      },
      async burn(part, lines: BurnLine[]) {
        const index = partIndex.get(part);
        if (index === undefined) throw new FileRefused([{ path: "(file)", message: `the archive's entry "${part}" belongs to no contract of workspace.json` }]);
        const rows: BurnRowValue[] = [];
        for (const { line, value } of lines) {
          const at = `contracts[${index}].burn[${line - 1}]`;
          if (value instanceof SyntaxError) {
            issues.push({ path: at, message: value.message });
            stopIfFull();
            continue;
          }
          const parsed = burnRowEntry.safeParse(value);
          if (parsed.success) rows.push(parsed.data);
          else {
            for (const i of issuesOf(burnRowEntry, value)) issues.push({ path: pathOf(at, i.jsonPath), message: `${i.message} (line ${line} of ${part})` });
            stopIfFull();
          }
        }
        counted.set(part, (counted.get(part) ?? 0) + lines.length);
        burnTotal += lines.length;
        if (burnTotal > limits.burnRows) throw new FileRefused([...issues, { path: `contracts[${index}].burn`, message: `a workspace file may hold at most ${limits.burnRows} burn rows` }]);
        // Nothing more is written once a problem is found: the import fails as a whole anyway.
        if (!issues.length && rows.length) await options.onBurn?.(index, rows);
      },
      async summary(value) {
        const parts = (value as { parts?: unknown } | null)?.parts;
        if (!parts || typeof parts !== "object") {
          issues.push({ path: "(file)", message: "end.json names no parts" });
          return;
        }
        for (const [part, index] of partIndex) {
          const stated = (parts as Record<string, unknown>)[part];
          const read = counted.get(part);
          if (read === undefined) issues.push({ path: `contracts[${index}].burnPart`, message: `the archive has no entry "${part}"` });
          else if (stated !== read) issues.push({ path: `contracts[${index}].burnPart`, message: `${part} holds ${read} rows; end.json says ${String(stated)}: the archive was cut or changed` });
        }
      },
    },
    limits,
  );
  if (issues.length) throw new FileRefused(issues.slice(0, MAX_ISSUES));
  const file = manifest as ValidWorkspaceFile | null;
  if (!file) throw new FileRefused([{ path: "(file)", message: "the file holds no workspace" }]);
  return {
    format,
    contracts: file.contracts.length,
    burnRows: burnTotal,
    briefVersions: file.contracts.reduce((n, c) => n + c.briefs.reduce((m, b) => m + b.versions.length, 0), 0),
  };
}

