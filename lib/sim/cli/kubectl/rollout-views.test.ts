import { describe, expect, it } from "vitest";
import { workloadStatus, type Workload } from "./rollout-views";

const sts = (spec: Workload["spec"], status: Workload["status"], generation = 1): Workload => ({
  apiVersion: "apps/v1",
  kind: "StatefulSet",
  metadata: { name: "db", generation },
  spec,
  status,
});

describe("StatefulSetStatusViewer texts", () => {
  it("waits for the spec, then ready pods, then the revisions to match", () => {
    expect(workloadStatus(sts({ replicas: 2 }, { observedGeneration: 0 }))).toBe(
      "Waiting for statefulset spec update to be observed...\n",
    );
    expect(workloadStatus(sts({ replicas: 3 }, { observedGeneration: 1, readyReplicas: 1 }))).toBe(
      "Waiting for 2 pods to be ready...\n",
    );
    const st = { observedGeneration: 1, readyReplicas: 2, updatedReplicas: 1, currentReplicas: 2 };
    expect(
      workloadStatus(
        sts({ replicas: 2 }, { ...st, updateRevision: "db-2", currentRevision: "db-1" }),
      ),
    ).toBe("waiting for statefulset rolling update to complete 1 pods at revision db-2...\n");
    expect(
      workloadStatus(
        sts({ replicas: 2 }, { ...st, updateRevision: "db-1", currentRevision: "db-1" }),
      ),
    ).toBe("statefulset rolling update complete 2 pods at revision db-1...\n");
  });

  it("partitions and the OnDelete strategy", () => {
    const rolling = { type: "RollingUpdate", rollingUpdate: { partition: 1 } };
    expect(
      workloadStatus(
        sts(
          { replicas: 3, updateStrategy: rolling },
          { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 1 },
        ),
      ),
    ).toBe(
      "Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n",
    );
    expect(() =>
      workloadStatus(sts({ updateStrategy: { type: "OnDelete" } }, { observedGeneration: 1 })),
    ).toThrow("error: rollout status is only available for RollingUpdate strategy type");
  });
});
