import { HttpError } from "./http-error";
import { readAtMost } from "./read-at-most";

// Form posts of this app are a few hundred bytes; 16 KiB leaves room and
// refuses abuse before any parsing or hashing happens.
export const DEFAULT_BODY_LIMIT = 16 * 1024;

// Decoding keeps no state between calls (no `stream` option): one decoder serves every request.
const utf8 = new TextDecoder("utf-8", { fatal: false });

/**
 * The whole body of a request that the server in front of the route already read
 * (server/fast-lane reads it off the socket to build the Request): a property under
 * this registered symbol, Uint8Array or null for none, on a Request that then carries
 * no body stream. Wrapping the bytes in a web stream only for readJsonBody to read
 * them back cost a Request body, a reader and a promise per chunk on every terminal
 * command. Only code in this process can set a symbol property; a client cannot.
 */
export const BUFFERED_BODY = Symbol.for("kubelab.http.bufferedBody");

type WithBufferedBody = Request & { [BUFFERED_BODY]?: Uint8Array | null };

function formatBytes(bytes: number): string {
  return bytes >= 1024 ? `${Math.floor(bytes / 1024)}KB` : `${bytes}B`;
}

/**
 * Reads a JSON request body, refusing non-JSON (415), bodies over `limit`
 * bytes (413, checked on Content-Length and again while streaming, since the
 * header can be absent or lie) and malformed JSON (400).
 */
export async function readJsonBody(request: Request, limit = DEFAULT_BODY_LIMIT): Promise<unknown> {
  const tooLarge = () => new HttpError(413, "bodyTooLarge", { limit: formatBytes(limit) });
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new HttpError(415, "unsupportedMediaType");
  }
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const buffered = (request as WithBufferedBody)[BUFFERED_BODY];
  let bytes: Uint8Array;
  if (buffered !== undefined) {
    if (buffered === null) throw new HttpError(400, "badJson");
    if (buffered.byteLength > limit) throw tooLarge();
    bytes = buffered;
  } else {
    bytes = await readStream(request, limit, tooLarge);
  }
  const text = utf8.decode(bytes);
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "badJson");
  }
  if (!storableText(body)) throw new HttpError(400, "unstorableCharacters");
  return body;
}

/** The body stream read up to `limit` bytes (413 past it). */
async function readStream(
  request: Request,
  limit: number,
  tooLarge: () => HttpError,
): Promise<Uint8Array> {
  if (!request.body) throw new HttpError(400, "badJson");
  const { bytes, over } = await readAtMost(request.body, limit);
  if (over) throw tooLarge();
  return bytes;
}

/**
 * Whether every string (and key) can be stored in PostgreSQL: text and jsonb
 * refuse NUL, and jsonb refuses a lone UTF-16 surrogate ("\ud800"). Such input
 * only comes from scripts or broken clients; refusing it here gives a clear 400
 * instead of a database error deep in a route. Iterative, so depth is no danger.
 */
// NUL, or a surrogate half without its partner.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function storableText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (UNSTORABLE.test(v)) return false;
    } else if (Array.isArray(v)) {
      stack.push(...v);
    } else if (typeof v === "object" && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        if (UNSTORABLE.test(k)) return false;
        stack.push(child);
      }
    }
  }
  return true;
}
