// Forwarding a sandbox's terminal requests to its owner worker (server/fast-lane/sticky.mjs):
// the owner choice, the configuration, and real forwards over a Unix socket between a
// forwarder and an owner's lane server speaking frames.mjs (what arrives at the owner, what
// comes back, many requests in flight, large bodies, and what happens when the owner is
// gone, refuses a stranger, stops, or dies mid-request). The app with two workers is
// tests/integration/sticky-lane.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import type { IncomingMessage } from "node:http";
import { createConnection, createServer as createNetServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ACCEPTED,
  FrameDecoder,
  HELLO,
  REQUEST,
  encodeFrame,
  encodeMessage,
} from "../../server/fast-lane/frames.mjs";
import {
  FORWARD_HEADER,
  LOCAL,
  LOST,
  createForwarder,
  createLaneServer,
  idHash,
  isSecret,
  lostAnswer,
  ownerIndex,
  socketPath,
  stickyConfig,
  type ForwardedAnswer,
  type ForwardedHead,
  type LaneServer,
} from "../../server/fast-lane/sticky.mjs";

const SECRET = "s".repeat(64);

describe("ownerIndex", () => {
  it("is FNV-1a of the id, so every worker (and a restarted one) picks the same owner", () => {
    expect(idHash("")).toBe(0x811c9dc5);
    expect(idHash("a")).toBe(0xe40c292c);
    expect(idHash("foobar")).toBe(0xbf9cf968);
    expect(ownerIndex("foobar", 4)).toBe(0xbf9cf968 % 4);
  });

  it("spreads sandbox ids over the workers and stays in range", () => {
    for (const workers of [2, 3, 8]) {
      const counts = new Array<number>(workers).fill(0);
      for (let i = 0; i < 4000; i++) {
        const owner = ownerIndex(`cm${i.toString(36)}x9k2`, workers);
        counts[owner] = counts[owner]! + 1;
      }
      for (const c of counts) expect(c).toBeGreaterThan((4000 / workers) * 0.8);
      expect(counts.reduce((a, b) => a + b)).toBe(4000);
    }
  });
});

describe("stickyConfig", () => {
  const env = {
    KUBELAB_WORKERS: "2",
    KUBELAB_WORKER_INDEX: "1",
    KUBELAB_LANE_SOCKET_PREFIX: "/tmp/kubelab-lane-x/w",
    KUBELAB_LANE_SECRET: SECRET,
  };

  it("reads the primary's environment", () => {
    expect(stickyConfig(env)).toEqual({
      workers: 2,
      index: 1,
      prefix: "/tmp/kubelab-lane-x/w",
      secret: SECRET,
    });
    expect(socketPath("/tmp/kubelab-lane-x/w", 1)).toBe("/tmp/kubelab-lane-x/w1.sock");
  });

  it("forwards nothing with one worker, without the lane, or with a bad configuration", () => {
    expect(stickyConfig({ ...env, KUBELAB_WORKERS: "1", KUBELAB_WORKER_INDEX: "0" })).toBe(
      undefined,
    );
    expect(stickyConfig({ ...env, KUBELAB_FAST_LANE: "0" })).toBe(undefined);
    expect(stickyConfig({ ...env, KUBELAB_WORKER_INDEX: "2" })).toBe(undefined);
    expect(stickyConfig({ ...env, KUBELAB_WORKER_INDEX: undefined })).toBe(undefined);
    expect(stickyConfig({ ...env, KUBELAB_LANE_SECRET: "short" })).toBe(undefined);
    expect(stickyConfig({ ...env, KUBELAB_LANE_SOCKET_PREFIX: "" })).toBe(undefined);
  });
});

