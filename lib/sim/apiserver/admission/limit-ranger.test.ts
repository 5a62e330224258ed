import { describe, expect, it } from "vitest";
import { isApiError } from "../errors";
import type { KubeObject } from "../object";
import { admitLimitRangerDefaults, validateLimitRanges } from "./limit-ranger";

const lr = (limits: unknown[]): KubeObject => ({
  apiVersion: "v1",
  kind: "LimitRange",
  metadata: { name: "limits", namespace: "dev" },
  spec: { limits },
});
const pod = (resources: unknown): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "dev" },
  spec: { containers: [{ name: "nginx", image: "nginx", resources }] },
});

function message(fn: () => void): string | undefined {
  try {
    fn();
  } catch (e) {
    if (isApiError(e)) return e.message;
    throw e;
  }
  return undefined;
}

describe("LimitRanger", () => {
  it("sets missing requests/limits and records it in an annotation", () => {
    const ranges = [
      lr([
        {
          type: "Container",
          default: { cpu: "500m", memory: "256Mi" },
          defaultRequest: { cpu: "100m" },
        },
      ]),
    ];
    const out = admitLimitRangerDefaults(pod({}), ranges);
    expect((out.spec as { containers: { resources: unknown }[] }).containers[0]?.resources).toEqual(
      {
        limits: { cpu: "500m", memory: "256Mi" },
        requests: { cpu: "100m", memory: "256Mi" },
      },
    );
    expect(out.metadata.annotations?.["kubernetes.io/limit-ranger"]).toBe(
      "LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx",
    );
    const explicit = admitLimitRangerDefaults(
      pod({ requests: { cpu: "50m", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } }),
      ranges,
    );
    expect(explicit.metadata.annotations).toBeUndefined();
  });

  it("enforces min and max with the plugin's messages", () => {
    const ranges = [lr([{ type: "Container", min: { cpu: "100m" }, max: { memory: "1Gi" } }])];
    expect(
      message(() =>
        validateLimitRanges(
          pod({ requests: { cpu: "50m" }, limits: { memory: "2Gi" } }),
          "Pod",
          ranges,
        ),
      ),
    ).toBe(
      'pods "web" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum memory usage per Container is 1Gi, but limit is 2Gi]',
    );
    expect(message(() => validateLimitRanges(pod({}), "Pod", ranges))).toBe(
      'pods "web" is forbidden: [minimum cpu usage per Container is 100m.  No request is specified, maximum memory usage per Container is 1Gi.  No limit is specified]',
    );
    expect(
      message(() =>
        validateLimitRanges(
          pod({ requests: { cpu: "200m" }, limits: { memory: "512Mi" } }),
          "Pod",
          ranges,
        ),
      ),
    ).toBeUndefined();
  });

  it("checks claims against storage bounds", () => {
    const pvc: KubeObject = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: "data", namespace: "dev" },
      spec: { resources: { requests: { storage: "5Gi" } } },
    };
    expect(
      message(() =>
        validateLimitRanges(pvc, "PersistentVolumeClaim", [
          lr([{ type: "PersistentVolumeClaim", max: { storage: "2Gi" } }]),
        ]),
      ),
    ).toBe(
      'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi',
    );
  });
});

describe("LimitRanger per-pod and ratio rules", () => {
  it("sums containers for Pod limits and checks the limit/request ratio", () => {
    const two: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "pair", namespace: "dev" },
      spec: {
        containers: [
          {
            name: "a",
            image: "x",
            resources: { requests: { cpu: "300m" }, limits: { cpu: "600m" } },
          },
          {
            name: "b",
            image: "x",
            resources: { requests: { cpu: "300m" }, limits: { cpu: "600m" } },
          },
        ],
      },
    };
    expect(
      message(() => validateLimitRanges(two, "Pod", [lr([{ type: "Pod", max: { cpu: "1" } }])])),
    ).toBe('pods "pair" is forbidden: maximum cpu usage per Pod is 1, but limit is 1200m');
    expect(
      message(() =>
        validateLimitRanges(two, "Pod", [
          lr([{ type: "Container", maxLimitRequestRatio: { cpu: "1500m" } }]),
        ]),
      ),
    ).toBe(
      // Both containers fail alike: the aggregate prints the message once.
      'pods "pair" is forbidden: cpu max limit to request ratio per Container is 1500m, but provided ratio is 2.000000',
    );
    expect(
      message(() =>
        validateLimitRanges(two, "Pod", [
          lr([{ type: "Container", maxLimitRequestRatio: { cpu: "2" } }]),
        ]),
      ),
    ).toBeUndefined();
  });
});
