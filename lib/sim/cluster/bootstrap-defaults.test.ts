import { describe, expect, it } from "vitest";
import { T0 } from "../scenarios/fixtures";
import { LabCluster } from "./lab-cluster";

// kubeadm creates the add-ons through the API, so `kubectl get -o yaml` shows them defaulted.
describe("bootstrap objects carry the API server's defaults", () => {
  const lab = new LabCluster({ seed: "bootstrap-defaults", now: T0 });

  it("coredns Deployment: strategy, history, deadline and pod template defaults", () => {
    const spec = lab.get("apps", "deployments", "kube-system", "coredns")!.spec as {
      revisionHistoryLimit: number;
      progressDeadlineSeconds: number;
      template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } };
    };
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.progressDeadlineSeconds).toBe(600);
    expect(spec.template.spec).toMatchObject({
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      schedulerName: "default-scheduler",
      securityContext: {},
    });
    expect(spec.template.spec.containers[0]).toMatchObject({
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
    });
  });

  it("kube-proxy DaemonSet and the kubernetes Service", () => {
    const ds = lab.get("apps", "daemonsets", "kube-system", "kube-proxy")!.spec as Record<
      string,
      unknown
    >;
    expect(ds.revisionHistoryLimit).toBe(10);
    expect(ds.updateStrategy).toEqual({
      type: "RollingUpdate",
      rollingUpdate: { maxUnavailable: 1, maxSurge: 0 },
    });
    const svc = lab.get("", "services", "default", "kubernetes")!.spec as Record<string, unknown>;
    expect(svc).toMatchObject({
      type: "ClusterIP",
      sessionAffinity: "None",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
    });
  });
});
