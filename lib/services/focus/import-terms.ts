// A FOCUS Contract Commitment file read back into a contract's terms: the preview names each set of
// terms in the file and what taking it would change; applying one replaces the contract's
// allotments, packs and fixed lines with the set's, through the terms service (validation, saved
// scenarios that would break, version check, audit, forecast of record asked for again), in one
// transaction. The rest of the terms (draw order, exhaustion, discount, drivers) stays as it is.
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import type { ClausesJson, FixedLineJson } from "@/lib/db/schema/json";
import { CommitmentFileError, termsFromCommitmentCsv, type CommitmentTermsSet } from "@/lib/import/commitment-terms";
import { AUTO_PACK_SOURCE_ID } from "@/lib/engine/ledger/types";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { invalid } from "../errors";
import { getContractOrThrow } from "../contracts/get";
import { updateContractTerms } from "../contracts/update-terms";

/** A commitment file is a few hundred rows; 900 KB is far more than any contract's terms (and fits a server action). */
export const COMMITMENT_FILE_MAX_BYTES = 900 * 1024;

export interface CommitmentSetPreview {
  name: string;
  status: string | null;
  currency: string | null;
  exact: boolean;
  allotments: number;
  packs: number;
  fixedLines: number;
  /** "allotments", "packs", "fixed lines" that differ from the contract's; empty when the same */
  changes: string[];
  notes: string[];
  /** why this set cannot be taken into this contract, or null */
  refusal: string | null;
}

function readSets(csv: string): CommitmentTermsSet[] {
  if (Buffer.byteLength(csv, "utf8") > COMMITMENT_FILE_MAX_BYTES) throw invalid("The file is over 900 KB; a Contract Commitment dataset of one contract is far smaller.");
  if (csv.includes("\u0000")) throw invalid("The file holds a NUL byte: it is not a CSV text file.");
  try {
    return termsFromCommitmentCsv(csv);
  } catch (e) {
    if (e instanceof CommitmentFileError) throw invalid(e.message);
    throw e;
  }
}

type Contract = Awaited<ReturnType<typeof getContractOrThrow>>;

function refusalOf(set: CommitmentTermsSet, contract: Contract): string | null {
  if (set.currency && set.currency !== contract.currency) return `Billed in ${set.currency}; this contract is in ${contract.currency}.`;
  if (!set.allotments.length && !set.packs.length && !set.fixedLines.length) return "No credit terms in this set.";
  return null;
}

function changesOf(set: CommitmentTermsSet, contract: Contract): string[] {
  const clauses = (contract.clauses ?? {}) as ClausesJson;
  const same = (a: unknown, b: unknown) => isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? [])), JSON.parse(JSON.stringify(b ?? [])));
  return [
    ...(same(set.allotments, clauses.allotments) ? [] : ["allotments"]),
    ...(same(set.packs, clauses.packs) ? [] : ["packs"]),
    ...(same(set.fixedLines, contract.fixedLines) ? [] : ["fixed lines"]),
  ];
}

/** Each set of terms in the file, and what taking it into this contract would change. */
export async function previewCommitmentTerms(ctx: WorkspaceCtx, contractId: string, csv: string): Promise<CommitmentSetPreview[]> {
  const contract = await getContractOrThrow(ctx, contractId);
  return readSets(csv).map((set) => ({
    name: set.name,
    status: set.status,
    currency: set.currency,
    exact: set.exact,
    allotments: set.allotments.length,
    packs: set.packs.length,
    fixedLines: set.fixedLines.length,
    changes: changesOf(set, contract),
    notes: set.notes,
    refusal: refusalOf(set, contract),
  }));
}

export const applyCommitmentTermsInput = z.object({
  contractId: z.string(),
  version: z.coerce.number().int().positive(),
  set: z.string().min(1, "Choose the set of terms to take."),
  fileName: z.string().max(300).default("commitments.csv"),
});

/** Replaces the contract's allotments, packs and fixed lines with those of one set in the file. */
export async function applyCommitmentTerms(ctx: WorkspaceCtx, input: z.input<typeof applyCommitmentTermsInput>, csv: string) {
  requireRole(ctx, "editor");
  const { contractId, version, set: name, fileName } = applyCommitmentTermsInput.parse(input);
  const sets = readSets(csv);
  const set = sets.find((s) => s.name === name);
  if (!set) throw invalid(`The file has no set of terms named “${name}” (it has ${sets.map((s) => `“${s.name}”`).join(", ")}).`, { set: ["Choose a set the file holds."] });
  return inTransaction(ctx, async (tx) => {
    const contract = await getContractOrThrow(tx, contractId);
    const refusal = refusalOf(set, contract);
    if (refusal) throw invalid(`“${set.name}” cannot be taken into this contract: ${refusal}`, { set: [refusal] });
    const clauses: ClausesJson = { ...((contract.clauses ?? {}) as ClausesJson), allotments: set.allotments as ClausesJson["allotments"], packs: set.packs as ClausesJson["packs"] };
    if (!set.allotments.length) delete clauses.allotments;
    if (!set.packs.length) delete clauses.packs;
    // A draw order naming a clause the file does not hold would refuse the whole save: keep the names that remain.
    if (clauses.drawOrder) {
      const ids = new Set([...(set.allotments.map((a) => String(a.id))), ...set.packs.map((p) => String(p.id))]);
      const kept = clauses.drawOrder.filter((id) => ids.has(id) || id === AUTO_PACK_SOURCE_ID);
      if (kept.length) clauses.drawOrder = kept;
      else delete clauses.drawOrder;
    }
    return updateContractTerms(tx, {
      contractId: contract.id,
      version,
      clauses,
      fixedLines: set.fixedLines as FixedLineJson[],
      source: { file: fileName, set: set.name },
    });
  });
}
