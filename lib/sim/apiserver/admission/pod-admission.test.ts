import { describe, expect, it } from "vitest";
import { isApiError } from "../errors";
import type { KubeObject } from "../object";
import { admitDefaultTolerationSeconds } from "./default-tolerations";
import { admitPriority } from "./priority";
import { admitServiceAccount, TOKEN_MOUNT_PATH } from "./service-account";

const pod = (spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web", namespace: "dev" },
  spec: { containers: [{ name: "app", image: "nginx" }], ...spec },
});
const sa = (extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: "v1",
  kind: "ServiceAccount",
  metadata: { name: "default", namespace: "dev" },
  ...extra,
});
const fixed = () => "abcde";

function thrown(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isApiError(e)) return e.message;
    throw e;
  }
  throw new Error("did not throw");
}

describe("ServiceAccount admission", () => {
  it("defaults the account and mounts kube-api-access-<suffix>", () => {
    const out = admitServiceAccount(pod(), { serviceAccount: sa(), randomSuffix: fixed });
    const spec = out.spec as {
      serviceAccountName: string;
      serviceAccount: string;
      volumes: { name: string; projected: { sources: unknown[] } }[];
      containers: { volumeMounts: unknown[] }[];
    };
    expect(spec.serviceAccountName).toBe("default");
    expect(spec.serviceAccount).toBe("default");
    expect(spec.volumes[0]?.name).toBe("kube-api-access-abcde");
    expect(spec.volumes[0]?.projected.sources).toHaveLength(3);
    expect(spec.containers[0]?.volumeMounts).toEqual([
      { name: "kube-api-access-abcde", readOnly: true, mountPath: TOKEN_MOUNT_PATH },
    ]);
  });

  it("honours automountServiceAccountToken on the pod and the account", () => {
    expect(
      (
        admitServiceAccount(pod({ automountServiceAccountToken: false }), {
          serviceAccount: sa(),
          randomSuffix: fixed,
        }).spec as { volumes?: unknown }
      ).volumes,
    ).toBeUndefined();
    expect(
      (
        admitServiceAccount(pod(), {
          serviceAccount: sa({ automountServiceAccountToken: false }),
          randomSuffix: fixed,
        }).spec as { volumes?: unknown }
      ).volumes,
    ).toBeUndefined();
  });

  it("rejects a missing service account", () => {
    expect(
      thrown(() =>
        admitServiceAccount(pod({ serviceAccountName: "builder" }), {
          serviceAccount: undefined,
          randomSuffix: fixed,
        }),
      ),
    ).toBe(
      'pods "web" is forbidden: error looking up service account dev/builder: serviceaccount "builder" not found',
    );
  });
});

describe("DefaultTolerationSeconds and Priority", () => {
  it("adds the two 300 s NoExecute tolerations unless present", () => {
    const out = admitDefaultTolerationSeconds(
      pod({
        tolerations: [
          {
            key: "node.kubernetes.io/unreachable",
            operator: "Exists",
            effect: "NoExecute",
            tolerationSeconds: 10,
          },
        ],
      }),
    );
    expect((out.spec as { tolerations: unknown[] }).tolerations).toEqual([
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 10,
      },
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ]);
  });

  it("resolves priority classes", () => {
    const classes: KubeObject[] = [
      {
        apiVersion: "scheduling.k8s.io/v1",
        kind: "PriorityClass",
        metadata: { name: "system-node-critical" },
        value: 2000001000,
      },
    ];
    expect(admitPriority(pod(), classes).spec).toMatchObject({
      priority: 0,
      preemptionPolicy: "PreemptLowerPriority",
    });
    expect(
      admitPriority(pod({ priorityClassName: "system-node-critical" }), classes).spec,
    ).toMatchObject({ priority: 2000001000 });
    expect(thrown(() => admitPriority(pod({ priorityClassName: "gold" }), classes))).toBe(
      'pods "web" is forbidden: no PriorityClass with name gold was found',
    );
  });
});
