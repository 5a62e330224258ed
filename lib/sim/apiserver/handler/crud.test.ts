import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock";
import type { SandboxState } from "../../state";
import { get } from "../../store/store";
import { handleRequest } from "./handle";
import { ADMIN, T0, bareState, testPlugins } from "./test-support";
import type { ApiRequest } from "./types";

const plugins = testPlugins();

function run(
  state: SandboxState,
  req: Partial<ApiRequest> & Pick<ApiRequest, "method" | "path">,
  at = T0,
) {
  return handleRequest(state, { user: ADMIN, ...req }, fixedClock(at), plugins);
}

const cm = (name: string, data: Record<string, string> = { a: "1" }) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name },
  data,
});

describe("API server CRUD", () => {
  it("creates an object with server-set fields and stores it under its etcd key", () => {
    const r = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body: cm("web"),
    });
    expect(r.response.code).toBe(201);
    const body = (r.response as { body: { metadata: Record<string, unknown> } }).body;
    expect(body.metadata).toMatchObject({
      name: "web",
      namespace: "default",
      resourceVersion: "2",
      creationTimestamp: "2026-01-05T09:00:00Z",
    });
    expect(body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    const stored = get(r.state.store, "/registry/configmaps/default/web");
    expect(stored?.modRevision).toBe(2);
    // resourceVersion is not stored: it is the row's revision
    expect(JSON.parse(stored!.value).metadata.resourceVersion).toBeUndefined();
    expect(r.changes.appended).toHaveLength(1);
  });

  it("gets, updates (bumping resourceVersion) and deletes", () => {
    let s = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body: cm("web"),
    }).state;
    const got = run(s, { method: "GET", path: "/api/v1/namespaces/default/configmaps/web" });
    expect(got.response).toMatchObject({ code: 200, body: { data: { a: "1" } } });
    const current = (got.response as { body: { metadata: { resourceVersion: string } } }).body;
    const upd = run(s, {
      method: "PUT",
      path: "/api/v1/namespaces/default/configmaps/web",
      body: { ...current, data: { a: "2" } },
    });
    expect(upd.response).toMatchObject({
      code: 200,
      body: { data: { a: "2" }, metadata: { resourceVersion: "3" } },
    });
    s = upd.state;
    const del = run(s, { method: "DELETE", path: "/api/v1/namespaces/default/configmaps/web" });
    expect(del.response).toMatchObject({
      code: 200,
      body: { kind: "Status", status: "Success", details: { name: "web", kind: "configmaps" } },
    });
    const after = run(del.state, {
      method: "GET",
      path: "/api/v1/namespaces/default/configmaps/web",
    });
    expect(after.response).toMatchObject({
      code: 404,
      body: { reason: "NotFound", message: 'configmaps "web" not found' },
    });
  });

  it("answers a stale update with the real 409 Conflict and keeps the newer value", () => {
    const s1 = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body: cm("demo"),
    }).state;
    const s2 = run(s1, {
      method: "PUT",
      path: "/api/v1/namespaces/default/configmaps/demo",
      body: { ...cm("demo", { a: "new" }), metadata: { name: "demo", resourceVersion: "2" } },
    }).state;
    const stale = run(s2, {
      method: "PUT",
      path: "/api/v1/namespaces/default/configmaps/demo",
      body: { ...cm("demo", { a: "stale" }), metadata: { name: "demo", resourceVersion: "2" } },
    });
    expect(stale.response.code).toBe(409);
    expect(stale.response).toMatchObject({
      body: {
        reason: "Conflict",
        message:
          'Operation cannot be fulfilled on configmaps "demo": the object has been modified; please apply your changes to the latest version and try again',
      },
    });
    expect(stale.state.store).toBe(s2.store);
  });

  it("rejects a duplicate create with AlreadyExists", () => {
    const s = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body: cm("x"),
    }).state;
    const dup = run(s, {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body: cm("x"),
    });
    expect(dup.response).toMatchObject({
      code: 409,
      body: { reason: "AlreadyExists", message: 'configmaps "x" already exists' },
    });
  });

  it("fills generateName with five random characters, reproducibly", () => {
    const body = { apiVersion: "v1", kind: "ConfigMap", metadata: { generateName: "job-" } };
    const a = run(bareState("s"), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body,
    });
    const b = run(bareState("s"), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body,
    });
    const name = (a.response as { body: { metadata: { name: string } } }).body.metadata.name;
    expect(name).toMatch(/^job-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect((b.response as { body: { metadata: { name: string } } }).body.metadata.name).toBe(name);
  });

  it("rejects a namespace mismatch between URL and body", () => {
    const body = { ...cm("x"), metadata: { name: "x", namespace: "other" } };
    const r = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body,
    });
    expect(r.response).toMatchObject({
      code: 400,
      body: {
        message:
          "the namespace of the provided object does not match the namespace sent on the request",
      },
    });
  });

  it("returns 404 for resources the server does not serve", () => {
    const r = run(bareState(), {
      method: "GET",
      path: "/apis/example.com/v1/namespaces/default/widgets",
    });
    expect(r.response).toMatchObject({
      code: 404,
      body: { message: "the server could not find the requested resource" },
    });
  });

  it("validates objects with Kubernetes field errors (422)", () => {
    const r = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body: cm("Bad_Name"),
    });
    expect(r.response.code).toBe(422);
    expect((r.response as { body: { message: string } }).body.message).toContain(
      'ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"',
    );
  });

  it("applies merge and JSON patches", () => {
    const s = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body: cm("p"),
    }).state;
    const merge = run(s, {
      method: "PATCH",
      path: "/api/v1/namespaces/default/configmaps/p",
      contentType: "application/merge-patch+json",
      body: { data: { b: "2", a: null } },
    });
    expect(merge.response).toMatchObject({ code: 200, body: { data: { b: "2" } } });
    const json = run(merge.state, {
      method: "PATCH",
      path: "/api/v1/namespaces/default/configmaps/p",
      contentType: "application/json-patch+json",
      body: [{ op: "add", path: "/data/c", value: "3" }],
    });
    expect(json.response).toMatchObject({ code: 200, body: { data: { b: "2", c: "3" } } });
    const apply = run(json.state, {
      method: "PATCH",
      path: "/api/v1/namespaces/default/configmaps/p",
      contentType: "application/apply-patch+yaml",
      body: {},
    });
    // Server-side apply needs a field manager (see ../apply for the rest of it).
    expect(apply.response.code).toBe(422);
  });

  it("does not write an update that changes nothing", () => {
    const s = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/configmaps",
      body: cm("same"),
    }).state;
    const r = run(s, {
      method: "PUT",
      path: "/api/v1/namespaces/default/configmaps/same",
      body: cm("same"),
    });
    expect(r.response).toMatchObject({ code: 200, body: { metadata: { resourceVersion: "2" } } });
    expect(r.changes.appended).toEqual([]);
  });
});
