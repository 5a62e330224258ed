import { describe, expect, it } from "vitest";
import { bareState } from "./test-support";
import { bodyOf, pod, runner } from "./test-run";
import type { SandboxState } from "../../state";

const run = runner();
const PODS = "/api/v1/namespaces/default/pods";

const withUnknown = () => {
  const p = pod("u");
  return {
    ...p,
    bogus: 1,
    spec: {
      ...p.spec,
      foo: "x",
      containers: [{ name: "app", image: "nginx", imagePullPolicyy: "x" }],
    },
  };
};

const stored = (state: SandboxState) => {
  const r = run(state, { method: "GET", path: `${PODS}/u` });
  return bodyOf<{ bogus?: unknown; spec: Record<string, unknown> }>(r);
};

describe("unknown fields of built-in kinds never reach storage", () => {
  it("Warn (the default): 201, one warning per field, fields dropped", () => {
    const r = run(bareState(), { method: "POST", path: PODS, body: withUnknown() });
    expect(r.response).toMatchObject({
      code: 201,
      // Document order, as sigs.k8s.io/json reports them.
      warnings: [
        'unknown field "spec.containers[0].imagePullPolicyy"',
        'unknown field "spec.foo"',
        'unknown field "bogus"',
      ],
    });
    const body = stored(r.state);
    expect(body.bogus).toBeUndefined();
    expect(body.spec.foo).toBeUndefined();
    expect((body.spec.containers as Record<string, unknown>[])[0]).not.toHaveProperty(
      "imagePullPolicyy",
    );
    expect((body.spec.containers as Record<string, unknown>[])[0]?.image).toBe("nginx");
  });

  it("Ignore: silently dropped, no warning", () => {
    const r = run(bareState(), {
      method: "POST",
      path: PODS,
      body: withUnknown(),
      query: { fieldValidation: "Ignore" },
    });
    expect(r.response.code).toBe(201);
    expect((r.response as { warnings?: string[] }).warnings ?? []).toEqual([]);
    expect(stored(r.state).spec.foo).toBeUndefined();
  });

  it("Strict: 400 with the strict decoding error, nothing stored", () => {
    const r = run(bareState(), {
      method: "POST",
      path: PODS,
      body: { ...pod("u"), spec: { ...pod("u").spec, foo: "x" } },
      query: { fieldValidation: "Strict" },
    });
    expect(r.response).toMatchObject({
      code: 400,
      body: {
        reason: "BadRequest",
        message:
          'Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"',
      },
    });
  });

  it("a merge patch adding an unknown field is dropped on update too", () => {
    const created = run(bareState(), { method: "POST", path: PODS, body: pod("u") });
    const r = run(created.state, {
      method: "PATCH",
      path: `${PODS}/u`,
      contentType: "application/merge-patch+json",
      body: { metadata: { labels: { a: "b" } }, spec: { foo: "x" } },
    });
    expect(r.response).toMatchObject({ code: 200, warnings: ['unknown field "spec.foo"'] });
    const body = stored(r.state);
    expect(body.spec.foo).toBeUndefined();
  });
});
