// Audit events in the shape kube-apiserver writes to --audit-log-path
// (audit.k8s.io/v1 Event, one JSON object per line), at level Metadata - what the
// kubeadm lesson's audit policy records for every request.

import { formatMicroTime } from "../../clock";
import type { UserInfo } from "../handler/types";
import type { RequestInfo } from "../handler/request-info";

export interface AuditEvent {
  kind: "Event";
  apiVersion: "audit.k8s.io/v1";
  level: "Metadata";
  auditID: string;
  /** Watches are logged when the response starts (the stream stays open). */
  stage: "ResponseStarted" | "ResponseComplete";
  requestURI: string;
  verb: string;
  user: { username: string; uid?: string; groups?: string[] };
  sourceIPs: string[];
  userAgent?: string;
  objectRef?: {
    resource?: string;
    namespace?: string;
    name?: string;
    uid?: string;
    apiGroup?: string;
    apiVersion?: string;
    resourceVersion?: string;
    subresource?: string;
  };
  responseStatus: {
    metadata: Record<string, never>;
    status?: string;
    message?: string;
    reason?: string;
    code: number;
  };
  requestReceivedTimestamp: string;
  stageTimestamp: string;
  annotations?: Record<string, string>;
}

export interface AuditInput {
  auditID: string;
  requestURI: string;
  info: RequestInfo;
  user: UserInfo | undefined;
  sourceIP?: string;
  userAgent?: string;
  code: number;
  /** Failure details for non-2xx answers, as the apiserver records them. */
  failure?: { message?: string; reason?: string };
  receivedAt: number;
  completedAt: number;
  stage?: "ResponseStarted" | "ResponseComplete";
  /**
   * The decoded body of a create or update: the apiserver's LogRequestObject completes
   * objectRef from its metadata (name, namespace, uid, resourceVersion) - before the registry
   * runs, so a generateName create's objectRef has no name, as in kube-apiserver.
   */
  requestObject?: unknown;
  /** authorization.k8s.io/decision and /reason, when authorization ran. */
  decision?: { allowed: boolean; reason: string };
}

const ANONYMOUS = { username: "system:anonymous", groups: ["system:unauthenticated"] } as const;
const DEFAULT_SOURCE_IP = "192.168.56.1";

// Every request's event is kept (a settle's 733 go to persistence together), and most of an
// event is the same from request to request: who asked, from where, the success status and the
// authorizer's verdict. Those parts are shared between events, frozen (a shared part changed
// through one event would change every other): only the identifying fields are per event.
// Immutable parts of a UserInfo are what the event's user is made of, so it is kept per
// UserInfo object (a loop's user, a token's user); the others per their few distinct values.

const usersByInfo = new WeakMap<UserInfo, AuditEvent["user"]>();

function eventUser(user: UserInfo | undefined): AuditEvent["user"] {
  if (!user) return { username: ANONYMOUS.username, groups: [...ANONYMOUS.groups] };
  let out = usersByInfo.get(user);
  // A UserInfo changed after its first event (none is) would get a fresh user.
  if (
    out === undefined ||
    out.username !== user.username ||
    out.uid !== user.uid ||
    out.groups !== user.groups
  ) {
    out = Object.freeze(
      user.uid
        ? { username: user.username, uid: user.uid, groups: user.groups }
        : { username: user.username, groups: user.groups },
    );
    usersByInfo.set(user, out);
  }
  return out;
}

/** Small maps of shared values, emptied when full (the values are cheap to make again). */
function sharedBy<K, V>(limit: number, make: (key: K) => V): (key: K) => V {
  const map = new Map<K, V>();
  return (key) => {
    let v = map.get(key);
    if (v === undefined) {
      if (map.size >= limit) map.clear();
      v = make(key);
      map.set(key, v);
    }
    return v;
  };
}

const sourceIPsOf = sharedBy(64, (ip: string) => Object.freeze([ip]) as unknown as string[]);

