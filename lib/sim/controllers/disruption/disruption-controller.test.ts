import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../../cli/testing";
import { expectedAndDesired } from "./disruption-controller";

vi.setConfig({ testTimeout: 60_000 });

describe("disruption controller arithmetic (getExpectedPodCount)", () => {
  const scaleOf = (n: number) => () => n;

  it("an int minAvailable counts the matching pods and wants that many healthy", () => {
    expect(expectedAndDesired({ minAvailable: 2 }, 3, scaleOf(99))).toEqual({
      expected: 3,
      desired: 2,
    });
  });

  it("a percent minAvailable is taken of the controllers' scale, rounded up", () => {
    expect(expectedAndDesired({ minAvailable: "50%" }, 2, scaleOf(5))).toEqual({
      expected: 5,
      desired: 3,
    });
  });

  it("maxUnavailable rounds the unavailable share up and never wants fewer than 0", () => {
    expect(expectedAndDesired({ maxUnavailable: "30%" }, 3, scaleOf(5))).toEqual({
      expected: 5,
      desired: 3,
    });
    expect(expectedAndDesired({ maxUnavailable: 7 }, 3, scaleOf(5))).toEqual({
      expected: 5,
      desired: 0,
    });
  });
});

const PDB = (bound: string) => `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  ${bound}
  selector:
    matchLabels:
      app: web
`;

describe("disruption controller status", () => {
  it("fills status from the Deployment's ready pods and flips the condition", async () => {
    const t = labTerminal("pdb-status", {
      "min.yaml": PDB("minAvailable: 2"),
      "max.yaml": PDB("maxUnavailable: 50%"),
    });
    await t.run("kubectl create deployment web --image=nginx --replicas=3");
    t.env.advance(10_000);
    await t.run("kubectl apply -f min.yaml");
    t.env.advance(1_000);
    const status = async () =>
      JSON.parse((await t.run("kubectl get pdb web -o jsonpath={.status}")).stdout);
    const s = await status();
    expect(s).toMatchObject({
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
    });
    expect(s.conditions).toEqual([
      {
        type: "DisruptionAllowed",
        status: "True",
        observedGeneration: 1,
        lastTransitionTime: expect.any(String),
        reason: "SufficientPods",
        message: "",
      },
    ]);
    expect((await t.run("kubectl get pdb")).stdout).toMatch(
      /^NAME +MIN AVAILABLE +MAX UNAVAILABLE +ALLOWED DISRUPTIONS +AGE\nweb +2 +N\/A +1 +\d+s\n$/,
    );

    // Scaled to 2, nothing may be disrupted any more.
    await t.run("kubectl scale deployment web --replicas=2");
    t.env.advance(5_000);
    const low = await status();
    expect(low).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 2, expectedPods: 2 });
    expect(low.conditions[0]).toMatchObject({ status: "False", reason: "InsufficientPods" });

    // maxUnavailable 50% of the Deployment's 2 replicas: ceil(1) may go; generation moves.
    await t.run("kubectl replace -f max.yaml");
    t.env.advance(1_000);
    expect(await status()).toMatchObject({
      observedGeneration: 2,
      disruptionsAllowed: 1,
      desiredHealthy: 1,
      expectedPods: 2,
    });
  });
});
