import { describe, expect, it } from "vitest";
import { fixedClock } from "../../clock";
import { handleRequest } from "./handle";
import { ADMIN, T0, bareState, testPlugins } from "./test-support";

// The engine's control loops send objects built in process: no JSON to decode, so the
// decode-time checks are skipped, while authorization and validation still apply.
describe("requests of the engine's own components (inProcess)", () => {
  const configMap = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "c", namespace: "default" },
    data: { a: "b" },
    bogus: 1,
  };
  const post = (inProcess: boolean, user = ADMIN, body: unknown = configMap) =>
    handleRequest(
      bareState(),
      { method: "POST", path: "/api/v1/namespaces/default/configmaps", user, body, inProcess },
      fixedClock(T0),
      testPlugins(),
    ).response;

  it("skips the unknown-field decoding a client's JSON gets", () => {
    const client = post(false);
    expect(client.code).toBe(201);
    expect(client.kind === "object" && client.warnings).toEqual(['unknown field "bogus"']);
    const component = post(true);
    expect(component.code).toBe(201);
    expect(component.kind === "object" && component.warnings).toBeUndefined();
  });

  it("still authorizes and validates", () => {
    const someone = { username: "system:kube-scheduler", groups: ["system:authenticated"] };
    expect(post(true, someone).code).toBe(403);
    const invalid = { ...configMap, metadata: { name: "Bad_Name", namespace: "default" } };
    expect(post(true, ADMIN, invalid).code).toBe(422);
  });
});
