import { describe, expect, it } from "vitest";
import { defaultPlugins } from "./default-plugins";
import { runner } from "./test-run";
import { bareState } from "./test-support";

const run = runner(defaultPlugins);

describe("requests the HTTP layer answers (discovery, OpenAPI) and watches", () => {
  it("are authorized and audited like any other request", () => {
    const ok = run(bareState(), {
      method: "GET",
      path: "/apis",
      query: "timeout=32s",
      userAgent: "kubectl/v1.32.0 (linux/amd64) kubernetes/abc",
      served: { kind: "object", code: 200, body: null },
    });
    expect(ok.response.code).toBe(200);
    expect(ok.audit).toMatchObject({
      level: "Metadata",
      stage: "ResponseComplete",
      verb: "get",
      requestURI: "/apis?timeout=32s",
      userAgent: "kubectl/v1.32.0 (linux/amd64) kubernetes/abc",
      responseStatus: { code: 200 },
    });
    expect(ok.audit.objectRef).toBeUndefined();
    expect(ok.state.journal.audit.at(-1)?.auditID).toBe(ok.audit.auditID);
    // No RBAC grants discovery to alice in a bare sandbox: the prepared answer is not given.
    const denied = run(bareState(), {
      method: "GET",
      path: "/openapi/v3",
      user: { username: "alice", groups: [] },
      served: { kind: "object", code: 200, body: null },
    });
    expect(denied.response.code).toBe(403);
    expect(denied.audit.responseStatus.code).toBe(403);
  });

  it("a watch is logged at ResponseStarted", () => {
    const r = run(bareState(), {
      method: "GET",
      path: "/api/v1/namespaces/default/configmaps",
      query: "watch=true",
    });
    expect(r.response.kind).toBe("watch");
    expect(r.audit).toMatchObject({ verb: "watch", stage: "ResponseStarted" });
  });
});
