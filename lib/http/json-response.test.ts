import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
// The compressor `next start` puts in front of every response, and the function
// that streams a route handler's Response into Node's (Next's own modules).
import { pipeToNodeResponse } from "next/dist/server/pipe-readable";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COMPRESS_MIN_BYTES,
  fromFastLane,
  JSON_TEXT,
  jsonResponse,
  LANE_REQUEST,
  shorterThan,
  withNoTransform,
} from "./json-response";

// Next ships the `compression` middleware precompiled and without types.
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as () => (
  req: IncomingMessage,
  res: ServerResponse,
  next: () => void,
) => void;

describe("jsonResponse", () => {
  it("answers what Response.json answers, no-store by default", async () => {
    const body = { stdout: "NAME   STATUS\n", exitCode: 0 };
    const res = jsonResponse(body);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.text()).toBe(await Response.json(body).text());
    expect(res.headers.get("cache-control")).toBe("no-store, no-transform");
  });

  it("keeps the given status and headers", async () => {
    const res = jsonResponse({ id: "x" }, { status: 201, headers: { "Retry-After": "5" } });
    expect(res.status).toBe(201);
    expect(res.headers.get("retry-after")).toBe("5");
  });

  it("marks only answers below the threshold no-transform", () => {
    const small = jsonResponse({ s: "a".repeat(COMPRESS_MIN_BYTES - 9) }); // 1023 bytes
    const large = jsonResponse({ s: "a".repeat(COMPRESS_MIN_BYTES - 8) }); // 1024 bytes
    expect(small.headers.get("cache-control")).toBe("no-store, no-transform");
    expect(large.headers.get("cache-control")).toBe("no-store");
  });

  it("counts UTF-8 bytes, not characters (Korean output is 3 bytes a character)", () => {
    // 400 Hangul characters: 400 UTF-16 units but 1,200 bytes.
    const res = jsonResponse({ stdout: "가".repeat(400) });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("adds no-transform to a given Cache-Control once", () => {
    expect(withNoTransform("private, max-age=5")).toBe("private, max-age=5, no-transform");
    expect(withNoTransform("no-store, no-transform")).toBe("no-store, no-transform");
    expect(withNoTransform(undefined)).toBe("no-transform");
    expect(
      jsonResponse({}, { headers: { "cache-control": "private" } }).headers.get("cache-control"),
    ).toBe("private, no-transform");
  });

  it("refuses a body JSON cannot encode", () => {
    expect(() => jsonResponse(undefined)).toThrow(TypeError);
  });

  it("shorterThan agrees with Buffer.byteLength at the bounds", () => {
    for (const text of [
      "",
      "a".repeat(341),
      "가".repeat(341),
      "a".repeat(1023),
      "가".repeat(342),
      "😀".repeat(255),
      "😀".repeat(256),
    ]) {
      expect(shorterThan(text, 1024)).toBe(Buffer.byteLength(text) < 1024);
    }
  });
});

// The behaviour that matters: what Next's compressor does with these answers, as
// `next start` serves a route handler's Response (headers copied, body streamed).
describe("jsonResponse behind next start's compression", () => {
  let server: Server;
  let url: string;
  const answers: Record<string, () => Response> = {
    small: () => jsonResponse({ exitCode: 0 }),
    large: () => jsonResponse({ stdout: "pod/web-1 Running\n".repeat(200) }),
    plain: () => Response.json({ exitCode: 0 }, { headers: { "cache-control": "no-store" } }),
  };

  beforeAll(async () => {
    const compress = compression();
    server = createServer((req, res) => {
      compress(req, res, () => {
        const response = answers[req.url!.slice(1)]!();
        res.statusCode = response.status;
        response.headers.forEach((value, name) => res.setHeader(name, value));
        void pipeToNodeResponse(response.body!, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function get(name: string) {
    // node:http's client, which (unlike fetch) hands over the body as sent.
    const { request } = await import("node:http");
    return new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      request(`${url}/${name}`, { headers: { "accept-encoding": "gzip, deflate, br" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }),
        );
      })
        .on("error", reject)
        .end();
    });
  }

  it("gzips even a tiny Response.json (the cost this module avoids)", async () => {
    const res = await get("plain");
    expect(res.encoding).toBe("gzip");
    expect(JSON.parse(gunzipSync(res.body).toString())).toEqual({ exitCode: 0 });
  });

  it("sends a small jsonResponse uncompressed", async () => {
    const res = await get("small");
    expect(res.encoding).toBeUndefined();
    expect(JSON.parse(res.body.toString())).toEqual({ exitCode: 0 });
  });

  it("still gzips a large jsonResponse", async () => {
    const res = await get("large");
    expect(res.encoding).toBe("gzip");
    const body = JSON.parse(gunzipSync(res.body).toString()) as { stdout: string };
    expect(body.stdout).toBe("pod/web-1 Running\n".repeat(200));
  });
});

describe("jsonResponse's JSON_TEXT (what the fast lane writes)", () => {
  it("is exactly the Response's body, small and large, non-ASCII included", async () => {
    for (const body of [{ exitCode: 0 }, { stdout: "파드 ".repeat(2000), exitCode: 0 }]) {
      const response = jsonResponse(body);
      const kept = (response as Response & { [JSON_TEXT]?: string })[JSON_TEXT];
      expect(kept).toBe(await response.text());
    }
  });
});

describe("jsonResponse for a request the fast lane made (LANE_REQUEST)", () => {
  const laneRequest = { [LANE_REQUEST]: true } as unknown as Request;

  it("has no body stream; JSON_TEXT, status and headers are the full Response's", () => {
    for (const body of [{ exitCode: 0 }, { stdout: "파드 ".repeat(2000), exitCode: 0 }]) {
      const init = { status: 201, headers: { "Retry-After": "5" } };
      const full = jsonResponse(body, init);
      const lane = jsonResponse(body, { ...init, request: laneRequest });
      expect(lane.body).toBeNull();
      expect(full.body).not.toBeNull();
      expect((lane as Response & { [JSON_TEXT]?: string })[JSON_TEXT]).toBe(JSON.stringify(body));
      expect(lane.status).toBe(full.status);
      expect([...lane.headers]).toEqual([...full.headers]);
      // What the lane reads besides: one header (compression) and the cookies it sets.
      for (const name of ["Cache-Control", "content-type", "retry-after", "x-absent"])
        expect(lane.headers.get(name)).toBe(full.headers.get(name));
      expect(lane.headers.getSetCookie()).toEqual(full.headers.getSetCookie());
    }
  });

  it("keeps the body for any other request, a forged mark included", async () => {
    const plain = new Request("http://localhost/api/x", { method: "POST" });
    expect(fromFastLane(plain)).toBe(false);
    expect(await jsonResponse({ a: 1 }, { request: plain }).text()).toBe('{"a":1}');
    // A client controls header and body text, never a symbol property: only a `true` counts.
    const truthy = { [LANE_REQUEST]: "yes" } as unknown as Request;
    expect(await jsonResponse({ a: 1 }, { request: truthy }).text()).toBe('{"a":1}');
    expect(fromFastLane(laneRequest)).toBe(true);
  });
});
