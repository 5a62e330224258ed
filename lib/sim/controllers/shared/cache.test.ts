import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock";
import { ADMIN_USER, createSandbox, defaultBootstrap, handle } from "../../engine";
import type { SandboxState } from "../../state";
import { listObjects } from "./cache";

function write(state: SandboxState, path: string, body: object): SandboxState {
  const r = handle(state, { method: "POST", path, body, user: ADMIN_USER }, fixedClock(state.time));
  expect(r.response.code).toBe(201);
  return r.state;
}

const configMap = (name: string, namespace = "default") => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace },
  data: { k: "v" },
});

describe("listObjects across the states of one lineage", () => {
  it("hands a later state the same list while nothing under the prefix was written", () => {
    let state = createSandbox({
      seed: "cache",
      now: Date.UTC(2026, 0, 1),
      bootstrap: defaultBootstrap(),
    }).state;
    state = write(state, "/api/v1/namespaces/default/configmaps", configMap("a"));
    const namespaces = listObjects(state, "", "namespaces");
    const inDefault = listObjects(state, "", "configmaps", "default");
    expect(inDefault.map((c) => c.metadata.name)).toEqual(["a"]);

    // A write in another namespace: the default namespace's list and the namespaces stay.
    const later = write(
      state,
      "/api/v1/namespaces/kube-system/configmaps",
      configMap("b", "kube-system"),
    );
    expect(later.store).not.toBe(state.store);
    expect(listObjects(later, "", "namespaces")).toBe(namespaces);
    expect(listObjects(later, "", "configmaps", "default")).toBe(inDefault);
    // The list over every namespace saw the write.
    expect(listObjects(later, "", "configmaps").map((c) => c.metadata.name)).toEqual(["a", "b"]);

    // A write under the prefix: a new list with it.
    const third = write(later, "/api/v1/namespaces/default/configmaps", configMap("c"));
    expect(listObjects(third, "", "configmaps", "default").map((c) => c.metadata.name)).toEqual([
      "a",
      "c",
    ]);
    // An earlier state of the lineage still lists what it holds.
    expect(listObjects(state, "", "configmaps").map((c) => c.metadata.name)).toEqual(["a"]);
  });
});
