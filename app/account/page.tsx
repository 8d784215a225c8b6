import type { Metadata } from "next";
import { eq } from "drizzle-orm";
import { ChangePasswordForm, EndOtherSessionsForm } from "@/components/account/account-forms";
import { SecurityEventsTable } from "@/components/security/security-events-table";
import { TopBar } from "@/components/workspace/top-bar";
import { Card } from "@/components/ui/card";
import { requireActorOrRedirect } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema/auth";
import { listOwnSecurityEvents } from "@/lib/services/security/log";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const actor = await requireActorOrRedirect("/account");
  const db = await getDb();
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  const events = await listOwnSecurityEvents({ db, actor });
  return (
    <>
      <TopBar actor={actor} />
      <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-4xl space-y-6 px-4 py-10">
        <div>
          <h1 className="text-2xl font-semibold">Your account</h1>
          <p className="mt-1 text-sm text-slate-500">
            {actor.name} · {actor.email}
          </p>
        </div>
        <Card title={user?.passwordHash ? "Change password" : "Set a password"} description="Every other browser signed in to your account is signed out when the password changes.">
          <ChangePasswordForm email={actor.email} hasPassword={Boolean(user?.passwordHash)} />
        </Card>
        <Card title="Signed-in browsers" description="Lost a laptop, or signed in on a shared computer? End every session but this one.">
          <EndOtherSessionsForm />
        </Card>
        <Card title="Recent activity" description="Sign-ins, failed attempts and password changes of your account, newest first (kept 180 days).">
          <SecurityEventsTable rows={events} label="Your account's security events" showWho={false} />
        </Card>
      </main>
    </>
  );
}
