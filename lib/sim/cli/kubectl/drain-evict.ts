// kubectl drain's evictPods/deletePods (k8s.io/kubectl/pkg/drain): evict each pod,
// retrying every 5 s while a PodDisruptionBudget refuses (429), then wait - polling
// every second - until the pod is gone, printing "pod/<name> evicted" as each one
// goes. All on virtual time, bounded by --timeout ("global timeout reached").

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are read as loose JSON */
import type { CommandContext } from "../types";
import { serverError } from "./api";

const RETRY_MS = 5_000;
const POLL_MS = 1_000;
/**
 * kubectl without --timeout waits forever (until Ctrl-C); one terminal command
 * cannot, so the simulator gives up after this much virtual time and says so.
 */
export const SIMULATED_FOREVER_MS = 120_000;

/** Go's time.Duration.String() for whole seconds: "20s", "1m0s", "1h2m3s". */
export function goDuration(ms: number): string {
  const total = Math.round(ms / 1000);
  const h = Math.trunc(total / 3600);
  const m = Math.trunc((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h}h${m}m${s}s`;
  if (m) return `${m}m${s}s`;
  return `${s}s`;
}

export interface EvictOptions {
  /** Eviction API (default) or plain DELETE (--disable-eviction). */
  evict: boolean;
  deleteOptions?: { gracePeriodSeconds: number };
  /** --timeout in ms; 0 means kubectl's "forever". */
  timeoutMs: number;
}

export interface EvictResult {
  stdout: string;
  stderr: string;
  /** The per-pod errors kubectl aggregates into "unable to drain node". */
  errors: string[];
}

const podPath = (p: any) => `/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}`;
const reason = (resp: Parameters<typeof serverError>[0]) =>
  serverError(resp).stderr.replace(/^Error from server(?: \([^)]*\))?: /, "");

export async function evictAndWait(
  ctx: CommandContext,
  pods: readonly any[],
  o: EvictOptions,
): Promise<EvictResult> {
  const out: EvictResult = { stdout: "", stderr: "", errors: [] };
  const start = ctx.env.now();
  const limit = o.timeoutMs || SIMULATED_FOREVER_MS;
  const timedOut = () => ctx.env.now() - start >= limit;
  const globalTimeout = (p: any) =>
    o.timeoutMs
      ? `error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}": global timeout reached: ${goDuration(o.timeoutMs)}`
      : `error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}": 시뮬레이터는 --timeout 없이 ${goDuration(limit)} 동안 재시도한 뒤 멈춥니다 (실제 kubectl은 Ctrl-C까지 계속 재시도합니다)`;

  let retry = [...pods];
  const waiting: any[] = [];
  for (let round = 0; retry.length; round++) {
    if (round > 0) {
      if (!ctx.env.sleep) break;
      await ctx.env.sleep(RETRY_MS);
    }
    const again: any[] = [];
    for (const p of retry) {
      if (o.evict) out.stdout += `evicting pod ${p.metadata.namespace}/${p.metadata.name}\n`;
      if (round > 0 && timedOut()) {
        out.errors.push(globalTimeout(p));
        continue;
      }
      const resp = o.evict
        ? await ctx.env.request({
            method: "POST",
            path: `${podPath(p)}/eviction`,
            body: {
              apiVersion: "policy/v1",
              kind: "Eviction",
              metadata: { name: p.metadata.name, namespace: p.metadata.namespace },
              ...(o.deleteOptions ? { deleteOptions: o.deleteOptions } : {}),
            },
          })
        : await ctx.env.request({
            method: "DELETE",
            path: podPath(p),
            ...(o.deleteOptions ? { body: o.deleteOptions } : {}),
          });
      if (resp.code < 400) waiting.push(p);
      else if (resp.code === 404)
        continue; // already gone: nothing to wait for, nothing printed
      else if (resp.code === 429 && o.evict) {
        out.stderr += `error when evicting pods/"${p.metadata.name}" -n "${p.metadata.namespace}" (will retry after 5s): ${reason(resp)}\n`;
        again.push(p);
      } else
        out.errors.push(
          `error when ${o.evict ? "evicting" : "deleting"} pods/"${p.metadata.name}" -n "${p.metadata.namespace}": ${reason(resp)}`,
        );
    }
    retry = again;
  }

  // waitForDelete: the pod is gone, or replaced by a new one of the same name.
  let left = waiting;
  for (;;) {
    const still: any[] = [];
    for (const p of left) {
      const resp = await ctx.env.request({ method: "GET", path: podPath(p) });
      const cur = resp.kind === "object" && resp.code < 400 ? (resp.body as any) : undefined;
      if (!cur || cur.metadata?.uid !== p.metadata.uid || !ctx.env.sleep)
        out.stdout += `pod/${p.metadata.name} ${o.evict ? "evicted" : "deleted"}\n`;
      else still.push(p);
    }
    left = still;
    if (!left.length) break;
    if (timedOut()) {
      for (const p of left)
        out.errors.push(
          `error when waiting for pod "${p.metadata.name}" in namespace "${p.metadata.namespace}" to terminate: timed out waiting for the condition`,
        );
      break;
    }
    await ctx.env.sleep!(POLL_MS);
  }
  return out;
}
