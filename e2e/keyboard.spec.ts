// Issue 15.7: every flow by keyboard alone. Sign in, make a workspace and a contract, edit its
// terms, import a usage file, save two scenarios, build a brief and download it: Tab, Shift+Tab,
// typing, arrows, Space and Enter only (no click, fill, check or selectOption). Each control is
// reached by Tab and shows where the focus is.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { LANDED, shot } from "./helpers";

test.use({ locale: "en-US", viewport: { width: 1280, height: 900 } });

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus, then checks the focus shows. */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i <= max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) {
      // where the focus is must be visible: the app's outline (or a control's own ring)
      const shown = await target.evaluate((el) => {
        const s = getComputedStyle(el);
        return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
      });
      expect(shown, `the focus on ${target} is not visible`).toBe(true);
      return;
    }
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${target} is not reached by ${back ? "Shift+Tab" : "Tab"} within ${max} presses`);
}

/** Tabs to `target` and types `text` into it. */
async function typeInto(page: Page, target: Locator, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.type(text);
}

/** Tabs to the select and moves through its options with the arrow keys until one matches. */
async function choose(page: Page, select: Locator, option: RegExp): Promise<void> {
  await tabTo(page, select);
  const count = await select.locator("option").count();
  await page.keyboard.press("Home");
  for (let i = 0; i < count; i++) {
    if (option.test(await select.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0]?.text ?? ""))) return;
    await page.keyboard.press("ArrowDown");
  }
  throw new Error(`${select} has no option matching ${option}`);
}

/** Tabs to a link or button and presses Enter. */
async function activate(page: Page, target: Locator): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press("Enter");
}

const USAGE = [
  "Usage Date,Agent,Skill,Org Type,Actions,Flex Credits,Cost",
  "1/5/2026,Service Agent,Answer Question,Production,100,\"2,000\",10.00",
  "1/20/2026,Service Agent,Draft Email,Production,50,1000,5.00",
  "2/3/2026,Service Agent,Answer Question,Production,120,2400,12.00",
  "2/28/2026,Service Agent,Answer Question,Production,80,1600,8.00",
].join("\n");

test("by keyboard alone: sign in, a workspace and a contract, its terms, a usage import, two scenarios, a brief and its PDF", async ({ page }) => {
  test.setTimeout(300_000);
  const nav = (name: string) => page.getByRole("navigation", { name }).filter({ visible: true });

  // ── sign in ──
  await page.goto("/signin");
  await typeInto(page, page.getByLabel("E-mail"), "demo@example.com");
  await typeInto(page, page.getByLabel("Password"), "demo-password");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(LANDED);

  // the first Tab on a page offers to skip the header and the navigation; the next Tab is in the page
  await page.reload();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.screenshot({ path: "test-results/screenshots/keyboard-skip-link.png" });
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.closest("main")?.id)).toBe("main");

  // ── a workspace of its own, from the list of workspaces ──
  await activate(page, page.getByRole("link", { name: "Renewal Workbench" }));
  await expect(page).toHaveURL(/\/w$/);
  const wsName = `Keyboard ${Date.now()}`;
  await typeInto(page, page.getByLabel("Workspace name"), wsName);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: wsName, level: 1 })).toBeVisible();

  // ── a contract on the Salesforce template ──
  await activate(page, nav("Workspace").getByRole("link", { name: "Contracts" }));
  await activate(page, page.getByRole("link", { name: "New contract" }));
  await typeInto(page, page.getByLabel("Contract name"), "Keyboard renewal");
  await typeInto(page, page.getByLabel("New vendor name"), "Salesforce");
  await choose(page, page.getByLabel("Template", { exact: true }), /Salesforce/);
  await typeInto(page, page.getByLabel("Term start"), "01012026");
  await typeInto(page, page.getByLabel("Term end"), "01012027");
  await expect(page.getByLabel("Term start")).toHaveValue("2026-01-01");
  await expect(page.getByLabel("Term end")).toHaveValue("2027-01-01");
  await activate(page, page.getByRole("button", { name: "Create contract" }));
  await expect(page.getByText(/Contract created on Salesforce Agentforce/)).toBeVisible();

  // ── its terms: a 4,000-credit monthly allocation ──
  await activate(page, page.getByRole("button", { name: "Add periodic allocation" }));
  await typeInto(page, page.getByLabel("Credits per cycle"), "4000");
  await activate(page, page.getByRole("button", { name: "Save terms" }));
  await expect(page.getByText("Terms saved.")).toBeVisible();

  // ── a usage file, chosen through the file picker the keyboard opens ──
  await activate(page, nav("Contract").getByRole("link", { name: "Burn" }));
  await expect(page.getByText("No burn yet")).toBeVisible();
  await tabTo(page, page.getByLabel("Usage file (CSV or XLSX)"));
  const chooser = page.waitForEvent("filechooser");
  await page.keyboard.press("Space");
  await (await chooser).setFiles({ name: "usage.csv", mimeType: "text/csv", buffer: Buffer.from(USAGE + "\n") });
  await expect(page.getByTestId("import-preview")).toBeVisible();
  await activate(page, page.getByRole("button", { name: "Import usage.csv" }));
  await expect(page.getByTestId("import-outcome")).toHaveText(/4 rows added\./);

  // ── two scenarios: the vendor's terms, and our asks with a rollover ──
  await activate(page, nav("Contract").getByRole("link", { name: "Scenarios" }));
  await activate(page, page.getByRole("link", { name: "New scenario" }));
  await typeInto(page, page.getByLabel("Scenario name"), "Vendor proposal");
  await activate(page, page.getByRole("button", { name: "Save as new scenario" }));
  await expect(page.getByText("Scenario saved. The rate card version")).toBeVisible();

  await activate(page, nav("Contract").getByRole("link", { name: "Scenarios" }));
  await activate(page, page.getByRole("link", { name: "New scenario" }));
  await typeInto(page, page.getByLabel("Scenario name"), "Our asks");
  await tabTo(page, page.getByLabel("Rollover of unused credits"));
  await page.keyboard.press("Space");
  await expect(page.getByLabel("Rollover of unused credits")).toBeChecked();
  await expect(page.getByTestId("changed-clauses")).toContainText("allotments");
  await activate(page, page.getByRole("button", { name: "Save as new scenario" }));
  await expect(page.getByText("Scenario saved. The rate card version")).toBeVisible();

  // ── a brief from them, and its PDF ──
  await activate(page, nav("Contract").getByRole("link", { name: "Briefs" }));
  const form = page.getByRole("form", { name: "Build a brief" });
  await choose(page, form.getByRole("combobox", { name: "Vendor's proposal" }), /^Vendor proposal$/);
  await choose(page, form.getByRole("combobox", { name: "Our asks" }), /^Our asks$/);
  await typeInto(page, form.getByLabel("Seed (optional)"), "20261204");
  await activate(page, form.getByRole("button", { name: "Build brief" }));
  await expect(page).toHaveURL(/\/briefs\/[0-9a-f-]{36}\?v=1$/, { timeout: 120_000 });
  await expect(page.getByTestId("brief-version-line")).toContainText("Version 1 of 1");
  await shot(page, "keyboard-brief");

  await tabTo(page, page.getByRole("group", { name: "Download this version" }).getByRole("link", { name: "PDF (A4)" }));
  const downloading = page.waitForEvent("download");
  await page.keyboard.press("Enter");
  const pdf = readFileSync((await (await downloading).path())!);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
});
