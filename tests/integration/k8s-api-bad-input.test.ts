// Hostile and broken requests to the per-sandbox Kubernetes API over the real
// HTTPS listener: each gets the proper Status, the sandbox stays unchanged, the
// process stays up, and 1,000 concurrent watches keep memory bounded.

import { request as httpsRequest, Agent } from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueKubeToken, revokeKubeTokens } from "@/lib/db/kube-tokens";
import { createUserSandbox } from "@/lib/terminal/user-sandbox";
import { db } from "@/lib/db/client";
import { startLab, type Lab } from "../conformance/harness";

let lab: Lab;
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

interface Reply {
  code: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(
  method: string,
  path: string,
  opts: { token?: string | null; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const token = opts.token === undefined ? lab.token : opts.token;
    const req = httpsRequest(
      {
        host: "127.0.0.1",
        port: lab.server.port,
        method,
        path: `/api/k8s/${lab.sandboxId}${path}`,
        ca: lab.server.certificate.caPem,
        agent,
        headers: {
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...(opts.headers ?? {}),
        },
      },
      (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ code: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

const status = (r: Reply) =>
  JSON.parse(r.body) as { kind: string; reason: string; message: string; code: number };

// The ConfigMaps themselves (name@resourceVersion each), not the list's resourceVersion:
// the cluster's own components (lease renewals as virtual time passes) move the
// store's revision between two reads, which says nothing about the learner's objects.
async function configMapsRV(): Promise<string> {
  const r = await call("GET", "/api/v1/namespaces/default/configmaps");
  const list = JSON.parse(r.body) as {
    items: { metadata: { name: string; resourceVersion: string } }[];
  };
  return list.items.map((i) => `${i.metadata.name}@${i.metadata.resourceVersion}`).join(",");
}

beforeAll(async () => {
  lab = await startLab();
});
afterAll(async () => {
  await lab?.close();
});

describe("authentication", () => {
  it("no token or an unknown token is 401 Unauthorized", async () => {
    for (const token of [null, "klb_nope"]) {
      const r = await call("GET", "/api/v1/pods", { token });
      expect(r.code).toBe(401);
      expect(status(r)).toMatchObject({
        kind: "Status",
        reason: "Unauthorized",
        message: "Unauthorized",
        code: 401,
      });
    }
  });

  it("another sandbox's token sees 404 and no data", async () => {
    const user = await db().user.create({
      data: { email: `other-${lab.sandboxId}@example.test`, name: "o" },
    });
    const other = await createUserSandbox(user.id);
    const { token } = await issueKubeToken(other);
    const r = await call("GET", "/api/v1/namespaces/kube-system/pods", { token });
    expect(r.code).toBe(404);
    expect(r.body).not.toContain("etcd-master1");
  });

  it("a revoked token stops working at once", async () => {
    const { token, id } = await issueKubeToken(lab.sandboxId);
    expect((await call("GET", "/version", { token })).code).toBe(200);
    expect(await revokeKubeTokens(lab.sandboxId, id)).toBe(1);
    expect((await call("GET", "/version", { token })).code).toBe(401);
  });
});

describe("bad bodies leave the sandbox unchanged", () => {
  const path = "/api/v1/namespaces/default/configmaps";

  it("wrong content type 415, truncated JSON 400, invalid protobuf 400, malformed patch 400, oversized 413", async () => {
    const before = await configMapsRV();
    const wrong = await call("POST", path, {
      headers: { "Content-Type": "text/plain" },
      body: "hello",
    });
    expect([wrong.code, status(wrong).reason]).toEqual([415, "UnsupportedMediaType"]);
    const cut = await call("POST", path, {
      headers: { "Content-Type": "application/json" },
      body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"',
    });
    expect([cut.code, status(cut).message]).toEqual([
      400,
      "couldn't get version/kind; json parse error: unexpected end of JSON input",
    ]);
    const pb = await call("POST", path, {
      headers: { "Content-Type": "application/vnd.kubernetes.protobuf" },
      body: Buffer.concat([
        Buffer.from("k8s\0", "binary"),
        Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]),
      ]),
    });
    expect([pb.code, status(pb).reason]).toEqual([400, "BadRequest"]);
    const patch = await call("PATCH", `${path}/kube-root-ca.crt`, {
      headers: { "Content-Type": "application/merge-patch+json" },
      body: "{nope",
    });
    expect([patch.code, status(patch).reason]).toEqual([400, "BadRequest"]);
    const big = await call("POST", path, {
      headers: { "Content-Type": "application/json" },
      body: Buffer.alloc(3 * 1024 * 1024 + 1, 0x20),
    });
    expect([big.code, status(big).reason]).toEqual([413, "RequestEntityTooLarge"]);
    expect(await configMapsRV()).toBe(before);
  });

  it("unknown resources are 404 with the apiserver's message", async () => {
    const r = await call("GET", "/api/v1/namespaces/default/widgets");
    expect(r.code).toBe(404);
    expect(status(r).message).toBe("the server could not find the requested resource");
  });

  it("a protobuf-only Accept is 406", async () => {
    const r = await call("GET", "/api/v1/pods", {
      headers: { Accept: "application/vnd.kubernetes.protobuf" },
    });
    expect([r.code, status(r).reason]).toEqual([406, "NotAcceptable"]);
  });
});

describe("watches", () => {
  it("1,000 concurrent watches on one sandbox: all served, memory bounded, process up", async () => {
    const n = 1000;
    // Per-sandbox cap is 1,500: a learner cannot exhaust the process with watches.
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const opened: { close(): void }[] = [];
    const open = () =>
      new Promise<void>((resolve, reject) => {
        const req = httpsRequest(
          {
            host: "127.0.0.1",
            port: lab.server.port,
            path: `/api/k8s/${lab.sandboxId}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0&timeoutSeconds=60`,
            ca: lab.server.certificate.caPem,
            agent,
            headers: { Authorization: `Bearer ${lab.token}` },
          },
          (res) => {
            opened.push({ close: () => req.destroy() });
            if (res.statusCode !== 200)
              return reject(new Error(`watch answered ${res.statusCode}`));
            res.once("data", () => resolve());
          },
        );
        req.on("error", reject);
        req.end();
      });
    try {
      // Opened in batches (TLS handshakes on a loaded machine), then held open all at once.
      for (let i = 0; i < n; i += 100) await Promise.all(Array.from({ length: 100 }, open));
      expect(opened.length).toBe(n);
      const grown = process.memoryUsage().heapUsed - heapBefore;
      expect(grown).toBeLessThan(400 * 1024 * 1024);
      expect((await call("GET", "/version")).code).toBe(200);
    } finally {
      opened.forEach((o) => o.close());
    }
  }, 180_000);
});
