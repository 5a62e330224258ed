import type { Role } from "@/lib/generated/prisma/client";

// The session carries the local user id and role (refreshed from the database
// on every read, see auth-options.ts).
declare module "next-auth" {
  interface Session {
    user?: { id: string; email: string; name: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    /** The session's id, fixed at sign-in (revoked-sessions.ts). */
    sid?: string;
  }
}
