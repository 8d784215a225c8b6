import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeAudit } from "@/components/audit/describe";
import { webhookSignature } from "@/lib/services/alerts/deliver";
import { alertSentence } from "@/lib/services/alerts/describe";
import { alertCandidates, type ContractFacts } from "@/lib/services/alerts/scan";
import type { ForecastHeadline } from "@/lib/services/forecast/types";

const headline = (over: Partial<ForecastHeadline> = {}): ForecastHeadline => ({
  basis: "observedTrend",
  asOf: "2026-11-22",
  currency: "USD",
  runOut: { date: "2026-12-09", remedy: "autoPack", remedyCost: "41000.00", unservedCredits: "0" },
  cost: { consumption: "100.00", fixed: "0.00", total: "100.00" },
  demandCredits: "1000",
  priceUnpinned: false,
  alerts: [
    { kind: "crossed", date: "2026-11-17", allotmentId: "monthly-allocation", thresholdPct: 100 },
    { kind: "willCross", date: "2026-12-17", allotmentId: "monthly-allocation", thresholdPct: 75 },
  ],
  ...over,
});

const sf: ContractFacts = {
  contractId: "11111111-1111-4111-8111-111111111111",
  contractName: "Agentforce service estate",
  vendorName: "Salesforce",
  termEnd: "2027-04-01",
  renewalDate: "2027-04-01",
  noticeDays: 90,
  headline: headline(),
};

const pick = (today: string, days: number, c = sf) => alertCandidates(c, today, days).map((a) => [a.kind, a.date, a.subject]);

describe("alertCandidates", () => {
  it("takes notice deadlines from today to the horizon, the run-out within it, and crossings (not crossings ahead)", () => {
    // Notice 2027-01-01: 40 days from 2026-11-22, outside 30; the run-out 2026-12-09 is 17 days ahead.
    expect(pick("2026-11-22", 30)).toEqual([
      ["runOut", "2026-12-09", "term:2027-04-01"],
      ["crossed", "2026-11-17", "monthly-allocation:100:2026-11-17"],
    ]);
    // 40 days: the notice deadline is exactly at the horizon, so it is one.
    expect(pick("2026-11-22", 40)[0]).toEqual(["notice", "2027-01-01", "notice:2027-01-01"]);
    // 16 days: the run-out (17 days ahead) is not yet.
    expect(pick("2026-11-22", 16).map((a) => a[0])).toEqual(["crossed"]);
    // The deadline day itself is an alert; the day after, it is not.
    expect(pick("2027-01-01", 1).map((a) => a[0])).toContain("notice");
    expect(pick("2027-01-02", 365).map((a) => a[0])).not.toContain("notice");
  });

  it("keys a run-out by its term, so a forecast that moves the date does not alert again", () => {
    const moved = { ...sf, headline: headline({ runOut: { date: "2026-12-11", remedy: "autoPack", remedyCost: null, unservedCredits: "0" } }) };
    expect(alertCandidates(moved, "2026-11-22", 30).find((a) => a.kind === "runOut")!.subject).toBe(alertCandidates(sf, "2026-11-22", 30).find((a) => a.kind === "runOut")!.subject);
  });

  it("has no forecast alerts without a forecast, or once the term has ended", () => {
    expect(pick("2026-11-22", 30, { ...sf, headline: null })).toEqual([]);
    expect(pick("2027-04-01", 365).filter((a) => a[0] !== "notice")).toEqual([]);
  });
});

describe("webhookSignature", () => {
  it("is sha256=<hex> of HMAC-SHA256 over '<timestamp>.<body>'", () => {
    const body = '{"type":"alert"}';
    expect(webhookSignature("s3cret-s3cret-s3cret", "1764806400", body)).toBe(`sha256=${createHmac("sha256", "s3cret-s3cret-s3cret").update(`1764806400.${body}`).digest("hex")}`);
    expect(webhookSignature("s3cret-s3cret-s3cret", "1764806401", body)).not.toBe(webhookSignature("s3cret-s3cret-s3cret", "1764806400", body));
  });
});

describe("alert sentences", () => {
  it("reads the same in the inbox, the e-mail and the webhook", () => {
    const facts = { kind: "crossed" as const, date: "2026-11-17", thresholdPct: 100, allotmentId: "monthly-allocation", contractName: "Agentforce service estate", vendorName: "Salesforce" };
    expect(alertSentence(facts, "2026-11-22")).toBe("Salesforce · Agentforce service estate: burn crossed 100% of the monthly allocation on 17 Nov 2026 (5 days ago).");
    expect(alertSentence({ ...facts, kind: "runOut", thresholdPct: null, allotmentId: null, date: "2026-11-24" }, "2026-11-22")).toBe("Salesforce · Agentforce service estate: the balance runs out on 24 Nov 2026 (in 2 days), by the forecast of record.");
  });

  it("audits settings changes in words, never the secret", () => {
    const say = (action: string, details: Record<string, unknown>) => describeAudit({ action, targetType: "workspace", targetId: null, details }, "Dana", () => undefined);
    expect(say("alerts.settings.update", { changed: { horizonDays: { from: 30, to: 45 }, webhookUrl: { from: null, to: "https://h.example/x" }, webhookSecret: "replaced" } })).toBe("Dana changed the alert horizon from 30 days to 45 days, a webhook and the webhook secret.");
    expect(say("alerts.unsubscribe", { kind: "notice", via: "e-mail link" })).toBe("Dana turned off e-mails about “notice deadline” alerts, from the link in an alert e-mail.");
  });
});