const successOf = sharedBy(16, (code: number): AuditEvent["responseStatus"] =>
  Object.freeze({ metadata: Object.freeze({}) as Record<string, never>, code }),
);

const allowedBecause = sharedBy(256, (reason: string) => annotationsOf(true, reason));
const forbiddenBecause = sharedBy(256, (reason: string) => annotationsOf(false, reason));

function annotationsOf(allowed: boolean, reason: string): Record<string, string> {
  return Object.freeze({
    "authorization.k8s.io/decision": allowed ? "allow" : "forbid",
    "authorization.k8s.io/reason": reason,
  });
}

/**
 * One event per request, in the field order the JSON shows. The usual event of an engine
 * request (no user agent, a resource, authorization ran) is one object literal, so it is
 * allocated once with every field in place; any other is completed field by field.
 */
export function auditEvent(input: AuditInput): AuditEvent {
  const { info, decision } = input;
  const stage = input.stage ?? "ResponseComplete";
  const user = eventUser(input.user);
  const sourceIPs = sourceIPsOf(input.sourceIP ?? DEFAULT_SOURCE_IP);
  const responseStatus: AuditEvent["responseStatus"] =
    input.code >= 300
      ? {
          metadata: {},
          status: "Failure",
          message: input.failure?.message ?? "",
          reason: input.failure?.reason ?? "",
          code: input.code,
        }
      : successOf(input.code);
  const requestReceivedTimestamp = formatMicroTime(input.receivedAt);
  const stageTimestamp = formatMicroTime(input.completedAt);
  const ref = info.isResourceRequest ? objectRef(info, input.requestObject) : undefined;
  const annotations = decision
    ? decision.allowed
      ? allowedBecause(decision.reason)
      : forbiddenBecause(decision.reason)
    : undefined;
  if (!input.userAgent && ref && annotations) {
    return {
      kind: "Event",
      apiVersion: "audit.k8s.io/v1",
      level: "Metadata",
      auditID: input.auditID,
      stage,
      requestURI: input.requestURI,
      verb: info.verb,
      user,
      sourceIPs,
      responseStatus,
      requestReceivedTimestamp,
      stageTimestamp,
      objectRef: ref,
      annotations,
    };
  }
  const event = {
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level: "Metadata",
    auditID: input.auditID,
    stage,
    requestURI: input.requestURI,
    verb: info.verb,
    user,
    sourceIPs,
  } as AuditEvent;
  if (input.userAgent) event.userAgent = input.userAgent;
  event.responseStatus = responseStatus;
  event.requestReceivedTimestamp = requestReceivedTimestamp;
  event.stageTimestamp = stageTimestamp;
  if (ref) event.objectRef = ref;
  if (annotations) event.annotations = annotations;
  return event;
}

/** Field order of audit.k8s.io/v1 ObjectReference, as kube-apiserver serialises it. */
function objectRef(
  info: RequestInfo,
  requestObject: unknown,
): NonNullable<AuditEvent["objectRef"]> {
  const meta = requestMeta(requestObject);
  const namespace = info.namespace || meta?.namespace;
  const name = info.name || meta?.name;
  const ref: NonNullable<AuditEvent["objectRef"]> = { resource: info.resource };
  if (namespace) ref.namespace = namespace;
  if (name) ref.name = name;
  if (meta?.uid) ref.uid = meta.uid;
  if (info.group) ref.apiGroup = info.group;
  ref.apiVersion = info.version;
  if (meta?.resourceVersion) ref.resourceVersion = meta.resourceVersion;
  if (info.subresource) ref.subresource = info.subresource;
  return ref;
}

interface RequestMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
}

/** The logged metadata of a create or update body; undefined when there is none. */
function requestMeta(obj: unknown): RequestMeta | undefined {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return undefined;
  const meta = (obj as { metadata?: unknown }).metadata;
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) return undefined;
  const m = meta as Record<string, unknown>;
  return {
    name: str(m.name),
    namespace: str(m.namespace),
    uid: str(m.uid),
    resourceVersion: str(m.resourceVersion),
  };
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}
