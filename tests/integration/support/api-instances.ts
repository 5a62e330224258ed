// Separate OS processes serving the per-sandbox Kubernetes API (scripts/k8s-api.ts)
// against the test database: "app instances" that share nothing but Postgres.
// Each has its own in-memory sandbox cache, so they prove that no state lives
// only in one process.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { createCertificateAuthority, issueServingCertificate } from "@/lib/tls/certificates";

export interface ApiInstance {
  port: number;
  process: ChildProcess;
}

export interface ApiResult {
  status: number;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

export interface ApiInstances {
  instances: ApiInstance[];
  caPem: string;
  /** One HTTPS request to instance `i` for the sandbox, with the bearer token. */
  call(
    i: number,
    method: string,
    apiPath: string,
    body?: unknown,
    type?: string,
  ): Promise<ApiResult>;
  /** Opens a watch on instance `i`; `lines` fills with the events as they arrive. */
  watch(i: number, apiPath: string): { lines: string[]; status(): number; close(): void };
  stopAll(): Promise<void>;
}

function startInstance(env: NodeJS.ProcessEnv): Promise<ApiInstance> {
  return new Promise((resolve, reject) => {
    // Node itself (with tsx as a loader, not tsx's wrapper process), so a SIGKILL
    // hits the server and not a parent that would leave it running.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/k8s-api.ts"], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve({ port: (JSON.parse(line) as { port: number }).port, process: child });
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => reject(new Error(`instance exited (${code}): ${err}`)));
  });
}

export async function startApiInstances(
  count: number,
  opts: { databaseUrl: string; sandboxId: string; token: string },
): Promise<ApiInstances> {
  const dir = mkdtempSync(path.join(tmpdir(), "kubelab-instances-"));
  const ca = await createCertificateAuthority();
  const cert = await issueServingCertificate(ca, ["127.0.0.1"]);
  writeFileSync(path.join(dir, "tls.crt"), cert.certPem);
  writeFileSync(path.join(dir, "tls.key"), cert.keyPem);
  writeFileSync(path.join(dir, "ca.crt"), cert.caPem);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: opts.databaseUrl,
    KUBELAB_K8S_PORT: "0",
    KUBELAB_K8S_HOST: "127.0.0.1",
    KUBELAB_TLS_CERT_FILE: path.join(dir, "tls.crt"),
    KUBELAB_TLS_KEY_FILE: path.join(dir, "tls.key"),
    KUBELAB_TLS_CA_FILE: path.join(dir, "ca.crt"),
    KUBELAB_WATCH_POLL_MS: "100",
    // These tests are about consistency under contention, not the request budget.
    KUBELAB_SANDBOX_BURST: "100000",
  };
  const instances = await Promise.all(Array.from({ length: count }, () => startInstance(env)));
  const base = `/api/k8s/${opts.sandboxId}`;

  function raw(i: number, method: string, apiPath: string, payload?: string, type?: string) {
    return request({
      host: "127.0.0.1",
      port: instances[i]!.port,
      method,
      path: `${base}${apiPath}`,
      ca: cert.caPem,
      headers: {
        authorization: `Bearer ${opts.token}`,
        accept: "application/json",
        ...(payload !== undefined
          ? {
              "content-type": type ?? "application/json",
              "content-length": Buffer.byteLength(payload),
            }
          : {}),
      },
    });
  }

  return {
    instances,
    caPem: cert.caPem,
    call(i, method, apiPath, body, type) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = raw(i, method, apiPath, payload, type);
        req.on("response", (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              body: text,
              json: <T>() => JSON.parse(text) as T,
            }),
          );
        });
        req.on("error", reject);
        req.end(payload);
      });
    },
    watch(i, apiPath) {
      const lines: string[] = [];
      let status = 0;
      const req = raw(i, "GET", apiPath);
      req.on("response", (res) => {
        status = res.statusCode ?? 0;
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          buffer += c;
          const parts = buffer.split("\n");
          buffer = parts.pop() ?? "";
          lines.push(...parts.filter(Boolean));
        });
      });
      req.on("error", () => {});
      req.end();
      return { lines, status: () => status, close: () => req.destroy() };
    },
    async stopAll() {
      await Promise.all(
        instances.map(
          (inst) =>
            new Promise<void>((resolve) => {
              if (inst.process.exitCode !== null || inst.process.signalCode !== null) {
                return resolve();
              }
              inst.process.once("exit", () => resolve());
              inst.process.kill("SIGTERM");
            }),
        ),
      );
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
