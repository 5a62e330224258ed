import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";
import { goSort } from "./go-sort";
import { lessActive, lessForLogging, sortMostActive } from "./attachable-pod";

const pod = (
  name: string,
  o: { node?: string; phase?: string; ready?: string; created?: string },
) => ({
  metadata: { name, creationTimestamp: o.created ?? "2026-01-05T09:00:00Z" },
  spec: { nodeName: o.node ?? "" },
  status: {
    phase: o.phase ?? "Running",
    conditions: o.ready ? [{ type: "Ready", status: "True", lastTransitionTime: o.ready }] : [],
  },
});

describe("the pod kubectl attaches to (AttachablePodForObject)", () => {
  it("prefers assigned, running, ready pods, ready the longest", () => {
    const pending = pod("pending", { phase: "Pending" });
    const unready = pod("unready", { node: "w1" });
    const recent = pod("recent", { node: "w1", ready: "2026-01-05T09:05:00Z" });
    const old = pod("old", { node: "w1", ready: "2026-01-05T09:01:00Z" });
    expect(lessActive(pending, unready)).toBe(true);
    expect(lessActive(unready, recent)).toBe(true);
    expect(lessActive(recent, old)).toBe(true);
    expect(sortMostActive([pending, recent, unready, old]).map((p) => p.metadata.name)).toEqual([
      "old",
      "recent",
      "unready",
      "pending",
    ]);
  });

  it("logs order pods with podutils.ByLogging: assigned, running, ready the longest first", () => {
    const pending = pod("pending", { phase: "Pending", node: "w1" });
    const unassigned = pod("unassigned", {});
    const unready = pod("unready", { node: "w1" });
    const recent = pod("recent", { node: "w1", ready: "2026-01-05T09:05:00Z" });
    const old = pod("old", { node: "w1", ready: "2026-01-05T09:01:00Z" });
    expect(lessForLogging(old, recent)).toBe(true);
    expect(lessForLogging(recent, old)).toBe(false);
    expect(
      goSort([unassigned, pending, recent, unready, old], lessForLogging).map(
        (p) => p.metadata.name,
      ),
    ).toEqual(["old", "recent", "unready", "pending", "unassigned"]);
  });

  describe("kubectl logs TYPE/NAME", () => {
    let run: ReturnType<typeof labTerminal>["run"];
    let env: ReturnType<typeof labTerminal>["env"];
    beforeAll(async () => {
      ({ run, env } = labTerminal("attachable"));
      await run("kubectl create deployment web --image=nginx --replicas=2");
      await run("kubectl expose deployment web --port=80");
      env.advance(30_000); // the pods start: logs are there to read
    });

    it("uses one of the workload's pods and says which on stderr", async () => {
      const pods = (await run("kubectl get pods -l app=web -o name")).stdout.trim().split("\n");
      for (const target of ["deploy/web", "deployment/web", "svc/web"]) {
        const r = await run(`kubectl logs ${target}`);
        expect(r.stdout).toContain("nginx");
        expect(r.exitCode).toBe(0);
        const m = /^Found 2 pods, using (pod\/\S+)\n$/.exec(r.stderr);
        expect(m).not.toBeNull();
        expect(pods).toContain(m![1]);
      }
    });

    it("exec TYPE/NAME picks a pod without saying which (only logs prints 'Found N pods')", async () => {
      const r = await run("kubectl exec deploy/web -- env");
      expect(r.exitCode).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toContain("HOSTNAME=web-");
    });

    it("names the workload in its NotFound error", async () => {
      expect((await run("kubectl logs deploy/nope")).stderr).toBe(
        'Error from server (NotFound): deployments.apps "nope" not found\n',
      );
    });

    it("a service without a selector has no pods to pick", async () => {
      const created = await env.request({
        method: "POST",
        path: "/api/v1/namespaces/default/services",
        body: {
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: "external" },
          spec: { ports: [{ port: 80 }] },
        },
      });
      expect(created.code).toBe(201);
      // LogsForObject wraps SelectorsForObject's error (measured with kubectl 1.28).
      expect((await run("kubectl logs svc/external")).stderr).toBe(
        "error: cannot get the logs from *v1.Service: invalid service 'external': Service is defined without a selector\n",
      );
      // kubectl exec wraps it as AttachablePodForObject does.
      expect((await run("kubectl exec svc/external -- env")).stderr).toBe(
        "error: cannot attach to *v1.Service: invalid service 'external': Service is defined without a selector\n",
      );
    });
  });
});
