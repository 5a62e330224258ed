// Generates the Prisma client after install. Prisma's CLI tries to download a
// native schema engine first, which fails offline; `generate` does not need it,
// so we point the variable at a no-op binary (see SETUP-NOTES).
import { spawnSync } from "node:child_process";

const result = spawnSync("npx", ["prisma", "generate"], {
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/true",
  },
});
process.exit(result.status ?? 1);
