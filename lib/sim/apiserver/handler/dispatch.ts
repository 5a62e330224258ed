// The resource part of the pipeline: after authentication and authorization, a request
// goes to its REST handler by subresource and verb (reviews, metrics and componentstatuses
// answer without storage). Split from handle.ts, which keeps the pipeline around it.

import { ApiError, newMethodNotSupported, type Status } from "../errors";
import { apiVersionOf, findSubresource, type ResourceInfo } from "../resources/resource-info";
import { NOT_FOUND_RESOURCE_MESSAGE } from "../resources/registry";
import { requestToken } from "../authn/token-request";
import { applyResource, isApplyPatch, validatePatchOptions } from "../apply/apply-request";
import { managerName } from "../apply/manager-name";
import { reviewFor } from "../reviews";
import { METRICS_GROUP, serveMetrics } from "../metrics/metrics-api";
import { serveComponentStatuses } from "../componentstatus/component-status";
import type { RequestContext } from "./context";
import { finalizeNamespace } from "./namespace-finalize";
import { nonResource } from "./non-resource";
import { IN_PROCESS_DECODE } from "./object-checks";
import type { RequestInfo } from "./request-info";
import { deleteOptionsFrom, isDryRun } from "./request-options";
import { createResource } from "./rest-create";
import { deleteCollection, deleteResource } from "./rest-delete";
import { getResource, listResource, selectorFilter } from "./rest-read";
import { patchResource, updateResource, type UpdateInput } from "./rest-update";
import { watchResource } from "./rest-watch";
import { getObject } from "./storage";
import { bindPod, evictPod, podLog, scaleOf, updateScale } from "./subresources";
import type { ApiRequest, ApiResponse, UserInfo } from "./types";
import { validateWriteOptions } from "./write-options";

/** The groups of the review resources (reviews/index.ts): other creates skip the lookup. */
const REVIEW_GROUPS = new Set(["authorization.k8s.io", "authentication.k8s.io"]);

function notFoundPath(): ApiError {
  const status: Status = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: NOT_FOUND_RESOURCE_MESSAGE,
    reason: "NotFound",
    details: {},
    code: 404,
  };
  return new ApiError(status);
}

function resolveResource(ctx: RequestContext, info: RequestInfo): ResourceInfo {
  const res = ctx.registry().byResource(info.group, info.version, info.resource);
  if (!res || res.etcdPrefix === null) throw notFoundPath();
  const isNamespaceObject = info.group === "" && info.resource === "namespaces";
  if (!res.namespaced && info.namespace && !isNamespaceObject) throw notFoundPath();
  if (info.subresource && !findSubresource(res, info.subresource)) throw notFoundPath();
  return res;
}

/** metrics.k8s.io: no storage, no subresources; nodes are cluster-scoped. */
function metricsResponse(
  ctx: RequestContext,
  info: RequestInfo,
  query: URLSearchParams,
): ApiResponse {
  const res = ctx.registry().byResource(info.group, info.version, info.resource);
  if (!res || info.subresource || (!res.namespaced && info.namespace)) throw notFoundPath();
  const out = serveMetrics(ctx, info, query);
  return { kind: "object", code: out.code, body: out.body };
}

function objectResponse(warnings: string[], code: number, value: unknown): ApiResponse {
  return warnings.length
    ? { kind: "object", code, body: value, warnings }
    : { kind: "object", code, body: value };
}

