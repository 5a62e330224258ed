import { describe, expect, it } from "vitest";
import { assertContentSize, assertWorkspaceId, normalizeWorkspacePath } from "./file-path";
import { MAX_FILE_BYTES } from "./limits";
import { WorkspaceError } from "./workspace-error";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof WorkspaceError) return error.code;
    throw error;
  }
  return undefined;
}

describe("workspace file names", () => {
  it("accepts plain names and drops a leading ./", () => {
    expect(normalizeWorkspacePath("pod.yaml")).toBe("pod.yaml");
    expect(normalizeWorkspacePath(" ./kubeadm-config.yaml ")).toBe("kubeadm-config.yaml");
    expect(normalizeWorkspacePath("클러스터_설정.v2.yaml")).toBe("클러스터_설정.v2.yaml");
  });

  it("refuses folders, traversal, hidden files and shell characters with Korean messages", () => {
    for (const bad of ["a/b.yaml", "../x", "..", ".", ".bashrc", "a b.yaml", "x;rm", "$HOME", ""]) {
      expect(
        codeOf(() => normalizeWorkspacePath(bad)),
        bad,
      ).toBe("badPath");
    }
    expect(() => normalizeWorkspacePath("a/b")).toThrow("폴더는 만들 수 없습니다");
  });

  it("limits the name length", () => {
    expect(codeOf(() => normalizeWorkspacePath("a".repeat(100)))).toBeUndefined();
    expect(codeOf(() => normalizeWorkspacePath("a".repeat(101)))).toBe("badPath");
  });
});

describe("workspace ids and sizes", () => {
  it("accepts lab ids and the free sandbox only", () => {
    expect(assertWorkspaceId("sandbox")).toBe("sandbox");
    expect(assertWorkspaceId("ha-design")).toBe("ha-design");
    expect(codeOf(() => assertWorkspaceId("../etc"))).toBe("badWorkspace");
    expect(codeOf(() => assertWorkspaceId("Lab"))).toBe("badWorkspace");
  });

  it("counts UTF-8 bytes, not characters, against the size limit", () => {
    expect(codeOf(() => assertContentSize("a".repeat(MAX_FILE_BYTES)))).toBeUndefined();
    // 3 bytes per Hangul syllable: a third of the limit in characters is already too much + 1.
    const hangul = "가".repeat(Math.floor(MAX_FILE_BYTES / 3) + 1);
    const error = (() => {
      try {
        assertContentSize(hangul);
      } catch (e) {
        return e as WorkspaceError;
      }
    })();
    expect(error?.code).toBe("fileTooLarge");
    expect(error?.status).toBe(413);
    expect(error?.message).toMatch(/최대 64 KiB/);
  });
});
