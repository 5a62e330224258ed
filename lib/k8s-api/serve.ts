// The Kubernetes REST API of one sandbox over HTTP(S), for real kubectl: bearer
// token → sandbox user, content negotiation, discovery and OpenAPI from the
// sandbox's registry, everything else through the engine (lib/sim via
// lib/db/sandboxes), then Table printing and watch streaming on the way out.
// Used by the Next.js route (app/api/k8s) and the HTTPS listener (server/k8s-https.ts).

import { cachedEntry } from "@/lib/db/sandboxes/cache";
import { findKubeToken } from "@/lib/db/kube-tokens";
import { sandboxRequest } from "@/lib/db/sandboxes";
import type { ApiRequest, UserInfo } from "@/lib/sim";
import { newMethodNotSupported, newRequestEntityTooLarge } from "@/lib/sim/apiserver/errors";
import { MAX_REQUEST_BODY_BYTES } from "@/lib/sim/apiserver/handler/handle";
import { parseRequestInfo, type HttpMethod } from "@/lib/sim/apiserver/handler/request-info";
import { inWireOrder } from "@/lib/sim/apiserver/wire-order";
import { admitConnect, parseConnectPath } from "./exec/connect-admission";
import { failureResponse } from "./failure-response";
import { followLog } from "./log-follow";
import { decodeBody, parseMediaType, responseForm, type ResponseForm } from "./media";
import { decodeProtobufBody, PROTOBUF } from "./protobuf";
import { readRawBody } from "./request-body";
import { requestUser } from "./request-user";
import { errorResponse, statusResponse, warningHeaders } from "./responses";
import { registryOf } from "./sandbox-view";
import type { ServeOptions } from "./serve-options";
import { audited, openApiV2, serveStatic } from "./static-routes";
import { asTable, includeObjectOf } from "./tables";
import { watchPollInterval } from "./watch-hub";
import { recordWatchEnd } from "./watch-audit";
import { watchStream } from "./watch-stream";

export type { ServeOptions } from "./serve-options";
export { failureResponse } from "./failure-response";
export { requestUser } from "./request-user";

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE"]);

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

export async function serveKubeApi(request: Request, opts: ServeOptions): Promise<Response> {
  try {
    const user = await requestUser(request, opts);
    if (user instanceof Response) return user;
    return await serveAuthenticated(request, opts, user);
  } catch (err) {
    return failureResponse(err);
  }
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
        custom: resourceInfo()?.custom === true,
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
      } else if (response.code < 300) {
        out = inWireOrder(out, resourceInfo()?.custom === true) as typeof out;
      }
      const headers = warningHeaders(response.warnings);
      headers.set("Content-Type", "application/json");
      headers.set("Cache-Control", "no-cache, private");
      return new Response(JSON.stringify(out), { status: response.code, headers });
    }
  }
}

function sandboxStateSync(id: string) {
  return cachedEntry(id)?.state;
}
