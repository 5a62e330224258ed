import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

describe("kubectl auth can-i --list", () => {
  it("lists the impersonated user's rules, compacted and sorted by verbs like kubectl", async () => {
    const { run } = labTerminal("can-i-list");
    await run("kubectl create serviceaccount bot");
    await run(
      `echo 'apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader}
rules: [{apiGroups: [""], resources: [pods], verbs: [list, get]}]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: rb}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects: [{kind: ServiceAccount, name: bot, namespace: default}]' | kubectl apply -f -`,
    );
    const r = await run("kubectl auth can-i --list --as system:serviceaccount:default:bot");
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Resources {3,}Non-Resource URLs {3,}Resource Names {3}Verbs$/);
    // [create] rules sort before [get list], which sorts before [get] (Go's PolicyRule.String()).
    const verbs = lines.slice(1).map((l) => l.slice(l.lastIndexOf("[")));
    expect(verbs.indexOf("[get list]")).toBeGreaterThan(verbs.lastIndexOf("[create]"));
    expect(verbs.indexOf("[get list]")).toBeLessThan(verbs.indexOf("[get]"));
    expect(r.stdout).toMatch(
      /\nselfsubjectrulesreviews\.authorization\.k8s\.io +\[\] +\[\] +\[create\]\n/,
    );
    expect(r.stdout).toMatch(/\npods +\[\] +\[\] +\[get list\]\n/);
    expect(r.stdout).toMatch(/\n +\[\/healthz\] +\[\] +\[get\]\n/);
    // In another namespace the Role does not apply.
    const other = await run(
      "kubectl auth can-i --list -n kube-system --as system:serviceaccount:default:bot",
    );
    expect(other.stdout).not.toMatch(/\npods /);
  });

  it("the admin may do everything", async () => {
    const { run } = labTerminal("can-i-list-admin");
    const r = await run("kubectl auth can-i --list --no-headers");
    expect(r.stdout.split("\n")[0]).toMatch(/^\*\.\* +\[\] +\[\] +\[\*\]$/);
  });
});
