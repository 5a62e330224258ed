// The terminal's hot endpoints served straight from node:http, in front of Next's
// request handler in the same worker process (docs/architecture.md, "The path of one
// kubectl command"). Next's per-request machinery (router, route runtime, tracing,
// web-stream adapters) cost about half of a small command's app CPU; this lane keeps
// only what the answer depends on and calls THE SAME compiled route handler Next
// calls: the route module is required from `.next/server` through Node's require
// cache, exactly the module instance Next loads, so authentication, CSRF, rate
// limits, body limits, validation, error mapping and the sandbox cache are the
// route's own, not copies. Around the handler the lane does what Next does for these
// routes: the config's headers() (from the build's routes manifest), gzip as Next's own
// compression middleware gzips when `compress` is on (gzip-answer.mjs), the request URL
// as Next builds it. Anything it is not sure of goes to Next unchanged.
//
// Plain JavaScript: the workers run it without tsx (fast-lane.d.mts types it).
import { createRequire } from "node:module";
import path from "node:path";
import { createForwarder, LOCAL, LOST, lostAnswer, ownerIndex, WORKER_HEADER } from "./sticky.mjs";
import { endCompressible } from "./gzip-answer.mjs";

// Next's own modules, resolved from here (the build folder may live elsewhere).
const nextRequire = createRequire(import.meta.url);

/**
 * Routes the lane serves → the built route module: POST `/api/sandboxes/:id/<name>`, and
 * GET `/api/labs/:labId/sandbox` ("lab-sandbox"), the lab page's open, which a class sends
 * at the same minute: through Next it paid the router and route runtime on a new
 * connection per learner. It names no sandbox, so it is never forwarded: the open runs
 * where it lands and creates the sandbox with an id this worker owns (new-id.ts).
 */
export const LANE_ROUTES = {
  exec: "app/api/sandboxes/[id]/exec/route.js",
  // PATH_ROUTES: the terminal's history, read when a lab page's terminal opens.
  "sandbox-history": "app/api/sandboxes/[id]/history/route.js",
  // PATH_ROUTES: the editor's files, read when a lab page opens (its editor loads hidden).
  "workspace-files": "app/api/workspace/[workspace]/route.js",
  // PATH_ROUTES: the editor's autosave, every few seconds while a learner types.
  "workspace-file": "app/api/workspace/[workspace]/[file]/route.js",
  // PATH_ROUTES: the request trace a learner opens after a command. It reads only rows
  // (the sandbox's log), never the sandbox's copy: like the history, it runs anywhere.
  "sandbox-trace": "app/api/sandboxes/[id]/trace/route.js",
  complete: "app/api/sandboxes/[id]/complete/route.js",
  "lab-sandbox": "app/api/labs/[labId]/sandbox/route.js",
  // PATH_ROUTES beside the OWNER_ROUTES ones (lab-check, quiz-submit).
  "quiz-start": "app/api/quiz/attempts/route.js",
  "quiz-answers": "app/api/quiz/attempts/[id]/answers/route.js",
};

/**
 * Routes Next serves that hand their work to the sandbox's owner once they know the
 * sandbox (STICKY_HOOK): the owner runs the same compiled route handler (here, in the
 * lane), marked FORWARDED so that it runs it itself.
 */
export const OWNER_ROUTES = {
  "lab-check": "app/api/labs/[labId]/check/route.js",
  "lab-control": "app/api/labs/[labId]/control/route.js",
  "lab-reset": "app/api/labs/[labId]/reset/route.js",
  "sandbox-picture": "app/api/sandboxes/[id]/picture/route.js",
  "sandbox-shell": "app/api/sandboxes/[id]/shell/route.js",
  "sandbox-edit": "app/api/sandboxes/[id]/edit/route.js",
  "sandbox-reset": "app/api/sandboxes/[id]/reset/route.js",
  "quiz-submit": "app/api/quiz/attempts/[id]/submit/route.js",
  "sandbox-stream": "app/api/sandboxes/[id]/stream/route.js",
};

/**
 * Owner routes whose answer is a stream (SSE): run for another worker, the body goes back
 * as it is produced (lane-streams.mjs), not once it has ended.
 */
