// 410 Gone end to end: after an etcd compaction (etcdctl in the web terminal), a
// watch from a compacted resourceVersion through the real kubectl gets what
// kube-apiserver's watch cache sends - 200, then one ERROR event with the
// Expired Status - and the stream ends.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerminalCommand } from "@/lib/terminal/run-command";
import { kubectlBinaries, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

describe.skipIf(binaries.length === 0)("real kubectl: watch from a compacted revision", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("answers with the 410 Expired ERROR event and closes the stream", async () => {
    const sh = (c: string) => runTerminalCommand(lab.sandboxId, c);
    expect((await sh("kubectl create configmap before")).exitCode).toBe(0);
    const rev = (await sh("kubectl get configmap before -o jsonpath={.metadata.resourceVersion}"))
      .stdout;
    expect(rev).toMatch(/^\d+$/);
    expect((await sh(`etcdctl compaction ${rev}`)).stdout).toBe(`compacted revision ${rev}\n`);
    const started = Date.now();
    const r = await lab.kubectl(
      ["get", "--raw", "/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=2"],
      { timeoutMs: 20_000 },
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(JSON.parse(r.stdout)).toEqual({
      type: "ERROR",
      object: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: `too old resource version: 2 (${rev})`,
        reason: "Expired",
        code: 410,
      },
    });
    // A current revision still watches normally (here: ends at timeoutSeconds, no error).
    const fresh = await lab.kubectl(
      [
        "get",
        "--raw",
        `/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rev}&timeoutSeconds=1`,
      ],
      { timeoutMs: 20_000 },
    );
    expect([fresh.code, fresh.stdout]).toEqual([0, ""]);
  });
});
