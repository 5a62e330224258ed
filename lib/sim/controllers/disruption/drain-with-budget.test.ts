import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../../cli/testing";

vi.setConfig({ testTimeout: 90_000 });

const PDB = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
`;

describe("kubectl drain against a real PodDisruptionBudget", () => {
  it("is refused while the budget is spent, retries every 5 s, and drains once a replacement is Ready", async () => {
    const t = labTerminal("drain-real-pdb", { "pdb.yaml": PDB });
    // Both replicas on worker1, so draining it must evict both under minAvailable 1.
    await t.run("kubectl cordon worker2");
    await t.run("kubectl create deployment web --image=nginx --replicas=2");
    t.env.advance(10_000);
    await t.run("kubectl uncordon worker2");
    const nodes = (await t.run("kubectl get pods -l app=web -o jsonpath={.items[*].spec.nodeName}"))
      .stdout;
    expect(nodes).toBe("worker1 worker1");
    await t.run("kubectl apply -f pdb.yaml");
    t.env.advance(1_000);
    expect(
      (await t.run("kubectl get pdb web -o jsonpath={.status.disruptionsAllowed}")).stdout,
    ).toBe("1");

    const t0 = t.env.now();
    const r = await t.run("kubectl drain worker1 --ignore-daemonsets");
    expect(r.exitCode).toBe(0);
    const retries = r.stderr.split("\n").filter((l) => l.includes("(will retry after 5s)"));
    expect(retries.length).toBeGreaterThan(0);
    expect(retries[0]).toMatch(
      /^error when evicting pods\/"web-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/,
    );
    expect(r.stdout.match(/^pod\/web-\S+ evicted$/gm)).toHaveLength(2);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("node/worker1 drained");
    expect(t.env.now() - t0).toBeGreaterThanOrEqual(5_000);
    // Both replacements run on worker2.
    const after = (await t.run("kubectl get pods -l app=web -o jsonpath={.items[*].spec.nodeName}"))
      .stdout;
    expect(after).toBe("worker2 worker2");
  });
});
