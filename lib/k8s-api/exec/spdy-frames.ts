// SPDY/3.1 framing, the part Kubernetes' streaming protocols use (moby/spdystream
// as client-go speaks it): SYN_STREAM, SYN_REPLY, RST_STREAM, SETTINGS, PING, GOAWAY,
// HEADERS, WINDOW_UPDATE and DATA frames. Pure byte work; header blocks stay
// compressed here (spdy-headers.ts owns the zlib contexts).

export const SPDY_VERSION = 3;
export const FLAG_FIN = 0x01;
export const FLAG_UNIDIRECTIONAL = 0x02;
/** Frames bigger than this are refused: kubectl sends 32 KiB chunks at most. */
export const MAX_FRAME_BYTES = 1 << 20;

export const FrameType = {
  SYN_STREAM: 1,
  SYN_REPLY: 2,
  RST_STREAM: 3,
  SETTINGS: 4,
  PING: 6,
  GOAWAY: 7,
  HEADERS: 8,
  WINDOW_UPDATE: 9,
} as const;

/** RST_STREAM status codes (SPDY/3 §2.6.3). */
export const RstStatus = {
  PROTOCOL_ERROR: 1,
  INVALID_STREAM: 2,
  REFUSED_STREAM: 3,
  CANCEL: 5,
  INTERNAL_ERROR: 6,
  STREAM_ALREADY_CLOSED: 9,
} as const;

export type Frame =
  | { kind: "data"; streamId: number; flags: number; data: Buffer }
  | {
      kind: "control";
      type: number;
      flags: number;
      /** Frame body after the 8-byte header. */
      body: Buffer;
    };

export class SpdyProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SpdyProtocolError";
  }
}

/** Accumulates bytes from the socket and yields whole frames. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: Frame[] = [];
    while (this.buf.length >= 8) {
      const length = this.buf.readUInt32BE(4) & 0xffffff;
      if (length > MAX_FRAME_BYTES) throw new SpdyProtocolError(`frame too large: ${length}`);
      if (this.buf.length < 8 + length) break;
      const flags = this.buf[4]!;
      const body = this.buf.subarray(8, 8 + length);
      const first = this.buf.readUInt32BE(0);
      if (first & 0x80000000) {
        const version = (first >>> 16) & 0x7fff;
        if (version !== SPDY_VERSION)
          throw new SpdyProtocolError(`unsupported SPDY version ${version}`);
        frames.push({ kind: "control", type: first & 0xffff, flags, body: Buffer.from(body) });
      } else {
        frames.push({ kind: "data", streamId: first & 0x7fffffff, flags, data: Buffer.from(body) });
      }
      this.buf = this.buf.subarray(8 + length);
    }
    return frames;
  }
}

function controlFrame(type: number, flags: number, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE((0x8000 | SPDY_VERSION) * 0x10000 + type, 0);
  head.writeUInt32BE(flags * 0x1000000 + body.length, 4);
  return Buffer.concat([head, body]);
}

export function dataFrame(streamId: number, data: Buffer, fin = false): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head.writeUInt32BE((fin ? FLAG_FIN : 0) * 0x1000000 + data.length, 4);
  return Buffer.concat([head, data]);
}

export function synReplyFrame(streamId: number, headerBlock: Buffer, fin = false): Buffer {
  const id = Buffer.alloc(4);
  id.writeUInt32BE(streamId & 0x7fffffff, 0);
  return controlFrame(FrameType.SYN_REPLY, fin ? FLAG_FIN : 0, Buffer.concat([id, headerBlock]));
}

export function rstStreamFrame(streamId: number, status: number): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt32BE(streamId & 0x7fffffff, 0);
  body.writeUInt32BE(status, 4);
  return controlFrame(FrameType.RST_STREAM, 0, body);
}

export function pingFrame(id: number): Buffer {
  const body = Buffer.alloc(4);
  body.writeUInt32BE(id >>> 0, 0);
  return controlFrame(FrameType.PING, 0, body);
}

export function goAwayFrame(lastStreamId: number, status = 0): Buffer {
  const body = Buffer.alloc(8);
  body.writeUInt32BE(lastStreamId & 0x7fffffff, 0);
  body.writeUInt32BE(status, 4);
  return controlFrame(FrameType.GOAWAY, 0, body);
}

/** SYN_STREAM fields (its header block is still compressed). */
export function parseSynStream(body: Buffer): {
  streamId: number;
  associatedId: number;
  headerBlock: Buffer;
} {
  if (body.length < 10) throw new SpdyProtocolError("SYN_STREAM too short");
  return {
    streamId: body.readUInt32BE(0) & 0x7fffffff,
    associatedId: body.readUInt32BE(4) & 0x7fffffff,
    headerBlock: body.subarray(10),
  };
}

/** The stream id of RST_STREAM, WINDOW_UPDATE, HEADERS and SYN_REPLY bodies; PING's id. */
export function firstWord(body: Buffer): number {
  if (body.length < 4) throw new SpdyProtocolError("control frame too short");
  return body.readUInt32BE(0) & 0x7fffffff;
}

/** Header pairs in SPDY/3's uncompressed block layout (32-bit counts and lengths). */
export function encodeHeaderPairs(headers: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n, 0);
    return b;
  };
  const entries = Object.entries(headers);
  parts.push(u32(entries.length));
  for (const [name, value] of entries) {
    const n = Buffer.from(name.toLowerCase());
    const v = Buffer.from(value);
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderPairs(block: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 0;
  const u32 = () => {
    if (at + 4 > block.length) throw new SpdyProtocolError("truncated header block");
    const n = block.readUInt32BE(at);
    at += 4;
    return n;
  };
  const bytes = (n: number) => {
    if (at + n > block.length) throw new SpdyProtocolError("truncated header block");
    const s = block.subarray(at, at + n).toString("utf8");
    at += n;
    return s;
  };
  const count = u32();
  if (count > 1000) throw new SpdyProtocolError("too many headers");
  for (let i = 0; i < count; i++) {
    const name = bytes(u32()).toLowerCase();
    // Several values of one name are NUL-separated; the first is what Kubernetes reads.
    out[name] = bytes(u32()).split("\0")[0] ?? "";
  }
  return out;
}
