// `-o json` of a typed object as kubectl's JSON printer writes it: json.MarshalIndent of
// the Go struct (lib/sim/apiserver/typed-order.ts gives the key order).

import { typedObject } from "../../apiserver/typed-order";
import { goJsonEscapes } from "./go-value";

/** encoding/json's output for a typed object: 4-space indent, HTML-safe and U+2028/9 escapes. */
export function typedJson(obj: unknown): string {
  return goJsonEscapes(JSON.stringify(typedObject(obj), null, 4));
}
