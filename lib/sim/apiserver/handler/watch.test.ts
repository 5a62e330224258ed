import { describe, expect, it } from "vitest";
import { StoreWriter } from "../../store/writer";
import { bareState, T0 } from "./test-support";
import { pod, runner } from "./test-run";
import type { ApiResponse } from "./types";

const run = runner();
const PODS = "/api/v1/namespaces/default/pods";

function events(r: { response: ApiResponse }) {
  if (r.response.kind !== "watch") throw new Error(`not a watch: ${r.response.code}`);
  return r.response.events.map((e) => [
    e.type,
    (e.object.metadata as { name?: string; resourceVersion?: string }).name ?? "",
    (e.object.metadata as { resourceVersion?: string }).resourceVersion,
  ]);
}

function history() {
  let s = bareState();
  s = run(s, { method: "POST", path: PODS, body: pod("a", { app: "web" }) }).state; // rv 2
  s = run(s, { method: "POST", path: PODS, body: pod("b", { app: "db" }) }).state; // rv 3
  s = run(s, {
    method: "PATCH",
    path: `${PODS}/a`,
    contentType: "application/merge-patch+json",
    body: { metadata: { labels: { app: "api" } } },
  }).state; // rv 4
  s = run(s, { method: "DELETE", path: `${PODS}/b` }).state; // rv 5
  return s;
}

describe("watch", () => {
  it("replays ADDED/MODIFIED/DELETED after a resourceVersion", () => {
    const r = run(history(), {
      method: "GET",
      path: PODS,
      query: { watch: "true", resourceVersion: "2" },
    });
    expect(events(r)).toEqual([
      ["ADDED", "b", "3"],
      ["MODIFIED", "a", "4"],
      ["DELETED", "b", "5"],
    ]);
    expect(r.response).toMatchObject({ resourceVersion: "5" });
  });

  it("starts with the current objects as ADDED when no resourceVersion is given", () => {
    const r = run(history(), { method: "GET", path: PODS, query: { watch: "1" } });
    expect(events(r)).toEqual([["ADDED", "a", "4"]]);
  });

  it("turns objects leaving or entering a label selector into DELETED/ADDED", () => {
    const r = run(history(), {
      method: "GET",
      path: PODS,
      query: { watch: "true", resourceVersion: "1", labelSelector: "app=web" },
    });
    expect(events(r)).toEqual([
      ["ADDED", "a", "2"],
      ["DELETED", "a", "4"],
    ]);
  });

  it("sends a BOOKMARK with the current revision when asked", () => {
    const r = run(history(), {
      method: "GET",
      path: PODS,
      query: { watch: "true", resourceVersion: "5", allowWatchBookmarks: "true" },
    });
    expect(events(r)).toEqual([["BOOKMARK", "", "5"]]);
  });

  it("answers a watch from a compacted revision with a 410 Expired ERROR event", () => {
    const s = history();
    const w = new StoreWriter(s.store, T0);
    w.compact(4);
    const compacted = { ...s, store: w.commit().state };
    const r = run(compacted, {
      method: "GET",
      path: PODS,
      query: { watch: "true", resourceVersion: "2" },
    });
    expect(r.response).toMatchObject({
      kind: "watch",
      events: [
        {
          type: "ERROR",
          object: {
            kind: "Status",
            code: 410,
            reason: "Expired",
            message: "too old resource version: 2 (4)",
          },
        },
      ],
    });
    // from the compaction point on it works
    expect(
      events(
        run(compacted, {
          method: "GET",
          path: PODS,
          query: { watch: "true", resourceVersion: "4" },
        }),
      ),
    ).toEqual([["DELETED", "b", "5"]]);
  });
});
