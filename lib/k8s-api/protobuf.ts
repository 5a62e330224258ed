// Protobuf request bodies (`application/vnd.kubernetes.protobuf`): kubectl 1.32+
// sends them for a few commands. Not decoded yet: answered with an honest 415
// naming the types this server decodes.

import { newUnsupportedMediaType } from "@/lib/sim/apiserver/errors";

export const PROTOBUF = "application/vnd.kubernetes.protobuf";

export function decodeProtobufBody(raw: Buffer): { body: unknown; contentType: string } {
  void raw;
  throw newUnsupportedMediaType(["application/json", "application/yaml"]);
}
