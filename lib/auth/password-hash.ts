import { hash, verify } from "@node-rs/argon2";

// @node-rs/argon2 defaults to argon2id with OWASP's minimum parameters
// (19 MiB, 2 passes, 1 lane); the algorithm is stored in the PHC string, so
// these can be raised later without breaking existing hashes.
export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must read as "wrong password", not crash sign-in.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification so that "no such user" and
 * "wrong password" cannot be told apart by response time.
 */
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hash("kubelab-timing-equaliser-0");
  await verifyPassword(await dummyHash, password);
}
