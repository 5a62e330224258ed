import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { kubeApiBaseUrl, kubeconfigYaml } from "./kubeconfig";
import { splitMountedPath } from "./mount";

describe("kubeconfig", () => {
  it("points at the sandbox path with the CA and the token", () => {
    const cfg = YAML.parse(
      kubeconfigYaml({
        sandboxId: "abc",
        serverBase: "https://lab.example:6443/",
        caPem: "PEM",
        token: "klb_t",
        username: "kubernetes-admin",
      }),
    );
    expect(cfg.clusters[0].cluster.server).toBe("https://lab.example:6443/api/k8s/abc");
    expect(
      Buffer.from(cfg.clusters[0].cluster["certificate-authority-data"], "base64").toString(),
    ).toBe("PEM");
    expect(cfg.users[0].user.token).toBe("klb_t");
    expect(cfg["current-context"]).toBe("kubernetes-admin@kubelab-abc");
  });

  it("derives the listener URL from the request host unless configured", () => {
    expect(kubeApiBaseUrl("http://localhost:3000/x", {})).toBe("https://localhost:6443");
    expect(kubeApiBaseUrl("http://localhost:3000/x", { KUBELAB_K8S_PORT: "8443" })).toBe(
      "https://localhost:8443",
    );
    expect(kubeApiBaseUrl("http://h/x", { KUBELAB_K8S_PUBLIC_URL: "https://k8s.example" })).toBe(
      "https://k8s.example",
    );
  });

  it("splits /api/k8s/<sandbox>/<path> and refuses odd sandbox ids", () => {
    expect(splitMountedPath("/api/k8s/abc/api/v1/pods")).toEqual({
      sandboxId: "abc",
      path: "/api/v1/pods",
      prefix: "/api/k8s/abc",
    });
    expect(splitMountedPath("/api/k8s/abc")?.path).toBe("/");
    expect(splitMountedPath("/api/k8s/a%2Fb/api")).toBeUndefined();
    expect(splitMountedPath("/other/abc")).toBeUndefined();
  });
});
