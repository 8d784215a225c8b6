import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { createSalesforceContract, createWorkspace, expectNoRawError, inviteViewer, shot, signUp, uniqueEmail, widerThanScreen } from "./helpers";

// the FOCUS samples sit beside the project (../shared), wherever it is cloned
const SHARED_FOCUS = path.resolve("../shared/data/focus");
const fixture = (file: string, name = path.basename(file)) => ({ name, mimeType: "text/csv", buffer: readFileSync(file) });
const FOCUS_USAGE = fixture(path.join(SHARED_FOCUS, "virtual_currency_pricing_model_a2.csv"), "tokens-usage-apr-2025.csv");
const FOCUS_PURCHASE = fixture(path.join(SHARED_FOCUS, "virtual_currency_pricing_model_a1.csv"), "tokens-purchase.csv");
const NOV = fixture("tests/fixtures/import/focus-1.2-nov-2026-export.csv");
const NOV_RESTATED = fixture("tests/fixtures/import/focus-1.2-nov-2026-restated.csv");
const AWS = fixture("tests/fixtures/import/focus-1.0-aws-categories-nulls.csv");
const ANNUAL = fixture("tests/fixtures/import/focus-1.1-annual-usage.csv");

async function importFile(page: Page, file: ReturnType<typeof fixture>) {
  const again = page.getByRole("button", { name: "Import another file" });
  if (await again.isVisible()) await again.click();
  await page.getByLabel("Usage file (CSV or XLSX)").setInputFiles(file);
  await expect(page.getByTestId("import-check")).toBeVisible();
}

async function finishImport(page: Page, name: string, outcome: RegExp) {
  await page.getByRole("button", { name: `Import ${name}` }).click();
  await expect(page.getByTestId("import-outcome")).toHaveText(outcome);
}

const totalCredits = (page: Page) => page.getByTestId("burn-total-credits");

