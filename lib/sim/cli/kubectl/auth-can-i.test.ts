import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

describe("kubectl auth can-i", () => {
  let run: ReturnType<typeof labTerminal>["run"];
  beforeAll(() => {
    run = labTerminal("can-i").run;
  });

  it("the admin may do anything", async () => {
    expect(await run("kubectl auth can-i create pods")).toEqual({
      stdout: "yes\n",
      stderr: "",
      exitCode: 0,
    });
    expect((await run("kubectl auth can-i get /healthz")).stdout).toBe("yes\n");
  });

  it("--as asks RBAC for another user: a service account gets no by default, then yes after a binding", async () => {
    const as = "--as=system:serviceaccount:default:default";
    expect(await run(`kubectl auth can-i list pods ${as}`)).toEqual({
      stdout: "no\n",
      stderr: "",
      exitCode: 1,
    });
    const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-pods
subjects:
- kind: ServiceAccount
  name: default
  namespace: default
roleRef:
  kind: Role
  name: pod-reader
  apiGroup: rbac.authorization.k8s.io
`;
    expect((await run(`echo '${role}' | kubectl apply -f -`)).stdout).toBe(
      "role.rbac.authorization.k8s.io/pod-reader created\nrolebinding.rbac.authorization.k8s.io/read-pods created\n",
    );
    expect((await run(`kubectl auth can-i list pods ${as}`)).stdout).toBe("yes\n");
    expect((await run(`kubectl auth can-i delete pods ${as}`)).stdout).toBe("no\n");
    expect((await run(`kubectl auth can-i list pods -n kube-system ${as}`)).stdout).toBe("no\n");
  });
});
