// exec/attach over WebSocket (kubectl ≥ 1.30, KEP-4006): every binary message
// starts with its channel byte — 0 stdin, 1 stdout, 2 stderr, 3 error (the v4
// Status), 4 resize; v5 adds 255 = "close channel" (the client's stdin EOF).

import type { WebSocket } from "ws";
import { LineBuffer, type ExecChannels, type ExecStatus } from "./exec-session";
import type { ChannelRequest } from "./spdy-exec";

export const WS_EXEC_PROTOCOLS = ["v5.channel.k8s.io", "v4.channel.k8s.io"];

const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;
const CLOSE = 255;

/** Messages bigger than this are refused by ws itself (maxPayload). */
export const WS_MAX_MESSAGE = 1 << 20;

export function wsChannels(ws: WebSocket, opts: ChannelRequest): ExecChannels {
  const lines = new LineBuffer();
  let finished = false;
  const v5 = ws.protocol === "v5.channel.k8s.io";
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    if (!isBinary || data.length === 0) return;
    const channel = data[0];
    if (channel === STDIN && opts.stdin) lines.push(data.subarray(1));
    else if (v5 && channel === CLOSE && data[1] === STDIN) lines.end();
  });
  ws.on("close", () => lines.end());
  ws.on("error", () => lines.end());
  const send = (channel: number, text: string) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text)]));
  };
  return {
    stdin: opts.stdin,
    tty: opts.tty,
    get closed() {
      return finished || ws.readyState !== ws.OPEN;
    },
    writeStdout: (text) => opts.stdout && send(STDOUT, text),
    writeStderr: (text) => opts.stderr && send(STDERR, text),
    readLine: () => lines.read(),
    finish: (status: ExecStatus) => {
      if (finished) return;
      finished = true;
      send(ERROR, JSON.stringify(status));
      if (ws.readyState === ws.OPEN) ws.close(1000);
    },
  };
}
