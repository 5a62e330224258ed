// `kubectl apply --server-side` through the real kubectl: create, unchanged,
// change, conflicts with another manager (kubectl's own conflict text), and
// --force-conflicts, with managedFields as a real API server records them.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxRequest } from "@/lib/db/sandboxes";
import { runTerminalCommand } from "@/lib/terminal/run-command";
import { ADMIN_USER } from "@/lib/sim";
import { kubectlBinaries, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions read deep into objects
type Json = any;

const manifest = (replicas: number, name = "ssa") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
`;

describe.skipIf(binaries.length === 0)("real kubectl: apply --server-side", () => {
  let lab: Lab;
  const state = async (path: string): Promise<Json> =>
    (
      (await sandboxRequest(lab.sandboxId, { method: "GET", path, user: ADMIN_USER })).response as {
        body?: unknown;
      }
    ).body;
  beforeAll(async () => {
    lab = await startLab();
  });
  afterAll(async () => {
    await lab?.close();
  });

  it("creates, re-applies and changes the object under the 'kubectl' manager", async () => {
    const created = await lab.kubectl(["apply", "--server-side", "-f", "-"], {
      stdin: manifest(2),
    });
    expect([created.code, created.stdout, created.stderr]).toEqual([
      0,
      "deployment.apps/ssa serverside-applied\n",
      "",
    ]);
    const again = await lab.kubectl(["apply", "--server-side", "-f", "-"], { stdin: manifest(2) });
    expect(again.stdout).toBe("deployment.apps/ssa serverside-applied\n");
    await lab.kubectl(["apply", "--server-side", "-f", "-"], { stdin: manifest(3) });
    const d = await state("/apis/apps/v1/namespaces/default/deployments/ssa");
    expect(d.spec.replicas).toBe(3);
    const applier = d.metadata.managedFields.find((m: Json) => m.operation === "Apply");
    expect(applier).toMatchObject({ manager: "kubectl", apiVersion: "apps/v1" });
    expect(applier.fieldsV1["f:spec"]["f:replicas"]).toEqual({});
    // kubectl hides managedFields unless asked.
    const yaml = await lab.kubectl(["get", "deployment", "ssa", "-o", "yaml"]);
    expect(yaml.stdout).not.toContain("managedFields");
    const shown = await lab.kubectl([
      "get",
      "deployment",
      "ssa",
      "-o",
      "yaml",
      "--show-managed-fields",
    ]);
    expect(shown.stdout).toContain("manager: kubectl\n    operation: Apply");
  });

  it("a field another manager set conflicts, and --force-conflicts takes it over", async () => {
    const made = await lab.kubectl(["create", "deployment", "other", "--image=nginx:1.25"]);
    expect(made.code).toBe(0);
    const path = "/apis/apps/v1/namespaces/default/deployments/other";
    const managers = (await state(path)).metadata.managedFields.map((m: Json) => [
      m.manager,
      m.operation,
      m.subresource ?? "",
    ]);
    // The deployment controller's status write is recorded too, under the status subresource.
    expect(managers).toEqual(
      expect.arrayContaining([
        ["kubectl-create", "Update", ""],
        ["kube-controller-manager", "Update", "status"],
      ]),
    );
    const clash = await lab.kubectl(["apply", "--server-side", "-f", "-"], {
      stdin: manifest(3, "other"),
    });
    expect(clash.code).toBe(1);
    expect(clash.stderr).toMatch(
      /^error: Apply failed with 1 conflict: conflict with "kubectl-create" using apps\/v1: \.spec\.replicas\nPlease review the fields above--they currently have other managers\./,
    );
    expect((await state(path)).spec.replicas).toBe(1);
    const forced = await lab.kubectl(["apply", "--server-side", "--force-conflicts", "-f", "-"], {
      stdin: manifest(3, "other"),
    });
    expect([forced.code, forced.stdout]).toEqual([0, "deployment.apps/other serverside-applied\n"]);
    expect((await state(path)).spec.replicas).toBe(3);
  });

  it("the web terminal prints the same conflict as the real kubectl", async () => {
    const made = await runTerminalCommand(
      lab.sandboxId,
      "kubectl create deployment third --image=nginx:1.25",
    );
    expect(made.exitCode).toBe(0);
    const real = await lab.kubectl(["apply", "--server-side", "-f", "-"], {
      stdin: manifest(3, "third"),
    });
    const terminal = await runTerminalCommand(
      lab.sandboxId,
      "kubectl apply --server-side -f -",
      {},
      undefined,
      { stdin: manifest(3, "third") },
    );
    expect([terminal.exitCode, terminal.stdout, terminal.stderr]).toEqual([
      real.code,
      real.stdout,
      real.stderr,
    ]);
  });
});
