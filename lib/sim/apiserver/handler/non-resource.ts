// Non-resource endpoints: /version and the health checks (whose etcd check
// fails while etcd has no quorum, as the real apiserver's does).

import { hasQuorum } from "../../etcd/cluster";
import { SERVER_VERSION_INFO } from "../../version";
import type { RequestContext } from "./context";
import type { ApiResponse } from "./types";

/** /version: the cluster's release (one constant, lib/sim/version.ts). */
export const KUBERNETES_VERSION = SERVER_VERSION_INFO;

const CHECKS = ["ping", "log", "etcd", "poststarthook/start-apiserver-admission-initializer"];

export function nonResource(
  ctx: RequestContext,
  path: string,
  verbose: boolean,
): ApiResponse | undefined {
  if (path === "/version") return { kind: "object", code: 200, body: KUBERNETES_VERSION };
  if (path === "/healthz" || path === "/livez" || path === "/readyz") {
    const etcdOk = hasQuorum(ctx.etcd);
    if (etcdOk && !verbose) return { kind: "text", code: 200, body: "ok" };
    const lines = CHECKS.map((c) =>
      c === "etcd" && !etcdOk ? `[-]etcd failed: reason withheld` : `[+]${c} ok`,
    );
    const tail = etcdOk ? `${path.slice(1)} check passed` : `${path.slice(1)} check failed`;
    return { kind: "text", code: etcdOk ? 200 : 500, body: `${lines.join("\n")}\n${tail}\n` };
  }
  return undefined;
}
