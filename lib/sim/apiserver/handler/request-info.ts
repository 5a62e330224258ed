// Turns a REST path + method into the attributes the rest of the pipeline works
// on (apiserver's RequestInfoFactory): verb, group/version/resource, namespace,
// name, subresource.

export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  verb: string;
  apiPrefix: "api" | "apis" | "";
  group: string;
  version: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const methodVerbs: Record<HttpMethod, string> = {
  GET: "get",
  POST: "create",
  PUT: "update",
  PATCH: "patch",
  DELETE: "delete",
};

/**
 * /api/v1/namespaces/default/pods/web/status → {group:"", version:"v1",
 * namespace:"default", resource:"pods", name:"web", subresource:"status"}.
 * `/api/v1/namespaces/{name}` addresses the namespace object itself.
 */
/** requestinfo.go namespaceSubresources. */
const NAMESPACE_SUBRESOURCES = new Set(["status", "finalize"]);

// Components send the same few paths over and over: the parse of a path is kept (bounded),
// except for GET collections, whose verb depends on the query (?watch=true).
const parsed = new Map<string, Readonly<RequestInfo>>();
const PARSED_LIMIT = 4096;

/** The attributes of a request; the result is shared and must not be changed. */
export function parseRequestInfo(
  method: HttpMethod,
  path: string,
  query: URLSearchParams,
): Readonly<RequestInfo> {
  const key = `${method} ${path}`;
  const hit = parsed.get(key);
  if (hit) return hit;
  const info = parse(method, path, query);
  if (method !== "GET" || info.name !== "" || !info.isResourceRequest) {
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(key, info);
  }
  return info;
}

function parse(method: HttpMethod, path: string, query: URLSearchParams): RequestInfo {
  const clean = path.split("?")[0]!.replace(/\/+$/, "");
  const split = clean.split("/").filter((p) => p.length > 0);
  // Without a percent sign nothing is escaped: the components' paths skip the decode.
  const parts = clean.includes("%") ? split.map(decodeURIComponent) : split;
  const info: RequestInfo = {
    isResourceRequest: false,
    path: clean || "/",
    verb: method.toLowerCase(),
    apiPrefix: "",
    group: "",
    version: "",
    namespace: "",
    resource: "",
    subresource: "",
    name: "",
  };
  const prefix = parts[0];
  if (prefix !== "api" && prefix !== "apis") return info;
  info.apiPrefix = prefix;
  let rest = parts.slice(1);
  if (prefix === "apis") {
    if (rest.length < 3) return info; // discovery of /apis, /apis/<group>, /apis/<group>/<version>
    info.group = rest[0]!;
    rest = rest.slice(1);
  } else if (rest.length < 2) {
    return info; // /api, /api/v1 discovery
  }
  info.version = rest[0]!;
  rest = rest.slice(1);
  info.isResourceRequest = true;
  info.verb = methodVerbs[method];
  // Deprecated /watch/ path prefix still maps to the watch verb.
  if (rest[0] === "watch") {
    info.verb = "watch";
    rest = rest.slice(1);
  }
  if (rest[0] === "namespaces") {
    if (rest.length > 2 && NAMESPACE_SUBRESOURCES.has(rest[2]!)) {
      // /api/v1/namespaces/<name>/status|finalize: a subresource of the namespace itself
      info.namespace = rest[1]!;
    } else if (rest.length > 2) {
      info.namespace = rest[1]!;
      rest = rest.slice(2);
    } else if (rest.length === 2) {
      // the namespace object itself: /api/v1/namespaces/<name>
      info.namespace = rest[1]!;
    }
  }
  info.resource = rest[0] ?? "";
  info.name = rest[1] ?? "";
  info.subresource = rest[2] ?? "";
  if (method === "GET" && info.verb !== "watch") {
    if (info.name === "") info.verb = truthy(query.get("watch")) ? "watch" : "list";
  }
  if (method === "DELETE" && info.name === "") info.verb = "deletecollection";
  return info;
}

function truthy(v: string | null): boolean {
  return v === "true" || v === "1";
}
