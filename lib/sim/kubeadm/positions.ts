// Where a field sits in the config text, so the lab's editor can put a marker on the exact key
// kubeadm complains about (strict-decoding paths like "apiServer.foo" or "bootstrapTokens[0].tll").
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from "yaml";

export interface FieldPosition {
  /** 1-based line and column of the key. */
  line: number;
  column: number;
}

/** "a.b[0].c" → ["a", "b", 0, "c"]. */
function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [];
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

function lineCol(text: string, offset: number): FieldPosition {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/** The position of `path`'s key in the first document of the given kind, or null. */
export function fieldPosition(text: string, kind: string, path: string): FieldPosition | null {
  for (const doc of parseAllDocuments(text, { version: "1.1", uniqueKeys: false })) {
    const root = doc.contents;
    if (!isMap(root)) continue;
    const kindNode: unknown = root.get("kind", true);
    const kindValue: unknown = isScalar(kindNode) ? kindNode.value : undefined;
    if (kindValue !== kind) continue;
    let node: Node | null = root;
    let keyOffset: number | null = null;
    for (const step of splitPath(path)) {
      if (typeof step === "number") {
        node = isSeq(node) ? ((node.items[step] as Node | undefined) ?? null) : null;
        continue;
      }
      if (!isMap(node)) return null;
      // The last occurrence wins, as in decoding.
      const pair = [...node.items]
        .reverse()
        .find((p) => isScalar(p.key) && String(p.key.value) === step);
      if (!pair || !isScalar(pair.key)) return null;
      keyOffset = pair.key.range?.[0] ?? null;
      node = (pair.value as Node | null) ?? null;
    }
    return keyOffset === null ? null : lineCol(text, keyOffset);
  }
  return null;
}
