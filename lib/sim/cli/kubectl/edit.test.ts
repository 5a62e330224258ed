import { beforeAll, describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";
import type { EditSession } from "../types";
import { saveEdit } from "./edit";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

describe("kubectl edit", () => {
  let t: ReturnType<typeof labTerminal>;
  let session: EditSession;
  beforeAll(async () => {
    t = labTerminal("edit");
    await t.run("kubectl create deployment web --image=nginx --replicas=2");
    const r = await t.run("kubectl edit deploy/web");
    expect(r.exitCode).toBe(0);
    session = r.edit!;
  });

  it("opens kubectl's temp file: the comment header, then the object as YAML", () => {
    expect(session.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(session.content).toMatch(
      /^# Please edit the object below\. Lines beginning with a '#' will be ignored,\n# and an empty file will abort the edit\. If an error occurs while saving this file will be\n# reopened with the relevant failures\.\n#\napiVersion: apps\/v1\nkind: Deployment\n/,
    );
    expect(session.content).toContain("  replicas: 2\n");
    expect(session.content).not.toContain("managedFields");
    expect(session.target.objects[0]).toMatchObject({
      path: "/apis/apps/v1/namespaces/default/deployments/web",
      label: "deployment.apps/web",
      qualified: 'deployments.apps "web"',
    });
  });

  it("an unchanged or emptied file cancels", async () => {
    expect(await saveEdit(t.env, session.target, session.content, session.path)).toEqual({
      stdout: "",
      stderr: "Edit cancelled, no changes made.\n",
      exitCode: 0,
    });
    expect((await saveEdit(t.env, session.target, "# all gone\n", session.path)).stderr).toBe(
      "Edit cancelled, no changes made.\n",
    );
  });

  it("a valid change patches the object and prints '… edited'", async () => {
    const edited = session.content.replace("  replicas: 2\n", "  replicas: 3\n");
    expect(await saveEdit(t.env, session.target, edited, session.path)).toEqual({
      stdout: "deployment.apps/web edited\n",
      stderr: "",
      exitCode: 0,
    });
    expect((await t.run("kubectl get deploy web -o jsonpath={.spec.replicas}")).stdout).toBe("3");
  });

  it("an invalid change reopens the file with the reasons in its header", async () => {
    const edited = session.content.replace("  replicas: 2\n", "  replicas: -1\n");
    const r = await saveEdit(t.env, session.target, edited, session.path);
    expect(r.stderr).toBe('error: deployments.apps "web" is invalid\n');
    expect(r.exitCode).toBe(1);
    expect(r.edit?.content).toContain(
      '#\n# deployments.apps "web" was not valid:\n# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\napiVersion: apps/v1\n',
    );
    expect(r.edit?.content).toContain("  replicas: -1\n");
  });

  it("a syntax error reopens the file too", async () => {
    const r = await saveEdit(t.env, session.target, "apiVersion: [\n", session.path);
    expect(r.stderr).toMatch(
      /^error: The edited file had a syntax error: error converting YAML to JSON: yaml: /,
    );
    expect(r.edit?.content).toContain("# The edited file had a syntax error:");
  });

  it("editing several objects uses a List; unknown names fail like kubectl", async () => {
    await t.run("kubectl create configmap a --from-literal=x=1");
    await t.run("kubectl create configmap b --from-literal=x=1");
    const r = await t.run("kubectl edit cm a b");
    expect(r.edit?.target.list).toBe(true);
    expect(r.edit?.content).toContain("apiVersion: v1\nitems:\n- apiVersion: v1\n");
    const edited = r.edit!.content.replace(/x: "1"/, 'x: "2"');
    expect((await saveEdit(t.env, r.edit!.target, edited, r.edit!.path)).stdout).toBe(
      "configmap/a edited\nconfigmap/b skipped\n",
    );
    expect((await t.run("kubectl edit cm nope")).stderr).toBe(
      'Error from server (NotFound): configmaps "nope" not found\n',
    );
  });
});
