/**
 * A request body stream read until it ends or has given more than `limit` bytes,
 * whichever comes first; past the limit the stream is cancelled, so a client cannot make
 * the server hold more than `limit` plus one chunk. `over` says the body was longer than
 * `limit` (the caller decides: a 413, or keeping limit + 1 bytes for the owner's 413).
 */
export async function readAtMost(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<{ bytes: Uint8Array; over: boolean }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) {
      over = true;
      await reader.cancel();
      break;
    }
  }
  // A small body arrives in one chunk: kept as it is, without a concatenated copy.
  return { bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), over };
}
