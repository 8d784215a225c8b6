import { slugify } from "@/lib/slug";
import { and, asc, count, eq, gt, inArray } from "drizzle-orm";
import { Zip, ZipDeflate } from "fflate";
import type { BriefContent } from "@/lib/brief/types";
import type { Db } from "@/lib/db/client";
import { briefs, briefVersions } from "@/lib/db/schema/briefs";
import { burnRows } from "@/lib/db/schema/burn";
import { contracts } from "@/lib/db/schema/contracts";
import { rateCards, rateCardVersions, type RateCardVersionRow } from "@/lib/db/schema/ratecards";
import { vendors } from "@/lib/db/schema/vendors";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { buildModelDocument } from "@/lib/workbench/model";
import type { WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { loadContractBundle } from "../contracts/load-bundle";
import { burnPartName, isSyntheticCurrentScenario, MANIFEST_ENTRY, SUMMARY_ENTRY, TRANSFER_FORMAT, TRANSFER_VERSION, type WorkspaceFileInput } from "./schema";

type ContractOut = WorkspaceFileInput["contracts"][number];
type BriefOut = NonNullable<ContractOut["briefs"]>[number];

/**
 * The trailing period of burn a version left out (computeBriefVersion's partialPeriod), as its
 * content records it: the import composes the content again and must say it again.
 */
export function partialPeriodOf(content: BriefContent): { start: string; through: string } | null {
  return content.inputs.partialPeriod ?? null;
}

function versionDoc(v: Pick<RateCardVersionRow, "id" | "effectiveFrom" | "effectiveTo" | "source" | "units" | "creditPrice">) {
  // The same shape buildModelDocument gives the contract's own version.
  return {
    id: v.id,
    effectiveFrom: v.effectiveFrom,
    ...(v.effectiveTo ? { effectiveTo: v.effectiveTo } : {}),
    ...(v.source ? { source: v.source } : {}),
    units: v.units,
    creditPrice: v.creditPrice,
  };
}

/**
 * A contract with neither drivers nor two periods of burn has no demand, and buildModelDocument's
 * synthetic "Current terms" scenario would then fail validation. The file states "no demand"
 * explicitly instead (zero actions of the rate card's first unit); import skips that scenario anyway.
 */
function withValidSyntheticDemand(doc: ModelDocumentInput): ModelDocumentInput {
  if (!isSyntheticCurrentScenario(doc) || doc.drivers || doc.observedBurn) return doc;
  const unit = doc.rateCards[0]?.versions[0]?.units[0]?.id;
  const current = doc.scenarios[0];
  if (!unit || !current) return doc;
  return { ...doc, scenarios: [{ ...current, demand: { source: "drivers", drivers: { units: [{ unit, actionsPerMonth: 0 }] } } }] };
}

/** Reads under one snapshot, so the contracts, their scenarios and their burn agree with each other. */
async function inSnapshot<T>(ctx: WorkspaceCtx, fn: (tx: WorkspaceCtx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx as unknown as Db }), { isolationLevel: "repeatable read", accessMode: "read only" });
}

export interface ExportManifest {
  /** workspace.json: the workspace file without burn rows (each contract names its burn part) */
  manifest: WorkspaceFileInput;
  /** the contracts' ids, in the manifest's order */
  contractIds: string[];
  /** burn rows of the workspace when the manifest was read */
  burnRows: number;
}

/**
 * The archive's manifest (lib/services/transfer/schema.ts): every vendor, and per contract the model
 * document the app evaluates (buildModelDocument on the contract's bundle) with its header, rate
 * card and every brief version, read under one snapshot. The burn rows stream after it, page by page.
 */
