import { beforeAll, describe, expect, it, vi } from "vitest";
import { labTerminal } from "../../testing";
import { smartLabel } from "./generic";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

// Texts as kubectl 1.28 prints them against a sandbox (captured from the real
// binary through the REST face; only names, IPs, ages and times differ).
describe("kubectl describe", () => {
  let t: ReturnType<typeof labTerminal>;
  beforeAll(async () => {
    t = labTerminal("describe");
    await t.run("kubectl create deployment web --image=nginx:1.25 --replicas=2");
    await t.run("kubectl create configmap cfg --from-literal=a=1 --from-literal=b=two");
    await t.run("kubectl create secret generic sec --from-literal=pw=abc");
    await t.run("kubectl create serviceaccount bot");
    t.env.advance(5000);
  });

  it("configmap: data blocks and the Events line", async () => {
    expect((await t.run("kubectl describe cm cfg")).stdout).toBe(
      "Name:         cfg\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\na:\n----\n1\nb:\n----\ntwo\n\nBinaryData\n====\n\nEvents:  <none>\n",
    );
  });

  it("secret: sizes only, no events", async () => {
    expect((await t.run("kubectl describe secret sec")).stdout).toBe(
      "Name:         sec\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\npw:  3 bytes\n",
    );
  });

  it("serviceaccount and service", async () => {
    expect((await t.run("kubectl describe sa bot")).stdout).toBe(
      "Name:                bot\nNamespace:           default\nLabels:              <none>\nAnnotations:         <none>\nImage pull secrets:  <none>\nMountable secrets:   <none>\nTokens:              <none>\nEvents:              <none>\n",
    );
    // The engine's service defaults decide whether the IP family lines are set.
    expect((await t.run("kubectl describe svc kubernetes")).stdout).toMatch(
      /^Name:              kubernetes\nNamespace:         default\nLabels:            component=apiserver\n                   provider=kubernetes\nAnnotations:       <none>\nSelector:          <none>\nType:              ClusterIP\n(IP Family Policy:  SingleStack\nIP Families:       IPv4\n|IP Families:       <none>\n)IP:                10\.96\.0\.1\nIPs:               (10\.96\.0\.1|<none>)\nPort:              https  443\/TCP\nTargetPort:        6443\/TCP\nEndpoints:         192\.168\.56\.10:6443\nSession Affinity:  None\nEvents:            <none>\n$/,
    );
  });

  it("deployment: template, conditions, replica sets and events", async () => {
    const out = (await t.run("kubectl describe deployment web")).stdout;
    expect(out).toMatch(
      /^Name:                   web\nNamespace:              default\nCreationTimestamp:      \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000\nLabels:                 app=web\nAnnotations:            (<none>|deployment\.kubernetes\.io\/revision: 1)\nSelector:               app=web\nReplicas:               2 desired \| 2 updated \| 2 total \| 2 available \| 0 unavailable\nStrategyType:           RollingUpdate\nMinReadySeconds:        0\nRollingUpdateStrategy:  25% max unavailable, 25% max surge\nPod Template:\n  Labels:  app=web\n  Containers:\n   nginx:\n    Image:        nginx:1.25\n    Port:         <none>\n    Host Port:    <none>\n    Environment:  <none>\n    Mounts:       <none>\n  Volumes:        <none>\nConditions:\n  Type           Status  Reason\n  ----           ------  ------\n  Available      True    MinimumReplicasAvailable\n  Progressing    True    NewReplicaSetAvailable\nOldReplicaSets:  <none>\nNewReplicaSet:   web-\w+ \(2\/2 replicas created\)\nEvents:\n  Type    Reason             Age   From                   Message\n  ----    ------             ----  ----                   -------\n  Normal  ScalingReplicaSet  5s    deployment-controller  Scaled up replica set web-\w+ to 2\n$/,
    );
  });

  it("pod: containers, conditions with kubectl's trailing spaces, volumes, tolerations", async () => {
    const out = (await t.run("kubectl describe pods -l app=web")).stdout;
    expect(out.split("\n\n\nName:")).toHaveLength(2);
    expect(out).toContain(
      "Conditions:\n  Type              Status\n  Initialized       True \n  Ready             True \n  ContainersReady   True \n  PodScheduled      True \n",
    );
    expect(out).toContain(
      "QoS Class:                   BestEffort\nNode-Selectors:              <none>\nTolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n",
    );
    expect(out).toMatch(
      /IPs:\n  IP:           10\.244\.\d+\.\d+\nControlled By:  ReplicaSet\/web-\w+\n/,
    );
  });

  it("node: lease, conditions table and allocated resources", async () => {
    const out = (await t.run("kubectl describe node master1")).stdout;
    expect(out).toMatch(/^Name:               master1\nRoles:              control-plane\n/);
    expect(out).toContain(
      "Taints:             node-role.kubernetes.io/control-plane:NoSchedule\nUnschedulable:      false\nLease:\n  HolderIdentity:  master1\n",
    );
    expect(out).toMatch(
      /Allocated resources:\n  \(Total limits may be over 100 percent, i\.e\., overcommitted\.\)\n  Resource           Requests    Limits\n  --------           --------    ------\n  cpu                650m \(32%\)  0 \(0%\)\n  memory             100Mi \(2%\)  0 \(0%\)\n  ephemeral-storage  0 \(0%\)      0 \(0%\)\n  hugepages-1Gi      0 \(0%\)      0 \(0%\)\n  hugepages-2Mi      0 \(0%\)      0 \(0%\)\nEvents:              <none>\n$/,
    );
  });

  it("clusterrole rules are broken down, compacted and sorted like kubectl", async () => {
    const out = (await t.run("kubectl describe clusterrole view")).stdout;
    expect(out).toContain(
      "  namespaces/status                            []                 []              [get list watch]\n  namespaces                                   []                 []              [get list watch]\n",
    );
    expect(out).toContain("  controllerrevisions.apps                     []");
  });

  it("generic describer for a Lease; smart labels", async () => {
    const out = (await t.run("kubectl describe lease -n kube-system kube-scheduler")).stdout;
    expect(out).toMatch(
      /\nAPI Version:  coordination\.k8s\.io\/v1\nKind:         Lease\nMetadata:\n  Creation Timestamp:  /,
    );
    expect(out).toContain("\nSpec:\n  Acquire Time:            ");
    expect(out).toContain("  Lease Duration Seconds:  15\n");
    expect(smartLabel("holderIdentity")).toBe("Holder Identity");
    expect(smartLabel("uid")).toBe("UID");
    expect(smartLabel("HTMLParser")).toBe("HTML Parser");
  });

  it("a mirror pod's events are searched by the static pod's uid, as kubectl does", async () => {
    // kubectl 1.28 searches a mirror pod's events by its config.mirror hash; the kubelet's
    // events about a static pod carry that hash as uid, so describe lists them.
    expect((await t.run("kubectl describe pod -n kube-system etcd-master1")).stdout).toMatch(
      /\nTolerations:       :NoExecute op=Exists\nEvents:\n  Type    Reason   Age   From     Message\n/,
    );
  });

  it("errors, prefixes and empty lists as kubectl prints them", async () => {
    expect(await t.run("kubectl describe pod nope")).toMatchObject({
      stdout: "",
      stderr: 'Error from server (NotFound): pods "nope" not found\n',
      exitCode: 1,
    });
    expect((await t.run("kubectl describe nope")).stderr).toBe(
      'error: the server doesn\'t have a resource type "nope"\n',
    );
    expect((await t.run("kubectl describe cm cf")).stdout).toMatch(/^Name:         cfg\n/);
    expect((await t.run("kubectl describe jobs")).stderr).toBe(
      "No resources found in default namespace.\n",
    );
  });
});
