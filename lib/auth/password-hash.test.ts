import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password-hash";

describe("password hashing", () => {
  it("produces a salted argon2id PHC string that verifies only the same password", async () => {
    const first = await hashPassword("kubelab-demo-1234");
    const second = await hashPassword("kubelab-demo-1234");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    expect(first).not.toContain("kubelab-demo-1234");
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, "kubelab-demo-1234")).toBe(true);
    expect(await verifyPassword(first, "kubelab-demo-1235")).toBe(false);
  });

  it("treats a malformed stored hash as a mismatch", async () => {
    expect(await verifyPassword("not-a-hash", "whatever-123")).toBe(false);
  });
});
