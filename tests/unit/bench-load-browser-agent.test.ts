// The load generator's learners talk like browser tabs: each over its own
// keep-alive connections, reused request after request, never shared with
// another learner (so the app worker holding a learner's connection keeps its
// sandbox warm, as it would for a real class).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetch } from "undici";
import { browserAgent } from "../../bench/load/learner";

let server: Server;
let base = "";
const sockets: unknown[] = [];

beforeAll(async () => {
  // Answers with the number of the connection the request came on.
  server = createServer((req, res) => {
    let n = sockets.indexOf(req.socket);
    if (n < 0) n = sockets.push(req.socket) - 1;
    res.end(String(n));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const connectionOf = async (agent: ReturnType<typeof browserAgent>) =>
  (await fetch(`${base}/`, { dispatcher: agent })).text();

describe("browserAgent", () => {
  it("keeps one learner's sequential requests on one connection", async () => {
    const agent = browserAgent();
    const seen = new Set<string>();
    for (let i = 0; i < 5; i++) {
      seen.add(await connectionOf(agent));
      await new Promise((r) => setTimeout(r, 20)); // think time
    }
    expect(seen.size).toBe(1);
    await agent.close();
  });

  it("gives two learners different connections", async () => {
    const a = browserAgent();
    const b = browserAgent();
    const [ca, cb] = [await connectionOf(a), await connectionOf(b)];
    expect(ca).not.toBe(cb);
    expect(await connectionOf(a)).toBe(ca);
    expect(await connectionOf(b)).toBe(cb);
    await Promise.all([a.close(), b.close()]);
  });

  it("opens at most six connections for one learner, as a browser per host", async () => {
    const agent = browserAgent();
    const before = sockets.length;
    // Slow answers: twelve at once must queue on six connections.
    server.removeAllListeners("request");
    server.on("request", (req, res) => {
      let n = sockets.indexOf(req.socket);
      if (n < 0) n = sockets.push(req.socket) - 1;
      setTimeout(() => res.end(String(n)), 30);
    });
    const answers = await Promise.all(Array.from({ length: 12 }, () => connectionOf(agent)));
    expect(new Set(answers).size).toBe(6);
    expect(sockets.length - before).toBe(6);
    await agent.close();
  });
});
