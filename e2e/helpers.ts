import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

export const PASSWORD = "e2e-password-123";

export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Waits for a mail to `to` with this subject at the e2e mail peer (e2e/mail-peer.ts) and returns the newest. */
export async function mailTo(to: string, subject: string): Promise<Mail> {
  let found: Mail | undefined;
  await expect
    .poll(
      async () => {
        const list = (await (await fetch(`${process.env.E2E_MAIL_URL}?to=${encodeURIComponent(to)}`)).json()) as Mail[];
        found = list.filter((m) => m.subject === subject).at(-1);
        return Boolean(found);
      },
      { message: `a mail "${subject}" to ${to}`, timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

/** The first link of the app in a mail's text. */
export function linkIn(mail: Mail, path: string): string {
  const m = new RegExp(`https?://[^\\s]+/${path}/[^\\s]+`).exec(mail.text);
  if (!m) throw new Error(`no /${path}/ link in: ${mail.text}`);
  return m[0];
}

/** Signs up, opens the confirmation link mailed to the address and confirms: signed in afterwards. */
export async function signUp(page: Page, name: string, email: string, password = PASSWORD) {
  if (!page.url().includes("/signup")) await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText(`Check your inbox: we have sent a link to ${email.toLowerCase()}.`);
  await page.goto(linkIn(await mailTo(email.toLowerCase(), "Confirm your e-mail for Renewal Workbench"), "verify"));
  await page.getByRole("button", { name: "Confirm and sign in" }).click();
  await expect(page).not.toHaveURL(/\/verify\//);
}

/** Where signing in lands: the caller's workspace when there is exactly one, the list otherwise. */
export const LANDED = /\/w(\/[0-9a-f-]{36})?$/;

/** After signing in: open the workspace called `name`, from the list or having landed in it. */
export async function openWorkspace(page: Page, name: RegExp) {
  await expect(page).toHaveURL(LANDED);
  if (new URL(page.url()).pathname.replace(/\/$/, "") === "/w") await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
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

/**
 * Elements that stick out past the right edge of the viewport outside a box that scrolls sideways
 * (and itself fits): what makes a page scroll sideways on a phone. Empty when the page fits.
 */
export async function widerThanScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll("body *"))) {
      const r = el.getBoundingClientRect();
      if (r.right <= width + 0.5 || r.width === 0) continue;
      let framed = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if ((o === "auto" || o === "scroll" || o === "hidden") && p.getBoundingClientRect().right <= width + 0.5) {
          framed = true;
          break;
        }
      }
      if (!framed) out.push(`${el.tagName.toLowerCase()}.${(el.getAttribute("class") ?? "").slice(0, 60)} "${(el.textContent ?? "").trim().slice(0, 40)}" right=${Math.round(r.right)}`);
    }
    return out.slice(0, 10);
  });
}

export const SALESFORCE_TEMPLATE = "salesforce-agentforce-flex-credits-2025-05-15";

/** A new workspace named `name` for the signed-in user on `page`; returns its URL. */
export async function createWorkspace(page: Page, name: string): Promise<string> {
  await page.getByLabel("Workspace name").fill(name);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  return page.url().replace(/\/$/, "");
}

/**
 * A contract on the built-in Salesforce template in the workspace at `wsUrl`, under a new vendor;
 * returns its URL (the Terms tab is open).
 */
export async function createSalesforceContract(
  page: Page,
  wsUrl: string,
  name: string,
  { vendor = "Salesforce", termStart = "2026-01-01", termEnd = "2027-01-01" }: { vendor?: string; termStart?: string; termEnd?: string } = {},
): Promise<string> {
  await page.goto(`${wsUrl}/contracts/new`);
  await page.getByLabel("Contract name").fill(name);
  await page.getByLabel("New vendor name").fill(vendor);
  await page.getByLabel("Template", { exact: true }).selectOption(SALESFORCE_TEMPLATE);
  await page.getByLabel("Term start").fill(termStart);
  await page.getByLabel("Term end").fill(termEnd);
  await page.getByRole("button", { name: "Create contract" }).click();
  await expect(page.getByText(/Contract created on Salesforce Agentforce/)).toBeVisible();
  return page.url().replace(/\/terms.*$/, "");
}

/** Fails naming every serious or critical accessibility violation axe finds on the page. */
export async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  expect(serious, `${page.url()} has accessibility violations`).toEqual([]);
}
