import { expect, test, type Request } from "@playwright/test";
import { expectNoRawError, PASSWORD, shot, signUp, uniqueEmail } from "./helpers";

test("sign up, create a workspace, invite a viewer who accepts, sees only that workspace and cannot edit", async ({ browser, baseURL }) => {
  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  const ownerEmail = uniqueEmail("owner");
  const viewerEmail = uniqueEmail("viewer");
  const wsName = `Globex renewal ${Date.now()}`;

  await signUp(ownerPage, "Olivia Owner", ownerEmail);
  await expect(ownerPage).toHaveURL(/\/w$/);
  await expect(ownerPage.getByText("You do not belong to a workspace yet")).toBeVisible();
  await shot(ownerPage, "workspaces-empty");

  await ownerPage.getByLabel("Workspace name").fill(wsName);
  await ownerPage.getByRole("button", { name: "Create workspace" }).click();
  await expect(ownerPage.getByRole("heading", { name: wsName })).toBeVisible();
  const wsUrl = ownerPage.url();

  // The owner adds a vendor, so there is data the viewer will see but cannot change.
  await ownerPage.getByRole("link", { name: "Vendors" }).click();
  await ownerPage.getByLabel("Vendor").fill("ServiceNow");
  await ownerPage.getByLabel("Product").fill("Now Assist");
  await ownerPage.getByRole("button", { name: "Add vendor" }).click();
  await expect(ownerPage.getByRole("cell", { name: "ServiceNow", exact: true })).toBeVisible();

  await ownerPage.getByRole("link", { name: "Members" }).click();
  await ownerPage.getByLabel("E-mail").fill(viewerEmail);
  await ownerPage.getByLabel("Role", { exact: true }).selectOption("viewer");
  await ownerPage.getByRole("button", { name: "Create invite link" }).click();
  const link = await ownerPage.getByTestId("invite-link").inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL}/invite/[A-Za-z0-9_-]{43}$`));
  await expect(ownerPage.getByText("Pending invitations")).toBeVisible();
  await shot(ownerPage, "members-invite");

  // The invitee opens the link, creates an account and accepts.
  const viewer = await browser.newContext();
  const viewerPage = await viewer.newPage();
  await viewerPage.goto(link);
  await expect(viewerPage.getByRole("heading", { name: `Join ${wsName}` })).toBeVisible();
  await shot(viewerPage, "invite");
  await viewerPage.getByRole("link", { name: "Create an account" }).click();
  await expect(viewerPage).toHaveURL(/\/signup\?callbackUrl=%2Finvite%2F/);
  await signUp(viewerPage, "Victor Viewer", viewerEmail);
  await expect(viewerPage).toHaveURL(/\/invite\//);
  await viewerPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(viewerPage.getByRole("heading", { name: wsName })).toBeVisible();
  await expect(viewerPage.getByTestId("my-role")).toHaveText("viewer");

  // Sees only that workspace.
  const options = await viewerPage.getByLabel("Switch workspace").locator("option").allTextContents();
  expect(options).toEqual([wsName, "All workspaces…"]);
  await viewerPage.goto("/w");
  await expect(viewerPage.getByRole("listitem")).toHaveCount(1);

  // Reads the data, cannot edit it: no forms, no edit or delete buttons, owner pages refuse.
  await viewerPage.goto(`${wsUrl}/vendors`);
  await expect(viewerPage.getByRole("cell", { name: "ServiceNow", exact: true })).toBeVisible();
  await expect(viewerPage.getByText("You have read-only access to this workspace.")).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Add vendor" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /Edit|Delete/ })).toHaveCount(0);
  await shot(viewerPage, "overview-viewer");
  await viewerPage.getByRole("link", { name: "Settings" }).click();
  await expect(viewerPage.getByText("Only an owner of this workspace can rename or delete it.")).toBeVisible();
  await viewerPage.getByRole("link", { name: "Members" }).click();
  await expect(viewerPage.getByRole("button", { name: "Create invite link" })).toHaveCount(0);
  await expect(viewerPage.getByRole("combobox", { name: /Role of/ })).toHaveCount(0);

  // The invitation link works once.
  await viewerPage.goto(link);
  await expect(viewerPage.getByText("This invitation has already been used.")).toBeVisible();

  // The owner sees the new member and the audit trail of all of it.
  await ownerPage.reload();
  await expect(ownerPage.getByRole("cell", { name: viewerEmail, exact: true })).toBeVisible();
  await ownerPage.getByRole("link", { name: "Audit log" }).click();
  for (const action of ["workspace.create", "vendor.create", "invitation.create", "invitation.accept"]) {
    await expect(ownerPage.locator(`td[data-action="${action}"]`).first(), action).toBeVisible();
  }
  await expect(ownerPage.locator('td[data-action="invitation.create"]').first()).toContainText(`Olivia Owner invited ${viewerEmail} as a viewer`);
  await expect(ownerPage.locator('td[data-action="invitation.accept"]')).toHaveText("Victor Viewer accepted the invitation and joined as a viewer.");
  await shot(ownerPage, "audit");
  await expectNoRawError(ownerPage);

  // A cross-origin post of a real server action is refused and changes nothing.
  let actionRequest: Request | undefined;
  ownerPage.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) actionRequest ??= r;
  });
  await ownerPage.goto(`${wsUrl}/vendors`);
  await ownerPage.getByLabel("Vendor").fill("Microsoft");
  await ownerPage.getByRole("button", { name: "Add vendor" }).click();
  await expect(ownerPage.getByRole("cell", { name: "Microsoft", exact: true })).toBeVisible();
  expect(actionRequest).toBeDefined();
  const replay = await owner.request.post(actionRequest!.url(), {
    headers: { ...(await actionRequest!.allHeaders()), origin: "http://evil.example", host: new URL(baseURL!).host },
    data: actionRequest!.postDataBuffer() ?? undefined,
    failOnStatusCode: false,
  });
  expect(replay.status()).toBeGreaterThanOrEqual(400);
  await ownerPage.reload();
  await expect(ownerPage.getByRole("cell", { name: "Microsoft", exact: true })).toHaveCount(1);

  // A same-origin replay, for contrast, is accepted: the refusal above is about the origin.
  const sameOrigin = await owner.request.post(actionRequest!.url(), {
    headers: { ...(await actionRequest!.allHeaders()) },
    data: actionRequest!.postDataBuffer() ?? undefined,
    failOnStatusCode: false,
  });
  expect(sameOrigin.status()).toBe(200);
  await ownerPage.reload();
  await expect(ownerPage.getByRole("cell", { name: "Microsoft", exact: true })).toHaveCount(2);

  await owner.close();
  await viewer.close();
  void PASSWORD;
});
