// Image references as containerd reports them: "nginx" → "docker.io/library/nginx:latest",
// with a stable digest so `kubectl describe` shows an Image ID.

import { fnv32a } from "../controllers/shared/hash";

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

/** 64 hex digits derived from a text (content digests, container ids). */
export function hex64(text: string): string {
  let out = "";
  for (let i = 0; out.length < 64; i++) out += fnv32a(`${i}:${text}`).toString(16).padStart(8, "0");
  return out.slice(0, 64);
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
