import { describe, expect, it } from "vitest";
import {
  dataFrame,
  decodeHeaderPairs,
  encodeHeaderPairs,
  FLAG_FIN,
  FrameReader,
  FrameType,
  goAwayFrame,
  MAX_FRAME_BYTES,
  parseSynStream,
  pingFrame,
  rstStreamFrame,
  SpdyProtocolError,
  synReplyFrame,
} from "./spdy-frames";

describe("SPDY/3.1 frames", () => {
  it("control frames carry version 3, their type, flags and length", () => {
    const reply = synReplyFrame(5, Buffer.from([1, 2, 3]), true);
    expect(reply.readUInt16BE(0)).toBe(0x8003);
    expect(reply.readUInt16BE(2)).toBe(FrameType.SYN_REPLY);
    expect(reply[4]).toBe(FLAG_FIN);
    expect(reply.readUIntBE(5, 3)).toBe(7);
    expect(reply.readUInt32BE(8)).toBe(5);
    expect(rstStreamFrame(3, 5).subarray(8)).toEqual(Buffer.from([0, 0, 0, 3, 0, 0, 0, 5]));
    expect(goAwayFrame(7).readUInt16BE(2)).toBe(FrameType.GOAWAY);
    expect(pingFrame(1).readUInt32BE(8)).toBe(1);
  });

  it("the reader reassembles frames split anywhere and keeps partial ones", () => {
    const bytes = Buffer.concat([
      dataFrame(1, Buffer.from("hello")),
      dataFrame(3, Buffer.alloc(0), true),
      pingFrame(9),
    ]);
    const reader = new FrameReader();
    const frames = [];
    for (let i = 0; i < bytes.length; i += 3) frames.push(...reader.push(bytes.subarray(i, i + 3)));
    expect(frames).toEqual([
      { kind: "data", streamId: 1, flags: 0, data: Buffer.from("hello") },
      { kind: "data", streamId: 3, flags: FLAG_FIN, data: Buffer.alloc(0) },
      { kind: "control", type: FrameType.PING, flags: 0, body: Buffer.from([0, 0, 0, 9]) },
    ]);
    expect(reader.push(dataFrame(1, Buffer.from("ab")).subarray(0, 9))).toEqual([]);
  });

  it("refuses oversized frames and other SPDY versions", () => {
    const huge = Buffer.alloc(8);
    huge.writeUInt32BE(1, 0);
    huge.writeUInt32BE(MAX_FRAME_BYTES + 1, 4);
    expect(() => new FrameReader().push(huge)).toThrow(SpdyProtocolError);
    const v2 = pingFrame(1);
    v2.writeUInt16BE(0x8002, 0);
    expect(() => new FrameReader().push(v2)).toThrow(/unsupported SPDY version 2/);
  });

  it("SYN_STREAM fields and header pairs", () => {
    const body = Buffer.concat([Buffer.from([0, 0, 0, 7, 0, 0, 0, 0, 0, 0]), Buffer.from("x")]);
    expect(parseSynStream(body)).toEqual({
      streamId: 7,
      associatedId: 0,
      headerBlock: Buffer.from("x"),
    });
    expect(() => parseSynStream(Buffer.alloc(4))).toThrow(SpdyProtocolError);
    const block = encodeHeaderPairs({ StreamType: "stdout", port: "80" });
    expect(decodeHeaderPairs(block)).toEqual({ streamtype: "stdout", port: "80" });
    expect(() => decodeHeaderPairs(block.subarray(0, block.length - 1))).toThrow(/truncated/);
  });
});
