// Serves an already built and migrated Kubelab with N worker processes, exactly
// as `npm start` serves once its preparations are done (no migrations, no build,
// no embedded PostgreSQL, no TLS Kubernetes API). The load benchmark and the
// worker tests start the app through it; in production it suits a deployment
// that migrates and builds in its own release step (`npm run serve`).
//
// Environment: DATABASE_URL, NEXTAUTH_SECRET, NEXTAUTH_URL (as for `next start`),
// PORT (3000), KUBELAB_HOST (all interfaces), KUBELAB_WORKERS (one per core),
// KUBELAB_WORKER_NODE_FLAGS (space-separated Node flags for each worker, e.g. --cpu-prof),
// KUBELAB_FAST_LANE (0: each worker is plain `next start`), KUBELAB_WORKER_SEMI_SPACE_MB.
import { availableParallelism } from "node:os";
import { KEEP_ALIVE_TIMEOUT_MS, listenPort, startWebWorkers, workerCount } from "./web-workers";

function log(message: string) {
  console.log(`[kubelab] ${message}`);
}

function main() {
  const port = listenPort();
  const workers = workerCount();
  const app = startWebWorkers({
    port,
    host: process.env.KUBELAB_HOST || undefined,
    workers,
    keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    nodeFlags: process.env.KUBELAB_WORKER_NODE_FLAGS?.split(/\s+/).filter(Boolean),
    log,
  });
  log(`웹 워커 ${workers}개 (코어 ${availableParallelism()}개), 포트 ${port}`);
  process.on("SIGINT", () => void app.stop("SIGINT"));
  process.on("SIGTERM", () => void app.stop("SIGTERM"));
  void app.exited.then((code) => process.exit(code));
}

try {
  main();
} catch (error) {
  console.error(`[kubelab] 시작 실패: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
