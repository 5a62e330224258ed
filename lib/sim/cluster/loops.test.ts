import { describe, expect, it } from "vitest";
import { fixedClock } from "../clock";
import { ADMIN_USER, handle } from "../engine";
import { loopMayBeQuiet } from "../loop-quiet";
import { createClusterSandbox } from "./default-cluster";
import { clusterEngineOptions } from "./loops";

const T0 = Date.UTC(2026, 2, 1, 12, 0, 0);

describe("clusterEngineOptions", () => {
  it("gives every caller the same default loops, so one caller's quiet notes serve the next", () => {
    // The terminal's catch-ups and the requests' settles take their options from separate
    // calls (lib/terminal/db-env.ts, configureSandboxEngine): notes are kept per loop object.
    const settles = clusterEngineOptions();
    const catchUps = clusterEngineOptions();
    expect(catchUps.loops).toBe(settles.loops);

    const sb = createClusterSandbox({ seed: "shared-loops", now: T0 });
    const written = handle(
      sb.state,
      {
        method: "POST",
        path: "/api/v1/namespaces/default/configmaps",
        body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } },
        user: ADMIN_USER,
      },
      fixedClock(T0),
      settles,
    );
    // The settle ran the loops on the write and noted the ones left with nothing to do: a
    // catch-up an instant later skips them whoever built its options.
    const quiet = catchUps.loops!.filter((l) => loopMayBeQuiet(l, written.state, T0 + 1));
    expect(quiet.map((l) => l.name)).toContain("kubelet");
    expect(quiet.length).toBeGreaterThan(catchUps.loops!.length / 2);
  });

  it("builds its own loops for non-default options", () => {
    expect(clusterEngineOptions({ leaderElection: false }).loops).not.toBe(
      clusterEngineOptions().loops,
    );
  });
});
