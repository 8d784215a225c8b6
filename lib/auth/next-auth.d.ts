import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user?: { id?: string; name?: string | null; email?: string | null; image?: string | null };
    /** the server-side session row this cookie belongs to */
    sid?: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** id of the row in auth_sessions */
    sid?: string;
  }
}
