// Starting and stopping `next start` processes on the production build, for the
// browser tests (one app) and the multi-instance tests (several apps, one Postgres).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { projectRoot } from "../../scripts/db/migrations-dir";

export const productionEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
});

export async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
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

export interface NextApp {
  baseUrl: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `next start` on 127.0.0.1:port with the app's environment, ready when `/` answers. */
export async function startNextApp(
  port: number,
  env: Record<string, string | undefined>,
  opts: { quiet?: boolean; readyTimeoutMs?: number } = {},
): Promise<NextApp> {
  const baseUrl = `http://127.0.0.1:${port}`;
  // `next` itself rather than npx, so the process we stop is the server.
  const app = spawn(
    process.execPath,
    [
      path.join(projectRoot, "node_modules/next/dist/bin/next"),
      "start",
      "-p",
      String(port),
      "-H",
      "127.0.0.1",
    ],
    {
      cwd: projectRoot,
      env: { ...productionEnv(), NEXTAUTH_URL: baseUrl, ...env, PORT: String(port) },
      stdio: ["ignore", opts.quiet ? "ignore" : "inherit", "inherit"],
      detached: true,
    },
  );
  const exited = new Promise<void>((done) => app.once("exit", () => done()));
  await Promise.race([
    waitForHttp(`${baseUrl}/`, opts.readyTimeoutMs ?? 60_000),
    exited.then(() => {
      throw new Error(`next start on port ${port} exited before it was ready`);
    }),
  ]);
  return {
    baseUrl,
    process: app,
    stop: async () => {
      if (app.exitCode !== null || app.signalCode !== null) return;
      // Its worker processes are in the same group: end them all.
      if (app.pid) process.kill(-app.pid, "SIGTERM");
      await exited;
    },
  };
}
