import { describe, expect, it } from "vitest";
import { describeAudit } from "@/components/audit/describe";

const C = "11111111-1111-4111-8111-111111111111";
const U = "22222222-2222-4222-8222-222222222222";
const names = new Map([
  [C, "Agentforce service estate"],
  [U, "Victor Viewer"],
]);
const name = (id: unknown) => (typeof id === "string" ? names.get(id) : undefined);
const say = (action: string, details: Record<string, unknown> | null, targetId: string | null = C, targetType = "contract") =>
  describeAudit({ action, targetType, targetId, details }, "Dana", name);

describe("audit entries in sentences", () => {
  it("names exactly the part of the terms that changed", () => {
    expect(say("contract.terms.update", { version: 4, changed: ["clauses.alertThresholdsPct"] })).toBe("Dana changed the alert thresholds of “Agentforce service estate”.");
    expect(say("contract.terms.update", { changed: ["clauses.allotments", "drivers.licensedSeats", "rateCardVersion"] })).toBe(
      "Dana changed the allotments, the licensed seats and the rate card version of “Agentforce service estate”.",
    );
    expect(say("contract.terms.update", { changed: ["clauses.someNewClause"] })).toBe("Dana changed the some new clause of “Agentforce service estate”.");
  });

  it("keeps the name a deleted thing had", () => {
    expect(say("contract.delete", { name: "Old estate" }, "33333333-3333-4333-8333-333333333333")).toBe("Dana deleted the contract “Old estate” with its scenarios, burn and briefs.");
    expect(say("scenario.delete", { name: "Ask", contractId: "44444444-4444-4444-8444-444444444444" }, null, "scenario")).toBe("Dana deleted the scenario “Ask” from a deleted contract.");
  });

  it("people, roles and invitations", () => {
    expect(say("member.role_change", { from: "editor", to: "viewer" }, U, "user")).toBe("Dana changed the role of Victor Viewer from editor to viewer.");
    expect(say("invitation.create", { email: "v@example.test", role: "viewer", expiresAt: "2026-12-10T09:00:00.000Z" }, null, "invitation")).toBe(
      "Dana invited v@example.test as a viewer, the link valid until 10 Dec 2026.",
    );
    expect(say("member.remove", { role: "editor" }, "55555555-5555-4555-8555-555555555555", "user")).toBe("Dana removed a former member (editor) from the workspace.");
  });

  it("burn with its figures and dates in the app's style", () => {
    expect(say("burn.add", { periodStart: "2026-03-01", credits: "1250.5" })).toBe("Dana added a burn row for 1 Mar 2026 to “Agentforce service estate”: 1,250.5 credits.");
    expect(say("burn.import", { fileName: "usage.csv", rows: 10, inserted: 8, alreadyStored: 2 })).toBe(
      "Dana imported “usage.csv” into “Agentforce service estate”: 8 rows of burn; 2 rows already stored.",
    );
    expect(say("contract.forecast_basis.update", { from: null, to: "observedTrend" })).toBe("Dana set the forecast basis of “Agentforce service estate” to “Observed to date, then the trend”.");
  });

  it("API tokens: created, revoked, refused with the reason", () => {
    const T = "66666666-6666-4666-8666-666666666666";
    expect(say("api.token.create", { name: "nightly burn", scope: "write", expiresAt: "2027-01-02T10:00:00.000Z" }, T, "api_token")).toBe(
      "Dana created the read-and-write API token “nightly burn”, valid until 2 Jan 2027.",
    );
    expect(say("api.token.revoke", { name: "nightly burn" }, T, "api_token")).toBe("Dana revoked the API token “nightly burn”.");
    expect(say("api.token.denied", { name: "reader", reason: "scope", method: "POST", path: "/api/v1/workspaces/x/contracts/y/burn" }, T, "api_token")).toBe(
      "The API token “reader” of Dana was refused: a read-only token (or a viewer's) tried to write (POST /api/v1/workspaces/x/contracts/y/burn).",
    );
    expect(say("api.token.denied", { name: "old", reason: "expired" }, T, "api_token")).toBe("The API token “old” of Dana was refused: it has expired.");
  });

  it("an action it does not know still reads as words, never as JSON", () => {
    expect(say("something.new_kind", { secret: "x" })).toBe("Dana: something new kind.");
  });
});

describe("the brief's workflow in sentences", () => {
  const B = "66666666-6666-4666-8666-666666666666";
  const withBrief = (id: unknown) => (id === B ? "Q4 brief" : name(id));
  const sayB = (action: string, details: Record<string, unknown> | null) => describeAudit({ action, targetType: "brief", targetId: B, details }, "Dana", withBrief);
  it("names the kind of a link, sign-offs and comments", () => {
    expect(sayB("brief.share.create", { version: 2, kind: "vendorSafe", expiresAt: "2026-12-10T09:00:00.000Z" })).toBe("Dana created a vendor-safe read-only link to version 2 of the brief “Q4 brief”, until 10 Dec 2026.");
    expect(sayB("brief.share.create", { version: 1, kind: "internal" })).toBe("Dana created an internal read-only link to version 1 of the brief “Q4 brief”.");
    expect(sayB("brief.signoff", { version: 1, note: "Ready" })).toBe("Dana signed off version 1 of the brief “Q4 brief”: “Ready”.");
    expect(sayB("brief.signoff.withdraw", { version: 1 })).toBe("Dana withdrew their sign-off of version 1 of the brief “Q4 brief”.");
    expect(sayB("brief.comment.add", { version: 3, commentId: "x" })).toBe("Dana commented on version 3 of the brief “Q4 brief”.");
  });
});
