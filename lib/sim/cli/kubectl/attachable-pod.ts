// The pod kubectl picks for `kubectl logs|exec|attach TYPE/NAME` (polymorphichelpers
// AttachablePodForObject / LogsForObject): the object itself for a pod; otherwise the pods
// its selector matches, sorted with Go's sort.Sort - "most active first" (reverse of
// podutils.ActivePods) for exec/attach, podutils.ByLogging for logs - and the first one
// is used, with "Found N pods, using pod/…" on stderr (logs only) when there were several. With no
// pod yet, kubectl watches for one up to --pod-running-timeout (20s): here on virtual time.

import { labelSelectorAsSelector } from "../../apiserver/selectors/label-selector-object";
import { selectorToString } from "../../apiserver/selectors/label-selector";
import { CliError } from "../errors";
import type { CommandContext } from "../types";
import { expectObject, objectPath, resolveResource } from "./api";
import { goSort } from "./go-sort";

interface PodLike {
  metadata: { name: string; creationTimestamp?: string };
  spec?: { nodeName?: string };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
    containerStatuses?: { restartCount?: number }[];
  };
}

const PHASE: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function readyCondition(p: PodLike) {
  return p.status?.conditions?.find((c) => c.type === "Ready");
}
const isReady = (p: PodLike) => readyCondition(p)?.status === "True";
const ms = (t: string | undefined) => (t ? Date.parse(t) : 0);
const maxRestarts = (p: PodLike) =>
  Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));

/** afterOrZero: a zero time sorts first, otherwise the later one. */
function afterOrZero(t1: number, t2: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  return t1 > t2;
}

/** podutils.ActivePods.Less: "less active" pods first. */
export function lessActive(a: PodLike, b: PodLike): boolean {
  const na = a.spec?.nodeName ?? "";
  const nb = b.spec?.nodeName ?? "";
  if (na !== nb && (na === "" || nb === "")) return na === "";
  const pa = PHASE[a.status?.phase ?? ""] ?? 0;
  const pb = PHASE[b.status?.phase ?? ""] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isReady(a) !== isReady(b)) return !isReady(a);
  if (isReady(a) && isReady(b)) {
    const ra = ms(readyCondition(a)?.lastTransitionTime);
    const rb = ms(readyCondition(b)?.lastTransitionTime);
    if (ra !== rb) return afterOrZero(ra, rb);
  }
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  const ca = ms(a.metadata.creationTimestamp);
  const cb = ms(b.metadata.creationTimestamp);
  if (ca !== cb) return afterOrZero(ca, cb);
  return false;
}

/** podutils.ByLogging.Less: the pod whose logs are most interesting first. */
export function lessForLogging(a: PodLike, b: PodLike): boolean {
  const na = a.spec?.nodeName ?? "";
  const nb = b.spec?.nodeName ?? "";
  if (na !== nb && (na === "" || nb === "")) return na !== "";
  const rank: Record<string, number> = { Running: 0, Unknown: 1, Pending: 2 };
  const pa = rank[a.status?.phase ?? ""] ?? 0;
  const pb = rank[b.status?.phase ?? ""] ?? 0;
  if (pa !== pb) return pa < pb;
  if (isReady(a) !== isReady(b)) return isReady(a);
  if (isReady(a) && isReady(b)) {
    const ra = ms(readyCondition(a)?.lastTransitionTime);
    const rb = ms(readyCondition(b)?.lastTransitionTime);
    if (ra !== rb) return afterOrZero(rb, ra);
  }
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(a) > maxRestarts(b);
  const ca = ms(a.metadata.creationTimestamp);
  const cb = ms(b.metadata.creationTimestamp);
  if (ca !== cb) return afterOrZero(cb, ca);
  return false;
}

/** The most active pod first (sort.Reverse(ActivePods)). */
export function sortMostActive<T extends PodLike>(pods: readonly T[]): T[] {
  return goSort(pods, (x, y) => lessActive(y, x));
}

