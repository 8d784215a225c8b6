import ical from "node-ical";
import { describe, expect, it } from "vitest";
import { buildCalendarEvents, measurementWindowStart, noticeDeadline, renderCalendar, type CalendarContract } from "@/lib/services/calendar/events";

const salesforce: CalendarContract = {
  contractId: "11111111-1111-4111-8111-111111111111",
  contractName: "Agentforce service estate",
  vendorName: "Salesforce",
  currency: "USD",
  renewalDate: "2027-04-01",
  noticeDays: 90,
  headline: { asOf: "2026-11-22", runOut: { date: "2026-12-09", remedy: "autoPack", remedyCost: "41000.00", unservedCredits: "0" } },
};

describe("measurementWindowStart", () => {
  it.each([
    // renewal → the start of the second full calendar quarter before it
    ["2027-04-01", "2026-10-01"], // Q4 2026 and Q1 2027 are whole before 1 April
    ["2027-03-15", "2026-07-01"], // Q1 2027 is not whole before 15 March: Q3 and Q4 2026
    ["2027-02-01", "2026-07-01"], // Workday's renewal
    ["2027-01-01", "2026-07-01"],
    ["2026-12-31", "2026-04-01"],
  ])("renewal %s → %s", (renewal, start) => {
    expect(measurementWindowStart(renewal)).toBe(start);
  });
});

describe("noticeDeadline", () => {
  it("is the renewal minus the notice period in days", () => {
    // 2027-04-01 − 90 days = 2027-01-01 (31 + 28 + 31 = 90 days from 1 January to 1 April)
    expect(noticeDeadline("2027-04-01", 90)).toBe("2027-01-01");
    expect(noticeDeadline("2027-02-01", 60)).toBe("2026-12-03");
  });
});

describe("buildCalendarEvents", () => {
  it("gives each contract its four dates with UIDs that depend only on the contract and the kind", () => {
    const events = buildCalendarEvents([salesforce]);
    expect(events.map((e) => [e.kind, e.date, e.uid])).toEqual([
      ["measurement", "2026-10-01", "measurement-11111111-1111-4111-8111-111111111111@renewal-workbench"],
      ["runOut", "2026-12-09", "runOut-11111111-1111-4111-8111-111111111111@renewal-workbench"],
      ["notice", "2027-01-01", "notice-11111111-1111-4111-8111-111111111111@renewal-workbench"],
      ["renewal", "2027-04-01", "renewal-11111111-1111-4111-8111-111111111111@renewal-workbench"],
    ]);
    expect(events[1]!.summary).toBe("Credits run out: Salesforce · Agentforce service estate");
    expect(events[1]!.description).toBe(
      "The forecast of record (as of 2026-11-22) has the balance unable to serve demand from 2026-12-09; then credit packs are bought automatically. Forecast cost of that: 41000.00 USD.",
    );
  });

  it("keeps the run-out's UID when the forecast moves it, so a client updates the event", () => {
    const moved = buildCalendarEvents([{ ...salesforce, headline: { asOf: "2026-11-23", runOut: { ...salesforce.headline!.runOut!, date: "2027-02-20" } } }]);
    const before = buildCalendarEvents([salesforce]).find((e) => e.kind === "runOut")!;
    const after = moved.find((e) => e.kind === "runOut")!;
    expect([after.uid, after.date]).toEqual([before.uid, "2027-02-20"]);
  });

  it("leaves out what is not known: no renewal date, no notice period, no stored forecast or no run-out", () => {
    expect(buildCalendarEvents([{ ...salesforce, renewalDate: null, headline: null }])).toEqual([]);
    expect(buildCalendarEvents([{ ...salesforce, noticeDays: null, headline: { asOf: "2026-11-22", runOut: null } }]).map((e) => e.kind)).toEqual(["measurement", "renewal"]);
  });
});

describe("renderCalendar", () => {
  it("writes all-day events that an iCalendar parser reads back with the same UIDs and days", () => {
    const text = renderCalendar("Acme: renewals", buildCalendarEvents([salesforce]), {
      stamp: new Date("2026-12-03T10:00:00Z"),
      contractUrl: (id) => `https://wb.example/w/ws/contracts/${id}`,
    });
    expect(text).toContain("DTSTART;VALUE=DATE:20270101");
    const parsed = Object.values(ical.sync.parseICS(text)).filter((c) => c?.type === "VEVENT");
    expect(
      parsed.map((e) => {
        const ev = e as ical.VEvent;
        return [ev.uid, ev.start.toISOString().slice(0, 10), ev.datetype, ev.summary];
      }),
    ).toEqual([
      ["measurement-11111111-1111-4111-8111-111111111111@renewal-workbench", "2026-10-01", "date", "Start measuring burn: Salesforce · Agentforce service estate"],
      ["runOut-11111111-1111-4111-8111-111111111111@renewal-workbench", "2026-12-09", "date", "Credits run out: Salesforce · Agentforce service estate"],
      ["notice-11111111-1111-4111-8111-111111111111@renewal-workbench", "2027-01-01", "date", "Notice deadline: Salesforce · Agentforce service estate"],
      ["renewal-11111111-1111-4111-8111-111111111111@renewal-workbench", "2027-04-01", "date", "Renewal: Salesforce · Agentforce service estate"],
    ]);
    expect((parsed[3] as ical.VEvent).url).toMatchObject({ val: "https://wb.example/w/ws/contracts/11111111-1111-4111-8111-111111111111" });
  });
});
