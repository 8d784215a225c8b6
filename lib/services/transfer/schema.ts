// The workspace file: a whole workspace as the engine's model documents, one per contract, wrapped
// with what a model document has no place for (the vendor list, the contract's header, the rate
// card's name, every observed burn row). Export writes it, import validates all of it before
// writing anything, and every problem is named by its JSON path in the file:
// "contracts[1].model.scenarios[0].clauses.discount.pct: must be a percentage from 0 to 100".
//
// References inside a file are the exporting workspace's ids (rate card, version and scenario ids
// in the models, and in the briefs' settings and documents); import gives everything new ids and
// uses the old ones only to tell which contracts share a rate card or a version, and which saved
// scenario or rate card version a brief was computed on.
//
// A contract's briefs travel with it: every version's settings, its model document and what its
// content states about itself (title, prepared on / by, a partial period left out). The content
// itself is not in the file: import evaluates each document again and composes the content anew.
// Share links stay behind (they are secrets of the exporting workspace).
import { z } from "zod";
import { rolesInOrder } from "@/lib/brief/document";
import { addDays } from "@/lib/engine/calendar";
import { evaluateParsedModel, ModelEvaluationError, type ModelResultRaw } from "@/lib/engine/model/evaluate";
import { IsoDateString, parseModelDocument, type ModelDocumentInput } from "@/lib/engine/model/schema";
import { CURRENT_TERMS_SCENARIO } from "@/lib/workbench/model";
import { MAX_PATHS } from "../briefs/schema";
import { isUuid } from "../context";
import { fixedLine } from "../contracts/schema";
import { currencyCode } from "../ratecards/schema";
import { issuesOf } from "../validation";

export const TRANSFER_FORMAT = "renewal-workbench/workspace";
/**
 * 2: the archive (a zip: workspace.json without burn rows, each contract's rows in an NDJSON part);
 * 1: the single JSON file of earlier versions, burn rows inline. Both are read.
 */
export const TRANSFER_VERSION = 2;
export const LEGACY_TRANSFER_VERSION = 1;

/** The archive's entries: the manifest first, each contract's burn rows, the closing summary last. */
export const MANIFEST_ENTRY = "workspace.json";
export const SUMMARY_ENTRY = "end.json";
/** contracts[0] → "burn/0001.ndjson" */
export const burnPartName = (contractIndex: number) => `burn/${String(contractIndex + 1).padStart(4, "0")}.ndjson`;

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

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: "expected a number" })
    .int({ error: "must be a whole number" })
    .min(min, { error: `must be ${min} or more` })
    .max(max, { error: `must be at most ${max}` });

/** A brief version's settings as the brief_versions table holds them; the ids are scenario ids of the contract's model. */
export const briefSettingsEntry = z
  .object({
    roles: z
      .object({
        vendor: z.string().min(1),
        asks: z.string().min(1),
        walkAway: z.string().min(1).nullable(),
      })
      .strict(),
    /** where the horizon starts: the contract's term start (absent), or its renewal date */
    horizonStart: z.enum(["termStart", "renewal"], { error: 'expected "termStart" or "renewal"' }).optional(),
    horizonPeriods: wholeNumber(1, 60),
    seed: wholeNumber(0, 2147483647),
    paths: wholeNumber(200, MAX_PATHS),
  })
  .strict();

