// The exec route's authorization without its own query. A learner's commands arrive
// seconds apart for the same sandbox, and each used to cost a statement of its own
// (the user row and the sandbox row, requireSandboxRequester) before the command's
// write. After one full authorization, this instance keeps "user U owns sandbox S";
// the next command runs on that with an owner guard: its single statement writes, or
// records its history row, only if S is still U's, U's row still exists and the
// request's session was not signed out
// (lib/db/sandboxes/owner-guard.ts). Nothing the command computed is answered before
// that statement succeeded, and on ANY failure the request is authorized afresh
// first, so a deleted user still gets 401, a sandbox no longer theirs 404, in the
// order the full path answers them. The cache is only a hint: it cannot grant what
// the database would refuse, whatever its age.

import { ExpiringMap } from "@/lib/auth/expiring-map";
import { sessionSubject } from "@/lib/auth/request-user";
import { AccessRefused, ownerGuard } from "@/lib/db/sandboxes/owner-guard";
import type { SandboxOwner } from "./sandbox-access";
import { requireSandboxRequester } from "./sandbox-requester";

export const GRANT_TTL_MS = 5 * 60_000;
export const MAX_GRANTS = 10_000;

const grants = new ExpiringMap<SandboxOwner>(MAX_GRANTS);

/** How a command may use the sandbox: from a fresh read (its version) or a cached grant (a guard). */
export interface GrantUse {
  owner: SandboxOwner;
  knownVersion?: number;
  /** The user and session the command's statement re-checks (cached grant; owner-guard.ts). */
  guard?: string;
}

const key = (userId: string, sandboxId: string) => `${userId}\u0000${sandboxId}`;

/** Empties the cache (tests). */
export function clearSandboxGrants(): void {
  grants.clear();
}

/**
 * Runs a terminal request that writes to `sandboxId` as its owner: `parse` reads the
 * body (its errors come after the user's 401/403, before the sandbox's 404/403, as on
 * the full path), `run` does the work with the grant. With a cached grant `run` gets a
 * guard and no query precedes it; the full path (user and sandbox row in one query) runs
 * when there is none, and on any failure of the cached one before the error is answered.
 */
export async function withOwnerGrant<I, R>(
  request: Request,
  sandboxId: string,
  parse: () => Promise<I>,
  run: (input: I, grant: GrantUse) => Promise<R>,
): Promise<R> {
  const session = await sessionSubject(request);
  const sub = session?.sub;
  const cached = sub ? grants.get(key(sub, sandboxId), Date.now()) : undefined;
  if (session && sub && cached) {
    let input: { value: I } | undefined;
    try {
      input = { value: await parse() };
      const out = await run(input.value, { owner: cached, guard: ownerGuard(sub, session.sid) });
      // The statement just re-checked the grant, so it is renewed: a learner at work
      // never falls back to the full path (and its extra query) every GRANT_TTL_MS.
      const now = Date.now();
      grants.set(key(sub, sandboxId), cached, now + GRANT_TTL_MS, now);
      return out;
    } catch (err) {
      grants.delete(key(sub, sandboxId));
      // Whatever failed, the answer is the full path's: its user check first.
      const requester = await requireSandboxRequester(request, sandboxId);
      if (!input) throw err;
      const { version, ...owner } = await requester.authorize("write");
      if (!(err instanceof AccessRefused)) throw err;
      // Refused by the guard yet granted now (a race): run with the fresh grant.
      return run(input.value, { owner, knownVersion: version });
    }
  }
  const requester = await requireSandboxRequester(request, sandboxId);
  const input = await parse();
  const { version, ...owner } = await requester.authorize("write");
  const out = await run(input, { owner, knownVersion: version });
  // Only the owner is granted "write"; kept once the command went through.
  if (owner.ownerId === requester.user.id) {
    const now = Date.now();
    grants.set(key(requester.user.id, sandboxId), owner, now + GRANT_TTL_MS, now);
  }
  return out;
}
