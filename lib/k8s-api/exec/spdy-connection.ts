// The server side of one SPDY/3.1 connection on an upgraded socket, as kubelet and
// kube-apiserver run it for exec/attach/port-forward: the client opens every stream
// (SYN_STREAM with a `streamtype` header), we reply, then both sides send DATA and
// half-close with FIN. Bad frames end the connection with GOAWAY, never the process.

import { EventEmitter } from "node:events";
import type { Duplex } from "node:stream";
import { HeaderCodec } from "./spdy-headers";
import {
  dataFrame,
  FLAG_FIN,
  firstWord,
  FrameReader,
  FrameType,
  goAwayFrame,
  parseSynStream,
  pingFrame,
  RstStatus,
  rstStreamFrame,
  synReplyFrame,
  type Frame,
} from "./spdy-frames";

/** More streams than exec (5) or a port-forward of many ports needs: a client opening more is hostile. */
const MAX_STREAMS = 64;

export class SpdyStream extends EventEmitter {
  localClosed = false;
  remoteClosed = false;

  constructor(
    private readonly conn: SpdyServerConnection,
    readonly id: number,
    readonly headers: Record<string, string>,
  ) {
    super();
  }

  write(data: Buffer | string): void {
    if (this.localClosed || data.length === 0) return;
    this.conn.send(dataFrame(this.id, Buffer.from(data)));
  }

  /** Half-close our side (DATA with FIN). */
  end(): void {
    if (this.localClosed) return;
    this.localClosed = true;
    this.conn.send(dataFrame(this.id, Buffer.alloc(0), true));
  }

  /** @internal */
  receive(data: Buffer, fin: boolean): void {
    if (data.length) this.emit("data", data);
    if (fin && !this.remoteClosed) {
      this.remoteClosed = true;
      this.emit("end");
    }
  }
}

export class SpdyServerConnection extends EventEmitter {
  private readonly reader = new FrameReader();
  private readonly codec = new HeaderCodec();
  private readonly streams = new Map<number, SpdyStream>();
  private chain: Promise<void> = Promise.resolve();
  private lastStreamId = 0;
  private closed = false;

  constructor(private readonly socket: Duplex) {
    super();
    socket.on("data", (chunk: Buffer) => this.onBytes(chunk));
    socket.on("close", () => this.shutdown());
    socket.on("error", () => this.shutdown());
  }

  onStream(listener: (stream: SpdyStream) => void): void {
    this.on("stream", listener);
  }

  onClose(listener: () => void): void {
    this.on("close", listener);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** @internal */
  send(frame: Buffer): void {
    if (!this.closed && this.socket.writable) this.socket.write(frame);
  }

  /** Sends GOAWAY and closes the socket once written. */
  close(): void {
    if (this.closed) return;
    this.send(goAwayFrame(this.lastStreamId));
    this.socket.end();
    this.shutdown();
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    this.codec.close();
    for (const s of this.streams.values()) if (!s.remoteClosed) s.receive(Buffer.alloc(0), true);
    this.emit("close");
  }

  private onBytes(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.reader.push(chunk);
    } catch {
      return this.protocolError();
    }
    for (const f of frames)
      this.chain = this.chain.then(() => (this.closed ? undefined : this.onFrame(f)));
    this.chain = this.chain.catch(() => this.protocolError());
  }

  private protocolError(): void {
    if (this.closed) return;
    this.send(goAwayFrame(this.lastStreamId, 1));
    this.socket.destroy();
    this.shutdown();
  }

  private async onFrame(f: Frame): Promise<void> {
    if (f.kind === "data") {
      const s = this.streams.get(f.streamId);
      if (!s || s.remoteClosed)
        return this.send(rstStreamFrame(f.streamId, RstStatus.INVALID_STREAM));
      return s.receive(f.data, (f.flags & FLAG_FIN) !== 0);
    }
    switch (f.type) {
      case FrameType.SYN_STREAM: {
        const syn = parseSynStream(f.body);
        const headers = await this.codec.decode(syn.headerBlock);
        if (syn.streamId <= this.lastStreamId || syn.streamId % 2 === 0)
          return this.protocolError();
        this.lastStreamId = syn.streamId;
        if (this.streams.size >= MAX_STREAMS)
          return this.send(rstStreamFrame(syn.streamId, RstStatus.REFUSED_STREAM));
        const stream = new SpdyStream(this, syn.streamId, headers);
        this.streams.set(syn.streamId, stream);
        this.send(synReplyFrame(syn.streamId, await this.codec.encode({})));
        this.emit("stream", stream);
        if (f.flags & FLAG_FIN) stream.receive(Buffer.alloc(0), true);
        return;
      }
      case FrameType.RST_STREAM: {
        const s = this.streams.get(firstWord(f.body));
        if (s) {
          s.localClosed = true;
          s.receive(Buffer.alloc(0), true);
          s.emit("reset");
        }
        return;
      }
      case FrameType.PING:
        // Client-initiated pings have odd ids; echo them as the spec says.
        if (f.body.length >= 4 && f.body.readUInt32BE(0) % 2 === 1)
          this.send(pingFrame(f.body.readUInt32BE(0)));
        return;
      case FrameType.GOAWAY:
        this.socket.end();
        this.shutdown();
        return;
      case FrameType.HEADERS:
        // Decoded to keep the zlib context in step with the peer's.
        await this.codec.decode(f.body.subarray(4));
        return;
      default:
        // SETTINGS, WINDOW_UPDATE and unknown types carry nothing we act on.
        return;
    }
  }
}
