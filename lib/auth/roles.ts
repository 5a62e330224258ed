import type { Role } from "@/lib/generated/prisma/client";

export type { Role };

// Order matters: each role can do everything the roles before it can.
export const ROLES = ["LEARNER", "INSTRUCTOR", "ADMIN"] as const satisfies readonly Role[];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `actual` is `required` or a more privileged role. */
export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}
