import { expect, test } from "@playwright/test";
import { createSalesforceContract, createWorkspace, expectNoRawError, formAlert, inviteViewer, shot, signUp, uniqueEmail } from "./helpers";

const HEADER = "Usage Date,Agent,Skill,Org Type,Actions,Flex Credits,Cost";
const GOOD = [
  "1/5/2026,Service Agent,Answer Question,Production,100,\"2,000\",10.00",
  "1/20/2026,Service Agent,Draft Email,Production,50,1000,5.00",
  "1/21/2026,SDR Agent,Answer Question,Full Copy Sandbox,25,500,",
  "2/3/2026,Service Agent,Answer Question,Production,120,2400,12.00",
  "2/14/2026,SDR Agent,Draft Email,UAT,10,200.5,1.0025",
  "2/28/2026,Service Agent,Answer Question,Production,80,1600,8.00",
];
const good = Buffer.from([HEADER, ...GOOD].join("\n") + "\n");
// rows 3 and 6 are bad: credits "lots", and 31 February
const bad = Buffer.from(
  [HEADER, GOOD[0], "1/20/2026,Service Agent,Draft Email,Production,50,lots,5.00", GOOD[2], GOOD[3], "2/31/2026,SDR Agent,Draft Email,UAT,10,200.5,1.0025", GOOD[5]].join("\n") + "\n",
);
const csv = (buffer: Buffer) => ({ name: "usage.csv", mimeType: "text/csv", buffer });

