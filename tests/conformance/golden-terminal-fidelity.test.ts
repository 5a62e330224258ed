// Golden tests for the terminal's kubectl fidelity fixes (issue 5): the REAL kubectl
// against the sandbox's REST face and the web terminal's emulated kubectl, on the same
// sandbox, must print the same text - ignoring only AGE-like durations.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runTerminalCommand } from "@/lib/terminal/run-command";
import { kubectlBinaries, seedLab, startLab, type Lab } from "./harness";

const binaries = kubectlBinaries();
if (binaries.length === 0) console.warn("conformance: no kubectl binary found on PATH; skipping");

/** Durations as kubectl prints ages: 5s, 3m2s, 47m, 5h12m, 3d, 2y31d. */
const DURATION = /(?<![\w.-])(\d+[smhdy])+(?![\w.-])/g;
const normalize = (text: string) => text.replace(DURATION, "<age>").replace(/ +/g, " ");

const GOLDEN: string[] = [
  // kubectl events: Kind/name, Go's sort.Sort order by time (13, 40 and 50+ rows).
  "events",
  "events -n kube-system",
  "events -A",
  "events --for deployment/web",
  "events --for pod",
  "events --types=Warning",
  "events --types=Bogus",
  "events -o yaml --for deployment/web",
  "events -o json --for deployment/web",
  // logs TYPE/NAME: the first pod as AttachablePodForObject picks it.
  "logs deploy/web",
  "logs deployment/web --tail=1",
  "logs svc/web",
  "logs rs/nope",
  // Lists as yaml/json: items carry apiVersion/kind.
  "get pods -l app=web -o yaml",
  "get nodes -o json",
  "get deploy -o jsonpath={.items[*].kind}",
  // A pod template's ObjectMeta leaves the server with creationTimestamp: null (a Go struct's
  // zero metav1.Time); kubectl's jsonpath and custom-columns print that null their own way.
  "get deploy web -o jsonpath={.spec.template.metadata}",
  "get deploy web -o jsonpath={.spec.template.metadata.creationTimestamp}",
  "get deploy web -o jsonpath={.spec.template.metadata.creationTimestamp}{.spec.replicas}",
  "get deploy web -o jsonpath={.items[*].spec.template.metadata.creationTimestamp}",
  "get deploy -o jsonpath={.items[*].spec.template.metadata.creationTimestamp}",
  "get deploy web -o jsonpath={.spec.template.spec.containers}",
  "get deploy web -o jsonpath={.spec.template.spec.containers[0].resources}",
  "get deploy web -o jsonpath={.status.conditions[0]}",
  "get deploy web -o jsonpath-as-json={.spec.replicas}",
  "get deploy web -o jsonpath-as-json={.metadata.labels}{.spec.template.metadata}",
  "get deploy -o jsonpath-as-json={.items[*].metadata.name}",
  "get deploy -o jsonpath-as-json={range.items[*]}{.metadata.name}{.spec.replicas}{end}",
  "get deploy -o jsonpath-as-json={.items[*].nothing}",
  "get deploy web -o custom-columns=L:.metadata.labels,C:.spec.template.spec.containers[*].name",
  "get deploy web -o jsonpath={.metadata.managedFields[0].manager}",
  "get deploy web -o jsonpath={.metadata.annotations}",
  "get deploy web -o jsonpath={..image}",
  "get deploy web -o jsonpath={.status}",
  "get svc -o jsonpath={.items[*].spec.ports}",
  "get pods -l app=web -o jsonpath={.items[*].status.containerStatuses[*].ready}",
  "get pods -l app=web -o jsonpath={.items[0].status.containerStatuses[0].state}",
  "get pods -l app=web -o custom-columns=S:.status.containerStatuses[*].state,R:.status.containerStatuses[0].restartCount",
  "get pods -l app=web --sort-by=.metadata.name -o custom-columns=N:.spec.nodeName,T:.spec.tolerations",
  "get nodes -o custom-columns=N:.metadata.name,C:.status.capacity,T:.spec.taints",
  "get nodes -o jsonpath={.items[0].status.nodeInfo}",
  "get deploy web -o jsonpath={.spec.template.spec.containers[0].nope}",
  "get deploy web -o jsonpath={.nope.deeper}",
  "get deploy web -o custom-columns=N:.nope",
  "get deploy web -o jsonpath={.spec.replicas",
  "get deploy web -o jsonpath={.spec.template.spec.containers[5]}",
  "get deploy -o jsonpath={.items[3]}",
  "get deploy web -o jsonpath=.spec.replicas",
  "get deploy web -o custom-columns=N:.spec.template.spec.containers[5].name",
  "get deploy web -o jsonpath={.spec.template.spec.containers[0:5].name}",
  "get deploy web -o jsonpath={.metadata.name[0]}",
  "get deploy web -o jsonpath={.spec.template.spec.containers[-1].name}",
  "get deploy web -o jsonpath={.spec.template.spec.containers[0:1].name}",
  "get deploy web -o jsonpath={.metadata.labels.app}{.metadata.generation}",
  "get deploy web -o custom-columns=S:.spec.selector,R:.spec.strategy",
  "get deploy web -o custom-columns=C:.spec.template.spec.containers",
  "get deploy web -o custom-columns=P:.spec.progressDeadlineSeconds,A:.status.conditions[*].status",
  "get statefulset db -o jsonpath={.spec.volumeClaimTemplates[0].metadata}",
  "get deploy web -o custom-columns=NAME:.metadata.name,TS:.spec.template.metadata.creationTimestamp",
  // auth whoami (SelfSubjectReview, authentication.k8s.io/v1).
  "auth whoami",
  "auth whoami -o yaml",
  "auth whoami -o json",
  "auth whoami --as=jane",
  // api-resources -o wide: VERBS as a comma-separated list.
  "api-resources -o wide",
  "api-resources -o wide --api-group=apps",
  // One version constant: the cluster's v1.28.0 on the server, kubectl's own build info.
  "version -o json",
  "version -o yaml",
  "version",
  // componentstatuses (deprecated in v1.19+, still served by 1.28).
  "get componentstatuses",
  "get cs",
  "get cs etcd-0",
  "get cs etcd-0 nope",
  "get cs scheduler -o yaml",
  // describe of the storage and set kinds the API server serves.
  "describe statefulset db",
  "describe pv data",
  "describe pvc claim",
  "describe ingress site",
  "describe ingress bare",
  "describe pdb web-budget",
  "describe pdb pct-budget",
  // A second create of the same name: each generator words the server's error as kubectl does.
  "create deployment web --image=nginx",
  "create configmap cfg --from-literal=a=b",
  "create secret generic sec --from-literal=a=b",
  "create serviceaccount robot",
  "create quota qt --hard=pods=50",
  "create service clusterip web --tcp=80:80",
  "create role rl --verb=get --resource=pods",
  "create namespace default",
  // create poddisruptionbudget: kubectl's checks, then the generated object.
  "create pdb web-pdb --selector=app=web --min-available=1 --dry-run=client -o yaml",
  "create pdb web-pdb --selector=app=web,!legacy,tier --max-unavailable=50% --dry-run=client -o yaml",
  "create pdb bad --min-available=1",
  "create pdb bad --selector=app=web",
  "create pdb bad --selector=app=web --min-available=1 --max-unavailable=1",
  "create pdb bad --selector=app=web --min-available=1Gi",
  // Global flags before a generator.
  "-n kube-system create configmap gflag --from-literal=a=b --dry-run=client -o yaml",
];

