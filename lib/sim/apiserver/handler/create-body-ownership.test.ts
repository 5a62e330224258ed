// A create never changes the body it is handed (the in-process client hands over its object
// without a copy, and the audit log keeps it as the requestObject): deep-frozen bodies are
// created as usual, with the same stored result as an unfrozen copy.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock";
import { ADMIN_USER, createSandbox, defaultBootstrap, handle } from "../../engine";
import { getObject } from "../../controllers/shared/cache";

const T0 = Date.UTC(2026, 3, 1, 8, 0, 0);

function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

const BODIES: [string, string, string, Record<string, unknown>][] = [
  [
    "/api/v1/namespaces/default/events",
    "events",
    "w.1",
    {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name: "w.1", namespace: "default" },
      involvedObject: { apiVersion: "v1", kind: "Pod", name: "w", namespace: "default" },
      reason: "Pulled",
      message: "pulled",
      source: { component: "kubelet", host: "worker1" },
      count: 1,
      type: "Normal",
    },
  ],
  [
    "/api/v1/namespaces/default/configmaps",
    "configmaps",
    "c",
    { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { k: "v" } },
  ],
  [
    "/api/v1/namespaces/default/pods",
    "pods",
    "p",
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", labels: { app: "p" } },
      spec: { containers: [{ name: "c", image: "nginx:1.25" }] },
    },
  ],
  [
    "/api/v1/namespaces/default/services",
    "services",
    "s",
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "s" },
      spec: { selector: { app: "p" }, ports: [{ port: 80 }] },
    },
  ],
];

describe("a create's body is the caller's, never changed", () => {
  it.each(BODIES)("POST %s with a deep-frozen body", (path, resource, name, body) => {
    const state = createSandbox({ seed: "frozen", now: T0, bootstrap: defaultBootstrap() }).state;
    const send = (b: unknown) =>
      handle(
        state,
        { method: "POST", path, user: ADMIN_USER, body: b, inProcess: true },
        fixedClock(T0),
      );
    const before = JSON.stringify(body);
    const frozen = send(deepFreeze(structuredClone(body)));
    expect(frozen.response.code).toBe(201);
    const plain = send(structuredClone(body));
    expect(JSON.stringify(getObject(frozen.state, "", resource, "default", name))).toBe(
      JSON.stringify(getObject(plain.state, "", resource, "default", name)),
    );
    expect(JSON.stringify(body)).toBe(before);
  });
});
