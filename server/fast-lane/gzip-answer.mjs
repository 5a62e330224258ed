// The lane's answers gzipped in one call. Next's compression middleware (which the lane
// used for every compressible answer) makes a zlib stream per answer - its deflate state
// allocated and set up, the data handed to the thread pool and back, stream events, and
// the answer sent chunked in two writes - where the lane always has the whole body in
// hand: gzipSync of it is the same bytes (same defaults, one finish) at a fraction of the
// CPU (a 1-3 KiB answer: ~25 µs against ~140-210 µs, counting the pool's thread).
// It decides exactly as the middleware does (the Content-Type filter, `Vary:
// Accept-Encoding`, the 1 KiB threshold, an answer already encoded, HEAD), but only for
// an Accept-Encoding it can read without the middleware's negotiator: plain tokens, no
// q-values or wildcards (what browsers and undici send). Any other request, and any
// answer it is unsure of, goes to the middleware as before.
//
// Plain JavaScript: the workers run it without tsx (gzip-answer.d.mts types it).
import { gzipSync } from "node:zlib";

/** The middleware's default threshold (compression's `threshold`: 1kb). */
const THRESHOLD = 1024;

/**
 * What the middleware's negotiation gives for a simple Accept-Encoding: "gzip" when gzip
 * is listed (it also prefers gzip when deflate comes first), "identity" when neither
 * gzip nor deflate is, undefined when the header is absent, has q-values, wildcards or
 * odd characters, or lists deflate without gzip (the middleware decides those).
 */
export function simpleEncoding(acceptEncoding) {
  if (typeof acceptEncoding !== "string") return undefined;
  let gzip = false;
  let deflate = false;
  for (const part of acceptEncoding.split(",")) {
    const token = part.trim().toLowerCase();
    if (!/^[a-z0-9_-]+$/.test(token)) return undefined;
    if (token === "gzip") gzip = true;
    else if (token === "deflate") deflate = true;
  }
  if (gzip) return "gzip";
  return deflate ? undefined : "identity";
}

/** `Vary` with `field` appended as the middleware's `vary` package appends it. */
export function varyWith(current, field) {
  const header = Array.isArray(current) ? current.join(", ") : String(current ?? "");
  if (header === "*") return header;
  const seen = header
    .toLowerCase()
    .split(",")
    .map((v) => v.trim());
  if (seen.includes("*")) return "*";
  if (seen.includes(field.toLowerCase())) return header;
  return header ? `${header}, ${field}` : field;
}

/**
 * Ends `res` with `body` (a Buffer or null), compressed when the middleware would compress
 * it; its status and headers are already set. `filter` is the middleware's Content-Type
 * filter (compression.filter). False, with nothing done, when the middleware must decide.
 */
export function endCompressible(req, res, body, filter) {
  const encoding = simpleEncoding(req.headers["accept-encoding"]);
  if (encoding === undefined || req.method === "HEAD") return false;
  if (res.hasHeader("content-encoding") || res.hasHeader("content-length")) return false;
  const length = body?.length ?? 0;
  if (filter(req, res)) {
    res.setHeader("vary", varyWith(res.getHeader("vary"), "Accept-Encoding"));
    if (encoding === "gzip" && length >= THRESHOLD) {
      const zipped = gzipSync(body);
      res.setHeader("content-encoding", "gzip");
      res.setHeader("content-length", zipped.length);
      res.end(zipped);
      return true;
    }
  }
  res.setHeader("content-length", length);
  res.end(body ?? undefined);
  return true;
}
