// The download of a contract's FOCUS Contract Commitment dataset: its current terms and, as
// "Proposed", the terms of each saved scenario that changes them (the asks a brief models).
// Readable by every member of the contract's workspace; another workspace's contract is not found.
import Papa from "papaparse";
import { slugify } from "@/lib/slug";
import { and, eq } from "drizzle-orm";
import type { ClausesJson } from "@/lib/db/schema/json";
import { vendors } from "@/lib/db/schema/vendors";
import type { WorkspaceCtx } from "../context";
import { getContractOrThrow } from "../contracts/get";
import { todayIso } from "../forecast/inputs";
import { listScenarios } from "../scenarios/list";
import { COMMITMENT_CSV_COLUMNS, commitmentRows, type CommitmentRow, type TermsSet } from "./commitments";

export async function contractCommitmentRows(ctx: WorkspaceCtx, contractId: string, options: { today?: string } = {}): Promise<{ rows: CommitmentRow[]; vendorName: string; contractName: string }> {
  const contract = await getContractOrThrow(ctx, contractId);
  const [vendor] = await ctx.db
    .select({ name: vendors.name })
    .from(vendors)
    .where(and(eq(vendors.id, contract.vendorId), eq(vendors.workspaceId, ctx.workspace.id)));
  const sets: TermsSet[] = [{ key: "current", name: "Current contract", proposed: false, clauses: contract.clauses }];
  for (const s of await listScenarios(ctx, contract.id)) {
    const changes = s.doc.clauses;
    // A scenario that only changes demand has the contract's own terms: nothing proposed to export.
    if (!changes || Object.keys(changes).length === 0) continue;
    // The engine's rule (lib/engine/model/map.ts mergedClauses): the scenario's fields replace the contract's, field by field.
    const clauses: ClausesJson = { ...contract.clauses, ...changes };
    sets.push({ key: `scenario:${s.id}`, name: s.name, proposed: true, clauses });
  }
  const rows = commitmentRows({
    contractId: contract.id,
    currency: contract.currency,
    termStart: contract.termStart,
    termEnd: contract.termEnd,
    fixedLines: contract.fixedLines,
    sets,
    today: options.today ?? todayIso(),
  });
  return { rows, vendorName: vendor?.name ?? "", contractName: contract.name };
}

export function commitmentCsv(rows: CommitmentRow[]): string {
  // escapeFormulae: a scenario name or line description typed as "=…" must not run as a formula when
  // the file is opened in a spreadsheet.
  return Papa.unparse({ fields: [...COMMITMENT_CSV_COLUMNS], data: rows.map((r) => COMMITMENT_CSV_COLUMNS.map((c) => r[c])) }, { newline: "\r\n", escapeFormulae: true });
}


export async function exportContractCommitments(ctx: WorkspaceCtx, contractId: string, options: { today?: string } = {}): Promise<{ filename: string; csv: string }> {
  const { rows, vendorName, contractName } = await contractCommitmentRows(ctx, contractId, options);
  return { filename: `${slugify(`${vendorName} ${contractName}`, "contract")}-focus-contract-commitments.csv`, csv: commitmentCsv(rows) };
}
