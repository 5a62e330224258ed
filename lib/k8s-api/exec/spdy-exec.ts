// exec/attach over SPDY (kubectl ≤ 1.29, and newer kubectl's fallback): the client
// opens one stream per channel, named by its `streamtype` header; the session starts
// once every channel the query asked for is there (kubelet waits the same way,
// 30 s at most). v4 writes a JSON Status on the error stream; v1–v3 a plain message.

import { LineBuffer, type ExecChannels, type ExecStatus } from "./exec-session";
import type { SpdyServerConnection, SpdyStream } from "./spdy-connection";

const STREAM_CREATION_TIMEOUT_MS = 30_000;

export interface ChannelRequest {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** Channels the client will open for these options (stderr is merged into the tty). */
function expectedStreams(opts: ChannelRequest, protocol: string): string[] {
  const out = ["error"];
  if (opts.stdin) out.push("stdin");
  if (opts.stdout) out.push("stdout");
  if (opts.stderr && !opts.tty) out.push("stderr");
  if (opts.tty && (protocol === "v3.channel.k8s.io" || protocol === "v4.channel.k8s.io"))
    out.push("resize");
  return out;
}

/** Waits for the client's streams; undefined when they never all came (the connection is closed). */
export function spdyChannels(
  conn: SpdyServerConnection,
  opts: ChannelRequest,
  protocol: string,
): Promise<ExecChannels | undefined> {
  const wanted = expectedStreams(opts, protocol);
  const streams = new Map<string, SpdyStream>();
  const lines = new LineBuffer();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      conn.close();
      resolve(undefined);
    }, STREAM_CREATION_TIMEOUT_MS);
    conn.onClose(() => {
      clearTimeout(timer);
      lines.end();
      resolve(undefined);
    });
    conn.onStream((stream) => {
      const type = stream.headers["streamtype"] ?? "";
      if (!wanted.includes(type) || streams.has(type)) return stream.end();
      streams.set(type, stream);
      if (type === "stdin") {
        stream.on("data", (d: Buffer) => lines.push(d));
        stream.on("end", () => lines.end());
      }
      if (streams.size < wanted.length) return;
      clearTimeout(timer);
      resolve(channelsOver(conn, streams, lines, opts, protocol));
    });
  });
}

function channelsOver(
  conn: SpdyServerConnection,
  streams: Map<string, SpdyStream>,
  lines: LineBuffer,
  opts: ChannelRequest,
  protocol: string,
): ExecChannels {
  let finished = false;
  return {
    stdin: opts.stdin,
    tty: opts.tty,
    get closed() {
      return finished || conn.isClosed;
    },
    writeStdout: (text) => streams.get("stdout")?.write(text),
    writeStderr: (text) => streams.get("stderr")?.write(text),
    readLine: () => lines.read(),
    finish: (status: ExecStatus) => {
      if (finished) return;
      finished = true;
      const error = streams.get("error");
      if (protocol === "v4.channel.k8s.io") error?.write(JSON.stringify(status));
      else if (status.status !== "Success") error?.write(status.message ?? "");
      for (const s of streams.values()) s.end();
      // The client closes the connection once it has read every stream to its end.
      setTimeout(() => conn.close(), 5_000).unref();
    },
  };
}
