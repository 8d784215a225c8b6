import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { expectNoRawError, openWorkspace, shot, signIn } from "./helpers";

const OUT = "test-results/e2e-brief-workflow";
const LEAK = /walk[\s-]?away|authority|\brisks?\b|deal desk|account executive/i;
const squash = (s: string) => s.replace(/\s+/g, " ");

async function download(page: Page, label: string): Promise<string> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("group", { name: "Download this version" }).getByRole("link", { name: label }).click();
  const d = await downloading;
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${Date.now()}-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return file;
}

async function shots(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  // (polled: charts take their new width from a ResizeObserver, a frame or two after the resize;
  // read at once, a chart still 554 px wide once failed a run)
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Runs after briefs.spec.ts (file order): that spec expects the demo contract to have no brief yet.
test("sign off a brief version, comment on it, share it vendor-safe, compare versions and duplicate a scenario", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signIn(page, "demo@example.com", "demo-password");
  await openWorkspace(page, /Demo: Acme renewal/);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Contracts" }).click();
  await page.getByRole("link", { name: "Agentforce service estate" }).first().click();
  await expect(page).toHaveURL(/\/contracts\/[0-9a-f-]{36}$/);
  const contractUrl = page.url();
  await page.getByRole("navigation", { name: "Contract" }).getByRole("link", { name: "Briefs" }).click();
  const form = page.getByRole("form", { name: "Build a brief" });
  await form.getByLabel("Seed (optional)").fill("20261122");
  await form.getByRole("button", { name: "Build brief" }).click();
  await expect(page).toHaveURL(/\/briefs\/[0-9a-f-]{36}\?v=1$/, { timeout: 60_000 });
  const recommendation = squash((await page.getByTestId("brief-recommendation").innerText()).trim());
  const stake50 = /save (\$[\d,]+\.\d{2}) at P50/.exec(recommendation)![1]!;

  // ── sign-off: recorded, on the page and on the PDF's first page ──
  await expect(page.getByTestId("signoff-none")).toBeVisible();
  const signForm = page.getByRole("form", { name: "Sign off this version" });
  await signForm.getByLabel("Note (optional)").fill("Ready for the call");
  await signForm.getByRole("button", { name: "Sign off v1" }).click();
  await expect(page.getByText("You signed off version 1.")).toBeVisible();
  await expect(page.getByTestId("signoff-row")).toContainText("Dana Demo signed off on");
  const today = new Date();
  const dayText = `${today.getUTCDate()} ${["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][today.getUTCMonth()]} ${today.getUTCFullYear()}`;
  const signedLine = `Signed off by Dana Demo on ${dayText} (“Ready for the call”)`;
  await expect(page.getByTestId("brief-signed-off")).toHaveText(`${signedLine}.`);
  const pdf = await download(page, "PDF (Letter)");
  const firstPage = squash(execFileSync("pdftotext", ["-f", "1", "-l", "1", pdf, "-"], { encoding: "utf8" }));
  expect(firstPage).toContain(signedLine);

  // ── comments: author and time, deleted by the author ──
  const commentForm = page.getByRole("form", { name: "Add a comment" });
  await commentForm.getByLabel("Comment on version 1").fill("Check the P90 against last spring's spike.");
  await commentForm.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByTestId("comment")).toContainText("Dana Demo");
  await expect(page.getByTestId("comment")).toContainText("Check the P90 against last spring's spike.");
  await commentForm.getByLabel("Comment on version 1").fill("A second note, to delete.");
  await commentForm.getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByTestId("comment")).toHaveCount(2);
  await page.getByTestId("comment").nth(1).getByRole("button", { name: /Delete your comment/ }).click();
  await expect(page.getByTestId("comment")).toHaveCount(1);
  await expectNoRawError(page);
  await shots(page, "brief-workflow-page");

  // ── a vendor-safe link: no walk-away, authority or risk on the page or in the PDF ──
  const share = page.getByRole("form", { name: "Create a share link" });
  await share.getByLabel(/Vendor-safe/).check();
  await share.getByRole("button", { name: "Create read-only link to v1" }).click();
  const vendorLink = await page.getByTestId("share-link").inputValue();
  const guestContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const guest = await guestContext.newPage();
  await guest.goto(vendorLink);
  await expect(guest.getByTestId("share-kind")).toContainText("Vendor-safe");
  await expect(guest.locator("#brief-summary")).toContainText(stake50);
  await expect(guest.locator("#brief-walk-away")).toHaveCount(0);
  await expect(guest.locator("#brief-risks")).toHaveCount(0);
  expect(await guest.locator("main").innerText()).not.toMatch(LEAK);
  expect(await guest.locator("main").innerText()).not.toContain("Signed off");
  const vendorPdf = await download(guest, "PDF (A4)");
  const vendorText = squash(execFileSync("pdftotext", [vendorPdf, "-"], { encoding: "utf8" }));
  expect(vendorText).toContain(stake50);
  expect(vendorText).not.toMatch(LEAK);
  expect(vendorText).not.toContain("Signed off");
  await shots(guest, "brief-share-vendor-safe");

  // an internal link (the default) says so and keeps everything
  await page.reload();
  await page.getByRole("form", { name: "Create a share link" }).getByRole("button", { name: "Create read-only link to v1" }).click();
  const internalLink = await page.getByTestId("share-link").inputValue();
  await guest.goto(internalLink);
  await expect(guest.getByTestId("share-kind")).toContainText("Internal");
  await expect(guest.locator("#brief-walk-away")).toContainText("1,250 actions per user per month");
  await expect(guest.getByTestId("brief-signed-off")).toContainText("Signed off by Dana Demo");
  await page.reload();
  await expect(page.getByTestId("share-row").getByTestId("share-kind")).toHaveText(["Internal", "Vendor-safe"]);
  await guestContext.close();

  // ── a second version with another seed, compared with the first ──
  const versionForm = page.getByRole("form", { name: "New version" });
  await versionForm.getByLabel("Seed (optional)").fill("7");
  await versionForm.getByRole("button", { name: "New version from today's data" }).click();
  await expect(page).toHaveURL(/\?v=2$/, { timeout: 60_000 });
  await expect(page.getByTestId("signoff-none")).toBeVisible();
  await page.getByRole("link", { name: "Compare versions" }).click();
  await expect(page).toHaveURL(/\/compare\?from=1&to=2$/);
  await expect(page.getByTestId("diff-inputs")).toContainText("seed");
  await expect(page.getByTestId("diff-inputs")).toContainText("20261122");
  await expect(page.getByTestId("diff-figures")).toContainText("Our asks: cost to serve, P50");
  await expect(page.getByTestId("diff-figures")).toContainText("Saving, P50");
  await expectNoRawError(page);
  await shots(page, "brief-compare");

  // ── duplicate a scenario: "Copy of X", in the builder ──
  await page.goto(`${contractUrl.replace(/\/$/, "")}/scenarios`);
  await page.getByRole("button", { name: "Duplicate Our asks" }).click();
  await expect(page).toHaveURL(/\/scenarios\/[0-9a-f-]{36}\?copied=1$/);
  await expect(page.getByText("Saved “Copy of Our asks”")).toBeVisible();
  await page.goto(`${contractUrl.replace(/\/$/, "")}/scenarios`);
  await expect(page.getByRole("link", { name: "Copy of Our asks" })).toBeVisible();
  await shots(page, "scenarios-duplicate");
});
