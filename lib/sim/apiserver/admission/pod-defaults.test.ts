import { describe, expect, it } from "vitest";
import { defaultPod, defaultPodTemplate } from "./pod-defaults";

describe("probe defaulting (SetDefaults_Probe, SetDefaults_HTTPGetAction)", () => {
  it("fills timeout 1 s, period 10 s, success 1, failure 3 and the httpGet path/scheme", () => {
    const pod: Record<string, unknown> = {
      spec: {
        containers: [
          {
            name: "web",
            image: "nginx:1.25",
            readinessProbe: { httpGet: { port: 80 } },
            livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 5, failureThreshold: 8 },
          },
        ],
      },
    };
    defaultPod(pod);
    const c = (pod.spec as { containers: Record<string, unknown>[] }).containers[0]!;
    expect(c.readinessProbe).toEqual({
      httpGet: { port: 80, path: "/", scheme: "HTTP" },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    // Values the manifest gives are kept; initialDelaySeconds has no default (0 is omitted).
    expect(c.livenessProbe).toEqual({
      tcpSocket: { port: 80 },
      initialDelaySeconds: 5,
      failureThreshold: 8,
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
    });
  });

  it("defaults the probes of pod templates and init containers too", () => {
    const template = {
      spec: {
        initContainers: [
          { name: "i", image: "busybox", startupProbe: { exec: { command: ["true"] } } },
        ],
        containers: [{ name: "c", image: "busybox" }],
      },
    };
    defaultPodTemplate(template);
    expect(template.spec.initContainers[0]!.startupProbe).toMatchObject({
      successThreshold: 1,
      failureThreshold: 3,
      periodSeconds: 10,
      timeoutSeconds: 1,
    });
  });
});

describe("deprecated serviceAccount (v1 PodSpec conversion)", () => {
  it("mirrors serviceAccountName in pod templates as in pods", () => {
    const template = {
      spec: { serviceAccountName: "coredns", containers: [{ name: "c", image: "x" }] },
    } as { spec: Record<string, unknown> };
    defaultPodTemplate(template);
    expect(template.spec.serviceAccount).toBe("coredns");
    const legacy = { spec: { serviceAccount: "old", containers: [] } } as {
      spec: Record<string, unknown>;
    };
    defaultPodTemplate(legacy);
    expect(legacy.spec.serviceAccountName).toBe("old");
  });
});
