// Which worker process answers a connection: `/api/ready` names it in the
// X-Kubelab-Worker header under `npm start`'s workers. The node:cluster primary
// hands each new connection to the next worker, so probing over fresh
// connections reaches every live worker in turn. Used by the load benchmark
// (start measuring only once every worker serves) and the worker tests.
import { Client } from "undici";

export const WORKER_HEADER = "x-kubelab-worker";

/**
 * The worker pid behind one fresh connection, and the readiness status it gave.
 * Bounded in time: a connection the primary hands to a worker at the instant that
 * worker dies is lost (node:cluster neither closes nor re-routes it) and would hang.
 */
export async function probeWorker(
  baseUrl: string,
  timeoutMs = 10_000,
): Promise<{ status: number; pid: number | undefined }> {
  const client = new Client(baseUrl, {
    pipelining: 1,
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  try {
    const res = await client.request({ path: "/api/ready", method: "GET" });
    await res.body.text();
    const header = res.headers[WORKER_HEADER];
    const pid = typeof header === "string" ? Number(header) : undefined;
    return { status: res.statusCode, pid: Number.isInteger(pid) ? pid : undefined };
  } finally {
    await client.destroy();
  }
}

/**
 * Waits until `count` different workers (none of `excluding`) have answered ready
 * over fresh connections; returns their pids.
 */
export async function waitForWorkers(
  baseUrl: string,
  count: number,
  opts: { timeoutMs: number; excluding?: number[] },
): Promise<number[]> {
  const seen = new Set<number>();
  const deadline = Date.now() + opts.timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const { status, pid } = await probeWorker(baseUrl);
      last = `HTTP ${status}, worker ${pid ?? "unnamed"}`;
      if (status === 200 && pid !== undefined && !opts.excluding?.includes(pid)) seen.add(pid);
      if (seen.size >= count) return [...seen];
    } catch (error) {
      last = String(error); // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `only ${seen.size} of ${count} workers ready at ${baseUrl} (last answer: ${last})`,
  );
}
