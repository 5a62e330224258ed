// Hostile input to the per-sandbox Kubernetes API (the corpus in k8s-cases.ts),
// through the same route handler the app serves. Every case: the expected class
// of answer, a Kubernetes Status body for every error, never a 5xx, and for every
// refused write the sandbox's objects unchanged. A second sandbox must never change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, PATCH, POST, PUT, DELETE } from "@/app/api/k8s/[sandbox]/[[...path]]/route";
import { db } from "@/lib/db/client";
import { issueKubeToken } from "@/lib/db/kube-tokens";
import { createUserSandbox } from "@/lib/terminal/user-sandbox";
import { K8S_CASES, type K8sCase } from "./k8s-cases";

const handlers: Record<string, (r: Request) => Promise<Response>> = {
  GET,
  POST,
  PUT,
  PATCH,
  DELETE,
};

let sandboxId = "";
let token = "";
let otherId = "";
let otherToken = "";

beforeAll(async () => {
  const user = await db().user.create({
    data: { email: `hostile-k8s-${Date.now()}@example.test`, name: "hostile" },
  });
  sandboxId = await createUserSandbox(user.id);
  token = (await issueKubeToken(sandboxId)).token;
  const other = await db().user.create({
    data: { email: `bystander-k8s-${Date.now()}@example.test`, name: "bystander" },
  });
  otherId = await createUserSandbox(other.id);
  otherToken = (await issueKubeToken(otherId)).token;
}, 60_000);

afterAll(async () => {
  await db().$disconnect();
});

async function send(
  id: string,
  c: Pick<K8sCase, "method" | "path" | "body" | "contentType" | "headers">,
  bearer: string | null,
) {
  const handler = handlers[c.method];
  const url = `http://localhost:3000/api/k8s/${id}${c.path}`;
  const headers: Record<string, string> = { accept: "application/json", ...(c.headers ?? {}) };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (c.contentType) headers["content-type"] = c.contentType;
  if (!handler) {
    // Methods Next.js has no export for never reach the handler; Next answers 405.
    return { status: 405, text: "" };
  }
  const res = await handler(
    new Request(url, {
      method: c.method,
      headers,
      body: c.body === undefined ? undefined : (c.body as BodyInit),
    }),
  );
  return { status: res.status, text: await res.text() };
}

async function objectsOf(id: string, bearer: string): Promise<string> {
  const names: string[] = [];
  for (const path of ["/api/v1/namespaces/default/configmaps", "/api/v1/namespaces/default/pods"]) {
    const r = await send(id, { method: "GET", path }, bearer);
    const list = JSON.parse(r.text) as {
      items: { metadata: { name: string; resourceVersion: string } }[];
    };
    names.push(...list.items.map((i) => `${i.metadata.name}@${i.metadata.resourceVersion}`));
  }
  return names.sort().join(",");
}

describe("hostile input to the Kubernetes API", () => {
  it.each(K8S_CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const before = await objectsOf(sandboxId, token);
    const bearer = c.token === undefined ? token : c.token;
    const res = await send(sandboxId, c, bearer);

    expect(res.status, res.text.slice(0, 300)).toBeLessThan(500);
    if (c.expect === "4xx") expect(res.status).toBeGreaterThanOrEqual(400);
    else if (c.expect === "2xx") expect(res.status).toBeLessThan(300);
    else if (c.expect !== "any") expect(res.status, res.text.slice(0, 300)).toBe(c.expect);

    if (res.status >= 400 && res.status !== 405) {
      const status = JSON.parse(res.text) as {
        kind: string;
        code: number;
        reason: string;
        message: string;
      };
      expect(status.kind).toBe("Status");
      expect(status.code).toBe(res.status);
      if (c.reason) expect(status.reason).toBe(c.reason);
      if (typeof c.message === "string") expect(status.message).toBe(c.message);
      else if (c.message) expect(status.message).toMatch(c.message);
      expect(await objectsOf(sandboxId, token)).toBe(before);
    }
  });

  it("left the bystander's sandbox untouched and free of the corpus", async () => {
    const objects = await objectsOf(otherId, otherToken);
    expect(objects).not.toMatch(/huge|script|nul-data|deep|lol/);
    // Nothing polluted Object.prototype in this process.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
