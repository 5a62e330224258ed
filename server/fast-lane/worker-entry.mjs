// One web worker of `npm start` (scripts/web-workers.ts forks it through node:cluster,
// so `listen` shares the primary's socket): Next started programmatically on the
// production build, with the fast lane (fast-lane.mjs) answering the terminal's hot
// routes before Next's handler. Plain JavaScript, no tsx at run time.
//
// Arguments as `next start` takes them: -p PORT [-H HOST] [--keepAliveTimeout MS].
// What `next start` does and this entry keeps: the keep-alive timeout, PORT and
// __NEXT_PRIVATE_ORIGIN for the app, graceful SIGTERM/SIGINT (stop accepting, finish
// the requests in flight, close Next, exit 143/130), a failing request answered 500
// without ending the process.
import { rmSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { createFastLane } from "./fast-lane.mjs";
import { createLaneServer, socketPath, stickyConfig } from "./sticky.mjs";
import { parseWorkerArgs } from "./worker-args.mjs";

const require = createRequire(import.meta.url);

function log(message) {
  console.log(`[kubelab] ${message}`);
}

async function main() {
  const dir = process.cwd();
  const { port, hostname, keepAliveTimeout } = parseWorkerArgs(process.argv.slice(2));
  process.title = "kubelab-web-worker";
  // What `next start` sets once it listens; the app's absolute URLs read them.
  process.env.PORT = String(port);
  process.env.__NEXT_PRIVATE_ORIGIN = `http://${hostname && hostname.includes(":") ? `[${hostname}]` : hostname || "localhost"}:${port}`;

  const next = require("next");
  const server = http.createServer();
  if (keepAliveTimeout) server.keepAliveTimeout = keepAliveTimeout;
  const app = next({ dev: false, dir, hostname, port, httpServer: server });
  await app.prepare();
  const handle = app.getRequestHandler();

  // The config Next loaded at start (KUBELAB_COMPRESS is read then); the lane
  // compresses exactly when Next would.
  // (NextCustomServer → NextServer → NextNodeServer: not a public API, hence the check.)
  const compress = app.server?.server?.nextConfig?.compress;
  let lane;
  const sticky = stickyConfig(process.env);
  // Only tests name the serving worker on lane answers (sticky.mjs WORKER_HEADER).
  const workerTag =
    process.env.KUBELAB_LANE_WORKER_HEADER === "1"
      ? `${process.env.KUBELAB_WORKER_INDEX ?? 0} ${process.pid}`
      : undefined;
  if (process.env.KUBELAB_FAST_LANE?.trim() === "0") lane = undefined;
  else if (typeof compress !== "boolean") log("빠른 경로를 끕니다: Next의 설정을 읽지 못했습니다");
  else {
    const distDir = path.join(dir, ".next");
    lane = createFastLane({ distDir, hostname, port, compress, log, sticky, workerTag });
  }

  const onRequest = (req, res) => {
    if (lane?.serve(req, res)) return;
    handle(req, res).catch((error) => {
      // As `next start`: one failed request never ends the worker.
      console.error(`Failed to handle request for ${req.url}`, error);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal Server Error");
      }
    });
  };
  server.on("request", onRequest);
  server.on("error", (error) => {
    console.error("[kubelab] 웹 워커 서버 오류", error);
    process.exit(1);
  });

  // The other workers forward this worker's sandboxes to its own socket as frames
  // (sticky.mjs), served by the lane's route handlers. Not shared through the cluster
  // primary (exclusive).
  let laneServer;
  const ownSocket = lane && sticky ? socketPath(sticky.prefix, sticky.index) : undefined;
  if (ownSocket) {
    // bench:load's worker probe (bench/load/worker-probe.mjs), when imported, times the
    // requests this worker runs for the others; absent in production.
    const probe = globalThis[Symbol.for("kubelab.bench.probe")];
    const serve = probe ? probe.wrapForwarded(lane.serveForwarded) : lane.serveForwarded;
    laneServer = createLaneServer({ secret: sticky.secret, serve, log });
    laneServer.server.on("error", (error) => {
      // Without it the others serve this worker's sandboxes themselves: slower, still correct.
      log(`워커 소켓을 열지 못했습니다 (${ownSocket}): ${error.message}`);
    });
    // A predecessor killed with this index left its socket file behind.
    rmSync(ownSocket, { force: true });
    laneServer.server.listen({ path: ownSocket, exclusive: true });
    process.on("exit", () => rmSync(ownSocket, { force: true }));
  }

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    // Finish what is in flight (Next may schedule work after a response), then close.
    const closed = (srv) => new Promise((done) => srv.close(() => done()));
    // The lane socket: the peers are told to send nothing more, and close once answered.
    Promise.all([closed(server), laneServer?.shutdown()]).then(() => {
      lane?.close();
      app
        .close()
        .catch((error) => console.error(error))
        .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
    });
    // Idle keep-alive connections would hold close() open for the keep-alive timeout.
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  server.listen(port, hostname);
}

main().catch((error) => {
  console.error("[kubelab] 웹 워커 시작 실패", error);
  process.exit(1);
});
