import { describe, expect, it } from "vitest";
import { LabCluster } from "../../cluster/lab-cluster";
import { T0 } from "../../scenarios/fixtures";

const job = (name: string, command: string[], extra: Record<string, unknown> = {}) => ({
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name },
  spec: {
    ...extra,
    template: {
      spec: { restartPolicy: "Never", containers: [{ name: "main", image: "busybox", command }] },
    },
  },
});

describe("Job controller", () => {
  const lab = new LabCluster({ seed: "job", now: T0 });

  it("runs completions one at a time and reports Complete", () => {
    lab.request(
      "POST",
      "/apis/batch/v1/namespaces/default/jobs",
      job("hello", ["sh", "-c", "echo hi"], { completions: 2 }),
    );
    const status = () =>
      lab.get("batch", "jobs", "default", "hello")!.status as Record<string, unknown>;
    expect(status().active).toBe(1);
    lab.advance(20_000);
    expect(status()).toMatchObject({ succeeded: 2 });
    expect((status().conditions as { type: string; status: string }[])[0]).toMatchObject({
      type: "Complete",
      status: "True",
    });
    const pods = lab
      .list("", "pods", "default")
      .filter((p) => p.metadata.name?.startsWith("hello-"));
    expect(pods.map((p) => (p.status as { phase: string }).phase)).toEqual([
      "Succeeded",
      "Succeeded",
    ]);
    expect(lab.eventsFor("hello").map((e) => e.reason)).toEqual([
      "SuccessfulCreate",
      "SuccessfulCreate",
      "Completed",
    ]);
  });

  it("stops after backoffLimit failed pods with BackoffLimitExceeded", () => {
    lab.request(
      "POST",
      "/apis/batch/v1/namespaces/default/jobs",
      job("fail", ["sh", "-c", "exit 1"], { backoffLimit: 1 }),
    );
    lab.advance(30_000);
    const status = lab.get("batch", "jobs", "default", "fail")!.status as {
      failed: number;
      conditions: { type: string; reason: string; message: string }[];
    };
    expect(status.failed).toBe(2);
    expect(status.conditions[0]).toMatchObject({
      type: "Failed",
      reason: "BackoffLimitExceeded",
      message: "Job has reached the specified backoff limit",
    });
  });
});
