// Rapid-fire requests past a sandbox's budget: the terminal answers the Korean
// 429, the Kubernetes API kube-apiserver's TooManyRequests Status, both with
// Retry-After; watches are exempt (bounded by the watch limits instead), and
// another sandbox is unaffected.
import { beforeAll, describe, expect, it } from "vitest";
import { POST as exec } from "@/app/api/sandboxes/[id]/exec/route";
import { GET as k8s } from "@/app/api/k8s/[sandbox]/[[...path]]/route";
import { issueKubeToken } from "@/lib/db/kube-tokens";
import { userSandbox } from "@/lib/terminal";
import { createUser, jsonRequest, sessionCookie } from "../auth-fixtures";

// A small budget for this worker's process (read when the buckets are first made).
process.env.KUBELAB_SANDBOX_RATE = "0.5";
process.env.KUBELAB_SANDBOX_BURST = "5";

let cookie = "";
let sandboxId = "";
let otherCookie = "";
let otherSandbox = "";

beforeAll(async () => {
  const user = await createUser("LEARNER");
  cookie = await sessionCookie(user.id);
  sandboxId = await userSandbox(user.id);
  const other = await createUser("LEARNER");
  otherCookie = await sessionCookie(other.id);
  otherSandbox = await userSandbox(other.id);
}, 60_000);

const run = (id: string, c: string) =>
  exec(
    jsonRequest(`/api/sandboxes/${id}/exec`, "POST", { command: "kubectl get ns" }, { cookie: c }),
    {
      params: Promise.resolve({ id }),
    },
  );

const api = (id: string, token: string, query = "") =>
  k8s(
    new Request(`http://localhost:3000/api/k8s/${id}/api/v1/namespaces${query}`, {
      headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    }),
  );

describe("per-sandbox request budget", () => {
  it("refuses the terminal and the API past the burst, with Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await run(sandboxId, cookie)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const refused = await run(sandboxId, cookie);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await refused.json()).error.message).toMatch(
      /^이 샌드박스에 요청이 너무 많습니다\. \d+초 뒤에/,
    );

    // The Kubernetes face spends the same sandbox's budget.
    const { token } = await issueKubeToken(sandboxId);
    const status = await api(sandboxId, token);
    expect(status.status).toBe(429);
    expect(status.headers.get("retry-after")).not.toBeNull();
    expect(await status.json()).toMatchObject({
      kind: "Status",
      reason: "TooManyRequests",
      message: "Too many requests: Too many requests, please try again later.",
      code: 429,
    });

    // A watch is long-running: it is not refused by the request budget.
    const watch = await api(sandboxId, token, "?watch=true&timeoutSeconds=1");
    expect(watch.status).toBe(200);
    await watch.body?.cancel();

    // Another learner's sandbox has its own budget.
    expect((await run(otherSandbox, otherCookie)).status).toBe(200);
  }, 60_000);
});
