import { Duplex, PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { SpdyServerConnection, type SpdyStream } from "./spdy-connection";
import { HeaderCodec } from "./spdy-headers";
import { dataFrame, FLAG_FIN, FrameReader, FrameType, type Frame } from "./spdy-frames";

/** A socket pair: what the client writes reaches the server and back. */
function socketPair(): { server: Duplex; toServer: PassThrough; fromServer: PassThrough } {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  const server = Duplex.from({ readable: toServer, writable: fromServer });
  return { server, toServer, fromServer };
}

async function synStream(
  codec: HeaderCodec,
  id: number,
  headers: Record<string, string>,
  fin = false,
) {
  const block = await codec.encode(headers);
  const head = Buffer.alloc(18);
  head.writeUInt32BE(0x80030000 + FrameType.SYN_STREAM, 0);
  head.writeUInt32BE((fin ? FLAG_FIN : 0) * 0x1000000 + 10 + block.length, 4);
  head.writeUInt32BE(id, 8);
  return Buffer.concat([head, block]);
}

function collect(stream: PassThrough): { frames: Frame[]; next(n: number): Promise<Frame[]> } {
  const reader = new FrameReader();
  const frames: Frame[] = [];
  stream.on("data", (c: Buffer) => frames.push(...reader.push(c)));
  return {
    frames,
    next: async (n) => {
      for (let i = 0; i < 100 && frames.length < n; i++) await new Promise((r) => setTimeout(r, 5));
      return frames;
    },
  };
}

describe("SpdyServerConnection", () => {
  it("replies to SYN_STREAM, delivers DATA and FIN, sends ours back", async () => {
    const { server, toServer, fromServer } = socketPair();
    const conn = new SpdyServerConnection(server);
    const out = collect(fromServer);
    const client = new HeaderCodec();
    const streams: SpdyStream[] = [];
    conn.onStream((s) => streams.push(s));
    toServer.write(await synStream(client, 1, { streamtype: "stdin" }));
    toServer.write(dataFrame(1, Buffer.from("ls\n"), true));
    const received: string[] = [];
    await out.next(1);
    expect(streams[0]?.headers).toEqual({ streamtype: "stdin" });
    streams[0]!.on("data", (d: Buffer) => received.push(d.toString()));
    await new Promise((r) => setTimeout(r, 20));
    expect(streams[0]!.remoteClosed).toBe(true);
    streams[0]!.write("out");
    streams[0]!.end();
    const frames = await out.next(3);
    expect(frames[0]).toMatchObject({ kind: "control", type: FrameType.SYN_REPLY });
    expect(frames.slice(1)).toEqual([
      { kind: "data", streamId: 1, flags: 0, data: Buffer.from("out") },
      { kind: "data", streamId: 1, flags: FLAG_FIN, data: Buffer.alloc(0) },
    ]);
    client.close();
    conn.close();
  });

  it("garbage, even stream ids and data for unknown streams end or reset, never throw", async () => {
    const a = socketPair();
    const garbled = new SpdyServerConnection(a.server);
    let closed = false;
    garbled.onClose(() => (closed = true));
    a.toServer.write(Buffer.from([0x80, 0x02, 0, 1, 0, 0, 0, 0]));
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(true);

    const b = socketPair();
    const conn = new SpdyServerConnection(b.server);
    const out = collect(b.fromServer);
    b.toServer.write(dataFrame(9, Buffer.from("x")));
    const frames = await out.next(1);
    expect(frames[0]).toMatchObject({ kind: "control", type: FrameType.RST_STREAM });
    b.toServer.write(await synStream(new HeaderCodec(), 2, { streamtype: "error" }));
    await new Promise((r) => setTimeout(r, 20));
    expect(conn.isClosed).toBe(true);
  });
});
