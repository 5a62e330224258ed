import { describe, expect, it } from "vitest";
import { hasRole, isRole } from "./roles";

describe("roles", () => {
  it("ranks LEARNER < INSTRUCTOR < ADMIN", () => {
    expect(hasRole("ADMIN", "INSTRUCTOR")).toBe(true);
    expect(hasRole("INSTRUCTOR", "INSTRUCTOR")).toBe(true);
    expect(hasRole("INSTRUCTOR", "ADMIN")).toBe(false);
    expect(hasRole("LEARNER", "INSTRUCTOR")).toBe(false);
    expect(hasRole("LEARNER", "LEARNER")).toBe(true);
  });

  it("recognises only the schema's role names", () => {
    expect(isRole("ADMIN")).toBe(true);
    expect(isRole("admin")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
