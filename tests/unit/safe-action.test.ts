import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { GENERIC_ERROR, toActionError } from "@/lib/actions/safe-action";
import { DomainError } from "@/lib/services/errors";

describe("toActionError maps errors once at the action boundary", () => {
  it("passes a domain error's message and field errors to the browser", () => {
    const e = new DomainError("invalid", "Type the workspace's name exactly to confirm deletion.", { confirmName: ["Does not match."] });
    expect(toActionError(e)).toEqual({
      ok: false,
      error: "Type the workspace's name exactly to confirm deletion.",
      fieldErrors: { confirmName: ["Does not match."] },
    });
  });

  it("names each invalid field of a zod error", () => {
    const parsed = z.object({ name: z.string().min(1, "Enter a name."), email: z.email("Enter a valid e-mail address.") }).safeParse({ name: "", email: "x" });
    expect(parsed.success).toBe(false);
    const r = toActionError(parsed.error);
    expect(r.fieldErrors).toEqual({ name: ["Enter a name."], email: ["Enter a valid e-mail address."] });
    expect(r.error).toBe("name: Enter a name.");
  });

  it("turns an unexpected error into a generic sentence and logs the detail on the server only", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const leak = new Error('duplicate key value violates unique constraint "users_email_key" password=hunter2');
    const r = toActionError(leak);
    expect(r).toEqual({ ok: false, error: GENERIC_ERROR });
    expect(JSON.stringify(r)).not.toContain("hunter2");
    expect(log).toHaveBeenCalledWith("unexpected error in server action", leak);
    log.mockRestore();
  });
});
