// Reads a request body with the 3 MiB limit without buffering more than that:
// an oversized body is cut off and reported by size (the engine answers 413).

import { MAX_REQUEST_BODY_BYTES } from "@/lib/sim/apiserver/handler/handle";

export interface RawBody {
  bytes: Buffer;
  /** Bytes received, capped at the limit + 1. */
  size: number;
  tooLarge: boolean;
}

export async function readRawBody(
  request: Request,
  limit = MAX_REQUEST_BODY_BYTES,
): Promise<RawBody> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) {
    await request.body?.cancel().catch(() => {});
    return { bytes: Buffer.alloc(0), size: declared, tooLarge: true };
  }
  if (!request.body) return { bytes: Buffer.alloc(0), size: 0, tooLarge: false };
  const reader = request.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { bytes: Buffer.alloc(0), size, tooLarge: true };
    }
    chunks.push(Buffer.from(value));
  }
  return { bytes: Buffer.concat(chunks), size, tooLarge: false };
}
