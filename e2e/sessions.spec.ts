import { expect, test } from "@playwright/test";
import { LANDED, signUp, uniqueEmail } from "./helpers";

test("a session cookie copied before sign-out is refused afterwards; a foreign callbackUrl lands in the app", async ({ browser }) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signUp(page, "Sam Session", uniqueEmail("session"));
  await expect(page.getByLabel("Workspace name")).toBeVisible();
  const cookies = await ctx.cookies();
  expect(cookies.some((c) => c.name.includes("session-token"))).toBe(true);

  // The same cookie in another browser works while the session lives…
  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const other = await copy.newPage();
  await other.goto("/w");
  await expect(other.getByLabel("Workspace name")).toBeVisible();

  // …and not after signing out in the first.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await other.goto("/w");
  await expect(other).toHaveURL(/\/signin/);
  await copy.close();

  // An open redirect through the sign-in page goes nowhere but the app.
  await page.goto("/signin?callbackUrl=" + encodeURIComponent("/\\evil.example/steal"));
  await page.getByLabel("E-mail").fill("demo@example.com");
  await page.getByLabel("Password").fill("demo-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`localhost:\\d+${LANDED.source}`));
  await ctx.close();
});