export async function readExportManifest(ctx: WorkspaceCtx, now: Date = new Date()): Promise<ExportManifest> {
  return inSnapshot(ctx, async (tx) => {
    const ws = tx.workspace.id;
    const vendorRows = await tx.db
      .select({ id: vendors.id, name: vendors.name, product: vendors.product, notes: vendors.notes })
      .from(vendors)
      .where(eq(vendors.workspaceId, ws))
      .orderBy(asc(vendors.createdAt), asc(vendors.id));
    const vendorName = new Map(vendorRows.map((v) => [v.id, v.name]));
    const contractRows = await tx.db
      .select({ id: contracts.id })
      .from(contracts)
      .where(eq(contracts.workspaceId, ws))
      .orderBy(asc(contracts.createdAt), asc(contracts.id));

    const out: ContractOut[] = [];
    const ids: string[] = [];
    for (const { id } of contractRows) {
      ids.push(id);
      const loaded = await loadContractBundle(tx, id);
      const c = loaded.contract;
      const doc = withValidSyntheticDemand(buildModelDocument(loaded.bundle));

      // Versions saved scenarios were computed on, when the contract has moved on since.
      const otherIds = [...new Set(loaded.scenarios.map((s) => s.rateCardVersionId).filter((v): v is string => v !== null && v !== c.rateCardVersionId))];
      const others = otherIds.length
        ? await tx.db
            .select({ version: rateCardVersions, card: rateCards })
            .from(rateCardVersions)
            .innerJoin(rateCards, eq(rateCards.id, rateCardVersions.rateCardId))
            .where(and(eq(rateCardVersions.workspaceId, ws), inArray(rateCardVersions.id, otherIds)))
        : [];
      const byVersion = new Map(others.map((o) => [o.version.id, o]));
      const scenarioVersions: NonNullable<ContractOut["scenarioVersions"]> = {};
      for (const vid of otherIds) {
        const o = byVersion.get(vid);
        if (o) doc.rateCards.push({ id: vid, vendor: loaded.vendor.name, versions: [versionDoc(o.version)] });
      }
      for (const s of loaded.scenarios) {
        if (s.rateCardVersionId === c.rateCardVersionId) continue;
        const o = s.rateCardVersionId ? byVersion.get(s.rateCardVersionId) : undefined;
        scenarioVersions[s.id] = o
          ? { rateCard: o.version.id, card: o.card.id, name: o.card.name, templateId: o.card.templateId, vendor: o.card.vendorId ? (vendorName.get(o.card.vendorId) ?? null) : null }
          : null;
      }

      const [card] = await tx.db
        .select({ name: rateCards.name, templateId: rateCards.templateId, vendorId: rateCards.vendorId })
        .from(rateCards)
        .where(and(eq(rateCards.id, loaded.rateCard.id), eq(rateCards.workspaceId, ws)));
      // Briefs, every version; share links stay behind (secrets of this workspace).
      const briefRows = await tx.db
        .select({ id: briefs.id, title: briefs.title })
        .from(briefs)
        .where(and(eq(briefs.workspaceId, ws), eq(briefs.contractId, c.id)))
        .orderBy(asc(briefs.createdAt), asc(briefs.id));
      const versionRows = briefRows.length
        ? await tx.db
            .select()
            .from(briefVersions)
            .where(and(eq(briefVersions.workspaceId, ws), inArray(briefVersions.briefId, briefRows.map((b) => b.id))))
            .orderBy(asc(briefVersions.version))
        : [];
      // A version computed on a rate card version the contract has since left names that version's card.
      const inModel = new Set(doc.rateCards.flatMap((r) => r.versions.map((v) => v.id)));
      const versionOf = (v: (typeof versionRows)[number]) => v.rateCardVersionId ?? v.content.inputs.rateCardVersion.id;
      const elsewhere = [...new Set(versionRows.map(versionOf).filter((id) => !inModel.has(id)))];
      const cardOf = new Map(
        (elsewhere.length
          ? await tx.db
              .select({ versionId: rateCardVersions.id, name: rateCards.name, templateId: rateCards.templateId, vendorId: rateCards.vendorId })
              .from(rateCardVersions)
              .innerJoin(rateCards, eq(rateCards.id, rateCardVersions.rateCardId))
              .where(and(eq(rateCardVersions.workspaceId, ws), inArray(rateCardVersions.id, elsewhere)))
          : []
        ).map((r) => [r.versionId, { name: r.name, templateId: r.templateId, vendor: r.vendorId ? (vendorName.get(r.vendorId) ?? null) : null }]),
      );
      const briefsOut: BriefOut[] = briefRows.map((b) => ({
        title: b.title,
        versions: versionRows
          .filter((v) => v.briefId === b.id)
          .map((v) => {
            const card = cardOf.get(versionOf(v));
            return {
              version: v.version,
              title: v.content.title,
              preparedOn: v.content.preparedOn,
              preparedBy: v.content.preparedBy,
              vendor: v.content.vendor,
              contractName: v.content.contractName,
              ...(v.content.inputs.renewalDate !== undefined ? { renewalDate: v.content.inputs.renewalDate } : {}),
              ...(v.content.inputs.noticeDays !== undefined ? { noticeDays: v.content.inputs.noticeDays } : {}),
              note: v.note,
              createdAt: v.createdAt.toISOString(),
              settings: v.settings,
              rateCardVersion: versionOf(v),
              ...(card ? { rateCard: card } : {}),
              burnThrough: v.burnThrough,
              partialPeriod: partialPeriodOf(v.content),
              document: v.document,
              ...(v.positionDocument ? { positionDocument: v.positionDocument } : {}),
            };
          }),
      }));

      out.push({
        vendor: loaded.vendor.name,
        // The contract this one was imported from, or itself: an import into a workspace holding it merges.
        sourceId: c.originId ?? c.id,
        contract: {
          name: c.name,
          product: c.product,
          currency: c.currency,
          termStart: c.termStart,
          termEnd: c.termEnd,
          renewalDate: c.renewalDate,
          noticeDays: c.noticeDays,
          granularity: c.granularity,
          fixedLines: c.fixedLines,
        },
        rateCard: {
          name: card?.name ?? loaded.rateCard.name,
          templateId: card?.templateId ?? null,
          vendor: card?.vendorId ? (vendorName.get(card.vendorId) ?? null) : null,
        },
        model: doc,
        ...(Object.keys(scenarioVersions).length ? { scenarioVersions } : {}),
        burnPart: burnPartName(out.length),
        briefs: briefsOut,
      });
    }
    const [{ n } = { n: 0 }] = await tx.db.select({ n: count() }).from(burnRows).where(eq(burnRows.workspaceId, ws));
    return {
      manifest: {
        format: TRANSFER_FORMAT,
        version: TRANSFER_VERSION,
        exportedAt: now.toISOString(),
        workspace: { name: tx.workspace.name },
        vendors: vendorRows.map(({ name, product, notes }) => ({ name, product, notes })),
        contracts: out,
      } satisfies WorkspaceFileInput,
      contractIds: ids,
      burnRows: n,
    };
  });
}

