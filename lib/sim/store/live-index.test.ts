import { describe, expect, it } from "vitest";
import { LiveIndex } from "./live-index";
import type { KvRow } from "./types";

const row = (revision: number, key: string, deleted = false): KvRow => ({
  revision,
  key,
  created: true,
  deleted,
  createRevision: revision,
  prevRevision: 0,
  lease: 0,
  value: `v${revision}`,
  version: 1,
});

describe("LiveIndex (the store's key-ordered live keys)", () => {
  const base = LiveIndex.fromRows([
    row(2, "/registry/pods/default/b"),
    row(3, "/registry/pods/default/a"),
    row(4, "/registry/pods/kube-system/x"),
    row(5, "/registry/pods/default/c"),
    row(6, "/registry/pods/default/c", true),
    row(7, "/registry/services/specs/default/kubernetes"),
  ]);

  it("keeps the newest non-deleted row per key, in key order", () => {
    expect([...base.keys()]).toEqual([
      "/registry/pods/default/a",
      "/registry/pods/default/b",
      "/registry/pods/kube-system/x",
      "/registry/services/specs/default/kubernetes",
    ]);
    expect(base.size).toBe(4);
    expect(base.has("/registry/pods/default/c")).toBe(false);
    expect(base.has("/registry/pods/default/a")).toBe(true);
  });

  it("ranges over [start, end) and to the end with \\0, as etcd's Range", () => {
    const keys = (rows: KvRow[]) => rows.map((r) => r.key);
    expect(keys(base.range("/registry/pods/default/", "/registry/pods/default0"))).toEqual([
      "/registry/pods/default/a",
      "/registry/pods/default/b",
    ]);
    expect(base.count("/registry/pods/", "/registry/pods0")).toBe(3);
    expect(keys(base.range("/registry/pods/kube-system/x", "\0"))).toEqual([
      "/registry/pods/kube-system/x",
      "/registry/services/specs/default/kubernetes",
    ]);
    expect(base.count("/registry/s", "\0")).toBe(1);
    expect(base.range("/z", "/a")).toEqual([]);
  });

  it("a writer's copy changes without touching the index it came from", () => {
    const copy = base.edit();
    copy.set("/registry/pods/default/d", row(8, "/registry/pods/default/d"));
    copy.delete("/registry/pods/default/a");
    expect(copy.get("/registry/pods/default/d")?.revision).toBe(8);
    expect(copy.has("/registry/pods/default/a")).toBe(false);
    expect(base.has("/registry/pods/default/d")).toBe(false);
    expect(base.get("/registry/pods/default/a")?.value).toBe("v3");
    expect(base.size).toBe(4);
    expect(copy.size).toBe(4);
  });

  it("stays correct across many copy-on-write generations", () => {
    let current: LiveIndex = LiveIndex.empty();
    const generations: LiveIndex[] = [];
    for (let i = 0; i < 500; i++) {
      const next = current.edit();
      next.set(`/k/${String(i).padStart(4, "0")}`, row(i + 1, `/k/${i}`));
      if (i % 3 === 0 && i > 0) next.delete(`/k/${String(i - 1).padStart(4, "0")}`);
      generations.push(next);
      current = next;
    }
    // generation i holds exactly the keys written up to i, minus the deleted ones
    const sizeAt = (i: number) => i + 1 - Math.floor(i / 3);
    for (const i of [0, 1, 2, 3, 99, 250, 499]) expect(generations[i]!.size).toBe(sizeAt(i));
    expect(generations[10]!.has("/k/0011")).toBe(false);
    expect(generations[499]!.count("/k/", "/k0")).toBe(sizeAt(499));
  });
});
