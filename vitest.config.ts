import { defineConfig } from "vitest/config";
import { availableParallelism } from "node:os";
import path from "node:path";

// Three projects: pure unit tests (no I/O), integration tests against a real
// PostgreSQL, and browser tests against a production build in Debian's chromium.
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // vitest's default is one worker fewer than the cores: on the 2-core CI machine that
    // is one, and the whole suite ran serially. Unit, integration and conformance files
    // are independent (each integration/conformance file gets its own database), so they
    // share all cores; e2e keeps fileParallelism: false, which vitest runs as a
    // sequential group after the others.
    maxWorkers: Math.max(2, availableParallelism()),
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "content/**/*.test.ts", "tests/unit/**/*.test.ts"],
          // Some unit tests build whole clusters (~1 s alone); while CI runs the projects
          // side by side on 2 cores they can take several times that.
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/use-test-db.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/setup/global-db.ts", "tests/setup/global-app.ts"],
          setupFiles: ["tests/setup/use-test-db.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          // Real kubectl against the HTTPS listener (skips when no kubectl is installed).
          name: "conformance",
          include: ["tests/conformance/**/*.test.ts"],
          globalSetup: ["tests/setup/global-db.ts"],
          setupFiles: ["tests/setup/use-test-db.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
