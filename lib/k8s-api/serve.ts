// The Kubernetes REST API of one sandbox over HTTP(S), for real kubectl: bearer
// token → sandbox user, content negotiation, discovery and OpenAPI from the
// sandbox's registry, everything else through the engine (lib/sim via
// lib/db/sandboxes), then Table printing and watch streaming on the way out.
// Used by the Next.js route (app/api/k8s) and the HTTPS listener (server/k8s-https.ts).

import { findKubeToken } from "@/lib/db/kube-tokens";
import { cachedEntry } from "@/lib/db/sandboxes/cache";
import { SandboxBusyError, SandboxNotFoundError, sandboxRequest } from "@/lib/db/sandboxes";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { sandboxBuckets } from "@/lib/http/token-bucket";
import type { ApiRequest, Status, UserInfo } from "@/lib/sim";
import {
  ApiError,
  newMethodNotSupported,
  newRequestEntityTooLarge,
  newServiceUnavailable,
  newUnauthorized,
} from "@/lib/sim/apiserver/errors";
import { MAX_REQUEST_BODY_BYTES } from "@/lib/sim/apiserver/handler/handle";
import { parseRequestInfo, type HttpMethod } from "@/lib/sim/apiserver/handler/request-info";
import { NOT_FOUND_RESOURCE_MESSAGE } from "@/lib/sim/apiserver/resources/registry";
import { aggregatedDiscovery, legacyDiscovery } from "./discovery";
import { decodeBody, parseMediaType, responseForm, type ResponseForm } from "./media";
import { openApiDocument, openApiRoot } from "./openapi";
import { openApiV2Json, openApiV2Protobuf } from "./openapi-v2";
import { decodeProtobufBody, PROTOBUF } from "./protobuf";
import { readRawBody } from "./request-body";
import { errorResponse, jsonResponse, statusResponse, warningHeaders } from "./responses";
import { registryOf, sandboxState } from "./sandbox-view";
import { asTable, includeObjectOf } from "./tables";
import { watchStream } from "./watch-stream";
import { followLog } from "./log-follow";
import { impersonate, wantsImpersonation } from "./impersonation";
import { watchPollInterval } from "./watch-hub";
import { recordWatchEnd } from "./watch-audit";
import { admitConnect, parseConnectPath } from "./exec/connect-admission";

export interface ServeOptions {
  sandboxId: string;
  /** The path below the sandbox prefix, starting with "/" (e.g. "/api/v1/pods"). */
  path: string;
  /** The sandbox prefix as the client sees it, e.g. "/api/k8s/<id>" (OpenAPI URLs need it). */
  prefix: string;
  sourceIP?: string;
}

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

function notFound(): Response {
  return statusResponse({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: NOT_FOUND_RESOURCE_MESSAGE,
    reason: "NotFound",
    details: {},
    code: 404,
  });
}

function bearer(header: string | null): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return m?.[1];
}

/** Which user a request is, or the Response that refuses it. */
async function authenticate(request: Request, sandboxId: string): Promise<UserInfo | Response> {
  const token = bearer(request.headers.get("authorization"));
  const owner = token ? await findKubeToken(token) : undefined;
  if (!owner) return statusResponse(newUnauthorized("Unauthorized").status);
  // A token of another sandbox learns nothing, not even that this sandbox exists.
  if (owner.sandboxId !== sandboxId) return notFound();
  return { username: owner.username, groups: owner.groups };
}

const TOKEN_REVIEW_PATH = "/apis/authentication.k8s.io/v1/tokenreviews";

/** A TokenReview may name a kubeconfig token of this sandbox: those live in the app's table. */
async function appTokens(
  body: unknown,
  sandboxId: string,
): Promise<Record<string, UserInfo> | undefined> {
  const token = (body as { spec?: { token?: unknown } } | undefined)?.spec?.token;
  if (typeof token !== "string" || token === "") return undefined;
  const owner = await findKubeToken(token);
  if (!owner || owner.sandboxId !== sandboxId) return undefined;
  return { [token]: { username: owner.username, groups: owner.groups } };
}

function virtualNow(audit: { requestReceivedTimestamp?: string }[]): number {
  const t = Date.parse(audit[0]?.requestReceivedTimestamp ?? "");
  return Number.isNaN(t) ? Date.now() : t;
}

function isLongRunning(request: Request): boolean {
  const q = new URL(request.url).searchParams;
  const on = (name: string) => q.get(name) === "true" || q.get(name) === "1";
  return on("watch") || on("follow") || /\/watch\//.test(new URL(request.url).pathname);
}

/**
 * kube-apiserver's max-in-flight answer (apierrors.NewTooManyRequests): client-go
 * waits Retry-After seconds and retries by itself.
 */
function tooManyRequests(seconds: number): Response {
  const status: Status = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: "Too many requests: Too many requests, please try again later.",
    reason: "TooManyRequests",
    details: { retryAfterSeconds: seconds },
    code: 429,
  };
  return jsonResponse(429, status, { "Retry-After": String(seconds) });
}

