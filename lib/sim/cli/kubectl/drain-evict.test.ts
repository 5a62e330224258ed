import { describe, expect, it, vi } from "vitest";
import type { ApiResponse } from "../../apiserver/handler/types";
import type { CliApiRequest } from "../types";
import { labTerminal } from "../testing";
import { goDuration } from "./drain-evict";

vi.setConfig({ testTimeout: 30_000 });

/** What kube-apiserver 1.28 answers an eviction a PodDisruptionBudget refuses. */
const PDB_REFUSAL: ApiResponse = {
  kind: "status" as const,
  code: 429,
  body: {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure" as const,
    message: "Cannot evict pod as it would violate the pod's disruption budget.",
    reason: "TooManyRequests" as const,
    details: {
      causes: [
        {
          type: "DisruptionBudget",
          message: "The disruption budget web-pdb needs 1 healthy pods and has 1 currently",
        },
      ],
    },
    code: 429,
  },
};

/**
 * The lesson's cluster with one web pod on worker1; evictions of it are refused
 * `refusals` times (the simulator's API server has no PodDisruptionBudgets yet,
 * so the refusal is the server's answer played by the test).
 */
async function drainLab(seed: string, refusals: number) {
  const lab = labTerminal(seed);
  await lab.run("kubectl create deployment web --image=nginx --replicas=1");
  lab.env.advance(5000);
  await lab.run("kubectl cordon worker2");
  const node = (await lab.run("kubectl get pods -l app=web -o jsonpath={.items[0].spec.nodeName}"))
    .stdout;
  const request = lab.env.request.bind(lab.env);
  let refused = 0;
  lab.env.request = async (req: CliApiRequest) => {
    if (
      req.method === "POST" &&
      req.path.endsWith("/eviction") &&
      req.path.includes("/web-") &&
      refused < refusals
    ) {
      refused++;
      return PDB_REFUSAL;
    }
    return request(req);
  };
  return { ...lab, node, refusals: () => refused };
}

describe("kubectl drain waits and retries on virtual time", () => {
  it("formats durations as Go does", () => {
    expect(goDuration(20_000)).toBe("20s");
    expect(goDuration(60_000)).toBe("1m0s");
    expect(goDuration(3_723_000)).toBe("1h2m3s");
  });

  it("waits until the evicted pod is gone before printing it evicted", async () => {
    const { run, env, node } = await drainLab("drain-wait", 0);
    const t0 = env.now();
    const r = await run(`kubectl drain ${node} --ignore-daemonsets`);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    const evicting = lines.findIndex((l) => /^evicting pod default\/web-/.test(l));
    const evicted = lines.findIndex((l) => /^pod\/web-\S+ evicted$/.test(l));
    expect(evicting).toBeGreaterThan(0);
    expect(evicted).toBeGreaterThan(evicting);
    expect(lines.at(-1)).toBe(`node/${node} drained`);
    // Printed evicted only once the pod is really gone from the node.
    expect(env.now()).toBeGreaterThanOrEqual(t0);
    const pods = (await run(`kubectl get pods -l app=web -o wide --no-headers`)).stdout;
    expect(pods).not.toMatch(new RegExp(`\\s${node}\\s`));
  });

  it("retries every 5 s while the disruption budget refuses, then evicts", async () => {
    const { run, env, node, refusals } = await drainLab("drain-pdb", 2);
    const t0 = env.now();
    const r = await run(`kubectl drain ${node} --ignore-daemonsets`);
    expect(r.exitCode).toBe(0);
    expect(refusals()).toBe(2);
    const retries = r.stderr.split("\n").filter((l) => l.includes("(will retry after 5s)"));
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatch(
      /^error when evicting pods\/"web-\S+" -n "default" \(will retry after 5s\): Cannot evict pod as it would violate the pod's disruption budget\.$/,
    );
    expect(
      r.stdout.split("\n").filter((l) => l.startsWith("evicting pod default/web-")),
    ).toHaveLength(3);
    expect(r.stdout).toMatch(/pod\/web-\S+ evicted\n/);
    expect(env.now() - t0).toBeGreaterThanOrEqual(10_000);
  });

  it("gives up at --timeout with kubectl's global timeout error", async () => {
    const { run, node } = await drainLab("drain-timeout", 1000);
    const r = await run(`kubectl drain ${node} --ignore-daemonsets --timeout=12s`);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).not.toContain(" drained");
    const err = /error when evicting pods\/"web-\S+" -n "default": global timeout reached: 12s/;
    expect(r.stderr).toMatch(
      new RegExp(
        `error: unable to drain node "${node}" due to error:${err.source}, continuing command\\.\\.\\.\\nThere are pending nodes to be drained:\\n ${node}\\nerror: ${err.source}\\n$`,
      ),
    );
    expect(r.stderr.split("\n").filter((l) => l.includes("(will retry after 5s)"))).toHaveLength(3);
  });
});