export const briefVersionEntry = z
  .object({
    version: wholeNumber(1, 1_000_000),
    /** what the version's content says about itself; the rest of the content is composed again on import */
    title: z.string().min(1, "must not be empty").max(1000),
    preparedOn: IsoDateString,
    preparedBy: z.string().max(500).nullable().default(null),
    /** the vendor, contract name, renewal date and notice period as the version stated them; absent: the contract's */
    vendor: z.string().min(1).max(120).optional(),
    contractName: z.string().min(1).max(160).optional(),
    renewalDate: IsoDateString.nullable().optional(),
    noticeDays: z.number().int().min(0).max(3650).nullable().optional(),
    note: z.string().max(500).nullable().default(null),
    createdAt: z.iso.datetime({ offset: true, error: "expected a date and time such as 2026-03-05T10:00:00.000Z" }),
    settings: briefSettingsEntry,
    /** id of the rate card version the brief was computed on: a version of document.rateCards[0] */
    rateCardVersion: z.string().min(1),
    /** that version's card, when no contract's model in the file carries the version (its contract has moved on since) */
    rateCard: rateCardInfo.optional(),
    /** last day of observed burn the version used; null: none */
    burnThrough: IsoDateString.nullable().default(null),
    /** a trailing period of burn left out because its rows did not cover it to its end */
    partialPeriod: z.object({ start: IsoDateString, through: IsoDateString }).strict().nullable().default(null),
    /** the brief's model document, checked on its own by parseModelDocument and the engine */
    document: z.unknown(),
    /** for a horizon from the renewal date: the current term's document the current position is read from */
    positionDocument: z.unknown().optional(),
  })
  .strict();

export const briefEntry = z
  .object({
    title: z.string().min(1, "must not be empty").max(1000),
    versions: z.array(briefVersionEntry).min(1, "a brief has at least one version").max(10_000),
  })
  .strict();

export const contractEntry = z
  .object({
    vendor: name(120),
    /** the contract's identity across workspaces (the one it was first imported from, else its own id); absent in older files */
    sourceId: z.uuid({ error: "expected the id of the contract the file was exported from" }).optional(),
    contract: contractHeader,
    /** the card of the contract's rate card version, model.rateCards[0] (its versions[0]) */
    rateCard: rateCardInfo,
    /** checked on its own by parseModelDocument, so its issues carry the engine's messages */
    model: z.unknown(),
    /** by scenario id: the version it was saved against, when not the contract's (null: none recorded) */
    scenarioVersions: z.record(z.string(), scenarioVersionRef.nullable()).optional(),
    /** version 1: the rows themselves */
    burn: z.array(burnRowEntry).default([]),
    /** version 2: the archive entry holding the rows, one JSON object a line ("burn/0001.ndjson") */
    burnPart: z.string().regex(/^burn\/\d{4,}\.ndjson$/, { error: 'expected an archive entry name such as "burn/0001.ndjson"' }).optional(),
    /** absent in files written before briefs travelled: none */
    briefs: z.array(briefEntry).max(10_000).default([]),
  })
  .strict();

export const workspaceFile = z
  .object({
    format: z.literal(TRANSFER_FORMAT, { error: `expected "${TRANSFER_FORMAT}"` }),
    version: z.union([z.literal(LEGACY_TRANSFER_VERSION), z.literal(TRANSFER_VERSION)], { error: `expected ${TRANSFER_VERSION} (or ${LEGACY_TRANSFER_VERSION}, a file of earlier versions); this app reads version ${LEGACY_TRANSFER_VERSION} and ${TRANSFER_VERSION} files` }),
    exportedAt: z.string().optional(),
    workspace: z.object({ name: z.string().max(100) }).strict(),
    vendors: z.array(vendorEntry).max(10_000),
    contracts: z.array(contractEntry).max(10_000),
  })
  .strict();

type BriefVersionInput = Omit<z.input<typeof briefVersionEntry>, "document" | "positionDocument"> & { document: ModelDocumentInput; positionDocument?: ModelDocumentInput | null };
type BriefInput = Omit<z.input<typeof briefEntry>, "versions"> & { versions: BriefVersionInput[] };
export type WorkspaceFileInput = Omit<z.input<typeof workspaceFile>, "contracts"> & {
  contracts: (Omit<z.input<typeof contractEntry>, "model" | "briefs"> & { model: ModelDocumentInput; briefs?: BriefInput[] })[];
};
export type BriefVersionEntry = Omit<z.output<typeof briefVersionEntry>, "document" | "positionDocument"> & { document: ModelDocumentInput; positionDocument: ModelDocumentInput | null };
export type BriefEntry = Omit<z.output<typeof briefEntry>, "versions"> & { versions: BriefVersionEntry[] };
export type ContractEntry = Omit<z.output<typeof contractEntry>, "model" | "briefs"> & { model: ModelDocumentInput; briefs: BriefEntry[] };
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

