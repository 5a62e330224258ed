// The API server's typed error: an Error that carries the Kubernetes Status object the client
// receives. Constructors mirror k8s.io/apimachinery/pkg/api/errors (1.28) so messages, reasons
// and codes are exactly what a real cluster returns.
import { groupKindString, groupResourceString, type GroupResource } from "./object";
import {
  aggregateFieldErrors,
  fieldErrorBody,
  goQuote,
  type FieldError,
} from "./validation/field-error";

export type StatusReason =
  | ""
  | "Unauthorized"
  | "Forbidden"
  | "NotFound"
  | "AlreadyExists"
  | "Conflict"
  | "Gone"
  | "Invalid"
  | "ServerTimeout"
  | "StoreReadError"
  | "Timeout"
  | "TooManyRequests"
  | "BadRequest"
  | "MethodNotAllowed"
  | "NotAcceptable"
  | "RequestEntityTooLarge"
  | "UnsupportedMediaType"
  | "InternalError"
  | "Expired"
  | "ServiceUnavailable";

export interface StatusCause {
  type?: string;
  /** Go's StatusCause.Type as marshalled (json:"reason"), e.g. DisruptionBudget. */
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: "Status";
  apiVersion: "v1";
  metadata: Record<string, never>;
  status: "Failure" | "Success";
  message?: string;
  reason?: StatusReason;
  details?: StatusDetails;
  code: number;
}

/** The message storage.Interface gives for a stale resourceVersion (registry/generic). */
export const OPTIMISTIC_LOCK_ERROR_MSG =
  "the object has been modified; please apply your changes to the latest version and try again";

// Go marshals StatusDetails fields with omitempty; keep the same keys and order.
function details(d: StatusDetails): StatusDetails {
  const out: StatusDetails = {};
  if (d.name) out.name = d.name;
  if (d.group) out.group = d.group;
  if (d.kind) out.kind = d.kind;
  if (d.uid) out.uid = d.uid;
  if (d.causes && d.causes.length > 0) out.causes = d.causes;
  if (d.retryAfterSeconds) out.retryAfterSeconds = d.retryAfterSeconds;
  return out;
}

function failure(code: number, reason: StatusReason, message: string, d?: StatusDetails): Status {
  // Key order follows metav1.Status's JSON (details before code) so bodies match byte for byte.
  const head = {
    kind: "Status" as const,
    apiVersion: "v1" as const,
    metadata: {},
    status: "Failure" as const,
    message,
    reason,
  };
  return d === undefined ? { ...head, code } : { ...head, details: details(d), code };
}

export class ApiError extends Error {
  readonly status: Status;

  constructor(status: Status) {
    super(status.message ?? "");
    this.name = "ApiError";
    this.status = status;
  }

  get code(): number {
    return this.status.code;
  }

