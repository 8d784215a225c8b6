import { expect, test } from "@playwright/test";
import { expectAccessible, openWorkspace, signIn } from "./helpers";

test("contracts, burn rows and the audit log are searched, filtered, sorted and paged through the URL", async ({ page }) => {
  await signIn(page, "demo@example.com", "demo-password");
  await openWorkspace(page, /Demo: Acme renewal/);
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Contracts" }).click();

  // Search by vendor name: Enter submits, the view is in the address.
  const find = page.getByRole("searchbox", { name: "Find contracts" });
  await find.fill("workday");
  await find.press("Enter");
  await expect(page).toHaveURL(/contracts\?q=workday/);
  await expect(page.getByTestId("list-count")).toHaveText("1 of 2 contracts match.");
  await expect(page.getByRole("link", { name: "HR and finance agents" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Agentforce service estate" })).toHaveCount(0);

  // Clear, then sort by name both ways by the column heading.
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(page).toHaveURL(/contracts$/);
  await expect(page.getByTestId("list-count")).toHaveText("2 contracts.");
  await page.getByRole("link", { name: /^Contract, sort/ }).click();
  await expect(page).toHaveURL(/sort=name/);
  const names = () => page.getByRole("table").locator("tbody tr td:first-child a").allTextContents();
  await expect.poll(names).toEqual(["Agentforce service estate", "HR and finance agents"]);
  await page.getByRole("link", { name: /^Contract, sort descending/ }).click();
  await expect.poll(names).toEqual(["HR and finance agents", "Agentforce service estate"]);
  await expect(page.getByRole("columnheader", { name: /Contract/ })).toHaveAttribute("aria-sort", "descending");
  await expectAccessible(page);

  // Burn rows of the Salesforce estate: non-production only, largest credits first.
  await page.goto(page.url().replace(/\/contracts.*$/, "/contracts"));
  await page.getByRole("link", { name: "Agentforce service estate" }).click();
  await page.getByRole("link", { name: "Burn", exact: true }).click();
  const findRows = page.getByRole("search", { name: "Find rows" });
  await findRows.getByLabel("Environment").selectOption("nonProduction");
  await findRows.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/env=nonProduction/);
  const rows = page.getByRole("table", { name: "Burn rows" }).locator("tbody tr");
  await expect(rows.first()).toContainText("Non-production");
  for (const env of await rows.locator("td:nth-child(4)").allTextContents()) expect(env).toBe("Non-production");
  await page.getByRole("link", { name: /^Credits, sort/ }).click();
  await expect(page).toHaveURL(/sort=credits/);
  await expect(page).toHaveURL(/env=nonProduction/);
  const credits = (await rows.locator("td:nth-child(6)").allTextContents()).map((c) => Number(c.replace(/,/g, "")));
  expect(credits.length).toBeGreaterThan(1);
  expect([...credits].sort((a, b) => b - a)).toEqual(credits);

  // The audit log: entries about contracts only.
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("About").selectOption("contracts");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/kind=contracts/);
  const entries = page.getByRole("table", { name: "Audit log entries" }).locator("tbody tr");
  await expect(entries.first()).toBeVisible();
  for (const text of await entries.locator("td:nth-child(2)").allTextContents()) expect(text).toMatch(/contract/i);
});