const STREAMED_ROUTES = new Set(["sandbox-stream"]);

/** The methods an owner route may be forwarded with (each its own handler in the module). */
const OWNER_METHODS = new Set(["GET", "POST"]);

/**
 * Registered symbols shared with the app's bundle (lib/terminal/sandbox-owner-worker.ts): the
 * worker's forwarding for routes Next serves, and the mark on a request an owner runs for
 * another worker.
 */
export const STICKY_HOOK = Symbol.for("kubelab.lane.sticky");
export const FORWARDED = Symbol.for("kubelab.lane.forwarded");

// Sandbox ids are cuids/uuids: anything else (encoded characters, dots) goes to Next,
// which decodes and normalises paths in ways the lane does not repeat.
const LANE_PATH = /^\/api\/sandboxes\/([A-Za-z0-9_-]{1,128})\/(exec|complete)$/;

/**
 * The other endpoints a learner calls besides commands, served by the lane too: the lab
 * page's open (see LANE_ROUTES), the terminal's history and request trace, the editor's
 * files and autosave, the cluster picture's poll, 채점
 * and the quiz's overview, start, save and submit. Through Next each paid the router and
 * the route runtime (about as much app CPU as the route's own work for a save). The lane
 * never forwards them itself: 채점, the submit and the picture hand themselves to the
 * sandbox's owner once the route knows it (STICKY_HOOK), as they do under Next; the
 * history and the trace only read rows, anywhere.
 * `name` is an OWNER_ROUTES or LANE_ROUTES key, `params` the path parameters' names in
 * order, `sample` a path to test the build's routing rules against (a rule that would
 * apply leaves the route to Next). Ids as for sandboxes, lab ids kebab-case
 * (lab-schema.ts); anything else, a query string included (but the quiz overview's own),
 * goes to Next.
 */
