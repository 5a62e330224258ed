// One sandbox's terminal requests served by one worker (docs/deployment.md, "Sticky
// sandboxes"). The primary hands each new connection to the next worker in turn and a
// browser keeps several connections open, so a learner's consecutive commands would land
// on different workers: each keeps its own copy of the sandbox (lib/db/sandboxes) and its
// own request budget (lib/http/token-bucket.ts), and a worker whose copy is stale must
// first load what the others wrote. The lane therefore hands a sandbox's exec/complete
// to the sandbox's owner worker (a stable hash of its id) as a frame (frames.mjs) over
// one persistent Unix socket per peer, and the owner sends back the route's answer
// (status, headers, body; the receiving worker compresses and writes it as it would
// its own). Correctness never depends on it: when the owner cannot be reached the
// worker serves the request itself (the row's version keeps every copy correct).
//
// Plain JavaScript: the workers run it without tsx (sticky.d.mts types it).
import { timingSafeEqual } from "node:crypto";
import net from "node:net";
import {
  ACCEPTED,
  CANCEL,
  CHUNK,
  END,
  FrameDecoder,
  GOAWAY,
  HELLO,
  REQUEST,
  RESPONSE,
  STREAM_HEAD,
  decodeMessage,
  encodeFrame,
  encodeMessage,
  writeFrame,
} from "./frames.mjs";
import { drainWaiter, incomingStream, pumpStream } from "./lane-streams.mjs";
import { ownerIndex, socketPath } from "./owner.mjs";

export { idHash, ownerIndex, socketPath, stickyConfig } from "./owner.mjs";

/**
 * A header that marked forwarded requests when they went over HTTP. Forwarded requests
 * now arrive only on the owner's private socket (never a client's), so nothing a client
 * sends can mark one; the header is still removed before the route sees it.
 */
export const FORWARD_HEADER = "x-kubelab-lane-forwarded";

/** Names the worker that served a lane answer ("index pid"), when KUBELAB_LANE_WORKER_HEADER=1 (tests). */
export const WORKER_HEADER = "x-kubelab-lane-worker";

