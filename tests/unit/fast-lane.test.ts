// The fast lane (server/fast-lane/fast-lane.mjs) on a stand-in build: a routes manifest
// and route modules shaped as Next 16 builds them (routeModule.ensureUserland, then
// routeModule.userland.POST), served by a plain node:http server. Which requests it
// takes, what the handler receives, how the answer is written, and that a failing
// request is answered 500 without harming the next one. The comparison with Next's
// own route is tests/integration/fast-lane.test.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { request as undiciRequest } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  JSON_TEXT as LIB_JSON_TEXT,
  LANE_REQUEST as LIB_LANE_REQUEST,
} from "@/lib/http/json-response";
import { BUFFERED_BODY as LIB_BUFFERED_BODY } from "@/lib/http/read-json-body";
import {
  BODY_CAP,
  BUFFERED_BODY,
  JSON_TEXT,
  LANE_REQUEST,
  createFastLane,
  headersFor,
  laneUnsafeReason,
  matchLaneRoute,
  requestUrl,
  webHeaders,
  type RoutesManifest,
} from "../../server/fast-lane/fast-lane.mjs";
import { parseWorkerArgs } from "../../server/fast-lane/worker-args.mjs";

const ALL_PATHS = "^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))?(?:/)?$";
const manifest: RoutesManifest = {
  basePath: "",
  redirects: [
    { source: "/:path+/", regex: "^(?:/((?:[^/]+?)(?:/(?:[^/]+?))*))/$" }, // Next's trailing slash
  ],
  headers: [
    { source: "/:path*", regex: ALL_PATHS, headers: [{ key: "X-Frame-Options", value: "DENY" }] },
    { source: "/docs/:path*", regex: "^/docs(?:/.*)?$", headers: [{ key: "X-Docs", value: "1" }] },
  ],
  rewrites: { beforeFiles: [], afterFiles: [], fallback: [] },
};

describe("the symbols shared with lib/http", () => {
  it("are the ones readJsonBody and jsonResponse use", () => {
    expect(BUFFERED_BODY).toBe(LIB_BUFFERED_BODY);
    expect(JSON_TEXT).toBe(LIB_JSON_TEXT);
    expect(LANE_REQUEST).toBe(LIB_LANE_REQUEST);
  });
});

