import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AuthError } from "./auth-error";
import { hashPassword, verifyPassword } from "./password-hash";
import type { ChangePasswordInput } from "./schemas";

export async function changeName(prisma: PrismaClient, userId: string, name: string) {
  const result = await prisma.user.updateMany({ where: { id: userId }, data: { name } });
  if (result.count === 0) throw new AuthError("userNotFound");
}

/** Input must already be parsed with changePasswordSchema (policy checked there). */
export async function changePassword(
  prisma: PrismaClient,
  userId: string,
  input: ChangePasswordInput,
) {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { passwordHash: true },
  });
  if (!user) throw new AuthError("userNotFound");
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AuthError("currentPasswordWrong");
  }
  await prisma.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.newPassword) },
  });
}
