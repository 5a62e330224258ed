import { describe, expect, it } from "vitest";
import type { SandboxState } from "../../state";
import { bareState } from "./test-support";
import { bodyOf, pod, runner } from "./test-run";

const run = runner();
const PODS = "/api/v1/namespaces/default/pods";

function withPods(): SandboxState {
  let s = bareState();
  const specs: [string, Record<string, string>, string?][] = [
    ["a", { app: "web", tier: "fe" }, "node-1"],
    ["b", { app: "web", tier: "be" }],
    ["c", { app: "db" }, "node-2"],
    ["d", {}],
  ];
  for (const [name, labels, node] of specs) {
    s = run(s, {
      method: "POST",
      path: PODS,
      body: pod(name, labels, node ? { nodeName: node } : {}),
    }).state;
  }
  return s;
}

type List = {
  kind: string;
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
  items: { metadata: { name: string } }[];
};
const names = (r: Parameters<typeof bodyOf>[0]) =>
  bodyOf<List>(r).items.map((i) => i.metadata.name);

describe("list with selectors and pagination", () => {
  it("lists in key order with the store revision as resourceVersion", () => {
    const r = run(withPods(), { method: "GET", path: PODS });
    expect(bodyOf<List>(r)).toMatchObject({ kind: "PodList", metadata: { resourceVersion: "5" } });
    expect(names(r)).toEqual(["a", "b", "c", "d"]);
    // items of a built-in list carry no apiVersion/kind
    expect(bodyOf<List>(r).items[0]).not.toHaveProperty("kind");
  });

  it("filters by label selector (equality, set, exists)", () => {
    const s = withPods();
    expect(names(run(s, { method: "GET", path: PODS, query: "labelSelector=app%3Dweb" }))).toEqual([
      "a",
      "b",
    ]);
    expect(
      names(run(s, { method: "GET", path: PODS, query: { labelSelector: "app in (db),!tier" } })),
    ).toEqual(["c"]);
    expect(names(run(s, { method: "GET", path: PODS, query: { labelSelector: "tier" } }))).toEqual([
      "a",
      "b",
    ]);
  });

  it("filters by field selector and rejects unsupported field labels", () => {
    const s = withPods();
    expect(
      names(
        run(s, { method: "GET", path: PODS, query: { fieldSelector: "spec.nodeName=node-2" } }),
      ),
    ).toEqual(["c"]);
    expect(
      names(
        run(s, {
          method: "GET",
          path: "/api/v1/pods",
          query: { fieldSelector: "metadata.name!=a" },
        }),
      ),
    ).toEqual(["b", "c", "d"]);
    const bad = run(s, { method: "GET", path: PODS, query: { fieldSelector: "spec.foo=bar" } });
    expect(bad.response.code).toBe(400);
    expect(bodyOf<{ message: string }>(bad).message).toBe(
      'Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo',
    );
  });

  it("pages with limit/continue at the first page's revision", () => {
    let s = withPods();
    const p1 = run(s, { method: "GET", path: PODS, query: { limit: "2" } });
    expect(names(p1)).toEqual(["a", "b"]);
    const meta = bodyOf<List>(p1).metadata;
    expect(meta.remainingItemCount).toBe(2);
    expect(JSON.parse(atob(meta.continue!))).toEqual({
      v: "meta.k8s.io/v1",
      rv: 5,
      start: "b\u0000",
    });
    // a pod created after the first page does not appear in later pages
    s = run(s, { method: "POST", path: PODS, body: pod("bb") }).state;
    const p2 = run(s, {
      method: "GET",
      path: PODS,
      query: { limit: "2", continue: meta.continue! },
    });
    expect(names(p2)).toEqual(["c", "d"]);
    expect(bodyOf<List>(p2).metadata.continue).toBeUndefined();
  });

  it("rejects malformed continue tokens", () => {
    const r = run(withPods(), { method: "GET", path: PODS, query: { continue: "!!" } });
    expect(r.response.code).toBe(400);
  });
});
