import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { userIdentities, users } from "@/lib/db/schema/auth";
import { accountTokens } from "@/lib/db/schema/security";
import { DomainError } from "../errors";

export interface OidcProfile {
  issuer: string;
  subject: string;
  email?: string | null;
  emailVerified?: boolean | null;
  name?: string | null;
}

/**
 * Maps an OpenID Connect identity to a user: the identity already linked, else the account with the
 * same verified e-mail (linked now), else a new password-less account.
 */
export async function findOrCreateOidcUser(db: Db, p: OidcProfile): Promise<{ id: string; email: string; name: string }> {
  return db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(userIdentities)
      .innerJoin(users, eq(users.id, userIdentities.userId))
      .where(and(eq(userIdentities.provider, p.issuer), eq(userIdentities.subject, p.subject)))
      .limit(1);
    if (linked) return linked;
    const email = p.email?.trim().toLowerCase();
    // Only an address the provider says it verified (email_verified: true) may link to or create an
    // account: an absent claim proves nothing, and invitations are matched by e-mail address.
    if (!email || p.emailVerified !== true) {
      throw new DomainError("invalid", "Your single sign-on provider did not share a verified e-mail address.");
    }
    const [found] = await tx.select({ id: users.id, email: users.email, name: users.name, emailVerifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.email, email));
    let existing = found ? { id: found.id, email: found.email, name: found.name } : undefined;
    if (found && !found.emailVerifiedAt) {
      // An unfinished sign-up on this address was typed by someone who may not own it: the provider
      // vouches for the address now, so the pending links (and the password they carry) are void.
      await tx.delete(accountTokens).where(eq(accountTokens.userId, found.id));
      await tx.update(users).set({ emailVerifiedAt: new Date(), passwordHash: null, name: p.name?.trim() || found.name }).where(eq(users.id, found.id));
      existing = { id: found.id, email: found.email, name: p.name?.trim() || found.name };
    }
    const user =
      existing ??
      (await tx
        .insert(users)
        .values({ email, name: p.name?.trim() || email, passwordHash: null, emailVerifiedAt: new Date() })
        .returning({ id: users.id, email: users.email, name: users.name }))[0];
    if (!user) throw new Error("insert returned no row");
    await tx.insert(userIdentities).values({ provider: p.issuer, subject: p.subject, userId: user.id });
    return user;
  });
}
