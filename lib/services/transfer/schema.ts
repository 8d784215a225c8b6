// The workspace file: a whole workspace as the engine's model documents, one per contract, wrapped
// with what a model document has no place for (the vendor list, the contract's header, the rate
// card's name, every observed burn row). Export writes it, import validates all of it before
// writing anything, and every problem is named by its JSON path in the file:
// "contracts[1].model.scenarios[0].clauses.discount.pct: must be a percentage from 0 to 100".
//
// References inside a file are the exporting workspace's ids (rate card, version and scenario ids
// in the models); import gives everything new ids and uses the old ones only to tell which
// contracts share a rate card or a version.
import { z } from "zod";
import { evaluateParsedModel, ModelEvaluationError } from "@/lib/engine/model/evaluate";
import { IsoDateString, parseModelDocument, type ModelDocumentInput } from "@/lib/engine/model/schema";
import { CURRENT_TERMS_SCENARIO } from "@/lib/workbench/model";
import { fixedLine } from "../contracts/schema";
import { currencyCode } from "../ratecards/schema";
import { issuesOf } from "../validation";

export const TRANSFER_FORMAT = "renewal-workbench/workspace";
export const TRANSFER_VERSION = 1;
/** Upload limit of the import route; the proxy in front of route handlers buffers at most 10 MB. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

const name = (max: number) => z.string().trim().min(1, "must not be empty").max(max, `use at most ${max} characters`);
const SIGNED_DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)$/;
const numericText = z.string().regex(SIGNED_DECIMAL, { error: 'expected a decimal string such as "12.5"' });

export const vendorEntry = z
  .object({
    name: name(120),
    product: z.string().trim().max(160).default(""),
    notes: z.string().trim().max(4000).default(""),
  })
  .strict();

/** The contract's header as the contracts table holds it (terms live in the model). */
export const contractHeader = z
  .object({
    name: name(160),
    product: z.string().trim().max(160).default(""),
    currency: currencyCode,
    termStart: IsoDateString,
    termEnd: IsoDateString,
    renewalDate: IsoDateString.nullable().default(null),
    noticeDays: z.number().int().min(0).max(3650).nullable().default(null),
    granularity: z.enum(["month", "week"]).default("month"),
    fixedLines: z.array(fixedLine).max(50).default([]),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.termEnd <= c.termStart) ctx.addIssue({ code: "custom", path: ["termEnd"], message: "the term must end after it starts" });
    if (c.renewalDate && c.renewalDate < c.termStart) ctx.addIssue({ code: "custom", path: ["renewalDate"], message: "the renewal date cannot be before the term starts" });
  });

export const rateCardInfo = z
  .object({
    name: name(160),
    templateId: z.string().min(1).max(200).nullable().default(null),
    /** the vendor the card is filed under (a name from `vendors`), if any */
    vendor: z.string().nullable().default(null),
  })
  .strict();

/**
 * A saved scenario computed on a rate card version other than the contract's current one: that
 * version is a further entry of model.rateCards (one version each, named by `rateCard`), which no
 * scenario refers to, so the model evaluates exactly as the app does.
 */
export const scenarioVersionRef = z
  .object({
    /** id of the model.rateCards entry holding the version */
    rateCard: z.string().min(1),
    /** id of the rate card it belongs to, shared with model.rateCards[0].id when it is the same card */
    card: z.string().min(1),
    name: name(160),
    templateId: z.string().min(1).max(200).nullable().default(null),
    vendor: z.string().nullable().default(null),
  })
  .strict();

export const burnRowEntry = z
  .object({
    rowKey: z.string().min(1).max(500),
    periodStart: IsoDateString,
    periodEnd: IsoDateString.nullable().default(null),
    agent: z.string().nullable().default(null),
    unit: z.string().nullable().default(null),
    environment: z.enum(["production", "nonProduction"]).nullable().default(null),
    actions: numericText.nullable().default(null),
    credits: numericText.nullable().default(null),
    cost: numericText.nullable().default(null),
    currency: z.string().nullable().default(null),
    extras: z.record(z.string(), z.unknown()).nullable().default(null),
  })
  .strict();

