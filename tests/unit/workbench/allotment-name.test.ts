import { describe, expect, it } from "vitest";
import { allotmentPhrase } from "@/lib/workbench/allotment-name";

describe("an allotment in plain words", () => {
  it("reads its id as words and adds 'allotment' only when the id does not say what it is", () => {
    expect(allotmentPhrase("monthly-allocation")).toBe("the monthly allocation");
    expect(allotmentPhrase("complimentary")).toBe("the complimentary allotment");
    expect(allotmentPhrase("annual_grant")).toBe("the annual grant");
    expect(allotmentPhrase("Q1.pool")).toBe("the Q1 pool");
    expect(allotmentPhrase("sandbox--credits")).toBe("the sandbox credits");
  });

  it("says 'the allotment' when there is no id", () => {
    expect(allotmentPhrase(null)).toBe("the allotment");
    expect(allotmentPhrase(" - ")).toBe("the allotment");
  });
});
