import { expect, test } from "@playwright/test";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import JSZip from "jszip";
import { parseModelDocument } from "@/lib/engine/model/schema";
import { expectNoRawError, formAlert, openWorkspace, shot, signIn } from "./helpers";

const SALESFORCE = "salesforce-agentforce-flex-credits-2025-05-15";

test("export the demo workspace, import the file into a new workspace, and see the same contracts", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "demo@example.com", "demo-password");
  await openWorkspace(page, /Demo: Acme renewal/);
  const demoUrl = page.url().replace(/\/$/, "");

  // The seeded demo has vendors only; give it a contract so the export carries a model.
  const contractName = `Demo Agentforce renewal ${Date.now()}`;
  await page.goto(`${demoUrl}/contracts/new`);
  await page.getByLabel("Contract name").fill(contractName);
  await page.getByRole("combobox", { name: /^Vendor/ }).selectOption({ label: "Salesforce" });
  await page.getByLabel("Template", { exact: true }).selectOption(SALESFORCE);
  await page.getByLabel("Term start").fill("2026-01-01");
  await page.getByLabel("Term end").fill("2027-01-01");
  await page.getByRole("button", { name: "Create contract" }).click();
  await expect(page.getByText(/Contract created on Salesforce Agentforce/)).toBeVisible();

  // ── export: settings → Export / import → download ──
  await page.goto(`${demoUrl}/settings`);
  await page.getByRole("link", { name: "Export / import" }).click();
  await expect(page.getByRole("heading", { name: "Export this workspace" })).toBeVisible();
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download export" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^demo-acme-renewal-\d{4}-\d{2}-\d{2}\.workbench\.zip$/);
  mkdirSync("test-results/e2e-transfer", { recursive: true });
  const file = path.join("test-results/e2e-transfer", download.suggestedFilename());
  await download.saveAs(file);
  // A zip archive: workspace.json (the models), one NDJSON part of burn rows per contract, end.json.
  const zip = await JSZip.loadAsync(readFileSync(file));
  const entries = Object.keys(zip.files);
  expect(entries[0]).toBe("workspace.json");
  expect(entries.at(-1)).toBe("end.json");
  const json = JSON.parse(await zip.file("workspace.json")!.async("string"));
  expect(json.format).toBe("renewal-workbench/workspace");
  expect(json.version).toBe(2);
  const summary = JSON.parse(await zip.file("end.json")!.async("string"));
  expect(Object.keys(summary.parts)).toEqual(json.contracts.map((c: any) => c.burnPart));
  expect(entries.filter((e) => e.startsWith("burn/"))).toEqual(json.contracts.map((c: any) => c.burnPart));
  expect(json.vendors.map((v: any) => v.name)).toEqual(expect.arrayContaining(["Salesforce", "Workday"]));
  const names: string[] = json.contracts.map((c: any) => c.contract.name);
  expect(names).toContain(contractName);
  for (const c of json.contracts) expect(parseModelDocument(c.model).ok).toBe(true);
  await shot(page, "transfer-export");

  // ── a new workspace, and the file imported into it ──
  await page.goto("/w");
  const wsName = `Imported demo ${Date.now()}`;
  await page.getByLabel("Workspace name").fill(wsName);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { name: wsName })).toBeVisible();
  const newUrl = page.url().replace(/\/$/, "");
  await page.goto(`${newUrl}/settings`);
  await page.getByRole("link", { name: "Export / import" }).click();

  // A broken file of the earlier JSON format (version 1, burn rows inline) first: refused by the
  // request, each problem named by its path, nothing stored.
  const bad = { ...structuredClone(json), version: 1 };
  for (const c of bad.contracts) delete c.burnPart;
  bad.contracts[0].model.term.periods = 0;
  bad.contracts[0].burn = [{ rowKey: "x", periodStart: "2026-02-30" }];
  await page.getByLabel("Workspace file").setInputFiles({ name: "broken.workbench.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bad)) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(formAlert(page)).toContainText("The file cannot be imported");
  // Each problem names its place in words, the JSON path in its tooltip.
  const problems = page.getByRole("list", { name: "Problems in the file" });
  await expect(problems).toContainText("contract 1, model, term, periods");
  await expect(problems).toContainText("contract 1, burn row 1, period start: expected a calendar date YYYY-MM-DD");
  await expect(problems.getByTitle("contracts[0].burn[0].periodStart")).toHaveText("contract 1, burn row 1, period start");
  await shot(page, "transfer-import-refused");

  // A broken archive: a burn row with an impossible date, named by its place in the file.
  const broken = new JSZip();
  broken.file("workspace.json", JSON.stringify(json));
  for (const [k, c] of json.contracts.entries()) broken.file(c.burnPart, k === 0 ? `${JSON.stringify({ rowKey: "x", periodStart: "2026-02-30" })}\n` : "");
  broken.file("end.json", JSON.stringify({ ...summary, parts: { ...summary.parts, [json.contracts[0].burnPart]: 1 } }));
  await page.getByLabel("Workspace file").setInputFiles({ name: "broken.workbench.zip", mimeType: "application/zip", buffer: await broken.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(formAlert(page)).toContainText(`The file cannot be imported: contract 1, burn row 1, period start: expected a calendar date YYYY-MM-DD (line 1 of ${json.contracts[0].burnPart})`);

  // The archive as downloaded: its structure checked on the request, then imported in the background.
  await page.getByLabel("Workspace file").setInputFiles(file);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText(new RegExp(`Imported ${names.length} contracts?`))).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("list", { name: "Imported contracts" }).getByRole("link", { name: contractName })).toBeVisible();
  await expectNoRawError(page);
  await shot(page, "transfer-import");

  // The same file again: merged by default, so every contract is recognised and none is doubled.
  await page.reload();
  await expect(page.getByRole("radio", { name: /^Merge/ })).toBeChecked();
  await page.getByLabel("Workspace file").setInputFiles(file);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText(new RegExp(`Imported 0 contracts, .* ${names.length} contracts? (was|were) here already`))).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole("list", { name: "Imported contracts" }).getByRole("listitem").filter({ hasText: contractName })).toContainText("already here, kept as it is; 0 new burn rows added");
  await shot(page, "transfer-import-merged");

  await page.goto(`${newUrl}/contracts`);
  await expect(page.getByRole("link", { name: contractName, exact: true })).toHaveCount(1);
  for (const name of names) await expect(page.getByText(name, { exact: true }).first()).toBeVisible();
  await expect(page.getByText("No contracts yet")).toHaveCount(0);
  await shot(page, "transfer-contracts");

  // The imported contract evaluates like the original: its overview shows figures, not an error.
  await page.getByRole("link", { name: contractName }).first().click();
  await expect(page.getByRole("heading", { name: contractName })).toBeVisible();
  await expectNoRawError(page);
});
