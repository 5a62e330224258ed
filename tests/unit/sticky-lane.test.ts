// Forwarding a sandbox's terminal requests to its owner worker (server/fast-lane/sticky.mjs):
// the owner choice, the configuration, the mark's check and the headers carried across,
// and a real forward over a Unix socket between two node:http servers (what arrives at
// the owner, what the client gets back, and what happens when the owner is gone or dies
// mid-request). The app with two workers is tests/integration/sticky-lane.test.ts.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { request as undiciRequest } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FORWARD_HEADER,
  afterForwardError,
  createForwarder,
  forwardRequestHeaders,
  forwardResponseHeaders,
  idHash,
  isForwardedBy,
  ownerIndex,
  socketPath,
  stickyConfig,
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

describe("the mark and the headers", () => {
  it("accepts only the secret itself", () => {
    expect(isForwardedBy(SECRET, SECRET)).toBe(true);
    expect(isForwardedBy(SECRET.slice(1), SECRET)).toBe(false);
    expect(isForwardedBy("t".repeat(64), SECRET)).toBe(false);
    expect(isForwardedBy(undefined, SECRET)).toBe(false);
    expect(isForwardedBy([SECRET, SECRET], SECRET)).toBe(false);
  });

  it("carries end-to-end request headers, drops hop-by-hop ones and an outsider's mark", () => {
    const raw = [
      "Host", "127.0.0.1:3000",
      "Connection", "keep-alive",
      "Cookie", "a=1",
      "Origin", "http://127.0.0.1:3000",
      "Content-Type", "application/json",
      "Content-Length", "999",
      "Transfer-Encoding", "chunked",
      "X-Forwarded-For", "203.0.113.9",
      "X-Kubelab-Lane-Forwarded", "forged",
    ]; // prettier-ignore
    expect(forwardRequestHeaders(raw, 12, SECRET)).toEqual([
      "Host", "127.0.0.1:3000",
      "Cookie", "a=1",
      "Origin", "http://127.0.0.1:3000",
      "Content-Type", "application/json",
      "X-Forwarded-For", "203.0.113.9",
      "content-length", "12",
      FORWARD_HEADER, SECRET,
    ]); // prettier-ignore
  });

  it("keeps every answer header (each Set-Cookie) but the connection's own", () => {
    const raw = [
      "set-cookie", "a=1", "set-cookie", "b=2", "content-length", "2",
      "Keep-Alive", "timeout=65", "connection", "keep-alive", "vary", "rsc",
    ]; // prettier-ignore
    expect(forwardResponseHeaders(raw)).toEqual([
      "set-cookie", "a=1", "set-cookie", "b=2", "content-length", "2", "vary", "rsc",
    ]); // prettier-ignore
  });

  it("serves locally only when the owner provably never got the request", () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(afterForwardError(err("ECONNREFUSED"), false)).toBe("local");
    expect(afterForwardError(err("ENOENT"), true)).toBe("local");
    // A reused connection reset before any answer: the owner closed or lost it idle.
    expect(afterForwardError(err("ECONNRESET"), true)).toBe("retry");
    expect(afterForwardError(err("EPIPE"), true)).toBe("retry");
    // A new connection reset: the owner may have run the command - never run twice.
    expect(afterForwardError(err("ECONNRESET"), false)).toBe("fail");
    expect(afterForwardError(err("ETIMEDOUT"), true)).toBe("fail");
  });
});

