// Maps anything a request throws to the Status the client receives. Errors from
// etcd are not API statuses, so - like kube-apiserver's ErrorToAPIStatus - they
// become a 500 with reason "" (StatusReasonUnknown) and etcd's own text; kubectl
// then prints e.g. "Error from server: etcdserver: request timed out".

import { EtcdUnavailableError } from "../../etcd/errors";
import { StoreError } from "../../store/errors";
import {
  ApiError,
  type Status,
  isApiError,
  newInternalError,
  newRequestEntityTooLarge,
  newResourceExpired,
} from "../errors";

export function unknownStatus(message: string): Status {
  return {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason: "",
    code: 500,
  };
}

export function errorStatus(err: unknown): Status {
  if (isApiError(err)) return err.status;
  if (err instanceof EtcdUnavailableError) return unknownStatus(err.message);
  if (err instanceof StoreError) {
    if (err.code === "compacted")
      return newResourceExpired(`too old resource version: ${err.compactRevision ?? 0}`).status;
    // kube-apiserver 1.28 passes etcd's "request is too large" on as a 500; an object
    // too big to store is the client's doing, so it is answered as the 413 it is.
    if (err.code === "request-too-large") return newRequestEntityTooLarge(err.message).status;
    return unknownStatus(err.message);
  }
  return newInternalError(err instanceof Error ? err.message : String(err)).status;
}

export function toApiError(err: unknown): ApiError {
  return isApiError(err) ? err : new ApiError(errorStatus(err));
}
