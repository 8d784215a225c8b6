import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitation } from "@/components/members/accept-invitation";
import { buttonClass } from "@/components/ui/button-class";
import { getActor } from "@/lib/auth/actor";
import { getDb } from "@/lib/db/client";
import { previewInvitation } from "@/lib/services/invitations/accept";

export const metadata: Metadata = { title: "Invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await previewInvitation(await getDb(), token);
  const actor = await getActor();
  const here = `/invite/${token}`;
  let body: React.ReactNode;
  if (!invite || invite.state !== "pending") {
    const why = !invite
      ? "This invitation link is not valid."
      : invite.state === "accepted"
        ? "This invitation has already been used."
        : invite.state === "revoked"
          ? "This invitation was withdrawn."
          : "This invitation has expired.";
    body = (
      <>
        <h1 className="text-lg font-semibold">Invitation unavailable</h1>
        <p className="text-sm text-slate-600">{why} Ask the workspace owner for a new link.</p>
      </>
    );
  } else {
    body = (
      <>
        <h1 className="text-lg font-semibold">Join {invite.workspaceName}</h1>
        <p className="text-sm text-slate-600">
          {invite.inviterName ?? "A workspace owner"} invited <strong>{invite.email}</strong> to join as {{ owner: "an owner", editor: "an editor", viewer: "a viewer" }[invite.role]}.
        </p>
        {actor ? (
          actor.email === invite.email ? (
            <AcceptInvitation token={token} />
          ) : (
            <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-800 ring-1 ring-amber-200">
              You are signed in as {actor.email}. Sign out and sign in as {invite.email} to accept.
            </p>
          )
        ) : (
          <div className="flex gap-2">
            <Link className={buttonClass("primary")} href={`/signup?callbackUrl=${encodeURIComponent(here)}`}>
              Create an account
            </Link>
            <Link className={buttonClass("secondary")} href={`/signin?callbackUrl=${encodeURIComponent(here)}`}>
              Sign in
            </Link>
          </div>
        )}
      </>
    );
  }
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md space-y-4 rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">{body}</div>
    </main>
  );
}
