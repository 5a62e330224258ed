// `npm test`: the whole suite, in the order that fails fastest. Static checks
// (types, lint, formatting), then vitest's projects: unit, integration (real
// PostgreSQL, started and removed by the global setup) and e2e (production build
// in Debian's chromium). Ends with one summary line "N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./db/migrations-dir";

type Step = { name: string; cmd: string[]; env?: Record<string, string> };

const resultsFile = path.join(projectRoot, ".test-data", "vitest-results.json");

const steps: Step[] = [
  {
    name: "prisma generate",
    cmd: ["npx", "prisma", "generate"],
    env: { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/true" },
  },
  { name: "typecheck", cmd: ["npx", "tsc", "--noEmit"] },
  { name: "lint", cmd: ["npx", "eslint", ".", "--max-warnings=0"] },
  { name: "format", cmd: ["npx", "prettier", "--check", "."] },
  {
    name: "vitest",
    cmd: [
      "npx",
      "vitest",
      "run",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${resultsFile}`,
      ...process.argv.slice(2),
    ],
  },
];

function run(step: Step): boolean {
  const started = Date.now();
  console.log(`\n▶ ${step.name}`);
  const [bin, ...args] = step.cmd;
  const r = spawnSync(bin!, args, {
    cwd: projectRoot,
    stdio: "inherit",
    env: { ...process.env, ...step.env },
  });
  console.log(
    `${r.status === 0 ? "✔" : "✘"} ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return r.status === 0;
}

mkdirSync(path.dirname(resultsFile), { recursive: true });
rmSync(resultsFile, { force: true });
let failedSteps = 0;
for (const step of steps) {
  if (!run(step)) {
    failedSteps++;
    if (step.name !== "vitest" && process.env.KUBELAB_TEST_KEEP_GOING !== "1") break;
  }
}

let passed = 0;
let failed = failedSteps;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    success?: boolean;
  };
  passed = results.numPassedTests;
  failed += results.numFailedTests;
  // vitest can exit 0 after an unhandled error in a global setup (e.g. Postgres failing
  // to start) with no test run: a suite that ran nothing has not passed.
  if (results.success === false && results.numFailedTests === 0) failed++;
}
if (passed === 0 && failed === 0) {
  console.log("✘ no test ran");
  failed = 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && failedSteps === 0 ? 0 : 1);
