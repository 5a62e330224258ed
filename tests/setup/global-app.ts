// Vitest global setup for browser tests: builds the production app when the
// sources changed (under the build lock, so concurrent test processes never build
// at once or rebuild under a running server), starts `next start` on a free port
// against the project's test database (from global-db.ts, which runs first) and
// stops it afterwards.
import type { TestProject } from "vitest/node";
import { freePort } from "../../scripts/db/embedded-postgres";
import { buildOnceAndHold } from "./build-lock";
import { productionEnv, startNextApp } from "./next-app";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const lock = await buildOnceAndHold(productionEnv());
  try {
    const app = await startNextApp(await freePort(), {
      DATABASE_URL: project.getProvidedContext().databaseUrl,
      NEXTAUTH_SECRET: "kubelab-test-secret-not-for-production",
      KUBELAB_DEMO: "1",
    });
    project.provide("baseUrl", app.baseUrl);
    return async () => {
      await app.stop();
      await lock.release();
    };
  } catch (error) {
    await lock.release();
    throw error;
  }
}
