import { describe, expect, it } from "vitest";
import { bareState, T0 } from "./test-support";
import { runner } from "./test-run";

const run = runner();

describe("a watch's closing audit event", () => {
  it("ResponseStarted at the start, ResponseComplete under the same auditID at the end", () => {
    const s0 = bareState("watch-end");
    const opened = run(s0, {
      method: "GET",
      path: "/api/v1/namespaces/default/pods",
      query: "watch=true&timeoutSeconds=5",
      userAgent: "kubectl/v1.28.15",
    });
    expect(opened.response.kind).toBe("watch");
    expect(opened.audit.stage).toBe("ResponseStarted");

    const closed = run(
      opened.state,
      { method: "GET", path: "/api/v1/namespaces/default/pods", watchEnded: [opened.audit] },
      T0 + 5_000,
    );
    expect(closed.audit).toEqual({
      ...opened.audit,
      stage: "ResponseComplete",
      stageTimestamp: "2026-01-05T09:00:05.000000Z",
    });
    expect(closed.audit.requestReceivedTimestamp).toBe(opened.audit.requestReceivedTimestamp);
    const journal = closed.state.journal.audit.filter((e) => e.auditID === opened.audit.auditID);
    expect(journal.map((e) => e.stage)).toEqual(["ResponseStarted", "ResponseComplete"]);
    // Only the log changes: no store write, no revision.
    expect(closed.changes.appended).toEqual([]);
    expect(closed.state.store).toBe(opened.state.store);
  });
});