describe("matchLaneRoute", () => {
  it("takes POSTs to a sandbox's exec and complete", () => {
    expect(matchLaneRoute("POST", "/api/sandboxes/abc_D-9/exec")).toEqual({
      id: "abc_D-9",
      name: "exec",
    });
    expect(matchLaneRoute("POST", "/api/sandboxes/x/complete")).toEqual({
      id: "x",
      name: "complete",
    });
  });

  it("takes GETs of a lab's sandbox (the lab page's open), which name no sandbox to forward by", () => {
    expect(matchLaneRoute("GET", "/api/labs/cluster-anatomy/sandbox")).toEqual({
      name: "lab-sandbox",
      params: { labId: "cluster-anatomy" },
    });
  });

  it("takes 채점 and the quiz's start, save and submit, which name no sandbox to forward by", () => {
    expect(matchLaneRoute("POST", "/api/labs/cluster-anatomy/check")).toEqual({
      name: "lab-check",
      params: { labId: "cluster-anatomy" },
    });
    expect(matchLaneRoute("POST", "/api/quiz/attempts")).toEqual({
      name: "quiz-start",
      params: {},
    });
    expect(matchLaneRoute("GET", "/api/sandboxes/abc_D-9/history")).toEqual({
      name: "sandbox-history",
      params: { id: "abc_D-9" },
    });
    expect(matchLaneRoute("GET", "/api/sandboxes/x/picture")).toEqual({
      name: "sandbox-picture",
      params: { id: "x" },
    });
    expect(matchLaneRoute("GET", "/api/workspace/cluster-anatomy")).toEqual({
      name: "workspace-files",
      params: { workspace: "cluster-anatomy" },
    });
    // The quiz overview with the page's own query string (any other goes to Next).
    expect(
      matchLaneRoute("GET", "/api/quiz/attempts?courseId=kubernetes&sessionId=architecture"),
    ).toEqual({ name: "quiz-start", params: {} });
    expect(matchLaneRoute("PUT", "/api/quiz/attempts/c0sfk4kcepha9591us66ovjix/answers")).toEqual({
      name: "quiz-answers",
      params: { id: "c0sfk4kcepha9591us66ovjix" },
    });
    expect(matchLaneRoute("POST", "/api/quiz/attempts/x/submit")).toEqual({
      name: "quiz-submit",
      params: { id: "x" },
    });
  });

  it("takes the request trace and the editor's autosave, which run anywhere", () => {
    expect(matchLaneRoute("GET", "/api/sandboxes/abc_D-9/trace")).toEqual({
      name: "sandbox-trace",
      params: { id: "abc_D-9" },
    });
    expect(matchLaneRoute("PUT", "/api/workspace/cluster-anatomy/web.yaml")).toEqual({
      name: "workspace-file",
      params: { workspace: "cluster-anatomy", file: "web.yaml" },
    });
    expect(matchLaneRoute("PUT", "/api/workspace/sandbox/kubeadm_config-2.yml")).toEqual({
      name: "workspace-file",
      params: { workspace: "sandbox", file: "kubeadm_config-2.yml" },
    });
  });

  it("leaves everything else to Next", () => {
    for (const [method, url] of [
      ["POST", "/api/labs/cluster-anatomy/sandbox"],
      ["HEAD", "/api/labs/cluster-anatomy/sandbox"],
      ["GET", "/api/labs/cluster-anatomy/sandbox?x=1"],
      ["GET", "/api/labs/cluster-anatomy/sandbox/"],
      ["GET", "/api/labs/Cluster-Anatomy/sandbox"],
      ["GET", "/api/labs/a%2Fb/sandbox"],
      ["GET", "/api/labs/../sandbox"],
      ["GET", "/api/labs//sandbox"],
      ["GET", "/api/labs/x/check"],
      ["GET", `/api/labs/${"a".repeat(129)}/sandbox`],
      ["GET", "/api/labs/cluster-anatomy/check"],
      ["POST", "/api/labs/cluster-anatomy/check?x=1"],
      ["POST", "/api/labs/Cluster-Anatomy/check"],
      ["POST", "/api/labs/a%2Fb/check"],
      ["POST", "/api/labs//check"],
      ["POST", "/api/labs/x/check/"],
      ["GET", "/api/quiz/attempts"],
      ["GET", "/api/quiz/attempts?sessionId=b&courseId=a"],
      ["GET", "/api/quiz/attempts?courseId=a&sessionId=b&x=1"],
      ["GET", "/api/quiz/attempts?courseId=a&sessionId=b&sessionId=c"],
      ["GET", "/api/quiz/attempts?courseId=A&sessionId=b"],
      ["GET", "/api/quiz/attempts?courseId=a%62&sessionId=b"],
      ["GET", "/api/quiz/attempts?courseId=&sessionId=b"],
      ["GET", "/api/quiz/attempts/?courseId=a&sessionId=b"],
      ["POST", "/api/quiz/attempts?courseId=a&sessionId=b"],
      ["POST", "/api/quiz/attempts/"],
      ["POST", "/api/quiz/attempts?x=1"],
      ["POST", "/api/quiz/attempts/x/answers"],
      ["PUT", "/api/quiz/attempts/x/submit"],
      ["PUT", "/api/quiz/attempts/a%2Fb/answers"],
      ["PUT", `/api/quiz/attempts/${"a".repeat(129)}/answers`],
      ["GET", "/api/sandboxes/x/exec"],
      ["POST", "/api/sandboxes/x/exec?via=next"],
      ["POST", "/api/sandboxes/x/exec/"],
      ["POST", "/api/sandboxes/a%2Fb/exec"],
      ["POST", "/api/sandboxes/../exec"],
      ["POST", "/api/sandboxes//exec"],
      ["POST", "/api/sandboxes/x/history"],
      ["POST", "/api/sandboxes/x/picture"],
      ["GET", "/api/workspace/schema"],
      ["GET", "/api/workspace/Sandbox"],
      ["GET", "/api/workspace/sandbox?x=1"],
      ["GET", "/api/workspace/sandbox/"],
      ["GET", "/api/workspace/sandbox/a.yaml"],
      ["PUT", "/api/workspace/sandbox"],
      // The autosave of a name that is encoded, a dot segment, hidden, or not PUT: Next's.
      ["PUT", "/api/workspace/sandbox/%ED%8C%8C%EC%9D%BC.yaml"],
      ["PUT", "/api/workspace/sandbox/a%2Eyaml"],
      ["PUT", "/api/workspace/sandbox/.."],
      ["PUT", "/api/workspace/sandbox/."],
      ["PUT", "/api/workspace/sandbox/.env"],
      ["PUT", "/api/workspace/sandbox/a.yaml/"],
      ["PUT", "/api/workspace/sandbox/a.yaml?x=1"],
      ["PUT", "/api/workspace/Sandbox/a.yaml"],
      ["PUT", "/api/workspace/schema/a.yaml"],
      ["PUT", `/api/workspace/sandbox/${"a".repeat(129)}`],
      ["DELETE", "/api/workspace/sandbox/a.yaml"],
      ["GET", "/api/sandboxes/x/trace/"],
      ["GET", "/api/sandboxes/x/trace?x=1"],
      ["POST", "/api/sandboxes/x/trace"],
      ["GET", "/api/sandboxes/x/picture?kind=nodes&name=n"],
      ["GET", "/api/sandboxes/x/history/"],
      ["GET", "/api/sandboxes/a%2Fb/picture"],
      ["GET", "/api/sandboxes//history"],
      ["POST", `/api/sandboxes/${"a".repeat(129)}/exec`],
    ] as const) {
      expect(matchLaneRoute(method, url), `${method} ${url}`).toBeUndefined();
    }
  });
});