describe("createForwarder over a Unix socket", () => {
  let dir: string;
  let owner: Server;
  let front: Server;
  let frontUrl: string;
  let seen: { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string }[];
  const forwarder = () =>
    createForwarder({ workers: 2, index: 0, prefix: path.join(dir, "w"), secret: SECRET });
  // An id owned by worker 1 and one owned by worker 0.
  const idOf = (index: number) => {
    for (let i = 0; ; i++) if (ownerIndex(`sb${i}`, 2) === index) return `sb${i}`;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "sticky-test-"));
    seen = [];
    owner = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString();
        seen.push({ method: req.method, url: req.url, headers: req.headers, body });
        if (body === "die") return req.socket.destroy();
        res.writeHead(201, { "set-cookie": ["a=1", "b=2"], "x-owner": "1" });
        res.end(`owner got ${body}`);
      });
    });
    await new Promise<void>((r) => owner.listen(socketPath(path.join(dir, "w"), 1), r));
    const fw = forwarder();
    front = createServer((req, res) => {
      const id = req.url!.split("/")[3]!;
      const socket = fw.ownerSocket(req, id);
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        void (async () => {
          if (socket && (await fw.forward(req, res, body, socket))) return;
          res.writeHead(200, {
            "x-served": "front",
            "x-mark": String(req.headers[FORWARD_HEADER]),
          });
          res.end("front");
        })();
      });
    });
    await new Promise<void>((r) => front.listen(0, "127.0.0.1", r));
    frontUrl = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => front.close(r));
    await new Promise((r) => owner.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (id: string, body: string, headers: Record<string, string> = {}) =>
    undiciRequest(`${frontUrl}/api/sandboxes/${id}/exec`, {
      method: "POST",
      headers: { cookie: "session=x", "content-type": "application/json", ...headers },
      body,
    });

  it("sends another worker's sandbox to its owner and its answer back unchanged", async () => {
    seen.length = 0;
    const res = await post(idOf(1), '{"command":"kubectl get pods"}', {
      "x-forwarded-for": "203.0.113.9",
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers["set-cookie"]).toEqual(["a=1", "b=2"]);
    expect(res.headers["x-owner"]).toBe("1");
    expect(await res.body.text()).toBe('owner got {"command":"kubectl get pods"}');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.method).toBe("POST");
    expect(seen[0]!.url).toBe(`/api/sandboxes/${idOf(1)}/exec`);
    expect(seen[0]!.headers.cookie).toBe("session=x");
    expect(seen[0]!.headers["x-forwarded-for"]).toBe("203.0.113.9");
    expect(seen[0]!.headers[FORWARD_HEADER]).toBe(SECRET);
  });

  it("serves its own sandboxes and requests carrying the secret, and strips the mark", async () => {
    seen.length = 0;
    const own = await post(idOf(0), "{}");
    expect(own.headers["x-served"]).toBe("front");
    await own.body.dump();
    const marked = await post(idOf(1), "{}", { [FORWARD_HEADER]: SECRET });
    expect(marked.headers["x-served"]).toBe("front");
    expect(marked.headers["x-mark"]).toBe("undefined");
    await marked.body.dump();
    expect(seen).toHaveLength(0);
  });

  it("ignores a forged mark: the request still goes to the owner, with the real mark", async () => {
    seen.length = 0;
    const res = await post(idOf(1), "x", { [FORWARD_HEADER]: "t".repeat(64) });
    expect(await res.body.text()).toBe("owner got x");
    expect(seen[0]!.headers[FORWARD_HEADER]).toBe(SECRET);
  });

  it("serves the request itself when the owner's socket is gone", async () => {
    const fw = createForwarder({
      workers: 2,
      index: 0,
      prefix: path.join(dir, "missing-"),
      secret: SECRET,
    });
    const local = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        void fw
          .forward(req, res, Buffer.from("x"), socketPath(path.join(dir, "missing-"), 1))
          .then((answered) => res.end(answered ? "forwarded" : "fell back"));
      });
    });
    await new Promise<void>((r) => local.listen(0, "127.0.0.1", r));
    try {
      const res = await undiciRequest(
        `http://127.0.0.1:${(local.address() as AddressInfo).port}/`,
        { method: "POST", body: "x" },
      );
      expect(await res.body.text()).toBe("fell back");
    } finally {
      fw.close();
      await new Promise((r) => local.close(r));
    }
  });

  it("ends the client's connection when the owner dies after taking the request", async () => {
    seen.length = 0;
    expect(await (await post(idOf(1), "x")).body.text()).toBe("owner got x");
    await expect(post(idOf(1), "die").then((r) => r.body.text())).rejects.toThrow();
    // On the reused connection, sent once more on a new one (which may be all an owner that
    // closed it idle needs); never served by the front.
    expect(seen.map((s) => s.body)).toEqual(["x", "die", "die"]);
  });

  it("reaches a restarted owner on the same socket", async () => {
    expect(await (await post(idOf(1), "a")).body.text()).toBe("owner got a");
    await new Promise<void>((r) => {
      owner.close(() => r());
      owner.closeAllConnections();
    });
    await new Promise<void>((r) => owner.listen(socketPath(path.join(dir, "w"), 1), r));
    expect(await (await post(idOf(1), "b")).body.text()).toBe("owner got b");
  });
});
