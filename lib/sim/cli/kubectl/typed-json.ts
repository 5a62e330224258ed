// `-o json` of a typed object as kubectl's JSON printer writes it: json.MarshalIndent of
// the Go struct (lib/sim/apiserver/typed-order.ts gives the key order).

import { typedObject } from "../../apiserver/typed-order";

/** encoding/json's output for a typed object: 4-space indent, HTML-safe escapes. */
export function typedJson(obj: unknown): string {
  return JSON.stringify(typedObject(obj), null, 4)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026");
}