describe("the build's routing rules", () => {
  it("apply the config's headers whose source matches the path", () => {
    expect(headersFor(manifest, "/api/sandboxes/x/exec")).toEqual([
      { key: "X-Frame-Options", value: "DENY" },
    ]);
  });

  it("keep the lane off when a redirect, rewrite, base path or conditional header applies", () => {
    expect(laneUnsafeReason(manifest, "/api/sandboxes/x/exec")).toBeUndefined();
    const rewrite = { source: "/api/:p*", regex: "^/api(?:/.*)?$" };
    expect(
      laneUnsafeReason(
        { ...manifest, rewrites: { beforeFiles: [rewrite], afterFiles: [], fallback: [] } },
        "/api/sandboxes/x/exec",
      ),
    ).toBe("rewrite /api/:p*");
    expect(laneUnsafeReason({ ...manifest, rewrites: [rewrite] }, "/api/sandboxes/x/exec")).toBe(
      "rewrite /api/:p*",
    );
    expect(laneUnsafeReason({ ...manifest, redirects: [rewrite] }, "/api/sandboxes/x/exec")).toBe(
      "redirect /api/:p*",
    );
    expect(laneUnsafeReason({ ...manifest, basePath: "/k" }, "/api/sandboxes/x/exec")).toBe(
      "basePath",
    );
    const conditional = { ...manifest.headers![0]!, has: [{ type: "header", key: "x" }] };
    expect(laneUnsafeReason({ headers: [conditional] }, "/api/sandboxes/x/exec")).toBe(
      "conditional headers /:path*",
    );
  });
});

describe("requestUrl", () => {
  const req = (headers: Record<string, string> = {}) =>
    ({ url: "/api/sandboxes/x/exec", headers, socket: {} }) as unknown as IncomingMessage;

  it("is built from the server's hostname and port as Next's router builds it", () => {
    expect(requestUrl(req({ host: "elsewhere:1" }), undefined, 3000)).toBe(
      "http://localhost:3000/api/sandboxes/x/exec",
    );
    expect(requestUrl(req(), "127.0.0.1", 4000)).toBe("http://127.0.0.1:4000/api/sandboxes/x/exec");
    expect(requestUrl(req(), "::1", 4000)).toBe("http://[::1]:4000/api/sandboxes/x/exec");
    expect(requestUrl(req({ "x-forwarded-proto": "https" }), "kubelab", 443)).toBe(
      "https://kubelab:443/api/sandboxes/x/exec",
    );
  });
});

describe("parseWorkerArgs", () => {
  it("reads `next start`'s arguments as the launcher passes them", () => {
    expect(
      parseWorkerArgs(["-p", "4000", "-H", "127.0.0.1", "--keepAliveTimeout", "65000"]),
    ).toEqual({
      port: 4000,
      hostname: "127.0.0.1",
      keepAliveTimeout: 65000,
    });
    expect(parseWorkerArgs([])).toEqual({
      port: 3000,
      hostname: undefined,
      keepAliveTimeout: undefined,
    });
  });
});

