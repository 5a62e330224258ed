import { describe, expect, it } from "vitest";
import type { KubeObject } from "../object";
import { applyDefaults, generateJobSelector } from "./defaults";
import { imageTag } from "./image";

const POD = { group: "", kind: "Pod" };

describe("defaulting (1.28)", () => {
  it("fills pod and container defaults without touching the input", () => {
    const pod: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace: "default" },
      spec: {
        containers: [
          { name: "a", image: "nginx", ports: [{ containerPort: 80 }] },
          { name: "b", image: "nginx:1.25", resources: { limits: { cpu: "500m" } } },
          { name: "c", image: "registry.local:5000/app@sha256:abc" },
        ],
      },
    };
    const out = applyDefaults(pod, POD);
    expect(pod.spec).not.toHaveProperty("dnsPolicy");
    expect(out.spec).toMatchObject({
      dnsPolicy: "ClusterFirst",
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      schedulerName: "default-scheduler",
      securityContext: {},
      enableServiceLinks: true,
    });
    const cs = (out.spec as { containers: Record<string, unknown>[] }).containers;
    expect(cs[0]).toEqual({
      name: "a",
      image: "nginx",
      ports: [{ containerPort: 80, protocol: "TCP" }],
      imagePullPolicy: "Always",
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      resources: {},
    });
    expect(cs[1]?.imagePullPolicy).toBe("IfNotPresent");
    expect(cs[1]?.resources).toEqual({ limits: { cpu: "500m" }, requests: { cpu: "500m" } });
    expect(cs[2]?.imagePullPolicy).toBe("IfNotPresent");
  });

  it("parses image tags like ParseImageName", () => {
    expect(imageTag("nginx")).toBe("latest");
    expect(imageTag("nginx:latest")).toBe("latest");
    expect(imageTag("localhost:5000/nginx")).toBe("latest");
    expect(imageTag("localhost:5000/nginx:1.2")).toBe("1.2");
    expect(imageTag("nginx@sha256:abc")).toBe("");
  });

  it("deployment: replicas, strategy, history, deadline, template", () => {
    const d: KubeObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default" },
      spec: {
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "a", image: "nginx:1" }] },
        },
      },
    };
    const out = applyDefaults(d, { group: "apps", kind: "Deployment" }).spec as Record<
      string,
      unknown
    >;
    expect(out).toMatchObject({
      replicas: 1,
      strategy: {
        type: "RollingUpdate",
        rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" },
      },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: { spec: { restartPolicy: "Always", dnsPolicy: "ClusterFirst" } },
    });
    // enableServiceLinks is a pod-only default
    expect(
      (out.template as { spec: Record<string, unknown> }).spec.enableServiceLinks,
    ).toBeUndefined();
  });

  it("service: ClusterIP, None affinity, TCP and targetPort = port", () => {
    const svc: KubeObject = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s", namespace: "default" },
      spec: { ports: [{ port: 80 }, { port: 443, targetPort: 8443 }] },
    };
    expect(applyDefaults(svc, { group: "", kind: "Service" }).spec).toEqual({
      type: "ClusterIP",
      sessionAffinity: "None",
      ipFamilyPolicy: "SingleStack",
      ipFamilies: ["IPv4"],
      internalTrafficPolicy: "Cluster",
      ports: [
        { port: 80, protocol: "TCP", targetPort: 80 },
        { port: 443, targetPort: 8443, protocol: "TCP" },
      ],
    });
  });

  it("namespace label, job counts and generated selector", () => {
    const ns = applyDefaults(
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } },
      { group: "", kind: "Namespace" },
    );
    expect(ns.metadata.labels).toEqual({ "kubernetes.io/metadata.name": "dev" });
    expect(ns.spec).toEqual({ finalizers: ["kubernetes"] });
    const job: KubeObject = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: { name: "pi", namespace: "default" },
      spec: {
        template: { spec: { containers: [{ name: "pi", image: "perl" }], restartPolicy: "Never" } },
      },
    };
    const dj = applyDefaults(job, { group: "batch", kind: "Job" });
    expect(dj.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
    });
    const withSel = generateJobSelector(dj, "uid-1");
    expect((withSel.spec as { selector: unknown }).selector).toEqual({
      matchLabels: { "batch.kubernetes.io/controller-uid": "uid-1" },
    });
    expect(
      (withSel.spec as { template: { metadata: { labels: unknown } } }).template.metadata.labels,
    ).toEqual({
      "batch.kubernetes.io/controller-uid": "uid-1",
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": "uid-1",
      "job-name": "pi",
    });
  });

  it("limit range items get default and defaultRequest", () => {
    const lr: KubeObject = {
      apiVersion: "v1",
      kind: "LimitRange",
      metadata: { name: "l", namespace: "d" },
      spec: { limits: [{ type: "Container", max: { cpu: "1" }, min: { memory: "64Mi" } }] },
    };
    expect(applyDefaults(lr, { group: "", kind: "LimitRange" }).spec).toEqual({
      limits: [
        {
          type: "Container",
          max: { cpu: "1" },
          min: { memory: "64Mi" },
          default: { cpu: "1" },
          defaultRequest: { cpu: "1", memory: "64Mi" },
        },
      ],
    });
  });
});