  get reason(): StatusReason {
    return this.status.reason ?? "";
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

export function reasonOf(err: unknown): StatusReason {
  return isApiError(err) ? err.reason : "";
}

export const isNotFound = (err: unknown) => reasonOf(err) === "NotFound";
export const isAlreadyExists = (err: unknown) => reasonOf(err) === "AlreadyExists";
export const isConflict = (err: unknown) => reasonOf(err) === "Conflict";
export const isInvalid = (err: unknown) => reasonOf(err) === "Invalid";
export const isForbidden = (err: unknown) => reasonOf(err) === "Forbidden";

export function newNotFound(gr: GroupResource, name: string): ApiError {
  return new ApiError(
    failure(404, "NotFound", `${groupResourceString(gr)} ${goQuote(name)} not found`, {
      name,
      group: gr.group,
      kind: gr.resource,
    }),
  );
}

export function newAlreadyExists(gr: GroupResource, name: string): ApiError {
  return new ApiError(
    failure(409, "AlreadyExists", `${groupResourceString(gr)} ${goQuote(name)} already exists`, {
      name,
      group: gr.group,
      kind: gr.resource,
    }),
  );
}

/** generateName exhausted its retries (registry/generic/registry/store.go). */
export function newGenerateNameConflict(
  gr: GroupResource,
  name: string,
  retryAfterSeconds: number,
): ApiError {
  return new ApiError(
    failure(
      409,
      "AlreadyExists",
      `${groupResourceString(gr)} ${goQuote(name)} already exists, the server was not able to generate a unique name for the object`,
      { name, group: gr.group, kind: gr.resource, retryAfterSeconds },
    ),
  );
}

export function newUnauthorized(reason: string): ApiError {
  return new ApiError(failure(401, "Unauthorized", reason.length > 0 ? reason : "not authorized"));
}

/** `reason` is the already-formatted cause (authorizer reason or admission message). */
export function newForbidden(gr: GroupResource, name: string, reason: string): ApiError {
  let message: string;
  if (gr.group === "" && gr.resource === "") message = `forbidden: ${reason}`;
  else if (name === "") message = `${groupResourceString(gr)} is forbidden: ${reason}`;
  else message = `${groupResourceString(gr)} ${goQuote(name)} is forbidden: ${reason}`;
  return new ApiError(
    failure(403, "Forbidden", message, { name, group: gr.group, kind: gr.resource }),
  );
}

export function newConflict(gr: GroupResource, name: string, reason: string): ApiError {
  return new ApiError(
    failure(
      409,
      "Conflict",
      `Operation cannot be fulfilled on ${groupResourceString(gr)} ${goQuote(name)}: ${reason}`,
      { name, group: gr.group, kind: gr.resource },
    ),
  );
}

/** The 409 for an update carrying a stale resourceVersion. */
export function newStaleConflict(gr: GroupResource, name: string): ApiError {
  return newConflict(gr, name, OPTIMISTIC_LOCK_ERROR_MSG);
}

/** Deprecated upstream in favour of newResourceExpired, still used for some paths. */
export function newGone(message: string): ApiError {
  return new ApiError(failure(410, "Gone", message));
}

export function newResourceExpired(message: string): ApiError {
  return new ApiError(failure(410, "Expired", message));
}

export function newInvalid(
  gk: { group: string; kind: string },
  name: string,
  errs: readonly FieldError[],
): ApiError {
  const causes: StatusCause[] = errs.map((e) => ({
    type: e.type,
    message: fieldErrorBody(e),
    field: e.field,
  }));
  const agg = aggregateFieldErrors(errs);
  const prefix = `${groupKindString(gk)} ${goQuote(name)} is invalid`;
  return new ApiError(
    failure(422, "Invalid", agg === "" ? prefix : `${prefix}: ${agg}`, {
      name,
      group: gk.group,
      kind: gk.kind,
      causes,
    }),
  );
}

export function newBadRequest(reason: string): ApiError {
  return new ApiError(failure(400, "BadRequest", reason));
}

export function newTooManyRequests(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(failure(429, "TooManyRequests", message, { retryAfterSeconds }));
}

/** The max-in-flight filter's variant: "Too many requests: <message>". */
export function newTooManyRequestsError(message: string): ApiError {
  return new ApiError(failure(429, "TooManyRequests", `Too many requests: ${message}`));
}

export function newServiceUnavailable(reason: string): ApiError {
  return new ApiError(failure(503, "ServiceUnavailable", reason));
}

export function newMethodNotSupported(gr: GroupResource, action: string): ApiError {
  return new ApiError(
    failure(
      405,
      "MethodNotAllowed",
      `${action} is not supported on resources of kind ${goQuote(groupResourceString(gr))}`,
      { group: gr.group, kind: gr.resource },
    ),
  );
}

export function newServerTimeout(
  gr: GroupResource,
  operation: string,
  retryAfterSeconds: number,
): ApiError {
  return new ApiError(
    failure(
      500,
      "ServerTimeout",
      `The ${operation} operation against ${groupResourceString(gr)} could not be completed at this time, please try again.`,
      { name: operation, group: gr.group, kind: gr.resource, retryAfterSeconds },
    ),
  );
}

export function newInternalError(message: string): ApiError {
  return new ApiError(
    failure(500, "InternalError", `Internal error occurred: ${message}`, {
      causes: [{ message }],
    }),
  );
}

export function newTimeoutError(message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(failure(504, "Timeout", `Timeout: ${message}`, { retryAfterSeconds }));
}

export function newRequestEntityTooLarge(message: string): ApiError {
  return new ApiError(
    failure(413, "RequestEntityTooLarge", `Request entity too large: ${message}`),
  );
}

/** apiserver/pkg/endpoints/handlers/negotiation: body in a media type the server cannot decode. */
export function newUnsupportedMediaType(accepted: readonly string[]): ApiError {
  return new ApiError(
    failure(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: ${accepted.join(", ")}`,
    ),
  );
}

/** apiserver/pkg/endpoints/handlers/negotiation: no acceptable response media type. */
export function newNotAcceptable(accepted: readonly string[]): ApiError {
  return new ApiError(
    failure(
      406,
      "NotAcceptable",
      `only the following media types are accepted: ${accepted.join(", ")}`,
    ),
  );
}

/** Any thrown value as the Status the client sees; non-ApiErrors become 500s. */
export function toStatus(err: unknown): Status {
  if (isApiError(err)) return err.status;
  const message = err instanceof Error ? err.message : String(err);
  return newInternalError(message).status;
}