/** JSON with every object's keys sorted, to compare two values regardless of key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Checks that the wrapper and its model describe the same contract, and that references resolve. */
/** A model document that validated (and evaluated, unless structure only): as written in the file, and the engine's result. */
interface CheckedDocument {
  doc: ModelDocumentInput;
  result: ModelResultRaw | null;
}

/** A brief version's documents: its own, and the current term's for a horizon from renewal (else null). */
interface CheckedBrief {
  main: CheckedDocument;
  position: CheckedDocument | null;
}

/** Brief versions' documents by contract, brief and version index; null where one was refused. */
type BriefDocuments = (CheckedBrief | null)[][][];

function consistencyIssues(file: z.output<typeof workspaceFile>, models: (ModelDocumentInput | null)[], briefDocs: BriefDocuments): TransferIssue[] {
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
    // Key order aside: a brief's document comes back from jsonb with its keys reordered.
    const json = canonicalJson(v);
    const seen = versionBody.get(id);
    if (!seen) versionBody.set(id, { json, currency, at });
    else if (seen.json !== json || seen.currency !== currency) out.push({ path: at, message: `rate card version "${id}" differs from the one at ${seen.at}` });
  };
  const sourceAt = new Map<string, string>();
  file.contracts.forEach((c, i) => {
    const at = `contracts[${i}]`;
    if (c.sourceId !== undefined) {
      const seen = sourceAt.get(c.sourceId);
      if (seen) out.push({ path: `${at}.sourceId`, message: `is the sourceId of ${seen} too: each contract of a file is a different contract` });
      else sourceAt.set(c.sourceId, at);
    }
    if (file.version === TRANSFER_VERSION) {
      if (c.burnPart !== burnPartName(i)) out.push({ path: `${at}.burnPart`, message: `must be "${burnPartName(i)}": a version ${TRANSFER_VERSION} file keeps each contract's burn rows in its own archive entry` });
      if (c.burn.length) out.push({ path: `${at}.burn`, message: `not allowed in a version ${TRANSFER_VERSION} file: the rows are in ${burnPartName(i)}` });
    } else if (c.burnPart !== undefined) out.push({ path: `${at}.burnPart`, message: `not allowed in a version ${LEGACY_TRANSFER_VERSION} file: its rows are in burn` });
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

  // ── briefs: after every model, so a brief may name a version another contract's model carries ──
  const modelVersions = new Set(versionBody.keys());
  file.contracts.forEach((c, i) => {
    const m = models[i];
    // Saved scenarios (the synthetic "Current terms" is none); a brief's roles are ids of these.
    const saved = new Set(m && !isSyntheticCurrentScenario(m) ? m.scenarios.map((s) => s.id) : []);
    c.briefs.forEach((b, j) => {
      const bat = `contracts[${i}].briefs[${j}]`;
      const numbers = new Set<number>();
      b.versions.forEach((v, k) => {
        const at = `${bat}.versions[${k}]`;
        if (numbers.has(v.version)) out.push({ path: `${at}.version`, message: `duplicate version number ${v.version} in this brief` });
        numbers.add(v.version);
        if (v.partialPeriod && v.partialPeriod.through < v.partialPeriod.start) out.push({ path: `${at}.partialPeriod.through`, message: "must not be before the period starts" });
        if (v.rateCard?.vendor != null && !vendorNames.has(v.rateCard.vendor)) out.push({ path: `${at}.rateCard.vendor`, message: `no vendor named "${v.rateCard.vendor}" in vendors` });
        const checked = briefDocs[i]?.[j]?.[k];
        if (!checked) return; // its document's own issues are reported
        out.push(...briefVersionIssues(v, checked, c.contract.currency, m ? saved : null, at));
        // The rate card version: from a model of the file when one carries it, else from this document.
        const docVersions = checked.main.doc.rateCards[0]?.versions ?? [];
        const x = docVersions.findIndex((dv) => dv.id === v.rateCardVersion);
        if (x < 0) {
          out.push({ path: `${at}.rateCardVersion`, message: `no version "${v.rateCardVersion}" in document.rateCards[0]` });
          return;
        }
        noteVersion(docVersions[x], c.contract.currency, `${at}.document.rateCards[0].versions[${x}]`);
        if (v.rateCard) noteCard(checked.main.doc.rateCards[0]!.id, v.rateCard, `${at}.rateCard`);
        else if (!modelVersions.has(v.rateCardVersion)) {
          out.push({ path: `${at}.rateCard`, message: `required: no contract's model carries rate card version "${v.rateCardVersion}", so its card must be named here` });
        }
      });
    });
  });
  return out;
}

/**
 * A brief version's settings against its own document: the figures the content states (seed,
 * paths, horizon, scenarios, burn through) must be the ones the document is evaluated with.
 * `saved` is the contract's saved scenario ids (null when the model itself was refused).
 */
function briefVersionIssues(v: z.output<typeof briefVersionEntry>, checked: CheckedBrief, currency: string, saved: Set<string> | null, at: string): TransferIssue[] {
  const out: TransferIssue[] = [];
  const { doc } = checked.main;
  const s = v.settings;
  if (doc.case.currency !== currency) out.push({ path: `${at}.document.case.currency`, message: `must be the contract's currency ${currency}` });
  if (checked.position && checked.position.doc.case.currency !== currency) out.push({ path: `${at}.positionDocument.case.currency`, message: `must be the contract's currency ${currency}` });
  if (doc.term.periods !== s.horizonPeriods) out.push({ path: `${at}.settings.horizonPeriods`, message: `must be the document's term.periods, ${doc.term.periods}` });
  const mc = doc.analysis?.monteCarlo;
  if (!mc) out.push({ path: `${at}.document.analysis.monteCarlo`, message: "required field is missing: a brief's document runs the Monte Carlo" });
  else {
    if (mc.seed !== s.seed) out.push({ path: `${at}.settings.seed`, message: `must be the document's Monte Carlo seed ${mc.seed}` });
    if (mc.paths !== s.paths) out.push({ path: `${at}.settings.paths`, message: `must be the document's Monte Carlo paths ${mc.paths}` });
  }
  const inDoc = new Set(doc.scenarios.map((x) => x.id));
  const roles = rolesInOrder(s.roles);
  const seen = new Map<string, string>();
  let rolesOk = true;
  for (const { role, id } of roles) {
    const rat = `${at}.settings.roles.${role}`;
    const before = seen.get(id);
    seen.set(id, role);
    if (before) {
      out.push({ path: rat, message: `must be a different scenario from the ${before} one` });
      rolesOk = false;
    } else if (!inDoc.has(id)) {
      out.push({ path: rat, message: saved?.has(id) ? `scenario "${id}" is not in this version's document` : `no scenario with id "${id}" in this contract's model` });
      rolesOk = false;
    } else if (saved && !saved.has(id) && !isUuid(id)) {
      // A saved scenario deleted after the version was made is in its document only, under its
      // database id; that is the one thing allowed to be missing from the contract's model.
      out.push({ path: rat, message: `no scenario with id "${id}" in this contract's model` });
      rolesOk = false;
    }
  }
  if (rolesOk && mc?.scenarios && JSON.stringify(mc.scenarios) !== JSON.stringify(roles.map((r) => r.id))) {
    out.push({ path: `${at}.settings.roles`, message: "must be the scenarios the document's Monte Carlo simulates, in order: vendor, asks, walk-away" });
  }
  // The current position (and so the burn through) is read on the position document when there is one.
  // Read on the engine's result: checked when the documents are evaluated (the import job), not by
  // the request's structural check.
  const evaluated = (checked.position ?? checked.main).result;
  if (!evaluated) return out;
  const last = evaluated.observedBurn?.observed.at(-1);
  const through = last ? addDays(last.end, -1) : null;
  if (v.burnThrough !== through) out.push({ path: `${at}.burnThrough`, message: through ? `must be the last day of the document's observed burn, ${through}` : "must be null: the document has no observed burn" });
  return out;
}

export type ValidationResult = { ok: true; file: ValidWorkspaceFile } | { ok: false; issues: TransferIssue[] };

const arrayAt = (value: unknown, key: string): unknown[] => {
  const x = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return Array.isArray(x) ? x : [];
};

/**
 * Checks one model document with parseModelDocument and the engine (a document that validates but
 * cannot be evaluated is refused too); its issues are pushed under `prefix`.
 */
function checkDocument(value: unknown, prefix: string, issues: TransferIssue[], evaluate: boolean): CheckedDocument | null {
  const parsed = parseModelDocument(value);
  if (!parsed.ok) {
    for (const issue of parsed.issues) issues.push({ path: prefix + issue.path.slice(1), message: issue.message });
    return null;
  }
  // The engine allows far more simulated paths than the app builds with: a file must not make an
  // import job run for hours.
  const paths = parsed.doc.analysis?.monteCarlo?.paths;
  if (paths !== undefined && paths > MAX_PATHS) {
    issues.push({ path: `${prefix}.analysis.monteCarlo.paths`, message: `must be at most ${MAX_PATHS}` });
    return null;
  }
  if (!evaluate) return { doc: value as ModelDocumentInput, result: null };
  try {
    // Stored as written (not the parsed output with defaults filled in), so a round trip is exact.
    return { doc: value as ModelDocumentInput, result: evaluateParsedModel(parsed.doc) };
  } catch (e) {
    if (e instanceof ModelEvaluationError) issues.push({ path: prefix + e.path.replace(/^\$/, ""), message: `cannot be evaluated: ${e.detail}` });
    else issues.push({ path: prefix, message: `cannot be evaluated: ${(e as Error).message}` });
    return null;
  }
}

/**
 * Validates a parsed workspace file: the wrapper, each model and each brief version's document with
 * parseModelDocument and the engine, and their agreement.
 */
export interface ValidationOptions {
  /**
   * false: structure only (zod, parseModelDocument, references), no engine run: what a request may
   * afford before it refuses a file. true (default): every document is evaluated too (the job).
   */
  evaluate?: boolean;
}

export function validateWorkspaceFile(value: unknown, { evaluate = true }: ValidationOptions = {}): ValidationResult {
  const issues: TransferIssue[] = [];
  const wrapper = workspaceFile.safeParse(value);
  if (!wrapper.success) issues.push(...issuesOf(workspaceFile, value).map((i) => ({ path: filePath(i.jsonPath), message: i.message })));
  // Documents are checked even when the wrapper is not, so one upload reports every problem.
  const rawContracts = arrayAt(value, "contracts");
  const models: (ModelDocumentInput | null)[] = rawContracts.map((c: unknown, i) => {
    const model = (c as { model?: unknown } | null)?.model;
    if (model === undefined) return null; // reported by the wrapper as a missing field
    return checkDocument(model, `contracts[${i}].model`, issues, evaluate)?.doc ?? null;
  });
  const briefDocs: BriefDocuments = rawContracts.map((c, i) =>
    arrayAt(c, "briefs").map((b, j) =>
      arrayAt(b, "versions").map((v, k): CheckedBrief | null => {
        const { document, positionDocument } = (v ?? {}) as { document?: unknown; positionDocument?: unknown };
        if (document === undefined) return null;
        const at = `contracts[${i}].briefs[${j}].versions[${k}]`;
        const main = checkDocument(document, `${at}.document`, issues, evaluate);
        const position = positionDocument == null ? null : checkDocument(positionDocument, `${at}.positionDocument`, issues, evaluate);
        return main && (positionDocument == null || position) ? { main, position } : null;
      }),
    ),
  );
  if (!wrapper.success) return { ok: false, issues };
  const file = wrapper.data;
  issues.push(...consistencyIssues(file, models, briefDocs));
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    file: {
      ...file,
      contracts: file.contracts.map((c, i) => ({
        ...c,
        model: models[i]!,
        briefs: c.briefs.map((b, j) => ({
          ...b,
          versions: b.versions.map((v, k) => {
            const checked = briefDocs[i]![j]![k]!;
            return { ...v, document: checked.main.doc, positionDocument: checked.position?.doc ?? null };
          }),
        })),
      })),
    },
  };
}
