// `npm start`: prepares the database, builds when the sources changed, and
// serves the production build. Without DATABASE_URL it runs an embedded
// PostgreSQL whose data lives in .data/ (kept across restarts) and seeds demo
// data; with DATABASE_URL it uses that server and seeds only when KUBELAB_SEED=1.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type RunningPostgres,
} from "./db/embedded-postgres";
import { applyMigrations } from "./db/migrate";
import { projectRoot } from "./db/migrations-dir";
import { buildIsStale, buildNext } from "./build-freshness";
import { checkContent } from "../lib/content/check-content";
import { KEEP_ALIVE_TIMEOUT_MS, listenPort, startWebWorkers, workerCount } from "./web-workers";

const dataDir = path.join(projectRoot, ".data");

function log(message: string) {
  console.log(`[kubelab] ${message}`);
}

/** A stable secret per installation, so sessions survive restarts. */
function localSecret(): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "nextauth-secret");
  if (!existsSync(file))
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

async function main() {
  const port = String(listenPort());
  // Telemetry would try to reach the internet on every build and start.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: port,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Read first: a wrong KUBELAB_WORKERS fails before any slow preparation.
  const workers = workerCount(env);
  let server: RunningPostgres | undefined;
  let seed = process.env.KUBELAB_SEED === "1";

  if (!process.env.DATABASE_URL) {
    log("DATABASE_URL 미설정: 내장 PostgreSQL을 .data/ 에서 시작합니다");
    // The app's connections go over the Unix socket when it can have one (less CPU per
    // statement on both sides than loopback TCP; docs/deployment.md).
    server = await startEmbeddedPostgres({ dir: dataDir, persistent: true, unixSocket: true });
    await ensureDatabase(server.url("postgres"), "kubelab");
    env.DATABASE_URL = (server.socketUrl ?? server.url)("kubelab");
    env.KUBELAB_DEMO = "1";
    env.NEXTAUTH_SECRET ??= localSecret();
    seed = true;
  }
  env.NEXTAUTH_URL ??= `http://localhost:${port}`;
  if (!env.NEXTAUTH_SECRET) {
    throw new Error("NEXTAUTH_SECRET must be set when DATABASE_URL is set (production mode)");
  }

  // Refuse to serve broken course content: the check names file, line and field.
  log(checkContent());

  const applied = await applyMigrations(env.DATABASE_URL!);
  log(applied.length ? `마이그레이션 적용: ${applied.join(", ")}` : "데이터베이스 스키마 최신");

  if (seed) {
    const r = spawnSync("npx", ["tsx", "scripts/db/seed.ts"], {
      stdio: "inherit",
      env,
      cwd: projectRoot,
    });
    if (r.status !== 0) throw new Error("seeding failed");
  }

  if (buildIsStale()) {
    log("프로덕션 빌드를 만듭니다 (next build)…");
    buildNext(env);
  }

  // The Kubernetes API for real kubectl needs TLS (kubectl sends tokens only over
  // https). Started before Next so both read the same generated CA in .data/tls.
  process.env.DATABASE_URL = env.DATABASE_URL;
  const { startKubeApiServer } = await import("../server/k8s-https");
  const k8s = await startKubeApiServer();
  log(`쿠버네티스 API(실제 kubectl용): https://localhost:${k8s.port}`);

  // One web worker per core on the one port (KUBELAB_WORKERS overrides), each Next with
  // the terminal's fast lane in front (KUBELAB_FAST_LANE=0: plain `next start`): the app
  // is stateless, so any worker serves any learner (docs/deployment.md).
  const app = startWebWorkers({
    port: Number(port),
    workers,
    keepAliveTimeoutMs: KEEP_ALIVE_TIMEOUT_MS,
    env,
    log,
  });
  log(
    `http://localhost:${port} 에서 서비스합니다 (웹 워커 ${workers}개, 코어 ${availableParallelism()}개)`,
  );
  process.on("SIGINT", () => void app.stop("SIGINT"));
  process.on("SIGTERM", () => void app.stop("SIGTERM"));
  const code = await app.exited;
  await k8s.close();
  await server?.stop();
  process.exit(code);
}

main().catch(async (error) => {
  console.error(`[kubelab] 시작 실패: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
