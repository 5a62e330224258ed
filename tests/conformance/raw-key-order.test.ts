// The real kubectl's `get --raw` (raw JSON, no printer re-sorting the keys) sees an object's
// keys in kube-apiserver's order - kind, apiVersion, ObjectMeta in struct order, labels
// sorted - and sees the same bytes whether the sandbox's copy was warm in this process or
// loaded again from Postgres (it used to differ: lib/sim/apiserver/wire-order.ts).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forget } from "@/lib/db/sandboxes/cache";
import { kubectlBinaries, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

const PATH = "/api/v1/namespaces/default/configmaps/raw-order";
const WIRE =
  /^\{"kind":"ConfigMap","apiVersion":"v1","metadata":\{"name":"raw-order","namespace":"default","uid":"[^"]+","resourceVersion":"\d+","creationTimestamp":"[^"]+","labels":\{"a":"2","z":"1"\},"managedFields":\[/;

describe.skipIf(binaries.length === 0)(
  "real kubectl: raw JSON in kube-apiserver's key order",
  () => {
    let lab: Lab;
    beforeAll(async () => {
      lab = await startLab();
    });
    afterAll(async () => {
      await lab?.close();
    });

    it("answers the same bytes from a warm copy and from one loaded again", async () => {
      const made = await lab.kubectl(["create", "configmap", "raw-order", "--from-literal=k=v"]);
      expect([made.code, made.stderr]).toEqual([0, ""]);
      const rv = await lab.kubectl([
        "get",
        "configmap",
        "raw-order",
        "-o",
        "jsonpath={.metadata.resourceVersion}",
      ]);
      // A replace carries the client's resourceVersion among its own metadata keys: the copy
      // decoded on write keeps it there, a copy parsed from the stored row appends it.
      const manifest = {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "raw-order", resourceVersion: rv.stdout, labels: { z: "1", a: "2" } },
        data: { k: "v" },
      };
      const replaced = await lab.kubectl(["replace", "-f", "-"], {
        stdin: JSON.stringify(manifest),
      });
      expect([replaced.code, replaced.stderr]).toEqual([0, ""]);

      const warm = await lab.kubectl(["get", "--raw", PATH]);
      expect([warm.code, warm.stderr]).toEqual([0, ""]);
      expect(warm.stdout).toMatch(WIRE);
      forget(lab.sandboxId);
      const loaded = await lab.kubectl(["get", "--raw", PATH]);
      expect(loaded.stdout).toBe(warm.stdout);

      const list = await lab.kubectl(["get", "--raw", "/api/v1/namespaces/default/configmaps"]);
      expect(list.stdout).toMatch(
        /^\{"kind":"ConfigMapList","apiVersion":"v1","metadata":\{"resourceVersion":"\d+"\},"items":\[\{"metadata":\{"name":/,
      );
      const watch = await lab.kubectl([
        "get",
        "--raw",
        "/api/v1/namespaces/default/configmaps?watch=true&fieldSelector=metadata.name%3Draw-order&timeoutSeconds=1",
      ]);
      const first = watch.stdout.split("\n")[0]!;
      expect(
        first.startsWith('{"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1"'),
      ).toBe(true);
      expect(first.slice('{"type":"ADDED","object":'.length)).toMatch(WIRE);
    }, 60_000);
  },
);
