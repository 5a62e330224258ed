// The lane's one-call gzip (server/fast-lane/gzip-answer.mjs) against Next's compression
// middleware itself: two node:http servers answer the same bodies, one through the
// middleware (as the lane did), one through endCompressible (the middleware only when it
// declines). Status, headers and the raw bytes on the wire (compressed bytes included)
// must be equal; only the framing differs (Content-Length instead of chunked).
import { createRequire } from "node:module";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { request as httpRequest } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { endCompressible, simpleEncoding, varyWith } from "../../server/fast-lane/gzip-answer.mjs";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
const compressionModule = createRequire(import.meta.url)("next/dist/compiled/compression") as {
  (): Middleware;
  filter: (req: IncomingMessage, res: ServerResponse) => boolean;
};

interface Case {
  body: Buffer | null;
  type: string;
  vary?: string;
  encoding?: string;
}

const cases = new Map<string, Case>();

const LINE = "web-3-7c9f8d6b5-abcde   1/1     Running   0          12s   10.244.1.17   worker1\n";
function jsonOf(length: number): Buffer {
  const text = JSON.stringify({ stdout: LINE.repeat(Math.ceil(length / LINE.length)) });
  return Buffer.from(text.slice(0, length - 2) + '"}', "utf8");
}

function serve(oneCall: boolean): Server {
  const middleware = compressionModule();
  return createServer((req, res) => {
    const c = cases.get(req.url!.slice(1))!;
    res.statusCode = 200;
    res.setHeader("content-type", c.type);
    res.setHeader("vary", c.vary ?? "rsc, next-router-state-tree");
    if (c.encoding) res.setHeader("content-encoding", c.encoding);
    if (oneCall && endCompressible(req, res, c.body, compressionModule.filter)) return;
    middleware(req, res, () => {});
    // As the lane's endWithBody.
    if (!res.hasHeader("content-length")) res.setHeader("content-length", c.body?.length ?? 0);
    res.end(c.body ?? undefined);
  });
}

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bytes: Buffer;
}

function fetchRaw(server: Server, name: string, acceptEncoding?: string): Promise<Raw> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: `/${name}`,
        method: "POST",
        headers: acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** The headers that are not transport framing. */
function comparable(h: Raw["headers"]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(h)) {
    if (["content-length", "transfer-encoding", "date", "connection", "keep-alive"].includes(k))
      continue;
    out[k] = v;
  }
  return out;
}

describe("gzip in one call, as the compression middleware", () => {
  let viaMiddleware: Server;
  let oneCall: Server;
  beforeAll(async () => {
    viaMiddleware = serve(false);
    oneCall = serve(true);
    await Promise.all(
      [viaMiddleware, oneCall].map((s) => new Promise<void>((r) => s.listen(0, "127.0.0.1", r))),
    );
  });
  afterAll(() => {
    viaMiddleware.close();
    oneCall.close();
  });

  const sizes = [0, 15, 1023, 1024, 1025, 3300, 70_000];
  const encodings = [
    undefined,
    "gzip, deflate",
    "gzip, deflate, br, zstd",
    "deflate, gzip",
    "GZIP",
    "br",
    "identity",
    "deflate",
    "gzip;q=0",
    "*",
    "",
  ];
  for (const size of sizes) {
    cases.set(`json-${size}`, { body: size === 0 ? null : jsonOf(size), type: "application/json" });
  }
  cases.set("png", { body: jsonOf(3000), type: "image/png" });
  cases.set("vary-star", { body: jsonOf(3000), type: "application/json", vary: "*" });
  cases.set("vary-has", {
    body: jsonOf(3000),
    type: "application/json",
    vary: "rsc, accept-encoding",
  });
  cases.set("encoded", { body: jsonOf(3000), type: "application/json", encoding: "br" });

  it("answers every case as the middleware does, byte for byte", async () => {
    let compressed = 0;
    for (const name of cases.keys()) {
      for (const accept of encodings) {
        const [a, b] = await Promise.all([
          fetchRaw(viaMiddleware, name, accept),
          fetchRaw(oneCall, name, accept),
        ]);
        const what = `${name} with Accept-Encoding ${String(accept)}`;
        expect(b.status, what).toBe(a.status);
        expect(comparable(b.headers), what).toEqual(comparable(a.headers));
        expect(b.bytes.equals(a.bytes), what).toBe(true);
        if (b.headers["content-encoding"] === "gzip") {
          compressed++;
          // Gzipped in one call: sent with its length (the middleware's answers go chunked).
          if (simpleEncoding(accept) !== undefined)
            expect(Number(b.headers["content-length"]), what).toBe(b.bytes.length);
          expect(gunzipSync(b.bytes).equals(cases.get(name)!.body!), what).toBe(true);
        }
      }
    }
    // The comparison covered compressed answers (not only the ones both left alone).
    expect(compressed).toBeGreaterThan(10);
  });

  it("leaves to the middleware what its negotiator must decide", () => {
    expect(simpleEncoding(undefined)).toBeUndefined();
    expect(simpleEncoding("gzip;q=0.5, br")).toBeUndefined();
    expect(simpleEncoding("*")).toBeUndefined();
    expect(simpleEncoding("deflate")).toBeUndefined();
    expect(simpleEncoding("gzip, deflate, br")).toBe("gzip");
    expect(simpleEncoding("br, zstd")).toBe("identity");
  });

  it("appends to Vary as the vary package does", () => {
    expect(varyWith("rsc", "Accept-Encoding")).toBe("rsc, Accept-Encoding");
    expect(varyWith(undefined, "Accept-Encoding")).toBe("Accept-Encoding");
    expect(varyWith("RSC, accept-encoding", "Accept-Encoding")).toBe("RSC, accept-encoding");
    expect(varyWith("*", "Accept-Encoding")).toBe("*");
    expect(varyWith(["a", "b"], "Accept-Encoding")).toBe("a, b, Accept-Encoding");
  });
});
