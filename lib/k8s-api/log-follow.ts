// `kubectl logs -f`: the log so far, then what the container writes next, until
// the client leaves (or 30 minutes pass). Like a watch, each poll lets virtual
// time catch up and reads the log purely from the state this process holds, so
// following a log adds nothing to the sandbox's audit log.

import { advanceSandboxTime } from "@/lib/db/sandboxes";
import { cachedEntry } from "@/lib/db/sandboxes/cache";
import { fixedClock, handle, type UserInfo } from "@/lib/sim";

const MAX_FOLLOW_MS = 30 * 60 * 1000;

export function followLog(input: {
  sandboxId: string;
  user: UserInfo;
  path: string;
  query: URLSearchParams;
  initial: string;
  pollMs: number;
  signal?: AbortSignal;
}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // Later polls read the whole log again (no tailLines/sinceSeconds) and send what is new.
  const query = new URLSearchParams(input.query);
  for (const k of ["follow", "tailLines", "sinceSeconds", "sinceTime", "limitBytes"])
    query.delete(k);
  let seen: string | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopAt = 0;
  const read = (): string | undefined => {
    const state = cachedEntry(input.sandboxId)?.state;
    if (!state) return undefined;
    const r = handle(
      state,
      { method: "GET", path: input.path, query: query.toString(), user: input.user },
      fixedClock(state.time),
    );
    return r.response.kind === "text" ? r.response.body : undefined;
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(input.initial));
      seen = read();
      stopAt = Date.now() + MAX_FOLLOW_MS;
      let busy = false;
      const stop = () => {
        if (timer) clearInterval(timer);
        timer = undefined;
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      input.signal?.addEventListener("abort", stop);
      timer = setInterval(() => {
        if (busy) return;
        if (Date.now() > stopAt) return stop();
        busy = true;
        advanceSandboxTime(input.sandboxId, 0)
          .then(() => {
            const now = read();
            if (now === undefined) return stop();
            if (seen !== undefined && now.startsWith(seen) && now.length > seen.length) {
              controller.enqueue(encoder.encode(now.slice(seen.length)));
            }
            seen = now;
          })
          .catch(stop)
          .finally(() => {
            busy = false;
          });
      }, input.pollMs);
      timer.unref?.();
    },
    cancel() {
      if (timer) clearInterval(timer);
    },
  });
}
