import { describe, expect, it } from "vitest";
import { LabCluster } from "../../cluster/lab-cluster";
import { deploymentManifest, T0 } from "../../scenarios/fixtures";

describe("Endpoints and EndpointSlice controllers", () => {
  const lab = new LabCluster({ seed: "ep", now: T0 });
  lab.request("POST", "/apis/apps/v1/namespaces/default/deployments", deploymentManifest("web", 2));
  lab.request("POST", "/api/v1/namespaces/default/services", {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web" },
    spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
  });

  it("lists pods that are not ready yet under notReadyAddresses, then as addresses", () => {
    const ep = () => lab.get("", "endpoints", "default", "web")!;
    const subsets = () =>
      ep().subsets as {
        addresses?: { ip: string }[];
        notReadyAddresses?: { ip: string }[];
        ports: unknown[];
      }[];
    expect(subsets()[0]!.notReadyAddresses).toHaveLength(2);
    lab.advance(5_000);
    expect(subsets()[0]!.addresses!.map((a) => a.ip)).toHaveLength(2);
    expect(subsets()[0]!.ports).toEqual([{ name: "http", port: 8080, protocol: "TCP" }]);
  });

  it("keeps one EndpointSlice owned by the Service with ready conditions", () => {
    const slices = lab
      .list("discovery.k8s.io", "endpointslices", "default")
      .filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === "web");
    expect(slices).toHaveLength(1);
    const slice = slices[0]!;
    expect(slice.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice.metadata.labels?.["endpointslice.kubernetes.io/managed-by"]).toBe(
      "endpointslice-controller.k8s.io",
    );
    expect(slice.metadata.ownerReferences?.[0]).toMatchObject({ kind: "Service", name: "web" });
    const eps = slice.endpoints as { conditions: { ready: boolean } }[];
    expect(eps.map((e) => e.conditions.ready)).toEqual([true, true]);
  });

  it("drops a deleted pod and removes everything with the Service", () => {
    const pod = lab.list("", "pods", "default")[0]!;
    lab.request("DELETE", `/api/v1/namespaces/default/pods/${pod.metadata.name}`);
    const ips = () =>
      (
        (
          lab.get("", "endpoints", "default", "web")!.subsets as { addresses?: { ip: string }[] }[]
        )[0]!.addresses ?? []
      ).map((a) => a.ip);
    expect(ips()).not.toContain((pod.status as { podIP: string }).podIP);
    lab.request("DELETE", "/api/v1/namespaces/default/services/web");
    expect(lab.get("", "endpoints", "default", "web")).toBeUndefined();
    expect(
      lab
        .list("discovery.k8s.io", "endpointslices", "default")
        .filter((s) => s.metadata.labels?.["kubernetes.io/service-name"] === "web"),
    ).toHaveLength(0);
  });
});
