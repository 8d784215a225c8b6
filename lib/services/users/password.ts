// Changing a password, and resetting a forgotten one by a one-time link sent by e-mail.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema/auth";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { passwordProblem } from "@/lib/auth/password-policy";
import { endOtherSessions } from "@/lib/auth/sessions";
import { clearAccountFailures, delayedFor, recordFailure, retryText, UNKNOWN_ADDRESS } from "@/lib/auth/throttle";
import { appUrl, sendMail } from "@/lib/mail/mailer";
import { controlCharacterProblem } from "@/lib/services/validation";
import type { ActorCtx } from "../context";
import { DomainError, invalid } from "../errors";
import { issueLink, LINK_MINUTES, liveLink, spendLink } from "./account-links";
import { recordSecurityEvent } from "../security/log";
import { emailInput, findUserByEmail } from "./sign-up";

/** A reset link works once, for this long. */
export const RESET_LINK_MINUTES = LINK_MINUTES.reset;

/** Limits on reset requests: per client address, and per account (silently: the answer never changes). */
export const RESET_LIMITS = {
  perAddress: { key: (ip: string) => `reset-ip:${ip}`, max: 10 },
  perAccount: { key: (email: string) => `reset-email:${email}`, max: 3 },
};

/** Wrong current passwords on the change form count like failed sign-ins of that account. */
const changeKey = (userId: string) => `change-password:${userId}`;
const CHANGE_MAX_FAILURES = 5;

/** "no other session was signed in" / "1 other session signed out" / "3 sessions signed out" */
function signedOut(n: number, other: "other " | ""): string {
  return n === 0 ? `no ${other}session was signed in` : `${n} ${other}session${n === 1 ? "" : "s"} signed out`;
}

export const changePasswordInput = z.object({
  current: z.string().max(1000),
  next: z.string().max(1000),
  confirm: z.string().max(1000),
});

function refuseNewPassword(password: string, confirm: string, account: { name: string; email: string }): void {
  const problem = passwordProblem(password, [account.name, account.email]);
  if (problem) throw invalid(problem, { next: [problem] });
  if (password !== confirm) throw invalid("The two new passwords differ.", { confirm: ["The two new passwords differ."] });
}

/**
 * Changes the caller's password after checking the current one (accounts that only sign in through
 * single sign-on set a first password without one). Every other session of the account ends; the
 * one that made the change stays signed in.
 */
export async function changePassword(
  ctx: ActorCtx,
  input: z.infer<typeof changePasswordInput>,
  meta: { sessionId: string | undefined; address: string },
): Promise<{ endedSessions: number }> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.id));
  if (!user) throw new DomainError("unauthenticated", "Your session has ended. Sign in again.");
  const address = meta.address === UNKNOWN_ADDRESS ? null : meta.address;
  const delayed = await delayedFor(ctx.db, [changeKey(user.id)]);
  if (delayed !== null) throw new DomainError("rate_limited", `Too many wrong current passwords. ${retryText(delayed)}`);
  if (user.passwordHash && !(await verifyPassword(input.current, user.passwordHash))) {
    await recordFailure(ctx.db, changeKey(user.id), CHANGE_MAX_FAILURES);
    await recordSecurityEvent(ctx.db, { kind: "sign_in_failed", userId: user.id, email: user.email, address, detail: "wrong current password on the change-password form" });
    throw invalid("The current password is wrong.", { current: ["The current password is wrong."] });
  }
  refuseNewPassword(input.next, input.confirm, user);
  const passwordHash = await hashPassword(input.next);
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    const endedSessions = await endOtherSessions(tx as unknown as Db, user.id, meta.sessionId);
    await recordSecurityEvent(tx as unknown as Db, {
      kind: "password_changed",
      userId: user.id,
      email: user.email,
      address,
      detail: signedOut(endedSessions, "other "),
    });
    return { endedSessions };
  });
}

/** Signs out every other browser of the caller. */
export async function endMyOtherSessions(ctx: ActorCtx, sessionId: string | undefined): Promise<number> {
  const ended = await endOtherSessions(ctx.db, ctx.actor.id, sessionId);
  await recordSecurityEvent(ctx.db, { kind: "sessions_ended", userId: ctx.actor.id, email: ctx.actor.email, detail: signedOut(ended, "other ") });
  return ended;
}

