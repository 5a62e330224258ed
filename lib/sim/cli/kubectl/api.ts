// How kubectl talks to the API server: REST paths for a resource, Status errors
// turned into kubectl's "Error from server (Reason): message", and resource
// arguments resolved like kubectl's RESTMapper (built-ins, then CRDs).

import type { ApiResponse } from "../../apiserver/handler/types";
import type { KubeObject } from "../../apiserver/object";
import { builtinRegistry, type ResourceRegistry } from "../../apiserver/resources/registry";
import type { ResourceInfo } from "../../apiserver/resources/resource-info";
import { CliError } from "../errors";
import type { CliEnv } from "../types";

export function groupVersionPath(info: Pick<ResourceInfo, "group" | "version">): string {
  return info.group === "" ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
}

export function collectionPath(info: ResourceInfo, namespace?: string): string {
  const base = groupVersionPath(info);
  return info.namespaced && namespace
    ? `${base}/namespaces/${namespace}/${info.resource}`
    : `${base}/${info.resource}`;
}

export function objectPath(
  info: ResourceInfo,
  namespace: string | undefined,
  name: string,
): string {
  return `${collectionPath(info, info.namespaced ? namespace : undefined)}/${encodeURIComponent(name)}`;
}

/** kubectl's text for a failed request (k8s.io/kubectl/pkg/cmd/util.StandardErrorMessage). */
export function serverError(resp: ApiResponse): CliError {
  if (resp.kind === "status") {
    const s = resp.body;
    const reason = s.reason ? ` (${s.reason})` : "";
    return new CliError(`Error from server${reason}: ${s.message ?? ""}`, 1);
  }
  if (resp.kind === "text") return new CliError(`Error from server: ${resp.body}`, 1);
  return new CliError(`Error from server: unexpected response (${resp.code})`, 1);
}

/** The decoded body of a successful response, or kubectl's error. */
export function expectObject<T = KubeObject>(resp: ApiResponse): T {
  if (resp.kind === "object" && resp.code < 400) return resp.body as T;
  throw serverError(resp);
}

/** Discovery as kubectl sees it: built-in resources plus the CRDs' resources. */
export async function discover(env: CliEnv): Promise<ResourceRegistry> {
  const resp = await env.request({
    method: "GET",
    path: "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
  });
  if (resp.kind !== "object" || resp.code >= 400) return builtinRegistry;
  const items = (resp.body as { items?: KubeObject[] }).items ?? [];
  return items.length ? builtinRegistry.withCustomResources(items) : builtinRegistry;
}

// builtinRegistry.resolve's answers (the registry never changes), per argument as typed:
// resolving sorts the registry's entries by version priority, on every kubectl get,
// describe, delete... Bounded: emptied when full, since the arguments are the learner's.
const builtinHits = new Map<string, ResourceInfo | undefined>();
const MAX_BUILTIN_HITS = 512;

function resolveBuiltin(arg: string): ResourceInfo | undefined {
  if (builtinHits.has(arg)) return builtinHits.get(arg);
  const hit = builtinRegistry.resolve(arg);
  if (builtinHits.size >= MAX_BUILTIN_HITS) builtinHits.clear();
  builtinHits.set(arg, hit);
  return hit;
}

export async function resolveResource(env: CliEnv, arg: string): Promise<ResourceInfo> {
  const hit = resolveBuiltin(arg) ?? (await discover(env)).resolve(arg);
  if (!hit) throw new CliError(`error: the server doesn't have a resource type "${arg}"`, 1);
  return hit;
}

/** "pod", "deployment.apps": how kubectl names a kind in `<kind>/<name>` output. */
export function kindName(info: Pick<ResourceInfo, "group" | "kind">): string {
  const k = info.kind.toLowerCase();
  return info.group ? `${k}.${info.group}` : k;
}
