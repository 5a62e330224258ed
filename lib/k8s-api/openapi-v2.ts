// /openapi/v2: kubectl up to 1.29 loads it before `apply`, `create -f` and
// `explain` and fails without it; it asks for gnostic's protobuf form. This
// server publishes its schemas in /openapi/v3 only, so v2 is a valid, empty
// Swagger 2.0 document (kubectl then validates via the server's fieldValidation
// and falls back to its compiled-in types for strategic merge patches).

import protobuf from "protobufjs/minimal.js";
import { CLUSTER_VERSION } from "@/lib/sim/version";

/** kube-openapi serves the protobuf form as application/octet-stream (Go cannot parse the "@" type). */

const INFO = { title: "Kubernetes", version: CLUSTER_VERSION };

/** gnostic openapi_v2.Document{swagger: "2.0", info: {title, version}, paths: {}}. */
export function openApiV2Protobuf(): Uint8Array {
  const w = protobuf.Writer.create();
  w.uint32((1 << 3) | 2).string("2.0");
  w.uint32((2 << 3) | 2)
    .fork()
    .uint32((1 << 3) | 2)
    .string(INFO.title)
    .uint32((2 << 3) | 2)
    .string(INFO.version)
    .ldelim();
  w.uint32((8 << 3) | 2)
    .fork()
    .ldelim();
  return w.finish();
}

export function openApiV2Json(): unknown {
  return { swagger: "2.0", info: INFO, paths: {} };
}
