// Readiness: this instance can serve learners, i.e. it reaches PostgreSQL (all
// state lives there), the schema is migrated and the labs' start templates are
// built (instrumentation.ts starts that with the process: a class opening a lab at
// the bell then waits for no build). A load balancer stops sending traffic to an
// instance answering 503 and resumes when it answers 200 again.
import cluster from "node:cluster";
import { jsonResponse } from "@/lib/http/json-response";
import { pool } from "@/lib/db/sandboxes/pool";
import { errorText } from "@/lib/i18n";
import { loadLabSessionModules } from "@/lib/labs/start/route-warm";
import { labTemplatesWarming, labWarmStarted } from "@/lib/labs/start/warm-state";

export const dynamic = "force-dynamic";

// Under `npm start`'s worker processes (scripts/web-workers.ts) the answer names
// the worker that gave it, so an operator or a test can see every worker serving.
// A process id only: nothing about the host, the data or the configuration.
const noStore: Record<string, string> = cluster.isWorker
  ? { "cache-control": "no-store", "x-kubelab-worker": String(process.pid) }
  : { "cache-control": "no-store" };

// Where the process warms up (instrumentation.ts ran), the first probe also loads the
// route handlers' copy of what a lab session runs (lib/labs/start/route-warm.ts).
let routesLoaded = false;
let loading: Promise<void> | undefined;

function routeModulesLoading(): boolean {
  if (routesLoaded || !labWarmStarted()) return false;
  loading ??= loadLabSessionModules()
    .catch((error: unknown) => console.error("[kubelab] lab session modules not loaded:", error))
    .finally(() => {
      routesLoaded = true;
    });
  return true;
}

export async function GET(): Promise<Response> {
  if (routeModulesLoading() || labTemplatesWarming()) {
    return jsonResponse(
      { status: "starting", message: "실습 환경을 준비하는 중입니다. 잠시 후 다시 시도하세요." },
      { status: 503, headers: { ...noStore, "retry-after": "1" } },
    );
  }
  try {
    // The newest applied migration doubles as "the schema is there".
    const { rows } = await pool().query<{ name: string }>(
      `SELECT "migration_name" AS name FROM "_prisma_migrations"
        WHERE "finished_at" IS NOT NULL ORDER BY "migration_name" DESC LIMIT 1`,
    );
    return jsonResponse(
      { status: "ready", database: "ok", migration: rows[0]?.name ?? null },
      { headers: noStore },
    );
  } catch {
    return jsonResponse(
      { status: "unavailable", message: errorText("databaseUnavailable") },
      { status: 503, headers: { ...noStore, "retry-after": "5" } },
    );
  }
}
