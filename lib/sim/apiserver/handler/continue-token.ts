// List pagination tokens as kube-apiserver encodes them: base64 of
// {"v":"meta.k8s.io/v1","rv":<revision>,"start":"<key after the prefix>"}.

import { newBadRequest, newResourceExpired } from "../errors";

export function encodeContinue(revision: number, start: string): string {
  const json = JSON.stringify({ v: "meta.k8s.io/v1", rv: revision, start });
  return bytesToBase64(new TextEncoder().encode(json));
}

export function decodeContinue(token: string): { revision: number; start: string } {
  try {
    const json = new TextDecoder().decode(base64ToBytes(token));
    const parsed = JSON.parse(json) as { v?: unknown; rv?: unknown; start?: unknown };
    if (parsed.v !== "meta.k8s.io/v1") throw new Error("version");
    if (typeof parsed.rv !== "number" || typeof parsed.start !== "string") throw new Error("shape");
    return { revision: parsed.rv, start: parsed.start };
  } catch {
    throw newBadRequest(
      "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)",
    );
  }
}

/** The 410 a continue token older than the compaction gets. */
export function continueExpired(): Error {
  return newResourceExpired(
    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.",
  );
}

function bytesToBase64(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function base64ToBytes(text: string): Uint8Array {
  const bin = atob(text);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}
