import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { and, asc, eq, inArray, or, sql } from "drizzle-orm";
import { composeBrief } from "@/lib/brief/compose";
import { briefs, briefVersions, type BriefSettings } from "@/lib/db/schema/briefs";
import { burnRows } from "@/lib/db/schema/burn";
import { contracts, scenarios } from "@/lib/db/schema/contracts";
import type { ImportMode } from "@/lib/db/schema/transfer";
import type { ClausesJson, ScenarioJson } from "@/lib/db/schema/json";
import { rateCards, rateCardVersions } from "@/lib/db/schema/ratecards";
import { vendors } from "@/lib/db/schema/vendors";
import { evaluateModel, ModelDocumentError, ModelEvaluationError, type ModelResult } from "@/lib/engine/model/evaluate";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { inTransaction, isUuid, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { invalid } from "../errors";
import { enqueueWorkspaceForecasts } from "../forecast/recompute";
import { executeRows } from "../burn/raw";
import { lockRateCardVersion } from "../ratecards/lock";
import { placeInFile } from "./where";
import { isSyntheticCurrentScenario, validateWorkspaceFile, type burnRowEntry, type TransferIssue, type ValidWorkspaceFile } from "./schema";

export interface ImportReport {
  vendors: { created: string[]; reused: string[] };
  rateCards: { name: string; versions: number }[];
  contracts: {
    id: string;
    name: string;
    vendor: string;
    scenarios: number;
    burnRows: number;
    duplicateBurnRows: number;
    briefs: number;
    briefVersions: number;
    /** the workspace held this contract already (merge): it took only the burn rows it lacked */
    merged?: boolean;
  }[];
  /** how contracts the workspace already held were treated; absent in reports of earlier imports: "copy" */
  mode?: ImportMode;
  /** parts of the file the workspace does not store (derived, or analysis settings) */
  ignored: string[];
}

/** The refusal of a file: an "invalid" error whose fieldErrors are keyed by JSON path. */
export function invalidFile(issues: TransferIssue[]) {
  const fieldErrors: Record<string, string[]> = {};
  for (const i of issues) (fieldErrors[i.path] ??= []).push(i.message);
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  return invalid(first ? `The file cannot be imported: ${placeInFile(first.path)}: ${first.message}${more}` : "The file cannot be imported.", fieldErrors);
}

type VersionDoc = ModelDocumentInput["rateCards"][number]["versions"][number];
type CardInfo = { name: string; templateId: string | null; vendor: string | null };

/**
 * A brief's document with the exporting workspace's ids replaced by the importing one's: rate card
 * and version ids, scenario ids, and every reference to them (a scenario's rate card, the scenarios
 * the Monte Carlo runs, the asks' vendor scenario, the alternatives', the commitment's). Ids the maps
 * do not know are kept ("brief-observed-rate", the clauses' unit and allotment ids).
 *
 * The choice: the stored document is rewritten rather than kept as in the file, so that an imported
 * version is exactly what the app would have stored in this workspace: settings.roles, the
 * rate_card_version_id column, the document's ids and the content's ids are one and the same, and
 * the stored document re-composes to the stored content with the version's own settings. The engine
 * treats ids as names only, so the rewritten document evaluates to the same figures (the import
 * evaluates it again to compose the content; tests/integration/transfer.test.ts checks the money).
 */
export function remapBriefDocument(doc: ModelDocumentInput, ids: { card: (id: string) => string; version: (id: string) => string; scenario: (id: string) => string }): ModelDocumentInput {
  const a = doc.analysis;
  return {
    ...doc,
    rateCards: doc.rateCards.map((c) => ({ ...c, id: ids.card(c.id), versions: c.versions.map((v) => ({ ...v, id: ids.version(v.id) })) })),
    scenarios: doc.scenarios.map((s) => ({ ...s, id: ids.scenario(s.id), ...(s.rateCard !== undefined ? { rateCard: ids.card(s.rateCard) } : {}) })),
    ...(a
      ? {
          analysis: {
            ...a,
            ...(a.monteCarlo ? { monteCarlo: { ...a.monteCarlo, ...(a.monteCarlo.scenarios ? { scenarios: a.monteCarlo.scenarios.map(ids.scenario) } : {}), ...(a.monteCarlo.pairedBy !== undefined ? { pairedBy: ids.scenario(a.monteCarlo.pairedBy) } : {}) } } : {}),
            ...(a.asks ? { asks: { ...a.asks, ...(a.asks.vendorScenario !== undefined ? { vendorScenario: ids.scenario(a.asks.vendorScenario) } : {}) } } : {}),
            ...(a.alternatives ? { alternatives: { ...a.alternatives, ...(a.alternatives.scenario !== undefined ? { scenario: ids.scenario(a.alternatives.scenario) } : {}) } } : {}),
            ...(a.commitment ? { commitment: { ...a.commitment, ...(a.commitment.baseScenario !== undefined ? { baseScenario: ids.scenario(a.commitment.baseScenario) } : {}) } } : {}),
          },
        }
      : {}),
  };
}

/** Rows created in one statement get increasing creation times, so an export lists them in file order. */
const nth = (i: number) => sql`now() + ${`${i} milliseconds`}::interval`;
/** Rows of one INSERT … SELECT FROM jsonb_to_recordset: one statement, one parameter. */
export const BURN_INSERT_ROWS = 5000;

export type BurnRowValue = z.output<typeof burnRowEntry>;

/**
 * Inserts a batch of a contract's burn rows in one statement (the rows travel as one JSON
 * parameter, read by jsonb_to_recordset); a row key already there is skipped. Returns how many
 * were inserted. Inside the caller's transaction.
 */
export async function insertBurnBatch(tx: WorkspaceCtx, contractId: string, rows: BurnRowValue[]): Promise<number> {
  if (!rows.length) return 0;
  const [result] = await executeRows<{ n: number }>(tx.db, sql`
    with ins as (
      insert into ${burnRows} (workspace_id, contract_id, row_key, period_start, period_end, agent, unit, environment, actions, credits, cost, currency, extras)
      select ${tx.workspace.id}::uuid, ${contractId}::uuid, r."rowKey", r."periodStart", r."periodEnd", r.agent, r.unit, r.environment, r.actions, r.credits, r.cost, r.currency, r.extras
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("rowKey" text, "periodStart" date, "periodEnd" date, agent text, unit text, environment text, actions numeric, credits numeric, cost numeric, currency text, extras jsonb)
      on conflict (contract_id, row_key) do nothing
      returning 1
    )
    select count(*)::int as n from ins`);
  return Number(result?.n ?? 0);
}

/**
 * Imports a workspace file (already JSON-parsed) into the caller's workspace. The whole file is
 * validated first; then, in one transaction, vendors (an existing vendor of the same name is
 * reused), rate cards with their versions (locked: contracts use them), contracts with the terms
 * of their model, saved scenarios, burn rows (row keys kept; a key already there is skipped) and
 * briefs (each version's content composed again from its document; see remapBriefDocument).
 * Any problem and nothing is stored. Editors and owners only.
 */
export async function importWorkspace(ctx: WorkspaceCtx, value: unknown, opts: WriteOptions = {}): Promise<ImportReport> {
  requireRole(ctx, "editor");
  const checked = validateWorkspaceFile(value);
  if (!checked.ok) throw invalidFile(checked.issues);
  return inTransaction(ctx, async (tx) => (await writeWorkspaceFile(tx, checked.file, opts)).finish());
}

export interface WriteOptions {
  /**
   * "merge" (the default): a contract of the file the workspace already holds (the file was exported
   * from here, or this workspace imported the contract before; matched by the file's sourceId) is not
   * created again: it keeps its terms, scenarios and briefs as they are here and takes the burn rows
   * it lacks (by row key). "copy": every contract of the file is created anew, named "… (copy)" where
   * the name is taken, and remembers no origin (a later merge does not match it).
   */
  mode?: ImportMode;
}

interface HeldContract {
  id: string;
  name: string;
  currency: string;
}

/** The workspace's contracts the file's sourceIds name, by sourceId: a contract itself, or the earliest one imported from it. */
async function heldContracts(tx: WorkspaceCtx, file: ValidWorkspaceFile): Promise<Map<string, HeldContract>> {
  const sourceIds = [...new Set(file.contracts.map((c) => c.sourceId).filter((id): id is string => id !== undefined))];
  const held = new Map<string, HeldContract>();
  if (!sourceIds.length) return held;
  const rows = await tx.db
    .select({ id: contracts.id, name: contracts.name, currency: contracts.currency, originId: contracts.originId })
    .from(contracts)
    .where(and(eq(contracts.workspaceId, tx.workspace.id), or(inArray(contracts.id, sourceIds), inArray(contracts.originId, sourceIds))))
    .orderBy(asc(contracts.createdAt), asc(contracts.id));
  // The contract itself first, then the earliest import of it.
  for (const r of rows) if (sourceIds.includes(r.id)) held.set(r.id, r);
  for (const r of rows) if (r.originId && !held.has(r.originId)) held.set(r.originId, r);
  return held;
}

/** An import being written: the contracts created so far take the archive's burn rows, then finish. */
export interface ImportWriter {
  /** the new contracts' ids, in the file's order */
  contractIds: string[];
  /** adds a batch of burn rows (validated) to contracts[index] */
  addBurnRows(index: number, rows: BurnRowValue[]): Promise<void>;
  /** the summary audit row and the forecasts' recomputation; the report */
  finish(): Promise<ImportReport>;
}

/**
 * Writes a validated workspace file in the caller's transaction: everything but the burn rows of a
 * version 2 file, which follow through addBurnRows as the archive streams.
 */
export async function writeWorkspaceFile(tx: WorkspaceCtx, file: ValidWorkspaceFile, opts: WriteOptions = {}): Promise<ImportWriter> {
  const ws = tx.workspace.id;
  const mode = opts.mode ?? "merge";
  const report: ImportReport = { mode, vendors: { created: [], reused: [] }, rateCards: [], contracts: [], ignored: [] };
  const held = mode === "merge" ? await heldContracts(tx, file) : new Map<string, HeldContract>();
  const takenNames = mode === "copy" ? new Set((await tx.db.select({ name: contracts.name }).from(contracts).where(eq(contracts.workspaceId, ws))).map((r) => r.name)) : new Set<string>();
  /** a copy's name: the file's, or "… (copy)", "… (copy 2)" where that is taken */
  const copyName = (name: string) => {
    let candidate = name;
    for (let k = 1; takenNames.has(candidate); k += 1) candidate = `${name.slice(0, 140)} (copy${k > 1 ? ` ${k}` : ""})`;
    takenNames.add(candidate);
    return candidate;
  };
  const ignored = new Set<string>();
  let order = 0;

  // ── vendors ──
  const existing = await tx.db
    .select({ id: vendors.id, name: vendors.name })
    .from(vendors)
    .where(eq(vendors.workspaceId, ws))
    .orderBy(asc(vendors.createdAt), asc(vendors.id));
  const vendorId = new Map<string, string>();
  for (const v of existing) if (!vendorId.has(v.name)) vendorId.set(v.name, v.id);
  const reused = new Set<string>();
  for (const v of file.vendors) {
    if (vendorId.has(v.name)) {
      if (!report.vendors.created.includes(v.name)) reused.add(v.name);
      continue;
    }
    const [row] = await tx.db
      .insert(vendors)
      .values({ workspaceId: ws, name: v.name, product: v.product, notes: v.notes, createdAt: nth(order++) })
      .returning({ id: vendors.id });
    if (!row) throw new Error("insert returned no row");
    vendorId.set(v.name, row.id);
    report.vendors.created.push(v.name);
    await recordAudit(tx, { action: "vendor.create", targetType: "vendor", targetId: row.id, details: { name: v.name, via: "import" } });
  }
  report.vendors.reused = [...reused];
  const vendorOf = (name: string | null) => (name === null ? null : (vendorId.get(name) ?? null));

  // ── rate cards and versions, shared by contracts that shared them in the exporting workspace ──
  const cards = new Map<string, { id: string; name: string; versions: number }>();
  /** by the file's version id: the new version, its card and what a brief states about it */
  const versions = new Map<string, { id: string; cardId: string; label: string; effectiveFrom: string }>();
  async function cardFor(key: string, info: CardInfo) {
    const known = cards.get(key);
    if (known) return known;
    const [row] = await tx.db
      .insert(rateCards)
      .values({ workspaceId: ws, vendorId: vendorOf(info.vendor), name: info.name, templateId: info.templateId, createdAt: nth(order++) })
      .returning({ id: rateCards.id });
    if (!row) throw new Error("insert returned no row");
    const card = { id: row.id, name: info.name, versions: 0 };
    cards.set(key, card);
    await recordAudit(tx, { action: "ratecard.create", targetType: "rate_card", targetId: row.id, details: { name: info.name, templateId: info.templateId, via: "import" } });
    return card;
  }
  async function versionFor(card: { id: string; name: string; versions: number }, v: VersionDoc, currency: string) {
    const known = versions.get(v.id);
    if (known) return known.id;
    card.versions += 1;
    const [row] = await tx.db
      .insert(rateCardVersions)
      .values({
        workspaceId: ws,
        rateCardId: card.id,
        versionNo: card.versions,
        effectiveFrom: v.effectiveFrom,
        effectiveTo: v.effectiveTo ?? null,
        currency,
        source: v.source ?? "",
        units: v.units,
        creditPrice: v.creditPrice,
        // Contracts and saved scenarios use it, exactly as in the exporting workspace.
        lockedAt: new Date(),
        createdBy: tx.actor.id,
      })
      .returning({ id: rateCardVersions.id });
    if (!row) throw new Error("insert returned no row");
    versions.set(v.id, { id: row.id, cardId: card.id, label: `${card.name} v${card.versions}`, effectiveFrom: v.effectiveFrom });
    await recordAudit(tx, { action: "ratecard.version.create", targetType: "rate_card_version", targetId: row.id, details: { rateCardId: card.id, versionNo: card.versions, locked: true, via: "import" } });
    return row.id;
  }

  // Every version the models carry, with its card: a brief computed on one takes it from there.
  const modelVersions = new Map<string, { cardKey: string; info: CardInfo; body: VersionDoc }>();
  for (const entry of file.contracts) {
    const [card0, ...others] = entry.model.rateCards;
    const v0 = card0?.versions[0];
    if (card0 && v0 && !modelVersions.has(v0.id)) modelVersions.set(v0.id, { cardKey: card0.id, info: entry.rateCard, body: v0 });
    for (const ref of Object.values(entry.scenarioVersions ?? {})) {
      const body = ref ? others.find((o) => o.id === ref.rateCard)?.versions[0] : undefined;
      if (ref && body && !modelVersions.has(body.id)) modelVersions.set(body.id, { cardKey: ref.card, info: ref, body });
    }
  }
  let briefCount = 0;
  let briefVersionCount = 0;

  // ── contracts, their scenarios, burn and briefs ──
  for (const [ci, entry] of file.contracts.entries()) {
    const m = entry.model;
    const h = entry.contract;

    // ── a contract the workspace holds already: it takes the burn rows it lacks, nothing else ──
    const here = entry.sourceId !== undefined ? held.get(entry.sourceId) : undefined;
    if (here) {
      if (here.currency !== h.currency)
        throw invalidFile([
          {
            path: `contracts[${ci}].contract.currency`,
            message: `this workspace already holds this contract as “${here.name}”, in ${here.currency}; the file has it in ${h.currency}, so its burn cannot be merged. Import the file as a copy instead.`,
          },
        ]);
      let merged = 0;
      for (let i = 0; i < entry.burn.length; i += BURN_INSERT_ROWS) merged += await insertBurnBatch(tx, here.id, entry.burn.slice(i, i + BURN_INSERT_ROWS));
      report.contracts.push({ id: here.id, name: here.name, vendor: entry.vendor, scenarios: 0, burnRows: merged, duplicateBurnRows: entry.burn.length - merged, briefs: 0, briefVersions: 0, merged: true });
      continue;
    }
    const [card0] = m.rateCards;
    const v0 = card0?.versions[0];
    if (!card0 || !v0) throw new Error("validated model has no rate card version"); // checked by validateWorkspaceFile
    const card = await cardFor(card0.id, entry.rateCard);
    const versionId = await versionFor(card, v0, h.currency);
    const { termStart: _termStart, ...clauses } = m.contract ?? {};
    void _termStart; // the contract's own term start; storing a second copy would let them disagree
    const vendor = vendorId.get(entry.vendor);
    if (!vendor) throw new Error("validated contract names an unknown vendor");
    const contractName = mode === "copy" ? copyName(h.name) : h.name;
    const [row] = await tx.db
      .insert(contracts)
      .values({
        workspaceId: ws,
        vendorId: vendor,
        name: contractName,
        originId: mode === "merge" ? (entry.sourceId ?? null) : null,
        product: h.product,
        currency: h.currency,
        termStart: h.termStart,
        termEnd: h.termEnd,
        renewalDate: h.renewalDate,
        noticeDays: h.noticeDays,
        granularity: h.granularity,
        fixedLines: h.fixedLines,
        rateCardVersionId: versionId,
        clauses: clauses as ClausesJson,
        drivers: m.drivers ?? null,
        perUser: m.perUser ?? null,
        assumptions: m.assumptions ?? null,
        createdAt: nth(order++),
      })
      .returning({ id: contracts.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, { action: "contract.create", targetType: "contract", targetId: row.id, details: { name: contractName, vendor: entry.vendor, rateCardVersionId: versionId, via: "import" } });

    // The synthetic "Current terms" scenario stands for "no saved scenario"; it is not one.
    const saved = isSyntheticCurrentScenario(m) ? [] : m.scenarios;
    const scenarioIds = new Map<string, string>();
    let n = 0;
    for (const [k, s] of saved.entries()) {
      const ref = entry.scenarioVersions?.[s.id];
      let scenarioVersion: string | null = versionId;
      if (ref === null) scenarioVersion = null;
      else if (ref) {
        const other = m.rateCards.find((c) => c.id === ref.rateCard)?.versions[0];
        if (!other) throw new Error("validated scenario version reference does not resolve");
        scenarioVersion = await versionFor(await cardFor(ref.card, ref), other, h.currency);
      }
      const id = randomUUID();
      scenarioIds.set(s.id, id);
      // A scenario naming the contract's rate card follows it to its new id.
      const doc = { ...s, id, ...(s.rateCard !== undefined && s.rateCard === card0.id ? { rateCard: card.id } : {}) } as ScenarioJson;
      await tx.db.insert(scenarios).values({ id, workspaceId: ws, contractId: row.id, name: s.name, doc, rateCardVersionId: scenarioVersion, sortOrder: k });
      await recordAudit(tx, { action: "scenario.create", targetType: "scenario", targetId: id, details: { name: s.name, contractId: row.id, via: "import" } });
      n += 1;
    }

    // Version 1: the rows are in the file; version 2: the archive's part follows (addBurnRows).
    let inserted = 0;
    for (let i = 0; i < entry.burn.length; i += BURN_INSERT_ROWS) inserted += await insertBurnBatch(tx, row.id, entry.burn.slice(i, i + BURN_INSERT_ROWS));

    // ── briefs: each version's document with this workspace's ids, evaluated and composed again ──
    // A role scenario deleted after the version was made exists in its document only: it gets a
    // fresh id here (the same one in every version of this contract's briefs), as it had one there.
    const gone = new Map<string, string>();
    const scenarioId = (id: string) => scenarioIds.get(id) ?? (isUuid(id) ? (gone.get(id) ?? (gone.set(id, randomUUID()), gone.get(id)!)) : id);
    let briefVersionsHere = 0;
    for (const [bi, b] of entry.briefs.entries()) {
      const [brief] = await tx.db
        .insert(briefs)
        .values({ workspaceId: ws, contractId: row.id, title: b.title, latestVersion: Math.max(...b.versions.map((v) => v.version)), createdBy: tx.actor.id, createdAt: nth(order++) })
        .returning({ id: briefs.id });
      if (!brief) throw new Error("insert returned no row");
      const sorted = [...b.versions.entries()].sort(([, x], [, y]) => x.version - y.version);
      await recordAudit(tx, { action: "brief.create", targetType: "brief", targetId: brief.id, details: { title: b.title, contractId: row.id, seed: sorted[0]![1].settings.seed, versions: sorted.length, via: "import" } });
      for (const [k, [vi, v]] of sorted.entries()) {
        const at = `contracts[${ci}].briefs[${bi}].versions[${vi}]`;
        const docCard = v.document.rateCards[0];
        const docVersion = docCard?.versions.find((x) => x.id === v.rateCardVersion);
        if (!docCard || !docVersion) throw new Error("validated brief version names no version of its document"); // checked by validateWorkspaceFile
        const source = modelVersions.get(v.rateCardVersion) ?? (v.rateCard ? { cardKey: docCard.id, info: v.rateCard, body: docVersion } : null);
        if (!source) throw new Error("validated brief version names no card for its rate card version");
        await versionFor(await cardFor(source.cardKey, source.info), source.body, h.currency);
        const rcv = versions.get(v.rateCardVersion)!;
        const ids = {
          // the document's own card is the card of the version the brief was computed on
          card: (id: string) => (id === docCard.id ? rcv.cardId : (cards.get(id)?.id ?? id)),
          version: (id: string) => versions.get(id)?.id ?? id,
          scenario: scenarioId,
        };
        const document = remapBriefDocument(v.document, ids);
        const positionDocument = v.positionDocument ? remapBriefDocument(v.positionDocument, ids) : null;
        const r = v.settings.roles;
        const settings: BriefSettings = {
          roles: { vendor: scenarioId(r.vendor), asks: scenarioId(r.asks), walkAway: r.walkAway === null ? null : scenarioId(r.walkAway) },
          ...(v.settings.horizonStart ? { horizonStart: v.settings.horizonStart } : {}),
          horizonPeriods: v.settings.horizonPeriods,
          seed: v.settings.seed,
          paths: v.settings.paths,
        };
        const evaluate = (doc: ModelDocumentInput, where: string): ModelResult => {
          try {
            return evaluateModel(doc);
          } catch (e) {
            // validateWorkspaceFile evaluated the document as written; only a change of ids could fail here.
            if (e instanceof ModelEvaluationError) throw invalidFile([{ path: `${at}.${where}${e.path.replace(/^\$/, "")}`, message: `cannot be evaluated: ${e.detail}` }]);
            if (e instanceof ModelDocumentError) throw invalidFile(e.issues.map((i) => ({ path: `${at}.${where}${i.path.slice(1)}`, message: i.message })));
            throw e;
          }
        };
        const result = evaluate(document, "document");
        const positionResult = positionDocument ? evaluate(positionDocument, "positionDocument") : null;
        // The version as it was made: its own vendor and contract names, renewal date and notice (the
        // contract may have changed since); a renewal horizon starts where its document starts.
        const startsOn = settings.horizonStart === "renewal" ? (document as { term: { start: string } }).term.start : null;
        const content = composeBrief(document, result, settings.roles, { horizonPeriods: settings.horizonPeriods, seed: settings.seed, paths: settings.paths, startsOn }, {
          title: v.title,
          vendor: v.vendor ?? entry.vendor,
          contractName: v.contractName ?? h.name,
          currency: h.currency,
          preparedOn: v.preparedOn,
          preparedBy: v.preparedBy,
          version: v.version,
          renewalDate: v.renewalDate !== undefined ? v.renewalDate : h.renewalDate,
          noticeDays: v.noticeDays !== undefined ? v.noticeDays : h.noticeDays,
          rateCardVersion: { id: rcv.id, label: rcv.label, effectiveFrom: rcv.effectiveFrom },
          partialPeriod: v.partialPeriod,
        }, positionResult);
        await tx.db.insert(briefVersions).values({
          workspaceId: ws,
          briefId: brief.id,
          version: v.version,
          settings,
          rateCardVersionId: rcv.id,
          burnThrough: content.inputs.burnThrough,
          document,
          positionDocument,
          content,
          note: v.note,
          createdBy: tx.actor.id,
          createdAt: new Date(v.createdAt),
        });
        // Already locked when the import created it; as createBrief does, for a version that was there.
        await lockRateCardVersion(tx, rcv.id, { type: "brief", id: brief.id });
        if (k > 0) await recordAudit(tx, { action: "brief.version.create", targetType: "brief", targetId: brief.id, details: { version: v.version, seed: settings.seed, via: "import" } });
        briefVersionsHere += 1;
      }
    }
    briefCount += entry.briefs.length;
    briefVersionCount += briefVersionsHere;

    report.contracts.push({
      id: row.id,
      name: contractName,
      vendor: entry.vendor,
      scenarios: n,
      burnRows: inserted,
      duplicateBurnRows: entry.burn.length - inserted,
      briefs: entry.briefs.length,
      briefVersions: briefVersionsHere,
    });

    if (m.observedBurn) ignored.add("model.observedBurn (recomputed from the burn rows)");
    if (m.usage) ignored.add("model.usage");
    if (m.analysis) ignored.add("model.analysis");
    if (m.term.workingDays) ignored.add("model.term.workingDays");
    if (m.case.customer) ignored.add("model.case.customer");
  }
  report.rateCards = [...cards.values()].map((c) => ({ name: c.name, versions: c.versions }));
  report.ignored = [...ignored];

  return {
    contractIds: report.contracts.map((c) => c.id),
    async addBurnRows(index, rows) {
      const c = report.contracts[index];
      if (!c) throw new Error(`no contract ${index} in this import`);
      const inserted = await insertBurnBatch(tx, c.id, rows);
      c.burnRows += inserted;
      c.duplicateBurnRows += rows.length - inserted;
    },
    async finish() {
      await recordAudit(tx, {
        action: "workspace.import",
        targetType: "workspace",
        targetId: ws,
        details: {
          from: file.workspace.name,
          exportedAt: file.exportedAt ?? null,
          vendorsCreated: report.vendors.created.length,
          vendorsReused: report.vendors.reused.length,
          rateCards: report.rateCards.length,
          rateCardVersions: versions.size,
          mode,
          contracts: report.contracts.filter((c) => !c.merged).length,
          contractsMerged: report.contracts.filter((c) => c.merged).length,
          scenarios: report.contracts.reduce((s, c) => s + c.scenarios, 0),
          burnRows: report.contracts.reduce((s, c) => s + c.burnRows, 0),
          briefs: briefCount,
          briefVersions: briefVersionCount,
        },
      });
      await enqueueWorkspaceForecasts(tx.db, ws);
      return report;
    },
  };
}

/** Counts of what an import created (and merged), for a one-line confirmation. */
export function describeReport(r: ImportReport): string {
  const created = r.contracts.filter((c) => !c.merged);
  const merged = r.contracts.filter((c) => c.merged);
  const scenariosN = created.reduce((s, c) => s + c.scenarios, 0);
  const burnN = created.reduce((s, c) => s + c.burnRows, 0);
  const briefsN = created.reduce((s, c) => s + c.briefs, 0);
  const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
  const mergedBurn = merged.reduce((s, c) => s + c.burnRows, 0);
  const mergedText = merged.length
    ? ` ${plural(merged.length, "contract was", "contracts were")} here already (${merged.map((c) => `“${c.name}”`).join(", ")}): kept as ${merged.length === 1 ? "it is" : "they are"}, with ${plural(mergedBurn, "new burn row")} taken from the file.`
    : "";
  return `${r.mode === "copy" ? "Imported as a copy: " : "Imported "}${plural(created.length, "contract")}, ${plural(scenariosN, "saved scenario")}, ${briefsN ? `${plural(briefsN, "brief")}, ` : ""}${plural(burnN, "burn row")}, ${plural(r.rateCards.length, "rate card")} and ${plural(r.vendors.created.length, "new vendor")}${r.vendors.reused.length ? ` (reused ${plural(r.vendors.reused.length, "existing vendor")})` : ""}.${mergedText}`;
}
