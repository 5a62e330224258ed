import { describe, expect, it } from "vitest";
import { ownerIndex } from "@/server/fast-lane/owner.mjs";
import { newSandboxId } from "./new-id";

const sticky = (workers: number, index: number) => ({
  KUBELAB_WORKERS: String(workers),
  KUBELAB_WORKER_INDEX: String(index),
  KUBELAB_LANE_SOCKET_PREFIX: "/tmp/kubelab-lane-x/w",
  KUBELAB_LANE_SECRET: "s".repeat(64),
});

describe("newSandboxId", () => {
  it("draws ids the creating worker owns when workers are sticky", () => {
    for (const [workers, index] of [
      [2, 0],
      [2, 1],
      [3, 2],
    ] as const) {
      const ids = new Set(Array.from({ length: 200 }, () => newSandboxId(sticky(workers, index))));
      expect(ids.size).toBe(200);
      for (const id of ids) {
        expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
        expect(ownerIndex(id, workers)).toBe(index);
      }
    }
  });

  it("draws any id without sticky workers (one worker, no socket, lane off)", () => {
    for (const env of [
      {},
      { ...sticky(2, 1), KUBELAB_FAST_LANE: "0" },
      { ...sticky(2, 1), KUBELAB_LANE_SECRET: undefined },
      sticky(1, 0),
    ]) {
      const owners = new Set(Array.from({ length: 200 }, () => ownerIndex(newSandboxId(env), 2)));
      expect(owners).toEqual(new Set([0, 1]));
    }
  });
});
