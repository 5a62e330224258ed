import type { PrismaClient, Role } from "@/lib/generated/prisma/client";
import { AuthError } from "./auth-error";
import { burnVerifyTime, verifyPassword } from "./password-hash";
import { signInSchema } from "./schemas";
import { checkSignInAllowed, clearEmailFailures, recordSignInFailure } from "./sign-in-failures";

export interface AuthorizedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * Checks an email + password sign-in. Throws AuthError("invalidCredentials")
 * for an unknown email and for a wrong password alike (same message, same
 * timing), and AuthError("rateLimited") once too many attempts failed.
 */
export async function authorizeCredentials(
  prisma: PrismaClient,
  input: { email?: unknown; password?: unknown },
  ip: string | null,
  now: Date = new Date(),
): Promise<AuthorizedUser> {
  const parsed = signInSchema.safeParse(input);
  // Malformed input is reported like a wrong password: sign-in does not say
  // which part was wrong.
  if (!parsed.success) throw new AuthError("invalidCredentials");
  const { email, password } = parsed.data;

  const allowed = await checkSignInAllowed(prisma, email, ip, now);
  if (!allowed.allowed) throw new AuthError("rateLimited", allowed.retryAt);

  const user = await prisma.user.findUnique({ where: { email } });
  const ok = user?.passwordHash
    ? await verifyPassword(user.passwordHash, password)
    : (await burnVerifyTime(password), false);
  if (!user || !ok) {
    await recordSignInFailure(prisma, email, ip, now);
    throw new AuthError("invalidCredentials");
  }
  await clearEmailFailures(prisma, email);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
