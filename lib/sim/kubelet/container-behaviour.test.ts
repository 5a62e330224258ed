import { describe, expect, it } from "vitest";
import { containerBehaviour } from "./container-behaviour";

describe("containerBehaviour", () => {
  it("decides by image and command, whichever container object asks", () => {
    // Two pods of one Deployment: equal containers, distinct objects.
    expect(containerBehaviour({ name: "web", image: "nginx:1.25" })).toEqual({
      runMs: Infinity,
      exitCode: 0,
      pullable: true,
    });
    expect(containerBehaviour({ name: "web", image: "nginx:1.25" })).toEqual({
      runMs: Infinity,
      exitCode: 0,
      pullable: true,
    });
    // Same image, a command: decided by the command, not by the image seen before.
    expect(
      containerBehaviour({ name: "job", image: "nginx:1.25", command: ["sh", "-c", "exit 3"] }),
    ).toEqual({ runMs: 1000, exitCode: 3, pullable: true });
    expect(containerBehaviour({ name: "b", image: "busybox" })).toEqual({
      runMs: 100,
      exitCode: 0,
      pullable: true,
    });
    expect(containerBehaviour({ name: "b", image: "busybox", args: ["sleep", "30"] })).toEqual({
      runMs: 30_000,
      exitCode: 0,
      pullable: true,
    });
    expect(containerBehaviour({ name: "x", image: "nginx:doesnotexist" }).pullable).toBe(false);
  });
});
