import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, inviteViewer, openWorkspace, shot, signIn, widerThanScreen } from "./helpers";

// Words a page must never show a person: a value that did not survive the trip to the screen.
const BROKEN = /\[object Object\]|\bNaN\b|\bundefined\b|Invalid Date/;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** Opens `url` and fails naming the page and the broken text if the page or a form value shows one;
 *  with `axe`, also on any serious or critical accessibility violation. */
async function visit(page: Page, url: string, axe = false): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `${url} answered ${response?.status()}`).toBeLessThan(400);
  await page.waitForLoadState("networkidle");
  const text = await page.locator("body").innerText();
  const shown = BROKEN.exec(text);
  expect(shown, `${url} shows "${shown?.[0]}" near: ${shown ? text.slice(Math.max(0, shown.index - 80), shown.index + 40) : ""}`).toBeNull();
  const values = await page.$$eval("input, textarea, select", (els) =>
    els.map((e) => `${e.getAttribute("aria-label") ?? e.getAttribute("name") ?? e.id}=${(e as HTMLInputElement).value}`),
  );
  const bad = values.filter((v) => BROKEN.test(v.slice(v.indexOf("=") + 1)));
  expect(bad, `${url} has form values ${bad.join(", ")}`).toEqual([]);
  if (axe) {
    await expectAccessible(page);
    await expectNoSidewaysScroll(page, url);
    await shot(page, shotName(url, page.viewportSize()?.width ?? 0));
  }
}

/** A screenshot's name for a page of the walk: "page-1280-w-3f2a-contracts-9c1d-burn" (ids cut to four characters). */
function shotName(url: string, width: number): string {
  const words = url.replace(new RegExp(UUID, "g"), (id) => id.slice(0, 4)).replace(/^\/+/, "").replace(/[^a-z0-9]+/gi, "-") || "root";
  return `page-${width}-${words}`;
}