/** Full pages at 1280 and 390 px, and the given parts alone at 390 px (readable at their size). */
async function screenshotsAt(page: Page, name: string, parts: Record<string, string>) {
  await shot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, `${name}-390`);
  for (const [part, selector] of Object.entries(parts)) {
    await page.locator(selector).first().screenshot({ path: `test-results/screenshots/${name}-390-${part}.png` });
  }
  // nothing wider than the phone's screen but the scrolling tables inside their frames
  expect(await widerThanScreen(page), "elements wider than a 390 px screen").toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("undo and charges apart: imports grouped in the preview, a restatement, roll-backs audited, a purchase recorded as a pack, a manual row deleted; a viewer only reads", async ({ browser }) => {
  test.setTimeout(300_000);
  const owner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await owner.newPage();
  await signUp(page, "Uma Undo", uniqueEmail("burn-undo"));
  const wsUrl = await createWorkspace(page, `Undo ${Date.now()}`);
  const contractUrl = await createSalesforceContract(page, wsUrl, "Tokens and agents", { vendor: "Acme AI", termStart: "2025-04-01" });
  await page.goto(`${contractUrl}/burn`);

  // ── a row typed in: 20 credits ──
  const entry = page.getByRole("form", { name: "Add a burn row" });
  await entry.getByLabel("Period start").fill("2025-05-01");
  await entry.getByLabel("Agent").fill("Typed agent");
  await entry.getByLabel("Credits").fill("20");
  await entry.getByRole("button", { name: "Add row" }).click();
  await expect(page.getByText("Row added.")).toBeVisible();
  await expect(totalCredits(page)).toHaveText("20");

  // ── FOCUS usage in tokens: 245 + 10 + 360 = 615 credits ──
  await importFile(page, FOCUS_USAGE);
  await expect(page.getByTestId("preview-kind")).toContainText("FinOps FOCUS 1.2");
  await expect(page.getByTestId("check-consumption")).toContainText("615 credits");
  await finishImport(page, FOCUS_USAGE.name, /3 rows added\./);
  await page.reload();
  await expect(totalCredits(page)).toHaveText("635");

  // ── November 2026, then its restatement: 30,000 → 40,000 credits, $1,500 → $2,000 ──
  await importFile(page, NOV);
  await finishImport(page, NOV.name, /2 rows added\./);
  await importFile(page, NOV_RESTATED);
  await expect(page.getByTestId("check-restatement")).toContainText("Replaces 1 row of November 2026, $1,500.00 → $2,000.00");
  await finishImport(page, NOV_RESTATED.name, /rows? added/);
  await page.reload();
  await expect(totalCredits(page)).toHaveText("40,635");

  // ── the imports list; rolling the restatement back: asked first (Escape cancels), then November as it was ──
  const imports = page.getByRole("list", { name: "Imports" });
  const restatedItem = imports.getByTestId("import-item").filter({ hasText: NOV_RESTATED.name });
  await expect(restatedItem).toContainText("by Uma Undo");
  await expect(restatedItem).toContainText("Imported");
  await expect(restatedItem).toContainText("3 rows read, 2 stored, 1 already stored · added 20,000 credits, $1,000.00 to the burn");
  await expect(restatedItem).toContainText("restated November 2026, 30,000 credits, $1,500.00 → 40,000 credits, $2,000.00");
  const rollBack = restatedItem.getByRole("button", { name: `Roll back ${NOV_RESTATED.name}` });
  await rollBack.click();
  const dialog = page.getByRole("dialog", { name: `Roll back ${NOV_RESTATED.name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(rollBack).toBeFocused();
  await expect(totalCredits(page)).toHaveText("40,635");
  await rollBack.click();
  await dialog.getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByTestId("rollback-result")).toContainText(`Rolled back ${NOV_RESTATED.name}`);
  await expect(page.getByTestId("rollback-result")).toContainText("restored");
  await expect(totalCredits(page)).toHaveText("30,635");
  await expect(restatedItem).toContainText("Rolled back");
  await expect(restatedItem.getByRole("button", { name: /Roll back/ })).toHaveCount(0);

  // ── and the token usage: back to the 30,020 before it ──
  const usageItem = imports.getByTestId("import-item").filter({ hasText: FOCUS_USAGE.name });
  await usageItem.getByRole("button", { name: `Roll back ${FOCUS_USAGE.name}` }).click();
  await page.getByRole("dialog", { name: `Roll back ${FOCUS_USAGE.name}?` }).getByRole("button", { name: "Roll back" }).click();
  await expect(page.getByTestId("rollback-result")).toContainText(`Rolled back ${FOCUS_USAGE.name}: 3 rows removed.`);
  await expect(totalCredits(page)).toHaveText("30,020");
  await expectNoRawError(page);

  // ── audited ──
  await page.goto(`${wsUrl}/audit`);
  const rollbacks = page.locator('td[data-action="burn.import.rollback"]');
  await expect(rollbacks).toHaveCount(2);
  await expect(rollbacks.first()).toContainText(`Uma Undo rolled back the import of “${FOCUS_USAGE.name}” on “Tokens and agents”`);
  await page.goto(`${contractUrl}/burn`);

  // ── a purchase of 100,000 tokens: shown apart (effective $0, billed $200,000), recorded as a pack ──
  await importFile(page, FOCUS_PURCHASE);
  const purchaseGroup = page.getByTestId("check-group").filter({ hasText: "Token Purchase For Period 1" });
  await expect(purchaseGroup).toContainText("100,000 bought");
  await expect(purchaseGroup).toContainText("$200,000.00");
  await expect(purchaseGroup).toContainText("kept apart");
  await expect(page.getByTestId("check-consumption")).toContainText("Burn from this file: 0 rows");
  await finishImport(page, FOCUS_PURCHASE.name, /1 row added\./);
  await page.reload();
  await expect(totalCredits(page)).toHaveText("30,020");
  const apart = page.getByRole("table", { name: "Charges kept apart from the burn" });
  await expect(apart.getByRole("row", { name: /Purchase/ })).toContainText("Token Purchase For Period 1");
  const purchase = page.getByTestId("purchase-item").filter({ hasText: "Token Purchase For Period 1" });
  await expect(purchase).toContainText("100,000 credits bought for $200,000.00");
  await purchase.getByRole("button", { name: "Record as pack" }).click();
  await expect(page.getByTestId("purchase-result")).toContainText("Recorded as a pack in the contract's terms.");
  await expect(purchase).toContainText("Recorded as a pack in the terms.");
  await expect(purchase.getByRole("button", { name: /Record as/ })).toHaveCount(0);
  await expect(totalCredits(page)).toHaveText("30,020");

  // ── an AWS FOCUS 1.0 file: groups by category and description; EC2 left out, remembered ──
  await importFile(page, AWS);
  await expect(page.getByTestId("check-consumption")).toContainText("$44.50");
  await expect(page.getByTestId("check-group").filter({ hasText: "Savings Plan upfront fee" })).toContainText("kept apart");
  await expect(page.getByTestId("check-group").filter({ hasText: "Sales tax" })).toContainText("$1.35");
  await page.getByRole("checkbox", { name: "Leave out EC2 m5.large On Demand" }).check();
  await expect(page.getByTestId("check-consumption")).toContainText("$14.50");
  await expect(page.getByRole("checkbox", { name: "Leave out EC2 m5.large On Demand" })).toBeChecked();
  await screenshotsAt(page, "burn-undo-preview", { check: '[data-testid="import-check"]', preview: '[data-testid="import-preview"]' });
  await finishImport(page, AWS.name, /rows added\./);
  await importFile(page, AWS);
  await expect(page.getByRole("checkbox", { name: "Leave out EC2 m5.large On Demand" })).toBeChecked();
  await expect(page.getByTestId("check-consumption")).toContainText("$14.50");
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.reload();
  await expect(apart.getByRole("row", { name: /Usage left out/ })).toContainText("EC2 m5.large On Demand");

  // ── a row whose charge period is a year: the preview says it is spread by days ──
  await importFile(page, ANNUAL);
  await expect(page.getByTestId("check-spread")).toHaveText("1 row covers several months: it is spread over them by days.");
  await page.getByTestId("check-warnings").getByText(/note/).click();
  await expect(page.getByTestId("check-warnings")).toContainText("its period 2026-01-01 to 2027-01-01 spans several months");
  await page.getByRole("button", { name: "Cancel" }).click();

  // ── the typed-in row deleted, after a confirmation ──
  const rowsTable = page.getByRole("table", { name: "Burn rows" });
  await rowsTable.getByRole("button", { name: "Delete the row of 1 May 2025 for Typed agent" }).click();
  await page.getByRole("dialog", { name: "Delete this row?" }).getByRole("button", { name: "Delete row" }).click();
  await expect(page.getByTestId("row-delete-result")).toContainText("Row deleted.");
  await expect(totalCredits(page)).toHaveText("30,000");
  await expect(rowsTable.getByRole("button", { name: /^Delete/ })).toHaveCount(0);
  await expectNoRawError(page);
  await screenshotsAt(page, "burn-undo-tab", { imports: 'section:has(> header h2:text-is("Imports"))', apart: 'section:has(> header h2:text-is("Kept apart from the burn"))', rows: 'table[aria-label="Burn rows"]', totals: 'table[aria-label="Burn totals by period"]' });

  // ── a viewer reads the imports and the charges, without any action ──
  const viewer = await inviteViewer(page, browser, wsUrl, "burn-undo-viewer");
  await viewer.goto(`${contractUrl}/burn`);
  await expect(viewer.getByRole("list", { name: "Imports" }).getByTestId("import-item").filter({ hasText: NOV_RESTATED.name })).toContainText("Rolled back");
  await expect(viewer.getByRole("table", { name: "Charges kept apart from the burn" })).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Roll back|Record as|^Delete/ })).toHaveCount(0);
  await shot(viewer, "burn-undo-viewer");
  await viewer.context().close();
  await owner.close();
});
