// The HTTPS listener's `upgrade` event: exec, attach and port-forward from the real
// kubectl. WebSocket (kubectl ≥ 1.30: v5/v4.channel.k8s.io for exec/attach,
// SPDY/3.1+portforward.k8s.io for port-forward) or SPDY/3.1 (kubectl ≤ 1.29, and
// the fallback newer kubectl takes when a WebSocket upgrade is refused). Every
// refusal is an HTTP answer on the socket; nothing here throws into the server.

import { STATUS_CODES, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, createWebSocketStream, type WebSocket } from "ws";
import type { UserInfo } from "@/lib/sim";
import type { MountedPath } from "../mount";
import { failureResponse } from "../failure-response";
import { requestUser } from "../request-user";
import { admitConnect, parseConnectPath } from "./connect-admission";
import { containerEnv } from "./container-env";
import { runExec, type ExecChannels } from "./exec-session";
import { servePortForward } from "./port-forward";
import { SpdyServerConnection } from "./spdy-connection";
import { spdyChannels, type ChannelRequest } from "./spdy-exec";
import { WS_EXEC_PROTOCOLS, WS_MAX_MESSAGE, wsChannels } from "./ws-exec";

/** kubelet 1.28's SPDY remotecommand protocols, newest first. */
const SPDY_EXEC_PROTOCOLS = [
  "v4.channel.k8s.io",
  "v3.channel.k8s.io",
  "v2.channel.k8s.io",
  "channel.k8s.io",
];
const SPDY_PORT_FORWARD = "portforward.k8s.io";
const WS_PORT_FORWARD = "SPDY/3.1+portforward.k8s.io";

const wss = new WebSocketServer({
  noServer: true,
  maxPayload: WS_MAX_MESSAGE,
  perMessageDeflate: false,
});

/** Writes a whole HTTP response on a socket that was never handed to an http.ServerResponse. */
async function writeRaw(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`];
  response.headers.forEach((v, k) => k !== "content-length" && lines.push(`${k}: ${v}`));
  lines.push(`Content-Length: ${body.length}`, "Connection: close", "", "");
  if (socket.writable) socket.end(Buffer.concat([Buffer.from(lines.join("\r\n")), body]));
}

const text = (code: number, message: string) =>
  new Response(message, { status: code, headers: { "Content-Type": "text/plain; charset=utf-8" } });

function headerList(value: string | string[] | undefined): string[] {
  return (Array.isArray(value) ? value.join(",") : (value ?? ""))
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function channelRequest(q: URLSearchParams): ChannelRequest {
  const on = (k: string) => q.get(k) === "true" || q.get(k) === "1";
  return { stdin: on("stdin"), stdout: on("stdout"), stderr: on("stderr"), tty: on("tty") };
}

export function isConnectUpgrade(path: string): boolean {
  return parseConnectPath(path.replace(/\/+$/, "")) !== undefined;
}

export async function handleConnectUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  mounted: MountedPath,
): Promise<void> {
  socket.on("error", () => socket.destroy());
  try {
    await upgrade(req, socket, head, mounted);
  } catch (err) {
    if (!socket.destroyed)
      await writeRaw(socket, failureResponse(err)).catch(() => socket.destroy());
  }
}

async function upgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  mounted: MountedPath,
): Promise<void> {
  const url = new URL(req.url ?? "/", "https://localhost");
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  const opts = {
    ...mounted,
    ...(req.socket.remoteAddress ? { sourceIP: req.socket.remoteAddress } : {}),
  };
  const user = await requestUser(new Request(url, { headers }), opts);
  if (user instanceof Response) return writeRaw(socket, user);
  const method = req.method === "GET" ? "GET" : req.method === "POST" ? "POST" : undefined;
  if (!method) return writeRaw(socket, text(405, "Method Not Allowed"));
  const admission = await admitConnect({
    sandboxId: mounted.sandboxId,
    user: user as UserInfo,
    method,
    path: mounted.path.replace(/\/+$/, ""),
    query: url.searchParams,
    ...(req.headers["user-agent"] ? { userAgent: req.headers["user-agent"] } : {}),
    ...(opts.sourceIP ? { sourceIP: opts.sourceIP } : {}),
    upgradable: true,
  });
  if (!admission.ok) return writeRaw(socket, admission.response);
  const { connect, target } = admission;
  const q = channelRequest(url.searchParams);
  if (connect.kind !== "portforward" && !q.stdin && !q.stdout && !q.stderr)
    return writeRaw(socket, text(400, "you must specify at least 1 of stdin, stdout, stderr"));

  const run = async (ch: ExecChannels | undefined) => {
    if (!ch) return;
    if (connect.kind === "attach") return holdAttach(ch);
    await runExec(ch, {
      command: url.searchParams.getAll("command"),
      target,
      env: containerEnv(mounted.sandboxId, target.nodeName ?? ""),
    });
  };
  const upgradeTo = (req.headers.upgrade ?? "").toLowerCase();

  if (upgradeTo === "websocket") {
    const offered = headerList(req.headers["sec-websocket-protocol"]);
    const supported = connect.kind === "portforward" ? [WS_PORT_FORWARD] : WS_EXEC_PROTOCOLS;
    const chosen = offered.find((p) => supported.includes(p));
    if (!chosen)
      return writeRaw(
        socket,
        text(
          400,
          `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(" ")}], server supports [${supported.join(" ")}]`,
        ),
      );
    const ws = await new Promise<WebSocket>((resolve) =>
      wss.handleUpgrade(req, socket, head, (w) => resolve(w)),
    );
    ws.on("error", () => ws.terminate());
    if (connect.kind === "portforward") {
      const conn = new SpdyServerConnection(createWebSocketStream(ws));
      return servePortForward(conn, admission.podUid, target.podName);
    }
    return run(wsChannels(ws, q));
  }

  if (upgradeTo === "spdy/3.1") {
    const offered = headerList(req.headers["x-stream-protocol-version"]);
    const supported = connect.kind === "portforward" ? [SPDY_PORT_FORWARD] : SPDY_EXEC_PROTOCOLS;
    const chosen = offered.find((p) => supported.includes(p));
    if (offered.length > 0 && !chosen)
      return writeRaw(
        socket,
        text(
          403,
          `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(" ")}], server accepts [${supported.join(" ")}]`,
        ),
      );
    const protocol = chosen ?? "";
    const reply = [
      "HTTP/1.1 101 Switching Protocols",
      "Connection: Upgrade",
      "Upgrade: SPDY/3.1",
      ...(protocol ? [`X-Stream-Protocol-Version: ${protocol}`] : []),
      "",
      "",
    ].join("\r\n");
    socket.write(reply);
    if (head.length) socket.unshift(head);
    const conn = new SpdyServerConnection(socket);
    if (connect.kind === "portforward")
      return servePortForward(conn, admission.podUid, target.podName);
    return run(await spdyChannels(conn, q, protocol));
  }

  return writeRaw(socket, text(400, "unable to upgrade: missing upgrade headers in request"));
}

/**
 * attach: the simulated containers produce no live output, so the session stays
 * open with nothing to show until the client leaves (Ctrl-C), as an attach to a
 * quiet process does.
 */
async function holdAttach(ch: ExecChannels): Promise<void> {
  while ((await ch.readLine()) !== undefined && !ch.closed) {
    /* input to a process that reads nothing */
  }
  ch.finish({ metadata: {}, status: "Success" });
}
