import { describe, expect, it, vi } from "vitest";
import { createClusterSandbox } from "../cluster/default-cluster";
import { fastForward } from "../cluster/fast-forward";
import { clusterEngineOptions } from "../cluster/loops";
import { fixedClock } from "../clock";
import { handle } from "../engine";
import type { SandboxState } from "../state";

vi.setConfig({ testTimeout: 30_000 });

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const ADMIN = { username: "kubernetes-admin", groups: ["system:masters"] };
const engine = clusterEngineOptions();
const PODS = "/api/v1/namespaces/default/pods";

const log = (state: SandboxState, query: Record<string, string> = {}) => {
  const r = handle(
    state,
    {
      method: "GET",
      path: `${PODS}/ticker/log`,
      query: new URLSearchParams(query).toString(),
      user: ADMIN,
    },
    fixedClock(state.time),
    engine,
  );
  return r.response as { code: number; body: string };
};

describe("GET pods/log on virtual time", () => {
  it("a looping container's log grows by one line per interval as time advances", () => {
    let state = createClusterSandbox({ seed: "logs", now: T0 }).state;
    const created = handle(
      state,
      {
        method: "POST",
        path: PODS,
        user: ADMIN,
        body: {
          apiVersion: "v1",
          kind: "Pod",
          metadata: { name: "ticker" },
          spec: {
            containers: [
              {
                name: "c",
                image: "busybox:1.36",
                command: ["sh", "-c", "while true; do echo tick $(date); sleep 5; done"],
              },
            ],
          },
        },
      },
      fixedClock(T0),
      engine,
    );
    state = fastForward(created.state, T0 + 10_000, engine).state;
    const first = log(state);
    expect(first.code).toBe(200);
    const n = first.body.split("\n").filter(Boolean).length;
    expect(n).toBeGreaterThan(0);
    state = fastForward(state, state.time + 20_000, engine).state;
    const later = log(state);
    // Unquoted $(date) is word-split: one space before the day. The earlier text is a prefix (what logs -f relies on), plus one line per 5 s.
    expect(later.body.startsWith(first.body)).toBe(true);
    expect(later.body.split("\n").filter(Boolean)).toHaveLength(n + 4);
    expect(later.body).toMatch(/^tick Mon Jan 5 09:00:0\d UTC 2026\n/);
    expect(log(state, { tailLines: "1", timestamps: "true" }).body).toMatch(
      /^2026-01-05T09:00:\d\d\.000000000Z tick Mon Jan 5 09:00:\d\d UTC 2026\n$/,
    );
  });
});
