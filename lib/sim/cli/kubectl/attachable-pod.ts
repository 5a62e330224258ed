// The pod kubectl picks for `kubectl logs|exec|attach TYPE/NAME` (polymorphichelpers
// AttachablePodForObject): the object itself for a pod; otherwise the pods its
// selector matches, sorted "most active first" (reverse of podutils.ActivePods) with
// Go's sort.Sort, and the first one is used - with "Found N pods, using pod/…" on
// stderr when there were several.

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

/** The most active pod first (sort.Reverse(ActivePods)). */
export function sortMostActive<T extends PodLike>(pods: readonly T[]): T[] {
  return goSort(pods, (x, y) => lessActive(y, x));
}

export interface AttachablePod {
  name: string;
  /** kubectl's "Found N pods, using pod/x" line, when several pods matched. */
  notice: string;
}

/** Resolves `pod-name`, `pod/x` or `TYPE/NAME` to the pod kubectl would use. */
export async function attachablePod(
  arg: string,
  namespace: string,
  ctx: CommandContext,
): Promise<AttachablePod> {
  const slash = arg.indexOf("/");
  if (slash < 0) return { name: arg, notice: "" };
  const info = await resolveResource(ctx.env, arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (info.kind === "Pod" && info.group === "") return { name, notice: "" };
  const obj = expectObject<{
    spec?: { selector?: unknown };
  }>(await ctx.env.request({ method: "GET", path: objectPath(info, namespace, name) }));
  let selector: string;
  const raw = obj.spec?.selector;
  if (info.kind === "Service" || info.kind === "ReplicationController") {
    const map = (raw ?? {}) as Record<string, string>;
    if (Object.keys(map).length === 0)
      throw new CliError(
        info.kind === "Service"
          ? `error: invalid service '${name}': Service is defined without a selector`
          : `error: cannot attach to ${info.kind.toLowerCase()}: selector is empty`,
      );
    selector = Object.keys(map)
      .sort()
      .map((k) => `${k}=${map[k]}`)
      .join(",");
  } else if (["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job"].includes(info.kind)) {
    const sel = labelSelectorAsSelector(raw as never);
    selector = sel === "nothing" ? "" : selectorToString(sel);
  } else {
    throw new CliError(`error: cannot attach to ${info.kind}: not implemented`);
  }
  const list = expectObject<{ items?: PodLike[] }>(
    await ctx.env.request({
      method: "GET",
      path: `/api/v1/namespaces/${namespace}/pods`,
      query: { labelSelector: selector },
    }),
  );
  const pods = list.items ?? [];
  // kubectl would wait --pod-running-timeout (20s) for a pod to appear, then give up.
  if (pods.length === 0) throw new CliError("error: timed out waiting for the condition");
  const first = sortMostActive(pods)[0]!;
  return {
    name: first.metadata.name,
    notice: pods.length > 1 ? `Found ${pods.length} pods, using pod/${first.metadata.name}\n` : "",
  };
}
