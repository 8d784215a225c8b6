import { describe, expect, it } from "vitest";
import { placeInFile } from "@/lib/services/transfer/where";

describe("placeInFile", () => {
  it("names a place in a workspace file in words, counting from 1", () => {
    expect(placeInFile("contracts[0].burn[0].periodStart")).toBe("contract 1, burn row 1, period start");
    expect(placeInFile("contracts[2].burn[9000].periodStart")).toBe("contract 3, burn row 9001, period start");
    expect(placeInFile("contracts[0].model.term.periods")).toBe("contract 1, model, term, periods");
    expect(placeInFile("contracts[0].briefs[0].versions[0].burnThrough")).toBe("contract 1, brief 1, version 1, burn through");
    expect(placeInFile("contracts[1].model.rateCards[0].versions[1].units[3].creditsPerUnit")).toBe("contract 2, model, rate card 1, version 2, unit 4, credits per unit");
    expect(placeInFile("vendors[0].name")).toBe("vendor 1, name");
    expect(placeInFile("version")).toBe("version");
  });
  it("says 'the file' for the file as a whole, and keeps keys it does not know as words", () => {
    expect(placeInFile("(file)")).toBe("the file");
    expect(placeInFile("contracts[0].model.drivers.activationPctByMonth[2]")).toBe("contract 1, model, drivers, activation pct by month 3");
    expect(placeInFile("contracts[0].rateCardVersionId")).toBe("contract 1, rate card version id");
  });
});
