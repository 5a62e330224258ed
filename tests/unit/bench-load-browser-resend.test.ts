// The load generator resends a request that met a kept-alive connection the server
// had just closed, as a browser does, and only then (bench/load/browser-resend.ts).
import { createServer, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Agent, fetch } from "undici";
import { browserResends, sendLikeBrowser } from "../../bench/load/browser-resend";
import { LatencyBook } from "../../bench/load/stats";

let server: Server;
let base = "";
/** Requests seen per connection, and how the server treats the request number n on a connection. */
const seen = new Map<Socket, number>();
let onRequest: (n: number, socket: Socket, res: ServerResponse) => void = () => {};

beforeAll(async () => {
  server = createServer((req, res) => {
    const n = (seen.get(req.socket) ?? 0) + 1;
    seen.set(req.socket, n);
    req.resume();
    req.on("end", () => onRequest(n, req.socket, res));
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const post = (agent: Agent) => () =>
  fetch(`${base}/exec`, { method: "POST", body: "{}", dispatcher: agent }).then((r) => r.text());

describe("sendLikeBrowser", () => {
  it.each([
    ["closed (FIN)", (s: Socket) => s.destroy()],
    ["reset (RST)", (s: Socket) => s.resetAndDestroy()],
  ])(
    "resends a POST once on a new connection when a reused one is %s before any answer",
    async (_, close) => {
      // The second request on any connection meets the server closing it.
      onRequest = (n, socket, res) => (n === 2 ? close(socket) : res.end(`answer ${n}`));
      const agent = new Agent({ connections: 1 });
      let resends = 0;
      expect(await sendLikeBrowser(post(agent), () => resends++)).toBe("answer 1");
      expect(await sendLikeBrowser(post(agent), () => resends++)).toBe("answer 1");
      expect(resends).toBe(1);
      await agent.close();
    },
  );

  it("does not resend when a fresh connection is closed before answering", async () => {
    let attempts = 0;
    onRequest = (_, socket) => {
      attempts++;
      socket.destroy();
    };
    const agent = new Agent({ connections: 1 });
    let resends = 0;
    const failure = await sendLikeBrowser(post(agent), () => resends++).catch((e: unknown) => e);
    expect(browserResends(failure)).toBe(false);
    expect((failure as { cause?: { code?: string } }).cause?.code).toBe("UND_ERR_SOCKET");
    expect([attempts, resends]).toEqual([1, 0]);
    await agent.close();
  });

  it("resends at most once", async () => {
    onRequest = (n, socket, res) => (n >= 2 ? socket.destroy() : res.end("first"));
    const agent = new Agent({ connections: 1 });
    await sendLikeBrowser(post(agent), () => {});
    // The resend goes on a fresh connection, which this server answers: break that too.
    onRequest = (_, socket) => socket.destroy();
    let resends = 0;
    await expect(sendLikeBrowser(post(agent), () => resends++)).rejects.toThrow();
    expect(resends).toBe(1);
    await agent.close();
  });

  it("counts resends per endpoint in the report's line", () => {
    const book = new LatencyBook();
    expect(book.resendLine()).toMatch(/: 0$/);
    book.resent("POST /api/sandboxes/:id/exec");
    book.resent("POST /api/sandboxes/:id/exec");
    expect(book.resendLine()).toMatch(/: 2 \(POST \/api\/sandboxes\/:id\/exec 2\)$/);
  });
});
