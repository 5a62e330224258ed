import { z } from "zod";
import type { ErrorKey } from "@/lib/i18n";
import { passwordProblem } from "./password-policy";
import { ROLES } from "./roles";

// Issue messages are i18n error keys (see lib/i18n), translated where they are shown.
const msg = (key: ErrorKey) => ({ error: key });

export const emailSchema = z
  .string(msg("emailInvalid"))
  .trim()
  .toLowerCase()
  .max(254, msg("emailTooLong"))
  .pipe(z.email(msg("emailInvalid")));

export const nameSchema = z
  .string(msg("nameRequired"))
  .trim()
  .min(1, msg("nameRequired"))
  .max(50, msg("nameTooLong"));

// Sign-in only needs *a* password; the policy applies to new passwords.
const anyPasswordSchema = z
  .string(msg("passwordRequired"))
  .min(1, msg("passwordRequired"))
  .max(1024, msg("passwordTooLong"));

function checkNewPassword(password: string, email: string | undefined, ctx: z.RefinementCtx) {
  const problem = passwordProblem(password, email);
  if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
}

export const signUpSchema = z
  .object({
    email: emailSchema,
    // Optional: an empty name falls back to the email's local part.
    name: z
      .string()
      .trim()
      .max(50, msg("nameTooLong"))
      .optional()
      .transform((v) => v || undefined),
    password: z.string(msg("passwordRequired")),
  })
  .superRefine((value, ctx) => checkNewPassword(value.password, value.email, ctx));
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({ email: emailSchema, password: anyPasswordSchema });
export type SignInInput = z.infer<typeof signInSchema>;

export const changeNameSchema = z.object({ name: nameSchema });

export const changePasswordSchema = z
  .object({ currentPassword: anyPasswordSchema, newPassword: z.string(msg("passwordRequired")) })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value.newPassword);
    if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
    else if (value.newPassword === value.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "passwordSameAsCurrent" });
    }
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export const changeRoleSchema = z.object({ role: z.enum(ROLES, msg("roleInvalid")) });
