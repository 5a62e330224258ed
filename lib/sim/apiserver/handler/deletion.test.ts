import { describe, expect, it } from "vitest";
import { bareState, T0 } from "./test-support";
import { bodyOf, pod, runner } from "./test-run";

const run = runner();
const PODS = "/api/v1/namespaces/default/pods";

describe("finalizers and graceful deletion", () => {
  it("deletes an unscheduled pod at once and returns the pod", () => {
    const s = run(bareState(), { method: "POST", path: PODS, body: pod("p") }).state;
    const del = run(s, { method: "DELETE", path: `${PODS}/p` });
    expect(del.response).toMatchObject({
      code: 200,
      body: { kind: "Pod", metadata: { name: "p" } },
    });
    expect(run(del.state, { method: "GET", path: `${PODS}/p` }).response.code).toBe(404);
  });

  it("marks a scheduled pod Terminating for its grace period", () => {
    const s = run(bareState(), {
      method: "POST",
      path: PODS,
      body: pod("p", {}, { nodeName: "node-1" }),
    }).state;
    const del = run(s, { method: "DELETE", path: `${PODS}/p` }, T0 + 5_000);
    expect(del.response.code).toBe(200);
    expect(bodyOf<{ metadata: object }>(del).metadata).toMatchObject({
      deletionTimestamp: "2026-01-05T09:00:35Z",
      deletionGracePeriodSeconds: 30,
    });
    // still readable while terminating
    expect(run(del.state, { method: "GET", path: `${PODS}/p` }).response.code).toBe(200);
    // a delete with gracePeriodSeconds=0 (what the kubelet sends) removes it
    const force = run(del.state, {
      method: "DELETE",
      path: `${PODS}/p`,
      query: "gracePeriodSeconds=0",
    });
    expect(force.response.code).toBe(200);
    expect(run(force.state, { method: "GET", path: `${PODS}/p` }).response.code).toBe(404);
  });

  it("keeps an object with finalizers until the last finalizer is removed", () => {
    const cm = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "f", finalizers: ["example.com/hold"] },
    };
    const s = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body: cm,
    }).state;
    const del = run(s, { method: "DELETE", path: "/api/v1/namespaces/default/configmaps/f" });
    expect(del.response.code).toBe(202);
    const marked = bodyOf<{ metadata: { deletionTimestamp?: string; resourceVersion: string } }>(
      del,
    );
    expect(marked.metadata.deletionTimestamp).toBe("2026-01-05T09:00:00Z");
    // removing the finalizer deletes it
    const release = run(del.state, {
      method: "PATCH",
      path: "/api/v1/namespaces/default/configmaps/f",
      contentType: "application/merge-patch+json",
      body: { metadata: { finalizers: null } },
    });
    expect(release.response.code).toBe(200);
    expect(
      run(release.state, { method: "GET", path: "/api/v1/namespaces/default/configmaps/f" })
        .response.code,
    ).toBe(404);
    expect(release.changes.appended.map((r) => r.deleted)).toEqual([true]);
  });

  it("adds the foregroundDeletion finalizer for propagationPolicy=Foreground", () => {
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "g" } };
    const s = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body: cm,
    }).state;
    const del = run(s, {
      method: "DELETE",
      path: "/api/v1/namespaces/default/configmaps/g",
      body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Foreground" },
    });
    expect(bodyOf<{ metadata: { finalizers: string[] } }>(del).metadata.finalizers).toEqual([
      "foregroundDeletion",
    ]);
  });

  it("puts a deleted namespace into Terminating", () => {
    const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-a" } };
    const s = run(bareState(), { method: "POST", path: "/api/v1/namespaces", body: ns }).state;
    const created = run(s, { method: "GET", path: "/api/v1/namespaces/team-a" });
    expect(bodyOf(created)).toMatchObject({
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Active" },
    });
    const del = run(s, { method: "DELETE", path: "/api/v1/namespaces/team-a" });
    expect(bodyOf(del)).toMatchObject({
      status: { phase: "Terminating" },
      metadata: { deletionTimestamp: "2026-01-05T09:00:00Z" },
    });
  });

  it("checks delete preconditions", () => {
    const s = run(bareState(), { method: "POST", path: PODS, body: pod("p") }).state;
    const r = run(s, {
      method: "DELETE",
      path: `${PODS}/p`,
      body: { preconditions: { uid: "nope" } },
    });
    expect(r.response.code).toBe(409);
    expect(bodyOf<{ message: string }>(r).message).toMatch(
      /^Operation cannot be fulfilled on pods "p": Precondition failed: UID in precondition: nope, UID in object meta: /,
    );
  });
});

describe("namespace finalization", () => {
  it("keeps a Terminating namespace until namespaces/finalize empties spec.finalizers", () => {
    const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "team-b" } };
    let s = run(bareState(), { method: "POST", path: "/api/v1/namespaces", body: ns }).state;
    s = run(s, { method: "DELETE", path: "/api/v1/namespaces/team-b" }).state;
    // a status update while terminating does not delete it
    const status = run(s, {
      method: "PATCH",
      path: "/api/v1/namespaces/team-b/status",
      contentType: "application/merge-patch+json",
      body: { status: { conditions: [{ type: "NamespaceContentRemaining", status: "False" }] } },
    });
    expect(status.response.code).toBe(200);
    expect(
      run(status.state, { method: "GET", path: "/api/v1/namespaces/team-b" }).response.code,
    ).toBe(200);
    const current = bodyOf<{ metadata: object }>(
      run(status.state, { method: "GET", path: "/api/v1/namespaces/team-b" }),
    );
    const fin = run(status.state, {
      method: "PUT",
      path: "/api/v1/namespaces/team-b/finalize",
      body: { ...current, spec: { finalizers: [] } },
    });
    expect(fin.response.code).toBe(200);
    expect(run(fin.state, { method: "GET", path: "/api/v1/namespaces/team-b" }).response.code).toBe(
      404,
    );
  });
});