/** Whether `value` (a peer's HELLO payload) is the secret, compared in constant time. */
export function isSecret(value, secret) {
  if (typeof value !== "string" && !Buffer.isBuffer(value)) return false;
  const a = Buffer.from(value);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** forward() when the owner never got the request (no socket, refused, or never written): serve it here. */
export const LOCAL = Symbol("local");
/**
 * forward() when the owner took the request (it was written to its connection) and the
 * connection ended before the answer: the owner may have run the command, so it is never
 * run a second time here; the client gets a clear error instead (lostAnswer).
 */
export const LOST = Symbol("lost");

/**
 * The answer given to a client whose request the owner took and then lost (it died or
 * its connection broke): 502 with the app's error shape, saying the command may have run.
 */
export function lostAnswer() {
  const body = Buffer.from(
    JSON.stringify({
      error: {
        code: "WORKER_LOST",
        message:
          "명령을 처리하던 서버 프로세스가 응답 전에 중단되었습니다. 명령이 실행되었을 수 있으니 상태를 확인한 뒤 다시 시도하세요.",
      },
    }),
    "utf8",
  );
  return {
    status: 502,
    headers: ["content-type", "application/json", "cache-control", "no-store"],
    body,
  };
}

/**
 * One persistent connection to a peer worker's socket: requests go out as REQUEST frames
 * (many in flight at once, told apart by id) and each settles with its RESPONSE, LOCAL
 * or LOST. Frames wait while the socket asks for a drain (back-pressure: memory is held
 * by the requests' own bodies, never by an unbounded socket buffer). Once the socket
 * closes, or the owner sends GOAWAY, the link takes no new request: the next one opens
 * a new link (a restarted owner listens on the same path).
 */
class PeerLink {
  #socket;
  #connected = false;
  /** false once closed, or told GOAWAY: new requests go to a new link. */
  usable = true;
  #nextId = 1;
  /** id → settle(result): requests written to the socket, waiting for their answer. */
  #inflight = new Map();
  /** ids of in-flight requests the owner said it took (ACCEPTED): possibly run. */
  #accepted = new Set();
  /** id → the client's side of a streamed answer still coming (lane-streams.mjs). */
  #streams = new Map();
  /** Frames not yet written (the socket asked for a drain), each with its settle. */
  #waiting = [];
  #onGone;

  constructor(socketFile, secret, onGone) {
    this.#onGone = onGone;
    const socket = net.createConnection({ path: socketFile });
    this.#socket = socket;
    socket.setNoDelay?.(true);
    socket.on("connect", () => {
      this.#connected = true;
    });
    const decoder = new FrameDecoder((type, id, payload) => this.#onFrame(type, id, payload));
    socket.on("data", (chunk) => {
      try {
        decoder.push(chunk);
      } catch {
        socket.destroy();
      }
    });
    socket.on("drain", () => this.#flush());
    // The owner closed its end: nothing new goes on this connection.
    socket.on("end", () => this.#retire());
    socket.on("error", () => {});
    socket.on("close", () => this.#closed());
    // Written at once: Node holds it (and any request) until the socket connects.
    writeFrame(socket, encodeFrame(HELLO, 0, [Buffer.from(secret)]));
  }

  /** Sends one request; resolves with the owner's answer, LOCAL or LOST. */
  send(head, body) {
    return new Promise((settle) => {
      const id = this.#nextId;
      this.#nextId = this.#nextId >= 0xfffffffe ? 1 : this.#nextId + 1;
      const frame = { id, buffers: encodeMessage(REQUEST, id, head, body), settle };
      if (this.#waiting.length > 0 || this.#socket.writableNeedDrain) this.#waiting.push(frame);
      else this.#write(frame);
    });
  }

  #write({ id, buffers, settle }) {
    this.#inflight.set(id, settle);
    writeFrame(this.#socket, buffers, (error) => {
      // Not written (the owner's end was already closed: it died while the connection was
      // idle, before this side read its end): the owner never got it, so it is served here.
      if (!error) return;
      this.#retire();
      if (this.#inflight.get(id) === settle) {
        this.#inflight.delete(id);
        settle(LOCAL);
      }
    });
  }

  #flush() {
    while (this.#waiting.length > 0 && !this.#socket.writableNeedDrain) {
      this.#write(this.#waiting.shift());
    }
  }

  #onFrame(type, id, payload) {
    if (type === ACCEPTED) {
      if (this.#inflight.has(id)) this.#accepted.add(id);
    } else if (type === RESPONSE) {
      const settle = this.#inflight.get(id);
      if (!settle) return;
      this.#inflight.delete(id);
      this.#accepted.delete(id);
      const { head, body } = decodeMessage(payload);
      settle({ status: head[0], headers: head[1], body });
      this.#endIfIdle();
    } else if (type === STREAM_HEAD) {
      const settle = this.#inflight.get(id);
      if (!settle) return;
      this.#inflight.delete(id);
      this.#accepted.delete(id);
      const { head } = decodeMessage(payload);
      const sink = incomingStream(() => {
        // The client left: the owner stops producing it.
        this.#streams.delete(id);
        if (!this.#socket.destroyed) writeFrame(this.#socket, encodeFrame(CANCEL, id));
        this.#endIfIdle();
      });
      this.#streams.set(id, sink);
      settle({ status: head[0], headers: head[1], body: null, stream: sink.stream });
    } else if (type === CHUNK) {
      this.#streams.get(id)?.push(payload);
    } else if (type === END) {
      const sink = this.#streams.get(id);
      if (!sink) return;
      this.#streams.delete(id);
      sink.end();
      this.#endIfIdle();
    } else if (type === GOAWAY) {
      // The owner is stopping: it answers what it has, and then this side closes.
      this.#retire();
      this.#endIfIdle();
    }
  }

  /** A retired link closes once nothing is in flight on it and no answer is still streaming. */
  #endIfIdle() {
    if (!this.usable && this.#inflight.size === 0 && this.#streams.size === 0) this.#socket.end();
  }

  #retire() {
    if (!this.usable) return;
    this.usable = false;
    this.#onGone(this);
    // Never written: the owner never saw them.
    for (const frame of this.#waiting.splice(0)) frame.settle(LOCAL);
  }

  #closed() {
    this.#retire();
    // Only what the owner said it took (ACCEPTED) may have run there. The rest never ran:
    // written before the connection was made, or into a connection whose owner had died
    // before reading it (a kill between two requests is seen here only after the next
    // one is written), so they are served here.
    for (const [id, settle] of this.#inflight) {
      settle(this.#connected && this.#accepted.has(id) ? LOST : LOCAL);
    }
    this.#inflight.clear();
    this.#accepted.clear();
    // A streamed answer whose owner is gone ends where it is.
    for (const sink of this.#streams.values()) sink.end();
    this.#streams.clear();
  }

  close() {
    this.#retire();
    this.#socket.destroy();
  }
}

/**
 * Forwarding for one worker: `ownerOf(req, id)` says which worker to hand the request to
 * (undefined: serve it here), `forward(owner, head, body)` does it over that worker's link.
 */
export function createForwarder({ workers, index, prefix, secret }) {
  const links = new Map();

  /** The owner's index, or undefined when this worker owns the sandbox; removes an outsider's mark. */
  function ownerOf(req, sandboxId) {
    if (req.headers[FORWARD_HEADER] !== undefined) delete req.headers[FORWARD_HEADER];
    const owner = ownerIndex(sandboxId, workers);
    return owner === index ? undefined : owner;
  }

  /** The owner's answer `{status, headers (name, value, ...), body}`, or LOCAL, or LOST. */
  function forward(owner, head, body) {
    let link = links.get(owner);
    if (!link?.usable) {
      link = new PeerLink(socketPath(prefix, owner), secret, (gone) => {
        if (links.get(owner) === gone) links.delete(owner);
      });
      links.set(owner, link);
    }
    return link.send(head, body);
  }

  return {
    ownerOf,
    forward,
    close: () => {
      for (const link of links.values()) link.close();
      links.clear();
    },
  };
}

/** A request whose ACCEPTED never reached the socket: not run (see createLaneServer). */
const NOT_RUN = Symbol("not run");

/**
 * The owner's side: a server on this worker's socket that takes frames from the other
 * workers only (the first frame of a connection must be HELLO with the primary's secret;
 * the socket's folder is private to this user), runs each REQUEST through `serve(head,
 * body)` → `{status, headers, body}` (or `{status, headers, stream}`: streamed as CHUNK
 * frames, lane-streams.mjs) concurrently, and sends each answer back with its id.
 * A request that arrives here is served here, never forwarded again. While a connection's
 * answers wait for a drain, no further request is read from it (back-pressure).
 * `shutdown()` stops listening and tells every peer GOAWAY; each peer closes its
 * connection once its requests are answered, and `closed` resolves when all are gone.
 */
export function createLaneServer({ secret, serve, log }) {
  const connections = new Set();
  /** Every streamed answer being sent, on any connection (shutdown ends them). */
  const pumping = new Set();
  const server = net.createServer((socket) => {
    connections.add(socket);
    let authed = false;
    let inflight = 0;
    let peerEnded = false;
    /** id → a streamed answer being sent on this connection (CANCEL stops it). */
    const pumps = new Map();
    const waitDrain = drainWaiter(socket);
    const finished = () => {
      inflight--;
      if (peerEnded && inflight === 0) socket.end();
    };
    const decoder = new FrameDecoder((type, id, payload) => {
      if (!authed) {
        if (type !== HELLO || !isSecret(payload, secret)) throw new Error("lane: no valid hello");
        authed = true;
        return;
      }
      if (type === CANCEL) pumps.get(id)?.cancel();
      if (type !== REQUEST) return;
      const { head, body } = decodeMessage(payload);
      inflight++;
      // Told before it runs, and run only once the word is with the kernel (at once when
      // the socket has room): if this process dies before, the sender knows it never ran.
      // Not told (the socket broke first): never run, the sender serves it itself.
      const accepted = new Promise((resolve) => {
        writeFrame(socket, encodeFrame(ACCEPTED, id), (error) => resolve(!error));
        if (socket.writableLength === 0 && !socket.destroyed) resolve(true);
      });
      void accepted
        .then((told) => (told ? serve(head, body) : NOT_RUN))
        .catch((error) => {
          log?.(`워커 간 요청 실패 ${head?.p}: ${error instanceof Error ? error.stack : error}`);
          return { status: 500, headers: [], body: Buffer.from("Internal Server Error") };
        })
        .then((answer) => {
          if (answer === NOT_RUN) return finished();
          if (socket.destroyed) {
            answer.stream?.cancel().catch(() => {});
            return finished();
          }
          if (answer.stream) {
            // Finished only once its END is written: the connection stays open for it.
            const pump = pumpStream(socket, id, answer, waitDrain);
            pumps.set(id, pump);
            pumping.add(pump);
            if (stopping) pump.cancel();
            void pump.done.then(() => {
              pumps.delete(id);
              pumping.delete(pump);
              finished();
            });
            return;
          }
          const ok = writeFrame(
            socket,
            encodeMessage(RESPONSE, id, [answer.status, answer.headers], answer.body ?? null),
          );
          if (!ok) socket.pause();
          finished();
        });
    });
    socket.on("data", (chunk) => {
      try {
        decoder.push(chunk);
      } catch {
        socket.destroy();
      }
    });
    socket.on("drain", () => socket.resume());
    socket.on("end", () => {
      peerEnded = true;
      if (inflight === 0) socket.end();
    });
    socket.on("error", () => {});
    socket.on("close", () => {
      connections.delete(socket);
      // Nobody reads these answers any more: their routes stop producing.
      for (const pump of pumps.values()) pump.cancel();
    });
    if (stopping) writeFrame(socket, encodeFrame(GOAWAY, 0));
  });
  let stopping = false;
  const closed = new Promise((resolve) => server.once("close", resolve));
  return {
    server,
    closed,
    connections,
    shutdown() {
      if (stopping) return closed;
      stopping = true;
      server.close();
      for (const socket of connections) {
        if (!socket.destroyed) writeFrame(socket, encodeFrame(GOAWAY, 0));
      }
      // A watch can stream for half an hour: streamed answers end now (their clients see
      // the stream end, as for one this worker serves itself), so the peers can close.
      for (const pump of pumping) pump.cancel();
      return closed;
    },
  };
}
