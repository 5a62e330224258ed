// Checks on a request body before it reaches admission: it is an object of the
// right kind, in the right namespace, without unknown fields when strict.

import { newBadRequest, newInvalid } from "../errors";
import {
  cannotBeHandledMessage,
  findInvalidQuantity,
  findTypeError,
  nestingDepthError,
  pruneUnknownFields,
  strictDecodingMessage,
} from "../validation";
import { type KubeObject, isKubeObject } from "../object";
import { apiVersionOf, type ResourceInfo } from "../resources/resource-info";
import type { RequestContext } from "./context";
import { copyForAdding } from "../../json-value";

export function requireBodyObject(
  body: unknown,
  info: ResourceInfo,
  expectedKind = info.kind,
): KubeObject {
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw newBadRequest("the body of the request was in an unknown format");
  }
  const raw = body as Record<string, unknown>;
  if (typeof raw.kind !== "string" || raw.kind === "") {
    throw newBadRequest(`Object 'Kind' is missing in '${JSON.stringify(body)}'`);
  }
  const candidate = { ...raw, apiVersion: raw.apiVersion ?? "", metadata: raw.metadata ?? {} };
  if (!isKubeObject(candidate))
    throw newBadRequest("the body of the request was in an unknown format");
  if (candidate.kind !== expectedKind) {
    throw newBadRequest(
      `the object provided is unrecognized (must be of type ${expectedKind}): ${candidate.kind} ${candidate.apiVersion}`,
    );
  }
  const { group } = splitApiVersion(candidate.apiVersion);
  if (group !== info.group) {
    throw newBadRequest(
      `the API version in the data (${candidate.apiVersion}) does not match the expected API version (${apiVersionOf(info)})`,
    );
  }
  return candidate;
}

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf("/");
  return i < 0
    ? { group: "", version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

/** The URL's namespace wins; a different one in the body is a 400, as in the apiserver. */
export function reconcileNamespace(
  obj: KubeObject,
  info: ResourceInfo,
  namespace: string,
): KubeObject {
  if (!info.namespaced) {
    if (obj.metadata.namespace) {
      const { namespace: _ns, ...rest } = obj.metadata;
      void _ns;
      return { ...obj, metadata: rest };
    }
    return obj;
  }
  const bodyNs = obj.metadata.namespace;
  if (bodyNs && bodyNs !== namespace) {
    throw newBadRequest(
      "the namespace of the provided object does not match the namespace sent on the request",
    );
  }
  // Already the URL's: the same object (every caller has its own metadata copy or makes one).
  if (bodyNs === namespace) return obj;
  const metadata = copyForAdding(obj.metadata);
  metadata.namespace = namespace;
  return { ...obj, metadata };
}

/** fieldValidation value the handler uses for in-process component requests (ApiRequest.inProcess). */
export const IN_PROCESS_DECODE = "in-process";

/**
 * Decode-time checks, in the apiserver's wording ("<Kind> in version "<v>" cannot
 * be handled as a <Kind>: ..."): nesting depth, JSON types, quantities, and
 * unknown fields - fieldValidation=Strict fails on them; Warn (the server
 * default) and Ignore drop them, Warn adding a warning per field. Returns the object
 * as decoding leaves it: a built-in kind's Go struct has no place for unknown fields.
 */
export function checkUnknownFields(
  ctx: RequestContext,
  obj: KubeObject,
  info: ResourceInfo,
  mode: string | null,
  warnings: string[],
): KubeObject {
  // The engine's own components send objects, not JSON: there is nothing to decode.
  if (mode === IN_PROCESS_DECODE) return obj;
  const cannot = (cause: string) =>
    newBadRequest(cannotBeHandledMessage(info.kind, info.version, cause));
  const depth = nestingDepthError(obj);
  if (depth) throw cannot(depth);
  const typeError = findTypeError(obj, info);
  if (typeError) throw cannot(typeError);
  const quantity = findInvalidQuantity(obj, info);
  if (quantity) throw cannot(quantity);
  const unknown = ctx.plugins.unknownFields(obj, info);
  if (unknown.length === 0) return obj;
  const validation = mode ?? "Warn";
  if (validation === "Strict") throw cannot(strictDecodingMessage(unknown));
  if (validation !== "Ignore") for (const f of unknown) warnings.push(`unknown field "${f}"`);
  return pruneUnknownFields(obj, info);
}

/** Throws the 422 when validation found field errors. */
export function throwIfInvalid(
  info: ResourceInfo,
  name: string,
  errs: ReturnType<RequestContext["plugins"]["validateCreate"]>,
) {
  if (errs.length > 0) throw newInvalid({ group: info.group, kind: info.kind }, name, errs);
}