export function dispatch(
  ctx: RequestContext,
  info: RequestInfo,
  req: ApiRequest,
  query: URLSearchParams,
  user: UserInfo,
): ApiResponse {
  if (req.served) return req.served;
  if (!info.isResourceRequest) {
    const out = nonResource(ctx, info.path, query.has("verbose"));
    if (out) return out;
    throw notFoundPath();
  }
  // Review resources (can-i, can-i --list, TokenReview, whoami) answer without storage.
  const review =
    info.verb === "create" &&
    info.version === "v1" &&
    !info.subresource &&
    REVIEW_GROUPS.has(info.group);
  const reviewOf = review ? reviewFor(info.group, info.resource) : undefined;
  if (reviewOf) return { kind: "object", code: 201, body: reviewOf(ctx, user, req) };
  if (info.group === METRICS_GROUP) return metricsResponse(ctx, info, query);
  if (info.group === "" && info.resource === "componentstatuses" && !info.subresource) {
    const cs = serveComponentStatuses(ctx.base, ctx.etcd, info);
    if (cs) return cs;
  }
  const res = resolveResource(ctx, info);
  const ns = res.namespaced ? info.namespace : "";
  const warnings: string[] = [];
  const fieldValidation = req.inProcess ? IN_PROCESS_DECODE : query.get("fieldValidation");
  const body = req.body as { dryRun?: string[] } | undefined;
  validateWriteOptions(req.method, query, Array.isArray(body?.dryRun) ? body.dryRun : undefined);
  const dryRun = isDryRun(query, body);
  const manager = {
    manager: managerName(query.get("fieldManager"), req.userAgent, user),
    operation: "Update" as const,
    apiVersion: apiVersionOf(res),
  };
  const base = { info: res, namespace: ns, user, fieldValidation, dryRun, warnings, manager };
  // Literals, not `{ ...base, name, subresource }`: a spread adding keys is V8's slow path
  // (~2 µs per request, every component write goes through here).
  const target = (subresource: "" | "status"): UpdateInput => ({
    info: res,
    namespace: ns,
    name: info.name,
    subresource,
    user,
    fieldValidation,
    dryRun,
    warnings,
    manager,
  });
  // Server-side apply (main resource or status): its own merge, then create or update.
  const apply = info.verb === "patch" && isApplyPatch(req.contentType);
  if (info.verb === "patch") validatePatchOptions(query, apply);
  if (apply && (info.subresource === "" || info.subresource === "status")) {
    const { manager: _m, ...rest } = base;
    void _m;
    const out = applyResource(
      ctx,
      {
        ...rest,
        name: info.name,
        subresource: info.subresource,
        fieldManager: query.get("fieldManager") ?? "",
        force: query.get("force") === "true",
      },
      req.body,
    );
    return objectResponse(warnings, out.code, out.object);
  }

  switch (info.subresource) {
    case "":
      break;
    case "status":
      if (info.verb === "get")
        return objectResponse(warnings, 200, getResource(ctx, res, ns, info.name, query));
      if (info.verb === "update")
        return objectResponse(warnings, 200, updateResource(ctx, target("status"), req.body));
      if (info.verb === "patch")
        return objectResponse(
          warnings,
          200,
          patchResource(ctx, target("status"), req.body, req.contentType),
        );
      throw newMethodNotSupported(
        { group: res.group, resource: `${res.resource}/status` },
        info.verb,
      );
    case "scale":
      if (info.verb === "get")
        return objectResponse(warnings, 200, scaleOf(getObject(ctx, res, ns, info.name)));
      if (info.verb === "update" || info.verb === "patch")
        return objectResponse(
          warnings,
          200,
          updateScale(
            ctx,
            res,
            ns,
            info.name,
            req.method as "PUT" | "PATCH",
            req.body,
            req.contentType,
            manager,
          ),
        );
      throw newMethodNotSupported(
        { group: res.group, resource: `${res.resource}/scale` },
        info.verb,
      );
    case "binding":
      if (info.verb === "create")
        return objectResponse(warnings, 201, bindPod(ctx, res, ns, info.name, req.body));
      throw newMethodNotSupported({ group: res.group, resource: "pods/binding" }, info.verb);
    case "log":
      if (info.verb === "get")
        return { kind: "text", code: 200, body: podLog(ctx, res, ns, info.name, query) };
      throw newMethodNotSupported({ group: res.group, resource: "pods/log" }, info.verb);
    case "finalize":
      if (info.verb === "update")
        return objectResponse(warnings, 200, finalizeNamespace(ctx, res, info.name, req.body));
      throw newMethodNotSupported({ group: res.group, resource: "namespaces/finalize" }, info.verb);
    case "token":
      if (info.verb === "create" && res.resource === "serviceaccounts")
        return objectResponse(warnings, 201, requestToken(ctx, ns, info.name, req.body));
      throw newMethodNotSupported(
        { group: res.group, resource: "serviceaccounts/token" },
        info.verb,
      );
    case "eviction":
      if (info.verb === "create")
        return objectResponse(warnings, 201, evictPod(ctx, res, ns, info.name, req.body, user));
      throw newMethodNotSupported({ group: res.group, resource: "pods/eviction" }, info.verb);
    default:
      throw notFoundPath();
  }

  switch (info.verb) {
    case "get":
      return objectResponse(warnings, 200, getResource(ctx, res, ns, info.name, query));
    case "list":
      return objectResponse(warnings, 200, listResource(ctx, res, ns, query));
    case "watch": {
      const w = watchResource(ctx, res, ns, query);
      return { kind: "watch", code: 200, events: w.events, resourceVersion: w.resourceVersion };
    }
    case "create":
      if (info.name)
        throw newMethodNotSupported({ group: res.group, resource: res.resource }, "create");
      return objectResponse(
        warnings,
        201,
        createResource(ctx, {
          info: res,
          namespace: ns,
          user,
          fieldValidation,
          dryRun,
          warnings,
          manager,
          body: req.body,
        }),
      );
    case "update":
      return objectResponse(warnings, 200, updateResource(ctx, target(""), req.body));
    case "patch":
      return objectResponse(
        warnings,
        200,
        patchResource(ctx, target(""), req.body, req.contentType),
      );
    case "delete": {
      const out = deleteResource(ctx, {
        ...base,
        name: info.name,
        options: deleteOptionsFrom(req.body, query),
      });
      return objectResponse(warnings, out.code, out.body);
    }
    case "deletecollection": {
      const items = deleteCollection(
        ctx,
        { ...base, options: deleteOptionsFrom(req.body, query) },
        selectorFilter(ctx, res, query),
      );
      return objectResponse(warnings, 200, {
        apiVersion: apiVersionOf(res),
        kind: res.listKind,
        metadata: { resourceVersion: String(ctx.writer.currentRevision) },
        items,
      });
    }
    default:
      throw newMethodNotSupported({ group: res.group, resource: res.resource }, info.verb);
  }
}
