// The API server's request pipeline: authentication → authorization → (per verb)
// mutating admission → validation → validating admission → etcd. A pure function
// of (sandbox state, request, virtual clock): a failed request leaves the store
// and the etcd cluster as they were.

import type { Clock } from "../../clock";
import { type RequestTrace, type SandboxState, appendJournal } from "../../state";
import type { StoreChanges } from "../../store/writer";
import { auditEvent, type AuditEvent } from "../audit/event";
import { authenticate } from "../authn/authenticate";
import { newRequestEntityTooLarge } from "../errors";
import { RequestContext } from "./context";
import { dispatch } from "./dispatch";
import { errorStatus } from "./error-status";
import { forbidden } from "./forbidden";
import type { ApiServerPlugins, AuthorizationAttributes, Decision } from "./plugins";
import { parseRequestInfo, type RequestInfo } from "./request-info";
import { parseQuery } from "./request-options";
import type { ApiRequest, ApiResponse, UserInfo } from "./types";
import { endWatch } from "./watch-end";

/** kube-apiserver's maximum request body (3 MiB; etcd's 1.5 MiB limit applies to what is stored). */
export const MAX_REQUEST_BODY_BYTES = 3 * 1024 * 1024;

export interface HandleResult {
  state: SandboxState;
  response: ApiResponse;
  audit: AuditEvent;
  trace: RequestTrace;
  /** Store rows this request appended/removed, for persistence. */
  changes: StoreChanges;
}

/** `${method} ` once per method, not once per request (the trace keeps each request's). */
const METHOD_PREFIX: Readonly<Record<string, string>> = {
  GET: "GET ",
  POST: "POST ",
  PUT: "PUT ",
  PATCH: "PATCH ",
  DELETE: "DELETE ",
};

const methodPrefix = (method: string): string =>
  Object.prototype.hasOwnProperty.call(METHOD_PREFIX, method)
    ? METHOD_PREFIX[method]!
    : `${method} `;

function attributes(info: RequestInfo, user: UserInfo): AuthorizationAttributes {
  return {
    user,
    verb: info.verb,
    apiGroup: info.group,
    resource: info.resource,
    subresource: info.subresource,
    namespace: info.namespace,
    name: info.name,
    path: info.path,
    resourceRequest: info.isResourceRequest,
  };
}

/**
 * `deferJournal`: the request's audit event and trace are left out of the state's journal (the
 * result carries them): the engine's settle appends all of its requests' at once at its end
 * (engine.ts), instead of copying the journal's two 50-entry arrays on each of ~730 requests.
 * A watch's end appends its closing events itself either way.
 */
export function handleRequest(
  state: SandboxState,
  req: ApiRequest,
  clock: Clock,
  plugins: ApiServerPlugins,
  deferJournal = false,
): HandleResult {
  if (req.watchEnded?.length) {
    return endWatch(state, req.watchEnded as [AuditEvent, ...AuditEvent[]], clock);
  }
  const now = Math.max(clock.now(), state.time);
  const ctx = new RequestContext(state, now, plugins);
  const auditID = ctx.rng.uuid();
  const query = parseQuery(req.query);
  const info = parseRequestInfo(req.method, req.path, query);
  const qs = query.toString();
  const requestURI = info.path + (qs ? `?${qs}` : "");
  let user: UserInfo | undefined;
  let decision: Decision | undefined;
  let response: ApiResponse;
  let ok = false;
  ctx.trace.record({
    from: "client",
    to: "kube-apiserver",
    action: methodPrefix(req.method) + requestURI,
  });
  try {
    if ((req.bodyBytes ?? 0) > MAX_REQUEST_BODY_BYTES) {
      throw newRequestEntityTooLarge(`limit is ${MAX_REQUEST_BODY_BYTES}`);
    }
    user = authenticate(req, state.tokens);
    ctx.trace.recordStep("kube-apiserver", "authn", "authenticate", user.username);
    const attrs = attributes(info, user);
    decision = plugins.authorize(attrs, ctx.lookup);
    ctx.trace.recordStep("kube-apiserver", "authz", "authorize", decision.reason, decision.allowed);
    if (!decision.allowed) throw forbidden(attrs, decision.reason);
    response = dispatch(ctx, info, req, query, user);
    ok = response.code < 400;
  } catch (err) {
    const status = errorStatus(err);
    response = { kind: "status", code: status.code, body: status };
  }
  ctx.trace.recordStep("kube-apiserver", "client", "respond", String(response.code), ok);

  const changes: StoreChanges = ok
    ? ctx.writer.commit()
    : { state: state.store, appended: [], removed: [], leasesChanged: false };
  const failure = response.kind === "status" ? response.body : undefined;
  const audit = auditEvent({
    auditID,
    requestURI,
    info,
    user,
    sourceIP: req.sourceIP,
    userAgent: req.userAgent,
    code: response.code,
    failure: failure ? { message: failure.message, reason: failure.reason } : undefined,
    receivedAt: now,
    completedAt: now,
    decision,
    // Only a create or update body that got past authorization is decoded and logged.
    ...(decision?.allowed && (info.verb === "create" || info.verb === "update")
      ? { requestObject: req.body }
      : {}),
    ...(response.kind === "watch" ? { stage: "ResponseStarted" as const } : {}),
  });
  const trace: RequestTrace = {
    auditID,
    verb: info.verb,
    requestURI,
    code: response.code,
    entries: ctx.trace.entries,
  };
  const next: SandboxState = {
    ...state,
    rng: ctx.rng.state(),
    time: now,
    store: changes.state,
    etcd: ok ? ctx.etcd : state.etcd,
    journal: deferJournal ? state.journal : appendJournal(state.journal, [audit], trace),
  };
  return { state: next, response, audit, trace, changes };
}
