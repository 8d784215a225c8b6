import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/lib/services/validation";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/auth";
import { burnPasswordCheck, hashPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { safeCallbackPath } from "@/lib/auth/redirect";
import { appUrl, sendMail } from "@/lib/mail/mailer";
import { DomainError } from "../errors";
import { recordSecurityEvent } from "../security/log";
import { issueLink, LINK_MINUTES, liveLink, spendLink } from "./account-links";

export const emailInput = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address."));

export const signUpInput = z
  .object({
    name: text().trim().min(1, "Enter your name.").max(120),
    email: emailInput,
    password: z.string().max(1000, "Use at most 72 bytes."),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, [v.name, v.email]);
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });
export type SignUpInput = z.infer<typeof signUpInput>;

export const SIGN_UP_SENT = (email: string) =>
  `Check your inbox: we have sent a link to ${email}. Open it within 24 hours to finish creating your account.`;

/**
 * Starts a sign-up. The account is usable once the owner of the address opens the link mailed to
 * it, and the answer is the same whether or not the address already has an account (that account's
 * owner gets an e-mail saying someone tried). The password chosen travels with the link, hashed:
 * whoever can read the mailbox decides the password, not whoever typed the address first.
 */
export async function signUp(db: Db, input: SignUpInput, opts: { callbackUrl?: string; now?: Date } = {}): Promise<{ message: string; userId: string | null }> {
  const now = opts.now ?? new Date();
  const existing = await findUserByEmail(db, input.email);
  if (existing?.emailVerifiedAt) {
    await burnPasswordCheck(input.password); // the same time as hashing for a new account
    void sendMail({
      to: existing.email,
      subject: "You already have a Renewal Workbench account",
      text: [
        `Hello ${existing.name},`,
        "",
        "Someone (we hope you) tried to create a Renewal Workbench account with this address, which already has one.",
        `Sign in: ${appUrl()}/signin`,
        `Forgot your password? ${appUrl()}/forgot`,
        "",
        "If it was not you, ignore this e-mail: nothing changed.",
      ].join("\n"),
    });
    return { message: SIGN_UP_SENT(input.email), userId: null };
  }
  const passwordHash = await hashPassword(input.password);
  const user =
    existing ??
    (
      await db
        .insert(users)
        .values({ email: input.email, name: input.name, passwordHash: null, emailVerifiedAt: null })
        .onConflictDoUpdate({ target: users.email, set: { email: sql`excluded.email` } })
        .returning()
    )[0];
  if (!user) throw new Error("insert returned no user");
  const token = await issueLink(db, user.id, "verify", now, { passwordHash, name: input.name });
  const callback = safeCallbackPath(opts.callbackUrl);
  void sendMail({
    to: input.email,
    subject: "Confirm your e-mail for Renewal Workbench",
    text: [
      `Hello ${input.name},`,
      "",
      `Open this link within ${LINK_MINUTES.verify / 60} hours to confirm your address and finish creating your Renewal Workbench account:`,
      "",
      `${appUrl()}/verify/${token}${callback === "/w" ? "" : `?callbackUrl=${encodeURIComponent(callback)}`}`,
      "",
      "If you did not ask for an account, ignore this e-mail.",
    ].join("\n"),
  });
  return { message: SIGN_UP_SENT(input.email), userId: user.id };
}

export const VERIFY_LINK_DEAD = "This confirmation link has expired or has already been used. Sign up again to get a new one.";

/**
 * Opens a sign-up link: the address is confirmed, the password chosen at sign-up becomes the
 * account's. Returns the account, signed in by the caller (lib/auth/options.ts).
 */
export async function confirmEmail(db: Db, token: string, now = new Date()): Promise<{ id: string; email: string; name: string }> {
  const link = await liveLink(db, token, "verify", now);
  if (!link) throw new DomainError("not_found", VERIFY_LINK_DEAD);
  return db.transaction(async (tx) => {
    if (!(await spendLink(tx as unknown as Db, link.tokenHash, now))) throw new DomainError("not_found", VERIFY_LINK_DEAD);
    const [user] = await tx
      .update(users)
      .set({
        emailVerifiedAt: now,
        ...(link.passwordHash ? { passwordHash: link.passwordHash } : {}),
        ...(link.carriedName ? { name: link.carriedName } : {}),
      })
      .where(eq(users.id, link.userId))
      .returning({ id: users.id, email: users.email, name: users.name });
    if (!user) throw new DomainError("not_found", VERIFY_LINK_DEAD);
    await recordSecurityEvent(tx as unknown as Db, { kind: "email_confirmed", userId: user.id, email: user.email, detail: "sign-up finished" });
    return user;
  });
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return row ?? null;
}

/**
 * An account that is ready at once, its address taken as confirmed: for the demo seed, scripts and
 * tests, never for a form.
 */
export async function createConfirmedUser(db: Db, input: SignUpInput): Promise<{ id: string; email: string; name: string }> {
  const [user] = await db
    .insert(users)
    .values({ email: input.email, name: input.name, passwordHash: await hashPassword(input.password), emailVerifiedAt: new Date() })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name });
  if (!user) throw new DomainError("conflict", `An account with the e-mail ${input.email} already exists.`);
  return user;
}