export const contractEntry = z
  .object({
    vendor: name(120),
    contract: contractHeader,
    /** the card of the contract's rate card version, model.rateCards[0] (its versions[0]) */
    rateCard: rateCardInfo,
    /** checked on its own by parseModelDocument, so its issues carry the engine's messages */
    model: z.unknown(),
    /** by scenario id: the version it was saved against, when not the contract's (null: none recorded) */
    scenarioVersions: z.record(z.string(), scenarioVersionRef.nullable()).optional(),
    burn: z.array(burnRowEntry).default([]),
  })
  .strict();

export const workspaceFile = z
  .object({
    format: z.literal(TRANSFER_FORMAT, { error: `expected "${TRANSFER_FORMAT}"` }),
    version: z.literal(TRANSFER_VERSION, { error: `expected ${TRANSFER_VERSION}; this app reads version ${TRANSFER_VERSION} files` }),
    exportedAt: z.string().optional(),
    workspace: z.object({ name: z.string().max(100) }).strict(),
    vendors: z.array(vendorEntry).max(10_000),
    contracts: z.array(contractEntry).max(10_000),
  })
  .strict();

export type WorkspaceFileInput = Omit<z.input<typeof workspaceFile>, "contracts"> & {
  contracts: (Omit<z.input<typeof contractEntry>, "model"> & { model: ModelDocumentInput })[];
};
export type ContractEntry = Omit<z.output<typeof contractEntry>, "model"> & { model: ModelDocumentInput };
export type ValidWorkspaceFile = Omit<z.output<typeof workspaceFile>, "contracts"> & { contracts: ContractEntry[] };

export interface TransferIssue {
  /** JSON path in the file without the leading "$.", e.g. "contracts[1].model.term.start" */
  path: string;
  message: string;
}

/** "$.contracts[0].x" → "contracts[0].x"; the root itself is "(file)". */
function filePath(jsonPath: string): string {
  const p = jsonPath.replace(/^\$\.?/, "");
  return p === "" ? "(file)" : p;
}

/** The synthetic scenario buildModelDocument adds when a contract has no saved one: not imported. */
export function isSyntheticCurrentScenario(model: ModelDocumentInput): boolean {
  return model.scenarios.length === 1 && model.scenarios[0]?.id === CURRENT_TERMS_SCENARIO.id;
}

/** Checks that the wrapper and its model describe the same contract, and that references resolve. */
function consistencyIssues(file: z.output<typeof workspaceFile>, models: (ModelDocumentInput | null)[]): TransferIssue[] {
  const out: TransferIssue[] = [];
  const vendorNames = new Set(file.vendors.map((v) => v.name));
  const cardInfo = new Map<string, { name: string; at: string }>();
  const versionBody = new Map<string, { json: string; currency: string; at: string }>();
  const noteCard = (key: string, info: { name: string }, at: string) => {
    const seen = cardInfo.get(key);
    if (!seen) cardInfo.set(key, { name: info.name, at });
    else if (seen.name !== info.name) out.push({ path: `${at}.name`, message: `rate card "${key}" is called "${seen.name}" at ${seen.at}` });
  };
  const noteVersion = (v: unknown, currency: string, at: string) => {
    const id = (v as { id: string }).id;
    const json = JSON.stringify(v);
    const seen = versionBody.get(id);
    if (!seen) versionBody.set(id, { json, currency, at });
    else if (seen.json !== json || seen.currency !== currency) out.push({ path: at, message: `rate card version "${id}" differs from the one at ${seen.at}` });
  };
  file.contracts.forEach((c, i) => {
    const at = `contracts[${i}]`;
    if (!vendorNames.has(c.vendor)) out.push({ path: `${at}.vendor`, message: `no vendor named "${c.vendor}" in vendors` });
    if (c.rateCard.vendor !== null && !vendorNames.has(c.rateCard.vendor)) out.push({ path: `${at}.rateCard.vendor`, message: `no vendor named "${c.rateCard.vendor}" in vendors` });
    const m = models[i];
    if (!m) return;
    const h = c.contract;
    if (m.case.currency !== h.currency) out.push({ path: `${at}.model.case.currency`, message: `must be the contract's currency ${h.currency}` });
    if (m.term.start !== h.termStart) out.push({ path: `${at}.model.term.start`, message: `must be the contract's term start ${h.termStart}` });
    if ((m.term.granularity ?? "month") !== h.granularity) out.push({ path: `${at}.model.term.granularity`, message: `must be the contract's granularity ${h.granularity}` });
    if (m.contract?.termStart !== undefined && m.contract.termStart !== h.termStart) out.push({ path: `${at}.model.contract.termStart`, message: `must be the contract's term start ${h.termStart}` });
    const [card, ...others] = m.rateCards;
    if (card) {
      if (card.versions.length !== 1) out.push({ path: `${at}.model.rateCards[0].versions`, message: "the contract's rate card must hold exactly one version: the one the contract is on" });
      noteCard(card.id, c.rateCard, `${at}.rateCard`);
      if (card.versions[0]) noteVersion(card.versions[0], h.currency, `${at}.model.rateCards[0].versions[0]`);
    }
    const refs = new Map<string, string>();
    const scenarioIds = new Set(m.scenarios.map((s) => s.id));
    for (const [scenarioId, ref] of Object.entries(c.scenarioVersions ?? {})) {
      const rat = `${at}.scenarioVersions[${JSON.stringify(scenarioId)}]`;
      if (!scenarioIds.has(scenarioId)) out.push({ path: rat, message: `no scenario with id "${scenarioId}" in the model` });
      if (!ref) continue;
      const k = others.findIndex((o) => o.id === ref.rateCard);
      if (k < 0) {
        out.push({ path: `${rat}.rateCard`, message: `no rate card "${ref.rateCard}" after the first in model.rateCards` });
        continue;
      }
      refs.set(ref.rateCard, rat);
      if (ref.vendor !== null && !vendorNames.has(ref.vendor)) out.push({ path: `${rat}.vendor`, message: `no vendor named "${ref.vendor}" in vendors` });
      noteCard(ref.card, ref, rat);
    }
    others.forEach((o, k) => {
      const oat = `${at}.model.rateCards[${k + 1}]`;
      if (!refs.has(o.id)) out.push({ path: oat, message: "no scenario in scenarioVersions was saved against this rate card" });
      if (o.versions.length !== 1) out.push({ path: `${oat}.versions`, message: "must hold exactly one version" });
      if (o.versions[0]) noteVersion(o.versions[0], h.currency, `${oat}.versions[0]`);
    });
    const keys = new Set<string>();
    c.burn.forEach((r, j) => {
      if (keys.has(r.rowKey)) out.push({ path: `${at}.burn[${j}].rowKey`, message: `duplicate row key "${r.rowKey}" in this contract` });
      keys.add(r.rowKey);
    });
  });
  return out;
}

