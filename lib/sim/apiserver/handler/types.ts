// The API server's request and response, independent of HTTP: the Next.js route
// (real kubectl) and the web terminal both turn their input into an ApiRequest.

import type { Status } from "../errors";
import type { KubeObject } from "../object";
import type { AuditEvent } from "../audit/event";

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export type PatchType =
  | "application/merge-patch+json"
  | "application/json-patch+json"
  | "application/strategic-merge-patch+json"
  | "application/apply-patch+yaml";

export interface ApiRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path without the sandbox prefix, e.g. "/api/v1/namespaces/default/pods". */
  path: string;
  /** Query string (with or without "?"), or parsed parameters. */
  query?: string | Record<string, string>;
  /** Decoded JSON body (the HTTP layer decodes JSON/YAML/protobuf). */
  body?: unknown;
  /** Size of the raw body in bytes, for the 3 MiB request limit. */
  bodyBytes?: number;
  /** For PATCH: the patch media type. */
  contentType?: string;
  /** Bearer token from the Authorization header. */
  token?: string;
  /** An identity the caller already authenticated (the web terminal's session user). */
  user?: UserInfo;
  userAgent?: string;
  sourceIP?: string;
  /**
   * The answer the HTTP layer already has (discovery and OpenAPI documents, built from the
   * registry): the pipeline still authenticates, authorizes and audits the request.
   */
  served?: ApiResponse;
  /**
   * Set by the engine for its control loops' requests: their objects are built in process from
   * stored ones, so the decode-time checks (JSON types, unknown fields) are skipped; authn,
   * authz, admission, validation and the store write run as for any client.
   */
  inProcess?: boolean;
  /** Tokens the app knows beyond the sandbox's own (kubeconfig downloads), for TokenReview. */
  reviewTokens?: Readonly<Record<string, UserInfo>>;
  /**
   * Watches the HTTP layer streamed have ended: log their ResponseComplete audit events (the
   * ResponseStarted ones they were opened with are given) and do nothing else.
   */
  watchEnded?: readonly AuditEvent[];
}

export interface WatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: KubeObject | Status;
}

export type ApiResponse =
  | { kind: "object"; code: number; body: unknown; warnings?: string[] }
  | { kind: "text"; code: number; body: string }
  | { kind: "status"; code: number; body: Status }
  /**
   * A watch answers with the events since the requested resourceVersion; the HTTP
   * layer streams them and asks again from `resourceVersion` after later writes.
   */
  | { kind: "watch"; code: 200; events: WatchEvent[]; resourceVersion: string };
