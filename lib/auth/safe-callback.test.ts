import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

describe("safeCallbackPath", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeCallbackPath("/courses/k8s?x=1#s2")).toBe("/courses/k8s?x=1#s2");
    expect(safeCallbackPath("/")).toBe("/");
  });

  it("refuses absolute and protocol-relative URLs", () => {
    expect(safeCallbackPath("https://evil.example/")).toBe("/");
    expect(safeCallbackPath("//evil.example/")).toBe("/");
    expect(safeCallbackPath("/\\evil.example")).toBe("/");
    expect(safeCallbackPath("javascript:alert(1)")).toBe("/");
    expect(safeCallbackPath("/\tevil")).toBe("/");
  });

  it("falls back for missing values and for the auth pages themselves", () => {
    expect(safeCallbackPath(undefined, "/profile")).toBe("/profile");
    expect(safeCallbackPath(["/a"])).toBe("/");
    expect(safeCallbackPath("/signin?callbackUrl=/x")).toBe("/");
    expect(safeCallbackPath("/signup")).toBe("/");
    expect(safeCallbackPath("/signing-guide")).toBe("/signing-guide");
  });
});
