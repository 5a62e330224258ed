// Content negotiation as kube-apiserver does it: which response form the client
// asked for (plain JSON, a meta.k8s.io Table, aggregated discovery) and how to
// decode the request body (JSON, YAML, the four patch types; protobuf is decoded
// in protobuf.ts). Unknown body types are 415, no acceptable response type 406.

import YAML from "yaml";
import { assertNesting } from "@/lib/sim/apiserver/nesting";
import {
  ApiError,
  newBadRequest,
  newNotAcceptable,
  newUnsupportedMediaType,
} from "@/lib/sim/apiserver/errors";

export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export function parseMediaType(text: string): MediaType {
  const [type = "", ...rest] = text.split(";").map((s) => s.trim());
  const params: Record<string, string> = {};
  for (const p of rest) {
    const i = p.indexOf("=");
    if (i > 0)
      params[p.slice(0, i).trim().toLowerCase()] = p
        .slice(i + 1)
        .trim()
        .replace(/^"|"$/g, "");
  }
  return { type: type.toLowerCase(), params };
}

export function parseAccept(header: string | null): MediaType[] {
  if (!header) return [{ type: "*/*", params: {} }];
  return header
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseMediaType);
}

export type ResponseForm =
  | { kind: "json" }
  | { kind: "table" }
  | { kind: "discovery"; version: "v2" | "v2beta1"; contentType: string };

const JSONISH = new Set(["application/json", "application/*", "*/*", "application/yaml"]);

/** The first acceptable form in the client's order (kubectl lists its preference first). */
export function responseForm(accept: MediaType[]): ResponseForm {
  for (const m of accept) {
    if (m.type !== "application/json" && !JSONISH.has(m.type)) continue;
    const { as, g, v } = m.params;
    if (!as) return { kind: "json" };
    if (as === "Table" && g === "meta.k8s.io" && (v === "v1" || v === "v1beta1"))
      return { kind: "table" };
    if (
      as === "APIGroupDiscoveryList" &&
      g === "apidiscovery.k8s.io" &&
      (v === "v2" || v === "v2beta1")
    ) {
      return {
        kind: "discovery",
        version: v,
        contentType: `application/json;g=apidiscovery.k8s.io;v=${v};as=APIGroupDiscoveryList`,
      };
    }
    // Other conversions (PartialObjectMetadata...) fall through to the next entry.
  }
  throw newNotAcceptable(["application/json", "application/yaml"]);
}

export const BODY_TYPES = [
  "application/json",
  "application/yaml",
  "application/vnd.kubernetes.protobuf",
];
export const PATCH_TYPES = [
  "application/json-patch+json",
  "application/merge-patch+json",
  "application/apply-patch+yaml",
  "application/strategic-merge-patch+json",
];

/** Go's encoding/json wording for the common syntax errors (what kubectl prints). */
export function goJsonError(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/end of (JSON )?(data|input)|Unterminated|Unexpected end/i.test(msg) || text.trim() === "") {
    return "unexpected end of JSON input";
  }
  const pos = /position (\d+)/.exec(msg);
  // V8 reports a cut-off document as an error at the position just past its end.
  if (pos && Number(pos[1]) >= text.trimEnd().length) return "unexpected end of JSON input";
  const ch = pos ? text[Number(pos[1])] : text.trim()[0];
  return `invalid character '${ch ?? ""}' looking for beginning of value`;
}

export interface DecodedBody {
  body: unknown;
  contentType: string;
}

/** Decodes a JSON or YAML request body for the engine; protobuf is handled by the caller. */
export function decodeBody(
  method: string,
  contentTypeHeader: string | null,
  raw: Buffer,
): DecodedBody {
  const decoded = decodeRaw(method, contentTypeHeader, raw);
  assertNesting(decoded.body);
  return decoded;
}

function decodeRaw(method: string, contentTypeHeader: string | null, raw: Buffer): DecodedBody {
  const media = parseMediaType(contentTypeHeader ?? "application/json");
  const text = raw.toString("utf8");
  if (method === "PATCH") {
    if (!PATCH_TYPES.includes(media.type)) throw newUnsupportedMediaType(PATCH_TYPES);
    if (media.type === "application/apply-patch+yaml")
      return { body: parseYaml(text), contentType: media.type };
    try {
      return { body: JSON.parse(text), contentType: media.type };
    } catch (err) {
      throw newBadRequest(goJsonError(text, err));
    }
  }
  if (media.type === "application/json" || media.type === "") {
    try {
      return { body: JSON.parse(text), contentType: "application/json" };
    } catch (err) {
      throw newBadRequest(`couldn't get version/kind; json parse error: ${goJsonError(text, err)}`);
    }
  }
  if (media.type === "application/yaml") return { body: parseYaml(text), contentType: media.type };
  throw newUnsupportedMediaType(BODY_TYPES);
}

function parseYaml(text: string): unknown {
  try {
    return YAML.parse(text, { maxAliasCount: 100 });
  } catch (err) {
    throw newBadRequest(
      `error converting YAML to JSON: yaml: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
    );
  }
}

export { ApiError };
