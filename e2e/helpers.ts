import { expect, type Browser, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

export const PASSWORD = "e2e-password-123";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

export async function signUp(page: Page, name: string, email: string, password = PASSWORD) {
  if (!page.url().includes("/signup")) await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Screenshots land in test-results/screenshots for people to look at. */
export async function shot(page: Page, name: string) {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}

export async function expectNoRawError(page: Page) {
  await expect(page.locator("body")).not.toContainText(/TypeError|ReferenceError|ECONNREFUSED|stack trace|at Object\./);
}

/** The page's own alert (Next also renders an empty route announcer with role="alert"). */
export function formAlert(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}

/**
 * The owner on `page` invites a new viewer to the workspace at `wsUrl`; the viewer signs up through
 * the link in a browser context of their own and accepts. Returns the viewer's page.
 */
export async function inviteViewer(page: Page, browser: Browser, wsUrl: string, prefix: string): Promise<Page> {
  await page.goto(`${wsUrl}/members`);
  const viewerEmail = uniqueEmail(prefix);
  await page.getByLabel("E-mail").fill(viewerEmail);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const link = await page.getByTestId("invite-link").inputValue();
  const viewerCtx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const viewer = await viewerCtx.newPage();
  await viewer.goto(link);
  await viewer.getByRole("link", { name: "Create an account" }).click();
  await expect(viewer).toHaveURL(/\/signup\?callbackUrl=%2Finvite%2F/);
  await signUp(viewer, "Victor Viewer", viewerEmail);
  await expect(viewer).toHaveURL(/\/invite\//);
  await viewer.getByRole("button", { name: "Accept invitation" }).click();
  await expect(viewer.getByTestId("my-role")).toHaveText("viewer");
  return viewer;
}
