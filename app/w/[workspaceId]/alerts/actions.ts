"use server";
import { revalidatePath } from "next/cache";
import { formFields, workspaceAction, type ActionResult } from "@/lib/actions/safe-action";
import { ALERT_KINDS } from "@/lib/db/schema/alerts";
import { markAlertsRead } from "@/lib/services/alerts/inbox";
import { updateAlertPreferences, updateAlertSettings, updateAlertSettingsInput } from "@/lib/services/alerts/settings";

/** The caller's own choices: checkboxes `<kind>.inbox` and `<kind>.email` (unchecked: absent). */
export async function updateAlertPreferencesAction(workspaceId: string, _prev: unknown, form: FormData): Promise<ActionResult<null>> {
  const f = formFields(form);
  const input = Object.fromEntries(ALERT_KINDS.map((k) => [k, { inbox: f[`${k}.inbox`] === "on", email: f[`${k}.email`] === "on" }]));
  const result = await workspaceAction(workspaceId, "viewer", async (ctx) => {
    await updateAlertPreferences(ctx, input);
    return null;
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/alerts`);
  return result.ok ? { ...result, message: "Your alert choices are saved." } : result;
}

export async function updateAlertSettingsAction(workspaceId: string, _prev: unknown, form: FormData): Promise<ActionResult<null>> {
  const result = await workspaceAction(workspaceId, "owner", async (ctx) => {
    await updateAlertSettings(ctx, updateAlertSettingsInput.parse(formFields(form)));
    return null;
  });
  if (result.ok) revalidatePath(`/w/${workspaceId}/alerts`);
  return result.ok ? { ...result, message: "Alert settings saved." } : result;
}

export async function markAlertsReadAction(workspaceId: string, ids: string[] | "all"): Promise<ActionResult<number>> {
  const result = await workspaceAction(workspaceId, "viewer", (ctx) => markAlertsRead(ctx, { ids }));
  if (result.ok) revalidatePath(`/w/${workspaceId}/alerts`);
  return result;
}
