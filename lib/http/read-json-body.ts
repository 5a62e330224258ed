import { HttpError } from "./http-error";

// Form posts of this app are a few hundred bytes; 16 KiB leaves room and
// refuses abuse before any parsing or hashing happens.
export const DEFAULT_BODY_LIMIT = 16 * 1024;

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
  if (!request.body) throw new HttpError(400, "badJson");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "badJson");
  }
}
