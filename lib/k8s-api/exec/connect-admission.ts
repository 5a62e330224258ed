// The API-server half of exec/attach/port-forward, shared by the HTTPS listener's
// upgrade path and the plain HTTP route: authorization (create or get on
// pods/exec|attach|portforward, audited with the answer's code), the pod and
// container checks of exec-target.ts, and the proxy's "Upgrade request required"
// for a request that cannot be upgraded (the Next.js route).

import { sandboxRequest } from "@/lib/db/sandboxes";
import type { UserInfo } from "@/lib/sim";
import { newBadRequest } from "@/lib/sim/apiserver/errors";
import { statusResponse } from "../responses";
import { containerEnv } from "./container-env";
import { resolveConnect, type ConnectKind } from "./exec-target";
import type { ContainerTarget } from "@/lib/sim/cli/kubectl/container-exec";

const CONNECT_PATH =
  /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward)\/?$/;

export interface ConnectPath {
  namespace: string;
  name: string;
  kind: ConnectKind;
}

export function parseConnectPath(path: string): ConnectPath | undefined {
  const m = CONNECT_PATH.exec(path);
  if (!m) return undefined;
  try {
    return {
      namespace: decodeURIComponent(m[1]!),
      name: decodeURIComponent(m[2]!),
      kind: m[3] as ConnectKind,
    };
  } catch {
    return undefined;
  }
}

export interface ConnectRequest {
  sandboxId: string;
  user: UserInfo;
  method: "GET" | "POST";
  path: string;
  query: URLSearchParams;
  userAgent?: string;
  sourceIP?: string;
  /** Whether the connection can be upgraded (the HTTPS listener) or not (the Next.js route). */
  upgradable: boolean;
}

export type Admission =
  | { ok: true; target: ContainerTarget; podUid: string; connect: ConnectPath }
  | { ok: false; response: Response };

export async function admitConnect(req: ConnectRequest): Promise<Admission> {
  const connect = parseConnectPath(req.path);
  if (!connect) throw new RangeError(`not a connect path: ${req.path}`);
  // Catch up virtual time first, as any request does: a pod created a moment ago may run now.
  const state = await containerEnv(req.sandboxId, "").state();
  const outcome = resolveConnect(state, connect.kind, connect.namespace, connect.name, req.query);
  const failure = !outcome.ok
    ? "status" in outcome
      ? statusResponse(outcome.status)
      : new Response(outcome.kubelet.text, {
          status: outcome.kubelet.code,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
        })
    : !req.upgradable
      ? statusResponse(newBadRequest("Upgrade request required").status)
      : undefined;
  const { response } = await sandboxRequest(req.sandboxId, {
    method: req.method,
    path: req.path,
    query: req.query.toString(),
    user: req.user,
    ...(req.userAgent ? { userAgent: req.userAgent } : {}),
    ...(req.sourceIP ? { sourceIP: req.sourceIP } : {}),
    served: { kind: "object", code: failure?.status ?? 101, body: null },
  });
  // Refused by authorization: nothing about the pod is revealed.
  if (response.kind === "status") return { ok: false, response: statusResponse(response.body) };
  if (failure) return { ok: false, response: failure };
  if (!outcome.ok) throw new Error("unreachable");
  return { ok: true, target: outcome.target, podUid: outcome.podUid, connect };
}
