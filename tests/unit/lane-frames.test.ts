// The frames the web workers exchange (server/fast-lane/frames.mjs): a stream that
// splits and joins frames anywhere gives back the same frames, large bodies pass whole,
// and a corrupt or unfinished stream is seen as such. Over real sockets (many requests
// in flight, a peer closing mid-frame): tests/unit/sticky-lane.test.ts.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  FrameDecoder,
  HELLO,
  REQUEST,
  RESPONSE,
  decodeMessage,
  encodeFrame,
  encodeMessage,
} from "../../server/fast-lane/frames.mjs";

interface Frame {
  type: number;
  id: number;
  payload: Buffer;
}

function collect(maxFrame?: number): { decoder: FrameDecoder; frames: Frame[] } {
  const frames: Frame[] = [];
  const decoder = new FrameDecoder(
    (type, id, payload) => frames.push({ type, id, payload: Buffer.from(payload) }),
    maxFrame,
  );
  return { decoder, frames };
}

/** The stream cut at the given offsets. */
function cut(bytes: Buffer, at: number[]): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (const to of [...at, bytes.length]) {
    out.push(bytes.subarray(from, to));
    from = to;
  }
  return out;
}

const stream = (...frames: Buffer[][]) => Buffer.concat(frames.flat());

describe("FrameDecoder", () => {
  const three = stream(
    encodeFrame(HELLO, 0, [Buffer.from("secret")]),
    encodeMessage(REQUEST, 7, { m: "POST", p: "/x", h: { cookie: "a=1" } }, Buffer.from("{}")),
    encodeMessage(RESPONSE, 0xfffffffe, [200, ["x", "한글"]], null),
  );

  const check = (frames: Frame[]) => {
    expect(frames.map((f) => [f.type, f.id])).toEqual([
      [HELLO, 0],
      [REQUEST, 7],
      [RESPONSE, 0xfffffffe],
    ]);
    expect(frames[0]!.payload.toString()).toBe("secret");
    const req = decodeMessage(frames[1]!.payload);
    expect(req.head).toEqual({ m: "POST", p: "/x", h: { cookie: "a=1" } });
    expect(req.body?.toString()).toBe("{}");
    const res = decodeMessage(frames[2]!.payload);
    expect(res.head).toEqual([200, ["x", "한글"]]);
    expect(res.body).toBe(null);
  };

  it("gives the frames back from one chunk holding them all", () => {
    const { decoder, frames } = collect();
    decoder.push(three);
    check(frames);
    expect(decoder.pending).toBe(0);
  });

  it("gives the same frames whichever byte the stream is split at, once or twice", () => {
    for (let i = 0; i <= three.length; i++) {
      const { decoder, frames } = collect();
      for (const part of cut(three, [i])) decoder.push(part);
      check(frames);
    }
    for (let i = 1; i < three.length; i += 3) {
      for (let j = i; j < three.length; j += 5) {
        const { decoder, frames } = collect();
        for (const part of cut(three, [i, j])) decoder.push(part);
        check(frames);
      }
    }
  });

  it("gives the same frames fed one byte at a time", () => {
    const { decoder, frames } = collect();
    for (let i = 0; i < three.length; i++) decoder.push(three.subarray(i, i + 1));
    check(frames);
  });

  it("carries a large body whole, in chunks of any size", () => {
    const body = randomBytes(5 * 1024 * 1024 + 3);
    const bytes = stream(encodeMessage(REQUEST, 1, { p: "/big" }, body), encodeFrame(HELLO, 2));
    const { decoder, frames } = collect();
    let at = 0;
    let size = 1;
    while (at < bytes.length) {
      decoder.push(bytes.subarray(at, at + size));
      at += size;
      size = (size * 7 + 13) % 65_536 || 1;
    }
    expect(frames).toHaveLength(2);
    const { head, body: got } = decodeMessage(frames[0]!.payload);
    expect(head).toEqual({ p: "/big" });
    expect(got!.equals(body)).toBe(true);
    expect([frames[1]!.type, frames[1]!.id, frames[1]!.payload.length]).toEqual([HELLO, 2, 0]);
  });

  it("keeps an unfinished frame pending (a peer that closed mid-frame)", () => {
    const bytes = stream(encodeMessage(REQUEST, 3, { p: "/x" }, Buffer.alloc(100)));
    const { decoder, frames } = collect();
    decoder.push(bytes.subarray(0, 2));
    expect(decoder.pending).toBe(2);
    decoder.push(bytes.subarray(2, bytes.length - 1));
    expect(frames).toHaveLength(0);
    expect(decoder.pending).toBe(bytes.length - 1);
    decoder.push(bytes.subarray(bytes.length - 1));
    expect(frames).toHaveLength(1);
    expect(decoder.pending).toBe(0);
  });

  it("refuses a frame longer than the limit or too short for its type and id", () => {
    const big = collect(1024);
    expect(() => big.decoder.push(stream(encodeFrame(HELLO, 1, [Buffer.alloc(2000)])))).toThrow(
      /length/,
    );
    const short = collect();
    expect(() => short.decoder.push(Buffer.from([0, 0, 0, 4, 1, 0, 0, 0]))).toThrow(/length/);
  });

  it("refuses a message whose head runs past its frame", () => {
    const payload = Buffer.alloc(8);
    payload.writeUInt32BE(100, 0);
    expect(() => decodeMessage(payload)).toThrow(/head/);
    expect(() => decodeMessage(Buffer.alloc(2))).toThrow(/head/);
  });
});