const PATH_ROUTES = [
  {
    method: "GET",
    pattern: /^\/api\/labs\/([a-z0-9-]{1,128})\/sandbox$/,
    name: "lab-sandbox",
    params: ["labId"],
    sample: "/api/labs/x/sandbox",
  },
  {
    // The lab page's terminal history (once per open) and the cluster picture's poll (every
    // 3 s while its tab shows; the picture hands itself to the sandbox's owner, STICKY_HOOK).
    // The picture of one object (a query string) stays with Next.
    method: "GET",
    pattern: /^\/api\/sandboxes\/([A-Za-z0-9_-]{1,128})\/history$/,
    name: "sandbox-history",
    params: ["id"],
    sample: "/api/sandboxes/x/history",
  },
  {
    method: "GET",
    pattern: /^\/api\/sandboxes\/([A-Za-z0-9_-]{1,128})\/trace$/,
    name: "sandbox-trace",
    params: ["id"],
    sample: "/api/sandboxes/x/trace",
  },
  {
    method: "GET",
    pattern: /^\/api\/sandboxes\/([A-Za-z0-9_-]{1,128})\/picture$/,
    name: "sandbox-picture",
    params: ["id"],
    sample: "/api/sandboxes/x/picture",
  },
  {
    // Workspace ids are lab ids or "sandbox"; /api/workspace/schema is another route's.
    method: "GET",
    pattern: /^\/api\/workspace\/(?!schema$)([a-z0-9-]{1,128})$/,
    name: "workspace-files",
    params: ["workspace"],
    sample: "/api/workspace/x",
  },
  {
    // The editor's autosave of one file. Names the route's own check allows (file-path.ts)
    // that need no percent-encoding and are no dot segment: what Next hands the route is
    // then the name itself, decoded or not. Others (Korean names, a leading dot, any %)
    // go to Next, which decodes and normalises paths in ways the lane does not repeat.
    method: "PUT",
    pattern:
      /^\/api\/workspace\/(?!schema\/)([a-z0-9-]{1,128})\/([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/,
    name: "workspace-file",
    params: ["workspace", "file"],
    sample: "/api/workspace/x/y",
  },
  {
    method: "POST",
    pattern: /^\/api\/labs\/([a-z0-9-]{1,128})\/check$/,
    name: "lab-check",
    params: ["labId"],
    sample: "/api/labs/x/check",
  },
  {
    // The quiz page's overview: its one query string exactly as the page sends it
    // (URLSearchParams of kebab-case ids, quiz-client-api.ts); any other goes to Next.
    method: "GET",
    pattern: /^\/api\/quiz\/attempts\?courseId=[a-z0-9-]{1,128}&sessionId=[a-z0-9-]{1,128}$/,
    name: "quiz-start",
    params: [],
    sample: "/api/quiz/attempts",
  },
  {
    method: "POST",
    pattern: /^\/api\/quiz\/attempts$/,
    name: "quiz-start",
    params: [],
    sample: "/api/quiz/attempts",
  },
  {
    method: "PUT",
    pattern: /^\/api\/quiz\/attempts\/([A-Za-z0-9_-]{1,128})\/answers$/,
    name: "quiz-answers",
    params: ["id"],
    sample: "/api/quiz/attempts/x/answers",
  },
  {
    method: "POST",
    pattern: /^\/api\/quiz\/attempts\/([A-Za-z0-9_-]{1,128})\/submit$/,
    name: "quiz-submit",
    params: ["id"],
    sample: "/api/quiz/attempts/x/submit",
  },
];

/**
 * The most body bytes the lane buffers before handing the request to the route. Above
 * every lane route's own limit (exec: 2 MiB + 128 KiB): a longer body is cut here at
 * BODY_CAP + 1 bytes, which the route refuses with its 413 exactly as it refuses the
 * whole body, while the rest is read off the connection and dropped, never held.
 */
export const BODY_CAP = 4 * 1024 * 1024;

/**
 * Registered symbols shared with the route's bundle (lib/http): the body the lane read,
 * handed to readJsonBody beside a Request without a body stream (read-json-body.ts
 * BUFFERED_BODY), and jsonResponse's JSON text, written as it is (json-response.ts
 * JSON_TEXT). The lane routes read their body only through readJsonBody.
 */
export const BUFFERED_BODY = Symbol.for("kubelab.http.bufferedBody");
export const JSON_TEXT = Symbol.for("kubelab.http.jsonText");
/**
 * Marks the request the lane hands to a route (json-response.ts LANE_REQUEST): jsonResponse
 * for such a request builds its Response without a body stream, since the lane writes
 * JSON_TEXT and never reads the body (a string body's stream was ~20 µs per answer).
 */
export const LANE_REQUEST = Symbol.for("kubelab.http.laneRequest");

// Cache-Control's no-transform as the compression middleware tests it (compression's `u`).
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/;

/**
 * Which lane route, if any, answers this request; undefined leaves it to Next. `id`: the
 * sandbox (a sandbox's routes go to its owner worker); `params`: a PATH_ROUTES route's own.
 */
export function matchLaneRoute(method, url) {
  if (typeof url !== "string") return undefined;
  if (method === "POST") {
    const m = LANE_PATH.exec(url);
    if (m) return { id: m[1], name: m[2] };
  }
  for (const route of PATH_ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(url);
    if (!m) continue;
    const params = {};
    route.params.forEach((name, i) => (params[name] = m[i + 1]));
    return { name: route.name, params };
  }
  return undefined;
}

/** A lane route that names a sandbox (the only ones another worker forwards), else undefined. */
const sandboxRoute = (route) => (route?.id === undefined ? undefined : route);

/** The header rules of next.config's headers() that apply to `pathname`, from the routes manifest. */
export function headersFor(manifest, pathname) {
  const out = [];
  for (const rule of manifest.headers ?? []) {
    if (new RegExp(rule.regex).test(pathname)) out.push(...rule.headers);
  }
  return out;
}

/**
 * Whether Next would route `samplePath` anywhere but to the route file: a redirect,
 * a rewrite, a base path, i18n or a conditional header rule (has/missing) would, and
 * the lane does not repeat them - then it stays off.
 */
export function laneUnsafeReason(manifest, samplePath) {
  if (manifest.basePath) return "basePath";
  if (manifest.i18n) return "i18n";
  for (const rule of manifest.redirects ?? []) {
    if (new RegExp(rule.regex).test(samplePath)) return `redirect ${rule.source}`;
  }
  const rewrites = Array.isArray(manifest.rewrites)
    ? manifest.rewrites
    : [
        ...(manifest.rewrites?.beforeFiles ?? []),
        ...(manifest.rewrites?.afterFiles ?? []),
        ...(manifest.rewrites?.fallback ?? []),
      ];
  for (const rule of rewrites) {
    if (new RegExp(rule.regex).test(samplePath)) return `rewrite ${rule.source}`;
  }
  for (const rule of manifest.headers ?? []) {
    if ((rule.has?.length || rule.missing?.length) && new RegExp(rule.regex).test(samplePath)) {
      return `conditional headers ${rule.source}`;
    }
  }
  return undefined;
}

/** `http://localhost:3000/...` as Next's router builds the route's request URL. */
export function requestUrl(req, hostname, port) {
  const https =
    req.socket?.encrypted || String(req.headers["x-forwarded-proto"] ?? "").includes("https");
  const host = hostname && hostname.includes(":") ? `[${hostname}]` : hostname || "localhost";
  return `${https ? "https" : "http"}://${host}:${port}${req.url}`;
}

// A header name as the Fetch standard accepts it (a token); others make Headers throw.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// What Headers strips from both ends of a value (HTTP whitespace).
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const OWN = Symbol("own");

/**
 * The request's headers as a web Headers (repeated headers joined as Node joins them),
 * read from Node's parsed headers without copying them: `get` and `has` - all a lane route
 * calls, a handful of times per request - look the name up in `req.headers`; anything else
 * (iteration, getSetCookie, a change) first copies every header into the Headers itself,
 * as it was built before, and then is the Headers' own. Copying them all on every request
 * (a name check and a value normalisation per header) cost more than the route's reads.
 * A subclass of the web Headers, so `instanceof Headers` (next-auth's getToken) holds.
 */
class NodeRequestHeaders extends Headers {
  #node;
  #copied = false;

  constructor(node) {
    super();
    this.#node = node;
  }

  #copy() {
    if (this.#copied) return;
    this.#copied = true;
    for (const [name, value] of Object.entries(this.#node)) {
      if (value === undefined) continue;
      if (Array.isArray(value)) for (const v of value) super.append(name, v);
      else super.set(name, value);
    }
  }

  /** Node's value for a valid name (null: absent), or OWN: the Headers' own answer is needed. */
  #lookup(name) {
    const key = String(name);
    if (this.#copied || !HEADER_NAME.test(key)) return OWN;
    const value = this.#node[key.toLowerCase()];
    if (value === undefined) return null;
    // set-cookie (the one header Node keeps as a list): joined as Headers joins it.
    const text = Array.isArray(value) ? value.join(", ") : value;
    return text.replace(EDGE_WHITESPACE, "");
  }

  get(name) {
    const value = this.#lookup(name);
    if (value !== OWN) return value;
    this.#copy();
    return super.get(name);
  }

  has(name) {
    const value = this.#lookup(name);
    if (value !== OWN) return value !== null;
    this.#copy();
    return super.has(name);
  }

  set(name, value) {
    this.#copy();
    super.set(name, value);
  }

  append(name, value) {
    this.#copy();
    super.append(name, value);
  }

  delete(name) {
    this.#copy();
    super.delete(name);
  }

  getSetCookie() {
    this.#copy();
    return super.getSetCookie();
  }

  entries() {
    this.#copy();
    return super.entries();
  }

  keys() {
    this.#copy();
    return super.keys();
  }

  values() {
    this.#copy();
    return super.values();
  }

  forEach(callback, thisArg) {
    this.#copy();
    super.forEach(callback, thisArg);
  }

  [Symbol.iterator]() {
    this.#copy();
    return super[Symbol.iterator]();
  }
}

/** The request's headers as a web Headers (see NodeRequestHeaders). */
export function webHeaders(req) {
  return new NodeRequestHeaders(req.headers);
}

/** The body, or its first BODY_CAP + 1 bytes; null when the request sent none. */
function readBody(req, cap = BODY_CAP) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    const detach = () => {
      req.off("data", onData);
      req.off("end", done);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const done = () => {
      detach();
      resolve(size === 0 ? null : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
    };
    const onData = (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size > cap) {
        // Enough to be refused: the rest is read and dropped (as Next reads it all),
        // so the connection stays usable for the next request.
        done();
        req.resume();
      }
    };
    const onError = (error) => {
      detach();
      reject(error);
    };
    // A client gone before its body ended: Node may say so with `close` alone.
    const onClose = () => onError(new Error("the connection closed before the body ended"));
    req.on("data", onData);
    req.on("end", done);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

/**
 * What the lane hands to the route as its request: the method, Next's URL and a web Headers
 * (next-auth's getToken checks `instanceof Headers`), the body already read (BUFFERED_BODY)
 * and the LANE_REQUEST mark. Not a web Request: building one cost a URL parse, an
 * AbortSignal and a copy of every header (~15 µs, more under load) on every command, and the
 * lane routes read nothing else of it - their body only through readJsonBody, never
 * `request.body`, `signal`, `json()` or `clone()` (tests/integration/fast-lane.test.ts
 * holds the lane's answers equal to Next's).
 */
export function laneRequest(req, url, body) {
  return {
    method: req.method,
    url,
    headers: webHeaders(req),
    [BUFFERED_BODY]: body,
    [LANE_REQUEST]: true,
  };
}

/**
 * A route's web Response as the lane carries it: status, headers as a flat list (name,
 * value, ...; each Set-Cookie its own entry) and the body's bytes (null: none). The same
 * shape comes back from an owner worker (sticky.mjs), so both are written alike. With
 * `streamed`, a body stream is left unread as `stream` (body null): it is sent as produced.
 */
export async function answerOf(response, leading = [], streamed = false) {
  const headers = [...leading];
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") continue;
    headers.push(name, value);
  }
  for (const cookie of response.headers.getSetCookie()) headers.push("set-cookie", cookie);
  // jsonResponse's text is the body: the body stream stays unread (and is collected).
  const text = response[JSON_TEXT];
  if (streamed && typeof text !== "string" && response.body) {
    return { status: response.status, headers, body: null, stream: response.body };
  }
  const body =
    typeof text === "string"
      ? Buffer.from(text, "utf8")
      : response.body
        ? Buffer.from(await response.arrayBuffer())
        : null;
  return { status: response.status, headers, body };
}

/** The value of header `name` (lower case) in a flat list, or undefined. */
function headerIn(headers, name) {
  for (let i = 0; i < headers.length; i += 2) {
    if (headers[i].toLowerCase() === name) return headers[i + 1];
  }
  return undefined;
}

/** Whether the compression middleware could compress this answer (it never does no-transform ones). */
function mayCompress(headers) {
  const cacheControl = headerIn(headers, "cache-control");
  return !cacheControl || !NO_TRANSFORM.test(cacheControl);
}

/**
 * Sets an answer's status and headers on Node's response. Set-Cookie keeps its separate
 * values; a later value of another header replaces an earlier one (as setHeader does).
 */
function setAnswerHead(answer, res) {
  res.statusCode = answer.status;
  const cookies = [];
  const { headers } = answer;
  for (let i = 0; i < headers.length; i += 2) {
    const name = headers[i];
    if (name.toLowerCase() === "set-cookie") cookies.push(headers[i + 1]);
    else res.setHeader(name, headers[i + 1]);
  }
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
}

/**
 * Writes the body in one `end`, with its Content-Length (Next streams route answers
 * chunked; the length saves the client the chunk parsing and is the one visible difference).
 */
function endWithBody(body, res) {
  // Stated explicitly: the compression middleware sends the head before Node could add it.
  // When it compresses, it removes the header (and the answer goes out chunked).
  if (!res.hasHeader("content-length")) res.setHeader("content-length", body?.length ?? 0);
  res.end(body ?? undefined);
}

/**
 * The lane for one worker. `distDir` is the build (`.next`), `hostname`/`port` as the
 * server listens (they make the request URL), `compress` Next's loaded config value.
 * Returns undefined (with the reason logged) when the build is not one the lane can
 * serve; the worker then sends everything to Next.
 */
export function createFastLane({ distDir, hostname, port, compress, log, sticky, workerTag }) {
  const require = createRequire(path.join(distDir, "server", "noop.js"));
  const manifest = require(path.join(distDir, "routes-manifest.json"));
  const unsafe = laneUnsafeReason(manifest, "/api/sandboxes/x/exec");
  if (unsafe) {
    log(`빠른 경로를 끕니다: 라우팅 규칙(${unsafe})이 터미널 경로에 적용됩니다`);
    return undefined;
  }
  const sandboxHeaders = headersFor(manifest, "/api/sandboxes/x/exec");
  // Each PATH_ROUTES route with its own header rules, unless a routing rule applies to
  // its path: then Next serves it (and the lane says so once).
  const pathRoutes = new Map();
  for (const r of PATH_ROUTES) {
    const why = laneUnsafeReason(manifest, r.sample);
    if (why) log(`빠른 경로에서 뺍니다 (${r.sample}): 라우팅 규칙(${why})이 적용됩니다`);
    else pathRoutes.set(r.name, headersFor(manifest, r.sample));
  }
  const extraHeadersOf = (route) =>
    route.id !== undefined ? sandboxHeaders : (pathRoutes.get(route.name) ?? []);
  // Next's Vary on every app-router answer (base-server's setVaryHeader), from its constants.
  const h = nextRequire("next/dist/client/components/app-router-headers");
  const vary = [
    h.RSC_HEADER,
    h.NEXT_ROUTER_STATE_TREE_HEADER,
    h.NEXT_ROUTER_PREFETCH_HEADER,
    h.NEXT_ROUTER_SEGMENT_PREFETCH_HEADER,
  ].join(", ");
  const compressionModule = compress ? nextRequire("next/dist/compiled/compression") : undefined;
  const compression = compressionModule?.();
  // The middleware's own Content-Type filter, for the answers gzipped in one call.
  const compressible = compressionModule?.filter;
  const { releaseCompressionStream } = compress
    ? nextRequire("next/dist/server/lib/release-compression-stream")
    : { releaseCompressionStream: undefined };

  // Each route module is required on its first request, as Next requires it; Next 16
  // loads the route's own code lazily (routeModule.ensureUserland) before `userland`.
  const handlers = new Map();
  // The handlers once loaded: every later request calls them without awaiting the load.
  const loaded = new Map();
  // Keyed by route name and method ("exec POST", "sandbox-picture GET").
  const handlerOf = (key) => {
    let handler = handlers.get(key);
    if (!handler) {
      handler = (async () => {
        const [name, method] = key.split(" ");
        const file = LANE_ROUTES[name] ?? OWNER_ROUTES[name];
        const routeModule = require(path.join(distDir, "server", file))?.routeModule;
        await routeModule?.ensureUserland?.();
        const fn = routeModule?.userland?.[method];
        if (typeof fn !== "function") {
          throw new Error(`${file}: no routeModule.userland.${method} in the build`);
        }
        loaded.set(key, fn);
        return fn;
      })();
      // A failed load is retried by the next request rather than remembered.
      handler.catch(() => handlers.delete(key));
      handlers.set(key, handler);
    }
    return handler;
  };

  // Each sandbox's requests to its owner worker (sticky.mjs); none with one worker.
  const forwarder = sticky ? createForwarder(sticky) : undefined;

  /** Serves the request when it is the lane's; false leaves it (untouched) to Next. */
  function serve(req, res) {
    const route = matchLaneRoute(req.method, req.url);
    if (!route || (route.id === undefined && !pathRoutes.has(route.name))) return false;
    void answer(req, res, route);
    return true;
  }

  // The serving worker's name on lane answers (tests only), first among the route's headers.
  const tagHeaders = workerTag ? [WORKER_HEADER, workerTag] : [];

  /**
   * Runs the route here: `req` needs only `method` and Node's `headers` (an owner worker
   * gets them from the forwarding worker's frame), `url` is the request URL as Next builds it.
   */
  async function run(route, req, url, body, forwarded = false) {
    const key = `${route.name} ${req.method}`;
    const handler = loaded.get(key) ?? (await handlerOf(key));
    const request = laneRequest(req, url, body);
    if (forwarded) request[FORWARDED] = true;
    const response = await handler(request, {
      params: Promise.resolve(route.params ?? { id: route.id }),
    });
    return answerOf(response, tagHeaders, forwarded && STREAMED_ROUTES.has(route.name));
  }

  /**
   * A request another worker forwarded (sticky.mjs createLaneServer): served here, never
   * forwarded again; the answer goes back uncompressed (the worker holding the client's
   * connection compresses it as it would its own).
   */
  function serveForwarded(head, body) {
    const route =
      head.r !== undefined
        ? Object.hasOwn(OWNER_ROUTES, head.r) && OWNER_METHODS.has(head.m)
          ? { name: head.r, params: head.a }
          : undefined
        : sandboxRoute(matchLaneRoute(head.m, head.p));
    if (!route) throw new Error(`not a lane route: ${head.m} ${head.p}`);
    return run(route, { method: head.m, headers: head.h }, head.u, body, true);
  }

  if (forwarder) {
    // A route Next serves asks here to run on the sandbox's owner (OWNER_ROUTES).
    globalThis[STICKY_HOOK] = {
      /** The owner's answer, "local" (serve it here) or "lost" (the owner took it and died). */
      async forward({ route, sandboxId, params, method, url, headers }, body) {
        if (!Object.hasOwn(OWNER_ROUTES, route) || !OWNER_METHODS.has(method)) return "local";
        const owner = ownerIndex(sandboxId, sticky.workers);
        if (owner === sticky.index) return "local";
        const path = new URL(url).pathname;
        const head = { m: method, p: path, u: url, h: headers, r: route, a: params };
        const result = await forwarder.forward(owner, head, body ?? null);
        if (result === LOCAL) return "local";
        if (result === LOST) return { ...lostAnswer(), lost: true };
        return result;
      },
    };
  }

  async function answer(req, res, route) {
    // As Next's router: socket errors of one request are that request's business.
    req.on("error", () => {});
    res.on("error", () => {});
    try {
      // A route that names no sandbox forwards itself once it knows one (STICKY_HOOK).
      const owner = route.id === undefined ? undefined : forwarder?.ownerOf(req, route.id);
      const body = await readBody(req);
      const url = requestUrl(req, hostname, port);
      let result = LOCAL;
      if (owner !== undefined) {
        const head = { m: req.method, p: req.url, u: url, h: req.headers };
        result = await forwarder.forward(owner, head, body);
      }
      // When the owner cannot be reached, this worker serves; when it took the request and
      // was lost, the command may have run: a clear error, never a second run here.
      if (result === LOST) result = lostAnswer();
      else if (result === LOCAL) result = await run(route, req, url, body);
      for (const { key, value } of extraHeadersOf(route)) res.setHeader(key, value);
      res.setHeader("vary", vary);
      setAnswerHead(result, res);
      // The middleware decides when the head is written, from the answer's headers alone:
      // put in front of a no-transform answer (every small JSON one) it would only wrap
      // res's methods for nothing, so it is attached only to answers it may compress.
      if (compression && mayCompress(result.headers)) {
        // The whole body is in hand: gzipped in one call where the middleware's own
        // decision can be made without it (gzip-answer.mjs), else by the middleware.
        if (endCompressible(req, res, result.body, compressible)) return;
        compression(req, res, () => {});
        res.once("close", () => {
          if (!res.writableFinished) releaseCompressionStream(res);
        });
      }
      endWithBody(result.body, res);
    } catch (error) {
      // The route maps its own errors; this is the lane's, or a client that left (not logged,
      // as Next does not log it).
      if (req.socket && !req.socket.destroyed) {
        log(
          `빠른 경로 요청 실패 ${req.url}: ${error instanceof Error ? error.stack : String(error)}`,
        );
      }
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal Server Error");
      } else {
        res.destroy();
      }
    }
  }

  return {
    serve,
    serveForwarded,
    close: () => {
      forwarder?.close();
      delete globalThis[STICKY_HOOK];
    },
  };
}
