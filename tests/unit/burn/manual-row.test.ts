import { describe, expect, it } from "vitest";
import { manualRowInput } from "@/lib/services/burn/schema";

const base = { contractId: "c", periodStart: "2026-03-01" };
const problem = (credits: string) => {
  const r = manualRowInput.safeParse({ ...base, credits });
  return r.success ? null : r.error.issues.filter((i) => i.path[0] === "credits").map((i) => i.message);
};

describe("a manual burn row's figures", () => {
  it("a negative figure is named as negative, once", () => {
    expect(problem("-500")).toEqual(["Enter zero or more: burn cannot be negative (record a refund or credit as a charge instead)."]);
    expect(problem("- 12.5")).toEqual(["Enter zero or more: burn cannot be negative (record a refund or credit as a charge instead)."]);
  });
  it("text and grouped numbers ask for a plain number", () => {
    expect(problem("1,250")).toEqual(["Enter a number such as 1250 or 0.5, or leave it empty."]);
    expect(problem("twelve")).toEqual(["Enter a number such as 1250 or 0.5, or leave it empty."]);
  });
  it("plain numbers pass, normalised, and empty stays missing", () => {
    const r = manualRowInput.parse({ ...base, credits: "001250.500", actions: "" });
    expect([r.credits, r.actions]).toEqual(["1250.5", null]);
  });
});
