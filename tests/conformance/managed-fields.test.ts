// managedFields as kube-apiserver 1.28 records them for the real kubectl's
// generators: the creator owns what it sent plus what the decoder defaulted, and
// the web terminal shows the same entries for the same object.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubectlBinaries, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

type Entry = { manager: string; operation: string; fieldsV1: Record<string, unknown> };

/** `kubectl run nginx --image=nginx` on a 1.28 cluster: the kubectl-run entry. */
const RUN_FIELDS = {
  "f:metadata": { "f:labels": { ".": {}, "f:run": {} } },
  "f:spec": {
    "f:containers": {
      'k:{"name":"nginx"}': {
        ".": {},
        "f:image": {},
        "f:imagePullPolicy": {},
        "f:name": {},
        "f:resources": {},
        "f:terminationMessagePath": {},
        "f:terminationMessagePolicy": {},
      },
    },
    "f:dnsPolicy": {},
    "f:enableServiceLinks": {},
    "f:restartPolicy": {},
    "f:schedulerName": {},
    "f:securityContext": {},
    "f:terminationGracePeriodSeconds": {},
  },
};

describe.skipIf(binaries.length === 0)("real kubectl: managedFields of created objects", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  const entries = async (args: string[]): Promise<Entry[]> => {
    const r = await lab.kubectl(["get", ...args, "-o", "json", "--show-managed-fields"]);
    expect(r.stderr).toBe("");
    return JSON.parse(r.stdout).metadata.managedFields;
  };

  it("kubectl run: kubectl-run owns the pod's defaulted fields, the kubelet its status", async () => {
    expect((await lab.kubectl(["run", "nginx", "--image=nginx"])).code).toBe(0);
    const list = await entries(["pod", "nginx"]);
    expect(list.find((e) => e.manager === "kubectl-run")).toMatchObject({
      manager: "kubectl-run",
      operation: "Update",
      fieldsV1: RUN_FIELDS,
    });
  });

  it("kubectl create deployment / namespace, for every kubectl binary (JSON or protobuf bodies)", async () => {
    for (const [i, b] of binaries.entries()) {
      const name = `web${i}`;
      expect(
        (await lab.kubectl(["create", "deployment", name, "--image=nginx"], { bin: b.bin })).code,
      ).toBe(0);
      // Sorted by operation, second, then manager: the controller's status entry may come first.
      const created = (await entries(["deployment", name])).find(
        (e) => e.manager === "kubectl-create",
      );
      const spec = created!.fieldsV1["f:spec"] as Record<string, unknown>;
      expect(Object.keys(spec).sort()).toEqual([
        "f:progressDeadlineSeconds",
        "f:replicas",
        "f:revisionHistoryLimit",
        "f:selector",
        "f:strategy",
        "f:template",
      ]);
      expect(JSON.stringify(spec)).not.toContain('"f:containers":{".":{}');

      expect((await lab.kubectl(["create", "namespace", `team${i}`], { bin: b.bin })).code).toBe(0);
      const [ns] = await entries(["namespace", `team${i}`]);
      expect(ns!.fieldsV1).toEqual({
        "f:metadata": { "f:labels": { ".": {}, "f:kubernetes.io/metadata.name": {} } },
      });
    }
  });

  it("a patch setting managedFields to [{}] resets them; later writes record afresh", async () => {
    const reset = await lab.kubectl([
      "patch",
      "deployment",
      "web0",
      "--type=merge",
      "-p",
      '{"metadata":{"managedFields":[{}]}}',
    ]);
    expect(reset.code).toBe(0);
    const after = await lab.kubectl([
      "get",
      "deployment",
      "web0",
      "-o",
      "json",
      "--show-managed-fields",
    ]);
    const managed = JSON.parse(after.stdout).metadata.managedFields as Entry[] | undefined;
    // Only what wrote since (the deployment controller's status) may be left.
    expect((managed ?? []).map((e) => e.manager)).not.toContain("kubectl-create");
    expect((await lab.kubectl(["label", "deployment", "web0", "tier=web"])).code).toBe(0);
    const labelled = await entries(["deployment", "web0"]);
    expect(labelled.find((e) => e.manager === "kubectl-label")?.fieldsV1).toEqual({
      "f:metadata": { "f:labels": { "f:tier": {} } },
    });
  });
});