describe("the secret", () => {
  it("accepts only the secret itself", () => {
    expect(isSecret(SECRET, SECRET)).toBe(true);
    expect(isSecret(Buffer.from(SECRET), SECRET)).toBe(true);
    expect(isSecret(SECRET.slice(1), SECRET)).toBe(false);
    expect(isSecret("t".repeat(64), SECRET)).toBe(false);
    expect(isSecret(undefined, SECRET)).toBe(false);
    expect(isSecret([SECRET, SECRET], SECRET)).toBe(false);
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("createForwarder and createLaneServer over a Unix socket", () => {
  let dir: string;
  let prefix: string;
  let owner: LaneServer | undefined;
  /** How many times the owner ran each request (by its path): never twice. */
  let runs: Map<string, number>;
  /** What the owner's serve does with a request. */
  let behaviour: (head: ForwardedHead, body: Buffer | null) => Promise<ForwardedAnswer>;

  const echo = async (head: ForwardedHead, body: Buffer | null): Promise<ForwardedAnswer> => ({
    status: 201,
    headers: ["set-cookie", "a=1", "set-cookie", "b=2", "x-owner", "1", "x-cookie", String(head.h.cookie)],
    body: Buffer.concat([Buffer.from(`${head.m} ${head.p} ${head.u} `), body ?? Buffer.alloc(0)]),
  }); // prettier-ignore

  async function startOwner(): Promise<LaneServer> {
    const server = createLaneServer({
      secret: SECRET,
      serve: (head, body) => {
        runs.set(head.p, (runs.get(head.p) ?? 0) + 1);
        return behaviour(head, body);
      },
    });
    await new Promise<void>((r) => server.server.listen(socketPath(prefix, 1), r));
    return server;
  }

  const head = (p: string, h: ForwardedHead["h"] = { cookie: "session=x" }): ForwardedHead => ({
    m: "POST",
    p,
    u: `http://localhost:3000${p}`,
    h,
  });

  let fw: ReturnType<typeof createForwarder>;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "sticky-test-"));
    prefix = path.join(dir, "w");
  });

  afterEach(async () => {
    fw?.close();
    if (owner) {
      owner.server.close();
      await owner.shutdown();
      owner = undefined;
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function setUp() {
    runs = new Map();
    behaviour = echo;
    owner = await startOwner();
    fw = createForwarder({ workers: 2, index: 0, prefix, secret: SECRET });
  }

  it("hands another worker's sandbox to its owner; its own and an outsider's mark stay here", () => {
    fw = createForwarder({ workers: 2, index: 0, prefix: "/nowhere/w", secret: SECRET });
    const idOf = (index: number) => {
      for (let i = 0; ; i++) if (ownerIndex(`sb${i}`, 2) === index) return `sb${i}`;
    };
    const req = (headers: IncomingMessage["headers"]) => ({ headers }) as IncomingMessage;
    expect(fw.ownerOf(req({}), idOf(1))).toBe(1);
    expect(fw.ownerOf(req({}), idOf(0))).toBe(undefined);
    // A client's own mark neither keeps the request here nor reaches the route.
    const marked = req({ [FORWARD_HEADER]: SECRET });
    expect(fw.ownerOf(marked, idOf(1))).toBe(1);
    expect(marked.headers[FORWARD_HEADER]).toBe(undefined);
  });

  it("sends the request (method, path, URL, headers, body) and gets the owner's answer", async () => {
    await setUp();
    const answer = await fw.forward(
      1,
      head("/api/sandboxes/a/exec", { cookie: "session=x", "x-forwarded-for": "203.0.113.9" }),
      Buffer.from('{"command":"kubectl get pods"}'),
    );
    expect(answer).toEqual({
      status: 201,
      headers: ["set-cookie", "a=1", "set-cookie", "b=2", "x-owner", "1", "x-cookie", "session=x"],
      body: Buffer.from(
        'POST /api/sandboxes/a/exec http://localhost:3000/api/sandboxes/a/exec {"command":"kubectl get pods"}',
      ),
    });
    // No body at all arrives as null.
    behaviour = async (_h, body) => ({
      status: 200,
      headers: [],
      body: body ?? Buffer.from("none"),
    });
    expect(await fw.forward(1, head("/b"), null)).toEqual({
      status: 200,
      headers: [],
      body: Buffer.from("none"),
    });
  });

  it("multiplexes many requests in flight on one connection, each answer to its own request", async () => {
    await setUp();
    let connections = 0;
    owner!.server.on("connection", () => connections++);
    // Answers come back in another order than the requests went out.
    behaviour = async (h, body) => {
      await sleep(Number(h.p.slice(1)) % 7);
      return { status: 200, headers: ["x-path", h.p], body };
    };
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => fw.forward(1, head(`/${i}`), Buffer.from(`body ${i}`))),
    );
    answers.forEach((a, i) => {
      expect(a).toEqual({
        status: 200,
        headers: ["x-path", `/${i}`],
        body: Buffer.from(`body ${i}`),
      });
    });
    expect(connections).toBe(1);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
  });

  it("carries large bodies both ways, several at once (back-pressure, no loss)", async () => {
    await setUp();
    behaviour = async (_h, body) => ({
      status: 200,
      headers: [],
      body: Buffer.concat([body!, body!]),
    });
    const bodies = Array.from({ length: 4 }, (_, i) => Buffer.alloc(4 * 1024 * 1024 + i, i + 1));
    const answers = await Promise.all(bodies.map((b, i) => fw.forward(1, head(`/big${i}`), b)));
    answers.forEach((a, i) => {
      const body = (a as ForwardedAnswer).body!;
      expect(body.length).toBe(2 * bodies[i]!.length);
      expect(body.equals(Buffer.concat([bodies[i]!, bodies[i]!]))).toBe(true);
    });
  });

  it("stops reading a peer's requests while that peer does not read its answers", async () => {
    await setUp();
    behaviour = async () => ({ status: 200, headers: [], body: Buffer.alloc(8 * 1024 * 1024) });
    // A peer that sends requests one by one and never reads an answer.
    const socket = createConnection(socketPath(prefix, 1));
    socket.on("error", () => {});
    socket.pause();
    socket.write(Buffer.concat(encodeFrame(HELLO, 0, [Buffer.from(SECRET)])));
    for (let i = 1; i <= 20; i++) {
      socket.write(Buffer.concat(encodeMessage(REQUEST, i, head(`/r${i}`), null)));
      await sleep(15);
    }
    const ran = [...runs.keys()].length;
    socket.destroy();
    // The first answers fill the socket's buffers; after that the owner reads no more.
    expect(ran).toBeGreaterThan(0);
    expect(ran).toBeLessThan(6);
  });

  it("says LOCAL when the owner's socket is missing or refuses (never reached)", async () => {
    runs = new Map();
    fw = createForwarder({
      workers: 2,
      index: 0,
      prefix: path.join(dir, "missing-"),
      secret: SECRET,
    });
    expect(await fw.forward(1, head("/x"), Buffer.from("x"))).toBe(LOCAL);
    // A socket file left behind by a dead owner: nobody listens on it.
    const stale = createNetServer();
    const file = socketPath(path.join(dir, "stale-"), 1);
    await new Promise<void>((r) => stale.listen(file, r));
    const { renameSync } = await import("node:fs");
    renameSync(file, `${file}.keep`);
    await new Promise((r) => stale.close(r));
    renameSync(`${file}.keep`, file);
    const fw2 = createForwarder({
      workers: 2,
      index: 0,
      prefix: path.join(dir, "stale-"),
      secret: SECRET,
    });
    try {
      expect(await fw2.forward(1, head("/x"), null)).toBe(LOCAL);
    } finally {
      fw2.close();
    }
  });

  it("says LOST when the owner took the request and its connection died; ran once", async () => {
    await setUp();
    expect(await fw.forward(1, head("/warm"), null)).not.toBe(LOST);
    let started!: () => void;
    const inServe = new Promise<void>((r) => (started = r));
    behaviour = async () => {
      started();
      await sleep(10_000);
      return { status: 200, headers: [], body: null };
    };
    const pending = fw.forward(1, head("/die"), Buffer.from("x"));
    await inServe;
    // The owner's process dies: the kernel closes its end of every connection.
    const ownerEnds = await ownerSockets();
    for (const s of ownerEnds) s.destroy();
    expect(await pending).toBe(LOST);
    expect(runs.get("/die")).toBe(1);
    // The next request opens a new connection.
    behaviour = echo;
    expect(await fw.forward(1, head("/after"), null)).toMatchObject({ status: 201 });
  });

  it("says LOCAL for a request written after the owner's end closed, before this side saw it", async () => {
    await setUp();
    expect(await fw.forward(1, head("/warm"), null)).toMatchObject({ status: 201 });
    // The owner dies while the connection is idle; the request goes out in the same tick,
    // before this side has read the end of the connection: the write fails (EPIPE), so
    // the owner never got it.
    for (const s of await ownerSockets()) s.destroy();
    expect(await fw.forward(1, head("/late"), Buffer.from("x"))).toBe(LOCAL);
    expect(runs.get("/late")).toBe(undefined);
    // And the next one goes over a new connection.
    expect(await fw.forward(1, head("/next"), null)).toMatchObject({ status: 201 });
  });

  it("says LOCAL when the owner's connection ends after the request but before it accepted it", async () => {
    await setUp();
    // An owner that reads the whole request and closes without a word (it died before
    // taking it: a kill between two requests is seen by this side only after writing).
    const mute = socketPath(path.join(dir, "mute-"), 1);
    const server = createNetServer((socket) => {
      const decoder = new FrameDecoder((type) => {
        if (type === REQUEST) socket.end();
      });
      socket.on("data", (chunk) => decoder.push(chunk));
    });
    await new Promise<void>((r) => server.listen(mute, r));
    const fw2 = createForwarder({
      workers: 2,
      index: 0,
      prefix: path.join(dir, "mute-"),
      secret: SECRET,
    });
    try {
      expect(await fw2.forward(1, head("/x"), Buffer.from("x"))).toBe(LOCAL);
    } finally {
      fw2.close();
      await new Promise((r) => server.close(r));
    }
  });

  it("says LOST when the owner closes in the middle of an answer frame", async () => {
    await setUp();
    // An owner that accepts the request, writes half an answer frame, then closes (its
    // process ended mid-write).
    const half = socketPath(path.join(dir, "half-"), 1);
    const server = createNetServer((socket) => {
      socket.once("data", () => {
        socket.write(Buffer.concat(encodeFrame(ACCEPTED, 1)));
        setTimeout(() => {
          const frame = Buffer.concat(encodeMessage(3, 1, [200, []], Buffer.alloc(1000)));
          socket.end(frame.subarray(0, 500));
        }, 20);
      });
    });
    await new Promise<void>((r) => server.listen(half, r));
    const fw2 = createForwarder({
      workers: 2,
      index: 0,
      prefix: path.join(dir, "half-"),
      secret: SECRET,
    });
    try {
      expect(await fw2.forward(1, head("/x"), null)).toBe(LOST);
    } finally {
      fw2.close();
      await new Promise((r) => server.close(r));
    }
  });

  it("closes a connection that does not start with the secret; its requests never run", async () => {
    await setUp();
    for (const hello of [
      encodeFrame(HELLO, 0, [Buffer.from("t".repeat(64))]),
      // A request straight away, no hello.
      encodeMessage(REQUEST, 1, head("/sneaky"), null),
      // Not frames at all: an HTTP request sent to the socket.
      [Buffer.from("POST /api/sandboxes/a/exec HTTP/1.1\r\nhost: x\r\n\r\n")],
    ]) {
      const socket = createConnection(socketPath(prefix, 1));
      socket.on("error", () => {});
      socket.write(Buffer.concat([...hello, ...encodeMessage(REQUEST, 2, head("/sneaky"), null)]));
      const got: Buffer[] = [];
      socket.on("data", (c: Buffer) => got.push(c));
      await new Promise((r) => socket.on("close", r));
      expect(Buffer.concat(got).length).toBe(0);
    }
    expect(runs.get("/sneaky")).toBe(undefined);
  });

  it("on shutdown answers what it took, then new requests are served LOCAL", async () => {
    await setUp();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    behaviour = async (h) => {
      await gate;
      return { status: 200, headers: [], body: Buffer.from(h.p) };
    };
    const inFlight = [fw.forward(1, head("/1"), null), fw.forward(1, head("/2"), null)];
    while ((runs.get("/2") ?? 0) === 0) await sleep(5);
    const closed = owner!.shutdown();
    await sleep(20);
    expect(await fw.forward(1, head("/3"), null)).toBe(LOCAL);
    release();
    expect(await Promise.all(inFlight)).toEqual([
      { status: 200, headers: [], body: Buffer.from("/1") },
      { status: 200, headers: [], body: Buffer.from("/2") },
    ]);
    // The forwarder closes its end once answered, and the owner's server is then closed.
    await closed;
    owner = undefined;
    expect(runs.get("/3")).toBe(undefined);
  });

  it("reaches a restarted owner on the same socket", async () => {
    await setUp();
    expect(await fw.forward(1, head("/a"), null)).toMatchObject({ status: 201 });
    for (const s of await ownerSockets()) s.destroy();
    owner!.server.close();
    await owner!.closed;
    owner = await startOwner();
    await sleep(10);
    // On a loaded machine this side may see the old connection's end only once the next
    // request is written into it: that one never reached an owner (LOCAL), the next goes
    // over a new connection to the restarted owner.
    let answer = await fw.forward(1, head("/b"), null);
    if (answer === LOCAL) answer = await fw.forward(1, head("/c"), null);
    expect(answer).toMatchObject({ status: 201 });
  });

  it("answers a lost request with a clear 502 in the app's error shape", () => {
    const answer = lostAnswer();
    expect(answer.status).toBe(502);
    const body = JSON.parse(answer.body!.toString()) as {
      error: { code: string; message: string };
    };
    expect(body.error.code).toBe("WORKER_LOST");
    expect(body.error.message).toMatch(/다시 시도/);
  });

  /** The owner's ends of its open connections. */
  async function ownerSockets(): Promise<Socket[]> {
    return [...owner!.connections];
  }
});
