// One sandbox's terminal requests served by one worker (docs/deployment.md, "Sticky
// sandboxes"). The primary hands each new connection to the next worker in turn and a
// browser keeps several connections open, so a learner's consecutive commands would land
// on different workers: each keeps its own copy of the sandbox (lib/db/sandboxes) and its
// own request budget (lib/http/token-bucket.ts), and a worker whose copy is stale must
// first load what the others wrote. The lane therefore hands a sandbox's exec/complete
// to the sandbox's owner worker (a stable hash of its id), over the owner's Unix socket,
// and pipes the owner's answer back unchanged. Correctness never depends on it: when the
// owner cannot be reached the worker serves the request itself (the row's version keeps
// every copy correct).
//
// Plain JavaScript: the workers run it without tsx (sticky.d.mts types it).
import { timingSafeEqual } from "node:crypto";
import http from "node:http";

/**
 * Marks a request one worker forwarded to another; its value is the primary's random
 * secret (KUBELAB_LANE_SECRET), so a client cannot make a worker skip forwarding, and a
 * forwarded request is never forwarded again. Always removed before the route sees it.
 */
export const FORWARD_HEADER = "x-kubelab-lane-forwarded";

/** Names the worker that served a lane answer ("index pid"), when KUBELAB_LANE_WORKER_HEADER=1 (tests). */
export const WORKER_HEADER = "x-kubelab-lane-worker";

// Hop-by-hop headers (RFC 9110 7.6.1): about one connection, not carried to the next.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
]);

/** FNV-1a (32 bit) of the id's UTF-16 code units: stable across processes and restarts. */
export function idHash(id) {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The index (0..workers-1) of the worker that owns the sandbox. */
export function ownerIndex(sandboxId, workers) {
  return idHash(sandboxId) % workers;
}

/** The Unix socket of worker `index` of the primary whose sockets start with `prefix`. */
export function socketPath(prefix, index) {
  return `${prefix}${index}.sock`;
}

/**
 * Whether this worker forwards, from the environment the primary gives it: the worker
 * count, this worker's index, the sockets' prefix and the secret. Undefined (no
 * forwarding) with one worker, KUBELAB_FAST_LANE=0, or anything missing or malformed.
 */
export function stickyConfig(env) {
  if (env.KUBELAB_FAST_LANE?.trim() === "0") return undefined;
  const workers = Number(env.KUBELAB_WORKERS);
  const index = Number(env.KUBELAB_WORKER_INDEX);
  const prefix = env.KUBELAB_LANE_SOCKET_PREFIX;
  const secret = env.KUBELAB_LANE_SECRET;
  if (!Number.isInteger(workers) || workers < 2) return undefined;
  if (!Number.isInteger(index) || index < 0 || index >= workers) return undefined;
  if (!prefix || !secret || secret.length < 32) return undefined;
  return { workers, index, prefix, secret };
}

/** Whether `value` (a request's FORWARD_HEADER) is the secret, compared in constant time. */
export function isForwardedBy(value, secret) {
  if (typeof value !== "string") return false;
  const a = Buffer.from(value);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The headers to send the owner, from the client's raw headers: everything end-to-end as
 * the client sent it (cookie, origin, content-type, X-Forwarded-For...), no hop-by-hop
 * header, no FORWARD_HEADER from outside, Content-Length the body's length, and the mark.
 */
export function forwardRequestHeaders(rawHeaders, bodyLength, secret) {
  const out = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i].toLowerCase();
    if (HOP_BY_HOP.has(name) || name === "content-length" || name === FORWARD_HEADER) continue;
    out.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  out.push("content-length", String(bodyLength), FORWARD_HEADER, secret);
  return out;
}

/** The owner's answer headers to send the client: all but the hop-by-hop ones (Node frames the body). */
export function forwardResponseHeaders(rawHeaders) {
  const out = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (HOP_BY_HOP.has(rawHeaders[i].toLowerCase())) continue;
    out.push(rawHeaders[i], rawHeaders[i + 1]);
  }
  return out;
}

/**
 * What to do when forwarding failed before any answer came:
 * - "local": the owner provably never received the request (no socket: it is restarting or
 *   gone), so this worker serves it;
 * - "retry": the keep-alive connection was reused and reset before any answer, the case of
 *   a connection the owner had just closed or lost (it died while the connection was idle):
 *   sent once more over a new connection, as Node documents and browsers do for a request
 *   on a reused connection that got no answer;
 * - "fail": the owner may have run the command and then died, so it is never served a
 *   second time here: the client's connection ends, as it would have had the client been
 *   talking to that owner directly.
 */
export function afterForwardError(error, reusedSocket) {
  const code = error?.code;
  if (code === "ECONNREFUSED" || code === "ENOENT") return "local";
  if (reusedSocket && (code === "ECONNRESET" || code === "EPIPE")) return "retry";
  return "fail";
}

/**
 * How long a connection to an owner stays open unused: well under the workers'
 * keep-alive timeout (scripts/web-workers.ts KEEP_ALIVE_TIMEOUT_MS, 65 s), so the owner
 * never closes, as idle, a connection the forwarder is just sending a request on.
 */
export const IDLE_MS = 30_000;

/**
 * Forwarding for one worker: `route(req)` says whether to hand the request to another
 * worker (the owner's socket) and `forward` does it. Keep-alive connections to each owner.
 */
export function createForwarder({ workers, index, prefix, secret }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: IDLE_MS });

  /** The owner's socket, or undefined when this worker serves the request (it owns it, or it was forwarded). */
  function ownerSocket(req, sandboxId) {
    const mark = req.headers[FORWARD_HEADER];
    if (mark !== undefined) {
      delete req.headers[FORWARD_HEADER];
      if (isForwardedBy(mark, secret)) return undefined;
      // A client's own mark is ignored: the request goes where any other would.
    }
    const owner = ownerIndex(sandboxId, workers);
    return owner === index ? undefined : socketPath(prefix, owner);
  }

  /**
   * Sends the request (its body already read) to the owner and pipes the answer back.
   * Resolves true when the owner answered (or the client's answer was ended because the
   * owner failed after receiving it), false when the owner was never reached: the caller
   * then serves it here.
   */
  function forward(req, res, body, socket, fresh = false) {
    return new Promise((resolve) => {
      const out = http.request({
        // The retry opens its own connection: the pool may hold more dead ones.
        ...(fresh ? { agent: false } : { agent }),
        socketPath: socket,
        method: req.method,
        path: req.url,
        headers: forwardRequestHeaders(req.rawHeaders, body?.length ?? 0, secret),
      });
      let answered = false;
      out.on("response", (answer) => {
        answered = true;
        res.writeHead(
          answer.statusCode ?? 502,
          answer.statusMessage,
          forwardResponseHeaders(answer.rawHeaders),
        );
        answer.pipe(res);
        answer.on("error", () => res.destroy());
        answer.on("end", () => resolve(true));
        // The client left: stop reading the owner's answer (the owner finishes its command).
        res.on("close", () => {
          if (!res.writableFinished) answer.destroy();
          resolve(true);
        });
      });
      out.on("error", (error) => {
        if (answered) return;
        const next = afterForwardError(error, !fresh && out.reusedSocket);
        if (next === "local") return resolve(false);
        if (next === "retry") return resolve(forward(req, res, body, socket, true));
        res.destroy();
        resolve(true);
      });
      out.end(body ?? undefined);
    });
  }

  return { ownerSocket, forward, close: () => agent.destroy() };
}
