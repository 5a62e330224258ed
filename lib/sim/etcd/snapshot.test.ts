import { describe, expect, it } from "vitest";
import { emptyStore, get, range } from "../store/store";
import { StoreWriter } from "../store/writer";
import { restoreSnapshot, saveSnapshot } from "./snapshot";

describe("etcd snapshot save/restore", () => {
  it("restores the keys, revision and leases as of the snapshot", () => {
    const w = new StoreWriter(emptyStore(), 0);
    const lease = w.grantLease(60);
    w.put("/registry/pods/default/a", "a");
    w.put("/registry/leases/kube-node-lease/n1", "l", lease.id);
    const saved = w.commit().state;
    const snap = saveSnapshot(saved);
    expect(snap).toMatchObject({ revision: 3, totalKeys: 2 });

    // later the pod is deleted...
    const w2 = new StoreWriter(saved, 1000);
    w2.delete("/registry/pods/default/a");
    const later = w2.commit().state;
    expect(get(later, "/registry/pods/default/a")).toBeUndefined();

    // ...and restoring brings it back at the snapshot's revision
    const restored = restoreSnapshot(snap, 5000);
    expect(restored.revision).toBe(3);
    expect(get(restored, "/registry/pods/default/a")?.value).toBe("a");
    expect(restored.leases.get(lease.id)).toEqual({ id: lease.id, ttl: 60, expiresAt: 65_000 });
    expect(range(restored, { key: "", rangeEnd: "\0" }).count).toBe(2);
    // writes continue from the restored revision
    const w3 = new StoreWriter(restored, 5000);
    expect(w3.put("x", "y").revision).toBe(4);
  });

  it("hashes deterministically and changes with content", () => {
    const w = new StoreWriter(emptyStore(), 0);
    w.put("k", "1");
    const s = w.commit().state;
    expect(saveSnapshot(s).hash).toBe(saveSnapshot(s).hash);
    const w2 = new StoreWriter(s, 0);
    w2.put("k", "2");
    expect(saveSnapshot(w2.commit().state).hash).not.toBe(saveSnapshot(s).hash);
  });
});
