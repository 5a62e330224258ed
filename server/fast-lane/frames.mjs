// Length-prefixed frames between the web workers (sticky.mjs): the light protocol a
// worker uses to hand a request to the sandbox's owner worker over one persistent Unix
// socket per peer, instead of a whole HTTP exchange per request (http.request, an agent,
// the owner parsing HTTP again: ~1.3 ms of CPU per forwarded request under load).
//
// A frame on the wire:
//   u32 length of what follows (big-endian) | u8 type | u32 id | payload
// and a REQUEST's or RESPONSE's payload:
//   u32 length of the head | head (UTF-8 JSON) | body (the rest, raw bytes)
// so a body is never copied into JSON, and many requests (ids) share one connection.
//
// Plain JavaScript: the workers run it without tsx (frames.d.mts types it).

/** The first frame a connecting worker sends: the primary's secret as its payload. */
export const HELLO = 1;
/** A request (id chosen by the sender, unique among its requests in flight on the connection). */
export const REQUEST = 2;
/** The answer to the REQUEST of the same id. */
export const RESPONSE = 3;
/** The owner is stopping: send it nothing more; it still answers what it has. */
export const GOAWAY = 4;
/**
 * The owner has the whole REQUEST of this id and is about to run it, sent before it runs
 * it. A connection that ends before it leaves the request never run (the sender serves it
 * itself); after it, possibly run (never run twice: the client is told so).
 */
export const ACCEPTED = 5;
/**
 * The answer to the REQUEST of this id is a stream (the terminal's SSE watch): this frame
 * carries its head (a message without a body), CHUNK frames its bytes, END its end.
 */
export const STREAM_HEAD = 6;
/** Bytes of the streamed answer of this id (the whole payload). */
export const CHUNK = 7;
/** The streamed answer of this id is complete (or its producer stopped). */
export const END = 8;
/** From the sender: the client of this streamed answer left; the owner stops producing it. */
export const CANCEL = 9;

/** Bytes before the payload: length (4), type (1), id (4). */
export const FRAME_HEADER = 9;
/**
 * The largest frame accepted (payload and type/id). A lane request's body is at most the
 * lane's cap (4 MiB + 1) and an answer is a terminal's text; anything near this limit
 * means a corrupt stream, which is closed rather than buffered without end.
 */
export const MAX_FRAME = 256 * 1024 * 1024;

/**
 * A frame's bytes as a list of buffers (written together, corked: one syscall), so a
 * large body is written as it is, not copied into one buffer with the header.
 */
export function encodeFrame(type, id, payload) {
  const head = Buffer.allocUnsafe(FRAME_HEADER);
  const size = payload ? payload.reduce((n, b) => n + b.length, 0) : 0;
  head.writeUInt32BE(size + 5, 0);
  head.writeUInt8(type, 4);
  head.writeUInt32BE(id >>> 0, 5);
  return payload ? [head, ...payload.filter((b) => b.length > 0)] : [head];
}

/** A REQUEST/RESPONSE payload: the head (JSON-able) and the body (Buffer or null). */
export function encodeMessage(type, id, head, body) {
  const json = Buffer.from(JSON.stringify(head), "utf8");
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(json.length, 0);
  return encodeFrame(type, id, body ? [length, json, body] : [length, json]);
}

/** The head and body of a REQUEST/RESPONSE payload; throws on a malformed one. */
export function decodeMessage(payload) {
  if (payload.length < 4) throw new Error("frame: message without a head length");
  const headLength = payload.readUInt32BE(0);
  if (4 + headLength > payload.length) throw new Error("frame: head longer than the frame");
  const head = JSON.parse(payload.toString("utf8", 4, 4 + headLength));
  const body = payload.length > 4 + headLength ? payload.subarray(4 + headLength) : null;
  return { head, body };
}

/**
 * Writes a frame's buffers in one go; returns false when the socket asks the writer to wait
 * (drain). `done(error)`, when given, says whether the frame reached the kernel: an error
 * (EPIPE: the peer had closed; or the socket destroyed first) means the peer never got it.
 */
export function writeFrame(socket, buffers, done) {
  const last = buffers.length - 1;
  if (last === 0) return socket.write(buffers[0], done);
  socket.cork();
  let ok = true;
  for (let i = 0; i <= last; i++)
    ok = socket.write(buffers[i], i === last ? done : undefined) && ok;
  socket.uncork();
  return ok;
}

/**
 * Reassembles frames from a byte stream that splits and joins them anywhere. `push` each
 * chunk as it arrives; `onFrame(type, id, payload)` is called for every whole frame, in
 * order. A frame longer than `maxFrame` (or shorter than its type and id) throws from
 * `push`: the stream is corrupt and the caller closes it. `pending` says how many bytes of
 * an unfinished frame are held (a peer that closes with pending > 0 closed mid-frame).
 */
export class FrameDecoder {
  #chunks = [];
  #buffered = 0;
  #need = -1; // the current frame's length once its 4 length bytes are in, else -1
  #onFrame;
  #maxFrame;

  constructor(onFrame, maxFrame = MAX_FRAME) {
    this.#onFrame = onFrame;
    this.#maxFrame = maxFrame;
  }

  get pending() {
    return this.#buffered + (this.#need < 0 ? 0 : 4);
  }

  push(chunk) {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    for (;;) {
      if (this.#need < 0) {
        if (this.#buffered < 4) return;
        const length = this.#peekLength();
        if (length < 5 || length > this.#maxFrame) {
          throw new Error(`frame: length ${length} outside 5..${this.#maxFrame}`);
        }
        this.#take(4);
        this.#need = length;
      }
      if (this.#buffered < this.#need) return;
      const frame = this.#take(this.#need);
      this.#need = -1;
      this.#onFrame(frame.readUInt8(0), frame.readUInt32BE(1), frame.subarray(5));
    }
  }

  /** The big-endian u32 at the front, read across chunk boundaries. */
  #peekLength() {
    const first = this.#chunks[0];
    if (first.length >= 4) return first.readUInt32BE(0);
    const four = Buffer.allocUnsafe(4);
    let filled = 0;
    for (const c of this.#chunks) {
      const n = Math.min(c.length, 4 - filled);
      c.copy(four, filled, 0, n);
      filled += n;
      if (filled === 4) break;
    }
    return four.readUInt32BE(0);
  }

  /** The next `n` bytes (a view of the first chunk when it holds them all, else a copy). */
  #take(n) {
    this.#buffered -= n;
    const first = this.#chunks[0];
    if (first.length > n) {
      this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    if (first.length === n) {
      this.#chunks.shift();
      return first;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const c = this.#chunks[0];
      const k = Math.min(c.length, n - filled);
      c.copy(out, filled, 0, k);
      filled += k;
      if (k === c.length) this.#chunks.shift();
      else this.#chunks[0] = c.subarray(k);
    }
    return out;
  }
}
