import { describe, expect, it } from "vitest";
import { Code } from "../../framework/status";
import { filterAll, makeNode, makePod, snapshotOf } from "../../testing/fixtures";
import { NodePorts } from "./node-ports";

const withPort = (name: string, hostPort: number, extra: object = {}) =>
  makePod(name, {
    containers: [{ name: "c", ports: [{ containerPort: 80, hostPort, ...extra }] }],
  });

describe("NodePorts", () => {
  const busy = {
    ...withPort("existing", 8080),
    spec: { ...withPort("existing", 8080).spec, nodeName: "a" },
  };
  const snapshot = snapshotOf([makeNode("a"), makeNode("b")], [busy]);

  it("rejects nodes where the host port is taken", () => {
    const verdicts = filterAll(new NodePorts(), withPort("new", 8080), snapshot);
    expect(verdicts.get("a")!.code).toBe(Code.Unschedulable);
    expect(verdicts.get("a")!.message()).toBe(
      "node(s) didn't have free ports for the requested pod ports",
    );
    expect(verdicts.get("b")).toBeNull();
  });

  it("allows another protocol or port on the same node", () => {
    expect(
      filterAll(new NodePorts(), withPort("udp", 8080, { protocol: "UDP" }), snapshot).get("a"),
    ).toBeNull();
    expect(filterAll(new NodePorts(), withPort("other", 9090), snapshot).get("a")).toBeNull();
  });

  it("treats 0.0.0.0 as conflicting with a specific host IP", () => {
    const specific = withPort("ip", 8080, { hostIP: "10.0.0.1" });
    expect(filterAll(new NodePorts(), specific, snapshot).get("a")).not.toBeNull();
  });

  it("skips pods without host ports", () => {
    const verdicts = filterAll(new NodePorts(), makePod("plain"), snapshot);
    expect([...verdicts.values()]).toEqual([null, null]);
  });
});
