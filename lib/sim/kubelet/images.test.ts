import { describe, expect, it } from "vitest";
import { fnv32a } from "../controllers/shared/hash";
import { hex64, imageID } from "./images";

describe("hex64", () => {
  it("is the eight FNV-1a hashes of '<i>:<text>' in hex", () => {
    for (const text of ["", "a", "uid-1/web/0", "docker.io/library/nginx:1.25", "é✓"]) {
      let want = "";
      for (let i = 0; i < 8; i++) want += fnv32a(`${i}:${text}`).toString(16).padStart(8, "0");
      expect(hex64(text)).toBe(want);
      expect(hex64(text)).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(hex64("uid-1/web/0")).not.toBe(hex64("uid-1/web/1"));
  });

  it("gives an image its repository digest", () => {
    expect(imageID("nginx:1.25")).toBe(
      `docker.io/library/nginx@sha256:${hex64("docker.io/library/nginx:1.25")}`,
    );
  });
});
