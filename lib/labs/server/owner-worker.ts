// A lab route's work run on the web worker that owns the sandbox (docs/deployment.md,
// "Sticky sandboxes"). The terminal's commands of a sandbox are served by one owner
// worker, which keeps the sandbox decoded in its cache; a 채점 that landed on another
// worker would load a second copy there (a whole load, and memory). Next serves these
// routes, so the route itself hands the request over once it knows the sandbox: the
// worker's lane (server/fast-lane/fast-lane.mjs STICKY_HOOK) sends it to the owner,
// which runs the same route handler, marked FORWARDED so that it does the work itself.
// Without several sticky workers (one worker, `next dev`, tests) there is no hook and
// the route runs here.

/** fast-lane.mjs STICKY_HOOK and FORWARDED (registered symbols: the lane is not bundled). */
const STICKY_HOOK = Symbol.for("kubelab.lane.sticky");
const FORWARDED = Symbol.for("kubelab.lane.forwarded");

interface OwnerAnswer {
  status: number;
  /** name, value, name, value... (each Set-Cookie its own pair) */
  headers: string[];
  body: Uint8Array | null;
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

/**
 * The owner worker's answer to this request when another worker owns `sandboxId`, or
 * undefined: run the route here (this worker owns it, the request was forwarded to it,
 * the owner is unreachable, or workers are not sticky). `route` names the route in the
 * lane's OWNER_ROUTES, `params` its path parameters. Only for routes that do not read
 * their body (none is sent).
 */
export async function answerFromOwner(
  request: Request,
  route: string,
  sandboxId: string,
  params: Record<string, string>,
): Promise<Response | undefined> {
  const hook = (globalThis as { [STICKY_HOOK]?: StickyHook })[STICKY_HOOK];
  if (!hook || (request as { [FORWARDED]?: boolean })[FORWARDED]) return undefined;
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const answer = await hook.forward(
    { route, sandboxId, params, method: request.method, url: request.url, headers },
    null,
  );
  if (answer === "local") return undefined;
  const out = new Headers();
  for (let i = 0; i < answer.headers.length; i += 2) {
    out.append(answer.headers[i]!, answer.headers[i + 1]!);
  }
  return new Response(answer.body as BodyInit | null, { status: answer.status, headers: out });
}
