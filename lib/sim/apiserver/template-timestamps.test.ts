import { describe, expect, it } from "vitest";
import { listWithTemplateTimestamps, withTemplateTimestamps } from "./template-timestamps";

const podTemplate = (metadata?: object) => ({
  ...(metadata ? { metadata } : {}),
  spec: { containers: [{ name: "c", image: "nginx" }] },
});

describe("withTemplateTimestamps: nested ObjectMetas as kube-apiserver writes them", () => {
  it("adds creationTimestamp: null to the pod template of every built-in workload kind", () => {
    for (const [apiVersion, kind] of [
      ["apps/v1", "Deployment"],
      ["apps/v1", "ReplicaSet"],
      ["apps/v1", "StatefulSet"],
      ["apps/v1", "DaemonSet"],
      ["batch/v1", "Job"],
      ["v1", "ReplicationController"],
    ]) {
      const obj = {
        apiVersion,
        kind,
        metadata: { name: "w", creationTimestamp: "2026-11-28T05:00:00Z" },
        spec: { template: podTemplate({ labels: { app: "w" } }) },
      };
      const out = withTemplateTimestamps(obj);
      expect(out.spec.template.metadata, kind).toEqual({
        creationTimestamp: null,
        labels: { app: "w" },
      });
      // The engine's object (a shared, read-only decode) is not changed.
      expect(obj.spec.template.metadata).toEqual({ labels: { app: "w" } });
      expect(out.metadata).toBe(obj.metadata);
    }
  });

  it("writes a template without metadata as metadata: {creationTimestamp: null}", () => {
    const out = withTemplateTimestamps({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "w" },
      spec: { template: podTemplate() },
    });
    expect(out.spec.template).toEqual({ metadata: { creationTimestamp: null }, ...podTemplate() });
  });

  it("fills a CronJob's job template and its pod template, a StatefulSet's claim templates", () => {
    const cron = withTemplateTimestamps({
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "c" },
      spec: { schedule: "* * * * *", jobTemplate: { spec: { template: podTemplate() } } },
    });
    expect(cron.spec.jobTemplate).toEqual({
      metadata: { creationTimestamp: null },
      spec: { template: { metadata: { creationTimestamp: null }, ...podTemplate() } },
    });
    const sts = withTemplateTimestamps({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db" },
      spec: {
        template: podTemplate({ labels: { app: "db" } }),
        volumeClaimTemplates: [{ metadata: { name: "data" }, spec: {} }],
      },
    });
    expect(sts.spec.volumeClaimTemplates).toEqual([
      { metadata: { creationTimestamp: null, name: "data" }, spec: {} },
    ]);
    const pt = withTemplateTimestamps({
      apiVersion: "v1",
      kind: "PodTemplate",
      metadata: { name: "p" },
      template: podTemplate(),
    });
    expect(pt.template.metadata).toEqual({ creationTimestamp: null });
  });

  it("keeps a set timestamp, and returns objects with nothing to add as they are", () => {
    const set = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "w" },
      spec: { template: podTemplate({ creationTimestamp: null, labels: { a: "b" } }) },
    };
    expect(withTemplateTimestamps(set)).toBe(set);
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: {} };
    expect(withTemplateTimestamps(pod)).toBe(pod);
  });

  it("adds nothing to a custom resource (unstructured on the server), even one named Deployment", () => {
    const cr = {
      apiVersion: "example.com/v1",
      kind: "Deployment",
      metadata: { name: "x" },
      spec: { template: podTemplate() },
    };
    expect(withTemplateTimestamps(cr)).toBe(cr);
  });

  it("fills every item of a list, and leaves a list with nothing to add as it is", () => {
    const list = {
      apiVersion: "apps/v1",
      kind: "DeploymentList",
      metadata: { resourceVersion: "5" },
      items: [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: "a" },
          spec: { template: podTemplate() },
        },
      ],
    };
    const out = listWithTemplateTimestamps(list);
    expect(out.items[0]!.spec.template).toEqual({
      metadata: { creationTimestamp: null },
      ...podTemplate(),
    });
    // Items without TypeMeta (as kube-apiserver's lists carry them): the list's kind.
    const bare = listWithTemplateTimestamps({
      ...list,
      items: [{ metadata: { name: "b" }, spec: { template: podTemplate() } }],
    });
    expect(bare.items[0]!.spec.template.metadata).toEqual({ creationTimestamp: null });
    const pods = { kind: "PodList", apiVersion: "v1", metadata: {}, items: [] };
    expect(listWithTemplateTimestamps(pods)).toBe(pods);
  });
});
