// Streamed answers between the workers (server/fast-lane/lane-streams.mjs through
// sticky.mjs): a route whose answer is a stream (the terminal's watch, SSE) runs on the
// owner, and its bytes reach the forwarding worker as the route produces them; the client
// leaving stops the owner's stream; the owner dying or stopping ends it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  LOCAL,
  LOST,
  createForwarder,
  createLaneServer,
  socketPath,
  type ForwardedAnswer,
  type ForwardedHead,
  type LaneServer,
} from "../../server/fast-lane/sticky.mjs";

const SECRET = "t".repeat(64);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? []).toString("utf8");

/** A route's body stream the test writes into, recording whether its reader cancelled it. */
function source() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const seen = { cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      seen.cancelled = true;
    },
  });
  return {
    stream,
    seen,
    write: (s: string) => controller.enqueue(new TextEncoder().encode(s)),
    close: () => controller.close(),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await sleep(10);
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe("streamed answers between workers", () => {
  let dir: string;
  let prefix: string;
  let owner: LaneServer | undefined;
  let fw: ReturnType<typeof createForwarder>;
  /** The stream the owner's route answers with (a new one per test). */
  let route: ReturnType<typeof source>;

  const head = (p: string): ForwardedHead => ({
    m: "GET",
    p,
    u: `http://localhost:3000${p}`,
    h: { cookie: "session=x" },
  });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "lane-streams-test-"));
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
    route = source();
    owner = createLaneServer({
      secret: SECRET,
      serve: async (h): Promise<ForwardedAnswer> =>
        h.p === "/plain"
          ? { status: 200, headers: [], body: Buffer.from("plain") }
          : {
              status: 200,
              headers: ["content-type", "text/event-stream"],
              body: null,
              stream: route.stream,
            },
    });
    await new Promise<void>((r) => owner!.server.listen(socketPath(prefix, 1), r));
    fw = createForwarder({ workers: 2, index: 0, prefix, secret: SECRET });
  }

  async function streamed(p = "/stream") {
    const answer = await fw.forward(1, head(p), null);
    if (answer === LOCAL || answer === LOST || !answer.stream) {
      throw new Error(`not a streamed answer: ${String(answer)}`);
    }
    expect(answer.status).toBe(200);
    expect(answer.headers).toEqual(["content-type", "text/event-stream"]);
    expect(answer.body).toBe(null);
    return answer.stream.getReader();
  }

  it("brings each chunk as the owner's route produces it, and its end", async () => {
    await setUp();
    route.write('event: stdout\ndata: "NAME"\n\n');
    const reader = await streamed();
    expect(text((await reader.read()).value)).toBe('event: stdout\ndata: "NAME"\n\n');
    // The stream is still open: a later pass's output arrives when it is produced.
    const next = reader.read();
    await sleep(30);
    route.write('event: stdout\ndata: "web-1"\n\n');
    expect(text((await next).value)).toBe('event: stdout\ndata: "web-1"\n\n');
    // Other requests share the connection meanwhile.
    expect(await fw.forward(1, head("/plain"), null)).toMatchObject({ body: Buffer.from("plain") });
    route.close();
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(route.seen.cancelled).toBe(false);
  });

  it("stops the owner's stream when the client leaves", async () => {
    await setUp();
    const reader = await streamed();
    route.write("x");
    await reader.read();
    await reader.cancel();
    await until(() => route.seen.cancelled, "the owner's stream to be cancelled");
  });

  it("ends the stream when the owner's connection dies", async () => {
    await setUp();
    const reader = await streamed();
    route.write("x");
    await reader.read();
    for (const socket of owner!.connections) socket.destroy();
    expect((await reader.read()).done).toBe(true);
    // Nobody reads it any more: the owner's route stops producing.
    await until(() => route.seen.cancelled, "the owner's stream to be cancelled");
  });

  it("ends streamed answers on shutdown, so the peers close and the owner stops", async () => {
    await setUp();
    const reader = await streamed();
    const closed = owner!.shutdown();
    expect((await reader.read()).done).toBe(true);
    expect(route.seen.cancelled).toBe(true);
    await closed;
    owner = undefined;
  });
});
