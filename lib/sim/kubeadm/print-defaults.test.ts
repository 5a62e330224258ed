import { describe, expect, it } from "vitest";
import { validateConfigFile } from "./load-config";
import { printInitDefaults, printJoinDefaults } from "./print-defaults";
import { parseKubeadmConfig } from "./parse";

const host = {
  hostname: "master1",
  ip: "192.168.56.10",
  generateToken: () => "abcdef.0123456789abcdef",
};

describe("kubeadm config print init-defaults", () => {
  it("prints the v1beta3 documents of kubeadm 1.28 with the minor's version", () => {
    const text = printInitDefaults("v1.28.0");
    expect(text.split("---\n")).toHaveLength(2);
    expect(text).toContain("apiVersion: kubeadm.k8s.io/v1beta3\nbootstrapTokens:\n");
    expect(text).toContain("kubernetesVersion: 1.28.0\n");
    expect(text).toContain("apiServer:\n  timeoutForControlPlane: 4m0s\n");
    expect(text).not.toContain("v1beta4");
  });

  it("is itself a config kubeadm 1.28 accepts without warnings", () => {
    const parsed = parseKubeadmConfig(printInitDefaults());
    expect(parsed.errors).toEqual([]);
    expect(parsed.strict).toEqual([]);
    expect(validateConfigFile(printInitDefaults(), { host })).toMatchObject({ ok: true });
    expect(validateConfigFile(printJoinDefaults(), { host })).toMatchObject({ ok: true });
  });

  it("prints v1beta4 for 1.31+, which 1.28 cannot read but 1.31 can", () => {
    const text = printInitDefaults("v1.31.2");
    expect(text).toContain("apiVersion: kubeadm.k8s.io/v1beta4");
    expect(text).toContain("kubernetesVersion: 1.31.0\n");
    expect(parseKubeadmConfig(text, 28).errors).not.toEqual([]);
    const on31 = parseKubeadmConfig(text, 31);
    expect(on31.errors).toEqual([]);
    expect(on31.strict).toEqual([]);
  });
});
