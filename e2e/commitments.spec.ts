// FOCUS Contract Commitment out and back in: the demo Salesforce contract's terms downloaded from
// its Terms tab, then taken into a new contract's terms from the file, after a preview.
import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import { createSalesforceContract, createWorkspace, expectAccessible, openWorkspace, shot, signIn, widerThanScreen } from "./helpers";

test("a contract's FOCUS commitments download and read back into another contract's terms", async ({ page }) => {
  await signIn(page, "demo@example.com", "demo-password");
  await openWorkspace(page, /Demo: Acme renewal/);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Contracts" }).click();
  await page.getByRole("link", { name: "Agentforce service estate" }).first().click();
  await page.getByRole("navigation", { name: "Contract" }).getByRole("link", { name: "Terms" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("focus-download").click()]);
  const file = await download.path();
  const csv = readFileSync(file!, "utf8");
  expect(csv.split("\r\n")[0]).toContain("ContractCommitmentId");
  expect(csv).toContain("x_Clause");

  // a new contract, in a workspace of its own (the demo's contracts stay as the other specs expect),
  // has none of the demo's allotments or seats
  await page.goto("/w");
  const ownWs = await createWorkspace(page, `Commitments ${Date.now()}`);
  const contractUrl = await createSalesforceContract(page, ownWs, "Commitments read back");
  await page.goto(`${contractUrl}/terms`);
  await page.getByLabel("Take terms from a FOCUS Contract Commitment file").setInputFiles({ name: "salesforce-commitments.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const sets = page.getByRole("group", { name: "Sets of terms in salesforce-commitments.csv" });
  await expect(sets).toBeVisible();
  await expect(sets.getByText("Current contract", { exact: true })).toBeVisible();
  await expect(sets.getByText("Our asks", { exact: true })).toBeVisible();
  await expect(sets.getByText("Walk-away", { exact: true })).toBeVisible();
  await expect(sets.getByText(/1 allotment, 0 packs, 1 fixed line · USD · would change the allotments, fixed lines/).first()).toBeVisible();
  await expect(sets.getByRole("radio", { name: /Current contract/ })).toBeChecked();
  await expectAccessible(page);
  await shot(page, "commitments-preview");
  await page.setViewportSize({ width: 390, height: 900 });
  expect(await widerThanScreen(page)).toEqual([]);
  await shot(page, "commitments-preview-390");
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("button", { name: "Take these terms" }).click();
  const dialog = page.getByRole("dialog", { name: "Replace the allotments, packs and fixed lines with “Current contract”?" });
  await expect(dialog).toContainText("This changes the allotments, fixed lines of this contract.");
  await dialog.getByRole("button", { name: "Replace them" }).click();
  await expect(page.getByText("Terms taken from “Current contract”: allotments, packs and fixed lines replaced; the forecast is being recomputed.")).toBeVisible();
  // the editor below shows the allotment read from the file
  await expect(page.locator("input[value='monthly-allocation']").first()).toBeVisible();

  // the same file again: the current set is now the contract's own
  await page.getByLabel("Take terms from a FOCUS Contract Commitment file").setInputFiles({ name: "again.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await expect(page.getByRole("group", { name: "Sets of terms in again.csv" }).getByText(/the same as this contract's/).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Take these terms" })).toBeDisabled();

  // a file that is not a commitment dataset is refused, naming why
  await page.getByLabel("Take terms from a FOCUS Contract Commitment file").setInputFiles({ name: "usage.csv", mimeType: "text/csv", buffer: Buffer.from("BillingPeriodStart,BilledCost\n2026-01-01,5\n") });
  await expect(page.getByRole("alert").filter({ hasText: "usage.csv: This is not a FOCUS Contract Commitment dataset" })).toBeVisible();
});
