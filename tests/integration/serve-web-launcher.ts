// `npm start`'s worker launcher (scripts/serve-web.ts) as the integration tests start it:
// a production build on a free loopback port against the test Postgres, in its own
// process group so a failed test can end the launcher and its workers together.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "@/scripts/db/embedded-postgres";
import { projectRoot } from "@/scripts/db/migrations-dir";
import { productionEnv } from "../setup/next-app";
import { TEST_SECRET } from "./auth-fixtures";

export interface Launcher {
  process: ChildProcess;
  baseUrl: string;
  /** Everything the launcher and its workers printed so far. */
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the launcher; `env` is added to (and overrides) the production environment. */
export async function startLauncher(env: Record<string, string>): Promise<Launcher> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(projectRoot, "scripts", "serve-web.ts")],
    {
      cwd: projectRoot,
      env: {
        ...productionEnv(),
        PORT: String(port),
        KUBELAB_HOST: "127.0.0.1",
        DATABASE_URL: process.env.DATABASE_URL,
        NEXTAUTH_SECRET: TEST_SECRET,
        NEXTAUTH_URL: baseUrl,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  return { process: child, baseUrl, output: () => output, exited };
}

/** SIGKILL to the launcher's whole process group, if it still runs. */
export function killLauncher(launcher: Launcher | undefined): void {
  if (!launcher?.process.pid || launcher.process.exitCode !== null) return;
  try {
    process.kill(-launcher.process.pid, "SIGKILL");
  } catch {
    // already gone
  }
}
