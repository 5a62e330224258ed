// Shared by the auth integration tests: users made directly in the test
// database and session cookies minted the way next-auth mints them.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { hashPassword } from "@/lib/auth/password-hash";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/client";

export const TEST_SECRET = "kubelab-integration-secret";
process.env.NEXTAUTH_SECRET = TEST_SECRET;

export const APP_ORIGIN = "http://localhost:3000";

export const uniqueEmail = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.com`;

export async function createUser(role: Role, password = "correct-horse-42") {
  return db().user.create({
    data: {
      email: uniqueEmail(role.toLowerCase()),
      name: `${role} 사용자`,
      role,
      passwordHash: await hashPassword(password),
    },
  });
}

/** The Cookie header of a signed-in browser, as next-auth's JWT session sets it. */
export async function sessionCookie(userId: string): Promise<string> {
  const token = await encode({ token: { sub: userId, sid: randomUUID() }, secret: TEST_SECRET });
  return `next-auth.session-token=${token}`;
}

/** A same-origin browser request with a JSON body. */
export function jsonRequest(
  path: string,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): Request {
  return new Request(`${APP_ORIGIN}${path}`, {
    method,
    headers: {
      "content-type": "application/json",
      origin: APP_ORIGIN,
      host: "localhost:3000",
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
