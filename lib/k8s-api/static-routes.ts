// Discovery and OpenAPI: answered from the sandbox's registry without the store, as
// kube-apiserver serves them without etcd - but authorized and audited like every
// other request.

import { sandboxRequest } from "@/lib/db/sandboxes";
import type { UserInfo } from "@/lib/sim";
import { aggregatedDiscovery, legacyDiscovery } from "./discovery";
import type { ResponseForm } from "./media";
import { notFound } from "./not-found";
import { openApiDocument, openApiRoot } from "./openapi";
import { openApiV2Json, openApiV2Protobuf } from "./openapi-v2";
import { jsonResponse, statusResponse } from "./responses";
import { registryOf, sandboxState } from "./sandbox-view";
import type { ServeOptions } from "./serve-options";

/**
 * Discovery and OpenAPI are answered here, but like every request they pass the
 * sandbox's authorizer and land in its audit log (the engine sees `served`).
 */
export async function audited(
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

export function openApiV2(request: Request): Response {
  const accept = request.headers.get("accept") ?? "";
  if (accept.includes("protobuf")) {
    return new Response(Buffer.from(openApiV2Protobuf()), {
      status: 200,
      headers: { "Content-Type": "application/octet-stream" },
    });
  }
  return jsonResponse(200, openApiV2Json());
}

/** Discovery and OpenAPI: served from the registry, as kube-apiserver serves them without etcd. */
export async function serveStatic(
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
