import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { AuthError } from "./auth-error";
import { hashPassword } from "./password-hash";
import type { SignUpInput } from "./schemas";

/** Creates a LEARNER account. Input must already be parsed with signUpSchema. */
export async function signUp(prisma: PrismaClient, input: SignUpInput) {
  // Cheap pre-check so a duplicate does not cost an argon2 hash; the unique
  // index below is what actually guarantees it under concurrency.
  const existing = await prisma.user.findUnique({
    where: { email: input.email },
    select: { id: true },
  });
  if (existing) throw new AuthError("emailTaken");
  const passwordHash = await hashPassword(input.password);
  try {
    return await prisma.user.create({
      data: {
        email: input.email,
        name: input.name ?? input.email.split("@")[0]!,
        passwordHash,
      },
      select: { id: true, email: true, name: true, role: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AuthError("emailTaken");
    }
    throw error;
  }
}
