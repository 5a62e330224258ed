// The editor's schema judged by a JSON Schema validator (ajv, draft-07 as monaco-yaml
// reads it): what the simulator's API server or kubeadm rejects is flagged, what they
// accept is not.
import Ajv from "ajv";
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { buildEditorSchema } from "./editor-schema";

const validate = new Ajv({ allErrors: true }).compile(buildEditorSchema());

function errors(yamlText: string): string[] {
  return parseAllDocuments(yamlText).flatMap((doc) => {
    if (validate(doc.toJS())) return [];
    return (validate.errors ?? [])
      .filter((e) => e.keyword !== "if")
      .map(
        (e) =>
          `${e.dataPath} ${e.message}${"additionalProperty" in e.params ? ` ${(e.params as { additionalProperty: string }).additionalProperty}` : ""}`,
      );
  });
}

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web}
spec:
  nodeSelector: {disk: ssd}
  containers:
  - name: nginx
    image: nginx:1.25
    resources: {requests: {cpu: 100m}}
    securityContext: {runAsUser: 1000, anything: goes}
`;

describe("editor schema: Kubernetes manifests", () => {
  it("accepts a valid Pod and Deployment in one file", () => {
    const deploy = `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`;
    expect(errors(pod + deploy)).toEqual([]);
  });

  it("flags an unknown field where strict decoding would", () => {
    expect(errors(pod.replace("    image: nginx:1.25", "    imagee: nginx:1.25"))).toEqual([
      ".spec.containers[0] should NOT have additional properties imagee",
    ]);
    // Same field names under the wrong kind are not accepted either.
    expect(errors("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\nspec: {}\n")).toEqual([
      " should NOT have additional properties spec",
    ]);
  });

  it("describes kinds and fields for hover", () => {
    const schema = buildEditorSchema();
    const podBranch = schema.allOf!.find((b) => b.if?.properties?.kind?.const === "Pod")!;
    expect(podBranch.then!.description).toMatch(/^Pod is a collection of containers/);
    expect(podBranch.then!.properties!.metadata!.description).toMatch(/Standard object's metadata/);
    expect(schema.properties!.kind!.examples).toContain("Deployment");
    expect(schema.properties!.apiVersion!.examples).toContain("kubeadm.k8s.io/v1beta4");
  });
});

describe("editor schema: kubeadm configs", () => {
  const cluster = (apiVersion: string, extra = "") => `apiVersion: ${apiVersion}
kind: ClusterConfiguration
kubernetesVersion: v1.28.0
controlPlaneEndpoint: "lb.example.com:6443"
networking: {podSubnet: 10.244.0.0/16, serviceSubnet: 10.96.0.0/12}
etcd:
  external:
    endpoints: [https://10.0.0.11:2379]
${extra}`;

  it("accepts v1beta3 extraArgs as a map and v1beta4 as a name/value list", () => {
    expect(
      errors(
        cluster("kubeadm.k8s.io/v1beta3", 'apiServer:\n  extraArgs: {audit-log-maxage: "30"}\n'),
      ),
    ).toEqual([]);
    expect(
      errors(
        cluster(
          "kubeadm.k8s.io/v1beta4",
          'apiServer:\n  extraArgs: [{name: audit-log-maxage, value: "30"}]\n',
        ),
      ),
    ).toEqual([]);
    expect(
      errors(
        cluster("kubeadm.k8s.io/v1beta4", 'apiServer:\n  extraArgs: {audit-log-maxage: "30"}\n'),
      ),
    ).toEqual([".apiServer.extraArgs should be array"]);
  });

  it("flags the lesson example's metadata block and wrong JSON types", () => {
    expect(errors(cluster("kubeadm.k8s.io/v1beta3", "metadata:\n  name: ha\n"))).toEqual([
      " should NOT have additional properties metadata",
    ]);
    expect(
      errors(
        cluster("kubeadm.k8s.io/v1beta3", "apiServer:\n  extraArgs: {audit-log-maxage: 30}\n"),
      ),
    ).toEqual([".apiServer.extraArgs['audit-log-maxage'] should be string"]);
  });
});

describe("editor schema: scalar types the API server's decoder checks", () => {
  it("marks a string replicas, a string containerPort and a numeric label value", () => {
    const bad = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {tier: 1}
spec:
  replicas: "three"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports: [{containerPort: "80"}]
`;
    const found = errors(bad).join("\n");
    expect(found).toMatch(/\.spec\.replicas should be integer/);
    expect(found).toMatch(/containerPort should be integer/);
    expect(found).toMatch(
      /\.metadata\.labels\['tier'\] should be string|labels\.tier should be string/,
    );
  });

  it("accepts the same manifest with the right types", () => {
    const good = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {tier: "1"}}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: "nginx:1.25", ports: [{containerPort: 80}]}
`;
    expect(errors(good)).toEqual([]);
  });
});