// A stand-in route: echoes what it received; "throw" makes it throw, "big" answers 4 KiB.
const ROUTE = `
let loaded = false;
exports.routeModule = {
  async ensureUserland() { await new Promise((r) => setTimeout(r, 5)); loaded = true; },
  get userland() {
    if (!loaded) throw new Error("The lazy module is still loading");
    return {
      async POST(request, { params }) {
        const { id } = await params;
        // The lane hands the body over read (readJsonBody's BUFFERED_BODY), with no stream.
        const buffered = request[Symbol.for("kubelab.http.bufferedBody")];
        const text = buffered ? Buffer.from(buffered).toString() : "";
        if (text === "throw") throw new Error("route bug");
        const body = JSON.stringify({
          id, url: request.url, method: request.method, bytes: Buffer.byteLength(text),
          cookie: request.headers.get("cookie"), big: text.startsWith("big") ? "x".repeat(4096) : undefined,
          stream: request.body != null, lane: request[Symbol.for("kubelab.http.laneRequest")],
          webHeaders: request.headers instanceof Headers,
        });
        // "big-nt": a large answer marked no-transform, which is never compressed.
        const cacheControl = text === "big-nt" ? "no-store, no-transform" : "no-store";
        const headers = new Headers({ "content-type": "application/json", "cache-control": cacheControl });
        headers.append("set-cookie", "a=1; Path=/");
        headers.append("set-cookie", "b=2; Path=/");
        const response = new Response(body, { status: id === "missing" ? 404 : 200, headers });
        // jsonResponse's JSON_TEXT, except for "big" (a Response whose body stream is read).
        if (text !== "big") response[Symbol.for("kubelab.http.jsonText")] = body;
        return response;
      },
    };
  },
};`;

let dir = "";
let server: Server;
let base = "";
const logged: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "kubelab-fast-lane-"));
  const distDir = path.join(dir, ".next");
  const routeDir = path.join(distDir, "server", "app", "api", "sandboxes", "[id]");
  mkdirSync(path.join(routeDir, "exec"), { recursive: true });
  mkdirSync(path.join(routeDir, "complete"), { recursive: true });
  writeFileSync(path.join(distDir, "package.json"), '{"type":"commonjs"}');
  writeFileSync(path.join(distDir, "routes-manifest.json"), JSON.stringify(manifest));
  writeFileSync(path.join(routeDir, "exec", "route.js"), ROUTE);
  // A build whose route has no POST: the lane answers 500 and says why.
  writeFileSync(path.join(routeDir, "complete", "route.js"), "exports.routeModule = {};");

  server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  const lane = createFastLane({
    distDir,
    hostname: "127.0.0.1",
    port,
    compress: true,
    log: (m) => logged.push(m),
  })!;
  server.on("request", (req, res) => {
    if (lane.serve(req, res)) return;
    res.end("next");
  });
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const post = (url: string, body: string | Buffer, headers: Record<string, string> = {}) =>
  undiciRequest(`${base}${url}`, { method: "POST", body, headers: { cookie: "s=1", ...headers } });

