import { describe, expect, it } from "vitest";
import { requesterFile } from "./requester-file-row";

describe("requesterFile", () => {
  it("maps a row with a file to the file", () => {
    const updatedAt = new Date("2026-11-28T05:00:00Z");
    expect(
      requesterFile({ role: "LEARNER", path: "pod.yaml", content: "kind: Pod\n", updatedAt }),
    ).toEqual({ path: "pod.yaml", content: "kind: Pod\n", updatedAt });
  });

  it("maps a row without a file (NULL columns) to null, an empty file to a file", () => {
    expect(
      requesterFile({ role: "LEARNER", path: null, content: null, updatedAt: null }),
    ).toBeNull();
    const updatedAt = new Date(0);
    expect(requesterFile({ role: "LEARNER", path: "a", content: "", updatedAt })).toEqual({
      path: "a",
      content: "",
      updatedAt,
    });
  });
});
