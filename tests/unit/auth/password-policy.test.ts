import { describe, expect, it } from "vitest";
import { MAX_PASSWORD_BYTES, passwordBytes, passwordCharacters, passwordProblem } from "@/lib/auth/password-policy";
import { hashPassword, verifyPassword } from "@/lib/auth/password";

describe("password policy", () => {
  it("refuses the common passwords the security review tried", () => {
    for (const p of ["password12", "1234567890", "          ", "qwertyuiop", "iloveyou12", "Password123"]) {
      expect(passwordProblem(p), p).toMatch(/^This password is too easy to guess\./);
    }
  });

  it("names why: a commonly used password, repeated characters", () => {
    expect(passwordProblem("password12")).toContain("This is a commonly used password.");
    expect(passwordProblem("          ")).toContain('Repeated characters like "aaa" are easy to guess.');
  });

  it("accepts long passphrases and random strings", () => {
    for (const p of ["correct horse battery staple", "kq7#vLm2pX", "e2e-password-123", "Tr0ub4dor&3x-plus"]) expect(passwordProblem(p), p).toBeNull();
  });

  it("counts length in characters, not UTF-16 units: nine emoji are nine characters", () => {
    const nine = "🦊🐙🦉🐝🦀🐢🦎🐌🦋";
    expect(nine.length).toBe(18);
    expect(passwordCharacters(nine)).toBe(9);
    expect(passwordProblem(nine)).toBe("Use at least 10 characters.");
  });

  it("caps at bcrypt's 72 bytes: 72 ASCII letters pass the length rule, 73 do not, and 37 é are 74 bytes", () => {
    const ascii72 = "Zq9!".repeat(18);
    expect(passwordBytes(ascii72)).toBe(72);
    expect(passwordProblem(ascii72)).not.toMatch(/at most/);
    expect(passwordProblem(`${ascii72}a`)).toBe("Use at most 72 bytes: 72 plain letters, fewer with accents or emoji.");
    expect(passwordBytes("é".repeat(37))).toBe(74);
    expect(passwordProblem("é".repeat(37))).toMatch(/^Use at most 72 bytes/);
  });

  it("holds the person's own name and e-mail against the password", () => {
    expect(passwordProblem("adalovelace1815")).toBeNull();
    expect(passwordProblem("adalovelace1815", ["Ada Lovelace", "ada.lovelace@example.test"])).toMatch(/too easy to guess/);
  });
});

describe("bcrypt's 72-byte limit", () => {
  it("a password longer than 72 bytes never matches, even one whose first 72 bytes are the stored password", async () => {
    process.env.BCRYPT_COST = "4";
    const stored = "k".repeat(MAX_PASSWORD_BYTES);
    const hash = await hashPassword(stored);
    expect(await verifyPassword(stored, hash)).toBe(true);
    expect(await verifyPassword(`${stored}a different tail`, hash)).toBe(false);
  });
});
