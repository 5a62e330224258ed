import { describe, expect, it } from "vitest";
import { partitionMember, stopMember } from "../../etcd/cluster";
import { bareState } from "./test-support";
import { bodyOf, pod, runner } from "./test-run";

const run = runner();
const PODS = "/api/v1/namespaces/default/pods";

describe("API server over an etcd cluster without quorum", () => {
  const healthy = run(bareState("q", 3), { method: "POST", path: PODS, body: pod("before") }).state;

  it("keeps serving with one of three members down", () => {
    const s = { ...healthy, etcd: stopMember(healthy.etcd, "cp-3") };
    expect(run(s, { method: "POST", path: PODS, body: pod("ok") }).response.code).toBe(201);
  });

  it("fails writes with etcd's timeout as a 500 Status (reason Unknown) and changes nothing", () => {
    const s = { ...healthy, etcd: stopMember(stopMember(healthy.etcd, "cp-2"), "cp-3") };
    const r = run(s, { method: "POST", path: PODS, body: pod("lost") });
    expect(r.response.code).toBe(500);
    expect(bodyOf(r)).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: "etcdserver: request timed out",
      reason: "",
      code: 500,
    });
    expect(r.state.store).toBe(s.store);
    expect(r.changes.appended).toEqual([]);
  });

  it("fails consistent reads too, but serves resourceVersion=0 reads from the watch cache", () => {
    const s = { ...healthy, etcd: partitionMember(stopMember(healthy.etcd, "cp-2"), "cp-1") };
    expect(run(s, { method: "GET", path: `${PODS}/before` }).response.code).toBe(500);
    expect(run(s, { method: "GET", path: PODS }).response.code).toBe(500);
    expect(
      run(s, { method: "GET", path: `${PODS}/before`, query: { resourceVersion: "0" } }).response
        .code,
    ).toBe(200);
    expect(
      run(s, { method: "GET", path: PODS, query: { resourceVersion: "0" } }).response.code,
    ).toBe(200);
  });

  it("reports the etcd check failing in /healthz?verbose", () => {
    const s = { ...healthy, etcd: stopMember(stopMember(healthy.etcd, "cp-2"), "cp-3") };
    const r = run(s, { method: "GET", path: "/healthz", query: "verbose" });
    expect(r.response.code).toBe(500);
    expect(bodyOf<string>(r)).toContain("[-]etcd failed: reason withheld");
    expect(run(healthy, { method: "GET", path: "/healthz" }).response).toMatchObject({
      code: 200,
      body: "ok",
    });
  });
});
