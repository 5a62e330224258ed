// SPDY/3 header compression: one zlib stream per direction for the whole
// connection, primed with the SPDY/3 dictionary (taken from spdy-transport, which
// ships the spec's table), each header block flushed with Z_SYNC_FLUSH.

import { createRequire } from "node:module";
import zlib from "node:zlib";
import { decodeHeaderPairs, encodeHeaderPairs, SpdyProtocolError } from "./spdy-frames";

const require = createRequire(import.meta.url);
const DICTIONARY: Buffer = (
  require("spdy-transport/lib/spdy-transport/protocol/spdy/dictionary") as Record<number, Buffer>
)[3]!;

/** Bounded output of one header block: a zlib bomb must not exhaust memory. */
const MAX_HEADER_BLOCK = 64 * 1024;

function flushThrough(stream: zlib.Inflate | zlib.Deflate, input: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_HEADER_BLOCK) {
        cleanup();
        reject(new SpdyProtocolError("header block too large"));
      } else chunks.push(c);
    };
    const onError = (e: Error) => {
      cleanup();
      reject(new SpdyProtocolError(`header block: ${e.message}`));
    };
    const cleanup = () => {
      stream.off("data", onData);
      stream.off("error", onError);
    };
    stream.on("data", onData);
    stream.on("error", onError);
    stream.write(input);
    stream.flush(zlib.constants.Z_SYNC_FLUSH, () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    });
  });
}

export class HeaderCodec {
  private readonly inflate = zlib.createInflate({ dictionary: DICTIONARY });
  private readonly deflate = zlib.createDeflate({ dictionary: DICTIONARY });
  // zlib contexts are order-sensitive: blocks are processed one at a time.
  private queue: Promise<unknown> = Promise.resolve();

  private serial<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }

  decode(block: Buffer): Promise<Record<string, string>> {
    return this.serial(async () => decodeHeaderPairs(await flushThrough(this.inflate, block)));
  }

  encode(headers: Record<string, string>): Promise<Buffer> {
    return this.serial(() => flushThrough(this.deflate, encodeHeaderPairs(headers)));
  }

  close(): void {
    this.inflate.destroy();
    this.deflate.destroy();
  }
}