/** The page does not scroll sideways: document.documentElement.scrollWidth ≤ the viewport's width. */
async function expectNoSidewaysScroll(page: Page, url: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${url} is ${scrollWidth} px wide in a ${innerWidth} px window`).toBeLessThanOrEqual(innerWidth);
}

/** Fails naming what sticks out when the page is wider than the phone (tables scroll in their own box),
 *  and on any serious or critical accessibility violation at that width. */
async function fitsPhone(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  expect(await widerThanScreen(page), `${url} is wider than the phone`).toEqual([]);
  await expectNoSidewaysScroll(page, url);
  await expectAccessible(page);
  await shot(page, shotName(url, 390));
}

/** Every link on the page whose path matches `pattern`, without duplicates. */
async function linksMatching(page: Page, pattern: RegExp): Promise<string[]> {
  const hrefs = await page.$$eval("a[href]", (els) => els.map((e) => (e as HTMLAnchorElement).pathname));
  return [...new Set(hrefs.filter((h) => pattern.test(h)))];
}

interface Figures {
  runOut: string;
  cost: string;
}

test("every page of the demo workspace, as editor and as viewer, shows no broken value; each contract's run-out date and forecast cost agree on its overview, its Burn tab and the portfolio", async ({ page, browser }) => {
  test.setTimeout(900_000);
  await signIn(page, "demo@example.com", "demo-password");
  await openWorkspace(page, /Demo: Acme renewal/);
  await expect(page.getByTestId("portfolio-table")).toBeVisible();
  const ws = new URL(page.url()).pathname.replace(/\/$/, "");

  // ── the pages there are: found by following the workspace's own links ──
  await page.goto(`${ws}/contracts`);
  const contracts = await linksMatching(page, new RegExp(`^${ws}/contracts/${UUID}$`));
  expect(contracts.length).toBeGreaterThanOrEqual(2);
  const pages: string[] = ["/w", ws, `${ws}/contracts`, `${ws}/contracts/new`, `${ws}/briefs`, `${ws}/ratecards`, `${ws}/vendors`, `${ws}/alerts`, `${ws}/members`, `${ws}/audit`, `${ws}/security`, `${ws}/settings`, `${ws}/api`, `${ws}/transfer`, "/account"];
  for (const c of contracts) {
    pages.push(c, `${c}/terms`, `${c}/burn`, `${c}/scenarios`, `${c}/scenarios/new`, `${c}/compare`, `${c}/briefs`);
    await page.goto(`${c}/scenarios`);
    pages.push(...(await linksMatching(page, new RegExp(`^${c}/scenarios/${UUID}$`))));
  }
  await page.goto(`${ws}/ratecards`);
  pages.push(...(await linksMatching(page, new RegExp(`^${ws}/ratecards/${UUID}$`))));

  // A brief and a read-only link to it (built here when no earlier test left one).
  await page.goto(`${ws}/briefs`);
  let briefs = await linksMatching(page, new RegExp(`^${ws}/briefs/${UUID}$`));
  if (briefs.length === 0) {
    await page.goto(`${contracts[0]}/briefs`);
    await page.getByRole("form", { name: "Build a brief" }).getByRole("button", { name: "Build brief" }).click();
    await expect(page).toHaveURL(new RegExp(`/briefs/${UUID}\\?v=1$`), { timeout: 120_000 });
    briefs = [new URL(page.url()).pathname];
  }
  pages.push(...briefs, `${briefs[0]}/compare`);
  await page.goto(briefs[0]!);
  await page.getByRole("button", { name: /^Create read-only link to v\d+$/ }).click();
  const share = await page.getByTestId("share-link").inputValue();
  expect(share).toMatch(/\/share\/[A-Za-z0-9_-]{43}$/);
  pages.push(new URL(share).pathname);

  // ── the editor's walk, with axe on every page ──
  for (const url of pages) await visit(page, url, true);

  // ── one forecast of record: the same run-out date and cost on three screens ──
  const overview = new Map<string, Figures>();
  // The seeded contracts (other specs add contracts without drivers or burn, which have no forecast to compare).
  const seeded: string[] = [];
  for (const c of contracts) {
    await page.goto(c);
    if (/Agentforce service estate|HR and finance agents/.test(await page.getByTestId("contract-title").innerText())) seeded.push(c);
  }
  expect(seeded).toHaveLength(2);
  for (const c of seeded) {
    await page.goto(c);
    await expect(page.getByTestId("forecast-run-out-date")).toBeVisible({ timeout: 60_000 });
    const figures = { runOut: await page.getByTestId("forecast-run-out-date").innerText(), cost: await page.getByTestId("forecast-cost").innerText() };
    // a money figure, or "Price per credit not set" when the contract has none (Workday publishes no price)
    expect(figures.cost).toMatch(/\$[\d,]+\.\d{2}|Price per credit not set/);
    overview.set(c, figures);
    await page.goto(`${c}/burn`);
    await expect(page.getByTestId("forecast-run-out-date")).toHaveText(figures.runOut);
    await expect(page.getByTestId("forecast-cost")).toHaveText(figures.cost);
  }
  // the trend's fit score in plain words, its precise name one hover or Tab away (Agentforce's seven months of burn)
  for (const c of seeded) {
    await page.goto(`${c}/burn`);
    if (!/Agentforce service estate/.test(await page.getByTestId("contract-title").innerText())) continue;
    await expect(page.locator("abbr", { hasText: /^AICc?$/ }).first()).toHaveAttribute("title", /^Akaike information criterion/);
  }
  await page.goto(ws);
  for (const c of seeded) {
    const row = page.getByTestId("portfolio-table").locator(`tr[data-contract-id="${c.split("/").pop()}"]`);
    await expect(row.getByTestId("portfolio-run-out")).toHaveText(overview.get(c)!.runOut);
    await expect(row.getByTestId("portfolio-cost")).toHaveText(overview.get(c)!.cost);
  }
  await shot(page, "walk-portfolio");
  // For people to look at: the overview, the burn chart and compare, on a laptop and a phone.
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [name, url] of [["overview", seeded[0]!], ["burn", `${seeded[0]}/burn`], ["compare", `${seeded[0]}/compare`]] as const) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      await shot(page, `walk-${name}-${width}`);
    }
  }
  // ── every page fits a phone: no sideways scrolling of the page ──
  await page.setViewportSize({ width: 390, height: 900 });
  // (every page once; saved scenarios share one page, so one of each contract's stands for them all)
  const scenarioPage = new RegExp(`/scenarios/${UUID}$`);
  const onPhone = pages.filter((u, i) => !scenarioPage.test(u) || pages.findIndex((v) => scenarioPage.test(v) && v.split("/scenarios/")[0] === u.split("/scenarios/")[0]) === i);
  for (const url of onPhone) await fitsPhone(page, url);
  // A wide table scrolls inside its box with its first column pinned: a scenario's ledger keeps its periods in view.
  await page.goto(pages.find((u) => scenarioPage.test(u))!);
  const ledger = page.locator("table[aria-label^='Ledger of']").first();
  const region = page.locator("div[tabindex='0']").filter({ has: ledger }).last();
  const box = await region.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(box.scrollWidth, "the ledger is wider than a phone").toBeGreaterThan(box.clientWidth);
  const name = ledger.locator("tbody tr").first().locator(":scope > *").first();
  const third = ledger.locator("tbody tr").first().locator(":scope > *").nth(2);
  const [nameAt, thirdAt] = [await name.boundingBox(), await third.boundingBox()];
  await region.evaluate((el) => el.scrollBy({ left: 300 }));
  expect((await name.boundingBox())!.x).toBeCloseTo(nameAt!.x, 0);
  expect((await third.boundingBox())!.x).toBeLessThan(thirdAt!.x - 100);
  await shot(page, "walk-ledger-390-scrolled");
  await page.setViewportSize({ width: 1280, height: 720 });

  // ── the pages before signing in, at both widths ──
  const guest = await browser.newContext();
  const out = await guest.newPage();
  for (const url of ["/signin", "/signup", "/forgot"]) {
    for (const width of [1280, 390]) {
      await out.setViewportSize({ width, height: 900 });
      await visit(out, url, true);
      expect(await widerThanScreen(out), `${url} is wider than the screen at ${width} px`).toEqual([]);
    }
  }
  await guest.close();

  // ── the viewer's walk: the same pages, read only ──
  const viewer = await inviteViewer(page, browser, ws, "walk-viewer");
  // (not the pages that create: a viewer may not, and is told so elsewhere)
  for (const url of pages.filter((u) => !u.endsWith("/new"))) await visit(viewer, url);
  await viewer.goto(`${contracts[0]}/terms`);
  await expect(viewer.getByRole("button", { name: "Save terms" })).toHaveCount(0);
  await viewer.goto(contracts[0]!);
  await expect(viewer.getByTestId("forecast-run-out-date")).toHaveText(overview.get(contracts[0]!)!.runOut);
  await expect(viewer.getByTestId("forecast-cost")).toHaveText(overview.get(contracts[0]!)!.cost);
  await viewer.context().close();
});
