import { describe, expect, it } from "vitest";
import { bareState } from "./test-support";
import { bodyOf, runner } from "./test-run";

const run = runner();
const DS = "/apis/apps/v1/namespaces/default/daemonsets";
const ds = (image: string) => ({
  apiVersion: "apps/v1",
  kind: "DaemonSet",
  metadata: { name: "agent" },
  spec: {
    selector: { matchLabels: { app: "agent" } },
    template: {
      metadata: { labels: { app: "agent" } },
      spec: { containers: [{ name: "a", image }] },
    },
  },
});
type Obj = { metadata: { annotations?: Record<string, string>; resourceVersion: string } };
const annotation = (o: Obj) => o.metadata.annotations?.["deprecated.daemonset.template.generation"];

describe("DaemonSet deprecated.daemonset.template.generation", () => {
  it("is 1 on create and grows only when an update changes the template", () => {
    const created = run(bareState(), { method: "POST", path: DS, body: ds("busybox:1") });
    const c = bodyOf<Obj>(created);
    expect(annotation(c)).toBe("1");
    const put = (state: typeof created.state, o: Obj, image: string, labels = {}) =>
      run(state, {
        method: "PUT",
        path: `${DS}/agent`,
        body: {
          ...ds(image),
          metadata: { name: "agent", labels, resourceVersion: o.metadata.resourceVersion },
        },
      });
    // The client drops the annotation and changes only labels: it stays 1.
    const relabel = put(created.state, c, "busybox:1", { team: "x" });
    const r = bodyOf<Obj>(relabel);
    expect(annotation(r)).toBe("1");
    const changed = put(relabel.state, r, "busybox:2");
    expect(annotation(bodyOf<Obj>(changed))).toBe("2");
  });
});
