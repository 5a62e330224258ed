// The HTTPS listener of the per-sandbox Kubernetes API. Real kubectl sends its
// bearer token only over TLS, so this serves lib/k8s-api (the same handler as the
// Next.js route app/api/k8s) on KUBELAB_K8S_PORT (default 6443) with the app's own
// CA-signed certificate or a configured one (lib/tls). `npm start` can call
// startKubeApiServer() beside `next start`; it needs only DATABASE_URL.

import { createServer, type Server } from "node:https";
import { ServerResponse, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { Readable } from "node:stream";
import { configureSandboxEngine } from "@/lib/db/sandboxes";
import { serveKubeApi } from "@/lib/k8s-api/serve";
import { clusterEngineOptions } from "@/lib/sim/cluster/loops";
import { K8S_MOUNT, splitMountedPath, type MountedPath } from "@/lib/k8s-api/mount";
import { findKubeToken } from "@/lib/db/kube-tokens";
import { servingCertificate } from "@/lib/tls/serving-certificate";
import { handleConnectUpgrade, isConnectUpgrade } from "@/lib/k8s-api/exec/connect-upgrade";
import type { ServingCertificate } from "@/lib/tls/certificates";

export interface KubeApiServer {
  server: Server;
  port: number;
  certificate: ServingCertificate;
  close(): Promise<void>;
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { "Content-Type": "application/json" });
  res.end(
    JSON.stringify({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "the server could not find the requested resource",
      reason: "NotFound",
      details: {},
      code: 404,
    }),
  );
}

function unauthorized(res: ServerResponse): void {
  res.writeHead(401, { "Content-Type": "application/json" });
  res.end(
    JSON.stringify({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "Unauthorized",
      reason: "Unauthorized",
      code: 401,
    }),
  );
}

/**
 * A path outside /api/k8s/<sandbox>: kubectl's `get --raw /healthz` (RequestURI)
 * drops the server URL's path, so the bearer token alone says which sandbox it is.
 */
async function tokenMount(
  req: IncomingMessage,
  pathname: string,
): Promise<MountedPath | "unauthorized"> {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "")?.[1];
  const owner = token ? await findKubeToken(token) : undefined;
  if (!owner) return "unauthorized";
  return {
    sandboxId: owner.sandboxId,
    path: pathname || "/",
    prefix: `${K8S_MOUNT}/${owner.sandboxId}`,
  };
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `https://${req.headers.host ?? "localhost"}`);
  const mounted = splitMountedPath(url.pathname) ?? (await tokenMount(req, url.pathname));
  if (mounted === "unauthorized") return unauthorized(res);
  if (!mounted) return notFound(res);
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) {
    if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
    else if (v !== undefined) headers.set(k, v);
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(url, {
    method: req.method,
    headers,
    signal: abort.signal,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
  } as RequestInit);
  const response = await serveKubeApi(request, {
    ...mounted,
    ...(req.socket.remoteAddress ? { sourceIP: req.socket.remoteAddress } : {}),
  });
  const out: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  });
  res.writeHead(response.status, out);
  // Watches: the client must see the 200 before the first event arrives.
  res.flushHeaders();
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  abort.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise((r) => res.once("drain", r));
    }
  } finally {
    res.end();
  }
}

/**
 * Upgrades: exec/attach/port-forward get their streams (lib/k8s-api/exec); any
 * other request that asks for an upgrade is answered as plain HTTP on the socket.
 */
async function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  socket.on("error", () => socket.destroy());
  const url = new URL(req.url ?? "/", `https://${req.headers.host ?? "localhost"}`);
  const mounted = splitMountedPath(url.pathname) ?? (await tokenMount(req, url.pathname));
  if (mounted !== "unauthorized" && mounted && isConnectUpgrade(mounted.path))
    return handleConnectUpgrade(req, socket, head, mounted);
  if (head.length) socket.unshift(head);
  const res = new ServerResponse(req);
  res.assignSocket(socket as never);
  res.shouldKeepAlive = false;
  res.on("finish", () => socket.end());
  await handle(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
    res.end();
  });
}

export async function startKubeApiServer(
  opts: { port?: number; host?: string; certificate?: ServingCertificate } = {},
): Promise<KubeApiServer> {
  // Requests through this listener run the cluster's control loops, as the web terminal's do.
  configureSandboxEngine(clusterEngineOptions());
  const certificate = opts.certificate ?? (await servingCertificate());
  const server = createServer(
    { cert: certificate.certPem, key: certificate.keyPem },
    (req, res) => {
      handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
        res.end();
      });
    },
  );
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    onUpgrade(req, socket, head).catch(() => socket.destroy());
  });
  // Watches are long-lived; the engine bounds them (timeoutSeconds, 30 min).
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;
  const port = opts.port ?? Number(process.env.KUBELAB_K8S_PORT ?? 6443);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, opts.host ?? process.env.KUBELAB_K8S_HOST ?? "0.0.0.0", () => resolve());
  });
  const address = server.address();
  return {
    server,
    port: typeof address === "object" && address ? address.port : port,
    certificate,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