/**
 * Authentication, the request budget and impersonation: the user a request acts
 * as, or the Response refusing it. Also used by the exec/attach/port-forward
 * upgrades of the HTTPS listener (lib/k8s-api/exec).
 */
export async function requestUser(
  request: Request,
  opts: ServeOptions,
): Promise<UserInfo | Response> {
  try {
    const user = await authenticate(request, opts.sandboxId);
    if (user instanceof Response) return user;
    // Long-running requests (watches, log follows) are bounded by the watch limits
    // instead, as kube-apiserver exempts them from max-in-flight.
    if (!isLongRunning(request)) {
      const wait = sandboxBuckets().take(opts.sandboxId);
      if (wait > 0) return tooManyRequests(wait);
    }
    if (wantsImpersonation(request.headers)) {
      const as = impersonate(request.headers, user, await sandboxState(opts.sandboxId, user));
      if (as instanceof ApiError) return errorResponse(as);
      return as;
    }
    return user;
  } catch (err) {
    return failureResponse(err);
  }
}

export async function serveKubeApi(request: Request, opts: ServeOptions): Promise<Response> {
  try {
    const user = await requestUser(request, opts);
    if (user instanceof Response) return user;
    return await serveAuthenticated(request, opts, user);
  } catch (err) {
    return failureResponse(err);
  }
}

/** A failure as the API answers it: the sandbox gone, busy, or its storage down. */
export function failureResponse(err: unknown): Response {
  if (err instanceof SandboxNotFoundError) return notFound();
  if (err instanceof SandboxBusyError) {
    return errorResponse(newServiceUnavailable("the sandbox is busy; retry"));
  }
  if (isDatabaseUnavailable(err)) {
    // Postgres restarting: a retryable 503 (kubectl retries it), not an internal error.
    const status = newServiceUnavailable(
      "the sandbox storage is unavailable; retry shortly",
    ).status;
    return jsonResponse(503, status, { "Retry-After": "5" });
  }
  return errorResponse(err);
}

async function serveAuthenticated(
  request: Request,
  opts: ServeOptions,
  user: UserInfo,
): Promise<Response> {
  const method = request.method.toUpperCase();
  const url = new URL(request.url);
  const path = opts.path.replace(/\/+$/, "") || "/";
  if (!METHODS.has(method)) {
    return errorResponse(
      newMethodNotSupported({ group: "", resource: path }, method.toLowerCase()),
    );
  }
  // kube-openapi answers /openapi/v2 in protobuf or JSON whatever the generic negotiation says.
  if (method === "GET" && path === "/openapi/v2") {
    return audited(openApiV2(request), request, opts, user, url);
  }
  const form: ResponseForm = responseForm(
    (request.headers.get("accept") ?? "*/*").split(",").map((s) => parseMediaType(s.trim())),
  );

  // exec/attach/portforward need an upgraded connection (only the HTTPS listener has one).
  if ((method === "GET" || method === "POST") && parseConnectPath(path)) {
    const admission = await admitConnect({
      sandboxId: opts.sandboxId,
      user,
      method,
      path,
      query: url.searchParams,
      ...(request.headers.get("user-agent")
        ? { userAgent: request.headers.get("user-agent")! }
        : {}),
      ...(opts.sourceIP ? { sourceIP: opts.sourceIP } : {}),
      upgradable: false,
    });
    if (!admission.ok) return admission.response;
  }

  if (method === "GET") {
    const special = await serveStatic(path, form, opts, user);
    if (special) return audited(special, request, opts, user, url);
  }

  let body: unknown;
  let bodyBytes = 0;
  let contentType: string | undefined;
  if (method !== "GET") {
    const raw = await readRawBody(request);
    if (raw.tooLarge)
      return errorResponse(newRequestEntityTooLarge(`limit is ${MAX_REQUEST_BODY_BYTES}`));
    bodyBytes = raw.size;
    if (raw.size > 0) {
      const header = request.headers.get("content-type");
      const decoded =
        parseMediaType(header ?? "").type === PROTOBUF && method !== "PATCH"
          ? decodeProtobufBody(raw.bytes)
          : decodeBody(method, header, raw.bytes);
      body = decoded.body;
      contentType = decoded.contentType;
    }
  }

  const reviewTokens =
    method === "POST" && path === TOKEN_REVIEW_PATH
      ? await appTokens(body, opts.sandboxId)
      : undefined;

  const req: ApiRequest = {
    method: method as ApiRequest["method"],
    path,
    query: url.search,
    ...(body !== undefined ? { body } : {}),
    bodyBytes,
    ...(contentType ? { contentType } : {}),
    user,
    ...(request.headers.get("user-agent") ? { userAgent: request.headers.get("user-agent")! } : {}),
    ...(opts.sourceIP ? { sourceIP: opts.sourceIP } : {}),
    ...(reviewTokens ? { reviewTokens } : {}),
  };
  const { response, audit } = await sandboxRequest(opts.sandboxId, req);
  const now = virtualNow(audit);
  const info = parseRequestInfo(method as HttpMethod, path, url.searchParams);
  const resourceInfo = () => {
    const state = sandboxStateSync(opts.sandboxId);
    return state
      ? registryOf(state).byResource(info.group, info.version, info.resource)
      : undefined;
  };

  switch (response.kind) {
    case "status":
      return statusResponse(response.body);
    case "text":
      if (
        info.subresource === "log" &&
        url.searchParams.get("follow") === "true" &&
        response.code === 200
      ) {
        const stream = followLog({
          sandboxId: opts.sandboxId,
          user,
          path,
          query: url.searchParams,
          initial: response.body,
          pollMs: watchPollInterval(),
          signal: request.signal,
        });
        return new Response(stream, {
          status: 200,
          headers: { "Content-Type": "text/plain", "Cache-Control": "no-cache, private" },
        });
      }
      return new Response(response.body, {
        status: response.code,
        headers: {
          "Content-Type": "text/plain; charset=utf-8",
          "Cache-Control": "no-cache, private",
        },
      });
    case "watch": {
      const res = form.kind === "table" ? resourceInfo() : undefined;
      const stream = watchStream({
        sandboxId: opts.sandboxId,
        user,
        path,
        query: url.searchParams,
        initial: response.events,
        resourceVersion: response.resourceVersion,
        ...(res
          ? {
              table: {
                res,
                includeObject: includeObjectOf(url.searchParams),
                now: () => sandboxStateSync(opts.sandboxId)?.time ?? now,
              },
            }
          : {}),
        signal: request.signal,
        onEnd: () => recordWatchEnd(opts.sandboxId, user, path, audit[0]),
      });
      return new Response(stream, {
        status: 200,
        headers: {
          "Content-Type": "application/json",
          "Cache-Control": "no-cache, private",
          "X-Content-Type-Options": "nosniff",
        },
      });
    }
    case "object": {
      let out = response.body;
      const tableable = (info.verb === "get" || info.verb === "list") && info.subresource === "";
      if (form.kind === "table" && tableable && response.code < 300) {
        const res = resourceInfo();
        if (res) out = asTable(res, out, now, includeObjectOf(url.searchParams));
      }
      const headers = warningHeaders(response.warnings);
      headers.set("Content-Type", "application/json");
      headers.set("Cache-Control", "no-cache, private");
      return new Response(JSON.stringify(out), { status: response.code, headers });
    }
  }
}

