import { describe, expect, it } from "vitest";
import { findTypeError } from "./decode-types";
import { deployment, pod } from "./test-helpers";

const DEPLOY = { group: "apps", kind: "Deployment" };
const POD = { group: "", kind: "Pod" };

describe("decoder type errors", () => {
  it("accepts well-typed objects", () => {
    expect(findTypeError(deployment(), DEPLOY)).toBeUndefined();
    expect(
      findTypeError(
        pod({ containers: [{ name: "a", image: "x", ports: [{ containerPort: 80 }] }] }),
        POD,
      ),
    ).toBeUndefined();
  });

  it("names the Go struct, the JSON path and the Go type", () => {
    expect(findTypeError(deployment({ replicas: "3" }), DEPLOY)).toBe(
      "json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32",
    );
    expect(
      findTypeError(
        pod({ containers: [{ name: "a", image: "x", ports: [{ containerPort: "80" }] }] }),
        POD,
      ),
    ).toBe(
      "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32",
    );
    expect(findTypeError({ ...pod(), metadata: { name: "p", labels: { version: 2 } } }, POD)).toBe(
      "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string",
    );
    expect(findTypeError(pod({ containers: { name: "a" } }), POD)).toBe(
      "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container",
    );
    expect(findTypeError(deployment({ replicas: 1.5 }), DEPLOY)).toBe(
      "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32",
    );
    expect(findTypeError({ ...deployment(), spec: "web" }, DEPLOY)).toBe(
      "json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec",
    );
  });

  it("reports the earliest error in document order", () => {
    const d = deployment({ replicas: "2" });
    const spec = d.spec as { template: { metadata: { labels: Record<string, unknown> } } };
    spec.template.metadata.labels = { app: true };
    // replicas comes before template in this document
    expect(findTypeError(d, DEPLOY)).toMatch(/DeploymentSpec\.spec\.replicas/);
  });
});

describe("decoder type errors with hostile field names", () => {
  it("treats fields named like Object.prototype members as unknown fields", () => {
    const hostile = JSON.parse(
      '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"constructor":{"prototype":{}},"toString":1,"spec":{"hasOwnProperty":"x","containers":[]}}',
    );
    expect(findTypeError(hostile, POD)).toBeUndefined();
  });
});
