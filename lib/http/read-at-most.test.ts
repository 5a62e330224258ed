import { describe, expect, it } from "vitest";
import { readAtMost } from "./read-at-most";

/** A stream of the given chunks that records how many it handed out and whether it was cancelled. */
function chunked(chunks: Uint8Array[]) {
  const seen = { pulled: 0, cancelled: false };
  let i = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (i === chunks.length) return controller.close();
        seen.pulled++;
        controller.enqueue(chunks[i++]!);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("readAtMost", () => {
  it("keeps a one-chunk body as it is, without a copy", async () => {
    const chunk = bytes("hello");
    const { stream } = chunked([chunk]);
    const read = await readAtMost(stream, 16);
    expect(read.over).toBe(false);
    expect(read.bytes).toBe(chunk);
  });

  it("joins several chunks and accepts a body of exactly the limit", async () => {
    const { stream, seen } = chunked([bytes("ab"), bytes("cd"), bytes("ef")]);
    const read = await readAtMost(stream, 6);
    expect(read).toMatchObject({ over: false });
    expect(text(read.bytes)).toBe("abcdef");
    expect(seen.cancelled).toBe(false);
  });

  it("stops at the first chunk past the limit and cancels the stream", async () => {
    const { stream, seen } = chunked([bytes("abcd"), bytes("efgh"), bytes("ijkl"), bytes("mnop")]);
    const read = await readAtMost(stream, 5);
    expect(read.over).toBe(true);
    expect(text(read.bytes)).toBe("abcdefgh");
    expect(seen.pulled).toBe(2);
    expect(seen.cancelled).toBe(true);
  });

  it("reads an empty body as no bytes", async () => {
    const { stream } = chunked([]);
    const read = await readAtMost(stream, 5);
    expect(read).toMatchObject({ over: false });
    expect(read.bytes.byteLength).toBe(0);
  });
});