describe("the lane in a server", () => {
  it("calls the built route's POST with the request, and writes its answer", async () => {
    const res = await post("/api/sandboxes/sb1/exec", "hello");
    const text = await res.body.text();
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(text)).toEqual({
      id: "sb1",
      url: `${base}/api/sandboxes/sb1/exec`,
      method: "POST",
      bytes: 5,
      cookie: "s=1",
      // Not a web Request: no body stream, the lane's mark, the headers a web Headers.
      stream: false,
      lane: true,
      webHeaders: true,
    });
    expect(res.headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["x-docs"]).toBeUndefined();
    expect(res.headers["vary"]).toMatch(/^rsc, next-router-state-tree, /);
    expect(res.headers["content-length"]).toBe(String(Buffer.byteLength(text)));
    expect((await post("/api/sandboxes/missing/exec", "")).statusCode).toBe(404);
  });

  it("leaves other requests to the next handler", async () => {
    const res = await post("/api/sandboxes/sb1/exec?x=1", "");
    expect(await res.body.text()).toBe("next");
  });

  it("gzips a large answer for a client that accepts gzip, in one call with its length", async () => {
    const res = await post("/api/sandboxes/sb1/exec", "big", { "accept-encoding": "gzip" });
    const body = Buffer.from(await res.body.arrayBuffer());
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["vary"]).toMatch(/, Accept-Encoding$/);
    expect(res.headers["content-length"]).toBe(String(body.length));
    expect(JSON.parse(gunzipSync(body).toString()).big).toHaveLength(4096);
  });

  it("leaves an Accept-Encoding with q-values to Next's compression middleware (chunked)", async () => {
    const res = await post("/api/sandboxes/sb1/exec", "big", { "accept-encoding": "gzip;q=1" });
    const body = Buffer.from(await res.body.arrayBuffer());
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["vary"]).toMatch(/, Accept-Encoding$/);
    expect(res.headers["content-length"]).toBeUndefined();
    expect(JSON.parse(gunzipSync(body).toString()).big).toHaveLength(4096);
  });

  it("sends a no-transform answer as it is, large or not, whatever the client accepts", async () => {
    const res = await post("/api/sandboxes/sb1/exec", "big-nt", { "accept-encoding": "gzip" });
    const text = await res.body.text();
    expect(res.headers["content-encoding"]).toBeUndefined();
    expect(res.headers["vary"]).not.toMatch(/Accept-Encoding/);
    expect(res.headers["content-length"]).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text).big).toHaveLength(4096);
  });

  it("hands the route at most BODY_CAP + 1 bytes of a longer body, and keeps the connection", async () => {
    const res = await post("/api/sandboxes/sb1/exec", Buffer.alloc(BODY_CAP + 100_000, 0x20));
    expect(JSON.parse(await res.body.text()).bytes).toBeGreaterThan(BODY_CAP);
    expect(JSON.parse(await (await post("/api/sandboxes/sb1/exec", "ok")).body.text()).bytes).toBe(
      2,
    );
  });

  it("answers 500 when the route throws or the build has no handler, and serves on", async () => {
    const thrown = await post("/api/sandboxes/sb1/exec", "throw");
    expect(thrown.statusCode).toBe(500);
    expect(await thrown.body.text()).toBe("Internal Server Error");
    const noHandler = await post("/api/sandboxes/sb1/complete", "{}");
    expect(noHandler.statusCode).toBe(500);
    await noHandler.body.text();
    expect(logged.join("\n")).toContain("route bug");
    expect(logged.join("\n")).toContain("no routeModule.userland.POST");
    expect((await post("/api/sandboxes/sb1/exec", "ok")).statusCode).toBe(200);
  });
});

describe("webHeaders (the route's view of the request headers)", () => {
  // As the lane built them before: every header copied into a web Headers.
  const copied = (node: IncomingMessage["headers"]) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(node)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else headers.set(name, value);
    }
    return headers;
  };
  const node = {
    cookie: "next-auth.session-token=abc; theme=dark",
    origin: "http://localhost:3000",
    "content-type": "application/json",
    "x-padded": "  spaced\t",
    "set-cookie": ["a=1", "b=2"],
    "x-absent": undefined,
  } as unknown as IncomingMessage["headers"];
  const names = ["cookie", "Cookie", "ORIGIN", "content-type", "x-padded", "set-cookie"];
  const absent = ["authorization", "x-absent", "x-forwarded-for"];

  it("answers get and has as the copied Headers does, and is a web Headers", () => {
    const lazy = webHeaders({ headers: node } as IncomingMessage);
    const full = copied(node);
    expect(lazy).toBeInstanceOf(Headers);
    for (const name of [...names, ...absent]) {
      expect(lazy.get(name)).toBe(full.get(name));
      expect(lazy.has(name)).toBe(full.has(name));
    }
    // An invalid name throws as it does on any Headers.
    expect(() => lazy.get("bad name")).toThrow(TypeError);
    expect(() => full.get("bad name")).toThrow(TypeError);
  });

  it("iterates, lists cookies and changes as the copied Headers does", () => {
    const full = copied(node);
    const read = (h: Headers) => ({
      entries: [...h],
      keys: [...h.keys()],
      values: [...h.values()],
      setCookie: h.getSetCookie(),
      each: (() => {
        const seen: string[] = [];
        h.forEach((v, k) => seen.push(`${k}=${v}`));
        return seen;
      })(),
    });
    expect(read(webHeaders({ headers: node } as IncomingMessage))).toEqual(read(full));
    // A change after reads: the Headers' own from then on.
    const lazy = webHeaders({ headers: node } as IncomingMessage);
    expect(lazy.get("cookie")).toBe(full.get("cookie"));
    lazy.set("cookie", "x=1");
    lazy.append("x-new", "1");
    lazy.delete("origin");
    expect(lazy.get("cookie")).toBe("x=1");
    expect(lazy.get("x-new")).toBe("1");
    expect(lazy.has("origin")).toBe(false);
    expect(lazy.get("content-type")).toBe("application/json");
  });
});
