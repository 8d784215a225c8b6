import { expect, test } from "@playwright/test";
import { createWorkspace, expectAccessible, linkIn, mailTo, SALESFORCE_TEMPLATE, shot, signUp, uniqueEmail, widerThanScreen } from "./helpers";

// A contract whose notice deadline is 15 days from today (the demo's dates are fixed, so the spec
// makes its own): the job that runs after its forecast is stored finds the alert, which reaches the
// member's inbox and e-mail (the e2e mail peer); the e-mail's unsubscribe link works without signing
// in and turns that kind's e-mail off.
const iso = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("alerts: the inbox, the e-mail's unsubscribe link, the choices and the owner's settings", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("alerts");
  await signUp(page, "Alma Alerts", email);
  const name = `Alerts ${Date.now()}`;
  const ws = new URL(await createWorkspace(page, name)).pathname;
  await page.goto(`${ws}/contracts/new`);
  await page.getByLabel("Contract name").fill("Support agents renewal");
  await page.getByLabel("New vendor name").fill("Acme AI");
  await page.getByLabel("Template", { exact: true }).selectOption(SALESFORCE_TEMPLATE);
  await page.getByLabel("Term start").fill(iso(-30));
  await page.getByLabel("Term end").fill(iso(60));
  await page.getByLabel("Renewal date").fill(iso(60));
  await page.getByLabel("Notice period (days)").fill("45");
  await page.getByRole("button", { name: "Create contract" }).click();
  await expect(page.getByText(/Contract created on Salesforce Agentforce/)).toBeVisible();
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(`${ws}/alerts`);
  // The job runs in the background: the notice deadline appears.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("alert-inbox").locator('[data-kind="notice"]').first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByTestId("alert-inbox").locator('[data-kind="notice"]')).toContainText("Acme AI · Support agents renewal: the notice deadline is");
  await expect(page.getByTestId("alert-inbox").locator('[data-kind="notice"]')).toContainText("(in 15 days)");
  const unread = await page.locator('[data-read="false"]').count();
  expect(unread).toBeGreaterThan(0);
  await expect(page.getByTestId("unread-count")).toHaveText(`${unread} unread.`);
  await expect(page.getByTestId("unread-alerts")).toHaveText(`${unread} unread`);
  await shot(page, "alerts-1280");
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await widerThanScreen(page)).toEqual([]);
  await shot(page, "alerts-390");
  await page.setViewportSize({ width: 1280, height: 900 });

  // One read: one fewer unread.
  await page.getByRole("button", { name: /^Mark read: / }).first().click();
  await expect(page.getByTestId("unread-count")).toHaveText(unread - 1 === 0 ? "Nothing unread." : `${unread - 1} unread.`);
  // The navigation counts the unread ones, on every page of the workspace.
  if (unread - 1 === 0) await expect(page.getByTestId("unread-alerts")).toHaveCount(0);
  else await expect(page.getByTestId("unread-alerts")).toHaveText(`${unread - 1} unread`);

  // The e-mail of the notice deadline, and its unsubscribe link opened in a browser with no session.
  const mail = await mailTo(email, "Notice deadline: Acme AI · Support agents renewal");
  expect(mail.text).toMatch(/^Acme AI · Support agents renewal: the notice deadline is \d{1,2} [A-Z][a-z]{2} \d{4} \(in 15 days\)\./);
  const link = linkIn(mail, "unsubscribe");
  const anon = await browser.newContext();
  const guest = await anon.newPage();
  await guest.goto(link);
  await expect(guest.getByText(`Stop e-mails about “notice deadline” alerts in ${name} to ${email}?`)).toBeVisible();
  await guest.getByRole("button", { name: "Stop these e-mails" }).click();
  await expect(guest.getByTestId("unsubscribed")).toContainText(`Done: e-mails about “notice deadline” alerts in ${name} are off for ${email}.`);
  await expectAccessible(guest);
  await shot(guest, "alerts-unsubscribed");
  // A forged token: not found.
  expect((await guest.goto(link.replace(/.{4}$/, "AAAA")))?.status()).toBe(404);
  await anon.close();

  // The member's choices show it; they turn it back on.
  await page.reload();
  const emailNotice = page.getByLabel("Notice deadline by e-mail");
  await expect(emailNotice).not.toBeChecked();
  await expect(page.getByLabel("Notice deadline in the inbox")).toBeChecked();
  await emailNotice.check();
  await page.getByRole("button", { name: "Save my choices" }).click();
  await expect(page.getByText("Your alert choices are saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Notice deadline by e-mail")).toBeChecked();

  // The owner's settings: a bad address is named; a good one with a secret is saved, the secret never shown back.
  await page.getByLabel("Webhook URL").fill("ftp://hooks.example/x");
  await page.getByLabel("Horizon (days)").fill("45");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/Enter an http:\/\/ or https:\/\/ address/).first()).toBeVisible();
  await page.getByLabel("Webhook URL").fill("https://hooks.example.test/workbench");
  await page.getByLabel("Webhook secret").fill("e2e-webhook-secret-123456");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Alert settings saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Horizon (days)")).toHaveValue("45");
  await expect(page.getByLabel("Webhook URL")).toHaveValue("https://hooks.example.test/workbench");
  await expect(page.getByLabel("Webhook secret")).toHaveValue("");
  await expect(page.getByText("A secret is set (never shown).")).toBeVisible();
  // Back to no webhook, so other specs' alerts are not posted anywhere.
  await page.getByLabel("Webhook URL").fill("");
  await page.getByLabel("Horizon (days)").fill("30");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Alert settings saved.")).toBeVisible();
  await page.goto(`${ws}/audit`);
  await expect(page.getByText(/changed the alert horizon from 30 days to 45 days, a webhook and the webhook secret\./)).toBeVisible();
  await expect(page.getByText(/turned off e-mails about “notice deadline” alerts, from the link in an alert e-mail\./)).toBeVisible();
});
