import { describe, expect, it } from "vitest";
import { ADMIN_USER, fixedClock, handle } from "@/lib/sim";
import { check, fixtureInput } from "../testing/fixture";
import { gradeKubeadm } from "./kubeadm-check";

describe("kubeadm check", () => {
  const input = fixtureInput();

  it("reads the ClusterConfiguration kubeadm uploaded (kube-system/kubeadm-config)", () => {
    const v = gradeKubeadm(
      check("kubeadm", {
        fields: [
          { path: "networking.podSubnet", equals: "10.244.0.0/16" },
          { path: "kubernetesVersion", regex: "^v1\\.28\\." },
        ],
        controlPlanes: { equals: 1 },
      }),
      input,
    );
    expect(v.score).toBe(1);
    expect(v.feedback[0]).toBe('ClusterConfiguration networking.podSubnet: "10.244.0.0/16" (통과)');
    expect(v.feedback[2]).toBe("컨트롤 플레인 노드 수: 1 (통과)");
  });

  it("fails field by field with expected vs actual", () => {
    const v = gradeKubeadm(
      check("kubeadm", {
        fields: [
          { path: "controlPlaneEndpoint", equals: "k8s-api.example.com:6443" },
          { path: "etcd.external.endpoints[2]", exists: true },
        ],
        controlPlanes: { gte: 3 },
      }),
      input,
    );
    expect(v.score).toBe(0);
    expect(v.feedback[1]).toBe(
      "ClusterConfiguration etcd.external.endpoints[2]: 기대값 (값 있음), 현재 (없음)",
    );
    expect(v.feedback[2]).toBe("컨트롤 플레인 노드 수: 기대값 3 이상, 현재 1");
  });

  it("fails plainly when the cluster has no uploaded configuration", () => {
    // The state is a value: deleting from it leaves the shared fixture as it was.
    const deleted = handle(
      input.state,
      {
        method: "DELETE",
        path: "/api/v1/namespaces/kube-system/configmaps/kubeadm-config",
        user: ADMIN_USER,
      },
      fixedClock(input.state.time),
    );
    expect(deleted.response.code).toBe(200);
    const v = gradeKubeadm(
      check("kubeadm", { fields: [{ path: "controlPlaneEndpoint", exists: true }] }),
      { ...input, state: deleted.state },
    );
    expect(v.feedback).toEqual([
      'configmaps "kubeadm-config" (네임스페이스 kube-system): ClusterConfiguration 을 찾을 수 없습니다',
    ]);
  });
});
