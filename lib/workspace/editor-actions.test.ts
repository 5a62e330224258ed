import { describe, expect, it } from "vitest";
import {
  applyCommand,
  fileForOpenedText,
  initCommand,
  isKubeadmConfig,
  uniqueFileName,
  validateCommand,
} from "./editor-actions";

describe("editor actions", () => {
  it("recognizes kubeadm configs by apiVersion", () => {
    expect(
      isKubeadmConfig("apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n"),
    ).toBe(true);
    expect(isKubeadmConfig('---\napiVersion: "kubeadm.k8s.io/v1beta4"\n')).toBe(true);
    expect(isKubeadmConfig("apiVersion: v1\nkind: Pod\n# kubeadm.k8s.io/v1beta3\n")).toBe(false);
  });

  it("applies the editor text through stdin and runs kubeadm on the saved file", () => {
    expect(applyCommand("pod.yaml", "kind: Pod\n")).toEqual({
      command: "kubectl apply -f -",
      display: "kubectl apply -f - < pod.yaml",
      stdin: "kind: Pod\n",
      needsSavedFile: false,
    });
    expect(validateCommand("ha.yaml").command).toBe("kubeadm config validate --config ha.yaml");
    expect(initCommand("ha.yaml")).toMatchObject({
      command: "kubeadm init --config ha.yaml",
      needsSavedFile: true,
    });
  });

  it("never overwrites a file when naming a new one", () => {
    expect(uniqueFileName("a.yaml", [])).toBe("a.yaml");
    expect(uniqueFileName("a.yaml", ["a.yaml", "a-2.yaml"])).toBe("a-3.yaml");
    expect(uniqueFileName("Makefile", ["Makefile"])).toBe("Makefile-2");
  });

  it("reuses a file with the same text for a lesson link, else makes a new one", () => {
    const cfg = "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\n";
    expect(fileForOpenedText(cfg, [])).toEqual({ path: "kubeadm-config.yaml", isNew: true });
    expect(fileForOpenedText(cfg, [{ path: "mine.yaml", content: cfg }])).toEqual({
      path: "mine.yaml",
      isNew: false,
    });
    expect(fileForOpenedText(cfg, [{ path: "kubeadm-config.yaml", content: "edited" }]).path).toBe(
      "kubeadm-config-2.yaml",
    );
    expect(fileForOpenedText("kind: Pod\n", []).path).toBe("manifest.yaml");
  });
});
