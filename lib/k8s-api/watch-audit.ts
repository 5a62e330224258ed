// The ResponseComplete audit events of the watches this process streamed. A
// watch's end is a sandbox write (its log), so ends are batched per sandbox: a
// thousand watches closing together cost one transaction, not a thousand.

import { sandboxRequest } from "@/lib/db/sandboxes";
import type { AuditEvent, UserInfo } from "@/lib/sim";

const FLUSH_DELAY_MS = 50;

interface Pending {
  user: UserInfo;
  path: string;
  events: AuditEvent[];
}

const pending = new Map<string, Pending>();

async function flush(sandboxId: string): Promise<void> {
  const batch = pending.get(sandboxId);
  pending.delete(sandboxId);
  if (!batch?.events.length) return;
  try {
    await sandboxRequest(sandboxId, {
      method: "GET",
      path: batch.path,
      user: batch.user,
      watchEnded: batch.events,
    });
  } catch {
    // The sandbox was deleted or the database is away: there is no log left to complete.
  }
}

/** Logs, shortly, the end of a watch that started with `started` (its ResponseStarted event). */
export function recordWatchEnd(
  sandboxId: string,
  user: UserInfo,
  path: string,
  started: AuditEvent | undefined,
): void {
  if (!started || started.stage !== "ResponseStarted") return;
  const batch = pending.get(sandboxId);
  if (batch) {
    batch.events.push(started);
    return;
  }
  pending.set(sandboxId, { user, path, events: [started] });
  setTimeout(() => void flush(sandboxId), FLUSH_DELAY_MS).unref?.();
}
