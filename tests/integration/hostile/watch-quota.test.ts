// The per-sandbox watch quota of the Kubernetes API: with the cap lowered to a few
// watches, the next concurrent watch on the same sandbox gets a 429 TooManyRequests
// Status with Retry-After (as kube-apiserver writes any Status with
// retryAfterSeconds), another sandbox's watches still open, and closing one watch
// makes room again. (1,000 concurrent watches at the default cap over real HTTPS:
// tests/integration/k8s-api-bad-input.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/k8s/[sandbox]/[[...path]]/route";
import { db } from "@/lib/db/client";
import { issueKubeToken } from "@/lib/db/kube-tokens";
import { watchCount } from "@/lib/k8s-api/watch-hub";
import { createUserSandbox } from "@/lib/terminal/user-sandbox";

const CAP = 4;
process.env.KUBELAB_MAX_WATCHES_PER_SANDBOX = String(CAP);

let mine = { id: "", token: "" };
let other = { id: "", token: "" };
const open: Response[] = [];

async function sandbox(tag: string) {
  const user = await db().user.create({
    data: { email: `watch-quota-${tag}-${Date.now()}@example.test`, name: tag },
  });
  const id = await createUserSandbox(user.id);
  return { id, token: (await issueKubeToken(id)).token };
}

const watch = (sb: { id: string; token: string }) =>
  GET(
    new Request(
      `http://localhost:3000/api/k8s/${sb.id}/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=60`,
      { headers: { authorization: `Bearer ${sb.token}`, accept: "application/json" } },
    ),
  );

beforeAll(async () => {
  mine = await sandbox("mine");
  other = await sandbox("other");
}, 60_000);

afterAll(async () => {
  await Promise.all(open.map((r) => r.body?.cancel()));
  delete process.env.KUBELAB_MAX_WATCHES_PER_SANDBOX;
});

describe("watch quota per sandbox", () => {
  it("refuses the watch past the cap with 429 and Retry-After, for that sandbox only", async () => {
    for (let i = 0; i < CAP; i++) {
      const res = await watch(mine);
      expect(res.status).toBe(200);
      open.push(res);
    }
    expect(watchCount(mine.id)).toBe(CAP);

    const refused = await watch(mine);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "Too many requests: too many open watches on this sandbox; close some and retry",
      reason: "TooManyRequests",
      details: { retryAfterSeconds: 1 },
      code: 429,
    });
    expect(watchCount(mine.id)).toBe(CAP);

    // Another learner's sandbox has its own quota.
    const theirs = await watch(other);
    expect(theirs.status).toBe(200);
    open.push(theirs);
    // Plain requests on the full sandbox still work.
    const list = await GET(
      new Request(`http://localhost:3000/api/k8s/${mine.id}/api/v1/namespaces/default/configmaps`, {
        headers: { authorization: `Bearer ${mine.token}`, accept: "application/json" },
      }),
    );
    expect(list.status).toBe(200);
  });

  it("makes room when a client closes its watch", async () => {
    await open.shift()!.body!.cancel();
    expect(watchCount(mine.id)).toBe(CAP - 1);
    const again = await watch(mine);
    expect(again.status).toBe(200);
    open.push(again);
  });
});