/**
 * Discovery and OpenAPI are answered here, but like every request they pass the
 * sandbox's authorizer and land in its audit log (the engine sees `served`).
 */
async function audited(
  answer: Response,
  request: Request,
  opts: ServeOptions,
  user: UserInfo,
  url: URL,
): Promise<Response> {
  const { response } = await sandboxRequest(opts.sandboxId, {
    method: "GET",
    path: opts.path.replace(/\/+$/, "") || "/",
    query: url.search,
    user,
    ...(request.headers.get("user-agent") ? { userAgent: request.headers.get("user-agent")! } : {}),
    ...(opts.sourceIP ? { sourceIP: opts.sourceIP } : {}),
    served: { kind: "object", code: answer.status, body: null },
  });
  return response.kind === "status" ? statusResponse(response.body) : answer;
}

function openApiV2(request: Request): Response {
  const accept = request.headers.get("accept") ?? "";
  if (accept.includes("protobuf")) {
    return new Response(Buffer.from(openApiV2Protobuf()), {
      status: 200,
      headers: { "Content-Type": "application/octet-stream" },
    });
  }
  return jsonResponse(200, openApiV2Json());
}

function sandboxStateSync(id: string) {
  return cachedEntry(id)?.state;
}

/** Discovery and OpenAPI: served from the registry, as kube-apiserver serves them without etcd. */
async function serveStatic(
  path: string,
  form: ResponseForm,
  opts: ServeOptions,
  user: UserInfo,
): Promise<Response | undefined> {
  const isDiscovery =
    path === "/api" || path === "/apis" || path.startsWith("/api/") || path.startsWith("/apis/");
  const isOpenApi = path === "/openapi/v3" || path.startsWith("/openapi/v3/");
  if (!isDiscovery && !isOpenApi) return undefined;
  if (isDiscovery && path.split("/").filter(Boolean).length > 3) return undefined;
  const state = await sandboxState(opts.sandboxId, user);
  const reg = registryOf(state);
  if (isOpenApi) {
    if (path === "/openapi/v3") return jsonResponse(200, openApiRoot(reg, opts.prefix));
    const doc = openApiDocument(reg, path.slice("/openapi/v3/".length));
    return doc ? jsonResponse(200, doc) : notFound();
  }
  if (form.kind === "discovery" && (path === "/api" || path === "/apis")) {
    return new Response(JSON.stringify(aggregatedDiscovery(reg, path, form.version)), {
      status: 200,
      headers: { "Content-Type": form.contentType, "Cache-Control": "no-cache, private" },
    });
  }
  const doc = legacyDiscovery(reg, path);
  // /api/v1/namespaces and similar 3-segment resource paths fall through to the engine.
  return doc ? jsonResponse(200, doc) : undefined;
}
