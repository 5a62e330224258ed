import { beforeAll, describe, expect, it } from "vitest";
import { setMachineRunning } from "@/lib/sim/cluster/world";
import { labTerminal } from "@/lib/sim/cli/testing";
import { resolveConnect } from "./exec-target";

const PODS = `apiVersion: v1
kind: Pod
metadata:
  name: two
spec:
  nodeName: worker1
  initContainers:
  - name: setup
    image: busybox
  containers:
  - name: a
    image: nginx
  - name: b
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: stuck
spec:
  nodeSelector:
    disk: none
  containers:
  - name: app
    image: nginx
`;

describe("where an exec goes: kube-apiserver's and kubelet's checks", () => {
  const lab = labTerminal("exec-target");
  const q = (container?: string) => new URLSearchParams(container ? { container } : {});
  beforeAll(async () => {
    await lab.run(`echo '${PODS}' | kubectl apply -f -`);
    lab.env.advance(60_000);
  });

  it("the etcd pod: its only container, on its node", () => {
    const r = resolveConnect(lab.env.current(), "exec", "kube-system", "etcd-master1", q());
    expect(r).toMatchObject({
      ok: true,
      target: { container: { name: "etcd" }, nodeName: "master1" },
    });
  });

  it("apiserver refusals: NotFound, no container named, an unknown one, no host", () => {
    const s = lab.env.current();
    expect(resolveConnect(s, "exec", "default", "nope", q())).toMatchObject({
      ok: false,
      status: { code: 404, reason: "NotFound", message: 'pods "nope" not found' },
    });
    expect(resolveConnect(s, "exec", "default", "two", q())).toMatchObject({
      status: {
        code: 400,
        message:
          "a container name must be specified for pod two, choose one of: [a b] or one of the init containers: [setup]",
      },
    });
    expect(resolveConnect(s, "exec", "default", "two", q("zz"))).toMatchObject({
      status: { code: 400, reason: "BadRequest", message: "container zz is not valid for pod two" },
    });
    expect(resolveConnect(s, "exec", "default", "stuck", q())).toMatchObject({
      status: { code: 400, message: "pod stuck does not have a host assigned" },
    });
  });

  it("kubelet refusals: an init container that is not running; a powered-off node is unreachable", () => {
    const s = lab.env.current();
    expect(resolveConnect(s, "exec", "default", "two", q("setup"))).toEqual({
      ok: false,
      kubelet: { code: 500, text: 'container not found ("setup")' },
    });
    const off = setMachineRunning(s, "worker1", false);
    const r = resolveConnect(off, "exec", "default", "two", q("a"));
    expect(r).toMatchObject({ ok: false, status: { code: 500 } });
    expect("status" in r && r.status.message).toMatch(
      /^error dialing backend: dial tcp [\d.]+:10250: i\/o timeout$/,
    );
    expect("status" in r && r.status.reason).toBeUndefined();
  });
});
