// Streamed answers between the web workers (sticky.mjs). The terminal's -w/-f/watch
// commands answer with a stream (Server-Sent Events, lib/terminal/stream.ts) whose every
// pass reads the sandbox; run on a worker that does not own the sandbox, each pass would
// keep that worker's own copy of it fresh (a load, then a refresh a second). So the stream
// runs on the owner like the other sandbox routes: its head goes back as a STREAM_HEAD
// frame, its bytes as CHUNK frames as the route produces them, and END closes it; the
// worker holding the client's connection sends CANCEL when the client leaves.
//
// Plain JavaScript: the workers run it without tsx (lane-streams.d.mts types it).
import { CHUNK, END, STREAM_HEAD, encodeFrame, encodeMessage, writeFrame } from "./frames.mjs";

/**
 * A function that resolves when `socket` next drains (or closes); callers waiting at the
 * same time share one pair of listeners.
 */
export function drainWaiter(socket) {
  let waiting;
  return () =>
    (waiting ??= new Promise((resolve) => {
      const done = () => {
        socket.off("drain", done);
        socket.off("close", done);
        waiting = undefined;
        resolve();
      };
      socket.on("drain", done);
      socket.on("close", done);
    }));
}

/**
 * The owner's side of one streamed answer `{status, headers, stream}`: its head, then each
 * chunk the route's stream gives as a CHUNK frame, then END. While the socket asks for a
 * drain no further chunk is read (the route's stream waits). `cancel()` (the client left,
 * the connection closed, or this worker stops) cancels the route's stream, which ends it.
 * `done` resolves once the answer is finished.
 */
export function pumpStream(socket, id, answer, waitDrain) {
  const reader = answer.stream.getReader();
  let cancelled = false;
  const done = (async () => {
    writeFrame(socket, encodeMessage(STREAM_HEAD, id, [answer.status, answer.headers], null));
    try {
      for (;;) {
        const { done: ended, value } = await reader.read();
        if (ended || cancelled || socket.destroyed) break;
        if (value.byteLength === 0) continue;
        const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
        if (!writeFrame(socket, encodeFrame(CHUNK, id, [bytes]))) await waitDrain();
      }
    } catch {
      // The route's stream failed: the answer ends here, as it would on this worker.
    }
    if (!socket.destroyed) writeFrame(socket, encodeFrame(END, id));
  })();
  return {
    done,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      reader.cancel().catch(() => {});
    },
  };
}

/**
 * The forwarding worker's side of one streamed answer: a web ReadableStream fed by the
 * owner's CHUNK frames and closed by END, or by the connection's end (the owner died or
 * stopped: the client sees its stream end, as when the worker serving it stops).
 * `onCancel` runs when the stream's reader cancels it (the client left). Chunks are queued
 * without a bound, as the route's own stream queues them when served locally: the owner
 * paces them (one pass a second).
 */
export function incomingStream(onCancel) {
  let controller;
  let open = true;
  const stream = new ReadableStream({
    start(c) {
      controller = c;
    },
    cancel() {
      if (!open) return;
      open = false;
      onCancel();
    },
  });
  return {
    stream,
    push(bytes) {
      if (open) controller.enqueue(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    },
    end() {
      if (!open) return;
      open = false;
      controller.close();
    },
  };
}
