// A route's work run on the web worker that owns the sandbox (docs/deployment.md,
// "Sticky sandboxes"). The terminal's commands of a sandbox are served by one owner
// worker, which keeps the sandbox decoded in its cache; any other request that loads the
// sandbox (채점, the cluster picture, a shell line, a saved edit, the lab's control panel)
// and landed on another worker would load a second copy there (a whole load, memory, and
// a catch-up written from a copy the owner's next command makes stale). Next serves
// these routes, so the route itself hands the request over once it knows the sandbox:
// the worker's lane (server/fast-lane/fast-lane.mjs STICKY_HOOK) sends it to the owner,
// which runs the same route handler, marked FORWARDED so that it does the work itself.
// The answer comes back as status, headers and bytes, and Next writes it here exactly as
// it writes the route's own. Without several sticky workers (one worker, `next dev`,
// tests) there is no hook and the route runs here.

import { readAtMost } from "@/lib/http/read-at-most";

/** fast-lane.mjs STICKY_HOOK and FORWARDED (registered symbols: the lane is not bundled). */
const STICKY_HOOK = Symbol.for("kubelab.lane.sticky");
const FORWARDED = Symbol.for("kubelab.lane.forwarded");
/** lib/http/read-json-body.ts BUFFERED_BODY: a body already read, handed to readJsonBody. */
const BUFFERED_BODY = Symbol.for("kubelab.http.bufferedBody");

interface OwnerAnswer {
  status: number;
  /** name, value, name, value... (each Set-Cookie its own pair) */
  headers: string[];
  body: Uint8Array | null;
  /** A streamed answer's bytes as the owner produces them (the terminal's watch; body null). */
  stream?: ReadableStream<Uint8Array>;
}

interface StickyHook {
  forward(
    request: {
      route: string;
      sandboxId: string;
      params: Record<string, string>;
      method: string;
      url: string;
      headers: Record<string, string>;
    },
    body: Uint8Array | null,
  ): Promise<OwnerAnswer | "local">;
}

type MarkedRequest = Request & { [FORWARDED]?: boolean; [BUFFERED_BODY]?: Uint8Array | null };

/**
 * The body's bytes, at most `limit` + 1 of them: one byte more than the route accepts is
 * enough for its 413 (on the owner as here), and a client cannot make a worker hold more
 * than that for a request it forwards. null when the request has no body.
 */
async function bodyBytes(request: Request, limit: number): Promise<Uint8Array | null> {
  if (!request.body) return null;
  const { bytes } = await readAtMost(request.body, limit);
  if (bytes.byteLength === 0) return null;
  return bytes.byteLength > limit + 1 ? bytes.subarray(0, limit + 1) : bytes;
}

/**
 * Reads the request's body (at most `limit` + 1 bytes, see bodyBytes) and keeps it on the
 * request, for a route that parses its body before it knows the sandbox: readJsonBody
 * then parses these bytes, and answerFromOwner sends the same bytes to the owner.
 */
export async function bufferRequestBody(request: Request, limit: number): Promise<void> {
  const marked = request as MarkedRequest;
  if (marked[BUFFERED_BODY] === undefined) marked[BUFFERED_BODY] = await bodyBytes(request, limit);
}

export interface OwnerRouteOptions {
  /**
   * The route reads a JSON body of at most this many bytes (its parseJsonRequest limit):
   * the body is read here and sent along. When the route then runs here after all, it
   * reads the same bytes (readJsonBody takes them from the request).
   */
  bodyLimit?: number;
}

/**
 * Whether this request may be handed to an owner worker at all (several sticky workers, and
 * not already forwarded): a route that must look its sandbox up first skips that query
 * when it could not forward anyway.
 */
export function mayForward(request: Request): boolean {
  const hook = (globalThis as { [STICKY_HOOK]?: StickyHook })[STICKY_HOOK];
  return hook !== undefined && !(request as MarkedRequest)[FORWARDED];
}

/**
 * The owner worker's answer to this request when another worker owns `sandboxId`, or
 * undefined: run the route here (this worker owns it, the request was forwarded to it,
 * the owner is unreachable, or workers are not sticky). `route` names the route in the
 * lane's OWNER_ROUTES, `params` its path parameters. A route that reads its body says
 * so with `bodyLimit`; otherwise none is sent.
 */
export async function answerFromOwner(
  request: Request,
  route: string,
  sandboxId: string,
  params: Record<string, string>,
  options: OwnerRouteOptions = {},
): Promise<Response | undefined> {
  const hook = (globalThis as { [STICKY_HOOK]?: StickyHook })[STICKY_HOOK];
  const marked = request as MarkedRequest;
  if (!hook || marked[FORWARDED]) return undefined;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  let body: Uint8Array | null = null;
  if (options.bodyLimit !== undefined) {
    // The stream is read: should the route run here, readJsonBody takes these bytes.
    await bufferRequestBody(request, options.bodyLimit);
    body = marked[BUFFERED_BODY] ?? null;
  }
  const answer = await hook.forward(
    { route, sandboxId, params, method: request.method, url: request.url, headers },
    body,
  );
  if (answer === "local") return undefined;
  const out = new Headers();
  for (let i = 0; i < answer.headers.length; i += 2) {
    out.append(answer.headers[i]!, answer.headers[i + 1]!);
  }
  const answered = answer.stream ?? (answer.body as BodyInit | null);
  return new Response(answered, { status: answer.status, headers: out });
}
