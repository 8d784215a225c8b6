import { expect, test, type Page } from "@playwright/test";
import { formatMoney } from "@/components/format";
import { evaluateModel } from "@/lib/engine/model/evaluate";
import type { ModelDocumentInput } from "@/lib/engine/model/schema";
import { templateById, toRateCardVersionDoc } from "@/lib/ratecards/templates";
import { expectNoRawError, formAlert, inviteViewer, shot, signUp, uniqueEmail } from "./helpers";

const SALESFORCE = "salesforce-agentforce-flex-credits-2025-05-15";

// What the test types into the app, written once more as the engine's model document: the figures
// the app shows must be the ones evaluateModel gives for it.
const ALLOCATION = { id: "allocation-1", kind: "allocation", cadence: "month", size: { kind: "fixed", credits: "500000" }, feePerCycle: "2500" };
const CONTRACT_CLAUSES = { allotments: [ALLOCATION], onExhaustion: { kind: "overage", overage: {} } };
const ASK_CLAUSES = {
  allotments: [{ ...ALLOCATION, rollover: { sharePct: "100", expiresAfterCycles: 3 } }],
  onExhaustion: { kind: "trueUp", trueUp: { schedule: { kind: "everyNPeriods", n: 3 }, cap: { kind: "amount", amount: "500" } } },
};

function expectedFigures(scenarios: { id: string; name: string; clauses?: unknown }[], start = "2026-01-01") {
  const doc = {
    version: 1,
    case: { name: "Acme Agentforce renewal", vendor: "Salesforce", currency: "USD" },
    term: { start, periods: 12, granularity: "month" },
    rateCards: [{ id: "sf", versions: [toRateCardVersionDoc(templateById(SALESFORCE)!)] }],
    contract: { ...CONTRACT_CLAUSES, termStart: start },
    drivers: { licensedSeats: "50", units: [{ unit: "action", actionsPerActiveAgentPerDay: "25" }] },
    scenarios: scenarios.map((s) => ({ ...s, demand: { source: "drivers" } })),
  } as ModelDocumentInput;
  return evaluateModel(doc);
}

async function waitForFigures(page: Page) {
  await expect(page.getByText("Figures are up to date.")).toBeVisible({ timeout: 20_000 });
}

