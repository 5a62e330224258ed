// A watch as kube-apiserver streams it: 200 with one JSON event per line,
// kept open for new events until timeoutSeconds, the client leaving, or an ERROR
// event. In Table form every event carries a one-row Table.

import type { UserInfo, WatchEvent } from "@/lib/sim";
import type { KubeObject } from "@/lib/sim/apiserver/object";
import type { IncludeObject } from "@/lib/sim/apiserver/printers";
import type { ResourceInfo } from "@/lib/sim/apiserver/resources/resource-info";
import { inWireOrder } from "@/lib/sim/apiserver/wire-order";
import { asTable } from "./tables";
import { addWatcher } from "./watch-hub";

/** Longest a watch stays open without timeoutSeconds (kube-apiserver: --min-request-timeout 1800s). */
const MAX_WATCH_MS = 30 * 60 * 1000;
/** Events queued for a client that stopped reading before the watch is dropped. */
const MAX_QUEUED = 1000;

export interface WatchStreamInput {
  sandboxId: string;
  user: UserInfo;
  path: string;
  query: URLSearchParams;
  initial: WatchEvent[];
  resourceVersion: string;
  table?: { res: ResourceInfo; includeObject: IncludeObject; now: () => number };
  /** The watched resource is a custom resource (its objects' keys are written sorted). */
  custom?: boolean;
  signal?: AbortSignal;
  /** Called once when the stream ends, however it ends (the closing audit event). */
  onEnd?: () => void;
}

export function watchStream(input: WatchStreamInput): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const encode = (e: WatchEvent) => {
    const object =
      input.table && e.type !== "ERROR" && e.type !== "BOOKMARK"
        ? asTable(
            input.table.res,
            e.object as KubeObject,
            input.table.now(),
            input.table.includeObject,
          )
        : e.type === "ERROR" || e.type === "BOOKMARK"
          ? e.object
          : inWireOrder(e.object, input.custom === true);
    return encoder.encode(`${JSON.stringify({ type: e.type, object })}\n`);
  };
  const query = new URLSearchParams(input.query);
  query.delete("resourceVersion");
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    input.onEnd?.();
  };
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let closed = false;
        const close = () => {
          if (closed) return;
          closed = true;
          cleanup();
          end();
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        const send = (events: WatchEvent[]) => {
          if (closed) return;
          for (const e of events) controller.enqueue(encode(e));
          if ((controller.desiredSize ?? 0) < -MAX_QUEUED) close();
        };
        send(input.initial);
        if (input.initial.some((e) => e.type === "ERROR")) return close();
        const remove = addWatcher(input.sandboxId, {
          user: input.user,
          path: input.path,
          query,
          resourceVersion: input.resourceVersion,
          deliver: send,
          close,
        });
        const timeoutSeconds = Number(input.query.get("timeoutSeconds"));
        const ms =
          Number.isFinite(timeoutSeconds) && timeoutSeconds > 0
            ? Math.min(timeoutSeconds * 1000, MAX_WATCH_MS)
            : MAX_WATCH_MS;
        const timer = setTimeout(close, ms);
        timer.unref?.();
        const onAbort = () => close();
        input.signal?.addEventListener("abort", onAbort);
        cleanup = () => {
          remove();
          clearTimeout(timer);
          input.signal?.removeEventListener("abort", onAbort);
        };
      },
      cancel() {
        cleanup();
        end();
      },
    },
    { highWaterMark: MAX_QUEUED },
  );
}
