import { expect, test } from "@playwright/test";
import { createWorkspace, expectAccessible, formAlert, LANDED, linkIn, mailTo, PASSWORD, shot, signIn, signUp, uniqueEmail, widerThanScreen } from "./helpers";

const NEW_PASSWORD = "violet tangerine submarine";
const RESET_PASSWORD = "quiet harbour lantern 42";

test("change the password on the account page, then reset it by the link mailed to the address; the owner reads it all in the security log", async ({ page }) => {
  const email = uniqueEmail("passwords");
  await signUp(page, "Petra Password", email);
  await expect(page).toHaveURL(LANDED);
  const wsUrl = await createWorkspace(page, `Passwords ${Date.now()}`);

  // The account page: from the name in the top bar.
  await page.getByRole("link", { name: "Petra Password" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is wrong.")).toBeVisible();

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill("password12");
  await page.getByLabel("New password again").fill("password12");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("This password is too easy to guess. This is a commonly used password.")).toBeVisible();

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("New password again").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toHaveText("Password changed. No other browser was signed in.");
  await page.reload();
  const activity = page.getByRole("table", { name: "Your account's security events" });
  await expect(activity.locator('tr[data-kind="password_changed"]')).toHaveCount(1);
  await expect(activity.locator('tr[data-kind="sign_in_failed"]').first()).toContainText("wrong current password on the change-password form");
  await expectAccessible(page);
  await shot(page, "account-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await widerThanScreen(page)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 800 });

  // The old password no longer signs in; the new one does.
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, email, PASSWORD);
  await expect(formAlert(page)).toHaveText("Wrong e-mail or password.");
  await signIn(page, email, NEW_PASSWORD);
  await expect(page).toHaveURL(LANDED);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);

  // Forgotten: ask for a link from the sign-in page.
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot$/);
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText(`If an account exists for ${email}, we have sent it a link`);
  await shot(page, "forgot-sent");
  const link = linkIn(await mailTo(email, "Choose a new password for Renewal Workbench"), "reset");
  await page.goto(link);
  await expect(page.getByText(`For ${email}.`)).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(RESET_PASSWORD);
  await page.getByLabel("New password again").fill(RESET_PASSWORD);
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password is changed");
  await expectAccessible(page);
  // The link works once.
  await page.goto(link);
  await expect(formAlert(page)).toHaveText("This reset link has expired or has already been used. Ask for a new one.");

  await signIn(page, email, NEW_PASSWORD);
  await expect(formAlert(page)).toHaveText("Wrong e-mail or password.");
  await signIn(page, email, RESET_PASSWORD);
  await expect(page).toHaveURL(LANDED);

  // The owner's security log shows the account's story.
  await page.goto(`${wsUrl}/security`);
  const log = page.getByRole("table", { name: "Security events" });
  for (const kind of ["email_confirmed", "password_changed", "password_reset_requested", "password_reset", "sign_in_failed", "sign_in"]) {
    await expect(log.locator(`tr[data-kind="${kind}"]`).first(), kind).toBeVisible();
  }
  await expectAccessible(page);
  await shot(page, "security-log-1280");
});

test("a sign-up for an address that already has an account answers like any other and changes nothing", async ({ page }) => {
  const email = uniqueEmail("twice");
  await signUp(page, "First Owner", email);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Someone Else");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("someone elses password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toHaveText(`Check your inbox: we have sent a link to ${email}. Open it within 24 hours to finish creating your account.`);
  await shot(page, "signup-sent");
  const told = await mailTo(email, "You already have a Renewal Workbench account");
  expect(told.text).toContain("/forgot");
  await signIn(page, email, "someone elses password");
  await expect(formAlert(page)).toHaveText("Wrong e-mail or password.");
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(LANDED);
});
