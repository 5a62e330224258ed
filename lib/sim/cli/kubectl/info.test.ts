import { describe, expect, it, vi } from "vitest";
import { labTerminal } from "../testing";

vi.setConfig({ testTimeout: 30_000 });

describe("kubectl api-resources filters", () => {
  it("--namespaced is a bool flag; --verbs keeps resources with every verb", async () => {
    const { run } = labTerminal("api-resources");
    const names = async (line: string) => (await run(line)).stdout.trim().split("\n");
    const namespaced = await names("kubectl api-resources --namespaced -o name");
    expect(namespaced).toContain("pods");
    expect(namespaced).not.toContain("nodes");
    const cluster = await names("kubectl api-resources --namespaced=false -o name");
    expect(cluster).toContain("nodes");
    expect(cluster).not.toContain("pods");
    // tokenreviews can only be created.
    const review = "tokenreviews.authentication.k8s.io";
    expect(await names("kubectl api-resources -o name")).toContain(review);
    expect(await names("kubectl api-resources --verbs=list -o name")).not.toContain(review);
    expect(
      await names("kubectl api-resources --verbs=list,watch --namespaced=false -o name"),
    ).toContain("nodes");
  });
});