export interface AttachablePod {
  name: string;
  /** kubectl's "Found N pods, using pod/x" line, when several pods matched. */
  notice: string;
}

export interface AttachOptions {
  /** "logs" sorts with podutils.ByLogging; exec/attach take the most active pod. */
  purpose?: "logs" | "attach";
  /** --pod-running-timeout in ms (kubectl's default 20s). */
  timeoutMs?: number;
}

/** The label selector kubectl's SelectorsForObject finds for a controller or service. */
async function selectorFor(
  arg: string,
  namespace: string,
  ctx: CommandContext,
  purpose: "logs" | "attach",
): Promise<string | { pod: string }> {
  const slash = arg.indexOf("/");
  if (slash < 0) return { pod: arg };
  const info = await resolveResource(ctx.env, arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (info.kind === "Pod" && info.group === "") return { pod: name };
  const obj = expectObject<{
    spec?: { selector?: unknown };
  }>(await ctx.env.request({ method: "GET", path: objectPath(info, namespace, name) }));
  // LogsForObject and AttachablePodForObject each wrap SelectorsForObject's errors.
  const goType = `*${info.version}.${info.kind}`; // Go's %T: *v1.Deployment
  const wrap = (msg: string) =>
    new CliError(
      purpose === "logs"
        ? `error: cannot get the logs from ${goType}: ${msg}`
        : `error: cannot attach to ${goType}: ${msg}`,
    );
  const raw = obj.spec?.selector;
  if (info.kind === "Service" || info.kind === "ReplicationController") {
    const map = (raw ?? {}) as Record<string, string>;
    if (info.kind === "Service" && Object.keys(map).length === 0)
      throw wrap(`invalid service '${name}': Service is defined without a selector`);
    return Object.keys(map)
      .sort()
      .map((k) => `${k}=${map[k]}`)
      .join(",");
  }
  if (["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"].includes(info.kind)) {
    const sel = labelSelectorAsSelector(raw as never);
    return sel === "nothing" ? "" : selectorToString(sel);
  }
  throw wrap(`selector for ${goType} not implemented`);
}

/** Resolves `pod-name`, `pod/x` or `TYPE/NAME` to the pod kubectl would use. */
export async function attachablePod(
  arg: string,
  namespace: string,
  ctx: CommandContext,
  opts: AttachOptions = {},
): Promise<AttachablePod> {
  const purpose = opts.purpose ?? "attach";
  const selector = await selectorFor(arg, namespace, ctx, purpose);
  if (typeof selector !== "string") return { name: selector.pod, notice: "" };
  const timeoutMs = opts.timeoutMs ?? 20_000;
  let waited = 0;
  for (;;) {
    const list = expectObject<{ items?: PodLike[] }>(
      await ctx.env.request({
        method: "GET",
        path: `/api/v1/namespaces/${namespace}/pods`,
        query: { labelSelector: selector },
      }),
    );
    const pods = list.items ?? [];
    if (pods.length > 0) {
      // Found only by the watch after waiting: kubectl takes the first event's pod, alone.
      const sorted = purpose === "logs" ? goSort(pods, lessForLogging) : sortMostActive(pods);
      const first = sorted[0]!;
      return {
        name: first.metadata.name,
        // Only LogsForObject says which pod it took; exec/attach pick silently.
        notice:
          purpose === "logs" && waited === 0 && pods.length > 1
            ? `Found ${pods.length} pods, using pod/${first.metadata.name}\n`
            : "",
      };
    }
    // kubectl watches for a pod up to --pod-running-timeout, then gives up.
    if (!ctx.env.sleep || waited >= timeoutMs)
      throw new CliError("error: timed out waiting for the condition");
    const step = Math.min(1000, timeoutMs - waited);
    await ctx.env.sleep(step);
    waited += step;
  }
}
