// GET of one object and of lists: resourceVersion semantics (""→consistent read
// from etcd, "0"→watch cache), label/field selectors, limit/continue.

import { StoreError } from "../../store/errors";
import { newBadRequest } from "../errors";
import type { KubeObject, KubeList } from "../object";
import { apiVersionOf, type ResourceInfo } from "../resources/resource-info";
import type { RequestContext } from "./context";
import { continueExpired, decodeContinue, encodeContinue } from "./continue-token";
import { intParam, parseResourceVersion } from "./request-options";
import { getObject, listObjects } from "./storage";

export function getResource(
  ctx: RequestContext,
  info: ResourceInfo,
  namespace: string,
  name: string,
  query: URLSearchParams,
): KubeObject {
  const rv = query.get("resourceVersion");
  parseResourceVersion(rv);
  return getObject(ctx, info, namespace, name, { fromCache: rv === "0" });
}

/** Combined label + field selector predicate for a list, watch or deletecollection. */
export function selectorFilter(
  ctx: RequestContext,
  info: ResourceInfo,
  query: URLSearchParams,
): ((obj: KubeObject) => boolean) | undefined {
  const labelText = query.get("labelSelector") ?? "";
  const fieldText = query.get("fieldSelector") ?? "";
  if (!labelText && !fieldText) return undefined;
  return ctx.plugins.selector(labelText, fieldText, info);
}

export function listResource(
  ctx: RequestContext,
  info: ResourceInfo,
  namespace: string,
  query: URLSearchParams,
): KubeList {
  const filter = selectorFilter(ctx, info, query);
  const limit = intParam(query, "limit");
  const rvText = query.get("resourceVersion");
  const rv = parseResourceVersion(rvText);
  const token = query.get("continue");
  let revision: number | undefined;
  let start: string | undefined;
  if (token) {
    if (rvText)
      throw newBadRequest("specifying resource version is not allowed when using continue");
    ({ revision, start } = decodeContinue(token));
  } else if (rv !== undefined && rv !== 0 && query.get("resourceVersionMatch") === "Exact") {
    revision = rv;
  }
  let result;
  try {
    result = listObjects(ctx, info, namespace, {
      fromCache: rvText === "0" && !token,
      revision,
      startAfterPrefix: start,
      limit: limit && limit > 0 ? limit : undefined,
      filter,
    });
  } catch (err) {
    if (err instanceof StoreError && err.code === "compacted" && token) throw continueExpired();
    throw err;
  }
  const metadata: KubeList["metadata"] = { resourceVersion: String(result.revision) };
  if (result.nextStart !== undefined) {
    metadata.continue = encodeContinue(result.revision, result.nextStart);
    // remainingItemCount is only known exactly without selectors (the apiserver omits it otherwise).
    if (!filter) metadata.remainingItemCount = result.remaining ?? 0;
  }
  return {
    apiVersion: apiVersionOf(info),
    kind: info.listKind,
    metadata,
    // Built-in lists carry no apiVersion/kind on their items; custom resources do.
    items: result.items.map((o) => (info.custom ? o : stripTypeMeta(o))),
  };
}

function stripTypeMeta(obj: KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  void _a;
  void _k;
  return rest as KubeObject;
}