/** Rows per page of the burn cursor: a page is read, written to the archive and let go. */
export const BURN_PAGE_ROWS = 5000;

export type BurnRowOut = NonNullable<ContractOut["burn"]>[number];

/**
 * A contract's burn rows page by page, by row key after the last one read (the unique index on
 * (contract_id, row_key) serves every page), each page its own short query: no transaction stays
 * open while the archive streams to a slow client.
 */
export async function* burnPages(ctx: WorkspaceCtx, contractId: string, pageRows = BURN_PAGE_ROWS): AsyncGenerator<BurnRowOut[]> {
  let after: string | null = null;
  for (;;) {
    const page: BurnRowOut[] = await ctx.db
      .select({
        rowKey: burnRows.rowKey,
        periodStart: burnRows.periodStart,
        periodEnd: burnRows.periodEnd,
        agent: burnRows.agent,
        unit: burnRows.unit,
        environment: burnRows.environment,
        actions: burnRows.actions,
        credits: burnRows.credits,
        cost: burnRows.cost,
        currency: burnRows.currency,
        extras: burnRows.extras,
      })
      .from(burnRows)
      .where(and(eq(burnRows.workspaceId, ctx.workspace.id), eq(burnRows.contractId, contractId), after === null ? undefined : gt(burnRows.rowKey, after)))
      .orderBy(asc(burnRows.rowKey))
      .limit(pageRows);
    if (page.length === 0) return;
    yield page;
    if (page.length < pageRows) return;
    after = page[page.length - 1]!.rowKey;
  }
}

export interface ArchiveOptions {
  now?: Date;
  /** called between pages: the export lease is renewed there */
  onPage?: () => Promise<void>;
  pageRows?: number;
  /** deflate level (fflate, 0-9) */
  level?: 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
}

/** What end.json states: every part's row count, so a cut-off archive is refused on import. */
export interface ArchiveSummary {
  format: typeof TRANSFER_FORMAT;
  parts: Record<string, number>;
}

/**
 * The workspace as a zip archive, produced as it is read: workspace.json, then each contract's burn
 * rows as NDJSON (burn/0001.ndjson…), then end.json. The generator advances only when its consumer
 * pulls, so at most one page of rows and its compressed bytes are held whatever the workspace size.
 * Readable by viewers; the export is audited when it starts.
 */
export async function* exportArchive(ctx: WorkspaceCtx, options: ArchiveOptions = {}): AsyncGenerator<Uint8Array> {
  const level = options.level ?? 6;
  const { manifest, contractIds, burnRows: rowCount } = await readExportManifest(ctx, options.now);
  await recordAudit(ctx, {
    action: "workspace.export",
    targetType: "workspace",
    targetId: ctx.workspace.id,
    details: {
      vendors: manifest.vendors.length,
      contracts: manifest.contracts.length,
      burnRows: rowCount,
      briefs: manifest.contracts.reduce((n, c) => n + (c.briefs?.length ?? 0), 0),
    },
  });
  let pending: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else pending.push(chunk);
  });
  const drain = function* () {
    if (failed) throw failed;
    const out = pending;
    pending = [];
    yield* out;
  };
  const encoder = new TextEncoder();
  const entry = (name: string) => {
    const file = new ZipDeflate(name, { level });
    zip.add(file);
    return file;
  };
  entry(MANIFEST_ENTRY).push(encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`), true);
  yield* drain();
  const parts: Record<string, number> = {};
  for (const [i, contractId] of contractIds.entries()) {
    const name = burnPartName(i);
    const part = entry(name);
    let rows = 0;
    for await (const page of burnPages(ctx, contractId, options.pageRows)) {
      part.push(encoder.encode(page.map((r) => `${JSON.stringify(r)}\n`).join("")));
      rows += page.length;
      yield* drain();
      await options.onPage?.();
    }
    part.push(new Uint8Array(0), true);
    parts[name] = rows;
    yield* drain();
  }
  entry(SUMMARY_ENTRY).push(encoder.encode(`${JSON.stringify({ format: TRANSFER_FORMAT, parts } satisfies ArchiveSummary)}\n`), true);
  zip.end();
  yield* drain();
}

/** "Demo: Acme renewal" on 2026-03-05 → "demo-acme-renewal-2026-03-05.workbench.zip". */
export function exportFileName(workspaceName: string, now: Date = new Date()): string {
  return `${slugify(workspaceName, "workspace")}-${now.toISOString().slice(0, 10)}.workbench.zip`;
}
