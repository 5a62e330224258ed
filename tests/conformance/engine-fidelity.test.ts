// Real kubectl against the engine's 1.28 behaviours that have no terminal-side twin yet:
// componentstatuses with its deprecation warning, container logs, strict field validation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubectlBinaries, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();

describe.skipIf(binaries.length === 0)("real kubectl: engine fidelity", () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("get cs prints the server's table and the deprecation warning", async () => {
    const r = await lab.kubectl(["get", "cs"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("Warning: v1 ComponentStatus is deprecated in v1.19+\n");
    expect(r.stdout).toBe(
      "NAME                 STATUS    MESSAGE   ERROR\n" +
        "scheduler            Healthy   ok        \n" +
        "controller-manager   Healthy   ok        \n" +
        "etcd-0               Healthy   ok        \n",
    );
  });

  it("logs of control-plane pods are their start-up lines", async () => {
    const r = await lab.kubectl([
      "logs",
      "-n",
      "kube-system",
      "kube-scheduler-master1",
      "--tail=1",
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^I\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 leaderelection\.go:260\] successfully acquired lease kube-system\/kube-scheduler\n$/,
    );
  });

  it("apply with an unknown field fails strict decoding, as kubectl sends fieldValidation=Strict", async () => {
    const manifest = JSON.stringify({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "strict" },
      dta: { a: "1" },
    });
    const r = await lab.kubectl(["apply", "-f", "-"], { stdin: manifest });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dta"\n',
    );
    const loose = await lab.kubectl(["apply", "--validate=false", "-f", "-"], { stdin: manifest });
    expect(loose.code).toBe(0);
    const stored = await lab.kubectl(["get", "cm", "strict", "-o", "json"]);
    expect(JSON.parse(stored.stdout)).not.toHaveProperty("dta");
  });
});
