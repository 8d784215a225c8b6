import { expect, test } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { createSalesforceContract, createWorkspace, expectNoRawError, shot, signUp, uniqueEmail } from "./helpers";

test("demand drivers: an activation schedule and a driver range edited on the Terms tab survive save and reload, and the workspace export holds them as numbers", async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, "Dana Drivers", uniqueEmail("drivers"));
  const wsUrl = await createWorkspace(page, `Drivers ${Date.now()}`);
  await createSalesforceContract(page, wsUrl, "Drivers renewal");

  // ── seats, a three-month activation schedule, a growth range, per-agent actions ──
  await page.getByRole("button", { name: "Add demand drivers" }).click();
  await page.getByLabel("Licensed seats or agents").fill("40");
  await page.getByLabel("Driver 1 basis").selectOption("perAgentDay");
  await page.getByTestId("driver-unit-0").getByRole("textbox", { name: /: actions per agent per day/ }).fill("12.5");
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Add a month" }).click();
  await page.getByLabel("Month 1 activation (%)").fill("20");
  await page.getByLabel("Month 2 activation (%)").fill("55.5");
  await page.getByLabel("Month 3 activation (%)").fill("90");
  await page.getByLabel("Monthly growth (%)").fill("2");
  await page.getByRole("button", { name: "Give Monthly growth a low / likely / high range" }).click();
  await page.getByLabel("Monthly growth low (%)").fill("0.5");
  await page.getByLabel("Monthly growth high (%)").fill("4");
  await page.getByRole("button", { name: "Save terms" }).click();
  await expect(page.getByText("Terms saved.")).toBeVisible();

  // ── reloaded: the same values, each in its own field ──
  await page.reload();
  await expect(page.getByLabel("Licensed seats or agents")).toHaveValue("40");
  await expect(page.getByLabel("Month 1 activation (%)")).toHaveValue("20");
  await expect(page.getByLabel("Month 2 activation (%)")).toHaveValue("55.5");
  await expect(page.getByLabel("Month 3 activation (%)")).toHaveValue("90");
  await expect(page.getByLabel("Monthly growth low (%)")).toHaveValue("0.5");
  await expect(page.getByLabel("Monthly growth likely (%)")).toHaveValue("2");
  await expect(page.getByLabel("Monthly growth high (%)")).toHaveValue("4");
  await expect(page.getByTestId("driver-unit-0").getByRole("textbox", { name: /: actions per agent per day/ })).toHaveValue("12.5");
  await expect(page.locator("body")).not.toContainText("[object Object]");
  await expectNoRawError(page);
  await shot(page, "drivers-terms");

  // ── the export carries numbers, not text ──
  await page.goto(`${wsUrl}/transfer`);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download export" }).click();
  const download = await downloading;
  mkdirSync("test-results/e2e-drivers", { recursive: true });
  const file = path.join("test-results/e2e-drivers", download.suggestedFilename());
  await download.saveAs(file);
  // The export is a zip archive; workspace.json holds the models.
  const zip = await JSZip.loadAsync(readFileSync(file));
  const json = JSON.parse(await zip.file("workspace.json")!.async("string"));
  const drivers = json.contracts[0].model.drivers;
  expect(drivers.licensedSeats).toBe(40);
  expect(drivers.activationPctByMonth).toEqual([20, 55.5, 90]);
  expect(drivers.monthlyGrowthPct).toEqual({ low: 0.5, likely: 2, high: 4 });
  expect(drivers.units[0].actionsPerActiveAgentPerDay).toBe(12.5);
});
