// A workspace's alert settings (owners: horizon, webhook) and each member's own choices (per kind:
// inbox, e-mail). Every read and write resolves the workspace from the caller's membership first;
// every change is audited in the same transaction.
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { ALERT_KINDS, alertPreferences, alertSettings, type AlertKindDelivered } from "@/lib/db/schema/alerts";
import type { Db } from "@/lib/db/client";
import { inTransaction, requireRole, type WorkspaceCtx } from "../context";
import { recordAudit } from "../audit/record";
import { invalid } from "../errors";
import { text } from "../validation";

export const DEFAULT_HORIZON_DAYS = 30;

export interface AlertSettingsView {
  horizonDays: number;
  webhookUrl: string | null;
  /** whether a secret is set (it is never shown back) */
  webhookSecretSet: boolean;
  updatedAt: string | null;
}

export async function readAlertSettings(db: Db, workspaceId: string) {
  const [row] = await db.select().from(alertSettings).where(eq(alertSettings.workspaceId, workspaceId));
  return { horizonDays: row?.horizonDays ?? DEFAULT_HORIZON_DAYS, webhookUrl: row?.webhookUrl ?? null, webhookSecret: row?.webhookSecret ?? null, updatedAt: row?.updatedAt ?? null };
}

/** The workspace's settings, readable by every member; the webhook's address only by owners. */
export async function getAlertSettings(ctx: WorkspaceCtx): Promise<AlertSettingsView> {
  const s = await readAlertSettings(ctx.db, ctx.workspace.id);
  const owner = ctx.role === "owner";
  return { horizonDays: s.horizonDays, webhookUrl: owner ? s.webhookUrl : null, webhookSecretSet: owner && s.webhookSecret !== null, updatedAt: s.updatedAt?.toISOString() ?? null };
}

const webhookUrl = text()
  .max(2000, "At most 2,000 characters.")
  .transform((v) => v.trim())
  .refine((v) => {
    if (v === "") return true;
    try {
      const u = new URL(v);
      return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "Enter an http:// or https:// address without a user name or password in it, or leave it empty for no webhook.");

export const updateAlertSettingsInput = z.object({
  horizonDays: z.coerce.number({ message: "Enter a number of days." }).int("Enter a whole number of days.").min(1, "At least 1 day.").max(365, "At most 365 days."),
  webhookUrl: webhookUrl.optional().default(""),
  /** empty: keep the current secret */
  webhookSecret: text().max(200, "At most 200 characters.").optional().default("").refine((v) => v === "" || v.length >= 16, "The secret must be at least 16 characters (or leave it empty to keep the current one)."),
});

/** Owners only. Changing the webhook address without a secret keeps the secret; a webhook needs one. */
export async function updateAlertSettings(ctx: WorkspaceCtx, input: z.input<typeof updateAlertSettingsInput>): Promise<AlertSettingsView> {
  requireRole(ctx, "owner");
  const v = updateAlertSettingsInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await readAlertSettings(tx.db, tx.workspace.id);
    const url = v.webhookUrl === "" ? null : v.webhookUrl;
    const secret = url === null ? null : v.webhookSecret !== "" ? v.webhookSecret : before.webhookSecret;
    if (url !== null && secret === null) throw invalid("webhookSecret: A webhook needs a secret to sign its deliveries with.", { webhookSecret: ["A webhook needs a secret to sign its deliveries with."] });
    await tx.db
      .insert(alertSettings)
      .values({ workspaceId: tx.workspace.id, horizonDays: v.horizonDays, webhookUrl: url, webhookSecret: secret, updatedBy: tx.actor.id })
      .onConflictDoUpdate({ target: alertSettings.workspaceId, set: { horizonDays: v.horizonDays, webhookUrl: url, webhookSecret: secret, updatedBy: tx.actor.id, updatedAt: sql`now()` } });
    const changed: Record<string, unknown> = {};
    if (before.horizonDays !== v.horizonDays) changed.horizonDays = { from: before.horizonDays, to: v.horizonDays };
    if (before.webhookUrl !== url) changed.webhookUrl = { from: before.webhookUrl, to: url };
    if (before.webhookSecret !== secret) changed.webhookSecret = secret === null ? "removed" : "replaced";
    await recordAudit(tx, { action: "alerts.settings.update", targetType: "workspace", targetId: tx.workspace.id, details: { changed } });
    return { horizonDays: v.horizonDays, webhookUrl: url, webhookSecretSet: secret !== null, updatedAt: new Date().toISOString() };
  });
}

export type PreferenceMap = Record<AlertKindDelivered, { inbox: boolean; email: boolean }>;

export function defaultPreferences(): PreferenceMap {
  return Object.fromEntries(ALERT_KINDS.map((k) => [k, { inbox: true, email: true }])) as PreferenceMap;
}

/** The caller's own choices in this workspace (every member, viewers too). */
export async function getAlertPreferences(ctx: WorkspaceCtx): Promise<PreferenceMap> {
  const rows = await ctx.db
    .select()
    .from(alertPreferences)
    .where(and(eq(alertPreferences.workspaceId, ctx.workspace.id), eq(alertPreferences.userId, ctx.actor.id)));
  const out = defaultPreferences();
  for (const r of rows) out[r.kind] = { inbox: r.inbox, email: r.email };
  return out;
}

const flag = z.union([z.boolean(), z.enum(["on", "true", "false", "off", ""])]).transform((v) => v === true || v === "on" || v === "true");
const choice = z.object({ inbox: flag.optional().default(false), email: flag.optional().default(false) });
export const updatePreferencesInput = z.object({ crossed: choice, runOut: choice, notice: choice } satisfies Record<AlertKindDelivered, typeof choice>);

/** Sets the caller's own choices (one row per kind), audited; nobody sets another member's. */
export async function updateAlertPreferences(ctx: WorkspaceCtx, input: unknown): Promise<PreferenceMap> {
  const v: PreferenceMap = updatePreferencesInput.parse(input);
  return inTransaction(ctx, async (tx) => {
    const before = await getAlertPreferences(tx);
    for (const kind of ALERT_KINDS) {
      await tx.db
        .insert(alertPreferences)
        .values({ workspaceId: tx.workspace.id, userId: tx.actor.id, kind, inbox: v[kind].inbox, email: v[kind].email })
        .onConflictDoUpdate({ target: [alertPreferences.workspaceId, alertPreferences.userId, alertPreferences.kind], set: { inbox: v[kind].inbox, email: v[kind].email, updatedAt: sql`now()` } });
    }
    const changed = ALERT_KINDS.filter((k) => before[k].inbox !== v[k].inbox || before[k].email !== v[k].email).map((k) => ({ kind: k, inbox: v[k].inbox, email: v[k].email }));
    if (changed.length) await recordAudit(tx, { action: "alerts.preferences.update", targetType: "user", targetId: tx.actor.id, details: { changed } });
    return v;
  });
}