const MANIFESTS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
      - name: pg
        image: postgres:16
        ports:
        - containerPort: 5432
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: data
  labels:
    type: local
spec:
  capacity:
    storage: 2Gi
  accessModes: ["ReadWriteOnce"]
  persistentVolumeReclaimPolicy: Retain
  hostPath:
    path: /mnt/data
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: claim
spec:
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: site
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  ingressClassName: nginx
  tls:
  - hosts: [shop.example.com]
    secretName: shop-tls
  - hosts: [sni.example.com]
  defaultBackend:
    service:
      name: web
      port:
        number: 80
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
      - path: /api
        pathType: Prefix
        backend:
          service:
            name: missing
            port:
              name: http
  - http:
      paths:
      - path: /static
        pathType: ImplementationSpecific
        backend:
          service:
            name: web
            port:
              number: 80
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web-budget
spec:
  minAvailable: 1
  selector:
    matchLabels:
      app: web
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: pct-budget
spec:
  maxUnavailable: 50%
  selector:
    matchExpressions:
    - key: app
      operator: In
      values: [db]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: bare
spec:
  defaultBackend:
    service:
      name: web
      port:
        number: 80
`;

describe.skipIf(binaries.length === 0)("golden: terminal fidelity fixes", () => {
  let lab: Lab;
  const terminal = (command: string) => runTerminalCommand(lab.sandboxId, `kubectl ${command}`);
  beforeAll(async () => {
    lab = await startLab();
    await seedLab(
      lab,
      [
        "create deployment web --image=nginx:1.25 --replicas=2",
        "expose deployment web --port=80",
        "create configmap cfg --from-literal=a=b",
        "create secret generic sec --from-literal=a=b",
        "create serviceaccount robot",
        "create quota qt --hard=pods=50",
        "create role rl --verb=get --resource=pods",
      ],
      MANIFESTS,
    );
    await lab.kubectl(["rollout", "status", "deployment/web", "--timeout=30s"], {
      timeoutMs: 40_000,
    });
  }, 90_000);
  afterAll(async () => {
    await lab?.close();
  });

  it.each(GOLDEN)("kubectl %s", async (command) => {
    const real = await lab.kubectl(command.split(" "));
    const emulated = await terminal(command);
    expect({
      code: emulated.exitCode,
      stdout: normalize(emulated.stdout),
      stderr: normalize(emulated.stderr),
    }).toEqual({ code: real.code, stdout: normalize(real.stdout), stderr: normalize(real.stderr) });
  });
});
