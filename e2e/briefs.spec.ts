import { expect, test, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { expectNoRawError, inviteViewer, openWorkspace, shot, signIn } from "./helpers";

const OUT = "test-results/e2e-briefs";

async function download(page: Page, label: string): Promise<{ name: string; file: string }> {
  const downloading = page.waitForEvent("download");
  await page.getByRole("group", { name: "Download this version" }).getByRole("link", { name: label }).click();
  const d = await downloading;
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, d.suggestedFilename());
  await d.saveAs(file);
  return { name: d.suggestedFilename(), file };
}

const squash = (s: string) => s.replace(/\s+/g, " ");

test("build a brief from the demo workspace, download every format with the same figures, share it read-only and revoke the link", async ({ page, browser }) => {
  test.setTimeout(300_000);
  await signIn(page, "demo@example.com", "demo-password");
  await openWorkspace(page, /Demo: Acme renewal/);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Contracts" }).click();
  await page.getByRole("link", { name: "Agentforce service estate" }).first().click();
  await page.getByRole("navigation", { name: "Contract" }).getByRole("link", { name: "Briefs" }).click();
  await expect(page.getByText("No brief yet")).toBeVisible();

  // ── the builder: the demo's scenarios are preselected by their names ──
  const form = page.getByRole("form", { name: "Build a brief" });
  await expect(form.getByLabel("Vendor's proposal")).toHaveValue(/.+/);
  await expect(form.getByRole("combobox", { name: "Vendor's proposal" }).locator("option:checked")).toHaveText("Vendor proposal");
  await expect(form.getByRole("combobox", { name: "Our asks" }).locator("option:checked")).toHaveText("Our asks");
  await expect(form.getByRole("combobox", { name: "Walk-away" }).locator("option:checked")).toHaveText("Walk-away");
  await expect(form.getByLabel("Horizon (months)")).toHaveValue("12");
  await form.getByLabel("Seed (optional)").fill("20261122");
  await shot(page, "brief-builder");
  await form.getByRole("button", { name: "Build brief" }).click();
  await expect(page).toHaveURL(/\/briefs\/[0-9a-f-]{36}\?v=1$/, { timeout: 60_000 });
  await expect(page.getByTestId("brief-version-line")).toContainText("Version 1 of 1");
  // the tab names the brief and its version
  await expect(page).toHaveTitle(/^.+ v1 · Brief · Renewal Workbench$/);
  await expectNoRawError(page);

  // The on-screen figures: the recommendation and the at-stake P50.
  const summary = page.locator("#brief-summary");
  await expect(summary).toContainText("Counter with our asks");
  const recommendation = squash((await summary.getByTestId("brief-recommendation").innerText()).trim());
  const recommendationText = (await summary.getByTestId("brief-recommendation").textContent())!;
  const atStake = /save (\$[\d,]+\.\d{2}) at P50 and (\$[\d,]+\.\d{2}) at P90/.exec(recommendation);
  expect(atStake).not.toBeNull();
  const [, stake50, stake90] = atStake!;
  await expect(page.locator("#brief-asks")).toContainText("Right-size the allotment");
  await expect(page.locator("#brief-walk-away")).toContainText("1,250 actions per user per month");
  await expect(page.locator("#brief-timeline")).toContainText("1 Jan 2027");
  await shot(page, "brief-view");

  // ── every format, named by vendor and date, with the same figures ──
  const today = new Date().toISOString().slice(0, 10);
  const letter = await download(page, "PDF (Letter)");
  expect(letter.name).toBe(`Salesforce-Agentforce-service-estate-brief-v1-${today}-letter.pdf`);
  const pdfText = squash(execFileSync("pdftotext", ["-layout", letter.file, "-"], { encoding: "utf8" }));
  expect(pdfText).toContain(stake50!);
  expect(pdfText).toContain(stake90!);
  expect(pdfText).toContain("Right-size the allotment");
  expect(execFileSync("pdfinfo", [letter.file], { encoding: "utf8" })).toMatch(/Page size:\s+612 x 792 pts/);
  const a4 = await download(page, "PDF (A4)");
  expect(a4.name).toMatch(/^Salesforce-.*-a4\.pdf$/);
  expect(execFileSync("pdfinfo", [a4.file], { encoding: "utf8" })).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts/);

  const deck = await download(page, "PowerPoint");
  expect(deck.name).toBe(`Salesforce-Agentforce-service-estate-brief-v1-${today}.pptx`);
  const zip = await JSZip.loadAsync(readFileSync(deck.file));
  const slides = Object.keys(zip.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
  const slideText = (await Promise.all(slides.map((f) => zip.file(f)!.async("string")))).join(" ");
  expect(slideText).toContain(stake50!);

  const book = await download(page, "Excel");
  expect(book.name).toMatch(/^Salesforce-.*\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(book.file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["Summary", "Scenarios", "Asks", "Assumptions"]));

  // A download that cannot work (no such version) answers a browser with a readable page.
  const exportUrl = await page.getByRole("group", { name: "Download this version" }).getByRole("link", { name: "Markdown" }).getAttribute("href");
  const missing = await page.request.get(exportUrl!.replace("version=1", "version=99"), { headers: { accept: "text/html" } });
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain("Brief version was not found.");
  const md = await download(page, "Markdown");
  expect(md.name).toMatch(/^Salesforce-.*\.md$/);
  const markdown = readFileSync(md.file, "utf8");
  expect(markdown).toContain(stake50!);
  expect(markdown).toContain("Right-size the allotment");

  // ── a read-only link: shows the brief and nothing else, until revoked ──
  await page.getByRole("button", { name: "Create read-only link to v1" }).click();
  const link = await page.getByTestId("share-link").inputValue();
  expect(link).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
  const outsider = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const guest = await outsider.newPage();
  await guest.goto(link);
  await expect(guest.locator("#brief-summary")).toContainText(stake50!);
  await expect(guest.getByRole("navigation", { name: "Workspace" })).toHaveCount(0);
  const headers = (await guest.request.get(link)).headers();
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-robots-tag"]).toBe("noindex, nofollow");
  await expect(guest.locator("body")).not.toContainText("Demo: Acme renewal");
  const guestPdf = await download(guest, "PDF (A4)");
  expect(squash(execFileSync("pdftotext", [guestPdf.file, "-"], { encoding: "utf8" }))).toContain(stake50!);
  await shot(guest, "brief-shared");

  await page.reload();
  await expect(page.getByTestId("share-row")).toHaveCount(1);
  await page.getByTestId("share-row").getByRole("button", { name: "Revoke the internal link to v1" }).click();
  const revokeDialog = page.getByRole("dialog", { name: "Revoke this link?" });
  await expect(revokeDialog).toContainText("Whoever holds the internal link to version 1 can no longer open it");
  // Cancel first: nothing is revoked, the guest still reads the brief.
  await revokeDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(revokeDialog).toBeHidden();
  expect((await guest.request.get(`${link}/export?format=md`)).status()).toBe(200);
  await page.getByTestId("share-row").getByRole("button", { name: "Revoke the internal link to v1" }).click();
  await revokeDialog.getByRole("button", { name: "Revoke link" }).click();
  await expect(page.getByText("Link revoked.")).toBeVisible();
  const gone = await guest.goto(link);
  expect(gone?.status()).toBe(404);
  await expect(guest.getByTestId("share-unavailable")).toBeVisible();
  await expect(guest.locator("body")).not.toContainText(stake50!);
  const after = await guest.request.get(`${link}/export?format=md`);
  expect(after.status()).toBe(404);
  await outsider.close();

  // ── a new version from today's data keeps version 1 as it was ──
  const versionForm = page.getByRole("form", { name: "New version" });
  await expect(versionForm.getByLabel("Seed (optional)")).toHaveValue("20261122");
  await versionForm.getByLabel("Note (optional)").fill("The renewal term");
  await versionForm.getByLabel("Horizon starts").selectOption("renewal");
  await versionForm.getByRole("button", { name: "New version from today's data" }).click();
  await expect(page).toHaveURL(/\?v=2$/, { timeout: 60_000 });
  await expect(page.getByTestId("brief-version-line")).toContainText("Version 2 of 2");
  await expect(page.getByTestId("brief-inputs")).toContainText("12 months, 1 Apr 2027 – 31 Mar 2028");
  await shot(page, "brief-renewal-term");
  await page.getByRole("combobox", { name: "Brief version" }).selectOption("1");
  await expect(page.getByTestId("brief-version-line")).toContainText("Version 1 of 2");
  await expect(page).toHaveTitle(/^.+ v1 · Brief · Renewal Workbench$/);
  await expect(page.getByTestId("brief-recommendation")).toHaveText(recommendationText);

  // ── a viewer of the workspace reads and downloads briefs but cannot change them ──
  const briefUrl = page.url().replace(/\?.*$/, "");
  const wsUrl = briefUrl.replace(/\/briefs\/.*$/, "");
  // ── deleting the contract would take the brief: the dialog names it (cancelled: the demo stays) ──
  await page.goto(`${wsUrl}/contracts`);
  await page.getByRole("link", { name: "Agentforce service estate" }).first().click();
  await page.getByRole("button", { name: "Delete contract" }).click();
  const deleteDialog = page.getByRole("dialog", { name: "Delete Agentforce service estate?" });
  await expect(deleteDialog.getByTestId("delete-impact")).toContainText(/1 brief: “Salesforce renewal: Agentforce service estate[^”]*” \(2 versions\)/);
  await expect(deleteDialog.getByTestId("delete-impact")).toContainText("no working read-only link");
  await shot(page, "delete-contract-with-brief");
  await deleteDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(deleteDialog).toBeHidden();
  await expect(page.getByTestId("contract-title")).toContainText("Agentforce service estate");

  const viewer = await inviteViewer(page, browser, wsUrl, "brief-viewer");
  await viewer.goto(`${briefUrl}?v=1`);
  await expect(viewer.getByTestId("brief-recommendation")).toHaveText(recommendationText);
  const viewerMd = await download(viewer, "Markdown");
  expect(readFileSync(viewerMd.file, "utf8")).toContain(stake50!);
  await expect(viewer.getByRole("button", { name: /New version/ })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /Create read-only link/ })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Delete brief" })).toHaveCount(0);
  await viewer.goto(`${wsUrl}/briefs`);
  await expect(viewer.getByRole("link", { name: /Salesforce renewal: Agentforce service estate/ }).first()).toBeVisible();
  await viewer.context().close();
});
