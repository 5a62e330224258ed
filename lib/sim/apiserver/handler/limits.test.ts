import { describe, expect, it } from "vitest";
import { bareState } from "./test-support";
import { bodyOf, runner } from "./test-run";

const run = runner();
const CMS = "/api/v1/namespaces/default/configmaps";

describe("request and sandbox limits", () => {
  it("refuses bodies over 3 MiB with 413 before doing anything", () => {
    const r = run(bareState(), {
      method: "POST",
      path: CMS,
      body: {},
      bodyBytes: 3 * 1024 * 1024 + 1,
    });
    expect(r.response.code).toBe(413);
    expect(bodyOf(r)).toMatchObject({
      reason: "RequestEntityTooLarge",
      message: "Request entity too large: limit is 3145728",
    });
  });

  it("answers etcd's 1.5 MiB request limit as 413, not 1.28's 500", () => {
    // ConfigMaps stop at 1 MiB in validation; a pod with a huge env value reaches etcd.
    const big = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "big" },
      spec: {
        containers: [
          { name: "app", image: "nginx", env: [{ name: "BLOB", value: "A".repeat(1_600_000) }] },
        ],
      },
    };
    const r = run(bareState(), {
      method: "POST",
      path: "/api/v1/namespaces/default/pods",
      body: big,
      bodyBytes: 1_600_100,
    });
    expect(r.response.code).toBe(413);
    expect(bodyOf(r)).toMatchObject({
      message: "Request entity too large: etcdserver: request is too large",
      reason: "RequestEntityTooLarge",
    });
    expect(r.changes.appended).toEqual([]);
  });

  it("stops creates beyond the sandbox's object limit with a clear Forbidden", () => {
    let s = { ...bareState(), limits: { maxObjects: 3, historyRevisions: 100 } };
    for (const n of ["a", "b", "c"]) {
      s = run(s, {
        method: "POST",
        path: CMS,
        body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: n } },
      }).state;
    }
    const r = run(s, {
      method: "POST",
      path: CMS,
      body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "d" } },
    });
    expect(r.response.code).toBe(403);
    expect(bodyOf<{ reason: string; message: string }>(r).message).toBe(
      'configmaps "d" is forbidden: 이 샌드박스에는 객체를 3개까지만 저장할 수 있습니다. 쓰지 않는 객체를 지운 뒤 다시 시도하세요',
    );
    // updates still work at the limit
    const upd = run(s, {
      method: "PUT",
      path: `${CMS}/a`,
      body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { k: "v" } },
    });
    expect(upd.response.code).toBe(200);
  });

  it("rejects wrongly typed fields and hostile nesting as the decoder does", () => {
    const typed = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "t" }, data: "oops" };
    const r = run(bareState(), { method: "POST", path: CMS, body: typed });
    expect(r.response.code).toBe(400);
    expect(bodyOf<{ message: string }>(r).message).toMatch(
      /^ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal string into Go struct field ConfigMap.data of type map\[string\]string$/,
    );
    let deep: unknown = "x";
    for (let i = 0; i < 10_001; i++) deep = { a: deep };
    const nested = run(bareState(), {
      method: "POST",
      path: CMS,
      body: {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "n", annotations: {} },
        data: {},
        deep,
      },
    });
    expect(bodyOf<{ message: string }>(nested).message).toBe(
      `ConfigMap in version "v1" cannot be handled as a ConfigMap: invalid character '{' exceeded max depth`,
    );
  });

  it("rejects unknown fields under fieldValidation=Strict and warns by default", () => {
    const body = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "u" }, dta: { a: "1" } };
    const strict = run(bareState(), {
      method: "POST",
      path: CMS,
      body,
      query: { fieldValidation: "Strict" },
    });
    expect(strict.response).toMatchObject({
      code: 400,
      body: {
        message:
          'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dta"',
      },
    });
    const warn = run(bareState(), { method: "POST", path: CMS, body });
    expect(warn.response).toMatchObject({ code: 201, warnings: ['unknown field "dta"'] });
  });
});
