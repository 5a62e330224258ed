// Mutating admission returns an update of a kind without defaults as it came (no copy): the
// update path must still leave the body it was handed unchanged and store what was sent.
import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock";
import { ADMIN_USER, createSandbox, defaultBootstrap, handle } from "../../engine";
import { getObject } from "../../controllers/shared/cache";
import type { SandboxState } from "../../state";
import type { ApiRequest } from "../handler/types";

const T0 = Date.UTC(2026, 3, 1, 8, 0, 0);
const PATH = "/api/v1/namespaces/default/configmaps";

function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null) {
    for (const child of Object.values(v)) deepFreeze(child);
    Object.freeze(v);
  }
  return v;
}

const send = (state: SandboxState, req: Omit<ApiRequest, "user">) =>
  handle(state, { user: ADMIN_USER, inProcess: true, ...req }, fixedClock(T0));

describe("an update of a kind without defaults", () => {
  it("stores a deep-frozen body's content and leaves the body as it was", () => {
    const base = createSandbox({ seed: "upd", now: T0, bootstrap: defaultBootstrap() }).state;
    const created = send(base, {
      method: "POST",
      path: PATH,
      body: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { k: "v" } },
    });
    const current = getObject(created.state, "", "configmaps", "default", "c")!;
    const body = deepFreeze({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "c",
        namespace: "default",
        resourceVersion: current.metadata.resourceVersion,
      },
      data: { k: "w", extra: "x" },
    });
    const before = JSON.stringify(body);
    const updated = send(created.state, { method: "PUT", path: `${PATH}/c`, body });
    expect(updated.response.code).toBe(200);
    expect(JSON.stringify(body)).toBe(before);
    const stored = getObject(updated.state, "", "configmaps", "default", "c")!;
    expect(stored.data).toEqual({ k: "w", extra: "x" });
    expect(stored.metadata.uid).toBe(current.metadata.uid);
    expect(Number(stored.metadata.resourceVersion)).toBeGreaterThan(
      Number(current.metadata.resourceVersion),
    );
  });
});