export type ValidationResult = { ok: true; file: ValidWorkspaceFile } | { ok: false; issues: TransferIssue[] };

/**
 * Validates a parsed workspace file: the wrapper, each model with parseModelDocument and the engine
 * (a model that validates but cannot be evaluated is refused too), and their agreement.
 */
export function validateWorkspaceFile(value: unknown): ValidationResult {
  const issues: TransferIssue[] = [];
  const wrapper = workspaceFile.safeParse(value);
  if (!wrapper.success) issues.push(...issuesOf(workspaceFile, value).map((i) => ({ path: filePath(i.jsonPath), message: i.message })));
  // Models are checked even when the wrapper is not, so one upload reports every problem.
  const rawContracts = (value as { contracts?: unknown } | null)?.contracts;
  const models: (ModelDocumentInput | null)[] = (Array.isArray(rawContracts) ? rawContracts : []).map((c: unknown, i) => {
    const prefix = `contracts[${i}].model`;
    const model = (c as { model?: unknown } | null)?.model;
    if (model === undefined) return null; // reported by the wrapper as a missing field
    const parsed = parseModelDocument(model);
    if (!parsed.ok) {
      for (const issue of parsed.issues) issues.push({ path: prefix + issue.path.slice(1), message: issue.message });
      return null;
    }
    try {
      evaluateParsedModel(parsed.doc);
    } catch (e) {
      if (e instanceof ModelEvaluationError) issues.push({ path: prefix + e.path.replace(/^\$/, ""), message: `cannot be evaluated: ${e.detail}` });
      else issues.push({ path: prefix, message: `cannot be evaluated: ${(e as Error).message}` });
      return null;
    }
    // Stored as written (not the parsed output with defaults filled in), so a round trip is exact.
    return model as ModelDocumentInput;
  });
  if (!wrapper.success) return { ok: false, issues };
  const file = wrapper.data;
  issues.push(...consistencyIssues(file, models));
  if (issues.length) return { ok: false, issues };
  return { ok: true, file: { ...file, contracts: file.contracts.map((c, i) => ({ ...c, model: models[i]! })) } };
}
