import { describe, expect, it } from "vitest";
import { podManifest } from "./fixtures";
import { haCluster } from "./ha";

describe("etcd quorum loss → API writes fail → recovery (3 stacked members)", () => {
  const lab = haCluster("quorum");

  it("tolerates one member down", () => {
    lab.etcd("stop", "master3");
    expect(lab.request("POST", "/api/v1/namespaces/default/pods", podManifest("one")).code).toBe(
      201,
    );
  });

  it("fails writes once two of three are down, with etcd's timeout", () => {
    lab.etcd("stop", "master2");
    const r = lab.request("POST", "/api/v1/namespaces/default/pods", podManifest("two"));
    expect(r.code).toBe(500);
    expect(r.kind === "status" && r.body.message).toContain("etcdserver: request timed out");
    expect(lab.get("", "pods", "default", "two")).toBeUndefined();
    // the loops cannot write either: time passes without any store change
    const rev = lab.state.store.revision;
    lab.advance(20_000);
    expect(lab.state.store.revision).toBe(rev);
  });

  it("accepts writes again when a member returns", () => {
    lab.etcd("start", "master2");
    expect(lab.request("POST", "/api/v1/namespaces/default/pods", podManifest("three")).code).toBe(
      201,
    );
    lab.advance(5_000);
    expect((lab.get("", "pods", "default", "three")!.status as { phase: string }).phase).toBe(
      "Running",
    );
  });
});
