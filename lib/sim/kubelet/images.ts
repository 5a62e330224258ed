// Image references as containerd reports them: "nginx" → "docker.io/library/nginx:latest",
// with a stable digest so `kubectl describe` shows an Image ID.

import { hex8 } from "../controllers/shared/hash";

export function normalizeImage(image: string): string {
  let ref = image;
  const firstSlash = ref.indexOf("/");
  const first = firstSlash < 0 ? "" : ref.slice(0, firstSlash);
  const hasRegistry = first.includes(".") || first.includes(":") || first === "localhost";
  if (!hasRegistry) ref = firstSlash < 0 ? `docker.io/library/${ref}` : `docker.io/${ref}`;
  const lastPart = ref.slice(ref.lastIndexOf("/") + 1);
  if (!lastPart.includes(":") && !ref.includes("@")) ref += ":latest";
  return ref;
}

/**
 * 64 hex digits derived from a text (content digests, container ids): eight 32-bit FNV-1a
 * hashes of "<i>:<text>", i = 0..7 (the same bytes as fnv32a of that string; the kubelet names
 * every container it starts with one, so it is hashed without building the eight strings).
 */
export function hex64(text: string): string {
  let out = "";
  for (let i = 0; i < 8; i++) {
    // "<i>:" - i is a single digit.
    let h = Math.imul(0x811c9dc5 ^ (48 + i), 0x01000193) >>> 0;
    h = Math.imul(h ^ 58, 0x01000193) >>> 0;
    for (let j = 0; j < text.length; j++) {
      h = Math.imul(h ^ (text.charCodeAt(j) & 0xff), 0x01000193) >>> 0;
    }
    out += hex8(h);
  }
  return out;
}

const imageIDs = new Map<string, string>();

export function imageID(image: string): string {
  let id = imageIDs.get(image);
  if (id === undefined) {
    const ref = normalizeImage(image);
    const repo = ref.replace(/:[^:/@]+$/, "").split("@")[0]!;
    id = `${repo}@sha256:${hex64(ref)}`;
    // Pure: a bounded memo (every pod of a Deployment starts the same image).
    if (imageIDs.size >= 1000) imageIDs.clear();
    imageIDs.set(image, id);
  }
  return id;
}
