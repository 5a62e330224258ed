import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../../cli/testing";
import type { KubeObject } from "../object";
import { spendBudget } from "./eviction-budget";

vi.setConfig({ testTimeout: 60_000 });

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app: web
`;

async function lab(seed: string) {
  const t = labTerminal(seed, { "pdb.yaml": PDB });
  await t.run("kubectl create deployment web --image=nginx --replicas=3");
  t.env.advance(10_000);
  await t.run("kubectl apply -f pdb.yaml");
  t.env.advance(1_000);
  const pods = (
    await t.run("kubectl get pods -l app=web -o jsonpath={.items[*].metadata.name}")
  ).stdout.split(" ");
  const evict = (name: string) =>
    t.env.request({
      method: "POST",
      path: `/api/v1/namespaces/default/pods/${name}/eviction`,
      body: { apiVersion: "policy/v1", kind: "Eviction", metadata: { name, namespace: "default" } },
    });
  const pdb = async () =>
    JSON.parse((await t.run("kubectl get pdb web -o jsonpath={.status}")).stdout);
  return { t, pods, evict, pdb };
}

describe("eviction honours PodDisruptionBudgets (eviction.go checkAndDecrement)", () => {
  it("an allowed eviction spends the budget and records the pod; the next is refused with 429", async () => {
    const { pods, evict, pdb, t } = await lab("evict-pdb");
    expect(pods).toHaveLength(3);
    const ok = await evict(pods[0]!);
    expect(ok.code).toBe(201);
    const spent = await pdb();
    expect(spent.disruptionsAllowed).toBe(0);
    // The controller already dropped the record: the evicted pod is terminating.
    expect(spent.disruptedPods).toBeUndefined();
    expect(spent.currentHealthy).toBe(2);
    expect(spent.conditions[0]).toMatchObject({ status: "False", reason: "InsufficientPods" });

    const refused = await evict(pods[1]!);
    expect(refused).toMatchObject({ kind: "status", code: 429 });
    expect(refused.kind === "status" && refused.body).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      reason: "TooManyRequests",
      details: {
        causes: [
          {
            reason: "DisruptionBudget",
            message: "The disruption budget web needs 2 healthy pods and has 2 currently",
          },
        ],
      },
      code: 429,
    });
    // The refused pod is untouched.
    expect(
      (await t.run(`kubectl get pod ${pods[1]} -o jsonpath={.metadata.deletionTimestamp}`)).stdout,
    ).toBe("");

    // Once the replacement is Ready the controller gives the allowance back.
    t.env.advance(15_000);
    expect((await pdb()).disruptionsAllowed).toBe(1);
    expect((await evict(pods[1]!)).code).toBe(201);
  });

  it("pods no budget covers are evicted freely; two covering budgets are refused", async () => {
    const { t, pods, evict } = await lab("evict-two-pdbs");
    // A finalizer holds the evicted pod so the mark it got before deletion can be read.
    await t.run("kubectl run lone --image=nginx");
    await t.run(`kubectl patch pod lone -p '{"metadata":{"finalizers":["example.com/hold"]}}'`);
    t.env.advance(10_000);
    expect((await evict("lone")).code).toBe(201);
    t.env.advance(40_000);
    const lone = JSON.parse((await t.run("kubectl get pod lone -o json")).stdout);
    expect(lone.metadata.deletionTimestamp).toBeDefined();
    expect(lone.status.conditions).toContainEqual({
      type: "DisruptionTarget",
      status: "True",
      lastProbeTime: null,
      lastTransitionTime: expect.any(String),
      reason: "EvictionByEvictionAPI",
      message: "Eviction API: evicting",
    });
    const r = await t.env.request({
      method: "POST",
      path: "/apis/policy/v1/namespaces/default/poddisruptionbudgets",
      body: {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: { name: "web-2" },
        spec: { minAvailable: 0, selector: { matchLabels: { app: "web" } } },
      },
    });
    expect(r.code).toBe(201);
    t.env.advance(1_000);
    const refused = await evict(pods[2]!);
    expect(refused.code).toBe(500);
    expect(refused.kind === "status" && refused.body.message).toBe(
      "Internal error occurred: This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.",
    );
  });
});

describe("spendBudget", () => {
  const T = Date.UTC(2026, 0, 5, 9, 0, 0);
  const pod = (ready: boolean): KubeObject => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web-1", namespace: "default" },
    status: { phase: "Running", conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
  });
  const pdb = (
    status: Record<string, unknown>,
    spec: Record<string, unknown> = {},
  ): KubeObject => ({
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: "web", namespace: "default", generation: 1 },
    spec: { minAvailable: 2, ...spec },
    status: {
      observedGeneration: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      ...status,
    },
  });

  it("decrements disruptionsAllowed and records the pod with the eviction time", () => {
    const next = spendBudget(pod(true), pdb({ disruptionsAllowed: 2 }), T)!;
    expect(next.status).toMatchObject({
      disruptionsAllowed: 1,
      disruptedPods: { "web-1": "2026-01-05T09:00:00Z" },
    });
  });

  it("refuses while the controller has not seen the budget's generation", () => {
    const stale = pdb({ disruptionsAllowed: 1, observedGeneration: 0 });
    expect(() => spendBudget(pod(true), stale, T)).toThrowError(
      expect.objectContaining({
        status: expect.objectContaining({
          code: 429,
          details: {
            causes: [
              {
                reason: "DisruptionBudget",
                message: "The disruption budget web is still being processed by the server.",
              },
            ],
          },
        }),
      }),
    );
  });

  it("lets an unready pod go without spending a healthy budget (IfHealthyBudget)", () => {
    expect(spendBudget(pod(false), pdb({ disruptionsAllowed: 0, currentHealthy: 2 }), T)).toBe(
      undefined,
    );
    expect(() =>
      spendBudget(pod(false), pdb({ disruptionsAllowed: 0, currentHealthy: 1 }), T),
    ).toThrow("Cannot evict pod as it would violate the pod's disruption budget.");
    expect(
      spendBudget(
        pod(false),
        pdb(
          { disruptionsAllowed: 0, currentHealthy: 1 },
          { unhealthyPodEvictionPolicy: "AlwaysAllow" },
        ),
        T,
      ),
    ).toBe(undefined);
  });
});
