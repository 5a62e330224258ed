// --append-hash of kubectl create configmap/secret (k8s.io/kubectl/pkg/util/hash): the
// name gets "-" and ten characters of a SHA-256 over the object's identifying content,
// so a changed ConfigMap or Secret gets a new name and its pods roll.

import { createHash } from "node:crypto";
import type { KubeObject } from "../../apiserver/object";
import { goMarshal } from "./go-value";

/** encodeHash: the first ten hex digits with 0,1,3,a,e swapped for g,h,k,m,t (no words). */
function encodeHash(hex: string): string {
  const swap: Record<string, string> = { "0": "g", "1": "h", "3": "k", a: "m", e: "t" };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join("");
}

/** ConfigMapHash / SecretHash of the generated object. */
export function contentHash(obj: KubeObject): string {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated objects are loose JSON
  const o = obj as any;
  const fields: Record<string, unknown> =
    o.kind === "Secret"
      ? { kind: "Secret", type: o.type ?? "", name: o.metadata.name, data: o.data ?? null }
      : {
          kind: "ConfigMap",
          name: o.metadata.name,
          data: o.data ?? null,
          ...(o.immutable !== undefined ? { immutable: o.immutable } : {}),
          ...(o.binaryData && Object.keys(o.binaryData).length ? { binaryData: o.binaryData } : {}),
        };
  return encodeHash(createHash("sha256").update(goMarshal(fields)).digest("hex"));
}

/** The object renamed <name>-<hash>, as --append-hash leaves it. */
export function withHashSuffix(obj: KubeObject): KubeObject {
  return {
    ...obj,
    metadata: { ...obj.metadata, name: `${obj.metadata.name}-${contentHash(obj)}` },
  };
}
