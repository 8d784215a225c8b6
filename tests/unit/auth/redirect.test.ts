import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { clientAddress } from "@/lib/auth/client-address";

const ORIGIN = "https://workbench.example.com";

describe("after sign-in, only a path of this app", () => {
  it.each([
    ["/w/123/contracts?x=1#top", "/w/123/contracts?x=1#top"],
    ["/invite/abc", "/invite/abc"],
    ["https://workbench.example.com/w/1", "/w/1"],
    ["w/1", "/w/1"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ])("%s → %s", (value, expected) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe(expected);
  });

  it.each([
    "https://evil.example/w",
    "http://workbench.example.com/w", // another scheme is another origin
    "https://workbench.example.com.evil.example/",
    "https://workbench.example.com@evil.example/",
    "//evil.example/w",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/.//evil.example",
    "/./\\evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "",
    "   ",
  ])("%j → the home page", (value) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe("/");
  });

  it("anything but a string goes to the home page", () => {
    expect(safeCallbackPath(undefined, ORIGIN)).toBe("/");
    expect(safeCallbackPath(["/w/1"], ORIGIN)).toBe("/");
  });
});

describe("the client address for the sign-in throttle", () => {
  const headers = { "x-forwarded-for": "203.0.113.9, 198.51.100.7, 10.0.0.2", "x-real-ip": "10.0.0.2" };
  it("ignores X-Forwarded-For without a trusted proxy: a client cannot name its own address", () => {
    expect(clientAddress(headers, undefined)).toBe("direct");
    expect(clientAddress(headers, "0")).toBe("direct");
  });
  it("behind N trusted proxies takes the address N entries from the right; what the client wrote further left is ignored", () => {
    expect(clientAddress(headers, "1")).toBe("10.0.0.2");
    expect(clientAddress(headers, "true")).toBe("10.0.0.2");
    expect(clientAddress(headers, "2")).toBe("198.51.100.7");
    expect(clientAddress({ "x-forwarded-for": "1.1.1.1, 2.2.2.2, 3.3.3.3, 198.51.100.7" }, "1")).toBe("198.51.100.7");
  });
});
