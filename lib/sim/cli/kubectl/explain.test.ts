import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";
import { wordWrap } from "./explain";

// Each test builds the lesson's cluster: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

// Captured from kubectl 1.28 against a sandbox's REST face (same OpenAPI document).
const EXPLAIN_PODS = `KIND:       Pod
VERSION:    v1

DESCRIPTION:
    Pod is a collection of containers that can run on a host. This resource is
    created by clients and scheduled onto hosts.
    
FIELDS:
  apiVersion\t<string>
    APIVersion defines the versioned schema of this representation of an object.
    Servers should convert recognized schemas to the latest internal value, and
    may reject unrecognized values. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources

  kind\t<string>
    Kind is a string value representing the REST resource this object
    represents. Servers may infer this from the endpoint the client submits
    requests to. Cannot be updated. In CamelCase. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds

  metadata\t<ObjectMeta>
    Standard object's metadata. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata

  spec\t<Object>
    Specification of the desired behavior of the object. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status

  status\t<Object>
    Most recently observed status of the object. This data may not be up to
    date. Populated by the system. Read-only. More info:
    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status


`;

describe("kubectl explain", () => {
  it("prints the kind as kubectl 1.28 does against the sandbox", async () => {
    const { run } = labTerminal("explain");
    expect(await run("kubectl explain pods")).toEqual({
      stdout: EXPLAIN_PODS,
      stderr: "",
      exitCode: 0,
    });
  });

  it("fields the OpenAPI document lacks fail as real kubectl fails, header first", async () => {
    const { run } = labTerminal("explain-missing");
    expect(await run("kubectl explain deployment.spec.replicas")).toEqual({
      stdout: "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\n",
      stderr: 'error: field "replicas" does not exist\n',
      exitCode: 1,
    });
    expect(await run("kubectl explain nope")).toEqual({
      stdout: "",
      stderr: 'the server doesn\'t have a resource type "nope"\n',
      exitCode: 1,
    });
  });

  it("a field path shows the field and its description", async () => {
    const { run } = labTerminal("explain-field");
    const r = await run("kubectl explain pod.spec");
    expect(r.stdout).toBe(
      "KIND:       Pod\nVERSION:    v1\n\nFIELD: spec <Object>\n\nDESCRIPTION:\n    Specification of the desired behavior of the object. More info:\n    https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status\n    \n\n",
    );
  });

  it("wraps like go-wordwrap: long words stay whole", () => {
    expect(wordWrap("aaa bbb ccc", 7)).toBe("aaa bbb\nccc");
    expect(wordWrap("x https://very-long-url", 5)).toBe("x\nhttps://very-long-url");
  });
});
