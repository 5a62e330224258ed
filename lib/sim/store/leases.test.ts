import { describe, expect, it } from "vitest";
import { emptyStore, get } from "./store";
import { StoreWriter } from "./writer";

describe("store leases", () => {
  it("expires keys attached to a lease once its TTL passes in virtual time", () => {
    const w = new StoreWriter(emptyStore(), 1_000);
    const lease = w.grantLease(40);
    w.put("/registry/leases/kube-node-lease/node-1", "hb", lease.id);
    w.put("/registry/other", "x");
    const s = w.commit().state;

    const early = new StoreWriter(s, 1_000 + 39_000);
    expect(early.expireLeases()).toEqual([]);

    const late = new StoreWriter(s, 1_000 + 40_000);
    expect(late.expireLeases()).toEqual([lease.id]);
    const after = late.commit();
    expect(get(after.state, "/registry/leases/kube-node-lease/node-1")).toBeUndefined();
    expect(get(after.state, "/registry/other")?.value).toBe("x");
    expect(after.appended.map((r) => r.deleted)).toEqual([true]);
    expect(after.state.leases.size).toBe(0);
  });

  it("keep-alive pushes expiry out; revoke deletes keys; unknown leases fail like etcd", () => {
    const w = new StoreWriter(emptyStore(), 0);
    const lease = w.grantLease(10);
    w.put("k", "v", lease.id);
    const s = w.commit().state;
    const w2 = new StoreWriter(s, 9_000);
    expect(w2.keepAlive(lease.id).expiresAt).toBe(19_000);
    const s2 = w2.commit().state;
    const w3 = new StoreWriter(s2, 15_000);
    expect(w3.expireLeases()).toEqual([]);
    expect(w3.revokeLease(lease.id)).toBe(1);
    expect(() => w3.keepAlive(lease.id)).toThrow("etcdserver: requested lease not found");
    expect(() => w3.put("x", "y", 12345)).toThrow("etcdserver: requested lease not found");
  });

  it("a write attached to an existing lease reads the lease table: unchanged, not copied", () => {
    const w = new StoreWriter(emptyStore(), 0);
    const lease = w.grantLease(3600);
    const s = w.commit().state;
    const w2 = new StoreWriter(s, 1_000);
    w2.put("/registry/events/default/e1", "{}", lease.id);
    const out = w2.commit();
    expect(out.leasesChanged).toBe(false);
    expect(out.state.leases).toBe(s.leases);
    expect(get(out.state, "/registry/events/default/e1")?.lease).toBe(lease.id);
  });
});
