import { beforeAll, describe, expect, it } from "vitest";
import { labTerminal } from "../testing";

describe("kubectl auth whoami", () => {
  let run: ReturnType<typeof labTerminal>["run"];
  beforeAll(() => {
    run = labTerminal("whoami").run;
  });

  it("prints the terminal user's attributes from a SelfSubjectReview", async () => {
    expect(await run("kubectl auth whoami")).toEqual({
      stdout:
        "ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [system:masters system:authenticated]\n",
      stderr: "",
      exitCode: 0,
    });
  });

  it("answers for the impersonated user with --as", async () => {
    const r = await run(
      "kubectl auth whoami --as=system:serviceaccount:default:default -o jsonpath={.status.userInfo.groups}",
    );
    expect(JSON.parse(r.stdout)).toEqual([
      "system:serviceaccounts",
      "system:serviceaccounts:default",
      "system:authenticated",
    ]);
  });

  it("prints the review as authentication.k8s.io/v1 with -o yaml", async () => {
    expect((await run("kubectl auth whoami -o yaml")).stdout).toMatch(
      /^apiVersion: authentication\.k8s\.io\/v1\nkind: SelfSubjectReview\n/,
    );
  });
});
