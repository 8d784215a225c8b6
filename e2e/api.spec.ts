import { expect, test } from "@playwright/test";
import { createSalesforceContract, createWorkspace, expectAccessible, shot, signUp, uniqueEmail, widerThanScreen } from "./helpers";

/** 10,000 distinct usage rows, 1 January – 7 September 2026: 40 agents a day for 250 days, 40 credits a row. */
function rows() {
  const out = [];
  for (let i = 0; i < 10_000; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 40) * 86_400_000).toISOString().slice(0, 10);
    out.push({ periodStart: day, agent: `agent-${i % 40}`, unit: `skill-${i % 4}`, environment: "production", actions: 20, credits: 40 });
  }
  return out;
}

test("the API: an owner creates a token on the API page, a script pushes 10,000 burn rows twice (stored once), the contract's forecast of record moves; the token revoked answers 401", async ({ page, request }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signUp(page, "Ada Api", uniqueEmail("api-owner"));
  const wsUrl = await createWorkspace(page, `API ${Date.now()}`);
  const workspaceId = new URL(wsUrl).pathname.split("/")[2]!;
  const contractUrl = await createSalesforceContract(page, wsUrl, "Pushed renewal");
  const contractId = new URL(contractUrl).pathname.split("/")[4]!;

  // ── the overview before: no drivers and no burn, so nothing to forecast ──
  await page.goto(contractUrl);
  await expect(page.getByText("No forecast of record yet.")).toBeVisible();

  // ── the API page, from the workspace navigation: a write token, shown once ──
  await page.getByRole("navigation", { name: "Workspace" }).getByRole("link", { name: "API" }).click();
  await expect(page.getByText("No API tokens yet")).toBeVisible();
  await page.getByLabel("Name").fill("nightly burn");
  await page.getByLabel("Scope").selectOption("write");
  await page.getByLabel("Expires in (days)").fill("30");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Token created. Copy it now: it is shown only once.")).toBeVisible();
  const token = await page.getByTestId("api-token").inputValue();
  expect(token).toMatch(/^wbk_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("table", { name: "API tokens" }).getByRole("row", { name: /nightly burn/ })).toContainText("Read and write");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  await expect(page.locator("#pushBurn")).toContainText("/api/v1/workspaces/{workspaceId}/contracts/{contractId}/burn");
  await expectAccessible(page);
  await shot(page, "api-page");
  await page.screenshot({ path: "test-results/screenshots/api-page-top.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await widerThanScreen(page)).toEqual([]);
  await shot(page, "api-page-phone");
  await page.screenshot({ path: "test-results/screenshots/api-page-phone-top.png" });
  await page.locator("#pushBurn").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screenshots/api-page-phone-reference.png" });
  await page.setViewportSize({ width: 1280, height: 900 });

  // ── a script: the document, then burn pushed twice ──
  const doc = await request.get("/api/v1/openapi.json");
  expect(doc.status()).toBe(200);
  expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
  // not a page: the locked-down policy of everything the proxy leaves out, and the common headers
  expect(doc.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
  expect(doc.headers()["x-content-type-options"]).toBe("nosniff");
  const auth = { Authorization: `Bearer ${token}` };
  const burnUrl = `/api/v1/workspaces/${workspaceId}/contracts/${contractId}/burn`;
  const anonymous = await request.post(burnUrl, { data: { rows: rows().slice(0, 1) } });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toBe('Bearer realm="workbench"');
  expect(anonymous.headers()["content-security-policy"]).toMatch(/^default-src 'none'/);
  const first = await request.post(burnUrl, { headers: auth, data: { rows: rows() } });
  expect(first.status(), await first.text()).toBe(200);
  expect(await first.json()).toMatchObject({ rows: 10_000, inserted: 10_000, alreadyStored: 0, forecast: "requested" });
  const again = await request.post(burnUrl, { headers: auth, data: { rows: rows() } });
  expect(await again.json()).toMatchObject({ rows: 10_000, inserted: 0, alreadyStored: 10_000 });
  const bad = await request.post(burnUrl, { headers: auth, data: { rows: [{ periodStart: "2026-13-01", credits: 1 }] } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ field: "rows[0].periodStart" });

  // ── the forecast of record: read through the API until it is computed, then on the overview ──
  const contractApi = `/api/v1/workspaces/${workspaceId}/contracts/${contractId}`;
  type ContractRead = { contract: { forecast: { recomputing: boolean; state: string; demandCredits: string } }; observed: { periods: { start: string; value: string }[] } };
  const settled = async () => {
    await expect.poll(async () => ((await (await request.get(contractApi, { headers: auth })).json()) as ContractRead).contract.forecast.recomputing, { timeout: 90_000 }).toBe(false);
    return (await (await request.get(contractApi, { headers: auth })).json()) as ContractRead;
  };
  const firstRead = await settled();
  expect(firstRead.contract.forecast.state).toBe("ready");
  // January 2026: 31 days × 40 agents × 40 credits
  expect(firstRead.observed.periods.find((p) => p.start === "2026-01-01")?.value).toBe("49600");
  await page.goto(contractUrl);
  const demand = page.getByTestId("forecast-demand");
  await expect(demand).toBeVisible();
  const before = (await demand.textContent())!;

  // ── more burn in June (a new agent): the forecast of record moves, on the API and on the overview ──
  expect(firstRead.observed.periods.find((p) => p.start === "2026-06-01")?.value).toBe("48000");
  const june = Array.from({ length: 300 }, (_, i) => ({ periodStart: `2026-06-${String((i % 30) + 1).padStart(2, "0")}`, agent: `late-${Math.floor(i / 30)}`, credits: "500" }));
  expect(await (await request.post(burnUrl, { headers: auth, data: { rows: june } })).json()).toMatchObject({ inserted: 300 });
  const secondRead = await settled();
  // 48,000 + 300 × 500
  expect(secondRead.observed.periods.find((p) => p.start === "2026-06-01")?.value).toBe("198000");
  expect(secondRead.contract.forecast.demandCredits).not.toBe(firstRead.contract.forecast.demandCredits);
  await page.reload();
  await expect(demand).not.toHaveText(before);
  await page.getByRole("navigation", { name: "Contract" }).getByRole("link", { name: "Burn" }).click();
  await expect(page.getByText("API: nightly burn").first()).toBeVisible();

  // ── revoked in the UI: the script is refused ──
  await page.goto(`${wsUrl}/api`);
  await expect(page.getByRole("table", { name: "API tokens" }).getByRole("row", { name: /nightly burn/ })).toContainText(/Active/i);
  await page.getByRole("button", { name: "Revoke nightly burn" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("table", { name: "API tokens" }).getByRole("row", { name: /nightly burn/ })).toContainText(/revoked/i);
  const refused = await request.get(contractApi, { headers: auth });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: "This API token was revoked." });
});
