import { describe, expect, it } from "vitest";
import { changePasswordSchema, changeRoleSchema, signInSchema, signUpSchema } from "./schemas";

const issues = (r: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("signUpSchema", () => {
  it("normalises the email and treats an empty name as absent", () => {
    const r = signUpSchema.parse({
      email: " Kim@Example.COM ",
      name: "  ",
      password: "kubernetes-2026",
    });
    expect(r).toEqual({ email: "kim@example.com", name: undefined, password: "kubernetes-2026" });
  });

  it("reports i18n keys per field", () => {
    // Both problems at once, so the form can show them together.
    expect(issues(signUpSchema.safeParse({ email: "kim@", password: "abc" }))).toEqual({
      email: "emailInvalid",
      password: "passwordTooShort",
    });
    expect(issues(signUpSchema.safeParse({ email: "kim@example.com", password: "abc" }))).toEqual({
      password: "passwordTooShort",
    });
    expect(
      issues(
        signUpSchema.safeParse({
          email: "a@b.io",
          name: "가".repeat(51),
          password: "kubernetes-2026",
        }),
      ),
    ).toEqual({ name: "nameTooLong" });
    expect(issues(signUpSchema.safeParse({}))).toMatchObject({
      email: "emailInvalid",
      password: "passwordRequired",
    });
  });

  it("refuses a password containing the email's local part", () => {
    const r = signUpSchema.safeParse({
      email: "minsu.kim@example.com",
      password: "minsu.kim-2026",
    });
    expect(issues(r)).toEqual({ password: "passwordContainsEmail" });
  });
});

describe("signInSchema", () => {
  it("needs a password but does not apply the policy (old passwords still sign in)", () => {
    expect(signInSchema.safeParse({ email: "a@b.io", password: "x" }).success).toBe(true);
    expect(issues(signInSchema.safeParse({ email: "a@b.io", password: "" }))).toEqual({
      password: "passwordRequired",
    });
  });
});

describe("changePasswordSchema", () => {
  it("applies the policy to the new password and refuses reusing the current one", () => {
    expect(
      issues(changePasswordSchema.safeParse({ currentPassword: "x", newPassword: "short" })),
    ).toEqual({
      newPassword: "passwordTooShort",
    });
    expect(
      issues(
        changePasswordSchema.safeParse({
          currentPassword: "same-pass-123",
          newPassword: "same-pass-123",
        }),
      ),
    ).toEqual({ newPassword: "passwordSameAsCurrent" });
  });
});

describe("changeRoleSchema", () => {
  it("accepts exactly the three roles", () => {
    expect(changeRoleSchema.safeParse({ role: "INSTRUCTOR" }).success).toBe(true);
    expect(issues(changeRoleSchema.safeParse({ role: "admin" }))).toEqual({ role: "roleInvalid" });
  });
});
