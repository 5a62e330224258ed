import { describe, expect, it } from "vitest";
import { COURSE_HA_CONFIG } from "./fixtures";
import { parseKubeadmConfig } from "./parse";
import { fieldPosition } from "./positions";

describe("fieldPosition", () => {
  it("points at the course example's metadata key", () => {
    const parsed = parseKubeadmConfig(COURSE_HA_CONFIG);
    const [field] = parsed.strict[0]!.unknownFields!;
    expect(field).toBe("metadata");
    expect(fieldPosition(COURSE_HA_CONFIG, "ClusterConfiguration", field!)).toEqual({
      line: 3,
      column: 1,
    });
  });

  it("follows nested paths and list indices in the right document", () => {
    const text =
      "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n---\napiVersion: kubeadm.k8s.io/v1beta3\nkind: InitConfiguration\nbootstrapTokens:\n- token: abcdef.0123456789abcdef\n  tll: 1h\n";
    expect(fieldPosition(text, "InitConfiguration", "bootstrapTokens[0].tll")).toEqual({
      line: 8,
      column: 3,
    });
    expect(fieldPosition(text, "InitConfiguration", "nope")).toBeNull();
  });
});
