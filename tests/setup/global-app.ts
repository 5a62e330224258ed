// Vitest global setup for browser tests: builds the production app when the
// sources changed, starts `next start` on a free port against the project's
// test database (from global-db.ts, which runs first) and stops it afterwards.
import { spawn, spawnSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { freePort } from "../../scripts/db/embedded-postgres";
import { projectRoot } from "../../scripts/db/migrations-dir";
import { buildIsStale } from "../../scripts/build-freshness";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { redirect: "manual" });
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`app did not answer at ${url}`);
}

export default async function setup(project: TestProject) {
  const env = { ...process.env, NODE_ENV: "production" as const, NEXT_TELEMETRY_DISABLED: "1" };
  if (buildIsStale()) {
    const build = spawnSync("npx", ["next", "build"], { cwd: projectRoot, env, stdio: "inherit" });
    if (build.status !== 0) throw new Error("next build failed");
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: projectRoot,
    env: {
      ...env,
      PORT: String(port),
      DATABASE_URL: project.getProvidedContext().databaseUrl,
      NEXTAUTH_URL: baseUrl,
      NEXTAUTH_SECRET: "kubelab-test-secret-not-for-production",
      KUBELAB_DEMO: "1",
    },
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  await waitForHttp(`${baseUrl}/`, 60_000);
  project.provide("baseUrl", baseUrl);
  return async () => {
    // npx starts next as a child: end the whole process group.
    if (app.pid) process.kill(-app.pid, "SIGTERM");
  };
}
