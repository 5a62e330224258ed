import { describe, expect, it } from "vitest";
import { normalizedImageName } from "../../framework/pod-info";
import { makeNode, makePod, scoreAll, snapshotOf } from "../../testing/fixtures";
import { ImageLocality, imageLocalityPriority } from "./image-locality";

const MB = 1024 * 1024;

describe("ImageLocality", () => {
  const image = [{ names: ["nginx:1.25"], sizeBytes: 300 * MB }];
  const snapshot = snapshotOf([
    makeNode("a", { images: image }),
    makeNode("b", { images: image }),
    makeNode("c"),
  ]);

  it("scores by image size scaled by how many nodes hold it", () => {
    // 300 MB × 2/3 = 200 MB → 100 × (200 − 23) / (1000 − 23) = 18
    const scores = scoreAll(new ImageLocality(), makePod("p"), snapshot)!;
    expect(scores.raw).toEqual({ a: 18, b: 18, c: 0 });
  });

  it("normalizes untagged names to :latest (so nginx does not match nginx:1.25)", () => {
    expect(normalizedImageName("nginx")).toBe("nginx:latest");
    expect(normalizedImageName("registry:5000/app")).toBe("registry:5000/app:latest");
    expect(normalizedImageName("nginx:1.25")).toBe("nginx:1.25");
    const untagged = makePod("p", { containers: [{ name: "c", image: "nginx" }] });
    expect(scoreAll(new ImageLocality(), untagged, snapshot)!.raw).toEqual({ a: 0, b: 0, c: 0 });
  });

  it("clamps between 23 MB and 1000 MB per container", () => {
    expect(imageLocalityPriority(5 * MB, 1)).toBe(0);
    expect(imageLocalityPriority(5000 * MB, 1)).toBe(100);
  });
});
