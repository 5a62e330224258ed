import { describe, expect, it } from "vitest";
import { validateAppsUpdate, validateDeployment, validateJob } from "./workloads";
import { deployment, text } from "./test-helpers";
import type { KubeObject } from "../object";

describe("workload validation", () => {
  it("accepts a valid deployment", () => {
    expect(validateDeployment(deployment())).toEqual([]);
  });

  it("requires a selector that matches the template labels", () => {
    expect(text(validateDeployment(deployment({ selector: undefined })))).toBe(
      "spec.selector: Required value",
    );
    expect(
      text(validateDeployment(deployment({ selector: { matchLabels: { app: "api" } } }))),
    ).toBe(
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
    expect(text(validateDeployment(deployment({ selector: {} })))).toContain(
      "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment",
    );
  });

  it("checks replicas, strategy and restart policy", () => {
    expect(text(validateDeployment(deployment({ replicas: -1 })))).toBe(
      "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
    );
    expect(
      text(
        validateDeployment(
          deployment({
            strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
          }),
        ),
      ),
    ).toBe(
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0",
    );
    const d = deployment();
    (d.spec as { template: { spec: Record<string, unknown> } }).template.spec.restartPolicy =
      "Never";
    expect(text(validateDeployment(d))).toBe(
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
    );
  });

  it("checks rolling-update bounds like ValidateRollingUpdateDeployment", () => {
    const ru = (rollingUpdate: Record<string, unknown>) =>
      text(validateDeployment(deployment({ strategy: { type: "RollingUpdate", rollingUpdate } })));
    expect(ru({ maxUnavailable: "120%" })).toBe(
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 120%: must not be greater than 100%",
    );
    expect(ru({ maxSurge: "200%" })).toBe("");
    expect(ru({ maxSurge: "lots" })).toBe(
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: lots: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    );
    expect(ru({ maxUnavailable: "0%", maxSurge: 0 })).toBe(
      "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0%: may not be 0 when `maxSurge` is 0",
    );
  });

  it("keeps the selector immutable on update", () => {
    const next = deployment({ selector: { matchLabels: { app: "web2" } } });
    expect(text(validateAppsUpdate(next, deployment()))).toBe(
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    expect(validateAppsUpdate(deployment({ replicas: 5 }), deployment())).toEqual([]);
  });

  it("jobs need OnFailure or Never", () => {
    const job: KubeObject = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "pi", namespace: "default" },
      spec: {
        template: {
          spec: { containers: [{ name: "pi", image: "perl" }], restartPolicy: "Always" },
        },
      },
    };
    expect(text(validateJob(job))).toBe(
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    );
  });
});
