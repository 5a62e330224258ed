// JSON answers of the API routes, compressed only when that pays.
//
// `next start` gzips every response the client accepts gzip for, unless it knows the
// body is shorter than 1 KiB. It knows that only from a Content-Length header, and it
// strips that header from route handlers' responses (their bodies are streams), so
// without help every API answer is gzipped - `{"exitCode":0}` included. A gzip
// stream per response (zlib context, thread-pool round trip, chunked framing) cost
// about as much app CPU as the rest of a small request's HTTP path in
// bench/http-fixed-cost.ts, for answers that shrink by a few dozen bytes or grow.
// The one signal the compressor honours per response is `Cache-Control: no-transform`,
// so small answers carry it; larger ones (command outputs, pictures) stay compressed
// for learners on slow links. Pages and static files are not concerned.

/** Answers shorter than this are sent as they are (the compressor's own threshold). */
export const COMPRESS_MIN_BYTES = 1024;

export interface JsonResponseInit {
  status?: number;
  /** Cache-Control defaults to no-store (API answers are per user and per moment). */
  headers?: Record<string, string>;
  /**
   * The request being answered. When the fast lane made it (LANE_REQUEST), the answer is
   * only what the lane reads of a Response (laneAnswer: status, headers, JSON_TEXT, no body
   * stream): a string body's stream (undici's extractBody, a ReadableStream and its
   * controller) and the Response itself cost more than the rest of the answer. Any other
   * request gets the full Response.
   */
  request?: Request;
}

/** Whether `text` encodes to fewer than `limit` UTF-8 bytes, counting only when needed. */
export function shorterThan(text: string, limit: number): boolean {
  // Each UTF-16 unit takes 1 to 3 bytes: the length bounds the byte count both ways.
  if (text.length >= limit) return false;
  if (text.length * 3 < limit) return true;
  return Buffer.byteLength(text, "utf8") < limit;
}

/** `value` with the no-transform directive added (once). */
export function withNoTransform(value: string | undefined): string {
  if (!value) return "no-transform";
  return /(^|,)\s*no-transform\s*(,|$)/i.test(value) ? value : `${value}, no-transform`;
}

/**
 * The answer's JSON text, kept on the Response under this registered symbol: the fast
 * lane (server/fast-lane) writes it to the socket as it is instead of reading the
 * Response's body stream back into bytes. The Response's own body is the same text.
 */
export const JSON_TEXT = Symbol.for("kubelab.http.jsonText");

/**
 * Set (to true) by server/fast-lane on the requests it hands to a route: only code in this
 * process can set a symbol property, a client cannot.
 */
export const LANE_REQUEST = Symbol.for("kubelab.http.laneRequest");

/** Whether `request` came through the fast lane, which writes JSON_TEXT itself. */
export function fromFastLane(request: Request | undefined): boolean {
  return (request as (Request & { [LANE_REQUEST]?: unknown }) | undefined)?.[LANE_REQUEST] === true;
}

/**
 * Response.json's answer (same body, same Content-Type), with Cache-Control no-store
 * unless given, and marked no-transform when shorter than COMPRESS_MIN_BYTES.
 */
export function jsonResponse(body: unknown, init: JsonResponseInit = {}): Response {
  const text = JSON.stringify(body) as string | undefined;
  if (text === undefined) throw new TypeError("jsonResponse: the body is not JSON-serialisable");
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "cache-control": "no-store",
  };
  for (const [name, value] of Object.entries(init.headers ?? {})) {
    headers[name.toLowerCase()] = value;
  }
  if (shorterThan(text, COMPRESS_MIN_BYTES)) {
    headers["cache-control"] = withNoTransform(headers["cache-control"]);
  }
  if (fromFastLane(init.request)) return laneAnswer(init.status ?? 200, headers, text);
  const response = new Response(text, { status: init.status ?? 200, headers });
  (response as Response & { [JSON_TEXT]?: string })[JSON_TEXT] = text;
  return response;
}

/**
 * The headers of a lane answer as the lane reads them (get, iteration, getSetCookie), in a
 * web Headers' iteration order (names sorted; jsonResponse's are lower-case already).
 */
class LaneHeaders {
  constructor(private readonly values: Record<string, string>) {}

  get(name: string): string | null {
    return this.values[name.toLowerCase()] ?? null;
  }

  getSetCookie(): string[] {
    return [];
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.values).sort()) yield [name, this.values[name]!];
  }
}

/**
 * What jsonResponse answers a fast-lane request with: what the lane reads of a Response
 * (status, headers, JSON_TEXT; no body). Not an undici Response: building one and its
 * Headers (web IDL conversions of every header) was ~15-20 µs of every terminal command,
 * for an object the lane only reads back. Only the lane routes get one (fromFastLane).
 */
function laneAnswer(status: number, headers: Record<string, string>, text: string): Response {
  return {
    status,
    headers: new LaneHeaders(headers),
    body: null,
    [JSON_TEXT]: text,
  } as unknown as Response;
}
