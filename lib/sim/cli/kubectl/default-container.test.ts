import { describe, expect, it } from "vitest";
import { labTerminal } from "../testing";
import { defaultContainer, defaultedNotice } from "./default-container";

const pod = (annotations?: Record<string, string>) => ({
  metadata: annotations ? { annotations } : {},
  spec: { containers: [{ name: "app" }, { name: "side" }] },
});

describe("the container kubectl picks without -c", () => {
  it("the first of several, said on stderr as kubectl 1.28 says it", () => {
    expect(defaultContainer(pod())).toBe("app");
    expect(defaultedNotice(pod())).toBe('Defaulted container "app" out of: app, side\n');
    expect(defaultedNotice({ spec: { containers: [{ name: "solo" }] } })).toBe("");
  });

  it("the annotated one, silently", () => {
    const p = pod({ "kubectl.kubernetes.io/default-container": "side" });
    expect(defaultContainer(p)).toBe("side");
    expect(defaultedNotice(p)).toBe("");
  });

  it("kubectl exec prints it before the command's output; -c and -q do not", async () => {
    const lab = labTerminal("default-container");
    const yaml =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: two\nspec:\n  containers:\n  - name: app\n    image: nginx\n  - name: side\n    image: busybox\n    command: [sleep, '3600']\n";
    await lab.run(`echo "${yaml}" | kubectl apply -f -`);
    lab.env.advance(60_000);
    expect(await lab.run("kubectl exec two -- hostname")).toMatchObject({
      stdout: "two\n",
      stderr: 'Defaulted container "app" out of: app, side\n',
    });
    expect((await lab.run("kubectl exec two -c side -- hostname")).stderr).toBe("");
    expect((await lab.run("kubectl exec -q two -- hostname")).stderr).toBe("");
  }, 30_000);
});