export const RESET_REQUESTED = (email: string) =>
  `If an account exists for ${email}, we have sent it a link to choose a new password. The link works once, for ${RESET_LINK_MINUTES} minutes.`;

/**
 * Sends a reset link to the address if it has an account. The answer is the same whether or not it
 * has one (and whatever the mail server does): it says nothing about who is registered. Only the
 * hash of the link's token is stored; a new request replaces the account's earlier links.
 */
export async function requestPasswordReset(db: Db, rawEmail: unknown, ip: string, now = new Date()): Promise<string> {
  const parsed = emailInput.safeParse(rawEmail);
  if (!parsed.success || controlCharacterProblem(parsed.data)) throw invalid("Enter a valid e-mail address.", { email: ["Enter a valid e-mail address."] });
  const email = parsed.data;
  const address = ip === UNKNOWN_ADDRESS ? null : ip;
  if (ip !== UNKNOWN_ADDRESS) {
    const key = RESET_LIMITS.perAddress.key(ip);
    const seconds = await delayedFor(db, [key], now);
    if (seconds !== null) throw new DomainError("rate_limited", `Too many reset requests from this address. ${retryText(seconds)}`);
    await recordFailure(db, key, RESET_LIMITS.perAddress.max, now);
  }
  const accountKey = RESET_LIMITS.perAccount.key(email);
  const user = await findUserByEmail(db, email);
  await recordSecurityEvent(db, { kind: "password_reset_requested", userId: user?.id, email, address, detail: user ? "" : "no account with this e-mail" });
  if (!user) return RESET_REQUESTED(email);
  // Past the per-account limit nothing more is sent, and the answer stays the same.
  if ((await delayedFor(db, [accountKey], now)) !== null) return RESET_REQUESTED(email);
  await recordFailure(db, accountKey, RESET_LIMITS.perAccount.max, now);

  const token = await issueLink(db, user.id, "reset", now);
  // Not awaited: how long the mail server takes must not tell whether the address has an account.
  void sendMail({
    to: user.email,
    subject: "Choose a new password for Renewal Workbench",
    text: [
      `Hello ${user.name},`,
      "",
      "Someone (we hope you) asked to reset the password of your Renewal Workbench account.",
      `Open this link within ${RESET_LINK_MINUTES} minutes to choose a new one; it works once:`,
      "",
      `${appUrl()}/reset/${token}`,
      "",
      "If you did not ask, ignore this e-mail: your password stays as it is.",
    ].join("\n"),
  });
  return RESET_REQUESTED(email);
}

/** The account a reset link is for, or null when the link is unknown, used or expired. */
export async function resetLinkAccount(db: Db, token: string, now = new Date()): Promise<{ email: string } | null> {
  const row = await liveLink(db, token, "reset", now);
  return row ? { email: row.email } : null;
}

export const RESET_LINK_DEAD = "This reset link has expired or has already been used. Ask for a new one.";

/**
 * Sets a new password from a reset link. The link is spent in the same transaction as the new
 * password is stored, so two tabs cannot both use it; every session of the account ends.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string; confirm: string },
  ip: string,
  now = new Date(),
): Promise<{ email: string }> {
  const address = ip === UNKNOWN_ADDRESS ? null : ip;
  const account = await liveLink(db, input.token, "reset", now);
  if (!account) {
    await recordSecurityEvent(db, { kind: "password_reset_refused", address, detail: "unknown, used or expired link" });
    throw new DomainError("not_found", RESET_LINK_DEAD);
  }
  refuseNewPassword(input.password, input.confirm, account);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (!(await spendLink(tx as unknown as Db, account.tokenHash, now))) throw new DomainError("not_found", RESET_LINK_DEAD);
    // Opening the link proves the address too.
    await tx.update(users).set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)` }).where(eq(users.id, account.userId));
    const ended = await endOtherSessions(tx as unknown as Db, account.userId, undefined);
    // The person proved they hold the address: earlier failed sign-ins no longer delay them.
    await clearAccountFailures(tx as unknown as Db, account.email);
    await recordSecurityEvent(tx as unknown as Db, {
      kind: "password_reset",
      userId: account.userId,
      email: account.email,
      address,
      detail: signedOut(ended, ""),
    });
    return { email: account.email };
  });
}