test("observed burn: a refused import names its bad rows, the fixed file is stored once, totals and charts; a viewer only reads", async ({ browser }) => {
  test.setTimeout(240_000);
  const owner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await owner.newPage();
  await signUp(page, "Olivia Owner", uniqueEmail("burn-owner"));
  const wsUrl = await createWorkspace(page, `Burn ${Date.now()}`);

  // a contract with a 4,000-credit monthly allocation (February's 4,200.5 exceeds it)
  const contractUrl = await createSalesforceContract(page, wsUrl, "Acme Agentforce renewal");
  await page.getByRole("button", { name: "Add periodic allocation" }).click();
  await page.getByLabel("Credits per cycle").fill("4000");
  await page.getByRole("button", { name: "Save terms" }).click();
  await expect(page.getByText("Terms saved.")).toBeVisible();

  await page.getByRole("navigation", { name: "Contract" }).getByRole("link", { name: "Burn" }).click();
  await expect(page.getByText("No burn yet")).toBeVisible();

  // ── a file with two bad rows: previewed, then refused naming both rows; nothing stored ──
  await page.getByLabel("Usage file (CSV or XLSX)").setInputFiles(csv(bad));
  await expect(page.getByTestId("import-preview")).toBeVisible();
  await expect(page.getByTestId("preview-dates")).toContainText("M/D/YYYY");
  await expect(page.getByTestId("preview-dates")).toContainText("month/day/year");
  await expect(page.getByTestId("preview-numbers")).toContainText('thousands ","');
  await expect(page.getByTestId("import-preview").getByLabel("Credits", { exact: true })).toHaveValue("Flex Credits");
  await shot(page, "burn-preview");
  await page.getByRole("button", { name: "Import usage.csv" }).click();
  const refused = page.getByTestId("import-outcome");
  await expect(refused).toContainText("Nothing was stored from usage.csv");
  await expect(refused.getByRole("row", { name: /Row 3/ })).toContainText("Flex Credits 'lots' is not a number");
  await expect(refused.getByRole("row", { name: /Row 6/ })).toContainText("Usage Date '2/31/2026' is not a date");
  await expect(page.getByText("No burn yet")).toBeVisible();
  await expectNoRawError(page);
  await shot(page, "burn-refused");

  // ── the fixed file: stored; imported again: every row already stored ──
  await page.getByRole("button", { name: "Import another file" }).click();
  await page.getByLabel("Usage file (CSV or XLSX)").setInputFiles(csv(good));
  await page.getByRole("button", { name: "Import usage.csv" }).click();
  await expect(page.getByTestId("import-outcome")).toHaveText(/6 rows added\./);
  await page.getByRole("button", { name: "Import another file" }).click();
  await page.getByLabel("Usage file (CSV or XLSX)").setInputFiles(csv(good));
  await expect(page.getByTestId("preview-kind")).toContainText("remembered mapping");
  await page.getByRole("button", { name: "Import usage.csv" }).click();
  await expect(page.getByTestId("import-outcome")).toHaveText(/0 rows added; 6 rows already stored, not counted twice\./);

  // ── totals: January 2,000 + 1,000 + 500 = 3,500; February 2,400 + 200.5 + 1,600 = 4,200.5 ──
  await page.reload();
  const totals = page.getByRole("table", { name: "Burn totals by period" });
  await expect(totals.getByRole("row", { name: /Jan 2026/ })).toContainText("3,500");
  await expect(totals.getByRole("row", { name: /Feb 2026/ })).toContainText("4,200.5");
  await expect(page.getByTestId("burn-total-credits")).toHaveText("7,700.5");
  await expect(page.getByTestId("burn-total-rows")).toHaveText("6");
  await page.getByRole("link", { name: "By agent" }).click();
  const byAgent = page.getByRole("table", { name: "Burn totals by agent" });
  await expect(byAgent.getByRole("row", { name: /SDR Agent/ })).toContainText("700.5");
  await page.getByRole("link", { name: "By environment" }).click();
  await expect(page.getByRole("table", { name: "Burn totals by environment" }).getByRole("row", { name: /Non-production/ })).toContainText("700.5");

  // ── charts and the exhaustion sentence ──
  // February 2026 in the future tense before it, in the past tense after (the test clock is the real one)
  await expect(page.getByTestId("exhaustion-sentence")).toHaveText(/^(At this rate the allotment runs out on \d{1,2} Feb 2026\.|Ran out on \d{1,2} Feb 2026, \d+ months? ago\. .+)$/);
  await expect(page.getByTestId("chart-burn-forecast").getByRole("application")).toBeVisible();
  await expect(page.getByTestId("chart-burn-mix").getByRole("application")).toBeVisible();
  await expect(page.getByTestId("chart-burn-mix")).toContainText("Answer Question");

  // ── a row typed by hand ──
  const entry = page.getByRole("form", { name: "Add a burn row" });
  await entry.getByLabel("Period start").fill("2026-03-02");
  await entry.getByLabel("Agent").fill("Service Agent");
  await entry.getByLabel("Credits").fill("20");
  await entry.getByRole("button", { name: "Add row" }).click();
  await expect(page.getByText("Row added.")).toBeVisible();
  await expect(page.getByTestId("burn-total-rows")).toHaveText("7");
  await expectNoRawError(page);
  await page.getByRole("link", { name: "By period" }).click();
  await expect(page.getByRole("table", { name: "Burn totals by period" })).toBeVisible();
  await shot(page, "burn-page");

  // ── a viewer sees the burn, and no import or entry controls ──
  const viewer = await inviteViewer(page, browser, wsUrl, "burn-viewer");
  await viewer.goto(`${contractUrl}/burn`);
  await expect(viewer.getByTestId("burn-total-credits")).toHaveText("7,720.5");
  await expect(viewer.getByTestId("chart-burn-forecast")).toBeVisible();
  await expect(viewer.getByLabel("Usage file (CSV or XLSX)")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Add row" })).toHaveCount(0);
  // and the upload route refuses them too
  const status = await viewer.evaluate(async (url) => {
    const res = await fetch(url, { method: "POST", body: "x" });
    return res.status;
  }, `${contractUrl.replace("/w/", "/api/w/")}/imports?importId=${crypto.randomUUID()}&name=x.csv&format=csv`);
  expect(status).toBe(403);
  await expect(formAlert(viewer)).toHaveCount(0);
  await shot(viewer, "burn-viewer");
  await viewer.context().close();
  await owner.close();
});