test("contracts, rate cards and scenarios: build, edit with the keyboard, compare, and a viewer who cannot change them", async ({ browser }) => {
  test.setTimeout(240_000);
  const owner = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await owner.newPage();
  await signUp(page, "Olivia Owner", uniqueEmail("owner"));
  const wsName = `Acme renewals ${Date.now()}`;
  await page.getByLabel("Workspace name").fill(wsName);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.getByRole("heading", { name: wsName })).toBeVisible();
  const wsUrl = page.url().replace(/\/$/, "");
  expect(wsUrl).toMatch(/\/w\/[0-9a-f-]{36}$/);

  // ── an empty contract list, then a contract from the Salesforce template ──
  await page.getByRole("link", { name: "Contracts" }).click();
  await expect(page.getByText("No contracts yet")).toBeVisible();
  await page.getByRole("link", { name: "New contract" }).click();
  await page.getByLabel("Contract name").fill("Acme Agentforce renewal");
  await page.getByLabel("New vendor name").fill("Salesforce");
  await page.getByLabel("Template", { exact: true }).selectOption(SALESFORCE);
  await page.getByLabel("Term start").fill("2026-01-01");
  await page.getByLabel("Term end").fill("2027-01-01");
  await page.getByLabel("Renewal date").fill("2027-01-01");
  await page.getByRole("button", { name: "Add fixed line" }).click();
  await page.getByLabel("Line 1 description").fill("Sales Cloud seats");
  await page.getByLabel("Quantity").fill("80");
  await page.getByLabel(/Unit price/).fill("165");
  await page.getByRole("button", { name: "Create contract" }).click();
  await expect(page.getByText(/Contract created on Salesforce Agentforce/)).toBeVisible();
  const contractUrl = page.url().replace(/\/terms.*$/, "");

  // ── terms: drivers, a monthly allocation, overage ──
  await page.getByRole("button", { name: "Add demand drivers" }).click();
  await page.getByLabel("Licensed seats or agents").fill("50");
  await page.getByLabel("Driver 1 basis").selectOption("perAgentDay");
  await page.getByTestId("driver-unit-0").getByRole("textbox", { name: /: actions per agent per day/ }).fill("25");
  await page.getByRole("button", { name: "Add periodic allocation" }).click();
  await page.getByLabel("Credits per cycle").fill("-5");
  // The engine's schema names the bad field as it is typed.
  await expect(page.getByText("must be 0 or more")).toBeVisible();
  await page.getByLabel("Credits per cycle").fill("500000");
  await page.getByLabel("Fee per cycle").fill("2500");
  await page.getByLabel("On exhaustion").selectOption("overage");
  await page.getByRole("button", { name: "Save terms" }).click();
  await expect(page.getByText("Terms saved.")).toBeVisible();
  await shot(page, "contract-terms");

  // ── the overview shows the engine's figures for the current terms ──
  await page.goto(contractUrl);
  const current = expectedFigures([{ id: "current", name: "Current terms" }]).scenarios[0]!;
  // the forecast of record, computed by a job from the drivers: the engine's total for the current terms
  await expect(page.getByTestId("forecast-cost")).toHaveText(formatMoney(current.summary.totalCost, "USD"), { timeout: 60_000 });
  await expect(page.getByTestId("forecast-basis")).toHaveText(/drivers/i);
  await expect(page.getByTestId("chart-cumulative-cost").getByRole("application")).toBeVisible();
  await expect(page.getByTestId("chart-skill-mix").getByRole("application")).toBeVisible();
  await expectNoRawError(page);
  await shot(page, "contract-overview");

  // ── the rate card, edited inline with the keyboard ──
  await page.getByRole("link", { name: /Salesforce Agentforce.*version 1/ }).click();
  await expect(page.getByText(/Version 1 is locked/)).toBeVisible();
  await expect(page).toHaveTitle(/^Salesforce Agentforce.* · Rate card · Renewal Workbench$/);
  await page.getByRole("gridcell", { name: "Unit id of Agentforce action" }).click();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("gridcell", { name: "Credits per unit of Agentforce Voice action" })).toBeFocused();
  // Escape cancels an edit…
  await page.keyboard.press("Enter");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("99");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("gridcell", { name: "Credits per unit of Agentforce Voice action" })).toHaveText("30");
  // …Enter commits it.
  await page.keyboard.press("Enter");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("25");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("gridcell", { name: "Credits per unit of Agentforce Voice action" })).toHaveText("25");
  // Rename a unit by typing over it, add one, sort and filter.
  await page.getByRole("gridcell", { name: "Name of Agentforce action" }).click();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Agent action");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Add unit" }).click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("Prompt template");
  await page.keyboard.press("Enter");
  // Undo and redo in the grid: the rename, then the added unit, and back again.
  await expect(page.getByText("Last change: rename “New unit” to “Prompt template”")).toBeVisible();
  await page.keyboard.press("ControlOrMeta+z");
  await expect(page.getByRole("gridcell", { name: "Name of New unit" })).toBeVisible();
  await page.keyboard.press("ControlOrMeta+z");
  await expect(page.getByRole("gridcell", { name: /^Name of / })).toHaveCount(2);
  await expect(page.getByRole("status").filter({ hasText: /^Undone: add the unit “unit-3”\.$/ })).toBeAttached();
  await page.getByRole("gridcell", { name: "Name of Agent action" }).click();
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(page.getByRole("gridcell", { name: "Name of Prompt template" })).toBeVisible();
  // A removed unit comes back with the Undo button.
  await page.getByRole("button", { name: "Remove Prompt template" }).click();
  await expect(page.getByRole("gridcell", { name: /^Name of / })).toHaveCount(2);
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(page.getByRole("gridcell", { name: "Name of Prompt template" })).toBeVisible();
  await page.getByRole("button", { name: /Credits per unit/ }).click();
  await page.getByLabel("Filter units").fill("voice");
  await expect(page.getByRole("gridcell", { name: /^Name of / })).toHaveCount(1);
  await page.getByLabel("Filter units").fill("");
  await page.getByRole("button", { name: "Save as version 2" }).click();
  await expect(page.getByText(/saved as version 2, a draft/)).toBeVisible();
  await expect(page.getByRole("gridcell", { name: "Credits per unit of Agentforce Voice action" })).toHaveText("25");
  await expect(page.getByRole("link", { name: "Version 1" })).toBeVisible();
  await shot(page, "ratecard-editor");
  // Version 1, which the contract uses, did not change.
  await page.getByRole("link", { name: "Version 1" }).click();
  await expect(page.getByRole("gridcell", { name: "Credits per unit of Agentforce Voice action" })).toHaveText("30");
  await expect(page.getByRole("gridcell", { name: "Name of Agentforce action" })).toBeVisible();

  // ── a scenario with a rollover and a true-up cap ──
  await page.goto(`${contractUrl}/scenarios`);
  await expect(page.getByText("No saved scenarios yet")).toBeVisible();
  await page.getByRole("link", { name: "New scenario" }).click();
  await page.getByLabel("Scenario name").fill("Ask: rollover + true-up cap");
  await page.getByLabel("Rollover of unused credits").check();
  await page.getByLabel("Expires after cycles").fill("3");
  await page.getByLabel("On exhaustion").selectOption("trueUp");
  await page.getByLabel("True-up schedule").selectOption("everyNPeriods");
  await page.getByLabel("True-up cap", { exact: true }).check();
  await page.getByLabel("True-up cap (amount)").fill("500");
  await expect(page.getByTestId("changed-clauses")).toHaveText("Changed from current terms: allotments, onExhaustion");
  await waitForFigures(page);
  const [base, ask] = expectedFigures([
    { id: "current", name: "Current terms" },
    { id: "ask", name: "Ask", clauses: ASK_CLAUSES },
  ]).scenarios;
  const askCompare = expectedFigures([
    { id: "current", name: "Current terms" },
    { id: "ask", name: "Ask", clauses: ASK_CLAUSES },
  ]).comparison[1]!;
  await expect(page.getByTestId("total-cost")).toHaveText(formatMoney(ask!.summary.totalCost, "USD"));
  await expect(page.getByTestId("trueup-cost")).toHaveText(formatMoney(ask!.summary.costByComponent.trueUp, "USD"));
  await expect(page.getByTestId("cost-vs-baseline")).toHaveText(`${askCompare.costVsFirst!.startsWith("-") ? "" : "+"}${formatMoney(askCompare.costVsFirst, "USD")}`);
  expect(base!.summary.totalCost).not.toBe(ask!.summary.totalCost);
  await shot(page, "scenario-builder");
  // The same draft priced over the renewal term (from the renewal date, 1 Jan 2027): other figures.
  await page.getByLabel("Priced over").selectOption("renewal");
  await expect(page.getByRole("heading", { name: "Figures over the renewal term" })).toBeVisible();
  await waitForFigures(page);
  const onRenewal = expectedFigures([{ id: "current", name: "Current terms" }, { id: "ask", name: "Ask", clauses: ASK_CLAUSES }], "2027-01-01").scenarios[1]!;
  // 2027 has as many working days as 2026, but January has 21 (22 in 2026): 50 × 25 × 21 × 20 credits.
  expect(onRenewal.rows[0]!.demand.credits).toBe("525000");
  expect(ask!.rows[0]!.demand.credits).toBe("550000");
  await expect(page.getByTestId("total-cost")).toHaveText(formatMoney(onRenewal.summary.totalCost, "USD"));
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Jan 2027" }) })).toContainText("525,000");
  await expect(page.getByRole("rowheader", { name: "Dec 2027" })).toBeVisible();
  await shot(page, "scenario-builder-renewal");
  await page.getByLabel("Priced over").selectOption("term");
  await waitForFigures(page);
  await expect(page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Jan 2026" }) })).toContainText("550,000");
  await page.getByRole("button", { name: "Save as new scenario" }).click();
  await expect(page.getByText("Scenario saved. The rate card version")).toBeVisible();
  await expect(page.getByTestId("total-cost")).toHaveText(formatMoney(ask!.summary.totalCost, "USD"));

  // A second scenario: the vendor's terms unchanged.
  await page.goto(`${contractUrl}/scenarios/new`);
  await page.getByLabel("Scenario name").fill("Vendor terms");
  await waitForFigures(page);
  await page.getByRole("button", { name: "Save as new scenario" }).click();
  await expect(page.getByText("Scenario saved. The rate card version")).toBeVisible();

  // ── side by side ──
  await page.goto(`${contractUrl}/scenarios`);
  await page.getByLabel("Compare Vendor terms").check();
  await page.getByLabel("Compare Ask: rollover + true-up cap").check();
  await page.getByRole("button", { name: "Compare selected" }).click();
  await expect(page.getByRole("table", { name: "Scenario comparison" })).toBeVisible();
  const totals = await page.getByTestId("compare-total").allTextContents();
  expect(totals.sort()).toEqual([formatMoney(base!.summary.totalCost, "USD"), formatMoney(ask!.summary.totalCost, "USD")].sort());
  await expect(page.getByTestId("chart-compare").getByRole("application")).toBeVisible();
  await expectNoRawError(page);
  await shot(page, "scenario-compare");
  await page.goto(`${wsUrl}/contracts`);
  await shot(page, "contracts-list");
  await page.goto(`${wsUrl}/ratecards`);
  await expect(page.getByText("Built-in templates")).toBeVisible();
  await shot(page, "ratecards-list");

  // ── a viewer reads all of it and can change none of it ──
  const viewer = await inviteViewer(page, browser, wsUrl, "viewer");

  await viewer.goto(`${wsUrl}/contracts`);
  await expect(viewer.getByRole("link", { name: "Acme Agentforce renewal" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "New contract" })).toHaveCount(0);
  await viewer.goto(contractUrl);
  await expect(viewer.getByTestId("forecast-cost")).toHaveText(formatMoney(current.summary.totalCost, "USD"));
  await expect(viewer.getByRole("button", { name: /Save|Delete/ })).toHaveCount(0);
  await viewer.goto(`${contractUrl}/terms`);
  await expect(viewer.getByLabel("Credits per cycle")).toBeDisabled();
  await expect(viewer.getByRole("button", { name: "Save terms" })).toHaveCount(0);
  await viewer.goto(`${contractUrl}/scenarios`);
  await expect(viewer.getByRole("link", { name: "New scenario" })).toHaveCount(0);
  await viewer.getByRole("link", { name: "Ask: rollover + true-up cap" }).click();
  await expect(viewer.getByTestId("total-cost")).toHaveText(formatMoney(ask!.summary.totalCost, "USD"));
  await expect(viewer.getByLabel("Scenario name")).toBeDisabled();
  await expect(viewer.getByRole("button", { name: /Save|Delete/ })).toHaveCount(0);
  await shot(viewer, "scenario-viewer");
  await viewer.goto(`${wsUrl}/ratecards`);
  await expect(viewer.getByRole("button", { name: /Start from this template/ })).toHaveCount(0);
  await viewer.getByRole("link", { name: /Salesforce Agentforce/ }).click();
  await viewer.getByRole("gridcell", { name: "Credits per unit of Agentforce Voice action" }).click();
  await viewer.keyboard.press("Enter");
  await expect(viewer.getByRole("textbox", { name: /^Edit / })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /Add unit|Save/ })).toHaveCount(0);
  await expect(formAlert(viewer)).toHaveCount(0);
  await expectNoRawError(viewer);

  // ── deleting the contract: the dialog says what goes with it and wants the name typed ──
  await page.goto(contractUrl);
  await page.getByRole("button", { name: "Delete contract" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete Acme Agentforce renewal?" });
  await expect(dialog.getByTestId("delete-impact")).toContainText("2 saved scenarios");
  await expect(dialog.getByTestId("delete-impact")).toContainText("0 rows of observed burn from 0 imports");
  await expect(dialog.getByTestId("delete-impact")).toContainText("no brief");
  const confirm = dialog.getByRole("button", { name: "Delete contract and all of the above" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type Acme Agentforce renewal to confirm").fill("Acme");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel("Type Acme Agentforce renewal to confirm").fill("Acme Agentforce renewal");
  await shot(page, "delete-contract-dialog");
  await confirm.click();
  await expect(page).toHaveURL(`${wsUrl}/contracts`);
  await expect(page.getByText("No contracts yet")).toBeVisible();

  await owner.close();
  await viewer.context().close();
});
